//! What a finding rests on: recorded, assumed (from an `unknown`, an undated closure or an
//! unmapped sector) or not assessed at all (inclusive-city-model.md, "Knowing what is known").
//!
//! A gap is assumed when it would not be found if every unknown took the value that closes it:
//! the analysis runs the rules again on [`optimistic`] and calls [`mark_assumed`] with what that
//! second run no longer finds.

use super::{Context, Gap};
use crate::model::RuleKind;
use crate::model::city::{ActorStatus, Commitment, Formality};
use crate::model::known;
use crate::model::{City, Date, Model};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Recorded or assumed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Rests on what the profile records, v1 defaults included.
    #[default]
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
/// commitment engaged, an `unknown` formality formal, an undated closure long past, a group
/// entry that records no `provides` providing what its sector leads (a group's provision is
/// not recorded, not absent), a public recovery event without `per_year` frequent enough, and a
/// recovery organisation that records no funding diversely funded, by the city's funders too.
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
    for i in &mut city.initiatives {
        if undated_event(i) {
            // Often enough on its own: the visibility rule's minimum is met.
            i.per_year = Some(u32::MAX / 1024);
        }
    }
    // A recovery organisation that records no funding: funded, by as many sources as the
    // model asks, one of them a funder of the city's (so neither diverse funding nor the funder
    // link rests on what is not recorded). One funding partnership is enough to close the link:
    // adding one per organisation and funder would grow as their product.
    let funder = city
        .actors
        .iter()
        .find(|a| a.sector.as_str() == known::FUNDER)
        .map(|a| a.id.clone());
    let min_sources = model
        .capabilities
        .iter()
        .find_map(|c| c.params.get("min_sources").copied())
        .unwrap_or(0.0)
        .clamp(0.0, 16.0) as usize;
    let mut first_unfunded = None;
    for a in city.actors.iter_mut().filter(|a| unfunded_recovery(a)) {
        a.funding = (0..min_sources.max(1))
            .map(|n| crate::model::city::Funding {
                source: format!("not-recorded-{}-{n}", a.id),
                until: None,
                kind: None,
            })
            .collect();
        first_unfunded.get_or_insert_with(|| a.id.clone());
    }
    if let (Some(funder), Some(unfunded)) = (funder, first_unfunded) {
        city.partnerships
            .push(crate::model::city::Partnership::implied(
                funder,
                unfunded,
                crate::model::ids::LinkKind(known::FUNDING_LINK.into()),
                false,
            ));
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
    let all = unknowns(ctx.city);
    let mut by_actor: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, (_, _, actors)) in all.iter().enumerate() {
        for a in actors {
            by_actor.entry(a).or_default().push(i);
        }
    }
    let index = UnknownIndex {
        all: &all,
        by_actor,
    };
    for gap in gaps.iter_mut() {
        let mut from = Vec::new();
        if rests_on_unknowns(gap) {
            from = unknowns_behind(ctx, gap, &index);
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
            // A finding that rests on many unknowns names a few and counts the rest, so the
            // output stays proportional to the profile.
            if from.len() > MAX_ASSUMED_FROM {
                let more = from.len() - MAX_ASSUMED_FROM;
                from.truncate(MAX_ASSUMED_FROM);
                from.push(format!("and {more} more"));
            }
            gap.basis = super::Basis::Assumed;
            gap.assumed_from = from;
        }
    }
}

/// The most unknowns a gap's `assumed_from` names before it counts the rest.
const MAX_ASSUMED_FROM: usize = 8;

/// The profile's unknowns, and which of them concern each actor.
struct UnknownIndex<'u, 'c> {
    all: &'u [(Unknown, String, Vec<&'c str>)],
    by_actor: rustc_hash::FxHashMap<&'c str, Vec<usize>>,
}

/// What an unknown is about, to tell which rules it can sway.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unknown {
    /// `commitment: unknown`.
    Commitment,
    /// `formal: unknown`.
    Formality,
    /// A closure without `closed_on`.
    ClosedOn,
    /// A group entry that records no `provides`.
    Provides,
    /// A public recovery event without `per_year`.
    PerYear,
    /// A recovery community organisation that records no `funding`.
    Funding,
}

/// Every unknown of the profile: its kind, the field as `assumed_from` names it, and the actors
/// it concerns.
fn unknowns(city: &City) -> Vec<(Unknown, String, Vec<&str>)> {
    let mut out = Vec::new();
    for a in &city.actors {
        let id = a.id.as_str();
        if a.commitment == Commitment::Unknown {
            out.push((Unknown::Commitment, format!("{id}.commitment"), vec![id]));
        }
        if a.group.is_some() && a.provides.is_empty() {
            out.push((Unknown::Provides, format!("{id}.provides"), vec![id]));
        }
        if unfunded_recovery(a) {
            out.push((Unknown::Funding, format!("{id}.funding"), vec![id]));
        }
    }
    for p in city
        .partnerships
        .iter()
        .filter(|p| p.formal == Formality::Unknown)
    {
        let arrow = if p.directed { "->" } else { "--" };
        out.push((
            Unknown::Formality,
            format!("{} {arrow} {}: formal", p.a, p.b),
            vec![p.a.as_str(), p.b.as_str()],
        ));
    }
    for a in city.closed_actors().filter(|a| a.closed_on.is_none()) {
        let id = a.id.as_str();
        out.push((Unknown::ClosedOn, format!("{id}.closed_on"), vec![id]));
    }
    for i in city.initiatives.iter().filter(|i| undated_event(i)) {
        out.push((Unknown::PerYear, format!("{}.per_year", i.id), Vec::new()));
    }
    out
}

/// A public recovery event whose frequency the profile does not give.
fn undated_event(i: &crate::model::city::Initiative) -> bool {
    i.public
        && i.per_year.is_none()
        && i.provides
            .iter()
            .any(|c| c.as_str() == known::RECOVERY_EVENTS)
}

/// A recovery community organisation (not a group, not declined) that records no funding.
pub(super) fn unfunded_recovery(a: &crate::model::city::Actor) -> bool {
    a.sector.as_str() == known::RECOVERY_COMMUNITY
        && a.funding.is_empty()
        && a.group.is_none()
        && a.commitment != Commitment::Declined
}

/// The rules an unknown of `kind` can sway: only they need to run again on the optimistic
/// reading (the others find the same gaps on both).
fn sways(kind: Unknown) -> &'static [RuleKind] {
    use RuleKind::*;
    match kind {
        Unknown::Commitment => &[MissingSector, UncommittedCapability],
        Unknown::Formality => &[WeakLink],
        Unknown::Provides => &[
            MissingCapability,
            UncommittedCapability,
            SinglePointOfFailure,
            FundingRisk,
            DistrictGap,
            DigitalGap,
            PathwayGap,
            LostProvision,
            WaitingTime,
        ],
        Unknown::ClosedOn => &[LostProvision],
        Unknown::PerYear => &[VisibilityGap],
        Unknown::Funding => &[FundingRisk, MissingLink],
    }
}

/// The rules some unknown of the city can sway, sorted.
pub(super) fn swayed_rules(city: &City) -> Vec<RuleKind> {
    let mut rules: Vec<RuleKind> = unknowns(city)
        .into_iter()
        .flat_map(|(k, _, _)| sways(k).iter().copied())
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// The kinds of unknown that can sway a rule's finding (`None`: any).
fn swaying(gap: &Gap) -> Option<&'static [Unknown]> {
    Some(match gap.rule {
        RuleKind::MissingSector | RuleKind::UncommittedCapability => &[Unknown::Commitment],
        RuleKind::MissingCapability | RuleKind::DigitalGap => &[Unknown::Provides],
        RuleKind::SinglePointOfFailure if gap.case == Some("sole_provider") => &[Unknown::Provides],
        RuleKind::WeakLink => &[Unknown::Formality],
        RuleKind::MissingLink => &[Unknown::Funding],
        RuleKind::LostProvision => &[Unknown::ClosedOn],
        RuleKind::VisibilityGap => &[Unknown::PerYear],
        RuleKind::FundingRisk => &[Unknown::Funding],
        _ => return None,
    })
}

/// The unknowns a gap rests on: those of a kind that can sway its rule, about its actors (or
/// about the groups that could provide its capability); all of that kind when none concerns
/// its actors.
fn unknowns_behind(ctx: &Context<'_>, gap: &Gap, index: &UnknownIndex<'_, '_>) -> Vec<String> {
    let mut involved: BTreeSet<&str> = gap
        .evidence
        .iter()
        .chain(&gap.subjects)
        .map(String::as_str)
        .collect();
    let capability = match gap.rule {
        RuleKind::MissingCapability => gap.subjects.first().map(String::as_str),
        RuleKind::SinglePointOfFailure => gap.subjects.get(1).map(String::as_str),
        RuleKind::DigitalGap => ctx
            .model
            .capabilities
            .iter()
            .find(|c| c.id.as_str().starts_with("online"))
            .map(|c| c.id.as_str()),
        _ => None,
    };
    if let Some(c) = capability.and_then(|c| ctx.model.capability(c)) {
        involved.extend(
            ctx.city
                .actors
                .iter()
                .filter(|a| a.group.is_some() && a.provides.is_empty())
                .filter(|a| c.lead_sectors.contains(&a.sector))
                .map(|a| a.id.as_str()),
        );
    }
    let kinds = swaying(gap);
    let sways = |k: &Unknown| kinds.is_none_or(|ks| ks.contains(k));
    let mut about: Vec<usize> = involved
        .iter()
        .filter_map(|a| index.by_actor.get(a))
        .flatten()
        .copied()
        .filter(|&i| sways(&index.all[i].0))
        .collect();
    about.sort_unstable();
    about.dedup();
    if about.is_empty() {
        // None concerns the gap's own actors: every unknown of a kind that can sway it (an
        // event's frequency, or a profile-wide doubt), the first few named.
        // (Only rules that run again can get here, and they find few gaps: a visibility gap, a
        // required link, so this walk over the unknowns happens a few times a profile.)
        return index
            .all
            .iter()
            .filter(|(k, _, _)| sways(k))
            .map(|(_, f, _)| f.clone())
            .collect();
    }
    about.into_iter().map(|i| index.all[i].1.clone()).collect()
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
