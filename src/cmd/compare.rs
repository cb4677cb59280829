//! `compare PATH... -o DIR`: the learning set. Cities are analysed in parallel with a progress
//! bar on a terminal; a city that fails is reported and left out, and the exit code says so.

use super::{Error, report};
use crate::cli::{CompareArgs, GlobalArgs};
use crate::compare::{self, output};
use crate::diag;
use crate::render::output::{OutputError, write_streamed};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Runs `compare`.
pub(crate) fn run(global: &GlobalArgs, args: &CompareArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let files = compare::collect_files(&args.paths).map_err(|source| OutputError::Io {
        path: args.paths[0].clone(),
        source,
    })?;
    let bar = if std::io::stderr().is_terminal() {
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} cities · {per_sec} · {eta} left")
                .expect("a fixed template parses");
        ProgressBar::new(files.len() as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let (comparison, failures) = compare::compare(
        &model,
        &files,
        super::paths::options(args.exact).mode,
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
            output::render(w, name, &model, &comparison)
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
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "{} of {} cities could not be compared",
            failures.len(),
            files.len()
        )))
    }
}
