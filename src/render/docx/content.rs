//! The text of the plan's Word document, section by section, from the `PlanView`: the title,
//! what the city already has, mission, vision and goals (`front`), then the action plan with
//! its table of actions, each action, the monitoring table and the closed actions (`plan`).

use super::TEXT_WIDTH;
use crate::plan::view::{ActionView, PlanView};
use docx_rs::{Docx, Paragraph, Run, Shading, Table, TableCell, TableRow, WidthType};

fn text(s: &str) -> Run {
    Run::new().add_text(s)
}

fn para(s: &str) -> Paragraph {
    Paragraph::new().add_run(text(s))
}

fn italic(s: &str) -> Paragraph {
    Paragraph::new().add_run(text(s).italic())
}

fn heading(level: usize, s: &str) -> Paragraph {
    para(s).style(&format!("Heading{level}"))
}

/// A paragraph opening with a bold label.
fn labelled(label: &str, s: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text(label).bold())
        .add_run(text(" "))
        .add_run(text(s))
}

/// A table in 9 point text with a shaded header row; column widths in proportion to `weights`.
fn table(header: &[&str], weights: &[usize], rows: Vec<Vec<String>>) -> Table {
    let total: usize = weights.iter().sum();
    let grid: Vec<usize> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let cell = |s: &str, width: usize| {
        TableCell::new()
            .add_paragraph(Paragraph::new().add_run(text(s).size(18)))
            .width(width, WidthType::Dxa)
    };
    let head = header
        .iter()
        .zip(&grid)
        .map(|(h, &w)| {
            TableCell::new()
                .add_paragraph(Paragraph::new().add_run(text(h).bold().size(18)))
                .width(w, WidthType::Dxa)
                .shading(Shading::new().fill("D9E2F3"))
        })
        .collect();
    let body = rows
        .iter()
        .map(|r| TableRow::new(r.iter().zip(&grid).map(|(s, &w)| cell(s, w)).collect()));
    Table::new(std::iter::once(TableRow::new(head)).chain(body).collect())
        .set_grid(grid.clone())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Title, what the city already has, mission, vision and goals.
pub(super) fn front(v: &PlanView) -> Vec<Paragraph> {
    let city = &v.city.name;
    let a = &v.assets;
    let or = |items: &[String], none: &str| {
        if items.is_empty() {
            none.to_owned()
        } else {
            format!("{}.", items.join(", "))
        }
    };
    let mut out = vec![
        para(&format!("{city}: Inclusive City mission and action plan")).style("Title"),
        italic(&format!(
            "A proposal for the {city} recovery partnership to amend and adopt. It describes the city as its profile stood on {}, measured against the {} (version {}): index {} out of 100.",
            v.city.as_of, v.model.name, v.model.version, v.index
        )),
        heading(1, &format!("What {city} already has")),
        para(&format!(
            "{city} does not start from nothing. {} organisations are on its map, {} of them committed or engaged, from {} sectors: {}.",
            a.n_actors,
            a.n_active,
            a.sectors.len(),
            a.sectors.join(", ")
        )),
    ];
    let strongest: Vec<String> = v
        .strongest
        .iter()
        .map(|p| format!("{} ({} out of 100)", p.name, p.score_text))
        .collect();
    let initiatives: Vec<String> = a
        .initiatives
        .iter()
        .map(|i| format!("{} (led by {})", i.name, i.led_by))
        .collect();
    out.push(labelled("Strongest pillars:", &or(&strongest, "none yet.")));
    out.push(labelled(
        "Lived experience recovery organisations:",
        &or(&a.leros, "none yet: building one is part of this plan."),
    ));
    out.push(labelled(
        "Practice that already exists:",
        &or(&initiatives, "none recorded yet."),
    ));
    out.push(labelled(
        "Partnerships:",
        &format!(
            "{} recorded, {} of them formal.",
            v.network.n_partnerships, a.n_formal
        ),
    ));
    if !a.governance.is_empty() {
        out.push(labelled("Governance:", &or(&a.governance, "")));
    }
    out.extend([
        heading(1, "Mission"),
        para(&v.mission.statement),
        heading(1, "Vision"),
        para(&v.mission.vision),
        italic(&format!("Source: {}", v.mission.source)),
        heading(1, "Goals"),
        para("Each goal strengthens one pillar of the Inclusive City, weakest first, and closes the gaps listed (their actions are in the action plan, under the same ids)."),
    ]);
    for (title, goals) in [
        ("Short term (within 12 months)", &v.short_goals),
        ("Long term (one to three years)", &v.long_goals),
    ] {
        out.push(heading(2, title));
        if goals.is_empty() {
            out.push(para("No goal: no gap calls for one."));
        }
        for (i, g) in goals.iter().enumerate() {
            out.push(labelled(
                &format!("{}. Strengthen {}", i + 1, g.pillar),
                &format!(
                    "(now {} out of 100). {} Closes: {}.",
                    g.score,
                    g.description,
                    g.actions.join(", ")
                ),
            ));
        }
    }
    out
}

/// The action plan: the actions at a glance, each action, monitoring, closed actions.
pub(super) fn plan(docx: Docx, v: &PlanView) -> Docx {
    let g = &v.gaps;
    let mut docx = docx
        .add_paragraph(heading(1, "Action plan"))
        .add_paragraph(para(&format!(
            "{} gaps ({} high, {} medium, {} low), one action each, in priority order: the most serious gaps first, and among those the weakest pillar first.{} Each action keeps its id from one plan to the next: record its status under `actions:` in the city profile and the next plan carries it.",
            g.total, g.high, g.medium, g.low,
            if !v.to_check.is_empty() {
                format!(
                    " {} more {} to check before acting on them (below).",
                    v.to_check.len(),
                    if v.to_check.len() == 1 { "thing" } else { "things" }
                )
            } else {
                String::new()
            }
        )))
        .add_paragraph(heading(2, "Actions at a glance"))
        .add_table(glance(v));
    for p in v.actions.iter().flat_map(action) {
        docx = docx.add_paragraph(p);
    }
    let mut docx = docx
        .add_paragraph(heading(1, "Monitoring"))
        .add_table(monitoring(v));
    for p in to_check(v) {
        docx = docx.add_paragraph(p);
    }
    let docx = docx.add_paragraph(heading(1, "Closed or no longer generated"));
    if v.retired.is_empty() {
        return docx.add_paragraph(para("None."));
    }
    let rows = v
        .retired
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.status.clone(),
                r.owner.clone(),
                r.due.clone(),
                r.note.clone(),
            ]
        })
        .collect();
    docx.add_paragraph(para("These actions were tracked in the profile, but the analysis no longer finds their gap (it has closed, or the model changed). They are kept with their last status."))
        .add_table(table(
            &["action", "last status", "owner", "due", "note"],
            &[28, 13, 19, 13, 27],
            rows,
        ))
}

/// What to check before acting, and what to map next.
fn to_check(v: &PlanView) -> Vec<Paragraph> {
    let mut out = vec![heading(1, "To check and map next")];
    if v.to_check.is_empty() {
        out.push(para(
            "Nothing to check: every finding rests on what the profile records.",
        ));
    } else {
        out.push(para("These findings rest on something the profile does not know yet. Check them with the partners concerned and record the answer in the profile; the next plan turns what holds into actions."));
        out.extend(v.to_check.iter().map(|c| para(&format!("• {c}"))));
    }
    let m = &v.map_next;
    if !m.sectors.is_empty() {
        let mut text = format!(
            "The profile has not mapped these sectors yet, so the plan does not judge them: {}.",
            m.sectors.join(", ")
        );
        if !m.capabilities.is_empty() {
            text.push_str(&format!(
                " Not assessed until they are: {}.",
                m.capabilities.join(", ")
            ));
        }
        if !m.links.is_empty() {
            text.push_str(&format!(
                " Partnerships not assessed: {}.",
                m.links.join("; ")
            ));
        }
        out.push(labelled("Map next.", &text));
    }
    out
}

/// Every action on a line: number, title and id, severity, pillar, lead, horizon.
fn glance(v: &PlanView) -> Table {
    let rows = v
        .actions
        .iter()
        .map(|a| {
            let lead = if a.lead.is_empty() {
                "none yet"
            } else {
                &a.lead
            };
            let horizon = a.horizon.split(" (").next().unwrap_or_default();
            vec![
                a.number.to_string(),
                format!("{} ({})", a.title, a.id),
                a.severity.clone(),
                a.pillar.clone(),
                lead.to_owned(),
                horizon.to_owned(),
            ]
        })
        .collect();
    table(
        &[
            "#",
            "action",
            "severity",
            "pillar",
            "suggested lead",
            "horizon",
        ],
        &[5, 37, 10, 15, 20, 13],
        rows,
    )
}

/// The monitoring table: every action with its status, owner and due date.
fn monitoring(v: &PlanView) -> Table {
    let rows = v
        .actions
        .iter()
        .map(|a| {
            let owner = if a.owner.is_empty() {
                "to agree"
            } else {
                &a.owner
            };
            let suggested = if a.due_suggested { " (suggested)" } else { "" };
            vec![
                a.number.to_string(),
                format!("{} {}", a.id, a.title),
                a.status.clone(),
                owner.to_owned(),
                format!("{}{suggested}", a.due),
            ]
        })
        .collect();
    table(
        &["#", "action", "status", "owner", "due"],
        &[5, 45, 13, 21, 16],
        rows,
    )
}

/// One action: what, why, lead, partners, indicators, funding, note, source.
fn action(a: &ActionView) -> Vec<Paragraph> {
    let mut out = vec![
        heading(2, &format!("{}. {}", a.number, a.title)),
        italic(&format!(
            "{} · {} · {} · {} · status: {}",
            a.id, a.severity, a.pillar, a.horizon, a.status
        )),
        labelled("What to do.", &a.what),
    ];
    let evidence = if a.evidence.is_empty() {
        String::new()
    } else {
        format!(" Evidence: {}.", a.evidence)
    };
    out.push(labelled("Why.", &format!("{}.{evidence}", a.why)));
    let lead = if a.lead.is_empty() {
        format!("{}.", a.lead_reason)
    } else {
        format!("{}: {}.", a.lead, a.lead_reason)
    };
    out.push(labelled("Suggested lead.", &lead));
    if !a.supporting.is_empty() {
        out.push(labelled("With.", &format!("{}.", a.supporting.join(", "))));
    }
    out.push(Paragraph::new().add_run(text("How we will know.").bold()));
    for i in &a.indicators {
        out.push(
            Paragraph::new()
                .indent(Some(360), None, None, None)
                .add_run(text(&format!("• {} ", i.text)))
                .add_run(text(&format!("({})", i.kind)).italic()),
        );
    }
    if !a.funding_leads.is_empty() {
        out.push(labelled(
            "Funding leads.",
            &format!("{}.", a.funding_leads.join("; ")),
        ));
    }
    if !a.note.is_empty() {
        out.push(labelled("Note.", &a.note));
    }
    out.push(labelled("Source.", &a.source));
    out
}
