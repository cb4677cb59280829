//! The organisations an action names, from the profile first: whom to approach (prospects that
//! provide what is missing or would make the missing link, then `identified` actors of the sector
//! or providing the capability) and what is planned to answer it (planned initiatives and
//! actors), so the action says "support X to open" rather than "start".

use super::group::Draft;
use crate::model::city::{Actor, ActorStatus, Commitment, Prospect};
use crate::model::{City, known};

/// An organisation or initiative an action names.
#[derive(Clone, Debug)]
pub struct Named {
    /// Its id in the profile (a prospect's, an actor's or an initiative's).
    pub id: String,
    /// Its name.
    pub name: String,
}

/// What an action is about, read from its id: a sector, a capability, a link's two sectors, a
/// district, or the recovery community's own organisation.
enum About<'d> {
    Sector(&'d str),
    Capability(&'d str),
    Link(Vec<&'d str>),
    District(&'d str),
    Lero,
    Nothing,
}

fn about<'d>(draft: &'d Draft<'_>) -> About<'d> {
    let id = draft.id.as_str();
    if let Some(s) = id.strip_prefix("partner.") {
        About::Sector(s)
    } else if let Some(c) = id.strip_prefix("capability.") {
        About::Capability(c)
    } else if id == "visible-recovery" {
        About::Capability(known::RECOVERY_EVENTS)
    } else if let Some(link) = id.strip_prefix("link.") {
        About::Link(link.split('.').collect())
    } else if let Some(d) = id.strip_prefix("district.") {
        About::District(d)
    } else if id == "lero" {
        About::Lero
    } else {
        About::Nothing
    }
}

fn provides(list: &[crate::model::ids::CapabilityId], c: &str) -> bool {
    list.iter().any(|x| x.as_str() == c)
}

/// Whether a prospect answers the action.
fn prospect_fits(city: &City, p: &Prospect, about: &About<'_>) -> bool {
    match about {
        About::Sector(s) => p.sector.as_str() == *s,
        About::Capability("online_peer_support") => p.online,
        About::Capability(c) => provides(&p.provides, c),
        About::Link(sectors) => {
            sectors.contains(&p.sector.as_str())
                && p.would_partner_with
                    .iter()
                    .filter_map(|w| city.actor(w.as_str()))
                    .any(|w| w.sector != p.sector && sectors.contains(&w.sector.as_str()))
        }
        About::District(d) => p.districts.iter().any(|x| x.as_str() == *d),
        About::Lero => p.sector.as_str() == known::RECOVERY_COMMUNITY && p.lived_experience_led,
        About::Nothing => false,
    }
}

/// Whether an actor (identified, or planned) answers the action.
fn actor_fits(a: &Actor, about: &About<'_>) -> bool {
    match about {
        About::Sector(s) => a.sector.as_str() == *s,
        About::Capability(c) => provides(&a.provides, c),
        About::Link(sectors) => sectors.contains(&a.sector.as_str()),
        About::District(d) => a.districts.iter().any(|x| x.as_str() == *d),
        About::Lero => a.sector.as_str() == known::RECOVERY_COMMUNITY && a.lived_experience_led,
        About::Nothing => false,
    }
}

/// Whom to approach for the action: prospects first, then identified actors.
pub(super) fn approach(city: &City, draft: &Draft<'_>) -> Vec<Named> {
    let about = about(draft);
    let prospects = city
        .prospects
        .iter()
        .filter(|p| prospect_fits(city, p, &about))
        .map(|p| Named {
            id: p.id.clone(),
            name: p.name.clone(),
        });
    let identified = city
        .actors
        .iter()
        .filter(|a| a.commitment == Commitment::Identified && actor_fits(a, &about))
        // A link is made with an organisation, not with a mutual-aid group's meetings.
        .filter(|a| !matches!(about, About::Link(..)) || a.group.is_none())
        .map(|a| Named {
            id: a.id.to_string(),
            name: a.name.clone(),
        });
    prospects.chain(identified).collect()
}

/// What is planned to answer the action: planned initiatives, then planned actors.
pub(super) fn planned(city: &City, draft: &Draft<'_>) -> Vec<Named> {
    let about = about(draft);
    let initiatives = city
        .planned_initiatives
        .iter()
        .filter(|i| match &about {
            About::Capability(c) => provides(&i.provides, c),
            About::District(d) => i.districts.iter().any(|x| x.as_str() == *d),
            // A planned initiative run together by organisations of two of the link's sectors.
            About::Link(sectors) => {
                let mut of: Vec<&str> = i
                    .led_by
                    .iter()
                    .chain(&i.partners)
                    .filter_map(|a| city.actor(a.as_str()))
                    .map(|a| a.sector.as_str())
                    .filter(|s| sectors.contains(s))
                    .collect();
                of.sort_unstable();
                of.dedup();
                of.len() >= 2
            }
            _ => false,
        })
        .map(|i| Named {
            id: i.id.clone(),
            name: i.name.clone(),
        });
    let actors = city
        .inactive_actors
        .iter()
        .filter(|a| a.status == ActorStatus::Planned && actor_fits(a, &about))
        .map(|a| Named {
            id: a.id.to_string(),
            name: a.name.clone(),
        });
    initiatives.chain(actors).collect()
}
