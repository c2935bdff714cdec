//! Everything the checks find in a document, computed once per version.

use std::sync::LazyLock;

use regex::Regex;

use crate::checks::references::{self, AsOf};
use crate::checks::{lettering, marks};
use crate::citations::{self, Citation, Mention};
use crate::config::Context;
use crate::diagnostics::{Diagnostic, Edit, Severity};
use crate::document::Document;
use crate::model;
use crate::text::line_ranges;

pub struct Analysis {
    pub lettering: lettering::Lettering,
    pub citations: Vec<Citation>,
    pub mentions: Vec<Mention>,
    /// The date the draft is written for, or why the setting was refused.
    pub as_of: Result<AsOf, String>,
    pub diagnostics: Vec<Diagnostic>,
}

static DISABLE_NEXT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*<!--\s*draftls-disable-next-line\s+(?P<codes>[a-z][a-z-]*(?:[\s,]+[a-z][a-z-]*)*)\s*-->\s*$")
        .expect("compiles")
});

/// `<!-- draftls-disable-next-line CODE ... -->`: (line the codes apply to, codes).
fn suppressions(doc: &Document) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let rope = doc.rope();
    for group in doc.groups() {
        let text = &group.parsed.text;
        if !text.contains("draftls-disable-next-line") {
            continue;
        }
        for line in line_ranges(text) {
            if let Some(caps) = DISABLE_NEXT_LINE.captures(&text[line.clone()]) {
                let codes = caps["codes"].split([' ', ',', '\t']).filter(|c| !c.is_empty()).map(String::from).collect();
                // The next non-blank line: the directive's own line plus one,
                // or further when blank lines follow (a group ends there).
                let mut next = rope.byte_to_line(group.start + line.start) + 1;
                while next < rope.len_lines() && rope.line(next).chars().all(char::is_whitespace) {
                    next += 1;
                }
                out.push((next, codes));
            }
        }
    }
    out
}

/// The draft does not say which conference it is for, and cites something
/// whose check depends on it: said on its first line with text.
fn unstated(doc: &Document, as_of: &AsOf) -> Diagnostic {
    let rope = doc.rope();
    let line = (0..rope.len_lines()).find(|&l| !rope.line(l).chars().all(char::is_whitespace)).unwrap_or(0);
    let start = rope.line_to_byte(line);
    let text = rope.line(line).to_string();
    let end = start + text.trim_end_matches(['\n', '\r']).len();
    Diagnostic {
        range: start..end,
        severity: Severity::Information,
        code: references::UNSTATED_CONFERENCE,
        message: format!(
            "this draft does not say which conference (of the catalog) it is for; citations are checked as of {}, \
             the latest conference in the catalog — set `as-of`",
            references::as_of_name(as_of)
        ),
        related: Vec::new(),
        fixes: Vec::new(),
    }
}

impl Analysis {
    pub fn new(doc: &Document, context: &Context) -> Analysis {
        let sections = model::sections(doc);
        let lettering = lettering::check(&sections);
        let catalog = &context.catalog;
        let as_of = references::as_of(&sections, catalog, context.settings.as_of.as_deref());
        let own_body = as_of.as_ref().ok().and_then(|a| {
            // "this Conference": the draft's, when the draft or a setting names it.
            (a.source != references::AsOfSource::Latest)
                .then(|| a.conference.as_deref().and_then(|id| catalog.conference(id)).map(|c| c.kind.as_str()))
                .flatten()
        });
        let blocks: Vec<_> = sections.iter().flat_map(|s| s.blocks.iter().copied()).collect();
        let (citations, mentions) = citations::find(&blocks, catalog, own_body, as_of.as_ref().ok().map(|a| a.date));

        let mut diagnostics = lettering.diagnostics.clone();
        diagnostics.extend(marks::check(&sections));
        diagnostics.extend(references::title_changes(&sections, catalog));
        if let Ok(as_of) = &as_of {
            diagnostics.extend(references::check(catalog, &citations, &mentions, as_of));
            // Said only where it matters: a draft with no dated citation and
            // no conference mention has nothing checked as of a date.
            let dated = citations.iter().any(|c| c.date.is_some()) || !mentions.is_empty();
            if as_of.source == references::AsOfSource::Latest && dated {
                diagnostics.push(unstated(doc, as_of));
            }
        }
        let suppressed = suppressions(doc);
        let rope = doc.rope();
        diagnostics.retain_mut(|d| {
            let line = rope.byte_to_line(d.range.start.min(rope.len_bytes()));
            if suppressed.iter().any(|(l, codes)| *l == line && codes.iter().any(|c| c == d.code)) {
                return false;
            }
            match context.settings.severities.get(d.code) {
                Some(None) => false,
                Some(Some(severity)) => {
                    d.severity = *severity;
                    true
                }
                None => true,
            }
        });
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        Analysis { lettering, citations, mentions, as_of, diagnostics }
    }

    /// All safe fixes of the document, without overlaps.
    pub fn fix_all(&self) -> Vec<Edit> {
        self.lettering.fix_all()
    }
}
