//! Typed lookups of the names a plan prints: an actor, a sector, a capability, a district or a
//! pillar, each asked for as what it is (a gap's subjects are read by their rule's order), never
//! guessed from an id that could name several things.

use crate::analysis::Gap;
use crate::model::city::Actor;
use crate::model::{City, Model, RuleKind};
use rustc_hash::FxHashMap;

/// The names of one city's things, looked up by kind.
pub(crate) struct Names<'a> {
    model: &'a Model,
    city: &'a City,
    actors: FxHashMap<&'a str, &'a Actor>,
}

impl<'a> Names<'a> {
    /// The lookups of `city`.
    pub(crate) fn new(model: &'a Model, city: &'a City) -> Self {
        let actors = city
            .actors
            .iter()
            .chain(&city.inactive_actors)
            .map(|a| (a.id.as_str(), a))
            .collect();
        Names {
            model,
            city,
            actors,
        }
    }

    /// The actor with this id, active, planned or closed.
    pub(crate) fn find_actor(&self, id: &str) -> Option<&'a Actor> {
        self.actors.get(id).copied()
    }

    /// An actor's name; an id the profile does not hold, as written.
    pub(crate) fn actor(&self, id: &str) -> String {
        self.find_actor(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// An actor's name, with "(closed)" or "(planned)" when it is not active.
    pub(crate) fn owner(&self, id: &str) -> String {
        match self.find_actor(id) {
            Some(a) if a.status != crate::model::city::ActorStatus::Active => {
                format!("{} ({})", a.name, a.status.as_str())
            }
            Some(a) => a.name.clone(),
            None => id.to_owned(),
        }
    }

    /// A funding source's name: the actor's, else the profile's slug read as words
    /// ("allmanna-arvsfonden" as "Allmanna arvsfonden").
    pub(crate) fn funder(&self, id: &str) -> String {
        match self.find_actor(id) {
            Some(a) => a.name.clone(),
            None => crate::words::capitalise(&id.replace(['-', '_'], " ")),
        }
    }

    /// A sector's name.
    pub(crate) fn sector(&self, id: &str) -> String {
        self.model
            .sector(id)
            .map_or_else(|| id.replace('_', " "), |s| s.name.clone())
    }

    /// A capability's name.
    pub(crate) fn capability(&self, id: &str) -> String {
        self.model
            .capability(id)
            .map_or_else(|| id.replace('_', " "), |c| c.name.clone())
    }

    /// A district's name.
    pub(crate) fn district(&self, id: &str) -> String {
        self.city
            .districts
            .iter()
            .find(|d| d.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |d| d.name.clone())
    }

    /// A pillar's name.
    pub(crate) fn pillar(&self, id: &str) -> String {
        self.model
            .pillar(id)
            .map_or_else(|| id.replace('_', " "), |p| p.name.clone())
    }

    /// A gap's subjects by name, each read as what its rule puts at that place.
    pub(crate) fn subjects(&self, gap: &Gap) -> Vec<String> {
        use RuleKind::*;
        gap.subjects
            .iter()
            .enumerate()
            .map(|(i, s)| match (gap.rule, i) {
                (MissingSector | MissingLink | WeakLink, _) => self.sector(s),
                (MissingCapability | UncommittedCapability, _) | (LostProvision, 1) => {
                    self.capability(s)
                }
                (DistrictGap, 0) => self.district(s),
                (DistrictGap, _) => self.pillar(s),
                (FundingRisk, 0) if self.find_actor(s).is_none() => {
                    if self.model.sector(s).is_some() {
                        self.sector(s)
                    } else {
                        self.pillar(s)
                    }
                }
                (SinglePointOfFailure, 1) => self.capability(s),
                (
                    LostProvision | IsolatedActor | SinglePointOfFailure | FundingRisk
                    | LowReferralRate | WaitingTime,
                    _,
                ) => self.actor(s),
                _ if s == &self.city.id => self.city.name.clone(),
                _ => s.replace(['-', '_'], " "),
            })
            .collect()
    }

    /// An evidence item's name: the actors a gap names, or its districts.
    pub(crate) fn evidence(&self, id: &str) -> String {
        match self.find_actor(id) {
            Some(a) => a.name.clone(),
            None => self.district(id),
        }
    }
}
