//! `whatif FILE --add PROSPECT --remove ACTOR`: the analysis as if prospects joined or actors
//! left, with what changes against today.

use super::{Error, colour, print};
use crate::analysis::analyse;
use crate::cli::{AnalyseFormat, GlobalArgs, WhatifArgs};
use crate::network::Network;
use crate::render::{changes, terminal};
use crate::scenario::diff::{Snapshot, diff};
use crate::scenario::whatif;
use std::io::IsTerminal;

/// Runs `whatif`.
pub(crate) fn run(global: &GlobalArgs, args: &WhatifArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let today = super::city(global, &model, &args.file)?;
    let changed = whatif::apply(&model, &today, &args.add, &args.remove)?;
    let before = super::diff::snapshot(&model, &today);
    let paths = super::paths::with_mode(super::paths::mode(args.exact, args.sources));
    let analysis = analyse(
        &model,
        &changed,
        &Network::build(&changed, &model).with_paths(paths),
    );
    let mut d = diff(&before, &Snapshot::of(&changed, &analysis));
    crate::scenario::diff::attribute(&mut d, &model, &changed);
    let mut what = Vec::new();
    what.extend(args.add.iter().map(|a| format!("+{a}")));
    what.extend(args.remove.iter().map(|r| format!("-{r}")));
    match args.format {
        AnalyseFormat::Json => {
            let value = serde_json::json!({
                "analysis": serde_json::to_value(&analysis).expect("plain data"),
                "diff": serde_json::to_value(&d).expect("plain data"),
            });
            print(&(serde_json::to_string_pretty(&value).expect("a JSON value serialises") + "\n"))
        }
        AnalyseFormat::Table => {
            let on = colour(global.color, std::io::stdout().is_terminal());
            let table = terminal::render(&analysis, &model, &changed, on);
            let title = format!("What changes against today ({})", what.join(" "));
            print(&format!("{table}\n{}", changes::terminal(&d, &title)))
        }
    }
}
