//! The elements sheet: one organisation a row, read into the profile's `actors`, with ids given
//! in an ID column (made slugs) or made from the names, unique and the same on every run.

use super::book::Sheet;
use super::city::Districts;
use super::table::{Field, Reader, Table, normalise};
use super::vocab::{Vocabulary, split_list};
use super::yaml_out::{Entry, Value};
use crate::diag::Diagnostic;
use crate::model::Model;
use crate::model::city::{ActorStatus, Commitment};
use crate::model::ids::{is_slug, slugify};
use std::collections::HashMap;

const NAME: usize = 0;
const SECTOR: usize = 1;
const ID: usize = 2;
const DESCRIPTION: usize = 3;
const TAGS: usize = 4;
const COMMITMENT: usize = 5;
const PROVIDES: usize = 6;
const LIVED: usize = 7;
const DISTRICTS: usize = 8;
const STATUS: usize = 9;
const GROUP: usize = 10;
const ONLINE: usize = 11;
const PLACES: usize = 12;
const CONTACTS: usize = 13;
const WAITING: usize = 14;
const LEAD_CAPACITY: usize = 15;
const CLOSED_ON: usize = 16;
const STARTS: usize = 17;
const FUNDING: usize = 18;
const FUNDING_UNTIL: usize = 19;

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
            let (_, at) = table.get(row, NAME);
            r.error(at, "the row has no name")
                .hints
                .push("give every organisation a name, or delete the row".into());
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
        let fields = actor_fields(&table, &mut r, row, &vocab, districts);
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

/// The fields after `id` and `name`, in the profile's order.
fn actor_fields(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &super::book::Row,
    (sectors, capabilities): &(Vocabulary, Vocabulary),
    districts: &mut Districts,
) -> Vec<(&'static str, Value)> {
    let mut fields = Vec::new();
    let tags: Vec<String> = r
        .text(table.get(row, TAGS))
        .map(|t| split_list(&t).map(str::to_owned).collect())
        .unwrap_or_default();
    if let Some(d) = r.text(table.get(row, DESCRIPTION)) {
        fields.push(("description", Value::Text(d)));
    }
    if table.has(SECTOR) {
        let place = table.get(row, SECTOR);
        let at = place.1.clone();
        match r.text(place) {
            Some(s) => match sectors.find(&s) {
                Some(id) => fields.push(("sector", Value::Text(id.to_owned()))),
                None => {
                    let hints = sectors.hints(&s);
                    r.error(at, format!("unknown sector `{s}`"))
                        .hints
                        .extend(hints);
                }
            },
            None => {
                let valid = sectors.valid();
                r.error(at, "the organisation has no sector")
                    .hints
                    .push(valid);
            }
        }
    }
    let status = word(
        table,
        r,
        row,
        STATUS,
        &ActorStatus::ALL.map(|(_, w)| w),
        &tags,
    );
    if let Some(s) = status.filter(|s| *s != "active") {
        fields.push(("status", Value::Plain(s.to_owned())));
    }
    for (f, key) in [(CLOSED_ON, "closed_on"), (STARTS, "starts")] {
        if let Some(d) = r.date(table.get(row, f)) {
            fields.push((key, Value::Plain(d)));
        }
    }
    let commitments = Commitment::ALL.map(Commitment::as_str);
    if let Some(c) = word(table, r, row, COMMITMENT, &commitments, &tags) {
        fields.push(("commitment", Value::Plain(c.to_owned())));
    }
    let lived = if table.has(LIVED) {
        r.flag(table.get(row, LIVED))
    } else {
        Some(tags.iter().any(|t| normalise(t) == "livedexperienceled"))
    };
    if lived == Some(true) {
        fields.push(("lived_experience_led", Value::Plain("true".into())));
    }
    let provides = capabilities_of(table, r, row, capabilities, &tags);
    if !provides.is_empty() {
        fields.push(("provides", Value::List(provides)));
    }
    if r.flag(table.get(row, ONLINE)) == Some(true) {
        fields.push(("online", Value::Plain("true".into())));
    }
    if let Some(list) = r.text(table.get(row, DISTRICTS)) {
        let ids: Vec<Value> = split_list(&list)
            .filter_map(|d| districts.name(d).map(Value::Text))
            .collect();
        if !ids.is_empty() {
            fields.push(("districts", Value::List(ids)));
        }
    }
    if let Some(g) = group(table, r, row) {
        fields.push(("group", g));
    }
    for (f, key, min) in [
        (PLACES, "places", 1),
        (CONTACTS, "contacts_per_year", 1),
        (WAITING, "waiting_weeks", 1),
        (LEAD_CAPACITY, "lead_capacity", 0),
    ] {
        if let Some(n) = r.whole(table.get(row, f), min, u32::MAX) {
            fields.push((key, Value::Plain(n.to_string())));
        }
    }
    let funding = funding(table, r, row);
    if !funding.is_empty() {
        fields.push(("funding", Value::List(funding)));
    }
    fields
}

/// A word from a fixed list, from its column or, when the sheet has none, from the tags.
fn word(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &super::book::Row,
    f: usize,
    words: &[&'static str],
    tags: &[String],
) -> Option<&'static str> {
    if !table.has(f) {
        return tags
            .iter()
            .find_map(|t| words.iter().find(|w| normalise(w) == normalise(t)).copied());
    }
    let place = table.get(row, f);
    let at = place.1.clone();
    let value = r.text(place)?;
    let found = words
        .iter()
        .find(|w| normalise(w) == normalise(&value))
        .copied();
    if found.is_none() {
        let d = r.error(
            at,
            format!("unknown {} `{value}`", FIELDS[f].name.to_lowercase()),
        );
        if let Some(near) = crate::load::suggest(&value, words.iter().copied()) {
            d.hints.push(format!("did you mean `{near}`?"));
        }
        d.hints.push(format!("valid values: {}", words.join(", ")));
    }
    found
}

/// Capability ids from the Provides column or, when the sheet has none, the tags that name one.
fn capabilities_of(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &super::book::Row,
    vocab: &Vocabulary,
    tags: &[String],
) -> Vec<Value> {
    let mut ids: Vec<String> = Vec::new();
    if table.has(PROVIDES) {
        let place = table.get(row, PROVIDES);
        let at = place.1.clone();
        for item in r
            .text(place)
            .iter()
            .flat_map(|t| split_list(t).map(str::to_owned).collect::<Vec<_>>())
        {
            match vocab.find(&item) {
                Some(id) => ids.push(id.to_owned()),
                None => {
                    let hints = vocab.hints(&item);
                    r.error(at.clone(), format!("unknown capability `{item}`"))
                        .hints
                        .extend(hints);
                }
            }
        }
    } else {
        ids.extend(tags.iter().filter_map(|t| vocab.find(t)).map(str::to_owned));
    }
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(id.clone()))
        .map(Value::Text)
        .collect()
}

/// `group`: a number of organisations (at least 2), or yes / `several` when not known.
fn group(table: &Table<'_>, r: &mut Reader<'_>, row: &super::book::Row) -> Option<Value> {
    let place = table.get(row, GROUP);
    let at = place.1.clone();
    if let super::book::Cell::Number(_) = place.0 {
        return r
            .whole(place, 2, u32::MAX)
            .map(|n| Value::Plain(n.to_string()));
    }
    let t = r.text(place)?;
    if let Ok(n) = t.parse::<f64>() {
        return r
            .whole((&super::book::Cell::Number(n), at), 2, u32::MAX)
            .map(|n| Value::Plain(n.to_string()));
    }
    match super::table::parse_flag(&t) {
        _ if normalise(&t) == "several" => Some(Value::Plain("true".into())),
        Some(true) => Some(Value::Plain("true".into())),
        Some(false) => None,
        None => {
            r.error(at, format!("`{t}` is not a group size"))
                .hints
                .push(
                "write about how many organisations the entry stands for (2 or more), or `several`"
                    .into(),
            );
            None
        }
    }
}

/// Funding sources (names or ids, made slugs) with their end dates, paired in order.
fn funding(table: &Table<'_>, r: &mut Reader<'_>, row: &super::book::Row) -> Vec<Value> {
    let Some(sources) = r.text(table.get(row, FUNDING)) else {
        return Vec::new();
    };
    let sources: Vec<String> = split_list(&sources)
        .map(slugify)
        .filter(|s| !s.is_empty())
        .collect();
    let until_place = table.get(row, FUNDING_UNTIL);
    let until_at = until_place.1.clone();
    let until: Vec<String> = match until_place.0 {
        super::book::Cell::Date(d) => vec![d.clone()],
        _ => r
            .text(until_place)
            .map(|t| t.split(['|', ';']).map(|s| s.trim().to_owned()).collect())
            .unwrap_or_default(),
    };
    if !until.is_empty() && until.len() != sources.len() {
        r.error(
            until_at,
            format!("{} end dates for {} funders", until.len(), sources.len()),
        )
        .hints
        .push("give one date per funder, in the same order, separated by `|` (leave a place empty for open-ended funding)".into());
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, source) in sources.into_iter().enumerate() {
        let mut fields = vec![("source", Value::Text(source))];
        if let Some(d) = until.get(i).filter(|d| !d.is_empty()) {
            let cell = super::book::Cell::Text(d.clone());
            match r.date((&cell, until_at.clone())) {
                Some(d) => fields.push(("until", Value::Plain(d))),
                None => return Vec::new(),
            }
        }
        out.push(Value::Map(fields));
    }
    out
}
