//! A spreadsheet as the importers read it: a CSV file, or one sheet of a workbook (.xlsx, .xlsm,
//! .xls, .ods, through calamine), as a header row and rows of cells, each cell knowing its row
//! and column so that a problem is reported where the person can find it. A CSV cell has a span
//! in the file's text (printed with the line and a caret); a workbook cell is named by its sheet,
//! row and column letter.

use super::fold;
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::load::{MAX_FILE_BYTES, ReadError, decode_text};
use crate::model::date::Date;
use calamine::{Data, Reader};
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
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: name.clone(),
        source,
    })?;
    if meta.is_dir() {
        return Err(ReadError::Directory(name));
    }
    if meta.len() > MAX_FILE_BYTES {
        let file = SourceFile::new(name, "");
        let d = Diagnostic::error(
            &file,
            None,
            format!(
                "the file is {} MiB, over the limit of {} MiB",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )
        .hint("a survey or monitoring sheet takes far less: is this the right file?");
        return Ok(Err(Box::new(d)));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(extension.as_str(), "csv" | "txt" | "tsv") {
        let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
            path: name.clone(),
            source,
        })?;
        return Ok(read_csv(name, bytes));
    }
    Ok(read_workbook(path, name, sheets))
}

/// A CSV file's text as a table; the delimiter is the first row's most frequent of `,`, `;`
/// (Excel's CSV where the decimal separator is a comma) and tab.
fn read_csv(name: String, bytes: Vec<u8>) -> Result<Table, Box<Diagnostic>> {
    let file = decode_text(name, bytes).map_err(|mut d| {
        d.hints = vec![
            "save the sheet as \"CSV UTF-8\" (Excel) or with the UTF-8 character set (LibreOffice)"
                .into(),
        ];
        d
    })?;
    let first_line = file.text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first_line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(file.text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let offset = e.position().map_or(0, |p| p.byte() as usize);
            let d = Diagnostic::error(
                &file,
                Some(Span { offset, len: 1 }),
                format!("this row cannot be read as CSV: {e}"),
            )
            .hint("check the quotes in this row: a quoted cell must end with a quote");
            Box::new(d)
        })?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let line = record.position().map_or(1, |p| p.line() as usize);
        let spans = field_spans(&file.text, start, delimiter);
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, text)| Cell {
                value: text_value(text),
                span: spans.get(i).copied(),
            })
            .collect();
        records.push(Row {
            number: line,
            cells,
        });
    }
    let mut rows = records.into_iter();
    let headers = rows.next().map_or_else(Vec::new, |r| {
        r.cells.iter().map(|c| c.value.shown()).collect()
    });
    Ok(Table {
        file,
        sheet: None,
        headers,
        first_column: 0,
        rows: rows.collect(),
    })
}

/// The spans of the fields of the CSV record starting at `start`, read from the raw text with
/// the quotes, as far as the record's end.
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => {
                spans.push(trimmed(text, field_start, i));
                field_start = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(trimmed(text, field_start, i));
    spans
}

/// The span of `text[from..to]` without surrounding spaces (at least one byte wide).
fn trimmed(text: &str, from: usize, to: usize) -> Span {
    let field = &text[from..to];
    let lead = field.len() - field.trim_start().len();
    let len = field.trim().len();
    Span {
        offset: from + lead,
        len: len.max(1),
    }
}

/// A CSV cell's value: text, trimmed, or empty.
fn text_value(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        Value::Empty
    } else {
        Value::Text(text.to_owned())
    }
}

/// The most a workbook may unpack to (the sum of its parts' sizes): a small hostile archive can
/// unzip to gigabytes, and a survey or a monitoring sheet takes a few MiB at most.
const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// The size a zip archive (.xlsx, .ods) says its parts unpack to; `None` for a file that is not
/// a zip archive (an .xls), which calamine reads as it is.
fn unpacked_size(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

/// The error for a workbook that unpacks to more than `limit` bytes.
fn too_big(file: &Arc<SourceFile>, path: &Path, limit: u64) -> Option<Box<Diagnostic>> {
    let size = unpacked_size(path).filter(|s| *s > limit)?;
    let d = Diagnostic::error(
        file,
        None,
        format!(
            "the workbook unpacks to {} MiB, over the limit of {} MiB",
            size >> 20,
            limit >> 20
        ),
    )
    .hint("a survey or monitoring sheet takes far less: is this the right file?");
    Some(Box::new(d))
}

/// A workbook's chosen sheet as a table.
fn read_workbook(path: &Path, name: String, sheets: &[&str]) -> Result<Table, Box<Diagnostic>> {
    let file = SourceFile::new(name, "");
    let fail = |message: String, hint: &str| {
        Box::new(Diagnostic::error(&file, None, message).hint(hint.to_owned()))
    };
    // Checked before calamine unpacks anything.
    if let Some(d) = too_big(&file, path, MAX_UNPACKED_BYTES) {
        return Err(d);
    }
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        fail(
            format!("cannot read the file as a workbook: {e}"),
            "give an .xlsx or .ods workbook, or a CSV file named `.csv`",
        )
    })?;
    let names = workbook.sheet_names();
    let sheet = sheets
        .iter()
        .find_map(|wanted| names.iter().find(|n| fold(n) == fold(wanted)))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| {
            fail(
                "the workbook has no sheet".into(),
                "is this the right file?",
            )
        })?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| {
        fail(
            format!("cannot read sheet `{sheet}`: {e}"),
            "save the workbook again from Excel or LibreOffice",
        )
    })?;
    let (first_row, first_column) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = range.rows().enumerate().map(|(i, cells)| Row {
        number: first_row + i + 1,
        cells: cells
            .iter()
            .map(|d| Cell {
                value: cell_value(d),
                span: None,
            })
            .collect(),
    });
    let headers = rows.next().map_or_else(Vec::new, |r| {
        r.cells.iter().map(|c| c.value.shown()).collect()
    });
    Ok(Table {
        file,
        sheet: Some(sheet),
        headers,
        first_column,
        rows: rows.collect(),
    })
}

/// A workbook cell's value.
fn cell_value(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => text_value(s),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
                .map_or_else(|| Value::Other(data.to_string()), Value::Date)
        }
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(Date::parse)
            .map_or_else(|| Value::Other(s.clone()), Value::Date),
        other => Value::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_unpacking_past_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("big.xlsx");
        let file = std::fs::File::create(&path).expect("created");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        let block = vec![0u8; 1 << 20];
        for part in ["a.xml", "b.xml"] {
            zip.start_file(part, options).expect("started");
            for _ in 0..3 {
                std::io::Write::write_all(&mut zip, &block).expect("written");
            }
        }
        zip.finish().expect("finished");
        assert_eq!(unpacked_size(&path), Some(6 << 20));
        assert!(
            std::fs::metadata(&path).expect("there").len() < 1 << 20,
            "deflated"
        );
        assert_eq!(unpacked_size(Path::new("Cargo.toml")), None, "not a zip");
        let err = read(&path, &[])
            .expect("readable")
            .expect_err("not a workbook");
        assert!(
            err.message.contains("cannot read the file as a workbook"),
            "{}",
            err.message
        );
        let file = SourceFile::new("big.xlsx", "");
        let err = too_big(&file, &path, 5 << 20).expect("over 5 MiB");
        assert!(
            err.message
                .contains("unpacks to 6 MiB, over the limit of 5 MiB"),
            "{}",
            err.message
        );
        assert!(too_big(&file, &path, 6 << 20).is_none(), "at the limit");
    }

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

    #[test]
    fn csv_cells_know_their_place_in_the_text() {
        let text = "Respondent; Partner;Trust\n\"Quay, Housing\";New Dawn; 5\n";
        let table = read_csv("s.csv".into(), text.as_bytes().to_vec()).expect("a table");
        assert_eq!(table.headers, ["Respondent", "Partner", "Trust"]);
        assert_eq!(table.column(&["partner organisation", "partner"]), Some(1));
        let row = &table.rows[0];
        assert_eq!(row.number, 2);
        assert_eq!(row.value(0), &Value::Text("Quay, Housing".into()));
        let d = table.error(row, 2, "out of range");
        assert_eq!(d.line_col(), Some((2, 27)));
        assert_eq!(d.message, "column C (`Trust`): out of range");
    }
}
