//! The few model ids the engine's code relies on, named once. The model check refuses a model
//! that lacks any of them; everything else the engine reads from the model file.

/// The recovery community: LEROs, mutual aid, peer networks.
pub const RECOVERY_COMMUNITY: &str = "recovery_community";
/// The council: LEROs' partner, and the convener of last resort.
pub const COUNCIL: &str = "council";
/// Funders: never a single-funder risk themselves.
pub const FUNDER: &str = "funder";
/// Harm reduction: the entry point whose referral rate is measured.
pub const HARM_REDUCTION: &str = "harm_reduction";
/// Treatment: where referrals from harm reduction may also go.
pub const TREATMENT: &str = "treatment";

/// Every sector the code names.
pub const SECTORS: &[&str] = &[
    RECOVERY_COMMUNITY,
    COUNCIL,
    FUNDER,
    HARM_REDUCTION,
    TREATMENT,
];

/// The referral link kind (warm handover applies to it).
pub const REFERRAL: &str = "referral";
/// Aftercare: counts with referral for the referral rate.
pub const AFTERCARE: &str = "aftercare";

/// The funding link kind: a funder's partnership with what it funds.
pub const FUNDING_LINK: &str = "funding";

/// Every link kind the code names.
pub const LINK_KINDS: &[&str] = &[REFERRAL, AFTERCARE, FUNDING_LINK];

/// Public initiatives providing it count as recovery events.
pub const RECOVERY_EVENTS: &str = "recovery_events";
/// What answers a long wait for treatment.
pub const WAITING_LIST_SUPPORT: &str = "waiting_list_support";

/// Every capability the code names.
pub const CAPABILITIES: &[&str] = &[RECOVERY_EVENTS, WAITING_LIST_SUPPORT];
