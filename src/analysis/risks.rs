//! Risks and things to check: the single points of failure and funding risks of the gaps,
//! each with the organisation and what would be lost, and funding the profile does not record.

use super::{Basis, Context, Gap};
use crate::model::RuleKind;
use serde::Serialize;

/// A single point of failure or a funding risk, with what would be lost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Risk {
    /// The organisation at risk; `None` for a pillar-wide or city-wide risk (the partnership's).
    pub owner: Option<String>,
    /// `single_point` or `funding`.
    pub kind: &'static str,
    /// The rule's case: `articulation_point`, `sole_provider`, `ends_within_horizon`, ...
    pub case: Option<&'static str>,
    /// The capabilities that would be lost.
    pub lost: Vec<String>,
    /// The gap it comes from (the gap stays in `gaps` too).
    pub gap: String,
    /// Recorded or assumed, as the gap.
    pub basis: Basis,
}

/// Something the profile leaves to check that is not a gap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ToCheck {
    /// What it is about: an actor id, or a sector id for the sector as a whole.
    pub subject: String,
    /// What to check.
    pub check: String,
}

/// The risks among the gaps, in the gaps' order.
pub(super) fn risks(ctx: &Context<'_>, gaps: &[Gap]) -> Vec<Risk> {
    gaps.iter()
        .filter_map(|g| {
            let kind = match g.rule {
                RuleKind::SinglePointOfFailure => "single_point",
                RuleKind::FundingRisk => "funding",
                _ => return None,
            };
            let owner = g
                .subjects
                .first()
                .filter(|s| ctx.actors.contains_key(s.as_str()))
                .cloned();
            let lost = match (&owner, g.case) {
                (Some(_), Some("sole_provider")) => g.subjects[1..].to_vec(),
                (Some(actor), _) => ctx.actors[actor.as_str()]
                    .provides
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                (None, _) => ctx
                    .model
                    .pillar(g.pillar.as_str())
                    .map_or_else(Vec::new, |p| {
                        p.capabilities
                            .iter()
                            .filter(|c| ctx.facts.providers.contains_key(*c))
                            .map(ToString::to_string)
                            .collect()
                    }),
            };
            Some(Risk {
                owner,
                kind,
                case: g.case,
                lost,
                gap: g.id.clone(),
                basis: g.basis,
            })
        })
        .collect()
}

/// Funding not recorded: the recovery community's organisations (not groups) that list no
/// funding, the sector whose fragile funding the seeds speak of (000, 001). Something to
/// check, not a gap; an employer's or a statutory body's own funding is not the partnership's
/// question.
pub(super) fn to_check(ctx: &Context<'_>) -> Vec<ToCheck> {
    ctx.city
        .actors
        .iter()
        .filter(|a| super::basis::unfunded_recovery(a))
        .map(|a| ToCheck {
            subject: a.id.to_string(),
            check: format!(
                "funding not recorded: how is {} funded, and until when?",
                a.name
            ),
        })
        .collect()
}
