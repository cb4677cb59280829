//! `export`: GraphML and GEXF read back with an XML parser (counts, typed declarations, every
//! attribute on every actor, escaping), DOT, JSON and Kumu's CSV sheets, on every bundled city
//! and on a profile whose names need escaping; the same bytes each run.

use crate::harness::{CITIES, analysis, bin, root};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};

const AWKWARD: &str = "tests/fixtures/export/awkward-names.yaml";
const FORMULAS: &str = "tests/fixtures/export/formula-names.yaml";

/// The export of `city` in `format`, from standard output.
fn export(city: &str, format: &str) -> String {
    let out = bin()
        .args(["export", city, "--format", format])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("exports are UTF-8")
}

/// Actors (the network's, with the closed and planned ones the exports also list),
/// partnerships and partnered pairs of a profile, as the analysis counts them.
fn counts(city: &str) -> (usize, usize, usize) {
    let yaml = std::fs::read_to_string(root().join(city)).expect("the profile reads");
    let n = analysis(&yaml).network;
    let inactive = crate::harness::city(&yaml).inactive_actors.len();
    (n.n_actors + inactive, n.n_partnerships, n.n_links)
}

/// An XML element: local name, unescaped attributes, children and text.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<El>,
    text: String,
}

impl El {
    /// Every descendant named `name`, in document order.
    fn all(&self, name: &str) -> std::vec::IntoIter<&El> {
        let mut out = Vec::new();
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            out.extend(c.all(name));
        }
        out.into_iter()
    }
    fn attr(&self, key: &str) -> &str {
        self.attrs
            .get(key)
            .unwrap_or_else(|| panic!("<{}> has no `{key}`", self.name))
    }
}

fn element(e: &BytesStart) -> El {
    let name = String::from_utf8(e.local_name().as_ref().to_vec()).expect("UTF-8 name");
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("a well-formed attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 key");
            let raw = String::from_utf8(a.value.to_vec()).expect("UTF-8 value");
            let value = quick_xml::escape::unescape(&raw).expect("known entities");
            (key, value.into_owned())
        })
        .collect();
    El {
        name,
        attrs,
        ..El::default()
    }
}

/// Parses a whole document with quick-xml's reader; panics on anything not well-formed.
fn parse(xml: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let top = stack.len() - 1;
        match event {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack[top].children.push(element(&e)),
            Event::End(_) => {
                let done = stack.pop().expect("an open element");
                stack[top - 1].children.push(done);
            }
            Event::Text(t) => stack[top].text.push_str(&t.decode().expect("UTF-8 text")),
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8 reference");
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .expect("a known entity")
                    .into_owned();
                stack[top].text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().expect("the document")
}

/// Whether `value` is a valid value of the GraphML or GEXF type `ty`.
fn typed(ty: &str, value: &str) -> bool {
    match ty {
        "boolean" => value == "true" || value == "false",
        "int" | "integer" => value.parse::<i64>().is_ok(),
        "double" => value.parse::<f64>().is_ok_and(f64::is_finite),
        "string" => true,
        other => panic!("unexpected type `{other}`"),
    }
}

const NODE_TYPES: [(&str, &str); 7] = [
    ("sector", "string"),
    ("commitment", "string"),
    ("lived_experience_led", "boolean"),
    ("degree", "int"),
    ("betweenness", "double"),
    ("closeness", "double"),
    ("sector_name", "string"),
];

#[test]
fn graphml_reads_back_with_typed_keys_on_every_actor() {
    for city in CITIES.into_iter().chain([AWKWARD]) {
        let doc = parse(&export(city, "graphml"));
        let keys: BTreeMap<&str, (&str, &str, &str)> = doc
            .all("key")
            .map(|k| {
                (
                    k.attr("id"),
                    (k.attr("for"), k.attr("attr.name"), k.attr("attr.type")),
                )
            })
            .collect();
        let declared = |on: &str| -> BTreeMap<&str, &str> {
            keys.values()
                .filter(|k| k.0 == on)
                .map(|k| (k.1, k.2))
                .collect()
        };
        let nodes = declared("node");
        for (name, ty) in NODE_TYPES.iter().chain(&[("label", "string")]) {
            assert_eq!(nodes.get(name), Some(ty), "{city}: node key `{name}`");
        }
        let edges = declared("edge");
        for (name, ty) in [
            ("kind", "string"),
            ("formal", "boolean"),
            ("directed", "boolean"),
        ]
        .iter()
        .chain(&[
            ("warm_handover", "boolean"),
            ("trust", "int"),
            ("value", "int"),
        ]) {
            assert_eq!(edges.get(name), Some(ty), "{city}: edge key `{name}`");
        }
        let (n_actors, n_partnerships, n_links) = counts(city);
        let graph_nodes: Vec<&El> = doc.all("node").collect();
        let graph_edges: Vec<&El> = doc.all("edge").collect();
        assert_eq!(graph_nodes.len(), n_actors, "{city}: nodes");
        assert_eq!(
            graph_edges.len(),
            n_partnerships,
            "{city}: one edge per partnership"
        );
        let pairs: BTreeSet<(&str, &str)> = graph_edges
            .iter()
            .map(|e| {
                (
                    e.attr("source").min(e.attr("target")),
                    e.attr("source").max(e.attr("target")),
                )
            })
            .collect();
        assert_eq!(pairs.len(), n_links, "{city}: partnered pairs");
        for n in &graph_nodes {
            let data: BTreeMap<&str, &str> = n
                .all("data")
                .map(|d| (d.attr("key"), d.text.as_str()))
                .collect();
            for (key, (on, name, ty)) in keys.iter().filter(|(_, k)| k.0 == "node") {
                let value = data
                    .get(key)
                    .unwrap_or_else(|| panic!("{city}: node `{}` lacks `{name}`", n.attr("id")));
                assert!(
                    typed(ty, value),
                    "{city}: {on} `{name}` = `{value}` is not {ty}"
                );
            }
        }
        for e in &graph_edges {
            for d in e.all("data") {
                let (_, name, ty) = keys[d.attr("key")];
                assert!(typed(ty, &d.text), "{city}: edge `{name}` = `{}`", d.text);
            }
        }
    }
}

#[test]
fn gexf_reads_back_with_attribute_declarations_on_every_actor() {
    for city in CITIES.into_iter().chain([AWKWARD]) {
        let doc = parse(&export(city, "gexf"));
        let gexf = &doc.children[0];
        assert_eq!((gexf.name.as_str(), gexf.attr("version")), ("gexf", "1.3"));
        assert_eq!(gexf.attr("xmlns"), "http://gexf.net/1.3");
        let declared = |class: &str| -> BTreeMap<String, (String, String)> {
            let block = doc
                .all("attributes")
                .find(|a| a.attr("class") == class)
                .unwrap_or_else(|| panic!("{city}: no <attributes class=\"{class}\">"));
            block
                .all("attribute")
                .map(|a| {
                    (
                        a.attr("id").to_owned(),
                        (a.attr("title").to_owned(), a.attr("type").to_owned()),
                    )
                })
                .collect()
        };
        let node_attrs = declared("node");
        let titles: BTreeMap<&str, &str> = node_attrs
            .values()
            .map(|(t, ty)| (t.as_str(), ty.as_str()))
            .collect();
        for (name, ty) in NODE_TYPES {
            let ty = if ty == "int" { "integer" } else { ty };
            assert_eq!(
                titles.get(name),
                Some(&ty),
                "{city}: node attribute `{name}`"
            );
        }
        let edge_attrs = declared("edge");
        let (n_actors, n_partnerships, _) = counts(city);
        let nodes: Vec<&El> = doc.all("node").collect();
        let edges: Vec<&El> = doc.all("edge").collect();
        assert_eq!(nodes.len(), n_actors, "{city}: nodes");
        assert_eq!(edges.len(), n_partnerships, "{city}: edges");
        for n in &nodes {
            assert!(!n.attr("label").is_empty());
            let values: BTreeMap<&str, &str> = n
                .all("attvalue")
                .map(|v| (v.attr("for"), v.attr("value")))
                .collect();
            for (id, (title, ty)) in &node_attrs {
                let value = values
                    .get(id.as_str())
                    .unwrap_or_else(|| panic!("{city}: node `{}` lacks `{title}`", n.attr("id")));
                assert!(
                    typed(ty, value),
                    "{city}: `{title}` = `{value}` is not {ty}"
                );
            }
            assert_eq!(n.all("color").count(), 1, "{city}: a sector colour");
        }
        for e in &edges {
            assert!(e.attr("weight").parse::<f64>().is_ok());
            for v in e.all("attvalue") {
                let (title, ty) = &edge_attrs[v.attr("for")];
                assert!(typed(ty, v.attr("value")), "{city}: edge `{title}`");
            }
        }
    }
}

#[test]
fn xml_exports_escape_names_and_keep_both_directions() {
    let graphml = parse(&export(AWKWARD, "graphml"));
    let labels: BTreeSet<String> = graphml
        .all("data")
        .filter(|d| d.attr("key") == "label")
        .map(|d| d.text.clone())
        .collect();
    assert!(labels.contains("Hub <Recovery> & Café"), "{labels:?}");
    assert!(
        labels.contains("Quayside \"Borough\" Council"),
        "{labels:?}"
    );
    let gexf = parse(&export(AWKWARD, "gexf"));
    let labels: BTreeSet<&str> = gexf.all("node").map(|n| n.attr("label")).collect();
    assert!(
        labels.contains("O'Brien's Outreach \\ Street Team"),
        "{labels:?}"
    );
    let referrals: BTreeSet<(&str, &str)> = gexf
        .all("edge")
        .filter(|e| e.attr("kind") == "referral")
        .map(|e| (e.attr("source"), e.attr("target")))
        .collect();
    assert_eq!(
        referrals,
        BTreeSet::from([("hub", "outreach"), ("outreach", "hub")])
    );
}

#[test]
fn dot_draws_every_actor_coloured_and_referrals_forward() {
    for city in CITIES.into_iter().chain([AWKWARD]) {
        let dot = export(city, "dot");
        let json: serde_json::Value =
            serde_json::from_str(&export(city, "json")).expect("JSON parses");
        assert!(dot.contains(&format!(
            "graph \"{}\" {{",
            json["graph"]["id"].as_str().expect("id")
        )));
        for node in json["nodes"].as_array().expect("nodes") {
            let id = node["id"].as_str().expect("an id");
            let line = format!("  \"{id}\" [label=");
            assert!(dot.contains(&line), "{city}: `{id}` is not drawn");
        }
        let links = json["links"].as_array().expect("links");
        let directed = links.iter().filter(|l| l["directed"] == true).count();
        assert_eq!(dot.matches(" -- ").count(), links.len(), "{city}: edges");
        assert_eq!(
            dot.matches("dir=forward").count(),
            directed,
            "{city}: arrows"
        );
        assert!(dot.contains("fillcolor=\"#"), "{city}: filled by sector");
    }
    let dot = export(AWKWARD, "dot");
    assert!(
        dot.contains(r#"label="Quayside \"Borough\" Council""#),
        "{dot}"
    );
    assert!(
        dot.contains("Quayside &amp; &lt;Harbour&gt;: partnership network"),
        "{dot}"
    );
}

#[test]
fn json_has_nodes_and_links_between_them() {
    for city in CITIES {
        let json: serde_json::Value =
            serde_json::from_str(&export(city, "json")).expect("JSON parses");
        let (n_actors, n_partnerships, _) = counts(city);
        let nodes = json["nodes"].as_array().expect("nodes");
        let links = json["links"].as_array().expect("links");
        assert_eq!(
            (nodes.len(), links.len()),
            (n_actors, n_partnerships),
            "{city}"
        );
        let ids: BTreeSet<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
        assert_eq!(ids.len(), n_actors, "{city}: unique ids");
        for l in links {
            for end in ["source", "target"] {
                let id = l[end].as_str().expect("an actor id");
                assert!(ids.contains(id), "{city}: link to unknown `{id}`");
            }
            assert!(l["strength"].is_u64() && l["formal"].is_boolean());
        }
        assert!(
            nodes
                .iter()
                .all(|n| n["betweenness"].is_f64() || n["betweenness"].is_u64())
        );
    }
}

#[test]
fn csv_writes_kumu_sheets_one_row_per_actor_and_partnership() {
    for city in CITIES.into_iter().chain([AWKWARD]) {
        let dir = tempfile::tempdir().expect("temp dir");
        bin()
            .args(["export", city, "--format", "csv", "-o"])
            .arg(dir.path().join("kumu"))
            .assert()
            .success();
        let read = |name: &str| {
            let mut r = csv::Reader::from_path(dir.path().join("kumu").join(name))
                .unwrap_or_else(|e| panic!("{city}: {name}: {e}"));
            let header: Vec<String> = r
                .headers()
                .expect("a header")
                .iter()
                .map(str::to_owned)
                .collect();
            let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("a row")).collect();
            (header, rows)
        };
        let (eh, elements) = read("elements.csv");
        let (ch, connections) = read("connections.csv");
        assert_eq!(
            eh[..5],
            ["ID", "Label", "Type", "Description", "Tags"],
            "{city}"
        );
        assert_eq!(ch[..5], ["ID", "From", "To", "Type", "Strength"], "{city}");
        let (n_actors, n_partnerships, _) = counts(city);
        assert_eq!(
            (elements.len(), connections.len()),
            (n_actors, n_partnerships),
            "{city}"
        );
        // Kumu: when elements have IDs, connections name them by those IDs.
        let ids: BTreeSet<&str> = elements.iter().map(|r| &r[0]).collect();
        let connection_ids: BTreeSet<&str> = connections.iter().map(|r| &r[0]).collect();
        assert_eq!(
            connection_ids.len(),
            connections.len(),
            "{city}: unique IDs"
        );
        for c in &connections {
            assert!(ids.contains(&c[1]) && ids.contains(&c[2]), "{city}: {c:?}");
            assert!(
                matches!(&c[4], "1" | "2" | "3" | "4"),
                "{city}: strength {c:?}"
            );
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["export", AWKWARD, "--format", "csv", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let elements = std::fs::read_to_string(dir.path().join("elements.csv")).expect("elements");
    assert!(
        elements.contains(r#"hub,Hub <Recovery> & Café,recovery community,"Peer-led, ""open"" | daily",committed|lived experience led|peer support,recovery_community,peer_support,"#),
        "{elements}"
    );
    let connections =
        std::fs::read_to_string(dir.path().join("connections.csv")).expect("connections");
    assert!(
        connections.contains("\noutreach>hub:referral,outreach,hub,referral,3,directed,false,informal,true,3,4,O'Brien's Outreach \\ Street Team,Hub <Recovery> & Café\n"),
        "{connections}"
    );
    let city = std::fs::read_to_string(dir.path().join("city.csv")).expect("city");
    assert_eq!(
        city,
        "Field,Value\nid,quayside\nname,Quayside & <Harbour>\ncountry,GB\nas_of,2026-09-01\n"
    );
    assert!(!elements.starts_with('\u{feff}'), "no BOM unless asked");
}

#[test]
fn csv_with_bom_opens_in_excel_and_formula_like_text_is_neutralised() {
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["export", FORMULAS, "--format", "csv", "--bom", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let elements = std::fs::read_to_string(dir.path().join("elements.csv")).expect("elements");
    assert!(elements.starts_with("\u{feff}ID,Label,"), "{elements}");
    for line in elements.lines().skip(1) {
        let label = line.split(',').nth(1).expect("a label");
        assert!(
            !label.starts_with(['=', '+', '-', '@']),
            "a formula-like label reaches Excel as it is: {line}"
        );
    }
    assert!(
        elements.contains(r#","'=HYPERLINK(""http://x"")","#),
        "{elements}"
    );
    assert!(elements.contains(",'-2 Quay Street,"), "{elements}");
    assert!(elements.contains(",'@Home Recovery,"), "{elements}");
    // Numbers stay numbers: the measures are not prefixed.
    let hub = elements
        .lines()
        .find(|l| l.starts_with("hub,"))
        .expect("hub");
    assert!(
        hub.ends_with(",false,#ff9da7,1,0,0.3333333333333333"),
        "{hub}"
    );
    let connections = std::fs::read_to_string(dir.path().join("connections.csv")).expect("c");
    assert!(connections.contains(",'+Plus Housing\n"), "{connections}");
}

#[test]
fn csv_needs_a_folder_and_files_match_standard_output() {
    bin()
        .args(["export", AWKWARD, "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output"));
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["graphml", "gexf", "dot", "json"] {
        let path = dir.path().join("new").join(format!("net.{format}"));
        bin()
            .args(["export", CITIES[1], "--format", format, "-o"])
            .arg(&path)
            .assert()
            .success()
            .stdout("");
        let written = std::fs::read_to_string(&path).expect("written");
        assert_eq!(written, export(CITIES[1], format), "{format}");
        assert_eq!(
            written,
            export(CITIES[1], format),
            "{format}: the same each run"
        );
    }
}

#[test]
fn exports_carry_status_group_and_districts() {
    let kumu_dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args([
            "export",
            "cities/saltmarsh-coast.yaml",
            "--format",
            "csv",
            "-o",
        ])
        .arg(kumu_dir.path())
        .current_dir(root())
        .assert()
        .success();
    let elements =
        std::fs::read_to_string(kumu_dir.path().join("elements.csv")).expect("elements.csv");
    let header = elements.lines().next().expect("a header");
    assert!(header.contains("Status,Group,Districts"), "{header}");
    let closed = elements
        .lines()
        .find(|l| l.contains("tidewater-harbour-light"))
        .expect("the closed programme is listed");
    assert!(closed.contains(",closed,"), "{closed}");
    let group = elements
        .lines()
        .find(|l| l.contains("fenwold-parish-churches"))
        .expect("the group of parish churches");
    assert!(group.contains(",identified,active,12,fenwold,"), "{group}");
    let json: serde_json::Value =
        serde_json::from_str(&export("cities/saltmarsh-coast.yaml", "json")).expect("JSON");
    let node = json["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == "tidewater-harbour-light")
        .expect("the closed programme");
    assert_eq!(
        (node["status"].as_str(), node["degree"].as_u64()),
        (Some("closed"), Some(0))
    );
    let graphml = export("cities/saltmarsh-coast.yaml", "graphml");
    for key in [
        "attr.name=\"status\"",
        "attr.name=\"group\"",
        "attr.name=\"districts\"",
        "attr.name=\"formality\"",
    ] {
        assert!(graphml.contains(key), "GraphML declares {key}");
    }
}
