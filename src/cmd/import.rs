//! `import SOURCE -o FILE`: makes a profile from a workbook or CSV files, reports every problem
//! at its sheet and cell, and writes the profile (atomically, never over an existing file
//! without `--force`) only when it has no error and the profile loader accepts it.

use super::{Error, report};
use crate::cli::{GlobalArgs, ImportArgs};
use crate::diag;
use crate::import::{self, CityOptions};
use crate::render::output::{OutputError, create_parent, write_atomic};

/// Runs `import`.
pub(crate) fn run(global: &GlobalArgs, args: &ImportArgs) -> Result<(), Error> {
    let (Some(source), Some(output)) = (&args.source, &args.output) else {
        return Err(Error::Usage(
            "name the workbook, CSV file or folder to import and the profile to write, e.g. `inclusive-cities import stakeholders.xlsx -o city.yaml`".into(),
        ));
    };
    if output.exists() && !args.force {
        return Err(OutputError::Exists(vec![output.clone()]).into());
    }
    let model = super::model(global)?;
    let options = CityOptions {
        id: args.city_id.clone(),
        name: args.city_name.clone(),
        country: args.country.clone(),
        as_of: args.as_of.clone(),
    };
    let loaded = import::import(source, &model, &options)?;
    report(global, &loaded.diagnostics);
    let Some(imported) = loaded.value else {
        return Err(Error::Invalid(diag::summary(
            &source.display().to_string(),
            &loaded.diagnostics,
        )));
    };
    create_parent(output)?;
    write_atomic(output, imported.yaml.as_bytes())?;
    say!(
        "wrote {}: {} actors and {} partnerships from {}; next: `inclusive-cities plan {} -o plan/`",
        output.display(),
        imported.actors,
        imported.partnerships,
        imported.read.join(", "),
        output.display()
    );
    Ok(())
}
