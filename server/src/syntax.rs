//! From tree-sitter trees to the draft model: typed blocks (headings, clauses,
//! paragraphs, proposal tags, option markers, title lines) with their labels,
//! revision marks and the text a reader sees once revisions are applied.
//!
//! Ranges here are relative to the text that was parsed (one block group of
//! the document); `document` adds the group's offset.

use std::ops::Range;

use tree_sitter::{Node, Tree};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Revision and inline marks, for the malformed-change check.
    pub marks: Vec<Mark>,
    /// Revision marks inside the block, as applied to its text.
    pub clean: CleanText,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading(Heading),
    Clause(Clause),
    Paragraph,
    Tag(Tag),
    OptionMarker { number: u32 },
    DocumentNumber,
    EnactingFormula,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub operative: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub label: Label,
    /// The clause is struck out from its label on (`~~c) ...~~`).
    pub deleted: bool,
    /// Width of the white space before the list marker or label (a tab counts 4).
    pub indent: usize,
    /// The first words of a struck-out clause (its clean text is empty).
    pub struck_text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The label's own characters, after any revision marks (`d)` in `~~e~~d)`).
    pub range: Range<usize>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub source: String,
    pub document: String,
    pub addendum: Option<String>,
    pub number: String,
    pub proposer: Option<String>,
    pub option: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Deletion,
    Insertion,
    Addition,
    Removal,
    Substitution,
    Highlight,
    Comment,
}

impl MarkKind {
    pub fn describe(self) -> &'static str {
        match self {
            MarkKind::Deletion => "deletion `~~`",
            MarkKind::Insertion => "insertion `[…](#)`",
            MarkKind::Addition => "addition `{++ ++}`",
            MarkKind::Removal => "removal `{-- --}`",
            MarkKind::Substitution => "substitution `{~~ ~> ~~}`",
            MarkKind::Highlight => "highlight `{== ==}`",
            MarkKind::Comment => "comment `{>> <<}`",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub kind: MarkKind,
    pub range: Range<usize>,
    /// The opening delimiter's range.
    pub opener: Range<usize>,
    pub closed: bool,
}

/// The text of a block once revisions are applied (deletions dropped,
/// insertions kept without their brackets), mapped back to the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CleanText {
    pub text: String,
    /// (offset in `text`, offset in the source, length) of each kept piece.
    pub pieces: Vec<(usize, usize, usize)>,
}

impl CleanText {
    /// The source offset of a clean-text offset.
    pub fn to_source(&self, clean: usize) -> usize {
        let i = self.pieces.partition_point(|&(c, _, _)| c <= clean).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(c, s, len)) => s + (clean - c).min(len),
            None => 0,
        }
    }

    /// The source range of a clean-text range.
    pub fn range_to_source(&self, clean: Range<usize>) -> Range<usize> {
        let start = self.to_source(clean.start);
        let end = if clean.end > clean.start { self.to_source(clean.end - 1) + 1 } else { start };
        start..end.max(start)
    }

    fn push(&mut self, source: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.pieces.push((self.text.len(), range.start, range.len()));
        self.text.push_str(&source[range]);
    }
}

fn text<'s>(node: Node, source: &'s str) -> &'s str {
    &source[node.byte_range()]
}

/// The delimiters of marks, dropped from the clean text (a bracket of
/// `[not yet agreed]` text stays).
fn is_delimiter(node: Node) -> bool {
    if node.is_named() {
        return false;
    }
    let Some(parent) = node.parent() else {
        return false;
    };
    matches!(
        (parent.kind(), node.kind()),
        ("insertion", "[" | "](#)")
            | ("emphasis", "*")
            | ("strong", "**")
            | ("superscript", "^{" | "}")
            | ("addition", "{++" | "++}")
            | ("highlight", "{==" | "==}")
            | ("substitution", "{~~" | "~>" | "~~}")
    )
}

/// Pieces of `node` kept once revisions are applied.
fn collect_clean(node: Node, out: &mut Vec<Range<usize>>) {
    match node.kind() {
        "deletion" | "removal" | "comment" | "old" => return,
        _ => {}
    }
    if node.child_count() == 0 {
        if !is_delimiter(node) {
            out.push(node.byte_range());
        }
        return;
    }
    let mut cursor = node.walk();
    let mut last_end = node.start_byte();
    for child in node.children(&mut cursor) {
        // Source between children (white space, hidden words) belongs to the node.
        if child.start_byte() > last_end {
            out.push(last_end..child.start_byte());
        }
        collect_clean(child, out);
        last_end = child.end_byte();
    }
    if node.end_byte() > last_end {
        out.push(last_end..node.end_byte());
    }
}

fn clean_text(node: Node, source: &str) -> CleanText {
    let mut ranges = Vec::new();
    collect_clean(node, &mut ranges);
    let mut clean = CleanText::default();
    for range in ranges {
        // Join adjacent pieces so a mapping stays short.
        if let Some(last) = clean.pieces.last_mut()
            && last.1 + last.2 == range.start
        {
            last.2 += range.len();
            clean.text.push_str(&source[range]);
            continue;
        }
        clean.push(source, range);
    }
    clean
}

fn mark_kind(kind: &str) -> Option<(MarkKind, &'static str)> {
    Some(match kind {
        "deletion" => (MarkKind::Deletion, "~~"),
        "insertion" => (MarkKind::Insertion, "](#)"),
        "addition" => (MarkKind::Addition, "++}"),
        "removal" => (MarkKind::Removal, "--}"),
        "substitution" => (MarkKind::Substitution, "~~}"),
        "highlight" => (MarkKind::Highlight, "==}"),
        "comment" => (MarkKind::Comment, "<<}"),
        _ => return None,
    })
}

fn collect_marks(node: Node, out: &mut Vec<Mark>) {
    if let Some((kind, closer)) = mark_kind(node.kind()) {
        let opener = node.child(0).map(|c| c.byte_range()).unwrap_or(node.start_byte()..node.start_byte());
        let last = node.child(node.child_count().saturating_sub(1));
        let closed = node.child_count() > 1 && last.is_some_and(|c| c.kind() == closer);
        out.push(Mark { kind, range: node.byte_range(), opener, closed });
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_marks(child, out);
    }
}

fn indent_before(source: &str, start: usize) -> usize {
    let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    source[line_start..start].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

fn label_of(label: Node, source: &str) -> Label {
    // The label's own text follows its revision marks.
    let mut start = label.start_byte();
    let mut cursor = label.walk();
    for child in label.named_children(&mut cursor) {
        start = start.max(child.end_byte());
    }
    let range = start..label.end_byte();
    Label { text: source[range.clone()].to_string(), range }
}

fn clause_of(node: Node, source: &str) -> Option<Clause> {
    let mut cursor = node.walk();
    let mut label = None;
    let mut deleted = false;
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "label" => {
                label = Some(label_of(child, source));
                break;
            }
            "deletion" => {
                let mut inner = child.walk();
                if let Some(l) = child.named_children(&mut inner).find(|c| c.kind() == "label") {
                    label = Some(label_of(l, source));
                    deleted = true;
                }
                break;
            }
            _ => {}
        }
    }
    let label = label?;
    let struck_text = deleted.then(|| {
        let rest = &source[label.range.end..node.end_byte()];
        rest.trim_end().trim_end_matches('~').chars().take(120).collect()
    });
    Some(Clause { label, deleted, indent: indent_before(source, node.start_byte()), struck_text })
}

fn tag_of(node: Node, source: &str) -> Tag {
    let field = |name: &str| node.child_by_field_name(name).map(|n| text(n, source).to_string());
    let option = node
        .child_by_field_name("option")
        .and_then(|o| o.child_by_field_name("number"))
        .and_then(|n| text(n, source).parse().ok());
    Tag {
        source: field("source").unwrap_or_default(),
        document: field("document").unwrap_or_default(),
        addendum: field("addendum"),
        number: field("number").unwrap_or_default(),
        proposer: field("proposer"),
        option,
    }
}

fn block_of(node: Node, source: &str) -> Option<Block> {
    let kind = match node.kind() {
        "preambular_heading" => BlockKind::Heading(Heading { operative: false }),
        "operative_heading" => BlockKind::Heading(Heading { operative: true }),
        "clause" => BlockKind::Clause(clause_of(node, source)?),
        "paragraph" => BlockKind::Paragraph,
        "proposal_tag" => BlockKind::Tag(tag_of(node, source)),
        "option_marker" => BlockKind::OptionMarker {
            number: node.child_by_field_name("number").and_then(|n| text(n, source).parse().ok()).unwrap_or(0),
        },
        "document_number" => BlockKind::DocumentNumber,
        "enacting_formula" => BlockKind::EnactingFormula,
        _ => return None,
    };
    let mut marks = Vec::new();
    collect_marks(node, &mut marks);
    Some(Block { range: node.byte_range(), kind, marks, clean: clean_text(node, source) })
}

/// The blocks of a parsed text, in order.
pub fn blocks(tree: &Tree, source: &str) -> Vec<Block> {
    let root = tree.root_node();
    let mut out = Vec::new();
    let mut groups = root.walk();
    for group in root.named_children(&mut groups) {
        let mut cursor = group.walk();
        out.extend(group.named_children(&mut cursor).filter_map(|n| block_of(n, source)));
    }
    out
}

impl Block {
    /// Struck out as a whole: a deleted clause, or nothing left once revisions
    /// are applied.
    pub fn is_deleted(&self) -> bool {
        match &self.kind {
            BlockKind::Clause(c) => c.deleted,
            _ => self.clean.text.trim().is_empty(),
        }
    }

    /// The clean text ends with a colon: a list follows.
    pub fn ends_with_colon(&self) -> bool {
        self.clean.text.trim_end().ends_with(':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Vec<Block> {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_resolution::LANGUAGE.into()).unwrap();
        let tree = parser.parse(source, None).unwrap();
        blocks(&tree, source)
    }

    #[test]
    fn labels_are_read_after_revision_marks() {
        let blocks = parse("~~e~~d) that;\n\n~~a) gone;~~\n\n - ii) sub;");
        let labels: Vec<_> = blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Clause(c) => (c.label.text.clone(), c.deleted, c.indent),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(labels, [("d)".into(), false, 0), ("a)".into(), true, 0), ("ii)".into(), false, 1)]);
    }

    #[test]
    fn clean_text_applies_revisions_and_maps_back() {
        let source = "Resolution 69 (~~Hyderabad, 2010~~ Rev. Dubai, 2014) and [new](#) {~~old~>fresh~~}";
        let blocks = parse(source);
        let clean = &blocks[0].clean;
        assert_eq!(clean.text, "Resolution 69 ( Rev. Dubai, 2014) and new fresh");
        let at = clean.text.find("Rev.").unwrap();
        assert_eq!(&source[clean.to_source(at)..clean.to_source(at) + 4], "Rev.");
        let fresh = clean.text.find("fresh").unwrap();
        assert_eq!(&source[clean.range_to_source(fresh..fresh + 5)], "fresh");
    }

    #[test]
    fn unclosed_marks_are_found() {
        let blocks = parse("a) open ~~here and [there](#)");
        let marks: Vec<_> = blocks[0].marks.iter().map(|m| (m.kind, m.closed)).collect();
        assert_eq!(marks, [(MarkKind::Deletion, false), (MarkKind::Insertion, true)]);
    }

    #[test]
    fn tags_have_their_fields() {
        let blocks = parse("B/75/4 Brazil - option 1\n\nRCC/73A1/16 – RCC");
        let BlockKind::Tag(tag) = &blocks[0].kind else { panic!() };
        assert_eq!((tag.source.as_str(), tag.proposer.as_deref(), tag.option), ("B", Some("Brazil"), Some(1)));
        let BlockKind::Tag(tag) = &blocks[1].kind else { panic!() };
        assert_eq!(tag.addendum.as_deref(), Some("A1"));
    }
}
