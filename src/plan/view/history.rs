//! "Since the last plan": the diff against the plan last written in the same folder, in words.

use super::HistoryView;
use crate::model::Model;
use crate::plan::words::capitalise;

impl HistoryView {
    /// The view of a diff against the last plan.
    pub fn new(model: &Model, d: &crate::scenario::diff::Diff) -> HistoryView {
        let signed = |x: f64| {
            if x > 0.0 {
                format!("+{x:.1}")
            } else {
                format!("{x:.1}")
            }
        };
        HistoryView {
            from_as_of: d.from_as_of.clone(),
            index_before: format!("{:.1}", d.index.before),
            index_after: format!("{:.1}", d.index.after),
            index_delta: signed(d.index.delta),
            changed: !d.is_empty(),
            // Findings as sentences, as the rest of the plan writes them.
            closed: d
                .gaps_closed
                .iter()
                .cloned()
                .map(|mut c| {
                    c.gap.message = capitalise(&c.gap.message);
                    c
                })
                .collect(),
            opened: d
                .gaps_opened
                .iter()
                .cloned()
                .map(|mut g| {
                    g.message = capitalise(&g.message);
                    g
                })
                .collect(),
            pillars: d
                .pillars
                .iter()
                .map(|(p, c)| {
                    let name = model.pillar(p).map_or(p.clone(), |x| x.name.clone());
                    [
                        name,
                        format!("{:.1}", c.before),
                        format!("{:.1}", c.after),
                        signed(c.delta),
                    ]
                })
                .collect(),
            actors_added: d.actors_added.iter().map(|a| a.name.clone()).collect(),
            actors_removed: d.actors_removed.iter().map(|a| a.name.clone()).collect(),
            actors_closed: d.actors_closed.iter().map(|a| a.name.clone()).collect(),
            actors_opened: d.actors_opened.iter().map(|a| a.name.clone()).collect(),
        }
    }
}
