//! Betweenness and closeness of a large network, estimated from a sample of sources: within the
//! bound analysis.json states, the same bytes on 1 and 4 threads, exact when asked and below
//! the size that samples. (Timings are in `benches/`, not here.)

use crate::harness::{bin, city};
use inclusive_cities::load::builtin_model;
use inclusive_cities::network::{Metrics, PathMethod, PathMode, PathOptions};
use inclusive_cities::{City, Network};
use serde_json::Value;
use std::collections::BTreeMap;

/// A profile of `n` actors: a ring of districts, each a dense cluster with a hub, hubs linked in
/// a ring, a few long ties; then a pair and a triangle apart and two isolated actors. Edges are
/// drawn by a fixed arithmetic rule, so the file is the same on every run.
fn profile(n: usize) -> String {
    let mut yaml = String::from(
        "format: inclusive-cities/v1\ncity: { id: big, name: Big, country: GB, as_of: 2026-09-01 }\nactors:\n",
    );
    let total = n + 7;
    for i in 0..total {
        yaml.push_str(&format!(
            "  - {{ id: a{i}, name: Actor {i}, sector: community }}\n"
        ));
    }
    yaml.push_str("partnerships:\n");
    let mut edge = |a: usize, b: usize| {
        yaml.push_str(&format!(
            "  - {{ between: [a{a}, a{b}], kind: joint_delivery }}\n"
        ));
    };
    let cluster = 20;
    let hubs: Vec<usize> = (0..n).step_by(cluster).collect();
    for (c, &hub) in hubs.iter().enumerate() {
        let end = (hub + cluster).min(n);
        for v in hub + 1..end {
            edge(hub, v);
            if v + 1 < end && v % 3 != 0 {
                edge(v, v + 1);
            }
        }
        edge(hub, hubs[(c + 1) % hubs.len()]);
        if c % 4 == 0 {
            edge(hub + 1, hubs[(c + hubs.len() / 2) % hubs.len()] + 2);
        }
    }
    // A pair and a triangle apart; a[n+5] and a[n+6] stay isolated.
    edge(n, n + 1);
    edge(n + 2, n + 3);
    edge(n + 3, n + 4);
    edge(n + 2, n + 4);
    yaml
}

fn measure(city: &City, mode: PathMode) -> Metrics {
    Network::build(city, builtin_model())
        .with_paths(PathOptions {
            mode,
            progress: None,
        })
        .metrics()
}

/// Each actor's component size.
fn component_sizes(m: &Metrics) -> BTreeMap<String, usize> {
    m.components
        .iter()
        .flat_map(|c| c.iter().map(move |a| (a.to_string(), c.len())))
        .collect()
}

#[test]
fn a_sampled_estimate_stays_within_the_bound_it_states() {
    let city = city(&profile(400));
    let exact = measure(&city, PathMode::Exact);
    let sampled = measure(&city, PathMode::Sources(60));
    let paths = sampled.paths.as_ref().expect("measured");
    assert_eq!(paths.method, PathMethod::Sampled);
    assert_eq!(paths.sources, 60);
    assert_eq!(paths.seed, Some(1));
    assert_eq!(paths.confidence, Some(0.95));
    let bound = paths.error_bound.as_ref().expect("a bound");
    // Hoeffding at 95% for 60 sources, times n / (n - 1).
    let eps = ((2.0f64 / 0.05).ln() / 120.0).sqrt() * 407.0 / 406.0;
    assert!((bound.betweenness - eps).abs() < 1e-12, "{bound:?}");
    assert!(bound.mean_distance > 0.0, "{bound:?}");

    let n = exact.n_actors as f64;
    let sizes = component_sizes(&exact);
    let largest = exact.components[0].len();
    let mut differ = 0;
    for (id, e) in &exact.actors {
        let s = &sampled.actors[id];
        assert!(
            (s.betweenness - e.betweenness).abs() <= bound.betweenness,
            "betweenness of {id}: estimated {}, exact {}",
            s.betweenness,
            e.betweenness
        );
        let size = sizes[id.as_str()];
        if size == largest {
            // Closeness is r / (mean distance × (n - 1)), r exact: compare the mean distances.
            let mean = |c: f64| (size - 1) as f64 / (c * (n - 1.0));
            let (ms, me) = (mean(s.closeness), mean(e.closeness));
            assert!(
                (ms - me).abs() <= bound.mean_distance,
                "mean distance of {id}: estimated {ms}, exact {me}"
            );
        } else {
            // The small components hold no source: their closeness comes from their own search.
            assert_eq!(s.closeness, e.closeness, "closeness of {id}");
        }
        if s.betweenness != e.betweenness || s.closeness != e.closeness {
            differ += 1;
        }
    }
    assert!(
        differ > 100,
        "an estimate, not the exact figures ({differ} differ)"
    );
}

#[test]
fn as_many_sources_as_actors_gives_the_exact_figures_to_the_bit() {
    let city = city(&profile(200));
    let exact = measure(&city, PathMode::Exact);
    let all = measure(&city, PathMode::Sources(exact.n_actors));
    let auto = measure(&city, PathMode::Auto);
    for m in [&all, &auto] {
        let paths = m.paths.as_ref().expect("measured");
        assert_eq!(paths.method, PathMethod::Exact);
        assert_eq!(paths.sources, exact.n_actors);
        assert!(paths.seed.is_none() && paths.error_bound.is_none());
        for (id, e) in &exact.actors {
            assert_eq!(m.actors[id].betweenness.to_bits(), e.betweenness.to_bits());
            assert_eq!(m.actors[id].closeness.to_bits(), e.closeness.to_bits());
        }
    }
}

/// `analyse --format json` of `file` with `args` on `threads` threads: stdout and stderr.
fn analyse_json(file: &std::path::Path, args: &[&str], threads: &str) -> (String, String) {
    let out = bin()
        .arg("analyse")
        .arg(file)
        .args(["--format", "json"])
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn analysis_json_says_how_paths_were_measured_the_same_on_any_thread_count() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, profile(600)).expect("written");

    let (one, err) = analyse_json(&file, &["--sources", "150"], "1");
    let (four, _) = analyse_json(&file, &["--sources", "150"], "4");
    assert_eq!(one, four, "the same bytes on 1 and 4 threads");
    assert_eq!(err, "", "no progress bar or note off a terminal");
    let json: Value = serde_json::from_str(&one).expect("JSON");
    let paths = &json["network"]["paths"];
    assert_eq!(paths["method"], "sampled");
    assert_eq!(paths["sources"], 150);
    assert_eq!(paths["seed"], 1);
    assert_eq!(paths["confidence"], 0.95);
    assert!(
        paths["error_bound"]["betweenness"]
            .as_f64()
            .is_some_and(|b| b > 0.0)
    );
    assert!(
        paths["error_bound"]["mean_distance"]
            .as_f64()
            .is_some_and(|b| b > 0.0)
    );

    let (exact, _) = analyse_json(&file, &["--exact"], "4");
    let json: Value = serde_json::from_str(&exact).expect("JSON");
    assert_eq!(
        json["network"]["paths"],
        serde_json::json!({ "method": "exact", "sources": 607 })
    );
    let (auto, _) = analyse_json(&file, &[], "2");
    assert_eq!(auto, exact, "a small network is measured exactly");
}

#[test]
fn the_table_says_when_paths_were_estimated() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, profile(300)).expect("written");
    let out = bin()
        .arg("analyse")
        .arg(&file)
        .args(["--sources", "100"])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("betweenness and closeness estimated from 100 of 307 organisations (seed 1): betweenness within ±0.136 and mean distances within ±"),
        "{text}"
    );
    assert!(text.contains("--exact computes them exactly"), "{text}");
    let out = bin().arg("analyse").arg(&file).output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.contains("estimated"), "{text}");
}

#[test]
fn the_report_says_when_paths_were_estimated() {
    use inclusive_cities::plan::build_plan;
    use inclusive_cities::plan::view::PlanView;
    use inclusive_cities::render::templates::Templates;
    let model = builtin_model();
    let city = city(&profile(300));
    let report = |mode| {
        let network = Network::build(&city, model).with_paths(PathOptions {
            mode,
            progress: None,
        });
        let analysis = inclusive_cities::analyse(model, &city, &network);
        let plan = build_plan(model, &city, &analysis, None);
        let view = PlanView::new(model, &city, &analysis, &plan, None);
        Templates::load(None)
            .expect("built-in templates")
            .render("report.html.tera", &view)
            .expect("renders")
    };
    let sampled = report(PathMode::Sources(100));
    assert!(
        sampled.contains("Too many organisations to measure every shortest path: betweenness and closeness estimated from 100 of 307 organisations (seed 1): betweenness within ±0.136"),
        "{sampled}"
    );
    assert!(!report(PathMode::Auto).contains("estimated from"));
}
