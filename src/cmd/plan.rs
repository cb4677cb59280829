//! `plan FILE -o DIR`: analyses a profile, builds its plan and writes the chosen documents,
//! each atomically; nothing is written when the profile, the model or a template is invalid.

use super::Error;
use crate::analysis::analyse;
use crate::cli::{GlobalArgs, PlanArgs, PlanDocument};
use crate::network::Network;
use crate::plan::{build_plan, view::PlanView};
use crate::render::output::{self, MARKER, Output};
use crate::render::templates::Templates;

/// Runs `plan`.
pub(crate) fn run(global: &GlobalArgs, args: &PlanArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let templates = Templates::load(args.templates.as_deref())?;
    let network = Network::build(&city, &model);
    let analysis = analyse(&model, &city, &network);
    let plan = build_plan(&model, &city, &analysis);
    let view = PlanView::new(&model, &city, &analysis, &plan);
    let mut outputs = Vec::new();
    for document in PlanDocument::ALL
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
            PlanDocument::Json => ("analysis.json", analysis.to_json()),
        };
        outputs.push(Output {
            name: name.to_owned(),
            content,
        });
    }
    output::write_all(&args.output, &outputs, args.force)?;
    eprintln!(
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
    );
    Ok(())
}

/// The rendered text with the marker as its first line, ending with one newline.
fn marked(text: String) -> String {
    format!("{MARKER}\n{}\n", text.trim_end())
}
