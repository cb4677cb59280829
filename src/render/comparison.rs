//! compare's Tera set-up: the built-in `comparison.md.tera` and `comparison.html.tera`
//! (embedded from `templates/`), overridden by name by the files of a `--templates DIR`, as the
//! plan's are. A comparison is streamed, never held: each template is rendered in three parts,
//! `head` once, `city` once per city and `foot` once, each into the file as it goes (see
//! `compare::page` for their contexts).
//!
//! Markdown autoescapes with [`super::escape::markdown`] and HTML with Tera's HTML escaping, each in a
//! Tera of its own (an escaping function is set per Tera), so a name can neither end a table
//! cell nor open a tag; `| safe` turns it off for a value a custom template trusts.

use super::templates::TemplateError;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// The built-in templates of a comparison, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "comparison.md.tera",
        include_str!("../../templates/comparison.md.tera"),
    ),
    (
        "comparison.html.tera",
        include_str!("../../templates/comparison.html.tera"),
    ),
];

/// The most read of a template file: the built-ins are a few kilobytes.
const TEMPLATE_LIMIT: u64 = 1 << 20;

/// The templates a comparison is rendered with.
pub struct ComparisonTemplates {
    markdown: tera::Tera,
    html: tera::Tera,
    /// Where each template came from, e.g. ` (from my-templates/comparison.md.tera)`.
    origins: BTreeMap<&'static str, String>,
}

impl ComparisonTemplates {
    /// The built-in templates, each replaced by the file of the same name in `dir` when there is
    /// one (a regular file, at most 1 MiB).
    pub fn load(dir: Option<&Path>) -> Result<ComparisonTemplates, TemplateError> {
        let mut markdown = tera::Tera::new();
        markdown.set_escape_fn(super::templates::escape_markdown);
        markdown.autoescape_on([".md.tera"]);
        let mut html = tera::Tera::new();
        html.autoescape_on([".html.tera"]);
        let mut origins = BTreeMap::new();
        for &(name, builtin) in BUILTIN {
            let (text, origin) = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
                Some(path) => (
                    crate::load::read_text_bounded(&path, TEMPLATE_LIMIT)?,
                    format!(" (from {})", path.display()),
                ),
                None => (builtin.to_owned(), String::new()),
            };
            let tera = if name.ends_with(".md.tera") {
                &mut markdown
            } else {
                &mut html
            };
            tera.add_raw_template(name, &text)
                .map_err(|e| TemplateError::Tera {
                    name: name.to_owned(),
                    origin: origin.clone(),
                    message: e.to_string(),
                })?;
            origins.insert(name, origin);
        }
        Ok(ComparisonTemplates {
            markdown,
            html,
            origins,
        })
    }

    /// Renders the template `name` against `context` into `w`; a template error comes back as an
    /// I/O error naming the template and where it came from.
    pub fn render(&self, name: &str, context: &tera::Context, w: &mut dyn Write) -> io::Result<()> {
        let tera = if name.ends_with(".md.tera") {
            &self.markdown
        } else {
            &self.html
        };
        tera.render_to(name, context, w).map_err(|e| {
            let error = TemplateError::Tera {
                name: name.to_owned(),
                origin: self.origins.get(name).cloned().unwrap_or_default(),
                message: tera_message(&e),
            };
            io::Error::other(error.to_string())
        })
    }
}

/// Tera's message with its causes (the variable and the line are in the causes).
fn tera_message(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    message
}
