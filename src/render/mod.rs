//! Render stage: what people read. For now the terminal table of `analyse`.

pub mod terminal;
