//! User catalogs: JSON files of the shape of `server/data/catalog.json`
//! (`{"conferences": [...], "documents": [...]}`), written by `draftls
//! catalog import` or by the editor's "Add … to the user catalog" action,
//! listed in `draftls.toml` as `catalogs = [...]` and laid over the
//! built-in catalog.

use std::path::Path;

use super::{Catalog, Document, build};

/// Reads a user catalog; the message names the file.
pub fn read(path: &Path) -> Result<Catalog, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
}

impl Catalog {
    /// Lays a user catalog over this one. Conferences with an existing id
    /// replace it. A document already in the catalog:
    /// - given with facts: the facts are added to the existing ones (an
    ///   imported revision extends the history) and the history is derived
    ///   again; a non-empty title replaces the old one;
    /// - given with a history but no facts: replaces it (an override);
    /// - given with neither (a stub): the existing entry stays.
    pub fn overlay(&mut self, other: Catalog) {
        let Catalog { conferences, documents } = other;
        self.merge(Catalog { conferences, documents: Vec::new() });
        for mut document in documents {
            let existing = self
                .documents
                .iter()
                .position(|d| d.body == document.body && d.kind == document.kind && d.number == document.number);
            let Some(index) = existing else {
                if !document.facts.is_empty() {
                    let complete = document.history_complete;
                    build::derive(&mut document, &self.conferences, complete);
                }
                self.documents.push(document);
                continue;
            };
            if document.facts.is_empty() {
                if !document.history.is_empty() {
                    self.documents[index] = document;
                }
                continue;
            }
            // Built-in entries carry their facts: the user's add to them.
            let mut merged = self.documents[index].clone();
            for fact in document.facts {
                if !merged.facts.contains(&fact) {
                    merged.facts.push(fact);
                }
            }
            for source in document.sources {
                if !merged.sources.contains(&source) {
                    merged.sources.push(source);
                }
            }
            if !document.title.is_empty() {
                merged.title = document.title;
            }
            let complete = merged.history_complete || document.history_complete;
            build::derive(&mut merged, &self.conferences, complete);
            self.documents[index] = merged;
        }
    }
}

/// The id a catalog gives a document: `PP-Resolution-130`.
pub fn document_id(body: &str, kind: &str, number: &str) -> String {
    format!("{body}-{kind}-{}", number.replace('/', "-"))
}

/// An entry that only says the document exists: no title, no history, no
/// facts; `source` is where it was seen cited (the draft's address).
pub fn stub(body: &str, kind: &str, number: &str, source: &str) -> Document {
    Document {
        sources: vec![source.to_string()],
        ..Document::empty(document_id(body, kind, number), body, kind, number)
    }
}

/// The text of a user catalog (`existing`, or a new one when `None`) with
/// `doc` appended. An error when the text is no catalog or already has an
/// entry for the document.
pub fn with_document(existing: Option<&str>, doc: Document) -> Result<String, String> {
    let mut catalog: Catalog = match existing {
        Some(text) if !text.trim().is_empty() => serde_json::from_str(text).map_err(|e| e.to_string())?,
        _ => Catalog::default(),
    };
    if catalog.documents.iter().any(|d| d.body == doc.body && d.kind == doc.kind && d.number == doc.number) {
        return Err(format!("{} {} {} is already in it", doc.body, doc.kind, doc.number));
    }
    catalog.documents.push(doc);
    Ok(build::to_json(&catalog))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Event, Evidence, Fact};

    fn fact(conference: &str, event: Event) -> Fact {
        Fact {
            conference: conference.into(),
            event,
            evidence: Evidence::Imported,
            source: "file:///x.txt#L1".into(),
            detail: None,
        }
    }

    #[test]
    fn imported_facts_extend_a_builtin_entry_and_stubs_never_replace_one() {
        let mut catalog = Catalog::builtin().as_ref().clone();
        let before = catalog.document("WTDC", "Resolution", "69").unwrap().history.clone();
        let mut imported = stub("WTDC", "Resolution", "69", "file:///x.txt#L1");
        imported.facts.push(fact("WTDC-25", Event::Revised));
        let mut new = stub("Council", "Resolution", "9999", "file:///x.txt#L9");
        new.facts.push(fact("C-19", Event::Adopted));
        let kept = stub("PP", "Resolution", "130", "file:///draft.txt#L3");
        catalog.overlay(Catalog { conferences: Vec::new(), documents: vec![imported, new, kept] });
        let res69 = catalog.document("WTDC", "Resolution", "69").unwrap();
        let mut wanted = before;
        wanted.push("WTDC-25".into());
        assert_eq!(res69.history, wanted);
        assert!(!res69.title.is_empty(), "the built-in title stays when the import has none");
        let res9999 = catalog.document("Council", "Resolution", "9999").unwrap();
        assert_eq!((res9999.history.clone(), res9999.adopted.clone()), (vec!["C-19".to_string()], Some("C-19".into())));
        assert!(!catalog.document("PP", "Resolution", "130").unwrap().history.is_empty());
        assert_eq!(catalog.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_stub_is_appended_once() {
        let text = with_document(None, stub("PP", "Resolution", "999", "file:///d.txt#L4")).unwrap();
        let catalog: Catalog = serde_json::from_str(&text).unwrap();
        assert_eq!(catalog.documents[0].id, "PP-Resolution-999");
        let again = with_document(Some(&text), stub("PP", "Resolution", "999", "file:///d.txt#L4"));
        assert!(again.unwrap_err().contains("already"));
        let two = with_document(Some(&text), stub("WTDC", "Resolution", "999", "file:///d.txt#L5")).unwrap();
        assert_eq!(serde_json::from_str::<Catalog>(&two).unwrap().documents.len(), 2);
        assert!(with_document(Some("{"), stub("PP", "Resolution", "1", "s")).is_err());
    }
}
