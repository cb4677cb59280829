//! Integration tests: one binary, a module per feature, a small harness shared by all.

mod harness;

mod board;
mod browser;
mod cli;
mod compare;
mod compare_outputs;
mod conventions;
mod coordinate;
mod diagnostics;
mod docx;
mod escape;
mod export;
mod files;
mod hardening;
mod history;
mod import;
mod known;
mod monitoring;
mod network;
mod plan;
mod ratings;
mod rules;
mod scale;
mod seeds;
mod setup;
mod shell;
