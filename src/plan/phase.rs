//! Ordering and phasing (plan.md): tracked actions agreed or in progress take year-one places
//! first; then actions with a deadline within year one (earliest first), co-production (seats at
//! the table, the board and mission), then high, medium and low severity, visible recovery first
//! within a severity, then more gaps answered, then the id. A long-horizon action waits for years
//! two and three unless it has a deadline or is co-production. Year one holds `capacity` actions,
//! years two and three twice that, later the rest; an action whose every possible lead is at its
//! cap moves one phase later. The k-th year-one action takes quarter `1 + 4k / capacity`, due the
//! last day of the quarter or a month before its deadline, never before `as_of`.

use super::group::Draft;
use super::indicators::{Builds, indicators};
use super::lead::{self, Choice, Loads};
use super::names::Names;
use super::track::Tracking;
use super::words::with_article;
use super::{Action, Phase, fill::Filler, funding, named};
use crate::analysis::Analysis;
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::definition::{CapabilityKind, Horizon};
use crate::model::{City, Model};
use std::cmp::Reverse;

/// What phasing reads.
pub(super) struct Context<'a> {
    pub(super) model: &'a Model,
    pub(super) city: &'a City,
    pub(super) analysis: &'a Analysis,
    pub(super) names: &'a Names<'a>,
    pub(super) capacity: u32,
}

/// Co-production comes first, whatever its horizon (004).
fn co_production(id: &str) -> bool {
    matches!(id, "seats-at-the-table" | "board-and-mission")
}

fn under_way(t: Option<&&TrackedAction>) -> bool {
    t.is_some_and(|t| matches!(t.status, ActionStatus::Agreed | ActionStatus::InProgress))
}

fn settled(t: Option<&&TrackedAction>) -> bool {
    t.is_some_and(|t| matches!(t.status, ActionStatus::Done | ActionStatus::Dropped))
}

/// The drafts as actions, in plan order.
pub(super) fn phase(
    ctx: &Context<'_>,
    mut drafts: Vec<Draft<'_>>,
    tracking: &Tracking<'_>,
) -> Vec<Action> {
    let tracked = |d: &Draft<'_>| tracking.actions.get(&d.id);
    let visible =
        |d: &Draft<'_>| d.id == "visible-recovery" || d.primary().pillar.as_str() == "visibility";
    drafts.sort_by_cached_key(|d| {
        (
            settled(tracked(d)),
            !under_way(tracked(d)),
            d.deadline.is_none(),
            d.deadline,
            !co_production(&d.id),
            d.primary().severity,
            !visible(d),
            Reverse(d.gaps.len()),
            d.id.clone(),
        )
    });
    let mut loads = Loads::default();
    let mut used = [0u32; 2];
    let limit = [ctx.capacity, 2 * ctx.capacity];
    let mut actions = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        let t = tracked(draft).copied();
        let long = ctx
            .model
            .rule(draft.primary().rule)
            .is_some_and(|r| r.action.horizon == Horizon::Long);
        let mut phase = if settled(tracked(draft)) {
            Phase::Later
        } else if under_way(tracked(draft))
            || !long
            || draft.deadline.is_some()
            || co_production(&draft.id)
        {
            Phase::Year1
        } else {
            Phase::Years2To3
        };
        let lead = loop {
            let room = match phase {
                Phase::Year1 => under_way(tracked(draft)) || used[0] < limit[0],
                Phase::Years2To3 => used[1] < limit[1],
                Phase::Later => true,
            };
            let choice = match t.and_then(|t| t.owner.as_ref()) {
                Some(owner) => Choice::Lead(super::Lead {
                    actor: Some(owner.clone()),
                    reason: "the owner the partnership agreed".into(),
                }),
                // A later action is a line in the backlog: its lead is chosen when it is taken up.
                None if phase == Phase::Later => {
                    Choice::Lead(lead::nobody("to agree when the partnership takes it up"))
                }
                None => lead::choose(
                    ctx.model,
                    ctx.city,
                    ctx.analysis,
                    ctx.names,
                    draft,
                    phase,
                    &loads,
                ),
            };
            match (room, choice, phase.next()) {
                (true, Choice::Lead(lead), _) => break lead,
                (_, _, Some(next)) => phase = next,
                (_, Choice::Full, None) => {
                    break lead::nobody("to agree when the partnership takes it up");
                }
                (_, Choice::Lead(lead), None) => break lead,
            }
        };
        if let Some(id) = &lead.actor {
            loads.take(id, phase);
        }
        match phase {
            Phase::Year1 => used[0] += 1,
            Phase::Years2To3 => used[1] += 1,
            Phase::Later => {}
        }
        actions.push(action(ctx, draft, t, phase, lead));
    }
    actions.sort_by_key(|a| a.phase);
    schedule(ctx, &mut actions);
    // Year one reads in the order it is due (a deadline or a tracked date can move an action
    // ahead of one placed before it); the sort is stable.
    actions.sort_by_key(|a| (a.phase, if a.phase == Phase::Year1 { a.due } else { None }));
    actions
}

/// Quarters and due dates: year one by position, years two and three by the end of year three.
fn schedule(ctx: &Context<'_>, actions: &mut [Action]) {
    let as_of = ctx.city.as_of;
    let quarter_end = |q: u32| as_of.add_months(3 * q).pred().max(as_of);
    let mut k = 0u32;
    for a in actions.iter_mut() {
        match a.phase {
            Phase::Year1 => {
                let q = (1 + 4 * k / ctx.capacity).min(4);
                k += 1;
                let mut due = quarter_end(q);
                if let Some(deadline) = a.deadline {
                    due = due.min(deadline.sub_months(1)).max(as_of);
                }
                if a.due.is_none() {
                    a.due = Some(due);
                    a.due_suggested = true;
                }
                let due = a.due.expect("set above");
                a.quarter = (due <= quarter_end(4))
                    .then(|| (1..=4u32).find(|&q| due <= quarter_end(q)).unwrap_or(4) as u8);
            }
            Phase::Years2To3 if a.due.is_none() => {
                a.due = Some(quarter_end(12));
                a.due_suggested = true;
            }
            _ => {}
        }
    }
}

/// What the action builds, for its indicators.
fn builds(ctx: &Context<'_>, draft: &Draft<'_>) -> (Builds, String) {
    let names = ctx.names;
    let id = draft.id.as_str();
    let capability = id
        .strip_prefix("capability.")
        .or((id == "visible-recovery").then_some(crate::model::known::RECOVERY_EVENTS));
    if let Some(c) = capability.and_then(|c| ctx.model.capability(c)) {
        return (Builds::Capability(c.kind), c.name.clone());
    }
    if let Some(s) = id.strip_prefix("partner.") {
        return (
            Builds::Partner,
            super::words::with_article(&format!("{} organisation", names.sector(s))),
        );
    }
    if let Some((a, b)) = id.strip_prefix("link.").and_then(|l| l.split_once('.')) {
        return (
            Builds::Partnership,
            format!("{} and {}", names.sector(a), names.sector(b)),
        );
    }
    if let Some(x) = id.strip_prefix("funding.") {
        let name = names
            .find_actor(x)
            .map_or_else(|| names.sector(x), |a| a.name.clone());
        return (Builds::Funding, name);
    }
    match id {
        "seats-at-the-table" | "board-and-mission" | "lero" => (
            Builds::Capability(crate::model::definition::CapabilityKind::Governance),
            "the partnership board".into(),
        ),
        _ if id.starts_with("district.") => (
            Builds::Capability(crate::model::definition::CapabilityKind::Service),
            format!("partners in {}", names.district(&id["district.".len()..])),
        ),
        _ => (Builds::Partnership, "the partners concerned".into()),
    }
}

fn action(
    ctx: &Context<'_>,
    draft: &Draft<'_>,
    tracked: Option<&TrackedAction>,
    phase: Phase,
    lead: super::Lead,
) -> Action {
    let gap = draft.primary();
    let rule = ctx
        .model
        .rule(gap.rule)
        .expect("a gap's rule is in the model");
    let template = &rule.action;
    let (title, what) = gap
        .case
        .and_then(|c| template.case_text.get(c))
        .map_or((&template.title, &template.what), |c| (&c.title, &c.what));
    let filler = Filler::new(ctx.names, ctx.city, gap);
    let title = match (
        gap.rule,
        gap.subjects.first().and_then(|c| ctx.model.capability(c)),
    ) {
        (crate::model::RuleKind::MissingCapability, Some(c)) => {
            start_title(c.kind, &c.name, &ctx.city.name).unwrap_or_else(|| filler.fill(title))
        }
        _ => filler.fill(title),
    };
    let mut what = filler.fill(what);
    let approach = named::approach(ctx.city, draft);
    let planned = named::planned(ctx.city, draft);
    if !planned.is_empty() {
        what = format!(
            "{} is planned: support it to open, and record it in the profile when it does. {what}",
            super::words::list(
                &planned.iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
                4
            )
        );
    }
    if !approach.is_empty() {
        what.push_str(&format!(
            " Approach {} first: the profile already names {}.",
            super::words::list(
                &approach.iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
                4
            ),
            if approach.len() == 1 { "it" } else { "them" }
        ));
    }
    let (b, name) = builds(ctx, draft);
    let partners = lead::partners(
        ctx.city,
        draft,
        &template.supporting_sectors,
        lead.actor.as_ref(),
    );
    let cost = gap
        .case
        .and_then(|c| template.case_text.get(c))
        .and_then(|c| c.cost)
        .unwrap_or(template.cost);
    let funding = funding::leads(
        ctx.model,
        ctx.city,
        ctx.names,
        draft,
        cost,
        lead.actor.as_ref(),
    );
    let mut sources: Vec<crate::model::definition::Citation> = Vec::new();
    for c in draft.gaps.iter().flat_map(|g| &g.citations) {
        if !sources
            .iter()
            .any(|s| s.file == c.file && s.passage == c.passage)
        {
            sources.push(c.clone());
        }
    }
    Action {
        id: draft.id.clone(),
        gaps: draft.gaps.iter().map(|g| g.id.clone()).collect(),
        answers: draft
            .gaps
            .iter()
            .map(|g| super::words::sentence(&g.message))
            .collect(),
        rule: gap.rule,
        severity: draft
            .gaps
            .iter()
            .map(|g| g.severity)
            .min()
            .unwrap_or(gap.severity),
        pillar: gap.pillar.clone(),
        title,
        what,
        lead,
        partners,
        approach,
        planned,
        horizon: template.horizon,
        phase,
        quarter: None,
        due: tracked.and_then(|t| t.due),
        due_suggested: false,
        deadline: draft.deadline.filter(|_| draft.dated),
        indicators: indicators(b, &name),
        cost,
        funding,
        sources,
        status: tracked.map_or(ActionStatus::Proposed, |t| t.status),
        tracked: tracked.is_some(),
        tracked_as: tracked.map(|t| t.id.clone()),
        owner: tracked.and_then(|t| t.owner.clone()),
        note: tracked.and_then(|t| t.note.clone()),
    }
}

/// A missing capability's title by what it is: a policy is adopted, events held, a training
/// offered, a campaign run, a service started, housing provided, jobs and roles opened (the
/// model's one title, "Start ...", reads wrongly for most of them). Governance keeps the model's.
fn start_title(kind: CapabilityKind, name: &str, city: &str) -> Option<String> {
    use CapabilityKind::*;
    let singular = |verb: &str| {
        if name.ends_with("policy") || name.ends_with("campaign") {
            format!("{verb} {} in {city}", with_article(name))
        } else {
            format!("{verb} {name} in {city}")
        }
    };
    Some(match kind {
        Policy => singular("Adopt"),
        Event => format!("Hold {name} in {city}"),
        Training => format!("Offer {name} in {city}"),
        Campaign if name.ends_with("campaign") => singular("Run"),
        Campaign | Service => format!("Start {name} in {city}"),
        Housing => format!("Provide {name} in {city}"),
        Employment => format!("Open {name} to people in recovery in {city}"),
        Governance => return None,
    })
}
