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
    /// The sectors the profile has mapped so far; `None` means all of them (the v1 meaning).
    pub mapped_sectors: Option<Vec<SectorId>>,
    /// Actions the partnership can carry in a year, when the profile says.
    pub capacity: Option<u32>,
    /// The active organisations, in file order: the network's nodes.
    pub actors: Vec<Actor>,
    /// Closed and planned organisations, in file order: outside the network. A closed one's
    /// `provides` and `places` say what the city lost.
    pub inactive_actors: Vec<Actor>,
    /// The partnerships between actors, in file order.
    pub partnerships: Vec<Partnership>,
    /// Practices that already exist (asset mapping).
    pub initiatives: Vec<Initiative>,
    /// Practices that are planned: listed in plans, closing no gap yet.
    pub planned_initiatives: Vec<Initiative>,
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
    /// The profile does not know yet: counts as engaged in scores, and a gap that rests on it
    /// is assumed.
    Unknown,
}

impl Commitment {
    /// Every value, in the order the format lists them.
    pub const ALL: [Commitment; 5] = [
        Commitment::Committed,
        Commitment::Engaged,
        Commitment::Identified,
        Commitment::Declined,
        Commitment::Unknown,
    ];

    /// The word used in profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            Commitment::Committed => "committed",
            Commitment::Engaged => "engaged",
            Commitment::Identified => "identified",
            Commitment::Declined => "declined",
            Commitment::Unknown => "unknown",
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
    /// Active, planned or closed.
    pub status: ActorStatus,
    /// When it closed (`status: closed` only); `None` reads as a recent closure.
    pub closed_on: Option<Date>,
    /// When it starts (`status: planned` only).
    pub starts: Option<Date>,
    /// Beds, places or slots it offers (or offered, when closed).
    pub places: Option<u32>,
    /// The entry stands for a group of organisations.
    pub group: Option<Group>,
    /// People (or visits) an entry point sees a year.
    pub contacts_per_year: Option<u32>,
    /// Typical wait from referral to a first appointment, in weeks.
    pub waiting_weeks: Option<u32>,
    /// Actions it can lead in a year, when the profile says.
    pub lead_capacity: Option<u32>,
}

/// Whether an organisation is working, yet to open, or gone.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorStatus {
    /// Working now (the default): in the network.
    Active,
    /// Yet to open: outside the network, closing no gap yet.
    Planned,
    /// Closed: outside the network; what it provided is lost provision.
    Closed,
}

impl ActorStatus {
    /// Every value with the word used in profiles.
    pub const ALL: [(ActorStatus, &'static str); 3] = [
        (ActorStatus::Active, "active"),
        (ActorStatus::Planned, "planned"),
        (ActorStatus::Closed, "closed"),
    ];

    /// The word used in profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorStatus::Active => "active",
            ActorStatus::Planned => "planned",
            ActorStatus::Closed => "closed",
        }
    }
}

/// An entry that stands for several organisations (`group: 40` or `group: true`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Group {
    /// About this many organisations (at least 2).
    About(u32),
    /// Several, the number not known.
    Several,
}

impl Group {
    /// `40`, or `several` when the number is not known.
    pub fn describe(self) -> String {
        match self {
            Group::About(n) => n.to_string(),
            Group::Several => "several".into(),
        }
    }
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
    /// How it is given, when the profile says.
    pub kind: Option<FundingKind>,
}

/// How a funding source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    /// A grant.
    Grant,
    /// A contract (its end is a recommissioning).
    Contract,
    /// A sub-contract under another provider (001: vulnerable to being cut).
    Subcontract,
    /// Donations.
    Donations,
    /// Earned income.
    Earned,
    /// A statutory funding stream.
    Statutory,
}

impl FundingKind {
    /// Every value with the word used in profiles.
    pub const ALL: [(FundingKind, &'static str); 6] = [
        (FundingKind::Grant, "grant"),
        (FundingKind::Contract, "contract"),
        (FundingKind::Subcontract, "subcontract"),
        (FundingKind::Donations, "donations"),
        (FundingKind::Earned, "earned"),
        (FundingKind::Statutory, "statutory"),
    ];

    /// The word used in profiles.
    pub fn as_str(self) -> &'static str {
        match self {
            FundingKind::Grant => "grant",
            FundingKind::Contract => "contract",
            FundingKind::Subcontract => "subcontract",
            FundingKind::Donations => "donations",
            FundingKind::Earned => "earned",
            FundingKind::Statutory => "statutory",
        }
    }
}

/// Whether a written agreement exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Formality {
    /// A written agreement exists.
    Formal,
    /// None does (the v1 default).
    Informal,
    /// The profile does not know: counts as formal in scores; a gap that rests on it is assumed.
    Unknown,
}

impl Formality {
    /// Whether it is known to be formal.
    pub fn is_formal(self) -> bool {
        self == Formality::Formal
    }

    /// `true`, `false` or `unknown`, as profiles and exports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Formality::Formal => "true",
            Formality::Informal => "false",
            Formality::Unknown => "unknown",
        }
    }
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
    /// Whether a written agreement exists.
    pub formal: Formality,
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

impl Partnership {
    /// A partnership a reading implies rather than the profile records (a prospect joining, an
    /// unknown read optimistically): formal, no handover, no flow, no ratings.
    pub fn implied(a: ActorId, b: ActorId, kind: LinkKind, directed: bool) -> Partnership {
        Partnership {
            a,
            b,
            directed,
            kind,
            formal: Formality::Formal,
            warm_handover: false,
            since: None,
            per_year: None,
            trust: None,
            value: None,
        }
    }
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
    /// When a planned initiative starts.
    pub starts: Option<Date>,
}

/// The partnership's governance.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Governance {
    /// The existing board's own name (a Combating Drugs Partnership, ...).
    pub name: Option<String>,
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
    /// Led by people with lived experience of recovery.
    pub lived_experience_led: bool,
    /// Would offer online provision.
    pub online: bool,
    /// Beds, places or slots it would offer.
    pub places: Option<u32>,
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

    /// An actor with this id, active, planned or closed.
    pub fn any_actor(&self, id: &str) -> Option<&Actor> {
        self.actor(id)
            .or_else(|| self.inactive_actors.iter().find(|a| a.id.as_str() == id))
    }

    /// The closed actors.
    pub fn closed_actors(&self) -> impl Iterator<Item = &Actor> {
        self.inactive_actors
            .iter()
            .filter(|a| a.status == ActorStatus::Closed)
    }

    /// Whether `sector` was mapped (every sector is, when `mapped_sectors` is absent).
    pub fn maps(&self, sector: &SectorId) -> bool {
        self.mapped_sectors
            .as_ref()
            .is_none_or(|m| m.contains(sector))
    }

    /// The district with this id.
    pub fn district(&self, id: &DistrictId) -> Option<&District> {
        self.districts.iter().find(|d| &d.id == id)
    }
}
