//! `compare PATH... -o DIR`: the learning set. Cities are analysed in parallel with a progress
//! bar on a terminal; a city that fails is reported and left out, and the exit code says so (2
//! when a file could not be read, else 1).

use super::{Error, report};
use crate::cli::{CompareArgs, GlobalArgs};
use crate::compare::{self, output};
use crate::diag;
use crate::render::comparison::ComparisonTemplates;
use crate::render::output::write_streamed;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::fmt;

/// Runs `compare`.
pub(crate) fn run(global: &GlobalArgs, args: &CompareArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let templates = ComparisonTemplates::load(args.templates.as_deref())?;
    let files = compare::collect_files(&args.paths)?;
    let bar = if super::paths::bars_shown() {
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} cities · {rate} · {eta} left")
                .expect("a fixed template parses")
                .with_key("rate", |state: &ProgressState, w: &mut dyn fmt::Write| {
                    let _ = w.write_str(&super::paths::rate(state.per_sec()));
                });
        ProgressBar::new(files.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let (comparison, failures) = compare::compare(
        &model,
        &files,
        super::paths::mode(args.exact, None),
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    for f in &failures {
        report(global, &f.diagnostics);
        match &f.error {
            Some(e) => say!("error: {e}"),
            None => say!(
                "{}: left out of the comparison",
                diag::summary(&f.path.display().to_string(), &f.diagnostics)
            ),
        }
    }
    if !comparison.cities.is_empty() {
        write_streamed(&args.output, &output::FILES, args.force, |name, w| {
            if output::MARKED.contains(&name) {
                w.start_marked()?;
            }
            output::render(w, name, &model, &comparison, &templates)
        })?;
    }
    say!(
        "compared {} of {} cities ({} peer-learning pairs){}; wrote {}",
        comparison.cities.len(),
        files.len(),
        comparison.n_peers,
        if failures.is_empty() {
            String::new()
        } else {
            format!("; {} left out", failures.len())
        },
        if comparison.cities.is_empty() {
            "nothing".to_owned()
        } else {
            args.output.display().to_string()
        }
    );
    if failures.is_empty() {
        return Ok(());
    }
    let message = format!(
        "{} of {} cities could not be compared",
        failures.len(),
        files.len()
    );
    // A file that could not be read is exit 2, as in every command; a city with errors is 1.
    if failures.iter().any(|f| f.unreadable) {
        Err(Error::Unreadable(message))
    } else {
        Err(Error::Invalid(message))
    }
}
