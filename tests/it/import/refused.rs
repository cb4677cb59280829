//! Bad input, one test per kind of problem: each located at its file, sheet and cell with the
//! nearest valid value where there is one, every problem in one run, and nothing written.

use super::{CITY_FLAGS, import, import_csv, workbook};
use rust_xlsxwriter::Workbook;

/// Imports a workbook expected to be refused: asserts nothing is written, and returns the
/// short diagnostics.
fn refused(sheets: &[(&str, &[&[&str]])]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("bad.xlsx");
    workbook(&source, sheets);
    let out = dir.path().join("out.yaml");
    let (ok, stderr, text) = import(&source, &out, &CITY_FLAGS);
    assert!(!ok, "expected a refusal");
    assert!(text.is_none(), "nothing is written on error");
    stderr
}

const ELEMENTS: &[&str] = &["ID", "Label", "Sector"];

#[test]
fn an_unknown_sector_is_located_with_the_nearest_value() {
    let err = refused(&[(
        "Elements",
        &[
            ELEMENTS,
            &["a", "A", "council"],
            &["b", "B", "Recovery comunity"],
        ],
    )]);
    assert!(
        err.contains("bad.xlsx:Elements!C3: error: unknown sector `Recovery comunity` (row 3, column `Sector`); did you mean `recovery_community`?"),
        "{err}"
    );
}

#[test]
fn a_missing_label_column_is_reported_at_the_sheet() {
    let err = refused(&[("Elements", &[&["ID", "Sector"], &["a", "council"]])]);
    assert!(
        err.contains("bad.xlsx:Elements!A1: error: sheet `Elements` of `"),
        "{err}"
    );
    assert!(err.contains("has no header row with `Label`"), "{err}");
}

#[test]
fn a_connection_to_an_unknown_element_and_duplicate_ids_are_all_reported() {
    let err = refused(&[
        (
            "Elements",
            &[
                ELEMENTS,
                &["a", "Alpha House", "council"],
                &["a", "Beta", "council"],
                &["c", "Gamma", "housing"],
            ],
        ),
        (
            "Connections",
            &[
                &["From", "To", "Type", "Strength", "ID"],
                &["a", "Alpha Hose", "funding", "2", "x1"],
                &["a", "c", "funding", "strong", "x1"],
            ],
        ),
    ]);
    for expected in [
        "bad.xlsx:Elements!A3: error: duplicate ID `a` (row 3, column `ID`); the ID is first used in row 2",
        "bad.xlsx:Connections!B2: error: `Alpha Hose` is not an organisation of the elements sheet (row 2, column `To`); did you mean `Alpha House`?",
        "bad.xlsx:Connections!D3: warning: `strong` is not a number (row 3, column `Strength`); import does not read Strength",
        "bad.xlsx:Connections!E3: error: duplicate connection ID `x1`",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
}

#[test]
fn a_formula_cell_is_refused_at_its_cell() {
    let err = refused(&[(
        "Elements",
        &[ELEMENTS, &["a", "=\"Al\"&\"pha\"", "council"]],
    )]);
    assert!(
        err.contains("bad.xlsx:Elements!B2: error: the cell holds a formula (`=\"Al\"&\"pha\"`): import reads values only"),
        "{err}"
    );
    assert!(err.contains("paste it back as values"), "{err}");
    assert_eq!(
        err.matches(": error: ").count(),
        1,
        "one problem, once: {err}"
    );
}

#[test]
fn an_empty_sheet_is_reported() {
    let err = refused(&[("Elements", &[])]);
    assert!(err.contains("error: sheet `Elements` of `"), "{err}");
    assert!(err.contains("` is empty"), "{err}");
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("stakeholders.xlsx");
    std::fs::write(&source, "Label,Sector\nA,council\n").expect("written");
    let (ok, err, text) = import(&source, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("error: this is not a workbook: it is not a zip archive"),
        "{err}"
    );
    let other = dir.path().join("stakeholders.docx.pdf");
    std::fs::write(&other, "%PDF-1.4").expect("written");
    let (ok, err, _) = import(&other, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok);
    assert!(
        err.contains("this is not a workbook or a CSV file"),
        "{err}"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&source).expect("created"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("an entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).expect("written");
    }
    zip.finish().expect("finished");
    assert!(std::fs::metadata(&source).expect("meta").len() < 4 << 20);
    let (ok, err, text) = import(&source, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("error: the workbook would expand to 300 MiB, over the limit of 256 MiB: it was not opened"),
        "{err}"
    );
}

#[test]
fn a_cell_far_to_the_right_is_refused_not_expanded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("wide.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Elements").expect("named");
    sheet.write_string(0, 0, "Label").expect("written");
    sheet
        .write_string(1_048_575, 16_383, "far")
        .expect("written");
    book.save(&source).expect("saved");
    let (ok, err, text) = import(&source, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("error: row 1048576 of sheet `Elements` has more than 1000 columns, over the import's limit"),
        "{err}"
    );
}

#[test]
fn city_fields_are_required_and_an_existing_file_is_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("s.xlsx");
    workbook(
        &source,
        &[("Elements", &[ELEMENTS, &["a", "A", "council"]])],
    );
    let out = dir.path().join("out.yaml");
    let (ok, err, _) = import(&source, &out, &["--city-name", "Harbourton"]);
    assert!(!ok);
    assert!(
        err.contains("error: the city's `country` is not given; pass `--country GB`"),
        "{err}"
    );
    assert!(err.contains("the city's `as_of` is not given"), "{err}");
    std::fs::write(&out, "mine").expect("written");
    let (ok, err, text) = import(&source, &out, &CITY_FLAGS);
    assert!(!ok && err.contains("--force"), "{err}");
    assert_eq!(text.as_deref(), Some("mine"));
    let (ok, err, text) = import(&source, &out, &[&CITY_FLAGS[..], &["--force"]].concat());
    assert!(ok, "{err}");
    assert!(
        text.expect("written")
            .contains("format: inclusive-cities/v1")
    );
}

#[test]
fn every_problem_in_the_rows_is_reported_at_once() {
    let (ok, err, text) = import_csv(
        &[
            (
                "elements.csv",
                "Label,Sector,Website\nHub,recovery community,hub.example\nEsc \u{1b}[2J,council,\nClinic,treatment,\n",
            ),
            (
                "connections.csv",
                "From,To,Type,Trust,Warm handover\nHub,Hub,referral,,\nClinic,Hub,referral,5,\nClinic,Hub,funding,,yes\nHub,Clinic,Referral,,\n",
            ),
        ],
        &CITY_FLAGS,
    );
    assert!(!ok && text.is_none());
    for expected in [
        "elements.csv:C1: warning: column `Website` is not read",
        "elements.csv:A3: error: the cell holds a control character (U+001B) (row 3, column `Label`)",
        "connections.csv:B2: error: `hub` is connected to itself",
        "connections.csv:D3: error: `5` is not a whole number from 1 to 4 (row 3, column `Trust`)",
        "connections.csv:E4: error: a warm handover is marked on a `funding` partnership",
        "connections.csv:B5: error: a second `referral` partnership between `hub` and `clinic` (row 5, column `To`); the first is in row 3",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert_eq!(
        err.matches(": error: ").count(),
        5,
        "each problem once: {err}"
    );
}

#[test]
fn a_name_two_organisations_share_must_be_given_by_id() {
    let (ok, err, _) = import_csv(
        &[
            ("elements.csv", "Label,Sector\nSame,council\nSame,housing\n"),
            ("connections.csv", "From,To,Type\nSame,same-2,funding\n"),
        ],
        &CITY_FLAGS,
    );
    assert!(!ok);
    assert!(
        err.contains("connections.csv:A2: error: `Same` is not an organisation of the elements sheet (row 2, column `From`); 2 organisations have this name (same, same-2): name it by its ID"),
        "{err}"
    );
}

/// Sets the uncompressed size a zip declares for `name`, in its local and central headers.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let field = |at: usize, name_len_at: usize, name_at: usize, size_at: usize, zip: &mut [u8]| {
        let len = u16::from_le_bytes([zip[at + name_len_at], zip[at + name_len_at + 1]]) as usize;
        if zip.get(at + name_at..at + name_at + len) == Some(name) {
            zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
        }
    };
    for at in 0..zip.len().saturating_sub(46) {
        match zip[at..at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => field(at, 26, 30, 22, zip),
            [0x50, 0x4b, 0x01, 0x02] => field(at, 28, 46, 24, zip),
            _ => {}
        }
    }
}

#[test]
fn a_zip_entry_that_expands_past_its_declared_size_is_stopped() {
    use std::io::{Read as _, Write as _};
    let dir = tempfile::tempdir().expect("temp dir");
    let honest = dir.path().join("honest.xlsx");
    workbook(
        &honest,
        &[("Elements", &[&["Label", "Sector"], &["A", "council"]])],
    );
    // The same workbook, its sheet padded with 300 MiB of spaces that claim to be 4 KiB.
    let mut src = zip::ZipArchive::new(std::fs::File::open(&honest).expect("open")).expect("zip");
    let source = dir.path().join("liar.xlsx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&source).expect("created"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut entry = src.by_index(i).expect("entry");
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        out.start_file(name.as_str(), options).expect("entry");
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(bytes).expect("XML");
            let (head, tail) = text.split_at(text.find("<sheetData>").expect("sheet data"));
            out.write_all(head.as_bytes()).expect("written");
            let spaces = vec![b' '; 1 << 20];
            for _ in 0..300 {
                out.write_all(&spaces).expect("written");
            }
            out.write_all(tail.as_bytes()).expect("written");
        } else {
            out.write_all(&bytes).expect("written");
        }
    }
    out.finish().expect("finished");
    let mut bytes = std::fs::read(&source).expect("read");
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 4096);
    std::fs::write(&source, &bytes).expect("written");
    let (ok, err, text) = import(&source, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("error: the workbook cannot be read: Xml error: I/O error: File is larger than its declared uncompressed size"),
        "{err}"
    );
}
