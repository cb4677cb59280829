//! "Since the last plan": the diff against the plan last written in the same folder, in words.

use super::HistoryView;
use crate::model::{City, Model};
use crate::plan::names::Names;
use crate::words::capitalise;

/// A partnership key (`a -- b (kind)`, `a -> b (kind)` or `a -- b`) in words: "A and B
/// (commissioning)", "A to B (referral)".
fn partnership(names: &Names<'_>, model: &Model, key: &str) -> String {
    let (pair, kind) = match key.strip_suffix(')').and_then(|k| k.rsplit_once(" (")) {
        Some((pair, kind)) => (
            pair,
            format!(
                " ({})",
                model.link_kind(kind).map_or(kind, |k| k.name.as_str())
            ),
        ),
        None => (key, String::new()),
    };
    match (pair.split_once(" -> "), pair.split_once(" -- ")) {
        (Some((a, b)), _) => format!("{} to {}{kind}", names.actor(a), names.actor(b)),
        (None, Some((a, b))) => format!("{} and {}{kind}", names.actor(a), names.actor(b)),
        _ => key.to_owned(),
    }
}

/// What closed a gap, in words: "new partnership a -- b (kind)" with the organisations' names.
fn closed_by(names: &Names<'_>, model: &Model, phrase: &str) -> String {
    match phrase.strip_prefix("new partnership ") {
        Some(key) => format!("new partnership {}", partnership(names, model, key)),
        None => phrase.to_owned(),
    }
}

impl HistoryView {
    /// The view of a diff against the last plan.
    pub fn new(model: &Model, city: &City, d: &crate::scenario::diff::Diff) -> HistoryView {
        let names = Names::new(model, city);
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
                    c.closed_by = c
                        .closed_by
                        .iter()
                        .map(|p| closed_by(&names, model, p))
                        .collect();
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
            partnerships_added: d
                .partnerships_added
                .iter()
                .map(|k| partnership(&names, model, k))
                .collect(),
            partnerships_removed: d
                .partnerships_removed
                .iter()
                .map(|k| partnership(&names, model, k))
                .collect(),
            actors_added: d.actors_added.iter().map(|a| a.name.clone()).collect(),
            actors_removed: d.actors_removed.iter().map(|a| a.name.clone()).collect(),
            actors_closed: d.actors_closed.iter().map(|a| a.name.clone()).collect(),
            actors_opened: d.actors_opened.iter().map(|a| a.name.clone()).collect(),
        }
    }
}
