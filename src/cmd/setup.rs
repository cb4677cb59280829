//! Commands that set a user up: `schema` (the profile's JSON Schema), `init` (a commented
//! starter profile) and `completions` (shell completions).

use super::{Error, print};
use crate::cli::{Cli, GlobalArgs, InitArgs};
use crate::model::ids::{is_slug, slugify};
use crate::render::output::{OutputError, write_atomic};
use clap::CommandFactory;
use std::path::PathBuf;

/// The starter profile, with `{{id}}`, `{{name}}`, `{{file}}` and `{{today}}` to fill.
const STARTER: &str = include_str!("../../templates/starter-profile.yaml");

/// Runs `schema`.
pub(crate) fn schema(global: &GlobalArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    print(&crate::load::profile_schema(&model))
}

/// Runs `init`.
pub(crate) fn init(args: &InitArgs) -> Result<(), Error> {
    let name = one_line(&args.name)?;
    let mut id = slugify(&name);
    if !is_slug(&id) {
        say!(
            "note: `{name}` has no letters a-z or digits to make an id from: the profile's id is `city`; change it in the file"
        );
        id = "city".to_owned();
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
    if !args.force && (path.exists() || path.is_symlink()) {
        return Err(OutputError::Exists(vec![path]).into());
    }
    // A JSON string is a YAML double-quoted scalar: `:`, `#`, quotes, `\` and a leading `-` or
    // `'` stay text. The template puts the quotes around it, so it may sit inside a longer name.
    let quoted = serde_json::to_string(&name).expect("a string is JSON");
    let inner = &quoted[1..quoted.len() - 1];
    let text = STARTER
        .replace("{{id}}", &id)
        .replace("{{name}}", inner)
        .replace(
            "{{file}}",
            &path.display().to_string().replace(char::is_control, "?"),
        )
        .replace("{{today}}", &today());
    write_atomic(&path, text.as_bytes())?;
    say!(
        "wrote {}: edit it, then `inclusive-cities validate {}`",
        path.display(),
        path.display()
    );
    Ok(())
}

/// The city's name on one line: runs of white space (newlines and tabs too) become one space;
/// any other control character, or none left, is refused, as the loader would refuse it.
fn one_line(name: &str) -> Result<String, Error> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() {
        return Err(Error::Usage(
            "the city's name is empty: give it, e.g. `inclusive-cities init \"Harbourton\"`".into(),
        ));
    }
    let joined = words.join(" ");
    if let Some(c) = joined.chars().find(|&c| {
        crate::render::escape::unsafe_on_terminal(c) || c == '\u{fffe}' || c == '\u{ffff}'
    }) {
        return Err(Error::Usage(format!(
            "the city's name holds the control character U+{:04X}: give the name as plain text",
            u32::from(c)
        )));
    }
    Ok(joined)
}

/// Today's date as `YYYY-MM-DD` (UTC), for a new profile's `as_of`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The command's name, as completions complete it.
const BIN: &str = "inclusive-cities";

/// Runs `completions`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
    let text = String::from_utf8_lossy(&out);
    match shell {
        clap_complete::Shell::Bash => print(&bash_fixed(&text)),
        _ => print(&text),
    }
}

/// clap_complete's bash script with its hyphen bug mended (clap-rs/clap#6421, open in
/// clap_complete 4.6.11): the loop over the words reaches the state
/// `inclusive__cities__subcmd__plan`, but the arms that offer a command's options are labelled
/// `inclusive__subcmd__cities__subcmd__plan`, so nothing below the top level ever completed.
/// The arms are relabelled the way the loop spells them. (clap_complete's dynamic `CompleteEnv`
/// would avoid the bug, but it is behind the `unstable-dynamic` feature.) Once clap mends it,
/// there is nothing left to replace and the script passes through unchanged.
fn bash_fixed(script: &str) -> String {
    let arm = |bin: String| format!("\n        {bin}__subcmd__");
    script.replace(
        &arm(BIN.replace('-', "__subcmd__")),
        &arm(BIN.replace('-', "__")),
    )
}
