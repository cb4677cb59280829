//! Load stage: files to validated values. Reads a profile or a model from disk, parses the YAML
//! with budgets, and decodes it, returning the value with every diagnostic found.
//!
//! Invariant: loading never stops at the first problem. [`Loaded`] carries the value (only when
//! the file has no error) and all diagnostics.

mod actors;
mod assets;
mod decode;
mod file;
mod model;
mod partnerships;
mod profile;
mod schema;
mod text;
pub(crate) mod yaml;

pub(crate) use decode::suggest;
pub use file::{
    MAX_READ_BACK_BYTES, ReadError, kind_of, open_regular, read_bounded, read_text_bounded,
};
pub use model::{BUILTIN_MODEL_YAML, builtin_model, load_model, parse_model};
pub use profile::FORMATS;
pub use schema::profile_schema;
pub use yaml::{MAX_DEPTH, MAX_FILE_BYTES};

use crate::diag::{Diagnostic, SourceFile};
use crate::model::{City, Model};
use std::path::Path;
use std::sync::Arc;

/// A loaded value with every diagnostic about its file.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The value; `None` when the file has an error.
    pub value: Option<T>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a profile's or a model's text. A file too large or not UTF-8 is a diagnostic (the
/// input's fault); a missing file, a directory, a FIFO or a device is a [`ReadError`].
pub fn read_source(path: &Path) -> Result<Result<Arc<SourceFile>, Box<Diagnostic>>, ReadError> {
    let name = path.display().to_string();
    match read_bounded(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(decode_text(name, bytes)),
        Err(ReadError::TooLarge { size, limit, .. }) => {
            let mib = |n: u64| n / (1024 * 1024);
            let file = SourceFile::new(name, "");
            let message = match size {
                Some(size) => format!(
                    "the file is {} MiB, over the limit of {} MiB",
                    mib(size),
                    mib(limit)
                ),
                None => format!("the file holds more than the limit of {} MiB", mib(limit)),
            };
            let d = Diagnostic::error(&file, None, message).hint(
                "a city profile of even 20,000 actors takes a few MiB: is this the right file?",
            );
            Ok(Err(Box::new(d)))
        }
        Err(e) => Err(e),
    }
}

/// Checks that `bytes` are UTF-8 and wraps them as a source file.
pub fn decode_text(name: String, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(
            name,
            text.strip_prefix('\u{feff}').unwrap_or(&text),
        )),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(name, text);
            let (line, col) = file.line_col(valid);
            let d = Diagnostic::error(&file, None, format!(
                "the file is not UTF-8 text: invalid byte 0x{:02x} at line {line}, column {col}",
                bytes[valid]
            ))
            .hint("save the profile as UTF-8 (most editors offer it under 'Save with encoding')");
            Err(Box::new(d))
        }
    }
}

/// Parses and validates a profile's text against `model`.
pub fn parse_city(file: &Arc<SourceFile>, model: &Model) -> Loaded<City> {
    let root = match yaml::parse(file) {
        Ok(root) => root,
        Err(d) => {
            return Loaded {
                value: None,
                diagnostics: vec![*d],
            };
        }
    };
    let mut reader = profile::ProfileReader::new(decode::Decoder::new(file), model);
    let value = reader.read(&root);
    let mut diagnostics = reader.dec.diagnostics;
    diagnostics.sort_by_key(|d| d.span.map(|s| s.offset));
    Loaded { value, diagnostics }
}

/// Reads, parses and validates a profile.
pub fn load_city(path: &Path, model: &Model) -> Result<Loaded<City>, ReadError> {
    Ok(match read_source(path)? {
        Ok(file) => parse_city(&file, model),
        Err(d) => Loaded {
            value: None,
            diagnostics: vec![*d],
        },
    })
}
