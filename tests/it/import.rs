//! `import`: workbooks and CSV files to a profile. Round trips through our own exports keep the
//! network and its measures; a Kumu layout and a hand-made one import; each kind of bad
//! workbook gets its located message and nothing is written.

use crate::harness::{bin, root};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const CITIES: [&str; 5] = [
    "cities/dalesford-county.yaml",
    "cities/eastbrook-town.yaml",
    "cities/northgate-city.yaml",
    "cities/saltmarsh-coast.yaml",
    "cities/skogsby-kommun.yaml",
];
const EXPORTED: &str = "tests/fixtures/import/exported-fields.yaml";
const CITY_FLAGS: [&str; 6] = [
    "--city-name",
    "Harbourton",
    "--country",
    "GB",
    "--as-of",
    "2026-09-01",
];

/// A workbook of `sheets`, each a name and rows of cells: a cell beginning `=` is written as a
/// formula, one that reads as a number as a number, others as text.
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("a sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if cell.starts_with('=') {
                    sheet.write_formula(r, c, *cell).expect("a formula");
                } else if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n).expect("a number");
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, *cell).expect("a string");
                }
            }
        }
    }
    book.save(path).expect("the workbook is written");
}

/// Runs `import SOURCE -o OUT` with `extra` flags; returns (success, stderr, the profile).
fn import(source: &Path, out: &Path, extra: &[&str]) -> (bool, String, Option<String>) {
    let output = bin()
        .arg("import")
        .arg(source)
        .arg("-o")
        .arg(out)
        .args(["--diagnostic-format", "short"])
        .args(extra)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (
        output.status.success(),
        stderr,
        std::fs::read_to_string(out).ok(),
    )
}

fn analysis(profile: &Path) -> Value {
    let out = bin()
        .arg("analyse")
        .arg(profile)
        .args(["--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("analysis.json")
}

/// Asserts two analyses have the same network: the same actors with the same degree, the
/// same components, articulation points and bridges, and measures equal to 1e-12 (the import
/// lists actors by id, so sums run in another order).
fn assert_same_network(a: &Value, b: &Value, what: &str) {
    let (na, nb) = (&a["network"], &b["network"]);
    for key in [
        "n_actors",
        "n_partnerships",
        "components",
        "articulation_points",
        "bridges",
    ] {
        assert_eq!(na[key], nb[key], "{what}: {key}");
    }
    let actors = |n: &Value| -> BTreeSet<String> {
        n["actors"]
            .as_object()
            .expect("actors")
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(actors(na), actors(nb), "{what}: actors");
    for (id, x) in na["actors"].as_object().expect("actors") {
        let y = &nb["actors"][id];
        assert_eq!(x["degree"], y["degree"], "{what}: {id}");
        assert_eq!(x["sector"], y["sector"], "{what}: {id}");
        assert_eq!(x["name"], y["name"], "{what}: {id}");
        for m in ["betweenness", "closeness"] {
            let (p, q) = (
                x[m].as_f64().expect("a number"),
                y[m].as_f64().expect("a number"),
            );
            assert!((p - q).abs() < 1e-12, "{what}: {id} {m} {p} {q}");
        }
    }
    for m in ["density", "degree_centralization"] {
        let (p, q) = (na[m].as_f64(), nb[m].as_f64());
        assert!(
            (p.unwrap_or(0.0) - q.unwrap_or(0.0)).abs() < 1e-12,
            "{what}: {m}"
        );
    }
}

/// Exports `city` as `format` into `dir` and imports it back; returns the new profile's path.
fn round_trip(city: &str, format: &str, dir: &Path) -> PathBuf {
    let exported = dir.join(if format == "xlsx" { "net.xlsx" } else { "net" });
    bin()
        .args(["export", city, "--format", format, "-o"])
        .arg(&exported)
        .assert()
        .success();
    let out = dir.join(format!("{format}.yaml"));
    let (ok, stderr, _) = import(&exported, &out, &[]);
    assert!(ok, "{city} via {format}: {stderr}");
    out
}

#[test]
fn profile_to_xlsx_or_csv_to_profile_keeps_the_network_and_its_measures() {
    for city in CITIES {
        let original = analysis(&root().join(city));
        for format in ["xlsx", "csv"] {
            let dir = tempfile::tempdir().expect("temp dir");
            let back = analysis(&round_trip(city, format, dir.path()));
            assert_same_network(&original, &back, &format!("{city} via {format}"));
            assert_eq!(original["city"], back["city"], "{city} via {format}");
        }
    }
}

#[test]
fn a_profile_of_exported_fields_comes_back_with_the_same_gaps_and_scores() {
    let original = analysis(&root().join(EXPORTED));
    for format in ["xlsx", "csv"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = round_trip(EXPORTED, format, dir.path());
        let back = analysis(&path);
        assert_same_network(&original, &back, format);
        let gaps = |a: &Value| -> Vec<Value> { a["gaps"].as_array().expect("gaps").clone() };
        assert_eq!(gaps(&original), gaps(&back), "{format}");
        assert_eq!(original["index"], back["index"], "{format}");
        assert_eq!(original["pillars"], back["pillars"], "{format}");
        let text = std::fs::read_to_string(&path).expect("the profile");
        assert!(text.contains("name: \"null\"\n"), "{text}");
        assert!(
            text.contains("name: \"Tidewick: \\\"Old\\\" Port # 2\"\n"),
            "{text}"
        );
        assert!(text.contains("  # Elements row 3\n") || text.contains("  # elements row 3\n"));
    }
}

#[test]
fn the_same_source_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = round_trip(EXPORTED, "xlsx", dir.path());
    let first = std::fs::read(&a).expect("written");
    let (ok, stderr, _) = import(&dir.path().join("net.xlsx"), &a, &["--force"]);
    assert!(ok, "{stderr}");
    assert_eq!(std::fs::read(&a).expect("written"), first);
    // And the export itself: a workbook is the same bytes each run.
    let again = dir.path().join("again.xlsx");
    bin()
        .args(["export", EXPORTED, "--format", "xlsx", "-o"])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&again).expect("written"),
        std::fs::read(dir.path().join("net.xlsx")).expect("written")
    );
}

#[test]
fn a_kumu_layout_imports_by_labels_types_and_tags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("kumu.xlsx");
    workbook(
        &source,
        &[
            (
                "Elements",
                &[
                    &["Label", "Type", "Description", "Tags"],
                    &[
                        "New Dawn",
                        "Recovery community",
                        "Peer-led café",
                        "committed|Peer support",
                    ],
                    &["Harbour Council", "council", "", "committed"],
                    &[
                        "Harbour Outreach",
                        "Harm Reduction",
                        "",
                        "engaged|harm reduction services",
                    ],
                ],
            ),
            (
                "Connections",
                &[
                    &["From", "To", "Type", "Direction", "Strength"],
                    &[
                        "Harbour Council",
                        "New Dawn|Harbour Outreach",
                        "Commissioning",
                        "undirected",
                        "2",
                    ],
                    &["Harbour Outreach", "New Dawn", "referral", "directed", "1"],
                ],
            ),
            ("Notes (ignore)", &[&["anything", "at all"]]),
        ],
    );
    let out = dir.path().join("harbourton.yaml");
    let (ok, stderr, text) = import(&source, &out, &CITY_FLAGS);
    assert!(ok, "{stderr}");
    let text = text.expect("written");
    for expected in [
        "  id: harbourton\n",
        "  - id: new-dawn\n    name: \"New Dawn\"\n    description: \"Peer-led café\"\n    sector: recovery_community\n    commitment: committed\n    provides: [peer_support]\n",
        "  - between: [harbour-council, harbour-outreach]\n    kind: commissioning\n",
        "  - from: harbour-outreach\n    to: new-dawn\n    kind: referral\n",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    // The second command of the worked example.
    let plan = dir.path().join("plan");
    bin()
        .arg("plan")
        .arg(&out)
        .arg("-o")
        .arg(&plan)
        .assert()
        .success();
    assert!(plan.join("action-plan.md").exists());
}

#[test]
fn a_hand_made_layout_with_a_title_row_and_its_own_headers_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("stakeholders.xlsx");
    workbook(
        &source,
        &[
            (
                "Our partners",
                &[
                    &["Harbourton recovery partners, September 2026"],
                    &[],
                    &[
                        "ORGANISATION",
                        "sector ",
                        "Lived experience led",
                        "Provides",
                        "District",
                    ],
                    &[
                        "New Dawn",
                        "recovery_community",
                        "yes",
                        "peer support; recovery café",
                        "Old Town",
                    ],
                    &["New Dawn", "housing", "no", "", "Old Town"],
                    &["Quay Housing", "Housing", "", "supported housing", ""],
                ],
            ),
            (
                "Who works with whom",
                &[
                    &["from", "TO", "kind", "Trust", "Formal"],
                    &["Quay Housing", "new-dawn", "joint delivery", "3", "yes"],
                ],
            ),
            (
                "City",
                &[
                    &["field", "value"],
                    &["name", "Harbourton"],
                    &["country", "GB"],
                    &["as of", "2026-09-01"],
                ],
            ),
        ],
    );
    let out = dir.path().join("harbourton.yaml");
    let (ok, stderr, text) = import(&source, &out, &[]);
    assert!(ok, "{stderr}");
    let text = text.expect("written");
    for expected in [
        "  # Our partners row 4\n  - id: new-dawn\n",
        "  # Our partners row 5\n  - id: new-dawn-2\n",
        "    lived_experience_led: true\n    provides: [peer_support, recovery_cafe]\n    districts: [old-town]\n",
        "  districts: [{ id: old-town, name: \"Old Town\" }]\n",
        "  - between: [quay-housing, new-dawn]\n    kind: joint_delivery\n    formal: true\n    trust: 3\n",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
}

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
        "bad.xlsx:Connections!D3: error: `strong` is not a number (row 3, column `Strength`)",
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
fn a_folder_of_csv_files_in_another_encoding_is_refused_with_how_to_save_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).expect("created");
    std::fs::write(
        csv.join("elements.csv"),
        b"Label;Sector\nCaf\xe9 Hope;community\n",
    )
    .expect("written");
    let (ok, err, text) = import(&csv, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("elements.csv: error: the file is not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
    std::fs::write(
        csv.join("elements.csv"),
        "\u{feff}Label;Sector\nCafé Hope;community\n",
    )
    .expect("written");
    let (ok, err, text) = import(&csv, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(ok, "{err}");
    assert!(text.expect("written").contains("name: \"Café Hope\""));
}

#[test]
fn the_exported_workbook_has_typed_cells_frozen_headers_and_safe_text() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("f.xlsx");
    bin()
        .args([
            "export",
            "tests/fixtures/export/formula-names.yaml",
            "--format",
            "xlsx",
            "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Elements", "Connections", "City"]);
    let elements = book.worksheet_range("Elements").expect("Elements");
    let hub = elements
        .rows()
        .find(|r| r[0] == Data::String("hub".into()))
        .expect("hub");
    assert_eq!(hub[1], Data::String("'=HYPERLINK(\"http://x\")".into()));
    assert_eq!(hub[13], Data::Float(1.0), "degree is a number");
    assert_eq!(
        hub[11],
        Data::Bool(false),
        "lived experience led is a boolean"
    );
    let city = book.worksheet_range("City").expect("City");
    assert_eq!(
        city.get((2, 1)),
        Some(&Data::String("'=Formula Bay".into()))
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut sheet,
    )
    .expect("read");
    assert!(sheet.contains("ySplit=\"1\""), "the header row is frozen");
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core"),
        &mut core,
    )
    .expect("read");
    assert!(core.contains("2026-09-01T00:00:00Z"), "{core}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any name the profile loader accepts reads back exactly once written by `yaml_out`.
    #[test]
    fn any_name_reads_back_through_the_profile_loader(name in "[^\\p{C}]{1,40}") {
        prop_assume!(!name.trim().is_empty() && name.trim() == name);
        let yaml = format!(
            "format: inclusive-cities/v1\ncity: {{ id: x, name: {q}, country: GB, as_of: 2026-09-01 }}\nactors:\n  - id: a\n    name: {q}\n    sector: council\npartnerships: []\n",
            q = inclusive_cities::import::yaml_out::scalar(&name)
        );
        let city = crate::harness::city(&yaml);
        prop_assert_eq!(&city.actors[0].name, &name);
        prop_assert_eq!(&city.name, &name);
    }
}

/// Writes CSV files into a new folder and imports it; returns (success, stderr, the profile).
fn import_csv(files: &[(&str, &str)], extra: &[&str]) -> (bool, String, Option<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("sheets");
    std::fs::create_dir(&source).expect("created");
    for (name, text) in files {
        std::fs::write(source.join(name), text).expect("written");
    }
    import(&source, &dir.path().join("out.yaml"), extra)
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
fn our_earlier_csv_layout_with_from_id_and_to_id_imports() {
    let (ok, err, text) = import_csv(
        &[
            (
                "elements.csv",
                "Label,Type,Description,Tags,ID,Sector,Commitment\nSame Name,council,,committed,council,council,committed\nSame Name,recovery community,,,hub,recovery_community,engaged\n",
            ),
            (
                "connections.csv",
                "From,To,Type,Strength,Direction,From ID,To ID\nSame Name,Same Name,commissioning,2,undirected,council,hub\n",
            ),
        ],
        &CITY_FLAGS,
    );
    assert!(ok, "{err}");
    let text = text.expect("written");
    assert!(
        text.contains("  - between: [council, hub]\n    kind: commissioning\n"),
        "{text}"
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

/// A minimal OpenDocument spreadsheet: one sheet of rows, a cell beginning `=` as a formula
/// with a cached text value.
fn ods(path: &Path, sheet: &str, rows: &[&[&str]]) {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if let Some(formula) = cell.strip_prefix('=') {
                table.push_str(&format!(
                    "<table:table-cell table:formula=\"of:={formula}\" office:value-type=\"string\"><text:p>cached</text:p></table:table-cell>"
                ));
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    zip.start_file("content.xml", stored).expect("entry");
    zip.write_all(content.as_bytes()).expect("written");
    zip.start_file("META-INF/manifest.xml", stored)
        .expect("entry");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .expect("written");
    zip.finish().expect("finished");
}

#[test]
fn an_ods_workbook_imports_and_its_formulas_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("partners.ods");
    ods(
        &source,
        "Organisations",
        &[
            &["Name", "Type"],
            &["New Dawn", "Recovery community"],
            &["Council", "council"],
        ],
    );
    let out = dir.path().join("out.yaml");
    let (ok, err, text) = import(&source, &out, &CITY_FLAGS);
    assert!(ok, "{err}");
    assert!(
        text.expect("written")
            .contains("  - id: new-dawn\n    name: \"New Dawn\"\n    sector: recovery_community\n")
    );
    ods(
        &source,
        "Organisations",
        &[&["Name", "Type"], &["=UPPER([.B1])", "council"]],
    );
    let (ok, err, _) = import(&source, &out, &[&CITY_FLAGS[..], &["--force"]].concat());
    assert!(!ok);
    assert!(
        err.contains("partners.ods:Organisations!A2: error: the cell holds a formula (`=UPPER([.B1])`): import reads values only (row 2, column `Name`)"),
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
    sheet.write_string(1_048_575, 16_383, "far").expect("written");
    book.save(&source).expect("saved");
    let (ok, err, text) = import(&source, &dir.path().join("o.yaml"), &CITY_FLAGS);
    assert!(!ok && text.is_none());
    assert!(
        err.contains("error: row 1048576 of sheet `Elements` has more than 1000 columns, over the import's limit"),
        "{err}"
    );
}
