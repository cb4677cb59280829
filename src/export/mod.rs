//! Export stage: the partnership network in the formats other tools read. Pure: from a city, the
//! model and the network's measures (the results of the same stages `analyse` runs; the YAML is
//! never read again) to text: GraphML and GEXF for Gephi, Cytoscape and yEd (`xml`), DOT for
//! Graphviz, JSON nodes and links for d3 and NetworkX, and Kumu's sheets (`kumu`) as CSV files
//! or one workbook (`xlsx`), which `import` reads back.
//!
//! There is one edge per partnership (two actors may have several, of different kinds), so a
//! file holds `n_partnerships` edges where the measures count `n_links` partnered pairs.
//! Output is deterministic: actors sorted by id, partnerships by (source, target, kind), numbers
//! in their shortest exact form.

mod kumu;
mod xlsx;
mod xml;

pub use kumu::Kumu;

use crate::model::{City, Model};
use crate::network::Metrics;
use crate::render::palette::sector_colour;
use serde::Serialize;
use std::collections::BTreeSet;

/// The network as every export sees it.
#[derive(Debug, Serialize)]
pub struct Graph {
    /// Always `false`: a partnership's direction is an attribute, so readers that refuse mixed
    /// graphs (NetworkX, igraph) accept the file.
    pub directed: bool,
    /// Always `true`: two actors may have several partnerships.
    pub multigraph: bool,
    /// The city and the model.
    pub graph: GraphInfo,
    /// Actors, sorted by id.
    pub nodes: Vec<Node>,
    /// Partnerships, sorted by source, target and kind.
    pub links: Vec<Edge>,
    /// Sector names and colours, in model order, for the sectors present.
    #[serde(skip)]
    pub legend: Vec<(String, &'static str)>,
    /// The city's own fields, for the City and Districts sheets.
    #[serde(skip)]
    pub city: CityInfo,
}

/// The city's fields that the sheets carry beside the network, so an import gives the profile
/// back.
#[derive(Debug, Default)]
pub struct CityInfo {
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Population, when known.
    pub population: Option<u64>,
    /// Actions a year, when the profile says.
    pub capacity: Option<u32>,
    /// The sectors mapped, when the profile says.
    pub mapped_sectors: Option<Vec<String>>,
    /// Districts: id, name, rural.
    pub districts: Vec<(String, String, bool)>,
}

/// What the network is of.
#[derive(Debug, Serialize)]
pub struct GraphInfo {
    /// The city's slug.
    pub id: String,
    /// The city's name.
    pub name: String,
    /// The date the profile describes.
    pub as_of: String,
    /// The model's id and version.
    pub model: String,
}

/// An actor with its measures.
#[derive(Debug, Serialize)]
pub struct Node {
    /// The actor's id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// Its one-line description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Sector id.
    pub sector: String,
    /// Sector name.
    pub sector_name: String,
    /// The sector's colour in the report (`#rrggbb`).
    pub colour: &'static str,
    /// committed, engaged, identified, declined or unknown.
    pub commitment: &'static str,
    /// active, planned or closed (planned and closed actors are outside the network: degree 0).
    pub status: &'static str,
    /// For an entry that stands for several organisations, about how many (`several` when not
    /// known); empty for a single organisation.
    pub group: String,
    /// District ids it serves; empty: the whole city.
    pub districts: Vec<String>,
    /// Led by people with lived experience of recovery.
    pub lived_experience_led: bool,
    /// Capability ids it provides.
    pub capabilities: Vec<String>,
    /// Capability names, for Kumu's tags.
    #[serde(skip)]
    pub capability_names: Vec<String>,
    /// Distinct partners.
    pub degree: usize,
    /// Normalised betweenness centrality.
    pub betweenness: f64,
    /// Closeness centrality (Wasserman-Faust).
    pub closeness: f64,
}

/// A partnership.
#[derive(Debug, Serialize)]
pub struct Edge {
    /// `from` when directed, else the smaller id.
    pub source: String,
    /// `to` when directed, else the larger id.
    pub target: String,
    /// Link kind id.
    pub kind: String,
    /// Link kind name.
    #[serde(skip)]
    pub kind_name: String,
    /// A written agreement is known to exist.
    pub formal: bool,
    /// `formal`, `informal` or `unknown`.
    pub formality: &'static str,
    /// People are referred from source to target (else two-way).
    pub directed: bool,
    /// Referrals are handed over in person.
    pub warm_handover: bool,
    /// Trust rating 1-4, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust: Option<u8>,
    /// Value rating 1-4, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u8>,
    /// Trust when given, else 2 for a formal partnership and 1 for an informal one.
    pub strength: u8,
}

impl Graph {
    /// The network of `city` with the measures of `metrics` (from `Network::metrics`).
    pub fn new(model: &Model, city: &City, metrics: &Metrics) -> Graph {
        let sector_name = |id: &str| model.sector(id).map_or(id, |s| &s.name).to_owned();
        let mut nodes: Vec<Node> = city
            .actors
            .iter()
            .chain(&city.inactive_actors)
            .map(|a| {
                let m = metrics.actors.get(&a.id);
                Node {
                    id: a.id.to_string(),
                    label: a.name.clone(),
                    description: a.description.clone(),
                    sector: a.sector.to_string(),
                    sector_name: sector_name(a.sector.as_str()),
                    colour: sector_colour(model, a.sector.as_str()),
                    commitment: a.commitment.as_str(),
                    status: a.status.as_str(),
                    group: a.group.map(|g| g.describe()).unwrap_or_default(),
                    districts: a.districts.iter().map(ToString::to_string).collect(),
                    lived_experience_led: a.lived_experience_led,
                    capabilities: a.provides.iter().map(ToString::to_string).collect(),
                    capability_names: a
                        .provides
                        .iter()
                        .map(|c| model.capability(c.as_str()).map_or(c.as_str(), |c| &c.name))
                        .map(str::to_owned)
                        .collect(),
                    degree: m.map_or(0, |m| m.degree),
                    betweenness: m.map_or(0.0, |m| m.betweenness),
                    closeness: m.map_or(0.0, |m| m.closeness),
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut links: Vec<Edge> = city
            .partnerships
            .iter()
            .map(|p| {
                let (a, b) = (p.a.to_string(), p.b.to_string());
                let (source, target) = if p.directed || a <= b { (a, b) } else { (b, a) };
                Edge {
                    source,
                    target,
                    kind: p.kind.to_string(),
                    kind_name: model
                        .link_kind(p.kind.as_str())
                        .map_or(p.kind.as_str(), |k| &k.name)
                        .to_owned(),
                    formal: p.formal.is_formal(),
                    formality: match p.formal {
                        crate::model::city::Formality::Formal => "formal",
                        crate::model::city::Formality::Informal => "informal",
                        crate::model::city::Formality::Unknown => "unknown",
                    },
                    directed: p.directed,
                    warm_handover: p.warm_handover,
                    trust: p.trust,
                    value: p.value,
                    strength: p.trust.unwrap_or(if p.formal.is_formal() { 2 } else { 1 }),
                }
            })
            .collect();
        links.sort_by(|x, y| {
            (&x.source, &x.target, &x.kind, x.directed)
                .cmp(&(&y.source, &y.target, &y.kind, y.directed))
        });
        let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
        let legend = model
            .sectors
            .iter()
            .filter(|s| present.contains(s.id.as_str()))
            .map(|s| (s.name.clone(), sector_colour(model, s.id.as_str())))
            .collect();
        Graph {
            directed: false,
            multigraph: true,
            graph: GraphInfo {
                id: city.id.clone(),
                name: city.name.clone(),
                as_of: city.as_of.to_string(),
                model: format!("{} {}", model.id, model.version),
            },
            nodes,
            links,
            legend,
            city: CityInfo {
                country: city.country.clone(),
                population: city.population,
                capacity: city.capacity,
                mapped_sectors: city
                    .mapped_sectors
                    .as_ref()
                    .map(|s| s.iter().map(ToString::to_string).collect()),
                districts: city
                    .districts
                    .iter()
                    .map(|d| (d.id.to_string(), d.name.clone(), d.rural))
                    .collect(),
            },
        }
    }

    /// GraphML with typed `<key>` declarations (Gephi, Cytoscape, yEd, NetworkX, igraph).
    pub fn graphml(&self) -> String {
        xml::graphml(self)
    }

    /// GEXF 1.3 with `<attributes>` declarations and sector colours (Gephi).
    pub fn gexf(&self) -> String {
        xml::gexf(self)
    }

    /// Kumu's elements and connections sheets with the City (and Districts) sheet, as CSV text,
    /// also tidy tables for R and pandas; with `bom`, each starts with a UTF-8 byte order mark
    /// for Excel.
    pub fn kumu(&self, bom: bool) -> Kumu {
        kumu::kumu(self, bom)
    }

    /// The same sheets as one .xlsx workbook (Kumu's single-file import), typed and frozen.
    pub fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        xlsx::xlsx(self)
    }

    /// JSON `{nodes, links}` (d3's force layout; NetworkX's `node_link_graph(data, edges="links")`).
    pub fn json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a graph is plain data");
        out.push('\n');
        out
    }

    /// DOT for Graphviz: actors filled with their sector's colour, informal partnerships dashed,
    /// directed ones (referrals) drawn with an arrow, a legend of sectors below; laid out by
    /// neato, with components packed, whichever Graphviz command reads it.
    pub fn dot(&self) -> String {
        let mut out = format!(
            "// generated by inclusive-cities: the partnership network of {} (profile as of {})\n",
            one_line(&self.graph.name),
            self.graph.as_of
        );
        out.push_str(&format!("graph {} {{\n", quote(&self.graph.id)));
        out.push_str(&format!(
            "  graph [label=<{}>, labelloc=b, fontname=\"Helvetica\", layout=neato, overlap=false, splines=true, pack=true, outputorder=edgesfirst];\n",
            self.dot_legend()
        ));
        out.push_str("  node [shape=ellipse, style=filled, fontname=\"Helvetica\", fontsize=10, penwidth=0];\n");
        out.push_str("  edge [color=\"#888888\"];\n");
        for n in &self.nodes {
            // Closed and planned actors are outside the network: drawn as an outline.
            let (fill, style) = if n.status == "active" {
                (n.colour, "")
            } else {
                ("#ffffff", ", style=dashed, penwidth=1, color=\"#888888\"")
            };
            let status = if n.status == "active" {
                n.commitment
            } else {
                n.status
            };
            out.push_str(&format!(
                "  {} [label={}, fillcolor={}{style}, tooltip={}];\n",
                quote(&n.id),
                quote(&n.label),
                quote(fill),
                quote(&format!("{} ({status})", n.sector_name))
            ));
        }
        for e in &self.links {
            let mut attrs = vec![format!("tooltip={}", quote(&e.kind_name))];
            if !e.formal {
                attrs.push("style=dashed".into());
            }
            if e.directed {
                attrs.push("dir=forward".into());
            }
            out.push_str(&format!(
                "  {} -- {} [{}];\n",
                quote(&e.source),
                quote(&e.target),
                attrs.join(", ")
            ));
        }
        out.push_str("}\n");
        out
    }

    /// The graph's label: its title and a table of sector colours (an HTML-like label).
    fn dot_legend(&self) -> String {
        let mut rows = format!(
            "<tr><td colspan=\"2\"><b>{}: partnership network</b></td></tr>",
            html(&self.graph.name)
        );
        for (name, colour) in &self.legend {
            rows.push_str(&format!(
                "<tr><td bgcolor=\"{colour}\" width=\"14\"> </td><td align=\"left\">{}</td></tr>",
                html(name)
            ));
        }
        format!("<table border=\"0\" cellspacing=\"2\">{rows}</table>")
    }
}

/// A DOT double-quoted string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Graphviz stops at a NUL and chokes on other control characters.
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text on one line of DOT (a comment, an HTML-like label): line breaks and tabs as spaces,
/// other control characters, which Graphviz chokes on, as U+FFFD.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Text inside a DOT HTML-like label.
fn html(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{html, quote};

    #[test]
    fn dot_strings_are_escaped() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(html("Fish & <Chips>"), "Fish &amp; &lt;Chips&gt;");
        assert_eq!(
            quote("a\u{0}b\u{1b}[2J\r\u{7}"),
            "\"a\u{FFFD}b\u{FFFD}[2J\u{FFFD}\""
        );
        assert_eq!(html("a\u{0}b"), "a\u{FFFD}b");
    }
}
