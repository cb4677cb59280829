//! comparison.md and comparison.html, through Tera (`render::comparison`). A comparison is
//! streamed, so each template is rendered in three parts, `part` telling it which, each with a
//! small context, straight into the file:
//!
//! - `head`, once: the set (`model`, `pillars`, `n_cities`, `n_peers`, `strong_pillar`) and
//!   `cities`, every city's row, highest index first;
//! - `city`, once per city, by id: the set, `city` (its row) and `gaps`, its gaps that have
//!   peers, each with its `peers`, best first; the pairs of one city at a time, never all;
//! - `foot`, once: the set.
//!
//! Numbers come as numbers and as text rounded for people (`text`: one decimal or "n/a").

use super::output::rounded;
use super::{CitySummary, Comparison, MAX_PEERS, Peer, STRONG_PILLAR};
use crate::model::{Model, Severity};
use crate::render::comparison::ComparisonTemplates;
use serde::Serialize;
use std::io::{self, Write};

/// Renders the template `name` (`comparison.md.tera` or `comparison.html.tera`) into `w`.
pub(super) fn render(
    w: &mut dyn Write,
    templates: &ComparisonTemplates,
    name: &str,
    model: &Model,
    cmp: &Comparison,
) -> io::Result<()> {
    // Tera's HTML escaping writes a byte at a time: a buffer keeps those writes cheap and hands
    // the file (and its hash) large pieces.
    let mut w = io::BufWriter::with_capacity(1 << 16, w);
    render_parts(&mut w, templates, name, model, cmp)?;
    w.flush()
}

fn render_parts(
    w: &mut dyn Write,
    templates: &ComparisonTemplates,
    name: &str,
    model: &Model,
    cmp: &Comparison,
) -> io::Result<()> {
    let pillars: Vec<PillarView<'_>> = model
        .pillars
        .iter()
        .map(|p| PillarView {
            id: p.id.as_str(),
            name: &p.name,
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert(
        "model",
        &ModelView {
            id: &model.id,
            name: &model.name,
            version: &model.version,
        },
    );
    context.insert("pillars", &pillars);
    context.insert("n_cities", &cmp.cities.len());
    context.insert("n_peers", &cmp.n_peers);
    // As text: 60, not 60.0.
    context.insert("strong_pillar", &STRONG_PILLAR.to_string());
    let mut head = context.clone();
    let rows: Vec<CityRow<'_>> = by_index(cmp)
        .into_iter()
        .map(|c| CityRow::of(c, &pillars))
        .collect();
    head.insert("part", "head");
    head.insert("cities", &rows);
    drop(rows);
    templates.render(name, &head, w)?;
    drop(head);
    context.insert("part", "city");
    let mut gaps: Vec<GapView<'_>> = Vec::new();
    for (ci, city) in cmp.cities.iter().enumerate() {
        gaps.clear();
        for p in cmp.peers_of_city(ci) {
            if gaps.last().is_none_or(|g| g.id != p.gap_id) {
                gaps.push(GapView {
                    id: p.gap_id,
                    pillar: pillars
                        .get(usize::from(p.gap.pillar))
                        .map_or("", |p| p.name),
                    severity: p.gap.severity,
                    peers: Vec::with_capacity(MAX_PEERS),
                });
            }
            if let Some(gap) = gaps.last_mut() {
                gap.peers.push(PeerView::of(&p));
            }
        }
        context.insert("city", &CityRow::of(city, &pillars));
        context.insert("gaps", &gaps);
        templates.render(name, &context, w)?;
    }
    context.remove("city");
    context.remove("gaps");
    context.insert("part", "foot");
    templates.render(name, &context, w)
}

/// The model, for templates.
#[derive(Serialize)]
struct ModelView<'a> {
    id: &'a str,
    name: &'a str,
    version: &'a str,
}

/// A pillar, for templates.
#[derive(Serialize)]
struct PillarView<'a> {
    id: &'a str,
    name: &'a str,
}

/// A city's row: its scores and gap counts.
#[derive(Serialize)]
struct CityRow<'a> {
    id: &'a str,
    name: &'a str,
    country: &'a str,
    /// The index and each pillar's score, index first.
    index: Score<'a>,
    scores: Vec<Score<'a>>,
    gaps: GapCounts,
    n_actors: usize,
    n_partnerships: usize,
}

impl<'a> CityRow<'a> {
    fn of(c: &'a CitySummary, pillars: &[PillarView<'a>]) -> Self {
        CityRow {
            id: &c.id,
            name: &c.name,
            country: &c.country,
            index: Score::of("index", c.index),
            scores: pillars
                .iter()
                .zip(&c.pillars)
                .map(|(p, &s)| Score::of(p.name, s))
                .collect(),
            gaps: GapCounts {
                high: count(c, Severity::High),
                medium: count(c, Severity::Medium),
                low: count(c, Severity::Low),
            },
            n_actors: c.n_actors,
            n_partnerships: c.n_partnerships,
        }
    }
}

fn count(c: &CitySummary, s: Severity) -> usize {
    c.gaps.iter().filter(|g| g.severity == s).count()
}

/// A score out of 100: `value` rounded to one decimal (none when nothing was assessed), `text`
/// for people ("63.4" or "n/a"), `whole` for a heatmap cell ("63" or "–"), and `colour`.
#[derive(Serialize)]
struct Score<'a> {
    pillar: &'a str,
    value: Option<f64>,
    text: String,
    whole: String,
    colour: String,
}

impl<'a> Score<'a> {
    fn of(pillar: &'a str, score: f64) -> Self {
        if score.is_nan() {
            return Score {
                pillar,
                value: None,
                text: "n/a".to_owned(),
                whole: "–".to_owned(),
                colour: "#eeeeee".to_owned(),
            };
        }
        Score {
            pillar,
            value: Some(rounded(score, 1)),
            text: format!("{score:.1}"),
            whole: format!("{score:.0}"),
            colour: heat(score),
        }
    }
}

/// A city's number of gaps by severity.
#[derive(Serialize)]
struct GapCounts {
    high: usize,
    medium: usize,
    low: usize,
}

/// A gap of the city, with its peers.
#[derive(Serialize)]
struct GapView<'a> {
    id: &'a str,
    /// The pillar's name.
    pillar: &'a str,
    severity: Severity,
    peers: Vec<PeerView<'a>>,
}

/// A city strong where the city is weak, and how.
#[derive(Serialize)]
struct PeerView<'a> {
    id: &'a str,
    name: &'a str,
    country: &'a str,
    /// Its score in the gap's pillar, to one decimal (a peer's is never NaN: it is strong).
    score: f64,
    /// The same as text: `63.4`.
    score_text: String,
    how: &'a str,
}

impl<'a> PeerView<'a> {
    fn of(p: &Peer<'a>) -> Self {
        PeerView {
            id: &p.peer.id,
            name: &p.peer.name,
            country: &p.peer.country,
            score: rounded(p.peer_pillar_score, 1),
            score_text: format!("{:.1}", p.peer_pillar_score),
            how: p.how,
        }
    }
}

/// The cities by index, highest first (then by id).
fn by_index(cmp: &Comparison) -> Vec<&CitySummary> {
    let mut rows: Vec<&CitySummary> = cmp.cities.iter().collect();
    rows.sort_by(|a, b| b.index.total_cmp(&a.index).then_with(|| a.id.cmp(&b.id)));
    rows
}

/// A colour from red (0) through amber to teal (100).
fn heat(score: f64) -> String {
    let t = (score / 100.0).clamp(0.0, 1.0);
    let (r, g, b) = if t < 0.5 {
        let u = t / 0.5;
        (
            192.0 + (214.0 - 192.0) * u,
            57.0 + (137.0 - 57.0) * u,
            43.0 + (16.0 - 43.0) * u,
        )
    } else {
        let u = (t - 0.5) / 0.5;
        (
            214.0 + (31.0 - 214.0) * u,
            137.0 + (111.0 - 137.0) * u,
            16.0 + (120.0 - 16.0) * u,
        )
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        r.round() as u8,
        g.round() as u8,
        b.round() as u8
    )
}
