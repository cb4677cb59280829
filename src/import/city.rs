//! The city's own fields (`id`, `name`, `country`, `as_of`, ...) from the command line or a
//! `City` sheet of `field, value` rows, and its districts, from a `Districts` sheet (ID, Name,
//! Rural) or from the names the elements give.

use super::book::{Cell, Sheet};
use super::table::{Reader, normalise};
use super::yaml_out::Value;
use crate::diag::Diagnostic;
use crate::model::ids::slugify;
use std::collections::BTreeMap;

/// City fields given on the command line, which win over a City sheet's.
#[derive(Clone, Debug, Default)]
pub struct CityOptions {
    /// `--city-id`.
    pub id: Option<String>,
    /// `--city-name`.
    pub name: Option<String>,
    /// `--country`.
    pub country: Option<String>,
    /// `--as-of`.
    pub as_of: Option<String>,
}

/// The fields a City sheet may give: (normalised field, profile key, kind).
const CITY_FIELDS: &[(&str, &str, Kind)] = &[
    ("id", "id", Kind::Text),
    ("name", "name", Kind::Text),
    ("country", "country", Kind::Text),
    ("asof", "as_of", Kind::Date),
    ("population", "population", Kind::Number),
    ("capacity", "capacity", Kind::Number),
    ("mappedsectors", "mapped_sectors", Kind::List),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Text,
    Date,
    Number,
    List,
}

/// Reads a City sheet into (profile key, value) pairs; a header row `field, value` is skipped.
pub(crate) fn read_sheet(
    sheet: &Sheet,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<&'static str, Value> {
    let mut r = Reader { diagnostics, sheet };
    let mut out = BTreeMap::new();
    for row in &sheet.rows {
        let label = row.cells.first().cloned().unwrap_or(Cell::Empty);
        let at = sheet.cell(row.number, 1, None);
        let Some(field) = r.text((&label, at.clone())) else {
            continue;
        };
        let n = normalise(&field);
        if n == "field" {
            continue;
        }
        let Some(&(_, key, kind)) = CITY_FIELDS.iter().find(|(f, ..)| *f == n) else {
            let keys: Vec<&str> = CITY_FIELDS.iter().map(|(_, k, _)| *k).collect();
            let d = r.error(at, format!("unknown city field `{field}`"));
            if let Some(near) = crate::load::suggest(&field, keys.iter().copied()) {
                d.hints.push(format!("did you mean `{near}`?"));
            }
            d.hints
                .push(format!("the City sheet takes: {}", keys.join(", ")));
            continue;
        };
        let value = row.cells.get(1).cloned().unwrap_or(Cell::Empty);
        let place = (&value, sheet.cell(row.number, 2, Some(&field)));
        let value = match kind {
            Kind::Text => r.text(place).map(Value::Text),
            Kind::Date => r.date(place).map(Value::Plain),
            Kind::Number => r
                .whole(place, 1, u32::MAX)
                .map(|n| Value::Plain(n.to_string())),
            Kind::List => r.text(place).map(|t| {
                Value::List(
                    super::vocab::split_list(&t)
                        .map(|s| Value::Text(s.to_owned()))
                        .collect(),
                )
            }),
        };
        if let Some(value) = value {
            out.insert(key, value);
        }
    }
    out
}

/// The city block's fields in the profile's order, the command line's first; an error for each
/// of `id`, `name`, `country`, `as_of` that neither gives.
pub(crate) fn fields(
    options: &CityOptions,
    mut sheet: BTreeMap<&'static str, Value>,
    source: &std::sync::Arc<crate::diag::SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'static str, Value)> {
    let given = [
        ("name", &options.name),
        ("country", &options.country),
        ("as_of", &options.as_of),
        ("id", &options.id),
    ];
    for (key, value) in given {
        if let Some(v) = value {
            let v = v.trim().to_owned();
            sheet.insert(
                key,
                if key == "as_of" {
                    Value::Plain(v)
                } else {
                    Value::Text(v)
                },
            );
        }
    }
    if !sheet.contains_key("id")
        && let Some(Value::Text(name)) = sheet.get("name")
    {
        let id = slugify(name);
        if !id.is_empty() {
            sheet.insert("id", Value::Text(id));
        }
    }
    let mut out = Vec::new();
    for (key, flag, example) in [
        ("id", "--city-id", "harbourton"),
        ("name", "--city-name", "Harbourton"),
        ("country", "--country", "GB"),
        ("as_of", "--as-of", "2026-09-01"),
        ("population", "", ""),
        ("capacity", "", ""),
        ("mapped_sectors", "", ""),
    ] {
        match sheet.remove(key) {
            Some(v) => out.push((key, v)),
            None if flag.is_empty() => {}
            None => diagnostics.push(
                Diagnostic::error(source, None, format!("the city's `{key}` is not given"))
                    .hint(format!("pass `{flag} {example}`, or add a `{key}` row to a City sheet of field and value rows")),
            ),
        }
    }
    out
}

/// The city's districts, by id: from a Districts sheet, and those the elements name.
#[derive(Debug, Default)]
pub(crate) struct Districts {
    /// id -> (name, rural).
    by_id: BTreeMap<String, (String, bool)>,
}

impl Districts {
    /// Reads a Districts sheet: ID (or a name made a slug), Name, Rural.
    pub(crate) fn read_sheet(&mut self, sheet: &Sheet, diagnostics: &mut Vec<Diagnostic>) {
        const FIELDS: &[super::table::Field] = &[
            super::table::Field {
                name: "ID",
                headers: &["id"],
            },
            super::table::Field {
                name: "Name",
                headers: &["name", "district"],
            },
            super::table::Field {
                name: "Rural",
                headers: &["rural"],
            },
        ];
        let Some(table) = super::table::Table::find(sheet, FIELDS, &[0, 1], &[], diagnostics)
        else {
            return;
        };
        let mut r = Reader { diagnostics, sheet };
        for row in table.rows() {
            let id = r.text(table.get(row, 0));
            let name = r.text(table.get(row, 1));
            let rural = r.flag(table.get(row, 2)).unwrap_or(false);
            let id = id
                .as_deref()
                .or(name.as_deref())
                .map(slugify)
                .filter(|s| !s.is_empty());
            if let Some(id) = id {
                let name = name.unwrap_or_else(|| id.clone());
                self.by_id.entry(id).or_insert((name, rural));
            }
        }
    }

    /// The id of the district `text` names (by id or name), declaring it when new.
    pub(crate) fn name(&mut self, text: &str) -> Option<String> {
        let id = slugify(text);
        if id.is_empty() {
            return None;
        }
        if self.by_id.contains_key(&id) {
            return Some(id);
        }
        let n = normalise(text);
        if let Some(found) = self
            .by_id
            .iter()
            .find(|(_, (name, _))| normalise(name) == n)
        {
            return Some(found.0.clone());
        }
        self.by_id
            .insert(id.clone(), (text.trim().to_owned(), false));
        Some(id)
    }

    /// The `districts:` entries, by id.
    pub(crate) fn entries(&self) -> Vec<Value> {
        self.by_id
            .iter()
            .map(|(id, (name, rural))| {
                let mut fields = vec![
                    ("id", Value::Text(id.clone())),
                    ("name", Value::Text(name.clone())),
                ];
                if *rural {
                    fields.push(("rural", Value::Plain("true".into())));
                }
                Value::Map(fields)
            })
            .collect()
    }
}
