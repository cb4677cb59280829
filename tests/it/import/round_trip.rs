//! Round trips: a profile exported as a workbook or CSV files and imported back has the same
//! network and measures (and, when it holds only what exports carry, the same gaps); the
//! exported workbook's cells are typed and safe; any name reads back through the loader.

use super::import;
use crate::harness::{CITIES, bin, root};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const EXPORTED: &str = "tests/fixtures/import/exported-fields.yaml";

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
