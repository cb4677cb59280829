//! The conventions users' tools expect: one exit code per kind of failure, `--version` on every
//! command, `init` that quotes any name and replaces a file only with `--force`.

use crate::harness::{EASTBROOK, bin};
use predicates::str::contains;
use std::time::Duration;

/// Every command that reads a profile, given a path that does not exist, exits 2 and says it
/// cannot read it, like any file that cannot be read; 1 is kept for files with errors.
#[test]
fn a_missing_path_exits_2_on_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-profile.yaml");
    let missing = missing.to_str().expect("a UTF-8 path");
    let out = dir.path().join("out");
    let out = out.to_str().expect("a UTF-8 path");
    for args in [
        vec!["validate", missing],
        vec!["validate", EASTBROOK, missing],
        vec!["analyse", missing],
        vec!["plan", missing, "-o", out],
        vec!["compare", missing, "-o", out],
        vec!["compare", EASTBROOK, missing, "-o", out],
        vec!["export", missing, "--format", "dot"],
        vec!["diff", missing, EASTBROOK],
        vec!["diff", EASTBROOK, missing],
        vec!["whatif", missing],
        vec!["recommend", missing],
        vec!["watch", missing, "-o", out],
        vec!["--model", missing, "analyse", EASTBROOK],
        vec!["--model", missing, "schema"],
    ] {
        bin()
            .args(&args)
            .timeout(Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(contains("cannot read"))
            .stderr(contains("no-such-profile.yaml"));
    }
}

/// A city with errors is still exit 1 in `compare`, and an unreadable one outranks it.
#[test]
fn compare_exits_1_for_an_invalid_city_and_2_when_one_cannot_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let bad = "tests/fixtures/bad/many-problems.yaml";
    bin()
        .args(["compare", EASTBROOK, bad, "-o"])
        .arg(&out)
        .assert()
        .code(1);
    bin()
        .args(["compare", EASTBROOK, bad])
        .arg(dir.path().join("gone.yaml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
}

/// `--version` is answered by every command, not only the top level (clap names the command:
/// `inclusive-cities-plan 0.2.0`).
#[test]
fn every_command_answers_version() {
    let version = format!(" {}\n", env!("CARGO_PKG_VERSION"));
    for command in ["validate", "plan", "compare", "init", "completions", "man"] {
        bin()
            .args([command, "--version"])
            .assert()
            .success()
            .stdout(contains(version.as_str()));
    }
    bin()
        .args(["templates", "export", "--version"])
        .assert()
        .success()
        .stdout(contains(version.as_str()));
}

/// Whatever the city's name holds, `init` writes a starter that validates, with that name.
#[test]
fn init_quotes_any_name_so_the_starter_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, (given, kept)) in [
        ("St. Mary's: North # East", "St. Mary's: North # East"),
        ("-Leading dash", "-Leading dash"),
        ("'Quoted' \"twice\"", "'Quoted' \"twice\""),
        (
            "Back\\slash {braces} [list] &anchor *alias !tag %",
            "Back\\slash {braces} [list] &anchor *alias !tag %",
        ),
        ("Two\nlines\tand  spaces ", "Two lines and spaces"),
        ("Ōsaka", "Ōsaka"),
        ("yes", "yes"),
        ("123", "123"),
        ("null", "null"),
        ("東京", "東京"),
    ]
    .into_iter()
    .enumerate()
    {
        let file = dir.path().join(format!("city-{i}.yaml"));
        // `--`: a name may start with `-`.
        bin()
            .args(["init", "-o"])
            .arg(&file)
            .args(["--", given])
            .assert()
            .success();
        let text = std::fs::read_to_string(&file).expect("written");
        bin()
            .arg("validate")
            .arg(&file)
            .assert()
            .success()
            .stderr(contains("valid"));
        let profile: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
        assert_eq!(profile["city"]["name"], kept, "{given:?}:\n{text}");
        assert_eq!(
            profile["actors"][0]["name"],
            format!("{kept} Council"),
            "{given:?}"
        );
    }
}

/// A name that cannot be a city's name is refused as a usage error, and nothing is written.
#[test]
fn init_refuses_an_empty_name_or_control_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("city.yaml");
    for name in [" \n ", "Bell\u{7}town", "Esc\u{1b}[2Jape"] {
        bin()
            .arg("init")
            .arg(name)
            .arg("-o")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(contains("the city's name"));
        assert!(!file.exists(), "{name:?}");
    }
}

/// `init` keeps an existing file, and replaces it with `--force`.
#[test]
fn init_force_replaces_an_existing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("harbourton.yaml");
    std::fs::write(&file, "# mine\n").expect("write");
    bin()
        .args(["init", "Harbourton", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains("pass --force to overwrite"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "# mine\n");
    bin()
        .args(["init", "Harbourton", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    bin().arg("validate").arg(&file).assert().success();
}

/// A browser printing with its default settings drops background colours. The report's badges
/// and legend swatches are kept (`print-color-adjust: exact`), and do not depend on it: a
/// swatch is drawn by its border, and a badge has a border and says its priority in words and
/// dots, so a black-and-white print tells them apart. (Checked by eye through Chromium's
/// `Page.printToPDF` with `printBackground: false`; these are the marks that made it work.)
#[test]
fn the_report_prints_its_badges_and_legend_without_background_graphics() {
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["plan", EASTBROOK, "--format", "report", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report");
    let css = &html[..html.find("</style>").expect("a style sheet")];
    let rule = |selector: &str| {
        let start = css
            .find(&format!("\n  {selector} {{"))
            .unwrap_or_else(|| panic!("no rule for `{selector}`"));
        let body = &css[start..];
        body[..body.find('}').expect("a closed rule")].to_owned()
    };
    let exact = rule(".tag, .legend i");
    assert!(
        exact.contains("-webkit-print-color-adjust: exact"),
        "{exact}"
    );
    assert!(exact.contains(" print-color-adjust: exact"), "{exact}");
    let swatch = rule(".legend i");
    assert!(
        swatch.contains("border: .4rem solid") && !swatch.contains("background"),
        "{swatch}"
    );
    assert!(rule(".tag").contains("border: 1px solid"));
    let legend = &html[html.find("<ul class=\"legend\">").expect("a legend")..];
    let legend = &legend[..legend.find("</ul>").expect("closed")];
    assert!(
        legend.matches("<i style=\"border-color: #").count() >= 10,
        "{legend}"
    );
    assert!(!legend.contains("background"), "{legend}");
    let mut badges = 0;
    for (severity, dots) in [("high", "●●●"), ("medium", "●●○"), ("low", "●○○")] {
        let open = format!("<span class=\"tag {severity}\">");
        let marked = format!(
            "{open}<span class=\"dots\" aria-hidden=\"true\">{dots}</span>{severity} priority</span>"
        );
        assert_eq!(
            html.matches(&open).count(),
            html.matches(&marked).count(),
            "{severity}"
        );
        badges += html.matches(&marked).count();
    }
    assert!(badges >= 10 && html.contains("●●○"), "{badges} badges");
}
