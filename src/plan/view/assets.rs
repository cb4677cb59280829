//! "What the city already has": its organisations, initiatives, partnerships and governance.

use super::{Assets, InitiativeView, list, name_of};
use crate::model::{City, Model};
use std::collections::BTreeSet;

/// The city's assets.
pub(super) fn assets(model: &Model, city: &City) -> Assets {
    let name = |id: &str| name_of(model, city, id);
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
            "{} board seats for people in recovery",
            g.people_in_recovery_seats
        ));
    }
    if g.family_seats > 0 {
        governance.push(format!("{} board seats for families", g.family_seats));
    }
    if g.mission_adopted {
        governance.push("an adopted mission".into());
    }
    if g.monitoring {
        governance.push("monitoring of the plan".into());
    }
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
            .map(|i| InitiativeView {
                name: i.name.clone(),
                led_by: list(
                    &i.led_by
                        .iter()
                        .map(|a| name(a.as_str()))
                        .collect::<Vec<_>>(),
                    4,
                ),
                provides: list(
                    &i.provides
                        .iter()
                        .map(|c| name(c.as_str()))
                        .collect::<Vec<_>>(),
                    6,
                ),
                public: i.public,
                per_year: i.per_year,
            })
            .collect(),
        n_formal: city
            .partnerships
            .iter()
            .filter(|p| p.formal.is_formal())
            .count(),
        governance,
    }
}
