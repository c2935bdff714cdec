//! `draftls fix`: the safe preferred fixes, applied again until none is
//! left, each changed label reported.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_CLEAN, EXIT_TROUBLE, read_draft};
use crate::analysis::Analysis;
use crate::config::Context;
use crate::diagnostics::apply_edits;
use crate::document::Document;

/// A label `fix` changed: 1-based line, old and new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub old: String,
    pub new: String,
}

/// Rounds of fixing before `fix` gives up: a list with several breaks needs
/// one round per break its first renumbering did not cover.
const FIX_ROUNDS: usize = 16;

/// The text with every safe fix applied, again until none is left, and the
/// labels that changed.
pub fn fixed_text(text: &str) -> (String, Vec<Change>) {
    let mut current = text.to_string();
    let mut changes: Vec<Change> = Vec::new();
    for _ in 0..FIX_ROUNDS {
        let doc = Document::new(&current);
        let edits = Analysis::new(&doc, &Context::default()).fix_all();
        if edits.is_empty() {
            break;
        }
        for edit in &edits {
            let line = doc.rope().byte_to_line(edit.range.start) + 1;
            let old = current[edit.range.clone()].to_string();
            match changes.iter_mut().find(|c| c.line == line && c.new == old) {
                Some(change) => change.new = edit.new_text.clone(),
                None => changes.push(Change { line, old, new: edit.new_text.clone() }),
            }
        }
        current = apply_edits(&current, &edits);
    }
    changes.retain(|c| c.old != c.new);
    changes.sort_by_key(|c| c.line);
    (current, changes)
}

/// What `draftls fix` does with the fixed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Print the one file's fixed text.
    Print,
    /// Print a unified diff per file.
    Diff,
    /// Rewrite the files in place.
    Write,
}

/// `draftls fix`: each changed label and a summary per file go to stderr
/// (unless `quiet`).
pub fn fix(paths: &[PathBuf], mode: FixMode, quiet: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if mode == FixMode::Print && paths.len() != 1 {
        let _ = writeln!(err, "draftls fix: give one file to print its fixed text, or --diff or --write for several");
        return EXIT_TROUBLE;
    }
    let mut status = EXIT_CLEAN;
    for path in paths {
        let text = match read_draft(path) {
            Ok(text) => text,
            Err(message) => {
                let _ = writeln!(err, "draftls: {message}");
                status = EXIT_TROUBLE;
                continue;
            }
        };
        let (fixed, changes) = fixed_text(&text);
        if !quiet {
            for change in &changes {
                let _ = writeln!(err, "{}:{}: `{}` -> `{}`", path.display(), change.line, change.old, change.new);
            }
        }
        let summary = match changes.len() {
            0 => "nothing to fix".to_string(),
            1 => "1 label changed".to_string(),
            n => format!("{n} labels changed"),
        };
        let written = match mode {
            FixMode::Print => out.write_all(fixed.as_bytes()),
            FixMode::Diff if fixed != text => {
                let name = path.display().to_string();
                let diff = similar::TextDiff::from_lines(&text, &fixed);
                write!(out, "{}", diff.unified_diff().context_radius(2).header(&name, &name))
            }
            FixMode::Diff => Ok(()),
            FixMode::Write if fixed != text => match std::fs::write(path, &fixed) {
                Ok(()) => Ok(()),
                Err(e) => {
                    let _ = writeln!(err, "draftls: {}: cannot write: {e}", path.display());
                    status = EXIT_TROUBLE;
                    continue;
                }
            },
            FixMode::Write => Ok(()),
        };
        if let Err(e) = written {
            let _ = writeln!(err, "draftls: cannot write: {e}");
            return EXIT_TROUBLE;
        }
        if !quiet {
            let fixed_note = if mode == FixMode::Write && fixed != text { "fixed, " } else { "" };
            let _ = writeln!(err, "{}: {fixed_note}{summary}", path.display());
        }
    }
    status
}
