//! The risk register: single points of failure and funding risks, grouped by organisation, each
//! with what would be lost and one mitigation. A risk is not an action; a funding cliff within
//! year one also makes one, which the register names.

use super::names::Names;
use crate::analysis::Gap;
use crate::model::RuleKind;
use crate::model::city::ActionStatus;
use crate::words::{count, list};
use std::collections::BTreeMap;

/// One organisation's risks (or the partnership's, for a pillar-wide one).
#[derive(Clone, Debug)]
pub struct Risk {
    /// The organisation, or `None` for a risk of the partnership as a whole.
    pub owner: Option<String>,
    /// Its name, or the pillar's.
    pub name: String,
    /// The capabilities that would be lost (ids).
    pub lost: Vec<String>,
    /// What would be lost, in a sentence.
    pub what: String,
    /// One mitigation.
    pub mitigation: String,
    /// The gaps behind it (ids, for the appendix and tracking).
    pub gaps: Vec<String>,
    /// The status tracked under one of its gap ids.
    pub status: Option<ActionStatus>,
    /// The action that answers a funding cliff within year one.
    pub action: Option<String>,
}

/// The register of the `gaps` that are risks (every single point of failure and funding risk),
/// in the order of their first gap; `actions` maps a gap id to the action that answers it.
pub(super) fn register(
    names: &Names<'_>,
    gaps: &[&Gap],
    actions: &BTreeMap<String, String>,
) -> Vec<Risk> {
    let mut by_owner: Vec<(String, Vec<&Gap>)> = Vec::new();
    for g in gaps.iter().filter(|g| {
        matches!(
            g.rule,
            RuleKind::SinglePointOfFailure | RuleKind::FundingRisk
        )
    }) {
        let key = g.subjects.first().cloned().unwrap_or_default();
        match by_owner.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(g),
            None => by_owner.push((key, vec![g])),
        }
    }
    by_owner
        .into_iter()
        .map(|(key, gaps)| risk(names, &key, &gaps, actions))
        .collect()
}

fn risk(names: &Names<'_>, key: &str, gaps: &[&Gap], actions: &BTreeMap<String, String>) -> Risk {
    let actor = names.find_actor(key);
    let name = actor.map_or_else(
        || names.subjects(gaps[0]).first().cloned().unwrap_or_default(),
        |a| a.name.clone(),
    );
    let sole: Vec<String> = gaps
        .iter()
        .filter(|g| g.case == Some("sole_provider"))
        .filter_map(|g| g.subjects.get(1))
        .map(|c| crate::words::as_object(&names.capability(c)))
        .collect();
    let broker = gaps.iter().find(|g| g.case == Some("articulation_point"));
    let funding = gaps.iter().find(|g| g.rule == RuleKind::FundingRisk);
    let mut lost: Vec<String> = gaps
        .iter()
        .filter(|g| g.case == Some("sole_provider"))
        .filter_map(|g| g.subjects.get(1).cloned())
        .collect();
    if funding.is_some()
        && let Some(a) = actor
    {
        for c in &a.provides {
            if !lost.iter().any(|l| l == c.as_str()) {
                lost.push(c.to_string());
            }
        }
    }
    let mut what = Vec::new();
    if !sole.is_empty() {
        what.push(format!("{}, which only it provides", list(&sole, 6)));
    }
    if let Some(b) = broker {
        let partners = b.evidence.len().saturating_sub(1);
        what.push(format!(
            "the connection of {} to the rest of the partnership, which runs through it alone",
            count(partners, "partner", "partners")
        ));
    }
    if let Some(f) = funding {
        what.push(match actor {
            Some(a) => funding_loss(names, a, f),
            None => f.message.clone(),
        });
    }
    let mitigation = match (funding, sole.is_empty(), broker) {
        (Some(_), _, _) if actor.is_some() => format!(
            "help {name} plan its funding a year ahead and find a second funder, so no single decision ends its work"
        ),
        (Some(_), _, _) => format!("seek a second funder for {name}"),
        (None, false, _) => format!(
            "ask a second partner to offer {}, or write down how {name} delivers {} so another could take {} on",
            list(&sole, 6),
            if sole.len() == 1 { "it" } else { "them" },
            if sole.len() == 1 { "it" } else { "them" }
        ),
        _ => format!(
            "introduce the partners {name} links to one another directly, so that no part of the partnership depends on one organisation"
        ),
    };
    Risk {
        owner: actor.map(|a| a.id.to_string()),
        name,
        lost,
        what: crate::words::sentence(&what.join("; ")),
        mitigation: crate::words::sentence(&mitigation),
        gaps: gaps.iter().map(|g| g.id.clone()).collect(),
        status: None,
        action: gaps.iter().find_map(|g| actions.get(&g.id).cloned()),
    }
}

/// What an organisation's funding risk would take, in words: its work when its one funder stops
/// or its funding ends.
fn funding_loss(names: &Names<'_>, actor: &crate::model::city::Actor, gap: &Gap) -> String {
    let funders: Vec<String> = actor
        .funding
        .iter()
        .map(|f| names.funder(&f.source))
        .collect();
    let end = actor.funding.iter().filter_map(|f| f.until).max();
    match (gap.case, end) {
        (Some("ends_within_horizon"), Some(end)) => {
            format!("its work, when all its funding ends by {end}")
        }
        (Some("subcontract"), _) => format!(
            "its work, if {} stops its sub-contract",
            funders.first().map_or("the main provider", String::as_str)
        ),
        _ => format!(
            "its work, if its one funder, {}, stops",
            funders.first().map_or("its funder", String::as_str)
        ),
    }
}
