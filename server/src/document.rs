//! An open draft: a rope, and one small tree per group of blocks.
//!
//! A group is a run of non-blank lines (blocks separated by blank lines, or
//! several blocks that start on consecutive lines). The grammar closes every
//! construct inside its group, so a group parses alone exactly as inside the
//! whole text. An edit re-parses only the groups it touches (merging or
//! splitting them when it adds or removes blank lines), with `Tree::edit` and
//! an incremental reparse when it stays inside one group. A whole-document
//! tree would re-parse most of a large flat draft on every keystroke.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use ropey::Rope;
use tree_sitter::{InputEdit, Parser, Point, Tree};

use crate::syntax::{self, Block};
use crate::text::{is_blank_char, line_content_end, line_ranges};

/// A group's text and what was parsed from it; shared between snapshots.
pub struct Parsed {
    pub text: String,
    /// Kept for groups an edit parsed (the next keystroke is likely there);
    /// groups read when the draft was opened keep only their blocks, which
    /// takes a few times less memory, and are parsed again when edited.
    tree: Option<Tree>,
    /// The group's blocks, with ranges relative to the group's start.
    pub blocks: Vec<Block>,
}

#[derive(Clone)]
pub struct Group {
    /// Byte offset of the group in the document.
    pub start: usize,
    pub parsed: Arc<Parsed>,
}

impl Group {
    pub fn end(&self) -> usize {
        self.start + self.parsed.text.len()
    }
}

/// Cheap to clone (the rope is shared, the groups are reference-counted), so
/// the analysis can run on a snapshot while new edits arrive.
#[derive(Clone)]
pub struct Document {
    rope: Rope,
    groups: Vec<Group>,
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_resolution::LANGUAGE.into())
        .expect("the grammar's ABI matches the tree-sitter crate");
    parser
}

fn is_blank_line(line: &str) -> bool {
    line.chars().all(|c| is_blank_char(c) || c == '\n' || c == '\r')
}

/// Ranges (relative to `text`) of the runs of non-blank lines in `text`.
fn group_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in line_ranges(text) {
        if is_blank_line(&text[line.clone()]) {
            out.extend(current.take());
        } else {
            current = Some(match current {
                Some(run) => run.start..line.end,
                None => line,
            });
        }
    }
    out.extend(current);
    out
}

impl Parsed {
    /// The group's tree: the one kept, or a fresh parse of its text.
    pub fn tree(&self) -> Cow<'_, Tree> {
        match &self.tree {
            Some(tree) => Cow::Borrowed(tree),
            None => {
                Cow::Owned(new_parser().parse(&self.text, None).expect("parsing has no timeout or cancellation set"))
            }
        }
    }
}

fn parse_group(parser: &mut Parser, text: String, start: usize, old: Option<&Tree>, keep_tree: bool) -> Group {
    let tree = parser.parse(&text, old).expect("parsing has no timeout or cancellation set");
    let blocks = syntax::blocks(&tree, &text);
    let tree = keep_tree.then_some(tree);
    Group { start, parsed: Arc::new(Parsed { text, tree, blocks }) }
}

/// Regions larger than this are parsed on every core (a parser per thread).
const PARALLEL_PARSE: usize = 256 * 1024;

fn parse_region(parser: &mut Parser, region: &str, base: usize, keep_trees: bool) -> Vec<Group> {
    let ranges = group_ranges(region);
    let parse = |parser: &mut Parser, r: Range<usize>| {
        parse_group(parser, region[r.clone()].to_string(), base + r.start, None, keep_trees)
    };
    if region.len() < PARALLEL_PARSE {
        return ranges.into_iter().map(|r| parse(parser, r)).collect();
    }
    ranges.into_par_iter().map_init(new_parser, parse).collect()
}

/// The tree-sitter point (row by `\n`, column in bytes) of `offset` in `text`.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Point { row, column }
}

impl Document {
    pub fn new(text: &str) -> Document {
        Document { rope: Rope::from_str(text), groups: parse_region(&mut new_parser(), text, 0, false) }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn len(&self) -> usize {
        self.rope.len_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.rope.len_bytes() == 0
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Every block with its absolute range.
    pub fn blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.groups.iter().flat_map(|g| g.parsed.blocks.iter().map(move |b| (g.start, b)))
    }

    /// Replaces `range` (byte offsets, on character boundaries, within the
    /// text) with `new_text`, and re-parses the groups the edit touches.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let old_len = self.rope.len_bytes();
        assert!(range.start <= range.end && range.end <= old_len, "edit range {range:?} outside 0..{old_len}");
        let char_start = self.rope.byte_to_char(range.start);
        let char_end = self.rope.byte_to_char(range.end);
        self.rope.remove(char_start..char_end);
        self.rope.insert(char_start, new_text);
        let delta = new_text.len() as isize - range.len() as isize;
        let new_end = range.start + new_text.len();

        // The region to re-read: whole lines around the edit, extended over
        // neighbouring non-blank lines, so that it starts and ends at a blank
        // line or at the text's ends.
        let rope = &self.rope;
        let mut first_line = rope.byte_to_line(range.start);
        while first_line > 0 && !is_blank_line(&rope.line(first_line - 1).to_string()) {
            first_line -= 1;
        }
        let mut last_line = rope.byte_to_line(new_end);
        while last_line + 1 < rope.len_lines() && !is_blank_line(&rope.line(last_line + 1).to_string()) {
            last_line += 1;
        }
        let region_start = rope.line_to_byte(first_line);
        let region_end = line_content_end(rope, last_line).max(new_end);
        let region_end_old = (region_end as isize - delta) as usize;

        // Groups wholly inside the region (in old offsets) are replaced.
        let first = self.groups.partition_point(|g| g.end() < region_start);
        let last = self.groups.partition_point(|g| g.start <= region_end_old);
        let region = self.rope.byte_slice(region_start..region_end).to_string();
        let ranges = group_ranges(&region);

        let mut parser = new_parser();
        let replaced: Vec<Group> = self.groups.drain(first..last.max(first)).collect();
        let mut fresh = Vec::with_capacity(ranges.len());
        if let ([old], [new]) = (replaced.as_slice(), ranges.as_slice()) {
            // One group before and after: an incremental reparse of it.
            let new_start = region_start + new.start;
            let text = region[new.clone()].to_string();
            // The edit must lie inside the group before and after (a line
            // break typed at its end is not part of it), and the group must
            // have kept its tree.
            let inside_new = range.start >= new_start && new_end <= new_start + text.len();
            let kept = old.parsed.tree.clone();
            if let Some(mut tree) = kept
                && range.start >= old.start
                && range.end <= old.end()
                && new_start == old.start
                && inside_new
            {
                let (start_in_old, end_in_old) = (range.start - old.start, range.end - old.start);
                tree.edit(&InputEdit {
                    start_byte: start_in_old,
                    old_end_byte: end_in_old,
                    new_end_byte: start_in_old + new_text.len(),
                    start_position: point_at(&old.parsed.text, start_in_old),
                    old_end_position: point_at(&old.parsed.text, end_in_old),
                    new_end_position: point_at(&text, start_in_old + new_text.len()),
                });
                fresh.push(parse_group(&mut parser, text, new_start, Some(&tree), true));
            } else {
                fresh.push(parse_group(&mut parser, text, new_start, None, true));
            }
        } else {
            fresh = parse_region(&mut parser, &region, region_start, true);
        }
        for group in &mut self.groups[first..] {
            // A group after the edit keeps its tree; only its offset moves.
            group.start = (group.start as isize + delta) as usize;
        }
        self.groups.splice(first..first, fresh);
    }

    /// The S-expressions of every group, in order: what a fresh parse of the
    /// current text must also give.
    pub fn sexps(&self) -> Vec<(usize, String)> {
        self.groups.iter().map(|g| (g.start, g.parsed.tree().root_node().to_sexp())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_same_as_fresh(doc: &Document) {
        let fresh = Document::new(&doc.text());
        assert_eq!(doc.sexps(), fresh.sexps(), "text: {:?}", doc.text());
        let blocks: Vec<_> = doc.blocks().map(|(s, b)| (s, b.clone())).collect();
        let fresh_blocks: Vec<_> = fresh.blocks().map(|(s, b)| (s, b.clone())).collect();
        assert_eq!(blocks, fresh_blocks);
    }

    #[test]
    fn groups_are_runs_of_non_blank_lines() {
        let text = "\n\nrecalling\n\na) one\nb) two\n \t\n\nc) three";
        let doc = Document::new(text);
        let groups: Vec<_> = doc.groups().iter().map(|g| g.parsed.text.as_str()).collect();
        assert_eq!(groups, ["recalling", "a) one\nb) two", "c) three"]);
        assert_eq!(doc.groups()[2].start, text.find("c)").unwrap());
    }

    #[test]
    fn edits_split_and_merge_groups() {
        let mut doc = Document::new("recalling\n\na) one\nb) two\n\nc) three\n");
        let at = doc.text().find("b)").unwrap();
        doc.edit(at..at, "\n");
        assert_eq!(doc.groups().len(), 4);
        assert_same_as_fresh(&doc);
        let at = doc.text().find("\n\nc)").unwrap();
        doc.edit(at..at + 2, " ");
        assert_same_as_fresh(&doc);
        let at = doc.text().find("one").unwrap();
        doc.edit(at..at + 3, "é 😀 –");
        assert_same_as_fresh(&doc);
        doc.edit(0..doc.len(), "");
        assert!(doc.groups().is_empty());
    }

    #[test]
    fn a_line_typed_next_to_a_group_joins_it() {
        let mut doc = Document::new("a) one\n\n\nb) two");
        let at = doc.text().find("\n\nb)").unwrap() + 1;
        doc.edit(at..at, "more");
        assert_same_as_fresh(&doc);
    }
}
