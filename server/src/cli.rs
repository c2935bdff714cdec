//! `draftls check` and `draftls fix`: the analysis behind a command line, for
//! people and CI pipelines. Output goes to the writers given, so tests can
//! read it.

use std::io::Write;
use std::path::{Path, PathBuf};

use ropey::Rope;
use serde_json::{Value, json};

use crate::analysis::Analysis;
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
            "results": results,
        }],
    })
}

pub fn rule_description(code: &str) -> &'static str {
    match code {
        "broken-lettering" => "Clause labels skip, restart, run out of order or are malformed",
        "duplicate-label" => "A clause label repeats a label of an earlier paragraph of the same list",
        "malformed-change" => "A revision mark is left open at the end of its paragraph",
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

/// `draftls check`: exit 0 when nothing of warning or error severity was
/// found, 1 when something was, 2 when a file could not be read.
pub fn check(paths: &[PathBuf], format: Format, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut trouble = false;
    let mut files = Vec::new();
    for path in paths {
        match read_draft(path) {
            Ok(text) => {
                let doc = Document::new(&text);
                let analysis = Analysis::new(&doc);
                files.push(Checked { path: path.clone(), rope: doc.rope().clone(), diagnostics: analysis.diagnostics });
            }
            Err(message) => {
                let _ = writeln!(err, "draftls: {message}");
                trouble = true;
            }
        }
    }
    let written = match format {
        Format::Human => files.iter().try_for_each(|f| f.diagnostics.iter().try_for_each(|d| write_human(out, f, d))),
        Format::Json => {
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

/// The text with every safe fix applied.
pub fn fixed_text(text: &str) -> String {
    let doc = Document::new(text);
    apply_edits(text, &Analysis::new(&doc).fix_all())
}

/// `draftls fix`: with `--write`, rewrites each file in place; without it,
/// prints the one file's fixed text.
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
        let fixed = fixed_text(&text);
        if !write {
            if let Err(e) = out.write_all(fixed.as_bytes()) {
                let _ = writeln!(err, "draftls: cannot write: {e}");
                return EXIT_TROUBLE;
            }
        } else if fixed != text {
            if let Err(e) = std::fs::write(path, &fixed) {
                let _ = writeln!(err, "draftls: {}: cannot write: {e}", path.display());
                status = EXIT_TROUBLE;
            } else {
                let _ = writeln!(err, "fixed {}", path.display());
            }
        }
    }
    status
}
