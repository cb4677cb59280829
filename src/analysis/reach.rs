//! Rules of reach: districts a pillar does not serve, and entry points with no pathway to
//! recovery support (rules 11 and 13).

use super::structure::join_and;
use super::{Context, Finding};
use crate::model::RuleKind;
use crate::model::definition::Pillar;
use crate::model::ids::{ActorId, DistrictId};
use std::collections::BTreeSet;

/// The actors providing a declared capability of `pillar`, directly or through an initiative.
fn pillar_providers<'c>(ctx: &'c Context<'_>, pillar: &Pillar) -> BTreeSet<&'c ActorId> {
    pillar
        .capabilities
        .iter()
        .flat_map(|c| ctx.facts.provider_actors(c))
        .collect()
}

/// Whether something that provides a capability of `pillar` serves `district` (an actor that
/// declined does not).
fn served(ctx: &Context<'_>, pillar: &Pillar, district: &DistrictId) -> bool {
    let offers = |provides: &[crate::model::ids::CapabilityId]| {
        provides.iter().any(|c| pillar.capabilities.contains(c))
    };
    let serves = |districts: &[DistrictId]| districts.is_empty() || districts.contains(district);
    ctx.city
        .actors
        .iter()
        .filter(|a| a.commitment != crate::model::city::Commitment::Declined)
        .any(|a| offers(&a.provides) && serves(&a.districts))
        || ctx
            .city
            .initiatives
            .iter()
            .any(|i| offers(&i.provides) && serves(&i.districts))
}

/// Rule 11: a district where a pillar has no provider (actors with no districts serve all).
/// Pillars with no provider anywhere are left to the missing-capability rule.
pub(super) fn district_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for pillar in &ctx.model.pillars {
        let providers = pillar_providers(ctx, pillar);
        if providers.is_empty() {
            continue;
        }
        for d in &ctx.city.districts {
            if served(ctx, pillar, &d.id) {
                continue;
            }
            let message = format!(
                "no provider of {} serves {}{}",
                pillar.name.to_lowercase(),
                d.name,
                if d.rural { ", a rural district" } else { "" }
            );
            let evidence = std::iter::once(d.id.to_string())
                .chain(providers.iter().map(|a| a.to_string()))
                .collect();
            out.push(
                Finding::new(vec![d.id.to_string(), pillar.id.to_string()], message)
                    .pillar(&pillar.id)
                    .evidence(evidence),
            );
        }
    }
    out
}

/// Rule 13: entry points (harm reduction, treatment, health, justice) with no route along
/// referral and pathway partnerships to a provider of each target pillar within the hop limit.
pub(super) fn pathway_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::PathwayGap) else {
        return Vec::new();
    };
    if !super::basis::assesses_pathways(ctx) {
        return Vec::new();
    }
    let hops = rule.param("hop_limit").max(0.0) as usize;
    let entries: Vec<&ActorId> = ctx
        .city
        .actors
        .iter()
        .filter(|a| {
            ctx.model
                .sector(a.sector.as_str())
                .is_some_and(|s| s.entry_point)
        })
        .filter(|a| a.commitment != crate::model::city::Commitment::Declined)
        .map(|a| &a.id)
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let reach: Vec<Vec<(ActorId, usize)>> = entries
        .iter()
        .map(|e| ctx.network.reachable_within(e, hops))
        .collect();
    let mut out = Vec::new();
    for pillar in rule
        .targets
        .iter()
        .filter_map(|p| ctx.model.pillar(p.as_str()))
    {
        let providers = pillar_providers(ctx, pillar);
        if providers.is_empty() {
            continue;
        }
        let stranded: Vec<&ActorId> = entries
            .iter()
            .zip(&reach)
            .filter(|(_, r)| !r.iter().any(|(a, _)| providers.contains(a)))
            .map(|(e, _)| *e)
            .collect();
        if stranded.is_empty() {
            continue;
        }
        let case = if stranded.len() == entries.len() {
            "no_entry_point_reaches"
        } else {
            "some_entry_points_cannot_reach"
        };
        let names: Vec<String> = stranded
            .iter()
            .take(5)
            .map(|a| ctx.actor_name(a.as_str()).to_owned())
            .collect();
        let more = stranded.len().saturating_sub(names.len());
        let message = format!(
            "{} of {} entry points have no referral or pathway route to {} within {hops} steps: {}",
            stranded.len(),
            entries.len(),
            pillar.name.to_lowercase(),
            if more > 0 {
                format!("{} and {more} more", names.join(", "))
            } else {
                join_and(&names)
            }
        );
        out.push(
            Finding::new(vec![pillar.id.to_string()], message)
                .case(case)
                .evidence(stranded.iter().map(|a| a.to_string()).collect()),
        );
    }
    out
}
