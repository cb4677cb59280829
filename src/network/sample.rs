//! Betweenness and closeness of a large network, estimated from a seeded sample of sources so
//! that they take bounded time, with the error bound stated.
//!
//! The searches of an exact pass cost about `n × (n + 2m)` node and arc visits (`n` actors,
//! `m` partnered pairs). Up to [`WORK_BUDGET`] they all run; past it, `k = WORK_BUDGET / (n + 2m)`
//! sources (at least [`MIN_SOURCES`]) are drawn, without replacement, by a SplitMix64 stream from
//! [`SEED`], and sorted, so the estimate is the same bytes on every run and every thread count.
//!
//! - Betweenness: Brandes and Pich's estimator (Brandes, U. and Pich, C. (2007) "Centrality
//!   estimation in large networks", Int. J. Bifurcation and Chaos 17(7)), the sources'
//!   dependencies scaled by `n / k`, as NetworkX's `betweenness_centrality(k=...)` does.
//!   Normalised, it is `n / (n-1)` times the mean over the sources of `delta_s(v) / (n-2)`,
//!   each in `[0, 1]`; Hoeffding's inequality (Hoeffding, W. (1963) "Probability inequalities for
//!   sums of bounded random variables", JASA 58, Theorem 1, and section 6 for sampling without
//!   replacement) bounds the error for each organisation by `n / (n-1) × eps(k)` with
//!   probability `1 - delta`, where `eps(k) = sqrt(ln(2 / delta) / (2k))`.
//! - Closeness: a sampled source's own is exact (its search is whole). Every other node's reach
//!   `r` is its component's size less one, exact; its mean distance to the others is estimated
//!   by its mean distance to the sources in its component (the graph is undirected, so
//!   `d(v, s) = d(s, v)`): Eppstein and Wang's estimator (Eppstein, D. and Wang, J. (2004) "Fast
//!   approximation of centrality", J. Graph Algorithms and Applications 8(1)). Given the `k_C`
//!   sources in a component `C`, they are a uniform sample of it, distances lie in
//!   `[1, diameter]`, and Hoeffding bounds the mean distance's error by
//!   `(diameter - 1) × eps(k_C)`; the bound reported is the largest component's, with the
//!   diameter bounded by twice the smallest eccentricity of a source in it. A node whose
//!   component holds no source has its closeness computed exactly, from its own search.

use super::paths::{self, Csr, PathProgress};
use rayon::prelude::*;
use serde::Serialize;

/// Node and arc visits above which the path measures are estimated: about 10,000 actors with
/// 5 partners each, a few seconds on 2 cores.
pub const WORK_BUDGET: u64 = 1_000_000_000;

/// The fewest sources an estimate is made from (`eps` about 0.06 at 95% confidence).
pub const MIN_SOURCES: usize = 500;

/// The seed of the sources' sample.
pub const SEED: u64 = 1;

/// The confidence the error bounds hold with, for each organisation.
pub const CONFIDENCE: f64 = 0.95;

/// How to compute betweenness and closeness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathMode {
    /// Exact up to [`WORK_BUDGET`], estimated past it.
    #[default]
    Auto,
    /// Exact, however long it takes.
    Exact,
    /// Estimated from this many sources (exact when it is at least the number of actors).
    Sources(usize),
}

impl PathMode {
    /// The number of sources to sample in a graph of `n` nodes and `arcs` arcs (each edge
    /// twice), or `None` for every node (exact).
    pub(super) fn sources(self, n: usize, arcs: usize) -> Option<usize> {
        let k = match self {
            PathMode::Exact => return None,
            PathMode::Sources(k) => k.max(1),
            PathMode::Auto => {
                let per_source = (n + arcs) as u64;
                if (n as u64).saturating_mul(per_source) <= WORK_BUDGET {
                    return None;
                }
                usize::try_from(WORK_BUDGET / per_source)
                    .unwrap_or(usize::MAX)
                    .max(MIN_SOURCES)
            }
        };
        (k < n).then_some(k)
    }
}

/// How betweenness and closeness were computed, as analysis.json records it (`paths`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathEstimate {
    /// `exact` or `sampled`.
    pub method: PathMethod,
    /// The sources searched from (every actor when exact).
    pub sources: usize,
    /// The seed of the sample (sampled only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The confidence of the error bounds, for each organisation (sampled only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// The error bounds (sampled only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_bound: Option<ErrorBound>,
}

/// Exact or sampled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PathMethod {
    /// From every actor.
    Exact,
    /// From a sample of actors.
    Sampled,
}

/// What a sampled estimate may be off by, with the stated confidence, for each organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorBound {
    /// Normalised betweenness (0 to 1), plus or minus.
    pub betweenness: f64,
    /// The mean distance (in steps) that closeness divides by, plus or minus, for organisations
    /// in the largest component (closeness is the share reached, exact, over the mean distance).
    pub mean_distance: f64,
}

impl PathEstimate {
    /// An exact pass over `n` actors.
    pub(super) fn exact(n: usize) -> PathEstimate {
        PathEstimate {
            method: PathMethod::Exact,
            sources: n,
            seed: None,
            confidence: None,
            error_bound: None,
        }
    }
}

impl PathEstimate {
    /// The sentence that says the measures were estimated, and how well, in a network of
    /// `n_actors` (`None` when they are exact).
    pub fn describe(&self, n_actors: usize) -> Option<String> {
        let bound = self.error_bound.as_ref()?;
        Some(format!(
            "betweenness and closeness estimated from {} of {} organisations (seed {}): betweenness within ±{:.3} and mean distances within ±{:.2} steps, each with {:.0}% confidence",
            crate::words::thousands(self.sources),
            crate::words::thousands(n_actors),
            self.seed.unwrap_or_default(),
            bound.betweenness,
            bound.mean_distance,
            self.confidence.unwrap_or_default() * 100.0,
        ))
    }
}

/// Hoeffding's `eps(k) = sqrt(ln(2 / delta) / (2k))` at [`CONFIDENCE`], for `k` samples of a
/// variable in `[0, 1]`.
fn hoeffding(k: usize) -> f64 {
    let delta = 1.0 - CONFIDENCE;
    ((2.0 / delta).ln() / (2.0 * k as f64)).sqrt()
}

/// Betweenness and closeness of every node, estimated from `k` sources (`0 < k < n`).
pub(super) fn estimate(
    g: &Csr,
    k: usize,
    progress: Option<&dyn PathProgress>,
) -> (Vec<f64>, Vec<f64>, PathEstimate) {
    let n = g.len();
    let sources = sample(n, k, SEED);
    let pass = paths::brandes(g, &sources, true, progress);
    let betweenness = paths::normalise(pass.dependency, n as f64 / k as f64);

    let (component, sizes) = components(g);
    let mut closeness = vec![0.0; n];
    let mut sampled_in = vec![0usize; sizes.len()];
    // The smallest eccentricity of a source in each component (twice it bounds the diameter).
    let mut radius = vec![u32::MAX; sizes.len()];
    for (&s, reach) in sources.iter().zip(&pass.reach) {
        let c = component[s as usize];
        closeness[s as usize] = reach.closeness(n);
        sampled_in[c] += 1;
        radius[c] = radius[c].min(reach.eccentricity);
    }
    let (to_total, to_count) = pass.to_sources.expect("asked for");
    let mut alone = Vec::new();
    let mut is_source = vec![false; n];
    sources.iter().for_each(|&s| is_source[s as usize] = true);
    for v in 0..n {
        if is_source[v] {
            continue;
        }
        let r = sizes[component[v]] - 1;
        if to_count[v] > 0 {
            let mean = to_total[v] as f64 / f64::from(to_count[v]);
            closeness[v] = r as f64 / (mean * (n - 1) as f64);
        } else if r > 0 {
            alone.push(v);
        }
    }
    // Nodes of components that hold no source: each from its own search (small components,
    // or there would be a source among them).
    let exact: Vec<f64> = alone
        .par_iter()
        .map_init(|| Bfs::new(n), |bfs, &v| bfs.run(g, v).closeness(n))
        .collect();
    for (&v, c) in alone.iter().zip(exact) {
        closeness[v] = c;
    }

    let largest = (0..sizes.len()).max_by_key(|&c| (sizes[c], std::cmp::Reverse(c)));
    let mean_distance = largest.map_or(0.0, |c| {
        if sampled_in[c] == 0 {
            return 0.0;
        }
        let diameter = (2 * u64::from(radius[c])).min(sizes[c] as u64 - 1);
        diameter.saturating_sub(1) as f64 * hoeffding(sampled_in[c])
    });
    let estimate = PathEstimate {
        method: PathMethod::Sampled,
        sources: k,
        seed: Some(SEED),
        confidence: Some(CONFIDENCE),
        error_bound: Some(ErrorBound {
            betweenness: n as f64 / (n - 1) as f64 * hoeffding(k),
            mean_distance,
        }),
    };
    (betweenness, closeness, estimate)
}

/// `k` distinct nodes of `0..n`, ascending: a partial Fisher-Yates shuffle driven by SplitMix64
/// (Steele, Lea and Flood (2014) "Fast splittable pseudorandom number generators"), written out
/// here because its output must never change with a dependency's version: it decides figures
/// in analysis.json.
fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = SplitMix64(seed);
    let mut nodes: Vec<u32> = (0..n)
        .map(|v| u32::try_from(v).expect("fewer than 4 billion actors"))
        .collect();
    for i in 0..k {
        let j = i + rng.below((n - i) as u64) as usize;
        nodes.swap(i, j);
    }
    nodes.truncate(k);
    nodes.sort_unstable();
    nodes
}

/// SplitMix64: a 64-bit state stepped by a constant and mixed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..bound` (`bound > 0`), by Lemire's multiply and reject.
    fn below(&mut self, bound: u64) -> u64 {
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next()) * u128::from(bound);
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }
}

/// Each node's component (numbered in order of their smallest node) and each component's size.
fn components(g: &Csr) -> (Vec<usize>, Vec<usize>) {
    let n = g.len();
    let mut component = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for start in 0..n {
        if component[start] != usize::MAX {
            continue;
        }
        let c = sizes.len();
        component[start] = c;
        stack.push(start);
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for &w in g.neighbours(v) {
                if component[w as usize] == usize::MAX {
                    component[w as usize] = c;
                    stack.push(w as usize);
                }
            }
        }
        sizes.push(size);
    }
    (component, sizes)
}

/// A plain breadth-first search, for the closeness of one node.
struct Bfs {
    dist: Vec<u32>,
    queue: Vec<u32>,
}

impl Bfs {
    fn new(n: usize) -> Bfs {
        Bfs {
            dist: vec![u32::MAX; n],
            queue: Vec::new(),
        }
    }

    fn run(&mut self, g: &Csr, s: usize) -> paths::Reach {
        let Bfs { dist, queue } = self;
        queue.clear();
        queue.push(s as u32);
        dist[s] = 0;
        let mut head = 0;
        let mut total = 0u64;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            let next = dist[v] + 1;
            total += u64::from(dist[v]);
            for &w in g.neighbours(v) {
                if dist[w as usize] == u32::MAX {
                    dist[w as usize] = next;
                    queue.push(w);
                }
            }
        }
        let eccentricity = dist[*queue.last().expect("the source") as usize];
        for &w in queue.iter() {
            dist[w as usize] = u32::MAX;
        }
        paths::Reach {
            total,
            found: queue.len(),
            eccentricity,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_its_reference_stream() {
        // The first outputs of SplitMix64 from seed 0 (Vigna's reference implementation).
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn a_sample_is_distinct_sorted_and_fixed_by_its_seed() {
        let s = sample(1000, 100, SEED);
        assert_eq!(s.len(), 100);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
        assert!(s.iter().all(|&v| v < 1000));
        assert_eq!(s, sample(1000, 100, SEED));
        assert_ne!(s, sample(1000, 100, SEED + 1));
        assert_eq!(sample(5, 5, SEED), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn auto_samples_past_the_work_budget_only() {
        // 10,000 actors with 40,000 arcs: 5e8 visits, exact.
        assert_eq!(PathMode::Auto.sources(10_000, 40_000), None);
        // 100,000 actors with 100,000 arcs: 2e10 visits; 5,000 sources fit the budget.
        assert_eq!(PathMode::Auto.sources(100_000, 100_000), Some(5_000));
        // A dense network past the budget still gets the fewest sources an estimate needs.
        assert_eq!(
            PathMode::Auto.sources(100_000, 4_000_000),
            Some(MIN_SOURCES)
        );
        assert_eq!(PathMode::Exact.sources(100_000, 100_000), None);
        assert_eq!(PathMode::Sources(50).sources(100, 300), Some(50));
        assert_eq!(PathMode::Sources(100).sources(100, 300), None);
        assert_eq!(PathMode::Sources(0).sources(100, 300), Some(1));
    }

    #[test]
    fn the_betweenness_bound_is_hoeffdings() {
        // sqrt(ln(40) / 1000) for 500 sources.
        assert!((hoeffding(500) - 0.060_736).abs() < 1e-6);
    }
}
