//! Fixes are fixed points, on every draft the tests have: applying a
//! diagnostic's preferred fix removes it and adds none anywhere, and
//! `draftls fix` is idempotent, changes only labels and leaves nothing it
//! would fix.

mod common;

use std::collections::HashMap;

use draftls::analysis::Analysis;
use draftls::cli::fixed_text;
use draftls::config::Context;
use draftls::diagnostics::{Diagnostic, apply_edits};
use draftls::document::Document;

fn analyse(text: &str, as_of: &Option<String>) -> (Document, Vec<Diagnostic>) {
    let doc = Document::new(text);
    let mut context = Context::default();
    context.settings.as_of = as_of.clone();
    let diagnostics = Analysis::new(&doc, &context).diagnostics;
    (doc, diagnostics)
}

/// How many diagnostics of each (1-based line, code).
fn census(doc: &Document, diagnostics: &[Diagnostic]) -> HashMap<(usize, &'static str), usize> {
    let mut out = HashMap::new();
    for d in diagnostics {
        *out.entry((doc.rope().byte_to_line(d.range.start) + 1, d.code)).or_insert(0) += 1;
    }
    out
}

#[test]
fn every_preferred_fix_removes_its_diagnostic_and_adds_none() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, text, as_of) in common::all_drafts() {
        let (doc, before) = analyse(&text, &as_of);
        let before_census = census(&doc, &before);
        for d in &before {
            let Some(fix) = d.fixes.iter().find(|f| f.preferred) else { continue };
            checked += 1;
            assert!(
                fix.edits.iter().all(|e| !e.new_text.contains('\n') && !text[e.range.clone()].contains('\n')),
                "{name}: `{}` adds or removes lines",
                fix.title
            );
            let fixed = apply_edits(&text, &fix.edits);
            let (fixed_doc, after) = analyse(&fixed, &as_of);
            let after_census = census(&fixed_doc, &after);
            let key = (doc.rope().byte_to_line(d.range.start) + 1, d.code);
            let line = key.0;
            if after_census.get(&key).copied().unwrap_or(0) >= before_census[&key] {
                failures.push(format!("{name}:{line}: `{}` leaves [{}] {}", fix.title, d.code, d.message));
            }
            for (k, n) in &after_census {
                if *n > before_census.get(k).copied().unwrap_or(0) {
                    let new: Vec<_> = after
                        .iter()
                        .filter(|a| (fixed_doc.rope().byte_to_line(a.range.start) + 1, a.code) == *k)
                        .map(|a| &a.message)
                        .collect();
                    failures
                        .push(format!("{name}:{line}: `{}` for [{}] adds at line {}: {new:?}", fix.title, d.code, k.0));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} preferred fixes are no fixed points:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 20, "only {checked} preferred fixes were tried");
}

#[test]
fn draftls_fix_is_idempotent_changes_only_labels_and_leaves_nothing_to_fix() {
    let mut changed_files = 0;
    for (name, text, _) in common::all_drafts() {
        let (fixed, changes) = fixed_text(&text);
        let (again, more) = fixed_text(&fixed);
        assert_eq!(again, fixed, "{name}: a second fix changed the text");
        assert!(more.is_empty(), "{name}: a second fix reports {more:?}");
        let (doc, after) = analyse(&fixed, &None);
        let (original_doc, before) = analyse(&text, &None);
        // Nothing `fix` would fix is left, and nothing new was found.
        let left: Vec<_> = after.iter().filter(|d| d.fixes.iter().any(|f| f.preferred && f.safe)).collect();
        assert!(left.is_empty(), "{name}: fix left {:?}", left.iter().map(|d| &d.message).collect::<Vec<_>>());
        let (before, after) = (census(&original_doc, &before), census(&doc, &after));
        for (k, n) in &after {
            assert!(*n <= before.get(k).copied().unwrap_or(0), "{name}: fix added {k:?}");
        }
        // Only the reported labels changed, each on its line.
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (text.split('\n').collect(), fixed.split('\n').collect());
        assert_eq!(old_lines.len(), new_lines.len(), "{name}");
        for (i, (old, new)) in old_lines.iter().zip(&new_lines).enumerate() {
            if old == new {
                continue;
            }
            let change =
                changes.iter().find(|c| c.line == i + 1).unwrap_or_else(|| panic!("{name}:{}: unreported", i + 1));
            assert_eq!(
                old.replacen(&change.old, &change.new, 1),
                *new,
                "{name}:{}: more than the label changed",
                i + 1
            );
        }
        assert_eq!(changes.len(), old_lines.iter().zip(&new_lines).filter(|(a, b)| a != b).count(), "{name}");
        changed_files += usize::from(!changes.is_empty());
    }
    assert!(changed_files >= 2, "fix changed only {changed_files} drafts");
}
