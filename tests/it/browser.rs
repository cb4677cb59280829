//! report.html and comparison.html in a real browser: headless Chromium opens each page and logs
//! no console message and no request leaving the page (every host name resolves nowhere, and
//! the net log is read for the page's own requests), takes a screenshot that is not blank, and
//! prints the page to a PDF. Skipped, with a message, only where Chromium is not installed;
//! `.ci/run` installs Debian's chromium, so CI always runs it.

use crate::harness::bin;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one Chromium run may take.
const TIMEOUT: Duration = Duration::from_secs(90);

/// The Chromium binary: on the PATH under one of its usual names, or Debian's.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .chain([PathBuf::from("/usr/bin/chromium")])
        .find(|p| p.is_file())
}

/// Chromium, or `None` after saying why the test is skipped (never on CI).
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: Chromium is not installed on CI; .ci/run installs it"
        );
        // Straight to the stream, past the test harness's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped: Chromium not installed (apt-get install chromium to run it)"
        );
    }
    found
}

/// What one headless run left behind.
struct Run {
    /// Chromium's log (standard error).
    log: String,
    /// The net log, as JSON.
    net_log: serde_json::Value,
}

/// Opens `page` in headless Chromium with `action` (a screenshot or a PDF), logging to stderr
/// and to a net log; no host name resolves, so nothing can leave the machine.
fn headless(browser: &Path, page: &Path, action: &[OsString]) -> Run {
    let work = tempfile::tempdir().expect("temp dir");
    let net_log = work.path().join("net-log.json");
    let flag = |name: &str, value: &Path| {
        let mut f = OsString::from(name);
        f.push(value);
        f
    };
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,2000",
        ])
        .arg(flag("--user-data-dir=", &work.path().join("profile")))
        .arg(flag("--log-net-log=", &net_log))
        .args(action)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Chromium starts");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut log = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut log).map(|_| log)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("Chromium runs") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("Chromium took more than {TIMEOUT:?} on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let log = reader
        .join()
        .expect("the reader thread")
        .unwrap_or_else(|e| format!("(unreadable log: {e})"));
    assert!(status.success(), "Chromium failed ({status}):\n{log}");
    let text = std::fs::read_to_string(&net_log).expect("Chromium writes the net log");
    let net_log = serde_json::from_str(&text).expect("the net log is JSON");
    Run { log, net_log }
}

/// Console messages (the pages have no script, so any message is an error or a failed load).
fn console_messages(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// URLs the page itself requested over the network (the browser's own background requests are
/// initiated by "not an origin"; a file:// page's are initiated by "null").
fn page_requests(net_log: &serde_json::Value) -> Vec<String> {
    let start_job = net_log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_u64();
    let events = net_log["events"].as_array().expect("net log events");
    events
        .iter()
        .filter(|e| e["type"].as_u64() == start_job)
        .map(|e| &e["params"])
        .filter(|p| {
            p["initiator"].as_str() != Some("not an origin")
                || p["network_isolation_key"]
                    .as_str()
                    .is_some_and(|k| k.contains("file://"))
        })
        .filter_map(|p| p["url"].as_str())
        .filter(|url| !url.starts_with("file:") && !url.starts_with("data:"))
        .map(str::to_owned)
        .collect()
}

/// Whether a screenshot shows something: enough pixels unlike the background, in many colours.
fn assert_not_blank(png_path: &Path) {
    let bytes = std::fs::read(png_path).expect("Chromium writes the screenshot");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let samples = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks_exact(samples)
        .map(|p| &p[..samples.min(3)])
        .collect();
    let background = pixels[0];
    let differing = pixels
        .iter()
        .filter(|p| p.iter().zip(background).any(|(a, b)| a.abs_diff(*b) > 40))
        .count();
    let colours: std::collections::BTreeSet<Vec<u8>> = pixels
        .iter()
        .map(|p| p.iter().map(|c| c / 16).collect())
        .collect();
    assert!(
        (info.width, info.height) == (1200, 2000),
        "screenshot is {}x{}",
        info.width,
        info.height
    );
    assert!(
        differing * 50 > pixels.len() && colours.len() >= 16,
        "blank screenshot: {differing} of {} pixels differ, {} colours",
        pixels.len(),
        colours.len()
    );
}

/// The whole check of one page.
fn check_in_browser(browser: &Path, page: &Path) {
    let work = tempfile::tempdir().expect("temp dir");
    let png = work.path().join("page.png");
    let mut screenshot = OsString::from("--screenshot=");
    screenshot.push(&png);
    let run = headless(browser, page, &[screenshot]);
    let messages = console_messages(&run.log);
    assert!(
        messages.is_empty(),
        "{}: console: {messages:#?}",
        page.display()
    );
    let requests = page_requests(&run.net_log);
    assert!(
        requests.is_empty(),
        "{}: requests: {requests:#?}",
        page.display()
    );
    assert_not_blank(&png);

    let pdf = work.path().join("page.pdf");
    let mut print = OsString::from("--print-to-pdf=");
    print.push(&pdf);
    let run = headless(browser, page, &[print, "--no-pdf-header-footer".into()]);
    assert!(console_messages(&run.log).is_empty(), "{}", run.log);
    let bytes = std::fs::read(&pdf).expect("Chromium writes the PDF");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 10 * 1024, "a PDF of {} bytes", bytes.len());
}

#[test]
fn report_opens_in_chromium_without_errors_or_requests_and_prints() {
    let Some(browser) = browser_or_skip("report_opens_in_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args([
            "plan",
            "cities/saltmarsh-coast.yaml",
            "--format",
            "report",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .success();
    check_in_browser(&browser, &dir.path().join("report.html"));
}

#[test]
fn comparison_opens_in_chromium_without_errors_or_requests_and_prints() {
    let Some(browser) = browser_or_skip("comparison_opens_in_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["compare", "cities", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    check_in_browser(&browser, &dir.path().join("comparison.html"));
}

#[test]
fn the_checks_catch_a_page_that_errs_and_fetches() {
    let Some(browser) = browser_or_skip("the_checks_catch_a_page_that_errs_and_fetches") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("leaky.html");
    std::fs::write(
        &page,
        "<!doctype html><link rel=stylesheet href=\"http://example.org/a.css\">\
         <img src=\"https://example.com/x.png\"><script>missing();</script>",
    )
    .expect("write");
    let png = dir.path().join("leaky.png");
    let mut screenshot = OsString::from("--screenshot=");
    screenshot.push(&png);
    let run = headless(&browser, &page, &[screenshot]);
    assert!(!console_messages(&run.log).is_empty(), "{}", run.log);
    let requests = page_requests(&run.net_log);
    assert!(
        requests.iter().any(|u| u == "http://example.org/a.css"),
        "{requests:?}"
    );
    assert!(
        requests.iter().any(|u| u == "https://example.com/x.png"),
        "{requests:?}"
    );
}
