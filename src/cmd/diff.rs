//! `diff OLD NEW` or `diff FILE --since REV`: two versions of a profile compared through the
//! analysis. The earlier revision is read with `git show`.

use super::{Error, print};
use crate::analysis::analyse_without_paths;
use crate::cli::{ChangeFormat, DiffArgs, GlobalArgs};
use crate::model::{City, Model};
use crate::network::Network;
use crate::render::changes;
use crate::scenario::diff::{Snapshot, diff};
use std::path::Path;
use std::process::Command;

/// Runs `diff`.
pub(crate) fn run(global: &GlobalArgs, args: &DiffArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let (old, old_name) = match &args.since {
        Some(rev) => {
            let bytes = git_show(&args.old, rev)?;
            let name = format!("{}@{rev}", args.old.display());
            (super::city_from_text(global, &model, &name, bytes)?, name)
        }
        None => (
            super::city(global, &model, &args.old)?,
            args.old.display().to_string(),
        ),
    };
    let new_path = args.new.as_deref().unwrap_or(&args.old);
    let new = super::city(global, &model, new_path)?;
    let mut d = diff(&snapshot(&model, &old), &snapshot(&model, &new));
    crate::scenario::diff::attribute(&mut d, &model, &new);
    let title = format!("{}: {} → {}", new.name, old_name, new_path.display());
    print(&match args.format {
        ChangeFormat::Json => {
            serde_json::to_string_pretty(&d).expect("a diff is plain data") + "\n"
        }
        ChangeFormat::Md => changes::markdown(&d, &title, 1),
        ChangeFormat::Text => changes::terminal(&d, &title),
    })
}

/// The snapshot of a profile's analysis.
pub(crate) fn snapshot(model: &Model, city: &City) -> Snapshot {
    // A snapshot holds no betweenness or closeness: they are not measured.
    let (analysis, _) = analyse_without_paths(model, city, &Network::build(city, model));
    Snapshot::of(city, &analysis)
}

/// The file's content at a git revision.
fn git_show(path: &Path, rev: &str) -> Result<Vec<u8>, Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        // The revision is checked when read (`cli::revision`); past this marker git takes
        // nothing as an option in any case.
        .arg("--end-of-options")
        .arg(format!("{rev}:./{name}"))
        .output()
        .map_err(|e| {
            Error::Git(format!(
                "cannot run git to read `{}` at `{rev}`: {e}",
                path.display()
            ))
        })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(Error::Git(format!(
            "cannot read `{}` at `{rev}`: {why}",
            path.display()
        )));
    }
    Ok(output.stdout)
}
