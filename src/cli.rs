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

const EXPORT_HELP: &str = "\
One edge per partnership, with its kind, formal, directed, warm_handover, strength (trust when
given, else 2 if formal and 1 if not) and, when given, trust and value; every actor with its
sector, commitment, lived_experience_led, degree, betweenness and closeness. Partnerships keep
their direction as the `directed` attribute (source is `from`) in a graph declared undirected,
which NetworkX and igraph also read.

csv is Kumu's spreadsheet import: elements.csv (Label, Type, Description, Tags, then ID and the
measures) and connections.csv (From, To, Type, Strength, then Direction, ratings and ids). As
Kumu does, connections name their actors by label (the actor's name), so two actors with the
same name become one element in Kumu; the From ID and To ID columns keep the ids for R and pandas.

Examples:
  inclusive-cities export cities/northgate-city.yaml --format graphml -o northgate.graphml
  inclusive-cities export cities/northgate-city.yaml --format gexf > northgate.gexf
  inclusive-cities export cities/eastbrook-town.yaml --format dot | dot -Tsvg > eastbrook.svg
  inclusive-cities export cities/eastbrook-town.yaml --format csv -o kumu/";

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
    /// Write the mission, action plan, report and analysis.json for a city into a folder.
    #[command(
        after_help = "Examples:\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --format report,json\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --format docx\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --templates my-templates/"
    )]
    Plan(PlanArgs),
    /// Compare many cities: tidy tables, a heatmap, peer-learning pairs.
    #[command(
        after_help = "Examples:\n  inclusive-cities compare cities/ -o comparison/\n  inclusive-cities compare set/*.yaml more-cities/ -o comparison/"
    )]
    Compare(CompareArgs),
    /// Export the partnership network for Gephi, Cytoscape, yEd, Graphviz, Kumu, d3, R or pandas.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// What changed between two versions of a profile: gaps closed and opened, scores, actors.
    #[command(
        after_help = "Examples:\n  inclusive-cities diff old.yaml cities/eastbrook-town.yaml\n  inclusive-cities diff cities/eastbrook-town.yaml --since HEAD~3 --format md"
    )]
    Diff(DiffArgs),
    /// The analysis as if prospects joined or actors left, and what it changes.
    #[command(
        after_help = "Example:\n  inclusive-cities whatif cities/eastbrook-town.yaml --add eastbrook-recovery-collective --remove cad-eastbrook"
    )]
    Whatif(WhatifArgs),
    /// Rank the profile's prospects by the gaps each would close, and the best set of K.
    #[command(
        after_help = "Example:\n  inclusive-cities recommend cities/eastbrook-town.yaml --top 2"
    )]
    Recommend(RecommendArgs),
    /// Regenerate the plan each time the profile is saved (Ctrl-C stops).
    #[command(
        after_help = "Example:\n  inclusive-cities watch cities/eastbrook-town.yaml -o plan/"
    )]
    Watch(WatchArgs),
    /// Work with the built-in templates of the plan documents.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print the JSON Schema (draft-07) of the profile format, for editors.
    #[command(
        after_help = "Example:\n  inclusive-cities schema > profile.schema.json\n  (then start a profile with `# yaml-language-server: $schema=profile.schema.json`)"
    )]
    Schema,
    /// Write a commented starter profile for a new city.
    #[command(after_help = "Example:\n  inclusive-cities init \"Harbourton\" -o harbourton.yaml")]
    Init(InitArgs),
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  inclusive-cities completions bash > ~/.local/share/bash-completion/completions/inclusive-cities"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(
        after_help = "Example:\n  inclusive-cities man > inclusive-cities.1 && man ./inclusive-cities.1"
    )]
    Man,
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
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
    /// Estimate betweenness and closeness from this many sampled organisations (for tests).
    #[arg(long, hide = true, value_name = "N", conflicts_with = "exact")]
    pub sources: Option<usize>,
}

/// Output formats of `analyse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnalyseFormat {
    /// A table for people.
    Table,
    /// analysis.json, as `outputs.md` defines it.
    Json,
}

/// Arguments of `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The profile to plan for.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The folder to write into (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Which documents to write (comma-separated); by default mission, action-plan, report and
    /// json. `docx` (the mission and action plan as a Word document for a council to edit) is
    /// written only when named, e.g. `--format docx` or `--format mission,action-plan,docx`.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = PlanDocument::ALL)]
    pub format: Vec<PlanDocument>,
    /// Overwrite files in the folder that inclusive-cities did not write.
    #[arg(long)]
    pub force: bool,
    /// A folder of `*.tera` templates overriding the built-in ones by name (see `templates export`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Actions the partnership can carry in year one (default: the profile's `city.capacity`,
    /// else 6); years two and three hold twice as many.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub capacity: Option<u32>,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
}

/// The documents `plan` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanDocument {
    /// mission.md: assets, mission, vision, goals.
    Mission,
    /// action-plan.md: the actions and the monitoring table.
    ActionPlan,
    /// report.html: one self-contained page with charts, mission and plan.
    Report,
    /// analysis.json: the same as `analyse --format json`.
    Json,
    /// plan.json: the plan for programs (actions, phases, leads, risks, to check).
    PlanJson,
    /// mission-and-action-plan.docx: mission, action plan and monitoring table, for Word (only
    /// when named).
    Docx,
}

impl PlanDocument {
    /// The documents written by default, in the order they are written.
    pub const ALL: [PlanDocument; 5] = [
        PlanDocument::Mission,
        PlanDocument::ActionPlan,
        PlanDocument::Report,
        PlanDocument::Json,
        PlanDocument::PlanJson,
    ];
    /// Every document, in the order they are written (the default set, then `docx`).
    pub const EVERY: [PlanDocument; 6] = [
        PlanDocument::Mission,
        PlanDocument::ActionPlan,
        PlanDocument::Report,
        PlanDocument::Json,
        PlanDocument::PlanJson,
        PlanDocument::Docx,
    ];
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The profile whose network to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write: a file (standard output when omitted), or for `csv` a folder (required),
    /// created if needed. Files already there are replaced.
    #[arg(short, long, value_name = "PATH", required_if_eq("format", "csv"))]
    pub output: Option<PathBuf>,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
}

/// Formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GraphML with typed attributes (Gephi, Cytoscape, yEd, NetworkX, igraph).
    Graphml,
    /// GEXF 1.3 with typed attributes and sector colours (Gephi).
    Gexf,
    /// Graphviz DOT, actors filled by sector, referrals with arrows, informal partnerships dashed.
    Dot,
    /// JSON nodes and links (d3; NetworkX's node_link_graph with edges="links").
    Json,
    /// Kumu's elements.csv and connections.csv, written into the `-o` folder.
    Csv,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Profiles, and folders searched for `*.yaml` and `*.yml`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The folder to write into (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Overwrite files in the folder that inclusive-cities did not write.
    #[arg(long)]
    pub force: bool,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older profile (with `--since`: the profile, read at that revision and now).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer profile.
    #[arg(
        value_name = "NEW",
        required_unless_present = "since",
        conflicts_with = "since"
    )]
    pub new: Option<PathBuf>,
    /// Compare the profile as it was at this git revision with the file as it is now.
    #[arg(long, value_name = "REV", value_parser = revision)]
    pub since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChangeFormat::Text)]
    pub format: ChangeFormat,
}

/// Output formats of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChangeFormat {
    /// A summary for the terminal.
    Text,
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// Arguments of `whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// The profile.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A prospect that joins (repeatable).
    #[arg(long, value_name = "PROSPECT")]
    pub add: Vec<String>,
    /// An actor that leaves (repeatable).
    #[arg(long, value_name = "ACTOR")]
    pub remove: Vec<String>,
    /// Output format: the analysis table and the changes, or JSON of both.
    #[arg(long, value_enum, default_value_t = AnalyseFormat::Table)]
    pub format: AnalyseFormat,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
    /// Estimate betweenness and closeness from this many sampled organisations (for tests).
    #[arg(long, hide = true, value_name = "N", conflicts_with = "exact")]
    pub sources: Option<usize>,
}

/// Arguments of `recommend`.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The profile.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The size of the set to choose.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyseFormat::Table)]
    pub format: AnalyseFormat,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
    /// Estimate betweenness and closeness from this many sampled organisations (for tests).
    #[arg(long, hide = true, value_name = "N", conflicts_with = "exact")]
    pub sources: Option<usize>,
}

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Everything `plan` takes.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// How long to wait after a save before regenerating, in milliseconds.
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub debounce: u64,
}

/// The `templates` commands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into a folder, to start your own from.
    #[command(
        after_help = "Example:\n  inclusive-cities templates export my-templates/\n  inclusive-cities plan cities/eastbrook-town.yaml -o plan/ --templates my-templates/"
    )]
    Export {
        /// The folder to write into (created if needed).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite templates already in the folder.
        #[arg(long)]
        force: bool,
    },
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The city's name, e.g. "Harbourton".
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The file to write (default: the city's id with `.yaml`); never overwritten.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `model`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Print the model given with `--model`, as the engine reads it, instead of the built-in YAML.
    #[arg(long)]
    pub resolved: bool,
}

/// A git revision as `--since` takes it: not empty (git would read the index), not starting with
/// `-` (git would take it as an option: `--since=--output=FILE` wrote a file), no `:` (it would
/// name another path) and no control characters.
fn revision(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("the revision is empty: name a commit, e.g. `HEAD~1`".into());
    }
    if s.starts_with('-') {
        return Err(format!(
            "`{}` starts with `-`, so git would read it as an option: name a commit, e.g. `HEAD~1`",
            s.escape_debug()
        ));
    }
    if s.contains(':') || s.chars().any(char::is_control) {
        return Err(format!(
            "`{}` is not a revision (no `:` or control characters): name a commit, e.g. `HEAD~1`",
            s.escape_debug()
        ));
    }
    Ok(s.to_owned())
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
