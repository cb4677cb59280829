//! `plan --format docx`: the Word document holds every action and the monitoring table, is the
//! same bytes each run, and is kept, like any file the engine did not write, once someone has
//! saved it.

use crate::harness::bin;
use predicates::str::contains;
use std::io::{Cursor, Read, Write};
use std::path::Path;

const CITY: &str = "cities/saltmarsh-coast.yaml";
const DOCX: &str = "mission-and-action-plan.docx";

fn plan(out: &Path, format: &str) -> assert_cmd::assert::Assert {
    bin()
        .args(["plan", CITY, "--format", format, "-o"])
        .arg(out)
        .assert()
}

/// The text of one part of a .docx.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

/// The ids of the plan's actions: one per gap of the analysis.
fn action_ids(dir: &Path) -> Vec<String> {
    plan(dir, "plan-json").success();
    let text = std::fs::read_to_string(dir.join("plan.json")).expect("plan.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_owned())
        .collect()
}

#[test]
fn plan_docx_holds_every_action_and_the_monitoring_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan(dir.path(), "docx")
        .success()
        .stderr(contains(format!("wrote {DOCX} to")));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(names, [DOCX], "only the document asked for");
    let bytes = std::fs::read(dir.path().join(DOCX)).expect("the document");
    let xml = part(&bytes, "word/document.xml");
    let ids = action_ids(dir.path());
    assert!(ids.len() > 20);
    for heading in [
        "What Saltmarsh Coast already has",
        ">Mission<",
        ">Vision<",
        "Decisions asked of the board",
        "Within a year",
        ">Year one<",
        ">Risks<",
        ">Monitoring<",
        "Closed or no longer generated",
    ] {
        assert!(xml.contains(heading), "no `{heading}`");
    }
    let monitoring = xml
        .split(">Monitoring<")
        .nth(1)
        .and_then(|rest| rest.split("</w:tbl>").next())
        .expect("a table after the Monitoring heading");
    assert_eq!(
        monitoring.matches("<w:tr>").count(),
        ids.len() + 1,
        "a row per action"
    );
    for header in [">Status<", ">Lead<", ">When<"] {
        assert!(monitoring.contains(header), "monitoring lacks {header}");
    }
    for id in &ids {
        assert!(monitoring.contains(id.as_str()), "`{id}` is not monitored");
        assert!(
            xml.matches(id.as_str()).count() >= 2,
            "`{id}`: monitoring and appendix"
        );
    }
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\""));
    assert!(xml.contains("<w:pStyle w:val=\"Heading1\""));
}

#[test]
fn plan_docx_is_the_same_bytes_each_run_with_fixed_dates() {
    let (a, b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    plan(a.path(), "docx").success();
    bin()
        .env("RAYON_NUM_THREADS", "1")
        .args(["plan", CITY, "--format", "mission,docx", "-o"])
        .arg(b.path())
        .assert()
        .success();
    let first = std::fs::read(a.path().join(DOCX)).expect("first");
    assert_eq!(first, std::fs::read(b.path().join(DOCX)).expect("second"));
    let mut archive = zip::ZipArchive::new(Cursor::new(&first)).expect("zip");
    for i in 0..archive.len() {
        let entry = archive.by_index(i).expect("an entry");
        let date = entry.last_modified().expect("a date");
        assert_eq!(
            (date.year(), date.month(), date.day()),
            (1980, 1, 1),
            "{}: a clock in the archive",
            entry.name()
        );
    }
    let core = part(&first, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>inclusive-cities</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains(">2026-09-01T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
}

/// `docx` with the part `name` edited by `edit`, every other part as it was.
fn with_part(docx: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if entry.name() == name {
            let edited = edit(String::from_utf8(bytes).expect("UTF-8"));
            bytes = edited.into_bytes();
        }
        out.start_file(entry.name(), zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// `docx` with its core properties' last editor replaced, as Word does on saving.
fn saved_by(docx: &[u8], person: &str) -> Vec<u8> {
    with_part(docx, "docProps/core.xml", |text| {
        text.replace(
            "<cp:lastModifiedBy>inclusive-cities<",
            &format!("<cp:lastModifiedBy>{person}<"),
        )
    })
}

#[test]
fn plan_docx_with_one_character_of_its_text_changed_is_kept_unless_forced() {
    let (dir, fresh) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    let path = dir.path().join(DOCX);
    plan(fresh.path(), "docx").success();
    let ours = std::fs::read(fresh.path().join(DOCX)).expect("the document");
    bin()
        .args([
            "plan",
            "cities/eastbrook-town.yaml",
            "--format",
            "docx",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .success();
    plan(dir.path(), "docx").success();
    assert_eq!(std::fs::read(&path).expect("replaced"), ours);
    assert!(part(&ours, "docProps/custom.xml").contains("name=\"inclusive-cities-hash\""));
    let edited = with_part(&ours, "word/document.xml", |text| {
        text.replacen(">Mission<", ">Missiom<", 1)
    });
    assert_ne!(edited, ours);
    std::fs::write(&path, &edited).expect("save");
    plan(dir.path(), "docx")
        .code(2)
        .stderr(contains("not overwriting"))
        .stderr(contains(DOCX));
    assert_eq!(std::fs::read(&path).expect("kept"), edited);
    bin()
        .args(["plan", CITY, "--format", "docx", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(std::fs::read(&path).expect("replaced"), ours);
}

#[test]
fn plan_docx_saved_by_a_person_is_kept_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(DOCX);
    plan(dir.path(), "docx").success();
    plan(dir.path(), "docx").success();
    let ours = std::fs::read(&path).expect("the document");
    let edited = saved_by(&ours, "A. Officer");
    std::fs::write(&path, &edited).expect("save");
    plan(dir.path(), "docx")
        .code(2)
        .stderr(contains("not overwriting"))
        .stderr(contains(DOCX));
    assert_eq!(std::fs::read(&path).expect("kept"), edited);
    std::fs::write(&path, "a document someone wrote").expect("write");
    plan(dir.path(), "mission,docx").code(2);
    assert!(!dir.path().join("mission.md").exists(), "nothing written");
    bin()
        .args(["plan", CITY, "--format", "docx", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(std::fs::read(&path).expect("replaced"), ours);
}

#[test]
fn plan_writes_no_docx_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan(dir.path(), "mission,action-plan,report,json").success();
    bin()
        .args(["plan", CITY, "-o"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(!dir.path().join(DOCX).exists());
    bin()
        .args(["plan", "--help"])
        .assert()
        .success()
        .stdout(contains("docx"));
}
