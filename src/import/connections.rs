//! The connections sheet: one partnership a row, read into the profile's `partnerships`. From
//! and To name organisations by the elements' IDs or, failing that, by their names (Kumu's two
//! ways); a To cell may list several, separated by `|`, as Kumu allows.

use super::book::{Row, Sheet};
use super::elements::Elements;
use super::table::{Field, Reader, Table, normalise, parse_flag};
use super::vocab::Vocabulary;
use super::yaml_out::{Entry, Value};
use crate::diag::{CellRef, Diagnostic};
use crate::model::Model;
use std::collections::HashMap;

const FROM: usize = 0;
const TO: usize = 1;
const KIND: usize = 2;
const DIRECTION: usize = 3;
const STRENGTH: usize = 4;
const FORMAL: usize = 5;
const WARM: usize = 6;
const TRUST: usize = 7;
const VALUE: usize = 8;
const ID: usize = 9;
const PER_YEAR: usize = 10;
const SINCE: usize = 11;

/// The columns a connections sheet may have.
pub(crate) const FIELDS: &[Field] = &[
    Field {
        name: "From",
        headers: &["fromid", "from"],
    },
    Field {
        name: "To",
        headers: &["toid", "to"],
    },
    Field {
        name: "Type",
        headers: &["type", "kind", "partnershipkind", "connectiontype"],
    },
    Field {
        name: "Direction",
        headers: &["direction"],
    },
    Field {
        name: "Strength",
        headers: &["strength"],
    },
    Field {
        name: "Formal",
        headers: &["formality", "formal"],
    },
    Field {
        name: "Warm handover",
        headers: &["warmhandover"],
    },
    Field {
        name: "Trust",
        headers: &["trust"],
    },
    Field {
        name: "Value",
        headers: &["value"],
    },
    Field {
        name: "ID",
        headers: &["id", "connectionid"],
    },
    Field {
        name: "Per year",
        headers: &["peryear", "referralsperyear"],
    },
    Field {
        name: "Since",
        headers: &["since"],
    },
];

/// Columns exports write that import does not need (the names beside the ids) or Kumu's own.
pub(crate) const IGNORED: &[&str] = &[
    "fromlabel",
    "tolabel",
    "fromname",
    "toname",
    "label",
    "description",
    "tags",
];

/// The headers that mark a connections sheet.
pub(crate) const KEYS: &[usize] = &[FROM];

/// A partnership already read, to find a second one of the same pair and kind.
struct Seen {
    directed: bool,
    from: String,
    row: u32,
}

/// Reads the connections sheet into partnership entries.
pub(crate) fn read(
    sheet: &Sheet,
    model: &Model,
    elements: &Elements,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let Some(table) = Table::find(sheet, FIELDS, KEYS, IGNORED, diagnostics) else {
        return Vec::new();
    };
    let mut r = Reader { diagnostics, sheet };
    for (f, what) in [(TO, "`To`"), (KIND, "`Type` (the partnership's kind)")] {
        if !table.has(f) {
            let d = r.error(
                table.header_cell(FROM),
                format!("{} has no {what} column", sheet.describe()),
            );
            if f == KIND {
                d.hints.push(Vocabulary::link_kinds(model).valid());
            }
        }
    }
    if !table.has(TO) || !table.has(KIND) {
        return Vec::new();
    }
    if table.rows().len() > super::limits::MAX_CONNECTIONS {
        r.error(
            table.header_cell(FROM),
            format!(
                "{} lists {} partnerships, over the import's limit of {}",
                sheet.describe(),
                table.rows().len(),
                super::limits::MAX_CONNECTIONS
            ),
        );
        return Vec::new();
    }
    let kinds = Vocabulary::link_kinds(model);
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut pairs: HashMap<(String, String, String), Vec<Seen>> = HashMap::new();
    let mut out = Vec::new();
    for row in table.rows() {
        check_id(&table, &mut r, row, &mut ids);
        let from = endpoints(&table, &mut r, row, FROM, elements);
        let to = endpoints(&table, &mut r, row, TO, elements);
        let kind = kind(&table, &mut r, row, &kinds);
        let directed = direction(&table, &mut r, row);
        let fields = ratings(&table, &mut r, row, kind.as_deref());
        let (Some(from), Some(to), Some(kind), Some(directed)) = (from, to, kind, directed) else {
            continue;
        };
        let Some(from) = from.into_iter().next() else {
            continue;
        };
        for to in to {
            let at = table.get(row, TO).1;
            if from == to {
                r.error(at, format!("`{from}` is connected to itself"))
                    .hints
                    .push("a partnership joins two different organisations".into());
                continue;
            }
            if let Some(first) = clash(&mut pairs, &from, &to, &kind, directed, row.number) {
                r.error(
                    at,
                    format!("a second `{kind}` partnership between `{from}` and `{to}`"),
                )
                .hints
                .push(format!(
                    "the first is in row {first}; keep one row per pair and kind"
                ));
                continue;
            }
            let ends = if directed {
                vec![("from", Value::Text(from.clone())), ("to", Value::Text(to))]
            } else {
                vec![(
                    "between",
                    Value::List(vec![Value::Text(from.clone()), Value::Text(to)]),
                )]
            };
            let mut entry = Entry {
                comment: Some(format!("{} row {}", sheet.title, row.number)),
                fields: ends,
            };
            entry.fields.push(("kind", Value::Text(kind.clone())));
            entry.fields.extend(fields.iter().cloned());
            out.push(entry);
        }
    }
    out
}

/// A repeated connection ID is an error (Kumu would merge the two rows).
fn check_id(table: &Table<'_>, r: &mut Reader<'_>, row: &Row, ids: &mut HashMap<String, u32>) {
    let place = table.get(row, ID);
    let at = place.1.clone();
    if let Some(id) = r.text(place) {
        if let Some(first) = ids.get(&id) {
            r.error(at, format!("duplicate connection ID `{id}`"))
                .hints
                .push(format!(
                    "the ID is first used in row {first}; give each connection its own ID"
                ));
        } else {
            ids.insert(id, row.number);
        }
    }
}

/// The actor ids a From or To cell names (several only in To, separated by `|`).
fn endpoints(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &Row,
    f: usize,
    elements: &Elements,
) -> Option<Vec<String>> {
    let place = table.get(row, f);
    let at = place.1.clone();
    let Some(text) = r.text(place) else {
        r.error(at, format!("the connection has no `{}`", FIELDS[f].name))
            .hints
            .push("name an organisation of the elements sheet, by its ID or its label".into());
        return None;
    };
    let names: Vec<&str> = if f == TO {
        text.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        vec![text.as_str()]
    };
    let mut ids = Vec::new();
    let mut ok = true;
    for name in names {
        match resolve(name, elements) {
            Ok(id) => ids.push(id),
            Err(hints) => {
                ok = false;
                r.error(
                    at.clone(),
                    format!("`{name}` is not an organisation of the elements sheet"),
                )
                .hints
                .extend(hints);
            }
        }
    }
    ok.then_some(ids)
}

/// An element by its ID, else by its name when only one has it.
fn resolve(name: &str, elements: &Elements) -> Result<String, Vec<String>> {
    if let Some(id) = elements.by_id.get(name) {
        return Ok(id.clone());
    }
    match elements.by_label.get(&normalise(name)).map(Vec::as_slice) {
        Some([id]) => Ok(id.clone()),
        Some(several) => Err(vec![format!(
            "{} organisations have this name ({}): name it by its ID",
            several.len(),
            several.join(", ")
        )]),
        None => {
            let near = nearest(name, elements.names.iter().chain(elements.by_id.keys()));
            Err(near
                .map(|n| vec![format!("did you mean `{n}`?")])
                .unwrap_or_else(|| {
                    vec!["add it to the elements sheet, or correct the name".into()]
                }))
        }
    }
}

/// The candidate nearest `name` in letters and digits, when near enough to be a typo.
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    let n = normalise(name);
    candidates
        .map(|c| (strsim::damerau_levenshtein(&n, &normalise(c)), c.as_str()))
        .filter(|(d, c)| *d <= (c.len().max(name.len()) / 3).max(2))
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

fn kind(table: &Table<'_>, r: &mut Reader<'_>, row: &Row, kinds: &Vocabulary) -> Option<String> {
    let place = table.get(row, KIND);
    let at = place.1.clone();
    let Some(text) = r.text(place) else {
        r.error(at, "the connection has no type")
            .hints
            .push(kinds.valid());
        return None;
    };
    match kinds.find(&text) {
        Some(id) => Some(id.to_owned()),
        None => {
            let hints = kinds.hints(&text);
            r.error(at, format!("unknown partnership kind `{text}`"))
                .hints
                .extend(hints);
            None
        }
    }
}

/// Whether the connection is directed (`from`/`to`) rather than two-way (`between`); two-way
/// when the sheet has no Direction column.
fn direction(table: &Table<'_>, r: &mut Reader<'_>, row: &Row) -> Option<bool> {
    let place = table.get(row, DIRECTION);
    let at = place.1.clone();
    let Some(text) = r.text(place) else {
        return Some(false);
    };
    match normalise(&text).as_str() {
        "directed" | "oneway" | "from" | "fromto" => Some(true),
        "undirected" | "mutual" | "twoway" | "between" | "both" => Some(false),
        _ => {
            r.error(at, format!("unknown direction `{text}`"))
                .hints
                .push(
                "valid values: directed (people are referred from From to To), undirected, mutual"
                    .into(),
            );
            None
        }
    }
}

/// The optional fields after `kind`: formal, warm handover, ratings, flow and start date.
fn ratings(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &Row,
    kind: Option<&str>,
) -> Vec<(&'static str, Value)> {
    let mut fields = Vec::new();
    if let Some(f) = formality(table, r, row) {
        fields.push(("formal", Value::Plain(f.into())));
    }
    let place = table.get(row, WARM);
    let at = place.1.clone();
    if r.flag(place) == Some(true) {
        if kind.is_some_and(|k| k != crate::model::known::REFERRAL) {
            warm_not_referral(r, at, kind.unwrap_or_default());
        } else {
            fields.push(("warm_handover", Value::Plain("true".into())));
        }
    }
    if let Some(n) = r.whole(table.get(row, PER_YEAR), 0, u32::MAX) {
        fields.push(("per_year", Value::Plain(n.to_string())));
    }
    for (f, key) in [(TRUST, "trust"), (VALUE, "value")] {
        if let Some(n) = r.whole(table.get(row, f), 1, 4) {
            fields.push((key, Value::Plain(n.to_string())));
        }
    }
    if let Some(d) = r.date(table.get(row, SINCE)) {
        fields.push(("since", Value::Plain(d)));
    }
    strength(table, r, row);
    fields
}

/// Strength is the engine's own figure (trust, else 2 if formal and 1 if not), so it is not
/// read; a value that is not a number (Kumu allows words such as "Strong") is a warning, as
/// Kumu would not weigh the connection by it either.
fn strength(table: &Table<'_>, r: &mut Reader<'_>, row: &Row) {
    let place = table.get(row, STRENGTH);
    if matches!(place.0, super::book::Cell::Number(_)) {
        return;
    }
    let at = place.1.clone();
    let Some(text) = r.text(place) else { return };
    if text.parse::<f64>().is_ok_and(f64::is_finite) {
        return;
    }
    let d = Diagnostic::in_cell(&r.sheet.file, at, format!("`{text}` is not a number"))
        .hint("import does not read Strength (it is worked out from trust and formality); put the strength of the tie in Trust, 1 to 4")
        .warning();
    r.diagnostics.push(d);
}

fn warm_not_referral(r: &mut Reader<'_>, at: CellRef, kind: &str) {
    r.error(
        at,
        format!("a warm handover is marked on a `{kind}` partnership"),
    )
    .hints
    .push(
        "a warm handover applies only to referrals: clear the cell, or make the type `referral`"
            .into(),
    );
}

/// `true`, `unknown`, or nothing (informal, the default), from yes/no or formal/informal/unknown.
fn formality(table: &Table<'_>, r: &mut Reader<'_>, row: &Row) -> Option<&'static str> {
    let place = table.get(row, FORMAL);
    if let super::book::Cell::Bool(b) = place.0 {
        return b.then_some("true");
    }
    let at = place.1.clone();
    let text = r.text(place)?;
    match normalise(&text).as_str() {
        "formal" => Some("true"),
        "informal" => None,
        "unknown" => Some("unknown"),
        _ => match parse_flag(&text) {
            Some(b) => b.then_some("true"),
            None => {
                r.error(at, format!("`{text}` is not formal or informal"))
                    .hints
                    .push("write yes (a written agreement exists), no, or unknown".into());
                None
            }
        },
    }
}

/// The row of an earlier partnership of the same pair and kind that this one clashes with: any
/// two-way one, or a directed one the same way round.
fn clash(
    pairs: &mut HashMap<(String, String, String), Vec<Seen>>,
    from: &str,
    to: &str,
    kind: &str,
    directed: bool,
    row: u32,
) -> Option<u32> {
    let (a, b) = if from <= to { (from, to) } else { (to, from) };
    let seen = pairs
        .entry((a.to_owned(), b.to_owned(), kind.to_owned()))
        .or_default();
    let hit = seen
        .iter()
        .find(|s| !directed || !s.directed || s.from == from)
        .map(|s| s.row);
    if hit.is_none() {
        seen.push(Seen {
            directed,
            from: from.to_owned(),
            row,
        });
    }
    hit
}
