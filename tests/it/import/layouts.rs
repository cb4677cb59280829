//! Real layouts: Kumu's, one typed by hand with a title row and its own headers, our earlier
//! CSV export, an .ods workbook, and CSV files saved in another encoding.

use super::{CITY_FLAGS, import, import_csv, ods, workbook};
use crate::harness::bin;

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
                    &[
                        "Harbour Outreach",
                        "New Dawn",
                        "referral",
                        "directed",
                        "Strong",
                    ],
                ],
            ),
            ("Notes (ignore)", &[&["anything", "at all"]]),
        ],
    );
    let out = dir.path().join("harbourton.yaml");
    let (ok, stderr, text) = import(&source, &out, &CITY_FLAGS);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("kumu.xlsx:Connections!E3: warning: `Strong` is not a number"),
        "Kumu allows words in Strength: a warning, not a refusal: {stderr}"
    );
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
