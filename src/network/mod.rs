//! Network stage: the partnership network of a city (petgraph), and its measures.
//!
//! Actors are nodes; a pair of actors joined by one or more partnerships, of whatever kind or
//! direction, is one undirected edge for the measures (as `outputs.md` defines them). Pathway
//! partnerships (the model's `pathway` link kinds) are kept again, with their direction, for
//! reachability from entry points. Petgraph types never leave this module: callers see actor ids.

mod metrics;
mod paths;
mod sample;

pub use metrics::{ActorMetrics, Metrics};
pub use paths::PathProgress;
pub use sample::{
    CONFIDENCE, ErrorBound, MIN_SOURCES, PathEstimate, PathMethod, PathMode, SEED, WORK_BUDGET,
};

use crate::model::ids::{ActorId, SectorId};
use crate::model::{City, Model};
use rustc_hash::FxHashMap as HashMap;
use rustworkx_core::petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeSet, VecDeque};
use std::sync::Arc;

/// The partnership network of one city.
#[derive(Debug)]
pub struct Network {
    ids: Vec<ActorId>,
    names: Vec<String>,
    sectors: Vec<SectorId>,
    index: HashMap<ActorId, usize>,
    graph: UnGraph<(), ()>,
    pathways: Vec<Vec<usize>>,
    n_partnerships: usize,
    paths: PathOptions,
}

/// How betweenness and closeness are computed, and what is told how far they have got.
#[derive(Clone, Default)]
pub struct PathOptions {
    /// Exact, estimated, or as the network's size decides.
    pub mode: PathMode,
    /// Told of the searches' progress (a progress bar on a terminal).
    pub progress: Option<Arc<dyn PathProgress>>,
}

impl std::fmt::Debug for PathOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathOptions")
            .field("mode", &self.mode)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl Network {
    /// Builds the network of `city`; actors keep the file's order as node order.
    pub fn build(city: &City, model: &Model) -> Network {
        let ids: Vec<ActorId> = city.actors.iter().map(|a| a.id.clone()).collect();
        let sectors = city.actors.iter().map(|a| a.sector.clone()).collect();
        let names = city.actors.iter().map(|a| a.name.clone()).collect();
        let index: HashMap<ActorId, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let mut graph = UnGraph::with_capacity(ids.len(), city.partnerships.len());
        for _ in &ids {
            graph.add_node(());
        }
        let mut pairs = BTreeSet::new();
        let mut pathways = vec![Vec::new(); ids.len()];
        for p in &city.partnerships {
            let (Some(&a), Some(&b)) = (index.get(&p.a), index.get(&p.b)) else {
                continue;
            };
            if pairs.insert((a.min(b), a.max(b))) {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
            if model.link_kind(p.kind.as_str()).is_some_and(|k| k.pathway) {
                pathways[a].push(b);
                if !p.directed {
                    pathways[b].push(a);
                }
            }
        }
        for next in &mut pathways {
            next.sort_unstable();
            next.dedup();
        }
        Network {
            ids,
            names,
            sectors,
            index,
            graph,
            pathways,
            n_partnerships: city.partnerships.len(),
            paths: PathOptions::default(),
        }
    }

    /// The network, its betweenness and closeness to be computed as `paths` says (by default,
    /// exact up to [`WORK_BUDGET`] and estimated past it).
    pub fn with_paths(mut self, paths: PathOptions) -> Network {
        self.paths = paths;
        self
    }

    /// Number of actors.
    pub fn n_actors(&self) -> usize {
        self.ids.len()
    }

    /// The number of partners of an actor (distinct actors it has a partnership with).
    pub fn degree(&self, actor: &ActorId) -> usize {
        self.index
            .get(actor)
            .map_or(0, |&i| self.graph.neighbors(NodeIndex::new(i)).count())
    }

    /// The distinct partners of an actor, sorted by id.
    pub fn partners(&self, actor: &ActorId) -> Vec<ActorId> {
        let Some(&i) = self.index.get(actor) else {
            return Vec::new();
        };
        let mut out: Vec<ActorId> = self
            .graph
            .neighbors(NodeIndex::new(i))
            .map(|n| self.ids[n.index()].clone())
            .collect();
        out.sort();
        out
    }

    /// Actors reachable from `start` along pathway partnerships within `hops` steps, with the
    /// number of steps (0 for `start` itself), in the file's order.
    ///
    /// The work is that of the actors reached, not of the whole network: a rule asks this of
    /// every entry point, and a large city has thousands.
    pub fn reachable_within(&self, start: &ActorId, hops: usize) -> Vec<(ActorId, usize)> {
        let Some(&s) = self.index.get(start) else {
            return Vec::new();
        };
        let mut depth: HashMap<usize, usize> = HashMap::default();
        depth.insert(s, 0);
        let mut queue = VecDeque::from([(s, 0)]);
        while let Some((u, d)) = queue.pop_front() {
            if d == hops {
                continue;
            }
            for &v in &self.pathways[u] {
                if let std::collections::hash_map::Entry::Vacant(e) = depth.entry(v) {
                    e.insert(d + 1);
                    queue.push_back((v, d + 1));
                }
            }
        }
        let mut reached: Vec<(usize, usize)> = depth.into_iter().collect();
        reached.sort_unstable();
        reached
            .into_iter()
            .map(|(i, d)| (self.ids[i].clone(), d))
            .collect()
    }

    /// The sector of an actor of the network.
    fn sector_of(&self, node: usize) -> &SectorId {
        &self.sectors[node]
    }
}
