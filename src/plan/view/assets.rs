//! "What the city already has": its organisations, initiatives, partnerships and governance.

use super::{Assets, InitiativeView};
use crate::model::city::Initiative;
use crate::model::{City, Model};
use crate::plan::names::Names;
use crate::plan::words::{count, list};
use std::collections::BTreeSet;

/// How many formal partnerships the assets list by name.
const MAX_FORMAL: usize = 8;

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
    let formal: Vec<String> = city
        .partnerships
        .iter()
        .filter(|p| p.formal.is_formal())
        .map(|p| {
            format!(
                "{} and {}",
                names.actor(p.a.as_str()),
                names.actor(p.b.as_str())
            )
        })
        .collect();
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
        n_formal: formal.len(),
        formal: if formal.len() > MAX_FORMAL {
            let mut shown = formal[..MAX_FORMAL].to_vec();
            shown.push(format!("and {} more", formal.len() - MAX_FORMAL));
            shown
        } else {
            formal
        },
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
