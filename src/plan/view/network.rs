//! The network section of the view: the figures a board can read and the drawing.

use super::NetworkView;
use crate::analysis::Analysis;
use crate::model::{City, Model};
use crate::plan::names::Names;

/// The network's figures and drawing.
pub(super) fn network(
    names: &Names<'_>,
    model: &Model,
    city: &City,
    analysis: &Analysis,
) -> NetworkView {
    let n = &analysis.network;
    let name = |id: &str| names.actor(id);
    let brokers = n.brokers();

    NetworkView {
        n_actors: n.n_actors,
        n_partnerships: n.n_partnerships,
        density: format!("{:.3}", n.density),
        centralization: format!("{:.3}", n.degree_centralization),
        n_components: n.components.len(),
        articulation_points: few(n
            .articulation_points
            .iter()
            .map(|a| name(a.as_str()))
            .collect()),
        isolated: few(n
            .components
            .iter()
            .filter(|c| c.len() == 1)
            .map(|c| name(c[0].as_str()))
            .collect()),
        brokers: brokers
            .iter()
            .take(5)
            .map(|(id, m)| (name(id.as_str()), format!("{:.3}", m.betweenness)))
            .collect(),
        paths: n.paths.as_ref().and_then(|p| p.describe(n.n_actors)),
        drawing: super::super::layout::draw(model, city, analysis),
    }
}

/// How many names a list under the drawing shows.
const NAMED: usize = 12;

/// At most `NAMED` names, then "and N more" (a large city has a hundred).
fn few(mut names: Vec<String>) -> Vec<String> {
    if names.len() > NAMED {
        let more = names.len() - NAMED;
        names.truncate(NAMED);
        names.push(format!("and {more} more"));
    }
    names
}
