//! The draft as sections of blocks: what the checks and IDE features read.

use std::ops::Range;

use crate::document::Document;
use crate::syntax::{Block, BlockKind};

/// A block with its absolute range.
#[derive(Clone, Copy)]
pub struct Placed<'d> {
    pub start: usize,
    pub block: &'d Block,
}

impl<'d> Placed<'d> {
    pub fn range(&self) -> Range<usize> {
        self.start + self.block.range.start..self.start + self.block.range.end
    }

    pub fn abs(&self, relative: &Range<usize>) -> Range<usize> {
        self.start + relative.start..self.start + relative.end
    }
}

/// A heading and the blocks up to the next heading; the blocks before the
/// first heading (the title block) form a section without heading.
pub struct Section<'d> {
    pub heading: Option<Placed<'d>>,
    pub blocks: Vec<Placed<'d>>,
}

impl Section<'_> {
    /// Preambular sections number their clauses with letters by default,
    /// operative ones with numbers.
    pub fn is_operative(&self) -> bool {
        self.heading.is_some_and(|h| matches!(&h.block.kind, BlockKind::Heading(heading) if heading.operative))
    }
}

pub fn sections(doc: &Document) -> Vec<Section<'_>> {
    let mut out = vec![Section { heading: None, blocks: Vec::new() }];
    for (start, block) in doc.blocks() {
        let placed = Placed { start, block };
        if matches!(block.kind, BlockKind::Heading(_)) {
            out.push(Section { heading: Some(placed), blocks: Vec::new() });
        } else {
            out.last_mut().expect("there is always a section").blocks.push(placed);
        }
    }
    out
}
