//! What a diff compares: a [`Snapshot`] of one version of a city, taken from a profile and its
//! analysis (actors of every status, partnerships by kind, tracked statuses) or read back from an
//! earlier plan's analysis.json (the network's active actors, partnered pairs, no tracked
//! statuses).

use crate::analysis::{Analysis, Basis};
use crate::model::City;
use crate::model::city::{ActionStatus, ActorStatus, Partnership};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a diff needs of one version of a city.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The date the profile describes.
    pub as_of: String,
    /// The index.
    pub index: f64,
    /// Number of components of the network.
    pub components: usize,
    /// Pillar scores, of the pillars that have one (something in them was assessed).
    pub pillars: BTreeMap<String, f64>,
    /// Actors, active, planned and closed, by id.
    pub actors: BTreeMap<String, Listed>,
    /// Partnerships, as `a -> b (kind)` or `a -- b (kind)`; partnered pairs `a -- b` when read
    /// from analysis.json.
    pub partnerships: BTreeSet<String>,
    /// Gaps by id.
    pub gaps: BTreeMap<String, GapBrief>,
    /// Tracked action statuses, when the profile is at hand.
    pub tracked: BTreeMap<String, String>,
}

/// What a snapshot keeps of an actor.
#[derive(Clone, Debug)]
pub struct Listed {
    /// Name.
    pub name: String,
    /// Sector.
    pub sector: String,
    /// Active, planned or closed.
    pub status: ActorStatus,
}

/// What a diff keeps of a gap.
#[derive(Clone, Debug, Serialize)]
pub struct GapBrief {
    /// Gap id.
    pub id: String,
    /// Severity.
    pub severity: String,
    /// Pillar.
    pub pillar: String,
    /// Message.
    pub message: String,
    /// Subjects.
    pub subjects: Vec<String>,
    /// Evidence.
    pub evidence: Vec<String>,
    /// Recorded, or assumed from an unknown.
    pub basis: Basis,
}

impl Snapshot {
    /// The snapshot of a profile and its analysis.
    pub fn of(city: &City, analysis: &Analysis) -> Snapshot {
        let status = |s: ActionStatus| {
            ActionStatus::ALL
                .iter()
                .find(|(x, _)| *x == s)
                .map_or("", |(_, w)| w)
                .to_owned()
        };
        Snapshot {
            as_of: city.as_of.to_string(),
            index: analysis.index,
            components: analysis.network.components.len(),
            pillars: analysis
                .pillars
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.score?)))
                .collect(),
            actors: city
                .actors
                .iter()
                .chain(&city.inactive_actors)
                .map(|a| {
                    let listed = Listed {
                        name: a.name.clone(),
                        sector: a.sector.to_string(),
                        status: a.status,
                    };
                    (a.id.to_string(), listed)
                })
                .collect(),
            partnerships: city.partnerships.iter().map(partnership_key).collect(),
            gaps: analysis
                .gaps
                .iter()
                .map(|g| {
                    let brief = GapBrief {
                        id: g.id.clone(),
                        severity: g.severity.as_str().to_owned(),
                        pillar: g.pillar.to_string(),
                        message: g.message.clone(),
                        subjects: g.subjects.clone(),
                        evidence: g.evidence.clone(),
                        basis: g.basis,
                    };
                    (g.id.clone(), brief)
                })
                .collect(),
            tracked: city
                .actions
                .iter()
                .map(|a| (a.id.clone(), status(a.status)))
                .collect(),
        }
    }

    /// The snapshot stored in an analysis.json (partnerships as partnered pairs, no tracked
    /// statuses); `None` when the text is not an analysis of this engine.
    pub fn from_analysis_json(text: &str) -> Option<Snapshot> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        if v["format"].as_str() != Some(crate::analysis::ANALYSIS_FORMAT) {
            return None;
        }
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let text_of = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        Some(Snapshot {
            as_of: text_of(&v["city"]["as_of"]),
            index: v["index"].as_f64()?,
            components: v["network"]["components"].as_array().map_or(0, Vec::len),
            pillars: v["pillars"]
                .as_object()?
                .iter()
                .filter_map(|(k, p)| Some((k.clone(), p["score"].as_f64()?)))
                .collect(),
            actors: v["network"]["actors"]
                .as_object()?
                .iter()
                .map(|(id, a)| {
                    let listed = Listed {
                        name: text_of(&a["name"]),
                        sector: text_of(&a["sector"]),
                        status: ActorStatus::Active,
                    };
                    (id.clone(), listed)
                })
                .collect(),
            partnerships: v["network"]["links"]
                .as_array()
                .map(|links| links.iter().map(|l| strings(l).join(" -- ")).collect())
                .unwrap_or_default(),
            gaps: v["gaps"]
                .as_array()?
                .iter()
                .map(|g| {
                    let brief = GapBrief {
                        id: text_of(&g["id"]),
                        severity: text_of(&g["severity"]),
                        pillar: text_of(&g["pillar"]),
                        message: text_of(&g["message"]),
                        subjects: strings(&g["subjects"]),
                        evidence: strings(&g["evidence"]),
                        basis: match g["basis"].as_str() {
                            Some("assumed") => Basis::Assumed,
                            _ => Basis::Recorded,
                        },
                    };
                    (brief.id.clone(), brief)
                })
                .collect(),
            tracked: BTreeMap::new(),
        })
    }
}

/// The key of a partnership as diffs print it: `a -> b (kind)` or `a -- b (kind)`.
pub fn partnership_key(p: &Partnership) -> String {
    let (a, b) = if p.directed || p.a <= p.b {
        (&p.a, &p.b)
    } else {
        (&p.b, &p.a)
    };
    format!(
        "{a} {} {b} ({})",
        if p.directed { "->" } else { "--" },
        p.kind
    )
}
