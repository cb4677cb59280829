//! One action from its draft: the title and text of its primary gap's template (by case, by the
//! kind of capability it starts, or for a commissioner's contracts), filled with the city's names;
//! whom to approach and what is planned; partners of the action's remit; indicators by kind; its
//! cost and funding; its sources, each once.

use super::group::Draft;
use super::indicators::{Builds, indicators};
use super::phase::Context;
use super::{Action, Phase, fill::Filler, funding, lead, named};
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::definition::{CapabilityKind, Cost};
use crate::model::ids::SectorId;
use crate::words::{as_object, list, with_article};

/// What the action builds, for its indicators.
fn builds(ctx: &Context<'_>, draft: &Draft<'_>) -> (Builds, String) {
    let names = ctx.names;
    let id = draft.id.as_str();
    let capability = id
        .strip_prefix("capability.")
        .or((id == "visible-recovery").then_some(crate::model::known::RECOVERY_EVENTS));
    if let Some(c) = capability.and_then(|c| ctx.model.capability(c)) {
        return (Builds::Capability(c.kind), c.name.clone());
    }
    if let Some(s) = id.strip_prefix("partner.") {
        return (
            Builds::Partner,
            crate::words::with_article(&format!("{} organisation", names.sector(s))),
        );
    }
    if let Some(link) = id.strip_prefix("link.") {
        let sectors: Vec<String> = link.split('.').map(|s| names.sector(s)).collect();
        return (Builds::Partnership, crate::words::list(&sectors, 6));
    }
    if draft.commissioner.is_some() {
        return (Builds::Funding, list(&funded(names, draft), 6));
    }
    if let Some(x) = id.strip_prefix("funding.") {
        let name = names
            .find_actor(x)
            .map_or_else(|| names.sector(x), |a| a.name.clone());
        return (Builds::Funding, name);
    }
    match id {
        "lero" => (
            Builds::Partner,
            "a lived experience recovery organisation".into(),
        ),
        "seats-at-the-table" | "board-and-mission" => (
            Builds::Capability(crate::model::definition::CapabilityKind::Governance),
            "the partnership board".into(),
        ),
        _ if id.starts_with("district.") => (
            Builds::Capability(crate::model::definition::CapabilityKind::Service),
            format!("partners in {}", names.district(&id["district.".len()..])),
        ),
        _ => (Builds::Partnership, "the partners concerned".into()),
    }
}

pub(super) fn action(
    ctx: &Context<'_>,
    draft: &Draft<'_>,
    tracked: Option<&TrackedAction>,
    phase: Phase,
    lead: super::Lead,
) -> Action {
    let gap = draft.primary();
    let rule = ctx
        .model
        .rule(gap.rule)
        .expect("a gap's rule is in the model");
    let template = &rule.action;
    let (title, what) = gap
        .case
        .and_then(|c| template.case_text.get(c))
        .map_or((&template.title, &template.what), |c| (&c.title, &c.what));
    let filler = Filler::new(ctx.names, ctx.city, gap);
    let title = match (
        gap.rule,
        gap.subjects.first().and_then(|c| ctx.model.capability(c)),
    ) {
        (crate::model::RuleKind::MissingCapability, Some(c)) => {
            start_title(c.kind, &c.name, &ctx.city.name).unwrap_or_else(|| filler.fill(title))
        }
        _ => filler.fill(title),
    };
    let (title, mut what) = match &draft.commissioner {
        Some(c) => commissioned(ctx, draft, c.as_str()),
        None => (title, filler.fill(what)),
    };
    // The lead is not approached.
    let approach: Vec<named::Named> = named::approach(ctx.city, draft)
        .into_iter()
        .filter(|n| lead.actor.as_ref().is_none_or(|l| l.as_str() != n.id))
        .collect();
    let planned = named::planned(ctx.city, draft);
    if !planned.is_empty() {
        what = format!(
            "{} is planned: support it to open, and record it in the profile when it does. {what}",
            crate::words::list(
                &planned.iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
                4
            )
        );
    }
    if !approach.is_empty() {
        what.push_str(&format!(
            " Approach {} first: the profile already names {}.",
            crate::words::list(
                &approach.iter().map(|n| n.name.clone()).collect::<Vec<_>>(),
                4
            ),
            if approach.len() == 1 { "it" } else { "them" }
        ));
    }
    let (b, name) = builds(ctx, draft);
    let capability = capability_of(ctx, draft);
    // Partners of the action's remit: a capability's own lead sectors, else the template's.
    let sectors: &[SectorId] = capability.map_or(&template.supporting_sectors, |c| &c.lead_sectors);
    let mut partners = lead::partners(ctx.city, draft, sectors, lead.actor.as_ref());
    // Whom to approach is not yet a partner, and the lead is not approached.
    partners.retain(|p| !approach.iter().any(|n| n.id == p.as_str()));

    let cost = match capability.map(|c| c.kind) {
        // A policy or a governance decision costs the partners' time, not new money.
        Some(CapabilityKind::Policy | CapabilityKind::Governance) => Cost::StaffTime,
        _ => gap
            .case
            .and_then(|c| template.case_text.get(c))
            .and_then(|c| c.cost)
            .unwrap_or(template.cost),
    };
    let funding = funding::leads(
        ctx.model,
        ctx.city,
        ctx.names,
        draft,
        cost,
        lead.actor.as_ref(),
    );
    let mut sources: Vec<crate::model::definition::Citation> = Vec::new();
    for c in draft.gaps.iter().flat_map(|g| &g.citations) {
        if !sources
            .iter()
            .any(|s| s.file == c.file && s.passage == c.passage)
        {
            sources.push(c.clone());
        }
    }
    Action {
        id: draft.id.clone(),
        gaps: draft.gaps.iter().map(|g| g.id.clone()).collect(),
        answers: draft
            .gaps
            .iter()
            .map(|g| crate::words::sentence(&g.message))
            .collect(),
        rule: gap.rule,
        severity: draft
            .gaps
            .iter()
            .map(|g| g.severity)
            .min()
            .unwrap_or(gap.severity),
        pillar: gap.pillar.clone(),
        title,
        what,
        lead,
        partners,
        approach,
        planned,
        horizon: template.horizon,
        phase,
        quarter: None,
        due: tracked.and_then(|t| t.due),
        due_suggested: false,
        deadline: draft.deadline.filter(|_| draft.dated),
        indicators: indicators(b, &name),
        cost,
        funding,
        sources,
        status: tracked.map_or(ActionStatus::Proposed, |t| t.status),
        tracked: tracked.is_some(),
        tracked_as: tracked.map(|t| t.id.clone()),
        owner: tracked.and_then(|t| t.owner.clone()),
        note: tracked.and_then(|t| t.note.clone()),
    }
}

/// A missing capability's title by what it is: a policy is adopted, events held, a training
/// offered, a campaign run, a service started, housing provided, jobs and roles opened (the
/// model's one title, "Start ...", reads wrongly for most of them). Governance keeps the model's.
fn start_title(kind: CapabilityKind, name: &str, city: &str) -> Option<String> {
    use CapabilityKind::*;
    let singular = |verb: &str| {
        if name.ends_with("policy") || name.ends_with("campaign") {
            format!("{verb} {} in {city}", with_article(name))
        } else {
            format!("{verb} {name} in {city}")
        }
    };
    Some(match kind {
        Policy => singular("Adopt"),
        Event => format!("Hold {name} in {city}"),
        Training => format!("Offer {name} in {city}"),
        Campaign if name.ends_with("campaign") => singular("Run"),
        Campaign | Service => format!("Start {} in {city}", as_object(name)),
        Housing => format!("Provide {name} in {city}"),
        Employment => format!("Open {name} to people in recovery in {city}"),
        Governance => return None,
    })
}

/// The capability an action is about, if any.
fn capability_of<'m>(
    ctx: &Context<'m>,
    draft: &Draft<'_>,
) -> Option<&'m crate::model::definition::Capability> {
    let id = draft.id.as_str();
    id.strip_prefix("capability.")
        .or((id == "visible-recovery").then_some(crate::model::known::RECOVERY_EVENTS))
        .and_then(|c| ctx.model.capability(c))
}

/// The title and text of an action answering the funding cliffs of the organisations one
/// commissioner funds: one decision about its contracts.
fn commissioned(ctx: &Context<'_>, draft: &Draft<'_>, commissioner: &str) -> (String, String) {
    let names = ctx.names;
    let who = names.actor(commissioner);
    let funded = funded(names, draft);
    let end = draft
        .deadline
        .map_or_else(|| "within the year".to_owned(), |d| format!("by {d}"));
    let (contracts, them) = if funded.len() == 1 {
        ("contract", "it")
    } else {
        ("contracts", "they")
    };
    (
        format!(
            "Decide with {who} what follows the {contracts} of {}",
            list(&funded, 3)
        ),
        format!(
            "The {contracts} of {} with {who} end {end}. Before {them} end, agree with {who} what it will recommission and on what terms, and with each organisation how the work not covered could be funded, with at least one new source. Tell the people they serve in good time, and keep their support going while the decision is made.",
            list(&funded, 6)
        ),
    )
}

/// The organisations whose funding a funding action is about, by name.
fn funded(names: &super::names::Names<'_>, draft: &Draft<'_>) -> Vec<String> {
    draft
        .gaps
        .iter()
        .filter_map(|g| g.subjects.first())
        .map(|a| names.actor(a))
        .collect()
}
