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
use std::io::IsTerminal;

/// Runs `compare`.
pub(crate) fn run(global: &GlobalArgs, args: &CompareArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let templates = ComparisonTemplates::load(args.templates.as_deref())?;
    let files = compare::collect_files(&args.paths)?;
    let bar = if std::io::stderr().is_terminal() {
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} cities · {rate} · {eta} left")
                .expect("a fixed template parses")
                .with_key("rate", |state: &ProgressState, w: &mut dyn fmt::Write| {
                    let _ = w.write_str(&rate(state.per_sec()));
                });
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

/// Cities per second as people read it: `176/s`, `2.5/s`, or `8 s each` when slower than one a
/// second (indicatif's own `{per_sec}` prints `176.2345/s`).
fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        String::new()
    } else if per_sec >= 9.95 {
        format!("{per_sec:.0}/s")
    } else if per_sec >= 1.0 {
        format!("{per_sec:.1}/s")
    } else {
        format!("{:.0} s each", 1.0 / per_sec)
    }
}

#[cfg(test)]
mod tests {
    use super::rate;

    #[test]
    fn the_rate_is_rounded_to_what_people_read() {
        assert_eq!(rate(176.2345), "176/s");
        assert_eq!(rate(12_345.6), "12346/s");
        assert_eq!(rate(9.96), "10/s");
        assert_eq!(rate(2.54), "2.5/s");
        assert_eq!(rate(0.125), "8 s each");
        assert_eq!(rate(0.0), "");
        assert_eq!(rate(f64::NAN), "");
    }
}
