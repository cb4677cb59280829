//! The Inclusive City model as data: sectors, pillars, capabilities, link kinds, required links,
//! rules with their parameters and action templates, and the scoring weights.
//!
//! The default model is `models/inclusive-city.yaml`, embedded in the binary; `--model FILE`
//! loads another one. `load::model` parses and validates it into a [`Model`].

pub use super::funding::{FundingSource, FundingSourceKind};
use super::ids::{CapabilityId, LinkKind, PillarId, SectorId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A complete model.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The model's id, printed in analysis.json.
    pub id: String,
    /// Its version, printed in analysis.json.
    pub version: String,
    /// Its name.
    pub name: String,
    /// What the model is and how far its numbers are findings or defaults.
    pub note: String,
    /// The mission and vision a plan proposes.
    pub mission: MissionText,
    /// The documents the citations name.
    pub sources: Vec<SourceDocument>,
    /// The kinds of actor.
    pub sectors: Vec<Sector>,
    /// What a city is measured on.
    pub pillars: Vec<Pillar>,
    /// What actors and initiatives provide, or what the engine derives.
    pub capabilities: Vec<Capability>,
    /// The kinds of partnership.
    pub link_kinds: Vec<LinkKindDef>,
    /// Links between sectors that an Inclusive City needs.
    pub required_links: Vec<RequiredLink>,
    /// Where funding could come from, by country.
    #[serde(default)]
    pub funding_sources: Vec<FundingSource>,
    /// What counts as a gap. A rule left out of the model does not run.
    pub rules: Vec<Rule>,
    /// How pillar scores are made.
    pub scoring: Scoring,
}

/// The mission and vision a plan proposes; `{city}` is replaced by the city's name.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MissionText {
    /// The mission statement.
    pub statement: String,
    /// The vision.
    pub vision: String,
    /// Where they come from.
    pub sources: Vec<Citation>,
}

/// A document the model cites.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// The file name (for the seeds) or the reference.
    pub file: String,
    /// Its title and author.
    pub title: String,
}

/// A citation: the document and the passage.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// A `file` of the model's `sources`.
    pub file: String,
    /// The passage, quoted or closely paraphrased.
    pub passage: String,
}

impl Citation {
    /// `file: passage`, as gaps and plans print it.
    pub fn render(&self) -> String {
        format!("{}: {}", self.file, self.passage)
    }
}

/// Joins citations as a gap's `source` field.
pub fn render_citations(citations: &[Citation]) -> String {
    citations
        .iter()
        .map(|c| c.render().trim_end_matches('.').to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A kind of actor.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// Id used in profiles.
    pub id: SectorId,
    /// Human name, as a plan prints it.
    pub name: String,
    /// Who belongs to it.
    pub description: String,
    /// An Inclusive City needs at least one committed or engaged actor of it.
    pub required: bool,
    /// The pillar a missing actor of this sector weakens most.
    pub pillar: PillarId,
    /// People enter recovery pathways through this sector (for the pathway rule).
    #[serde(default)]
    pub entry_point: bool,
    /// Where it comes from.
    pub sources: Vec<Citation>,
}

/// A pillar of the Inclusive City.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// Id.
    pub id: PillarId,
    /// Human name.
    pub name: String,
    /// Actions of this pillar prefer a lead led by people with lived experience.
    #[serde(default)]
    pub lived_experience_lead: bool,
    /// What it means.
    pub description: String,
    /// The capabilities that serve it.
    pub capabilities: Vec<CapabilityId>,
    /// Where it comes from.
    pub sources: Vec<Citation>,
}

/// How the engine derives a capability that no actor declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// A `recovery_community` actor is `lived_experience_led`.
    Lero,
    /// The governance board has people in recovery.
    LivedExperienceGovernance,
    /// The governance block names a board.
    PartnershipBoard,
    /// The governance block says the mission is adopted.
    MissionStatement,
    /// The governance block says the plan is monitored.
    MonitoringEvaluation,
    /// The recovery community's funding draws on enough distinct sources.
    DiverseFunding,
}

/// What kind of thing a capability is: its indicators follow from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapabilityKind {
    /// A service people use.
    Service,
    /// An event.
    Event,
    /// A training.
    Training,
    /// A campaign.
    Campaign,
    /// A policy adopted and applied.
    Policy,
    /// Housing: places and tenancies.
    Housing,
    /// Employment: placements and jobs.
    Employment,
    /// Governance: decisions and seats.
    Governance,
}

/// Something an actor or initiative provides, or that the engine derives.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    /// Id used in `provides`.
    pub id: CapabilityId,
    /// Human name.
    pub name: String,
    /// What kind of thing it is.
    pub kind: CapabilityKind,
    /// Who typically provides or leads it; when none of them is mapped, it is not assessed.
    pub lead_sectors: Vec<SectorId>,
    /// The action id gaps about it group under, instead of the rule's `group`.
    #[serde(default)]
    pub group: Option<String>,
    /// Set when the engine derives it; profiles may not declare it.
    #[serde(default)]
    pub derived: Option<Derivation>,
    /// Numbers the derivation reads (`diverse_funding`: `min_sources`): defaults to be tuned.
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
    /// Where it comes from.
    pub sources: Vec<Citation>,
}

/// A kind of partnership.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkKindDef {
    /// Id used in `kind`.
    pub id: LinkKind,
    /// Human name.
    pub name: String,
    /// People move along it (used by the pathway rule).
    #[serde(default)]
    pub pathway: bool,
}

/// How serious a gap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Tackle first.
    High,
    /// Tackle soon.
    Medium,
    /// Worth doing.
    Low,
}

impl Severity {
    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// One step less serious (low stays low).
    pub fn lower(self) -> Severity {
        match self {
            Severity::High => Severity::Medium,
            Severity::Medium | Severity::Low => Severity::Low,
        }
    }
}

/// A link between sectors that an Inclusive City needs.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredLink {
    /// One side.
    pub from: SectorId,
    /// The other side: any one of these sectors will do.
    pub to: Vec<SectorId>,
    /// The partnership kinds that count.
    pub kinds: Vec<LinkKind>,
    /// Only `from` -> `to` counts (a referral); otherwise either direction.
    #[serde(default)]
    pub directed: bool,
    /// The pillar it serves.
    pub pillar: PillarId,
    /// How serious its absence is.
    pub severity: Severity,
    /// Why it is needed, as a gap message prints it.
    pub why: String,
    /// Where it comes from.
    pub sources: Vec<Citation>,
}

impl RequiredLink {
    /// The sectors it joins, `from` first: the subjects of its gaps.
    pub fn subjects(&self) -> Vec<String> {
        std::iter::once(&self.from)
            .chain(&self.to)
            .map(|s| s.0.clone())
            .collect()
    }
}

/// The fourteen rules of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A required sector has no committed or engaged actor.
    MissingSector,
    /// No actor or initiative provides a capability of a pillar.
    MissingCapability,
    /// A capability is provided only by actors not yet committed or engaged.
    UncommittedCapability,
    /// A required link is absent.
    MissingLink,
    /// A required link is present only informally.
    WeakLink,
    /// An actor with no partnership.
    IsolatedActor,
    /// The network has more than one component.
    FragmentedNetwork,
    /// An articulation point, or the sole provider of a capability.
    SinglePointOfFailure,
    /// Single funding, funding ending soon, or a pillar on one funder.
    FundingRisk,
    /// No LERO, no LERO-council partnership, no lived experience on the board.
    LivedExperienceGap,
    /// No board, no adopted mission, or no monitoring.
    GovernanceGap,
    /// A district where a pillar has no provider.
    DistrictGap,
    /// No online peer support.
    DigitalGap,
    /// No route from an entry point to recovery support.
    PathwayGap,
    /// Too few public recovery events a year.
    VisibilityGap,
    /// A closed actor's provision that nobody has taken over.
    LostProvision,
    /// A harm-reduction entry point refers few of the people it sees.
    LowReferralRate,
    /// A treatment wait over the threshold with no waiting-list support.
    WaitingTime,
}

impl RuleKind {
    /// The rule's id as written in models and analysis.json.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::MissingSector => "missing_sector",
            RuleKind::MissingCapability => "missing_capability",
            RuleKind::UncommittedCapability => "uncommitted_capability",
            RuleKind::MissingLink => "missing_link",
            RuleKind::WeakLink => "weak_link",
            RuleKind::IsolatedActor => "isolated_actor",
            RuleKind::FragmentedNetwork => "fragmented_network",
            RuleKind::SinglePointOfFailure => "single_point_of_failure",
            RuleKind::FundingRisk => "funding_risk",
            RuleKind::LivedExperienceGap => "lived_experience_gap",
            RuleKind::GovernanceGap => "governance_gap",
            RuleKind::DistrictGap => "district_gap",
            RuleKind::DigitalGap => "digital_gap",
            RuleKind::PathwayGap => "pathway_gap",
            RuleKind::VisibilityGap => "visibility_gap",
            RuleKind::LostProvision => "lost_provision",
            RuleKind::LowReferralRate => "low_referral_rate",
            RuleKind::WaitingTime => "waiting_time",
        }
    }

    /// The prefix of its gap ids: the rule with `-` for `_`.
    pub fn gap_prefix(self) -> String {
        self.as_str().replace('_', "-")
    }

    /// The cases whose severity `case_severity` may set.
    pub fn cases(self) -> &'static [&'static str] {
        match self {
            RuleKind::SinglePointOfFailure => &["articulation_point", "sole_provider"],
            RuleKind::FundingRisk => &[
                "single_source",
                "ends_within_horizon",
                "pillar_single_funder",
                "subcontract",
                "recovery_community",
            ],
            RuleKind::LivedExperienceGap => &[
                "no_lero",
                "no_council_partnership",
                "no_recovery_seats",
                "no_family_seats",
            ],
            RuleKind::GovernanceGap => &["no_board", "no_mission", "no_monitoring"],
            RuleKind::DigitalGap => &["rural_districts"],
            RuleKind::PathwayGap => &["no_entry_point_reaches", "some_entry_points_cannot_reach"],
            _ => &[],
        }
    }

    /// The parameters the rule reads from its `params`.
    pub fn parameters(self) -> &'static [&'static str] {
        match self {
            RuleKind::FundingRisk => &["horizon_months"],
            RuleKind::PathwayGap => &["hop_limit"],
            RuleKind::VisibilityGap => &["min_public_events_per_year"],
            RuleKind::WeakLink => &["weak_trust_max"],
            RuleKind::LostProvision => &["recent_months"],
            RuleKind::LowReferralRate => &["min_rate"],
            _ => &[],
        }
    }
}

/// A rule: when it fires, how serious it is, and the action it calls.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Which rule.
    pub id: RuleKind,
    /// Human name.
    pub name: String,
    /// What it checks.
    pub description: String,
    /// Its severity, unless a case below or a required link says otherwise.
    pub severity: Severity,
    /// Severities of the rule's cases (e.g. `ends_within_horizon` for funding_risk).
    #[serde(default)]
    pub case_severity: BTreeMap<String, Severity>,
    /// The pillar it weakens, for rules whose subject does not say.
    #[serde(default)]
    pub pillar: Option<PillarId>,
    /// Its numbers (a hop limit, a horizon in months): defaults to be tuned.
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
    /// The pillars the rule checks (pathway_gap: whose providers entry points must reach).
    #[serde(default)]
    pub targets: Vec<PillarId>,
    /// Per-sector thresholds (waiting_time: weeks); a sector left out is not checked.
    #[serde(default)]
    pub thresholds: BTreeMap<SectorId, f64>,
    /// What a plan proposes when it fires.
    pub action: ActionTemplate,
    /// Where it comes from.
    pub sources: Vec<Citation>,
}

impl Rule {
    /// The severity of `case`, or the rule's own.
    pub fn severity_of(&self, case: &str) -> Severity {
        self.case_severity
            .get(case)
            .copied()
            .unwrap_or(self.severity)
    }

    /// A parameter's value; the model loader has checked that every listed one is present.
    pub fn param(&self, name: &str) -> f64 {
        self.params.get(name).copied().unwrap_or(f64::NAN)
    }
}

/// When an action should be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// Within 12 months.
    Short,
    /// One to three years.
    Long,
}

/// What an action costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cost {
    /// Nothing beyond a meeting.
    None,
    /// The partners' staff time.
    StaffTime,
    /// New money.
    NewMoney,
}

impl Cost {
    /// The word used in plan.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Cost::None => "none",
            Cost::StaffTime => "staff_time",
            Cost::NewMoney => "new_money",
        }
    }
}

/// How an indicator is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A number that is counted.
    Count,
    /// A story collected from people in recovery, families or partners.
    Story,
    /// A milestone that happens or not.
    Milestone,
}

/// An indicator to monitor an action by.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// How it is read.
    pub kind: IndicatorKind,
    /// What is measured.
    pub text: String,
}

/// The action a rule calls. Text may hold `{subject}`, `{subjects}`, `{evidence}`, `{city}` and
/// `{board}` (the governance's own name, else "the partnership board").
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActionTemplate {
    /// Short title.
    pub title: String,
    /// What to do.
    pub what: String,
    /// Sectors to look for a lead in, in order.
    pub lead_sectors: Vec<SectorId>,
    /// When the gap is about one actor that has not declined, that actor leads (e.g. its own
    /// funding plan).
    #[serde(default)]
    pub lead_subject: bool,
    /// Sectors to involve.
    #[serde(default)]
    pub supporting_sectors: Vec<SectorId>,
    /// Short or long term.
    pub horizon: Horizon,
    /// What it costs: `none`, `staff_time` or `new_money` (the plan's funding follows it).
    pub cost: Cost,
    /// The action id its gaps group under: `{0}`, `{1}`... are the gap's subjects,
    /// `{sectors}` its subjects in the model's sector order, joined by `.`.
    pub group: String,
    /// A different group key for some of the rule's cases.
    #[serde(default)]
    pub case_group: BTreeMap<String, String>,
    /// A different title and text for some of the rule's cases.
    #[serde(default)]
    pub case_text: BTreeMap<String, CaseText>,
}

/// An action's title and text for one case of its rule.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseText {
    /// Short title.
    pub title: String,
    /// What to do.
    pub what: String,
    /// What it costs, when not the rule's.
    #[serde(default)]
    pub cost: Option<Cost>,
    /// Sectors to look for a lead in, when not the rule's.
    #[serde(default)]
    pub lead_sectors: Option<Vec<SectorId>>,
    /// Short or long term, when not the rule's.
    #[serde(default)]
    pub horizon: Option<Horizon>,
}

/// How pillar scores are made. Every number here is a default to be tuned, not a finding.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Says the weights are defaults to be tuned.
    pub note: String,
    /// Weights of the score's terms.
    pub weights: ScoreWeights,
    /// How much each commitment level counts.
    pub commitment: CommitmentWeights,
    /// How much a weak required link counts (a present one counts 1).
    pub weak_link_credit: f64,
    /// How much each gap of a pillar takes off its gap term (which starts at 1, floor 0).
    pub gap_penalty: GapPenalty,
}

/// Weights of a pillar score's terms.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    /// Share of the pillar's capabilities provided.
    pub capability_coverage: f64,
    /// Mean commitment of the best provider of each provided capability.
    pub provider_commitment: f64,
    /// Share of the pillar's required links present.
    pub required_links: f64,
    /// One less the penalties of the pillar's gaps.
    pub gaps: f64,
}

/// How much each commitment level counts.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentWeights {
    /// Committed.
    pub committed: f64,
    /// Engaged.
    pub engaged: f64,
    /// Identified.
    pub identified: f64,
    /// Declined.
    pub declined: f64,
}

/// What each gap takes off a pillar's gap term.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GapPenalty {
    /// A high-severity gap.
    pub high: f64,
    /// A medium-severity gap.
    pub medium: f64,
    /// A low-severity gap.
    pub low: f64,
}

impl Model {
    /// The sector with this id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id.as_str() == id)
    }

    /// The pillar with this id.
    pub fn pillar(&self, id: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id.as_str() == id)
    }

    /// The capability with this id.
    pub fn capability(&self, id: &str) -> Option<&Capability> {
        self.capabilities.iter().find(|c| c.id.as_str() == id)
    }

    /// The link kind with this id.
    pub fn link_kind(&self, id: &str) -> Option<&LinkKindDef> {
        self.link_kinds.iter().find(|k| k.id.as_str() == id)
    }

    /// The rule of this kind, when the model has it.
    pub fn rule(&self, kind: RuleKind) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == kind)
    }

    /// The action id a gap groups under: the capability's own group, else the rule's (by case),
    /// resolved over the gap's subjects.
    pub fn group_key(&self, rule: &Rule, case: Option<&str>, subjects: &[String]) -> String {
        let capability = match rule.id {
            RuleKind::MissingCapability | RuleKind::UncommittedCapability => subjects.first(),
            RuleKind::LostProvision => subjects.get(1),
            _ => None,
        };
        if let Some(group) = capability
            .and_then(|c| self.capability(c))
            .and_then(|c| c.group.as_ref())
        {
            return group.clone();
        }
        let pattern = case
            .and_then(|c| rule.action.case_group.get(c))
            .unwrap_or(&rule.action.group);
        let mut sectors: Vec<&String> = subjects.iter().collect();
        sectors.sort_by_key(|s| {
            self.sectors
                .iter()
                .position(|d| d.id.as_str() == s.as_str())
                .unwrap_or(usize::MAX)
        });
        let mut key = pattern.replace(
            "{sectors}",
            &sectors
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("."),
        );
        for (i, s) in subjects.iter().enumerate() {
            key = key.replace(&format!("{{{i}}}"), s);
        }
        key
    }

    /// The sectors a rule's gap could be assessed in, when the profile maps only some.
    pub fn entry_point_sectors(&self) -> impl Iterator<Item = &Sector> {
        self.sectors.iter().filter(|s| s.entry_point)
    }

    /// The first pillar that lists `capability`.
    pub fn pillar_of_capability(&self, capability: &CapabilityId) -> Option<&Pillar> {
        self.pillars
            .iter()
            .find(|p| p.capabilities.contains(capability))
    }
}

#[cfg(test)]
mod tests {
    use crate::load::builtin_model;
    use crate::model::RuleKind;

    fn key(rule: RuleKind, case: Option<&str>, subjects: &[&str]) -> String {
        let model = builtin_model();
        let rule = model.rule(rule).expect("the rule is in the model");
        let subjects: Vec<String> = subjects.iter().map(|s| (*s).to_owned()).collect();
        model.group_key(rule, case, &subjects)
    }

    #[test]
    fn group_keys_resolve_as_the_plan_lists_them() {
        use RuleKind::*;
        assert_eq!(key(MissingSector, None, &["housing"]), "partner.housing");
        assert_eq!(
            key(MissingCapability, None, &["mutual_aid"]),
            "capability.mutual_aid"
        );
        assert_eq!(
            key(MissingCapability, None, &["recovery_events"]),
            "visible-recovery"
        );
        assert_eq!(
            key(LostProvision, None, &["chez-nous", "supported_housing"]),
            "capability.supported_housing"
        );
        // Sectors in the model's order, whichever way the link is written.
        assert_eq!(
            key(MissingLink, None, &["harm_reduction", "recovery_community"]),
            key(WeakLink, None, &["recovery_community", "harm_reduction"])
        );
        assert_eq!(
            key(
                LivedExperienceGap,
                Some("no_council_partnership"),
                &["council-partnership"]
            ),
            "link.council.recovery_community"
        );
        assert_eq!(
            key(
                LivedExperienceGap,
                Some("no_family_seats"),
                &["family-seats"]
            ),
            "seats-at-the-table"
        );
        assert_eq!(key(LowReferralRate, None, &["outreach"]), "referral-routes");
        assert_eq!(
            key(WaitingTime, None, &["clinic"]),
            "capability.waiting_list_support"
        );
        assert_eq!(
            key(DistrictGap, None, &["moorside", "housing"]),
            "district.moorside"
        );
    }
}
