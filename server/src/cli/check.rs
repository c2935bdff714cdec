//! `draftls check`: findings as a compiler prints them, as JSON or as SARIF.

use std::io::Write;
use std::path::PathBuf;

use ropey::Rope;
use serde_json::{Value, json};

use super::render::{self, Color};
use super::{Checked, Contexts, EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, Format, human_position, read_draft};
use crate::analysis::Analysis;
use crate::checks::references::{AsOf, AsOfSource, as_of_name};
use crate::diagnostics::{Diagnostic, Severity};
use crate::document::Document;
use crate::syntax::BlockKind;
use crate::text::LineCol;
use rayon::prelude::*;

/// A file to check: named on the command line, or found in a folder (then
/// checked only if it reads as a draft).
struct Target {
    path: PathBuf,
    found_in_folder: bool,
}

/// A file checked, and what stopped its "as of" from being read.
type Outcome = (Checked, Option<String>);

/// Extensions of drafts found in folders.
const DRAFT_EXTENSIONS: [&str; 3] = ["txt", "md", "resolution"];

/// The files to check: each file named, and in each folder named, the
/// `.txt`, `.md` and `.resolution` files below it that git would not
/// ignore (`.gitignore`, `.ignore`), in path order.
fn targets(paths: &[PathBuf], err: &mut dyn Write, trouble: &mut bool) -> Vec<Target> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Target { path: path.clone(), found_in_folder: false });
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).build() {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let ext = entry.path().extension().and_then(|e| e.to_str()).unwrap_or_default();
                    if DRAFT_EXTENSIONS.contains(&ext) {
                        found.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = writeln!(err, "draftls: {}: {e}", path.display());
                    *trouble = true;
                }
            }
        }
        found.sort();
        out.extend(found.into_iter().map(|path| Target { path, found_in_folder: true }));
    }
    out
}

/// A file found in a folder is checked when the grammar finds a draft in
/// it: a section heading, a document number, an enacting formula or a
/// proposal tag (a README is no draft).
fn looks_like_a_draft(doc: &Document) -> bool {
    doc.blocks().any(|(_, b)| {
        matches!(
            b.kind,
            BlockKind::Heading(_) | BlockKind::DocumentNumber | BlockKind::EnactingFormula | BlockKind::Tag(_)
        )
    })
}

/// How `check` reports.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub format: Format,
    pub color: Color,
    /// Findings only: no as-of lines, no summary.
    pub quiet: bool,
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

/// Every diagnostic code, in the order README lists them.
pub const CODES: [&str; 10] = [
    "broken-lettering",
    "duplicate-label",
    "outdated-reference",
    "future-reference",
    "malformed-citation",
    "unknown-reference",
    "outdated-conference",
    "unstated-conference",
    "flattened-change",
    "malformed-change",
];

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
        "flattened-change" => "A date holds a flattened track change (deleted and inserted text run together)",
        _ => "draftls finding",
    }
}

/// `draftls check`: exit 0 when nothing of warning or error severity was
/// found, 1 when something was, 2 when a file could not be read.
pub fn check(
    paths: &[PathBuf],
    options: Options,
    contexts: &mut Contexts,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut trouble = false;
    let mut reported = Vec::new();
    // Files named and files found in folders, each with its context (the
    // contexts are looked up in order: they cache each draftls.toml).
    let mut queued = Vec::new();
    for target in targets(paths, err, &mut trouble) {
        let (context, problem) = contexts.for_draft(&target.path);
        if let Some(problem) = problem {
            if !reported.contains(&problem) {
                let _ = writeln!(err, "draftls: {problem}");
                reported.push(problem);
            }
            trouble = true;
        }
        queued.push((target, context));
    }
    // Read, parse and check on every core; reported in the order found.
    let results: Vec<Result<Option<Outcome>, String>> = queued
        .par_iter()
        .map(|(target, context)| {
            let text = read_draft(&target.path)?;
            let doc = Document::new(&text);
            if target.found_in_folder && !looks_like_a_draft(&doc) {
                return Ok(None);
            }
            let analysis = Analysis::new(&doc, context);
            let (as_of, problem) = match analysis.as_of {
                Ok(as_of) => (Some(as_of), None),
                Err(e) => (None, Some(format!("{}: {e}", target.path.display()))),
            };
            let file = Checked {
                path: target.path.clone(),
                rope: doc.rope().clone(),
                diagnostics: analysis.diagnostics,
                as_of,
            };
            Ok(Some((file, problem)))
        })
        .collect();
    let mut files = Vec::new();
    for result in results {
        match result {
            Ok(Some((file, problem))) => {
                if let Some(problem) = problem {
                    let _ = writeln!(err, "draftls: {problem}");
                    trouble = true;
                }
                files.push(file);
            }
            Ok(None) => {}
            Err(message) => {
                let _ = writeln!(err, "draftls: {message}");
                trouble = true;
            }
        }
    }
    let color = options.color.enabled();
    let written = match options.format {
        Format::Human => files.iter().try_for_each(|f| {
            if let Some(as_of) = f.as_of.as_ref().filter(|_| !options.quiet) {
                writeln!(out, "{}: {}", f.path.display(), as_of_line(as_of))?;
            }
            f.diagnostics.iter().try_for_each(|d| writeln!(out, "{}\n", render::draw(f, d, color)))
        }),
        Format::Json => {
            // The output stays an array of findings; what each file was checked as of goes to stderr.
            for f in files.iter().filter(|_| !options.quiet) {
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
    if options.format == Format::Human && !options.quiet {
        let _ = writeln!(err, "{}", render::summary(&files));
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
