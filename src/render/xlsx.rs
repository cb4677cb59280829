//! The engine's workbooks (.xlsx, written with rust_xlsxwriter): the same input gives the same
//! bytes (a fixed creation date in `docProps/core.xml`; rust_xlsxwriter dates every zip entry
//! 1980-01-01), and a workbook is known as the engine's by a hash, as the Word document is
//! (`render::docx`).
//!
//! A workbook is built with [`properties`], which hold a placeholder hash in the custom property
//! `inclusive-cities-hash`, saved to bytes, then [`stamp`]ed: the hash of every other part of the
//! archive as stored, in archive order, is written over the placeholder. Excel and LibreOffice write the
//! parts again when they save, so a workbook a person saved no longer matches its hash, and
//! `plan` and `compare` keep it unless given `--force`.

use super::docx::HASH_PROPERTY;
use super::marker::{GENERATOR, Hasher, hash};
use super::package::{PART_LIMIT, custom_property, text_of};
use rust_xlsxwriter::{DocProperties, ExcelDateTime};
use std::io::{self, Cursor, Read, Seek, Write};

/// The part that holds the custom properties, and so the hash: the one part not hashed.
const CUSTOM: &str = "docProps/custom.xml";

/// The most parts a workbook the engine checks may have: its own have a dozen or so.
const MAX_PARTS: usize = 1000;

/// The properties of an engine's workbook titled `title`: the engine as author, a fixed creation
/// date (so the same input gives the same bytes; a caller may set a date of its own) and a
/// placeholder for the hash [`stamp`] writes.
pub fn properties(title: &str) -> DocProperties {
    let created = ExcelDateTime::from_ymd(2000, 1, 1).expect("a fixed, valid date");
    DocProperties::new()
        .set_title(title)
        .set_author(GENERATOR)
        .set_creation_datetime(&created)
        .set_custom_property(HASH_PROPERTY, placeholder().as_str())
}

/// A hash-shaped placeholder, as long as a hash.
fn placeholder() -> String {
    format!("sha256:{}", "0".repeat(64))
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

/// The workbook `bytes`, saved with [`properties`], with the hash of its parts written over the
/// placeholder in its custom properties.
pub fn stamp(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(invalid)?;
    let stamp = parts_hash(&mut archive).ok_or_else(|| invalid("a part cannot be read"))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i).map_err(invalid)?.name().to_owned();
        if name == CUSTOM {
            let mut xml = String::new();
            archive
                .by_index(i)
                .map_err(invalid)?
                .read_to_string(&mut xml)?;
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            out.start_file(CUSTOM, options).map_err(invalid)?;
            out.write_all(xml.replacen(&placeholder(), &stamp, 1).as_bytes())?;
        } else {
            out.raw_copy_file(archive.by_index_raw(i).map_err(invalid)?)
                .map_err(invalid)?;
        }
    }
    Ok(out.finish().map_err(invalid)?.into_inner())
}

/// The hash of every part but [`CUSTOM`], in archive order, each part's name then its bytes as
/// stored (compressed: nothing is inflated, so a small archive cannot unzip to gigabytes here);
/// `None` when a part cannot be read or is larger than [`PART_LIMIT`], or there are more than
/// [`MAX_PARTS`].
fn parts_hash<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Option<String> {
    if archive.len() > MAX_PARTS {
        return None;
    }
    let mut hasher = Hasher::default();
    for i in 0..archive.len() {
        let part = archive.by_index_raw(i).ok()?;
        if part.name() == CUSTOM {
            continue;
        }
        // The name too, so that a part renamed is a change; its hash keeps names unambiguous.
        hasher
            .write_all(hash(part.name().as_bytes()).as_bytes())
            .ok()?;
        let n = io::copy(&mut part.take(PART_LIMIT + 1), &mut hasher).ok()?;
        if n > PART_LIMIT {
            return None;
        }
    }
    Some(hasher.finish())
}

/// Whether a workbook was written by the engine and not saved since by anyone else: its parts
/// still have the hash in its custom properties.
pub fn is_ours(r: impl Read + Seek) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(r) else {
        return false;
    };
    let claimed =
        text_of(&mut archive, CUSTOM).and_then(|xml| custom_property(&xml, HASH_PROPERTY));
    claimed.is_some_and(|claimed| parts_hash(&mut archive) == Some(claimed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn workbook(cell: &str) -> Vec<u8> {
        let mut book = Workbook::new();
        book.set_properties(&properties("test"));
        book.add_worksheet()
            .write_string(0, 0, cell)
            .expect("a cell");
        stamp(&book.save_to_buffer().expect("saved")).expect("stamped")
    }

    /// `bytes` with the part `name` replaced by `text`, as an application saving it would.
    fn resaved(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let part = archive.by_index_raw(i).expect("a part");
            if part.name() == name {
                drop(part);
                out.start_file(name, zip::write::SimpleFileOptions::default())
                    .expect("a part");
                out.write_all(text.as_bytes()).expect("written");
            } else {
                out.raw_copy_file(part).expect("copied");
            }
        }
        out.finish().expect("a zip").into_inner()
    }

    #[test]
    fn a_workbook_is_ours_until_saved_by_someone_else() {
        let bytes = workbook("Ashby");
        assert_eq!(bytes, workbook("Ashby"), "the same bytes each time");
        assert!(is_ours(Cursor::new(&bytes)));
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
        let mut custom = String::new();
        archive
            .by_name(CUSTOM)
            .expect("custom properties")
            .read_to_string(&mut custom)
            .expect("text");
        assert!(!custom.contains(&placeholder()), "{custom}");
        let mut sheet = String::new();
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .expect("a sheet")
            .read_to_string(&mut sheet)
            .expect("text");
        let edited = resaved(
            &bytes,
            "xl/worksheets/sheet1.xml",
            &sheet.replace("</sheetData>", "<row r=\"9\"/></sheetData>"),
        );
        assert!(!is_ours(Cursor::new(&edited)), "a sheet saved again");
        let unstamped = resaved(&bytes, CUSTOM, "<Properties/>");
        assert!(!is_ours(Cursor::new(&unstamped)), "no hash");
        assert!(!is_ours(Cursor::new(b"not a zip".as_slice())));
    }
}
