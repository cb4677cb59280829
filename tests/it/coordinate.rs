//! Coordinators: diff two versions of a profile (files or a git revision), what-if, recommend,
//! and watch regenerating the plan as the profile is saved (plan history is in `history`).

use crate::harness::{EASTBROOK, assert_fires, bin, city, eastbrook_with_a_lero, root};
use inclusive_cities::analysis::Basis;
use inclusive_cities::load::builtin_model;
use inclusive_cities::scenario::{recommend::recommend, remove_actor, whatif};
use predicates::str::contains;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn json(out: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&out.get_output().stdout).expect("JSON")
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|g| g[key].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn diff_names_closed_and_opened_gaps_and_what_closed_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let new = dir.path().join("eastbrook.yaml");
    std::fs::write(&new, eastbrook_with_a_lero()).expect("write");
    let out = bin()
        .args(["diff", EASTBROOK])
        .arg(&new)
        .args(["--format", "json"])
        .assert()
        .success();
    let d = json(&out);
    let closed = ids(&d["gaps_closed"], "id");
    assert!(
        closed.contains(&"lived-experience-gap.lero".to_owned()),
        "{closed:?}"
    );
    assert!(
        closed.contains(&"missing-capability.recovery_cafe".to_owned()),
        "{closed:?}"
    );
    let lero = d["gaps_closed"]
        .as_array()
        .expect("list")
        .iter()
        .find(|g| g["id"] == "lived-experience-gap.lero")
        .expect("gap");
    assert!(
        lero["closed_by"]
            .to_string()
            .contains("Eastbrook Recovery Hub"),
        "{lero}"
    );
    assert!(
        ids(&d["gaps_opened"], "id")
            .contains(&"single-point-of-failure.eastbrook-lero.recovery_cafe".to_owned())
    );
    assert_eq!(ids(&d["actors_added"], "id"), ["eastbrook-lero"]);
    assert_eq!(
        d["partnerships_added"][0],
        "eastbrook-city-welfare -- eastbrook-lero (commissioning)"
    );
    assert!(d["index"]["delta"].as_f64().expect("delta") > 0.0);
    assert_eq!(
        d["actions_retired"],
        d["gaps_closed"]
            .as_array()
            .expect("list")
            .iter()
            .map(|g| g["id"].clone())
            .collect::<Value>()
    );
    bin()
        .args(["diff", EASTBROOK])
        .arg(&new)
        .assert()
        .success()
        .stdout(contains("Gaps closed"))
        .stdout(contains("lived-experience-gap.lero (high)"));
}

#[test]
fn diff_since_a_git_revision_reads_the_old_version_through_git() {
    let dir = tempfile::tempdir().expect("temp dir");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(args)
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    let file = dir.path().join("city.yaml");
    git(&["init", "-q"]);
    std::fs::copy(root().join(EASTBROOK), &file).expect("copy");
    git(&["add", "city.yaml"]);
    git(&["commit", "-q", "-m", "first"]);
    std::fs::write(&file, eastbrook_with_a_lero()).expect("write");
    let out = bin()
        .arg("diff")
        .arg(&file)
        .args(["--since", "HEAD", "--format", "json"])
        .assert()
        .success();
    assert!(
        ids(&json(&out)["gaps_closed"], "id").contains(&"lived-experience-gap.lero".to_owned())
    );
    bin()
        .arg("diff")
        .arg(&file)
        .args(["--since", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
    bin()
        .arg("diff")
        .arg(&file)
        .args(["--since", "HEAD", "--format", "md"])
        .assert()
        .success()
        .stdout(contains("**Gaps closed**"));
    // A revision that git would read as an option, or an empty one, is refused before git runs:
    // nothing is written, and the index is never compared by accident.
    for rev in ["--output=pwned.txt", "-p", "", "HEAD:other.yaml"] {
        bin()
            .current_dir(dir.path())
            .arg("diff")
            .arg(&file)
            .arg(format!("--since={rev}"))
            .assert()
            .code(2)
            .stderr(contains("--since"));
    }
    assert!(!dir.path().join("pwned.txt").exists(), "git wrote no file");
}

#[test]
fn whatif_removing_an_articulation_point_shows_the_network_split() {
    let city = "cities/saltmarsh-coast.yaml";
    let before = json(
        &bin()
            .args(["analyse", "--format", "json", city])
            .assert()
            .success(),
    );
    assert!(
        ids(&before["gaps"], "id")
            .contains(&"single-point-of-failure.estuary-treatment".to_owned())
    );
    let out = bin()
        .args([
            "whatif",
            city,
            "--remove",
            "estuary-treatment",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let w = json(&out);
    let [b, a] = [&w["diff"]["components"][0], &w["diff"]["components"][1]]
        .map(|v| v.as_u64().expect("count"));
    assert!(
        a > b,
        "removing an articulation point splits the network: {b} -> {a}"
    );
    assert_eq!(
        w["analysis"]["network"]["n_actors"].as_u64(),
        before["network"]["n_actors"].as_u64().map(|n| n - 1)
    );
    assert!(
        !w["analysis"]["network"]["actors"]
            .as_object()
            .expect("map")
            .contains_key("estuary-treatment")
    );
    bin()
        .args(["whatif", city, "--remove", "estuary-treatment"])
        .assert()
        .success()
        .stdout(contains("The network splits from"));
}

#[test]
fn whatif_adding_a_prospect_adds_its_partnerships() {
    let out = bin()
        .args([
            "whatif",
            EASTBROOK,
            "--add",
            "eastbrook-recovery-collective",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let w = json(&out);
    assert_eq!(
        ids(&w["diff"]["actors_added"], "id"),
        ["eastbrook-recovery-collective"]
    );
    assert_eq!(
        w["diff"]["partnerships_added"]
            .as_array()
            .expect("list")
            .len(),
        3
    );
    bin()
        .args(["whatif", EASTBROOK, "--add", "eastbrook-recovery-colective"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `eastbrook-recovery-collective`?"));
}

#[test]
fn recommend_picks_a_greedy_set_that_differs_from_the_best_singly() {
    let file = "tests/fixtures/coordinate/recommend.yaml";
    let out = bin()
        .args(["recommend", file, "--top", "2", "--format", "json"])
        .assert()
        .success();
    let r = json(&out);
    let single: Vec<String> = r["ranking"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["prospects"][0].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(
        single,
        ["a-homes", "b-homes", "c-college"],
        "ties break by id"
    );
    assert_eq!(r["top_k"], serde_json::json!(["a-homes", "b-homes"]));
    let greedy: Vec<&str> = r["greedy"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["prospects"][0].as_str().expect("id"))
        .collect();
    assert_eq!(greedy, ["a-homes", "c-college"]);
    assert_eq!(r["greedy_differs"], true);
    assert!(r["greedy_total"]["value"].as_i64() > r["top_k_total"]["value"].as_i64());
    bin()
        .args(["recommend", file, "--top", "2"])
        .assert()
        .success()
        .stdout(contains(
            "differs from the 2 best taken singly (a-homes, b-homes)",
        ));
    // Stable: the same answer twice.
    assert_eq!(
        out.get_output().stdout,
        bin()
            .args(["recommend", file, "--top", "2", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
    );
}

/// Waits until `ready` holds, polling, or fails after `limit`.
fn wait_for(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn watch_regenerates_after_an_edit_and_survives_an_invalid_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("eastbrook.yaml");
    let out = dir.path().join("plan");
    let log = dir.path().join("watch.log");
    std::fs::copy(root().join(EASTBROOK), &profile).expect("copy");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("inclusive-cities"))
        .arg("watch")
        .arg(&profile)
        .arg("-o")
        .arg(&out)
        .args(["--debounce", "100", "--color", "never"])
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("watch starts");
    let limit = Duration::from_secs(30);
    let plan = out.join("action-plan.md");
    wait_for("the first plan", limit, || read(&log).contains("watching"));
    assert!(read(&plan).contains("lived-experience-gap.lero"));

    // An invalid save: diagnostics, and the last good plan stays.
    let good = read(&plan);
    std::fs::write(
        &profile,
        read(&profile).replacen("sector: council", "sector: councl", 1),
    )
    .expect("write");
    wait_for("the diagnostics", limit, || {
        read(&log).contains("unknown sector `councl`")
    });
    assert!(read(&log).contains("the last good plan is kept"));
    assert_eq!(read(&plan), good);

    // A valid save regenerates the plan.
    std::fs::write(&profile, eastbrook_with_a_lero()).expect("write");
    wait_for("the new plan", limit, || {
        read(&plan).contains("## Since the last plan")
    });
    assert!(!read(&plan).contains("`lived-experience-gap.lero` · high"));
    // Reading the profile to regenerate must not itself trigger another round.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(read(&log).matches("wrote ").count(), 2, "{}", read(&log));
    child.kill().expect("stop watch");
    let _ = child.wait();
}

// --- closed, planned and grouped entries; prospects' new fields ---------------------------

/// Testford with a supported-housing provider (`QUAY` its status and closure) and a college
/// (`COLLEGE` its status), neither partnered.
const TESTFORD: &str = r"format: inclusive-cities/v1
city: { id: testford, name: Testford, country: GB, as_of: 2026-09-01 }
actors:
- { id: council, name: Testford Council, sector: council, commitment: committed }
- { id: hub, name: Testford Recovery Hub, sector: recovery_community, lived_experience_led: true, commitment: committed, provides: [peer_support] }
- { id: churches, name: Testford churches, sector: community, group: 12, commitment: engaged }
- { id: quay, name: Quay Housing, sector: housing, provides: [supported_housing], places: 35, QUAY }
- { id: college, name: Testford College, sector: education, provides: [skills_training], COLLEGE }
partnerships:
- { between: [council, hub], kind: commissioning, formal: true }
- { between: [hub, churches], kind: joint_delivery }
";

/// Testford with its housing provider and college in these states.
fn testford(quay: &str, college: &str) -> String {
    TESTFORD.replace("QUAY", quay).replace("COLLEGE", college)
}

fn write(dir: &Path, name: &str, yaml: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, yaml).expect("write");
    path
}

#[test]
fn remove_actor_leaves_no_reference_to_it_but_owner_and_funder() {
    let yaml = r"format: inclusive-cities/v1
city: { id: testford, name: Testford, country: GB, as_of: 2026-09-01 }
actors:
- { id: council, name: Council, sector: council, commitment: committed, funding: [{ source: hub }] }
- { id: hub, name: Hub, sector: recovery_community, lived_experience_led: true, provides: [peer_support] }
- { id: quay, name: Quay Housing, sector: housing, provides: [supported_housing] }
- { id: churches, name: Churches, sector: community, group: true }
partnerships:
- { between: [council, hub], kind: commissioning }
- { from: hub, to: quay, kind: referral }
- { between: [hub, churches], kind: joint_delivery }
initiatives:
- { id: walk, name: Recovery Walk, provides: [recovery_events], led_by: [hub], partners: [council, churches] }
- { id: cafe, name: Recovery Cafe, provides: [recovery_cafe], led_by: [council, hub], partners: [quay] }
- { id: college, name: Recovery College, provides: [recovery_coach_training], led_by: [hub, quay], status: planned }
governance: { board: [council, hub, quay], people_in_recovery_seats: 1 }
prospects:
- { id: builders, name: Builders, sector: employer, would_partner_with: [hub, quay] }
actions:
- { id: missing-link.a, status: agreed, owner: hub }
- { id: missing-link.b, status: agreed, owner: quay }
";
    // Removed: the initiatives and planned initiatives left, the board left.
    type Ids = &'static [&'static str];
    let cases: [(&str, Ids, Ids, Ids); 4] = [
        ("hub", &["cafe"], &["college"], &["council", "quay"]),
        ("council", &["walk", "cafe"], &["college"], &["hub", "quay"]),
        ("quay", &["walk", "cafe"], &["college"], &["council", "hub"]),
        (
            "churches",
            &["walk", "cafe"],
            &["college"],
            &["council", "hub", "quay"],
        ),
    ];
    for (id, initiatives, planned, board) in cases {
        let mut c = city(yaml);
        remove_actor(&mut c, id);
        let ids = |list: &[inclusive_cities::model::city::Initiative]| -> Vec<String> {
            list.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&c.initiatives), initiatives, "{id}");
        assert_eq!(ids(&c.planned_initiatives), planned, "{id}");
        let g = c.governance.as_ref().expect("governance");
        assert_eq!(
            g.board.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
            board
        );
        // Nothing else names it: only a tracked action's owner and a funding source may.
        let text = serde_json::to_string(&c).expect("plain data");
        let kept = c
            .actions
            .iter()
            .filter(|a| a.owner.as_ref().is_some_and(|o| o.as_str() == id))
            .count()
            + c.actors
                .iter()
                .flat_map(|a| &a.funding)
                .filter(|f| f.source == id)
                .count();
        assert_eq!(
            text.matches(&format!("\"{id}\"")).count(),
            kept,
            "{id}: {text}"
        );
    }
}

#[test]
fn whatif_refuses_to_remove_an_actor_outside_the_network() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "testford.yaml",
        &testford("status: closed, closed_on: 2026-03-31", "status: planned"),
    );
    for (id, message) in [
        (
            "quay",
            "`quay` is closed: it is already outside the network",
        ),
        (
            "college",
            "`college` is planned: it is already outside the network",
        ),
        (
            "counci",
            "`counci` is not an actor of this profile: did you mean `council`?",
        ),
    ] {
        bin()
            .arg("whatif")
            .arg(&file)
            .args(["--remove", id])
            .assert()
            .code(2)
            .stderr(contains(message));
    }
    bin()
        .arg("whatif")
        .arg(&file)
        .args(["--remove", "churches"])
        .assert()
        .success()
        .stdout(contains("Actors removed"));
}

#[test]
fn diff_reports_an_actor_that_closed_and_one_that_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = write(
        dir.path(),
        "old.yaml",
        &testford("status: active", "status: planned"),
    );
    // An undated closure: the provision it took is lost, on an assumption.
    let new = write(
        dir.path(),
        "new.yaml",
        &testford("status: closed", "status: active"),
    );
    let d = json(
        &bin()
            .arg("diff")
            .args([&old, &new])
            .args(["--format", "json"])
            .assert()
            .success(),
    );
    for (list, expected) in [
        ("actors_closed", vec!["quay"]),
        ("actors_opened", vec!["college"]),
        ("actors_added", vec![]),
        ("actors_removed", vec![]),
    ] {
        assert_eq!(ids(&d[list], "id"), expected, "{list}");
    }
    assert_eq!(d["actors_closed"][0]["was"], "active");
    assert_eq!(d["actors_opened"][0]["was"], "planned");
    let lost = d["gaps_opened"]
        .as_array()
        .expect("list")
        .iter()
        .find(|g| g["id"] == "lost-provision.quay.supported_housing")
        .expect("lost provision opened");
    assert_eq!(lost["basis"], "assumed");
    let skills = d["gaps_closed"]
        .as_array()
        .expect("list")
        .iter()
        .find(|g| g["id"] == "missing-capability.skills_training")
        .expect("skills training closed");
    assert_eq!(
        skills["closed_by"],
        serde_json::json!(["Testford College opening"])
    );
    bin()
        .arg("diff")
        .args([&old, &new])
        .assert()
        .success()
        .stdout(contains(
            "Actors closed (1)\n\n- Quay Housing (quay, housing)",
        ))
        .stdout(contains(
            "Actors opened (1)\n\n- Testford College (college, education)\n",
        ))
        .stdout(contains(
            "lost-provision.quay.supported_housing (high, assumed)",
        ));
}

/// Testford with a housing provider that closed (`CLOSED_ON`, or undated) and one prospect.
const PROSPECTING: &str = r"format: inclusive-cities/v1
city: { id: testford, name: Testford, country: GB, as_of: 2026-09-01 }
actors:
- { id: council, name: Testford Council, sector: council, commitment: committed }
- { id: quay, name: Quay Housing, sector: housing, provides: [supported_housing], places: 35, status: closed, CLOSED_ON }
prospects:
- PROSPECT
";

#[test]
fn recommend_credits_the_recorded_gaps_a_prospects_new_fields_close() {
    const LERO: &str = "{ id: hub, name: Hub, sector: recovery_community, lived_experience_led: true, provides: [peer_support], would_partner_with: [council] }";
    const ONLINE: &str = "{ id: hub, name: Hub, sector: recovery_community, online: true, provides: [peer_support] }";
    const HOMES_40: &str =
        "{ id: homes, name: Homes, sector: housing, provides: [supported_housing], places: 40 }";
    let dated = "closed_on: 2026-03-31";
    let lost = "lost-provision.quay.supported_housing";
    // (closure, prospect, gap, whether joining closes it, whether recommend credits it)
    let cases = [
        (dated, LERO, "lived-experience-gap.lero", true, true),
        (
            dated,
            &LERO.replace("lived_experience_led: true, ", ""),
            "lived-experience-gap.lero",
            false,
            false,
        ),
        (dated, ONLINE, "digital-gap.testford", true, true),
        (
            dated,
            &ONLINE.replace("online: true, ", ""),
            "digital-gap.testford",
            false,
            false,
        ),
        (dated, HOMES_40, lost, true, true),
        (dated, &HOMES_40.replace("40", "12"), lost, false, false),
        // An undated closure: the lost provision is assumed, and closing it is no reason to recruit.
        ("", HOMES_40, lost, true, false),
    ];
    for (closed_on, prospect, gap, closes, credited) in cases {
        let yaml = PROSPECTING
            .replace("CLOSED_ON", closed_on)
            .replace("PROSPECT", prospect);
        let before = assert_fires(&yaml, gap);
        assert_eq!(
            before.basis == Basis::Recorded,
            !closed_on.is_empty(),
            "{gap}"
        );
        let c = city(&yaml);
        let id = c.prospects[0].id.clone();
        let joined = whatif::apply(builtin_model(), &c, &[id], &[]).expect("a prospect");
        let after = inclusive_cities::analyse(
            builtin_model(),
            &joined,
            &inclusive_cities::Network::build(&joined, builtin_model()),
        );
        assert_eq!(
            after.gaps.iter().all(|g| g.id != gap),
            closes,
            "{prospect}: {gap}"
        );
        let r = recommend(builtin_model(), &c, 1);
        assert_eq!(
            r.ranking[0].closes.iter().any(|g| g == gap),
            credited,
            "{prospect}: {:?}",
            r.ranking[0]
        );
    }
}
