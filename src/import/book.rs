//! Reading a source into plain sheets of cells: a workbook (`.xlsx`, `.ods`) through calamine,
//! or CSV files (`delimited`: one file, or every `*.csv` in a folder, each its own sheet). Every file is
//! checked against the limits before it is parsed: its size, and for a workbook the sizes its zip
//! entries declare, so a zip bomb is refused before anything is expanded.

use super::delimited;
use super::limits::{self, MAX_COLUMNS, MAX_SHEET_ROWS};
use crate::diag::{CellRef, Diagnostic, SourceFile};
use crate::load::ReadError;
use calamine::{Data, DataRef, Ods, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

/// A cell's value as the sheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date, as `YYYY-MM-DD` (a time of day is dropped).
    Date(String),
    /// A formula, with its text: refused, as its cached value may be stale or absent.
    Formula(String),
    /// An error value such as `#REF!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row that holds something, with its number in the sheet.
#[derive(Debug)]
pub(crate) struct Row {
    /// 1-based, as the spreadsheet (or the CSV file's line) numbers it.
    pub(crate) number: u32,
    /// Its cells from column A.
    pub(crate) cells: Vec<Cell>,
}

/// A sheet: its file, its name (none for a CSV file) and its non-blank rows.
#[derive(Debug)]
pub(crate) struct Sheet {
    /// The file, for diagnostics.
    pub(crate) file: Arc<SourceFile>,
    /// The sheet's name in a workbook; `None` for a CSV file.
    pub(crate) name: Option<String>,
    /// The name used to recognise it: the sheet's name, or the CSV file's stem.
    pub(crate) title: String,
    /// Rows that hold at least one cell, in order.
    pub(crate) rows: Vec<Row>,
}

impl Sheet {
    /// A cell of this sheet, for a diagnostic.
    pub(crate) fn cell(&self, row: u32, column: u32, header: Option<&str>) -> CellRef {
        CellRef {
            sheet: self.name.clone(),
            row,
            column,
            header: header.map(str::to_owned),
        }
    }

    /// How a message names the sheet: ``sheet `Elements` `` or ``file `elements.csv` ``.
    pub(crate) fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("sheet `{name}` of `{}`", self.file.name),
            None => format!("`{}`", self.file.name),
        }
    }
}

/// What reading a source gave: its sheets, or the problems that stopped it.
pub(crate) type Sheets = Result<Vec<Sheet>, Vec<Diagnostic>>;

/// Reads a workbook, a CSV file or a folder of CSV files.
pub(crate) fn read(path: &Path) -> Result<Sheets, ReadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: name.clone(),
        source,
    })?;
    if meta.is_dir() {
        return delimited::read_folder(path);
    }
    let bytes = read_bounded(path)?;
    let file = SourceFile::new(name, "");
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => return Ok(Err(vec![whole(&file, message.0, message.1)])),
    };
    let extension = extension(path);
    Ok(match extension.as_str() {
        "xlsx" | "xlsm" => read_xlsx(&file, bytes),
        "ods" => read_ods(&file, bytes),
        "csv" | "txt" | "tsv" => delimited::read_csv(path, bytes).map(|s| vec![s]),
        _ if bytes.starts_with(b"PK\x03\x04") => read_xlsx(&file, bytes),
        _ => Err(vec![
            whole(
                &file,
                "this is not a workbook or a CSV file".into(),
                "import reads .xlsx and .ods workbooks, .csv files, or a folder of .csv files; in a spreadsheet program, use Save As to save one of these"
                    .into(),
            ),
        ]),
    })
}

pub(super) fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A problem with a whole file.
pub(super) fn whole(file: &Arc<SourceFile>, message: String, hint: String) -> Diagnostic {
    Diagnostic::error(file, None, message).hint(hint)
}

/// The file's bytes, or why it is refused (too large), as a message and a hint.
pub(super) fn read_bounded(path: &Path) -> Result<Result<Vec<u8>, (String, String)>, ReadError> {
    let name = path.display().to_string();
    let io = |source| ReadError::Io {
        path: name.clone(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > limits::MAX_SOURCE_BYTES {
        return Ok(Err((
            format!(
                "the file is {} MiB, over the limit of {} MiB",
                len / (1024 * 1024),
                limits::MAX_SOURCE_BYTES / (1024 * 1024)
            ),
            "a city's organisations and partnerships take well under a MiB: is this the right file?"
                .into(),
        )));
    }
    std::fs::read(path).map_err(io).map(Ok)
}

pub(super) fn too_many_rows(file: &Arc<SourceFile>, sheet: Option<&str>) -> Diagnostic {
    let what = sheet.map_or_else(|| "the file".to_owned(), |s| format!("sheet `{s}`"));
    Diagnostic::error(
        file,
        None,
        format!("{what} has more than {MAX_SHEET_ROWS} rows, over the import's limit"),
    )
    .hint(format!(
        "import reads up to {} organisations and {} partnerships",
        limits::MAX_ELEMENTS,
        limits::MAX_CONNECTIONS
    ))
}

pub(super) fn too_many_columns(
    file: &Arc<SourceFile>,
    sheet: Option<&str>,
    row: u32,
) -> Diagnostic {
    let what = sheet.map_or_else(|| "the file".to_owned(), |s| format!("sheet `{s}`"));
    Diagnostic::error(
        file,
        None,
        format!("row {row} of {what} has more than {MAX_COLUMNS} columns, over the import's limit"),
    )
}

/// An .xlsx workbook, read cell by cell (no sheet is expanded into a grid).
fn read_xlsx(file: &Arc<SourceFile>, bytes: Vec<u8>) -> Sheets {
    limits::check_zip(file, &bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| vec![unreadable(file, &e)])?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| vec![unreadable(file, &e)])?;
        let mut grid = Grid::default();
        while let Some(cell) = reader
            .next_cell_with_formula()
            .map_err(|e| vec![unreadable(file, &e)])?
        {
            let value = match cell.formula {
                Some(f) if !f.is_empty() => Cell::Formula(f),
                _ => from_ref(&cell.value),
            };
            grid.put(file, &name, cell.pos, value)?;
        }
        sheets.push(grid.into_sheet(file, name));
    }
    Ok(sheets)
}

/// An .ods workbook.
fn read_ods(file: &Arc<SourceFile>, bytes: Vec<u8>) -> Sheets {
    limits::check_zip(file, &bytes)?;
    let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| vec![unreadable(file, &e)])?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| vec![unreadable(file, &e)])?;
        let formulas = book
            .worksheet_formula(&name)
            .map_err(|e| vec![unreadable(file, &e)])?;
        let mut grid = Grid::default();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let pos = (r0 + r as u32, c0 + c as u32);
            grid.put(file, &name, pos, from_data(value))?;
        }
        let (f0, g0) = formulas.start().unwrap_or((0, 0));
        for (r, c, formula) in formulas.used_cells() {
            if !formula.is_empty() {
                let pos = (f0 + r as u32, g0 + c as u32);
                grid.put(file, &name, pos, Cell::Formula(formula.clone()))?;
            }
        }
        sheets.push(grid.into_sheet(file, name));
    }
    Ok(sheets)
}

fn unreadable(file: &Arc<SourceFile>, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(file, None, format!("the workbook cannot be read: {e}"))
        .hint("open it in Excel or LibreOffice and save it again as .xlsx or .ods")
}

/// Cells gathered by position, with the limits on rows and columns.
#[derive(Default)]
struct Grid {
    rows: std::collections::BTreeMap<u32, Vec<Cell>>,
}

impl Grid {
    fn put(
        &mut self,
        file: &Arc<SourceFile>,
        sheet: &str,
        (row, column): (u32, u32),
        value: Cell,
    ) -> Result<(), Vec<Diagnostic>> {
        if value.is_blank() {
            return Ok(());
        }
        let column = column as usize;
        if column >= MAX_COLUMNS {
            return Err(vec![too_many_columns(file, Some(sheet), row + 1)]);
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= MAX_SHEET_ROWS {
            return Err(vec![too_many_rows(file, Some(sheet))]);
        }
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = value;
        Ok(())
    }

    fn into_sheet(self, file: &Arc<SourceFile>, name: String) -> Sheet {
        let rows = self
            .rows
            .into_iter()
            .map(|(r, cells)| Row {
                number: r + 1,
                cells,
            })
            .collect();
        Sheet {
            file: Arc::clone(file),
            title: name.clone(),
            name: Some(name),
            rows,
        }
    }
}

fn from_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(iso_date(s)),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(iso_date(s)),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::Empty => Cell::Empty,
    }
}

fn date(d: &calamine::ExcelDateTime) -> Cell {
    if d.is_duration() {
        return Cell::Number(d.as_f64());
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    Cell::Date(format!("{y:04}-{m:02}-{day:02}"))
}

fn iso_date(s: &str) -> String {
    s.split('T').next().unwrap_or(s).to_owned()
}
