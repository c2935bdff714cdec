//! The seed draft's diagnostics: the reviewed snapshot and the acceptance
//! points, and the UN resolutions as negative controls.

mod common;

use common::{SEED, diagnostics, fixture, lines_with, render};
use draftls::text::{Encoding, position_of};

#[test]
fn seed_diagnostics_match_the_reviewed_snapshot() {
    let (doc, found) = diagnostics(&fixture(SEED));
    insta::assert_snapshot!("seed_diagnostics", render(&doc, &found));
}

#[test]
fn seed_duplicate_and_malformed_labels_are_reported() {
    let (doc, found) = diagnostics(&fixture(SEED));
    let duplicate = found
        .iter()
        .find(|d| d.code == "duplicate-label" && position_of(doc.rope(), d.range.start, Encoding::Chars).line == 42)
        .expect("line 43 a) is a duplicate");
    assert_eq!(position_of(doc.rope(), duplicate.related[0].range.start, Encoding::Chars).line, 26);
    let broken = lines_with(&doc, &found, "broken-lettering");
    assert!(broken.contains(&101) && broken.contains(&121), "{broken:?}");
}

#[test]
fn seed_has_no_lettering_diagnostic_where_the_lettering_is_right() {
    let (doc, found) = diagnostics(&fixture(SEED));
    let mut flagged = lines_with(&doc, &found, "broken-lettering");
    flagged.extend(lines_with(&doc, &found, "duplicate-label"));
    let clean = (27..=41).chain([45, 47, 89, 91, 147, 148, 150]).chain(219..=228).chain([250, 251, 255, 267, 271]);
    let deleted = [39, 170, 176, 180, 195];
    for line in clean.chain(372..=374).chain(deleted) {
        assert!(!flagged.contains(&line), "line {line} is flagged: {flagged:?}");
    }
}

#[test]
fn un_resolutions_have_no_findings() {
    for name in ["unga_A-RES-57-97_first_committee_2002.txt", "unga_A-RES-65-141_ict4d_2010.txt"] {
        let (doc, found) = diagnostics(&fixture(name));
        // Their sessions are not in the catalog: said once, on the first line.
        assert_eq!(lines_with(&doc, &found, "unstated-conference"), [1], "{name}");
        let rest: Vec<_> = found.into_iter().filter(|d| d.code != "unstated-conference").collect();
        assert_eq!(render(&doc, &rest), "", "{name}");
    }
}
