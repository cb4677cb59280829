//! The sectors' colours, shared by the plan's drawing and the graph exports: the palette in the
//! model's sector order.

use crate::model::Model;

/// Colours of the sectors, in model order (then repeated).
const PALETTE: [&str; 13] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf",
];

/// The colour of a sector in drawings and exports: the palette in model order (then repeated);
/// a sector the model does not know takes the colour after the last.
pub(crate) fn sector_colour(model: &Model, sector: &str) -> &'static str {
    let i = model
        .sectors
        .iter()
        .position(|s| s.id.as_str() == sector)
        .unwrap_or(model.sectors.len());
    PALETTE[i % PALETTE.len()]
}
