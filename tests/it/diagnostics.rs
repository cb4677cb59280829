//! Bad input: every problem of a file reported at once, at its line and column, with a hint;
//! nothing panics. Diagnostic text is snapshot-tested.

use crate::harness::{bin, human_diagnostics, root, short_diagnostics};
use predicates::str::contains;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/bad").join(name)).expect("fixture exists")
}

#[test]
fn reports_every_problem_of_a_file_at_once() {
    let text = fixture("many-problems.yaml");
    insta::assert_snapshot!(
        "many_problems_short",
        short_diagnostics("many-problems.yaml", &text)
    );
}

#[test]
fn shows_the_line_and_a_caret_with_hints() {
    let text = fixture("many-problems.yaml");
    insta::assert_snapshot!(
        "many_problems_human",
        human_diagnostics("many-problems.yaml", &text)
    );
}

/// The one diagnostic line of a small bad profile.
fn only_line(yaml: &str) -> String {
    let out = short_diagnostics("t.yaml", yaml);
    assert_eq!(
        out.lines().count(),
        1,
        "expected one diagnostic, got:\n{out}"
    );
    out.trim_end().to_owned()
}

const HEAD: &str =
    "format: inclusive-cities/v1\ncity: { id: t, name: T, country: GB, as_of: 2026-09-01 }\n";

#[test]
fn errors_on_missing_format() {
    let line = only_line("city: { id: t, name: T, country: GB, as_of: 2026-09-01 }\nactors: []\n");
    assert_eq!(
        line,
        "t.yaml:1:1: error: missing `format`; start the file with `format: inclusive-cities/v1`"
    );
}

#[test]
fn errors_on_wrong_format_naming_the_versions_read() {
    let line = only_line(
        "format: inclusive-cities/v2\ncity: { id: t, name: T, country: GB, as_of: 2026-09-01 }\nactors: []\n",
    );
    assert_eq!(
        line,
        "t.yaml:1:9: error: unsupported format `inclusive-cities/v2`; this build reads: inclusive-cities/v1"
    );
}

#[test]
fn errors_on_unknown_sector_with_the_nearest_and_the_list() {
    let line = only_line(&format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: recovery-comunity }}\n"
    ));
    assert!(line.starts_with("t.yaml:4:31: error: unknown sector `recovery-comunity`; did you mean `recovery_community`?; valid values: council, employer"), "{line}");
}

#[test]
fn errors_on_unknown_field_with_the_nearest_name() {
    let line = only_line(&format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: council, comitment: committed }}\n"
    ));
    assert!(
        line.starts_with(
            "t.yaml:4:40: error: unknown field `comitment` in an actor; did you mean `commitment`?"
        ),
        "{line}"
    );
}

#[test]
fn errors_on_duplicate_partnership_pointing_at_the_first() {
    let yaml = format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: council }}\n  - {{ id: b, name: B, sector: housing }}\npartnerships:\n  - {{ between: [a, b], kind: funding }}\n  - {{ from: b, to: a, kind: funding }}\n"
    );
    let out = human_diagnostics("t.yaml", &yaml);
    assert!(
        out.contains("duplicate partnership: `b` and `a`, `funding`"),
        "{out}"
    );
    assert!(out.contains("first written here"), "{out}");
}

#[test]
fn allows_referrals_both_ways_between_two_actors() {
    let yaml = format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: treatment }}\n  - {{ id: b, name: B, sector: recovery_community }}\npartnerships:\n  - {{ from: a, to: b, kind: referral }}\n  - {{ from: b, to: a, kind: referral }}\n"
    );
    crate::harness::city(&yaml);
}

#[test]
fn errors_on_a_reference_to_an_initiative_where_an_actor_is_needed() {
    let yaml = format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: council }}\n  - {{ id: b, name: B, sector: housing }}\ninitiatives:\n  - {{ id: walk, name: Walk, provides: [recovery_events], led_by: [a] }}\npartnerships:\n  - {{ between: [a, walk], kind: funding }}\n"
    );
    let line = only_line(&yaml);
    assert_eq!(
        line,
        "t.yaml:9:20: error: `walk` is an initiative, not an actor (defined at line 7, column 11); `between` must name an actor"
    );
}

#[test]
fn errors_on_warm_handover_outside_referrals() {
    let yaml = format!(
        "{HEAD}actors:\n  - {{ id: a, name: A, sector: council }}\n  - {{ id: b, name: B, sector: housing }}\npartnerships:\n  - {{ between: [a, b], kind: funding, warm_handover: true }}\n"
    );
    assert!(only_line(&yaml).contains("`warm_handover` applies only to referrals, not `funding`"));
}

#[test]
fn errors_on_wrong_types_each_at_its_place() {
    let yaml = format!(
        "{HEAD}actors:\n  - {{ id: 12, name: [A], sector: council, online: 1, provides: peer_support }}\n"
    );
    insta::assert_snapshot!("wrong_types", short_diagnostics("t.yaml", &yaml));
}

#[test]
fn errors_on_an_empty_file() {
    assert_eq!(
        only_line(""),
        "t.yaml:1:1: error: the file is empty; a profile starts with `format: inclusive-cities/v1`, then `city:` and `actors:`"
    );
}

#[test]
fn errors_on_malformed_yaml_at_its_place() {
    let line = only_line("format: inclusive-cities/v1\ncity: [a, b\nactors: []\n");
    assert!(line.starts_with("t.yaml:3:"), "{line}");
    assert!(line.contains("invalid YAML"), "{line}");
}

#[test]
fn stops_an_alias_bomb() {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let line = only_line(&yaml);
    assert!(
        line.contains("the file expands far beyond its own size"),
        "{line}"
    );
    assert!(line.contains("alias bomb"), "{line}");
}

#[test]
fn stops_ten_thousand_levels_of_nesting() {
    let yaml = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let line = only_line(&yaml);
    assert!(line.starts_with("t.yaml:1:"), "{line}");
    assert!(
        line.contains("collections nest deeper than 32 levels"),
        "{line}"
    );
}

#[test]
fn cli_reports_non_utf8_bytes_with_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.yaml");
    std::fs::write(
        &path,
        b"format: inclusive-cities/v1\ncity: { name: Gen\xe8ve }\n",
    )
    .expect("write");
    bin()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(contains(
            "not UTF-8 text: invalid byte 0xe8 at line 2, column 18",
        ));
}

#[test]
fn cli_refuses_a_file_over_the_size_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("a sparse 50 MB file");
    bin()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(contains("the file is 50 MiB, over the limit of 32 MiB"));
}

#[test]
fn cli_refuses_a_directory_and_a_missing_path_with_exit_2() {
    bin()
        .args(["validate", "cities"])
        .assert()
        .code(2)
        .stderr(contains("`cities` is a directory, not a file"));
    bin()
        .args(["analyse", "no-such-city.yaml"])
        .assert()
        .code(2)
        .stderr(contains("cannot read `no-such-city.yaml`"));
}

#[test]
fn cli_short_format_prints_one_line_per_problem() {
    bin()
        .args(["validate", "--diagnostic-format", "short", "tests/fixtures/bad/many-problems.yaml"])
        .assert()
        .code(1)
        .stderr(contains("tests/fixtures/bad/many-problems.yaml:12:13: error: unknown sector `councl`; did you mean `council`?"));
}
