//! Rules of what flows and what was lost: provision a closed organisation took with it, harm
//! reduction that refers few of the people it sees, and waits for treatment with no support
//! while people wait (the second edition's rules, after seed 000).

use super::basis::closed_on_or_recent;
use super::structure::join_and;
use super::{Context, Finding};
use crate::model::RuleKind;
use crate::model::city::{Actor, Commitment, Partnership};
use crate::model::ids::{ActorId, CapabilityId};
use crate::model::known;

/// A closed actor's capability that no active actor now provides, or provides with fewer
/// places, when it closed within `recent_months` of `as_of` (undated: recent).
pub(super) fn lost_provision(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::LostProvision) else {
        return Vec::new();
    };
    let months = rule.param("recent_months").max(0.0) as u32;
    let since = ctx.city.as_of.sub_months(months);
    let mut out = Vec::new();
    for closed in ctx.city.closed_actors() {
        let on = closed_on_or_recent(ctx.city, closed.closed_on);
        if on < since {
            continue;
        }
        for capability in &closed.provides {
            if let Some(f) = lost(ctx, closed, capability) {
                out.push(f);
            }
        }
    }
    out
}

/// The finding for one capability of a closed actor, when the city has not made it up.
fn lost(ctx: &Context<'_>, closed: &Actor, capability: &CapabilityId) -> Option<Finding> {
    let pillar = ctx.model.pillar_of_capability(capability)?;
    let providers: Vec<&Actor> = ctx
        .facts
        .provider_actors(capability)
        .into_iter()
        .filter_map(|a| ctx.actors.get(a.as_str()).copied())
        .filter(|a| a.commitment != Commitment::Declined)
        .collect();
    let when = match closed.closed_on {
        Some(d) => format!("closed on {d}"),
        None => "closed (date not recorded)".to_owned(),
    };
    let what = ctx.capability_name(capability.as_str());
    let message = if providers.is_empty() {
        let places = closed
            .places
            .map(|p| format!(" and its {p} places"))
            .unwrap_or_default();
        format!(
            "{} {when}: with it went its {what}{places}, and no active organisation in the profile provides {what} now",
            closed.name
        )
    } else {
        let lost_places = closed.places?;
        let now: Option<u32> = providers.iter().map(|a| a.places).sum();
        let now = now?;
        if now >= lost_places {
            return None;
        }
        let names: Vec<String> = providers.iter().map(|a| a.name.clone()).collect();
        format!(
            "{} {when} with {lost_places} places of {what}; {} now offer{} {now}",
            closed.name,
            join_and(&names),
            if providers.len() == 1 { "s" } else { "" }
        )
    };
    let evidence = std::iter::once(closed.id.to_string())
        .chain(providers.iter().map(|a| a.id.to_string()))
        .collect();
    Some(
        Finding::new(vec![closed.id.to_string(), capability.to_string()], message)
            .pillar(&pillar.id)
            .evidence(evidence),
    )
}

/// A harm-reduction actor with `contacts_per_year` whose referral and aftercare partnerships
/// into the recovery community or treatment carry `per_year` summing under `min_rate` of its
/// contacts. Silent when none of those partnerships records a flow.
pub(super) fn low_referral_rate(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::LowReferralRate) else {
        return Vec::new();
    };
    let min_rate = rule.param("min_rate");
    // Referral and aftercare partnerships by the actor they leave from, gathered once.
    let mut leaving: rustc_hash::FxHashMap<&str, Vec<&Partnership>> =
        rustc_hash::FxHashMap::default();
    for p in ctx.city.partnerships.iter().filter(|p| {
        let kind = p.kind.as_str();
        kind == known::REFERRAL || kind == known::AFTERCARE
    }) {
        leaving.entry(p.a.as_str()).or_default().push(p);
        if !p.directed {
            leaving.entry(p.b.as_str()).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    for a in ctx.city.actors.iter().filter(|a| {
        a.sector.as_str() == known::HARM_REDUCTION && a.commitment != Commitment::Declined
    }) {
        let Some(contacts) = a.contacts_per_year else {
            continue;
        };
        let from = leaving.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
        let (referred, targets) = referrals_from(ctx, &a.id, from);
        let Some(referred) = referred else {
            continue;
        };
        let rate = f64::from(referred) / f64::from(contacts);
        if rate >= min_rate {
            continue;
        }
        let names: Vec<String> = targets
            .iter()
            .map(|t| ctx.actor_name(t.as_str()).to_owned())
            .collect();
        let message = format!(
            "{} sees {contacts} people a year and refers {referred} of them on to {} ({}%); the model asks for at least {}% (a default to be tuned)",
            a.name,
            join_and(&names),
            percent(rate),
            percent(min_rate)
        );
        let evidence = std::iter::once(a.id.to_string())
            .chain(targets.iter().map(ActorId::to_string))
            .collect();
        out.push(Finding::new(vec![a.id.to_string()], message).evidence(evidence));
    }
    out
}

/// The referrals a year recorded from `actor`, along its referral and aftercare partnerships
/// `from`, into the recovery community or treatment (`None` when none of them records a flow),
/// and the actors they go to.
fn referrals_from(
    ctx: &Context<'_>,
    actor: &ActorId,
    from: &[&Partnership],
) -> (Option<u32>, Vec<ActorId>) {
    let into_recovery = |id: &ActorId| {
        ctx.actors.get(id.as_str()).is_some_and(|a| {
            a.sector.as_str() == known::RECOVERY_COMMUNITY || a.sector.as_str() == known::TREATMENT
        })
    };
    let mut total: Option<u32> = None;
    let mut targets = Vec::new();
    for p in from {
        let to = if &p.a == actor {
            &p.b
        } else if !p.directed && &p.b == actor {
            &p.a
        } else {
            continue;
        };
        if !into_recovery(to) {
            continue;
        }
        if let Some(n) = p.per_year {
            total = Some(total.unwrap_or(0).saturating_add(n));
        }
        targets.push(to.clone());
    }
    targets.sort();
    targets.dedup();
    (total, targets)
}

/// A rate as a percentage with one decimal where it matters: `1.9`, `5`.
fn percent(rate: f64) -> String {
    let p = (rate * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

/// An actor whose `waiting_weeks` is over its sector's threshold, with no provider of
/// waiting-list support among its partners (nor itself one).
pub(super) fn waiting_time(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(rule) = ctx.model.rule(RuleKind::WaitingTime) else {
        return Vec::new();
    };
    let support = CapabilityId::from(known::WAITING_LIST_SUPPORT);
    let supporters = ctx.facts.provider_actors(&support);
    let mut out = Vec::new();
    for a in &ctx.city.actors {
        let (Some(weeks), Some(&threshold)) = (a.waiting_weeks, rule.thresholds.get(&a.sector))
        else {
            continue;
        };
        if f64::from(weeks) <= threshold {
            continue;
        }
        let partners = ctx.network.partners(&a.id);
        if supporters
            .iter()
            .any(|s| **s == a.id || partners.contains(s))
        {
            continue;
        }
        let message = format!(
            "people wait about {weeks} weeks for {} (the model's threshold for {} is {threshold} weeks, a default to be tuned), and no partner offers {}",
            a.name,
            ctx.sector_name(a.sector.as_str()).to_lowercase(),
            ctx.capability_name(known::WAITING_LIST_SUPPORT)
        );
        out.push(Finding::new(vec![a.id.to_string()], message).evidence(vec![a.id.to_string()]));
    }
    out
}
