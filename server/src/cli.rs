//! `draftls check` and `draftls fix`: the analysis behind a command line, for
//! people and CI pipelines. Output goes to the writers given, so tests can
//! read it.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use ropey::Rope;
use serde_json::{Value, json};

use crate::analysis::Analysis;
use crate::catalog::{Catalog, body_name};
use crate::checks::references::{AsOf, AsOfSource, as_of_name};
use crate::config::{self, Context};
use crate::diagnostics::{Diagnostic, Severity, apply_edits};
use crate::document::Document;
use crate::text::{Encoding, LineCol, position_of};

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
fn read_draft(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!("{}: not UTF-8 text (invalid byte at offset {})", path.display(), e.utf8_error().valid_up_to())
    })
}

/// 1-based line and column (in characters).
fn human_position(rope: &Rope, offset: usize) -> LineCol {
    let p = position_of(rope, offset, Encoding::Chars);
    LineCol { line: p.line + 1, col: p.col + 1 }
}

struct Checked {
    path: PathBuf,
    rope: Rope,
    diagnostics: Vec<Diagnostic>,
    as_of: Option<AsOf>,
}

/// `checked as of WTSA-16 (2016-10-25), from the heading`.
fn as_of_line(as_of: &AsOf) -> String {
    let date = if as_of.conference.is_some() { format!(" ({})", as_of.date) } else { String::new() };
    format!("checked as of {}{date}, {}", as_of_name(as_of), as_of.source.describe())
}

fn as_of_json(file: &Checked) -> Value {
    let Some(as_of) = &file.as_of else { return Value::Null };
    let (source, evidence) = match &as_of.source {
        AsOfSource::Setting => ("setting", None),
        AsOfSource::Draft { evidence, .. } => ("draft", Some(evidence.id())),
        AsOfSource::Latest => ("latest", None),
    };
    json!({
        "path": file.path.display().to_string(),
        "conference": as_of.conference,
        "date": as_of.date.to_string(),
        "source": source,
        "from": evidence,
    })
}

fn range_json(rope: &Rope, range: &std::ops::Range<usize>) -> (LineCol, LineCol) {
    (human_position(rope, range.start), human_position(rope, range.end))
}

fn json_item(file: &Checked, d: &Diagnostic) -> Value {
    let path = file.path.display().to_string();
    let (start, end) = range_json(&file.rope, &d.range);
    json!({
        "path": path,
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": d.message,
        "line": start.line,
        "column": start.col,
        "end_line": end.line,
        "end_column": end.col,
        "related": d.related.iter().map(|r| {
            let at = human_position(&file.rope, r.range.start);
            json!({"path": path, "line": at.line, "column": at.col, "message": r.message})
        }).collect::<Vec<_>>(),
        "fixes": d.fixes.iter().map(|f| json!({
            "title": f.title,
            "edits": f.edits.iter().map(|e| {
                let (s, t) = range_json(&file.rope, &e.range);
                json!({"line": s.line, "column": s.col, "end_line": t.line, "end_column": t.col, "new_text": e.new_text})
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn sarif_region(rope: &Rope, range: &std::ops::Range<usize>) -> Value {
    let (s, e) = range_json(rope, range);
    json!({"startLine": s.line, "startColumn": s.col, "endLine": e.line, "endColumn": e.col})
}

fn sarif(files: &[Checked]) -> Value {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    };
    let mut rule_ids: Vec<&str> = files.iter().flat_map(|f| f.diagnostics.iter().map(|d| d.code)).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let mut results = Vec::new();
    for file in files {
        let uri = file.path.display().to_string();
        let location = |range: &std::ops::Range<usize>| json!({"physicalLocation": {"artifactLocation": {"uri": uri}, "region": sarif_region(&file.rope, range)}});
        for d in &file.diagnostics {
            results.push(json!({
                "ruleId": d.code,
                "ruleIndex": rule_ids.iter().position(|r| *r == d.code),
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [location(&d.range)],
                "relatedLocations": d.related.iter().enumerate().map(|(i, r)| {
                    let mut l = location(&r.range);
                    l["id"] = json!(i);
                    l["message"] = json!({"text": r.message});
                    l
                }).collect::<Vec<_>>(),
                "fixes": d.fixes.iter().map(|f| json!({
                    "description": {"text": f.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": f.edits.iter().map(|e| json!({
                            "deletedRegion": sarif_region(&file.rope, &e.range),
                            "insertedContent": {"text": e.new_text},
                        })).collect::<Vec<_>>(),
                    }],
                })).collect::<Vec<_>>(),
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "draftls",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/draftls/draftls",
                "rules": rule_ids.iter().map(|id| json!({"id": id, "shortDescription": {"text": rule_description(id)}})).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "properties": {"asOf": files.iter().map(as_of_json).collect::<Vec<_>>()},
            "results": results,
        }],
    })
}

pub fn rule_description(code: &str) -> &'static str {
    match code {
        "broken-lettering" => "Clause labels skip, restart, run out of order or are malformed",
        "duplicate-label" => "A clause label repeats a label of an earlier paragraph of the same list",
        "malformed-change" => "A revision mark is left open at the end of its paragraph",
        "outdated-reference" => "The cited revision was superseded before the conference the draft is for",
        "future-reference" => "The cited revision is later than the conference the draft is for",
        "malformed-citation" => "Rev. on a first adoption, no Rev. on a revision, or no such conference",
        "unknown-reference" => "The cited document is not in the catalog",
        "outdated-conference" => "A later conference of the same body met before the draft's conference",
        "unstated-conference" => "The draft does not say which conference it is for",
        "flattened-change" => {
            "A citation's date holds a flattened track change (deleted and inserted text run together)"
        }
        _ => "draftls finding",
    }
}

fn write_human(out: &mut dyn Write, file: &Checked, d: &Diagnostic) -> std::io::Result<()> {
    let start = human_position(&file.rope, d.range.start);
    let end = human_position(&file.rope, d.range.end);
    writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        file.path.display(),
        start.line,
        start.col,
        d.severity.as_str(),
        d.code,
        d.message
    )?;
    let line = file.rope.line(start.line as usize - 1).to_string();
    let line = line.trim_end_matches(['\n', '\r']);
    let shown: String = line.chars().take(100).collect();
    let ellipsis = if line.chars().count() > 100 { "…" } else { "" };
    let gutter = start.line.to_string().len();
    writeln!(out, "{:>gutter$} | {shown}{ellipsis}", start.line)?;
    let width = if end.line == start.line { (end.col - start.col).max(1) } else { 1 };
    if start.col <= 100 {
        writeln!(out, "{:>gutter$} | {}{}", "", " ".repeat(start.col as usize - 1), "^".repeat(width as usize))?;
    }
    for r in &d.related {
        let at = human_position(&file.rope, r.range.start);
        writeln!(out, "{:>gutter$} = note: {} ({}:{}:{})", "", r.message, file.path.display(), at.line, at.col)?;
    }
    for f in &d.fixes {
        writeln!(out, "{:>gutter$} = fix: {}", "", f.title)?;
    }
    Ok(())
}

/// The context for a draft: the nearest `draftls.toml` (reported and
/// skipped when broken), then `--as-of`.
pub struct Contexts {
    as_of: Option<String>,
    by_file: HashMap<PathBuf, Result<Context, String>>,
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

/// `draftls check`: exit 0 when nothing of warning or error severity was
/// found, 1 when something was, 2 when a file could not be read.
pub fn check(
    paths: &[PathBuf],
    format: Format,
    contexts: &mut Contexts,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut trouble = false;
    let mut files = Vec::new();
    let mut reported = Vec::new();
    for path in paths {
        match read_draft(path) {
            Ok(text) => {
                let (context, problem) = contexts.for_draft(path);
                if let Some(problem) = problem {
                    if !reported.contains(&problem) {
                        let _ = writeln!(err, "draftls: {problem}");
                        reported.push(problem);
                    }
                    trouble = true;
                }
                let doc = Document::new(&text);
                let analysis = Analysis::new(&doc, &context);
                if let Err(error) = &analysis.as_of {
                    let _ = writeln!(err, "draftls: {}: {error}", path.display());
                    trouble = true;
                }
                files.push(Checked {
                    path: path.clone(),
                    rope: doc.rope().clone(),
                    diagnostics: analysis.diagnostics,
                    as_of: analysis.as_of.ok(),
                });
            }
            Err(message) => {
                let _ = writeln!(err, "draftls: {message}");
                trouble = true;
            }
        }
    }
    let written = match format {
        Format::Human => files.iter().try_for_each(|f| {
            if let Some(as_of) = &f.as_of {
                writeln!(out, "{}: {}", f.path.display(), as_of_line(as_of))?;
            }
            f.diagnostics.iter().try_for_each(|d| write_human(out, f, d))
        }),
        Format::Json => {
            // The output stays an array of findings; what each file was checked as of goes to stderr.
            for f in &files {
                if let Some(as_of) = &f.as_of {
                    let _ = writeln!(err, "draftls: {}: {}", f.path.display(), as_of_line(as_of));
                }
            }
            let items: Vec<Value> =
                files.iter().flat_map(|f| f.diagnostics.iter().map(move |d| json_item(f, d))).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&items).expect("JSON values serialize"))
        }
        Format::Sarif => {
            writeln!(out, "{}", serde_json::to_string_pretty(&sarif(&files)).expect("JSON values serialize"))
        }
    };
    if let Err(e) = written {
        let _ = writeln!(err, "draftls: cannot write the report: {e}");
        return EXIT_TROUBLE;
    }
    if format == Format::Human {
        let count = |s: Severity| files.iter().flat_map(|f| &f.diagnostics).filter(|d| d.severity == s).count();
        let (warnings, errors) = (count(Severity::Warning), count(Severity::Error));
        if warnings + errors > 0 {
            let _ = writeln!(err, "{} file(s) checked: {errors} error(s), {warnings} warning(s)", files.len());
        }
    }
    let findings = files.iter().flat_map(|f| &f.diagnostics).any(|d| d.severity <= Severity::Warning);
    if trouble {
        EXIT_TROUBLE
    } else if findings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

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

/// `draftls fix`: with `--write`, rewrites each file in place; without it,
/// prints the one file's fixed text. What changed goes to stderr.
pub fn fix(paths: &[PathBuf], write: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if !write && paths.len() != 1 {
        let _ = writeln!(err, "draftls fix: give one file to print its fixed text, or --write to fix files in place");
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
        for change in &changes {
            let _ = writeln!(err, "{}:{}: `{}` -> `{}`", path.display(), change.line, change.old, change.new);
        }
        let summary = match changes.len() {
            0 => "nothing to fix".to_string(),
            1 => "1 label changed".to_string(),
            n => format!("{n} labels changed"),
        };
        if !write {
            let _ = writeln!(err, "{}: {summary}", path.display());
            if let Err(e) = out.write_all(fixed.as_bytes()) {
                let _ = writeln!(err, "draftls: cannot write: {e}");
                return EXIT_TROUBLE;
            }
        } else if fixed != text {
            if let Err(e) = std::fs::write(path, &fixed) {
                let _ = writeln!(err, "draftls: {}: cannot write: {e}", path.display());
                status = EXIT_TROUBLE;
            } else {
                let _ = writeln!(err, "{}: fixed, {summary}", path.display());
            }
        } else {
            let _ = writeln!(err, "{}: {summary}", path.display());
        }
    }
    status
}

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
