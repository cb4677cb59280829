//! The drawing of a city too large to draw actor by actor: one node per sector present, in model
//! order around an ellipse, in the sector's colour, its radius growing with the square root of
//! the sector's number of actors (its area, roughly, with the number); one line per pair of
//! sectors that partner, its width growing with the square root of the number of partnerships
//! between them, dotted when most of them are informal. Each node's and line's figures (actors,
//! partnerships within and between sectors, actors with no partnership, single points of
//! failure) are its tooltip; the city's counts of the last two go in the legend. Linear in the
//! actors and partnerships.

use super::{DRAWING, isolated, legend, round1};
use crate::analysis::Analysis;
use crate::model::{City, Model};
use crate::plan::view::{Drawing, EdgeShape, NodeShape};
use crate::render::palette::sector_colour;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Centre and radii of the ellipse the sectors sit on, in SVG units.
const ELLIPSE: (f64, f64, f64, f64) = (450.0, 300.0, 320.0, 220.0);

/// Radii of the smallest and of the largest sector's node (rounded to whole units).
const RADIUS: (f64, f64) = (8.0, 48.0);

/// Widths of the thinnest and of the thickest line.
const WIDTH: (f64, f64) = (1.0, 12.0);

/// What the summary counts of one sector.
#[derive(Default)]
struct Sector {
    actors: usize,
    isolated: usize,
    single_points: usize,
    within: usize,
}

/// Partnerships between two sectors.
#[derive(Default)]
struct Between {
    count: usize,
    formal: usize,
}

/// The summary drawing: a node per sector, a line per pair of sectors that partner.
pub(super) fn draw(model: &Model, city: &City, analysis: &Analysis) -> Drawing {
    let n = &analysis.network;
    // Sectors in model order; one the model does not know (never, once loaded) after, by id.
    let key = |s: &str| {
        let i = model.sectors.iter().position(|x| x.id.as_str() == s);
        (i.unwrap_or(model.sectors.len()), s.to_owned())
    };
    let keys: BTreeSet<(usize, String)> =
        city.actors.iter().map(|a| key(a.sector.as_str())).collect();
    let index: BTreeMap<&(usize, String), usize> =
        keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let aps: BTreeSet<&str> = n.articulation_points.iter().map(|a| a.as_str()).collect();
    let mut sectors: Vec<Sector> = keys.iter().map(|_| Sector::default()).collect();
    let mut of: HashMap<&str, usize> = HashMap::with_capacity(city.actors.len());
    for a in &city.actors {
        let i = index[&key(a.sector.as_str())];
        let s = &mut sectors[i];
        s.actors += 1;
        s.isolated += usize::from(n.actors.get(&a.id).is_none_or(|m| m.degree == 0));
        s.single_points += usize::from(aps.contains(a.id.as_str()));
        of.insert(a.id.as_str(), i);
    }
    let mut between: BTreeMap<(usize, usize), Between> = BTreeMap::new();
    for p in &city.partnerships {
        let (Some(&a), Some(&b)) = (of.get(p.a.as_str()), of.get(p.b.as_str())) else {
            continue;
        };
        if a == b {
            sectors[a].within += 1;
            continue;
        }
        let e = between.entry((a.min(b), a.max(b))).or_default();
        e.count += 1;
        e.formal += usize::from(p.formal.is_formal());
    }
    let at = positions(sectors.len());
    let ids: Vec<&str> = keys.iter().map(|(_, id)| id.as_str()).collect();
    let nodes = nodes(model, &ids, &sectors, &at);
    let widest = between.values().map(|e| e.count).max().unwrap_or(1);
    let names: Vec<&str> = nodes.iter().map(|s| s.name.as_str()).collect();
    let edges = between
        .iter()
        .map(|(&(a, b), e)| EdgeShape {
            x1: at[a].0,
            y1: at[a].1,
            x2: at[b].0,
            y2: at[b].1,
            formal: 2 * e.formal > e.count,
            width: round1(WIDTH.0 + (WIDTH.1 - WIDTH.0) * (e.count as f64 / widest as f64).sqrt()),
            detail: format!(
                "{} and {}: {}, {} formal",
                names[a],
                names[b],
                counted(e.count, "partnership", "partnerships"),
                e.formal
            ),
        })
        .collect();
    let (width, height) = DRAWING;
    Drawing {
        width,
        height,
        nodes,
        edges,
        legend: legend(model, city),
        summary: true,
        n_isolated: isolated(analysis),
        n_single_points: n.articulation_points.len(),
    }
}

/// The sectors' nodes, their areas by their numbers of actors.
fn nodes(model: &Model, ids: &[&str], sectors: &[Sector], at: &[(f64, f64)]) -> Vec<NodeShape> {
    let largest = sectors.iter().map(|s| s.actors).max().unwrap_or(1);
    ids.iter()
        .zip(sectors)
        .zip(at)
        .map(|((&id, s), &(x, y))| {
            let name = model
                .sector(id)
                .map_or_else(|| id.to_owned(), |s| s.name.clone());
            let share = (s.actors as f64 / largest as f64).sqrt();
            NodeShape {
                x,
                y,
                r: (RADIUS.0 + (RADIUS.1 - RADIUS.0) * share).round(),
                colour: sector_colour(model, id).to_owned(),
                sector: name.clone(),
                name,
                single_point: false,
                isolated: false,
                labelled: true,
                label_x: x,
                label_anchor: "middle",
                actors: s.actors,
                detail: format!(
                    "{}, {} within the sector, {} without a partnership, {}",
                    counted(s.actors, "actor", "actors"),
                    counted(s.within, "partnership", "partnerships"),
                    s.isolated,
                    counted(
                        s.single_points,
                        "single point of failure",
                        "single points of failure"
                    ),
                ),
            }
        })
        .collect()
}

/// `n` places around the ellipse, clockwise from the top, in whole units (so that the template's
/// sums for the names' places stay whole); one alone in the middle.
fn positions(n: usize) -> Vec<(f64, f64)> {
    let (cx, cy, rx, ry) = ELLIPSE;
    if n == 1 {
        return vec![(cx, cy)];
    }
    (0..n)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
            (
                (cx + rx * angle.cos()).round(),
                (cy + ry * angle.sin()).round(),
            )
        })
        .collect()
}

/// "1 actor", "2 actors".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::load::builtin_model;
    use crate::plan::layout::tests::drawing_of;
    use std::collections::BTreeSet;
    use std::fmt::Write as _;

    /// A profile of `n` actors, the model's sectors in turn; each partners the next but every
    /// tenth, which has no partnership.
    pub(in crate::plan::layout) fn city_of(n: usize) -> String {
        let sectors = &builtin_model().sectors;
        let mut yaml = String::from(
            "format: inclusive-cities/v1\n\
             city: { id: bigford, name: Bigford, country: GB, as_of: 2026-09-01 }\nactors:\n",
        );
        for i in 0..n {
            let sector = &sectors[i % sectors.len()].id;
            writeln!(yaml, "- {{ id: a{i}, name: Actor {i}, sector: {sector} }}")
                .expect("a string");
        }
        yaml.push_str("partnerships:\n");
        for i in (1..n).filter(|i| i % 10 != 0 && (i + 1) % 10 != 0) {
            let formal = i % 3 == 0;
            writeln!(
                yaml,
                "- {{ between: [a{i}, a{}], kind: joint_delivery, formal: {formal} }}",
                i + 1
            )
            .expect("a string");
        }
        yaml
    }

    #[test]
    fn a_large_city_is_drawn_by_sector() {
        let (city, d) = drawing_of(&city_of(super::super::DRAWN_ONE_BY_ONE + 1));
        assert!(d.summary);
        let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
        assert_eq!(d.nodes.len(), present.len());
        let names: Vec<&str> = d.nodes.iter().map(|n| n.name.as_str()).collect();
        let legend: Vec<&str> = d.legend.iter().map(|l| l.sector.as_str()).collect();
        assert_eq!(names, legend, "every sector present, in model order");
        assert_eq!(
            d.nodes.iter().map(|n| n.actors).sum::<usize>(),
            city.actors.len()
        );
        // a0, a9, a10, a19, a20, ...: the first and every tenth from the tenth lead no pair.
        assert_eq!(d.n_isolated, 1 + (city.actors.len() - 1) / 10);
        assert!(
            d.edges
                .iter()
                .all(|e| e.width >= 1.0 && !e.detail.is_empty())
        );
        let (_, again) = drawing_of(&city_of(super::super::DRAWN_ONE_BY_ONE + 1));
        assert_eq!(
            serde_json::to_string(&d).expect("plain data"),
            serde_json::to_string(&again).expect("plain data")
        );
    }
}
