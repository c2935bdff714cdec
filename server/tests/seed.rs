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
fn seed_proposals_do_not_shift_the_base_texts_lettering() {
    let (doc, found) = diagnostics(&fixture(SEED));
    let mut flagged = lines_with(&doc, &found, "broken-lettering");
    flagged.extend(lines_with(&doc, &found, "duplicate-label"));
    // Proposals labelled as in the final text (53, 135, 139, 281, 336) and
    // the base text around them (59, 141).
    for line in [53, 59, 135, 139, 141, 281, 336] {
        assert!(!flagged.contains(&line), "line {line} is flagged: {flagged:?}");
    }
    assert!(flagged.iter().filter(|l| (83..=89).contains(*l)).count() <= 1, "{flagged:?}");
    let fused: Vec<_> = found.iter().filter(|d| d.message.contains("`ed)` reads as `e)` changed to `d)`")).collect();
    assert_eq!(fused.len(), 2);
    for d in fused {
        let titles: Vec<_> = d.fixes.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(titles, ["Read as `d)` (the revision)", "Read as `e)` (the original)"]);
        assert!(d.fixes.iter().all(|f| !f.safe), "fix never touches a fused label");
    }
}

#[test]
fn un_resolutions_have_no_findings() {
    for name in ["unga_A-RES-57-97_first_committee_2002.txt", "unga_A-RES-65-141_ict4d_2010.txt"] {
        let (doc, found) = diagnostics(&fixture(name));
        assert_eq!(render(&doc, &found), "", "{name}");
    }
}
