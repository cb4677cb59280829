//! CSV sources: one file, or every `*.csv` file of a folder, each read as a sheet named by its
//! file's stem (`elements`, `connections`, `city`, `districts`). UTF-8 only (a BOM is dropped),
//! with the separator the header line uses most: a comma, a semicolon or a tab. Each cell keeps
//! its span in the file's text, so a problem can be shown with its line and a caret.

use super::book::{
    Cell, Row, Sheet, Sheets, extension, read_file, too_many_columns, too_many_rows, whole,
};
use super::limits::{MAX_COLUMNS, MAX_SHEET_ROWS};
use crate::diag::{Diagnostic, SourceFile, Span};
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
        match read_file(&path)? {
            Ok(mut read) => sheets.append(&mut read),
            Err(mut d) => problems.append(&mut d),
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
    let file = match crate::load::decode_text(name, bytes) {
        Ok(file) => file,
        Err(d) => {
            let mut d = *d;
            d.hints = vec!["save it as UTF-8: in Excel, Save As and choose \"CSV UTF-8\" (Comma delimited); in LibreOffice, choose \"Unicode (UTF-8)\" as the character set".into()];
            return Err(vec![d]);
        }
    };
    let delimiter = guess_delimiter(file.text.lines().next().unwrap_or(""));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(file.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let offset = e.position().map_or(0, |p| p.byte() as usize);
            vec![
                Diagnostic::error(
                    &file,
                    Some(Span { offset, len: 1 }),
                    format!("this row cannot be read as CSV: {e}"),
                )
                .hint("check the quotes in this row: a quoted cell must end with a quote"),
            ]
        })?;
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
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let spans = field_spans(&file.text, start, delimiter);
            rows.push(Row {
                number,
                cells,
                spans,
            });
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

/// The separator the header line uses most of `,`, `;` (Excel's CSV where the decimal separator
/// is a comma) and tab; a comma when none is used more than the others.
fn guess_delimiter(first_line: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first_line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_know_their_place_in_the_text_and_the_separator_is_guessed() {
        let text = "Respondent; Partner;Trust\n\"Quay, Housing\";New Dawn; 5\n";
        let sheet = read_csv(Path::new("s.csv"), text.as_bytes().to_vec()).expect("a sheet");
        let row = &sheet.rows[1];
        assert_eq!(row.number, 2);
        assert_eq!(row.cells[0], Cell::Text("Quay, Housing".into()));
        assert_eq!(sheet.file.line_col(row.spans[2].offset), (2, 27));
        assert_eq!(
            guess_delimiter("Label"),
            b',',
            "a comma when there is no separator"
        );
        assert_eq!(guess_delimiter("a,b;c"), b',', "a comma on a tie");
        assert_eq!(guess_delimiter("a\tb\tc,d"), b'\t');
    }
}
