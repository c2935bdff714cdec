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
