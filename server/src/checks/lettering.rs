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
//!   revision marks.
//! - Proposals never shift the base text's numbering. A clause right after a
//!   proposal tag or an `Option N` marker is a proposal, labelled as it would
//!   stand in the final text: it fills the base text's next slot when it has
//!   that label, shares the last slot when it repeats its label, and is
//!   otherwise a proposed insertion, checked only for being well formed (and
//!   the clauses that continue its own sequence with it).
//! - The first slot expects `a)`/`1`/`i)`; every other slot the successor of
//!   the slot before it (of either reading of a fused label such as `ed)`). A
//!   wrong label is reported once, where the break is.
//! - Numbering inside a quotation is not checked.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::{Diagnostic, Edit, Fix, Related, Severity};
use crate::labels::{Family, Reading, fused, readings, render};
use crate::model::{Placed, Section};
use crate::syntax::{Block, BlockKind};

pub const BROKEN_LETTERING: &str = "broken-lettering";
pub const DUPLICATE_LABEL: &str = "duplicate-label";

/// A restart after more slots than this is as likely a lost heading as a
/// continuation: its fix is left to the drafter.
const CLEAR_RESTART_MAX: usize = 10;

/// A clause's label in a list.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The label's absolute range and text.
    pub range: Range<usize>,
    pub text: String,
    pub clause: Range<usize>,
    /// The clause follows a proposal tag or an option marker.
    pub proposed: bool,
}

#[derive(Clone, Debug)]
pub struct Slot {
    /// The label's value, `None` when malformed or fused.
    pub value: Option<u32>,
    /// (old, new) values of a label fused by flattened track changes.
    pub fused: Option<(u32, u32)>,
    pub expected: u32,
    /// The clause that opened the slot, then its alternatives.
    pub entries: Vec<Entry>,
}

impl Slot {
    /// The values the slot's label stands for.
    fn values(&self) -> Vec<u32> {
        match (self.value, self.fused) {
            (Some(v), _) => vec![v],
            (None, Some((old, new))) => vec![new, old],
            (None, None) => Vec::new(),
        }
    }

    fn is_proposed(&self) -> bool {
        self.entries.iter().any(|e| e.proposed)
    }
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
    /// The label the next slot should carry.
    pub fn next_expected(&self) -> u32 {
        self.slots.last().map_or(1, |s| s.values().first().copied().unwrap_or(s.expected) + 1)
    }

    /// `value` may label the next slot: the successor of the last label, of
    /// either reading of a fused one, or of what the last slot expected.
    fn accepts(&self, value: Option<u32>) -> bool {
        let Some(value) = value else { return false };
        match self.slots.last() {
            None => value == 1,
            Some(last) => value == last.expected + 1 || last.values().iter().any(|v| v + 1 == value),
        }
    }
}

/// Where a label sits: for hover and fixes.
#[derive(Clone, Debug)]
pub struct LabelInfo {
    pub list: usize,
    pub slot: usize,
}

/// A label that takes no slot of the base text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aside {
    /// A proposed insertion, labelled as it would stand in the final text.
    Proposal,
    /// Numbering inside a quotation.
    Quotation,
}

#[derive(Default)]
pub struct Lettering {
    pub lists: Vec<List>,
    /// For each checked clause's label start: its list and slot.
    pub labels: Vec<(usize, LabelInfo)>,
    /// Labels outside the base text's lists.
    pub asides: Vec<(Entry, Aside)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Lettering {
    pub fn label_at(&self, offset: usize) -> Option<(&LabelInfo, &Entry)> {
        self.labels.iter().find_map(|(_, info)| {
            let entry = self.lists[info.list].slots[info.slot].entries.iter().find(|e| e.range.contains(&offset))?;
            Some((info, entry))
        })
    }

    pub fn aside_at(&self, offset: usize) -> Option<&(Entry, Aside)> {
        self.asides.iter().find(|(e, _)| e.range.contains(&offset))
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

    /// The preferred fixes that are safe to apply without review, without
    /// overlaps. Applying them and checking again may find more (a list
    /// with two breaks): `draftls fix` repeats until nothing changes.
    pub fn fix_all(&self) -> Vec<Edit> {
        let mut taken: Vec<Edit> = Vec::new();
        for fix in self.diagnostics.iter().flat_map(|d| d.fixes.iter().filter(|f| f.preferred && f.safe)) {
            let overlaps = fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| e.range.start < t.range.end && t.range.start < e.range.end));
            if !overlaps {
                taken.extend(fix.edits.iter().cloned());
            }
        }
        taken
    }
}

/// A short unpunctuated line between a proposal tag and its text
/// (`Article 5`, `Section 2`).
fn is_caption(block: &Block) -> bool {
    let text = block.clean.text.trim();
    matches!(block.kind, BlockKind::Paragraph)
        && text.chars().count() <= 60
        && !text.contains('\n')
        && !text.ends_with([',', ';', '.', ':'])
}

/// The proposal tag or option marker a clause directly follows (across
/// struck-out blocks and captions), if any.
fn proposal_head<'a, 'd>(blocks: &'a [Placed<'d>], index: usize) -> Option<&'a Placed<'d>> {
    let head = blocks[..index].iter().rev().find(|b| !b.block.is_deleted() && !is_caption(b.block))?;
    matches!(head.block.kind, BlockKind::Tag(_) | BlockKind::OptionMarker { .. }).then_some(head)
}

/// `Some(n)` when the block is an `Option n` marker or a tag ending in `option n`.
fn option_number(block: Option<&Placed>) -> Option<u32> {
    match &block?.block.kind {
        BlockKind::OptionMarker { number } => Some(*number),
        BlockKind::Tag(tag) => tag.option,
        _ => None,
    }
}

static QUOTE_INTRODUCER: LazyLock<Regex> = LazyLock::new(|| {
    // `which states:`, not `Member States … questions:`. ASCII word
    // boundaries keep it on the fast (DFA) engine: it runs on every block.
    Regex::new(
        r#"(?:["“”«»]|(?-u:\b)(?:which|that|it|and)\s+(?:states|reads|provides|declares|proclaims)(?-u:\b)|(?-u:\b)(?:stated|declared|proclaimed|affirmed)(?-u:\b))[^:]*:$"#,
    )
    .expect("compiles")
});

/// How a block opens or closes a quotation.
fn quotation_effect(block: &Block) -> Option<Quoting> {
    let text = block.clean.text.trim_end();
    // Runs on every block at every keystroke: the cheap tests first.
    if text.contains(['“', '«', '”', '»', '"']) {
        let opens = text.matches(['“', '«']).count();
        let closes = text.matches(['”', '»']).count();
        let straight = text.matches('"').count();
        if opens > closes || (opens == closes && straight % 2 == 1) {
            return Some(Quoting::Marks);
        }
    }
    (text.ends_with(':') && QUOTE_INTRODUCER.is_match(text)).then_some(Quoting::Introduced)
}

fn closes_quotation(block: &Block) -> bool {
    let text = &block.clean.text;
    text.contains(['”', '»']) || text.matches('"').count() % 2 == 1
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    /// Inside an opening quotation mark not yet closed: no label is checked.
    Marks,
    /// After `… which states:`: labels that break the text's own lists are
    /// the quotation's.
    Introduced,
}

struct Open {
    list: usize,
    /// The last clause placed in this list ends with a colon.
    opens_sublist: bool,
}

/// The sequence of a proposed insertion and the clauses that continue it.
struct Run {
    family: Family,
    next: Vec<u32>,
    opens_sublist: bool,
    sub: Option<(Family, u32)>,
}

impl Run {
    fn new(family: Family, values: &[u32], opens_sublist: bool) -> Run {
        Run { family, next: values.iter().map(|v| v + 1).collect(), opens_sublist, sub: None }
    }

    /// Takes the clause if it continues the run (or a sub-list of it).
    fn extend(&mut self, readings: &[Reading], fused: Option<(u32, u32)>, opens_sublist: bool) -> bool {
        if let Some((family, next)) = self.sub
            && readings.iter().any(|r| r.family == family && r.value == Some(next))
        {
            self.sub = Some((family, next + 1));
            return true;
        }
        if self.opens_sublist
            && let Some(start) = starting_reading(readings)
        {
            self.sub = Some((start.family, 2));
            self.opens_sublist = false;
            return true;
        }
        let mut values: Vec<u32> =
            readings.iter().filter(|r| r.family == self.family).filter_map(|r| r.value).collect();
        if let Some((old, new)) = fused.filter(|_| self.family == Family::Letter) {
            values.extend([new, old]);
        }
        if values.iter().any(|v| self.next.contains(v)) {
            *self = Run::new(self.family, &values, opens_sublist);
            return true;
        }
        false
    }
}

struct SectionState<'l> {
    lettering: &'l mut Lettering,
    stack: Vec<Open>,
    default_family: Family,
    /// The slot shared by the alternatives of an option group.
    option_slot: Option<(usize, usize)>,
    /// The proposed insertion the next clauses may continue.
    run: Option<Run>,
    quoting: Option<Quoting>,
    /// Lists that existed when the quotation began.
    lists_before_quote: usize,
    /// The last clause placed was a proposal's.
    last_proposed: bool,
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

/// How a clause relates to the list it would join.
enum Fit {
    /// It carries the label the next slot expects.
    Next,
    /// It repeats the label of the last slot.
    SameAsLast,
    Neither,
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
            if readings.iter().any(|r| r.family == list.family && list.accepts(r.value)) {
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

    fn last_slot_proposed(&self, target: &Target) -> bool {
        let Target::Existing(depth) = target else { return false };
        self.list(&self.stack[*depth]).slots.last().is_some_and(Slot::is_proposed)
    }

    fn fit(&self, target: &Target, readings: &[Reading]) -> Fit {
        match target {
            Target::New(family) => {
                if readings.iter().any(|r| r.family == *family && r.value == Some(1)) {
                    Fit::Next
                } else {
                    Fit::Neither
                }
            }
            Target::Existing(depth) => {
                let list = self.list(&self.stack[*depth]);
                let value = readings.iter().find(|r| r.family == list.family).and_then(|r| r.value);
                if list.accepts(value) {
                    Fit::Next
                } else if value.is_some() && list.slots.last().is_some_and(|s| s.value == value) {
                    Fit::SameAsLast
                } else {
                    Fit::Neither
                }
            }
        }
    }

    /// Makes the target list the innermost open one; returns its index.
    fn open(&mut self, target: Target, indent: usize) -> usize {
        match target {
            Target::Existing(depth) => {
                self.stack.truncate(depth + 1);
                self.stack[depth].list
            }
            Target::New(family) => {
                let depth = self.stack.len();
                self.lettering.lists.push(List { family, depth, indent, slots: Vec::new() });
                let list = self.lettering.lists.len() - 1;
                self.stack.push(Open { list, opens_sublist: false });
                list
            }
        }
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
        let head = proposal_head(blocks, index);
        let entry = Entry {
            range: placed.abs(&clause.label.range),
            text: clause.label.text.clone(),
            clause: placed.range(),
            proposed: head.is_some(),
        };
        let fused = fused(&clause.label.text);
        let option = option_number(head);
        let opens_sublist = placed.block.ends_with_colon();

        // An alternative of an option group joins the group's slot.
        if let (Some(n), Some((list, slot))) = (option, self.option_slot)
            && n > 1
            && self.stack.iter().any(|o| o.list == list)
        {
            self.join(list, slot, entry, &readings);
            return;
        }

        let target = self.choose(&readings, clause.indent);
        let fit = self.fit(&target, &readings);

        // Numbered paragraphs after a colon that do not start at 1 (`37.`)
        // are quoted provisions, not a list of the draft's.
        if self.quoting.is_none()
            && matches!(target, Target::New(Family::Number))
            && self.stack.last().is_some_and(|o| o.opens_sublist)
            && readings.iter().any(|r| r.family == Family::Number && r.value.is_some_and(|v| v > 1))
        {
            self.lists_before_quote = self.lettering.lists.len();
            self.quoting = Some(Quoting::Introduced);
        }

        if let Some(quoting) = self.quoting {
            let lands_before_quote =
                matches!(target, Target::Existing(depth) if self.stack[depth].list < self.lists_before_quote);
            let placed_normally = match quoting {
                Quoting::Marks => false,
                Quoting::Introduced => !matches!(fit, Fit::Neither),
            };
            if !placed_normally {
                self.lettering.asides.push((entry, Aside::Quotation));
                return;
            }
            if lands_before_quote {
                self.quoting = None;
            }
        }

        match fit {
            Fit::Next => {}
            Fit::SameAsLast if entry.proposed || self.last_proposed || self.last_slot_proposed(&target) => {
                let list = self.open(target, clause.indent);
                self.stack.last_mut().expect("opened").opens_sublist = opens_sublist;
                let last = self.lettering.lists[list].slots.len() - 1;
                self.join(list, last, entry, &readings);
                self.option_slot = option.map(|_| (list, last));
                return;
            }
            _ if entry.proposed => {
                // A proposed insertion: well formed, or reported; never a slot.
                let family = match target {
                    Target::New(family) => family,
                    Target::Existing(depth) => self.list(&self.stack[depth]).family,
                };
                let values: Vec<u32> = readings.iter().filter(|r| r.family == family).filter_map(|r| r.value).collect();
                if values.is_empty() {
                    self.lettering.report_malformed_proposal(&entry, fused);
                }
                self.run = Some(Run::new(family, &values, opens_sublist));
                self.option_slot = None;
                self.last_proposed = true;
                self.lettering.asides.push((entry, Aside::Proposal));
                return;
            }
            _ => {
                if let Some(run) = &mut self.run
                    && run.extend(&readings, fused, opens_sublist)
                {
                    self.last_proposed = true;
                    self.lettering.asides.push((entry, Aside::Proposal));
                    return;
                }
            }
        }

        self.run = None;
        self.last_proposed = entry.proposed;
        let list = self.open(target, clause.indent);
        self.stack.last_mut().expect("opened").opens_sublist = opens_sublist;
        let family = self.lettering.lists[list].family;
        let value = readings.iter().find(|r| r.family == family).and_then(|r| r.value);
        let fused = fused.filter(|_| family == Family::Letter);
        let accepted = self.lettering.lists[list].accepts(value);
        let expected = self.lettering.lists[list].next_expected();
        // A value the list accepts is what the slot expects, even after a fused label.
        let expected = if accepted { value.unwrap_or(expected) } else { expected };
        let slot_index = self.lettering.lists[list].slots.len();
        self.lettering.lists[list].slots.push(Slot { value, fused, expected, entries: vec![entry.clone()] });
        self.lettering.labels.push((entry.range.start, LabelInfo { list, slot: slot_index }));
        self.option_slot = option.map(|_| (list, slot_index));
        if !accepted {
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
            let mut fix = relabel_fix(std::slice::from_ref(&entry), &expected);
            fix.preferred = true;
            fix.safe = fused(&entry.text).is_none();
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

    /// Blocks that are not clauses may open or close a quotation.
    fn see(&mut self, block: &Block) {
        if self.quoting == Some(Quoting::Marks) {
            if closes_quotation(block) {
                self.quoting = None;
            }
            return;
        }
        if let Some(effect) = quotation_effect(block) {
            if self.quoting.is_none() {
                self.lists_before_quote = self.lettering.lists.len();
            }
            self.quoting = Some(effect);
        }
    }
}

fn fused_message(text: &str, family: Family, (old, new): (u32, u32)) -> String {
    format!(
        "`{text}` reads as `{}` changed to `{}`: a revision flattened into the text",
        render(family, old, text),
        render(family, new, text)
    )
}

/// Fixes for a fused label: one per reading, the new one first.
fn reading_fixes(entry: &Entry, (old, new): (u32, u32)) -> Vec<Fix> {
    [(new, "the revision"), (old, "the original")]
        .into_iter()
        .map(|(value, what)| {
            let text = render(Family::Letter, value, &entry.text);
            Fix {
                title: format!("Read as `{text}` ({what})"),
                edits: vec![Edit { range: entry.range.clone(), new_text: text }],
                preferred: false,
                safe: false,
            }
        })
        .collect()
}

impl Lettering {
    fn report_malformed_proposal(&mut self, entry: &Entry, fused: Option<(u32, u32)>) {
        let (message, fixes) = match fused {
            Some(values) => (
                format!(
                    "{}; proposals carry the label of the final text",
                    fused_message(&entry.text, Family::Letter, values)
                ),
                reading_fixes(entry, values),
            ),
            None => (format!("`{}` is not a valid label", entry.text), Vec::new()),
        };
        self.diagnostics.push(Diagnostic {
            range: entry.range.clone(),
            severity: Severity::Warning,
            code: BROKEN_LETTERING,
            message,
            related: Vec::new(),
            fixes,
        });
    }

    /// Relabelling only this slot as `value` leaves the next slot in sequence.
    fn relabel_is_enough(&self, list: &List, slot_index: usize, value: u32) -> bool {
        list.slots.get(slot_index + 1).is_none_or(|next| next.values().contains(&(value + 1)))
    }

    fn report(&mut self, list_index: usize, slot_index: usize, entry: &Entry) {
        let list = &self.lists[list_index];
        let slot = &list.slots[slot_index];
        let expected = render(list.family, slot.expected, &entry.text);
        let earlier = slot
            .value
            .and_then(|v| list.slots[..slot_index].iter().position(|s| s.value == Some(v)))
            .map(|i| &list.slots[i]);
        let relabel_enough = self.relabel_is_enough(list, slot_index, slot.expected);
        let renumber = self.renumber(list_index, slot_index);
        let renumber_safe = !renumber
            .iter()
            .any(|e| list.slots.iter().any(|s| s.fused.is_some() && s.entries.iter().any(|x| x.range == e.range)));
        let standard_fixes = || {
            let mut fixes = vec![relabel_fix(&slot.entries, &expected)];
            fixes[0].preferred = relabel_enough;
            fixes[0].safe = relabel_enough;
            if renumber.len() > 1 {
                fixes.push(Fix {
                    title: "Renumber the rest of this list".into(),
                    edits: renumber.clone(),
                    preferred: !relabel_enough,
                    safe: renumber_safe,
                });
            }
            fixes
        };
        let previous = slot_index.checked_sub(1).map(|i| {
            let before = &list.slots[i];
            render(list.family, before.values().first().copied().unwrap_or(before.expected), &entry.text)
        });
        let (code, message, related, fixes) = match (slot.value, earlier) {
            (Some(1), Some(first)) if slot_index >= 2 => {
                let previous = previous.unwrap_or_default();
                let related = vec![Related {
                    range: first.entries[0].range.clone(),
                    message: format!("`{}` first used here", first.entries[0].text),
                }];
                if slot_index <= CLEAR_RESTART_MAX {
                    let fix = Fix {
                        title: format!("Continue the list: renumber from `{expected}`"),
                        edits: renumber.clone(),
                        preferred: true,
                        safe: renumber_safe,
                    };
                    let message =
                        format!("`{}` restarts the list after `{previous}`; expected `{expected}`", entry.text);
                    (DUPLICATE_LABEL, message, related, vec![fix])
                } else {
                    let message = format!(
                        "`{}` restarts the list after `{previous}`: a section heading may be missing before it",
                        entry.text
                    );
                    (DUPLICATE_LABEL, message, related, Vec::new())
                }
            }
            (Some(_), Some(earlier)) => (
                DUPLICATE_LABEL,
                format!("`{}` already labels an earlier paragraph of this list; expected `{expected}`", entry.text),
                vec![Related {
                    range: earlier.entries[0].range.clone(),
                    message: format!("`{}` first used here", earlier.entries[0].text),
                }],
                standard_fixes(),
            ),
            (None, _) => match slot.fused {
                Some(values) => {
                    let mut fixes = reading_fixes(entry, values);
                    for fix in &mut fixes {
                        let value = if fix.edits[0].new_text == render(list.family, values.1, &entry.text) {
                            values.1
                        } else {
                            values.0
                        };
                        fix.preferred = value == slot.expected && self.relabel_is_enough(list, slot_index, value);
                    }
                    let message = format!("{}; expected `{expected}`", fused_message(&entry.text, list.family, values));
                    (BROKEN_LETTERING, message, vec![], fixes)
                }
                None => (
                    BROKEN_LETTERING,
                    format!("`{}` is not a valid label; expected `{expected}`", entry.text),
                    vec![],
                    standard_fixes(),
                ),
            },
            (Some(_), None) if slot_index == 0 => (
                BROKEN_LETTERING,
                format!("the list starts at `{}`; expected `{expected}`", entry.text),
                vec![],
                standard_fixes(),
            ),
            (Some(v), None) if v > slot.expected => (
                BROKEN_LETTERING,
                format!("`{}` skips {}", entry.text, skipped(list.family, slot.expected, v, &entry.text)),
                vec![],
                standard_fixes(),
            ),
            (Some(_), None) => (
                BROKEN_LETTERING,
                format!("`{}` is out of order; expected `{expected}`", entry.text),
                vec![],
                standard_fixes(),
            ),
        };
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

/// Relabels a slot: its label and the alternatives that share it.
fn relabel_fix(entries: &[Entry], expected: &str) -> Fix {
    let first = &entries[0].text;
    Fix {
        title: format!("Relabel as `{expected}`"),
        edits: entries
            .iter()
            .filter(|e| e.text == *first)
            .map(|e| Edit { range: e.range.clone(), new_text: expected.to_string() })
            .collect(),
        preferred: false,
        safe: false,
    }
}

/// Checks the lettering of one section: lists never cross a heading, so a
/// section's lettering depends on its own blocks only.
pub fn check_section(section: &Section) -> Lettering {
    let mut lettering = Lettering::default();
    let mut breaks = Vec::new();
    let mut state = SectionState {
        breaks: &mut breaks,
        lettering: &mut lettering,
        stack: Vec::new(),
        default_family: if section.is_operative() { Family::Number } else { Family::Letter },
        option_slot: None,
        run: None,
        quoting: None,
        lists_before_quote: 0,
        last_proposed: false,
    };
    for (index, placed) in section.blocks.iter().enumerate() {
        if placed.block.is_deleted() {
            continue;
        }
        if matches!(placed.block.kind, BlockKind::Clause(_)) {
            let quoting = state.quoting;
            state.place(&section.blocks, index);
            // A clause quoting inside a quotation may also end it.
            if quoting == Some(Quoting::Marks) {
                state.see(placed.block);
                continue;
            }
        }
        state.see(placed.block);
    }
    for (list, slot, entry) in breaks {
        lettering.report(list, slot, &entry);
    }
    lettering.diagnostics.sort_by_key(|d| d.range.start);
    lettering
}

/// Checks the lettering of every section.
pub fn check(sections: &[Section]) -> Lettering {
    let mut lettering = Lettering::default();
    for section in sections {
        lettering.append(&check_section(section), 0);
    }
    lettering
}

fn moved(range: &Range<usize>, by: isize) -> Range<usize> {
    (range.start as isize + by) as usize..(range.end as isize + by) as usize
}

fn moved_entry(entry: &Entry, by: isize) -> Entry {
    Entry { range: moved(&entry.range, by), clause: moved(&entry.clause, by), ..entry.clone() }
}

impl Lettering {
    /// Adds another section's lettering, its offsets moved by `by` bytes.
    pub fn append(&mut self, other: &Lettering, by: isize) {
        let first_list = self.lists.len();
        self.lists.extend(other.lists.iter().map(|list| {
            List {
                slots: list
                    .slots
                    .iter()
                    .map(|slot| Slot {
                        entries: slot.entries.iter().map(|e| moved_entry(e, by)).collect(),
                        ..slot.clone()
                    })
                    .collect(),
                ..list.clone()
            }
        }));
        self.labels.extend(other.labels.iter().map(|(start, info)| {
            ((*start as isize + by) as usize, LabelInfo { list: info.list + first_list, slot: info.slot })
        }));
        self.asides.extend(other.asides.iter().map(|(entry, aside)| (moved_entry(entry, by), aside.clone())));
        self.diagnostics.extend(other.diagnostics.iter().map(|d| {
            let mut d = d.clone();
            d.range = moved(&d.range, by);
            for r in &mut d.related {
                r.range = moved(&r.range, by);
            }
            for edit in d.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                edit.range = moved(&edit.range, by);
            }
            d
        }));
    }
}
