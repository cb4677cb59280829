//! `templates export DIR`: writes the built-in templates out (the plan's and the comparison's), to
//! start a city's own from.

use super::Error;
use crate::cli::TemplatesCommand;
use crate::render::output::{OutputError, create_folder, write_atomic};
use crate::render::{comparison, templates};

/// Runs a `templates` command.
pub(crate) fn run(command: &TemplatesCommand) -> Result<(), Error> {
    let TemplatesCommand::Export { dir, force } = command;
    create_folder(dir)?;
    let builtin = || templates::BUILTIN.iter().chain(comparison::BUILTIN);
    let existing: Vec<_> = builtin()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() && !force {
        return Err(OutputError::Exists(existing).into());
    }
    for (name, text) in builtin() {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    say!("wrote {} templates to {}", builtin().count(), dir.display());
    Ok(())
}
