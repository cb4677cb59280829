//! The export as one workbook (rust_xlsxwriter): the Elements, Connections, City and Districts
//! sheets of `kumu`, in Kumu's single-file import layout, with typed numbers and booleans,
//! frozen bold header rows, and every text cell made safe for a spreadsheet. The same graph
//! gives the same bytes: the document's creation date is the profile's `as_of`, and the zip's
//! entries carry a fixed time.

use super::Graph;
use super::kumu::{Cell, tables};
use crate::render::escape;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The workbook's bytes.
pub(super) fn xlsx(g: &Graph) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables(g) {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name)?;
        for (col, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        sheet.write_string(r, col, escape::spreadsheet(s).as_ref())?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, col, *n)?;
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, col, *b)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    let created = created(&g.graph.as_of)?;
    let properties = DocProperties::new()
        .set_title(format!("{}: partnership network", g.graph.name))
        .set_author("inclusive-cities")
        .set_comment(format!(
            "Exported from the profile of {} as of {}",
            g.graph.id, g.graph.as_of
        ))
        .set_creation_datetime(&created);
    book.set_properties(&properties);
    book.save_to_buffer()
}

/// The profile's `as_of` at midnight, for the document's creation date.
fn created(as_of: &str) -> Result<ExcelDateTime, XlsxError> {
    let mut parts = as_of.split('-').map(|p| p.parse::<u16>().unwrap_or(1));
    let (y, m, d) = (
        parts.next().unwrap_or(2000),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    ExcelDateTime::from_ymd(
        y,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}
