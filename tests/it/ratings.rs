//! `import --ratings`: a PARTNER-style survey merged into a profile's partnerships, edited in
//! place.

use crate::harness::{bin, root};
use std::path::{Path, PathBuf};

/// A folder holding copies of the import fixtures.
struct Copy {
    dir: tempfile::TempDir,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for name in ["profile.yaml", "survey.csv", "bad-survey.csv"] {
            std::fs::copy(
                root().join("tests/fixtures/import").join(name),
                dir.path().join(name),
            )
            .expect("copied");
        }
        Copy { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("readable")
    }
}

fn import(survey: &Path, profile: &Path) -> assert_cmd::assert::Assert {
    bin()
        .args(["import", "--ratings"])
        .arg(survey)
        .arg("--into")
        .arg(profile)
        .assert()
}

/// The fixture profile after the survey: means by hand. Council and New Dawn: trust (3 + 4) / 2
/// = 3.5 -> 4, value (4 + 3) / 2 = 3.5 -> 4; Outreach and New Dawn (both directions pooled):
/// trust (2 + 3) / 2 = 2.5 -> 3, value 2 (one answer); Quay and the council: trust 1, value 2.
const MERGED: &str = "\
partnerships:
  # Commissioned since the 2024 tender.
  - between: [harbourton-council, new-dawn]   # the LERO contract
    kind: commissioning
    formal: true
    trust: 4        # rated at the spring workshop
    value: 4
  - { from: harbour-outreach, to: new-dawn, kind: referral, trust: 3, value: 2 }
  - between: [harbourton-council, quay-housing]
    kind: commissioning
    trust: 1
    value: 2

# Last reviewed in August.
";

#[test]
fn survey_ratings_are_averaged_into_the_partnerships_keeping_comments_and_layout() {
    let copy = Copy::new();
    let before = copy.read("profile.yaml");
    let out = import(&copy.path("survey.csv"), &copy.path("profile.yaml")).success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let after = copy.read("profile.yaml");
    let head = before.split("partnerships:\n").next().expect("a head");
    assert_eq!(
        after,
        format!("{head}{MERGED}"),
        "only the rating lines change"
    );
    assert_eq!(
        copy.read("profile.yaml.bak"),
        before,
        "the previous text is kept"
    );
    for line in [
        "6 answers about 4 pairs of organisations; each pair's mean is rounded half up",
        "  Harbour Outreach and New Dawn Recovery Community: trust 2.50 from 2 answers -> 3 (was none); value 2.00 from 1 answer -> 2 (was none)\n",
        "  Harbourton City Council and New Dawn Recovery Community: trust 3.50 from 2 answers -> 4 (was 2); value 3.50 from 2 answers -> 4 (was none)\n",
        "rated, but the profile has no partnership between them (a partnership to record, or a typo):\n  Harbour Outreach and Quay Housing Association (1 answer)\n",
        "names that match no organisation in the profile (their answers are left out):\n  `New Dawn Recovry` (row 8): did you mean `New Dawn Recovery Community`?\n",
    ] {
        assert!(stdout.contains(line), "{line:?} in:\n{stdout}");
    }
    bin()
        .arg("validate")
        .arg(copy.path("profile.yaml"))
        .assert()
        .success();
}

#[test]
fn the_same_survey_again_writes_nothing() {
    let copy = Copy::new();
    import(&copy.path("survey.csv"), &copy.path("profile.yaml")).success();
    let merged = copy.read("profile.yaml");
    std::fs::remove_file(copy.path("profile.yaml.bak")).expect("removed");
    let out = import(&copy.path("survey.csv"), &copy.path("profile.yaml")).success();
    assert!(
        String::from_utf8_lossy(&out.get_output().stdout).contains("nothing to write"),
        "said so"
    );
    assert_eq!(copy.read("profile.yaml"), merged);
    assert!(
        !copy.path("profile.yaml.bak").exists(),
        "no backup of an unchanged file"
    );
}

#[test]
fn bad_survey_rows_are_located_and_nothing_is_written() {
    let copy = Copy::new();
    let before = copy.read("profile.yaml");
    let out = bin()
        .args(["--diagnostic-format", "short", "import", "--ratings"])
        .arg(copy.path("bad-survey.csv"))
        .arg("--into")
        .arg(copy.path("profile.yaml"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr)
        .replace(&format!("{}/", copy.dir.path().display()), "");
    insta::assert_snapshot!(stderr, @r"
    bad-survey.csv:2:53: error: column C (`Trust`): a trust rating of 5 is out of range; a rating is a whole number from 1 (low) to 4 (high), or blank for no answer
    bad-survey.csv:3:1: error: column A (`Respondent organisation`): the organisation is blank; write the organisation's name or id, or delete the row if it is not an answer
    bad-survey.csv:4:43: error: column C (`Trust`): `high` is not a trust rating; a rating is a whole number from 1 (low) to 4 (high), or blank for no answer
    error: bad-survey.csv: 3 errors
    ");
    assert_eq!(
        copy.read("profile.yaml"),
        before,
        "the profile is untouched"
    );
    assert!(!copy.path("profile.yaml.bak").exists());
}

#[test]
fn a_survey_without_a_trust_column_says_which_columns_it_has() {
    let copy = Copy::new();
    std::fs::write(
        copy.path("s.csv"),
        "Respondent;Partner;Confidence;Value\nQuay Housing Association;Harbour Outreach;3;3\n",
    )
    .expect("written");
    let out = import(&copy.path("s.csv"), &copy.path("profile.yaml")).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains(
            "no trust column: the first row has `Respondent`, `Partner`, `Confidence`, `Value`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_survey_workbook_reads_as_its_csv_does() {
    let copy = Copy::new();
    let csv = copy.read("survey.csv");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, line) in (0u32..).zip(csv.lines()) {
        for (col, cell) in (0u16..).zip(line.split(',')) {
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(row, col, n),
                Err(_) if cell.is_empty() => continue,
                Err(_) => sheet.write_string(row, col, cell),
            }
            .expect("written");
        }
    }
    workbook.save(copy.path("survey.xlsx")).expect("saved");
    let from_csv = Copy::new();
    import(&from_csv.path("survey.csv"), &from_csv.path("profile.yaml")).success();
    import(&copy.path("survey.xlsx"), &copy.path("profile.yaml")).success();
    assert_eq!(copy.read("profile.yaml"), from_csv.read("profile.yaml"));
}

#[test]
fn a_rating_cell_out_of_range_in_a_workbook_names_its_sheet_row_and_column() {
    let copy = Copy::new();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Answers").expect("named");
    for (col, h) in (0u16..).zip(["Respondent organisation", "Partner", "Trust", "Value"]) {
        sheet.write_string(0, col, h).expect("written");
    }
    sheet
        .write_string(1, 0, "Harbour Outreach")
        .expect("written");
    sheet.write_string(1, 1, "New Dawn").expect("written");
    sheet.write_number(1, 2, 3).expect("written");
    sheet.write_number(1, 3, 2.5).expect("written");
    workbook.save(copy.path("survey.xlsx")).expect("saved");
    let out = import(&copy.path("survey.xlsx"), &copy.path("profile.yaml")).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("sheet `Answers`, row 2, column D (`Value`): a value rating of 2.5 is not a whole number"),
        "{stderr}"
    );
}

#[test]
fn a_survey_saved_in_a_legacy_encoding_asks_for_utf8() {
    let copy = Copy::new();
    std::fs::write(
        copy.path("s.csv"),
        b"Respondent organisation,Partner,Trust,Value\nCaf\xe9 Recovery,Harbour Outreach,3,3\n",
    )
    .expect("written");
    let out = import(&copy.path("s.csv"), &copy.path("profile.yaml")).code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("not UTF-8 text: invalid byte 0xe9 at line 2, column 4")
            && stderr.contains("\"CSV UTF-8\""),
        "{stderr}"
    );
    assert!(!copy.path("profile.yaml.bak").exists());
}
