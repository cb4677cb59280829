//! How a command computes betweenness and closeness: `--exact` or by the network's size, with a
//! progress bar on a terminal while the searches take long.

use crate::network::{PathMode, PathOptions, PathProgress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;

/// Work (node and arc visits) from which a bar is shown: about a second of searching.
const SHOW_FROM: u64 = 300_000_000;

/// The path options of a command: exact when asked, else by size; a progress bar where
/// [`bars_shown`], nothing elsewhere.
pub(crate) fn options(exact: bool) -> PathOptions {
    with_mode(mode(exact, None))
}

/// From `sources` sampled organisations when given (a hidden option, for tests), else exact when
/// asked, else by the network's size.
pub(crate) fn mode(exact: bool, sources: Option<usize>) -> PathMode {
    match sources {
        Some(k) => PathMode::Sources(k),
        None if exact => PathMode::Exact,
        None => PathMode::Auto,
    }
}

/// [`options`] with the mode given.
pub(crate) fn with_mode(mode: PathMode) -> PathOptions {
    PathOptions {
        mode,
        progress: bars_shown()
            .then(|| Arc::new(Bar(ProgressBar::hidden())) as Arc<dyn PathProgress>),
    }
}

/// Whether progress bars are drawn: on a terminal (standard error), unless it says it is dumb
/// (`TERM=dumb`).
pub(crate) fn bars_shown() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// A rate as people read it: `176/s`, `2.5/s`, or `8 s each` when slower than one a second
/// (indicatif's own `{per_sec}` prints `176.2345/s`).
pub(crate) fn rate(per_sec: f64) -> String {
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

/// A progress bar on standard error, drawn only when the searches are long.
struct Bar(ProgressBar);

impl PathProgress for Bar {
    fn start(&self, searches: u64, work: u64) {
        if work < SHOW_FROM {
            return;
        }
        let style = ProgressStyle::with_template(
            "betweenness and closeness {bar:30} {human_pos}/{human_len} organisations searched · {rate} · {eta} left",
        )
        .expect("a fixed template parses")
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&rate(s.per_sec()));
        });
        self.0.set_style(style);
        self.0.set_length(searches);
        self.0.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self, searches: u64) {
        self.0.inc(searches);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
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
