//! Tree-sitter grammar for drafts of intergovernmental resolutions (ITU
//! Plenipotentiary, WTDC and WTSA resolutions, UN-style resolutions).
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_resolution::LANGUAGE.into())
//!     .expect("Error loading Resolution parser");
//! let tree = parser.parse("recalling\n\na) Resolution 130 (Rev. Busan, 2014);\n", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```
//!
//! The format is described in `FORMAT.md` beside this crate's `grammar.js`.

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_resolution() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for this grammar.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_resolution) };

/// The content of the [`node-types.json`] file for this grammar.
///
/// [`node-types.json`]: https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The syntax highlighting query for this grammar.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The folding query for this grammar.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads_the_grammar() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("Error loading Resolution parser");
    }
}
