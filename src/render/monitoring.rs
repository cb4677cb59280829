//! monitoring.xlsx: the plan's actions as a workbook a coordinator hands round and fills in,
//! then reads back with `import --actions`. One sheet, `Monitoring`: the action's id, title,
//! when it is planned and its lead to read, and Status (a drop-down of the profile format's
//! statuses), Owner (a drop-down of the `Organisations` sheet), Due (a date cell) and Note to
//! fill in; tracked actions no longer generated follow, so their rows can be updated too. The header row is frozen, every text goes through
//! `escape::spreadsheet`.
//!
//! The same plan gives the same bytes: the document's dates are the profile's `as_of` and
//! rust_xlsxwriter stamps the archive's entries with a fixed date. It is marked as the engine's
//! as every workbook is (`render::xlsx`), so a workbook a person has saved is theirs, and `plan`
//! keeps it unless given `--force`.

use super::{escape, xlsx};
use crate::import::actions::{DUE, ID, NOTE, OWNER, SHEET, STATUS, status_word};
use crate::import::fold;
use crate::model::City;
use crate::model::city::ActionStatus;
use crate::model::ids::ActorId;
use crate::plan::{Phase, Plan};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, Formula,
    Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// The file's name in the plan's folder.
pub const FILE_NAME: &str = "monitoring.xlsx";

/// The sheet listing the organisations an Owner may be chosen from.
const ORGANISATIONS: &str = "Organisations";

/// The columns: header and width (in characters).
const COLUMNS: [(&str, f64); 8] = [
    (ID, 34.0),
    ("Action", 48.0),
    ("When", 26.0),
    ("Lead", 28.0),
    (STATUS, 14.0),
    (OWNER, 28.0),
    (DUE, 12.0),
    (NOTE, 48.0),
];

/// One row of the sheet.
struct Line {
    id: String,
    title: String,
    when: String,
    lead: String,
    status: ActionStatus,
    owner: String,
    due: Option<crate::model::Date>,
    note: String,
}

/// The workbook for `plan`, marked as the engine's.
pub fn render(city: &City, plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let names = OwnerNames::new(city);
    let bytes = build(city, &lines(city, plan, &names), &names)?;
    xlsx::stamp(&bytes).map_err(|e| XlsxError::ParameterError(e.to_string()))
}

/// The rows: the plan's actions in plan order, then tracked actions no longer generated.
fn lines(city: &City, plan: &Plan, names: &OwnerNames<'_>) -> Vec<Line> {
    let name = |id: &ActorId| names.of(id);
    let mut out: Vec<Line> = plan
        .actions
        .iter()
        .map(|a| {
            let by = match (a.due, a.due_suggested) {
                (Some(d), true) => format!(", by {d}"),
                _ => String::new(),
            };
            let when = match (a.phase, a.quarter) {
                (Phase::Year1, Some(q)) => format!("Year one, Q{q}{by}"),
                (Phase::Year1, None) => format!("Year one{by}"),
                (Phase::Years2To3, _) => format!("Years two and three{by}"),
                (Phase::Later, _) => "Later".to_owned(),
            };
            Line {
                id: a.id.clone(),
                title: a.title.clone(),
                when,
                lead: a.lead.actor.as_ref().map_or_else(
                    || "none yet".to_owned(),
                    |id| {
                        city.any_actor(id.as_str())
                            .map_or(id.to_string(), |x| x.name.clone())
                    },
                ),
                status: a.status,
                owner: a.owner.as_ref().map(&name).unwrap_or_default(),
                due: a.due.filter(|_| !a.due_suggested),
                note: a.note.clone().unwrap_or_default(),
            }
        })
        .collect();
    out.extend(plan.retired.iter().map(|t| Line {
        id: t.id.clone(),
        title: String::new(),
        when: "No longer generated".to_owned(),
        lead: String::new(),
        status: t.status,
        owner: t.owner.as_ref().map(&name).unwrap_or_default(),
        due: t.due,
        note: t.note.clone().unwrap_or_default(),
    }));
    out
}

/// Organisations as the Owner column shows them: by name, or by id when another organisation has
/// the same name (so that reading it back is not ambiguous). The names are counted once: checking
/// each organisation against every actor would compare every pair of a city's actors.
struct OwnerNames<'a> {
    city: &'a City,
    /// How many organisations, active or not, have each folded name.
    count: HashMap<String, usize>,
}

impl<'a> OwnerNames<'a> {
    fn new(city: &'a City) -> Self {
        let mut count = HashMap::new();
        for a in city.actors.iter().chain(&city.inactive_actors) {
            *count.entry(fold(&a.name)).or_insert(0) += 1;
        }
        OwnerNames { city, count }
    }

    /// The organisation `id` as the Owner column shows it.
    fn of(&self, id: &ActorId) -> String {
        match self.city.any_actor(id.as_str()) {
            Some(actor) if self.count.get(&fold(&actor.name)).is_some_and(|&n| n == 1) => {
                actor.name.clone()
            }
            _ => id.to_string(),
        }
    }
}

/// The workbook's bytes, with the placeholder of the hash [`xlsx::stamp`] writes.
fn build(city: &City, lines: &[Line], owners_shown: &OwnerNames<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let as_of = ExcelDateTime::parse_from_str(&city.as_of.to_string())?;
    let properties = xlsx::properties(&format!("{}: monitoring of the action plan", city.name))
        .set_comment(
            "generated by inclusive-cities; fill in Status, Owner, Due and Note, then \
             `inclusive-cities import --actions` reads them into the profile",
        )
        .set_creation_datetime(&as_of);
    workbook.set_properties(&properties);
    let names = owners(city, owners_shown);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    write_table(sheet, lines, names.len())?;
    write_organisations(workbook.add_worksheet(), &names)?;
    workbook.save_to_buffer()
}

/// The organisations an action may be owned by, as the Owner column shows them, with their ids:
/// the active actors, by name.
fn owners(city: &City, shown: &OwnerNames<'_>) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = city
        .actors
        .iter()
        .map(|a| (shown.of(&a.id), a.id.to_string()))
        .collect();
    names.sort();
    names
}

/// The `Organisations` sheet: name and id, the Owner drop-down's list.
fn write_organisations(sheet: &mut Worksheet, names: &[(String, String)]) -> Result<(), XlsxError> {
    sheet.set_name(ORGANISATIONS)?;
    let header = Format::new().set_bold().set_background_color("D9E2F3");
    for (col, (title, width)) in (0u16..).zip([("Name", 48.0), ("ID", 34.0)]) {
        sheet.write_string_with_format(0, col, title, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (row, (name, id)) in (1u32..).zip(names) {
        sheet.write_string(row, 0, escape::spreadsheet(name))?;
        sheet.write_string(row, 1, escape::spreadsheet(id))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The header, the rows, the widths, the frozen header, and the drop-downs of Status and of
/// Owner (the first `owners` names of the `Organisations` sheet; another name or an id may be
/// typed, after a warning).
fn write_table(sheet: &mut Worksheet, lines: &[Line], owners: usize) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color("D9E2F3")
        .set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    for (col, (title, width)) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(0, col, title, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (row, line) in (1u32..).zip(lines) {
        let cells = [
            &line.id,
            &line.title,
            &line.when,
            &line.lead,
            status_word(line.status),
            &line.owner,
        ];
        for (col, value) in (0u16..).zip(cells) {
            sheet.write_string_with_format(row, col, escape::spreadsheet(value), &text)?;
        }
        match line.due {
            Some(due) => {
                let due = ExcelDateTime::parse_from_str(&due.to_string())?;
                sheet.write_date_with_format(row, 6, &due, &date)?;
            }
            None => {
                sheet.write_blank(row, 6, &date)?;
            }
        }
        sheet.write_string_with_format(row, 7, escape::spreadsheet(&line.note), &text)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if let Some(last) = u32::try_from(lines.len()).ok().filter(|n| *n > 0) {
        let words: Vec<&str> = ActionStatus::ALL.iter().map(|(_, w)| *w).collect();
        let validation = DataValidation::new()
            .allow_list_strings(&words)?
            .set_input_title("Status")?
            .set_input_message("Pick one: proposed, agreed, in_progress, done or dropped")?;
        sheet.add_data_validation(1, 4, last, 4, &validation)?;
        if owners > 0 {
            let list = Formula::new(format!("={ORGANISATIONS}!$A$2:$A${}", owners + 1));
            let validation = DataValidation::new()
                .allow_list_formula(list)
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_message(
                    "Not in the Organisations sheet: the import looks it up by name or id",
                )?;
            sheet.add_data_validation(1, 5, last, 5, &validation)?;
        }
    }
    Ok(())
}
