//! Plan stage: gaps to actions a partnership board can adopt. Each gap becomes an action with the
//! gap's stable id, the model's template made specific to the city (actors, districts, sectors
//! named), a suggested lead with the reason, supporting partners, indicators, funding leads and
//! the source; actions are ordered by priority and merged with the statuses the profile tracks.
//! Assumed gaps and what the profile has not mapped are listed to check (`check`), not acted on.
//!
//! Pure: `build_plan(&Model, &City, &Analysis) -> Plan`. Templates see [`view::PlanView`] only.

mod check;
pub(crate) mod fill;
mod layout;
mod lead;
pub mod view;

pub use check::ToCheck;
pub use lead::Lead;

use crate::analysis::{Analysis, Gap};
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::definition::{Horizon, Indicator, RuleKind, Severity};
use crate::model::ids::{ActorId, PillarId};
use crate::model::{City, Date, Model};
use std::collections::BTreeMap;

/// A plan: the city's actions in priority order, its goals, and tracked actions no longer
/// generated.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The actions, highest priority first.
    pub actions: Vec<Action>,
    /// Goals: per horizon and pillar, the actions that serve them.
    pub goals: Vec<Goal>,
    /// Tracked actions whose gap has closed or that the plan no longer generates.
    pub retired: Vec<TrackedAction>,
    /// Assumed findings and funding not recorded, to check; what to map next.
    pub to_check: ToCheck,
}

/// One action of the plan.
#[derive(Clone, Debug)]
pub struct Action {
    /// Stable id: the id of the gap it answers.
    pub id: String,
    /// The rule behind it.
    pub rule: RuleKind,
    /// The gap's severity.
    pub severity: Severity,
    /// The pillar it strengthens.
    pub pillar: PillarId,
    /// Short title.
    pub title: String,
    /// What to do, specific to the city.
    pub what: String,
    /// Why: the gap's message.
    pub why: String,
    /// The actors, districts or links the gap names.
    pub evidence: Vec<String>,
    /// Who could lead it, and why.
    pub lead: Lead,
    /// Partners to involve.
    pub supporting: Vec<ActorId>,
    /// Short or long term.
    pub horizon: Horizon,
    /// How to monitor it, placeholders filled.
    pub indicators: Vec<Indicator>,
    /// Where funding could come from.
    pub funding_leads: Vec<String>,
    /// The source passages.
    pub source: String,
    /// Tracked status, or `proposed`.
    pub status: ActionStatus,
    /// Whether the profile tracks it.
    pub tracked: bool,
    /// The owner: tracked, else the suggested lead.
    pub owner: Option<ActorId>,
    /// When it is due: tracked, else suggested from the horizon.
    pub due: Date,
    /// Whether `due` is a suggestion.
    pub due_suggested: bool,
    /// The tracked note.
    pub note: Option<String>,
}

/// A goal: a pillar to strengthen within a horizon, and the actions that do it.
#[derive(Clone, Debug)]
pub struct Goal {
    /// Short or long term.
    pub horizon: Horizon,
    /// The pillar.
    pub pillar: PillarId,
    /// The actions' ids, in priority order.
    pub actions: Vec<String>,
}

/// Months until a suggested due date.
fn horizon_months(h: Horizon) -> u32 {
    match h {
        Horizon::Short => 12,
        Horizon::Long => 36,
    }
}

/// Builds the plan for `city` from its analysis.
pub fn build_plan(model: &Model, city: &City, analysis: &Analysis) -> Plan {
    let tracked: BTreeMap<&str, &TrackedAction> =
        city.actions.iter().map(|a| (a.id.as_str(), a)).collect();
    let score = |p: &PillarId| {
        analysis
            .pillars
            .get(p)
            .and_then(|s| s.score)
            .unwrap_or(100.0)
    };
    // An assumed gap is something to check, not an action (it is listed in `to_check`).
    let mut gaps: Vec<&Gap> = analysis
        .gaps
        .iter()
        .filter(|g| g.basis == crate::analysis::Basis::Recorded)
        .collect();
    gaps.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| score(&a.pillar).total_cmp(&score(&b.pillar)))
            .then_with(|| a.id.cmp(&b.id))
    });
    let actions: Vec<Action> = gaps
        .into_iter()
        .filter_map(|g| {
            action(
                model,
                city,
                analysis,
                g,
                tracked.get(g.id.as_str()).copied(),
            )
        })
        .collect();
    let retired = city
        .actions
        .iter()
        .filter(|t| !actions.iter().any(|a| a.id == t.id))
        .cloned()
        .collect();
    let goals = goals(model, &actions, &score);
    Plan {
        actions,
        goals,
        retired,
        to_check: check::to_check(model, city, analysis),
    }
}

fn action(
    model: &Model,
    city: &City,
    analysis: &Analysis,
    gap: &Gap,
    tracked: Option<&TrackedAction>,
) -> Option<Action> {
    let template = &model.rule(gap.rule)?.action;
    let filler = fill::Filler::new(model, city, gap);
    let lead = lead::choose(model, city, analysis, gap, template);
    let supporting = lead::supporting(
        city,
        analysis,
        gap,
        &template.supporting_sectors,
        lead.actor.as_ref(),
    );
    let (due, due_suggested) = match tracked.and_then(|t| t.due) {
        Some(due) => (due, false),
        None => (
            city.as_of.add_months(horizon_months(template.horizon)),
            true,
        ),
    };
    Some(Action {
        id: gap.id.clone(),
        rule: gap.rule,
        severity: gap.severity,
        pillar: gap.pillar.clone(),
        title: filler.fill(&template.title),
        what: filler.fill(&template.what),
        why: gap.message.clone(),
        evidence: gap.evidence.clone(),
        owner: tracked
            .and_then(|t| t.owner.clone())
            .or_else(|| lead.actor.clone()),
        lead,
        supporting,
        horizon: template.horizon,
        indicators: template
            .indicators
            .iter()
            .map(|i| Indicator {
                kind: i.kind,
                text: filler.fill(&i.text),
            })
            .collect(),
        funding_leads: template
            .funding_leads
            .iter()
            .map(|f| filler.fill(f))
            .collect(),
        source: gap.source.clone(),
        status: tracked.map_or(ActionStatus::Proposed, |t| t.status),
        tracked: tracked.is_some(),
        due,
        due_suggested,
        note: tracked.and_then(|t| t.note.clone()),
    })
}

/// Groups actions by horizon and pillar, weakest pillar first.
fn goals(model: &Model, actions: &[Action], score: &dyn Fn(&PillarId) -> f64) -> Vec<Goal> {
    let mut goals = Vec::new();
    for horizon in [Horizon::Short, Horizon::Long] {
        let mut pillars: Vec<&PillarId> = model.pillars.iter().map(|p| &p.id).collect();
        pillars.sort_by(|a, b| score(a).total_cmp(&score(b)).then_with(|| a.cmp(b)));
        for pillar in pillars {
            let ids: Vec<String> = actions
                .iter()
                .filter(|a| a.horizon == horizon && &a.pillar == pillar)
                .map(|a| a.id.clone())
                .collect();
            if !ids.is_empty() {
                goals.push(Goal {
                    horizon,
                    pillar: pillar.clone(),
                    actions: ids,
                });
            }
        }
    }
    goals
}
