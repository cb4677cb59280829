//! How a command computes betweenness and closeness: `--exact` or by the network's size, with a
//! progress bar on a terminal while the searches take long.

use crate::network::{PathMode, PathOptions, PathProgress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;

/// Work (node and arc visits) from which a bar is shown: about a second of searching.
const SHOW_FROM: u64 = 300_000_000;

/// The path options of a command: exact when asked, else by size; a progress bar on a terminal
/// (standard error, and not `TERM=dumb`), nothing elsewhere.
pub(crate) fn options(exact: bool) -> PathOptions {
    with_mode(if exact {
        PathMode::Exact
    } else {
        PathMode::Auto
    })
}

/// [`options`] with the mode given.
pub(crate) fn with_mode(mode: PathMode) -> PathOptions {
    let terminal =
        std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    PathOptions {
        mode,
        progress: terminal.then(|| Arc::new(Bar(ProgressBar::hidden())) as Arc<dyn PathProgress>),
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
            let _ = write!(w, "{:.0}/s", s.per_sec());
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
