//! Ordering and phasing (plan.md): tracked actions agreed or in progress take year-one places
//! first (and stay in year one); then co-production (seats at the table, the board and mission),
//! then actions with a deadline within year one (earliest first), then high, medium and low
//! severity, visible recovery first within a severity, then more gaps answered, then the id. A long-horizon action waits for years
//! two and three unless it has a deadline or is co-production. Year one holds `capacity` actions,
//! years two and three twice that, later the rest; an action whose every possible lead is at its
//! cap moves one phase later. The k-th year-one action takes quarter `1 + 4k / capacity`, due the
//! last day of the quarter or a month before its deadline, never before `as_of`.

use super::group::Draft;
use super::lead::{self, Choice, Loads};
use super::names::Names;
use super::track::Tracking;
use super::{Action, Phase};
use crate::analysis::Analysis;
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::definition::Horizon;
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
            // Co-production first (004: people in recovery and their families define the
            // actions), then what cannot wait past its deadline.
            !co_production(&d.id),
            d.deadline.is_none(),
            d.deadline,
            d.primary().severity,
            !visible(d),
            Reverse(d.gaps.len()),
            d.id.clone(),
        )
    });
    let year_end = ctx.city.as_of.add_months(12).pred();
    let mut loads = Loads::default();
    let mut used = [0u32; 2];
    let limit = [ctx.capacity, 2 * ctx.capacity];
    let mut actions = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        let t = tracked(draft).copied();
        let long = ctx.model.rule(draft.primary().rule).is_some_and(|r| {
            let case = draft.primary().case.and_then(|c| r.action.case_text.get(c));
            case.and_then(|c| c.horizon).unwrap_or(r.action.horizon) == Horizon::Long
        });
        // A tracked due date after year one places a proposed action in years two and three.
        let due_later = t.and_then(|t| t.due).is_some_and(|d| d > year_end);
        let mut phase = if settled(tracked(draft)) {
            Phase::Later
        } else if under_way(tracked(draft))
            || (!due_later && (!long || draft.deadline.is_some() || co_production(&draft.id)))
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
        actions.push(super::action::action(ctx, draft, t, phase, lead));
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
            // A deadline within year one that year one had no room for: no date is suggested
            // after it; the board decides what gives way.
            Phase::Years2To3 if a.due.is_none() && a.deadline.is_none() => {
                a.due = Some(quarter_end(12));
                a.due_suggested = true;
            }
            _ => {}
        }
    }
}
