//! The command line: clap derives only. Each subcommand's flags are turned into a config and
//! run by `cmd::<name>`.

use crate::diag::DiagnosticFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit status:
  0  success: every file is valid and every output was written
  1  invalid input: a profile or model has errors (each is printed at its line and column)
  2  usage or I/O error: a bad flag, a missing file, a directory, an unwritable output";

/// Measures a city's recovery partnership network against the Inclusive City model.
#[derive(Debug, Parser)]
#[command(name = "inclusive-cities", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// A model file to measure against instead of the built-in one (see `model`).
    #[arg(long, global = true, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// How problems in files are printed.
    #[arg(long, global = true, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check profiles and report every problem in each, at its line and column.
    #[command(after_help = "Example:\n  inclusive-cities validate cities/*.yaml")]
    Validate(ValidateArgs),
    /// Measure a city against the model: pillar scores, gaps, network figures.
    #[command(
        after_help = "Examples:\n  inclusive-cities analyse cities/northgate-city.yaml\n  inclusive-cities analyse cities/northgate-city.yaml --format json > analysis.json"
    )]
    Analyse(AnalyseArgs),
    /// Print the built-in model (YAML), to copy, adapt and pass with `--model`.
    #[command(
        after_help = "Example:\n  inclusive-cities model > my-model.yaml\n  inclusive-cities --model my-model.yaml analyse cities/eastbrook-town.yaml"
    )]
    Model(ModelArgs),
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Profiles to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Arguments of `analyse`.
#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// The profile to analyse.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyseFormat::Table)]
    pub format: AnalyseFormat,
}

/// Output formats of `analyse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnalyseFormat {
    /// A table for people.
    Table,
    /// analysis.json, as `outputs.md` defines it.
    Json,
}

/// Arguments of `model`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Print the model given with `--model`, as the engine reads it, instead of the built-in YAML.
    #[arg(long)]
    pub resolved: bool,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
