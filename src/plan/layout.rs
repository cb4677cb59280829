//! The network drawing: actors as shapes for the report's SVG, from the components `network`
//! already computed (largest first; isolated actors are components of one).
//!
//! A city of up to [`DRAWN_ONE_BY_ONE`] actors is drawn actor by actor. The largest component
//! fills the main area, smaller ones stack on the right, actors with no partnership sit along the
//! bottom; each component settles under a fixed number of Fruchterman-Reingold steps from a
//! circle, grouped by sector. Each step weighs every pair of a component's actors against each
//! other: exact and, at this size, cheap enough (at most 300 × 299 / 2 pairs a step; about 50 ms
//! for the benchmarks' 300-actor city, whose plan takes about 0.1 s in all), where a cell-based
//! cutoff would save a few tens of milliseconds and move every small city's picture.
//!
//! A larger city is drawn as a summary ([`summary`]): one node per sector. A 900 × 640 drawing
//! gives 300 actors about 44 units square each, room for a dot and a line or two; past that the
//! dots overlap and three partnerships an actor fill the page with lines, so the picture says
//! less than a count would, while the all-pairs layout grows with the square of the actors (ten
//! times the actors, a hundred times the work: seconds for 3,000).
//!
//! Sequential arithmetic in a fixed order, so the same network gives the same picture on every
//! run, whatever the thread count.

mod summary;

use super::view::{Drawing, EdgeShape, LegendItem, NodeShape};
use crate::analysis::Analysis;
use crate::model::ids::ActorId;
use crate::model::{City, Model};
use crate::render::palette::sector_colour;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The most actors drawn one by one; a larger city is drawn as a summary by sector.
const DRAWN_ONE_BY_ONE: usize = 300;

/// How many of the best-connected actors the drawing names.
const LABELLED: usize = 8;

/// Size of the network drawing, in SVG units.
const DRAWING: (f64, f64) = (900.0, 640.0);

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The drawing of the city's network: actors grouped by sector, the best connected named; a
/// summary by sector past [`DRAWN_ONE_BY_ONE`] actors.
pub(super) fn draw(model: &Model, city: &City, analysis: &Analysis) -> Drawing {
    if city.actors.len() > DRAWN_ONE_BY_ONE {
        return summary::draw(model, city, analysis);
    }
    let n = &analysis.network;
    let sector_index = |s: &str| {
        model
            .sectors
            .iter()
            .position(|x| x.id.as_str() == s)
            .unwrap_or(model.sectors.len())
    };
    let mut order: Vec<usize> = (0..city.actors.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&city.actors[a], &city.actors[b]);
        sector_index(x.sector.as_str())
            .cmp(&sector_index(y.sector.as_str()))
            .then_with(|| x.id.cmp(&y.id))
    });
    let slot: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(slot, &i)| (city.actors[i].id.as_str(), slot))
        .collect();
    let mut pairs: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    for p in &city.partnerships {
        let (Some(&a), Some(&b)) = (slot.get(p.a.as_str()), slot.get(p.b.as_str())) else {
            continue;
        };
        *pairs.entry((a.min(b), a.max(b))).or_insert(false) |= p.formal.is_formal();
    }
    let pos = place(
        order.len(),
        &components(&n.components, &slot),
        &pairs.keys().copied().collect::<Vec<_>>(),
    );
    let (w, h) = DRAWING;
    let margin = 30.0;
    let at = |slot: usize| {
        (
            round1(margin + pos[slot].0 * (w - 2.0 * margin)),
            round1(margin + pos[slot].1 * (h - 2.0 * margin)),
        )
    };
    let colour = |s: &str| sector_colour(model, s).to_owned();
    let aps: BTreeSet<&str> = n.articulation_points.iter().map(|a| a.as_str()).collect();
    let mut by_degree: Vec<(&ActorId, usize)> = n
        .actors
        .iter()
        .map(|(id, m)| (id, m.degree))
        .filter(|(_, d)| *d > 0)
        .collect();
    by_degree.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let labelled: BTreeSet<&str> = by_degree
        .iter()
        .take(LABELLED)
        .map(|(id, _)| id.as_str())
        .collect();
    let nodes = order
        .iter()
        .enumerate()
        .map(|(slot, &i)| {
            let a = &city.actors[i];
            let degree = n.actors.get(&a.id).map_or(0, |m| m.degree);
            let (x, y) = at(slot);
            let r = round1(4.0 + 2.0 * (degree as f64).sqrt());
            let left = x > w * 0.6;
            NodeShape {
                x,
                y,
                r,
                label_x: round1(if left { x - r - 3.0 } else { x + r + 3.0 }),
                label_anchor: if left { "end" } else { "start" },
                colour: colour(a.sector.as_str()),
                name: a.name.clone(),
                sector: model
                    .sector(a.sector.as_str())
                    .map_or_else(|| a.sector.to_string(), |s| s.name.clone()),
                single_point: aps.contains(a.id.as_str()),
                isolated: degree == 0,
                labelled: labelled.contains(a.id.as_str()),
                actors: 1,
                detail: String::new(),
            }
        })
        .collect();
    let edges = pairs
        .iter()
        .map(|(&(a, b), &formal)| {
            let ((x1, y1), (x2, y2)) = (at(a), at(b));
            EdgeShape {
                x1,
                y1,
                x2,
                y2,
                formal,
                width: if formal { 1.6 } else { 1.0 },
                detail: String::new(),
            }
        })
        .collect();
    Drawing {
        width: w,
        height: h,
        nodes,
        edges,
        legend: legend(model, city),
        summary: false,
        n_isolated: isolated(analysis),
        n_single_points: n.articulation_points.len(),
    }
}

/// The sectors present, in model order, with their colours.
fn legend(model: &Model, city: &City) -> Vec<LegendItem> {
    let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
    model
        .sectors
        .iter()
        .filter(|s| present.contains(s.id.as_str()))
        .map(|s| LegendItem {
            sector: s.name.clone(),
            colour: sector_colour(model, s.id.as_str()).to_owned(),
        })
        .collect()
}

/// The number of actors with no partnership.
fn isolated(analysis: &Analysis) -> usize {
    let components = &analysis.network.components;
    components.iter().filter(|c| c.len() == 1).count()
}

/// The network's components as drawing slots: those with a partnership, largest first, then by
/// their first slot, each in slot order; then every actor with no partnership, in slot order.
fn components(network: &[Vec<ActorId>], slot: &HashMap<&str, usize>) -> Components {
    let mut linked = Vec::new();
    let mut alone = Vec::new();
    for c in network {
        let mut slots: Vec<usize> = c
            .iter()
            .filter_map(|id| slot.get(id.as_str()).copied())
            .collect();
        slots.sort_unstable();
        match slots.len() {
            0 => {}
            1 => alone.push(slots[0]),
            _ => linked.push(slots),
        }
    }
    linked.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    alone.sort_unstable();
    Components { linked, alone }
}

/// Actors by component, as slots.
struct Components {
    /// Components with a partnership, largest first, each in slot order.
    linked: Vec<Vec<usize>>,
    /// Actors with no partnership, in slot order.
    alone: Vec<usize>,
}

/// Positions in the unit square. The largest component fills the main area; smaller components
/// are stacked in a column on the right, each laid out on its own; actors with no partnership sit
/// in a row along the bottom.
fn place(n: usize, parts: &Components, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    let (components, alone) = (&parts.linked, &parts.alone);
    // Each slot's component and its place in it; each component's edges, in the given order.
    let mut home = vec![(usize::MAX, 0); n];
    for (c, members) in components.iter().enumerate() {
        for (j, &i) in members.iter().enumerate() {
            home[i] = (c, j);
        }
    }
    let mut inner: Vec<Vec<(usize, usize)>> = vec![Vec::new(); components.len()];
    for &(a, b) in edges {
        let ((c, ja), (_, jb)) = (home[a], home[b]);
        inner[c].push((ja, jb));
    }
    let bottom = if alone.is_empty() { 1.0 } else { 0.88 };
    let side = if components.len() > 1 { 0.72 } else { 1.0 };
    let mut pos = vec![(0.5, 0.5); n];
    let small: usize = components.iter().skip(1).map(Vec::len).sum();
    let mut y = 0.0;
    for (c, members) in components.iter().enumerate() {
        let (x0, w, y0, h) = if c == 0 {
            (0.0, side, 0.0, bottom)
        } else {
            let h = bottom * members.len() as f64 / small as f64;
            y += h;
            (side + 0.06, 1.0 - side - 0.06, y - h, h * 0.85)
        };
        for (j, p) in layout(members.len(), &inner[c]).into_iter().enumerate() {
            pos[members[j]] = (x0 + p.0 * w, y0 + p.1 * h);
        }
    }
    for (j, &i) in alone.iter().enumerate() {
        let x = if alone.len() == 1 {
            0.5
        } else {
            j as f64 / (alone.len() - 1) as f64
        };
        pos[i] = (x, 1.0);
    }
    pos
}
/// Number of settling steps.
const STEPS: usize = 200;

/// Node positions in `[0, 1] × [0, 1]`, in the order of `order` (the node indices to place).
fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / n as f64;
            (0.5 + 0.45 * angle.cos(), 0.5 + 0.45 * angle.sin())
        })
        .collect();
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let k = (1.0 / n as f64).sqrt();
    for step in 0..STEPS {
        let temperature = 0.1 * (1.0 - step as f64 / STEPS as f64);
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-6);
                let f = k * k / d;
                let (fx, fy) = (dx / d * f, dy / d * f);
                disp[i].0 += fx;
                disp[i].1 += fy;
                disp[j].0 -= fx;
                disp[j].1 -= fy;
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let f = d * d / k;
            let (fx, fy) = (dx / d * f, dy / d * f);
            disp[a].0 -= fx;
            disp[a].1 -= fy;
            disp[b].0 += fx;
            disp[b].1 += fy;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            // A little gravity keeps separate components near each other.
            let (gx, gy) = ((0.5 - p.0) * 2.0 * k, (0.5 - p.1) * 2.0 * k);
            let (dx, dy) = (d.0 + gx, d.1 + gy);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += dx / len * step;
            p.1 += dy / len * step;
        }
    }
    normalise(pos)
}

/// Stretches the positions to fill the unit square.
fn normalise(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    pos.into_iter()
        .map(|(x, y)| ((x - x0) / w, (y - y0) / h))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{DRAWN_ONE_BY_ONE, draw, layout};
    use crate::analysis::analyse;
    use crate::diag::SourceFile;
    use crate::load::{builtin_model, parse_city};
    use crate::model::City;
    use crate::network::Network;
    use crate::plan::view::Drawing;

    /// The drawing of a profile given as text, with the built-in model.
    pub(super) fn drawing_of(yaml: &str) -> (City, Drawing) {
        let model = builtin_model();
        let loaded = parse_city(&SourceFile::new("test.yaml", yaml), model);
        let city = loaded.value.unwrap_or_else(|| {
            let short = crate::diag::DiagnosticFormat::Short;
            panic!(
                "{}",
                crate::diag::render_all(&loaded.diagnostics, short, false)
            )
        });
        let analysis = analyse(model, &city, &Network::build(&city, model));
        let drawing = draw(model, &city, &analysis);
        (city, drawing)
    }

    fn json(d: &Drawing) -> String {
        serde_json::to_string(d).expect("plain data")
    }

    #[test]
    fn same_network_same_picture() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let a = layout(5, &edges);
        assert_eq!(a, layout(5, &edges));
        assert!(
            a.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
        let city = include_str!("../../cities/northgate-city.yaml");
        assert_eq!(json(&drawing_of(city).1), json(&drawing_of(city).1));
    }

    /// Places in two bundled cities' drawings, as report.html draws them: in the largest
    /// component, in a smaller one on the right, along the bottom (no partnership). Any change to
    /// how a small city is laid out moves them.
    #[test]
    fn small_cities_keep_their_picture() {
        let at = |d: &Drawing, i: usize| (d.nodes[i].x, d.nodes[i].y, d.nodes[i].r);
        let (_, d) = drawing_of(include_str!("../../cities/saltmarsh-coast.yaml"));
        assert!(!d.summary);
        assert_eq!((d.nodes.len(), d.edges.len()), (50, 60));
        assert_eq!(at(&d, 5), (347.9, 261.9, 10.9));
        assert_eq!(at(&d, 3), (870.0, 57.1, 6.0));
        assert_eq!(at(&d, 19), (696.8, 463.8, 6.0));
        assert_eq!(at(&d, 7), (30.0, 610.0, 4.0));
        assert_eq!(at(&d, 49), (870.0, 610.0, 4.0));
        let (_, d) = drawing_of(include_str!("../../cities/northgate-city.yaml"));
        assert_eq!((d.nodes.len(), d.edges.len()), (122, 204));
        assert_eq!(at(&d, 0), (276.9, 290.7, 8.0));
        assert_eq!(at(&d, 60), (364.7, 200.7, 9.3));
        assert_eq!(at(&d, 121), (260.5, 228.4, 6.8));
        let e = &d.edges[0];
        assert_eq!((e.x1, e.y1, e.x2, e.y2), (276.9, 290.7, 423.6, 219.0));
    }

    #[test]
    fn a_city_at_the_threshold_is_drawn_actor_by_actor() {
        let (city, d) = drawing_of(&super::summary::tests::city_of(DRAWN_ONE_BY_ONE));
        assert!(!d.summary);
        assert_eq!(d.nodes.len(), city.actors.len());
    }
}
