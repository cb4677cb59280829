//! The actions, risks and tracked entries as a board reads them: names, not ids (ids stay in
//! `id` and `gaps`, for the appendix and the monitoring table), phases and quarters in words,
//! sources by title.

use super::{ActionView, FundingView, IndicatorView, RetiredView, RiskView};
use crate::model::Model;
use crate::model::city::ActionStatus;
use crate::model::definition::{Citation, Cost, IndicatorKind};
use crate::plan::names::Names;
use crate::plan::{Action, Phase, Plan};
use crate::words::sentence;

/// The status in words ("in progress"; the profile writes `in_progress`).
pub(super) fn status_word(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Proposed => "proposed",
        ActionStatus::Agreed => "agreed",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::Dropped => "dropped",
    }
}

/// The cost in words.
pub(super) fn cost_word(c: Cost) -> &'static str {
    match c {
        Cost::None => "no cost",
        Cost::StaffTime => "staff time",
        Cost::NewMoney => "new money",
    }
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Year1 => "Year one",
        Phase::Years2To3 => "Years two and three",
        Phase::Later => "Later",
    }
}

/// Citations by their document's title: `Title: “passage”`.
pub(super) fn cite(model: &Model, citations: &[Citation]) -> Vec<String> {
    citations
        .iter()
        .map(|c| {
            let title = model
                .sources
                .iter()
                .find(|s| s.file == c.file)
                .map_or(c.file.as_str(), |s| s.title.as_str());
            format!("{title}: “{}”", c.passage.trim_end_matches('.'))
        })
        .collect()
}

/// Every action, numbered in plan order.
pub(super) fn actions(names: &Names<'_>, model: &Model, plan: &Plan) -> Vec<ActionView> {
    plan.actions
        .iter()
        .enumerate()
        .map(|(i, a)| action(names, model, i + 1, a))
        .collect()
}

fn action(names: &Names<'_>, model: &Model, number: usize, a: &Action) -> ActionView {
    let due = a.due.map(|d| d.to_string()).unwrap_or_default();
    let when = match (a.quarter, &a.due, a.deadline) {
        (Some(q), Some(_), _) => format!("Q{q}, by {due}"),
        (None, Some(_), _) => format!("by {due}"),
        (None, None, Some(deadline)) if a.phase != Phase::Year1 => {
            format!("year one is full, yet this cannot wait past {deadline}: decide what gives way")
        }
        _ => String::new(),
    };
    let lead = a
        .lead
        .actor
        .as_ref()
        .map(|id| names.owner(id.as_str()))
        .unwrap_or_default();
    let lead_line = if lead.is_empty() {
        sentence(&a.lead.reason)
    } else {
        format!("{lead}: {}.", a.lead.reason)
    };
    ActionView {
        number,
        id: a.id.clone(),
        gaps: a.gaps.clone(),
        answers: a.answers.clone(),
        severity: a.severity.as_str().to_owned(),
        pillar: names.pillar(a.pillar.as_str()),
        title: a.title.clone(),
        what: a.what.clone(),
        lead,
        lead_reason: a.lead.reason.clone(),
        lead_line,
        partners: a.partners.iter().map(|p| names.actor(p.as_str())).collect(),
        approach: a.approach.iter().map(|n| n.name.clone()).collect(),
        planned: a.planned.iter().map(|n| n.name.clone()).collect(),
        phase: a.phase.as_str().to_owned(),
        phase_name: phase_name(a.phase).to_owned(),
        quarter: a.quarter.unwrap_or(0),
        when,
        due,
        due_suggested: a.due_suggested,
        deadline: a.deadline.map(|d| d.to_string()).unwrap_or_default(),
        indicators: a
            .indicators
            .iter()
            .map(|i| IndicatorView {
                kind: match i.kind {
                    IndicatorKind::Count => "count",
                    IndicatorKind::Story => "story",
                    IndicatorKind::Milestone => "milestone",
                }
                .into(),
                text: sentence(&i.text),
            })
            .collect(),
        cost: cost_word(a.cost).to_owned(),
        funding: a
            .funding
            .iter()
            .map(|f| FundingView {
                name: f.name.clone(),
                cost: cost_word(f.cost).to_owned(),
                from: f.from.to_owned(),
            })
            .collect(),
        sources: cite(model, &a.sources),
        status: status_word(a.status).into(),
        tracked: a.tracked,
        owner: a
            .owner
            .as_ref()
            .or(a.lead.actor.as_ref())
            .map(|id| names.owner(id.as_str()))
            .unwrap_or_default(),
        note: a.note.clone().unwrap_or_default(),
    }
}

/// The risk register.
pub(super) fn risks(plan: &Plan) -> Vec<RiskView> {
    plan.risks
        .iter()
        .map(|r| RiskView {
            name: r.name.clone(),
            what: r.what.clone(),
            mitigation: r.mitigation.clone(),
            action: r
                .action
                .as_ref()
                .and_then(|id| plan.actions.iter().find(|a| &a.id == id))
                .map(|a| a.title.clone())
                .unwrap_or_default(),
            status: r
                .status
                .map(|s| status_word(s).to_owned())
                .unwrap_or_default(),
            gaps: r.gaps.clone(),
        })
        .collect()
}

/// Tracked actions no longer generated.
pub(super) fn retired(names: &Names<'_>, plan: &Plan) -> Vec<RetiredView> {
    plan.retired
        .iter()
        .map(|t| RetiredView {
            id: t.id.clone(),
            status: status_word(t.status).into(),
            owner: t
                .owner
                .as_ref()
                .map(|o| names.owner(o.as_str()))
                .unwrap_or_default(),
            due: t.due.map(|d| d.to_string()).unwrap_or_default(),
            note: t.note.clone().unwrap_or_default(),
        })
        .collect()
}

/// Tracked entries another entry overrides, as sentences.
pub(super) fn shadowed(plan: &Plan) -> Vec<String> {
    plan.shadowed
        .iter()
        .map(|(entry, action)| {
            let title = plan
                .actions
                .iter()
                .find(|a| &a.id == action)
                .map_or(action.as_str(), |a| a.title.as_str());
            format!(
                "The entry `{entry}` also tracks “{title}”, which another entry already tracks; the plan follows the other."
            )
        })
        .collect()
}
