//! A survey or a monitoring sheet as the importers into a profile read it: one sheet of what
//! `book` reads (a CSV file, or a workbook's sheet chosen by name), as a header row and rows of
//! cells. A problem in a CSV cell is printed with its line and a caret under the cell; one in a
//! workbook's cell at its `diag::CellRef` (`survey.xlsx:Answers!D2`). A formula is refused where
//! a column is read, as for a new profile.

use super::book::{self, Sheet};
use super::fold;
use super::table::{header_row, refused_formula};
use crate::diag::{CellRef, Diagnostic, SourceFile, Span};
use crate::load::ReadError;
use crate::model::date::Date;
use std::path::Path;
use std::sync::Arc;

/// A value as a cell holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Nothing, or only spaces.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number (a workbook's numeric cell).
    Number(f64),
    /// A date (a workbook's date cell).
    Date(Date),
    /// A formula, as written: refused by [`Table::formulas`].
    Formula(String),
    /// Something else: an error value (`#N/A`) or a date that is not a calendar day, as shown.
    Other(String),
}

impl Value {
    /// The value as a person would read it in the cell.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Other(s) | Value::Formula(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }

    /// The value as text, or `None` when the cell is empty.
    pub fn text(&self) -> Option<String> {
        (*self != Value::Empty).then(|| self.shown())
    }

    /// A cell of `book`'s as the importers into a profile read it.
    fn of(cell: &book::Cell) -> Value {
        match cell {
            book::Cell::Empty => Value::Empty,
            book::Cell::Text(t) if t.trim().is_empty() => Value::Empty,
            book::Cell::Text(t) => Value::Text(t.trim().to_owned()),
            book::Cell::Number(n) => Value::Number(*n),
            book::Cell::Bool(b) => Value::Text(b.to_string()),
            book::Cell::Date(d) => {
                Date::parse(d).map_or_else(|| Value::Other(d.clone()), Value::Date)
            }
            book::Cell::Formula(f) => Value::Formula(f.clone()),
            book::Cell::Error(e) => Value::Other(e.clone()),
        }
    }
}

/// A cell.
#[derive(Clone, Debug)]
pub struct Cell {
    /// Its value.
    pub value: Value,
    /// Where it is in a CSV file's text.
    span: Option<Span>,
}

/// A row below the header.
#[derive(Debug)]
pub struct Row {
    /// Its number as the spreadsheet shows it (a CSV file's line).
    pub number: usize,
    /// Its cells, by column from column A.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The value in column `col`, empty past the row's end.
    pub fn value(&self, col: usize) -> &Value {
        self.cells.get(col).map_or(&Value::Empty, |c| &c.value)
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value == Value::Empty)
    }

    /// A row of `book`'s, with its cells' spans when it has them.
    fn of(row: &book::Row) -> Row {
        Row {
            number: row.number as usize,
            cells: row
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| Cell {
                    value: Value::of(c),
                    span: row.spans.get(i).copied(),
                })
                .collect(),
        }
    }
}

/// A table read from a file.
#[derive(Debug)]
pub struct Table {
    /// The file (a CSV file with its text, a workbook by its name only).
    pub file: Arc<SourceFile>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// The header row's cells, as written.
    pub headers: Vec<String>,
    /// The rows below the header.
    pub rows: Vec<Row>,
}

impl Table {
    /// The table of `sheet`: its header row is the first of its first rows with a header that
    /// folds to one of `keys`, else its first row.
    fn of(sheet: &Sheet, keys: &[&str]) -> Table {
        let is_key = |c: &book::Cell| {
            let text = Value::of(c).shown();
            keys.iter().any(|k| fold(k) == fold(&text))
        };
        let at = header_row(sheet, is_key).unwrap_or(0);
        let mut rows = sheet.rows.iter().skip(at).map(Row::of);
        let headers = rows.next().map_or_else(Vec::new, |r| {
            r.cells.iter().map(|c| c.value.shown()).collect()
        });
        Table {
            file: Arc::clone(&sheet.file),
            sheet: sheet.name.clone(),
            headers,
            rows: rows.collect(),
        }
    }

    /// The column whose header folds to one of `names` (see [`fold`]).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| fold(h) == fold(n)))
    }

    /// An error for each formula in the columns `read`: its cached value may be stale or absent.
    pub fn formulas(&self, read: &[usize]) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        for row in &self.rows {
            for &col in read {
                if let Value::Formula(f) = row.value(col) {
                    let (message, hint) = refused_formula(f);
                    errors.push(self.error(row, col, message).hint(hint));
                }
            }
        }
        errors
    }

    /// An error about a whole column that the table lacks.
    pub fn missing_column(&self, what: &str, names: &[&str]) -> Diagnostic {
        let found = if self.headers.iter().all(String::is_empty) {
            "the first row is empty".to_owned()
        } else {
            format!(
                "the first row has {}",
                self.headers
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let in_sheet = self
            .sheet
            .as_ref()
            .map_or(String::new(), |s| format!(" in sheet `{s}`"));
        Diagnostic::error(
            &self.file,
            None,
            format!("no {what} column{in_sheet}: {found}"),
        )
        .hint(format!(
            "name a column in the first row {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ))
    }

    /// An error about the cell of `row` in column `col`: at its `CellRef` in a workbook, at its
    /// span (or its line) in a CSV file.
    pub fn error(&self, row: &Row, col: usize, message: impl std::fmt::Display) -> Diagnostic {
        let header = self
            .headers
            .get(col)
            .map(|h| h.trim())
            .filter(|h| !h.is_empty());
        let cell = CellRef {
            sheet: self.sheet.clone(),
            row: u32::try_from(row.number).unwrap_or(u32::MAX),
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
            header: header.map(str::to_owned),
        };
        if self.sheet.is_some() {
            return Diagnostic::in_cell(&self.file, cell, message.to_string());
        }
        let span = row.cells.get(col).and_then(|c| c.span);
        let letters = cell.a1();
        let letters = letters.trim_end_matches(|c: char| c.is_ascii_digit());
        Diagnostic::error(
            &self.file,
            span.or_else(|| Some(line_span(&self.file, row.number))),
            format!("column {letters} (`{}`): {message}", header.unwrap_or("")),
        )
    }
}

/// The span of a whole line of a file's text, for a cell past the end of its row.
fn line_span(file: &SourceFile, line: usize) -> Span {
    let offset = file.offset_of(line, 1);
    let len = file.text[offset..]
        .find('\n')
        .unwrap_or(file.text.len() - offset);
    Span { offset, len }
}

/// Reads `path` through the one spreadsheet reader (`book`): a CSV file, or a workbook, whose
/// sheet is the first named in `sheets` (folded) that it has, else its first sheet. `keys` name
/// the header row's columns, to find it below any title. A file that is not a table is a
/// diagnostic; a missing one, or one that is not a regular file, a [`ReadError`].
pub fn read(
    path: &Path,
    sheets: &[&str],
    keys: &[&str],
) -> Result<Result<Table, Vec<Diagnostic>>, ReadError> {
    let read = match book::read_file(path)? {
        Ok(read) => read,
        Err(diagnostics) => return Ok(Err(diagnostics)),
    };
    let chosen = sheets
        .iter()
        .find_map(|wanted| read.iter().find(|s| fold(&s.title) == fold(wanted)))
        .or_else(|| read.first());
    Ok(match chosen {
        Some(sheet) => Ok(Table::of(sheet, keys)),
        None => {
            let file = SourceFile::new(path.display().to_string(), "");
            Err(vec![
                Diagnostic::error(&file, None, "the workbook has no sheet")
                    .hint("is this the right file?"),
            ])
        }
    })
}
