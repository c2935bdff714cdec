//! Facts carry their evidence: a revision known only from a proposal or a
//! press release is shown, never used to flag a citation.

use draftls::analysis::Analysis;
use draftls::config;
use draftls::document::Document;

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
