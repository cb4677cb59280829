//! A diff for people: a terminal summary or Markdown. Every text that came from a profile (a
//! name, a gap's message, an id) is escaped for where it is read: `render::escape::markdown` in
//! Markdown, `render::escape::terminal` on a terminal.

use super::escape;
use crate::analysis::Basis;
use crate::model::city::ActorStatus;
use crate::scenario::diff::{ActorBrief, Diff, GapBrief};
use std::borrow::Cow;
use std::fmt::Write;

/// How text from a profile is made safe for the output.
type Escape = fn(&str) -> Cow<'_, str>;

/// `high`, or `high, assumed` for a gap that rests on an unknown.
fn grade(g: &GapBrief, e: Escape) -> String {
    match g.basis {
        Basis::Recorded => e(&g.severity).into_owned(),
        Basis::Assumed => format!("{}, assumed", e(&g.severity)),
    }
}

/// `Name (`id`, sector)`, with `remark` when the actor was `was` before.
fn actor_line(a: &ActorBrief, (was, remark): (Option<ActorStatus>, &str), e: Escape) -> String {
    let remark = if was.is_some() && a.was == was {
        remark
    } else {
        ""
    };
    format!("{} (`{}`, {}{remark})", e(&a.name), e(&a.id), e(&a.sector))
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.1}")
    } else {
        format!("{x:.1}")
    }
}

/// The diff as Markdown, under a heading of level `level` (2 for `##`); `title` is escaped.
pub fn markdown(d: &Diff, title: &str, level: usize) -> String {
    render(d, title, level, escape::markdown)
}

/// The diff as Markdown, with `e` escaping every text that came from a profile.
fn render(d: &Diff, title: &str, level: usize, e: Escape) -> String {
    let h = "#".repeat(level);
    let mut out = String::new();
    let _ = writeln!(out, "{h} {}\n", e(title));
    let _ = writeln!(
        out,
        "From {} to {}: index {:.1} → {:.1} ({}).\n",
        d.from_as_of,
        d.to_as_of,
        d.index.before,
        d.index.after,
        signed(d.index.delta)
    );
    if d.components[0] != d.components[1] {
        let _ = writeln!(
            out,
            "The network {} from {} to {} components.\n",
            if d.components[1] > d.components[0] {
                "splits"
            } else {
                "joins up"
            },
            d.components[0],
            d.components[1]
        );
    }
    if d.is_empty() {
        let _ = writeln!(out, "Nothing changed.");
        return out;
    }
    let section = |out: &mut String, name: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = writeln!(out, "**{name}** ({})\n", items.len());
            for i in items {
                let _ = writeln!(out, "- {i}");
            }
            let _ = writeln!(out);
        }
    };
    section(
        &mut out,
        "Gaps closed",
        d.gaps_closed
            .iter()
            .map(|g| {
                let by = if g.closed_by.is_empty() {
                    String::new()
                } else {
                    let by: Vec<_> = g.closed_by.iter().map(|c| e(c)).collect();
                    format!(" (closed by: {})", by.join("; "))
                };
                format!(
                    "`{}` ({}): {}{by}",
                    e(&g.gap.id),
                    grade(&g.gap, e),
                    e(&g.gap.message)
                )
            })
            .collect(),
    );
    section(
        &mut out,
        "Gaps opened",
        d.gaps_opened
            .iter()
            .map(|g| format!("`{}` ({}): {}", e(&g.id), grade(g, e), e(&g.message)))
            .collect(),
    );
    section(
        &mut out,
        "Pillar scores",
        d.pillars
            .iter()
            .map(|(p, c)| {
                format!(
                    "{}: {:.1} → {:.1} ({})",
                    e(p.as_str()),
                    c.before,
                    c.after,
                    signed(c.delta)
                )
            })
            .collect(),
    );
    for (name, list, remark) in [
        ("Actors added", &d.actors_added, (None, "")),
        ("Actors removed", &d.actors_removed, (None, "")),
        (
            "Actors closed",
            &d.actors_closed,
            (Some(ActorStatus::Planned), ", before it opened"),
        ),
        (
            "Actors opened",
            &d.actors_opened,
            (Some(ActorStatus::Closed), ", reopened"),
        ),
    ] {
        let lines = list.iter().map(|a| actor_line(a, remark, e)).collect();
        section(&mut out, name, lines);
    }
    section(
        &mut out,
        "Partnerships added",
        d.partnerships_added
            .iter()
            .map(|p| format!("`{}`", e(p)))
            .collect(),
    );
    section(
        &mut out,
        "Partnerships removed",
        d.partnerships_removed
            .iter()
            .map(|p| format!("`{}`", e(p)))
            .collect(),
    );
    section(
        &mut out,
        "Tracked actions",
        d.statuses_changed
            .iter()
            .map(|s| {
                format!(
                    "`{}`: {} → {}",
                    e(&s.id),
                    e(s.before.as_deref().unwrap_or("not tracked")),
                    e(s.after.as_deref().unwrap_or("not tracked"))
                )
            })
            .collect(),
    );
    out
}

/// The diff for a terminal: the Markdown without its emphasis marks, every text from a profile
/// escaped for the terminal; `title` is escaped.
pub fn terminal(d: &Diff, title: &str) -> String {
    render(d, title, 1, escape::terminal)
        .replace("**", "")
        .replace('`', "")
        .trim_start_matches("# ")
        .to_owned()
}
