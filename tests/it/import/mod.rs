//! `import`: workbooks and CSV files to a profile. Round trips through our own exports keep the
//! network and its measures (`round_trip`); a Kumu layout, a hand-made one, an .ods workbook and
//! our earlier CSV layout import (`layouts`); each kind of bad workbook gets its located message
//! and nothing is written (`refused`).

mod layouts;
mod refused;
mod round_trip;

use crate::harness::bin;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// The city's fields, as the flags give them.
pub(super) const CITY_FLAGS: [&str; 6] = [
    "--city-name",
    "Harbourton",
    "--country",
    "GB",
    "--as-of",
    "2026-09-01",
];

/// A workbook of `sheets`, each a name and rows of cells: a cell beginning `=` is written as a
/// formula, one that reads as a number as a number, others as text.
pub(super) fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("a sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if cell.starts_with('=') {
                    sheet.write_formula(r, c, *cell).expect("a formula");
                } else if let Ok(n) = cell.parse::<f64>() {
                    sheet.write_number(r, c, n).expect("a number");
                } else if !cell.is_empty() {
                    sheet.write_string(r, c, *cell).expect("a string");
                }
            }
        }
    }
    book.save(path).expect("the workbook is written");
}

/// Runs `import SOURCE -o OUT` with `extra` flags; returns (success, stderr, the profile).
pub(super) fn import(source: &Path, out: &Path, extra: &[&str]) -> (bool, String, Option<String>) {
    let output = bin()
        .arg("import")
        .arg(source)
        .arg("-o")
        .arg(out)
        .args(["--diagnostic-format", "short"])
        .args(extra)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (
        output.status.success(),
        stderr,
        std::fs::read_to_string(out).ok(),
    )
}

/// Writes CSV files into a new folder and imports it; returns (success, stderr, the profile).
pub(super) fn import_csv(files: &[(&str, &str)], extra: &[&str]) -> (bool, String, Option<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("sheets");
    std::fs::create_dir(&source).expect("created");
    for (name, text) in files {
        std::fs::write(source.join(name), text).expect("written");
    }
    import(&source, &dir.path().join("out.yaml"), extra)
}

/// A minimal OpenDocument spreadsheet: one sheet of rows, a cell beginning `=` as a formula
/// with a cached text value.
pub(super) fn ods(path: &Path, sheet: &str, rows: &[&[&str]]) {
    use std::io::Write as _;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if let Some(formula) = cell.strip_prefix('=') {
                table.push_str(&format!(
                    "<table:table-cell table:formula=\"of:={formula}\" office:value-type=\"string\"><text:p>cached</text:p></table:table-cell>"
                ));
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("entry");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    zip.start_file("content.xml", stored).expect("entry");
    zip.write_all(content.as_bytes()).expect("written");
    zip.start_file("META-INF/manifest.xml", stored)
        .expect("entry");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
        .expect("written");
    zip.finish().expect("finished");
}
