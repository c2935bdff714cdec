//! Data-driven feature tests. Each file in `tests/fixtures/features/` is a
//! draft after a `feature: NAME` line and a `---` line; `«` and `»` mark
//! expected ranges and `‸` the cursor. The feature's result must agree with
//! the marks, and its rendering is a reviewed snapshot.

mod common;

use std::ops::Range;

use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::diagnostics::apply_edits;
use draftls::document::Document;
use draftls::model;
use draftls::symbols::{self, Symbol};
use draftls::{completion, hover};

struct Fixture {
    feature: String,
    as_of: Option<String>,
    text: String,
    ranges: Vec<Range<usize>>,
    cursor: Option<usize>,
}

fn parse_fixture(source: &str) -> Fixture {
    let (header, body) = source.split_once("\n---\n").expect("a `---` line ends the header");
    let directive = |key: &str| header.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().to_string());
    let feature = directive("feature:").expect("a `feature:` line");
    let as_of = directive("as-of:");
    let (mut text, mut ranges, mut open, mut cursor) = (String::new(), Vec::new(), Vec::new(), None);
    for c in body.chars() {
        match c {
            '«' => open.push(text.len()),
            '»' => ranges.push(open.pop().expect("« before »")..text.len()),
            '‸' => cursor = Some(text.len()),
            _ => text.push(c),
        }
    }
    assert!(open.is_empty(), "unclosed «");
    ranges.sort_by_key(|r| (r.start, r.end));
    Fixture { feature, as_of, text, ranges, cursor }
}

fn line_col(doc: &Document, offset: usize) -> String {
    let p = draftls::text::position_of(doc.rope(), offset, draftls::text::Encoding::Chars);
    format!("{}:{}", p.line + 1, p.col + 1)
}

fn outline(doc: &Document, symbols: &[Symbol], depth: usize, out: &mut String) {
    for s in symbols {
        let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        let kind = format!("{:?}", s.kind);
        let (start, end) = (line_col(doc, s.range.start), line_col(doc, s.range.end));
        out.push_str(&format!("{:indent$}{kind} {}{detail} {start}-{end}\n", "", s.name, indent = depth * 2));
        outline(doc, &s.children, depth + 1, out);
    }
}

fn run(fixture: &Fixture) -> String {
    let doc = Document::new(&fixture.text);
    let mut context = Context::default();
    context.settings.as_of = fixture.as_of.clone();
    let analysis = Analysis::new(&doc, &context);
    let mut out = String::new();
    match fixture.feature.as_str() {
        "diagnostics" => {
            let mut found: Vec<Range<usize>> = analysis.diagnostics.iter().map(|d| d.range.clone()).collect();
            found.sort_by_key(|r| (r.start, r.end));
            assert_eq!(found, fixture.ranges, "diagnostic ranges differ from the marked ones");
            out = common::render(&doc, &analysis.diagnostics);
        }
        "code-actions" => {
            let cursor = fixture.cursor.expect("a cursor ‸");
            for d in analysis.diagnostics.iter().filter(|d| d.range.start <= cursor && cursor <= d.range.end) {
                for fix in &d.fixes {
                    for edit in &fix.edits {
                        assert!(
                            fixture.ranges.contains(&edit.range),
                            "`{}` edits {:?}, which is not marked",
                            fix.title,
                            edit.range
                        );
                    }
                    let fixed = apply_edits(&fixture.text, &fix.edits);
                    out.push_str(&format!("== {}{}\n", fix.title, if fix.preferred { " (preferred)" } else { "" }));
                    for (old, new) in fixture.text.lines().zip(fixed.lines()) {
                        if old != new {
                            out.push_str(&format!("- {old}\n+ {new}\n"));
                        }
                    }
                }
            }
        }
        "symbols" => {
            let sections = model::sections(&doc);
            outline(&doc, &symbols::symbols(&sections), 0, &mut out);
        }
        "folding" => {
            let sections = model::sections(&doc);
            for fold in symbols::folds(&sections) {
                let (start, end) = (line_col(&doc, fold.range.start), line_col(&doc, fold.range.end));
                out.push_str(&format!("{start}-{end}{}\n", if fold.deleted { " deleted" } else { "" }));
            }
        }
        "hover" => {
            let cursor = fixture.cursor.expect("a cursor ‸");
            let found = hover::hover(&doc, &analysis, &context.catalog, cursor).expect("something to hover");
            assert_eq!(vec![found.range.clone()], fixture.ranges, "the hover range differs from the marked one");
            out = found.markdown;
        }
        "completion" => {
            let cursor = fixture.cursor.expect("a cursor ‸");
            let line_start = fixture.text[..cursor].rfind('\n').map_or(0, |i| i + 1);
            for item in completion::complete(&analysis, &context.catalog, &fixture.text[line_start..cursor], cursor) {
                out.push_str(&format!("{:?} {} => {:?} ({})\n", item.kind, item.label, item.insert, item.detail));
            }
        }
        other => panic!("unknown feature {other}"),
    }
    out
}

#[test]
fn feature_fixtures() {
    let dir = common::fixtures().join("features");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 5);
    for path in names {
        let fixture = parse_fixture(&std::fs::read_to_string(&path).unwrap());
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(name, run(&fixture));
    }
}

/// A hover on a label never contradicts the diagnostic on it: it repeats it.
#[test]
fn label_hovers_repeat_the_lettering_diagnostic() {
    let mut checked = 0;
    for (name, text, as_of) in common::all_drafts() {
        let doc = Document::new(&text);
        let mut context = Context::default();
        context.settings.as_of = as_of;
        let analysis = Analysis::new(&doc, &context);
        for d in analysis.diagnostics.iter().filter(|d| matches!(d.code, "broken-lettering" | "duplicate-label")) {
            let found = hover::hover(&doc, &analysis, &context.catalog, d.range.start)
                .unwrap_or_else(|| panic!("{name}: no hover on `{}`", &text[d.range.clone()]));
            assert!(found.markdown.contains(&d.message), "{name}: hover `{}` says {}", d.message, found.markdown);
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} labels hovered");
}
