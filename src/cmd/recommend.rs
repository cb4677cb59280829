//! `recommend FILE [--top K]`: ranks the prospects by the recorded gaps each would close, then
//! the best set of K chosen greedily. Names and ids are escaped for the terminal.

use super::{Error, print};
use crate::cli::{AnalyseFormat, GlobalArgs, RecommendArgs};
use crate::render::escape::terminal as t;
use crate::scenario::recommend::{Effect, recommend};
use std::fmt::Write;

/// Runs `recommend`.
pub(crate) fn run(global: &GlobalArgs, args: &RecommendArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let city = super::city(global, &model, &args.file)?;
    let r = recommend(&model, &city, args.top);
    if args.format == AnalyseFormat::Json {
        return print(&(serde_json::to_string_pretty(&r).expect("plain data") + "\n"));
    }
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
        return print(&out);
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
    print(&out)
}
