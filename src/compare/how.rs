//! How a peer city covers what another lacks: its actors, initiatives or partnerships that do it,
//! named, for the peer-learning pairs.

use crate::analysis::{Analysis, Facts, LinkState};
use crate::model::ids::CapabilityId;
use crate::model::{City, Model};
use crate::plan::fill::list;

/// How many names a "how" lists before "and N more".
const NAMES: usize = 3;

fn names(city: &City, ids: &[&str]) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| city.actor(id).map_or((*id).to_owned(), |a| a.name.clone()))
        .collect();
    list(&names, NAMES)
}

/// The providers of a capability, actors and initiatives, by name.
fn providers(city: &City, facts: &Facts, capability: &str) -> String {
    let cap = CapabilityId(capability.to_owned());
    let mut out: Vec<String> = facts
        .provider_actors(&cap)
        .iter()
        .map(|a| {
            city.actor(a.as_str())
                .map_or(a.to_string(), |x| x.name.clone())
        })
        .collect();
    out.extend(
        city.initiatives
            .iter()
            .filter(|i| i.provides.contains(&cap))
            .map(|i| i.name.clone()),
    );
    out.dedup();
    list(&out, NAMES)
}

/// Describes how `city` covers the peer key `key` (see `peer_key`) in `pillar`.
pub(super) fn describe(
    model: &Model,
    city: &City,
    a: &Analysis,
    facts: &Facts,
    key: &str,
    pillar: &str,
) -> String {
    let (kind, rest) = key.split_once(':').unwrap_or((key, ""));
    let text = match kind {
        "missing_sector" => {
            let active: Vec<&str> = city
                .actors
                .iter()
                .filter(|x| x.sector.as_str() == rest && x.commitment.is_active())
                .map(|x| x.id.as_str())
                .collect();
            names(city, &active)
        }
        "missing_capability" | "uncommitted_capability" | "depth" => providers(city, facts, rest),
        "link" => a
            .required_links
            .iter()
            .find(|l| l.subjects.join(".") == rest && l.state == LinkState::Present)
            .map(|l| {
                let pairs: Vec<String> = l
                    .partnerships
                    .iter()
                    .map(|p| {
                        p.split(' ')
                            .map(|w| {
                                city.actor(w)
                                    .map_or(w.replace("--", "with").replace("->", "to"), |x| {
                                        x.name.clone()
                                    })
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                list(&pairs, 2)
            })
            .unwrap_or_default(),
        "lived_experience_gap" | "governance_gap" => governance(city, rest),
        "visibility_gap" => {
            let events: Vec<String> = city
                .initiatives
                .iter()
                .filter(|i| i.public)
                .map(|i| format!("{} ({} a year)", i.name, i.per_year.unwrap_or(1)))
                .collect();
            list(&events, NAMES)
        }
        "digital_gap" => {
            let online: Vec<&str> = city
                .actors
                .iter()
                .filter(|x| x.online)
                .map(|x| x.id.as_str())
                .collect();
            names(city, &online)
        }
        _ => String::new(),
    };
    if !text.is_empty() {
        return text;
    }
    // Otherwise: the peer's best-connected providers of the pillar.
    let Some(p) = model.pillar(pillar) else {
        return String::new();
    };
    let mut actors: Vec<&str> = p
        .capabilities
        .iter()
        .flat_map(|c| facts.provider_actors(c))
        .map(|x| x.as_str())
        .collect();
    actors.sort_unstable();
    actors.dedup();
    let between = |id: &str| a.network.actors.get(id).map_or(0.0, |m| m.betweenness);
    actors.sort_by(|x, y| between(y).total_cmp(&between(x)).then_with(|| x.cmp(y)));
    names(city, &actors)
}

fn governance(city: &City, case: &str) -> String {
    let g = city.governance.clone().unwrap_or_default();
    let leros: Vec<&str> = crate::analysis::leros(city)
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    match case {
        "lero" | "council-partnership" => names(city, &leros),
        "recovery-seats" if g.people_in_recovery_seats > 0 => format!(
            "{} board seats for people in recovery",
            g.people_in_recovery_seats
        ),
        "family-seats" if g.family_seats > 0 => {
            format!("{} board seats for families", g.family_seats)
        }
        "board" if !g.board.is_empty() => {
            let board: Vec<&str> = g.board.iter().map(|x| x.as_str()).collect();
            format!("a partnership board: {}", names(city, &board))
        }
        "mission" if g.mission_adopted => "an adopted Inclusive City mission".into(),
        "monitoring" if g.monitoring => "monitoring of its plan".into(),
        _ => String::new(),
    }
}
