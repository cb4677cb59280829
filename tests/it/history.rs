//! Since the last plan: `plan` into a folder that holds an earlier plan compares with its
//! analysis.json (partnerships by ends, kind and direction, or by partnered pairs against an
//! older file), attributes closed gaps however many items are new, and plans without a history
//! when the earlier analysis.json cannot be read back.

use crate::harness::{EASTBROOK, EASTBROOK_LERO, bin, eastbrook_with, eastbrook_with_a_lero, root};
use predicates::str::contains;
use std::path::Path;

/// Plans `profile` into `out`, succeeding; returns the warnings printed.
fn plan(profile: &Path, out: &Path) -> String {
    let run = bin().arg("plan").arg(profile).arg("-o").arg(out).assert();
    let output = run.success().get_output().clone();
    String::from_utf8(output.stderr).expect("UTF-8")
}

/// The history says the missing LERO closed, and that the new Eastbrook Recovery Hub closed it.
fn assert_lero_closed_by_the_hub(history: &str) {
    assert!(
        history.contains("- The city has no lived experience recovery organisation"),
        "{history}"
    );
    assert!(
        history.contains("closed by new partner Eastbrook Recovery Hub"),
        "{history}"
    );
}

/// The action plan's "Since the last plan" section, if it has one.
fn since_last(out: &Path) -> Option<String> {
    let text = std::fs::read_to_string(out.join("action-plan.md")).expect("action plan");
    let start = text.find("## Since the last plan")?;
    let rest = &text[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    Some(rest[..end].to_owned())
}

/// Removes `partnerships` from the folder's analysis.json, as analysis.json was written before
/// it recorded them.
fn make_old_style(out: &Path) {
    let path = out.join("analysis.json");
    let text = std::fs::read_to_string(&path).expect("analysis.json");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let object = v.as_object_mut().expect("an object");
    object
        .remove("partnerships")
        .expect("analysis.json lists partnerships");
    // Files of that version carried no generator: they are known by their `format`.
    object
        .remove("generator")
        .expect("analysis.json names its generator");
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("JSON")).expect("write");
}

#[test]
fn plan_says_what_changed_since_the_last_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("eastbrook.yaml");
    let out = dir.path().join("plan");
    std::fs::copy(root().join(EASTBROOK), &profile).expect("copy");
    plan(&profile, &out);
    assert!(since_last(&out).is_none(), "no history on the first plan");
    std::fs::write(&profile, eastbrook_with_a_lero()).expect("write");
    plan(&profile, &out);
    let history = &since_last(&out).expect("a history section");
    assert_lero_closed_by_the_hub(history);
    assert!(
        history.contains("**Joined:** Eastbrook Recovery Hub."),
        "{history}"
    );
    let report = std::fs::read_to_string(out.join("report.html")).expect("report");
    assert!(report.contains("<h2>Since the last plan</h2>"));
}

#[test]
fn planning_an_unchanged_profile_again_says_nothing_has_changed() {
    for city in [
        "dalesford-county",
        "eastbrook-town",
        "northgate-city",
        "saltmarsh-coast",
        "skogsby-kommun",
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let profile = root().join(format!("cities/{city}.yaml"));
        plan(&profile, dir.path());
        assert_eq!(
            since_last(dir.path()),
            None,
            "{city}: no history on a first plan"
        );
        plan(&profile, dir.path());
        let history = since_last(dir.path()).expect("a history section");
        assert!(
            history.contains("Nothing has changed."),
            "{city}: {history}"
        );
        assert!(!history.contains("Partnerships"), "{city}: {history}");
        let report = std::fs::read_to_string(dir.path().join("report.html")).expect("report");
        assert!(report.contains("Nothing has changed."), "{city}");
    }
}

#[test]
fn one_partnership_added_is_the_one_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (profile, out) = (dir.path().join("eastbrook.yaml"), dir.path().join("plan"));
    std::fs::write(&profile, eastbrook_with("", "")).expect("write");
    plan(&profile, &out);
    // A referral between two organisations already partnered for information sharing: the
    // partnered pairs do not change, the partnerships do.
    let referral =
        "  - { from: eastbrook-night-shelter, to: eastbrook-needle-exchange, kind: referral }\n";
    std::fs::write(&profile, eastbrook_with("", referral)).expect("write");
    plan(&profile, &out);
    let history = since_last(&out).expect("a history section");
    assert!(!history.contains("Nothing has changed."), "{history}");
    assert!(
        history.contains(
            "**Partnerships added:** Eastbrook Harbour Night Shelter to Eastbrook Needle Exchange Point (referral).\n"
        ),
        "{history}"
    );
    assert!(!history.contains("Partnerships removed"), "{history}");
    assert!(!history.contains("**Joined:**"), "{history}");
}

#[test]
fn a_closed_gap_is_attributed_among_more_than_64_new_items() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (profile, out) = (dir.path().join("eastbrook.yaml"), dir.path().join("plan"));
    std::fs::write(&profile, eastbrook_with("", "")).expect("write");
    plan(&profile, &out);
    // 70 volunteer groups, each partnered with the volunteer centre, and a lived experience
    // recovery organisation commissioned by the council: 71 actors and 71 partnerships new.
    let [mut actors, mut partnerships] = EASTBROOK_LERO.map(String::from);
    for i in 0..70 {
        actors.push_str(&format!(
            "  - {{ id: volunteer-group-{i:02}, name: Volunteer group {i:02}, sector: community, commitment: engaged }}\n"
        ));
        partnerships.push_str(&format!(
            "  - {{ between: [volunteer-group-{i:02}, eastbrook-volunteer-centre], kind: joint_delivery }}\n"
        ));
    }
    std::fs::write(&profile, eastbrook_with(&actors, &partnerships)).expect("write");
    plan(&profile, &out);
    let history = since_last(&out).expect("a history section");
    assert_lero_closed_by_the_hub(&history);
    assert!(history.contains("Volunteer group 69"), "{history}");
    let added = history
        .lines()
        .find(|l| l.starts_with("**Partnerships added:**"))
        .expect("partnerships added");
    assert_eq!(added.matches(" (").count(), 71, "{added}");
}

#[test]
fn an_older_analysis_json_is_compared_on_partnered_pairs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (profile, out) = (dir.path().join("eastbrook.yaml"), dir.path().join("plan"));
    std::fs::write(&profile, eastbrook_with("", "")).expect("write");
    plan(&profile, &out);
    make_old_style(&out);
    plan(&profile, &out);
    let history = since_last(&out).expect("a history section");
    assert!(history.contains("Nothing has changed."), "{history}");
    assert!(!history.contains("Partnerships"), "{history}");

    make_old_style(&out);
    let new =
        "  - { between: [eastbrook-volunteer-centre, eastbrook-library], kind: joint_delivery }\n";
    std::fs::write(&profile, eastbrook_with("", new)).expect("write");
    plan(&profile, &out);
    let history = since_last(&out).expect("a history section");
    assert!(
        history.contains(
            "**Partnerships added:** Eastbrook Public Library and Eastbrook Volunteer Centre.\n"
        ),
        "{history}"
    );
    assert!(!history.contains("Partnerships removed"), "{history}");
}

#[test]
fn an_unreadable_analysis_json_leaves_the_plan_without_history() {
    let profile = root().join(EASTBROOK);
    // The engine's by their format, but not an analysis this version reads back.
    for earlier in [
        r#"{"format": "inclusive-cities/analysis/v1", "gaps": 3}"#,
        r#"{"format": "inclusive-cities/analysis/v1", "index": 40.0}"#,
        r#"{"format": "inclusive-cities/analysis/v9", "index": 40.0, "gaps": []}"#,
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("analysis.json"), earlier).expect("write");
        let warnings = plan(&profile, dir.path());
        assert!(
            warnings.contains("warning: cannot read the earlier plan's"),
            "{earlier}: {warnings}"
        );
        assert_eq!(since_last(dir.path()), None, "{earlier}");
        let written = std::fs::read_to_string(dir.path().join("analysis.json")).expect("written");
        assert!(written.contains("\"partnerships\""), "{earlier}: replaced");
    }
    // Not JSON: nothing says the engine wrote it, so it is kept unless --force is given, and
    // then the plan has no history either.
    let dir = tempfile::tempdir().expect("temp dir");
    let truncated = r#"{"format": "inclusive-cities/analysis/v1", "index": 4"#;
    std::fs::write(dir.path().join("analysis.json"), truncated).expect("write");
    bin()
        .arg("plan")
        .arg(&profile)
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("not overwriting"));
    bin()
        .arg("plan")
        .arg(&profile)
        .arg("-o")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert_eq!(since_last(dir.path()), None);
}
