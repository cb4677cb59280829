//! A workbook's sheet as a table (calamine: .xlsx, .xlsm, .xls, .ods), each cell named by its
//! sheet, row and column letter. A workbook that would unpack past a limit is refused before
//! calamine reads it.

use super::csv::text_value;
use super::{Cell, Row, Table, Value};
use crate::diag::{Diagnostic, SourceFile};
use crate::import::fold;
use crate::model::date::Date;
use calamine::{Data, Reader};
use std::io::Cursor;
use std::sync::Arc;

/// The most a workbook may unpack to (the sum of its parts' sizes): a small hostile archive can
/// unzip to gigabytes, and a survey or a monitoring sheet takes a few MiB at most.
const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// The size a zip archive (.xlsx, .ods) says its parts unpack to; `None` for a file that is not
/// a zip archive (an .xls), which calamine reads as it is.
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

/// The error for a workbook that unpacks to more than `limit` bytes.
fn too_big(file: &Arc<SourceFile>, bytes: &[u8], limit: u64) -> Option<Box<Diagnostic>> {
    let size = unpacked_size(bytes).filter(|s| *s > limit)?;
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
pub(super) fn read(
    bytes: Vec<u8>,
    name: String,
    sheets: &[&str],
) -> Result<Table, Box<Diagnostic>> {
    let file = SourceFile::new(name, "");
    let fail = |message: String, hint: &str| {
        Box::new(Diagnostic::error(&file, None, message).hint(hint.to_owned()))
    };
    // Checked before calamine unpacks anything.
    if let Some(d) = too_big(&file, &bytes, MAX_UNPACKED_BYTES) {
        return Err(d);
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
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
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let block = vec![0u8; 1 << 20];
        for part in ["a.xml", "b.xml"] {
            zip.start_file(part, options).expect("started");
            for _ in 0..3 {
                std::io::Write::write_all(&mut zip, &block).expect("written");
            }
        }
        let bytes = zip.finish().expect("finished").into_inner();
        assert_eq!(unpacked_size(&bytes), Some(6 << 20));
        assert!(bytes.len() < 1 << 20, "deflated");
        assert_eq!(unpacked_size(b"not a zip"), None, "not a zip");
        let err = read(b"format: text".to_vec(), "a.xlsx".into(), &[]).expect_err("not a workbook");
        assert!(
            err.message.contains("cannot read the file as a workbook"),
            "{}",
            err.message
        );
        let file = SourceFile::new("big.xlsx", "");
        let err = too_big(&file, &bytes, 5 << 20).expect("over 5 MiB");
        assert!(
            err.message
                .contains("unpacks to 6 MiB, over the limit of 5 MiB"),
            "{}",
            err.message
        );
        assert!(too_big(&file, &bytes, 6 << 20).is_none(), "at the limit");
    }
}
