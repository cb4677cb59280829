//! `export FILE --format F [-o PATH]`: loads a profile, builds its network and measures, and
//! writes the network in a format other tools read: to standard output, or atomically to a file;
//! `csv` writes Kumu's two sheets into a folder.

use super::Error;
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::Graph;
use crate::network::Network;
use crate::render::output::{OutputError, write_atomic};
use std::path::Path;

/// Runs `export`.
pub(crate) fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let metrics = Network::build(&city, &model)
        .with_paths(super::paths::options(args.exact))
        .metrics();
    if let Some(note) = metrics
        .paths
        .as_ref()
        .and_then(|p| p.describe(metrics.n_actors))
    {
        say!("note: {note}; --exact computes them exactly");
    }
    let graph = Graph::new(&model, &city, &metrics);
    let text = match args.format {
        ExportFormat::Graphml => graph.graphml(),
        ExportFormat::Gexf => graph.gexf(),
        ExportFormat::Dot => graph.dot(),
        ExportFormat::Json => graph.json(),
        ExportFormat::Csv => {
            let dir = args
                .output
                .as_deref()
                .expect("clap requires -o with --format csv");
            create_dir(dir)?;
            let sheets = graph.kumu();
            write_atomic(&dir.join("elements.csv"), sheets.elements.as_bytes())?;
            write_atomic(&dir.join("connections.csv"), sheets.connections.as_bytes())?;
            say!(
                "{}: wrote elements.csv ({} actors) and connections.csv ({} partnerships) to {}",
                city.name,
                graph.nodes.len(),
                graph.links.len(),
                dir.display()
            );
            return Ok(());
        }
    };
    match &args.output {
        None => super::print(&text),
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_dir(parent)?;
            }
            write_atomic(path, text.as_bytes())?;
            Ok(())
        }
    }
}

fn create_dir(dir: &Path) -> Result<(), OutputError> {
    std::fs::create_dir_all(dir).map_err(|source| OutputError::Io {
        path: dir.to_owned(),
        source,
    })
}
