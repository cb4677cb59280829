//! Kumu's spreadsheet import as tables: an elements sheet (ID, Label, Type, Description, Tags)
//! and a connections sheet (ID, From, To, Type, Strength), with a City sheet of field, value rows
//! and, when the city has districts, a Districts sheet. As Kumu advises when elements carry IDs,
//! connections name their actors by those IDs (the labels are kept in From Label and To Label),
//! and every connection has an ID, so a re-import updates rows instead of duplicating them. The
//! columns after Kumu's own (measures, ratings) become fields in Kumu and make the sheets tidy
//! tables for R and pandas. `kumu` writes the tables as CSV text, `xlsx` as one workbook; both
//! read back with `import`.

use super::Graph;
use crate::render::escape;

/// A cell: text, a typed number or a boolean.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    /// Text (made safe for a spreadsheet when written).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// Nothing.
    Empty,
}

/// A sheet: its name (and CSV file's stem), header and rows.
#[derive(Debug)]
pub(super) struct Table {
    /// `Elements`, `Connections`, `City` or `Districts`.
    pub(super) name: &'static str,
    /// The header row.
    pub(super) header: &'static [&'static str],
    /// The rows, each as long as the header.
    pub(super) rows: Vec<Vec<Cell>>,
}

/// The CSV files, as text.
#[derive(Debug)]
pub struct Kumu {
    /// `elements.csv`: one row per actor.
    pub elements: String,
    /// `connections.csv`: one row per partnership.
    pub connections: String,
    /// `city.csv`: the city's fields, as field, value rows.
    pub city: String,
    /// `districts.csv`, when the city has districts.
    pub districts: Option<String>,
}

const ELEMENTS_HEADER: &[&str] = &[
    "ID",
    "Label",
    "Type",
    "Description",
    "Tags",
    "Sector",
    "Provides",
    "Commitment",
    "Status",
    "Group",
    "Districts",
    "Lived Experience Led",
    "Colour",
    "Degree",
    "Betweenness",
    "Closeness",
];

const CONNECTIONS_HEADER: &[&str] = &[
    "ID",
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
    "From Label",
    "To Label",
];

/// Kumu separates values with `|`; a `|` inside a value becomes `/`.
fn tags(parts: impl IntoIterator<Item = String>) -> Cell {
    Cell::Text(
        parts
            .into_iter()
            .map(|t| t.replace('|', "/"))
            .collect::<Vec<_>>()
            .join("|"),
    )
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A connection's ID: its ends and kind, unique as a profile has at most one partnership of a
/// kind between a pair (each way round, for directed ones).
fn connection_id(e: &super::Edge) -> String {
    let arrow = if e.directed { ">" } else { "~" };
    format!("{}{arrow}{}:{}", e.source, e.target, e.kind)
}

/// Every table of a graph, in the order written.
pub(super) fn tables(g: &Graph) -> Vec<Table> {
    let mut out = vec![elements(g), connections(g), city(g)];
    if !g.city.districts.is_empty() {
        out.push(Table {
            name: "Districts",
            header: &["ID", "Name", "Rural"],
            rows: g
                .city
                .districts
                .iter()
                .map(|(id, name, rural)| vec![text(id), text(name), Cell::Bool(*rural)])
                .collect(),
        });
    }
    out
}

fn elements(g: &Graph) -> Table {
    let rows = g.nodes.iter().map(|n| {
        let lived = n
            .lived_experience_led
            .then(|| "lived experience led".to_owned());
        vec![
            text(&n.id),
            text(&n.label),
            text(&n.sector_name),
            text(n.description.clone().unwrap_or_default()),
            tags(
                std::iter::once(n.commitment.to_owned())
                    .chain((n.status != "active").then(|| n.status.to_owned()))
                    .chain(lived)
                    .chain(n.capability_names.iter().cloned()),
            ),
            text(&n.sector),
            tags(n.capabilities.iter().cloned()),
            text(n.commitment),
            text(n.status),
            match n.group.parse::<f64>() {
                Ok(count) => Cell::Number(count),
                Err(_) => text(&n.group),
            },
            tags(n.districts.iter().cloned()),
            Cell::Bool(n.lived_experience_led),
            text(n.colour),
            Cell::Number(n.degree as f64),
            Cell::Number(n.betweenness),
            Cell::Number(n.closeness),
        ]
    });
    Table {
        name: "Elements",
        header: ELEMENTS_HEADER,
        rows: rows.collect(),
    }
}

fn connections(g: &Graph) -> Table {
    let label = |id: &str| {
        g.nodes
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .map_or_else(|_| id.to_owned(), |i| g.nodes[i].label.clone())
    };
    let rating = |r: Option<u8>| r.map_or(Cell::Empty, |r| Cell::Number(f64::from(r)));
    let rows = g.links.iter().map(|e| {
        vec![
            text(connection_id(e)),
            text(&e.source),
            text(&e.target),
            text(&e.kind_name),
            Cell::Number(f64::from(e.strength)),
            text(if e.directed { "directed" } else { "undirected" }),
            Cell::Bool(e.formal),
            text(e.formality),
            Cell::Bool(e.warm_handover),
            rating(e.trust),
            rating(e.value),
            text(label(&e.source)),
            text(label(&e.target)),
        ]
    });
    Table {
        name: "Connections",
        header: CONNECTIONS_HEADER,
        rows: rows.collect(),
    }
}

fn city(g: &Graph) -> Table {
    let c = &g.city;
    let mut rows = vec![
        vec![text("id"), text(&g.graph.id)],
        vec![text("name"), text(&g.graph.name)],
        vec![text("country"), text(&c.country)],
        vec![text("as_of"), text(&g.graph.as_of)],
    ];
    for (field, value) in [
        ("population", c.population),
        ("capacity", c.capacity.map(u64::from)),
    ] {
        if let Some(v) = value {
            rows.push(vec![text(field), Cell::Number(v as f64)]);
        }
    }
    if let Some(sectors) = &c.mapped_sectors {
        rows.push(vec![text("mapped_sectors"), tags(sectors.iter().cloned())]);
    }
    Table {
        name: "City",
        header: &["Field", "Value"],
        rows,
    }
}

/// A number in its shortest exact form: `3`, `0.5`.
pub(super) fn number(n: f64) -> String {
    n.to_string()
}

/// One table as CSV text, every text cell made safe for a spreadsheet; with `bom`, a UTF-8 byte
/// order mark first, so Excel reads the file as UTF-8.
fn csv(table: &Table, bom: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(table.header)
        .expect("writing CSV to memory cannot fail");
    for row in &table.rows {
        let cells = row.iter().map(|c| match c {
            Cell::Text(s) => escape::spreadsheet(s).into_owned(),
            Cell::Number(n) => number(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        });
        w.write_record(cells)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = w.into_inner().expect("flushing to memory cannot fail");
    let text = String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8");
    if bom { format!("\u{feff}{text}") } else { text }
}

/// The CSV files of a graph.
pub(super) fn kumu(g: &Graph, bom: bool) -> Kumu {
    let tables = tables(g);
    let find = |name: &str| tables.iter().find(|t| t.name == name).map(|t| csv(t, bom));
    Kumu {
        elements: find("Elements").expect("always written"),
        connections: find("Connections").expect("always written"),
        city: find("City").expect("always written"),
        districts: find("Districts"),
    }
}
