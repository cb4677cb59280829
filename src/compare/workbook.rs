//! comparison.xlsx: the four tables of the CSVs (cities, scores, gaps, peers) as sheets of one
//! workbook, numbers as numbers (rounded as in the CSVs), the header row frozen and in bold,
//! text cells made safe as in the CSVs. Every sheet is written in rust_xlsxwriter's
//! constant-memory mode, row by row to a temporary file, so a thousand cities' pairs are never
//! held; the workbook is held only compressed, then stamped (`render::xlsx`).

use super::output::{CITY_FIGURES, rounded};
use super::{CitySummary, Comparison};
use crate::model::Severity;
use crate::render::{escape, xlsx};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// The most characters Excel holds in a cell.
const CELL_LIMIT: usize = 32_767;

/// A column: its header and width in characters.
type Column<'a> = (&'a str, f64);

/// Writes comparison.xlsx into `w`.
pub(super) fn render(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let bytes = build(cmp).map_err(io::Error::other)?;
    w.write_all(&xlsx::stamp(&bytes)?)
}

fn build(cmp: &Comparison) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&xlsx::properties(&format!(
        "Learning set: {} cities",
        cmp.cities.len()
    )));
    let bold = Format::new().set_bold();
    cities(sheet(&mut book, "Cities", &city_columns(cmp), &bold)?, cmp)?;
    let scores = sheet(
        &mut book,
        "Scores",
        &[("city", 16.0), ("pillar", 20.0), ("score", 8.0)],
        &bold,
    )?;
    let mut row = 0;
    for c in &cmp.cities {
        for (p, &s) in cmp.pillars.iter().zip(&c.pillars) {
            row += 1;
            text(scores, row, 0, &c.id)?;
            text(scores, row, 1, p)?;
            number(scores, row, 2, rounded(s, 1))?;
        }
    }
    let gaps = sheet(
        &mut book,
        "Gaps",
        &[
            ("city", 16.0),
            ("gap_id", 44.0),
            ("rule", 22.0),
            ("severity", 9.0),
            ("pillar", 20.0),
            ("basis", 10.0),
        ],
        &bold,
    )?;
    let mut row = 0;
    for c in &cmp.cities {
        for g in &c.gaps {
            row += 1;
            text(gaps, row, 0, &c.id)?;
            text(gaps, row, 1, cmp.gap_id(g))?;
            text(gaps, row, 2, g.rule.as_str())?;
            text(gaps, row, 3, g.severity.as_str())?;
            text(
                gaps,
                row,
                4,
                cmp.pillars
                    .get(usize::from(g.pillar))
                    .map_or("", String::as_str),
            )?;
            text(gaps, row, 5, if g.assumed { "assumed" } else { "recorded" })?;
        }
    }
    let peers = sheet(
        &mut book,
        "Peers",
        &[
            ("city", 16.0),
            ("gap_id", 44.0),
            ("peer_city", 16.0),
            ("peer_name", 28.0),
            ("peer_pillar_score", 10.0),
            ("how", 80.0),
        ],
        &bold,
    )?;
    for (i, p) in cmp.peers().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        text(peers, row, 0, &p.city.id)?;
        text(peers, row, 1, p.gap_id)?;
        text(peers, row, 2, &p.peer.id)?;
        text(peers, row, 3, &p.peer.name)?;
        number(peers, row, 4, rounded(p.peer_pillar_score, 1))?;
        text(peers, row, 5, p.how)?;
    }
    book.save_to_buffer()
}

/// The columns of the Cities sheet, as in cities.csv.
fn city_columns(cmp: &Comparison) -> Vec<Column<'_>> {
    let mut columns = vec![
        ("id", 16.0),
        ("name", 28.0),
        ("country", 8.0),
        ("index", 8.0),
    ];
    columns.extend(cmp.pillars.iter().map(|p| (p.as_str(), 10.0)));
    columns.extend(CITY_FIGURES.map(|h| (h, 10.0)));
    columns
}

fn cities(sheet: &mut Worksheet, cmp: &Comparison) -> Result<(), XlsxError> {
    let count = |c: &CitySummary, s: Severity| c.gaps.iter().filter(|g| g.severity == s).count();
    for (i, c) in cmp.cities.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        text(sheet, row, 0, &c.id)?;
        text(sheet, row, 1, &c.name)?;
        text(sheet, row, 2, &c.country)?;
        number(sheet, row, 3, rounded(c.index, 1))?;
        let mut col = 4;
        for &s in &c.pillars {
            number(sheet, row, col, rounded(s, 1))?;
            col += 1;
        }
        let figures = [
            c.n_actors as f64,
            c.n_partnerships as f64,
            rounded(c.density, 3),
            c.n_components as f64,
            c.n_articulation_points as f64,
            count(c, Severity::High) as f64,
            count(c, Severity::Medium) as f64,
            count(c, Severity::Low) as f64,
        ];
        for x in figures {
            number(sheet, row, col, x)?;
            col += 1;
        }
    }
    Ok(())
}

/// A new sheet in constant-memory mode named `name`, with its columns' widths, its header row
/// in bold, and that row frozen.
fn sheet<'b>(
    book: &'b mut Workbook,
    name: &str,
    columns: &[Column<'_>],
    bold: &Format,
) -> Result<&'b mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    for (i, (_, width)) in columns.iter().enumerate() {
        let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, (header, _)) in columns.iter().enumerate() {
        let col = u16::try_from(i).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, col, escape::spreadsheet(header), bold)?;
    }
    Ok(sheet)
}

/// A text cell, made safe as a CSV cell is, and cut at Excel's limit (the CSVs hold it whole).
fn text(sheet: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    let safe = escape::spreadsheet(s);
    // A cell of at most as many bytes as the limit has at most as many characters.
    if safe.len() <= CELL_LIMIT || safe.chars().count() <= CELL_LIMIT {
        sheet.write_string(row, col, safe)?;
    } else {
        let mut cut: String = safe.chars().take(CELL_LIMIT - 1).collect();
        cut.push('…');
        sheet.write_string(row, col, cut)?;
    }
    Ok(())
}

/// A number cell; left empty for NaN (nothing assessed).
fn number(sheet: &mut Worksheet, row: u32, col: u16, x: f64) -> Result<(), XlsxError> {
    if !x.is_nan() {
        sheet.write_number(row, col, x)?;
    }
    Ok(())
}
