//! `malformed-change`: revision marks left open at the end of their paragraph.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Section;

pub const MALFORMED_CHANGE: &str = "malformed-change";

pub fn check(sections: &[Section]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for section in sections {
        for placed in section.heading.iter().chain(&section.blocks) {
            for mark in placed.block.marks.iter().filter(|m| !m.closed) {
                out.push(Diagnostic {
                    range: placed.abs(&mark.opener),
                    severity: Severity::Hint,
                    code: MALFORMED_CHANGE,
                    message: format!("this {} is not closed before the paragraph ends", mark.kind.describe()),
                    related: Vec::new(),
                    fixes: Vec::new(),
                });
            }
        }
    }
    out
}
