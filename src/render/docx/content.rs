//! The text of the plan's Word document, section by section, from the `PlanView`: the title,
//! what the city already has, mission, vision and goals (`front`), then the action plan with
//! its table of actions, each action, the monitoring table and the closed actions (`plan`).

use super::TEXT_WIDTH;
use crate::plan::view::{ActionView, PlanView};
use docx_rs::{Docx, Paragraph, Run, Shading, Table, TableCell, TableRow, WidthType};

/// A run of text, with what XML cannot hold (a control character) replaced: Word refuses a
/// document whose XML is not well formed.
fn text(s: &str) -> Run {
    Run::new().add_text(crate::render::escape::xml(s))
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

/// Title, what the city already has, the decisions asked of the board, mission, vision and
/// goals.
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
            "A draft for the {city} recovery partnership to amend and adopt, from its profile as it stood on {}.",
            v.city.as_of
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
    let initiatives: Vec<String> = a
        .initiatives
        .iter()
        .map(|i| format!("{} (led by {})", i.name, i.led_by))
        .collect();
    let planned: Vec<String> = a.planned.iter().map(|i| i.name.clone()).collect();
    out.push(labelled(
        "Lived experience recovery organisations:",
        &or(
            &a.leros,
            "none yet: supporting one to form is part of this plan.",
        ),
    ));
    out.push(labelled(
        "Initiatives:",
        &or(&initiatives, "none recorded yet."),
    ));
    if !planned.is_empty() {
        out.push(labelled("Planned:", &or(&planned, "")));
    }
    out.push(labelled(
        "Formal partnerships:",
        &if a.formal.is_empty() {
            "none recorded yet.".to_owned()
        } else {
            format!("{}.", a.formal.join("; "))
        },
    ));
    if !a.governance.is_empty() {
        let board = if a.board.is_empty() {
            String::new()
        } else {
            format!("{}: ", a.board)
        };
        out.push(labelled(
            "Governance:",
            &format!("{board}{}", or(&a.governance, "")),
        ));
    }
    if !a.districts.is_empty() {
        out.push(labelled("Districts:", &or(&a.districts, "")));
    }
    if !a.prospects.is_empty() {
        out.push(labelled("Being approached:", &or(&a.prospects, "")));
    }
    out.push(heading(1, "Decisions asked of the board"));
    for (i, d) in v.decisions.iter().enumerate() {
        out.push(para(&format!("{}. {d}", i + 1)));
    }
    out.extend([
        heading(1, "Mission"),
        para(&v.mission.statement),
        heading(1, "Vision"),
        para(&v.mission.vision),
        heading(1, "Goals"),
    ]);
    for (title, goals, none) in [
        ("Within a year", &v.short_goals, "No goal for year one."),
        (
            "Within three years",
            &v.long_goals,
            "No goal for years two and three.",
        ),
    ] {
        out.push(heading(2, title));
        if goals.is_empty() {
            out.push(para(none));
        }
        out.extend(goals.iter().map(|g| para(&format!("• {g}"))));
    }
    out
}

/// The action plan: year one, years two and three, later, risks, to check, monitoring,
/// closed actions, appendix.
pub(super) fn plan(docx: Docx, v: &PlanView) -> Docx {
    let mut docx = docx
        .add_paragraph(heading(1, "Year one"))
        .add_paragraph(italic(&format!(
            "At most {} actions, the partnership's capacity for a year, each with a quarter and a due date.",
            v.capacity
        )));
    if v.year_one.is_empty() {
        docx = docx.add_paragraph(para("No action for year one."));
    }
    for p in v.year_one.iter().flat_map(|a| action(a, true)) {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(heading(1, "Years two and three"));
    if v.years_two_three.is_empty() {
        docx = docx.add_paragraph(para("No action for years two and three."));
    }
    for p in v.years_two_three.iter().flat_map(|a| action(a, false)) {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_paragraph(heading(1, "Later"));
    if v.later.is_empty() {
        docx = docx.add_paragraph(para("Nothing else."));
    }
    for a in &v.later {
        docx = docx.add_paragraph(labelled(
            &format!("{}. {}", a.number, a.title),
            a.answers.first().map_or("", String::as_str),
        ));
    }
    docx = docx.add_paragraph(heading(1, "Risks"));
    docx = if v.risks.is_empty() {
        docx.add_paragraph(para(
            "No single point of failure or funding risk is recorded.",
        ))
    } else {
        docx.add_paragraph(para("These are risks to watch, not actions, except funding that ends within year one, which is also an action."))
            .add_table(table(
                &["Organisation", "What would be lost", "Mitigation", "Status"],
                &[3, 5, 5, 2],
                v.risks
                    .iter()
                    .map(|r| {
                        let mut m = r.mitigation.clone();
                        if !r.action.is_empty() {
                            m.push_str(&format!(" Also an action: {}.", r.action));
                        }
                        let status = if r.status.is_empty() {
                            "to watch".to_owned()
                        } else {
                            r.status.clone()
                        };
                        vec![r.name.clone(), r.what.clone(), m, status]
                    })
                    .collect(),
            ))
    };
    docx = docx.add_paragraph(heading(1, "To check and map next"));
    for p in to_check(v) {
        docx = docx.add_paragraph(p);
    }
    let mut docx = docx
        .add_paragraph(heading(1, "Monitoring"))
        .add_paragraph(para("Record each action's status under `actions:` in the city profile, by its id; the next plan carries it. Review the plan once a year with people in recovery and families."))
        .add_table(monitoring(v));
    docx = docx.add_paragraph(heading(2, "Closed or no longer generated"));
    docx = if v.retired.is_empty() {
        docx.add_paragraph(para("None."))
    } else {
        docx.add_table(table(
            &["Action", "Last status", "Owner", "Due", "Note"],
            &[4, 2, 3, 2, 4],
            v.retired
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
                .collect(),
        ))
    };
    docx.add_paragraph(heading(1, "Appendix: the gaps each action answers"))
        .add_table(table(
            &["#", "Action", "Gaps"],
            &[1, 4, 8],
            v.actions
                .iter()
                .map(|a| vec![a.number.to_string(), a.id.clone(), a.gaps.join(", ")])
                .collect(),
        ))
        .add_paragraph(heading(2, "Sources"))
        .add_paragraph(para(
            &v.sources
                .iter()
                .map(|s| format!("{} ({})", s.title, s.file))
                .collect::<Vec<_>>()
                .join("; "),
        ))
}

fn to_check(v: &PlanView) -> Vec<Paragraph> {
    let mut out = Vec::new();
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

fn monitoring(v: &PlanView) -> Table {
    table(
        &["#", "Id", "Action", "Status", "Lead", "When"],
        &[1, 4, 6, 2, 4, 3],
        v.actions
            .iter()
            .map(|a| {
                vec![
                    a.number.to_string(),
                    a.id.clone(),
                    a.title.clone(),
                    a.status.clone(),
                    if a.owner.is_empty() {
                        "to agree".to_owned()
                    } else {
                        a.owner.clone()
                    },
                    if a.when.is_empty() {
                        "later".to_owned()
                    } else {
                        a.when.clone()
                    },
                ]
            })
            .collect(),
    )
}

/// One action: its heading, when, what to do, why, lead, and (in full) indicators, funding and
/// sources.
fn action(a: &ActionView, full: bool) -> Vec<Paragraph> {
    let mut when = a.when.clone();
    if !a.deadline.is_empty() {
        when.push_str(&format!(" (before {})", a.deadline));
    }
    let mut out = vec![
        heading(2, &format!("{}. {}", a.number, a.title)),
        italic(&format!(
            "{when} · {} · {} priority · {}",
            a.pillar, a.severity, a.status
        )),
        para(&a.what),
        labelled("Why.", &a.answers.join(" ")),
    ];
    let mut lead = a.lead_line.clone();
    if !a.partners.is_empty() {
        lead.push_str(&format!(" With {}.", a.partners.join(", ")));
    }
    out.push(labelled("Lead.", &lead));
    if !a.approach.is_empty() {
        out.push(labelled(
            "Approach.",
            &format!("{}.", a.approach.join(", ")),
        ));
    }
    if full {
        out.push(labelled("How we will know.", ""));
        out.extend(a.indicators.iter().map(|i| para(&format!("• {}", i.text))));
    }
    let funding: Vec<&str> = a.funding.iter().map(|f| f.name.as_str()).collect();
    out.push(labelled(
        &format!("Funding ({}).", a.cost),
        &format!("{}.", funding.join("; ")),
    ));
    if !a.note.is_empty() {
        out.push(labelled("Note.", &a.note));
    }
    if full {
        out.push(italic(&format!("Source: {}.", a.sources.join("; "))));
    }
    out
}
