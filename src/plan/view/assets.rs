//! "What the city already has": its organisations, initiatives, partnerships and governance.

use super::{Assets, InitiativeView};
use crate::model::city::Initiative;
use crate::model::{City, Model};
use crate::plan::names::Names;
use crate::words::{count, list};
use std::collections::BTreeSet;

/// How many phrases the formal partnerships are listed in.
const MAX_FORMAL: usize = 4;

/// The city's assets.
pub(super) fn assets(model: &Model, city: &City, names: &Names<'_>) -> Assets {
    let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
    let g = city.governance.clone().unwrap_or_default();
    let mut governance = Vec::new();
    if !g.board.is_empty() {
        governance.push(format!(
            "a partnership board of {} organisations",
            g.board.len()
        ));
    }
    if g.people_in_recovery_seats > 0 {
        governance.push(format!(
            "{} for people in recovery",
            count(
                g.people_in_recovery_seats as usize,
                "board seat",
                "board seats"
            )
        ));
    }
    if g.family_seats > 0 {
        governance.push(format!(
            "{} for families",
            count(g.family_seats as usize, "board seat", "board seats")
        ));
    }
    if g.mission_adopted {
        governance.push("an adopted mission".into());
    }
    if g.monitoring {
        governance.push("monitoring of the plan".into());
    }
    let pairs: Vec<(&str, &str)> = city
        .partnerships
        .iter()
        .filter(|p| p.formal.is_formal())
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    let n_formal = pairs.len();
    let formal = formal_by_hub(names, pairs);
    Assets {
        n_actors: city.actors.len(),
        n_active: city
            .actors
            .iter()
            .filter(|a| a.commitment.is_active())
            .count(),
        sectors: model
            .sectors
            .iter()
            .filter(|s| present.contains(s.id.as_str()))
            .map(|s| s.name.clone())
            .collect(),
        leros: crate::analysis::leros(city)
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        initiatives: city
            .initiatives
            .iter()
            .map(|i| initiative(names, i))
            .collect(),
        planned: city
            .planned_initiatives
            .iter()
            .map(|i| initiative(names, i))
            .collect(),
        n_formal,
        formal,
        governance,
        board: g.name.clone().unwrap_or_default(),
        districts: city.districts.iter().map(|d| d.name.clone()).collect(),
        prospects: city.prospects.iter().map(|p| p.name.clone()).collect(),
    }
}

/// An initiative by name, with who leads it and what it provides.
fn initiative(names: &Names<'_>, i: &Initiative) -> InitiativeView {
    InitiativeView {
        name: i.name.clone(),
        led_by: list(
            &i.led_by
                .iter()
                .map(|a| names.actor(a.as_str()))
                .collect::<Vec<_>>(),
            4,
        ),
        provides: list(
            &i.provides
                .iter()
                .map(|c| names.capability(c.as_str()))
                .collect::<Vec<_>>(),
            6,
        ),
        public: i.public,
        per_year: i.per_year,
    }
}

/// A partnership's two ends, by id.
type Pair<'a> = (&'a str, &'a str);

/// The formal partnerships in a few phrases: the organisation in most of them "with" its partners,
/// then the next, at most `MAX_FORMAL` phrases, then how many more.
fn formal_by_hub<'a>(names: &Names<'_>, mut pairs: Vec<Pair<'a>>) -> Vec<String> {
    let mut out = Vec::new();
    while !pairs.is_empty() && out.len() < MAX_FORMAL {
        let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (a, b) in &pairs {
            *count.entry(a).or_insert(0) += 1;
            *count.entry(b).or_insert(0) += 1;
        }
        let hub = count
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
            .map(|(h, _)| *h)
            .expect("a pair has ends");
        let (with, rest): (Vec<Pair<'a>>, Vec<Pair<'a>>) =
            pairs.into_iter().partition(|(a, b)| *a == hub || *b == hub);
        let mut partners: Vec<String> = Vec::new();
        for (a, b) in &with {
            let name = names.actor(if *a == hub { b } else { a });
            if !partners.contains(&name) {
                partners.push(name);
            }
        }
        out.push(format!(
            "{} with {}",
            names.actor(hub),
            list(&partners, usize::MAX)
        ));
        pairs = rest;
    }
    if !pairs.is_empty() {
        let n = pairs.len();
        out.push(format!(
            "and {n} more {}",
            if n == 1 {
                "partnership"
            } else {
                "partnerships"
            }
        ));
    }
    out
}
