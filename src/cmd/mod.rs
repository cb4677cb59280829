//! Commands: each turns its flags into calls to the stages and writes the result. The only
//! layer besides `load` that touches the filesystem and the terminal.

/// `eprintln!` that never panics: a message to standard error that cannot be written (stderr
/// closed, `2>&1 | true`) is dropped, as a broken pipe is not a failure of the command.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod analyse;
mod compare;
mod diff;
mod export;
mod import;
mod import_into;
mod man;
mod model;
mod paths;
mod plan;
mod recommend;
mod setup;
mod templates;
mod validate;
mod watch;
mod whatif;

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::diag::{self, Diagnostic};
use crate::load::{self, ReadError};
use crate::model::{City, Model};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Why a command failed; each maps to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file has errors; its diagnostics were printed.
    #[error("{0}")]
    Invalid(String),
    /// A command-line value the command cannot use (clap checks the rest).
    #[error("{0}")]
    Usage(String),
    /// A file could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Some of many files could not be read; each was reported.
    #[error("{0}")]
    Unreadable(String),
    /// A template could not be read, parsed or rendered.
    #[error(transparent)]
    Template(#[from] crate::render::templates::TemplateError),
    /// Outputs were not written.
    #[error(transparent)]
    Output(#[from] crate::render::output::OutputError),
    /// A what-if names an unknown prospect or actor.
    #[error(transparent)]
    WhatIf(#[from] crate::scenario::whatif::WhatIfError),
    /// Git could not give an earlier version of a file.
    #[error("{0}")]
    Git(String),
    /// Watching a file failed.
    #[error("cannot watch `{path}`: {message}")]
    Watch {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// Writing an output failed.
    #[error("cannot write {what}: {source}")]
    Write {
        /// What was being written.
        what: String,
        /// Why it failed.
        source: std::io::Error,
    },
}

impl Error {
    /// 1 for invalid input, 2 for usage and I/O errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            Error::Read(_)
            | Error::Unreadable(_)
            | Error::Usage(_)
            | Error::Write { .. }
            | Error::Template(_)
            | Error::Output(_)
            | Error::WhatIf(_)
            | Error::Git(_)
            | Error::Watch { .. } => 2,
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    // `watch` stops on its own handler, between two plans.
    if !matches!(cli.command, Command::Watch(_)) {
        crate::render::output::remove_temporary_files_on_interruption();
    }
    match cli.command {
        Command::Validate(args) => validate::run(&cli.global, &args),
        Command::Analyse(args) => analyse::run(&cli.global, &args),
        Command::Model(args) => model::run(&cli.global, &args),
        Command::Plan(args) => plan::run(&cli.global, &args),
        Command::Templates(command) => templates::run(&command),
        Command::Diff(args) => diff::run(&cli.global, &args),
        Command::Compare(args) => compare::run(&cli.global, &args),
        Command::Schema => setup::schema(&cli.global),
        Command::Init(args) => setup::init(&args),
        Command::Import(args) => import_into::run(&cli.global, &args),
        Command::Completions { shell } => setup::completions(shell),
        Command::Man(args) => man::run(&args),
        Command::Export(args) => export::run(&cli.global, &args),
        Command::Whatif(args) => whatif::run(&cli.global, &args),
        Command::Recommend(args) => recommend::run(&cli.global, &args),
        Command::Watch(args) => watch::run(&cli.global, &args),
    }
}

/// Whether to colour a stream: `auto` colours a terminal, unless `NO_COLOR` is set or the
/// terminal says it is dumb (`TERM=dumb`).
pub(crate) fn colour(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Prints diagnostics to standard error.
pub(crate) fn report(global: &GlobalArgs, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let colour = colour(global.color, std::io::stderr().is_terminal());
    let text = diag::render_all(diagnostics, global.diagnostic_format, colour);
    let mut err = std::io::stderr().lock();
    // Standard error closed: nothing more can be said.
    let _ = err.write_all(text.as_bytes());
}

/// The model in use: `--model FILE` or the built-in one.
pub(crate) fn model(global: &GlobalArgs) -> Result<Cow<'static, Model>, Error> {
    let Some(path) = &global.model else {
        return Ok(Cow::Borrowed(load::builtin_model()));
    };
    let loaded = load::load_model(path)?;
    report(global, &loaded.diagnostics);
    match loaded.value {
        Some(model) => Ok(Cow::Owned(model)),
        None => Err(Error::Invalid(diag::summary(
            &path.display().to_string(),
            &loaded.diagnostics,
        ))),
    }
}

/// Loads a profile, printing its diagnostics; fails when it has an error.
pub(crate) fn city(global: &GlobalArgs, model: &Model, path: &Path) -> Result<City, Error> {
    let loaded = load::load_city(path, model)?;
    report(global, &loaded.diagnostics);
    loaded.value.ok_or_else(|| {
        Error::Invalid(diag::summary(
            &path.display().to_string(),
            &loaded.diagnostics,
        ))
    })
}

/// Loads a profile from text (e.g. an earlier revision), printing its diagnostics.
pub(crate) fn city_from_text(
    global: &GlobalArgs,
    model: &Model,
    name: &str,
    bytes: Vec<u8>,
) -> Result<City, Error> {
    let loaded = match load::decode_text(name.to_owned(), bytes) {
        Ok(file) => load::parse_city(&file, model),
        Err(d) => load::Loaded {
            value: None,
            diagnostics: vec![*d],
        },
    };
    report(global, &loaded.diagnostics);
    loaded
        .value
        .ok_or_else(|| Error::Invalid(diag::summary(name, &loaded.diagnostics)))
}

/// Writes to standard output; a closed pipe (`| head`) is success.
pub(crate) fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            what: "to standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}
