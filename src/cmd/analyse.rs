//! `analyse FILE`: loads a profile, builds its network, runs the model's rules, and prints a
//! table for people or analysis.json.

use super::{Error, colour, print};
use crate::analysis::analyse;
use crate::cli::{AnalyseArgs, AnalyseFormat, GlobalArgs};
use crate::network::Network;
use crate::render::output::stamp_json;
use crate::render::terminal;
use std::io::IsTerminal;

/// Runs `analyse`.
pub(crate) fn run(global: &GlobalArgs, args: &AnalyseArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let mode = super::paths::mode(args.exact, args.sources);
    let network = Network::build(&city, &model).with_paths(super::paths::with_mode(mode));
    let analysis = analyse(&model, &city, &network);
    match args.format {
        AnalyseFormat::Json => print(&stamp_json(analysis.to_value())),
        AnalyseFormat::Table => {
            let colour = colour(global.color, std::io::stdout().is_terminal());
            print(&terminal::render(&analysis, &model, &city, colour))
        }
    }
}
