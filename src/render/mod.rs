//! Render stage: what people read. The terminal texts of `analyse`, `recommend` and `diff`, the
//! escaping of profile text for each output, the Tera templates of the plan documents and of the
//! comparison, the Word document of the plan, the workbooks, the hashes that mark the engine's
//! files, and safe writing of generated files.

pub mod changes;
pub mod comparison;
pub mod docx;
pub mod escape;
pub mod marker;
pub mod monitoring;
pub mod output;
pub(crate) mod package;
pub mod palette;
pub mod recommend;
pub mod templates;
pub mod terminal;
pub mod xlsx;
