//! `plan FILE -o DIR`: analyses a profile, builds its plan and writes the chosen documents,
//! each atomically; nothing is written when the profile, the model or a template is invalid.
//! When the folder holds an earlier plan's analysis.json, the plan says what changed since.

use super::Error;
use crate::analysis::analyse;
use crate::cli::{GlobalArgs, PlanArgs, PlanDocument};
use crate::model::Model;
use crate::network::Network;
use crate::plan::build_plan;
use crate::plan::view::{HistoryView, PlanView};
use crate::render::escape::terminal as t;
use crate::render::output::{self, Output, is_ours};
use crate::render::templates::Templates;
use crate::render::{docx, monitoring};
use crate::scenario::diff::{Snapshot, diff};
use std::path::Path;

/// Runs `plan`.
pub(crate) fn run(global: &GlobalArgs, args: &PlanArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let templates = Templates::load(args.templates.as_deref())?;
    let summary = generate(global, &model, &templates, args)?;
    say!("{}", t(&summary));
    Ok(())
}

/// Loads, analyses, plans, renders and writes; returns a one-line summary.
pub(crate) fn generate(
    global: &GlobalArgs,
    model: &Model,
    templates: &Templates,
    args: &PlanArgs,
) -> Result<String, Error> {
    let city = super::city(global, model, &args.file)?;
    let network = Network::build(&city, model).with_paths(super::paths::options(args.exact));
    let analysis = analyse(model, &city, &network);
    let plan = build_plan(model, &city, &analysis, args.capacity);
    let since_last = earlier(&args.output.join("analysis.json")).map(|old| {
        let mut d = diff(&old, &Snapshot::of(&city, &analysis));
        crate::scenario::diff::attribute(&mut d, model, &city);
        HistoryView::new(model, &city, &d)
    });
    let view = PlanView::new(model, &city, &analysis, &plan, since_last);
    let mut outputs = Vec::new();
    for document in PlanDocument::EVERY
        .into_iter()
        .filter(|d| args.format.contains(d))
    {
        let (name, content) = match document {
            PlanDocument::Mission => (
                "mission.md",
                marked(templates.render("mission.md.tera", &view)?),
            ),
            PlanDocument::ActionPlan => (
                "action-plan.md",
                marked(templates.render("action-plan.md.tera", &view)?),
            ),
            PlanDocument::Report => (
                "report.html",
                marked(templates.render("report.html.tera", &view)?),
            ),
            PlanDocument::Json => ("analysis.json", output::stamp_json(analysis.to_value())),
            PlanDocument::PlanJson => (
                "plan.json",
                output::stamp_json(crate::plan::json::to_json(model, &city, &plan)),
            ),
            PlanDocument::Docx => {
                outputs.push(Output {
                    name: "mission-and-action-plan.docx".to_owned(),
                    content: docx::render(&view),
                });
                continue;
            }
            PlanDocument::Monitoring => {
                let content = monitoring::render(&city, &plan).map_err(|e| Error::Write {
                    what: monitoring::FILE_NAME.to_owned(),
                    source: std::io::Error::other(e),
                })?;
                outputs.push(Output {
                    name: monitoring::FILE_NAME.to_owned(),
                    content,
                });
                continue;
            }
        };
        outputs.push(Output {
            name: name.to_owned(),
            content: content.into_bytes(),
        });
    }
    output::write_all(&args.output, &outputs, args.force)?;
    Ok(format!(
        "{}: {} actions ({} tracked, {} no longer generated); wrote {} to {}",
        city.name,
        plan.actions.len(),
        plan.actions.iter().filter(|a| a.tracked).count(),
        plan.retired.len(),
        outputs
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        args.output.display()
    ))
}

/// The snapshot of the earlier plan's analysis.json, when the folder holds one the engine
/// wrote. One that cannot be read back (another version, or damaged) is said on stderr and
/// leaves the plan without its history; the plan is still written.
fn earlier(path: &Path) -> Option<Snapshot> {
    if !is_ours(path) {
        return None;
    }
    let read = crate::load::read_text_bounded(path, crate::load::MAX_READ_BACK_BYTES)
        .map_err(|e| e.to_string())
        .and_then(|text| Snapshot::from_analysis_json(&text).map_err(|e| e.to_string()));
    read.map_err(|e| {
        say!(
            "warning: cannot read the earlier plan's `{}` ({}): no \"Since the last plan\" this time",
            t(&path.display().to_string()),
            t(&e)
        );
    })
    .ok()
}

/// The rendered text, ending with one newline, after the marker line that carries its hash.
fn marked(text: String) -> String {
    output::mark(&format!("{}\n", text.trim_end()))
}
