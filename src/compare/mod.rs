//! The learning set: many cities compared. Each city is loaded, analysed and reduced to a small
//! [`CitySummary`] in parallel, so memory grows with the summaries, not with the profiles. Peer
//! learning pairs each city's gap with up to five cities strong where it is weak, and how.
//!
//! A city keeps its scores and gap keys; a city among the best 32 of a pillar so far
//! also keeps its "how" texts (a few kilobytes), dropped again when better cities push it out.
//! Peers are chosen from the summaries and say how from the texts kept; the rare peer from further
//! down a ranking is read again. The outputs are written straight to their files, the pairs
//! walked again for each.

mod how;
mod inputs;
pub mod output;
mod page;
mod workbook;

pub use inputs::collect_files;

use crate::analysis::{Analysis, Gap, analyse_with_facts, analyse_without_paths};
use crate::diag::Diagnostic;
use crate::load;
use crate::model::definition::RuleKind;
use crate::model::{City, Model, Severity};
use crate::network::{Network, PathMode, PathOptions};
use how::HowTexts;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many peers a gap lists at most.
pub const MAX_PEERS: usize = 5;

/// How far down a pillar's ranking a gap looks for peers.
pub const MAX_CANDIDATES: usize = 256;

/// How many of each pillar's best cities keep their "how" texts while the set is read: peers are
/// nearly always among them (on 1,000 and 4,000 generated cities, all but one to three of some
/// forty), and the others are read again.
const KEPT_TEXTS: usize = 32;

/// A peer's pillar must score at least this much to count as strong (a default to be tuned).
pub const STRONG_PILLAR: f64 = 60.0;

/// One city, reduced to what the comparison tables need. Kept small: a thousand cities' summaries
/// are all that `compare` holds at once.
#[derive(Clone, Debug)]
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
    /// Pillar scores, in model order; NaN for a pillar with nothing assessed, so it is never
    /// strong, never weaker than a peer, and written as an empty cell.
    pub pillars: Vec<f64>,
    /// The peer keys of its gaps (see [`peer_key`]), as key numbers, sorted.
    keys: Box<[u32]>,
}

/// A gap, as the comparison tables list it, in twelve bytes: its id and peer key are numbers
/// (see [`Comparison::gap_id`]), for many gaps recur from city to city
/// (`governance-gap.board`, `missing-link.council.recovery_community`).
#[derive(Clone, Debug)]
pub struct GapRow {
    /// The number of its id.
    id: u32,
    /// What a peer must not lack to be strong here (the number of its [`peer_key`]).
    pub key: u32,
    /// The pillar's position in the model.
    pub pillar: u8,
    /// Rule.
    pub rule: RuleKind,
    /// Severity.
    pub severity: Severity,
    /// Assumed rather than recorded: listed, never given peers.
    pub assumed: bool,
}

/// A city that could not be compared, with why.
#[derive(Debug)]
pub struct Failure {
    /// The path.
    pub path: PathBuf,
    /// Its diagnostics (empty when the file could not be read at all).
    pub diagnostics: Vec<Diagnostic>,
    /// What went wrong when it was not the profile's diagnostics: a read error, or a city id
    /// another file of the set has.
    pub error: Option<String>,
    /// Whether the file could not be read (exit 2) rather than being an invalid or duplicate
    /// city (exit 1).
    pub unreadable: bool,
}

/// A peer-learning pair, borrowed from the comparison that found it.
#[derive(Clone, Copy, Debug)]
pub struct Peer<'a> {
    /// The city with the gap.
    pub city: &'a CitySummary,
    /// Its gap.
    pub gap: &'a GapRow,
    /// The gap's id.
    pub gap_id: &'a str,
    /// A city strong there.
    pub peer: &'a CitySummary,
    /// The peer's score in the gap's pillar.
    pub peer_pillar_score: f64,
    /// How: the peer's actors or initiatives that cover it.
    pub how: &'a str,
}

/// Loads one city, analyses it, and offers its "how" texts to `keeper` when it may be a peer.
fn load_and_summarise(
    model: &Model,
    strings: &Strings,
    keeper: &Keeper,
    paths: PathMode,
    path: &Path,
) -> Result<CitySummary, Failure> {
    let fail = |diagnostics, error: Option<String>| Failure {
        path: path.to_owned(),
        diagnostics,
        unreadable: error.is_some(),
        error,
    };
    let loaded = load::load_city(path, model).map_err(|e| fail(Vec::new(), Some(e.to_string())))?;
    let city = loaded.value.ok_or_else(|| fail(loaded.diagnostics, None))?;
    let network = Network::build(&city, model).with_paths(options(paths));
    let (mut analysis, facts) = analyse_without_paths(model, &city, &network);
    let summary = summarise(model, strings, path, &city, &analysis);
    let ranks = Rank::of(&summary);
    if keeper.would_keep(&ranks) {
        // Betweenness orders a peer's "how"; the tables never print it.
        network.fill_paths(&mut analysis.network);
        keeper.offer(
            ranks,
            &summary.path,
            HowTexts::of(model, &city, &analysis, &facts),
        );
    }
    Ok(summary)
}

/// The "how" texts of a city read again; `None` when it no longer loads.
fn read_texts(model: &Model, paths: PathMode, path: &Path) -> Option<HowTexts> {
    let city = load::load_city(path, model).ok()?.value?;
    let network = Network::build(&city, model).with_paths(options(paths));
    let (analysis, facts) = analyse_with_facts(model, &city, &network);
    Some(HowTexts::of(model, &city, &analysis, &facts))
}

/// Path measures computed as `mode` says, with no progress of their own (compare counts cities).
fn options(mode: PathMode) -> PathOptions {
    PathOptions {
        mode,
        progress: None,
    }
}

/// The order of a pillar's ranking: the pillar's score, then the index, highest first, then id
/// and path. `x` and `y` are (score, index, id, path).
fn ranking_order(x: (f64, f64, &str, &str), y: (f64, f64, &str, &str)) -> Ordering {
    y.0.total_cmp(&x.0)
        .then_with(|| y.1.total_cmp(&x.1))
        .then_with(|| x.2.cmp(y.2))
        .then_with(|| x.3.cmp(y.3))
}

/// A city's place in a pillar's ranking (see [`ranking_order`]).
#[derive(Debug)]
struct Rank {
    score: f64,
    index: f64,
    id: String,
    path: String,
}

impl Rank {
    /// The city's place in each pillar where it is strong.
    fn of(city: &CitySummary) -> Vec<(usize, Rank)> {
        city.pillars
            .iter()
            .enumerate()
            .filter(|&(_, &score)| score >= STRONG_PILLAR)
            .map(|(p, &score)| {
                let rank = Rank {
                    score,
                    index: city.index,
                    id: city.id.clone(),
                    path: city.path.clone(),
                };
                (p, rank)
            })
            .collect()
    }

    fn key(&self) -> (f64, f64, &str, &str) {
        (self.score, self.index, &self.id, &self.path)
    }
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        ranking_order(self.key(), other.key())
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Rank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rank {}

/// The "how" texts of the cities among the first `limit` strong cities of some pillar so far.
/// Whatever order the threads offer cities in, what is kept at the end is the same: the texts of
/// the first `limit` cities of each final ranking.
struct Keeper {
    limit: usize,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// Per pillar, the best strong cities so far, at most `limit`.
    top: Vec<BTreeSet<Rank>>,
    /// Texts by path, with the number of rankings the city is in.
    texts: HashMap<String, (HowTexts, usize)>,
}

impl Keeper {
    fn new(limit: usize) -> Self {
        Keeper {
            limit,
            kept: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn enters(&self, top: Option<&BTreeSet<Rank>>, rank: &Rank) -> bool {
        top.is_none_or(|t| t.len() < self.limit || t.last().is_some_and(|last| rank < last))
    }

    /// Whether the city would enter a ranking now (it can only fall out later).
    fn would_keep(&self, ranks: &[(usize, Rank)]) -> bool {
        let kept = self.lock();
        ranks.iter().any(|(p, r)| self.enters(kept.top.get(*p), r))
    }

    /// Puts the city in the rankings it enters, keeping its texts while it is in one.
    fn offer(&self, ranks: Vec<(usize, Rank)>, path: &str, texts: HowTexts) {
        let mut kept = self.lock();
        let Kept { top, texts: all } = &mut *kept;
        let mut holders = 0;
        for (p, rank) in ranks {
            if top.len() <= p {
                top.resize_with(p + 1, BTreeSet::new);
            }
            if !self.enters(Some(&top[p]), &rank) {
                continue;
            }
            top[p].insert(rank);
            holders += 1;
            if top[p].len() > self.limit
                && let Some(out) = top[p].pop_last()
                && let Some(entry) = all.get_mut(&out.path)
            {
                entry.1 -= 1;
                if entry.1 == 0 {
                    all.remove(&out.path);
                }
            }
        }
        if holders > 0 {
            all.insert(path.to_owned(), (texts, holders));
        }
    }

    fn into_texts(self) -> HashMap<String, HowTexts> {
        let kept = self
            .kept
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.texts
            .into_iter()
            .map(|(path, (texts, _))| (path, texts))
            .collect()
    }
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

/// Numbers for strings (peer keys, gap ids), shared by the threads that summarise cities. The
/// numbers depend on the order the threads meet the strings in, so they never reach an output:
/// they are compared with each other, or turned back into their strings.
#[derive(Default)]
struct Interner(Mutex<HashMap<String, u32>>);

impl Interner {
    fn number(&self, text: &str) -> u32 {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&n) = map.get(text) {
            return n;
        }
        let next = u32::try_from(map.len()).unwrap_or(u32::MAX);
        map.insert(text.to_owned(), next);
        next
    }

    fn into_names(self) -> Vec<String> {
        let map = self
            .0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut names = vec![String::new(); map.len()];
        for (name, n) in map {
            names[n as usize] = name;
        }
        names
    }
}

/// The interned strings of a comparison's summaries.
#[derive(Default)]
struct Strings {
    keys: Interner,
    gap_ids: Interner,
}

fn summarise(
    model: &Model,
    strings: &Strings,
    path: &Path,
    city: &City,
    a: &Analysis,
) -> CitySummary {
    let gaps: Vec<GapRow> = a
        .gaps
        .iter()
        .map(|g| GapRow {
            id: strings.gap_ids.number(&g.id),
            rule: g.rule,
            severity: g.severity,
            pillar: model
                .pillars
                .iter()
                .position(|p| p.id == g.pillar)
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(u8::MAX),
            key: strings.keys.number(&peer_key(g)),
            assumed: g.basis == crate::analysis::Basis::Assumed,
        })
        .collect();
    let mut own: Vec<u32> = gaps.iter().map(|g| g.key).collect();
    own.sort_unstable();
    own.dedup();
    CitySummary {
        path: path.display().to_string(),
        id: city.id.clone(),
        name: city.name.clone(),
        country: city.country.clone(),
        index: a.index,
        pillars: model
            .pillars
            .iter()
            .map(|p| {
                a.pillars
                    .get(&p.id)
                    .and_then(|s| s.score)
                    .unwrap_or(f64::NAN)
            })
            .collect(),
        n_actors: a.network.n_actors,
        n_partnerships: a.network.n_partnerships,
        density: a.network.density,
        n_components: a.network.components.len(),
        n_articulation_points: a.network.articulation_points.len(),
        gaps,
        keys: own.into_boxed_slice(),
    }
}

/// The comparison of a learning set. Peer-learning pairs are not stored: they are walked again
/// for each output ([`Comparison::peers`]), from the candidate lists and the peers' "how" texts.
#[derive(Debug)]
pub struct Comparison {
    /// Pillar ids, in model order (the order of every `pillars` list).
    pub pillars: Vec<String>,
    /// The cities, sorted by id (then path).
    pub cities: Vec<CitySummary>,
    /// For each (pillar, peer key) of some gap: the cities strong in the pillar, best first,
    /// among the first [`MAX_CANDIDATES`], that do not have the key among their own gaps.
    candidates: HashMap<(u8, u32), Vec<u32>>,
    /// How a peer covers a key: by (peer, key number).
    hows: HashMap<(u32, u32), String>,
    /// Gap ids, by number.
    gap_ids: Vec<String>,
    /// Number of peer-learning pairs.
    pub n_peers: usize,
}

impl Comparison {
    /// The id of a gap.
    pub fn gap_id(&self, gap: &GapRow) -> &str {
        self.gap_ids.get(gap.id as usize).map_or("", String::as_str)
    }

    /// The peers of city `ci`'s gap `gi`, best first: cities strong in the gap's pillar, stronger
    /// than the city there, without the gap's key among their own gaps.
    fn peers_of_gap(&self, ci: usize, gi: usize) -> impl Iterator<Item = usize> + '_ {
        let city = &self.cities[ci];
        let gap = &city.gaps[gi];
        let p = usize::from(gap.pillar);
        let own = city.pillars.get(p).copied().unwrap_or(f64::INFINITY);
        self.candidates
            .get(&(gap.pillar, gap.key))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&pi| pi as usize)
            .take_while(move |&pi| self.cities[pi].pillars[p] > own)
            .filter(move |&pi| pi != ci)
            .take(if gap.assumed { 0 } else { MAX_PEERS })
    }

    /// Every peer-learning pair, by city, gap, then rank.
    pub fn peers(&self) -> impl Iterator<Item = Peer<'_>> + '_ {
        (0..self.cities.len()).flat_map(move |ci| self.peers_of_city(ci))
    }

    /// The peer-learning pairs of the city at `ci` in [`Comparison::cities`], by gap, then rank.
    pub fn peers_of_city(&self, ci: usize) -> impl Iterator<Item = Peer<'_>> + '_ {
        let city = &self.cities[ci];
        (0..city.gaps.len()).flat_map(move |gi| {
            let gap = &city.gaps[gi];
            self.peers_of_gap(ci, gi).map(move |pi| Peer {
                city,
                gap,
                gap_id: self.gap_id(gap),
                peer: &self.cities[pi],
                peer_pillar_score: self.cities[pi].pillars[usize::from(gap.pillar)],
                how: self
                    .hows
                    .get(&(pi as u32, gap.key))
                    .map_or("", String::as_str),
            })
        })
    }
}

/// Compares the cities in `files`, their betweenness and closeness computed as `paths` says;
/// `progress` is told each city done. Failures are returned beside the comparison of the others.
pub fn compare(
    model: &Model,
    files: &[PathBuf],
    paths: PathMode,
    progress: &(dyn Fn() + Sync),
) -> (Comparison, Vec<Failure>) {
    compare_keeping(model, files, paths, progress, KEPT_TEXTS)
}

/// [`compare`], keeping the texts of the first `kept_texts` cities of each pillar.
fn compare_keeping(
    model: &Model,
    files: &[PathBuf],
    paths: PathMode,
    progress: &(dyn Fn() + Sync),
    kept_texts: usize,
) -> (Comparison, Vec<Failure>) {
    let strings = Strings::default();
    let keeper = Keeper::new(kept_texts);
    let results: Vec<Result<CitySummary, Failure>> = files
        .par_iter()
        .map(|path| {
            let r = load_and_summarise(model, &strings, &keeper, paths, path);
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
    let (cities, twice) = inputs::one_per_id(cities);
    failures.extend(twice);
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let candidates = candidates(&cities, &rank(model, &cities));
    let mut comparison = Comparison {
        pillars: model.pillars.iter().map(|p| p.id.to_string()).collect(),
        cities,
        candidates,
        hows: HashMap::default(),
        gap_ids: strings.gap_ids.into_names(),
        n_peers: 0,
    };
    comparison.hows = hows(
        model,
        paths,
        &comparison,
        &strings.keys.into_names(),
        keeper.into_texts(),
    );
    comparison.n_peers = comparison.peers().count();
    (comparison, failures)
}

/// For each pillar, the strong cities, best first, cut at [`MAX_CANDIDATES`]: peers are sought
/// only among the first few hundred of a pillar, which keeps the search linear in the number of
/// cities.
fn rank(model: &Model, cities: &[CitySummary]) -> Vec<Vec<u32>> {
    (0..model.pillars.len())
        .map(|p| {
            let mut list: Vec<u32> = (0..cities.len())
                .filter(|&i| cities[i].pillars[p] >= STRONG_PILLAR)
                .map(|i| i as u32)
                .collect();
            // Cities are sorted by id and path, and the sort is stable: equal places keep it.
            let key = |i: u32| {
                let c = &cities[i as usize];
                (c.pillars[p], c.index, c.id.as_str(), c.path.as_str())
            };
            list.sort_by(|&a, &b| ranking_order(key(a), key(b)));
            list.truncate(MAX_CANDIDATES);
            list
        })
        .collect()
}

/// The candidate peers of every (pillar, peer key) a gap has: the pillar's ranking without the
/// cities that share the key. There are far fewer such pairs than gaps, so each gap then finds its
/// peers in a few steps, however many outputs walk them.
fn candidates(cities: &[CitySummary], ranked: &[Vec<u32>]) -> HashMap<(u8, u32), Vec<u32>> {
    let mut wanted: Vec<(u8, u32)> = cities
        .iter()
        .flat_map(|c| c.gaps.iter().map(|g| (g.pillar, g.key)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted
        .into_par_iter()
        .map(|(p, key)| {
            let list = ranked
                .get(usize::from(p))
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .copied()
                .filter(|&pi| cities[pi as usize].keys.binary_search(&key).is_err())
                .collect();
            ((p, key), list)
        })
        .collect()
}

/// How each peer covers each key asked of it: from the texts kept while it was loaded, or for a
/// peer that kept none, from the file read again.
fn hows(
    model: &Model,
    paths: PathMode,
    cmp: &Comparison,
    names: &[String],
    mut texts: HashMap<String, HowTexts>,
) -> HashMap<(u32, u32), String> {
    // Per peer, the keys asked of it and the pillar to fall back on (the greatest by id when a
    // key is asked for in several pillars).
    let mut asked: BTreeMap<u32, BTreeMap<u32, u8>> = BTreeMap::new();
    for (ci, city) in cmp.cities.iter().enumerate() {
        for (gi, gap) in city.gaps.iter().enumerate() {
            for pi in cmp.peers_of_gap(ci, gi) {
                let slot = asked
                    .entry(pi as u32)
                    .or_default()
                    .entry(gap.key)
                    .or_insert(gap.pillar);
                if cmp.pillars[usize::from(gap.pillar)] > cmp.pillars[usize::from(*slot)] {
                    *slot = gap.pillar;
                }
            }
        }
    }
    let missing: Vec<&str> = asked
        .keys()
        .map(|&pi| cmp.cities[pi as usize].path.as_str())
        .filter(|path| !texts.contains_key(*path))
        .collect();
    let read: Vec<(String, HowTexts)> = missing
        .into_par_iter()
        .filter_map(|path| Some((path.to_owned(), read_texts(model, paths, Path::new(path))?)))
        .collect();
    texts.extend(read);
    let mut out = HashMap::default();
    for (pi, keys) in asked {
        let Some(peer) = texts.get(&cmp.cities[pi as usize].path) else {
            continue;
        };
        for (key, pillar) in keys {
            let text = peer.text(
                model,
                &names[key as usize],
                &cmp.pillars[usize::from(pillar)],
            );
            if !text.is_empty() {
                out.insert((pi, key), text.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(i: usize, pillars: Vec<f64>) -> CitySummary {
        CitySummary {
            country: "GB".into(),
            density: 0.0,
            gaps: Vec::new(),
            // Ties on score and index, so the id and the path decide some places.
            id: format!("city-{}", i % 7),
            index: (i % 5) as f64,
            n_actors: 0,
            n_articulation_points: 0,
            n_components: 0,
            n_partnerships: 0,
            name: String::new(),
            path: format!("cities/{i:04}.yaml"),
            pillars,
            keys: Box::new([]),
        }
    }

    /// Offers every city in `order` as the first pass does; returns the paths whose texts are
    /// kept.
    fn kept(cities: &[CitySummary], order: &[usize], limit: usize) -> BTreeSet<String> {
        let keeper = Keeper::new(limit);
        for &i in order {
            let ranks = Rank::of(&cities[i]);
            if keeper.would_keep(&ranks) {
                keeper.offer(ranks, &cities[i].path, HowTexts::default());
            }
        }
        keeper.into_texts().into_keys().collect()
    }

    #[test]
    fn the_keeper_keeps_the_texts_of_the_heads_of_the_final_rankings_whatever_the_order() {
        let model = crate::load::builtin_model();
        // 900 cities; scores repeat so that ties are common, and every ranking is cut.
        let mut cities: Vec<CitySummary> = (0..900)
            .map(|i| {
                let pillars = (0..model.pillars.len())
                    .map(|p| ((i * (31 + 6 * p) + p) % 97) as f64)
                    .collect();
                summary(i, pillars)
            })
            .collect();
        // The rankings `rank` builds at the end, over the cities sorted as `compare` sorts them.
        cities.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
        let ranked = rank(model, &cities);
        assert!(ranked.iter().all(|r| r.len() == MAX_CANDIDATES));
        let forward: Vec<usize> = (0..cities.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let shuffled: Vec<usize> = (0..cities.len()).map(|i| i * 7 % 900).collect();
        for limit in [1, KEPT_TEXTS, MAX_CANDIDATES] {
            let first: BTreeSet<String> = ranked
                .iter()
                .flat_map(|r| r.iter().take(limit))
                .map(|&i| cities[i as usize].path.clone())
                .collect();
            for order in [&forward, &backward, &shuffled] {
                assert_eq!(kept(&cities, order, limit), first, "limit {limit}");
            }
        }
    }

    #[test]
    fn a_city_strong_nowhere_keeps_no_texts() {
        let cities = vec![summary(1, vec![59.9, 10.0]), summary(2, vec![60.0, 0.0])];
        let kept = kept(&cities, &[0, 1], KEPT_TEXTS);
        assert_eq!(kept, BTreeSet::from(["cities/0002.yaml".to_owned()]));
    }

    /// Every output of a comparison, rendered.
    fn rendered(cmp: &Comparison) -> Vec<Vec<u8>> {
        let model = crate::load::builtin_model();
        let templates =
            crate::render::comparison::ComparisonTemplates::load(None).expect("the built-ins");
        output::FILES
            .iter()
            .map(|name| {
                let mut out = Vec::new();
                output::render(&mut out, name, model, cmp, &templates).expect("renders to memory");
                out
            })
            .collect()
    }

    #[test]
    fn control_characters_in_names_cannot_forge_a_row_or_a_formula() {
        let model = crate::load::builtin_model();
        let n = model.pillars.len();
        let mut ashby = summary(1, vec![50.0; n]);
        ashby.name = "\r=cmd|' /C calc'!A0\n| forged | done |".into();
        let mut brill = summary(2, vec![f64::NAN; n]);
        brill.name = "\t@SUM(A1)\u{1b}[2J".into();
        let cmp = Comparison {
            pillars: model.pillars.iter().map(|p| p.id.to_string()).collect(),
            cities: vec![ashby, brill],
            candidates: HashMap::default(),
            hows: HashMap::default(),
            gap_ids: Vec::new(),
            n_peers: 0,
        };
        let files = rendered(&cmp);
        let file = |name: &str| {
            let i = output::FILES
                .iter()
                .position(|f| *f == name)
                .expect("a file");
            String::from_utf8(files[i].clone()).expect("UTF-8")
        };
        let mut csv = csv::Reader::from_reader(file("cities.csv").as_bytes().to_vec().as_slice())
            .records()
            .map(|r| r.expect("a record")[1].to_owned())
            .collect::<Vec<_>>();
        csv.sort();
        assert_eq!(
            csv,
            [
                "'\t@SUM(A1)\u{1b}[2J",
                "'\r=cmd|' /C calc'!A0\n| forged | done |"
            ]
        );
        let md = file("comparison.md");
        let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(rows.len(), 4, "a header, a rule and two cities: {md}");
        let cells = |line: &str| line.replace("\\|", "").matches('|').count();
        assert!(rows.iter().all(|r| cells(r) == cells(rows[0])), "{md}");
        assert!(!md.contains('\u{1b}') && !md.contains('\r') && !md.contains('\t'));
    }

    #[test]
    fn peers_read_again_say_how_as_peers_kept_do() {
        let model = crate::load::builtin_model();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cities");
        let files = collect_files(&[dir]).expect("the bundled cities are listed");
        let (kept, _) = compare_keeping(model, &files, PathMode::Auto, &|| {}, KEPT_TEXTS);
        let (read_again, _) = compare_keeping(model, &files, PathMode::Auto, &|| {}, 0);
        assert!(kept.n_peers > 0 && !kept.hows.is_empty());
        assert_eq!(rendered(&kept), rendered(&read_again));
    }
}
