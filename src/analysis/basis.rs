//! What a finding rests on: recorded, assumed (from an `unknown`, an undated closure or an
//! unmapped sector) or not assessed at all (inclusive-city-model.md, "Knowing what is known").
//!
//! A gap is assumed when it would not be found if every unknown took the value that closes it:
//! the analysis runs the rules again on [`optimistic`] and calls [`mark_assumed`] with what that
//! second run no longer finds.

use super::{Context, Gap};
use crate::model::RuleKind;
use crate::model::city::{ActorStatus, Commitment, Formality};
use crate::model::{City, Date, Model};
use serde::Serialize;
use std::collections::BTreeSet;

/// Recorded or assumed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Rests on what the profile records, v1 defaults included.
    Recorded,
    /// Holds only because of an `unknown`, a missing date or an unmapped sector: to check.
    Assumed,
}

/// What the profile's `mapped_sectors` leave out, and so what is not assessed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NotAssessed {
    /// Sectors outside `city.mapped_sectors`, in model order.
    pub sectors: Vec<String>,
    /// Capabilities none of whose lead sectors was mapped, in model order.
    pub capabilities: Vec<String>,
    /// Required links with an unmapped end, as their sectors.
    pub links: Vec<Vec<String>>,
    /// Rules left out whole (the pathway rule when no entry-point sector was mapped).
    pub rules: Vec<String>,
}

/// The city as it would be if every unknown took the value that closes a gap: an `unknown`
/// commitment engaged, an `unknown` formality formal, an undated closure long past, and a group
/// entry that records no `provides` providing what its sector leads (a group's provision is
/// not recorded, not absent).
pub(super) fn optimistic(model: &Model, city: &City) -> City {
    let mut city = city.clone();
    let long_ago = city.as_of.sub_months(1200);
    for a in &mut city.actors {
        if a.commitment == Commitment::Unknown {
            a.commitment = Commitment::Engaged;
        }
        if a.group.is_some() && a.provides.is_empty() {
            a.provides = model
                .capabilities
                .iter()
                .filter(|c| c.derived.is_none() && c.lead_sectors.contains(&a.sector))
                .map(|c| c.id.clone())
                .collect();
        }
    }
    for a in &mut city.inactive_actors {
        if a.status == ActorStatus::Closed && a.closed_on.is_none() {
            a.closed_on = Some(long_ago);
        }
    }
    for p in &mut city.partnerships {
        if p.formal == Formality::Unknown {
            p.formal = Formality::Formal;
        }
    }
    city
}

/// The date an undated closure is read as: the profile's own date, a recent closure.
pub(super) fn closed_on_or_recent(city: &City, closed_on: Option<Date>) -> Date {
    closed_on.unwrap_or(city.as_of)
}

/// Marks each gap assumed when `rests_on_unknowns` says the optimistic reading closes it, or
/// when it rests on a sector the profile has not mapped; says what it was assumed from.
pub(super) fn mark_assumed(
    ctx: &Context<'_>,
    gaps: &mut [Gap],
    rests_on_unknowns: impl Fn(&Gap) -> bool,
) {
    for gap in gaps.iter_mut() {
        let mut from = Vec::new();
        if rests_on_unknowns(gap) {
            from = unknowns_behind(ctx, gap);
        }
        from.extend(unmapped_behind(ctx, gap).into_iter().map(|s| {
            if s.starts_with("city.") {
                s
            } else {
                format!("{s}: sector not mapped")
            }
        }));
        if !from.is_empty() {
            from.sort();
            from.dedup();
            gap.basis = super::Basis::Assumed;
            gap.assumed_from = from;
        }
    }
}

/// The unknown fields among a gap's actors and their partnerships (every unknown of the
/// profile when none of them is involved).
fn unknowns_behind(ctx: &Context<'_>, gap: &Gap) -> Vec<String> {
    let city = ctx.city;
    let mut involved: BTreeSet<&str> = gap
        .evidence
        .iter()
        .chain(&gap.subjects)
        .map(String::as_str)
        .collect();
    // A capability nobody records: the groups of its lead sectors whose provision is unknown.
    let capability = match gap.rule {
        RuleKind::MissingCapability => gap.subjects.first().map(String::as_str),
        RuleKind::DigitalGap => Some("online_peer_support"),
        _ => None,
    };
    if let Some(c) = capability.and_then(|c| ctx.model.capability(c)) {
        involved.extend(
            city.actors
                .iter()
                .filter(|a| a.group.is_some() && a.provides.is_empty())
                .filter(|a| c.lead_sectors.contains(&a.sector))
                .map(|a| a.id.as_str()),
        );
    }
    let all = |actor: &str| involved.is_empty() || involved.contains(actor);
    let collect = |filter: &dyn Fn(&str) -> bool| {
        let mut out = Vec::new();
        for a in city.actors.iter().filter(|a| filter(a.id.as_str())) {
            if a.commitment == Commitment::Unknown && capability.is_none() {
                out.push(format!("{}.commitment", a.id));
            }
        }
        for p in city.partnerships.iter().filter(|p| {
            p.formal == Formality::Unknown && filter(p.a.as_str()) && filter(p.b.as_str())
        }) {
            let arrow = if p.directed { "->" } else { "--" };
            out.push(format!("{} {arrow} {}: formal", p.a, p.b));
        }
        for a in city
            .closed_actors()
            .filter(|a| a.closed_on.is_none() && filter(a.id.as_str()))
        {
            out.push(format!("{}.closed_on", a.id));
        }
        for a in city
            .actors
            .iter()
            .filter(|a| a.group.is_some() && a.provides.is_empty() && filter(a.id.as_str()))
        {
            out.push(format!("{}.provides", a.id));
        }
        out
    };
    let found = collect(&all);
    if found.is_empty() {
        collect(&|_| true)
    } else {
        found
    }
}

/// The unmapped sectors a gap rests on: an end of a required link that may lie in a sector not
/// mapped, or any unmapped sector for a finding about the network's shape, which a partner in
/// an unmapped sector could change.
fn unmapped_behind(ctx: &Context<'_>, gap: &Gap) -> Vec<String> {
    let Some(mapped) = ctx.city.mapped_sectors.as_ref() else {
        return Vec::new();
    };
    let unmapped = |sectors: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        sectors
            .filter(|s| !mapped.iter().any(|m| m.as_str() == *s))
            .map(str::to_owned)
            .collect()
    };
    let leads_of = |capability: &str| -> Vec<String> {
        ctx.model.capability(capability).map_or_else(Vec::new, |c| {
            unmapped(&mut c.lead_sectors.iter().map(|s| s.as_str()))
        })
    };
    match (gap.rule, gap.case) {
        (RuleKind::MissingLink | RuleKind::WeakLink, _) => {
            unmapped(&mut gap.subjects.iter().map(String::as_str))
        }
        (RuleKind::IsolatedActor | RuleKind::FragmentedNetwork, _)
        | (RuleKind::SinglePointOfFailure, Some("articulation_point")) => {
            let n = unmapped(&mut ctx.model.sectors.iter().map(|s| s.id.as_str())).len();
            if n == 0 {
                Vec::new()
            } else {
                // One entry, not a list of every unmapped sector: any of them could hold a partner.
                vec![format!("city.mapped_sectors ({n} not mapped)")]
            }
        }
        (RuleKind::SinglePointOfFailure, _) => {
            gap.subjects.get(1).map_or_else(Vec::new, |c| leads_of(c))
        }
        (RuleKind::DistrictGap, _) => {
            ctx.model
                .pillar(gap.pillar.as_str())
                .map_or_else(Vec::new, |p| {
                    let mut out: Vec<String> = p
                        .capabilities
                        .iter()
                        .flat_map(|c| leads_of(c.as_str()))
                        .collect();
                    out.sort();
                    out.dedup();
                    out
                })
        }
        _ => Vec::new(),
    }
}

/// The sectors, capabilities, links and rules the profile's map leaves unassessed.
pub(super) fn not_assessed(ctx: &Context<'_>) -> NotAssessed {
    if ctx.city.mapped_sectors.is_none() {
        return NotAssessed::default();
    }
    let model = ctx.model;
    let sectors = model
        .sectors
        .iter()
        .filter(|s| !ctx.city.maps(&s.id))
        .map(|s| s.id.to_string())
        .collect();
    let capabilities = model
        .capabilities
        .iter()
        .filter(|c| !ctx.assesses_capability(c.id.as_str()))
        .map(|c| c.id.to_string())
        .collect();
    let links = ctx
        .facts
        .links
        .iter()
        .filter(|l| l.state == super::LinkState::NotAssessed)
        .map(|l| l.subjects.clone())
        .collect();
    let rules = (!assesses_pathways(ctx))
        .then(|| RuleKind::PathwayGap.as_str().to_owned())
        .into_iter()
        .collect();
    NotAssessed {
        sectors,
        capabilities,
        links,
        rules,
    }
}

/// The pathway rule is assessed unless every entry-point sector is unmapped.
pub(super) fn assesses_pathways(ctx: &Context<'_>) -> bool {
    ctx.model
        .entry_point_sectors()
        .any(|s| ctx.city.maps(&s.id))
}
