//! `export FILE --format F [-o PATH]`: loads a profile, builds its network and measures, and
//! writes the network in a format other tools read: to standard output, or atomically to a file;
//! `csv` writes Kumu's sheets as CSV files into a folder, `xlsx` as one workbook.

use super::Error;
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::export::Graph;
use crate::network::Network;
use crate::render::escape::terminal as t;
use crate::render::output::{create_folder, create_parent, write_atomic};

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
        ExportFormat::Csv => return write_csv(&graph, args),
        ExportFormat::Xlsx => {
            let path = args
                .output
                .as_deref()
                .expect("clap requires -o with --format xlsx");
            let bytes = graph.xlsx().map_err(|e| Error::Write {
                what: format!("`{}`", path.display()),
                source: std::io::Error::other(e.to_string()),
            })?;
            create_parent(path)?;
            write_atomic(path, &bytes)?;
            return Ok(());
        }
    };
    match &args.output {
        None => super::print(&text),
        Some(path) => {
            create_parent(path)?;
            write_atomic(path, text.as_bytes())?;
            Ok(())
        }
    }
}

/// Kumu's sheets as CSV files in the `-o` folder: elements, connections, city and districts.
fn write_csv(graph: &Graph, args: &ExportArgs) -> Result<(), Error> {
    let dir = args
        .output
        .as_deref()
        .expect("clap requires -o with --format csv");
    create_folder(dir)?;
    let sheets = graph.kumu(args.bom);
    let mut files = vec![
        ("elements.csv", &sheets.elements),
        ("connections.csv", &sheets.connections),
        ("city.csv", &sheets.city),
    ];
    if let Some(districts) = &sheets.districts {
        files.push(("districts.csv", districts));
    }
    for (name, text) in &files {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    say!(
        "{}: wrote elements.csv ({} actors), connections.csv ({} partnerships) and {} to {}",
        t(&graph.graph.name),
        graph.nodes.len(),
        graph.links.len(),
        if files.len() == 4 {
            "city.csv and districts.csv"
        } else {
            "city.csv"
        },
        t(&dir.display().to_string())
    );
    Ok(())
}
