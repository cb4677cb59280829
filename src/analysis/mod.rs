//! Analysis stage: the model's rules over a city and its network, giving gaps, pillar scores
//! with the terms that made them, and the city's index. Pure: no I/O, same input, same output.
//!
//! `analyse(&Model, &City, &Network) -> Analysis`. A gap is a finding, not an error. Rules are
//! grouped by family, one file each; every rule is a small function from [`Context`] to gaps.

mod coverage;
mod facts;
mod reach;
mod resources;
mod score;
mod structure;

pub(crate) use facts::leros;
pub use facts::{Facts, LinkState, LinkStatus, Provider};
pub use score::{PillarScore, Term};

use crate::model::definition::{Citation, RuleKind, Severity, render_citations};
use crate::model::ids::PillarId;
use crate::model::{City, Date, Model};
use crate::network::{Metrics, Network};
use serde::Serialize;
use std::collections::BTreeMap;

/// The analysis.json format id.
pub const ANALYSIS_FORMAT: &str = "inclusive-cities/analysis/v1";

/// Everything the analysis found about one city.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// `inclusive-cities/analysis/v1`.
    pub format: &'static str,
    /// Which city.
    pub city: CityRef,
    /// Which model.
    pub model: ModelRef,
    /// The mean of the pillar scores, 0-100.
    pub index: f64,
    /// Each pillar's score, terms and gaps.
    pub pillars: BTreeMap<PillarId, PillarScore>,
    /// The gaps, by severity (high first), then id.
    pub gaps: Vec<Gap>,
    /// The network's measures.
    pub network: Metrics,
    /// The required links, each with what was found.
    pub required_links: Vec<LinkStatus>,
    /// Means of the partnerships' trust and value ratings, where rated.
    pub ratings: facts::Ratings,
}

/// The city an analysis is about.
#[derive(Clone, Debug, Serialize)]
pub struct CityRef {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// The date the profile describes.
    pub as_of: Date,
}

/// The model an analysis used.
#[derive(Clone, Debug, Serialize)]
pub struct ModelRef {
    /// Model id.
    pub id: String,
    /// Model version.
    pub version: String,
}

/// A gap: where the city falls short of the model, with the evidence and the source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// Stable id: `<rule with - for _>.<subject>[.<subject>...]`.
    pub id: String,
    /// The rule that found it.
    pub rule: RuleKind,
    /// How serious it is.
    pub severity: Severity,
    /// The pillar it weakens.
    pub pillar: PillarId,
    /// What it is about: sectors, capabilities, actors, districts, pillars.
    pub subjects: Vec<String>,
    /// The actors, districts or links involved.
    pub evidence: Vec<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Where the rule comes from.
    pub source: String,
}

/// What the rules read: the model, the city, its network and facts derived once.
pub struct Context<'a> {
    /// The model.
    pub model: &'a Model,
    /// The city.
    pub city: &'a City,
    /// Its network.
    pub network: &'a Network,
    /// Its network's measures.
    pub metrics: &'a Metrics,
    /// Providers, derived capabilities and required links.
    pub facts: &'a Facts,
    /// The city's actors by id, for lookups in large networks.
    pub actors: rustc_hash::FxHashMap<&'a str, &'a crate::model::city::Actor>,
}

/// What a rule says about one gap before the context fills in severity and source.
pub(crate) struct Finding {
    pub(crate) case: Option<&'static str>,
    pub(crate) severity: Option<Severity>,
    pub(crate) pillar: Option<PillarId>,
    pub(crate) subjects: Vec<String>,
    pub(crate) evidence: Vec<String>,
    pub(crate) message: String,
    pub(crate) sources: Vec<Citation>,
}

impl Finding {
    /// A finding about `subjects` with a message.
    pub(crate) fn new(subjects: Vec<String>, message: String) -> Self {
        Finding {
            case: None,
            severity: None,
            pillar: None,
            subjects,
            evidence: Vec::new(),
            message,
            sources: Vec::new(),
        }
    }
    pub(crate) fn case(mut self, case: &'static str) -> Self {
        self.case = Some(case);
        self
    }
    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
    pub(crate) fn pillar(mut self, pillar: &PillarId) -> Self {
        self.pillar = Some(pillar.clone());
        self
    }
    pub(crate) fn evidence(mut self, evidence: Vec<String>) -> Self {
        self.evidence = evidence;
        self
    }
    pub(crate) fn sources(mut self, sources: &[Citation]) -> Self {
        self.sources = sources.to_vec();
        self
    }
}

impl Context<'_> {
    /// Turns a rule's finding into a gap: id, severity by case, pillar, sources.
    fn gap(&self, kind: RuleKind, f: Finding) -> Option<Gap> {
        let rule = self.model.rule(kind)?;
        let severity = f
            .severity
            .unwrap_or_else(|| f.case.map_or(rule.severity, |c| rule.severity_of(c)));
        let pillar = f.pillar.or_else(|| rule.pillar.clone())?;
        let id = std::iter::once(kind.gap_prefix())
            .chain(f.subjects.iter().cloned())
            .collect::<Vec<_>>()
            .join(".");
        let mut sources = f.sources;
        sources.extend(rule.sources.iter().cloned());
        let mut evidence = f.evidence;
        evidence.dedup();
        Some(Gap {
            id,
            rule: kind,
            severity,
            pillar,
            subjects: f.subjects,
            evidence,
            message: f.message,
            source: render_citations(&sources),
        })
    }

    /// The name of an actor, for messages.
    pub(crate) fn actor_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.actors.get(id).map_or(id, |a| a.name.as_str())
    }

    /// The human name of a sector.
    pub(crate) fn sector_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.model.sector(id).map_or(id, |s| s.name.as_str())
    }

    /// The human name of a capability.
    pub(crate) fn capability_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.model.capability(id).map_or(id, |c| c.name.as_str())
    }
}

/// A rule: reads the context, returns its findings.
type RuleFn = fn(&Context<'_>) -> Vec<Finding>;

/// Every rule with the function that runs it.
const RULES: &[(RuleKind, RuleFn)] = &[
    (RuleKind::MissingSector, coverage::missing_sector),
    (RuleKind::MissingCapability, coverage::missing_capability),
    (
        RuleKind::UncommittedCapability,
        coverage::uncommitted_capability,
    ),
    (RuleKind::MissingLink, coverage::missing_link),
    (RuleKind::WeakLink, coverage::weak_link),
    (RuleKind::IsolatedActor, structure::isolated_actor),
    (RuleKind::FragmentedNetwork, structure::fragmented_network),
    (
        RuleKind::SinglePointOfFailure,
        structure::single_point_of_failure,
    ),
    (RuleKind::FundingRisk, resources::funding_risk),
    (
        RuleKind::LivedExperienceGap,
        resources::lived_experience_gap,
    ),
    (RuleKind::GovernanceGap, resources::governance_gap),
    (RuleKind::DistrictGap, reach::district_gap),
    (RuleKind::DigitalGap, resources::digital_gap),
    (RuleKind::PathwayGap, reach::pathway_gap),
    (RuleKind::VisibilityGap, resources::visibility_gap),
];

/// Runs every rule of `model` over `city` and scores its pillars.
pub fn analyse(model: &Model, city: &City, network: &Network) -> Analysis {
    analyse_with_facts(model, city, network).0
}

/// [`analyse`], also returning the facts the rules were run on.
pub fn analyse_with_facts(model: &Model, city: &City, network: &Network) -> (Analysis, Facts) {
    let metrics = network.metrics();
    let facts = Facts::derive(model, city, network);
    let ctx = Context {
        model,
        city,
        network,
        metrics: &metrics,
        facts: &facts,
        actors: city.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
    };
    let mut gaps: Vec<Gap> = RULES
        .iter()
        .filter(|(kind, _)| model.rule(*kind).is_some())
        .flat_map(|(kind, run)| run(&ctx).into_iter().filter_map(|f| ctx.gap(*kind, f)))
        .collect();
    gaps.sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.id.cmp(&b.id)));
    gaps.dedup_by(|a, b| a.id == b.id);
    let pillars = score::score_pillars(&ctx, &gaps);
    let index = score::index(&pillars);
    let analysis = Analysis {
        format: ANALYSIS_FORMAT,
        city: CityRef {
            id: city.id.clone(),
            name: city.name.clone(),
            as_of: city.as_of,
        },
        model: ModelRef {
            id: model.id.clone(),
            version: model.version.clone(),
        },
        index,
        pillars,
        gaps,
        required_links: facts.links.clone(),
        ratings: facts.ratings.clone(),
        network: metrics,
    };
    (analysis, facts)
}

impl Analysis {
    /// The analysis as analysis.json: keys sorted, two-space indent, a final newline.
    pub fn to_json(&self) -> String {
        let value = serde_json::to_value(self).expect("an analysis is plain data");
        let mut out = serde_json::to_string_pretty(&value).expect("a JSON value serialises");
        out.push('\n');
        out
    }
}
