//! Rules of the network's shape: isolated actors, a fragmented network, and single points of
//! failure, structural or as a sole provider (rules 5 to 7).

use super::{Context, Finding};
use crate::model::ids::ActorId;

/// Rule 5: an actor with no partnership and no initiative shared with another actor (leading or
/// joining an initiative with others is working together).
pub(super) fn isolated_actor(ctx: &Context<'_>) -> Vec<Finding> {
    // The actors that share an initiative with another, gathered once.
    let mut sharing: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for i in &ctx.city.initiatives {
        let members: Vec<&ActorId> = i.led_by.iter().chain(&i.partners).collect();
        if members.iter().any(|m| *m != members[0]) {
            sharing.extend(members.iter().map(|m| m.as_str()));
        }
    }
    let shares_initiative = |id: &ActorId| sharing.contains(id.as_str());
    ctx.city
        .actors
        .iter()
        .filter(|a| ctx.network.degree(&a.id) == 0 && !shares_initiative(&a.id))
        .map(|a| {
            let commitment = match a.commitment {
                crate::model::city::Commitment::Unknown => "commitment not known",
                c => c.as_str(),
            };
            let message = format!(
                "{} ({}, {commitment}) has no partnership",
                a.name,
                ctx.sector_name(a.sector.as_str()),
            );
            Finding::new(vec![a.id.to_string()], message).evidence(vec![a.id.to_string()])
        })
        .collect()
}

/// Rule 6: more than one component once isolated actors are set aside.
pub(super) fn fragmented_network(ctx: &Context<'_>) -> Vec<Finding> {
    let parts: Vec<&Vec<ActorId>> = ctx
        .metrics
        .components
        .iter()
        .filter(|c| c.len() > 1)
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let sizes: Vec<String> = parts.iter().map(|c| c.len().to_string()).collect();
    let smaller: Vec<String> = parts[1..]
        .iter()
        .map(|c| {
            let names: Vec<String> = c
                .iter()
                .map(|a| ctx.actor_name(a.as_str()).to_owned())
                .collect();
            format!("({})", join_and(&names))
        })
        .collect();
    let message = format!(
        "the partnership network falls into {} separate parts of {} actors; apart from the largest, they are {}",
        parts.len(),
        join_and(&sizes),
        smaller.join(" and ")
    );
    let evidence = parts[1..]
        .iter()
        .flat_map(|c| c.iter().map(ActorId::to_string))
        .collect();
    vec![Finding::new(vec![ctx.city.id.clone()], message).evidence(evidence)]
}

/// Rule 7: an actor whose loss splits the network, or the sole provider of a capability. A
/// group entry stands for many organisations and is never a single point.
pub(super) fn single_point_of_failure(ctx: &Context<'_>) -> Vec<Finding> {
    let is_group = |a: &ActorId| {
        ctx.actors
            .get(a.as_str())
            .is_some_and(|a| a.group.is_some())
    };
    let mut out = Vec::new();
    for a in ctx
        .metrics
        .articulation_points
        .iter()
        .filter(|a| !is_group(a))
    {
        let partners = ctx.network.partners(a);
        let message = format!(
            "{} holds parts of the network together: without it, the network splits (it links {} partners)",
            ctx.actor_name(a.as_str()),
            partners.len()
        );
        let evidence = std::iter::once(a.to_string())
            .chain(partners.iter().map(ActorId::to_string))
            .collect();
        out.push(
            Finding::new(vec![a.to_string()], message)
                .case("articulation_point")
                .evidence(evidence),
        );
    }
    for capability in ctx.facts.providers.keys() {
        let actors = ctx.facts.provider_actors(capability);
        let ([actor], Some(pillar)) = (
            actors.as_slice(),
            ctx.model.pillar_of_capability(capability),
        ) else {
            continue;
        };
        if is_group(actor) {
            continue;
        }
        let message = format!(
            "{} is the only provider of {}: if it closes or loses its funding, the city loses it",
            ctx.actor_name(actor.as_str()),
            ctx.capability_name(capability.as_str())
        );
        out.push(
            Finding::new(vec![actor.to_string(), capability.to_string()], message)
                .case("sole_provider")
                .pillar(&pillar.id)
                .evidence(vec![actor.to_string()]),
        );
    }
    out
}

/// `a, b and c`.
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
