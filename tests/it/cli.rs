//! The binary as a user runs it: validate and analyse on the bundled cities, the JSON contract,
//! exit codes, determinism across thread counts, the model command and `--model`.

use crate::harness::bin;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

const CITIES: [&str; 4] = [
    "cities/dalesford-county.yaml",
    "cities/eastbrook-town.yaml",
    "cities/northgate-city.yaml",
    "cities/saltmarsh-coast.yaml",
];

fn analysis_json(city: &str, threads: &str) -> Vec<u8> {
    let out = bin()
        .env("RAYON_NUM_THREADS", threads)
        .args(["analyse", "--format", "json", city])
        .assert()
        .success();
    out.get_output().stdout.clone()
}

#[test]
fn validates_every_bundled_city() {
    bin()
        .arg("validate")
        .args(CITIES)
        .assert()
        .success()
        .stderr(contains("valid (122 actors"));
}

#[test]
fn bundled_cities_are_sized_as_promised_and_say_they_are_fictional() {
    for city in CITIES {
        let text = std::fs::read_to_string(crate::harness::root().join(city)).expect("city exists");
        assert!(
            text.to_lowercase().contains("fictional"),
            "{city} must say its organisations are fictional"
        );
        let json: Value = serde_json::from_slice(&analysis_json(city, "1")).expect("JSON");
        let n = json["network"]["n_actors"].as_u64().expect("n_actors");
        assert!((30..=150).contains(&n), "{city} has {n} actors");
    }
}

#[test]
fn analysis_json_is_byte_identical_across_runs_and_thread_counts() {
    for city in CITIES {
        let one = analysis_json(city, "1");
        assert_eq!(one, analysis_json(city, "1"), "{city}: two runs differ");
        assert_eq!(
            one,
            analysis_json(city, "4"),
            "{city}: 1 and 4 threads differ"
        );
    }
}

#[test]
fn analysis_json_follows_the_contract() {
    let json: Value =
        serde_json::from_slice(&analysis_json("cities/saltmarsh-coast.yaml", "2")).expect("JSON");
    assert_eq!(json["format"], "inclusive-cities/analysis/v1");
    assert_eq!(json["city"]["id"], "saltmarsh");
    assert_eq!(json["model"]["id"], "inclusive-city");
    let pillars = json["pillars"].as_object().expect("pillars");
    assert_eq!(pillars.len(), 8);
    let mean = pillars
        .values()
        .map(|p| p["score"].as_f64().expect("score"))
        .sum::<f64>()
        / 8.0;
    assert!((json["index"].as_f64().expect("index") - mean).abs() < 0.051);
    let gaps = json["gaps"].as_array().expect("gaps");
    let rank = |s: &str| {
        ["high", "medium", "low"]
            .iter()
            .position(|x| *x == s)
            .expect("severity")
    };
    let keys: Vec<(usize, String)> = gaps
        .iter()
        .map(|g| {
            (
                rank(g["severity"].as_str().expect("s")),
                g["id"].as_str().expect("id").to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "gaps are sorted by severity, then id");
    for g in gaps {
        for field in [
            "id", "rule", "severity", "pillar", "subjects", "evidence", "message", "source",
        ] {
            assert!(!g[field].is_null(), "gap {} lacks {field}", g["id"]);
        }
        assert!(
            g["source"].as_str().expect("source").contains(".txt"),
            "gap {} cites a seed",
            g["id"]
        );
    }
    let n = &json["network"];
    for field in [
        "n_actors",
        "n_partnerships",
        "density",
        "degree_centralization",
        "components",
        "articulation_points",
        "bridges",
        "actors",
    ] {
        assert!(!n[field].is_null(), "network lacks {field}");
    }
    let components = n["components"].as_array().expect("components");
    let sizes: Vec<usize> = components
        .iter()
        .map(|c| c.as_array().expect("list").len())
        .collect();
    assert!(
        sizes.windows(2).all(|w| w[0] >= w[1]),
        "components are largest first"
    );
}

#[test]
fn analyse_prints_a_table_with_scores_gaps_and_network() {
    bin()
        .args(["analyse", "cities/eastbrook-town.yaml"])
        .assert()
        .success()
        .stdout(contains("Inclusive City index"))
        .stdout(contains("PILLARS"))
        .stdout(contains("lived-experience-gap.lero"))
        .stdout(contains("single points of failure"))
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn analyse_an_invalid_profile_exits_1_and_prints_nothing_on_stdout() {
    bin()
        .args([
            "analyse",
            "--format",
            "json",
            "tests/fixtures/bad/many-problems.yaml",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("many-problems.yaml: 20 errors"));
}

#[test]
fn validate_checks_every_file_and_fails_if_one_is_bad() {
    bin()
        .args([
            "validate",
            "cities/eastbrook-town.yaml",
            "tests/fixtures/bad/many-problems.yaml",
            "cities/northgate-city.yaml",
        ])
        .assert()
        .code(1)
        .stderr(contains("eastbrook-town.yaml: valid"))
        .stderr(contains("northgate-city.yaml: valid"));
}

#[test]
fn usage_errors_exit_2() {
    bin().args(["analyse"]).assert().code(2);
    bin()
        .args(["analyse", "--format", "xml", "cities/eastbrook-town.yaml"])
        .assert()
        .code(2);
}

#[test]
fn model_prints_the_built_in_model_which_loads_back() {
    let out = bin().arg("model").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(text.contains("000_77cae466a9c9ef5f.txt"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.yaml");
    std::fs::write(&path, &text).expect("write");
    let a = analysis_json("cities/dalesford-county.yaml", "1");
    let b = bin()
        .arg("--model")
        .arg(&path)
        .args([
            "analyse",
            "--format",
            "json",
            "cities/dalesford-county.yaml",
        ])
        .assert()
        .success();
    assert_eq!(
        a,
        b.get_output().stdout,
        "the printed model analyses as the built-in one"
    );
}

/// `validate` of a bundled city with the model `text`, expected to fail (exit 1).
fn validate_with_model(text: &str) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("model.yaml");
    std::fs::write(&path, text).expect("write");
    bin()
        .arg("--model")
        .arg(&path)
        .args([
            "--diagnostic-format",
            "short",
            "validate",
            "cities/eastbrook-town.yaml",
        ])
        .assert()
        .code(1)
}

#[test]
fn a_broken_model_is_reported_at_its_place() {
    let text = inclusive_cities::load::BUILTIN_MODEL_YAML
        .replacen("pillar: pathways", "pillar: pathwayz", 1)
        .replacen(
            "capabilities: [recovery_events,",
            "capabilities: [recovery_eventz,",
            1,
        );
    validate_with_model(&text).stderr(contains(
        "error: unknown pillar `pathwayz`; did you mean `pathways`?",
    ));
}

#[test]
fn a_model_of_the_second_edition_is_checked_for_what_plans_need() {
    let text = inclusive_cities::load::BUILTIN_MODEL_YAML
        .replace("waiting_list_support", "support_while_waiting")
        .replacen(
            "no_family_seats: seats-at-the-table",
            "no_family_chairs: seats-at-the-table",
            1,
        )
        .replacen("    countries: [GB]", "    countries: [UK]", 1)
        .replacen("lead_sectors: [housing]", "lead_sectors: [housng]", 1);
    let out = validate_with_model(&text);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for needle in [
        "unknown case of `lived_experience_gap` `no_family_chairs`",
        "`UK` is not an ISO 3166-1 alpha-2 country code",
        "unknown sector `housng`; did you mean `housing`?",
        "the model has no capability `waiting_list_support`, which the engine relies on",
    ] {
        assert!(stderr.contains(needle), "{needle}:\n{stderr}");
    }
}

#[test]
fn a_closed_standard_error_is_no_panic() {
    let bin = assert_cmd::cargo::cargo_bin!("inclusive-cities");
    let out = tempfile::tempdir().expect("temp dir");
    for (args, code) in [
        ("validate /no-such-profile.yaml".to_owned(), 2),
        (
            format!(
                "plan cities/eastbrook-town.yaml -o {}",
                out.path().display()
            ),
            0,
        ),
    ] {
        // `| true` closes the pipe at once: the messages cannot be written, and that is all.
        let status = std::process::Command::new("bash")
            .current_dir(crate::harness::root())
            .arg("-c")
            .arg(format!(
                "'{}' {args} 2>&1 | true; exit ${{PIPESTATUS[0]}}",
                bin.display()
            ))
            .status()
            .expect("bash runs");
        assert_eq!(status.code(), Some(code), "{args}");
    }
}

#[test]
fn a_dumb_terminal_gets_no_colour() {
    // `script` gives the command a terminal; without it (a minimal machine) there is nothing to
    // test here.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin!("inclusive-cities");
    let escapes = |term: &str| {
        let out = std::process::Command::new("script")
            .current_dir(crate::harness::root())
            .env("TERM", term)
            .env_remove("NO_COLOR")
            .args(["-qec"])
            .arg(format!(
                "'{}' analyse cities/eastbrook-town.yaml",
                bin.display()
            ))
            .arg("/dev/null")
            .output()
            .expect("script runs");
        out.stdout.windows(2).filter(|w| w == b"\x1b[").count()
    };
    assert!(escapes("xterm") > 0, "a terminal is coloured");
    assert_eq!(escapes("dumb"), 0, "TERM=dumb is not");
}

/// A profile of a council and `n` housing providers with no partnership: `n + 1` isolated-actor
/// gaps.
fn isolated(n: usize) -> String {
    let mut yaml = String::from(
        "format: inclusive-cities/v1\ncity: { id: t, name: Testtown, country: GB, as_of: 2026-09-01 }\nactors:\n  - { id: council, name: Testtown Council, sector: council, commitment: committed }\n",
    );
    for i in 0..n {
        yaml.push_str(&format!(
            "  - {{ id: h{i:03}, name: Housing {i:03}, sector: housing, commitment: committed }}\n"
        ));
    }
    yaml
}

#[test]
fn the_table_lists_at_most_25_gaps_of_a_rule_and_says_how_many_more() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = |n: usize| {
        let file = dir.path().join(format!("t{n}.yaml"));
        std::fs::write(&file, isolated(n)).expect("write");
        let out = bin().arg("analyse").arg(&file).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
    };
    let many = table(29);
    assert_eq!(many.matches("● isolated-actor.").count(), 25, "{many}");
    assert!(
        many.contains(
            "… and 5 more isolated-actor gaps of low priority: `--format json` lists them all"
        ),
        "{many}"
    );
    assert!(many.contains("GAPS ("), "the count still covers every gap");
    let all = table(24);
    assert_eq!(all.matches("● isolated-actor.").count(), 25);
    assert!(!all.contains("more isolated-actor gaps"), "{all}");
}
