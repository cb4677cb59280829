//! Whom to approach next: each prospect of a profile scored by the gaps its joining would close,
//! weighted by severity (high 3, medium 2, low 1), then by the index gain; the gaps it would open
//! (often a new sole provider of what nobody provided before) are shown, and weigh through the
//! index. Then the best set of K chosen greedily, each pick the one that adds most to those
//! already chosen. Ties break by prospect id, so the result is stable.
//!
//! A prospect joins as [`whatif`] builds it, with what its entry records: a lived-experience-led
//! recovery community prospect can close the no-LERO gap, an `online` one the digital gap, its
//! `places` lost provision. Only recorded gaps count as closed: an assumed gap (resting on an
//! unknown) is something to check, not a reason to recruit, so it is neither listed nor weighed.

use crate::analysis::{Analysis, Basis, Gap, analyse_without_paths};
use crate::model::{City, Model, Severity};
use crate::network::Network;
use crate::scenario::whatif;
use serde::Serialize;
use std::collections::BTreeSet;

/// A prospect's (or a set's) effect on the city.
#[derive(Clone, Debug, Serialize)]
pub struct Effect {
    /// The prospect ids.
    pub prospects: Vec<String>,
    /// Recorded gaps it would close.
    pub closes: Vec<String>,
    /// Gaps it would open.
    pub opens: Vec<String>,
    /// Severity-weighted recorded gaps closed.
    pub value: i64,
    /// Index after, less index today, one decimal.
    pub index_gain: f64,
}

/// The recommendation.
#[derive(Clone, Debug, Serialize)]
pub struct Recommendation {
    /// The index today.
    pub index: f64,
    /// Every prospect alone, best first.
    pub ranking: Vec<Effect>,
    /// The greedy best set of `k`, in the order picked, with what each pick added.
    pub greedy: Vec<Effect>,
    /// The whole greedy set's effect.
    pub greedy_total: Effect,
    /// The `k` best prospects taken singly.
    pub top_k: Vec<String>,
    /// The effect of the top `k` together.
    pub top_k_total: Effect,
    /// Whether the greedy set differs from the top `k` singly.
    pub greedy_differs: bool,
}

fn weight(s: Severity) -> i64 {
    match s {
        Severity::High => 3,
        Severity::Medium => 2,
        Severity::Low => 1,
    }
}

/// The analysis of `city` for its gaps: no rule reads betweenness or closeness, so they are not
/// measured (a large city with many prospects would measure them once per prospect and set).
fn analysis_of(model: &Model, city: &City) -> Analysis {
    analyse_without_paths(model, city, &Network::build(city, model)).0
}

/// The effect of `prospects` joining, against `base` (the analysis of `start`).
fn effect(model: &Model, city: &City, base: &Analysis, prospects: &[String]) -> Effect {
    let joined =
        whatif::apply(model, city, prospects, &[]).expect("prospect ids come from the profile");
    let after = analysis_of(model, &joined);
    let before: BTreeSet<&str> = base.gaps.iter().map(|g| g.id.as_str()).collect();
    let now: BTreeSet<&str> = after.gaps.iter().map(|g| g.id.as_str()).collect();
    let closed: Vec<&Gap> = base
        .gaps
        .iter()
        .filter(|g| g.basis == Basis::Recorded && !now.contains(g.id.as_str()))
        .collect();
    let opens: Vec<String> = after
        .gaps
        .iter()
        .filter(|g| !before.contains(g.id.as_str()))
        .map(|g| g.id.clone())
        .collect();
    Effect {
        prospects: prospects.to_vec(),
        closes: closed.iter().map(|g| g.id.clone()).collect(),
        value: closed.iter().map(|g| weight(g.severity)).sum(),
        opens,
        index_gain: ((after.index - base.index) * 10.0).round() / 10.0,
    }
}

fn better(a: &Effect, b: &Effect) -> std::cmp::Ordering {
    b.value
        .cmp(&a.value)
        .then_with(|| b.index_gain.total_cmp(&a.index_gain))
        .then_with(|| a.prospects.cmp(&b.prospects))
}

/// Ranks the prospects of `city` and picks the best set of `k`.
pub fn recommend(model: &Model, city: &City, k: usize) -> Recommendation {
    let base = analysis_of(model, city);
    let ids: Vec<String> = city.prospects.iter().map(|p| p.id.clone()).collect();
    let mut ranking: Vec<Effect> = ids
        .iter()
        .map(|id| effect(model, city, &base, std::slice::from_ref(id)))
        .collect();
    ranking.sort_by(better);
    let k = k.min(ids.len());
    let mut chosen: Vec<String> = Vec::new();
    let mut total = effect(model, city, &base, &[]);
    let mut greedy = Vec::new();
    while chosen.len() < k {
        let best = ids
            .iter()
            .filter(|id| !chosen.contains(id))
            .map(|id| {
                let mut set = chosen.clone();
                set.push(id.clone());
                (id, effect(model, city, &base, &set))
            })
            .min_by(|(a_id, a), (b_id, b)| {
                (b.value - total.value)
                    .cmp(&(a.value - total.value))
                    .then_with(|| b.index_gain.total_cmp(&a.index_gain))
                    .then_with(|| a_id.cmp(b_id))
            });
        let Some((id, with)) = best else { break };
        let added = Effect {
            prospects: vec![id.clone()],
            closes: with
                .closes
                .iter()
                .filter(|g| !total.closes.contains(g))
                .cloned()
                .collect(),
            opens: with
                .opens
                .iter()
                .filter(|g| !total.opens.contains(g))
                .cloned()
                .collect(),
            value: with.value - total.value,
            index_gain: ((with.index_gain - total.index_gain) * 10.0).round() / 10.0,
        };
        greedy.push(added);
        chosen.push(id.clone());
        total = with;
    }
    let top_k: Vec<String> = ranking
        .iter()
        .take(k)
        .flat_map(|e| e.prospects.clone())
        .collect();
    let top_k_total = effect(model, city, &base, &top_k);
    let greedy_differs = {
        let a: BTreeSet<&String> = chosen.iter().collect();
        let b: BTreeSet<&String> = top_k.iter().collect();
        a != b
    };
    Recommendation {
        index: base.index,
        ranking,
        greedy,
        greedy_total: total,
        top_k,
        top_k_total,
        greedy_differs,
    }
}
