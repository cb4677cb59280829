//! The comparison's files: tidy CSV tables for R and pandas (cities, scores, gaps, peers),
//! Markdown and a self-contained HTML page with a heatmap of pillar scores, and JSON.
//!
//! Every file is rendered straight into its file, never held. The Markdown and HTML start with
//! the engine's marker, which carries the hash of everything after it: the caller starts them
//! with `Stream::start_marked` ([`MARKED`]), which hashes the text as it streams and writes the
//! marker over a placeholder of the same length once the file is finished, so the marker is the
//! first line, as in a plan's documents, and the file is still written in one pass.

use super::{CitySummary, Comparison, GapRow};
use crate::model::definition::RuleKind;
use crate::model::{Model, Severity};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// The comparison.json format id.
pub const COMPARISON_FORMAT: &str = "inclusive-cities/comparison/v1";

/// The files a comparison writes.
pub const FILES: [&str; 7] = [
    "cities.csv",
    "scores.csv",
    "gaps.csv",
    "peers.csv",
    "comparison.md",
    "comparison.html",
    "comparison.json",
];

/// The files whose first line is the engine's marker, started by the caller.
pub const MARKED: [&str; 2] = ["comparison.md", "comparison.html"];

/// Renders the output file `name` (one of [`FILES`]) of a comparison into `w`; the caller starts
/// those of [`MARKED`] with the marker.
pub fn render(w: &mut dyn Write, name: &str, model: &Model, cmp: &Comparison) -> io::Result<()> {
    match name {
        "cities.csv" => cities_csv(w, cmp),
        "scores.csv" => scores_csv(w, cmp),
        "gaps.csv" => gaps_csv(w, cmp),
        "peers.csv" => peers_csv(w, cmp),
        "comparison.md" => markdown(w, model, cmp),
        "comparison.html" => html(w, model, cmp),
        "comparison.json" => json(w, model, cmp),
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

/// A pillar score for a table: empty when nothing in the pillar was assessed (NaN).
fn score_cell(score: f64) -> String {
    if score.is_nan() {
        String::new()
    } else {
        score.to_string()
    }
}

/// A pillar score for people: one decimal, or "not assessed".
fn score_text(score: f64) -> String {
    if score.is_nan() {
        "n/a".to_owned()
    } else {
        format!("{score:.1}")
    }
}

/// Pillar scores for JSON: `null` where nothing was assessed.
struct Scores<'a>(&'a [f64]);

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|x| (!x.is_nan()).then_some(*x)))
    }
}

fn cities_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    let mut header = vec!["id", "name", "country", "index"];
    header.extend(cmp.pillars.iter().map(String::as_str));
    header.extend([
        "n_actors",
        "n_partnerships",
        "density",
        "n_components",
        "n_articulation_points",
        "n_gaps_high",
        "n_gaps_medium",
        "n_gaps_low",
    ]);
    w.write_record(&header)?;
    for c in &cmp.cities {
        let mut row = vec![
            c.id.clone(),
            c.name.clone(),
            c.country.clone(),
            c.index.to_string(),
        ];
        row.extend(c.pillars.iter().map(|s| score_cell(*s)));
        row.extend([
            c.n_actors.to_string(),
            c.n_partnerships.to_string(),
            c.density.to_string(),
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
            w.write_record([c.id.as_str(), p, &score_cell(*s)])?;
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
                c.id.as_str(),
                cmp.gap_id(g),
                g.rule.as_str(),
                g.severity.as_str(),
                pillar_of(cmp, g),
                if g.assumed { "assumed" } else { "recorded" },
            ])?;
        }
    }
    w.flush()
}

fn peers_csv(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["city", "gap_id", "peer_city", "how", "peer_pillar_score"])?;
    for p in cmp.peers() {
        w.write_record([
            p.city.id.as_str(),
            p.gap_id,
            &p.peer.id,
            p.how,
            &p.peer_pillar_score.to_string(),
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

fn pillar_names(model: &Model) -> Vec<String> {
    model.pillars.iter().map(|p| p.name.clone()).collect()
}

fn markdown(out: &mut dyn Write, model: &Model, cmp: &Comparison) -> io::Result<()> {
    write!(out, "# Learning set: {} cities\n\n", cmp.cities.len())?;
    writeln!(
        out,
        "Measured against the {} (version {}). Scores are out of 100.\n",
        model.name, model.version
    )?;
    writeln!(
        out,
        "| city | country | index | {} | gaps (high/medium/low) |",
        pillar_names(model).join(" | ")
    )?;
    writeln!(
        out,
        "|---|---|---:|{}---|",
        "---:|".repeat(model.pillars.len())
    )?;
    for c in by_index(cmp) {
        let scores: Vec<String> = c.pillars.iter().map(|s| score_text(*s)).collect();
        writeln!(
            out,
            "| {} | {} | {:.1} | {} | {}/{}/{} |",
            c.name,
            c.country,
            c.index,
            scores.join(" | "),
            count(c, Severity::High),
            count(c, Severity::Medium),
            count(c, Severity::Low)
        )?;
    }
    writeln!(out, "\n## Peer learning\n")?;
    writeln!(
        out,
        "For each gap, the cities of the set that are strong where the city is weak (the same capability or link present, the pillar scoring at least {}), best first, and how they do it.\n",
        super::STRONG_PILLAR
    )?;
    let mut current: Option<(&str, &str)> = None;
    for p in cmp.peers() {
        if current.is_none_or(|(city, _)| city != p.city.id) {
            writeln!(out, "\n### {}\n", p.city.id)?;
        }
        if current != Some((p.city.id.as_str(), p.gap_id)) {
            writeln!(out, "- `{}`:", p.gap_id)?;
        }
        write!(out, "  - {} ({:.1})", p.peer.id, p.peer_pillar_score)?;
        if !p.how.is_empty() {
            write!(out, ", through {}", p.how)?;
        }
        writeln!(out)?;
        current = Some((p.city.id.as_str(), p.gap_id));
    }
    if cmp.n_peers == 0 {
        writeln!(
            out,
            "No pairs: no city of the set is strong where another is weak."
        )?;
    }
    Ok(())
}

/// The cities by index, highest first (then by id).
fn by_index(cmp: &Comparison) -> Vec<&CitySummary> {
    let mut rows: Vec<&CitySummary> = cmp.cities.iter().collect();
    rows.sort_by(|a, b| b.index.total_cmp(&a.index).then_with(|| a.id.cmp(&b.id)));
    rows
}

fn esc(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    tera::escape_html(s, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("escaping UTF-8 keeps it UTF-8")
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

fn html(out: &mut dyn Write, model: &Model, cmp: &Comparison) -> io::Result<()> {
    let rows = by_index(cmp);
    let (label_w, cell_w, cell_h, top) = (220.0, 84.0, 22.0, 110.0);
    let width = label_w + cell_w * (model.pillars.len() as f64 + 1.0) + 10.0;
    let height = top + cell_h * rows.len() as f64 + 10.0;
    write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Learning set: {n} cities</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1d2733; margin: 0; background: #f7f8fa; line-height: 1.5; }}
  main {{ max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem; background: #fff; }}
  h2 {{ border-bottom: 2px solid #1f6f78; padding-bottom: .25rem; margin-top: 2rem; }}
  svg {{ max-width: 100%; height: auto; }}
  .heat text {{ font-size: 12px; fill: #1d2733; }}
  .heat text.cell {{ fill: #fff; font-weight: 600; }}
  .heat text.head {{ font-size: 12px; }}
  table {{ border-collapse: collapse; width: 100%; font-size: .85rem; }}
  th, td {{ border-bottom: 1px solid #d9dee4; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
  th {{ background: #f0f2f5; }}
  code {{ font-size: .85em; }}
  @media print {{ body {{ background: #fff; }} main {{ max-width: none; padding: 0; }} tr, svg {{ page-break-inside: avoid; }} }}
</style>
</head>
<body>
<main>
<h1>Learning set: {n} cities</h1>
<p>Measured against the {model} (version {version}). Rows are ordered by the Inclusive City index, highest first; each cell is a score out of 100, red when low, teal when high.</p>
<h2>Pillar scores</h2>
<figure>"#,
        n = cmp.cities.len(),
        model = esc(&model.name),
        version = esc(&model.version),
    )?;
    write!(
        out,
        r#"<svg class="heat" role="img" aria-label="Pillar scores by city" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">"#
    )?;
    let heads = std::iter::once("index".to_owned()).chain(pillar_names(model));
    for (j, name) in heads.enumerate() {
        let x = label_w + cell_w * j as f64 + cell_w / 2.0;
        write!(
            out,
            r#"<text x="{x}" y="{}" transform="rotate(-35 {x} {})" class="head">{}</text>"#,
            top - 8.0,
            top - 8.0,
            esc(&name)
        )?;
    }
    for (i, c) in rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + 15.0,
            esc(&c.name)
        )?;
        for (j, s) in std::iter::once(c.index)
            .chain(c.pillars.iter().copied())
            .enumerate()
        {
            let x = label_w + cell_w * j as f64;
            let name = if j == 0 {
                "index".to_owned()
            } else {
                model.pillars[j - 1].name.clone()
            };
            write!(
                out,
                r#"<rect x="{x}" y="{y}" width="{}" height="{}" fill="{}"><title>{}: {name} {}</title></rect><text x="{}" y="{}" text-anchor="middle" class="cell">{}</text>"#,
                cell_w - 2.0,
                cell_h - 2.0,
                if s.is_nan() {
                    "#eeeeee".to_owned()
                } else {
                    heat(s)
                },
                esc(&c.name),
                score_text(s),
                x + cell_w / 2.0,
                y + 15.0,
                if s.is_nan() {
                    "–".to_owned()
                } else {
                    format!("{s:.0}")
                }
            )?;
        }
    }
    write!(
        out,
        r#"</svg></figure>
<h2>Peer learning</h2>
<p>For each gap, the cities strong where the city is weak, and how they do it.</p>
<table><thead><tr><th>City</th><th>Gap</th><th>Peer</th><th>Peer's pillar score</th><th>How</th></tr></thead><tbody>"#
    )?;
    for p in cmp.peers() {
        write!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{:.1}</td><td>{}</td></tr>",
            esc(&p.city.id),
            esc(p.gap_id),
            esc(&p.peer.id),
            p.peer_pillar_score,
            esc(p.how)
        )?;
    }
    out.write_all(b"</tbody></table>\n</main>\n</body>\n</html>\n")
}
