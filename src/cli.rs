//! The command line: clap derives only. Each subcommand's flags are turned into a config and
//! run by `cmd::<name>`.

use crate::diag::DiagnosticFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The exit codes, one per kind of failure, as the manual pages list them; `EXIT_CODES` says the
/// same in `--help`.
pub const EXIT_STATUS: [(u8, &str); 3] = [
    (
        0,
        "success: every file is valid and every output was written",
    ),
    (
        1,
        "invalid input: a profile or model has errors (each is printed at its line and column)",
    ),
    (
        2,
        "usage or I/O error: a bad flag, a missing or unreadable file, a directory, an unwritable output (in every command, compare included)",
    ),
];

const EXIT_CODES: &str = "\
Exit status:
  0  success: every file is valid and every output was written
  1  invalid input: a profile or model has errors (each is printed at its line and column)
  2  usage or I/O error: a bad flag, a missing or unreadable file, a directory, an unwritable
     output (in every command, compare included)";

const EXPORT_HELP: &str = "\
One edge per partnership, with its kind, formal, directed, warm_handover, strength (trust when
given, else 2 if formal and 1 if not) and, when given, trust and value; every actor with its
sector, commitment, lived_experience_led, degree, betweenness and closeness. Partnerships keep
their direction as the `directed` attribute (source is `from`) in a graph declared undirected,
which NetworkX and igraph also read.

csv is Kumu's spreadsheet import: elements.csv (ID, Label, Type, Description, Tags, then Sector,
Provides, Commitment, Status, Group, Districts, Colour and the measures) and connections.csv (ID, From,
To, Type, Strength, then Direction, Formal, ratings and the labels), with city.csv (field, value)
and, when the city has districts, districts.csv. As Kumu advises when elements have IDs, From and
To name actors by their IDs (From Label and To Label keep the names), and each connection has an
ID, so a re-import updates Kumu's map instead of duplicating it. Text cells that begin with =, +,
-, @, a tab or a carriage return get a leading apostrophe, so a spreadsheet never runs them as
formulas. Excel reads CSV as UTF-8 only with a byte order mark: pass --bom for Excel. xlsx writes
the same sheets as one workbook (Kumu's single-file import), with typed numbers. `import` reads
either back into a profile.

Examples:
  inclusive-cities export cities/northgate-city.yaml --format graphml -o northgate.graphml
  inclusive-cities export cities/northgate-city.yaml --format gexf > northgate.gexf
  inclusive-cities export cities/eastbrook-town.yaml --format dot | dot -Tsvg > eastbrook.svg
  inclusive-cities export cities/eastbrook-town.yaml --format csv -o kumu/
  inclusive-cities export cities/eastbrook-town.yaml --format xlsx -o eastbrook.xlsx";

const IMPORT_HELP: &str = "\
Reads an elements sheet (one organisation a row: Label or Name, Sector or Type, and any of ID,
Description, Tags, Commitment, Provides, Lived experience led, Districts, Status, Group, Online,
Places, Contacts per year, Waiting weeks, Lead capacity, Closed on, Starts, Funding, Funding until)
and a connections sheet (one partnership a row: From, To, Type, and any of Direction, Formal,
Warm handover, Trust, Value, Per year, Since, Strength, ID), as Kumu lays them out or as typed by
hand: headers in any case, sheets named Elements and Connections or recognised by their headers,
a title above the header row skipped. Sectors, capabilities and kinds are matched by the model's
ids or names. The city's fields come from the flags or a City sheet of field, value rows (which
`export --format xlsx` and `--format csv` write), the districts from a Districts sheet or the
elements. Every problem is reported at its sheet and cell; nothing is written on error.
Limits: 32 MiB a file, 100,000 organisations, 500,000 partnerships.

--ratings merges a PARTNER-style survey (a CSV, .xlsx or .ods with the columns Respondent
organisation, Partner, Trust and Value, one row per answer) into the profile's partnerships: each
pair's answers, in both directions, are averaged and rounded half up to the whole number the
profile format takes. --actions reads back the monitoring workbook that `plan --format monitoring`
writes, once a coordinator has filled in its Status, Owner, Due and Note columns, into the
profile's `actions:`. Both edit the profile in place: only the lines they change are touched,
comments and layout are kept, the profile is checked before it is written, and the previous
text is kept beside it as PROFILE.bak. Nothing is written when a row has a problem.

Examples:
  inclusive-cities import stakeholders.xlsx -o harbourton.yaml --city-name Harbourton --country GB --as-of 2026-09-01
  inclusive-cities import kumu-export/ -o harbourton.yaml --city-name Harbourton --country GB --as-of 2026-09-01
  inclusive-cities import network.xlsx -o roundtrip.yaml
  inclusive-cities import --ratings survey.csv --into cities/harbourton.yaml
  inclusive-cities import --actions plan/monitoring.xlsx --into cities/harbourton.yaml";

/// Measures a city's recovery partnership network against the Inclusive City model.
#[derive(Debug, Parser)]
#[command(
    name = "inclusive-cities",
    version,
    propagate_version = true,
    about,
    after_help = EXIT_CODES
)]
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
        after_help = "Examples:\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --format report,json\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --format docx\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --format monitoring\n  inclusive-cities plan cities/saltmarsh-coast.yaml -o plan/ --templates my-templates/"
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
    /// Make a profile from a workbook or CSV files; merge survey ratings or a filled-in
    /// monitoring workbook into one.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
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
    /// Print the manual page (roff), or write every command's page into a folder.
    #[command(
        after_help = "Examples:\n  inclusive-cities man > inclusive-cities.1 && man ./inclusive-cities.1\n  inclusive-cities man -o ~/.local/share/man/man1/ && man inclusive-cities-plan"
    )]
    Man(ManArgs),
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
    /// json. `docx` (the mission and action plan as a Word document for a council to edit) and
    /// `monitoring` (monitoring.xlsx, the action table for a coordinator to fill in) are written
    /// only when named, e.g. `--format docx` or `--format mission,action-plan,monitoring`.
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
    /// monitoring.xlsx: the actions as a workbook a coordinator fills in (status, owner, due,
    /// note) and `import --actions` reads back (only when named).
    Monitoring,
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
    /// Every document, in the order they are written (the default set, then `docx` and
    /// `monitoring`).
    pub const EVERY: [PlanDocument; 7] = [
        PlanDocument::Mission,
        PlanDocument::ActionPlan,
        PlanDocument::Report,
        PlanDocument::Json,
        PlanDocument::PlanJson,
        PlanDocument::Docx,
        PlanDocument::Monitoring,
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
    /// Where to write: a file (standard output when omitted; required for `xlsx`), or for `csv`
    /// a folder (required), created if needed. Files already there are replaced.
    #[arg(short, long, value_name = "PATH", required_if_eq_any([("format", "csv"), ("format", "xlsx")]))]
    pub output: Option<PathBuf>,
    /// Compute betweenness and closeness exactly, however long it takes (past about 10,000
    /// actors with 5 partners each they are estimated from a sample of organisations).
    #[arg(long)]
    pub exact: bool,
    /// With `--format csv`: start each file with a UTF-8 byte order mark, so Excel opens names
    /// such as "Café" correctly (Kumu, R and pandas read the files either way).
    #[arg(long)]
    pub bom: bool,
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
    /// Kumu's elements.csv, connections.csv and city.csv (and districts.csv), written into the
    /// `-o` folder.
    Csv,
    /// One workbook (.xlsx) with the Elements, Connections, City and Districts sheets.
    Xlsx,
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
    /// A folder holding `comparison.md.tera` or `comparison.html.tera`, used instead of the
    /// built-in ones (see `templates export`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
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

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A workbook (.xlsx, .ods), a CSV file, or a folder of CSV files (elements.csv,
    /// connections.csv, and city.csv and districts.csv when there are any), to turn into a new
    /// profile with `-o`.
    #[arg(value_name = "SOURCE", conflicts_with_all = ["ratings", "actions"])]
    pub source: Option<PathBuf>,
    /// The profile to write from SOURCE; never overwritten without `--force`.
    #[arg(short, long, value_name = "FILE", requires = "source")]
    pub output: Option<PathBuf>,
    /// The new profile's city id (a slug; default: made from its name).
    #[arg(long, value_name = "ID", requires = "source")]
    pub city_id: Option<String>,
    /// The new profile's city name.
    #[arg(long, value_name = "NAME", requires = "source")]
    pub city_name: Option<String>,
    /// The new profile's country (ISO 3166-1 alpha-2).
    #[arg(long, value_name = "CODE", requires = "source")]
    pub country: Option<String>,
    /// The date the new profile describes (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "source")]
    pub as_of: Option<String>,
    /// Overwrite the `-o` file when it exists.
    #[arg(long, requires = "source")]
    pub force: bool,
    /// A PARTNER-style survey (CSV, .xlsx or .ods) whose trust and value ratings to merge into
    /// the partnerships of the `--into` profile.
    #[arg(
        long,
        value_name = "FILE",
        requires = "into",
        conflicts_with = "actions"
    )]
    pub ratings: Option<PathBuf>,
    /// A monitoring workbook (`plan --format monitoring`, filled in) whose statuses, owners,
    /// due dates and notes to write into the `actions:` of the `--into` profile.
    #[arg(long, value_name = "FILE", requires = "into")]
    pub actions: Option<PathBuf>,
    /// The profile to edit in place with `--ratings` or `--actions` (its previous text is kept as
    /// PROFILE.bak).
    #[arg(long, value_name = "PROFILE")]
    pub into: Option<PathBuf>,
}

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The city's name, e.g. "Harbourton".
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The file to write (default: the city's id with `.yaml`); an existing file is kept unless
    /// `--force` is given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `inclusive-cities.1` and a page per command (`inclusive-cities-plan.1`, ...) into
    /// this folder (created if needed) instead of printing the main page.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite pages already in the folder.
    #[arg(long, requires = "output")]
    pub force: bool,
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
    use super::{Cli, EXIT_CODES, EXIT_STATUS};
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_and_manual_pages_give_the_same_exit_codes() {
        let help = EXIT_CODES.split_whitespace().collect::<Vec<_>>().join(" ");
        for (code, meaning) in EXIT_STATUS {
            assert!(
                help.contains(&format!("{code} {meaning}")),
                "{code}: {help}"
            );
        }
        assert_eq!(help.matches(" invalid input").count(), 1);
    }
}
