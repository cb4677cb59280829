//! Domain types: the validated city profile ([`City`]) and the model it is measured against
//! ([`Model`]). No I/O here: `load` builds these values, the later stages read them.

pub mod city;
pub mod date;
pub mod definition;
pub mod funding;
pub mod ids;
pub mod known;

pub use city::City;
pub use date::Date;
pub use definition::{Model, RuleKind, Severity};
