//! The validated city profile: the organisations of a city, their partnerships, initiatives,
//! governance, prospects and tracked actions, as `load` returns them once every check passed.

use super::date::Date;
use super::ids::{ActorId, CapabilityId, DistrictId, LinkKind, SectorId};
use serde::Serialize;

/// A city profile (format v1), fully validated against a model.
#[derive(Clone, Debug, Serialize)]
pub struct City {
    /// The city's slug.
    pub id: String,
    /// Its name as people write it.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Population, when known.
    pub population: Option<u64>,
    /// The date the profile describes; funding horizons count from here.
    pub as_of: Date,
    /// The areas a plan is checked across (may be empty).
    pub districts: Vec<District>,
    /// The organisations, in file order.
    pub actors: Vec<Actor>,
    /// The partnerships between actors, in file order.
    pub partnerships: Vec<Partnership>,
    /// Practices that already exist (asset mapping).
    pub initiatives: Vec<Initiative>,
    /// The partnership's governance; `None` when the profile has no `governance` block.
    pub governance: Option<Governance>,
    /// Organisations being approached, not yet in the network.
    pub prospects: Vec<Prospect>,
    /// Status of actions from an earlier plan.
    pub actions: Vec<TrackedAction>,
}

/// A district of the city.
#[derive(Clone, Debug, Serialize)]
pub struct District {
    /// Slug.
    pub id: DistrictId,
    /// Name.
    pub name: String,
    /// Whether the district is rural.
    pub rural: bool,
}

/// How far an organisation has committed to the Inclusive City.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// Signed up and acting.
    Committed,
    /// Taking part, not yet committed.
    Engaged,
    /// Known to exist, not yet approached or not yet responding.
    Identified,
    /// Approached and said no.
    Declined,
}

impl Commitment {
    /// Every value, in the order the format lists them.
    pub const ALL: [Commitment; 4] = [
        Commitment::Committed,
        Commitment::Engaged,
        Commitment::Identified,
        Commitment::Declined,
    ];

    /// The word used in profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            Commitment::Committed => "committed",
            Commitment::Engaged => "engaged",
            Commitment::Identified => "identified",
            Commitment::Declined => "declined",
        }
    }

    /// Committed or engaged: an actor the partnership can count on.
    pub fn is_active(self) -> bool {
        matches!(self, Commitment::Committed | Commitment::Engaged)
    }
}

/// An organisation of the city.
#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    /// Slug, unique across actors, initiatives and prospects.
    pub id: ActorId,
    /// Name.
    pub name: String,
    /// Optional one-line description.
    pub description: Option<String>,
    /// Its sector (a model sector id).
    pub sector: SectorId,
    /// How far it has committed.
    pub commitment: Commitment,
    /// Led by people with lived experience of recovery.
    pub lived_experience_led: bool,
    /// Capabilities it provides.
    pub provides: Vec<CapabilityId>,
    /// Offers online provision.
    pub online: bool,
    /// Districts it serves; empty means the whole city.
    pub districts: Vec<DistrictId>,
    /// Its funding sources.
    pub funding: Vec<Funding>,
}

impl Actor {
    /// Whether the actor serves `district` (an actor with no districts serves all).
    pub fn serves(&self, district: &DistrictId) -> bool {
        self.districts.is_empty() || self.districts.contains(district)
    }
}

/// One funding source of an actor.
#[derive(Clone, Debug, Serialize)]
pub struct Funding {
    /// The funder, a free slug (it may or may not be an actor).
    pub source: String,
    /// When the funding ends; `None` is open-ended.
    pub until: Option<Date>,
}

/// A partnership between two actors.
#[derive(Clone, Debug, Serialize)]
pub struct Partnership {
    /// First actor (`from` when directed).
    pub a: ActorId,
    /// Second actor (`to` when directed).
    pub b: ActorId,
    /// Whether people are referred from `a` to `b` (written `from`/`to`).
    pub directed: bool,
    /// The kind of link (a model link kind).
    pub kind: LinkKind,
    /// A written agreement exists.
    pub formal: bool,
    /// Referrals are handed over in person (referral only).
    pub warm_handover: bool,
    /// When it started.
    pub since: Option<Date>,
    /// Flow per year, e.g. referrals.
    pub per_year: Option<u32>,
    /// Trust rating, 1-4.
    pub trust: Option<u8>,
    /// Value rating, 1-4.
    pub value: Option<u8>,
}

/// A practice that already exists in the city.
#[derive(Clone, Debug, Serialize)]
pub struct Initiative {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Optional one-line description.
    pub description: Option<String>,
    /// Capabilities it provides.
    pub provides: Vec<CapabilityId>,
    /// Actors that lead it.
    pub led_by: Vec<ActorId>,
    /// Actors that take part.
    pub partners: Vec<ActorId>,
    /// Districts it serves; empty means the whole city.
    pub districts: Vec<DistrictId>,
    /// How many times a year it happens.
    pub per_year: Option<u32>,
    /// Open to the public.
    pub public: bool,
}

/// The partnership's governance.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Governance {
    /// Actors on the partnership board.
    pub board: Vec<ActorId>,
    /// Board seats held by people in recovery.
    pub people_in_recovery_seats: u32,
    /// Board seats held by family members.
    pub family_seats: u32,
    /// A mission has been adopted.
    pub mission_adopted: bool,
    /// The plan is monitored.
    pub monitoring: bool,
}

/// An organisation being approached.
#[derive(Clone, Debug, Serialize)]
pub struct Prospect {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Optional one-line description.
    pub description: Option<String>,
    /// Its sector.
    pub sector: SectorId,
    /// Capabilities it would bring.
    pub provides: Vec<CapabilityId>,
    /// Districts it would serve.
    pub districts: Vec<DistrictId>,
    /// Actors it would partner with.
    pub would_partner_with: Vec<ActorId>,
}

/// Where an action from an earlier plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Proposed, not agreed.
    Proposed,
    /// Agreed by the partnership.
    Agreed,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Dropped,
}

impl ActionStatus {
    /// Every value with the word used in profiles.
    pub const ALL: [(ActionStatus, &'static str); 5] = [
        (ActionStatus::Proposed, "proposed"),
        (ActionStatus::Agreed, "agreed"),
        (ActionStatus::InProgress, "in_progress"),
        (ActionStatus::Done, "done"),
        (ActionStatus::Dropped, "dropped"),
    ];
}

/// The recorded status of an action, by the id a plan printed.
#[derive(Clone, Debug, Serialize)]
pub struct TrackedAction {
    /// The action id.
    pub id: String,
    /// Its status.
    pub status: ActionStatus,
    /// The actor that owns it.
    pub owner: Option<ActorId>,
    /// When it is due.
    pub due: Option<Date>,
    /// A free note.
    pub note: Option<String>,
}

impl City {
    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id.as_str() == id)
    }

    /// The district with this id.
    pub fn district(&self, id: &DistrictId) -> Option<&District> {
        self.districts.iter().find(|d| &d.id == id)
    }
}
