//! Precision and recall of every diagnostic code over the accuracy corpus
//! (`tests/accuracy/`): drafts written after the structures of real texts,
//! each line carrying the findings a careful reviewer expects
//! (`<!-- expect: CODE -->`; no marker, no finding). Run with
//! `cargo test -p draftls --test accuracy -- --nocapture` to see the table.

mod common;

use std::collections::{BTreeMap, HashMap};

use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::diagnostics::Severity;
use draftls::document::Document;

#[derive(Default)]
struct Score {
    found: usize,
    right: usize,
    expected: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.right as f64 / self.found as f64 }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 { 1.0 } else { self.right as f64 / self.expected as f64 }
    }
    fn row(&self, name: &str, severity: &str) -> String {
        format!(
            "| {name} | {severity} | {} | {} | {} | {:.1} % | {:.1} % |\n",
            self.expected,
            self.found,
            self.right,
            100.0 * self.precision(),
            100.0 * self.recall()
        )
    }

    fn add(&mut self, other: &Score) {
        self.found += other.found;
        self.right += other.right;
        self.expected += other.expected;
    }
}

#[test]
fn accuracy_corpus_meets_the_precision_and_recall_targets() {
    let dir = common::accuracy_dir();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/accuracy exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();

    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut severities: HashMap<String, Severity> = HashMap::new();
    let mut expected_codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut clean_with_warnings = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (text, expected) = common::strip_expectations(&std::fs::read_to_string(path).unwrap());
        let doc = Document::new(&text);
        let found = Analysis::new(&doc, &Context::default()).diagnostics;
        let mut want: HashMap<(usize, String), usize> = HashMap::new();
        for (line, code) in &expected {
            *want.entry((*line, code.clone())).or_insert(0) += 1;
            *expected_codes.entry(code.clone()).or_insert(0) += 1;
        }
        let mut got: HashMap<(usize, String), Vec<String>> = HashMap::new();
        for d in &found {
            severities.entry(d.code.to_string()).or_insert(d.severity);
            got.entry((doc.rope().byte_to_line(d.range.start) + 1, d.code.to_string()))
                .or_default()
                .push(d.message.clone());
        }
        for ((line, code), messages) in &got {
            let wanted = want.get(&(*line, code.clone())).copied().unwrap_or(0);
            let score = scores.entry(code.clone()).or_default();
            score.found += messages.len();
            score.right += messages.len().min(wanted);
            for message in messages.iter().skip(wanted) {
                misses.push(format!("false positive {name}:{line} [{code}] {message}"));
            }
        }
        for ((line, code), n) in &want {
            let score = scores.entry(code.clone()).or_default();
            score.expected += n;
            let have = got.get(&(*line, code.clone())).map_or(0, Vec::len);
            if have < *n {
                misses.push(format!("missed {name}:{line} [{code}]"));
            }
        }
        if expected.is_empty() && found.iter().any(|d| d.severity <= Severity::Warning) {
            clean_with_warnings.push(name);
        }
    }

    let mut table = String::from(
        "| code | severity | expected | found | right | precision | recall |\n|---|---|---|---|---|---|---|\n",
    );
    let (mut all, mut warnings) = (Score::default(), Score::default());
    for (code, score) in &scores {
        let severity = severities.get(code).map_or("—", |s| s.as_str());
        table.push_str(&score.row(code, severity));
        all.add(score);
        if severities.get(code).is_some_and(|s| *s <= Severity::Warning) {
            warnings.add(score);
        }
    }
    table.push_str(&warnings.row("warnings", ""));
    table.push_str(&all.row("all", ""));
    println!("accuracy over {} drafts:\n\n{table}\n{}", paths.len(), misses.join("\n"));
    let report = format!("{table}\n{}", misses.join("\n"));
    assert!(paths.len() >= 25, "the corpus has {} drafts", paths.len());
    assert!(expected_codes.values().sum::<usize>() >= 40, "the corpus expects too little: {expected_codes:?}");
    assert!(clean_with_warnings.is_empty(), "clean drafts with warnings: {clean_with_warnings:?}\n{report}");
    assert!(warnings.precision() >= 0.95, "warning precision below 95 %\n{report}");
    assert!(all.precision() >= 0.90, "overall precision below 90 %\n{report}");
    assert!(all.recall() >= 0.90, "overall recall below 90 %\n{report}");
}
