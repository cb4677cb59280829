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

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
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
    fn new(n: usize) -> Scratch {
        Scratch {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coefficient: vec![0.0; n],
            order: Vec::with_capacity(n),
            successors: Vec::new(),
            first: Vec::with_capacity(n + 1),
        }
    }

    /// Accumulates the betweenness contributions of source `s` into `acc`; returns the sum of
    /// distances and the number of nodes reached (itself included).
    ///
    /// The forward search records the DAG's arcs, so the backward pass walks only those, with
    /// no distance tests: `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`.
    fn run(&mut self, g: &Csr, s: usize, acc: &mut [f64]) -> (u64, usize) {
        self.order.clear();
        self.successors.clear();
        self.first.clear();
        self.dist[s] = 0;
        self.sigma[s] = 1.0;
        self.order.push(s as u32);
        let mut head = 0;
        let mut total = 0u64;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            self.first.push(self.successors.len() as u32);
            let dv = self.dist[v];
            total += u64::from(dv);
            let sigma_v = self.sigma[v];
            for &w in g.neighbours(v) {
                let wi = w as usize;
                let dw = self.dist[wi];
                if dw == UNSEEN {
                    self.dist[wi] = dv + 1;
                    self.order.push(w);
                    self.sigma[wi] = sigma_v;
                    self.successors.push(w);
                } else if dw == dv + 1 {
                    self.sigma[wi] += sigma_v;
                    self.successors.push(w);
                }
            }
        }
        self.first.push(self.successors.len() as u32);
        for i in (0..self.order.len()).rev() {
            let v = self.order[i] as usize;
            let arcs = &self.successors[self.first[i] as usize..self.first[i + 1] as usize];
            let sum: f64 = arcs.iter().map(|&w| self.coefficient[w as usize]).sum();
            let delta = self.sigma[v] * sum;
            self.coefficient[v] = (1.0 + delta) / self.sigma[v];
            if v != s {
                acc[v] += delta;
            }
        }
        let reached = self.order.len();
        for &w in &self.order {
            let w = w as usize;
            self.dist[w] = UNSEEN;
        }
        (total, reached)
    }
}

/// Betweenness (normalised by `2 / ((n-1)(n-2))` after halving the double count of an
/// undirected graph, as NetworkX) and closeness (Wasserman-Faust) of every node.
pub(super) fn betweenness_and_closeness(g: &Csr) -> (Vec<f64>, Vec<f64>) {
    let n = g.len();
    let blocks: Vec<(Vec<f64>, Vec<f64>)> = (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .map_init(
            || Scratch::new(n),
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
