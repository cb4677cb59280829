//! What a diff compares: a [`Snapshot`] of one version of a city, taken from a profile and its
//! analysis (actors of every status, partnerships by kind and direction, partnered pairs,
//! tracked statuses) or read back from an earlier plan's analysis.json with typed structs (the
//! network's active actors, partnerships as analysis.json records them, partnered pairs, no
//! tracked statuses). Both sides key partnerships from the analysis's list, the same way; what
//! one side does not record (partnerships in an older file, tracked statuses) is not compared.

use crate::analysis::{ANALYSIS_FORMAT, Analysis, Basis, PartnershipRef};
use crate::model::City;
use crate::model::city::{ActionStatus, ActorStatus, Partnership};
use crate::model::definition::Severity;
use serde::{Deserialize, Serialize};
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
    /// Partnerships, as `a -> b (kind)` or `a -- b (kind)`; `None` when read from an
    /// analysis.json written before it recorded partnerships (compare `pairs` then).
    pub partnerships: Option<BTreeSet<String>>,
    /// Partnered pairs, as `a -- b` (ids in order), whatever the kind or direction.
    pub pairs: BTreeSet<String>,
    /// Gaps by id.
    pub gaps: BTreeMap<String, GapBrief>,
    /// Tracked action statuses; `None` when read from analysis.json, which does not record them.
    pub tracked: Option<BTreeMap<String, String>>,
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
            partnerships: Some(analysis.partnerships.iter().map(key).collect()),
            pairs: analysis
                .network
                .links
                .iter()
                .map(|[a, b]| pair(a.as_str(), b.as_str()))
                .collect(),
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
            tracked: Some(
                city.actions
                    .iter()
                    .map(|a| (a.id.clone(), status(a.status)))
                    .collect(),
            ),
        }
    }

    /// The snapshot stored in an analysis.json (no tracked statuses; partnerships only when
    /// the file lists them, as analysis.json does since it records their kind and direction).
    /// Fields a snapshot does not read are ignored; text that is not JSON, another format or
    /// version, or a file without what a snapshot reads is an error.
    pub fn from_analysis_json(text: &str) -> Result<Snapshot, ReadError> {
        let header: Header = serde_json::from_str(text)?;
        if header.format != ANALYSIS_FORMAT {
            return Err(ReadError::Format(header.format));
        }
        let file: AnalysisFile = serde_json::from_str(text)?;
        let actors = file.network.actors.into_iter().map(|(id, a)| {
            let listed = Listed {
                name: a.name.unwrap_or_else(|| id.clone()),
                sector: a.sector,
                status: ActorStatus::Active,
            };
            (id, listed)
        });
        let gaps = file.gaps.into_iter().map(|g| {
            let brief = GapBrief {
                id: g.id,
                severity: g.severity.as_str().to_owned(),
                pillar: g.pillar,
                message: g.message,
                subjects: g.subjects,
                evidence: g.evidence,
                basis: g.basis,
            };
            (brief.id.clone(), brief)
        });
        Ok(Snapshot {
            as_of: file.city.as_of,
            index: file.index,
            components: file.network.components.len(),
            pillars: file
                .pillars
                .into_iter()
                .filter_map(|(k, p)| Some((k, p.score?)))
                .collect(),
            actors: actors.collect(),
            partnerships: file.partnerships.map(|all| all.iter().map(key).collect()),
            pairs: file.network.links.iter().map(|[a, b]| pair(a, b)).collect(),
            gaps: gaps.collect(),
            tracked: None,
        })
    }
}

/// Why an analysis.json gives no snapshot.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, or not the shape of an analysis.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Another format (another kind of file, or another version).
    #[error("its format is `{0}`, not `{ANALYSIS_FORMAT}`")]
    Format(String),
}

/// The format id an analysis.json starts from.
#[derive(Deserialize)]
struct Header {
    format: String,
}

/// What a snapshot reads of an analysis.json; other fields are ignored.
#[derive(Deserialize)]
struct AnalysisFile {
    city: CityPart,
    index: f64,
    pillars: BTreeMap<String, PillarPart>,
    gaps: Vec<GapPart>,
    network: NetworkPart,
    /// Absent from files written before analysis.json recorded partnerships.
    partnerships: Option<Vec<PartnershipRef>>,
}

#[derive(Deserialize)]
struct CityPart {
    as_of: String,
}

#[derive(Deserialize)]
struct PillarPart {
    /// `null` when nothing in the pillar was assessed.
    score: Option<f64>,
}

#[derive(Deserialize)]
struct GapPart {
    id: String,
    severity: Severity,
    pillar: String,
    message: String,
    #[serde(default)]
    subjects: Vec<String>,
    #[serde(default)]
    evidence: Vec<String>,
    /// Recorded when absent (files of the first edition).
    #[serde(default)]
    basis: Basis,
}

#[derive(Deserialize)]
struct NetworkPart {
    #[serde(default)]
    components: Vec<Vec<String>>,
    actors: BTreeMap<String, ActorPart>,
    #[serde(default)]
    links: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct ActorPart {
    name: Option<String>,
    sector: String,
}

/// The key of a partnership as analysis.json records it: `a -> b (kind)` or `a -- b (kind)`.
fn key(p: &PartnershipRef) -> String {
    let arrow = if p.directed { "->" } else { "--" };
    format!("{} {arrow} {} ({})", p.a, p.b, p.kind)
}

/// The key of a partnered pair, its ids in order: `a -- b`.
pub(super) fn pair(a: &str, b: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    format!("{a} -- {b}")
}

/// The key of a partnership as diffs print it: `a -> b (kind)` or `a -- b (kind)`.
pub fn partnership_key(p: &Partnership) -> String {
    key(&PartnershipRef::of(p))
}
