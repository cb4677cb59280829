//! Editor and shell support: the JSON Schema (current, and agreeing with the loader on every
//! bundled city), the starter profile of `init`, completions and the manual page.

use crate::harness::{bin, root};
use inclusive_cities::load::{builtin_model, profile_schema};
use predicates::str::contains;

const SCHEMA_FILE: &str = "schema/profile.schema.json";

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&profile_schema(builtin_model())).expect("the schema is JSON");
    jsonschema::draft7::new(&schema).expect("the schema is a valid draft-07 schema")
}

/// A YAML profile as the JSON value a schema validator sees.
fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("the profile is YAML")
}

#[test]
fn the_schema_file_in_the_repository_is_current() {
    let kept = std::fs::read_to_string(root().join(SCHEMA_FILE)).expect("schema file exists");
    assert_eq!(
        kept,
        profile_schema(builtin_model()),
        "{SCHEMA_FILE} is stale: run `cargo run -- schema > {SCHEMA_FILE}`"
    );
    bin().arg("schema").assert().success().stdout(kept);
}

#[test]
fn every_bundled_city_validates_against_the_schema_and_points_at_it() {
    let validator = validator();
    for entry in std::fs::read_dir(root().join("cities")).expect("cities") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/profile.schema.json\n"),
            "{}",
            path.display()
        );
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let validator = validator();
    let good = "format: inclusive-cities/v1\ncity: { id: t, name: T, country: GB, as_of: 2026-09-01 }\nactors:\n  - { id: a, name: A, sector: council }\n  - { id: b, name: B, sector: housing }\npartnerships:\n  - { between: [a, b], kind: funding }\n";
    assert!(validator.is_valid(&as_json(good)));
    for (what, bad) in [
        (
            "unknown sector",
            good.replace("sector: housing", "sector: housng"),
        ),
        (
            "unknown field",
            good.replace("sector: council", "sector: council, colour: red"),
        ),
        ("unknown kind", good.replace("kind: funding", "kind: funds")),
        ("bad slug", good.replace("id: t,", "id: T T,")),
        (
            "between and from",
            good.replace("between: [a, b],", "between: [a, b], from: a, to: b,"),
        ),
        (
            "trust out of range",
            good.replace("kind: funding", "kind: funding, trust: 7"),
        ),
        (
            "wrong format",
            good.replace("inclusive-cities/v1", "inclusive-cities/v2"),
        ),
        (
            "derived capability",
            good.replace("sector: council", "sector: council, provides: [lero]"),
        ),
    ] {
        assert!(
            !validator.is_valid(&as_json(&bad)),
            "the schema accepts a profile with a {what}"
        );
        let file = inclusive_cities::diag::SourceFile::new("t.yaml", bad.as_str());
        assert!(
            inclusive_cities::load::parse_city(&file, builtin_model())
                .value
                .is_none(),
            "the loader accepts a {what}"
        );
    }
}

#[test]
fn init_writes_a_commented_starter_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("harbourton.yaml");
    bin()
        .args(["init", "Harbourton"])
        .arg("-o")
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("id: \"harbourton\" "), "{text}");
    assert!(text.matches('#').count() > 20, "every field is explained");
    bin().arg("validate").arg(&file).assert().success();
    assert!(validator().is_valid(&as_json(&text)));
    std::fs::write(&file, "# mine\n").expect("write");
    bin()
        .args(["init", "Harbourton"])
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains("not overwriting"));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "# mine\n");
}

#[test]
fn prints_completions_and_a_manual_page() {
    bin()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("inclusive-cities"));
    bin()
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(contains("compare"));
    bin()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH inclusive-cities"));
}

#[test]
fn every_command_has_help_with_an_example() {
    use clap::CommandFactory;
    let cli = inclusive_cities::cli::Cli::command();
    for sub in cli.get_subcommands() {
        if sub.get_name() == "templates" {
            continue;
        }
        let help = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(
            help.contains("inclusive-cities "),
            "`{}` has no example in its help",
            sub.get_name()
        );
    }
}

/// Every keyword draft-07 defines; anything else in a schema is what ajv's strict mode refuses.
const DRAFT07_KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$comment",
    "title",
    "description",
    "default",
    "readOnly",
    "writeOnly",
    "examples",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "additionalItems",
    "items",
    "maxItems",
    "minItems",
    "uniqueItems",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "definitions",
    "properties",
    "patternProperties",
    "dependencies",
    "propertyNames",
    "const",
    "enum",
    "type",
    "format",
    "contentMediaType",
    "contentEncoding",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
];

/// The formats draft-07 defines.
const DRAFT07_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Walks a schema, collecting every keyword and `format` draft-07 does not define, by where.
fn nonstandard(schema: &serde_json::Value, at: &str, found: &mut Vec<String>) {
    use serde_json::Value;
    let Value::Object(map) = schema else {
        return; // `true`, `false`
    };
    for (key, value) in map {
        let here = format!("{at}/{key}");
        if !DRAFT07_KEYWORDS.contains(&key.as_str()) {
            found.push(format!("keyword {here}"));
        }
        match key.as_str() {
            "format" if !value.as_str().is_some_and(|f| DRAFT07_FORMATS.contains(&f)) => {
                found.push(format!("format {value} at {here}"));
            }
            "properties" | "patternProperties" | "definitions" | "dependencies" => {
                for (name, sub) in value.as_object().into_iter().flatten() {
                    nonstandard(sub, &format!("{here}/{name}"), found);
                }
            }
            "items" | "allOf" | "anyOf" | "oneOf" if value.is_array() => {
                for (i, sub) in value.as_array().into_iter().flatten().enumerate() {
                    nonstandard(sub, &format!("{here}/{i}"), found);
                }
            }
            "items"
            | "additionalItems"
            | "additionalProperties"
            | "contains"
            | "propertyNames"
            | "not"
            | "if"
            | "then"
            | "else" => nonstandard(value, &here, found),
            _ => {}
        }
    }
}

#[test]
fn the_schema_uses_standard_draft_07_keywords_and_formats_only() {
    let schema: serde_json::Value =
        serde_json::from_str(&profile_schema(builtin_model())).expect("the schema is JSON");
    let meta = jsonschema::draft7::meta::validator();
    let errors: Vec<String> = meta.iter_errors(&schema).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut found = Vec::new();
    nonstandard(&schema, "#", &mut found);
    assert!(found.is_empty(), "not in draft-07: {found:#?}");
    // The bounds are kept where the formats are gone.
    let trust = &schema["definitions"]["Partnership"]["properties"]["trust"];
    assert_eq!(
        (&trust["minimum"], &trust["maximum"]),
        (&1.into(), &4.into()),
        "{trust}"
    );
    let lead = &schema["definitions"]["Actor"]["properties"]["lead_capacity"];
    assert_eq!(lead["minimum"], 0, "{lead}");
}

/// The pages a manual page refers to, `name(1)`, read from its roff.
fn referenced_pages(roff: &str) -> Vec<String> {
    let plain = roff
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    plain
        .match_indices("(1)")
        .map(|(at, _)| {
            let before = &plain[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                .map_or(0, |i| i + 1);
            format!("{}.1", &before[start..])
        })
        .collect()
}

#[test]
fn man_writes_every_page_the_main_page_refers_to_each_with_its_exit_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["man", "-o"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(contains("manual pages"));
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join(name))
            .unwrap_or_else(|e| panic!("{name} is referred to but not written: {e}"))
    };
    let main = read("inclusive-cities.1");
    let mut to_check = referenced_pages(&main);
    assert!(to_check.len() >= 15, "{to_check:?}");
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = to_check.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let page = read(&name);
        assert!(page.contains(".SH \"EXIT STATUS\""), "{name}");
        for code in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
            assert!(page.contains(code), "{name} lacks exit code {code}");
        }
        to_check.extend(referenced_pages(&page));
    }
    assert!(
        seen.contains("inclusive-cities-templates-export.1"),
        "{seen:?}"
    );
    assert!(!seen.contains("inclusive-cities-help.1"), "{seen:?}");
    let plan = read("inclusive-cities-plan.1");
    assert!(
        plan.contains("\\-\\-capacity"),
        "the plan page lists its options"
    );
    assert!(plan.contains(".SH \"SEE ALSO\"\n\\fBinclusive\\-cities\\fR(1)"));
    // The printed page is the main one; a second run keeps the pages unless forced.
    bin().arg("man").assert().success().stdout(main);
    bin().args(["man", "-o"]).arg(dir.path()).assert().code(2);
    bin()
        .args(["man", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
}

/// What bash offers for `words` (the last one being completed), with the completion script the
/// binary prints; `None` when bash is not installed.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Option<Vec<String>> {
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let line = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_inclusive__cities inclusive-cities '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words[cword],
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &line])
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn bash_completes_the_options_of_every_level() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("inclusive-cities.bash");
    let out = bin().args(["completions", "bash"]).output().expect("runs");
    std::fs::write(&script, &out.stdout).expect("write");
    for (words, expected) in [
        (&["inclusive-cities", "pl"][..], "plan"),
        (&["inclusive-cities", "plan", "--ca"][..], "--capacity"),
        (
            &["inclusive-cities", "compare", "x.yaml", "--fo"][..],
            "--force",
        ),
        (&["inclusive-cities", "validate", "--col"][..], "--color"),
        (
            &["inclusive-cities", "templates", "export", "--fo"][..],
            "--force",
        ),
        (
            &["inclusive-cities", "export", "f.yaml", "--format", "gr"][..],
            "graphml",
        ),
    ] {
        let Some(offered) = bash_completes(&script, words) else {
            eprintln!("skipped: bash is not installed");
            return;
        };
        assert!(
            offered.iter().any(|o| o == expected),
            "{words:?} offers {offered:?}, not `{expected}`"
        );
    }
}
