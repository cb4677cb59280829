//! `recommend`'s text for a terminal: the prospects ranked one by one, then the best set chosen
//! greedily. Names and ids go through `render::escape::terminal`.

use super::escape::terminal as t;
use crate::model::City;
use crate::scenario::recommend::{Effect, Recommendation};
use std::fmt::Write;

/// The ranking and the best set, for people.
pub fn terminal(city: &City, r: &Recommendation) -> String {
    let name = |id: &str| {
        city.prospects
            .iter()
            .find(|p| p.id == id)
            .map_or(t(id), |p| t(&p.name))
            .into_owned()
    };
    let list = |ids: &[String]| ids.iter().map(|i| t(i)).collect::<Vec<_>>().join(", ");
    let line = |e: &Effect| {
        let closes = if e.closes.is_empty() {
            "nothing".to_owned()
        } else {
            list(&e.closes)
        };
        let opens = if e.opens.is_empty() {
            String::new()
        } else {
            format!("; opens {}", list(&e.opens))
        };
        format!(
            "value {:+}, index {:+.1}: closes {closes}{opens}",
            e.value, e.index_gain
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} prospects, index today {:.1}\n",
        t(&city.name),
        city.prospects.len(),
        r.index
    );
    if city.prospects.is_empty() {
        let _ = writeln!(
            out,
            "The profile lists no prospects: add organisations being approached under `prospects:`."
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Each prospect alone (value: recorded gaps closed, weighted high 3, medium 2, low 1; then the index gain):"
    );
    for (i, e) in r.ranking.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {} ({})\n     {}",
            i + 1,
            name(&e.prospects[0]),
            t(&e.prospects[0]),
            line(e)
        );
    }
    let _ = writeln!(
        out,
        "\nBest set of {} (each pick adds the most to those before it):",
        r.greedy.len()
    );
    for (i, e) in r.greedy.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {} ({})\n     adds {}",
            i + 1,
            name(&e.prospects[0]),
            t(&e.prospects[0]),
            line(e)
        );
    }
    let _ = writeln!(out, "  together: {}", line(&r.greedy_total));
    if r.greedy_differs {
        let _ = writeln!(
            out,
            "\nThis set differs from the {} best taken singly ({}), which together reach only {}: their gains overlap.",
            r.top_k.len(),
            list(&r.top_k),
            line(&r.top_k_total)
        );
    }
    out
}
