//! Import stage: a city's spreadsheets to a profile. Reads a workbook (`.xlsx`, `.ods`) or CSV
//! files (`book`), finds its elements, connections, City and Districts sheets by name or by their
//! headers, reads each row into the profile's actors and partnerships (`elements`,
//! `connections`, `city`), and writes a commented v1 profile (`yaml_out`), which the profile
//! loader then validates. Like `load`, it never stops at the first problem: every problem is a
//! [`Diagnostic`] located at its file, sheet and cell, and there is a profile only when there is
//! no error. Bounded by `limits`.
//!
//! Into an existing profile: [`answers`] takes a survey or a filled-in monitoring sheet, read by
//! the same `book`, as rows of located cells; [`ratings`] averages each pair's trust and value; [`actions`] reads the
//! monitoring sheet's statuses; [`edit`] turns either into edits of the profile's text, line by
//! line, so the person's comments and layout are kept; [`organisations`] finds the organisations
//! they name. Headers, sheet names, organisations and statuses are all matched through one
//! [`fold`]. Nothing here writes a file: `cmd` checks the edited text with the normal loader and
//! writes it.

pub mod actions;
pub mod answers;
mod attributes;
mod book;
mod city;
mod connections;
mod delimited;
pub(crate) mod edit;
mod elements;
pub mod limits;
pub mod organisations;
pub mod ratings;
mod table;
mod vocab;
pub mod yaml_out;

pub use city::CityOptions;
pub use organisations::{Organisations, Unmatched, unmatched_hint};
pub use table::fold;

use crate::diag::{self, Diagnostic, SourceFile};
use crate::load::{Loaded, ReadError};
use crate::model::Model;
use book::Sheet;
use std::fmt::Write as _;
use std::path::Path;

/// A profile made from spreadsheets.
#[derive(Debug)]
pub struct Imported {
    /// The profile's YAML text, valid for the model it was made with.
    pub yaml: String,
    /// How many actors it has.
    pub actors: usize,
    /// How many partnerships it has.
    pub partnerships: usize,
    /// The sheets read, e.g. `Elements`.
    pub read: Vec<String>,
}

/// What each sheet of a source is taken for.
#[derive(Default)]
struct Roles<'a> {
    elements: Option<&'a Sheet>,
    connections: Option<&'a Sheet>,
    city: Option<&'a Sheet>,
    districts: Option<&'a Sheet>,
}

/// Sheet names that say what a sheet holds (folded).
const ELEMENT_NAMES: &[&str] = &[
    "elements",
    "organisations",
    "organizations",
    "actors",
    "nodes",
    "stakeholders",
];
const CONNECTION_NAMES: &[&str] = &[
    "connections",
    "partnerships",
    "links",
    "edges",
    "relationships",
];

/// Reads `source` and makes a profile of it for `model`.
pub fn import(
    source: &Path,
    model: &Model,
    options: &CityOptions,
) -> Result<Loaded<Imported>, ReadError> {
    let sheets = match book::read(source)? {
        Ok(sheets) => sheets,
        Err(diagnostics) => {
            return Ok(Loaded {
                value: None,
                diagnostics,
            });
        }
    };
    let file = SourceFile::new(source.display().to_string(), "");
    let mut diagnostics = Vec::new();
    let roles = assign(&sheets, &file, &mut diagnostics);
    let Some(elements_sheet) = roles.elements else {
        diagnostics.push(
            Diagnostic::error(&file, None, "no elements sheet: no sheet lists organisations")
                .hint("name the sheet `Elements` (or `Organisations`), with a header row naming a `Label` (or `Name`) column"),
        );
        return Ok(Loaded {
            value: None,
            diagnostics,
        });
    };
    let mut districts = city::Districts::default();
    if let Some(sheet) = roles.districts {
        districts.read_sheet(sheet, &mut diagnostics);
    }
    let elements = elements::read(elements_sheet, model, &mut districts, &mut diagnostics);
    let partnerships = roles
        .connections
        .filter(|_| elements.found)
        .map(|sheet| connections::read(sheet, model, &elements, &mut diagnostics))
        .unwrap_or_default();
    let city_sheet = roles
        .city
        .map(|sheet| city::read_sheet(sheet, &mut diagnostics))
        .unwrap_or_default();
    let mut city_fields = city::fields(options, city_sheet, &file, &mut diagnostics);
    let district_entries = districts.entries();
    if !district_entries.is_empty() {
        city_fields.push(("districts", yaml_out::Value::List(district_entries)));
    }
    let read: Vec<String> = [
        roles.elements,
        roles.connections,
        roles.city,
        roles.districts,
    ]
    .into_iter()
    .flatten()
    .map(|s| s.title.clone())
    .collect();
    if diag::has_errors(&diagnostics) {
        return Ok(Loaded {
            value: None,
            diagnostics,
        });
    }
    let yaml = write_profile(
        source,
        &read,
        &city_fields,
        &elements.entries,
        &partnerships,
    );
    let checked = crate::load::parse_city(
        &SourceFile::new("the imported profile (not written)", yaml.clone()),
        model,
    );
    diagnostics.extend(checked.diagnostics);
    let value = checked.value.map(|_| Imported {
        yaml,
        actors: elements.entries.len(),
        partnerships: partnerships.len(),
        read,
    });
    Ok(Loaded { value, diagnostics })
}

/// Finds each sheet's role: by its name, else by its headers. Sheets named with `(ignore)` are
/// skipped, as Kumu skips them; others no role fits are reported as not read.
fn assign<'a>(
    sheets: &'a [Sheet],
    file: &std::sync::Arc<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Roles<'a> {
    let mut roles = Roles::default();
    let mut unplaced = Vec::new();
    for sheet in sheets {
        let title = fold(&sheet.title);
        if sheet.title.to_lowercase().contains("(ignore)") {
            continue;
        }
        let slot = if ELEMENT_NAMES.contains(&title.as_str()) {
            &mut roles.elements
        } else if CONNECTION_NAMES.contains(&title.as_str()) {
            &mut roles.connections
        } else if title == "city" {
            &mut roles.city
        } else if title == "districts" {
            &mut roles.districts
        } else {
            unplaced.push(sheet);
            continue;
        };
        if slot.is_some() {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    None,
                    format!("two sheets could be read as `{}`", sheet.title),
                )
                .hint("keep one, or add `(ignore)` to the other's name"),
            );
        } else {
            *slot = Some(sheet);
        }
    }
    for sheet in unplaced {
        let guess = guess(sheet);
        let slot = match guess {
            Some(true) if roles.elements.is_none() => &mut roles.elements,
            Some(false) if roles.connections.is_none() => &mut roles.connections,
            _ => {
                if !sheet.rows.is_empty() {
                    diagnostics.push(
                        Diagnostic::error(file, None, format!("{} is not read", sheet.describe()))
                            .hint("import reads sheets named Elements, Connections, City and Districts, or recognised by a `Label` or `From` header")
                            .warning(),
                    );
                }
                continue;
            }
        };
        *slot = Some(sheet);
    }
    roles
}

/// `Some(true)` for a sheet whose headers look like elements, `Some(false)` for connections.
fn guess(sheet: &Sheet) -> Option<bool> {
    let headers = |fields: &[table::Field], keys: &[usize]| {
        table::header_row(sheet, |c| table::names_a_field(c, fields, keys)).is_some()
    };
    if headers(connections::FIELDS, connections::KEYS) {
        Some(false)
    } else if headers(elements::FIELDS, elements::KEYS) {
        Some(true)
    } else {
        None
    }
}

/// The profile's text: a header comment, the city, actors and partnerships.
fn write_profile(
    source: &Path,
    read: &[String],
    city: &[(&'static str, yaml_out::Value)],
    actors: &[yaml_out::Entry],
    partnerships: &[yaml_out::Entry],
) -> String {
    let name = source.file_name().map_or_else(
        || source.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported by inclusive-cities from {} ({}).",
        yaml_out::comment_text(&name),
        yaml_out::comment_text(&read.join(", "))
    );
    out.push_str(
        "# Each entry names the row it came from. Check the sectors, commitments and kinds,\n",
    );
    out.push_str(
        "# add what a spreadsheet does not hold (initiatives, governance, prospects), then\n",
    );
    out.push_str("# run `inclusive-cities validate` on this file.\n");
    out.push_str("format: inclusive-cities/v1\ncity:\n");
    yaml_out::write_fields(&mut out, 2, city);
    out.push('\n');
    yaml_out::write_list(&mut out, 0, "actors", actors);
    out.push('\n');
    yaml_out::write_list(&mut out, 0, "partnerships", partnerships);
    out
}
