//! Clause lettering: lists, slots and the labels they expect.
//!
//! The rules (also in grammar/FORMAT.md, "Lettering rules"):
//! - In a section, clauses form lists by label style and depth. The top list
//!   is letters in preambular sections and numbers in operative ones, or
//!   whatever its first clause uses. A sub-list starts after a clause ending
//!   in `:` or at a clause indented deeper than its list; its style is what
//!   its labels use. `i`, `v`, `x` … are letters or roman numerals, whichever
//!   starts or continues a sequence.
//! - A clause struck out as a whole takes no slot. Labels are read after
//!   revision marks. Alternatives share a slot: the clauses right after
//!   `Option N` markers or tags ending in `option N`, and a tagged clause
//!   (right after a proposal tag) with the label of the slot before it.
//! - The first slot expects `a)`/`1`/`i)`; every other slot the successor of
//!   the slot before it (of that slot's expected label if its own was
//!   malformed). A wrong label is reported once, where the break is.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, Edit, Fix, Related, Severity};
use crate::labels::{Family, Reading, readings, render};
use crate::model::{Placed, Section};
use crate::syntax::BlockKind;

pub const BROKEN_LETTERING: &str = "broken-lettering";
pub const DUPLICATE_LABEL: &str = "duplicate-label";

/// A clause's label in a list.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The label's absolute range and text.
    pub range: Range<usize>,
    pub text: String,
    pub clause: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Slot {
    /// The label's value, `None` when malformed.
    pub value: Option<u32>,
    pub expected: u32,
    /// The clause that opened the slot, then its alternatives.
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
pub struct List {
    pub family: Family,
    /// Nesting depth: 0 for a section's top list.
    pub depth: usize,
    pub indent: usize,
    pub slots: Vec<Slot>,
}

impl List {
    fn next_expected(&self) -> u32 {
        self.slots.last().map_or(1, |s| s.value.unwrap_or(s.expected) + 1)
    }
}

/// Where a label sits: for hover and fixes.
#[derive(Clone, Debug)]
pub struct LabelInfo {
    pub list: usize,
    pub slot: usize,
}

#[derive(Default)]
pub struct Lettering {
    pub lists: Vec<List>,
    /// For each checked clause's label start: its list and slot.
    pub labels: Vec<(usize, LabelInfo)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Lettering {
    pub fn label_at(&self, offset: usize) -> Option<(&LabelInfo, &Entry)> {
        self.labels.iter().find_map(|(_, info)| {
            let entry = self.lists[info.list].slots[info.slot].entries.iter().find(|e| e.range.contains(&offset))?;
            Some((info, entry))
        })
    }

    /// Edits that renumber `list` from `from_slot` on, so each slot gets the
    /// value its position asks for; only labels that change are edited.
    pub fn renumber(&self, list: usize, from_slot: usize) -> Vec<Edit> {
        let list = &self.lists[list];
        let first = list.slots.get(from_slot).map_or(1, |s| s.expected);
        let mut edits = Vec::new();
        for (value, slot) in (first..).zip(&list.slots[from_slot..]) {
            for entry in &slot.entries {
                let new_text = render(list.family, value, &entry.text);
                if new_text != entry.text {
                    edits.push(Edit { range: entry.range.clone(), new_text });
                }
            }
        }
        edits
    }

    /// Renumbering of every list that has a lettering diagnostic.
    pub fn fix_all(&self) -> Vec<Edit> {
        // Runs on every code-action request: one pass over the labels, not one per diagnostic.
        let list_of: std::collections::HashMap<usize, usize> =
            self.labels.iter().map(|(start, info)| (*start, info.list)).collect();
        let mut broken: Vec<usize> =
            self.diagnostics.iter().filter_map(|d| list_of.get(&d.range.start).copied()).collect();
        broken.sort_unstable();
        broken.dedup();
        broken.into_iter().flat_map(|list| self.renumber(list, 0)).collect()
    }
}

/// The nearest block before `index` that is not struck out.
fn previous_live<'a, 'd>(blocks: &'a [Placed<'d>], index: usize) -> Option<&'a Placed<'d>> {
    blocks[..index].iter().rev().find(|b| !b.block.is_deleted())
}

/// `Some(n)` when the block is an `Option n` marker or a tag ending in `option n`.
fn option_number(block: Option<&Placed>) -> Option<u32> {
    match &block?.block.kind {
        BlockKind::OptionMarker { number } => Some(*number),
        BlockKind::Tag(tag) => tag.option,
        _ => None,
    }
}

struct Open {
    list: usize,
    /// The last clause placed in this list ends with a colon.
    opens_sublist: bool,
}

struct SectionState<'l> {
    lettering: &'l mut Lettering,
    stack: Vec<Open>,
    default_family: Family,
    /// The slot shared by the alternatives of an option group.
    option_slot: Option<(usize, usize)>,
    /// Slots whose label is not the expected one.
    breaks: &'l mut Vec<(usize, usize, Entry)>,
}

enum Target {
    Existing(usize),
    New(Family),
}

fn starting_reading(readings: &[Reading]) -> Option<Reading> {
    // A new list of `i)` is roman; of `a)` letters; of `1` numbers.
    readings.iter().copied().filter(|r| r.value == Some(1)).max_by_key(|r| r.family == Family::Roman)
}

impl SectionState<'_> {
    fn list(&self, open: &Open) -> &List {
        &self.lettering.lists[open.list]
    }

    fn choose(&self, readings: &[Reading], indent: usize) -> Target {
        let Some(innermost) = self.stack.last() else {
            let family = readings
                .iter()
                .find(|r| r.family == self.default_family)
                .or_else(|| readings.iter().find(|r| r.value == Some(1)))
                .or(readings.first())
                .map_or(self.default_family, |r| r.family);
            return Target::New(family);
        };
        let inner = self.list(innermost);
        if innermost.opens_sublist || indent > inner.indent {
            if let Some(start) = starting_reading(readings) {
                return Target::New(start.family);
            }
            if let Some(first) = readings.iter().find(|r| r.value.is_some())
                && !readings.iter().any(|r| r.family == inner.family)
            {
                return Target::New(first.family);
            }
        }
        // A list the label continues exactly, innermost first.
        for (depth, open) in self.stack.iter().enumerate().rev() {
            let list = self.list(open);
            if readings.iter().any(|r| r.family == list.family && r.value == Some(list.next_expected())) {
                return Target::Existing(depth);
            }
        }
        // Otherwise the innermost list of the label's style.
        for (depth, open) in self.stack.iter().enumerate().rev() {
            if readings.iter().any(|r| r.family == self.list(open).family) {
                return Target::Existing(depth);
            }
        }
        Target::New(readings[0].family)
    }

    fn place(&mut self, blocks: &[Placed], index: usize) {
        let placed = &blocks[index];
        let BlockKind::Clause(clause) = &placed.block.kind else {
            return;
        };
        let readings = readings(&clause.label.text);
        if readings.is_empty() {
            return;
        }
        let entry =
            Entry { range: placed.abs(&clause.label.range), text: clause.label.text.clone(), clause: placed.range() };
        let previous = previous_live(blocks, index);
        let option = option_number(previous);

        // An alternative of an option group joins the group's slot.
        if let (Some(n), Some((list, slot))) = (option, self.option_slot)
            && n > 1
            && self.stack.iter().any(|o| o.list == list)
        {
            self.join(list, slot, entry, &readings);
            return;
        }

        let (list, depth) = match self.choose(&readings, clause.indent) {
            Target::Existing(depth) => {
                self.stack.truncate(depth + 1);
                (self.stack[depth].list, depth)
            }
            Target::New(family) => {
                let depth = self.stack.len();
                self.lettering.lists.push(List { family, depth, indent: clause.indent, slots: Vec::new() });
                let list = self.lettering.lists.len() - 1;
                self.stack.push(Open { list, opens_sublist: false });
                (list, depth)
            }
        };
        self.stack[depth].opens_sublist = placed.block.ends_with_colon();
        let family = self.lettering.lists[list].family;
        let value = readings.iter().find(|r| r.family == family).and_then(|r| r.value);

        // A tagged clause with the label of the slot before it competes for that slot.
        let tagged = previous.is_some_and(|p| matches!(p.block.kind, BlockKind::Tag(_)));
        let last_slot = self.lettering.lists[list].slots.len().checked_sub(1);
        if tagged
            && let Some(last) = last_slot
            && value.is_some()
            && self.lettering.lists[list].slots[last].value == value
        {
            self.join(list, last, entry, &readings);
            self.option_slot = option.map(|_| (list, last));
            return;
        }

        let expected = self.lettering.lists[list].next_expected();
        let slot_index = self.lettering.lists[list].slots.len();
        self.lettering.lists[list].slots.push(Slot { value, expected, entries: vec![entry.clone()] });
        self.lettering.labels.push((entry.range.start, LabelInfo { list, slot: slot_index }));
        self.option_slot = option.map(|_| (list, slot_index));
        if value != Some(expected) {
            // Reported once the whole list is known, so the renumbering fix
            // covers the rest of it.
            self.breaks.push((list, slot_index, entry));
        }
    }

    fn join(&mut self, list: usize, slot: usize, entry: Entry, readings: &[Reading]) {
        let family = self.lettering.lists[list].family;
        let value = readings.iter().find(|r| r.family == family).and_then(|r| r.value);
        let target = &self.lettering.lists[list].slots[slot];
        let differs = value != target.value.or(Some(target.expected));
        self.lettering.lists[list].slots[slot].entries.push(entry.clone());
        self.lettering.labels.push((entry.range.start, LabelInfo { list, slot }));
        if differs {
            let expected = render(family, target_value(&self.lettering.lists[list].slots[slot]), &entry.text);
            let message = format!("`{}` is an alternative for `{expected}` and should carry its label", entry.text);
            let fix = relabel_fix(&entry, &expected);
            self.lettering.diagnostics.push(Diagnostic {
                range: entry.range.clone(),
                severity: Severity::Warning,
                code: BROKEN_LETTERING,
                message,
                related: Vec::new(),
                fixes: vec![fix],
            });
        }
    }
}

impl Lettering {
    fn report(&mut self, list_index: usize, slot_index: usize, entry: &Entry) {
        let list = &self.lists[list_index];
        let slot = &list.slots[slot_index];
        let expected = render(list.family, slot.expected, &entry.text);
        let earlier = slot
            .value
            .and_then(|v| list.slots[..slot_index].iter().position(|s| s.value == Some(v)))
            .map(|i| &list.slots[i]);
        let (code, message, related) = match (slot.value, earlier) {
            (Some(_), Some(earlier)) => (
                DUPLICATE_LABEL,
                format!("`{}` already labels an earlier paragraph of this list; expected `{expected}`", entry.text),
                vec![Related {
                    range: earlier.entries[0].range.clone(),
                    message: format!("`{}` first used here", earlier.entries[0].text),
                }],
            ),
            (None, _) => {
                (BROKEN_LETTERING, format!("`{}` is not a valid label; expected `{expected}`", entry.text), vec![])
            }
            (Some(_), None) if slot_index == 0 => {
                (BROKEN_LETTERING, format!("the list starts at `{}`; expected `{expected}`", entry.text), vec![])
            }
            (Some(v), None) if v > slot.expected => (
                BROKEN_LETTERING,
                format!("`{}` skips {}", entry.text, skipped(list.family, slot.expected, v, &entry.text)),
                vec![],
            ),
            (Some(_), None) => {
                (BROKEN_LETTERING, format!("`{}` is out of order; expected `{expected}`", entry.text), vec![])
            }
        };
        let mut fixes = vec![relabel_fix(entry, &expected)];
        let renumber = self.renumber(list_index, slot_index);
        if !renumber.is_empty() {
            fixes.push(Fix {
                title: "Renumber the rest of this list".into(),
                edits: renumber,
                preferred: false,
                safe: true,
            });
        }
        self.diagnostics.push(Diagnostic {
            range: entry.range.clone(),
            severity: Severity::Warning,
            code,
            message,
            related,
            fixes,
        });
    }
}

fn target_value(slot: &Slot) -> u32 {
    slot.value.unwrap_or(slot.expected)
}

fn skipped(family: Family, from: u32, to: u32, like: &str) -> String {
    let names: Vec<String> = (from..to).take(3).map(|v| format!("`{}`", render(family, v, like))).collect();
    if to - from > 3 { format!("{}, …", names.join(", ")) } else { names.join(", ") }
}

fn relabel_fix(entry: &Entry, expected: &str) -> Fix {
    Fix {
        title: format!("Relabel as `{expected}`"),
        edits: vec![Edit { range: entry.range.clone(), new_text: expected.to_string() }],
        preferred: true,
        safe: false,
    }
}

/// Checks the lettering of every section.
pub fn check(sections: &[Section]) -> Lettering {
    let mut lettering = Lettering::default();
    let mut breaks = Vec::new();
    for section in sections {
        let mut state = SectionState {
            breaks: &mut breaks,
            lettering: &mut lettering,
            stack: Vec::new(),
            default_family: if section.is_operative() { Family::Number } else { Family::Letter },
            option_slot: None,
        };
        for (index, placed) in section.blocks.iter().enumerate() {
            if placed.block.is_deleted() {
                continue;
            }
            if matches!(placed.block.kind, BlockKind::Clause(_)) {
                state.place(&section.blocks, index);
            }
        }
    }
    for (list, slot, entry) in breaks {
        lettering.report(list, slot, &entry);
    }
    lettering.diagnostics.sort_by_key(|d| d.range.start);
    lettering
}
