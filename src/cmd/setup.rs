//! Commands that set a user up: `schema` (the profile's JSON Schema), `init` (a commented
//! starter profile), `completions` (shell completions) and `man` (the manual page).

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
    let id = slugify(&args.name);
    if !is_slug(&id) {
        return Err(Error::Invalid(format!(
            "`{}` gives no usable id: use letters or digits in the name",
            args.name
        )));
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
    if path.exists() {
        return Err(OutputError::Exists(vec![path]).into());
    }
    let text = STARTER
        .replace("{{id}}", &id)
        .replace("{{name}}", args.name.trim())
        .replace("{{file}}", &path.display().to_string())
        .replace("{{today}}", &today());
    write_atomic(&path, text.as_bytes())?;
    say!(
        "wrote {}: edit it, then `inclusive-cities validate {}`",
        path.display(),
        path.display()
    );
    Ok(())
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

/// Runs `completions`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "inclusive-cities", &mut out);
    print(&String::from_utf8_lossy(&out))
}

/// Runs `man`.
pub(crate) fn man() -> Result<(), Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|source| Error::Write {
            what: "the manual page".into(),
            source,
        })?;
    print(&String::from_utf8_lossy(&out))
}
