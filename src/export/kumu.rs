//! Kumu's spreadsheet import: an elements sheet (Label, Type, Description, Tags) and a
//! connections sheet (From, To, Type, Strength), as two CSV files. Kumu joins connections to
//! elements by label, so From and To hold actor names; the columns after Kumu's own (ids,
//! measures, ratings) become fields in Kumu and make both sheets tidy tables for R and pandas.

use super::Graph;

/// The two sheets, as CSV text.
#[derive(Debug)]
pub struct Kumu {
    /// `elements.csv`: one row per actor.
    pub elements: String,
    /// `connections.csv`: one row per partnership.
    pub connections: String,
}

/// The header of `elements.csv`.
const ELEMENTS_HEADER: [&str; 14] = [
    "Label",
    "Type",
    "Description",
    "Tags",
    "ID",
    "Sector",
    "Commitment",
    "Status",
    "Group",
    "Districts",
    "Lived Experience Led",
    "Degree",
    "Betweenness",
    "Closeness",
];

/// The header of `connections.csv`.
const CONNECTIONS_HEADER: [&str; 12] = [
    "From",
    "To",
    "Type",
    "Strength",
    "Direction",
    "Formal",
    "Formality",
    "Warm Handover",
    "Trust",
    "Value",
    "From ID",
    "To ID",
];

/// Kumu separates tags with `|`; a `|` inside a tag becomes `/`.
fn tags(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .map(|t| t.replace('|', "/"))
        .collect::<Vec<_>>()
        .join("|")
}

fn sheet<const N: usize>(header: [&str; N], rows: impl Iterator<Item = [String; N]>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    std::iter::once(header.map(str::to_owned))
        .chain(rows)
        .try_for_each(|row| w.write_record(&row))
        .expect("writing CSV to memory cannot fail");
    let bytes = w.into_inner().expect("flushing to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// Both sheets of a graph.
pub(super) fn kumu(g: &Graph) -> Kumu {
    let label = |id: &str| {
        g.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .map_or_else(|_| id.to_owned(), |i| g.nodes[i].label.clone())
    };
    let elements = g.nodes.iter().map(|n| {
        let lived = n
            .lived_experience_led
            .then(|| "lived experience led".to_owned());
        [
            n.label.clone(),
            n.sector_name.clone(),
            n.description.clone().unwrap_or_default(),
            tags(
                std::iter::once(n.commitment.to_owned())
                    .chain((n.status != "active").then(|| n.status.to_owned()))
                    .chain(lived)
                    .chain(n.capability_names.iter().cloned()),
            ),
            n.id.clone(),
            n.sector.clone(),
            n.commitment.to_owned(),
            n.status.to_owned(),
            n.group.clone(),
            // Kumu reads `|` as a list separator.
            tags(n.districts.iter().cloned()),
            n.lived_experience_led.to_string(),
            n.degree.to_string(),
            n.betweenness.to_string(),
            n.closeness.to_string(),
        ]
    });
    let connections = g.links.iter().map(|e| {
        let rating = |r: Option<u8>| r.map(|r| r.to_string()).unwrap_or_default();
        [
            label(&e.source),
            label(&e.target),
            e.kind_name.clone(),
            e.strength.to_string(),
            if e.directed { "directed" } else { "undirected" }.to_owned(),
            e.formal.to_string(),
            e.formality.to_owned(),
            e.warm_handover.to_string(),
            rating(e.trust),
            rating(e.value),
            e.source.clone(),
            e.target.clone(),
        ]
    });
    Kumu {
        elements: sheet(ELEMENTS_HEADER, elements),
        connections: sheet(CONNECTIONS_HEADER, connections),
    }
}
