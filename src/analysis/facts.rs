//! Facts derived once per city and read by several rules and the scores: who provides each
//! capability, which derived capabilities hold, and what each required link found.

use crate::model::city::{Commitment, Partnership};
use crate::model::definition::{Derivation, RequiredLink};
use crate::model::ids::{ActorId, CapabilityId};
use crate::model::known;
use crate::model::{City, Model};
use crate::network::Network;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An actor that provides a capability, directly or by leading an initiative.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Provider {
    /// The actor.
    pub actor: ActorId,
    /// Its commitment.
    pub commitment: Commitment,
    /// The initiative through which it provides, when not directly.
    pub initiative: Option<String>,
}

/// What a required link found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// At least one formal partnership (with a warm handover, for referrals).
    Present,
    /// Only informal partnerships, or all rated low on trust.
    Weak,
    /// No partnership of the right kind.
    Missing,
    /// One side's sector has no actor at all: reported as the missing sector.
    SectorAbsent,
    /// One side lies wholly in sectors the profile has not mapped.
    NotAssessed,
}

/// A required link of the model and what the city has of it.
#[derive(Clone, Debug, Serialize)]
pub struct LinkStatus {
    /// The link's sectors, `from` first.
    pub subjects: Vec<String>,
    /// What was found.
    pub state: LinkState,
    /// The partnerships that count for it, as `a -> b` or `a -- b`.
    pub partnerships: Vec<String>,
    /// Mean trust of those partnerships that are rated.
    pub trust_mean: Option<f64>,
    /// Mean value of those partnerships that are rated.
    pub value_mean: Option<f64>,
    /// Index into the model's required links.
    #[serde(skip)]
    pub index: usize,
}

/// Means of the partnership ratings (PARTNER-tool style, 1 to 4).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Ratings {
    /// Partnerships with a trust rating.
    pub n_trust_rated: usize,
    /// Their mean trust.
    pub trust_mean: Option<f64>,
    /// Partnerships with a value rating.
    pub n_value_rated: usize,
    /// Their mean value.
    pub value_mean: Option<f64>,
}

/// Facts about one city under one model.
#[derive(Debug)]
pub struct Facts {
    /// Providers of each declared capability (sorted; absent when none).
    pub providers: BTreeMap<CapabilityId, Vec<Provider>>,
    /// The derived capabilities that hold.
    pub derived: BTreeSet<CapabilityId>,
    /// Each required link, in model order.
    pub links: Vec<LinkStatus>,
    /// Rating means.
    pub ratings: Ratings,
}

impl Facts {
    /// Derives the facts.
    pub fn derive(model: &Model, city: &City, _network: &Network) -> Facts {
        let weak_trust_max = model
            .rule(crate::model::RuleKind::WeakLink)
            .map_or(2.0, |r| r.param("weak_trust_max"));
        let sectors: rustc_hash::FxHashMap<&str, &crate::model::ids::SectorId> = city
            .actors
            .iter()
            .map(|a| (a.id.as_str(), &a.sector))
            .collect();
        Facts {
            providers: providers(city),
            derived: derived(model, city),
            links: model
                .required_links
                .iter()
                .enumerate()
                .map(|(i, l)| link_status(i, l, city, &sectors, weak_trust_max))
                .collect(),
            ratings: ratings(&city.partnerships.iter().collect::<Vec<_>>()),
        }
    }

    /// Whether a capability holds: derived and true, or provided by someone.
    pub fn holds(&self, model: &Model, capability: &CapabilityId) -> bool {
        match model
            .capability(capability.as_str())
            .and_then(|c| c.derived)
        {
            Some(_) => self.derived.contains(capability),
            None => self.providers.contains_key(capability),
        }
    }

    /// The distinct actors providing a capability.
    pub fn provider_actors(&self, capability: &CapabilityId) -> Vec<&ActorId> {
        let mut actors: Vec<&ActorId> = self
            .providers
            .get(capability)
            .map(|ps| ps.iter().map(|p| &p.actor).collect())
            .unwrap_or_default();
        actors.sort();
        actors.dedup();
        actors
    }
}

fn providers(city: &City) -> BTreeMap<CapabilityId, Vec<Provider>> {
    let mut out: BTreeMap<CapabilityId, Vec<Provider>> = BTreeMap::new();
    // Looked up once per initiative lead: a scan of the actors each time is quadratic in a
    // large city.
    let actors: rustc_hash::FxHashMap<&str, &crate::model::city::Actor> =
        city.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    for a in &city.actors {
        for c in &a.provides {
            out.entry(c.clone()).or_default().push(Provider {
                actor: a.id.clone(),
                commitment: a.commitment,
                initiative: None,
            });
        }
    }
    for i in &city.initiatives {
        for c in &i.provides {
            for lead in &i.led_by {
                let Some(a) = actors.get(lead.as_str()) else {
                    continue;
                };
                out.entry(c.clone()).or_default().push(Provider {
                    actor: a.id.clone(),
                    commitment: a.commitment,
                    initiative: Some(i.id.clone()),
                });
            }
        }
    }
    for ps in out.values_mut() {
        ps.sort();
    }
    out
}

/// The `recovery_community` actors led by people with lived experience, not declined.
pub(crate) fn leros(city: &City) -> Vec<&crate::model::city::Actor> {
    city.actors
        .iter()
        .filter(|a| {
            a.sector.as_str() == known::RECOVERY_COMMUNITY
                && a.lived_experience_led
                && a.commitment != Commitment::Declined
        })
        .collect()
}

fn derived(model: &Model, city: &City) -> BTreeSet<CapabilityId> {
    let g = city.governance.as_ref();
    model
        .capabilities
        .iter()
        .filter(|c| {
            let Some(how) = c.derived else { return false };
            match how {
                Derivation::Lero => !leros(city).is_empty(),
                Derivation::LivedExperienceGovernance => {
                    g.is_some_and(|g| !g.board.is_empty() && g.people_in_recovery_seats > 0)
                }
                Derivation::PartnershipBoard => {
                    g.is_some_and(|g| !g.board.is_empty() || g.name.is_some())
                }
                Derivation::MissionStatement => g.is_some_and(|g| g.mission_adopted),
                Derivation::MonitoringEvaluation => g.is_some_and(|g| g.monitoring),
                Derivation::DiverseFunding => {
                    let min = c
                        .params
                        .get("min_sources")
                        .copied()
                        .unwrap_or(f64::INFINITY);
                    recovery_funders(city).len() as f64 >= min
                }
            }
        })
        .map(|c| c.id.clone())
        .collect()
}

/// The distinct funders of the recovery community's actors.
pub(crate) fn recovery_funders(city: &City) -> BTreeSet<&str> {
    city.actors
        .iter()
        .filter(|a| a.sector.as_str() == known::RECOVERY_COMMUNITY)
        .flat_map(|a| a.funding.iter().map(|f| f.source.as_str()))
        .collect()
}

fn link_status(
    index: usize,
    link: &RequiredLink,
    city: &City,
    sectors: &rustc_hash::FxHashMap<&str, &crate::model::ids::SectorId>,
    weak_trust_max: f64,
) -> LinkStatus {
    let sector_of = |id: &ActorId| sectors.get(id.as_str()).copied();
    let has_sector = |s: &crate::model::ids::SectorId| city.actors.iter().any(|a| &a.sector == s);
    let absent = !has_sector(&link.from) || !link.to.iter().any(has_sector);
    let unmapped = !city.maps(&link.from) || !link.to.iter().any(|s| city.maps(s));
    let is_from = |id: &ActorId| sector_of(id) == Some(&link.from);
    let is_to = |id: &ActorId| sector_of(id).is_some_and(|s| link.to.contains(s));
    let counts = |p: &&Partnership| {
        link.kinds.contains(&p.kind)
            && ((is_from(&p.a) && is_to(&p.b))
                || ((!link.directed || !p.directed) && is_from(&p.b) && is_to(&p.a)))
    };
    let found: Vec<&Partnership> = city.partnerships.iter().filter(counts).collect();
    let strong = |p: &&&Partnership| {
        p.formal.is_formal() && (p.kind.as_str() != known::REFERRAL || p.warm_handover)
    };
    let all_low_trust = !found.is_empty()
        && found
            .iter()
            .all(|p| p.trust.is_some_and(|t| f64::from(t) <= weak_trust_max));
    let state = if unmapped {
        LinkState::NotAssessed
    } else if absent {
        LinkState::SectorAbsent
    } else if found.is_empty() {
        LinkState::Missing
    } else if !found.iter().any(|p| strong(&p)) || all_low_trust {
        LinkState::Weak
    } else {
        LinkState::Present
    };
    let r = ratings(&found);
    LinkStatus {
        subjects: link.subjects(),
        state,
        partnerships: found
            .iter()
            .map(|p| format!("{} {} {}", p.a, if p.directed { "->" } else { "--" }, p.b))
            .collect(),
        trust_mean: r.trust_mean,
        value_mean: r.value_mean,
        index,
    }
}

fn ratings(partnerships: &[&Partnership]) -> Ratings {
    let mean = |values: Vec<u8>| {
        (!values.is_empty())
            .then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64)
    };
    let trust: Vec<u8> = partnerships.iter().filter_map(|p| p.trust).collect();
    let value: Vec<u8> = partnerships.iter().filter_map(|p| p.value).collect();
    Ratings {
        n_trust_rated: trust.len(),
        n_value_rated: value.len(),
        trust_mean: mean(trust),
        value_mean: mean(value),
    }
}
