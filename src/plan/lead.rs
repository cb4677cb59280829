//! Who could lead an action, and why: among the actors of the template's lead sectors, a
//! committed one first, then (for pillars the model marks) one led by people with lived
//! experience, then the earlier lead sector, then the best-connected broker (betweenness).

use crate::analysis::Analysis;
use crate::analysis::Gap;
use crate::model::city::{Actor, Commitment};
use crate::model::definition::ActionTemplate;
use crate::model::ids::{ActorId, SectorId};
use crate::model::{City, Model};

/// How many supporting partners an action names.
const MAX_SUPPORTING: usize = 6;

/// The suggested lead of an action.
#[derive(Clone, Debug)]
pub struct Lead {
    /// The actor, or `None` when no actor of the lead sectors exists yet.
    pub actor: Option<ActorId>,
    /// Why this actor, or what to do when there is none.
    pub reason: String,
}

fn betweenness(analysis: &Analysis, id: &ActorId) -> f64 {
    analysis
        .network
        .actors
        .get(id)
        .map_or(0.0, |m| m.betweenness)
}

fn commitment_rank(c: Commitment) -> u8 {
    match c {
        Commitment::Committed => 0,
        Commitment::Engaged => 1,
        Commitment::Identified => 2,
        Commitment::Unknown => 3,
        Commitment::Declined => 4,
    }
}

/// Chooses the lead of the action answering `gap`.
pub(super) fn choose(
    model: &Model,
    city: &City,
    analysis: &Analysis,
    gap: &Gap,
    template: &ActionTemplate,
) -> Lead {
    let sectors = &template.lead_sectors;
    if template.lead_subject
        && let Some(actor) = gap.subjects.first().and_then(|s| city.actor(s))
        && actor.commitment != Commitment::Declined
    {
        return Lead {
            actor: Some(actor.id.clone()),
            reason: format!("{}, the organisation concerned", actor.commitment.as_str()),
        };
    }
    let prefer_lived = model
        .pillar(gap.pillar.as_str())
        .is_some_and(|p| p.lived_experience_lead);
    let sector_rank = |a: &Actor| {
        sectors
            .iter()
            .position(|s| s == &a.sector)
            .unwrap_or(usize::MAX)
    };
    let mut candidates: Vec<&Actor> = city
        .actors
        .iter()
        .filter(|a| a.commitment != Commitment::Declined && sectors.contains(&a.sector))
        .collect();
    candidates.sort_by(|a, b| {
        let key = |x: &Actor| {
            (
                commitment_rank(x.commitment),
                prefer_lived && !x.lived_experience_led,
                sector_rank(x),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| betweenness(analysis, &b.id).total_cmp(&betweenness(analysis, &a.id)))
            .then_with(|| a.id.cmp(&b.id))
    });
    let Some(best) = candidates.first() else {
        let wanted: Vec<String> = sectors
            .iter()
            .map(|s| {
                model
                    .sector(s.as_str())
                    .map_or(s.to_string(), |d| d.name.clone())
            })
            .collect();
        return Lead {
            actor: None,
            reason: format!(
                "no actor yet: recruit one ({})",
                super::fill::list(&wanted, 6).replace(" and ", " or ")
            ),
        };
    };
    let mut why = vec![best.commitment.as_str().to_owned()];
    if prefer_lived && best.lived_experience_led {
        why.push("lived-experience led".into());
    }
    let sector = model
        .sector(best.sector.as_str())
        .map_or(best.sector.to_string(), |s| s.name.clone());
    let peers = candidates
        .iter()
        .filter(|c| {
            c.commitment == best.commitment
                && c.sector == best.sector
                && (!prefer_lived || c.lived_experience_led == best.lived_experience_led)
        })
        .count();
    let b = betweenness(analysis, &best.id);
    if peers > 1 {
        why.push(format!(
            "the best-connected broker among {peers} {sector} actors (betweenness {b:.2})"
        ));
    } else {
        why.push(format!(
            "the {sector} actor best placed to lead (betweenness {b:.2})"
        ));
    }
    Lead {
        actor: Some(best.id.clone()),
        reason: why.join(", "),
    }
}

/// Partners to involve: the actors the gap names, then committed or engaged actors of the
/// supporting sectors, best connected first; never the lead.
pub(super) fn supporting(
    city: &City,
    analysis: &Analysis,
    gap: &Gap,
    sectors: &[SectorId],
    lead: Option<&ActorId>,
) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = gap
        .evidence
        .iter()
        .filter_map(|e| city.actor(e))
        .filter(|a| Some(&a.id) != lead && a.commitment != Commitment::Declined)
        .map(|a| a.id.clone())
        .take(MAX_SUPPORTING)
        .collect();
    let mut more: Vec<&Actor> = city
        .actors
        .iter()
        .filter(|a| sectors.contains(&a.sector) && a.commitment.is_active())
        .filter(|a| Some(&a.id) != lead && !out.contains(&a.id))
        .collect();
    more.sort_by(|a, b| {
        let sector_rank = |x: &Actor| sectors.iter().position(|s| s == &x.sector);
        sector_rank(a)
            .cmp(&sector_rank(b))
            .then_with(|| commitment_rank(a.commitment).cmp(&commitment_rank(b.commitment)))
            .then_with(|| betweenness(analysis, &b.id).total_cmp(&betweenness(analysis, &a.id)))
            .then_with(|| a.id.cmp(&b.id))
    });
    // One partner per supporting sector first, so each sector is represented.
    let mut seen: Vec<&SectorId> = Vec::new();
    let (first, rest): (Vec<&Actor>, Vec<&Actor>) = more.into_iter().partition(|a| {
        let new = !seen.contains(&&a.sector);
        if new {
            seen.push(&a.sector);
        }
        new
    });
    out.extend(first.into_iter().chain(rest).map(|a| a.id.clone()));
    out.truncate(MAX_SUPPORTING);
    out
}
