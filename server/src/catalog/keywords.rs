//! Searching the catalog by words and by known keywords: "cybersecurity"
//! finds the texts whose titles speak of "confidence and security" or
//! "incident response teams". The keywords are data
//! (`server/data/keywords.json`), kept apart from this logic.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::{Catalog, Conference, Document, body_name};

static KEYWORDS: LazyLock<BTreeMap<String, Vec<String>>> = LazyLock::new(|| {
    let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(include_str!("../../data/keywords.json"))
        .expect("server/data/keywords.json is valid (checked by the keywords test)");
    raw.into_iter()
        .filter(|(key, _)| !key.starts_with('_'))
        .map(|(key, value)| {
            let phrases = value.as_array().into_iter().flatten().filter_map(|v| v.as_str());
            (key.to_lowercase(), phrases.map(str::to_lowercase).collect())
        })
        .collect()
});

/// What a search word matches: the word, and the phrases of its keyword.
pub fn expand(word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    let mut out = vec![word.clone()];
    if let Some(phrases) = KEYWORDS.get(&word) {
        out.extend(phrases.iter().cloned());
    }
    out
}

impl Catalog {
    /// Documents and conferences matching every word of `query`: in the
    /// body (and its name), kind, number or title, directly or through a
    /// keyword.
    pub fn search(&self, query: &str) -> (Vec<&Document>, Vec<&Conference>) {
        let words: Vec<Vec<String>> = query.split_whitespace().map(expand).collect();
        let matches = |haystack: &str| words.iter().all(|any| any.iter().any(|w| haystack.contains(w.as_str())));
        let documents = self
            .documents
            .iter()
            .filter(|d| {
                matches(
                    &format!("{} {} {} {} {}", d.body, body_name(&d.body), d.kind, d.number, d.title).to_lowercase(),
                )
            })
            .collect();
        let conferences = self
            .conferences
            .iter()
            .filter(|c| matches(&format!("{} {} {}", c.id, c.name, c.place.as_deref().unwrap_or("")).to_lowercase()))
            .collect();
        (documents, conferences)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyword_table_is_valid_and_not_empty() {
        assert!(KEYWORDS.len() >= 5);
        for (key, phrases) in KEYWORDS.iter() {
            assert!(!phrases.is_empty(), "{key}");
            assert!(phrases.iter().all(|p| !p.trim().is_empty() && p == p.trim()), "{key}: {phrases:?}");
        }
    }

    #[test]
    fn cybersecurity_finds_texts_that_speak_of_confidence_and_incident_response() {
        let catalog = Catalog::builtin();
        let (found, _) = catalog.search("cybersecurity");
        let ids: Vec<&str> = found.iter().map(|d| d.id.as_str()).collect();
        for wanted in ["PP-Resolution-130", "WTDC-Resolution-69", "WTSA-Resolution-50", "WTDC-Resolution-45"] {
            assert!(ids.contains(&wanted), "{wanted}: {ids:?}");
        }
        assert!(!ids.contains(&"PP-Resolution-41"), "{ids:?}");
        // Several words: all must match (the keyword counts for its word).
        let (found, _) = catalog.search("cybersecurity WTDC");
        assert!(found.iter().all(|d| d.body == "WTDC") && found.iter().any(|d| d.number == "69"));
        // Bodies by name, numbers.
        assert!(catalog.search("plenipotentiary 130").0.iter().any(|d| d.id == "PP-Resolution-130"));
    }
}
