//! Integration tests: one binary, a module per feature, a small harness shared by all.

mod harness;

mod cli;
mod compare;
mod coordinate;
mod diagnostics;
mod network;
mod plan;
mod rules;
