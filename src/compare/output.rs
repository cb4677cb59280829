//! The comparison's files: tidy CSV tables for R and pandas (cities, scores, gaps, peers),
//! Markdown and a self-contained HTML page with a heatmap of pillar scores (through Tera, in
//! `page`), a workbook (`workbook`) and JSON.
//!
//! Every file is rendered straight into its file, never held (the workbook is built in
//! rust_xlsxwriter's constant-memory mode and held only compressed). The Markdown and HTML start
//! with the engine's marker, which carries the hash of everything after it: the caller starts
//! them with `Stream::start_marked` ([`MARKED`]), which hashes the text as it streams and writes
//! the marker over a placeholder of the same length once the file is finished, so the marker is
//! the first line, as in a plan's documents, and the file is still written in one pass.
//!
//! The CSV tables round for people reading them in a spreadsheet: scores and the index to one
//! decimal, density to three; comparison.json keeps every figure whole. Text cells pass through
//! `escape::spreadsheet`, so a name cannot be a formula.

use super::{CitySummary, Comparison, GapRow, page, workbook};
use crate::model::definition::RuleKind;
use crate::model::{Model, Severity};
use crate::render::comparison::ComparisonTemplates;
use crate::render::escape;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::io::{self, Write};

/// The comparison.json format id.
pub const COMPARISON_FORMAT: &str = "inclusive-cities/comparison/v1";

/// The files a comparison writes.
pub const FILES: [&str; 8] = [
    "cities.csv",
    "scores.csv",
    "gaps.csv",
    "peers.csv",
    "comparison.md",
    "comparison.html",
    "comparison.json",
    "comparison.xlsx",
];

/// The files whose first line is the engine's marker, started by the caller.
pub const MARKED: [&str; 2] = ["comparison.md", "comparison.html"];

/// Renders the output file `name` (one of [`FILES`]) of a comparison into `w`; the caller starts
/// those of [`MARKED`] with the marker.
pub fn render(
    w: &mut dyn Write,
    name: &str,
    model: &Model,
    cmp: &Comparison,
    templates: &ComparisonTemplates,
) -> io::Result<()> {
    match name {
        "cities.csv" => cities_csv(w, cmp),
        "scores.csv" => scores_csv(w, cmp),
        "gaps.csv" => gaps_csv(w, cmp),
        "peers.csv" => peers_csv(w, cmp),
        "comparison.md" => page::render(w, templates, "comparison.md.tera", model, cmp),
        "comparison.html" => page::render(w, templates, "comparison.html.tera", model, cmp),
        "comparison.json" => json(w, model, cmp),
        "comparison.xlsx" => workbook::render(w, cmp),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a comparison has no file `{name}`"),
        )),
    }
}

fn count(c: &CitySummary, s: Severity) -> usize {
    c.gaps.iter().filter(|g| g.severity == s).count()
}

/// A pillar's id, by its position in the model ("" for none).
fn pillar_of<'a>(cmp: &'a Comparison, gap: &GapRow) -> &'a str {
    cmp.pillars
        .get(usize::from(gap.pillar))
        .map_or("", String::as_str)
}

/// `x` rounded to `places` decimals, for a table: `83.7`, `100`, `0.039`.
pub(super) fn rounded(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

/// A pillar score for a table, to one decimal: empty when nothing in the pillar was assessed
/// (NaN).
fn score_cell(score: f64) -> String {
    if score.is_nan() {
        String::new()
    } else {
        rounded(score, 1).to_string()
    }
}

/// A text cell, made safe for a spreadsheet.
fn text(s: &str) -> Cow<'_, str> {
    escape::spreadsheet(s)
}

/// Pillar scores for JSON: `null` where nothing was assessed.
struct Scores<'a>(&'a [f64]);

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|x| (!x.is_nan()).then_some(*x)))
    }
}

/// The columns after the pillar scores in cities.csv and comparison.xlsx's Cities sheet.
pub(super) const CITY_FIGURES: [&str; 8] = [
    "n_actors",
    "n_partnerships",
    "density",
    "n_components",
    "n_articulation_points",
    "n_gaps_high",
    "n_gaps_medium",
    "n_gaps_low",
];

fn cities_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    let mut header: Vec<Cow<'_, str>> = ["id", "name", "country", "index"]
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
    header.extend(cmp.pillars.iter().map(|p| text(p)));
    header.extend(CITY_FIGURES.map(Cow::Borrowed));
    w.write_record(header.iter().map(|h| h.as_bytes()))?;
    for c in &cmp.cities {
        let mut row = vec![
            text(&c.id).into_owned(),
            text(&c.name).into_owned(),
            text(&c.country).into_owned(),
            rounded(c.index, 1).to_string(),
        ];
        row.extend(c.pillars.iter().map(|s| score_cell(*s)));
        row.extend([
            c.n_actors.to_string(),
            c.n_partnerships.to_string(),
            rounded(c.density, 3).to_string(),
            c.n_components.to_string(),
            c.n_articulation_points.to_string(),
            count(c, Severity::High).to_string(),
            count(c, Severity::Medium).to_string(),
            count(c, Severity::Low).to_string(),
        ]);
        w.write_record(&row)?;
    }
    w.flush()
}

fn scores_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["city", "pillar", "score"])?;
    for c in &cmp.cities {
        for (p, s) in cmp.pillars.iter().zip(&c.pillars) {
            w.write_record([&*text(&c.id), &*text(p), &score_cell(*s)])?;
        }
    }
    w.flush()
}

fn gaps_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["city", "gap_id", "rule", "severity", "pillar", "basis"])?;
    for c in &cmp.cities {
        for g in &c.gaps {
            w.write_record([
                &*text(&c.id),
                &*text(cmp.gap_id(g)),
                g.rule.as_str(),
                g.severity.as_str(),
                &*text(pillar_of(cmp, g)),
                if g.assumed { "assumed" } else { "recorded" },
            ])?;
        }
    }
    w.flush()
}

fn peers_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    // New columns go at the end: the header's start is how the engine knows its own file.
    w.write_record([
        "city",
        "gap_id",
        "peer_city",
        "how",
        "peer_pillar_score",
        "peer_name",
    ])?;
    for p in cmp.peers() {
        w.write_record([
            &*text(&p.city.id),
            &*text(p.gap_id),
            &*text(&p.peer.id),
            &*text(p.how),
            &rounded(p.peer_pillar_score, 1).to_string(),
            &*text(&p.peer.name),
        ])?;
    }
    w.flush()
}

/// comparison.json, serialised as it is written: keys in alphabetical order, peers walked
/// rather than held.
fn json(w: &mut dyn Write, model: &Model, cmp: &Comparison) -> io::Result<()> {
    let document = Document {
        cities: Cities(cmp),
        format: COMPARISON_FORMAT,
        model: ModelRef {
            id: &model.id,
            version: &model.version,
        },
        peers: Peers(cmp),
        pillars: &cmp.pillars,
    };
    serde_json::to_writer_pretty(&mut *w, &document)?;
    w.write_all(b"\n")
}

/// comparison.json.
#[derive(Serialize)]
struct Document<'a> {
    cities: Cities<'a>,
    format: &'static str,
    model: ModelRef<'a>,
    peers: Peers<'a>,
    pillars: &'a [String],
}

/// The model a comparison used.
#[derive(Serialize)]
struct ModelRef<'a> {
    id: &'a str,
    version: &'a str,
}

struct Cities<'a>(&'a Comparison);

impl Serialize for Cities<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.cities.iter().map(|c| CityJson {
            country: &c.country,
            density: c.density,
            gaps: Gaps(self.0, c),
            id: &c.id,
            index: c.index,
            n_actors: c.n_actors,
            n_articulation_points: c.n_articulation_points,
            n_components: c.n_components,
            n_partnerships: c.n_partnerships,
            name: &c.name,
            path: &c.path,
            pillars: Scores(&c.pillars),
        }))
    }
}

#[derive(Serialize)]
struct CityJson<'a> {
    country: &'a str,
    density: f64,
    gaps: Gaps<'a>,
    id: &'a str,
    index: f64,
    n_actors: usize,
    n_articulation_points: usize,
    n_components: usize,
    n_partnerships: usize,
    name: &'a str,
    path: &'a str,
    pillars: Scores<'a>,
}

struct Gaps<'a>(&'a Comparison, &'a CitySummary);

impl Serialize for Gaps<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.gaps.iter().map(|g| GapJson {
            id: self.0.gap_id(g),
            pillar: pillar_of(self.0, g),
            rule: g.rule,
            severity: g.severity,
            basis: if g.assumed { "assumed" } else { "recorded" },
        }))
    }
}

#[derive(Serialize)]
struct GapJson<'a> {
    basis: &'static str,
    id: &'a str,
    pillar: &'a str,
    rule: RuleKind,
    severity: Severity,
}

struct Peers<'a>(&'a Comparison);

impl Serialize for Peers<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.peers().map(|p| PeerJson {
            city: &p.city.id,
            gap_id: p.gap_id,
            how: p.how,
            peer_city: &p.peer.id,
            peer_pillar_score: p.peer_pillar_score,
        }))
    }
}

#[derive(Serialize)]
struct PeerJson<'a> {
    city: &'a str,
    gap_id: &'a str,
    how: &'a str,
    peer_city: &'a str,
    peer_pillar_score: f64,
}
