//! An organisation's optional columns, read into the profile's actor fields in the profile's
//! order: description, sector, status and its dates, commitment, lived experience, provides,
//! online, districts, group, the counts, and funding. Without a Status, Commitment, Provides or
//! Lived experience led column, Kumu's Tags are read for them.

use super::book::{Cell, Row};
use super::city::Districts;
use super::elements::{
    CLOSED_ON, COMMITMENT, CONTACTS, DESCRIPTION, DISTRICTS, FUNDING, FUNDING_UNTIL, GROUP,
    LEAD_CAPACITY, LIVED, ONLINE, PLACES, PROVIDES, SECTOR, STARTS, STATUS, TAGS, WAITING,
};
use super::table::{Reader, Table, normalise};
use super::vocab::{Vocabulary, split_list};
use super::yaml_out::Value;
use crate::model::city::{ActorStatus, Commitment};
use crate::model::ids::slugify;

/// The fields after `id` and `name`, in the profile's order.
pub(super) fn actor_fields(
    table: &Table<'_>,
    r: &mut Reader<'_>,
    row: &Row,
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
    row: &Row,
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
            format!(
                "unknown {} `{value}`",
                super::elements::FIELDS[f].name.to_lowercase()
            ),
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
    row: &Row,
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
fn group(table: &Table<'_>, r: &mut Reader<'_>, row: &Row) -> Option<Value> {
    let place = table.get(row, GROUP);
    let at = place.1.clone();
    if let Cell::Number(_) = place.0 {
        return r
            .whole(place, 2, u32::MAX)
            .map(|n| Value::Plain(n.to_string()));
    }
    let t = r.text(place)?;
    if let Ok(n) = t.parse::<f64>() {
        return r
            .whole((&Cell::Number(n), at), 2, u32::MAX)
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
fn funding(table: &Table<'_>, r: &mut Reader<'_>, row: &Row) -> Vec<Value> {
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
        Cell::Date(d) => vec![d.clone()],
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
            let cell = Cell::Text(d.clone());
            match r.date((&cell, until_at.clone())) {
                Some(d) => fields.push(("until", Value::Plain(d))),
                None => return Vec::new(),
            }
        }
        out.push(Value::Map(fields));
    }
    out
}
