//! Semantic tokens, so every LSP editor highlights drafts without
//! tree-sitter: headings, labels, proposal tags, citations, conference names,
//! deletions (marked deprecated) and insertions.

use std::ops::Range;

use tree_sitter::Node;

use crate::document::Document;
use crate::text::line_ranges;

/// Token kinds, in the order of the legend the LSP layer announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Label,
    Tag,
    Citation,
    Conference,
    Deletion,
    Insertion,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::Heading, Kind::Label, Kind::Tag, Kind::Citation, Kind::Conference, Kind::Deletion, Kind::Insertion];

    fn of(node_kind: &str) -> Option<Kind> {
        Some(match node_kind {
            "preambular_heading" | "operative_heading" | "document_number" => Kind::Heading,
            "label" | "list_marker" => Kind::Label,
            "proposal_tag" | "option_marker" => Kind::Tag,
            "citation" => Kind::Citation,
            "conference" | "action_plan" => Kind::Conference,
            "deletion" | "removal" => Kind::Deletion,
            "insertion" | "addition" => Kind::Insertion,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Within one line.
    pub range: Range<usize>,
    pub kind: Kind,
    /// Inside a deletion: struck out, whatever it is.
    pub deleted: bool,
}

/// Paints `kinds` (one slot per byte of the group) with the tokens of `node`
/// and its descendants; inner nodes paint over outer ones and keep their
/// deletion's mark.
fn paint(node: Node, kinds: &mut [Option<(Kind, bool)>], deleted: bool) {
    let kind = Kind::of(node.kind());
    let deleted = deleted || kind == Some(Kind::Deletion);
    if let Some(kind) = kind {
        kinds[node.byte_range()].fill(Some((kind, deleted)));
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        paint(child, kinds, deleted);
    }
}

/// The tokens of the groups that overlap `range` (the whole text if `None`),
/// in order, each on one line.
pub fn tokens(doc: &Document, range: Option<Range<usize>>) -> Vec<Token> {
    let mut out = Vec::new();
    for group in doc.groups() {
        if let Some(range) = &range
            && (group.end() < range.start || group.start > range.end)
        {
            continue;
        }
        let text = &group.parsed.text;
        let mut kinds = vec![None; text.len()];
        paint(group.parsed.tree().root_node(), &mut kinds, false);
        for line in line_ranges(text) {
            let mut at = line.start;
            while at < line.end {
                let kind = kinds[at];
                let run_end = (at..line.end).find(|&i| kinds[i] != kind).unwrap_or(line.end);
                if let Some((kind, deleted)) = kind {
                    // Leading and trailing blanks of a run are not part of a token.
                    let piece = &text[at..run_end];
                    let start = at + (piece.len() - piece.trim_start().len());
                    let end = run_end - (piece.len() - piece.trim_end().len());
                    if start < end {
                        out.push(Token { range: group.start + start..group.start + end, kind, deleted });
                    }
                }
                at = run_end;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_constructs_and_stay_on_their_line() {
        let text =
            "recalling\n\nARB/79A2/13\n\na) Resolution 45 (Rev. Dubai, 2014) ~~old\nstill old~~ [new](#) at WTDC-14";
        let doc = Document::new(text);
        let found: Vec<(&str, Kind)> = tokens(&doc, None).iter().map(|t| (&text[t.range.clone()], t.kind)).collect();
        let struck: Vec<bool> = tokens(&doc, None).iter().map(|t| t.deleted).collect();
        assert_eq!(struck, [false, false, false, false, true, true, false, false]);
        assert_eq!(
            found,
            [
                ("recalling", Kind::Heading),
                ("ARB/79A2/13", Kind::Tag),
                ("a)", Kind::Label),
                ("Resolution 45 (Rev. Dubai, 2014)", Kind::Citation),
                ("~~old", Kind::Deletion),
                ("still old~~", Kind::Deletion),
                ("[new](#)", Kind::Insertion),
                ("WTDC-14", Kind::Conference),
            ]
        );
        let ranged = tokens(&doc, Some(text.find("ARB").unwrap()..text.find("ARB").unwrap() + 3));
        assert_eq!(ranged.len(), 1);
    }
}
