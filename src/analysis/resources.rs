//! Rules of what sustains the partnership: funding, lived-experience leadership, governance,
//! digital provision and visibility (rules 8, 9, 10, 12 and 14).

use super::facts::leros;
use super::structure::join_and;
use super::{Context, Finding};
use crate::model::RuleKind;
use crate::model::city::{Actor, Commitment, Funding, FundingKind};
use crate::model::definition::Derivation;
use crate::model::ids::PillarId;
use std::collections::BTreeSet;

use crate::model::known::{self, RECOVERY_EVENTS};

/// The pillar an actor's risk weakens: that of its first capability, else its sector's.
fn actor_pillar<'m>(ctx: &'m Context<'_>, actor: &Actor) -> Option<&'m PillarId> {
    actor
        .provides
        .iter()
        .find_map(|c| ctx.model.pillar_of_capability(c))
        .map(|p| &p.id)
        .or_else(|| ctx.model.sector(actor.sector.as_str()).map(|s| &s.pillar))
}

/// Whether an actor can carry a single-funder risk: not a group entry, a funder, the council
/// itself, or an actor all of whose funding is statutory.
fn single_funder_applies(a: &Actor) -> bool {
    let sector = a.sector.as_str();
    a.group.is_none()
        && sector != known::FUNDER
        && sector != known::COUNCIL
        && !a
            .funding
            .iter()
            .all(|f| f.kind == Some(FundingKind::Statutory))
        // Income it earns (rents, sales) is not a funder that can stop.
        && !a
            .funding
            .iter()
            .all(|f| f.kind == Some(FundingKind::Earned))
}

/// ", a sub-contract" when any of `funding` is one (001: vulnerable to being cut).
fn subcontract_note(funding: &[&Funding]) -> &'static str {
    if funding
        .iter()
        .any(|f| f.kind == Some(FundingKind::Subcontract))
    {
        " (a sub-contract, vulnerable to being cut if the main contract fails)"
    } else {
        ""
    }
}

/// Rule 8: funding that all ends within the horizon (a cliff, whoever holds it), a single
/// funder (not for groups, funders, the council or statutory streams), a pillar whose
/// providers all share one funder, and the recovery community drawing on too few sources.
pub(super) fn funding_risk(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::FundingRisk) else {
        return Vec::new();
    };
    let months = rule.param("horizon_months").max(0.0) as u32;
    let horizon = ctx.city.as_of.add_months(months);
    let mut out = Vec::new();
    for a in ctx.city.actors.iter().filter(|a| !a.funding.is_empty()) {
        let sources: BTreeSet<&str> = a.funding.iter().map(|f| f.source.as_str()).collect();
        let all: Vec<&Funding> = a.funding.iter().collect();
        let last_end = a
            .funding
            .iter()
            .map(|f| f.until)
            .collect::<Option<Vec<_>>>()
            .and_then(|u| u.into_iter().max());
        let (case, message) = match last_end {
            Some(end) if end <= horizon => {
                let when = if end < ctx.city.as_of {
                    "ended on"
                } else {
                    "ends by"
                };
                (
                    "ends_within_horizon",
                    format!(
                        "all funding of {} {when} {end}, within {months} months of {}{}",
                        a.name,
                        ctx.city.as_of,
                        subcontract_note(&all)
                    ),
                )
            }
            _ if sources.len() == 1 && single_funder_applies(a) => {
                let subcontract = subcontract_note(&all);
                (
                    if subcontract.is_empty() {
                        "single_source"
                    } else {
                        "subcontract"
                    },
                    format!(
                        "{} depends on a single funder, {}{subcontract}",
                        a.name,
                        ctx.actor_name(sources.iter().next().expect("one source"))
                    ),
                )
            }
            _ => continue,
        };
        let Some(pillar) = actor_pillar(ctx, a) else {
            continue;
        };
        out.push(
            Finding::new(vec![a.id.to_string()], message)
                .case(case)
                .pillar(pillar)
                .evidence(vec![a.id.to_string()]),
        );
    }
    out.extend(pillar_single_funder(ctx));
    out.extend(recovery_community_funding(ctx));
    out
}

/// The recovery community's actors together draw on fewer distinct funders than
/// `diverse_funding`'s `min_sources` (000: varied funding models are key to resilience). When
/// none of them records any funding, that is something to check, not a gap.
fn recovery_community_funding(ctx: &Context<'_>) -> Option<Finding> {
    let sector = crate::model::ids::SectorId::from(known::RECOVERY_COMMUNITY);
    if !ctx.city.maps(&sector) {
        return None;
    }
    let capability = ctx
        .model
        .capabilities
        .iter()
        .find(|c| c.derived == Some(Derivation::DiverseFunding))?;
    let min = capability.params.get("min_sources").copied()?;
    let actors: Vec<&Actor> = ctx
        .city
        .actors
        .iter()
        .filter(|a| a.sector == sector && a.commitment != Commitment::Declined)
        .collect();
    if actors.iter().all(|a| a.funding.is_empty()) {
        return None;
    }
    let funders = super::facts::recovery_funders(ctx.city);
    if funders.len() as f64 >= min {
        return None;
    }
    let pillar = ctx.model.pillar_of_capability(&capability.id)?;
    let names: Vec<String> = funders
        .iter()
        .map(|f| ctx.actor_name(f).to_owned())
        .collect();
    let message = format!(
        "the recovery community's {} organisation{} draw{} on {} distinct recorded funder{} ({}); the model asks for at least {min}",
        actors.len(),
        if actors.len() == 1 { "" } else { "s" },
        if actors.len() == 1 { "s" } else { "" },
        funders.len(),
        if funders.len() == 1 { "" } else { "s" },
        join_and(&names)
    );
    Some(
        Finding::new(vec![known::RECOVERY_COMMUNITY.to_owned()], message)
            .case("recovery_community")
            .pillar(&pillar.id)
            .evidence(actors.iter().map(|a| a.id.to_string()).collect())
            .sources(&capability.sources),
    )
}

/// A pillar with two or more providers, all funded and all by one common funder.
fn pillar_single_funder(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for pillar in &ctx.model.pillars {
        let providers: BTreeSet<&str> = pillar
            .capabilities
            .iter()
            .flat_map(|c| ctx.facts.provider_actors(c))
            .map(|a| a.as_str())
            .collect();
        let actors: Vec<&Actor> = providers
            .iter()
            .filter_map(|id| ctx.actors.get(id).copied())
            .collect();
        if actors.len() < 2 || actors.iter().any(|a| a.funding.is_empty()) {
            continue;
        }
        let common = actors
            .iter()
            .map(|a| {
                a.funding
                    .iter()
                    .map(|f| f.source.as_str())
                    .collect::<BTreeSet<_>>()
            })
            .reduce(|x, y| &x & &y)
            .unwrap_or_default();
        let Some(funder) = common.iter().next() else {
            continue;
        };
        let message = format!(
            "every provider of {} ({} actors) is funded by {funder}: if it withdraws, the whole pillar is at risk",
            pillar.name,
            actors.len()
        );
        out.push(
            Finding::new(vec![pillar.id.to_string(), "single-funder".into()], message)
                .case("pillar_single_funder")
                .pillar(&pillar.id)
                .evidence(providers.iter().map(|s| (*s).to_owned()).collect()),
        );
    }
    out
}

/// Rule 9: no LERO, no LERO-council partnership, no people in recovery or family on the board.
pub(super) fn lived_experience_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let leros = leros(ctx.city);
    let mut out = Vec::new();
    let mapped = ctx.city.maps(&crate::model::ids::SectorId::from(
        known::RECOVERY_COMMUNITY,
    ));
    if leros.is_empty() && mapped {
        let message = "the city has no lived experience recovery organisation (LERO): no recovery community actor is led by people with lived experience".to_owned();
        out.push(Finding::new(vec!["lero".into()], message).case("no_lero"));
    }
    let councils: Vec<&Actor> = ctx
        .city
        .actors
        .iter()
        .filter(|a| a.sector.as_str() == known::COUNCIL)
        .collect();
    let joined = ctx.city.partnerships.iter().any(|p| {
        let is = |id: &crate::model::ids::ActorId, set: &[&Actor]| set.iter().any(|a| &a.id == id);
        (is(&p.a, &leros) && is(&p.b, &councils)) || (is(&p.b, &leros) && is(&p.a, &councils))
    });
    if !joined && !councils.is_empty() && !leros.is_empty() {
        let names: Vec<String> = leros.iter().map(|a| a.name.clone()).collect();
        let message = format!(
            "no partnership joins the council to the city's LEROs ({})",
            join_and(&names)
        );
        let evidence = leros
            .iter()
            .chain(&councils)
            .map(|a| a.id.to_string())
            .collect();
        out.push(
            Finding::new(vec!["council-partnership".into()], message)
                .case("no_council_partnership")
                .evidence(evidence),
        );
    }
    if let Some(g) = ctx
        .city
        .governance
        .as_ref()
        .filter(|g| !g.board.is_empty() || g.name.is_some())
    {
        let board: Vec<String> = g.board.iter().map(|a| a.to_string()).collect();
        if g.people_in_recovery_seats == 0 {
            let message = "the partnership board has no seat for people in recovery".to_owned();
            out.push(
                Finding::new(vec!["recovery-seats".into()], message)
                    .case("no_recovery_seats")
                    .evidence(board.clone()),
            );
        }
        if g.family_seats == 0 {
            let message = "the partnership board has no seat for family members".to_owned();
            out.push(
                Finding::new(vec!["family-seats".into()], message)
                    .case("no_family_seats")
                    .evidence(board),
            );
        }
    }
    out
}

/// Rule 10: no partnership board, no adopted mission, or no monitoring.
pub(super) fn governance_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let g = ctx.city.governance.clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(name) = &g.name {
        let ask = format!(
            "{name} is the city's existing board: ask it to take the Inclusive City mission on rather than build a parallel one"
        );
        if !g.mission_adopted {
            out.push(
                Finding::new(
                    vec!["mission".into()],
                    format!("{name} has not adopted an Inclusive City mission; {ask}"),
                )
                .case("no_mission"),
            );
        }
        if !g.monitoring {
            out.push(
                Finding::new(
                    vec!["monitoring".into()],
                    format!("{name} does not yet monitor an Inclusive City plan"),
                )
                .case("no_monitoring"),
            );
        }
        return out;
    }
    if g.board.is_empty() {
        out.push(
            Finding::new(
                vec!["board".into()],
                "the city has no partnership board bringing the sectors together".into(),
            )
            .case("no_board"),
        );
    }
    if !g.mission_adopted {
        out.push(
            Finding::new(
                vec!["mission".into()],
                "no Inclusive City mission has been adopted".into(),
            )
            .case("no_mission"),
        );
    }
    if !g.monitoring {
        out.push(
            Finding::new(
                vec!["monitoring".into()],
                "the partnership does not monitor or evaluate its plan".into(),
            )
            .case("no_monitoring"),
        );
    }
    out
}

/// Rule 12: no online provision for peer support; more serious with rural districts.
pub(super) fn digital_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(pillar) = ctx
        .model
        .rule(RuleKind::DigitalGap)
        .and_then(|r| r.pillar.as_ref())
    else {
        return Vec::new();
    };
    let Some(def) = ctx.model.pillar(pillar.as_str()) else {
        return Vec::new();
    };
    if !def
        .capabilities
        .iter()
        .any(|c| ctx.assesses_capability(c.as_str()))
    {
        return Vec::new();
    }
    let online = ctx
        .city
        .actors
        .iter()
        .any(|a| a.online && a.provides.iter().any(|c| def.capabilities.contains(c)));
    let declared_online = def
        .capabilities
        .iter()
        .any(|c| c.as_str().starts_with("online") && ctx.facts.providers.contains_key(c));
    if online || declared_online {
        return Vec::new();
    }
    let rural: Vec<String> = ctx
        .city
        .districts
        .iter()
        .filter(|d| d.rural)
        .map(|d| d.id.to_string())
        .collect();
    let mut message = format!("no actor offers {} online", def.name.to_lowercase());
    let mut finding = Finding::new(vec![ctx.city.id.clone()], String::new());
    if !rural.is_empty() {
        let names: Vec<String> = ctx
            .city
            .districts
            .iter()
            .filter(|d| d.rural)
            .map(|d| d.name.clone())
            .collect();
        message.push_str(&format!(
            ", though {} {} rural",
            join_and(&names),
            if names.len() == 1 { "is" } else { "are" }
        ));
        finding = finding.case("rural_districts");
    }
    finding.message = message;
    vec![finding.evidence(rural)]
}

/// Rule 14: fewer public recovery events a year than the model asks.
pub(super) fn visibility_gap(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::VisibilityGap) else {
        return Vec::new();
    };
    let min = rule.param("min_public_events_per_year");
    let events: Vec<_> = ctx
        .city
        .initiatives
        .iter()
        .filter(|i| i.public && i.provides.iter().any(|c| c.as_str() == RECOVERY_EVENTS))
        .collect();
    let total: u64 = events
        .iter()
        .map(|i| u64::from(i.per_year.unwrap_or(1)))
        .sum();
    if total as f64 >= min {
        return Vec::new();
    }
    let undated = events.iter().filter(|i| i.per_year.is_none()).count();
    let message = if undated == 0 {
        format!(
            "the city holds {total} public recovery event{} a year; the model asks for at least {min}",
            if total == 1 { "" } else { "s" }
        )
    } else {
        // An event whose frequency is not recorded counts once: "at least".
        format!(
            "the city holds at least {total} public recovery event{} a year ({undated} of its public events {} not say how often); the model asks for at least {min}",
            if total == 1 { "" } else { "s" },
            if undated == 1 { "does" } else { "do" }
        )
    };
    let evidence = events.iter().map(|i| i.id.clone()).collect();
    vec![Finding::new(vec![ctx.city.id.clone()], message).evidence(evidence)]
}
