//! A filled-in monitoring workbook (`plan --format monitoring`) back into the profile's
//! `actions:`. Each row names an action by the id the plan printed; its Status, Owner, Due and
//! Note cells are what the coordinator recorded. A row for an action the profile already tracks
//! (under the action's id, or under a gap id the plan matched to it) updates that entry, an empty
//! cell removing the field; a row for an untracked action adds an entry only when it records
//! something (a status other than `proposed`, an owner, a date or a note).

use super::answers::{Row, Table, Value};
use super::edit::{Editor, Entry, get, scalar, text_of, top};
use super::{Organisations, fold, unmatched_hint};
use crate::diag::Diagnostic;
use crate::load::yaml::{Node, NodeKind};
use crate::model::City;
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::date::Date;
use crate::model::ids::ActorId;
use std::collections::BTreeMap;

/// The sheet the monitoring workbook holds its table in.
pub const SHEET: &str = "Monitoring";

/// The headers of the columns read back (the workbook's other columns are for reading only).
pub const ID: &str = "ID";
/// The status column.
pub const STATUS: &str = "Status";
/// The owner column.
pub const OWNER: &str = "Owner";
/// The due date column.
pub const DUE: &str = "Due";
/// The note column.
pub const NOTE: &str = "Note";

/// What a row records about an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The action id.
    pub id: String,
    /// The status.
    pub status: ActionStatus,
    /// The owner.
    pub owner: Option<ActorId>,
    /// When it is due.
    pub due: Option<Date>,
    /// A note.
    pub note: Option<String>,
}

impl Update {
    /// Whether the row records anything: a status other than proposed, an owner, a date or a
    /// note.
    pub fn records(&self) -> bool {
        self.status != ActionStatus::Proposed
            || self.owner.is_some()
            || self.due.is_some()
            || self.note.is_some()
    }
}

/// The word a status is written with in profiles.
pub fn status_word(status: ActionStatus) -> &'static str {
    ActionStatus::ALL
        .iter()
        .find(|(s, _)| *s == status)
        .map_or("proposed", |(_, w)| w)
}

/// What a monitoring sheet records.
#[derive(Debug, Default)]
pub struct Sheet {
    /// A row's record of each action, in row order.
    pub updates: Vec<Update>,
    /// Rows naming an action the plan no longer makes and recording nothing (a sheet written
    /// before the profile changed): their row numbers and ids, left out.
    pub skipped: Vec<(usize, String)>,
}

/// Reads the monitoring `table`; `known` are the action ids a row may name (the plan's, and
/// the profile's tracked entries). A row naming another id is an error when it records
/// something (a status other than `proposed`, an owner, a date or a note), and is skipped
/// otherwise.
pub fn read(table: &Table, city: &City, known: &[String]) -> Result<Sheet, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let columns = [ID, STATUS, OWNER, DUE, NOTE].map(|name| {
        let c = table.column(&[name]);
        if c.is_none() {
            errors.push(table.missing_column(&format!("`{name}`"), &[name]));
        }
        c
    });
    let [
        Some(id),
        Some(status),
        Some(owner_col),
        Some(due_col),
        Some(note_col),
    ] = columns
    else {
        return Err(errors);
    };
    let formulas = table.formulas(&[id, status, owner_col, due_col, note_col]);
    if !formulas.is_empty() {
        return Err(formulas);
    }
    let organisations = Organisations::new(city);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut sheet = Sheet::default();
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        let records_nothing = [owner_col, due_col, note_col]
            .iter()
            .all(|c| *row.value(*c) == Value::Empty)
            && row
                .value(status)
                .text()
                .is_none_or(|s| fold(&s) == "proposed");
        if let Some(unknown) = row.value(id).text().filter(|i| !known.contains(i))
            && records_nothing
        {
            sheet.skipped.push((row.number, unknown));
            continue;
        }
        let Some(action) = action_id(table, row, id, known, &mut seen, &mut errors) else {
            continue;
        };
        let status = read_status(table, row, status, &mut errors);
        let owner = match unescape(row.value(owner_col)) {
            None => Some(None),
            Some(written) => match organisations.find(&written) {
                Ok(actor) => Some(Some(actor.id.clone())),
                Err(why) => {
                    errors.push(
                        table
                            .error(
                                row,
                                owner_col,
                                format!("no organisation `{written}` in the profile"),
                            )
                            .hint(unmatched_hint(&why)),
                    );
                    None
                }
            },
        };
        let due = read_date(table, row, due_col, &mut errors);
        let note = unescape(row.value(note_col));
        if let (Some(status), Some(owner), Some(due)) = (status, owner, due) {
            sheet.updates.push(Update {
                id: action,
                status,
                owner,
                due,
                note,
            });
        }
    }
    if errors.is_empty() {
        Ok(sheet)
    } else {
        Err(errors)
    }
}

/// The row's action id, when it is one the plan or the profile knows and not a repeat.
fn action_id(
    table: &Table,
    row: &Row,
    col: usize,
    known: &[String],
    seen: &mut BTreeMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Some(id) = row.value(col).text() else {
        errors.push(
            table
                .error(row, col, "the action id is blank")
                .hint("copy the id from the plan, or delete the row"),
        );
        return None;
    };
    if !known.contains(&id) {
        let hint = crate::load::suggest(&id, known.iter().map(String::as_str)).map_or_else(
            || "check the id; if the plan no longer makes this action, record it in the profile's `actions:` by hand".to_owned(),
            |n| format!("did you mean `{n}`? (if the plan no longer makes this action, record it in the profile's `actions:` by hand)"),
        );
        errors.push(
            table
                .error(
                    row,
                    col,
                    format!("no action `{id}` in the plan or the profile"),
                )
                .hint(hint),
        );
        return None;
    }
    if let Some(first) = seen.insert(id.clone(), row.number) {
        errors.push(
            table
                .error(row, col, format!("action `{id}` is on row {first} too"))
                .hint("keep one row per action"),
        );
        return None;
    }
    Some(id)
}

/// The status cell: one of the format's statuses, as written or in words ("In progress").
fn read_status(
    table: &Table,
    row: &Row,
    col: usize,
    errors: &mut Vec<Diagnostic>,
) -> Option<ActionStatus> {
    let written = row.value(col).shown();
    if written.is_empty() {
        return Some(ActionStatus::Proposed);
    }
    if let Some((status, _)) = ActionStatus::ALL
        .iter()
        .find(|(_, w)| fold(w) == fold(&written))
    {
        return Some(*status);
    }
    let words = ActionStatus::ALL.iter().map(|(_, w)| *w);
    let hint = match crate::load::suggest(&written, words.clone()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "a status is one of {}",
            words
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    errors.push(
        table
            .error(row, col, format!("unknown status `{written}`"))
            .hint(hint),
    );
    None
}

/// The due date cell: empty, a date cell, or `YYYY-MM-DD`. `None` when it is bad.
fn read_date(
    table: &Table,
    row: &Row,
    col: usize,
    errors: &mut Vec<Diagnostic>,
) -> Option<Option<Date>> {
    match row.value(col) {
        Value::Empty => return Some(None),
        Value::Date(d) => return Some(Some(*d)),
        Value::Text(s) => {
            if let Some(d) = Date::parse(s) {
                return Some(Some(d));
            }
        }
        _ => {}
    }
    errors.push(
        table
            .error(
                row,
                col,
                format!("`{}` is not a date", row.value(col).shown()),
            )
            .hint("write the date as YYYY-MM-DD, e.g. 2027-01-31, or format the cell as a date"),
    );
    None
}

/// A note's or an owner's text, without the apostrophe the workbook put before a leading `=`,
/// `+`, `-` or `@` (`render::escape::spreadsheet`).
fn unescape(value: &Value) -> Option<String> {
    value.text().map(crate::render::escape::from_spreadsheet)
}

/// What an import does to the profile's `actions:`.
#[derive(Debug)]
pub struct Applied {
    /// One line per action changed or added, in row order.
    pub changes: Vec<String>,
    /// The edited text.
    pub text: String,
    /// Whether the text changed.
    pub edited: bool,
}

/// Writes `updates` into the profile `text` (whose tree is `root` and which reads as `city`).
/// `tracked_as` maps an action id to the entry id the profile tracks it under, when that is
/// another id (a gap's).
pub(crate) fn apply(
    text: &str,
    root: &Node<'_>,
    city: &City,
    updates: &[Update],
    tracked_as: &BTreeMap<String, String>,
) -> Applied {
    let entries: Vec<(&str, &Node<'_>)> = match top(root, "actions").map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items
            .iter()
            .filter_map(|n| Some((get(n, "id").and_then(text_of)?, n)))
            .collect(),
        _ => Vec::new(),
    };
    let mut editor = Editor::new(text);
    let mut changes = Vec::new();
    let mut added = Vec::new();
    for u in updates {
        let target = [
            Some(u.id.as_str()),
            tracked_as.get(&u.id).map(String::as_str),
        ]
        .into_iter()
        .flatten()
        .find_map(|id| entries.iter().find(|(e, _)| *e == id));
        match target {
            Some((entry_id, node)) => {
                let (Some(entry), Some(before)) = (
                    Entry::of(text, node),
                    city.actions.iter().find(|t| t.id == *entry_id),
                ) else {
                    continue;
                };
                let said = update_entry(&mut editor, &entry, before, u);
                if !said.is_empty() {
                    changes.push(format!("`{entry_id}`: {}", said.join("; ")));
                }
            }
            None if !u.records() => {}
            None => {
                let fields = new_fields(u);
                changes.push(format!(
                    "`{}`: now tracked ({})",
                    u.id,
                    fields[1..]
                        .iter()
                        .map(|(k, v)| format!("{k} {v}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                added.push(fields);
            }
        }
    }
    editor.append(root, "actions", &added);
    let edited = !editor.is_empty();
    Applied {
        changes,
        text: editor.finish(),
        edited,
    }
}

/// The fields of a new entry, as YAML.
fn new_fields(u: &Update) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("id", u.id.clone()),
        ("status", status_word(u.status).to_owned()),
    ];
    if let Some(owner) = &u.owner {
        fields.push(("owner", owner.to_string()));
    }
    if let Some(due) = u.due {
        fields.push(("due", due.to_string()));
    }
    if let Some(note) = &u.note {
        fields.push(("note", scalar(note)));
    }
    fields
}

/// Edits a tracked entry to what the row says; returns what changed, in words.
fn update_entry(
    editor: &mut Editor<'_>,
    entry: &Entry,
    before: &TrackedAction,
    u: &Update,
) -> Vec<String> {
    let mut said = Vec::new();
    if before.status != u.status {
        editor.set(entry, "status", Some(status_word(u.status)));
        said.push(format!(
            "status {} -> {}",
            status_word(before.status),
            status_word(u.status)
        ));
    }
    let fields = [
        (
            "owner",
            before.owner.as_ref().map(ToString::to_string),
            u.owner.as_ref().map(ToString::to_string),
            u.owner.as_ref().map(ToString::to_string),
        ),
        (
            "due",
            before.due.map(|d| d.to_string()),
            u.due.map(|d| d.to_string()),
            u.due.map(|d| d.to_string()),
        ),
        (
            "note",
            before.note.clone(),
            u.note.clone(),
            u.note.as_deref().map(scalar),
        ),
    ];
    for (key, was, now, yaml) in fields {
        if was == now {
            continue;
        }
        editor.set(entry, key, yaml.as_deref());
        said.push(match now {
            Some(now) => format!("{key} {now}"),
            None => format!("{key} removed"),
        });
    }
    said
}
