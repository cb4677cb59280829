//! The learning set: many cities compared. Each city is loaded, analysed and reduced to a small
//! [`CitySummary`] in parallel, so memory grows with the summaries, not with the profiles. Peer
//! learning pairs each city's gap with up to five cities strong where it is weak, and how.
//!
//! Two passes: the first keeps only scores and gap keys; peers are chosen from those; the second
//! re-reads just the cities chosen as peers to say how they cover each gap.

mod how;
pub mod output;

use crate::analysis::{Analysis, Gap, analyse};
use crate::diag::Diagnostic;
use crate::load;
use crate::model::definition::RuleKind;
use crate::model::{City, Model, Severity};
use crate::network::Network;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How many peers a gap lists at most.
pub const MAX_PEERS: usize = 5;

/// How far down a pillar's ranking a gap looks for peers.
pub const MAX_CANDIDATES: usize = 256;

/// A peer's pillar must score at least this much to count as strong (a default to be tuned).
pub const STRONG_PILLAR: f64 = 60.0;

/// One city, reduced to what the comparison tables need.
#[derive(Clone, Debug, Serialize)]
pub struct CitySummary {
    /// Country code.
    pub country: String,
    /// Density.
    pub density: f64,
    /// Gaps.
    pub gaps: Vec<GapRow>,
    /// City id.
    pub id: String,
    /// Index.
    pub index: f64,
    /// Number of actors.
    pub n_actors: usize,
    /// Number of articulation points.
    pub n_articulation_points: usize,
    /// Number of components.
    pub n_components: usize,
    /// Number of partnerships.
    pub n_partnerships: usize,
    /// Name.
    pub name: String,
    /// Where it was read from.
    pub path: String,
    /// Pillar scores, in model order.
    pub pillars: Vec<f64>,
}

/// A gap, as the comparison tables list it.
#[derive(Clone, Debug, Serialize)]
pub struct GapRow {
    /// Gap id.
    pub id: String,
    /// What a peer must not lack to be strong here: the gap without the city's own names.
    #[serde(skip)]
    pub key: String,
    /// Pillar.
    pub pillar: String,
    /// Rule.
    pub rule: RuleKind,
    /// Severity.
    pub severity: Severity,
}

/// A city that could not be compared, with why.
#[derive(Debug)]
pub struct Failure {
    /// The path.
    pub path: PathBuf,
    /// Its diagnostics (empty when the file could not be read at all).
    pub diagnostics: Vec<Diagnostic>,
    /// A read error, when there was one.
    pub error: Option<String>,
}

/// A peer-learning pair.
#[derive(Clone, Debug, Serialize)]
pub struct Peer {
    /// The city with the gap.
    pub city: String,
    /// Its gap.
    pub gap_id: String,
    /// How: the peer's actors or initiatives that cover it.
    pub how: String,
    /// A city strong there.
    pub peer_city: String,
    /// The peer's score in the gap's pillar.
    pub peer_pillar_score: f64,
}

/// The files to compare: files as given, folders searched (recursively) for `*.yaml`/`*.yml`.
pub fn collect_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Loads and analyses one city.
fn load_and_analyse(model: &Model, path: &Path) -> Result<(City, Analysis), Failure> {
    let fail = |diagnostics, error| Failure {
        path: path.to_owned(),
        diagnostics,
        error,
    };
    let loaded = load::load_city(path, model).map_err(|e| fail(Vec::new(), Some(e.to_string())))?;
    let city = loaded.value.ok_or_else(|| fail(loaded.diagnostics, None))?;
    let analysis = analyse(model, &city, &Network::build(&city, model));
    Ok((city, analysis))
}

/// The peer key of a gap: its rule and the subjects any city can share (sectors, capabilities,
/// links, cases), with the city's own actors and districts replaced by the pillar.
pub fn peer_key(gap: &Gap) -> String {
    let rule = gap.rule.as_str();
    match gap.rule {
        RuleKind::MissingLink | RuleKind::WeakLink => format!("link:{}", gap.subjects.join(".")),
        RuleKind::SinglePointOfFailure if gap.subjects.len() == 2 => {
            format!("depth:{}", gap.subjects[1])
        }
        RuleKind::SinglePointOfFailure | RuleKind::IsolatedActor | RuleKind::FragmentedNetwork => {
            "structure".into()
        }
        RuleKind::FundingRisk | RuleKind::DistrictGap => format!("{rule}:{}", gap.pillar),
        RuleKind::DigitalGap | RuleKind::VisibilityGap => rule.into(),
        _ => format!("{rule}:{}", gap.subjects.join(".")),
    }
}

fn summarise(model: &Model, path: &Path, city: &City, a: &Analysis) -> CitySummary {
    CitySummary {
        path: path.display().to_string(),
        id: city.id.clone(),
        name: city.name.clone(),
        country: city.country.clone(),
        index: a.index,
        pillars: model
            .pillars
            .iter()
            .map(|p| a.pillars.get(&p.id).map_or(0.0, |s| s.score))
            .collect(),
        n_actors: a.network.n_actors,
        n_partnerships: a.network.n_partnerships,
        density: a.network.density,
        n_components: a.network.components.len(),
        n_articulation_points: a.network.articulation_points.len(),
        gaps: a
            .gaps
            .iter()
            .map(|g| GapRow {
                id: g.id.clone(),
                rule: g.rule,
                severity: g.severity,
                pillar: g.pillar.to_string(),
                key: peer_key(g),
            })
            .collect(),
    }
}

/// The comparison of a learning set.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Pillar ids, in model order (the order of every `pillars` list).
    pub pillars: Vec<String>,
    /// The cities, sorted by id (then path).
    pub cities: Vec<CitySummary>,
    /// Peer-learning pairs, by city, gap, then rank.
    pub peers: Vec<Peer>,
}

/// Compares the cities in `files`; `progress` is told each city done. Failures are returned
/// beside the comparison of the others.
pub fn compare(
    model: &Model,
    files: &[PathBuf],
    progress: &(dyn Fn() + Sync),
) -> (Comparison, Vec<Failure>) {
    let results: Vec<Result<CitySummary, Failure>> = files
        .par_iter()
        .map(|path| {
            let r =
                load_and_analyse(model, path).map(|(city, a)| summarise(model, path, &city, &a));
            progress();
            r
        })
        .collect();
    let mut cities = Vec::new();
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(s) => cities.push(s),
            Err(f) => failures.push(f),
        }
    }
    cities.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    let peers = peers(model, &cities);
    (
        Comparison {
            pillars: model.pillars.iter().map(|p| p.id.to_string()).collect(),
            cities,
            peers,
        },
        failures,
    )
}

/// Chooses peers from the summaries, then asks the chosen peers how they do it.
fn peers(model: &Model, cities: &[CitySummary]) -> Vec<Peer> {
    let pillar_index = |p: &str| model.pillars.iter().position(|x| x.id.as_str() == p);
    let keys: Vec<BTreeSet<&str>> = cities
        .iter()
        .map(|c| c.gaps.iter().map(|g| g.key.as_str()).collect())
        .collect();
    // For each pillar, the strong cities, best first: a gap walks its pillar's list from the top.
    let ranked: Vec<Vec<usize>> = (0..model.pillars.len())
        .map(|p| {
            let mut list: Vec<usize> = (0..cities.len())
                .filter(|&i| cities[i].pillars[p] >= STRONG_PILLAR)
                .collect();
            list.sort_by(|&a, &b| {
                cities[b].pillars[p]
                    .total_cmp(&cities[a].pillars[p])
                    .then_with(|| cities[b].index.total_cmp(&cities[a].index))
                    .then_with(|| cities[a].id.cmp(&cities[b].id))
                    .then_with(|| a.cmp(&b))
            });
            list
        })
        .collect();
    let mut chosen: Vec<(usize, usize, usize, f64)> = Vec::new(); // (city, gap, peer, peer score)
    for (ci, city) in cities.iter().enumerate() {
        for (gi, gap) in city.gaps.iter().enumerate() {
            let Some(p) = pillar_index(&gap.pillar) else {
                continue;
            };
            let own = city.pillars[p];
            // A peer is among the strongest of the pillar: looking past the first few hundred
            // keeps the search linear in the number of cities.
            let found = ranked[p]
                .iter()
                .take(MAX_CANDIDATES)
                .take_while(|&&pi| cities[pi].pillars[p] > own)
                .filter(|&&pi| pi != ci && !keys[pi].contains(gap.key.as_str()))
                .take(MAX_PEERS);
            chosen.extend(found.map(|&pi| (ci, gi, pi, cities[pi].pillars[p])));
        }
    }
    // Second pass: only the cities chosen as peers are read again, for the keys asked of them.
    let mut asked: BTreeMap<usize, BTreeSet<(String, String)>> = BTreeMap::new();
    for &(ci, gi, pi, _) in &chosen {
        let gap = &cities[ci].gaps[gi];
        asked
            .entry(pi)
            .or_default()
            .insert((gap.key.clone(), gap.pillar.clone()));
    }
    let hows: BTreeMap<(usize, String), String> = asked
        .into_par_iter()
        .flat_map_iter(|(pi, keys)| {
            let found = load_and_analyse(model, Path::new(&cities[pi].path)).ok();
            keys.into_iter()
                .map(|(key, pillar)| {
                    let text = found.as_ref().map_or_else(String::new, |(city, a)| {
                        how::describe(model, city, a, &key, &pillar)
                    });
                    ((pi, key), text)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    chosen
        .into_iter()
        .map(|(ci, gi, pi, score)| {
            let gap = &cities[ci].gaps[gi];
            Peer {
                city: cities[ci].id.clone(),
                gap_id: gap.id.clone(),
                peer_city: cities[pi].id.clone(),
                peer_pillar_score: score,
                how: hows
                    .get(&(pi, gap.key.clone()))
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect()
}
