//! Everything the checks find in a document, computed once per version.
//!
//! Citations are found and checked per group of blocks, in coordinates
//! relative to the group: a new version reuses the results of every group
//! whose parse it shares with the version before (an edit re-parses only
//! the groups it touches), as long as the catalog, the draft's conference
//! and its body are the same.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use regex::Regex;

use crate::catalog::{Catalog, Date};
use crate::checks::references::{self, AsOf};
use crate::checks::{lettering, marks};
use crate::citations::{self, Citation, Mention};
use crate::config::Context;
use crate::diagnostics::{Diagnostic, Edit, Severity};
use crate::document::{Document, Group, Parsed};
use crate::model::{self, Placed};
use crate::text::line_ranges;

/// What one group of blocks holds for the citation checks, relative to the
/// group's start.
struct GroupCitations {
    /// The parse these come from: its identity says the group is unchanged
    /// (and holding it keeps the address from being reused).
    parsed: Arc<Parsed>,
    citations: Vec<Citation>,
    mentions: Vec<Mention>,
    /// The citation checks' findings (mentions are checked on the whole).
    diagnostics: Vec<Diagnostic>,
}

/// What the citation checks of a group depend on besides its text.
#[derive(Clone)]
struct CitationInputs {
    catalog: Arc<Catalog>,
    own_body: Option<String>,
    as_of: Option<(Date, Option<String>)>,
}

impl PartialEq for CitationInputs {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog) && self.own_body == other.own_body && self.as_of == other.as_of
    }
}

/// What identifies a section for the lettering check: its blocks (by the
/// address of their parse) and where each stands from the section's start.
type SectionKey = Vec<(usize, isize)>;

fn section_key(section: &model::Section) -> (usize, SectionKey) {
    let placed: Vec<&Placed> = section.heading.iter().chain(&section.blocks).collect();
    let start = placed.first().map_or(0, |p| p.range().start);
    let key = placed
        .iter()
        .map(|p| (std::ptr::from_ref(p.block) as usize, p.range().start as isize - start as isize))
        .collect();
    (start, key)
}

pub struct Analysis {
    pub lettering: lettering::Lettering,
    /// Each section's lettering, relative to the section's start, by the
    /// section's blocks: reused while they are unchanged.
    sections: HashMap<SectionKey, Arc<lettering::Lettering>>,
    /// Per group: its start and what it holds for the citation checks.
    parts: Vec<(usize, Arc<GroupCitations>)>,
    inputs: CitationInputs,
    /// The date the draft is written for, or why the setting was refused.
    pub as_of: Result<AsOf, String>,
    pub diagnostics: Vec<Diagnostic>,
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

fn shift_citation(c: &Citation, by: usize) -> Citation {
    let mut c = c.clone();
    c.range = shift(&c.range, by);
    c.span = shift(&c.span, by);
    c.block += by;
    if let Some(date) = &mut c.date {
        date.range = shift(&date.range, by);
    }
    c
}

fn shift_diagnostic(d: &Diagnostic, by: usize) -> Diagnostic {
    let mut d = d.clone();
    d.range = shift(&d.range, by);
    for r in &mut d.related {
        r.range = shift(&r.range, by);
    }
    for edit in d.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        edit.range = shift(&edit.range, by);
    }
    d
}

/// Finds and checks the citations of one group.
fn group_citations(group: &Group, catalog: &Catalog, inputs: &CitationInputs, as_of: Option<&AsOf>) -> GroupCitations {
    let blocks: Vec<Placed> = group.parsed.blocks.iter().map(|block| Placed { start: 0, block }).collect();
    let date = inputs.as_of.as_ref().map(|(date, _)| *date);
    let (citations, mentions) = citations::find(&blocks, catalog, inputs.own_body.as_deref(), date);
    let diagnostics = as_of.map(|a| references::check_citations(catalog, &citations, a)).unwrap_or_default();
    GroupCitations { parsed: group.parsed.clone(), citations, mentions, diagnostics }
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
        Analysis::update(doc, context, None)
    }

    /// The analysis of `doc`, reusing what `previous` (of an earlier version
    /// of the same draft) found in the groups the edits left alone.
    pub fn update(doc: &Document, context: &Context, previous: Option<&Analysis>) -> Analysis {
        let sections = model::sections(doc);
        // Lettering per section, reusing the sections whose blocks the edits
        // left alone (their parses are held alive by `previous`).
        let mut lettering = lettering::Lettering::default();
        let mut by_section = HashMap::with_capacity(sections.len());
        for section in &sections {
            let (start, key) = section_key(section);
            let part = match previous.and_then(|p| p.sections.get(&key)) {
                Some(part) => Arc::clone(part),
                None => {
                    let mut relative = lettering::Lettering::default();
                    relative.append(&lettering::check_section(section), -(start as isize));
                    Arc::new(relative)
                }
            };
            lettering.append(&part, start as isize);
            by_section.insert(key, part);
        }
        let catalog = &context.catalog;
        let as_of = references::as_of(&sections, catalog, context.settings.as_of.as_deref());
        let own_body = as_of.as_ref().ok().and_then(|a| {
            // "this Conference": the draft's, when the draft or a setting names it.
            (a.source != references::AsOfSource::Latest)
                .then(|| a.conference.as_deref().and_then(|id| catalog.conference(id)).map(|c| c.kind.clone()))
                .flatten()
        });
        let inputs = CitationInputs {
            catalog: catalog.clone(),
            own_body,
            as_of: as_of.as_ref().ok().map(|a| (a.date, a.conference.clone())),
        };
        // Keyed by the address of the parse (held alive by `previous`).
        let reusable: HashMap<usize, &Arc<GroupCitations>> = previous
            .filter(|p| p.inputs == inputs)
            .map(|p| p.parts.iter().map(|(_, part)| (Arc::as_ptr(&part.parsed) as usize, part)).collect())
            .unwrap_or_default();
        let checked_as_of = as_of.as_ref().ok();
        let parts: Vec<(usize, Arc<GroupCitations>)> = doc
            .groups()
            .par_iter()
            .map(|group| {
                let part = match reusable.get(&(Arc::as_ptr(&group.parsed) as usize)) {
                    Some(part) => Arc::clone(part),
                    None => Arc::new(group_citations(group, catalog, &inputs, checked_as_of)),
                };
                (group.start, part)
            })
            .collect();

        let mut diagnostics = lettering.diagnostics.clone();
        diagnostics.extend(marks::check(&sections));
        diagnostics.extend(references::title_changes(&sections, catalog));
        if let Ok(as_of) = &as_of {
            for (start, part) in &parts {
                diagnostics.extend(part.diagnostics.iter().map(|d| shift_diagnostic(d, *start)));
            }
            let mentions: Vec<Mention> = parts
                .iter()
                .flat_map(|(start, part)| {
                    part.mentions.iter().map(|m| Mention { range: shift(&m.range, *start), ..m.clone() })
                })
                .collect();
            diagnostics.extend(references::check_mentions(catalog, &mentions, as_of));
            // Said only where it matters: a draft with no dated citation and
            // no conference mention has nothing checked as of a date.
            let dated =
                !mentions.is_empty() || parts.iter().any(|(_, part)| part.citations.iter().any(|c| c.date.is_some()));
            if as_of.source == references::AsOfSource::Latest && dated {
                diagnostics.push(unstated(doc, as_of));
            }
        }
        let suppressed = suppressions(doc);
        let rope = doc.rope();
        diagnostics.retain_mut(|d| {
            if !suppressed.is_empty() {
                let line = rope.byte_to_line(d.range.start.min(rope.len_bytes()));
                if suppressed.iter().any(|(l, codes)| *l == line && codes.iter().any(|c| c == d.code)) {
                    return false;
                }
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
        Analysis { lettering, sections: by_section, parts, inputs, as_of, diagnostics }
    }

    /// The part of the group holding `offset`, and that group's start.
    fn part_at(&self, offset: usize) -> Option<(usize, &GroupCitations)> {
        let i = self.parts.partition_point(|(start, _)| *start <= offset).checked_sub(1)?;
        let (start, part) = &self.parts[i];
        Some((*start, part))
    }

    /// The citation whose text holds `offset`.
    pub fn citation_at(&self, offset: usize) -> Option<Citation> {
        let (start, part) = self.part_at(offset)?;
        let at = offset - start;
        let found = part.citations.iter().find(|c| c.span.start <= at && at < c.span.end.max(c.range.end))?;
        Some(shift_citation(found, start))
    }

    /// The conference mention at `offset`.
    pub fn mention_at(&self, offset: usize) -> Option<Mention> {
        let (start, part) = self.part_at(offset)?;
        let at = offset - start;
        let found = part.mentions.iter().find(|m| m.range.contains(&at))?;
        Some(Mention { range: shift(&found.range, start), ..found.clone() })
    }

    /// Every citation, in the source's coordinates.
    pub fn citations(&self) -> impl Iterator<Item = Citation> + '_ {
        self.parts.iter().flat_map(|(start, part)| part.citations.iter().map(|c| shift_citation(c, *start)))
    }

    /// All safe fixes of the document, without overlaps.
    pub fn fix_all(&self) -> Vec<Edit> {
        self.lettering.fix_all()
    }
}
