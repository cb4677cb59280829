//! Shortest-path measures of an unweighted undirected graph in one pass: betweenness (Brandes)
//! and closeness (Wasserman-Faust), normalised as NetworkX normalises them, from every node
//! (exact) or from a set of sources (`sample.rs` estimates from those).
//!
//! Sources are split into fixed blocks, independent of the thread count; each block's
//! contributions are summed in source order, and the blocks' sums are added in block order, so
//! the figures are the same to the last bit whatever the number of threads.

use rayon::prelude::*;

/// Sources per block: enough work per task, few partial sums to keep.
const BLOCK: usize = 128;

/// The fewest blocks run at once before their sums are added (in block order) and dropped: bounds
/// the memory of the partial sums (each is a figure per node) whatever the number of sources.
/// Twice the thread count when that is more; the figures do not depend on it.
const BLOCKS_AT_ONCE: usize = 16;

/// The graph as compressed adjacency lists (CSR).
pub(super) struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Csr {
    /// Builds CSR from undirected edges between `n` nodes (each edge once, no self-loops).
    pub(super) fn new(n: usize, edges: &[(usize, usize)]) -> Csr {
        let mut degree = vec![0usize; n + 1];
        for &(a, b) in edges {
            degree[a] += 1;
            degree[b] += 1;
        }
        let mut offsets = vec![0usize; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; offsets[n]];
        for &(a, b) in edges {
            targets[fill[a]] = u32::try_from(b).expect("fewer than 4 billion actors");
            fill[a] += 1;
            targets[fill[b]] = u32::try_from(a).expect("fewer than 4 billion actors");
            fill[b] += 1;
        }
        Csr { offsets, targets }
    }

    /// Number of nodes.
    pub(super) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of arcs (each edge twice).
    pub(super) fn arcs(&self) -> usize {
        self.targets.len()
    }

    /// The neighbours of node `v`.
    pub(super) fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }
}

/// Told how far the passes have got: a progress bar, in `cmd`.
pub trait PathProgress: Send + Sync {
    /// Called once, before: the number of searches to run and the work they take (nodes and arcs
    /// visited, about `sources × (nodes + arcs)`).
    fn start(&self, searches: u64, work: u64);
    /// `searches` more searches are done.
    fn advance(&self, searches: u64);
    /// All are done.
    fn finish(&self);
}

/// What one search from a source found.
#[derive(Clone, Copy, Debug)]
pub(super) struct Reach {
    /// The sum of the distances to the nodes reached.
    pub(super) total: u64,
    /// The nodes reached, the source included.
    pub(super) found: usize,
    /// The largest distance to a node reached.
    pub(super) eccentricity: u32,
}

impl Reach {
    /// Wasserman-Faust closeness of the source, in a graph of `n` nodes (NetworkX's
    /// `wf_improved`): `(r / total) * (r / (n - 1))`, `r` the other nodes reached.
    pub(super) fn closeness(self, n: usize) -> f64 {
        if self.total > 0 && n > 1 {
            let r = (self.found - 1) as f64;
            (r / self.total as f64) * (r / (n - 1) as f64)
        } else {
            0.0
        }
    }
}

/// The sums of the searches from a set of sources.
pub(super) struct Pass {
    /// Each node's dependency, summed over the sources (Brandes' `delta`, unnormalised).
    pub(super) dependency: Vec<f64>,
    /// What each source's search found, in the order of the sources.
    pub(super) reach: Vec<Reach>,
    /// When asked for: each node's sum of distances from the sources that reach it (itself left
    /// out), and how many do.
    pub(super) to_sources: Option<(Vec<u64>, Vec<u32>)>,
}

/// One block's sums, added to the pass's in block order.
struct BlockSums {
    dependency: Vec<f64>,
    reach: Vec<Reach>,
    to_sources: Option<(Vec<u64>, Vec<u32>)>,
}

/// Runs Brandes' searches from `sources` (ascending node numbers), in fixed blocks of `BLOCK`,
/// a group of blocks in parallel at a time, adding the blocks' sums in block order.
pub(super) fn brandes(
    g: &Csr,
    sources: &[u32],
    distances: bool,
    progress: Option<&dyn PathProgress>,
) -> Pass {
    let n = g.len();
    let blocks: Vec<&[u32]> = sources.chunks(BLOCK).collect();
    let mut pass = Pass {
        dependency: vec![0.0; n],
        reach: Vec::with_capacity(sources.len()),
        to_sources: distances.then(|| (vec![0; n], vec![0; n])),
    };
    let at_once = BLOCKS_AT_ONCE.max(2 * rayon::current_num_threads());
    for group in blocks.chunks(at_once) {
        let sums: Vec<BlockSums> = group
            .par_iter()
            .map_init(
                || Scratch::new(g),
                |scratch, block| {
                    let mut sums = BlockSums {
                        dependency: vec![0.0; n],
                        reach: Vec::with_capacity(block.len()),
                        to_sources: distances.then(|| (vec![0; n], vec![0; n])),
                    };
                    for &s in *block {
                        let reach = scratch.run(g, s as usize, &mut sums.dependency, |w, d| {
                            if let Some((total, count)) = &mut sums.to_sources {
                                total[w] += u64::from(d);
                                count[w] += 1;
                            }
                        });
                        sums.reach.push(reach);
                    }
                    if let Some(p) = progress {
                        p.advance(block.len() as u64);
                    }
                    sums
                },
            )
            .collect();
        for block in sums {
            for (total, x) in pass.dependency.iter_mut().zip(block.dependency) {
                *total += x;
            }
            pass.reach.extend(block.reach);
            // Integer sums: their order does not matter.
            if let (Some((total, count)), Some((t, c))) = (&mut pass.to_sources, block.to_sources) {
                total.iter_mut().zip(t).for_each(|(a, b)| *a += b);
                count.iter_mut().zip(c).for_each(|(a, b)| *a += b);
            }
        }
    }
    pass
}

/// Betweenness (normalised by `2 / ((n-1)(n-2))` after halving the double count of an
/// undirected graph, as NetworkX) and closeness (Wasserman-Faust) of every node, from every node.
pub(super) fn exact(g: &Csr, progress: Option<&dyn PathProgress>) -> (Vec<f64>, Vec<f64>) {
    let n = g.len();
    let sources: Vec<u32> = (0..n)
        .map(|v| u32::try_from(v).expect("fewer than 4 billion actors"))
        .collect();
    let pass = brandes(g, &sources, false, progress);
    let betweenness = normalise(pass.dependency, 1.0);
    let closeness = pass.reach.iter().map(|r| r.closeness(n)).collect();
    (betweenness, closeness)
}

/// Dependencies summed from both ends of each pair, normalised as NetworkX normalises the
/// betweenness of an undirected graph (`1 / ((n-1)(n-2))`), times `scale` (`n / k` when `k` of
/// the `n` nodes were the sources); 0 below three nodes.
pub(super) fn normalise(mut dependency: Vec<f64>, scale: f64) -> Vec<f64> {
    let n = dependency.len();
    if n > 2 {
        let factor = scale * (1.0 / ((n - 1) as f64 * (n - 2) as f64));
        dependency.iter_mut().for_each(|b| *b *= factor);
    } else {
        dependency.iter_mut().for_each(|b| *b = 0.0);
    }
    dependency
}

/// Per-thread buffers for one breadth-first search.
struct Scratch {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    /// `(1 + delta[w]) / sigma[w]` of each finished node: what it passes to its predecessors.
    coefficient: Vec<f64>,
    order: Vec<u32>,
    /// The shortest-path DAG's arcs, grouped by tail in BFS order: the successors of
    /// `order[i]` are `successors[first[i]..first[i + 1]]`.
    successors: Vec<u32>,
    first: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Scratch {
    fn new(g: &Csr) -> Scratch {
        let n = g.len();
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coefficient: vec![0.0; n],
            order: vec![0; n],
            successors: vec![0; g.targets.len()],
            first: vec![0; n + 1],
        }
    }

    /// Accumulates the betweenness contributions of source `s` into `acc` and tells `seen` each
    /// other node reached with its distance; returns what the search found.
    ///
    /// The forward search records the DAG's arcs, so the backward pass walks only those, with
    /// no distance tests: `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`.
    /// The buffers are sized for the whole graph up front (a node is found once, an arc is
    /// recorded at most once), so the loops index them with plain counters.
    fn run(
        &mut self,
        g: &Csr,
        s: usize,
        acc: &mut [f64],
        mut seen: impl FnMut(usize, u32),
    ) -> Reach {
        let Scratch {
            dist,
            sigma,
            coefficient,
            order,
            successors,
            first,
        } = self;
        let (offsets, targets) = (&g.offsets[..], &g.targets[..]);
        dist[s] = 0;
        sigma[s] = 1.0;
        order[0] = s as u32;
        // Nodes found (`order[..found]`), nodes expanded, arcs recorded, sum of distances.
        let mut found = 1;
        let mut head = 0;
        let mut arcs = 0;
        let mut total = 0u64;
        while head < found {
            let v = order[head] as usize;
            first[head] = arcs as u32;
            head += 1;
            let dv = dist[v];
            total += u64::from(dv);
            let next = dv + 1;
            let sigma_v = sigma[v];
            for &w in &targets[offsets[v]..offsets[v + 1]] {
                let wi = w as usize;
                let dw = dist[wi];
                if dw == UNSEEN {
                    dist[wi] = next;
                    sigma[wi] = sigma_v;
                    order[found] = w;
                    found += 1;
                } else if dw == next {
                    sigma[wi] += sigma_v;
                } else {
                    continue;
                }
                successors[arcs] = w;
                arcs += 1;
            }
        }
        first[found] = arcs as u32;
        let eccentricity = dist[order[found - 1] as usize];
        // Backward, leaving out the source itself (order[0]): it is no intermediate.
        for i in (1..found).rev() {
            let v = order[i] as usize;
            let mut sum = 0.0;
            for &w in &successors[first[i] as usize..first[i + 1] as usize] {
                sum += coefficient[w as usize];
            }
            let delta = sigma[v] * sum;
            coefficient[v] = (1.0 + delta) / sigma[v];
            acc[v] += delta;
        }
        for &w in &order[1..found] {
            seen(w as usize, dist[w as usize]);
        }
        for &w in &order[..found] {
            dist[w as usize] = UNSEEN;
        }
        Reach {
            total,
            found,
            eccentricity,
        }
    }
}
