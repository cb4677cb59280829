//! The comparison's files: tidy CSV tables for R and pandas (cities, scores, gaps, peers),
//! Markdown and a self-contained HTML page with a heatmap of pillar scores, and JSON.

use super::Comparison;
use crate::model::{Model, Severity};
use crate::render::output::{MARKER, Output};
use std::fmt::Write;

/// comparison.json.
#[derive(serde::Serialize)]
struct Document<'a> {
    cities: &'a [super::CitySummary],
    format: &'static str,
    model: ModelRef<'a>,
    peers: &'a [super::Peer],
    pillars: &'a [String],
}

/// The model a comparison used.
#[derive(serde::Serialize)]
struct ModelRef<'a> {
    id: &'a str,
    version: &'a str,
}

/// The comparison.json format id.
pub const COMPARISON_FORMAT: &str = "inclusive-cities/comparison/v1";

fn csv_text(rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    rows(&mut w).expect("writing CSV to memory cannot fail");
    let bytes = w.into_inner().expect("a memory buffer flushes");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

fn count(c: &super::CitySummary, s: Severity) -> String {
    c.gaps
        .iter()
        .filter(|g| g.severity == s)
        .count()
        .to_string()
}

/// Every output file of a comparison, rendered.
pub fn render(model: &Model, cmp: &Comparison) -> Vec<Output> {
    let pillars: Vec<&str> = cmp.pillars.iter().map(String::as_str).collect();
    let cities = csv_text(|w| {
        let mut header = vec!["id", "name", "country", "index"];
        header.extend(&pillars);
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
            row.extend(c.pillars.iter().map(f64::to_string));
            row.extend([
                c.n_actors.to_string(),
                c.n_partnerships.to_string(),
                c.density.to_string(),
                c.n_components.to_string(),
                c.n_articulation_points.to_string(),
                count(c, Severity::High),
                count(c, Severity::Medium),
                count(c, Severity::Low),
            ]);
            w.write_record(&row)?;
        }
        Ok(())
    });
    let scores = csv_text(|w| {
        w.write_record(["city", "pillar", "score"])?;
        for c in &cmp.cities {
            for (p, s) in pillars.iter().zip(&c.pillars) {
                w.write_record([c.id.as_str(), p, &s.to_string()])?;
            }
        }
        Ok(())
    });
    let gaps = csv_text(|w| {
        w.write_record(["city", "gap_id", "rule", "severity", "pillar"])?;
        for c in &cmp.cities {
            for g in &c.gaps {
                w.write_record([
                    c.id.as_str(),
                    &g.id,
                    g.rule.as_str(),
                    g.severity.as_str(),
                    &g.pillar,
                ])?;
            }
        }
        Ok(())
    });
    let peers = csv_text(|w| {
        w.write_record(["city", "gap_id", "peer_city", "how", "peer_pillar_score"])?;
        for p in &cmp.peers {
            w.write_record([
                p.city.as_str(),
                &p.gap_id,
                &p.peer_city,
                &p.how,
                &p.peer_pillar_score.to_string(),
            ])?;
        }
        Ok(())
    });
    // Serialised straight from the summaries (no intermediate JSON tree, which would cost
    // several times the data); fields are declared in alphabetical order, so keys are sorted.
    let document = Document {
        cities: &cmp.cities,
        format: COMPARISON_FORMAT,
        model: ModelRef {
            id: &model.id,
            version: &model.version,
        },
        peers: &cmp.peers,
        pillars: &cmp.pillars,
    };
    let mut json = serde_json::to_string_pretty(&document).expect("plain data");
    json.push('\n');
    [
        ("cities.csv", cities),
        ("scores.csv", scores),
        ("gaps.csv", gaps),
        ("peers.csv", peers),
        ("comparison.md", markdown(model, cmp)),
        ("comparison.html", html(model, cmp)),
        ("comparison.json", json),
    ]
    .into_iter()
    .map(|(name, content)| Output {
        name: name.to_owned(),
        content,
    })
    .collect()
}

fn pillar_names(model: &Model) -> Vec<String> {
    model.pillars.iter().map(|p| p.name.clone()).collect()
}

fn markdown(model: &Model, cmp: &Comparison) -> String {
    let mut out = format!("{MARKER}\n# Learning set: {} cities\n\n", cmp.cities.len());
    let _ = writeln!(
        out,
        "Measured against the {} (version {}). Scores are out of 100.\n",
        model.name, model.version
    );
    let _ = writeln!(
        out,
        "| city | country | index | {} | gaps (high/medium/low) |",
        pillar_names(model).join(" | ")
    );
    let _ = writeln!(
        out,
        "|---|---|---:|{}---|",
        "---:|".repeat(model.pillars.len())
    );
    let mut by_index: Vec<&super::CitySummary> = cmp.cities.iter().collect();
    by_index.sort_by(|a, b| b.index.total_cmp(&a.index).then_with(|| a.id.cmp(&b.id)));
    for c in &by_index {
        let scores: Vec<String> = c.pillars.iter().map(|s| format!("{s:.1}")).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {} | {}/{}/{} |",
            c.name,
            c.country,
            c.index,
            scores.join(" | "),
            count(c, Severity::High),
            count(c, Severity::Medium),
            count(c, Severity::Low)
        );
    }
    let _ = writeln!(out, "\n## Peer learning\n");
    let _ = writeln!(
        out,
        "For each gap, the cities of the set that are strong where the city is weak (the same capability or link present, the pillar scoring at least {}), best first, and how they do it.\n",
        super::STRONG_PILLAR
    );
    let mut current = ("", "");
    for p in &cmp.peers {
        if current.0 != p.city {
            let _ = writeln!(out, "\n### {}\n", p.city);
        }
        if current != (p.city.as_str(), p.gap_id.as_str()) {
            let _ = writeln!(out, "- `{}`:", p.gap_id);
        }
        let how = if p.how.is_empty() {
            String::new()
        } else {
            format!(", through {}", p.how)
        };
        let _ = writeln!(out, "  - {} ({:.1}){how}", p.peer_city, p.peer_pillar_score);
        current = (p.city.as_str(), p.gap_id.as_str());
    }
    if cmp.peers.is_empty() {
        let _ = writeln!(
            out,
            "No pairs: no city of the set is strong where another is weak."
        );
    }
    out
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

fn html(model: &Model, cmp: &Comparison) -> String {
    let mut rows: Vec<&super::CitySummary> = cmp.cities.iter().collect();
    rows.sort_by(|a, b| b.index.total_cmp(&a.index).then_with(|| a.id.cmp(&b.id)));
    let (label_w, cell_w, cell_h, top) = (220.0, 84.0, 22.0, 110.0);
    let width = label_w + cell_w * (model.pillars.len() as f64 + 1.0) + 10.0;
    let height = top + cell_h * rows.len() as f64 + 10.0;
    let mut svg = format!(
        r#"<svg class="heat" role="img" aria-label="Pillar scores by city" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">"#
    );
    let heads = std::iter::once("index".to_owned()).chain(pillar_names(model));
    for (j, name) in heads.enumerate() {
        let x = label_w + cell_w * j as f64 + cell_w / 2.0;
        let _ = write!(
            svg,
            r#"<text x="{x}" y="{}" transform="rotate(-35 {x} {})" class="head">{}</text>"#,
            top - 8.0,
            top - 8.0,
            esc(&name)
        );
    }
    for (i, c) in rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + 15.0,
            esc(&c.name)
        );
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
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{}" height="{}" fill="{}"><title>{}: {name} {s:.1}</title></rect><text x="{}" y="{}" text-anchor="middle" class="cell">{s:.0}</text>"#,
                cell_w - 2.0,
                cell_h - 2.0,
                heat(s),
                esc(&c.name),
                x + cell_w / 2.0,
                y + 15.0
            );
        }
    }
    svg.push_str("</svg>");
    let mut peers = String::new();
    for p in &cmp.peers {
        let _ = write!(
            peers,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{:.1}</td><td>{}</td></tr>",
            esc(&p.city),
            esc(&p.gap_id),
            esc(&p.peer_city),
            p.peer_pillar_score,
            esc(&p.how)
        );
    }
    format!(
        r#"{MARKER}
<!DOCTYPE html>
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
<figure>{svg}</figure>
<h2>Peer learning</h2>
<p>For each gap, the cities strong where the city is weak, and how they do it.</p>
<table><thead><tr><th>City</th><th>Gap</th><th>Peer</th><th>Peer's pillar score</th><th>How</th></tr></thead><tbody>{peers}</tbody></table>
</main>
</body>
</html>
"#,
        n = cmp.cities.len(),
        model = esc(&model.name),
        version = esc(&model.version),
    )
}
