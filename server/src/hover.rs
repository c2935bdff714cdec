//! Hover: what a citation, conference name, proposal tag, label or the
//! draft's heading means, as Markdown.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::catalog::{Catalog, Conference, body_name};
use crate::checks::lettering::{Aside, BROKEN_LETTERING, DUPLICATE_LABEL};
use crate::checks::references::{AsOf, AsOfSource, as_of_name, citation_text};
use crate::citations::{Body, Citation, conference_of};
use crate::document::Document;
use crate::model::{self, Placed};
use crate::syntax::{BlockKind, Tag};

pub struct Hover {
    pub range: Range<usize>,
    pub markdown: String,
}

fn dates(c: &Conference) -> String {
    match (&c.start, &c.end) {
        (Some(start), Some(end)) => format!("{start} – {end}"),
        (Some(start), None) => start.clone(),
        _ => c.year.to_string(),
    }
}

fn conference_line(c: &Conference) -> String {
    let place = c.place.as_deref().unwrap_or("place unknown");
    format!("{} — {place}, {}", c.name, dates(c))
}

fn citation_hover(catalog: &Catalog, citation: &Citation, as_of: Option<&AsOf>) -> String {
    let body = match &citation.body {
        Body::Stated(b) | Body::Inferred(b) => b.clone(),
        Body::Ambiguous(bodies) => {
            let candidates: Vec<String> = bodies
                .iter()
                .filter_map(|b| catalog.document(b, &citation.kind, &citation.number))
                .map(|d| format!("- {} {} {}: {}", d.body, d.kind, d.number, d.title_or_note()))
                .collect();
            return format!(
                "**{} {}**: no body is named, and the place and year do not tell which. The catalog has:\n\n{}\n\n\
                 Name the body (`{} {} {}` or `… of the {}`) to check this citation.",
                citation.kind,
                citation.number,
                candidates.join("\n"),
                bodies[0],
                citation.kind,
                citation.number,
                body_name(&bodies[0])
            );
        }
        Body::Unknown => {
            return format!("**{} {}** — not in the catalog (no body is named).", citation.kind, citation.number);
        }
    };
    let Some(doc) = catalog.document(&body, &citation.kind, &citation.number) else {
        return format!("**{body} {} {}** — not in the catalog.", citation.kind, citation.number);
    };
    let cited = citation.date.as_ref().and_then(|d| conference_of(catalog, &body, d));
    let current = as_of.and_then(|a| catalog.in_force(doc, a.date));
    let mut out = format!("**{} {} {}**: {}\n\n", doc.body, doc.kind, doc.number, doc.title_or_note());
    if let Some(date) = &citation.date
        && let Some(earlier) = &date.flattened
    {
        out.push_str(&format!(
            "The date holds a flattened change: `{}` changed to `{}`; shown for the later reading.\n\n",
            earlier.citation(date.revised),
            date.reading().citation(date.revised)
        ));
    }
    out.push_str(&format!("{}\n\nHistory:\n", body_name(&doc.body)));
    for id in &doc.history {
        let Some(c) = catalog.conference(id) else { continue };
        let mut marks = Vec::new();
        if cited.is_some_and(|x| x.id == *id) {
            marks.push("**cited**".into());
        }
        if current.is_some_and(|x| x.id == *id) {
            marks.push(format!("**current as of {}**", as_of.map(as_of_name).unwrap_or_default()));
        }
        let marks = if marks.is_empty() { String::new() } else { format!(" — {}", marks.join(", ")) };
        let evidence = doc.evidence_at(id);
        let evidence = if evidence.is_empty() { String::new() } else { format!(" ({evidence})") };
        out.push_str(&format!("- {id} {}{marks}{evidence}\n", doc.history_entry(c)));
    }
    if !doc.history_complete {
        out.push_str("- … (earlier or later revisions may be missing from the catalog)\n");
    }
    for fact in doc.unverified() {
        out.push_str(&format!("- {} — {}, not used to check citations\n", fact.conference, fact.evidence.describe()));
    }
    if let Some(next) = &doc.superseded_by {
        out.push_str(&format!("\nSuperseded by {} {next}.\n", doc.kind));
    }
    if let Some(as_of) = as_of {
        let abrogated =
            doc.abrogated.as_deref().and_then(|id| catalog.conference(id)).filter(|c| c.start_date() < as_of.date);
        let status = match (abrogated, current, cited) {
            (Some(c), _, _) => format!("abrogated at {}", c.id),
            (None, None, _) => "not yet adopted".to_string(),
            (None, Some(_), Some(c)) if c.start_date() > as_of.date => "not yet adopted in the cited form".to_string(),
            (None, Some(current), Some(c)) if current.start_date() > c.start_date() => {
                format!("outdated: cite `{}`", citation_text(doc, current))
            }
            _ => "current".to_string(),
        };
        out.push_str(&format!("\nStatus as of {} ({}): {status}\n", as_of_name(as_of), as_of.date));
    }
    let sources = doc.own_sources();
    if sources.is_empty() {
        out.push_str("\nSources: only pages that cite it (see `draftls catalog show`)");
    } else {
        out.push_str("\nSources: ");
        out.push_str(&sources.iter().map(|s| format!("<{s}>")).collect::<Vec<_>>().join(", "));
    }
    out
}

fn tag_hover(tag: &Tag, others: usize) -> String {
    let mut out = format!(
        "**Proposal {}/{}{}/{}**\n\n",
        tag.source,
        tag.document,
        tag.addendum.as_deref().unwrap_or(""),
        tag.number
    );
    out.push_str(&format!("- from: {}\n", tag.proposer.as_deref().unwrap_or(&tag.source)));
    out.push_str(&format!("- document: {}\n", tag.document));
    if let Some(addendum) = &tag.addendum {
        out.push_str(&format!("- addendum: {}\n", addendum.trim_start_matches('A')));
    }
    out.push_str(&format!("- proposal: {}\n", tag.number));
    if let Some(option) = tag.option {
        out.push_str(&format!("- option: {option}\n"));
    }
    out.push_str(&format!("\n{others} other proposal tag(s) of {} in this draft", tag.source));
    out
}

/// What the lettering check made of a label, in the words of its diagnostic
/// when it has one.
fn label_hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let lettering = &analysis.lettering;
    let (entry, what) = if let Some((info, entry)) = lettering.label_at(offset) {
        let list = &lettering.lists[info.list];
        let slot = &list.slots[info.slot];
        let style = match list.family {
            crate::labels::Family::Letter => "letters",
            crate::labels::Family::Roman => "roman numerals",
            crate::labels::Family::Number => "numbers",
        };
        let depth =
            if list.depth == 0 { "top-level list".to_string() } else { format!("sub-list (depth {})", list.depth) };
        let alternatives =
            if slot.entries.len() > 1 { format!(" ({} alternative texts)", slot.entries.len()) } else { String::new() };
        let proposal = if entry.proposed { ", proposed" } else { "" };
        let what = format!(
            "paragraph {} of {} in a {depth} of {style}{alternatives}{proposal}",
            info.slot + 1,
            list.slots.len()
        );
        (entry, what)
    } else {
        let (entry, aside) = lettering.aside_at(offset)?;
        let what = match aside {
            Aside::Proposal => {
                "a proposal's clause, labelled as it would stand in the final text; \
                 the base text's lettering is checked without it"
            }
            Aside::Quotation => "numbering inside a quotation: not checked",
        };
        (entry, what.to_string())
    };
    let finding = analysis
        .diagnostics
        .iter()
        .find(|d| d.range == entry.range && matches!(d.code, BROKEN_LETTERING | DUPLICATE_LABEL));
    let status = match finding {
        Some(d) => format!("\n\n{}: {}", d.code, d.message),
        None => String::new(),
    };
    Some(Hover { range: entry.range.clone(), markdown: format!("Clause `{}`: {what}{status}", entry.text) })
}

pub fn hover(doc: &Document, analysis: &Analysis, catalog: &Catalog, offset: usize) -> Option<Hover> {
    let as_of = analysis.as_of.as_ref().ok();
    if let Some(c) = analysis.citation_at(offset) {
        let range =
            c.span.start.min(c.range.start)..c.date.as_ref().map_or(c.range.end, |d| d.range.end.max(c.range.end));
        return Some(Hover { range, markdown: citation_hover(catalog, &c, as_of) });
    }
    if let Some(m) = analysis.mention_at(offset) {
        let c = catalog.conference(&m.conference)?;
        let mut markdown = format!("**{}**: {}\n", c.id, conference_line(c));
        if let Some(plan) = &c.action_plan {
            markdown.push_str(&format!("\nAction plan: {plan}\n"));
        }
        markdown.push_str(&format!("\nSource: <{}>", c.source));
        return Some(Hover { range: m.range.clone(), markdown });
    }
    if let Some(hover) = label_hover(analysis, offset) {
        return Some(hover);
    }
    let sections = model::sections(doc);
    let blocks: Vec<Placed> = sections.iter().flat_map(|s| s.blocks.iter().copied()).collect();
    let placed = blocks.iter().find(|b| b.range().contains(&offset))?;
    match &placed.block.kind {
        BlockKind::Tag(tag) => {
            let others = blocks
                .iter()
                .filter(|b| matches!(&b.block.kind, BlockKind::Tag(t) if t.source == tag.source))
                .count()
                .saturating_sub(1);
            Some(Hover { range: placed.range(), markdown: tag_hover(tag, others) })
        }
        BlockKind::DocumentNumber | BlockKind::EnactingFormula => {
            let markdown = match &analysis.as_of {
                Ok(as_of) => {
                    let conference = as_of.conference.as_deref().and_then(|id| catalog.conference(id));
                    let what = conference.map(conference_line).unwrap_or_else(|| as_of.date.to_string());
                    let how = match &as_of.source {
                        AsOfSource::Setting => "set in the settings".to_string(),
                        AsOfSource::Draft { evidence, .. } => format!("read from {}", evidence.describe()),
                        AsOfSource::Latest => "the latest conference in the catalog: the draft names none".to_string(),
                    };
                    format!(
                        "Draft for **{}** ({how}).\n\nCitations are checked as of {}: {what}",
                        as_of_name(as_of),
                        as_of.date
                    )
                }
                Err(error) => format!("No \"as of\" date: {error}"),
            };
            Some(Hover { range: placed.range(), markdown })
        }
        _ => None,
    }
}

/// The citation text the catalog's current revision of a document asks for
/// (`45 (Rev. Dubai, 2014)`), as of the draft's date.
pub fn current_citation(catalog: &Catalog, doc: &crate::catalog::Document, as_of: &AsOf) -> String {
    match catalog.in_force(doc, as_of.date) {
        Some(c) => format!("{} {}", doc.number, citation_text(doc, c)),
        None => doc.number.clone(),
    }
}
