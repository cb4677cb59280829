//! What-if: the city as if prospects joined or actors left. Pure transforms of a [`City`]; the
//! analysis of the result is compared with today's by [`super::diff`].
//!
//! A prospect joins as an active, `engaged` actor with what its entry records (sector,
//! `provides`, `districts`, `lived_experience_led`, `online`, `places`) and the partnerships its
//! `would_partner_with` implies, with active actors only: for each partner, the kind of the
//! model's required link between the two sectors (in its direction), else `joint_delivery`; each
//! is assumed formal (a written agreement), with no warm handover. An actor leaves through
//! [`super::remove_actor`]; a closed or planned one cannot leave: it is already outside the
//! network.

use crate::model::city::{Actor, ActorStatus, Commitment, Partnership, Prospect};
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
    /// `--remove` names a closed or planned actor.
    #[error("`{0}` is {1}: it is already outside the network")]
    OutsideTheNetwork(String, &'static str),
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
        check_removable(city, id)?;
        super::remove_actor(&mut out, id);
    }
    for id in add {
        let Some(p) = city.prospects.iter().find(|p| &p.id == id) else {
            return Err(WhatIfError::NotAProspect(
                id.clone(),
                hint(id, city.prospects.iter().map(|p| p.id.clone())),
            ));
        };
        if out.actor(id).is_some() {
            continue; // named twice
        }
        out.prospects.retain(|x| &x.id != id);
        let actor = joined(p);
        for partner in &p.would_partner_with {
            // `actor` finds active actors only: never a closed, planned or removed one.
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

/// Whether `id` names an active actor of `city`, the only kind that can leave.
fn check_removable(city: &City, id: &str) -> Result<(), WhatIfError> {
    match city.any_actor(id) {
        Some(a) if a.status == ActorStatus::Active => Ok(()),
        Some(a) => Err(WhatIfError::OutsideTheNetwork(
            id.to_owned(),
            a.status.as_str(),
        )),
        None => Err(WhatIfError::NotAnActor(
            id.to_owned(),
            hint(id, city.actors.iter().map(|a| a.id.to_string())),
        )),
    }
}

/// The active actor a prospect becomes when it joins.
fn joined(p: &Prospect) -> Actor {
    Actor {
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
        status: ActorStatus::Active,
        closed_on: None,
        starts: None,
        places: p.places,
        group: None,
        contacts_per_year: None,
        waiting_weeks: None,
        lead_capacity: None,
    }
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
    Partnership::implied(
        a.id.clone(),
        b.id.clone(),
        kind,
        link.is_some_and(|l| l.directed),
    )
}

#[cfg(test)]
mod tests {
    use super::{WhatIfError, apply};
    use crate::diag::SourceFile;
    use crate::load::{builtin_model, parse_city};
    use crate::model::ids::ActorId;

    const CITY: &str = r"format: inclusive-cities/v1
city: { id: testford, name: Testford, country: GB, as_of: 2026-09-01 }
actors:
- { id: council, name: Council, sector: council, commitment: committed }
- { id: quay, name: Quay Housing, sector: housing, status: closed, provides: [supported_housing] }
- { id: college, name: College, sector: education, status: planned }
prospects:
- { id: hub, name: Hub, sector: recovery_community, lived_experience_led: true, online: true, places: 20, would_partner_with: [council] }
";

    #[test]
    fn a_prospect_joins_with_its_fields_and_never_partners_an_actor_outside_the_network() {
        let file = SourceFile::new("test.yaml", CITY);
        let mut city = parse_city(&file, builtin_model())
            .value
            .expect("a valid fixture");
        // The loader refuses these; the what-if does not rely on it.
        let outside = [ActorId("quay".into()), ActorId("college".into())];
        city.prospects[0].would_partner_with.extend(outside);
        let joined = apply(builtin_model(), &city, &["hub".into()], &[]).expect("a prospect");
        let hub = joined.actor("hub").expect("joined");
        assert!(hub.lived_experience_led && hub.online);
        assert_eq!(hub.places, Some(20));
        let pairs: Vec<[&str; 2]> = joined
            .partnerships
            .iter()
            .map(|p| [p.a.as_str(), p.b.as_str()])
            .collect();
        assert_eq!(pairs.len(), 1);
        assert!(pairs[0].contains(&"council") && pairs[0].contains(&"hub"));
        let err = apply(builtin_model(), &city, &[], &["quay".into()]).expect_err("closed");
        assert!(matches!(err, WhatIfError::OutsideTheNetwork(_, "closed")));
    }
}
