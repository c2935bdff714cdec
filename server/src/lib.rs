//! draftls: a language server and checker for drafts of intergovernmental
//! resolutions.
//!
//! Layers, from the bottom: `text` (positions), `document` (rope and per-group
//! trees), `syntax` (trees to typed blocks), `model` (sections), `checks`
//! (plain diagnostics and fixes), then the two front ends, `cli` and `lsp`.
//! Only `lsp` knows the protocol.
#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod catalog;
pub mod checks;
pub mod citations;
pub mod cli;
pub mod completion;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod document;
pub mod hover;
pub mod import;
pub mod labels;
pub mod lsp;
pub mod model;
pub mod semantic_tokens;
pub mod symbols;
pub mod syntax;
pub mod text;
