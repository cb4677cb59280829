//! Files: only regular files are read or replaced (a FIFO, a device, a file that inflates far
//! beyond its size), the output folder is locked while a run writes, no temporary file is left
//! behind (on interruption, or from an earlier run), modes are kept, compare's set is a set,
//! and one message for an unreadable file or an output folder that is a file.

use crate::harness::{EASTBROOK, bin, root};
use predicates::str::contains;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Long enough for any of these runs, short enough that a hang fails the test.
const TIMEOUT: Duration = Duration::from_secs(60);

fn eastbrook() -> PathBuf {
    root().join(EASTBROOK)
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The names in `dir` that are a run's temporary or lock files.
fn leftovers(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.starts_with(".inclusive-cities"))
        .collect()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_as_an_input_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("city.yaml");
    mkfifo(&fifo);
    let zero = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("a link");
    bin()
        .arg("validate")
        .arg(&fifo)
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("is a FIFO (named pipe), not a regular file"));
    bin()
        .arg("validate")
        .arg(&zero)
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("is a character device, not a regular file"));
    bin()
        .arg("--model")
        .arg(&fifo)
        .arg("validate")
        .arg(eastbrook())
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("is a FIFO (named pipe)"));
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("a folder");
    mkfifo(&templates.join("mission.md.tera"));
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("--templates")
        .arg(&templates)
        .arg("-o")
        .arg(dir.path().join("plan"))
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("mission.md.tera` is a FIFO"));
    assert!(!dir.path().join("plan").exists(), "nothing written");
    // In a folder given to compare: left out, the others compared; exit 2, a file unreadable.
    let set = dir.path().join("set");
    std::fs::create_dir(&set).expect("a folder");
    std::fs::copy(eastbrook(), set.join("eastbrook.yaml")).expect("copy");
    mkfifo(&set.join("pipe.yaml"));
    std::os::unix::fs::symlink("/dev/zero", set.join("zero.yaml")).expect("a link");
    bin()
        .arg("compare")
        .arg(&set)
        .arg("-o")
        .arg(dir.path().join("out"))
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("pipe.yaml` is a FIFO"))
        .stderr(contains("zero.yaml` is a character device"))
        .stderr(contains("compared 1 of 3 cities"));
}

#[cfg(unix)]
#[test]
fn a_fifo_where_an_output_goes_is_refused_not_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("network.dot");
    mkfifo(&fifo);
    bin()
        .args(["export", "--format", "dot", "-o"])
        .arg(&fifo)
        .arg(eastbrook())
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("which is a FIFO (named pipe)"))
        .stderr(contains("an output replaces only a regular file"));
    assert!(is_fifo(&fifo), "the FIFO is still there");
    // An earlier plan's analysis.json, read back for "Since the last plan", as a FIFO.
    let out = dir.path().join("plan");
    std::fs::create_dir(&out).expect("a folder");
    mkfifo(&out.join("analysis.json"));
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("analysis.json`, which is a FIFO"));
    assert!(is_fifo(&out.join("analysis.json")));
    assert_eq!(listing(&out), ["analysis.json"], "nothing written");
}

#[test]
fn a_docx_that_inflates_far_beyond_its_size_is_not_taken_for_ours() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("mission-and-action-plan.docx");
    // A small archive whose parts inflate to 80 MiB each, over the 64 MiB a part may have.
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let zeros = vec![b' '; 1 << 20];
    for part in ["docProps/custom.xml", "word/document.xml"] {
        zip.start_file(part, options).expect("a part");
        for _ in 0..80 {
            zip.write_all(&zeros).expect("write");
        }
    }
    zip.finish().expect("an archive");
    assert!(std::fs::metadata(&docx).expect("there").len() < 1 << 20);
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(dir.path())
        .args(["--format", "docx"])
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains("not overwriting"))
        .stderr(contains("mission-and-action-plan.docx"));
}

#[test]
fn a_folder_another_run_is_writing_is_not_written_and_its_lock_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lock_path = dir.path().join(".inclusive-cities.lock");
    let lock = std::fs::File::create(&lock_path).expect("a lock file");
    lock.lock().expect("locked");
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(dir.path())
        .timeout(TIMEOUT)
        .assert()
        .code(2)
        .stderr(contains(
            "is being written by another run of inclusive-cities",
        ))
        .stderr(contains(".inclusive-cities.lock"));
    assert_eq!(
        listing(dir.path()),
        [".inclusive-cities.lock"],
        "nothing written"
    );
    lock.unlock().expect("unlocked");
    drop(lock);
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(dir.path())
        .timeout(TIMEOUT)
        .assert()
        .success();
    assert_eq!(
        leftovers(dir.path()),
        Vec::<String>::new(),
        "the lock is removed"
    );
}

#[test]
fn two_runs_into_one_folder_never_mix_their_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plan");
    let saltmarsh = root().join("cities/saltmarsh-coast.yaml");
    for _ in 0..5 {
        let spawn = |city: &Path| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("inclusive-cities"))
                .arg("plan")
                .arg(city)
                .arg("-o")
                .arg(&out)
                .args(["--force", "--format", "mission,action-plan,json,plan-json"])
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("runs")
        };
        let mut runs = [spawn(&eastbrook()), spawn(&saltmarsh)];
        for run in &mut runs {
            assert!(run.wait().expect("waited").success());
        }
        // Which city each file is of: its title, or its `city` in JSON (a plan's "Since the
        // last plan" names the other city when it follows it, as it should).
        let read = |f: &str| std::fs::read_to_string(out.join(f)).expect("written");
        let title = |f: &str| read(f).lines().nth(1).unwrap_or("").contains("Eastbrook");
        let json = |f: &str| {
            let value: serde_json::Value = serde_json::from_str(&read(f)).expect("JSON");
            value["city"]["id"] == "eastbrook"
        };
        let cities = [
            title("mission.md"),
            title("action-plan.md"),
            json("analysis.json"),
            json("plan.json"),
        ];
        assert!(
            cities.iter().all(|&c| c == cities[0]),
            "one city's files only: {cities:?}"
        );
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }
}

#[cfg(unix)]
#[test]
fn a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .expect("written")
            .permissions()
            .mode()
            & 0o777
    };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"umask 027 && exec "$0" plan "$1" -o "$2" --format mission,json"#)
        .arg(assert_cmd::cargo::cargo_bin("inclusive-cities"))
        .arg(eastbrook())
        .arg(dir.path())
        .status()
        .expect("runs");
    assert!(status.success());
    assert_eq!(mode("mission.md"), 0o640, "umask 027");
    let private = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(dir.path().join("mission.md"), private).expect("chmod");
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(dir.path())
        .args(["--format", "mission,json"])
        .assert()
        .success();
    assert_eq!(mode("mission.md"), 0o600, "kept when replaced");
}

#[test]
fn temporary_files_an_earlier_run_left_are_swept_and_others_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for name in [
        ".inclusive-cities-a1b2c3.tmp",
        ".inclusive-cities-Xy9Zq1",
        "notes.tmp",
        ".inclusive-cities-notes.md",
    ] {
        let file = std::fs::File::create(dir.path().join(name)).expect("create");
        file.set_modified(hour_ago).expect("dated");
    }
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(dir.path())
        .args(["--format", "mission"])
        .assert()
        .success();
    assert_eq!(
        listing(dir.path()),
        [".inclusive-cities-notes.md", "mission.md", "notes.tmp"]
    );
}

/// `n` copies of Eastbrook under `dir`, each with its own city id.
fn many_cities(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(eastbrook()).expect("a city");
    assert!(text.contains("\n  id: eastbrook\n"));
    for i in 0..n {
        let copy = text.replacen(
            "\n  id: eastbrook\n",
            &format!("\n  id: eastbrook-{i}\n"),
            1,
        );
        std::fs::write(dir.join(format!("city-{i:04}.yaml")), copy).expect("write");
    }
}

#[cfg(unix)]
#[test]
fn an_interrupted_compare_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = dir.path().join("set");
    let out = dir.path().join("out");
    std::fs::create_dir(&set).expect("a folder");
    many_cities(&set, 300);
    let mut run = std::process::Command::new(assert_cmd::cargo::cargo_bin("inclusive-cities"))
        .arg("compare")
        .arg(&set)
        .arg("-o")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    // Signal it once it writes (or at once, if it has finished): what is asserted holds either way.
    let start = std::time::Instant::now();
    while run.try_wait().expect("polled").is_none()
        && start.elapsed() < TIMEOUT
        && !has_temporary(&out)
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &run.id().to_string()])
        .status();
    let status = run.wait().expect("waited");
    if out.exists() {
        assert_eq!(leftovers(&out), Vec::<String>::new(), "{status:?}");
    }
}

/// Whether `dir` holds a temporary file now.
fn has_temporary(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".inclusive-cities-")
        })
    })
}

#[cfg(unix)]
#[test]
fn compare_counts_each_file_once_and_follows_no_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = dir.path().join("set");
    std::fs::create_dir_all(set.join("inner")).expect("folders");
    many_cities(&set.join("inner"), 2);
    // A link back up the tree, a second link to the same folder, a link to a file.
    std::os::unix::fs::symlink("..", set.join("inner/up")).expect("a link");
    std::os::unix::fs::symlink("inner", set.join("again")).expect("a link");
    std::os::unix::fs::symlink("inner/city-0000.yaml", set.join("same.yml")).expect("a link");
    bin()
        .arg("compare")
        .arg(&set)
        .arg(set.join("inner/city-0001.yaml"))
        .arg(set.join("inner/../inner/city-0001.yaml"))
        .arg("-o")
        .arg(dir.path().join("out"))
        .timeout(TIMEOUT)
        .assert()
        .success()
        .stderr(contains("compared 2 of 2 cities"));
}

#[test]
fn two_files_with_one_city_id_keep_the_first_and_name_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = dir.path().join("set");
    std::fs::create_dir(&set).expect("a folder");
    many_cities(&set, 2);
    std::fs::copy(eastbrook(), set.join("a.yaml")).expect("copy");
    std::fs::copy(eastbrook(), set.join("b.yaml")).expect("copy");
    let out = dir.path().join("out");
    bin()
        .arg("compare")
        .arg(&set)
        .arg("-o")
        .arg(&out)
        .timeout(TIMEOUT)
        .assert()
        .code(1)
        .stderr(contains("b.yaml` has the city id `eastbrook`, as `"))
        .stderr(contains("a.yaml` has"))
        .stderr(contains("compared 3 of 4 cities"));
    let cities = std::fs::read_to_string(out.join("cities.csv")).expect("written");
    assert_eq!(cities.matches("\neastbrook,").count(), 1, "{cities}");
}

#[test]
fn an_unreadable_file_is_said_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.yaml");
    let out = bin().arg("validate").arg(&missing).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("cannot read").count(), 1, "{stderr}");
    let out = bin()
        .arg("validate")
        .arg(&missing)
        .arg(eastbrook())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.matches("cannot read").count(), 1, "{stderr}");
    assert!(
        stderr.contains("1 of 2 files could not be read"),
        "{stderr}"
    );
}

#[test]
fn an_output_folder_that_is_a_file_is_said_to_be_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("plan.txt");
    std::fs::write(&file, "my notes\n").expect("write");
    let said = "plan.txt` is a file, not a folder";
    bin()
        .arg("plan")
        .arg(eastbrook())
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains(said));
    bin()
        .arg("compare")
        .arg(eastbrook())
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains(said));
    bin()
        .args(["export", "--format", "csv", "-o"])
        .arg(&file)
        .arg(eastbrook())
        .assert()
        .code(2)
        .stderr(contains(said));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "my notes\n");
}
