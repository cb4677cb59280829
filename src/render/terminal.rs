//! The `analyse` table for a terminal: pillar scores with bars, gaps by severity with their
//! evidence, then the network's key figures. Colour only when asked (on a terminal). Every text
//! from the profile or the model goes through `render::escape::terminal`, so a name can neither
//! move the cursor nor forge a line of the table.

use super::escape::terminal as t;
use crate::analysis::{Analysis, Basis};
use crate::model::{City, Model, Severity};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

const BAR_WIDTH: usize = 20;

struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }
    fn severity(&self, s: Severity, text: &str) -> String {
        let colour = match s {
            Severity::High => AnsiColor::Red,
            Severity::Medium => AnsiColor::Yellow,
            Severity::Low => AnsiColor::Cyan,
        };
        self.paint(Style::new().fg_color(Some(colour.into())).bold(), text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }
}

/// Renders the analysis as a table for people.
pub fn render(a: &Analysis, model: &Model, city: &City, colour: bool) -> String {
    let p = Paint { on: colour };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), as of {}: Inclusive City index {}",
        p.bold(&t(&city.name)),
        t(&city.country),
        city.as_of,
        p.bold(&format!("{:.1} / 100", a.index))
    );
    let _ = writeln!(
        out,
        "{}",
        p.dim(&format!(
            "measured against the model `{}` v{}",
            t(&model.id),
            t(&model.version)
        ))
    );
    pillars(&mut out, &p, a, model);
    gaps(&mut out, &p, a);
    unknowns(&mut out, &p, a);
    network(&mut out, &p, a, city);
    out
}

fn pillars(out: &mut String, p: &Paint, a: &Analysis, model: &Model) {
    let _ = writeln!(out, "\n{}", p.bold("PILLARS"));
    let width = model
        .pillars
        .iter()
        .map(|x| t(x.id.as_str()).chars().count())
        .max()
        .unwrap_or(8);
    for pillar in &model.pillars {
        let Some(s) = a.pillars.get(&pillar.id) else {
            continue;
        };
        let Some(score) = s.score else {
            let _ = writeln!(
                out,
                "  {:<width$}    n/a  not assessed: none of its sectors was mapped",
                t(pillar.id.as_str())
            );
            continue;
        };
        let filled = ((score / 100.0) * BAR_WIDTH as f64).round() as usize;
        let bar = format!(
            "{}{}",
            "█".repeat(filled.min(BAR_WIDTH)),
            "░".repeat(BAR_WIDTH - filled.min(BAR_WIDTH))
        );
        let n = s.gaps.len();
        let _ = writeln!(
            out,
            "  {:<width$}  {:>5.1}  {}  {} gap{}",
            t(pillar.id.as_str()),
            score,
            bar,
            n,
            if n == 1 { "" } else { "s" }
        );
    }
}

/// The most gaps of one rule listed under a severity: a bundled town has at most 23 of a rule, a
/// generated city of 100,000 actors tens of thousands, which would bury the table;
/// `--format json` lists every one.
const MAX_PER_RULE: usize = 25;

fn gaps(out: &mut String, p: &Paint, a: &Analysis) {
    let count = |s| a.gaps.iter().filter(|g| g.severity == s).count();
    let assumed = a.gaps.iter().filter(|g| g.basis == Basis::Assumed).count();
    let _ = writeln!(
        out,
        "\n{} ({}: {} high, {} medium, {} low{})",
        p.bold("GAPS"),
        a.gaps.len(),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        if assumed > 0 {
            format!("; {assumed} assumed, to check")
        } else {
            String::new()
        }
    );
    for severity in [Severity::High, Severity::Medium, Severity::Low] {
        let list: Vec<_> = a.gaps.iter().filter(|g| g.severity == severity).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  {}",
            p.severity(severity, &severity.as_str().to_uppercase())
        );
        // Per rule, as the gap ids begin with it: how many are shown, and how many more there are.
        let mut per_rule: Vec<(&str, usize)> = Vec::new();
        for g in list {
            let rule = g.id.split('.').next().unwrap_or(&g.id);
            let shown = match per_rule.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    per_rule.push((rule, 1));
                    1
                }
            };
            if shown > MAX_PER_RULE {
                continue;
            }
            let mark = if g.basis == Basis::Assumed {
                "○"
            } else {
                "●"
            };
            let _ = writeln!(
                out,
                "  {} {}",
                p.severity(severity, mark),
                p.bold(&t(&g.id))
            );
            let _ = writeln!(out, "      {}", t(&g.message));
            if g.basis == Basis::Assumed {
                let _ = writeln!(
                    out,
                    "      {}",
                    p.dim(&format!(
                        "assumed, to check: rests on {}",
                        shorten(&g.assumed_from, 4)
                    ))
                );
            }
            if !g.evidence.is_empty() {
                let _ = writeln!(
                    out,
                    "      {}",
                    p.dim(&format!("evidence: {}", shorten(&g.evidence, 8)))
                );
            }
        }
        for (rule, n) in per_rule.iter().filter(|(_, n)| *n > MAX_PER_RULE) {
            let _ = writeln!(
                out,
                "  {} and {} more {} gaps of {} priority: `--format json` lists them all",
                p.severity(severity, "…"),
                crate::words::thousands(n - MAX_PER_RULE),
                t(rule),
                severity.as_str()
            );
        }
    }
}

/// What the profile leaves unassessed (sectors not mapped) and asks to check (funding).
fn unknowns(out: &mut String, p: &Paint, a: &Analysis) {
    let na = &a.not_assessed;
    if na.sectors.is_empty() && a.to_check.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", p.bold("TO CHECK AND MAP NEXT"));
    if !na.sectors.is_empty() {
        let _ = writeln!(
            out,
            "  not assessed (sectors not mapped): {}",
            shorten(&na.sectors, 13)
        );
    }
    for c in &a.to_check {
        let _ = writeln!(out, "  {}", t(&c.check));
    }
}

fn network(out: &mut String, p: &Paint, a: &Analysis, city: &City) {
    let n = &a.network;
    let _ = writeln!(out, "\n{}", p.bold("NETWORK"));
    let _ = writeln!(
        out,
        "  {} actors, {} partnerships ({} partnered pairs); density {:.3}; degree centralization {:.3}",
        n.n_actors, n.n_partnerships, n.n_links, n.density, n.degree_centralization
    );
    let isolated = n.components.iter().filter(|c| c.len() == 1).count();
    let largest = n.components.first().map_or(0, Vec::len);
    let _ = writeln!(
        out,
        "  components: {} (the largest has {largest} actors; {isolated} isolated)",
        n.components.len()
    );
    let spof: Vec<String> = n
        .articulation_points
        .iter()
        .map(|x| x.to_string())
        .collect();
    let _ = writeln!(
        out,
        "  single points of failure: {}",
        if spof.is_empty() {
            "none".to_owned()
        } else {
            shorten(&spof, 10)
        }
    );
    let brokers = n.brokers();
    let top: Vec<String> = brokers
        .iter()
        .take(5)
        .map(|(id, m)| {
            let name = city
                .actor(id.as_str())
                .map_or(id.as_str(), |x| x.name.as_str());
            format!("{} ({:.3})", t(name), m.betweenness)
        })
        .collect();
    let _ = writeln!(
        out,
        "  brokers (highest betweenness): {}",
        if top.is_empty() {
            "none".to_owned()
        } else {
            top.join(", ")
        }
    );
    if let Some(estimated) = n.paths.as_ref().and_then(|e| e.describe(n.n_actors)) {
        let _ = writeln!(out, "  {estimated}; --exact computes them exactly");
    }
}

/// The first `max` items joined, escaped, and how many more.
fn shorten(items: &[String], max: usize) -> String {
    let shown = items
        .iter()
        .take(max)
        .map(|i| t(i))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        format!("{shown} and {} more", items.len() - max)
    } else {
        shown
    }
}
