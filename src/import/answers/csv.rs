//! A CSV file as a table: its delimiter guessed from the header row, each cell with its span
//! in the file's text, so a problem is printed with its line and a caret.

use super::{Cell, Row, Table, Value};
use crate::diag::{Diagnostic, Span};
use crate::load::decode_text;

/// A CSV file's text as a table; the delimiter is the first row's most frequent of `,`, `;`
/// (Excel's CSV where the decimal separator is a comma) and tab.
pub(super) fn read(name: String, bytes: Vec<u8>) -> Result<Table, Box<Diagnostic>> {
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
pub(super) fn text_value(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        Value::Empty
    } else {
        Value::Text(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_know_their_place_in_the_text() {
        let text = "Respondent; Partner;Trust\n\"Quay, Housing\";New Dawn; 5\n";
        let table = read("s.csv".into(), text.as_bytes().to_vec()).expect("a table");
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
