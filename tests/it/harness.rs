//! Helpers shared by the tests: parse a profile from a string, analyse it, list its gap ids,
//! render its diagnostics, run the binary.

#![allow(dead_code)]

use inclusive_cities::diag::{self, SourceFile};
use inclusive_cities::load::{builtin_model, parse_city};
use inclusive_cities::{Analysis, City, Network, analyse};
use std::path::PathBuf;

/// The bundled example profiles, relative to the repository's root.
pub(crate) const CITIES: [&str; 5] = [
    "cities/dalesford-county.yaml",
    "cities/eastbrook-town.yaml",
    "cities/northgate-city.yaml",
    "cities/saltmarsh-coast.yaml",
    "cities/skogsby-kommun.yaml",
];

/// The repository's root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Parses a profile with the built-in model; panics with the diagnostics when it is invalid.
pub(crate) fn city(yaml: &str) -> City {
    let file = SourceFile::new("test.yaml", yaml);
    let loaded = parse_city(&file, builtin_model());
    match loaded.value {
        Some(city) => city,
        None => panic!(
            "the fixture is invalid:\n{}",
            diag::render_all(&loaded.diagnostics, diag::DiagnosticFormat::Short, false)
        ),
    }
}

/// Analyses a profile given as text.
pub(crate) fn analysis(yaml: &str) -> Analysis {
    let city = city(yaml);
    let network = Network::build(&city, builtin_model());
    analyse(builtin_model(), &city, &network)
}

/// The ids of a profile's gaps.
pub(crate) fn gap_ids(yaml: &str) -> Vec<String> {
    analysis(yaml).gaps.into_iter().map(|g| g.id).collect()
}

/// Asserts that the profile has the gap `id`, and returns it.
pub(crate) fn assert_fires(yaml: &str, id: &str) -> inclusive_cities::Gap {
    let a = analysis(yaml);
    let ids: Vec<&str> = a.gaps.iter().map(|g| g.id.as_str()).collect();
    a.gaps
        .iter()
        .find(|g| g.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("expected gap `{id}`, found: {ids:#?}"))
}

/// Asserts that the profile has no gap `id`.
pub(crate) fn assert_quiet(yaml: &str, id: &str) {
    let ids = gap_ids(yaml);
    assert!(
        !ids.iter().any(|g| g == id),
        "expected no gap `{id}`, found it among: {ids:#?}"
    );
}

/// Asserts that the profile has no gap whose id starts with `prefix`.
pub(crate) fn assert_no_gap_starting(yaml: &str, prefix: &str) {
    let ids = gap_ids(yaml);
    let hits: Vec<&String> = ids.iter().filter(|g| g.starts_with(prefix)).collect();
    assert!(
        hits.is_empty(),
        "expected no gap starting `{prefix}`, found: {hits:#?}"
    );
}

/// The diagnostics of a profile given as text, one short line each.
pub(crate) fn short_diagnostics(name: &str, yaml: &str) -> String {
    let file = SourceFile::new(name, yaml);
    let loaded = parse_city(&file, builtin_model());
    assert!(loaded.value.is_none(), "expected the profile to be invalid");
    diag::render_all(&loaded.diagnostics, diag::DiagnosticFormat::Short, false)
}

/// The diagnostics of a profile given as text, as people see them (no colour).
pub(crate) fn human_diagnostics(name: &str, yaml: &str) -> String {
    let file = SourceFile::new(name, yaml);
    let loaded = parse_city(&file, builtin_model());
    assert!(loaded.value.is_none(), "expected the profile to be invalid");
    diag::render_all(&loaded.diagnostics, diag::DiagnosticFormat::Human, false)
}

/// The binary, run from the repository's root, with no colour.
pub(crate) fn bin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("inclusive-cities").expect("the binary is built");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS");
    cmd
}

/// A profile of Harbourton (GB, as of 2026-09-01): `city_extra` lines under `city:`, then
/// `actors` and `partnerships` (list items, one a line) and `extra` top-level YAML.
pub(crate) fn harbourton(
    city_extra: &str,
    actors: &[&str],
    partnerships: &[&str],
    extra: &str,
) -> String {
    let mut yaml = format!(
        "format: inclusive-cities/v1\ncity:\n  id: harbourton\n  name: Harbourton\n  country: GB\n  as_of: 2026-09-01\n{city_extra}"
    );
    for (key, items) in [("actors", actors), ("partnerships", partnerships)] {
        if items.is_empty() {
            yaml.push_str(&format!("{key}: []\n"));
        } else {
            yaml.push_str(&format!("{key}:\n{}\n", items.join("\n")));
        }
    }
    yaml.push_str(extra);
    yaml
}

/// The bundled Eastbrook profile.
pub(crate) const EASTBROOK: &str = "cities/eastbrook-town.yaml";

/// A lived experience recovery organisation for Eastbrook, and its partnership with the council:
/// list items for `eastbrook_with`.
pub(crate) const EASTBROOK_LERO: [&str; 2] = [
    "  - { id: eastbrook-lero, name: Eastbrook Recovery Hub, sector: recovery_community, lived_experience_led: true, commitment: committed, provides: [peer_support, recovery_cafe] }\n",
    "  - { between: [eastbrook-lero, eastbrook-city-welfare], kind: commissioning, formal: true }\n",
];

/// Eastbrook's profile with `actors` and `partnerships` (list items, one a line) added at the top
/// of their lists.
pub(crate) fn eastbrook_with(actors: &str, partnerships: &str) -> String {
    let text = std::fs::read_to_string(root().join(EASTBROOK)).expect("city exists");
    text.replacen("\nactors:\n", &format!("\nactors:\n{actors}"), 1)
        .replacen(
            "\npartnerships:\n",
            &format!("\npartnerships:\n{partnerships}"),
            1,
        )
}

/// Eastbrook with a lived experience recovery organisation that joined and partnered the council.
pub(crate) fn eastbrook_with_a_lero() -> String {
    eastbrook_with(EASTBROOK_LERO[0], EASTBROOK_LERO[1])
}
