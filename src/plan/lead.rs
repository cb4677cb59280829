//! Who leads an action, by remit: an actor of the action's lead sectors (the capability's, else
//! the rule's), committed before engaged, never identified, declined, closed, planned or a
//! funder, within its yearly cap (`lead_capacity`, default 2 for an organisation led by people
//! with lived experience, 3 for others). Among candidates: committed first, then the order of the
//! lead sectors (the remit), then fewer lead roles so far, then more partnerships, then the id.
//! With no candidate at all the council department at the centre of the partnership convenes,
//! within its own cap; lived-experience work waits for a lived-experience lead rather than pass to
//! a statutory body. The reason is in words.

use super::Phase;
use super::group::Draft;
use super::names::Names;
use crate::analysis::Analysis;
use crate::model::city::{Actor, Commitment};
use crate::model::ids::{ActorId, SectorId};
use crate::model::{City, Model, RuleKind, known};
use crate::words::{either, with_article};
use std::collections::BTreeMap;

/// How many partners an action names.
const MAX_PARTNERS: usize = 5;

/// The lead of an action.
#[derive(Clone, Debug)]
pub struct Lead {
    /// The actor, or `None` when no organisation can lead yet (the reason says to recruit).
    pub actor: Option<ActorId>,
    /// Why this actor, in words, or what to do when there is none.
    pub reason: String,
}

/// Lead roles taken so far, per actor and phase (looked up without copying the id: a large
/// city asks this of thousands of candidates for each action).
#[derive(Default)]
pub(super) struct Loads(BTreeMap<ActorId, BTreeMap<Phase, u32>>);

impl Loads {
    fn taken(&self, id: &ActorId, phase: Phase) -> u32 {
        self.0
            .get(id)
            .and_then(|p| p.get(&phase))
            .copied()
            .unwrap_or(0)
    }

    /// Records a lead role.
    pub(super) fn take(&mut self, id: &ActorId, phase: Phase) {
        *self
            .0
            .entry(id.clone())
            .or_default()
            .entry(phase)
            .or_insert(0) += 1;
    }
}

/// An actor's cap in a phase: its yearly `lead_capacity` times the phase's years.
fn cap(actor: &Actor, phase: Phase) -> u32 {
    let yearly = actor
        .lead_capacity
        .unwrap_or(if actor.lived_experience_led { 2 } else { 3 });
    yearly * phase.years()
}

/// What choosing a lead found.
pub(super) enum Choice {
    /// A lead (or a reason why nobody can lead yet).
    Lead(Lead),
    /// Every candidate is at its cap in this phase: the action moves one phase later.
    Full,
}

/// Chooses the lead of `draft` in `phase`.
pub(super) fn choose(
    model: &Model,
    city: &City,
    analysis: &Analysis,
    names: &Names<'_>,
    draft: &Draft<'_>,
    phase: Phase,
    loads: &Loads,
) -> Choice {
    let gap = draft.primary();
    let Some(rule) = model.rule(gap.rule) else {
        return Choice::Lead(nobody("the model has no action for it"));
    };
    if let Some(c) = draft
        .commissioner
        .as_ref()
        .and_then(|c| city.actor(c.as_str()))
        && loads.taken(&c.id, phase) < cap(c, phase)
    {
        return Choice::Lead(Lead {
            actor: Some(c.id.clone()),
            reason: "the commissioner of these contracts".into(),
        });
    }
    if rule.action.lead_subject
        && let Some(actor) = gap.subjects.first().and_then(|s| city.actor(s))
        && actor.commitment != Commitment::Declined
    {
        return Choice::Lead(Lead {
            actor: Some(actor.id.clone()),
            reason: "the organisation concerned".into(),
        });
    }
    let rule_sectors = gap
        .case
        .and_then(|c| rule.action.case_text.get(c))
        .and_then(|c| c.lead_sectors.as_ref())
        .unwrap_or(&rule.action.lead_sectors);
    let sectors = lead_sectors(model, draft, rule_sectors);
    // Lived-experience and peer work is led by people in recovery, where the recovery community
    // is the first remit; governance convened by the council is not.
    let lived = model
        .pillar(gap.pillar.as_str())
        .is_some_and(|p| p.lived_experience_lead)
        && sectors
            .first()
            .is_some_and(|s| s.as_str() == known::RECOVERY_COMMUNITY);
    let degree = |a: &Actor| analysis.network.actors.get(&a.id).map_or(0, |m| m.degree);
    // Seats and the board's mission are the board's to take on: its members lead them.
    let board: Vec<&ActorId> = match draft.id.as_str() {
        "seats-at-the-table" | "board-and-mission" => city
            .governance
            .as_ref()
            .map(|g| g.board.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut candidates: Vec<&Actor> = city
        .actors
        .iter()
        .filter(|a| sectors.contains(&a.sector) && a.sector.as_str() != known::FUNDER)
        .filter(|a| matches!(a.commitment, Commitment::Committed | Commitment::Engaged))
        // A group of mutual-aid meetings does not lead a piece of work.
        .filter(|a| a.group.is_none())
        .filter(|a| board.is_empty() || board.contains(&&a.id))
        .collect();
    let lived_leads = candidates.iter().any(|a| a.lived_experience_led);
    candidates.retain(|a| !lived || a.lived_experience_led);
    // The lead sectors are in order of remit: a committed actor of the first comes before one
    // of the second (the council convenes the board; a housing association houses).
    let rank = |a: &Actor| sectors.iter().position(|s| s == &a.sector);
    // The first in that order still under its cap: a minimum, not a sort, as a large city has
    // thousands of candidates for each of thousands of actions.
    if let Some(best) = candidates
        .iter()
        .filter(|a| loads.taken(&a.id, phase) < cap(a, phase))
        .min_by_key(|a| {
            (
                a.commitment != Commitment::Committed,
                rank(a),
                loads.taken(&a.id, phase),
                std::cmp::Reverse(degree(a)),
                &a.id,
            )
        })
    {
        return Choice::Lead(Lead {
            actor: Some(best.id.clone()),
            reason: remit(names, draft, best, !board.is_empty()),
        });
    }
    if !candidates.is_empty() {
        return Choice::Full;
    }
    // Peer work waits for an organisation led by people in recovery rather than pass to a
    // statutory body for want of one.
    if lived && !lived_leads {
        return Choice::Full;
    }
    let wanted: Vec<String> = sectors.iter().map(|s| names.sector(s.as_str())).collect();
    let missing = if lived {
        "no organisation led by people in recovery can lead it yet".to_owned()
    } else {
        format!("no committed {} partner yet", either(&wanted))
    };
    let council = city
        .actors
        .iter()
        .filter(|a| a.sector.as_str() == known::COUNCIL && a.commitment.is_active())
        .filter(|a| loads.taken(&a.id, phase) < cap(a, phase))
        // The council department at the centre of the partnership convenes.
        .min_by(|a, b| degree(b).cmp(&degree(a)).then_with(|| a.id.cmp(&b.id)));
    let any_council = city
        .actors
        .iter()
        .any(|a| a.sector.as_str() == known::COUNCIL && a.commitment.is_active());
    match council {
        Some(c) => Choice::Lead(Lead {
            actor: Some(c.id.clone()),
            reason: format!("the council convenes and recruits: {missing}"),
        }),
        None if any_council => Choice::Full,
        None => Choice::Lead(nobody(&format!("{missing}: recruit one"))),
    }
}

/// No lead, and why.
pub(super) fn nobody(reason: &str) -> Lead {
    Lead {
        actor: None,
        reason: reason.to_owned(),
    }
}

/// The sectors whose remit the action is: the capability's lead sectors for an action about a
/// capability, else the rule's.
fn lead_sectors(model: &Model, draft: &Draft<'_>, rule: &[SectorId]) -> Vec<SectorId> {
    let gap = draft.primary();
    let capability = match gap.rule {
        RuleKind::MissingCapability | RuleKind::UncommittedCapability => gap.subjects.first(),
        RuleKind::LostProvision => gap.subjects.get(1),
        _ => None,
    };
    if let Some(c) = capability.and_then(|c| model.capability(c)) {
        return c.lead_sectors.clone();
    }
    // A partnership between sectors is led by one of them: the council first, the recovery
    // community last (an agreement is drafted by the side with paid staff, sparing the lived
    // experience organisations' few lead places for peer work).
    if let Some(link) = draft.id.strip_prefix("link.") {
        let mut sectors: Vec<SectorId> = link.split('.').map(SectorId::from).collect();
        sectors.sort_by_key(|s| match s.as_str() {
            known::COUNCIL => 0,
            known::RECOVERY_COMMUNITY => 2,
            _ => 1,
        });
        return sectors;
    }
    rule.to_vec()
}

/// Why `actor` leads, in words: its commitment and sector, what it already provides that the
/// action concerns, and that people in recovery lead it.
fn remit(names: &Names<'_>, draft: &Draft<'_>, actor: &Actor, on_board: bool) -> String {
    let sector = names.sector(actor.sector.as_str());
    let mut why = format!(
        "{} {sector} partner",
        with_article(actor.commitment.as_str())
    );
    if actor.lived_experience_led {
        why.push_str(" led by people in recovery");
    }
    let gap = draft.primary();
    let concerned = gap
        .subjects
        .iter()
        .chain(&gap.evidence)
        .any(|s| s == actor.id.as_str());
    if on_board {
        why.push_str(" on the board, whose members decide this");
    } else if concerned {
        why.push_str(", the organisation concerned");
    } else {
        why.push_str(", whose remit this is");
    }
    why
}

/// The order partners are taken in within their sectors: the sectors' order, committed before
/// engaged, then by id.
fn partner_order<'a>(sectors: &[SectorId], a: &'a Actor) -> (Option<usize>, bool, &'a ActorId) {
    (
        sectors.iter().position(|s| s == &a.sector),
        a.commitment != Commitment::Committed,
        &a.id,
    )
}

/// Partners to involve: one committed or engaged actor of each supporting sector first, then
/// the active organisations the gaps name, then more of the supporting sectors; never the lead,
/// never a funder, and no mutual-aid group in a partnership between organisations.
pub(super) fn partners(
    city: &City,
    draft: &Draft<'_>,
    sectors: &[SectorId],
    lead: Option<&ActorId>,
) -> Vec<ActorId> {
    let link = draft.id.starts_with("link.");
    let usable = |a: &&Actor| {
        Some(&a.id) != lead
            && a.sector.as_str() != known::FUNDER
            && a.commitment != Commitment::Declined
            && !(link && a.group.is_some())
    };
    let of_sectors: Vec<&Actor> = city
        .actors
        .iter()
        .filter(|a| sectors.contains(&a.sector) && a.commitment.is_active())
        .filter(usable)
        .collect();
    let order = |a: &Actor, b: &Actor| partner_order(sectors, a).cmp(&partner_order(sectors, b));
    // The first of each sector in that order, then the rest in order: only the first few of
    // the rest can be named (the `MAX_PARTNERS`, and as many again as the named ones they may
    // repeat), so those are selected rather than all sorted (a large city has thousands).
    let mut first: Vec<&Actor> = Vec::new();
    for a in &of_sectors {
        match first.iter_mut().find(|f| f.sector == a.sector) {
            Some(f) if order(a, f).is_lt() => *f = a,
            Some(_) => {}
            None => first.push(a),
        }
    }
    first.sort_by(|a, b| order(a, b));
    let named: Vec<&Actor> = draft
        .gaps
        .iter()
        .flat_map(|g| &g.evidence)
        .filter_map(|e| city.actor(e))
        .filter(usable)
        .collect();
    let mut rest: Vec<&Actor> = of_sectors
        .into_iter()
        .filter(|a| !first.iter().any(|f| f.id == a.id))
        .collect();
    let wanted = MAX_PARTNERS + named.len();
    if rest.len() > wanted {
        rest.select_nth_unstable_by(wanted, |a, b| order(a, b));
        rest.truncate(wanted);
    }
    rest.sort_by(|a, b| order(a, b));
    let mut out: Vec<ActorId> = Vec::new();
    for a in first.into_iter().chain(named).chain(rest) {
        if !out.contains(&a.id) {
            out.push(a.id.clone());
        }
    }
    out.truncate(MAX_PARTNERS);
    out
}
