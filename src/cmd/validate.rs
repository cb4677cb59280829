//! `validate FILE...`: checks each profile and reports every problem; exit 0 only when all are
//! valid. A file that cannot be read is reported and the others are still checked.

use super::{Error, report};
use crate::cli::{GlobalArgs, ValidateArgs};
use crate::diag;
use crate::load;

/// Runs `validate`.
pub(crate) fn run(global: &GlobalArgs, args: &ValidateArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let mut invalid = Vec::new();
    let mut unreadable = None;
    for path in &args.files {
        let name = path.display().to_string();
        match load::load_city(path, &model) {
            Ok(loaded) => {
                report(global, &loaded.diagnostics);
                match loaded.value {
                    Some(city) => eprintln!(
                        "{name}: valid ({} actors, {} partnerships)",
                        city.actors.len(),
                        city.partnerships.len()
                    ),
                    None => invalid.push(diag::summary(&name, &loaded.diagnostics)),
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                unreadable = Some(e);
            }
        }
    }
    if let Some(e) = unreadable {
        return Err(e.into());
    }
    if invalid.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(invalid.join("\n")))
    }
}
