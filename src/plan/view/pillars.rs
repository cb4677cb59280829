//! The pillars' scores and how they are made, for the score table and the appendix.

use super::{PillarView, ScoringView, TermView, round1};
use crate::analysis::{Analysis, Basis};
use crate::model::Model;

/// The pillars in model order, with their scores and terms.
pub(super) fn pillars(model: &Model, analysis: &Analysis) -> Vec<PillarView> {
    model
        .pillars
        .iter()
        .map(|p| {
            let s = analysis.pillars.get(&p.id);
            let score = s.and_then(|s| s.score);
            PillarView {
                id: p.id.to_string(),
                name: p.name.clone(),
                description: p.description.clone(),
                score: score.unwrap_or(0.0),
                score_text: score.map_or_else(|| "not assessed".to_owned(), |x| format!("{x:.1}")),
                bar: round1(4.0 * score.unwrap_or(0.0)),
                // The gaps its actions answer: recorded ones (assumed ones are to check).
                n_gaps: analysis
                    .gaps
                    .iter()
                    .filter(|g| g.pillar == p.id && g.basis == Basis::Recorded)
                    .count(),
                terms: s
                    .map(|s| {
                        s.terms
                            .iter()
                            .map(|t| TermView {
                                name: t.name.replace('_', " "),
                                value: format!("{:.2}", t.value),
                                weight: format!("{}", t.weight),
                                detail: t.detail.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The scoring note and the terms' weights.
pub(super) fn scoring(model: &Model) -> ScoringView {
    let w = &model.scoring.weights;
    ScoringView {
        note: model.scoring.note.clone(),
        weights: vec![
            (
                "capability coverage".into(),
                w.capability_coverage.to_string(),
            ),
            (
                "provider commitment".into(),
                w.provider_commitment.to_string(),
            ),
            ("required links".into(), w.required_links.to_string()),
            ("gaps".into(), w.gaps.to_string()),
        ],
    }
}
