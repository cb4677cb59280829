//! Analysis stage: the model's rules over a city and its network, giving gaps, pillar scores
//! with the terms that made them, and the city's index. Pure: no I/O, same input, same output.
//!
//! `analyse(&Model, &City, &Network) -> Analysis`. A gap is a finding, not an error. Rules are
//! grouped by family, one file each; every rule is a small function from [`Context`] to gaps.

mod basis;
mod coverage;
mod facts;
mod flows;
mod reach;
mod resources;
mod risks;
mod score;
mod structure;

pub use basis::{Basis, NotAssessed};
pub(crate) use facts::leros;
pub use facts::{Facts, LinkState, LinkStatus, Provider};
pub use risks::{Risk, ToCheck};
pub use score::{PillarScore, Term};

use crate::model::city::Partnership;
use crate::model::definition::{Citation, RuleKind, Severity, render_citations};
use crate::model::ids::{ActorId, LinkKind, PillarId};
use crate::model::{City, Date, Model};
use crate::network::{Metrics, Network};
use serde::{Deserialize, Serialize};
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
    /// The mean of the scores of the pillars that have one, 0-100.
    pub index: f64,
    /// Each pillar's score, terms and gaps.
    pub pillars: BTreeMap<PillarId, PillarScore>,
    /// The gaps, by severity (high first), then id.
    pub gaps: Vec<Gap>,
    /// The network's measures.
    pub network: Metrics,
    /// The profile's partnerships, each by its ends, kind and direction, sorted (what a later
    /// plan compares partnerships on).
    pub partnerships: Vec<PartnershipRef>,
    /// The required links, each with what was found.
    pub required_links: Vec<LinkStatus>,
    /// Means of the partnerships' trust and value ratings, where rated.
    pub ratings: facts::Ratings,
    /// What the profile does not cover: sectors outside `city.mapped_sectors` and what they
    /// leave unassessed.
    pub not_assessed: NotAssessed,
    /// Single points of failure and funding risks, by organisation (their gaps stay in `gaps`).
    pub risks: Vec<Risk>,
    /// What the profile leaves to check that is not a gap (funding not recorded).
    pub to_check: Vec<ToCheck>,
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

/// A partnership as analysis.json records it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartnershipRef {
    /// The referring actor when directed; else the first of the two ids in order.
    pub a: ActorId,
    /// The actor referred to when directed; else the second of the two ids.
    pub b: ActorId,
    /// The kind of link.
    pub kind: LinkKind,
    /// Whether people are referred from `a` to `b`.
    pub directed: bool,
}

impl PartnershipRef {
    /// The record of a partnership (an undirected one with its ends in order).
    pub fn of(p: &Partnership) -> PartnershipRef {
        let (a, b) = if p.directed || p.a <= p.b {
            (&p.a, &p.b)
        } else {
            (&p.b, &p.a)
        };
        PartnershipRef {
            a: a.clone(),
            b: b.clone(),
            kind: p.kind.clone(),
            directed: p.directed,
        }
    }
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
    /// Recorded, or assumed from an `unknown`, a missing date or an unmapped sector.
    pub basis: Basis,
    /// What an assumed gap rests on: the defaulted fields or the unmapped sectors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumed_from: Vec<String>,
    /// The action id the gap groups under (the model's group key, resolved).
    pub group: String,
    /// The rule's case that found it, when the rule has cases.
    #[serde(skip)]
    pub case: Option<&'static str>,
    /// The citations behind `source`, for documents that cite by title.
    #[serde(skip)]
    pub citations: Vec<crate::model::definition::Citation>,
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
        let group = self.model.group_key(rule, f.case, &f.subjects);
        Some(Gap {
            id,
            rule: kind,
            severity,
            pillar,
            subjects: f.subjects,
            evidence,
            message: f.message,
            source: render_citations(&sources),
            basis: Basis::Recorded,
            assumed_from: Vec::new(),
            group,
            case: f.case,
            citations: sources,
        })
    }

    /// Whether a capability is assessed: some sector that leads it was mapped.
    pub(crate) fn assesses_capability(&self, capability: &str) -> bool {
        self.model
            .capability(capability)
            .is_none_or(|c| c.lead_sectors.iter().any(|s| self.city.maps(s)))
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
    (RuleKind::LostProvision, flows::lost_provision),
    (RuleKind::LowReferralRate, flows::low_referral_rate),
    (RuleKind::WaitingTime, flows::waiting_time),
];

/// Runs every rule of `model` over `city` and scores its pillars.
pub fn analyse(model: &Model, city: &City, network: &Network) -> Analysis {
    analyse_with_facts(model, city, network).0
}

/// The rules `runs` admits over one reading of the city: their gaps, sorted by severity then id.
fn run_rules(ctx: &Context<'_>, runs: &dyn Fn(RuleKind) -> bool) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = RULES
        .iter()
        .filter(|(kind, _)| runs(*kind) && ctx.model.rule(*kind).is_some())
        .flat_map(|(kind, run)| run(ctx).into_iter().filter_map(|f| ctx.gap(*kind, f)))
        .collect();
    // Lost provision says what the missing capability would: keep the one with its cause. Not
    // when the closure is undated: the lost provision is then only to check, and that nobody
    // provides the capability now stays a finding.
    let dated = |actor: &String| {
        ctx.city
            .closed_actors()
            .any(|a| a.id.as_str() == actor.as_str() && a.closed_on.is_some())
    };
    let lost: std::collections::BTreeSet<String> = gaps
        .iter()
        .filter(|g| g.rule == RuleKind::LostProvision && g.subjects.first().is_some_and(dated))
        .filter_map(|g| g.subjects.get(1).cloned())
        .collect();
    gaps.retain(|g| {
        g.rule != RuleKind::MissingCapability
            || !g.subjects.first().is_some_and(|c| lost.contains(c))
    });
    gaps.sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.id.cmp(&b.id)));
    gaps.dedup_by(|a, b| a.id == b.id);
    gaps
}

/// [`analyse`], also returning the facts the rules were run on.
///
/// The rules run on the city as recorded. When the profile holds an `unknown` or an undated
/// closure, they run again on its optimistic reading (every unknown taking the value that
/// closes a gap): a gap only the first run finds is assumed. Scores come from the optimistic
/// reading and the recorded gaps, so nothing unknown lowers a score.
pub fn analyse_with_facts(model: &Model, city: &City, network: &Network) -> (Analysis, Facts) {
    analyse_measured(model, city, network, network.metrics())
}

/// [`analyse_with_facts`] without betweenness and closeness (every actor's left at 0; no rule
/// reads them): `compare` adds them with `Network::fill_paths` only for the cities it keeps as
/// possible peers.
pub fn analyse_without_paths(model: &Model, city: &City, network: &Network) -> (Analysis, Facts) {
    analyse_measured(model, city, network, network.metrics_without_paths())
}

fn analyse_measured(
    model: &Model,
    city: &City,
    network: &Network,
    metrics: Metrics,
) -> (Analysis, Facts) {
    let facts = Facts::derive(model, city, network);
    let ctx = Context {
        model,
        city,
        network,
        metrics: &metrics,
        facts: &facts,
        actors: city.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
    };
    let mut gaps = run_rules(&ctx, &|_| true);
    // The rules an unknown of this profile can sway; none, and there is no second reading.
    let swayed = basis::swayed_rules(city);
    let optimistic = (!swayed.is_empty()).then(|| basis::optimistic(model, city));
    let optimistic_facts = optimistic
        .as_ref()
        .map(|c| Facts::derive(model, c, network));
    let pillars = match (&optimistic, &optimistic_facts) {
        (Some(reading), Some(facts)) => {
            let octx = Context {
                model,
                city: reading,
                network,
                metrics: &metrics,
                facts,
                actors: reading.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
            };
            // Only the rules an unknown can sway run again.
            let found: std::collections::BTreeSet<String> =
                run_rules(&octx, &|k| swayed.contains(&k))
                    .into_iter()
                    .map(|g| g.id)
                    .collect();
            basis::mark_assumed(&ctx, &mut gaps, |g| {
                swayed.contains(&g.rule) && !found.contains(&g.id)
            });
            score::score_pillars(&octx, &gaps)
        }
        _ => {
            basis::mark_assumed(&ctx, &mut gaps, |_| false);
            score::score_pillars(&ctx, &gaps)
        }
    };
    let index = score::index(&pillars);
    let not_assessed = basis::not_assessed(&ctx);
    let risks = risks::risks(&ctx, &gaps);
    let to_check = risks::to_check(&ctx);
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
        partnerships: {
            let mut all: Vec<PartnershipRef> =
                city.partnerships.iter().map(PartnershipRef::of).collect();
            all.sort();
            all
        },
        not_assessed,
        risks,
        to_check,
    };
    (analysis, facts)
}

impl Analysis {
    /// The analysis as the JSON value of analysis.json, whose keys are sorted; the text is
    /// `render::output::stamp_json` of it, which adds the engine's `generator` and hash.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("an analysis is plain data")
    }
}
