//! Rules of presence: missing sectors, missing and uncommitted capabilities, missing and weak
//! required links (rules 1 to 4).

use super::facts::LinkState;
use super::{Context, Finding};
use crate::model::ids::CapabilityId;

/// Rule 1: a required sector has no actor, or none committed or engaged.
pub(super) fn missing_sector(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for sector in ctx
        .model
        .sectors
        .iter()
        .filter(|s| s.required && ctx.city.maps(&s.id))
    {
        let actors: Vec<_> = ctx
            .city
            .actors
            .iter()
            .filter(|a| a.sector == sector.id)
            .collect();
        if actors.iter().any(|a| a.commitment.is_active()) {
            continue;
        }
        let closed: Vec<&str> = ctx
            .city
            .closed_actors()
            .filter(|a| a.sector == sector.id)
            .map(|a| a.name.as_str())
            .collect();
        let message = if actors.is_empty() && !closed.is_empty() {
            format!(
                "the city has no active {} actor: {} closed",
                sector.name,
                super::structure::join_and(
                    &closed.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()
                )
            )
        } else if actors.is_empty() {
            format!("the city has no {} actor", sector.name)
        } else {
            format!(
                "no {} actor is committed or engaged: {} only identified, declined or not yet known",
                sector.name,
                if actors.len() == 1 {
                    "the one there is"
                } else {
                    "all are"
                }
            )
        };
        out.push(
            Finding::new(vec![sector.id.to_string()], message)
                .pillar(&sector.pillar)
                .evidence(actors.iter().map(|a| a.id.to_string()).collect())
                .sources(&sector.sources),
        );
    }
    out
}

/// The declared capabilities of the model that the profile's map lets us assess, each once, in
/// pillar order.
fn declared_capabilities<'m>(ctx: &'m Context<'_>) -> Vec<&'m CapabilityId> {
    let mut seen = Vec::new();
    for p in &ctx.model.pillars {
        for c in &p.capabilities {
            let declared = ctx
                .model
                .capability(c.as_str())
                .is_some_and(|d| d.derived.is_none());
            if declared && !seen.contains(&c) && ctx.assesses_capability(c.as_str()) {
                seen.push(c);
            }
        }
    }
    seen
}

/// Rule 2: no actor or initiative provides a capability of a pillar.
pub(super) fn missing_capability(ctx: &Context<'_>) -> Vec<Finding> {
    declared_capabilities(ctx)
        .into_iter()
        .filter(|c| !ctx.facts.providers.contains_key(*c))
        .filter_map(|c| {
            let pillar = ctx.model.pillar_of_capability(c)?;
            let def = ctx.model.capability(c.as_str())?;
            let message = format!(
                "no actor or initiative provides {}",
                crate::words::as_object(&def.name)
            );
            Some(
                Finding::new(vec![c.to_string()], message)
                    .pillar(&pillar.id)
                    .sources(&def.sources),
            )
        })
        .collect()
}

/// Rule 3: a capability is provided only by actors not yet committed or engaged.
pub(super) fn uncommitted_capability(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in declared_capabilities(ctx) {
        let Some(providers) = ctx.facts.providers.get(c) else {
            continue;
        };
        if providers.iter().any(|p| p.commitment.is_active()) {
            continue;
        }
        let Some(pillar) = ctx.model.pillar_of_capability(c) else {
            continue;
        };
        let actors: Vec<String> = ctx
            .facts
            .provider_actors(c)
            .iter()
            .map(|a| a.to_string())
            .collect();
        let names: Vec<&str> = actors.iter().map(|a| ctx.actor_name(a)).collect();
        let message = if names.len() == 1 {
            format!(
                "the only provider of {}, {}, is not yet committed or engaged",
                ctx.capability_name(c.as_str()),
                names[0]
            )
        } else {
            format!(
                "the only providers of {}, {}, are not yet committed or engaged",
                ctx.capability_name(c.as_str()),
                super::structure::join_and(
                    &names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>()
                )
            )
        };
        out.push(
            Finding::new(vec![c.to_string()], message)
                .pillar(&pillar.id)
                .evidence(actors),
        );
    }
    out
}

/// Rule 4a: a required link is absent. Not reported when a side's sector has no actor at all:
/// the missing sector says it once.
pub(super) fn missing_link(ctx: &Context<'_>) -> Vec<Finding> {
    links_in_state(ctx, LinkState::Missing, |ctx, link, _| {
        let sectors: Vec<&str> = std::iter::once(&link.from)
            .chain(&link.to)
            .map(|s| s.as_str())
            .collect();
        let evidence = ctx
            .city
            .actors
            .iter()
            .filter(|a| sectors.contains(&a.sector.as_str()))
            .map(|a| a.id.to_string())
            .collect();
        (link.why.clone(), evidence, link.severity)
    })
}

/// Rule 4b: a required link is present only informally, without a warm handover, or with
/// every partnership rated low on trust.
pub(super) fn weak_link(ctx: &Context<'_>) -> Vec<Finding> {
    links_in_state(ctx, LinkState::Weak, |ctx, link, status| {
        let kinds: Vec<&str> = link.kinds.iter().map(|k| k.as_str()).collect();
        let kind_names: Vec<String> = link
            .kinds
            .iter()
            .map(|k| {
                ctx.model
                    .link_kind(k.as_str())
                    .map_or(k.as_str(), |d| d.name.as_str())
                    .to_lowercase()
            })
            .collect();
        let to: Vec<&str> = link
            .to
            .iter()
            .map(|s| ctx.sector_name(s.as_str()))
            .collect();
        let n = status.partnerships.len();
        let message = format!(
            "the {} link between {} and {} is weak: {}{}{}",
            kind_names.join(" or "),
            ctx.sector_name(link.from.as_str()),
            to.join(" or "),
            if n == 1 {
                "its only partnership is not a formal one".to_owned()
            } else {
                format!("none of its {n} partnerships is formal")
            },
            if kinds.contains(&"referral") {
                " with a warm handover"
            } else {
                ""
            },
            match status.trust_mean {
                Some(t) if t <= 2.0 => format!(", and trust averages {t:.1} of 4"),
                _ => String::new(),
            }
        );
        let evidence = status
            .partnerships
            .iter()
            .flat_map(|p| {
                p.split(' ')
                    .filter(|w| *w != "->" && *w != "--")
                    .map(str::to_owned)
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        (message, evidence, link.severity.lower())
    })
}

type LinkFinding = (String, Vec<String>, crate::model::Severity);

fn links_in_state(
    ctx: &Context<'_>,
    state: LinkState,
    describe: impl Fn(
        &Context<'_>,
        &crate::model::definition::RequiredLink,
        &super::LinkStatus,
    ) -> LinkFinding,
) -> Vec<Finding> {
    ctx.facts
        .links
        .iter()
        .filter(|s| s.state == state)
        .map(|status| {
            let link = &ctx.model.required_links[status.index];
            let (message, evidence, severity) = describe(ctx, link, status);
            Finding::new(link.subjects(), message)
                .severity(severity)
                .pillar(&link.pillar)
                .evidence(evidence)
                .sources(&link.sources)
        })
        .collect()
}
