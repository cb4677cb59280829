//! The elements sheet: one organisation a row, read into the profile's `actors`, with ids given
//! in an ID column (made slugs) or made from the names, unique and the same on every run.

use super::book::Sheet;
use super::city::Districts;
use super::table::{Field, Reader, Table, normalise};
use super::vocab::Vocabulary;
use super::yaml_out::{Entry, Value};
use crate::diag::Diagnostic;
use crate::model::Model;
use crate::model::ids::{is_slug, slugify};
use std::collections::HashMap;

pub(super) const NAME: usize = 0;
pub(super) const SECTOR: usize = 1;
pub(super) const ID: usize = 2;
pub(super) const DESCRIPTION: usize = 3;
pub(super) const TAGS: usize = 4;
pub(super) const COMMITMENT: usize = 5;
pub(super) const PROVIDES: usize = 6;
pub(super) const LIVED: usize = 7;
pub(super) const DISTRICTS: usize = 8;
pub(super) const STATUS: usize = 9;
pub(super) const GROUP: usize = 10;
pub(super) const ONLINE: usize = 11;
pub(super) const PLACES: usize = 12;
pub(super) const CONTACTS: usize = 13;
pub(super) const WAITING: usize = 14;
pub(super) const LEAD_CAPACITY: usize = 15;
pub(super) const CLOSED_ON: usize = 16;
pub(super) const STARTS: usize = 17;
pub(super) const FUNDING: usize = 18;
pub(super) const FUNDING_UNTIL: usize = 19;

/// The columns an elements sheet may have.
pub(crate) const FIELDS: &[Field] = &[
    Field {
        name: "Label",
        headers: &[
            "label",
            "name",
            "organisation",
            "organization",
            "organisationname",
            "organizationname",
            "actor",
        ],
    },
    Field {
        name: "Sector",
        headers: &["sector", "type", "sectorid"],
    },
    Field {
        name: "ID",
        headers: &["id", "elementid", "actorid"],
    },
    Field {
        name: "Description",
        headers: &["description"],
    },
    Field {
        name: "Tags",
        headers: &["tags"],
    },
    Field {
        name: "Commitment",
        headers: &["commitment"],
    },
    Field {
        name: "Provides",
        headers: &["provides", "capabilities", "services"],
    },
    Field {
        name: "Lived experience led",
        headers: &["livedexperienceled", "lel"],
    },
    Field {
        name: "Districts",
        headers: &["districts", "district", "areas", "area"],
    },
    Field {
        name: "Status",
        headers: &["status"],
    },
    Field {
        name: "Group",
        headers: &["group"],
    },
    Field {
        name: "Online",
        headers: &["online"],
    },
    Field {
        name: "Places",
        headers: &["places"],
    },
    Field {
        name: "Contacts per year",
        headers: &["contactsperyear"],
    },
    Field {
        name: "Waiting weeks",
        headers: &["waitingweeks"],
    },
    Field {
        name: "Lead capacity",
        headers: &["leadcapacity"],
    },
    Field {
        name: "Closed on",
        headers: &["closedon"],
    },
    Field {
        name: "Starts",
        headers: &["starts"],
    },
    Field {
        name: "Funding",
        headers: &["funding", "funders", "funder", "fundedby"],
    },
    Field {
        name: "Funding until",
        headers: &["fundinguntil", "fundingends", "fundingend"],
    },
];

/// Columns that exports write and import does not need: the measures, which are computed again.
pub(crate) const IGNORED: &[&str] = &[
    "degree",
    "betweenness",
    "closeness",
    "colour",
    "color",
    "image",
];

/// The headers that mark an elements sheet.
pub(crate) const KEYS: &[usize] = &[NAME];

/// The actors read, and how connections may name them.
#[derive(Debug, Default)]
pub(crate) struct Elements {
    /// One entry per actor, in row order.
    pub(crate) entries: Vec<Entry>,
    /// Each actor's id by what the ID column said (and by its id).
    pub(crate) by_id: HashMap<String, String>,
    /// The ids of the actors of each name (normalised), for connections that name actors.
    pub(crate) by_label: HashMap<String, Vec<String>>,
    /// Every organisation's name, in row order, for suggestions.
    pub(crate) names: Vec<String>,
    /// Whether the sheet had a header row: when not, connections are not checked against it.
    pub(crate) found: bool,
}

/// One row's id, as the sheet gave it or made from the name.
struct RowId {
    given: Option<String>,
    id: Option<String>,
}

/// Reads the elements sheet.
pub(crate) fn read(
    sheet: &Sheet,
    model: &Model,
    districts: &mut Districts,
    diagnostics: &mut Vec<Diagnostic>,
) -> Elements {
    let Some(table) = Table::find(sheet, FIELDS, KEYS, IGNORED, diagnostics) else {
        return Elements::default();
    };
    let mut r = Reader { diagnostics, sheet };
    let mut out = Elements {
        found: true,
        ..Elements::default()
    };
    if !table.has(SECTOR) {
        let d = r.error(
            table.header_cell(NAME),
            format!("{} has no `Sector` (or `Type`) column", sheet.describe()),
        );
        d.hints
            .push("add a Sector column giving each organisation's sector".into());
        d.hints.push(Vocabulary::sectors(model).valid());
    }
    let rows = table.rows();
    if rows.len() > super::limits::MAX_ELEMENTS {
        r.error(
            table.header_cell(NAME),
            format!(
                "{} lists {} organisations, over the import's limit of {}",
                sheet.describe(),
                rows.len(),
                super::limits::MAX_ELEMENTS
            ),
        );
        return out;
    }
    if rows.is_empty() {
        r.error(
            table.header_cell(NAME),
            format!(
                "{} has a header but no organisations under it",
                sheet.describe()
            ),
        );
    }
    let ids = assign_ids(&table, &mut r);
    let vocab = (Vocabulary::sectors(model), Vocabulary::capabilities(model));
    for (row, rid) in rows.iter().zip(ids) {
        let Some(name) = r.text(table.get(row, NAME)) else {
            let (cell, at) = table.get(row, NAME);
            if cell.is_blank() {
                r.error(at, "the row has no name")
                    .hints
                    .push("give every organisation a name, or delete the row".into());
            }
            continue;
        };
        let Some(id) = rid.id else { continue };
        if let Some(given) = rid.given {
            out.by_id.insert(given, id.clone());
        }
        out.by_id.insert(id.clone(), id.clone());
        out.by_label
            .entry(normalise(&name))
            .or_default()
            .push(id.clone());
        out.names.push(name.clone());
        let fields = super::attributes::actor_fields(&table, &mut r, row, &vocab, districts);
        let mut entry = Entry {
            comment: Some(format!("{} row {}", sheet.title, row.number)),
            fields: vec![("id", Value::Text(id)), ("name", Value::Text(name))],
        };
        entry.fields.extend(fields);
        out.entries.push(entry);
    }
    out
}

/// Every row's id: those the ID column gives first (made slugs; a repeat is an error), then
/// slugs of the names, numbered `-2`, `-3` in row order where they would repeat.
fn assign_ids(table: &Table<'_>, r: &mut Reader<'_>) -> Vec<RowId> {
    let mut taken: HashMap<String, u32> = HashMap::new();
    let mut out: Vec<RowId> = Vec::with_capacity(table.rows().len());
    for row in table.rows() {
        let place = table.get(row, ID);
        let at = place.1.clone();
        let Some(given) = r.text(place) else {
            out.push(RowId {
                given: None,
                id: None,
            });
            continue;
        };
        let id = if is_slug(&given) {
            given.clone()
        } else {
            slugify(&given)
        };
        if id.is_empty() {
            r.error(at, format!("the ID `{given}` gives no usable id"))
                .hints
                .push("use letters or digits in IDs".into());
            out.push(RowId {
                given: Some(given),
                id: None,
            });
            continue;
        }
        if let Some(first) = taken.get(&id) {
            r.error(at, format!("duplicate ID `{given}`"))
                .hints
                .push(format!(
                    "the ID is first used in row {first}; give each organisation its own ID"
                ));
            out.push(RowId {
                given: Some(given),
                id: None,
            });
            continue;
        }
        taken.insert(id.clone(), row.number);
        out.push(RowId {
            given: Some(given),
            id: Some(id),
        });
    }
    for (row, rid) in table.rows().iter().zip(out.iter_mut()) {
        if rid.given.is_some() {
            continue;
        }
        let (cell, _) = table.get(row, NAME);
        let name = match cell {
            super::book::Cell::Text(t) => t.trim().to_owned(),
            _ => String::new(),
        };
        let base = match slugify(&name) {
            s if s.is_empty() => "actor".to_owned(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone(), row.number);
        rid.id = Some(id);
    }
    out
}
