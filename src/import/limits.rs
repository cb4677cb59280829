//! The import's bounds: the size of a source file, what a workbook's zip entries may declare
//! (checked before calamine expands anything, so a zip bomb is refused unread), and how many
//! rows and columns a sheet may hold.

use crate::diag::{Diagnostic, SourceFile};
use std::io::Cursor;
use std::sync::Arc;

/// The largest file import reads (the profile loader's limit).
pub(crate) const MAX_SOURCE_BYTES: u64 = crate::load::MAX_FILE_BYTES;
/// The most a workbook's entries may declare when expanded, in total.
pub(crate) const MAX_EXPANDED_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries a workbook's zip may hold.
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// The most organisations an elements sheet may list.
pub const MAX_ELEMENTS: usize = 100_000;
/// The most partnerships a connections sheet may list.
pub const MAX_CONNECTIONS: usize = 500_000;
/// The most non-blank rows read from any sheet (the connections' limit, and room for a title).
pub(crate) const MAX_SHEET_ROWS: usize = MAX_CONNECTIONS + 100;
/// The most columns read from any sheet.
pub(crate) const MAX_COLUMNS: usize = 1_000;

/// Refuses a workbook whose zip declares too many entries or too many expanded bytes, or is no
/// zip at all, before anything is decompressed.
pub(crate) fn check_zip(file: &Arc<SourceFile>, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    let refuse =
        |message: String, hint: &str| Err(vec![Diagnostic::error(file, None, message).hint(hint)]);
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(_) => {
            return refuse(
                "this is not a workbook: it is not a zip archive, as .xlsx and .ods files are"
                    .into(),
                "open it in Excel or LibreOffice and save it as .xlsx or .ods, or as CSV UTF-8",
            );
        }
    };
    if archive.len() > MAX_ENTRIES {
        return refuse(
            format!(
                "the workbook holds {} parts, over the limit of {MAX_ENTRIES}",
                archive.len()
            ),
            "a workbook of two sheets holds about a dozen parts: is this the right file?",
        );
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
    }
    if total > MAX_EXPANDED_BYTES {
        return refuse(
            format!(
                "the workbook would expand to {} MiB, over the limit of {} MiB: it was not opened",
                total / (1024 * 1024),
                MAX_EXPANDED_BYTES / (1024 * 1024)
            ),
            "a city's organisations and partnerships expand to well under a MiB; a file that claims this much may be built to exhaust memory",
        );
    }
    Ok(())
}
