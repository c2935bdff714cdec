//! The outline of a draft: sections, their clauses, proposal tags and options.

use std::ops::Range;

use crate::model::{Placed, Section};
use crate::syntax::BlockKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    TitleBlock,
    Section,
    Clause,
    Paragraph,
    Tag,
    Option,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub range: Range<usize>,
    /// The part to select: a clause's label, a heading's text.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// The first words of a text, for a symbol's name.
fn first_words(text: &str, max_chars: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() > max_chars {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn block_symbol(placed: &Placed) -> Option<Symbol> {
    let block = placed.block;
    let clean = block.clean.text.trim().trim_matches(['*', '_']).trim();
    let range = placed.range();
    let (name, kind, selection, detail) = match &block.kind {
        BlockKind::Clause(clause) => {
            let label = &clause.label.text;
            let rest = match &clause.struck_text {
                Some(struck) => struck.as_str(),
                None => clean.find(label.as_str()).map_or(clean, |i| &clean[i + label.len()..]),
            };
            let name = format!("{label} {}", first_words(rest, 60));
            let detail = block.is_deleted().then(|| "deleted".to_string());
            (name, SymbolKind::Clause, placed.abs(&clause.label.range), detail)
        }
        BlockKind::Tag(tag) => {
            let mut name =
                format!("{}/{}{}/{}", tag.source, tag.document, tag.addendum.as_deref().unwrap_or(""), tag.number);
            if let Some(proposer) = &tag.proposer {
                name.push_str(&format!(" {proposer}"));
            }
            let detail = tag.option.map(|n| format!("option {n}"));
            (name, SymbolKind::Tag, range.clone(), detail.or(Some("proposal".into())))
        }
        BlockKind::OptionMarker { number } => (format!("Option {number}"), SymbolKind::Option, range.clone(), None),
        BlockKind::DocumentNumber | BlockKind::EnactingFormula => {
            (first_words(clean, 80), SymbolKind::Paragraph, range.clone(), None)
        }
        BlockKind::Paragraph | BlockKind::Heading(_) => return None,
    };
    Some(Symbol { name, detail, kind, range: range.clone(), selection, children: Vec::new() })
}

pub fn symbols(sections: &[Section]) -> Vec<Symbol> {
    let mut out = Vec::new();
    for section in sections {
        let children: Vec<Symbol> = section.blocks.iter().filter_map(block_symbol).collect();
        let end = section.blocks.last().map(|b| b.range().end);
        match section.heading {
            Some(heading) => {
                let name = first_words(heading.block.clean.text.trim().trim_matches(['*', '_']).trim(), 80);
                let detail = Some(if section.is_operative() { "operative" } else { "preambular" }.to_string());
                let range = heading.range().start..end.unwrap_or(heading.range().end).max(heading.range().end);
                out.push(Symbol {
                    name,
                    detail,
                    kind: SymbolKind::Section,
                    range,
                    selection: heading.range(),
                    children,
                });
            }
            None if !children.is_empty() => {
                let range = section.blocks[0].range().start..end.unwrap_or_default();
                let selection = section.blocks[0].range();
                out.push(Symbol {
                    name: "Title block".into(),
                    detail: None,
                    kind: SymbolKind::TitleBlock,
                    range,
                    selection,
                    children,
                });
            }
            None => {}
        }
    }
    out
}

/// Folding: sections, clauses and paragraphs over several lines, proposal
/// blocks (a tag and the blocks it introduces), deleted blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub range: Range<usize>,
    pub deleted: bool,
}

pub fn folds(sections: &[Section]) -> Vec<Fold> {
    let mut out = Vec::new();
    for section in sections {
        if let (Some(heading), Some(last)) = (section.heading, section.blocks.last()) {
            out.push(Fold { range: heading.range().start..last.range().end, deleted: false });
        }
        for (i, placed) in section.blocks.iter().enumerate() {
            out.push(Fold { range: placed.range(), deleted: placed.block.is_deleted() });
            if matches!(placed.block.kind, BlockKind::Tag(_)) {
                // A proposal: the tag, the unlabelled text after it, and the
                // first clause after it.
                let mut end = None;
                for next in &section.blocks[i + 1..] {
                    match next.block.kind {
                        BlockKind::Paragraph => end = Some(next.range().end),
                        BlockKind::Clause(_) => {
                            end = Some(next.range().end);
                            break;
                        }
                        _ => break,
                    }
                }
                if let Some(end) = end {
                    out.push(Fold { range: placed.range().start..end, deleted: false });
                }
            }
        }
    }
    out
}
