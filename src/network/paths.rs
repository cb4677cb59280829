//! Shortest-path measures of an unweighted undirected graph in one pass: betweenness (Brandes)
//! and closeness (Wasserman-Faust), normalised as NetworkX normalises them.
//!
//! Sources are split into fixed blocks, independent of the thread count; each block's
//! contributions are summed in source order, and the blocks' sums are added in block order, so
//! the figures are the same to the last bit whatever the number of threads.

use rayon::prelude::*;

/// Sources per block: enough work per task, few partial sums to keep.
const BLOCK: usize = 128;

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

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }
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

    /// Accumulates the betweenness contributions of source `s` into `acc`; returns the sum of
    /// distances and the number of nodes reached (itself included).
    ///
    /// The forward search records the DAG's arcs, so the backward pass walks only those, with
    /// no distance tests: `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`.
    /// The buffers are sized for the whole graph up front (a node is found once, an arc is
    /// recorded at most once), so the loops index them with plain counters.
    fn run(&mut self, g: &Csr, s: usize, acc: &mut [f64]) -> (u64, usize) {
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
        for &w in &order[..found] {
            dist[w as usize] = UNSEEN;
        }
        (total, found)
    }
}

/// Betweenness (normalised by `2 / ((n-1)(n-2))` after halving the double count of an
/// undirected graph, as NetworkX) and closeness (Wasserman-Faust) of every node.
pub(super) fn betweenness_and_closeness(g: &Csr) -> (Vec<f64>, Vec<f64>) {
    let n = g.len();
    let blocks: Vec<(Vec<f64>, Vec<f64>)> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map_init(
            || Scratch::new(g),
            |scratch, b| {
                let mut acc = vec![0.0; n];
                let mut closeness = Vec::with_capacity(BLOCK);
                for s in b * BLOCK..((b + 1) * BLOCK).min(n) {
                    let (total, reached) = scratch.run(g, s, &mut acc);
                    closeness.push(if total > 0 && n > 1 {
                        let r = (reached - 1) as f64;
                        (r / total as f64) * (r / (n - 1) as f64)
                    } else {
                        0.0
                    });
                }
                (acc, closeness)
            },
        )
        .collect();
    let mut betweenness = vec![0.0; n];
    let mut closeness = Vec::with_capacity(n);
    for (acc, c) in blocks {
        for (total, x) in betweenness.iter_mut().zip(acc) {
            *total += x;
        }
        closeness.extend(c);
    }
    if n > 2 {
        // Each pair is counted from both ends: halve, then normalise by (n-1)(n-2)/2.
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        betweenness.iter_mut().for_each(|b| *b *= scale);
    } else {
        betweenness.iter_mut().for_each(|b| *b = 0.0);
    }
    (betweenness, closeness)
}
