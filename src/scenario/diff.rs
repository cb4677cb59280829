//! What changed between two versions of a city, compared through the analysis: actors added,
//! removed, closed and opened, partnerships added and removed, gaps closed (with the new
//! partners or partnerships that closed them) and opened, each with its basis, pillar and index
//! changes, actions added and retired, tracked statuses changed. Pure; works on [`Snapshot`]s
//! taken from a profile's analysis or read back from an earlier plan's analysis.json.
//!
//! A snapshot of a profile lists its closed and planned actors with their status, so an actor
//! that closed between the versions is reported as closed (not removed) and a planned one that
//! opened as opened (not added). analysis.json holds the network's (active) actors only: against
//! an earlier plan, a closure is still seen, and an opening reads as an actor added.
//! Partnerships are compared by their ends, kind and direction; against an analysis.json written
//! before it recorded them, by partnered pairs on both sides.

use super::snapshot::pair;
pub use super::snapshot::{GapBrief, Listed, ReadError, Snapshot, partnership_key};
use crate::model::City;
use crate::model::city::ActorStatus;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What changed between two snapshots.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// The older version's date.
    pub from_as_of: String,
    /// The newer version's date.
    pub to_as_of: String,
    /// The index before and after.
    pub index: Change,
    /// The number of network components before and after (isolated actors count as one each).
    pub components: [usize; 2],
    /// Pillars whose score changed.
    pub pillars: BTreeMap<String, Change>,
    /// Active actors new to the profile: id, name, sector.
    pub actors_added: Vec<ActorBrief>,
    /// Active actors gone from the profile.
    pub actors_removed: Vec<ActorBrief>,
    /// Actors active or planned before, closed now.
    pub actors_closed: Vec<ActorBrief>,
    /// Actors planned or closed before, active now.
    pub actors_opened: Vec<ActorBrief>,
    /// Partnerships added, as `a -> b (kind)` or `a -- b (kind)`; as partnered pairs `a -- b`
    /// when one side does not record kinds (an older analysis.json).
    pub partnerships_added: Vec<String>,
    /// Partnerships removed, keyed as those added.
    pub partnerships_removed: Vec<String>,
    /// Gaps closed, with what closed them.
    pub gaps_closed: Vec<ClosedGap>,
    /// Gaps opened.
    pub gaps_opened: Vec<GapBrief>,
    /// Action ids new in the plan (one per opened gap).
    pub actions_added: Vec<String>,
    /// Action ids no longer generated (one per closed gap).
    pub actions_retired: Vec<String>,
    /// Tracked actions whose status changed, appeared or disappeared.
    pub statuses_changed: Vec<StatusChange>,
}

/// A number before and after.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Before.
    pub before: f64,
    /// After.
    pub after: f64,
    /// After less before, one decimal.
    pub delta: f64,
}

/// An actor in a diff.
#[derive(Clone, Debug, Serialize)]
pub struct ActorBrief {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sector.
    pub sector: String,
    /// Its status before, when it closed or opened (planned, or closed for a reopening).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub was: Option<ActorStatus>,
}

/// A gap that closed.
#[derive(Clone, Debug, Serialize)]
pub struct ClosedGap {
    /// The gap as it was.
    #[serde(flatten)]
    pub gap: GapBrief,
    /// New actors and partnerships without which it would open again (see [`attribute`]).
    pub closed_by: Vec<String>,
}

/// A tracked action's status then and now (`None`: not tracked).
#[derive(Clone, Debug, Serialize)]
pub struct StatusChange {
    /// Action id.
    pub id: String,
    /// Before.
    pub before: Option<String>,
    /// After.
    pub after: Option<String>,
}

fn change(before: f64, after: f64) -> Change {
    Change {
        before,
        after,
        delta: ((after - before) * 10.0).round() / 10.0,
    }
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.actors_added.is_empty()
            && self.actors_removed.is_empty()
            && self.actors_closed.is_empty()
            && self.actors_opened.is_empty()
            && self.partnerships_added.is_empty()
            && self.partnerships_removed.is_empty()
            && self.gaps_closed.is_empty()
            && self.gaps_opened.is_empty()
            && self.statuses_changed.is_empty()
            && self.pillars.is_empty()
            && self.components[0] == self.components[1]
    }
}

/// Compares two snapshots.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let [actors_added, actors_removed, actors_closed, actors_opened] = actor_moves(old, new);
    // By kind and direction when both sides record them; else (an analysis.json written before
    // it recorded partnerships) by partnered pairs on both sides.
    let (before, after) = match (&old.partnerships, &new.partnerships) {
        (Some(before), Some(after)) => (before, after),
        _ => (&old.pairs, &new.pairs),
    };
    let partnerships_added: Vec<String> = after.difference(before).cloned().collect();
    let partnerships_removed = before.difference(after).cloned().collect();
    let mut gaps_closed: Vec<ClosedGap> = old
        .gaps
        .values()
        .filter(|g| !new.gaps.contains_key(&g.id))
        .map(|g| ClosedGap {
            gap: g.clone(),
            closed_by: Vec::new(),
        })
        .collect();
    let mut gaps_opened: Vec<GapBrief> = new
        .gaps
        .values()
        .filter(|g| !old.gaps.contains_key(&g.id))
        .cloned()
        .collect();
    let rank = |s: &str| {
        ["high", "medium", "low"]
            .iter()
            .position(|x| *x == s)
            .unwrap_or(3)
    };
    gaps_closed.sort_by(|a, b| {
        rank(&a.gap.severity)
            .cmp(&rank(&b.gap.severity))
            .then_with(|| a.gap.id.cmp(&b.gap.id))
    });
    gaps_opened.sort_by(|a, b| {
        rank(&a.severity)
            .cmp(&rank(&b.severity))
            .then_with(|| a.id.cmp(&b.id))
    });
    let pillars = new
        .pillars
        .iter()
        .filter_map(|(p, after)| {
            // A pillar scored on one side only (its sectors newly mapped) has no change to show.
            let before = old.pillars.get(p).copied()?;
            ((after - before).abs() > 1e-9).then(|| (p.clone(), change(before, *after)))
        })
        .collect();
    // analysis.json does not record tracked statuses: against it, none are compared.
    let statuses_changed = match (&old.tracked, &new.tracked) {
        (Some(before), Some(after)) => status_changes(before, after),
        _ => Vec::new(),
    };
    Diff {
        from_as_of: old.as_of.clone(),
        to_as_of: new.as_of.clone(),
        index: change(old.index, new.index),
        components: [old.components, new.components],
        pillars,
        actions_added: gaps_opened.iter().map(|g| g.id.clone()).collect(),
        actions_retired: gaps_closed.iter().map(|g| g.gap.id.clone()).collect(),
        actors_added,
        actors_removed,
        actors_closed,
        actors_opened,
        partnerships_added,
        partnerships_removed,
        gaps_closed,
        gaps_opened,
        statuses_changed,
    }
}

/// The tracked actions whose status changed, appeared or disappeared, by id.
fn status_changes(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<StatusChange> {
    let ids: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    ids.into_iter()
        .filter(|id| before.get(*id) != after.get(*id))
        .map(|id| StatusChange {
            id: id.clone(),
            before: before.get(id).cloned(),
            after: after.get(id).cloned(),
        })
        .collect()
}

/// How an actor's place in the city changed.
#[derive(Clone, Copy)]
enum Move {
    Added,
    Removed,
    Closed,
    Opened,
}

/// The move from one status to another (`None`: not in the profile). An entry only recorded
/// (a planned or closed entry added or dropped, a closure recorded for the first time) is no
/// move of the network: its effect shows in the gaps.
fn actor_move(before: Option<ActorStatus>, after: Option<ActorStatus>) -> Option<Move> {
    use ActorStatus::{Active, Closed, Planned};
    match (before, after) {
        (None, Some(Active)) => Some(Move::Added),
        (Some(Active), None) => Some(Move::Removed),
        (Some(Active | Planned), Some(Closed)) => Some(Move::Closed),
        (Some(Planned | Closed), Some(Active)) => Some(Move::Opened),
        _ => None,
    }
}

/// The actors added, removed, closed and opened, each list by id.
fn actor_moves(old: &Snapshot, new: &Snapshot) -> [Vec<ActorBrief>; 4] {
    let mut moves: [Vec<ActorBrief>; 4] = Default::default();
    let ids: BTreeSet<&String> = old.actors.keys().chain(new.actors.keys()).collect();
    for id in ids {
        let (before, after) = (old.actors.get(id), new.actors.get(id));
        let Some(m) = actor_move(before.map(|a| a.status), after.map(|a| a.status)) else {
            continue;
        };
        let Some(listed) = after.or(before) else {
            continue;
        };
        moves[m as usize].push(ActorBrief {
            id: id.clone(),
            name: listed.name.clone(),
            sector: listed.sector.clone(),
            was: before
                .map(|b| b.status)
                .filter(|_| matches!(m, Move::Closed | Move::Opened)),
        });
    }
    moves
}

/// `city` without an actor that joined or opened: a reopened one closed again (what it provides
/// is lost provision again), any other gone.
fn without_actor(city: &City, a: &ActorBrief) -> City {
    let mut without = city.clone();
    let actor = city.actor(&a.id).cloned();
    super::remove_actor(&mut without, &a.id);
    if let (Some(mut actor), Some(ActorStatus::Closed)) = (actor, a.was) {
        actor.status = ActorStatus::Closed;
        without.inactive_actors.push(actor);
    }
    without
}

/// What attribution takes away from the newer city, one at a time.
enum Item<'d> {
    /// An actor that joined.
    Added(&'d ActorBrief),
    /// An actor that opened (was planned or closed).
    Opened(&'d ActorBrief),
    /// A partnership added, by its key (a partnered pair's key takes every partnership of it).
    Partnership(&'d str),
}

impl Item<'_> {
    /// How a closed gap names it.
    fn cause(&self) -> String {
        match self {
            Item::Added(a) => format!("new partner {}", a.name),
            Item::Opened(a) => format!("{} opening", a.name),
            Item::Partnership(key) => format!("new partnership {key}"),
        }
    }

    /// `city` without it.
    fn taken_from(&self, city: &City) -> City {
        match self {
            Item::Added(a) | Item::Opened(a) => without_actor(city, a),
            Item::Partnership(key) => {
                let mut without = city.clone();
                without.partnerships.retain(|p| {
                    partnership_key(p) != *key && pair(p.a.as_str(), p.b.as_str()) != *key
                });
                without
            }
        }
    }
}

/// Says which new (or newly opened) actors and new partnerships closed each closed gap: those
/// without which (in `new`, the newer city) the gap opens again. Pure: one analysis of the city
/// per item (none when no gap closed), however many, in parallel; the causes keep the items'
/// order (actors added, actors opened, partnerships added), whatever the thread count.
pub fn attribute(d: &mut Diff, model: &crate::model::Model, new: &City) {
    if d.gaps_closed.is_empty() {
        return;
    }
    let closed: BTreeSet<&str> = d.gaps_closed.iter().map(|g| g.gap.id.as_str()).collect();
    let items: Vec<Item<'_>> = d
        .actors_added
        .iter()
        .map(Item::Added)
        .chain(d.actors_opened.iter().map(Item::Opened))
        .chain(d.partnerships_added.iter().map(|k| Item::Partnership(k)))
        .collect();
    // Each item's cause and the closed gaps that open again without it. Betweenness and
    // closeness are left out: no rule reads them.
    let causes: Vec<(String, BTreeSet<String>)> = items
        .par_iter()
        .map(|item| {
            let city = item.taken_from(new);
            let network = crate::network::Network::build(&city, model);
            let (analysis, _) = crate::analysis::analyse_without_paths(model, &city, &network);
            let reopened = analysis
                .gaps
                .into_iter()
                .map(|g| g.id)
                .filter(|id| closed.contains(id.as_str()))
                .collect();
            (item.cause(), reopened)
        })
        .collect();
    for g in &mut d.gaps_closed {
        g.closed_by = causes
            .iter()
            .filter(|(_, gaps)| gaps.contains(&g.gap.id))
            .map(|(c, _)| c.clone())
            .collect();
    }
}
