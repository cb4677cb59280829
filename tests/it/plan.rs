//! `plan`: the documents a board reads (snapshots), tracked statuses carried over, escaping,
//! safe writing (markers, foreign files, atomic writes, nothing written on bad input),
//! templates overridden and exported, the same bytes whatever the thread count.

use crate::harness::{CITIES, bin, root};
use predicates::str::contains;
use std::path::Path;

const DOCUMENTS: [&str; 5] = [
    "mission.md",
    "action-plan.md",
    "report.html",
    "analysis.json",
    "plan.json",
];

fn plan(city: &str, out: &Path) -> assert_cmd::assert::Assert {
    bin().arg("plan").arg(city).arg("-o").arg(out).assert()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn plan_documents_of_dalesford_match_their_snapshots() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/dalesford-county.yaml", dir.path()).success();
    insta::assert_snapshot!("dalesford_mission", read(&dir.path().join("mission.md")));
    insta::assert_snapshot!(
        "dalesford_action_plan",
        read(&dir.path().join("action-plan.md"))
    );
    insta::assert_snapshot!("dalesford_report", read(&dir.path().join("report.html")));
}

#[test]
fn every_template_renders_for_every_bundled_city() {
    for city in CITIES {
        let dir = tempfile::tempdir().expect("temp dir");
        plan(city, dir.path()).success();
        for doc in DOCUMENTS {
            let text = read(&dir.path().join(doc));
            assert!(text.len() > 1000, "{city}: {doc} is too short");
        }
        let mission = read(&dir.path().join("mission.md"));
        for heading in [
            "## What",
            "## Decisions asked of the board",
            "## Mission",
            "## Vision",
            "### Within a year",
            "### Within three years",
        ] {
            assert!(
                mission.contains(heading),
                "{city}: mission.md lacks {heading}"
            );
        }
        let analysis = read(&dir.path().join("analysis.json"));
        let direct = bin()
            .args(["analyse", "--format", "json", city])
            .assert()
            .success();
        assert_eq!(
            analysis.as_bytes(),
            direct.get_output().stdout.as_slice(),
            "{city}: analysis.json differs from analyse"
        );
    }
}

#[test]
fn action_plan_is_specific_sourced_and_monitored() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/saltmarsh-coast.yaml", dir.path()).success();
    let text = read(&dir.path().join("action-plan.md"));
    // Every recorded gap of the analysis has its action, under the gap's id; an assumed one is
    // listed to check instead.
    let analysis: serde_json::Value =
        serde_json::from_str(&read(&dir.path().join("analysis.json"))).expect("JSON");
    let (to_check, _) = text
        .split_once("## Closed or no longer generated")
        .expect("sections");
    let (_, to_check) = to_check
        .split_once("## To check and map next")
        .expect("to check");
    for gap in analysis["gaps"].as_array().expect("gaps") {
        let id = gap["id"].as_str().expect("id");
        match gap["basis"].as_str() {
            // An organisation that declined is not brought in by an action.
            Some("recorded")
                if gap["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(", declined)")) => {}
            Some("recorded") => assert!(text.contains(&format!("`{id}`")), "no action for {id}"),
            _ => {
                assert!(
                    !text.contains(&format!("`{id}`")),
                    "{id} is assumed: no action"
                );
                let on_funding = gap["assumed_from"]
                    .as_array()
                    .expect("assumed from")
                    .iter()
                    .all(|f| f.as_str().is_some_and(|f| f.ends_with(".funding")));
                if on_funding {
                    // Answered by the one funding question.
                    assert!(to_check.contains("Funding not recorded for"), "{id}");
                    continue;
                }
                let message = gap["message"].as_str().expect("message");
                let first = message.split(':').next().expect("text");
                assert!(to_check.contains(&first[1..]), "{id} is listed to check");
            }
        }
    }
    assert!(
        text.contains("**Lead.** Saltmarsh Families in Recovery: the organisation concerned."),
        "the organisation at risk leads its funding plan"
    );
    assert!(
        text.contains("collected with consent and kept anonymous"),
        "stories, with consent"
    );
    // Sources by title in the body; file names only in the appendix.
    assert!(text.contains("**Source.** Community Recovery: Grassroots Models"));
    let (body, appendix) = text.split_once("## Appendix").expect("an appendix");
    assert!(
        !body.contains("_77cae466a9c9ef5f.txt"),
        "no file name in the body"
    );
    assert!(appendix.contains("`000_77cae466a9c9ef5f.txt`"));
    assert!(text.contains("## Monitoring"));
    assert!(text.contains("(suggested)"));
    // The phases come in order, year one first.
    let year_one = text.find("## Year one").expect("year one");
    let later = text
        .find("## Years two and three")
        .expect("years two and three");
    assert!(year_one < later);
}

#[test]
fn tracked_statuses_are_carried_and_closed_ones_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/dalesford-county.yaml", dir.path()).success();
    let text = read(&dir.path().join("action-plan.md"));
    // A tracked action still generated keeps its status, owner, due date and note.
    let row = text
        .lines()
        .find(|l| l.starts_with("| ") && l.contains("| `board-and-mission` |"))
        .expect("a monitoring row");
    // Tracked under one of its gap ids, the action keeps the status, owner and due date.
    assert!(
        row.ends_with("| agreed | Dalesford County Council Public Health | Q3, by 2027-03-31 |"),
        "{row}"
    );
    assert!(text.contains("Outcome framework to be drafted"));
    // Tracked actions whose gap closed are listed with their last status, never dropped.
    let closed = &text[text
        .find("## Closed or no longer generated")
        .expect("section")..];
    assert!(
        closed.contains("| `isolated-actor.dales-recovery-collective` | done |"),
        "{closed}"
    );
    // Tracked as a missing link that is now weak, the work under way keeps its action.
    assert!(
        !closed.contains("missing-link.harm_reduction.recovery_community"),
        "{closed}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("| `link.harm_reduction.recovery_community` |"))
        .expect("the link's monitoring row");
    assert!(
        row.contains("| in progress | Dales Recovery Collective |"),
        "{row}"
    );
}

#[test]
fn user_strings_are_escaped_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("city.yaml");
    std::fs::write(
        &profile,
        "format: inclusive-cities/v1\ncity: { id: t, name: \"Town & <b>Co</b>\", country: GB, as_of: 2026-09-01 }\nactors:\n  - { id: x, name: \"<script>alert(1)</script>\", sector: council, commitment: committed }\n  - { id: y, name: Y, sector: recovery_community, lived_experience_led: true }\npartnerships:\n  - { between: [x, y], kind: commissioning }\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    plan(profile.to_str().expect("path"), &out).success();
    let html = read(&out.join("report.html"));
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "the actor's name must be escaped"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(!html.contains("<b>Co</b>"));
    assert!(
        !html.contains("<script"),
        "the report carries no script at all"
    );
}

#[test]
fn report_is_self_contained() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/northgate-city.yaml", dir.path()).success();
    let html = read(&dir.path().join("report.html"));
    assert!(html.starts_with("<!-- generated by inclusive-cities"));
    for needle in ["<link", "<script", "src=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "report.html has {needle}");
    }
    assert!(html.contains("<svg class=\"chart\""));
    assert!(html.contains("<svg class=\"net\""));
    assert!(
        html.contains("stroke=\"#c0392b\" stroke-width=\"3\""),
        "single points of failure are marked"
    );
    assert!(html.contains("@media print"));
}

#[test]
fn a_foreign_file_survives_and_force_overwrites_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = dir.path().join("mission.md");
    std::fs::write(&mine, "# Our own mission, written by hand\n").expect("write");
    plan("cities/eastbrook-town.yaml", dir.path())
        .code(2)
        .stderr(contains("not overwriting"))
        .stderr(contains("mission.md"))
        .stderr(contains("--force"));
    assert_eq!(read(&mine), "# Our own mission, written by hand\n");
    assert!(
        !dir.path().join("report.html").exists(),
        "nothing is written when one file is in the way"
    );
    bin()
        .arg("plan")
        .arg("cities/eastbrook-town.yaml")
        .arg("-o")
        .arg(dir.path())
        .arg("--force")
        .assert()
        .success();
    assert!(read(&mine).starts_with("<!-- generated by inclusive-cities"));
}

#[test]
fn an_edited_document_is_kept_unless_forced_and_an_untouched_one_replaced() {
    let (dir, fresh) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    plan("cities/northgate-city.yaml", fresh.path()).success();
    plan("cities/eastbrook-town.yaml", dir.path()).success();
    let eastbrook = DOCUMENTS.map(|doc| read(&dir.path().join(doc)));
    plan("cities/northgate-city.yaml", dir.path()).success();
    for (doc, before) in DOCUMENTS.iter().zip(&eastbrook) {
        let after = read(&dir.path().join(doc));
        assert!(
            &after != before && after.contains("Northgate"),
            "{doc}: the engine's own file is replaced"
        );
    }
    let edited = ["mission.md", "report.html", "analysis.json"].map(|doc| {
        let path = dir.path().join(doc);
        let text = read(&path).replacen("Northgate", "Northgatf", 1);
        assert_ne!(text, read(&path), "{doc}: one character changed");
        std::fs::write(&path, &text).expect("edit");
        (path, text)
    });
    let refused = plan("cities/northgate-city.yaml", dir.path())
        .code(2)
        .stderr(contains("not overwriting"));
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    for (path, text) in &edited {
        let name = path.file_name().expect("a name").to_string_lossy();
        assert!(stderr.contains(&*name), "{name} is named: {stderr}");
        assert_eq!(&read(path), text, "{name} is kept");
    }
    assert!(
        !stderr.contains("action-plan.md"),
        "the untouched file is not in the way"
    );
    bin()
        .args(["plan", "cities/northgate-city.yaml", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    for doc in DOCUMENTS {
        // The edited analysis.json is not the engine's: nothing "since the last plan".
        assert_eq!(read(&dir.path().join(doc)), read(&fresh.path().join(doc)));
    }
}

#[test]
fn the_marker_carries_the_hash_of_the_rest_and_json_its_generator() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/eastbrook-town.yaml", dir.path()).success();
    let mission = read(&dir.path().join("mission.md"));
    let (first, rest) = mission.split_once('\n').expect("a marker line");
    assert_eq!(mission, inclusive_cities::render::output::mark(rest));
    assert!(
        first.starts_with("<!-- generated by inclusive-cities (hash sha256:"),
        "{first}"
    );
    let text = read(&dir.path().join("analysis.json"));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["format"], "inclusive-cities/analysis/v1");
    assert_eq!(json["generator"]["name"], "inclusive-cities");
    assert_eq!(json["generator"]["version"], env!("CARGO_PKG_VERSION"));
    let mut unstamped = json.clone();
    unstamped
        .as_object_mut()
        .expect("an object")
        .remove("generator");
    assert_eq!(
        inclusive_cities::render::output::stamp_json(unstamped),
        text,
        "the same text as stamp_json gives"
    );
}

#[test]
fn regenerating_overwrites_the_engines_own_files_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    plan("cities/eastbrook-town.yaml", dir.path()).success();
    plan("cities/eastbrook-town.yaml", dir.path()).success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "action-plan.md",
            "analysis.json",
            "mission.md",
            "plan.json",
            "report.html"
        ]
    );
}

#[test]
fn invalid_input_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("plan");
    plan("tests/fixtures/bad/many-problems.yaml", &out).code(1);
    assert!(!out.exists(), "the output folder is not even created");
}

#[test]
fn format_picks_a_subset() {
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args([
            "plan",
            "cities/eastbrook-town.yaml",
            "--format",
            "report,json",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("report.html").exists() && dir.path().join("analysis.json").exists());
    assert!(!dir.path().join("mission.md").exists() && !dir.path().join("action-plan.md").exists());
}

#[test]
fn plans_are_byte_identical_across_runs_and_thread_counts() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().expect("temp dir");
        bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["plan", "cities/northgate-city.yaml", "-o"])
            .arg(dir.path())
            .assert()
            .success();
        DOCUMENTS.map(|d| read(&dir.path().join(d)))
    };
    let one = run("1");
    assert_eq!(one, run("1"));
    assert_eq!(one, run("4"));
}

#[test]
fn templates_export_then_override_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let templates = dir.path().join("templates");
    bin()
        .args(["templates", "export"])
        .arg(&templates)
        .assert()
        .success();
    for name in ["mission.md.tera", "action-plan.md.tera", "report.html.tera"] {
        assert_eq!(
            read(&templates.join(name)),
            read(&root().join("templates").join(name))
        );
    }
    bin()
        .args(["templates", "export"])
        .arg(&templates)
        .assert()
        .code(2)
        .stderr(contains("--force"));
    std::fs::write(
        templates.join("mission.md.tera"),
        "Mission of {{ city.name }}: {{ mission.statement }}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    bin()
        .args(["plan", "cities/eastbrook-town.yaml", "--templates"])
        .arg(&templates)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mission = read(&out.join("mission.md"));
    assert!(
        mission.starts_with("<!-- generated by inclusive-cities"),
        "the marker is the engine's, not the template's"
    );
    assert!(mission.contains(
        "Mission of Eastbrook: In Eastbrook, no one should walk the recovery path alone."
    ));
}

#[test]
fn a_template_error_names_the_template_line_and_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mission.md.tera"),
        "# {{ city.name }}\n\n{{ city.mayor }}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    bin()
        .args(["plan", "cities/eastbrook-town.yaml", "--templates"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("template `mission.md.tera`"))
        .stderr(contains("mayor"))
        .stderr(contains(":3:"));
    assert!(!out.exists());
}
