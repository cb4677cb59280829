//! Measures of the partnership network, defined as NetworkX defines them so a researcher can
//! check any figure: degree, betweenness (normalised by `2 / ((n-1)(n-2))`), closeness
//! (Wasserman-Faust for disconnected graphs), density, Freeman degree centralization,
//! components, articulation points, bridges, and the sector-by-sector link matrix.

use super::Network;
use super::sample::PathEstimate;
use crate::model::ids::{ActorId, SectorId};
use rustworkx_core::connectivity::{articulation_points, bridges, connected_components};
use rustworkx_core::petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeMap;

/// The measures of one network.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Number of actors.
    pub n_actors: usize,
    /// Number of partnerships in the profile.
    pub n_partnerships: usize,
    /// Number of distinct partnered pairs (the edges of the simple graph).
    pub n_links: usize,
    /// Edges over possible edges.
    pub density: f64,
    /// Freeman's degree centralization.
    pub degree_centralization: f64,
    /// Connected components, largest first (isolated actors are components of one).
    pub components: Vec<Vec<ActorId>>,
    /// Actors whose loss splits the network, sorted.
    pub articulation_points: Vec<ActorId>,
    /// Partnerships whose loss splits the network, as sorted pairs, sorted.
    pub bridges: Vec<[ActorId; 2]>,
    /// Every partnered pair, as sorted pairs, sorted.
    pub links: Vec<[ActorId; 2]>,
    /// Per-actor measures.
    pub actors: BTreeMap<ActorId, ActorMetrics>,
    /// How many partnered pairs join each pair of sectors (both ways).
    pub sector_links: BTreeMap<SectorId, BTreeMap<SectorId, usize>>,
    /// How betweenness and closeness were computed (`None` when they were not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paths: Option<PathEstimate>,
}

/// The measures of one actor.
#[derive(Clone, Debug, Serialize)]
pub struct ActorMetrics {
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: SectorId,
    /// Number of distinct partners.
    pub degree: usize,
    /// Normalised betweenness centrality.
    pub betweenness: f64,
    /// Closeness centrality (Wasserman-Faust).
    pub closeness: f64,
}

impl Metrics {
    /// The actors that lie on shortest paths between others (betweenness above 0), highest
    /// betweenness first, then by id.
    pub fn brokers(&self) -> Vec<(&ActorId, &ActorMetrics)> {
        let mut brokers: Vec<_> = self
            .actors
            .iter()
            .filter(|(_, m)| m.betweenness > 0.0)
            .collect();
        brokers.sort_by(|x, y| {
            y.1.betweenness
                .total_cmp(&x.1.betweenness)
                .then_with(|| x.0.cmp(y.0))
        });
        brokers
    }
}

impl Network {
    /// Computes every measure. Betweenness and closeness run in parallel over fixed blocks of
    /// sources summed in block order, so the figures are the same to the last bit whatever the
    /// thread count; past a size they are estimated from a seeded sample of sources (see
    /// [`super::PathMode`]).
    pub fn metrics(&self) -> Metrics {
        let mut metrics = self.metrics_without_paths();
        self.fill_paths(&mut metrics);
        metrics
    }

    /// Betweenness and closeness of every actor, and how they were computed, written into
    /// `metrics` (from [`Network::metrics_without_paths`] of this network).
    pub fn fill_paths(&self, metrics: &mut Metrics) {
        let n = self.n_actors();
        let edges: Vec<(usize, usize)> = self
            .graph
            .edge_references()
            .map(|e| (e.source().index(), e.target().index()))
            .collect();
        let g = super::paths::Csr::new(n, &edges);
        let sources = self.paths.mode.sources(n, g.arcs());
        let progress = self.paths.progress.as_deref();
        if let Some(p) = progress {
            let searches = sources.unwrap_or(n) as u64;
            p.start(searches, searches.saturating_mul((n + g.arcs()) as u64));
        }
        let (betweenness, closeness, estimate) = match sources {
            None => {
                let (b, c) = super::paths::exact(&g, progress);
                (b, c, PathEstimate::exact(n))
            }
            Some(k) => super::sample::estimate(&g, k, progress),
        };
        if let Some(p) = progress {
            p.finish();
        }
        metrics.paths = Some(estimate);
        for (i, id) in self.ids.iter().enumerate() {
            if let Some(m) = metrics.actors.get_mut(id) {
                m.betweenness = betweenness[i];
                m.closeness = closeness[i];
            }
        }
    }

    /// Every measure but betweenness and closeness, left at 0: the shortest paths are most of
    /// the work, and `compare` needs them only for the cities it keeps as possible peers (the
    /// rules never read them). [`Network::fill_paths`] adds them.
    pub fn metrics_without_paths(&self) -> Metrics {
        let n = self.n_actors();
        let g = &self.graph;
        let degrees: Vec<usize> = g.node_indices().map(|v| g.neighbors(v).count()).collect();
        let actors = (0..n)
            .map(|i| {
                let m = ActorMetrics {
                    name: self.names[i].clone(),
                    sector: self.sector_of(i).clone(),
                    degree: degrees[i],
                    betweenness: 0.0,
                    closeness: 0.0,
                };
                (self.ids[i].clone(), m)
            })
            .collect();
        let n_links = g.edge_count();
        let pairs = n as f64 * (n as f64 - 1.0) / 2.0;
        Metrics {
            n_actors: n,
            n_partnerships: self.n_partnerships,
            n_links,
            density: if n < 2 { 0.0 } else { n_links as f64 / pairs },
            degree_centralization: freeman_centralization(&degrees),
            components: self.components(),
            articulation_points: self
                .sorted_ids(articulation_points(g, None).into_iter().map(|v| v.index())),
            bridges: self.bridges(),
            links: self.links(),
            actors,
            sector_links: self.sector_links(),
            paths: None,
        }
    }

    fn sorted_ids(&self, nodes: impl Iterator<Item = usize>) -> Vec<ActorId> {
        let mut ids: Vec<ActorId> = nodes.map(|i| self.ids[i].clone()).collect();
        ids.sort();
        ids
    }

    fn components(&self) -> Vec<Vec<ActorId>> {
        let mut components: Vec<Vec<ActorId>> = connected_components(&self.graph)
            .into_iter()
            .map(|c| self.sorted_ids(c.into_iter().map(|v| v.index())))
            .collect();
        components.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
        components
    }

    fn bridges(&self) -> Vec<[ActorId; 2]> {
        let mut out: Vec<[ActorId; 2]> = bridges(&self.graph)
            .into_iter()
            .map(|(a, b)| {
                let mut pair = [self.ids[a.index()].clone(), self.ids[b.index()].clone()];
                pair.sort();
                pair
            })
            .collect();
        out.sort();
        out
    }

    fn links(&self) -> Vec<[ActorId; 2]> {
        let mut out: Vec<[ActorId; 2]> = self
            .graph
            .edge_references()
            .map(|e| {
                let mut pair = [
                    self.ids[e.source().index()].clone(),
                    self.ids[e.target().index()].clone(),
                ];
                pair.sort();
                pair
            })
            .collect();
        out.sort();
        out
    }

    fn sector_links(&self) -> BTreeMap<SectorId, BTreeMap<SectorId, usize>> {
        let mut matrix: BTreeMap<SectorId, BTreeMap<SectorId, usize>> = BTreeMap::new();
        for e in self.graph.edge_references() {
            let a = self.sector_of(e.source().index());
            let b = self.sector_of(e.target().index());
            *matrix
                .entry(a.clone())
                .or_default()
                .entry(b.clone())
                .or_default() += 1;
            if a != b {
                *matrix
                    .entry(b.clone())
                    .or_default()
                    .entry(a.clone())
                    .or_default() += 1;
            }
        }
        matrix
    }
}

/// Freeman's degree centralization: `sum(max - degree) / ((n-1)(n-2))`, 0 below three actors.
fn freeman_centralization(degrees: &[usize]) -> f64 {
    let n = degrees.len();
    if n < 3 {
        return 0.0;
    }
    let max = degrees.iter().copied().max().unwrap_or(0);
    let sum: usize = degrees.iter().map(|d| max - d).sum();
    sum as f64 / ((n - 1) * (n - 2)) as f64
}
