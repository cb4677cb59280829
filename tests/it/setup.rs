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
        (
            "control character",
            good.replace("name: A,", "name: \"A\\e[2J\","),
        ),
        (
            "line break in a name",
            good.replace("name: A,", "name: \"A\\nB\","),
        ),
        (
            "bidirectional override",
            good.replace("name: A,", "name: \"A\u{202e}B\","),
        ),
        (
            "NUL in a description",
            good.replace("name: A,", "name: A, description: \"x\\0y\","),
        ),
        (
            "name too long",
            good.replace("name: A,", &format!("name: {},", "A".repeat(201))),
        ),
        (
            "id too long",
            good.replace("id: a,", &format!("id: {},", "a".repeat(65)))
                .replace("[a, b]", &format!("[{}, b]", "a".repeat(65))),
        ),
        (
            "description too long",
            good.replace(
                "name: A,",
                &format!("name: A, description: {},", "x".repeat(2_001)),
            ),
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
