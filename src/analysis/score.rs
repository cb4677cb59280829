//! Pillar scores, 0 to 100, with the terms that made them, and the city's index (their mean).
//!
//! score = 100 × Σ weight·term / Σ weight, over the terms that apply: capability coverage,
//! provider commitment, required links (only for pillars that have some) and gaps.

use super::facts::LinkState;
use super::{Context, Gap};
use crate::model::Severity;
use crate::model::city::Commitment;
use crate::model::ids::PillarId;
use serde::Serialize;
use std::collections::BTreeMap;

/// A pillar's score and how it was made.
#[derive(Clone, Debug, Serialize)]
pub struct PillarScore {
    /// 0 to 100, one decimal; `None` when nothing in the pillar was assessed.
    pub score: Option<f64>,
    /// The share of the pillar's capabilities and required links assessed, 0 to 1.
    pub assessed: f64,
    /// The terms, in the order of the formula.
    pub terms: Vec<Term>,
    /// The ids of the pillar's gaps.
    pub gaps: Vec<String>,
}

/// One term of a pillar score.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    /// `capability_coverage`, `provider_commitment`, `required_links` or `gaps`.
    pub name: &'static str,
    /// Its value, 0 to 1.
    pub value: f64,
    /// Its weight in the model.
    pub weight: f64,
    /// How the value was counted.
    pub detail: String,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn term(name: &'static str, value: f64, weight: f64, detail: String) -> Term {
    Term {
        name,
        value: round(value, 4),
        weight,
        detail,
    }
}

/// Scores every pillar of the model.
pub(super) fn score_pillars(ctx: &Context<'_>, gaps: &[Gap]) -> BTreeMap<PillarId, PillarScore> {
    let s = &ctx.model.scoring;
    let commitment = |c: Commitment| match c {
        Commitment::Committed => s.commitment.committed,
        Commitment::Engaged => s.commitment.engaged,
        Commitment::Identified => s.commitment.identified,
        Commitment::Declined => s.commitment.declined,
        // The optimistic reading has none left; were one here, it counts as engaged.
        Commitment::Unknown => s.commitment.engaged,
    };
    let mut out = BTreeMap::new();
    for pillar in &ctx.model.pillars {
        let caps: Vec<_> = pillar
            .capabilities
            .iter()
            .filter(|c| ctx.assesses_capability(c.as_str()))
            .collect();
        let held: Vec<_> = caps
            .iter()
            .copied()
            .filter(|c| ctx.facts.holds(ctx.model, c))
            .collect();
        let coverage = if caps.is_empty() {
            0.0
        } else {
            held.len() as f64 / caps.len() as f64
        };
        let strength: Vec<f64> = held
            .iter()
            .map(|c| match ctx.facts.providers.get(*c) {
                Some(ps) => ps
                    .iter()
                    .map(|p| commitment(p.commitment))
                    .fold(0.0, f64::max),
                None => 1.0,
            })
            .collect();
        let mean_strength = if strength.is_empty() {
            0.0
        } else {
            strength.iter().sum::<f64>() / strength.len() as f64
        };
        let mut terms = vec![
            term(
                "capability_coverage",
                coverage,
                s.weights.capability_coverage,
                format!("{} of {} capabilities held", held.len(), caps.len()),
            ),
            term(
                "provider_commitment",
                mean_strength,
                s.weights.provider_commitment,
                match held.len() {
                    0 => "no capability held, so no provider to count".to_owned(),
                    1 => "commitment of the best provider of the one capability held".to_owned(),
                    n => format!(
                        "mean commitment of the best provider of each of the {n} capabilities held"
                    ),
                },
            ),
        ];
        let links: Vec<f64> = ctx
            .facts
            .links
            .iter()
            .filter(|l| ctx.model.required_links[l.index].pillar == pillar.id)
            .filter_map(|l| match l.state {
                LinkState::Present => Some(1.0),
                LinkState::Weak => Some(s.weak_link_credit),
                LinkState::Missing | LinkState::SectorAbsent => Some(0.0),
                LinkState::NotAssessed => None,
            })
            .collect();
        let n_links = ctx
            .facts
            .links
            .iter()
            .filter(|l| ctx.model.required_links[l.index].pillar == pillar.id)
            .count();
        let parts = pillar.capabilities.len() + n_links;
        let assessed = if parts == 0 {
            1.0
        } else {
            (caps.len() + links.len()) as f64 / parts as f64
        };
        if !links.is_empty() {
            let present = links.iter().sum::<f64>();
            terms.push(term(
                "required_links",
                present / links.len() as f64,
                s.weights.required_links,
                format!(
                    "{present} of {} required links (weak ones count {})",
                    links.len(),
                    s.weak_link_credit
                ),
            ));
        }
        let own: Vec<&Gap> = gaps.iter().filter(|g| g.pillar == pillar.id).collect();
        let recorded: Vec<&&Gap> = own
            .iter()
            .filter(|g| g.basis == super::Basis::Recorded)
            .collect();
        let penalty: f64 = recorded
            .iter()
            .map(|g| match g.severity {
                Severity::High => s.gap_penalty.high,
                Severity::Medium => s.gap_penalty.medium,
                Severity::Low => s.gap_penalty.low,
            })
            .sum();
        let count = |sev| recorded.iter().filter(|g| g.severity == sev).count();
        terms.push(term(
            "gaps",
            (1.0 - penalty).max(0.0),
            s.weights.gaps,
            format!(
                "1 less the penalties of {} high, {} medium and {} low recorded gaps",
                count(Severity::High),
                count(Severity::Medium),
                count(Severity::Low)
            ),
        ));
        let weight: f64 = terms.iter().map(|t| t.weight).sum();
        let total: f64 = terms.iter().map(|t| t.weight * t.value).sum();
        let score = match (assessed > 0.0, weight > 0.0) {
            (false, _) => None,
            (true, true) => Some(round(100.0 * total / weight, 1)),
            (true, false) => Some(0.0),
        };
        let gaps = own.iter().map(|g| g.id.clone()).collect();
        out.insert(
            pillar.id.clone(),
            PillarScore {
                score,
                assessed: round(assessed, 4),
                terms,
                gaps,
            },
        );
    }
    out
}

/// The city's index: the mean of the scores of the pillars that have one, one decimal (0 when
/// none has).
pub(super) fn index(pillars: &BTreeMap<PillarId, PillarScore>) -> f64 {
    let scores: Vec<f64> = pillars.values().filter_map(|p| p.score).collect();
    if scores.is_empty() {
        return 0.0;
    }
    round(scores.iter().sum::<f64>() / scores.len() as f64, 1)
}
