//! `draftls catalog show | search | import`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Contexts, EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE};
use crate::catalog::{Catalog, body_name};

fn describe(catalog: &Catalog, doc: &crate::catalog::Document) -> String {
    let mut out = format!("{} {} {}: {}\n", doc.body, doc.kind, doc.number, doc.title_or_note());
    out.push_str(&format!("  body: {}\n", body_name(&doc.body)));
    out.push_str("  history:\n");
    for c in doc.history.iter().filter_map(|id| catalog.conference(id)) {
        out.push_str(&format!("    {} {} — {}\n", c.id, doc.history_entry(c), doc.evidence_at(&c.id)));
        for fact in doc.facts_at(&c.id).into_iter().filter(|f| f.evidence != crate::catalog::Evidence::Curated) {
            let detail = fact.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            out.push_str(&format!("      {}: {}{detail}\n", fact.evidence.short(), fact.source));
        }
    }
    if !doc.history_complete {
        out.push_str("    … (earlier or later revisions may be missing)\n");
    }
    for fact in doc.unverified() {
        out.push_str(&format!(
            "  unverified: {} {} — {} ({})\n",
            fact.conference,
            match fact.event {
                crate::catalog::Event::Adopted => "adopted",
                crate::catalog::Event::Revised => "revised",
                crate::catalog::Event::Known => "known",
                crate::catalog::Event::Abrogated => "abrogated",
            },
            fact.evidence.describe(),
            fact.source
        ));
    }
    if let Some(next) = &doc.superseded_by {
        out.push_str(&format!("  superseded by: {} {next}\n", doc.kind));
    }
    if let Some(abrogated) = &doc.abrogated {
        out.push_str(&format!("  abrogated: {abrogated}\n"));
    }
    let sources = doc.own_sources();
    if !sources.is_empty() {
        out.push_str(&format!("  sources: {}\n", sources.join(" ")));
    }
    out
}

/// The catalog the current folder's `draftls.toml` makes (user catalogs
/// included), or the built-in one (a broken file is reported).
fn current_catalog(err: &mut dyn Write) -> std::sync::Arc<Catalog> {
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (context, problem) = Contexts { as_of: None, by_file: HashMap::new() }.for_draft(&dir.join("draft"));
    if let Some(problem) = problem {
        let _ = writeln!(err, "draftls: {problem}");
    }
    context.catalog
}

/// `draftls catalog show "Resolution 69 WTDC"`: the entries with that kind,
/// number and (if given) body. Exit 1 when none.
pub fn catalog_show(query: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let catalog = current_catalog(err);
    let words: Vec<&str> = query.split_whitespace().collect();
    let number = words.iter().find(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let kind = words.iter().find_map(|w| {
        let w = w.trim_end_matches('s').to_lowercase();
        ["resolution", "decision", "opinion", "question", "recommendation"].into_iter().find(|k| *k == w)
    });
    let body = words.iter().find(|w| catalog.documents.iter().any(|d| d.body.eq_ignore_ascii_case(w)));
    let Some(number) = number else {
        let _ = writeln!(err, "draftls catalog show: give a number, e.g. \"Resolution 69 WTDC\"");
        return EXIT_TROUBLE;
    };
    let found: Vec<_> = catalog
        .documents
        .iter()
        .filter(|d| d.number == *number)
        .filter(|d| kind.is_none_or(|k| d.kind.eq_ignore_ascii_case(k)))
        .filter(|d| body.is_none_or(|b| d.body.eq_ignore_ascii_case(b)))
        .collect();
    if found.is_empty() {
        let _ = writeln!(err, "draftls catalog show: no entry matches `{query}`");
        return EXIT_FINDINGS;
    }
    for doc in found {
        if out.write_all(describe(&catalog, doc).as_bytes()).is_err() {
            return EXIT_TROUBLE;
        }
    }
    EXIT_CLEAN
}

/// `draftls catalog search WORDS`: entries whose title, body, number or
/// keywords (`server/data/keywords.json`) match every word. Exit 1 when none.
pub fn catalog_search(query: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let catalog = current_catalog(err);
    let (documents, conferences) = catalog.search(query);
    for doc in &documents {
        if writeln!(out, "{} {} {}: {}", doc.body, doc.kind, doc.number, doc.title_or_note()).is_err() {
            return EXIT_TROUBLE;
        }
    }
    for conference in &conferences {
        let place = conference.place.as_deref().unwrap_or("?");
        if writeln!(out, "{}: {} ({place}, {})", conference.id, conference.name, conference.year).is_err() {
            return EXIT_TROUBLE;
        }
    }
    if documents.is_empty() && conferences.is_empty() {
        let _ = writeln!(err, "draftls catalog search: nothing matches `{query}`");
        return EXIT_FINDINGS;
    }
    EXIT_CLEAN
}

/// `draftls catalog import [--output FILE] PATH...`: a user catalog from
/// official texts. Problems go to stderr as `path:line: message`; exit 0
/// when something was imported, 2 when nothing could be.
pub fn catalog_import(paths: &[PathBuf], output: &Path, err: &mut dyn Write) -> i32 {
    let base = current_catalog(err);
    let import = crate::import::import(paths, &base);
    for problem in &import.problems {
        let _ = writeln!(err, "{problem}");
    }
    if import.texts == 0 {
        let _ = writeln!(err, "draftls catalog import: nothing could be imported; {} not written", output.display());
        return EXIT_TROUBLE;
    }
    let facts: usize = import.catalog.documents.iter().map(|d| d.facts.len()).sum();
    let documents = import.catalog.documents.len();
    if let Err(e) = std::fs::write(output, crate::catalog::build::to_json(&import.catalog)) {
        let _ = writeln!(err, "draftls catalog import: {}: cannot write: {e}", output.display());
        return EXIT_TROUBLE;
    }
    let _ = writeln!(
        err,
        "draftls: wrote {}: {documents} document(s), {facts} fact(s), from {} text(s) in {} file(s)",
        output.display(),
        import.texts,
        import.files
    );
    EXIT_CLEAN
}
