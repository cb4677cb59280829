//! CSV sources: one file, or every `*.csv` file of a folder, each read as a sheet named by its
//! file's stem (`elements`, `connections`, `city`, `districts`). UTF-8 only (a BOM is dropped),
//! with the separator the header line uses most: a comma, a semicolon or a tab.

use super::book::{
    Cell, Row, Sheet, Sheets, extension, read_bounded, too_many_columns, too_many_rows, whole,
};
use super::limits::{MAX_COLUMNS, MAX_SHEET_ROWS};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::ReadError;
use std::path::Path;

/// Every `*.csv` file in a folder, in name order, each a sheet.
pub(super) fn read_folder(dir: &Path) -> Result<Sheets, ReadError> {
    let name = dir.display().to_string();
    let io = |source| ReadError::Io {
        path: name.clone(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && extension(p) == "csv")
        .collect();
    paths.sort();
    if paths.is_empty() {
        let file = SourceFile::new(name.clone(), "");
        return Ok(Err(vec![whole(
            &file,
            "the folder holds no .csv file".into(),
            "put elements.csv and connections.csv in it (as `export --format csv` writes them), or name a workbook".into(),
        )]));
    }
    let mut sheets = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let file = SourceFile::new(path.display().to_string(), "");
        match read_bounded(&path)? {
            Ok(bytes) => match read_csv(&path, bytes) {
                Ok(sheet) => sheets.push(sheet),
                Err(mut d) => problems.append(&mut d),
            },
            Err((message, hint)) => problems.push(whole(&file, message, hint)),
        }
    }
    Ok(if problems.is_empty() {
        Ok(sheets)
    } else {
        Err(problems)
    })
}

/// A CSV file as one sheet: UTF-8 (a BOM is dropped), separated by commas, semicolons or tabs,
/// whichever the first line uses most.
pub(super) fn read_csv(path: &Path, bytes: Vec<u8>) -> Result<Sheet, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let text = match crate::load::decode_text(name.clone(), bytes) {
        Ok(file) => file,
        Err(d) => {
            let mut d = *d;
            d.hints = vec!["save it as UTF-8: in Excel, Save As and choose `CSV UTF-8 (Comma delimited)`; in LibreOffice, choose `Unicode (UTF-8)` as the character set".into()];
            return Err(vec![d]);
        }
    };
    let first_line = text.text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.text.as_bytes());
    let file = SourceFile::new(name, "");
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(vec![Diagnostic::error(
                    &file,
                    None,
                    format!("the CSV cannot be read at line {line}: {e}"),
                )]);
            }
        };
        let number = u32::try_from(record.position().map_or(0, |p| p.line())).unwrap_or(u32::MAX);
        if rows.len() >= MAX_SHEET_ROWS {
            return Err(vec![too_many_rows(&file, None)]);
        }
        if record.len() > MAX_COLUMNS {
            return Err(vec![too_many_columns(&file, None, number)]);
        }
        let cells: Vec<Cell> = record
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_owned())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_blank()) {
            rows.push(Row { number, cells });
        }
    }
    let title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_owned();
    Ok(Sheet {
        file,
        name: None,
        title,
        rows,
    })
}
