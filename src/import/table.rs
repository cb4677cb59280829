//! A sheet read as a table: its header row found (below any title rows), each column matched to
//! a field by its header in any case and spacing ("Lived experience led", "LIVED_EXPERIENCE_LED"),
//! and cells read as text, whole numbers, ratings, booleans and dates, each problem located at
//! its cell.

use super::book::{Cell, Row, Sheet};
use crate::diag::{CellRef, Diagnostic};
use crate::render::escape;

/// A field a table may hold, with the headers that name it, in order of preference: when two
/// columns name the same field, the one with the earlier header is read.
#[derive(Debug)]
pub(crate) struct Field {
    /// The field's name in messages, e.g. `Label`.
    pub(crate) name: &'static str,
    /// Headers that name it, folded (lowercase letters and digits only).
    pub(crate) headers: &'static [&'static str],
}

/// Text folded for matching what people type (a header, a sheet's name, an organisation, a
/// status): lowercase letters and digits only, so `Lived experience led` and
/// `lived_experience_led` both become `livedexperienceled`, and `In progress` matches
/// `in_progress`.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many rows above the header may hold a title or notes.
pub(crate) const HEADER_SEARCH_ROWS: usize = 10;

/// A sheet with its header row and the column of each field.
pub(crate) struct Table<'a> {
    /// The sheet.
    pub(crate) sheet: &'a Sheet,
    /// The header row's number.
    pub(crate) header_row: u32,
    /// The text of each header, by column.
    headers: Vec<String>,
    /// For each field (by index into the field list), its column.
    columns: Vec<Option<usize>>,
    /// Rows below the header.
    rows: &'a [Row],
}

impl<'a> Table<'a> {
    /// Finds the header row: the first of the first rows holding a header of one of `keys`.
    /// Columns no field names are reported as warnings, unless `ignored` lists them.
    pub(crate) fn find(
        sheet: &'a Sheet,
        fields: &[Field],
        keys: &[usize],
        ignored: &[&str],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Table<'a>> {
        let Some(at) = header_row(sheet, |c| names_a_field(c, fields, keys)) else {
            diagnostics.push(missing_header(sheet, fields, keys));
            return None;
        };
        let header = &sheet.rows[at];
        let headers: Vec<String> = header.cells.iter().map(text_of).collect();
        let mut columns: Vec<Option<(usize, usize)>> = vec![None; fields.len()];
        for (col, h) in headers.iter().enumerate() {
            let n = fold(h);
            if n.is_empty() {
                continue;
            }
            let found = fields
                .iter()
                .enumerate()
                .find_map(|(i, f)| f.headers.iter().position(|x| *x == n).map(|rank| (i, rank)));
            match found {
                Some((i, rank)) => {
                    if columns[i].is_none_or(|(_, r)| rank < r) {
                        columns[i] = Some((col, rank));
                    }
                }
                None if ignored.contains(&n.as_str()) => {}
                None => diagnostics.push(unread_column(sheet, header.number, col, h, fields)),
            }
        }
        Some(Table {
            sheet,
            header_row: header.number,
            headers,
            columns: columns.into_iter().map(|c| c.map(|(col, _)| col)).collect(),
            rows: &sheet.rows[at + 1..],
        })
    }

    /// The rows below the header.
    pub(crate) fn rows(&self) -> &'a [Row] {
        self.rows
    }

    /// Whether the table has a column for field `f`.
    pub(crate) fn has(&self, f: usize) -> bool {
        self.columns[f].is_some()
    }

    /// The cell of field `f` in `row` (empty when the column is absent or the row is short),
    /// with its place.
    pub(crate) fn get<'r>(&self, row: &'r Row, f: usize) -> (&'r Cell, CellRef) {
        const EMPTY: &Cell = &Cell::Empty;
        let col = self.columns[f];
        let cell = col.and_then(|c| row.cells.get(c)).unwrap_or(EMPTY);
        let column = col.map_or(1, |c| c + 1);
        let header = col.map(|c| self.headers[c].trim());
        (cell, self.sheet.cell(row.number, column as u32, header))
    }

    /// The place of field `f`'s header (or of the header row's first cell when it has none).
    pub(crate) fn header_cell(&self, f: usize) -> CellRef {
        let col = self.columns[f];
        self.sheet.cell(
            self.header_row,
            col.map_or(1, |c| c as u32 + 1),
            col.map(|c| self.headers[c].trim()),
        )
    }
}

/// The header row of `sheet`: the first of its first [`HEADER_SEARCH_ROWS`] rows holding a cell
/// that `is_key` (rows above it are a title or notes).
pub(crate) fn header_row(sheet: &Sheet, is_key: impl Fn(&Cell) -> bool) -> Option<usize> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| r.cells.iter().any(&is_key))
}

/// Whether `cell` is a header of one of the fields `keys` (indices into `fields`).
pub(crate) fn names_a_field(cell: &Cell, fields: &[Field], keys: &[usize]) -> bool {
    match cell {
        Cell::Text(t) => {
            let n = fold(t);
            keys.iter()
                .any(|&k| fields[k].headers.contains(&n.as_str()))
        }
        _ => false,
    }
}

fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        _ => String::new(),
    }
}

fn missing_header(sheet: &Sheet, fields: &[Field], keys: &[usize]) -> Diagnostic {
    let names: Vec<String> = keys
        .iter()
        .map(|&k| format!("`{}`", fields[k].name))
        .collect();
    let message = if sheet.rows.is_empty() {
        format!("{} is empty", sheet.describe())
    } else {
        format!(
            "{} has no header row with {} in its first {HEADER_SEARCH_ROWS} rows",
            sheet.describe(),
            names.join(" or ")
        )
    };
    let first = sheet.rows.first().map_or(1, |r| r.number);
    Diagnostic::in_cell(&sheet.file, sheet.cell(first, 1, None), message).hint(format!(
        "put a header row above the data, with {} naming its column",
        names.join(" or ")
    ))
}

fn unread_column(
    sheet: &Sheet,
    row: u32,
    col: usize,
    header: &str,
    fields: &[Field],
) -> Diagnostic {
    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let mut d = Diagnostic::in_cell(
        &sheet.file,
        sheet.cell(row, col as u32 + 1, Some(header.trim())),
        format!("column `{}` is not read", header.trim()),
    )
    .warning();
    if let Some(near) = crate::load::suggest(header, known.iter().copied()) {
        d = d.hint(format!("did you mean `{near}`?"));
    }
    d.hint(format!("columns read: {}", known.join(", ")))
}

/// Reads cells, recording a diagnostic for each that is not what its field takes.
pub(crate) struct Reader<'d> {
    /// Every problem found so far.
    pub(crate) diagnostics: &'d mut Vec<Diagnostic>,
    /// The file of the sheet being read.
    pub(crate) sheet: &'d Sheet,
}

impl Reader<'_> {
    /// Records an error at `at`, returning it for hints.
    pub(crate) fn error(&mut self, at: CellRef, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::in_cell(&self.sheet.file, at, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Text, trimmed; `None` when blank. A number is written as it shows (`3`, `2.5`); a
    /// formula, an error value or a control character is an error. A leading apostrophe that
    /// neutralised a formula-like start (as exports write them) is dropped.
    pub(crate) fn text(&mut self, (cell, at): (&Cell, CellRef)) -> Option<String> {
        let text = match cell {
            Cell::Empty => return None,
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.clone(),
            Cell::Formula(f) => {
                self.formula(at, f);
                return None;
            }
            Cell::Error(e) => {
                self.error(at, format!("the cell holds the error value `{e}`"))
                    .hints
                    .push("type the value itself into the cell".into());
                return None;
            }
        };
        if text.is_empty() {
            return None;
        }
        if let Some(c) = text
            .chars()
            .find(|&c| crate::render::escape::unsafe_on_terminal(c))
        {
            self.error(
                at,
                format!("the cell holds a control character (U+{:04X})", c as u32),
            )
            .hints
            .push(
                "retype the text: a control character can hide or forge what a reader sees".into(),
            );
            return None;
        }
        Some(crate::render::escape::from_spreadsheet(text))
    }

    /// Records that a cell holds a formula.
    pub(crate) fn formula(&mut self, at: CellRef, formula: &str) {
        let (message, hint) = refused_formula(formula);
        self.error(at, message).hints.push(hint.into());
    }

    /// A whole number at least `min` (and at most `max`); `None` when blank or wrong.
    pub(crate) fn whole(&mut self, place: (&Cell, CellRef), min: u32, max: u32) -> Option<u32> {
        let at = place.1.clone();
        let n = match place.0 {
            Cell::Number(n) => *n,
            Cell::Text(t) if t.trim().is_empty() => return None,
            Cell::Text(t) => match t.trim().parse::<f64>() {
                Ok(n) => n,
                Err(_) => {
                    self.not_a_number(at, t, min, max);
                    return None;
                }
            },
            Cell::Empty => return None,
            other => {
                let t = self.text((other, at.clone()))?;
                self.not_a_number(at, &t, min, max);
                return None;
            }
        };
        if n.fract() != 0.0 || n < f64::from(min) || n > f64::from(max) {
            self.not_a_number(at, &number_text(n), min, max);
            return None;
        }
        Some(n as u32)
    }

    fn not_a_number(&mut self, at: CellRef, value: &str, min: u32, max: u32) {
        let range = if max == u32::MAX {
            format!("a whole number, at least {min}")
        } else {
            format!("a whole number from {min} to {max}")
        };
        self.error(at, format!("`{value}` is not {range}"));
    }

    /// A yes or no: TRUE/FALSE, yes/no, y/n, 1/0, x (yes); `None` when blank or wrong.
    pub(crate) fn flag(&mut self, place: (&Cell, CellRef)) -> Option<bool> {
        match place.0 {
            Cell::Bool(b) => Some(*b),
            Cell::Number(n) if *n == 1.0 || *n == 0.0 => Some(*n == 1.0),
            _ => {
                let at = place.1.clone();
                let t = self.text(place)?;
                let b = parse_flag(&t);
                if b.is_none() {
                    self.error(at, format!("`{t}` is not yes or no"))
                        .hints
                        .push("write yes or no (TRUE, FALSE, 1 and 0 are read too)".into());
                }
                b
            }
        }
    }

    /// A date as `YYYY-MM-DD` (a date cell, or text in that form); `None` when blank or wrong.
    pub(crate) fn date(&mut self, place: (&Cell, CellRef)) -> Option<String> {
        if let Cell::Date(d) = place.0 {
            return Some(d.clone());
        }
        let at = place.1.clone();
        let t = self.text(place)?;
        if crate::model::date::Date::parse(&t).is_some() {
            return Some(t);
        }
        self.error(at, format!("`{t}` is not a date")).hints.push(
            "write dates as YYYY-MM-DD, e.g. 2027-03-31, or format the cell as a date".into(),
        );
        None
    }
}

/// Why a cell holding `formula` is refused, and what to do: its cached value may be stale or
/// absent, so import reads values only.
pub(crate) fn refused_formula(formula: &str) -> (String, &'static str) {
    // OpenDocument writes `of:=...`, Excel `...`: shown as typed, `=...`.
    let bare = formula.strip_prefix("of:").unwrap_or(formula);
    let shown: String = bare.trim_start_matches('=').chars().take(40).collect();
    (
        format!(
            "the cell holds a formula (`={}`): import reads values only",
            escape::terminal(&shown)
        ),
        "copy the column and paste it back as values (Paste Special, Values), then import again",
    )
}

/// yes/no words, in any case.
pub(crate) fn parse_flag(t: &str) -> Option<bool> {
    match t.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" | "✓" => Some(true),
        "false" | "no" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

/// A number as a spreadsheet shows it: `3`, not `3.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
