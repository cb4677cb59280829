//! What-if: the city as if prospects joined or actors left. Pure transforms of a [`City`]; the
//! analysis of the result is compared with today's by `diff`.
//!
//! A prospect joins as an `engaged` actor with the partnerships its `would_partner_with`
//! implies: for each partner, the kind of the model's required link between the two sectors
//! (in its direction), else `joint_delivery`; each is assumed formal (a written agreement), with
//! no warm handover. An actor that leaves takes its partnerships with it, leaves the board, and
//! stops leading initiatives (an initiative left with no lead ends).

use crate::model::city::{Actor, Commitment, Partnership};
use crate::model::ids::{ActorId, LinkKind};
use crate::model::{City, Model};

/// What went wrong with a what-if request.
#[derive(Debug, thiserror::Error)]
pub enum WhatIfError {
    /// `--add` names no prospect of the profile.
    #[error("`{0}` is not a prospect of this profile{1}")]
    NotAProspect(String, String),
    /// `--remove` names no actor of the profile.
    #[error("`{0}` is not an actor of this profile{1}")]
    NotAnActor(String, String),
}

fn hint(id: &str, candidates: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = candidates.collect();
    match crate::load::suggest(id, all.iter().map(String::as_str)) {
        Some(near) => format!(": did you mean `{near}`?"),
        None if all.is_empty() => ": it lists none".to_owned(),
        None => format!("; it has: {}", all.join(", ")),
    }
}

/// The city with `add` prospects joined and `remove` actors gone.
pub fn apply(
    model: &Model,
    city: &City,
    add: &[String],
    remove: &[String],
) -> Result<City, WhatIfError> {
    let mut out = city.clone();
    for id in remove {
        if out.actor(id).is_none() {
            return Err(WhatIfError::NotAnActor(
                id.clone(),
                hint(id, city.actors.iter().map(|a| a.id.to_string())),
            ));
        }
        remove_actor(&mut out, id);
    }
    for id in add {
        let Some(p) = city.prospects.iter().find(|p| &p.id == id) else {
            return Err(WhatIfError::NotAProspect(
                id.clone(),
                hint(id, city.prospects.iter().map(|p| p.id.clone())),
            ));
        };
        out.prospects.retain(|x| &x.id != id);
        let actor = Actor {
            id: ActorId(p.id.clone()),
            name: p.name.clone(),
            description: p.description.clone(),
            sector: p.sector.clone(),
            commitment: Commitment::Engaged,
            lived_experience_led: p.lived_experience_led,
            provides: p.provides.clone(),
            online: p.online,
            districts: p.districts.clone(),
            funding: Vec::new(),
            status: crate::model::city::ActorStatus::Active,
            closed_on: None,
            starts: None,
            places: p.places,
            group: None,
            contacts_per_year: None,
            waiting_weeks: None,
            lead_capacity: None,
        };
        for partner in &p.would_partner_with {
            let Some(other) = out.actor(partner.as_str()).cloned() else {
                continue;
            };
            out.partnerships
                .push(implied_partnership(model, &actor, &other));
        }
        out.actors.push(actor);
    }
    Ok(out)
}

/// The partnership a new actor would form with `other`.
fn implied_partnership(model: &Model, new: &Actor, other: &Actor) -> Partnership {
    let find = |a: &Actor, b: &Actor| {
        model
            .required_links
            .iter()
            .find(|l| l.from == a.sector && l.to.contains(&b.sector))
    };
    let forward = find(new, other);
    let backward = find(other, new);
    let (link, a, b) = match (forward, backward) {
        (Some(l), _) => (Some(l), new, other),
        (None, Some(l)) => (Some(l), other, new),
        (None, None) => (None, new, other),
    };
    let kind = link
        .and_then(|l| l.kinds.first().cloned())
        .unwrap_or_else(|| LinkKind("joint_delivery".into()));
    Partnership {
        a: a.id.clone(),
        b: b.id.clone(),
        directed: link.is_some_and(|l| l.directed),
        kind,
        formal: crate::model::city::Formality::Formal,
        warm_handover: false,
        since: None,
        per_year: None,
        trust: None,
        value: None,
    }
}

fn remove_actor(city: &mut City, id: &str) {
    city.actors.retain(|a| a.id.as_str() != id);
    city.partnerships
        .retain(|p| p.a.as_str() != id && p.b.as_str() != id);
    for i in &mut city.initiatives {
        i.led_by.retain(|a| a.as_str() != id);
        i.partners.retain(|a| a.as_str() != id);
    }
    city.initiatives.retain(|i| !i.led_by.is_empty());
    if let Some(g) = &mut city.governance {
        g.board.retain(|a| a.as_str() != id);
    }
    for p in &mut city.prospects {
        p.would_partner_with.retain(|a| a.as_str() != id);
    }
    for t in &mut city.actions {
        if t.owner.as_ref().is_some_and(|o| o.as_str() == id) {
            t.owner = None;
        }
    }
}
