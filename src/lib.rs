//! inclusive-cities: turns a city's map of recovery partnerships into an Inclusive City analysis.
//!
//! The pipeline, one module a stage:
//! - [`load`]: YAML profile or model to validated values, every problem a [`diag::Diagnostic`];
//! - [`network`]: the partnership network (petgraph) and its measures;
//! - [`analysis`]: the model's rules to gaps, pillar scores and the city's index;
//! - [`render`]: what people read (the terminal table).
//!
//! [`model`] holds the domain types; [`cli`] and [`cmd`] are the command line.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod diag;
pub mod diff;
pub mod export;
pub mod load;
pub mod model;
pub mod network;
pub mod plan;
pub mod recommend;
pub mod render;
pub mod whatif;

pub use analysis::{Analysis, Gap, analyse};
pub use model::{City, Model};
pub use network::Network;
