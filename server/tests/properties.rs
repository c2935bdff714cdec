//! Random edit sequences: the incrementally edited document always equals a
//! fresh parse of the same text (rope, trees, blocks, diagnostics), and the
//! analysis updated after every edit (reusing what the edits left alone)
//! equals one computed from scratch.
//!
//! 128 sequences by default; a longer run: `PROPTEST_CASES=100000 cargo test
//! --release -p draftls --test properties`.

mod common;

use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::document::Document;
use draftls::{completion, hover, model, semantic_tokens, symbols};
use proptest::prelude::*;

/// Pieces that stress the format: labels, marks, blank lines, line breaks of
/// every kind, multi-byte and astral characters.
const PIECES: &[&str] = &[
    "a) ",
    "b) ",
    "ii) ",
    "1 ",
    "- c) ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "~~",
    "[",
    "](#)",
    "*",
    "{++",
    "++}",
    "recalling",
    "resolves",
    "ARB/79A2/13",
    "Option 2",
    "Resolution 45 (Rev. Dubai, 2014)",
    "é",
    "–",
    "😀",
    "“",
    "text",
    ";",
    ":",
    "\u{2028}",
];

#[derive(Clone, Debug)]
enum Op {
    Insert { at: usize, pieces: Vec<usize> },
    Delete { at: usize, len: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(0..PIECES.len(), 1..4))
            .prop_map(|(at, pieces)| Op::Insert { at, pieces }),
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Op::Delete { at, len }),
    ]
}

/// The character boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn start_text() -> String {
    // The seed's first sections: headings, tags, options, deletions.
    let seed = common::fixture(common::SEED);
    let end = seed.find("recognizing").unwrap();
    seed[..end].to_string()
}

/// `PROPTEST_CASES`, or 128.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_equal_a_fresh_parse(ops in prop::collection::vec(op(), 1..16)) {
        let mut reference = start_text();
        let mut doc = Document::new(&reference);
        let context = Context::default();
        let mut updated = Analysis::new(&doc, &context);
        for op in ops {
            let (range, text) = match op {
                Op::Insert { at, pieces } => {
                    let at = boundary(&reference, at);
                    (at..at, pieces.iter().map(|&i| PIECES[i]).collect::<String>())
                }
                Op::Delete { at, len } => {
                    let start = boundary(&reference, at);
                    let end = boundary(&reference, start + len).max(start);
                    (start..end, String::new())
                }
            };
            reference.replace_range(range.clone(), &text);
            doc.edit(range, &text);
            prop_assert_eq!(doc.text(), reference.clone());
            updated = Analysis::update(&doc, &context, Some(&updated));
        }
        let fresh = Document::new(&reference);
        prop_assert_eq!(doc.sexps(), fresh.sexps());
        let blocks: Vec<_> = doc.blocks().map(|(s, b)| (s, b.clone())).collect();
        let fresh_blocks: Vec<_> = fresh.blocks().map(|(s, b)| (s, b.clone())).collect();
        prop_assert_eq!(blocks, fresh_blocks);
        let scratch = Analysis::new(&fresh, &context);
        prop_assert_eq!(&Analysis::new(&doc, &context).diagnostics, &scratch.diagnostics);
        // The analysis carried along the edits is the one from scratch.
        prop_assert_eq!(&updated.diagnostics, &scratch.diagnostics);
        prop_assert_eq!(updated.citations().collect::<Vec<_>>(), scratch.citations().collect::<Vec<_>>());
        prop_assert_eq!(updated.fix_all(), scratch.fix_all());
        let labels = |a: &Analysis| a.lettering.labels.iter().map(|(s, i)| (*s, i.list, i.slot)).collect::<Vec<_>>();
        prop_assert_eq!(labels(&updated), labels(&scratch));
        // Every feature answers at every character boundary without panicking.
        let analysis = updated;
        let sections = model::sections(&doc);
        symbols::symbols(&sections);
        symbols::folds(&sections);
        semantic_tokens::tokens(&doc, None);
        for offset in (0..=reference.len()).filter(|&i| reference.is_char_boundary(i)).step_by(7) {
            hover::hover(&doc, &analysis, &context.catalog, offset);
            let line_start = reference[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            completion::complete(&analysis, &context.catalog, &reference[line_start..offset], offset);
        }
    }
}
