//! inclusive-cities: turns a city's map of recovery partnerships into an Inclusive City analysis.
//!
//! The pipeline, one module a stage:
//! - [`load`]: YAML profile or model to validated values, every problem a [`diag::Diagnostic`];
//! - [`network`]: the partnership network (petgraph) and its measures;
//! - [`analysis`]: the model's rules to gaps, pillar scores and the city's index;
//! - [`plan`]: gaps to the actions a partnership board can adopt;
//! - [`render`]: what people read (the terminal table, the plan's documents) and safe writing.
//!
//! Beside the pipeline: [`compare`] (the learning set), [`scenario`] (diff, whatif, recommend),
//! [`export`] (graph formats and workbooks) and [`import`] (spreadsheets to a profile; survey
//! ratings and monitoring workbooks into one, as in-place edits of its text). [`model`] holds the
//! domain types; [`cli`] and [`cmd`] are the command line.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod diag;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod network;
pub mod plan;
pub mod render;
pub mod scenario;
pub(crate) mod words;

pub use analysis::{Analysis, Gap, analyse};
pub use model::{City, Model};
pub use network::Network;
