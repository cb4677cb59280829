//! From gaps to actions: the recorded gaps whose model group keys resolve alike make one action
//! (plan.md's table), its primary gap the most serious (then the rule's order in the model, then
//! the id). Single points of failure and funding risks not dated within year one are risks, not
//! actions; an uncommitted capability whose only providers are of a missing sector joins the
//! action that brings that sector in.

use crate::analysis::{Analysis, Basis, Gap};
use crate::model::ids::{ActorId, SectorId};
use crate::model::{City, Date, Model, RuleKind};
use std::collections::{BTreeMap, BTreeSet};

/// The gaps one action answers, before it is phased and led.
pub(super) struct Draft<'a> {
    /// The action id: the resolved group key.
    pub(super) id: String,
    /// Its gaps, the primary first.
    pub(super) gaps: Vec<&'a Gap>,
    /// The date that makes it urgent: a funding cliff's end (or `as_of` when the funding has
    /// already ended, or provision was lost).
    pub(super) deadline: Option<Date>,
    /// The deadline is a date of the city's (a funding's end), not the urgency of a loss.
    pub(super) dated: bool,
    /// The organisation of the city whose contracts all end within year one, when the action
    /// answers the funding cliffs of several organisations it alone funds.
    pub(super) commissioner: Option<ActorId>,
}

impl Draft<'_> {
    /// The gap that gives the action its template, pillar and horizon.
    pub(super) fn primary(&self) -> &Gap {
        self.gaps[0]
    }
}

/// The actions' drafts, by id, and the gaps that are risks only.
pub(super) fn group<'a>(
    model: &Model,
    city: &City,
    analysis: &'a Analysis,
) -> (Vec<Draft<'a>>, Vec<&'a Gap>) {
    let recorded: Vec<&Gap> = analysis
        .gaps
        .iter()
        .filter(|g| g.basis == Basis::Recorded)
        .collect();
    let missing_sectors: BTreeSet<&str> = recorded
        .iter()
        .filter(|g| g.rule == RuleKind::MissingSector)
        .filter_map(|g| g.subjects.first().map(String::as_str))
        .collect();
    let year_one = city.as_of.add_months(12);
    // Funding cliffs of organisations funded by contract by one commissioner of the city make one
    // action with that commissioner: one decision about its contracts, not one plan each.
    let mut funded_by: BTreeMap<&ActorId, usize> = BTreeMap::new();
    for gap in &recorded {
        if deadline(city, gap, year_one).is_some()
            && let Some(c) = commissioner(city, gap)
        {
            *funded_by.entry(c).or_insert(0) += 1;
        }
    }
    let mut drafts: BTreeMap<String, Draft<'a>> = BTreeMap::new();
    let mut risks = Vec::new();
    for gap in recorded {
        let deadline = deadline(city, gap, year_one);
        let key = match gap.rule {
            RuleKind::SinglePointOfFailure => None,
            // An organisation that declined is not brought in by an action.
            RuleKind::IsolatedActor if declined(city, gap) => continue,
            RuleKind::FundingRisk if gap.case == Some("recovery_community") => {
                Some(gap.group.clone())
            }
            RuleKind::FundingRisk => deadline.map(|_| {
                match commissioner(city, gap).filter(|c| funded_by.contains_key(c)) {
                    Some(c) => format!("funding.{c}"),
                    None => gap.group.clone(),
                }
            }),
            // Mutual-aid fellowships do not affiliate: that only they provide it is no action.
            RuleKind::UncommittedCapability if only_groups(city, gap) => continue,
            RuleKind::UncommittedCapability => Some(
                only_sector(city, gap)
                    .filter(|s| missing_sectors.contains(s.as_str()))
                    .map_or_else(|| gap.group.clone(), |s| format!("partner.{s}")),
            ),
            _ => Some(gap.group.clone()),
        };
        let Some(key) = key else {
            risks.push(gap);
            continue;
        };
        let draft = drafts.entry(key.clone()).or_insert_with(|| Draft {
            commissioner: key
                .strip_prefix("funding.")
                .and_then(|c| city.actor(c))
                .filter(|c| funded_by.contains_key(&c.id))
                .map(|c| c.id.clone()),
            id: key,
            gaps: Vec::new(),
            deadline: None,
            dated: false,
        });
        draft.gaps.push(gap);
        if let Some(d) = deadline {
            draft.dated |= gap.rule == RuleKind::FundingRisk;
            draft.deadline = Some(draft.deadline.map_or(d, |x| x.min(d)));
        }
    }
    // The most serious gap, then the rule's order in the model, then the case's order in the
    // rule (no seats for people in recovery before none for families), then the id.
    let rank = |g: &Gap| {
        (
            g.severity,
            model
                .rules
                .iter()
                .position(|r| r.id == g.rule)
                .unwrap_or(usize::MAX),
            g.case
                .and_then(|c| g.rule.cases().iter().position(|x| *x == c))
                .unwrap_or(0),
            g.id.clone(),
        )
    };
    let mut drafts: Vec<Draft<'a>> = drafts.into_values().collect();
    for d in &mut drafts {
        d.gaps.sort_by_cached_key(|g| rank(g));
    }
    (drafts, risks)
}

/// The date that makes a gap urgent within year one: the end of a funding cliff (never before
/// `as_of`), or `as_of` for a lost provision.
fn deadline(city: &City, gap: &Gap, year_one: Date) -> Option<Date> {
    match gap.rule {
        RuleKind::LostProvision => Some(city.as_of),
        RuleKind::FundingRisk if gap.case == Some("ends_within_horizon") => {
            let actor = city.actor(gap.subjects.first()?)?;
            let end = actor
                .funding
                .iter()
                .map(|f| f.until)
                .collect::<Option<Vec<Date>>>()?
                .into_iter()
                .max()?;
            (end <= year_one).then_some(end.max(city.as_of))
        }
        _ => None,
    }
}

/// The one sector all providers of an uncommitted capability belong to, if they share one.
fn only_sector<'c>(city: &'c City, gap: &Gap) -> Option<&'c SectorId> {
    let capability = gap.subjects.first()?;
    let mut sectors = city
        .actors
        .iter()
        .filter(|a| a.provides.iter().any(|c| c.as_str() == capability))
        .map(|a| &a.sector);
    let first = sectors.next()?;
    sectors.all(|s| s == first).then_some(first)
}

/// The one organisation of the city that funds the actor a funding risk is about, by contract or
/// statutory funding, when it is the only source.
fn commissioner<'c>(city: &'c City, gap: &Gap) -> Option<&'c ActorId> {
    use crate::model::city::FundingKind;
    let actor = city.actor(gap.subjects.first()?)?;
    let (first, rest) = actor.funding.split_first()?;
    let funder = city.actor(&first.source)?;
    let by_contract = actor.funding.iter().all(|f| {
        f.source == first.source
            && matches!(
                f.kind,
                Some(FundingKind::Contract | FundingKind::Subcontract | FundingKind::Statutory)
            )
    });
    (rest.iter().all(|f| f.source == first.source) && by_contract && funder.id != actor.id)
        .then_some(&funder.id)
}

/// Whether the actor a gap is about declined to take part.
fn declined(city: &City, gap: &Gap) -> bool {
    gap.subjects
        .first()
        .and_then(|a| city.actor(a))
        .is_some_and(|a| a.commitment == crate::model::city::Commitment::Declined)
}

/// Whether every provider of an uncommitted capability is a group of meetings.
fn only_groups(city: &City, gap: &Gap) -> bool {
    let Some(capability) = gap.subjects.first() else {
        return false;
    };
    let mut providers = city
        .actors
        .iter()
        .filter(|a| a.provides.iter().any(|c| c.as_str() == capability))
        .peekable();
    providers.peek().is_some() && providers.all(|a| a.group.is_some())
}
