//! `export FILE --format F [-o PATH]`: loads a profile, builds its network and measures, and
//! writes the network in a format other tools read: to standard output, or atomically to a file;
//! `csv` writes Kumu's two sheets into a folder.

use super::Error;
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::Graph;
use crate::network::Network;
use crate::render::escape::terminal as t;
use crate::render::output::{create_folder, write_atomic};

/// Runs `export`.
pub(crate) fn run(global: &GlobalArgs, args: &ExportArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let metrics = Network::build(&city, &model).metrics();
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
            create_folder(dir)?;
            let sheets = graph.kumu();
            write_atomic(&dir.join("elements.csv"), sheets.elements.as_bytes())?;
            write_atomic(&dir.join("connections.csv"), sheets.connections.as_bytes())?;
            say!(
                "{}: wrote elements.csv ({} actors) and connections.csv ({} partnerships) to {}",
                t(&city.name),
                graph.nodes.len(),
                graph.links.len(),
                t(&dir.display().to_string())
            );
            return Ok(());
        }
    };
    match &args.output {
        None => super::print(&text),
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                create_folder(parent)?;
            }
            write_atomic(path, text.as_bytes())?;
            Ok(())
        }
    }
}
