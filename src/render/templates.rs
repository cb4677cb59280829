//! Tera set-up: the built-in templates (embedded from `templates/`), overridden by name by the
//! files of a `--templates DIR`, rendered against a [`PlanView`]. Every template autoescapes
//! what it prints, a custom one too: HTML (`*.html.tera`) with Tera's HTML escape, Markdown
//! (`*.md.tera`) with `render::escape::markdown`, so a name can open no tag, end no table cell
//! and start no line. A value is printed as it is only through `| safe`.

use crate::plan::view::PlanView;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "mission.md.tera",
        include_str!("../../templates/mission.md.tera"),
    ),
    (
        "action-plan.md.tera",
        include_str!("../../templates/action-plan.md.tera"),
    ),
    (
        "report.html.tera",
        include_str!("../../templates/report.html.tera"),
    ),
];

/// A template that could not be read, parsed or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// Reading a template file failed.
    #[error("cannot read template `{path}`: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A template file is not a regular file, is too large, or could not be read.
    #[error(transparent)]
    File(#[from] crate::load::ReadError),
    /// Tera rejected a template, or rendering it failed.
    #[error("template `{name}`{origin}: {message}")]
    Tera {
        /// The template's name.
        name: String,
        /// Where it came from, e.g. ` (from my-templates/report.html.tera)`.
        origin: String,
        /// Tera's report: the line, a caret and the variable.
        message: String,
    },
}

/// The templates in use.
pub struct Templates {
    /// Every template, HTML ones autoescaping with Tera's HTML escape.
    tera: tera::Tera,
    /// Every template again, Markdown ones autoescaping with the Markdown escape: Tera has one
    /// escape function per instance, and a Markdown template may include any other.
    markdown: tera::Tera,
    origins: BTreeMap<String, String>,
}

/// The suffixes of Markdown templates, which [`Templates::render`] renders from the Markdown
/// instance.
const MARKDOWN: [&str; 2] = [".md.tera", ".md"];

/// Tera's escape function for Markdown: [`escape::markdown`](super::escape::markdown).
pub(super) fn escape_markdown(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    output.write_all(super::escape::markdown(input).as_bytes())
}

impl Templates {
    /// The built-in templates, with any `*.tera` file of `dir` overriding or adding by name.
    pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut sources: BTreeMap<String, (String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| ((*name).to_owned(), ((*text).to_owned(), String::new())))
            .collect();
        if let Some(dir) = dir {
            let read = |path: &Path| TemplateError::Read {
                path: path.to_owned(),
                source: std::io::Error::other("unreadable"),
            };
            let entries = std::fs::read_dir(dir).map_err(|source| TemplateError::Read {
                path: dir.to_owned(),
                source,
            })?;
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "tera"))
            {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .ok_or_else(|| read(&path))?;
                let text = crate::load::read_text_bounded(&path, crate::load::MAX_FILE_BYTES)?;
                sources.insert(name, (text, format!(" (from {})", path.display())));
            }
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html.tera", ".html"]);
        let mut markdown = tera::Tera::new();
        markdown.autoescape_on(MARKDOWN);
        markdown.set_escape_fn(escape_markdown);
        let mut origins = BTreeMap::new();
        for (name, (text, origin)) in &sources {
            for instance in [&mut tera, &mut markdown] {
                instance
                    .add_raw_template(name, text)
                    .map_err(|e| TemplateError::Tera {
                        name: name.clone(),
                        origin: origin.clone(),
                        message: e.to_string(),
                    })?;
            }
            origins.insert(name.clone(), origin.clone());
        }
        Ok(Templates {
            tera,
            markdown,
            origins,
        })
    }

    /// Renders the template `name` against a plan's view.
    pub fn render(&self, name: &str, view: &PlanView) -> Result<String, TemplateError> {
        let fail = |message: String| TemplateError::Tera {
            name: name.to_owned(),
            origin: self.origins.get(name).cloned().unwrap_or_default(),
            message,
        };
        let context = tera::Context::from_serialize(view).map_err(|e| fail(e.to_string()))?;
        let tera = if MARKDOWN.iter().any(|s| name.ends_with(s)) {
            &self.markdown
        } else {
            &self.tera
        };
        tera.render(name, &context).map_err(|e| fail(e.to_string()))
    }
}
