//! Integration tests: one binary, a module per feature, a small harness shared by all.

mod harness;

mod board;
mod browser;
mod cli;
mod compare;
mod coordinate;
mod diagnostics;
mod docx;
mod export;
mod hardening;
mod history;
mod known;
mod network;
mod plan;
mod rules;
mod scale;
mod seeds;
mod setup;
