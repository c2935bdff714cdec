//! The command line: `check`, `fix` and `catalog`, for people and CI
//! pipelines. Output goes to the writers given, so tests can read it.
//!
//! - `check`: findings in three formats (`render` draws the human one);
//! - `fix`: safe fixes, again until none is left;
//! - `catalog`: show, search and import.

mod catalog;
mod check;
mod fix;
mod render;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ropey::Rope;

use crate::catalog::Catalog;
use crate::checks::references::AsOf;
use crate::config::{self, Context};
use crate::diagnostics::Diagnostic;
use crate::text::{Encoding, LineCol, position_of};

/// A draft checked: what `check` reports and `render` draws.
struct Checked {
    path: PathBuf,
    rope: Rope,
    diagnostics: Vec<Diagnostic>,
    as_of: Option<AsOf>,
}

pub use catalog::{catalog_import, catalog_search, catalog_show};
pub use check::{CODES, Options, check, rule_description};
pub use fix::{Change, FixMode, fix, fixed_text};
pub use render::Color;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// Exit status of a command.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_TROUBLE: i32 = 2;

/// A file's text, or why it could not be read.
pub(crate) fn read_draft(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!("{}: not UTF-8 text (invalid byte at offset {})", path.display(), e.utf8_error().valid_up_to())
    })
}

/// 1-based line and column (in characters).
pub(crate) fn human_position(rope: &Rope, offset: usize) -> LineCol {
    let p = position_of(rope, offset, Encoding::Chars);
    LineCol { line: p.line + 1, col: p.col + 1 }
}

/// The context for a draft: the nearest `draftls.toml` (reported and
/// skipped when broken), then `--as-of`.
pub struct Contexts {
    pub(crate) as_of: Option<String>,
    pub(crate) by_file: HashMap<PathBuf, Result<Context, String>>,
}

impl Contexts {
    /// Refuses an `as_of` that is neither a catalog conference nor a date.
    pub fn new(as_of: Option<String>) -> Result<Contexts, String> {
        if let Some(as_of) = &as_of {
            crate::checks::references::parse_as_of(&Catalog::builtin(), as_of)?;
        }
        Ok(Contexts { as_of, by_file: HashMap::new() })
    }

    /// The context for `draft`, and the message of a broken `draftls.toml`.
    pub fn for_draft(&mut self, draft: &Path) -> (Context, Option<String>) {
        let dir = draft.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let found = config::find(dir);
        let loaded = match &found {
            Some(path) => self
                .by_file
                .entry(path.clone())
                .or_insert_with(|| {
                    let text =
                        std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                    config::load(&text, path.parent()).map_err(|e| {
                        let at = e.range.map(|r| {
                            let p = human_position(&Rope::from_str(&text), r.start);
                            format!(":{}:{}", p.line, p.col)
                        });
                        format!(
                            "{}{}: {} (using the built-in catalog)",
                            path.display(),
                            at.unwrap_or_default(),
                            e.message
                        )
                    })
                })
                .clone(),
            None => Ok(Context::default()),
        };
        let (mut context, problem) = match loaded {
            Ok(context) => (context, None),
            Err(message) => (Context::default(), Some(message)),
        };
        if self.as_of.is_some() {
            context.settings.as_of = self.as_of.clone();
        }
        (context, problem)
    }
}
