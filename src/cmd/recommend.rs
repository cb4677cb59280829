//! `recommend FILE [--top K]`: ranks the prospects by the recorded gaps each would close, then
//! the best set of K chosen greedily (the text in `render::recommend`).

use super::{Error, print};
use crate::cli::{AnalyseFormat, GlobalArgs, RecommendArgs};
use crate::scenario::recommend::recommend;

/// Runs `recommend`.
pub(crate) fn run(global: &GlobalArgs, args: &RecommendArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let r = recommend(&model, &city, args.top);
    if args.format == AnalyseFormat::Json {
        return print(&(serde_json::to_string_pretty(&r).expect("plain data") + "\n"));
    }
    print(&crate::render::recommend::terminal(&city, &r))
}
