//! The network's measures against NetworkX's, on Zachary's karate club, a disconnected graph and
//! a path joined to a star (values computed with NetworkX, kept in `tests/fixtures/network/`).

use crate::harness::{city, root};
use inclusive_cities::Network;
use inclusive_cities::load::builtin_model;
use serde_json::Value;

const TOLERANCE: f64 = 1e-12;

/// A profile whose actors are the fixture's nodes and whose partnerships are its edges.
/// `extra` partnerships of another kind on the same pairs must not change any figure.
fn profile_of(fixture: &Value, repeat_edges: bool) -> String {
    let mut yaml = String::from(
        "format: inclusive-cities/v1\ncity: { id: graph, name: Graph, country: GB, as_of: 2026-09-01 }\nactors:\n",
    );
    for node in fixture["nodes"].as_array().expect("nodes") {
        let id = node.as_str().expect("node id");
        yaml.push_str(&format!(
            "  - {{ id: {id}, name: Node {id}, sector: community }}\n"
        ));
    }
    yaml.push_str("partnerships:\n");
    for edge in fixture["edges"].as_array().expect("edges") {
        let (a, b) = (edge[0].as_str().expect("id"), edge[1].as_str().expect("id"));
        yaml.push_str(&format!(
            "  - {{ between: [{a}, {b}], kind: joint_delivery }}\n"
        ));
        if repeat_edges {
            yaml.push_str(&format!("  - {{ from: {b}, to: {a}, kind: referral }}\n"));
        }
    }
    yaml
}

fn fixture(name: &str) -> Value {
    let path = root().join("tests/fixtures/network").join(name);
    let text = std::fs::read_to_string(&path).expect("the fixture exists");
    serde_json::from_str(&text).expect("the fixture is JSON")
}

fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect()
}

fn check_against_networkx(name: &str, repeat_edges: bool) {
    let expected = fixture(name);
    let city = city(&profile_of(&expected, repeat_edges));
    let m = Network::build(&city, builtin_model()).metrics();
    let close = |what: &str, ours: f64, theirs: &Value| {
        let theirs = theirs.as_f64().expect("a number");
        assert!(
            (ours - theirs).abs() < TOLERANCE,
            "{name}: {what}: ours {ours}, NetworkX {theirs}"
        );
    };
    close("density", m.density, &expected["density"]);
    close(
        "degree centralization",
        m.degree_centralization,
        &expected["degree_centralization"],
    );
    for (id, actor) in &m.actors {
        close(
            &format!("betweenness of {id}"),
            actor.betweenness,
            &expected["betweenness"][id.as_str()],
        );
        close(
            &format!("closeness of {id}"),
            actor.closeness,
            &expected["closeness"][id.as_str()],
        );
        assert_eq!(
            Some(actor.degree as u64),
            expected["degree"][id.as_str()].as_u64(),
            "{name}: degree of {id}"
        );
    }
    let components: Vec<Vec<String>> = m
        .components
        .iter()
        .map(|c| c.iter().map(|a| a.to_string()).collect())
        .collect();
    let theirs: Vec<Vec<String>> = expected["components"]
        .as_array()
        .expect("list")
        .iter()
        .map(ids)
        .collect();
    assert_eq!(components, theirs, "{name}: components");
    let aps: Vec<String> = m
        .articulation_points
        .iter()
        .map(|a| a.to_string())
        .collect();
    assert_eq!(
        aps,
        ids(&expected["articulation_points"]),
        "{name}: articulation points"
    );
    let bridges: Vec<Vec<String>> = m
        .bridges
        .iter()
        .map(|b| b.iter().map(|a| a.to_string()).collect())
        .collect();
    let theirs: Vec<Vec<String>> = expected["bridges"]
        .as_array()
        .expect("list")
        .iter()
        .map(ids)
        .collect();
    assert_eq!(bridges, theirs, "{name}: bridges");
    assert_eq!(
        m.n_actors,
        expected["nodes"].as_array().expect("list").len()
    );
    assert_eq!(m.n_links, expected["edges"].as_array().expect("list").len());
}

#[test]
fn karate_club_matches_networkx() {
    check_against_networkx("karate.json", false);
}

#[test]
fn disconnected_graph_matches_networkx() {
    check_against_networkx("disconnected.json", false);
}

#[test]
fn path_and_star_match_networkx() {
    check_against_networkx("path-and-star.json", false);
}

#[test]
fn several_partnerships_on_one_pair_are_one_edge() {
    check_against_networkx("karate.json", true);
    check_against_networkx("disconnected.json", true);
}

#[test]
fn counts_partnerships_and_links_apart() {
    let fixture = fixture("disconnected.json");
    let city = city(&profile_of(&fixture, true));
    let m = Network::build(&city, builtin_model()).metrics();
    assert_eq!(m.n_partnerships, 2 * m.n_links);
}

#[test]
fn reaches_along_pathways_in_their_direction_within_the_hop_limit() {
    let yaml = r#"format: inclusive-cities/v1
city: { id: t, name: T, country: GB, as_of: 2026-09-01 }
actors:
  - { id: a, name: A, sector: harm_reduction }
  - { id: b, name: B, sector: treatment }
  - { id: c, name: C, sector: recovery_community }
  - { id: d, name: D, sector: housing }
  - { id: e, name: E, sector: council }
partnerships:
  - { from: a, to: b, kind: referral }
  - { from: b, to: c, kind: aftercare }
  - { between: [c, d], kind: housing_pathway }
  - { between: [a, e], kind: commissioning }
"#;
    let network = Network::build(&city(yaml), builtin_model());
    let reach = |from: &str, hops| -> Vec<(String, usize)> {
        network
            .reachable_within(&from.into(), hops)
            .into_iter()
            .map(|(a, h)| (a.to_string(), h))
            .collect()
    };
    let owned = |v: &[(&str, usize)]| {
        v.iter()
            .map(|(a, h)| ((*a).to_owned(), *h))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        reach("a", 3),
        owned(&[("a", 0), ("b", 1), ("c", 2), ("d", 3)])
    );
    assert_eq!(reach("a", 2), owned(&[("a", 0), ("b", 1), ("c", 2)]));
    // Directed referrals do not run backwards; commissioning is not a pathway.
    assert_eq!(reach("c", 3), owned(&[("c", 0), ("d", 1)]));
    assert_eq!(reach("e", 3), owned(&[("e", 0)]));
}
