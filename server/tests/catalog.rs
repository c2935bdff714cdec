//! The catalog against the drafts: every document the tests' drafts cite is
//! in it, and facts carry their evidence (a revision known only from a
//! proposal or a press release is shown, never used to flag a citation).

mod common;

use draftls::analysis::Analysis;
use draftls::config::{self, Context};
use draftls::document::Document;

/// Citations the catalog cannot have: the seed's lossy `Question 22-1/13/2`
/// (flattened from `22-1/1` and `3/2`), and a citation being typed in a
/// completion fixture.
const NOT_DOCUMENTS: [(&str, &str); 2] =
    [("seed-res130-busan2014.txt", "Question 22-1/13"), ("completion-reference.txt", "WTDC Resolution 6 ")];

#[test]
fn every_document_the_drafts_cite_is_in_the_catalog() {
    let mut unknown = Vec::new();
    for (name, text, as_of) in common::all_drafts() {
        let mut context = Context::default();
        context.settings.as_of = as_of;
        for d in Analysis::new(&Document::new(&text), &context).diagnostics {
            if d.code != "unknown-reference" {
                continue;
            }
            let known_exception = NOT_DOCUMENTS
                .iter()
                .any(|(file, what)| name.ends_with(file) && format!("{} ", d.message).contains(what));
            if !known_exception {
                unknown.push(format!("{name}: {}", d.message));
            }
        }
    }
    assert!(unknown.is_empty(), "{unknown:#?}");
}

/// A user entry whose PP-18 revision rests on `evidence`.
fn settings(evidence: &str) -> String {
    format!(
        r#"
as-of = "PP-22"

[[catalog.documents]]
id = "PP-Resolution-999"
body = "PP"
kind = "Resolution"
number = "999"
title = "A resolution for this test"
history = []
sources = ["https://example.org/res999"]

[[catalog.documents.facts]]
conference = "PP-14"
event = "adopted"
evidence = "heading"
source = "https://example.org/res999-2014"

[[catalog.documents.facts]]
conference = "PP-18"
event = "revised"
evidence = "{evidence}"
source = "https://example.org/res999-2018"
"#
    )
}

fn codes(evidence: &str) -> Vec<&'static str> {
    let context = config::parse(&settings(evidence)).unwrap();
    let text = "recalling\n\na) Resolution 999 (Busan, 2014) of the Plenipotentiary Conference;\n";
    Analysis::new(&Document::new(text), &context).diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_revision_from_an_adopted_texts_heading_flags_the_older_citation() {
    assert_eq!(codes("heading"), ["outdated-reference"]);
    assert_eq!(codes("citation"), ["outdated-reference"]);
}

#[test]
fn a_revision_only_a_proposal_or_press_release_shows_never_flags() {
    assert_eq!(codes("proposal"), Vec::<&str>::new());
    assert_eq!(codes("press-release"), Vec::<&str>::new());
    let context = config::parse(&settings("proposal")).unwrap();
    let doc = context.catalog.document("PP", "Resolution", "999").unwrap();
    assert_eq!(doc.history, ["PP-14"]);
    assert_eq!(doc.adopted.as_deref(), Some("PP-14"));
    assert_eq!(doc.unverified().count(), 1);
}
