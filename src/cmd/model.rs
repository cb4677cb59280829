//! `model`: prints the built-in model's YAML, comments and all, to copy and adapt.

use super::{Error, print};
use crate::cli::{GlobalArgs, ModelArgs};
use crate::load::BUILTIN_MODEL_YAML;

/// Runs `model`.
pub(crate) fn run(global: &GlobalArgs, args: &ModelArgs) -> Result<(), Error> {
    if args.resolved || global.model.is_some() {
        let model = super::model(global)?;
        let json = serde_json::to_string_pretty(&*model).expect("a model is plain data");
        return print(&(json + "\n"));
    }
    print(BUILTIN_MODEL_YAML)
}
