//! Completion: catalog entries after `Resolution `, section headings at a
//! line start, and the next expected label when a new clause starts.

use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::hover::current_citation;
use crate::labels::render;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Reference,
    Heading,
    Label,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub detail: String,
    pub insert: String,
    pub kind: ItemKind,
    /// Bytes before the cursor that the insertion replaces.
    pub replace: usize,
}

static AFTER_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b(?P<body>WTDC|WTSA|PP|Council|UNGA|WTPF|ITU-D)\s+)?\b(?P<kind>Resolutions?|Decisions?|Opinions?|Questions?)\s+(?P<typed>[\d/-]*)$")
        .expect("compiles")
});

pub const HEADINGS: &[(&str, &str)] = &[
    ("recalling", "preambular"),
    ("considering", "preambular"),
    ("recognizing", "preambular"),
    ("aware", "preambular"),
    ("noting", "preambular"),
    ("bearing in mind", "preambular"),
    ("emphasizing", "preambular"),
    ("noting with appreciation", "preambular"),
    ("resolves", "operative"),
    ("decides", "operative"),
    ("instructs the Secretary-General", "operative"),
    ("instructs the Director of the Telecommunication Development Bureau", "operative"),
    ("instructs the Director of the Telecommunication Standardization Bureau", "operative"),
    ("instructs the Director of the Radiocommunication Bureau", "operative"),
    ("requests the Council", "operative"),
    ("invites Member States", "operative"),
    ("invites Member States, Sector Members and Associates", "operative"),
    ("encourages Member States", "operative"),
];

/// `line` is the text of the cursor's line before the cursor; `offset` the
/// cursor's byte offset in the document.
pub fn complete(analysis: &Analysis, catalog: &Catalog, line: &str, offset: usize) -> Vec<Item> {
    if let Some(caps) = AFTER_KIND.captures(line) {
        let kind = caps["kind"].trim_end_matches('s');
        let typed = &caps["typed"];
        let body = caps.name("body").map(|b| b.as_str());
        let Ok(as_of) = &analysis.as_of else { return Vec::new() };
        return catalog
            .documents
            .iter()
            .filter(|d| d.kind == kind && body.is_none_or(|b| d.body == b) && d.number.starts_with(typed))
            .map(|d| Item {
                label: format!("{} {} {}", d.body, d.kind, d.number),
                detail: d.title.clone(),
                insert: current_citation(catalog, d, as_of),
                kind: ItemKind::Reference,
                replace: typed.len(),
            })
            .collect();
    }
    let typed = line.trim_start();
    if typed.contains(char::is_whitespace) && !typed.starts_with("- ") {
        return Vec::new();
    }
    let mut items = Vec::new();
    // The next label of the list the last clause before the cursor belongs to.
    let last = analysis
        .lettering
        .labels
        .iter()
        .filter(|(start, _)| *start < offset)
        .max_by_key(|(start, _)| *start)
        .map(|(_, info)| info);
    if let Some(info) = last {
        let list = &analysis.lettering.lists[info.list];
        let slot = &list.slots[info.slot];
        let like = &slot.entries[0].text;
        let next = render(list.family, slot.value.unwrap_or(slot.expected) + 1, like);
        let typed_label = typed.trim_start_matches("- ");
        if next.starts_with(typed_label) {
            items.push(Item {
                label: next.clone(),
                detail: "next label of this list".into(),
                insert: format!("{next} "),
                kind: ItemKind::Label,
                replace: typed_label.len(),
            });
        }
    }
    if !typed.starts_with("- ") {
        for (heading, kind) in HEADINGS {
            if heading.starts_with(typed) {
                items.push(Item {
                    label: heading.to_string(),
                    detail: format!("{kind} section heading"),
                    insert: heading.to_string(),
                    kind: ItemKind::Heading,
                    replace: typed.len(),
                });
            }
        }
    }
    items
}
