//! `plan --format monitoring` (monitoring.xlsx) and `import --actions`: the sheet handed round,
//! filled in, and read back into the profile's `actions:`.

use crate::harness::{bin, root};
use calamine::{Data, Reader};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

/// The import fixture with a tracked action (a comment above it, and a note).
fn profile_with_actions() -> String {
    let text = std::fs::read_to_string(root().join("tests/fixtures/import/profile.yaml"))
        .expect("the fixture");
    text.replace(
        "\n# Last reviewed in August.\n",
        "\nactions:\n  # agreed at the September board\n  - id: board-and-mission\n    status: agreed\n    owner: harbourton-council\n    note: Terms of reference drafted\n\n# Last reviewed in August.\n",
    )
}

/// A folder with the profile, and the plan folder inside it.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("profile.yaml"), profile_with_actions()).expect("written");
        Setup { dir }
    }

    fn profile(&self) -> PathBuf {
        self.dir.path().join("profile.yaml")
    }

    fn plan_dir(&self) -> PathBuf {
        self.dir.path().join("plan")
    }

    fn sheet(&self) -> PathBuf {
        self.plan_dir().join("monitoring.xlsx")
    }

    fn plan(&self, format: &str, force: bool) -> assert_cmd::assert::Assert {
        let mut cmd = bin();
        cmd.arg("plan")
            .arg(self.profile())
            .arg("-o")
            .arg(self.plan_dir())
            .args(["--format", format]);
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
    }

    fn import(&self, workbook: &Path) -> assert_cmd::assert::Assert {
        bin()
            .args(["--diagnostic-format", "short", "import", "--actions"])
            .arg(workbook)
            .arg("--into")
            .arg(self.profile())
            .assert()
    }
}

/// The rows of the `Monitoring` sheet.
fn rows(path: &Path) -> Vec<Vec<Data>> {
    let mut workbook = calamine::open_workbook_auto(path).expect("a workbook");
    let range = workbook.worksheet_range("Monitoring").expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A part of an archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

#[test]
fn the_monitoring_sheet_lists_every_action_with_typed_cells_and_a_status_drop_down() {
    let setup = Setup::new();
    setup.plan("plan-json,monitoring", false).success();
    let rows = rows(&setup.sheet());
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        header,
        [
            "ID", "Action", "When", "Lead", "Status", "Owner", "Due", "Note"
        ]
    );
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(setup.plan_dir().join("plan.json")).expect("plan.json"),
    )
    .expect("JSON");
    let ids: Vec<&str> = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["id"].as_str().expect("an id"))
        .collect();
    let sheet_ids: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(sheet_ids, ids, "one row per action, in plan order");
    let tracked = rows
        .iter()
        .find(|r| r[0] == Data::String("board-and-mission".into()))
        .expect("the tracked action");
    assert_eq!(tracked[4], Data::String("agreed".into()));
    assert_eq!(tracked[5], Data::String("Harbourton City Council".into()));
    assert_eq!(
        tracked[7],
        Data::String("Terms of reference drafted".into())
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| matches!(r[6], Data::Empty | Data::DateTime(_))),
        "due dates are date cells"
    );
    let bytes = std::fs::read(setup.sheet()).expect("read");
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(&format!(
            "sqref=\"E2:E{}\"><formula1>\"proposed,agreed,in_progress,done,dropped\"</formula1>",
            ids.len() + 1
        )),
        "the status drop-down: {xml}"
    );
    assert!(xml.contains("<pane ySplit=\"1\""), "the header is frozen");
    assert!(
        xml.contains(&format!(
            "sqref=\"F2:F{}\"><formula1>Organisations!$A$2:$A$5</formula1>",
            ids.len() + 1
        )),
        "the owner drop-down, from the four organisations: {xml}"
    );
    let mut workbook = calamine::open_workbook_auto(setup.sheet()).expect("a workbook");
    let organisations: Vec<String> = workbook
        .worksheet_range("Organisations")
        .expect("the sheet")
        .rows()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(
        organisations,
        [
            "Name",
            "Harbour Outreach",
            "Harbourton City Council",
            "New Dawn Recovery Community",
            "Quay Housing Association"
        ]
    );
}

#[test]
fn the_monitoring_sheet_is_the_same_bytes_each_run() {
    let (a, b) = (Setup::new(), Setup::new());
    a.plan("monitoring", false).success();
    b.plan("monitoring", false).success();
    let first = std::fs::read(a.sheet()).expect("read");
    assert_eq!(first, std::fs::read(b.sheet()).expect("read"));
    a.plan("monitoring", false).success();
    assert_eq!(
        first,
        std::fs::read(a.sheet()).expect("read"),
        "replaced by itself"
    );
}

/// A cell a person types.
enum Cell<'a> {
    Text(&'a str),
    Date(&'a str),
    Blank,
}

/// The sheet `source` as a person saves it after filling it in: every cell copied, the rows
/// whose id is in `changes` with their Status, Owner, Due and Note replaced; the custom
/// properties kept, as Excel and LibreOffice keep them.
fn filled_in(source: &Path, changes: &[(&str, [Cell<'_>; 4])]) -> Vec<u8> {
    let bytes = std::fs::read(source).expect("read");
    let custom = part(&bytes, "docProps/custom.xml");
    let hash = custom
        .split("<vt:lpwstr>")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("the hash property");
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_author("A. Coordinator")
            .set_custom_property("inclusive-cities-hash", hash),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name("Monitoring").expect("named");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in (0u32..).zip(rows(source)) {
        let change = changes
            .iter()
            .find(|(id, _)| matches!(&row[0], Data::String(s) if s == id));
        for (c, cell) in (0u16..).zip(&row) {
            let typed = match change {
                Some((_, cells)) if c >= 4 => &cells[usize::from(c - 4)],
                _ => {
                    match cell {
                        Data::String(s) => sheet.write_string(r, c, s).map(|_| ()),
                        Data::DateTime(d) => sheet
                            .write_number_with_format(r, c, d.as_f64(), &date)
                            .map(|_| ()),
                        _ => Ok(()),
                    }
                    .expect("written");
                    continue;
                }
            };
            match typed {
                Cell::Text(s) => sheet.write_string(r, c, *s).map(|_| ()),
                Cell::Date(d) => sheet
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::parse_from_str(d).expect("a date"),
                        &date,
                    )
                    .map(|_| ()),
                Cell::Blank => Ok(()),
            }
            .expect("written");
        }
    }
    workbook.save_to_buffer().expect("saved")
}

#[test]
fn a_filled_in_sheet_is_read_back_into_the_profile_and_the_plan_shows_it() {
    let setup = Setup::new();
    setup.plan("monitoring", false).success();
    let filled = filled_in(
        &setup.sheet(),
        &[
            (
                "board-and-mission",
                [
                    Cell::Text("Done"),
                    Cell::Text("Harbourton City Council"),
                    Cell::Blank,
                    Cell::Blank,
                ],
            ),
            (
                "partner.housing",
                [
                    Cell::Text("in progress"),
                    Cell::Text("quay-housing"),
                    Cell::Date("2027-03-31"),
                    Cell::Text("'=MoU: first draft"),
                ],
            ),
        ],
    );
    let workbook = setup.dir.path().join("filled.xlsx");
    std::fs::write(&workbook, filled).expect("written");
    let before = std::fs::read_to_string(setup.profile()).expect("read");
    let out = setup.import(&workbook).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(
        stdout.contains("actions read\n  `board-and-mission`: status agreed -> done; note removed\n  `partner.housing`: now tracked (status in_progress, owner quay-housing, due 2027-03-31, note \"=MoU: first draft\")\nwrote "),
        "{stdout}"
    );
    let after = std::fs::read_to_string(setup.profile()).expect("read");
    let expected = before.replace(
        "    status: agreed\n    owner: harbourton-council\n    note: Terms of reference drafted\n",
        "    status: done\n    owner: harbourton-council\n  - id: partner.housing\n    status: in_progress\n    owner: quay-housing\n    due: 2027-03-31\n    note: \"=MoU: first draft\"\n",
    );
    assert_eq!(after, expected, "comments and layout are kept");
    setup.plan("plan-json", false).success();
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(setup.plan_dir().join("plan.json")).expect("plan.json"),
    )
    .expect("JSON");
    let action = |id: &str| {
        plan["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .expect("the action")
    };
    assert_eq!(action("board-and-mission")["status"], "done");
    let housing = action("partner.housing");
    assert_eq!(housing["status"], "in_progress");
    assert_eq!(housing["due"], "2027-03-31");
    assert_eq!(housing["note"], "=MoU: first draft");
}

#[test]
fn a_sheet_saved_by_a_person_is_kept_unless_forced() {
    let setup = Setup::new();
    setup.plan("monitoring", false).success();
    let filled = filled_in(
        &setup.sheet(),
        &[(
            "board-and-mission",
            [Cell::Text("done"), Cell::Blank, Cell::Blank, Cell::Blank],
        )],
    );
    std::fs::write(setup.sheet(), &filled).expect("written");
    let out = setup.plan("monitoring", false).code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("not overwriting"),
        "refused"
    );
    assert_eq!(std::fs::read(setup.sheet()).expect("read"), filled);
    setup.plan("monitoring", true).success();
    assert_ne!(std::fs::read(setup.sheet()).expect("read"), filled);
}

#[test]
fn bad_monitoring_rows_are_located_and_nothing_is_written() {
    let setup = Setup::new();
    setup.plan("monitoring", false).success();
    let filled = filled_in(
        &setup.sheet(),
        &[
            (
                "board-and-mission",
                [
                    Cell::Text("in progres"),
                    Cell::Blank,
                    Cell::Blank,
                    Cell::Blank,
                ],
            ),
            (
                "partner.housing",
                [
                    Cell::Text("agreed"),
                    Cell::Text("Quay Housing Asociation"),
                    Cell::Text("31/03/2027"),
                    Cell::Blank,
                ],
            ),
        ],
    );
    let workbook = setup.dir.path().join("filled.xlsx");
    std::fs::write(&workbook, filled).expect("written");
    let before = std::fs::read_to_string(setup.profile()).expect("read");
    let out = setup.import(&workbook).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    for expected in [
        "sheet `Monitoring`, row 2, column E (`Status`): unknown status `in progres`; did you mean `in_progress`?",
        "column F (`Owner`): no organisation `Quay Housing Asociation` in the profile; did you mean `Quay Housing Association`?",
        "column G (`Due`): `31/03/2027` is not a date; write the date as YYYY-MM-DD",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in:\n{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(setup.profile()).expect("read"),
        before
    );
    assert!(!setup.dir.path().join("profile.yaml.bak").exists());
}

#[test]
fn an_unknown_action_id_is_an_error_with_the_nearest_id() {
    let setup = Setup::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in (0u16..).zip(["ID", "Status", "Owner", "Due", "Note"]) {
        sheet.write_string(0, c, h).expect("written");
    }
    sheet.write_string(1, 0, "partner.housng").expect("written");
    sheet.write_string(1, 1, "agreed").expect("written");
    let path = setup.dir.path().join("mine.xlsx");
    workbook.save(&path).expect("saved");
    let out = setup.import(&path).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("row 2, column A (`ID`): no action `partner.housng` in the plan or the profile; did you mean `partner.housing`?"),
        "{stderr}"
    );
}

#[test]
fn a_row_updates_the_entry_that_tracks_its_action_under_a_gap_id() {
    let setup = Setup::new();
    setup.plan("plan-json", false).success();
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(setup.plan_dir().join("plan.json")).expect("plan.json"),
    )
    .expect("JSON");
    let gap = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["id"] == "partner.housing")
        .and_then(|a| a["gaps"][0].as_str())
        .expect("a gap of partner.housing")
        .to_owned();
    let tracked = profile_with_actions().replace(
        "    note: Terms of reference drafted\n",
        &format!("    note: Terms of reference drafted\n  - id: {gap}\n    status: agreed\n"),
    );
    std::fs::write(setup.profile(), &tracked).expect("written");
    setup.plan("monitoring", false).success();
    let row = rows(&setup.sheet())
        .into_iter()
        .find(|r| r[0] == Data::String("partner.housing".into()))
        .expect("the row");
    assert_eq!(
        row[4],
        Data::String("agreed".into()),
        "shown under the action"
    );
    let filled = filled_in(
        &setup.sheet(),
        &[(
            "partner.housing",
            [Cell::Text("done"), Cell::Blank, Cell::Blank, Cell::Blank],
        )],
    );
    let workbook = setup.dir.path().join("filled.xlsx");
    std::fs::write(&workbook, filled).expect("written");
    setup.import(&workbook).success();
    assert_eq!(
        std::fs::read_to_string(setup.profile()).expect("read"),
        tracked.replace(
            &format!("id: {gap}\n    status: agreed\n"),
            &format!("id: {gap}\n    status: done\n")
        ),
        "the gap's entry is updated, no second entry is added"
    );
}

#[test]
fn a_row_for_an_action_no_longer_made_that_records_nothing_is_left_out() {
    let setup = Setup::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in (0u16..).zip(["ID", "Status", "Owner", "Due", "Note"]) {
        sheet.write_string(0, c, h).expect("written");
    }
    for (r, (id, status)) in (1u32..).zip([
        ("district.old-town", "proposed"),
        ("partner.housing", "agreed"),
    ]) {
        sheet.write_string(r, 0, id).expect("written");
        sheet.write_string(r, 1, status).expect("written");
    }
    let path = setup.dir.path().join("mine.xlsx");
    workbook.save(&path).expect("saved");
    let out = setup.import(&path).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(
        stdout.contains("  row 2: `district.old-town` is not in the plan any more and records nothing: left out\n"),
        "{stdout}"
    );
    let profile = std::fs::read_to_string(setup.profile()).expect("read");
    assert!(
        profile.contains("  - id: partner.housing\n    status: agreed\n"),
        "{profile}"
    );
    assert!(!profile.contains("district.old-town"), "{profile}");
}
