//! A spreadsheet as the importers read it: a CSV file, or one sheet of a workbook (.xlsx, .xlsm,
//! .xls, .ods, through calamine), as a header row and rows of cells, each cell knowing its row
//! and column so that a problem is reported where the person can find it. A CSV cell has a span
//! in the file's text (printed with the line and a caret); a workbook cell is named by its sheet,
//! row and column letter.

use super::fold;
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::load::{MAX_FILE_BYTES, ReadError};
use crate::model::date::Date;
use std::path::Path;
use std::sync::Arc;

mod csv;
mod workbook;

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
    /// Something else: an error value (`#N/A`), a time or a duration, as shown.
    Other(String),
}

impl Value {
    /// The value as a person would read it in the cell.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Other(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }

    /// The value as text, or `None` when the cell is empty.
    pub fn text(&self) -> Option<String> {
        (*self != Value::Empty).then(|| self.shown())
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
    /// Its cells, by column from the first column of the table.
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
    /// The first column's index in the sheet (a workbook's table may start right of column A).
    first_column: usize,
    /// The rows below the header.
    pub rows: Vec<Row>,
}

impl Table {
    /// The column whose header folds to one of `names` (see [`fold`]).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.iter().any(|n| fold(h) == fold(n)))
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

    /// An error about the cell of `row` in column `col`.
    pub fn error(&self, row: &Row, col: usize, message: impl std::fmt::Display) -> Diagnostic {
        let header = self.headers.get(col).map_or("", String::as_str);
        let letter = column_letter(self.first_column + col);
        match (&self.sheet, row.cells.get(col).and_then(|c| c.span)) {
            (None, span) => Diagnostic::error(
                &self.file,
                span.or_else(|| Some(line_span(&self.file, row.number))),
                format!("column {letter} (`{header}`): {message}"),
            ),
            (Some(sheet), _) => Diagnostic::error(
                &self.file,
                None,
                format!(
                    "sheet `{sheet}`, row {}, column {letter} (`{header}`): {message}",
                    row.number
                ),
            ),
        }
    }
}

/// Spreadsheet column letters for a 0-based index: A, B, ..., Z, AA, AB, ...
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The span of a whole line of a file's text, for a cell past the end of its row.
fn line_span(file: &SourceFile, line: usize) -> Span {
    let offset = file.offset_of(line, 1);
    let len = file.text[offset..]
        .find('\n')
        .unwrap_or(file.text.len() - offset);
    Span { offset, len }
}

/// Reads `path`: a CSV file by its extension `.csv` or `.txt`, else a workbook, whose sheet is
/// the first named in `sheets` (folded) that it has, else its first sheet. A file that is not a
/// table is a diagnostic; a missing one a [`ReadError`].
pub fn read(path: &Path, sheets: &[&str]) -> Result<Result<Table, Box<Diagnostic>>, ReadError> {
    let name = path.display().to_string();
    let bytes = match crate::load::read_bounded(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { size, limit, .. }) => {
            let file = SourceFile::new(name, "");
            let message = match size {
                Some(size) => format!(
                    "the file is {} MiB, over the limit of {} MiB",
                    size >> 20,
                    limit >> 20
                ),
                None => format!("the file holds more than the limit of {} MiB", limit >> 20),
            };
            let d = Diagnostic::error(&file, None, message)
                .hint("a survey or monitoring sheet takes far less: is this the right file?");
            return Ok(Err(Box::new(d)));
        }
        Err(e) => return Err(e),
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(extension.as_str(), "csv" | "txt" | "tsv") {
        return Ok(csv::read(name, bytes));
    }
    Ok(workbook::read(bytes, name, sheets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_columns_as_spreadsheets_do() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }
}
