//! `validate FILE...`: checks each profile and reports every problem; exit 0 only when all are
//! valid. A file that cannot be read is reported once, and the others are still checked.

use super::{Error, report};
use crate::cli::{GlobalArgs, ValidateArgs};
use crate::diag;
use crate::load;

/// Runs `validate`.
pub(crate) fn run(global: &GlobalArgs, args: &ValidateArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let mut invalid = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        let name = crate::render::escape::terminal(&path.display().to_string()).into_owned();
        match load::load_city(path, &model) {
            Ok(loaded) => {
                report(global, &loaded.diagnostics);
                match loaded.value {
                    Some(city) => say!("{name}: valid ({})", counts(&city)),
                    None => invalid.push(diag::summary(&name, &loaded.diagnostics)),
                }
            }
            // Said here when other files follow; a lone file's error is said by `main`.
            Err(e) if args.files.len() == 1 => return Err(e.into()),
            Err(e) => {
                say!(
                    "error: {}",
                    crate::render::escape::terminal_lines(&e.to_string())
                );
                unreadable.push(name);
            }
        }
    }
    if !unreadable.is_empty() {
        return Err(Error::Unreadable(format!(
            "{} of {} files could not be read: {}",
            unreadable.len(),
            args.files.len(),
            unreadable
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(invalid.join("\n")))
    }
}

/// `50 actors, 1 closed; 60 partnerships`, with correct plurals.
fn counts(city: &crate::model::City) -> String {
    use crate::model::city::ActorStatus;
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let inactive = |status| {
        city.inactive_actors
            .iter()
            .filter(|a| a.status == status)
            .count()
    };
    let mut out = plural(city.actors.len(), "actor");
    for (n, word) in [
        (inactive(ActorStatus::Closed), "closed"),
        (inactive(ActorStatus::Planned), "planned"),
    ] {
        if n > 0 {
            out.push_str(&format!(", {n} {word}"));
        }
    }
    out.push_str(&format!(
        "; {}",
        plural(city.partnerships.len(), "partnership")
    ));
    out
}
