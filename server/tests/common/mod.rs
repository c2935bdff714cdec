//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};

use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::diagnostics::Diagnostic;
use draftls::document::Document;
use draftls::text::{Encoding, position_of};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

pub const SEED: &str = "seed-res130-busan2014.txt";

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

pub fn diagnostics(text: &str) -> (Document, Vec<Diagnostic>) {
    let doc = Document::new(text);
    let diagnostics = Analysis::new(&doc, &Context::default()).diagnostics;
    (doc, diagnostics)
}

/// One line per diagnostic: `line:col code: message`, 1-based, with related
/// information and fix titles indented below; what a reviewer reads.
pub fn render(doc: &Document, diagnostics: &[Diagnostic]) -> String {
    let rope = doc.rope();
    let at = |offset| {
        let p = position_of(rope, offset, Encoding::Chars);
        format!("{}:{}", p.line + 1, p.col + 1)
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&format!("{} {}[{}]: {}\n", at(d.range.start), d.severity.as_str(), d.code, d.message));
        for r in &d.related {
            out.push_str(&format!("    related {}: {}\n", at(r.range.start), r.message));
        }
        for f in &d.fixes {
            out.push_str(&format!("    fix: {} ({} edit(s))\n", f.title, f.edits.len()));
        }
    }
    out
}

/// 1-based line of each diagnostic with the given code.
pub fn lines_with(doc: &Document, diagnostics: &[Diagnostic], code: &str) -> Vec<u32> {
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| position_of(doc.rope(), d.range.start, Encoding::Chars).line + 1)
        .collect()
}

/// `<!-- expect: CODE, CODE -->` at the end of a line of the accuracy corpus.
const EXPECT: &str = "<!-- expect:";

/// The accuracy corpus's draft without its expectation markers (line numbers
/// unchanged), and the codes each 1-based line expects.
pub fn strip_expectations(source: &str) -> (String, Vec<(usize, String)>) {
    let mut text = String::with_capacity(source.len());
    let mut expected = Vec::new();
    for (index, line) in source.split_inclusive('\n').enumerate() {
        let (body, ending) = match line.strip_suffix('\n') {
            Some(body) => (body.strip_suffix('\r').unwrap_or(body), &line[body.trim_end_matches('\r').len()..]),
            None => (line, ""),
        };
        match body.find(EXPECT) {
            Some(at) => {
                let rest = &body[at + EXPECT.len()..];
                let codes = rest.split("-->").next().expect("split yields one part");
                expected.extend(
                    codes.split(',').map(str::trim).filter(|c| !c.is_empty()).map(|c| (index + 1, c.to_string())),
                );
                text.push_str(body[..at].trim_end());
            }
            None => text.push_str(body),
        }
        text.push_str(ending);
    }
    (text, expected)
}

/// Every draft the tests have, ready to check: (name, text, as-of setting).
/// Feature fixtures lose their header and markers, accuracy drafts their
/// expectations.
pub fn all_drafts() -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    let root = fixtures();
    let mut add_dir = |dir: &Path, each: &mut dyn FnMut(&str) -> (String, Option<String>)| {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let (text, as_of) = each(&std::fs::read_to_string(&path).unwrap());
            out.push((path.display().to_string(), text, as_of));
        }
    };
    add_dir(&root, &mut |s| (s.to_string(), None));
    add_dir(&root.join("references"), &mut |s| (s.to_string(), None));
    add_dir(&root.join("features"), &mut |s| {
        let (header, body) = s.split_once("\n---\n").expect("a feature fixture has a header");
        let as_of = header.lines().find_map(|l| l.strip_prefix("as-of:")).map(|v| v.trim().to_string());
        (body.chars().filter(|c| !matches!(c, '«' | '»' | '‸')).collect(), as_of)
    });
    add_dir(&accuracy_dir(), &mut |s| (strip_expectations(s).0, None));
    out
}

pub fn accuracy_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/accuracy")
}
