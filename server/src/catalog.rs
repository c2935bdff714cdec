//! The catalog of conferences and the documents they adopted and revised.
//! The data lives in `server/data/catalog.json` (embedded in the binary, each
//! entry with its public source); users add or override entries in
//! `draftls.toml`.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

/// A calendar date, ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
        let day = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conference {
    /// `PP-14`, `WTDC-22`, `WTSA-20`: the body and the year in its name.
    pub id: String,
    /// PP, WTDC, WTSA, WTPF, WCIT, Council, UNGA.
    pub kind: String,
    pub name: String,
    /// As citations write it: `Busan`, `Buenos Aires`.
    pub place: Option<String>,
    /// As citations write it (WTSA-20 met in 2022).
    pub year: i32,
    pub start: Option<String>,
    pub end: Option<String>,
    #[serde(default)]
    pub action_plan: Option<String>,
    /// Where the action plan was read, when not at `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_plan_source: Option<String>,
    pub source: String,
}

impl Conference {
    /// The start date, or the first of January of its year when unknown.
    pub fn start_date(&self) -> Date {
        self.start.as_deref().and_then(Date::parse).unwrap_or(Date { year: self.year, month: 1, day: 1 })
    }

    /// How citations write it: `(Rev. Busan, 2014)` or `(Busan, 2014)`.
    pub fn citation(&self, revised: bool) -> String {
        let rev = if revised { "Rev. " } else { "" };
        match &self.place {
            Some(place) => format!("({rev}{place}, {})", self.year),
            None => format!("({rev}{})", self.year),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// `PP-Resolution-130`.
    pub id: String,
    /// PP, WTDC, WTSA, WTPF, Council, UNGA, ITU-D.
    pub body: String,
    /// Resolution, Decision, Opinion, Question, Recommendation.
    pub kind: String,
    pub number: String,
    pub title: String,
    /// Conferences that adopted and revised it, in order.
    pub history: Vec<String>,
    /// The history has every revision (sources showed all of them).
    #[serde(default)]
    pub history_complete: bool,
    /// The adopting conference, when a source shows it.
    #[serde(default)]
    pub adopted: Option<String>,
    #[serde(default)]
    pub abrogated: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(default)]
    pub conferences: Vec<Conference>,
    #[serde(default)]
    pub documents: Vec<Document>,
}

/// The conference kind whose meetings a body's documents are adopted at.
pub fn conference_kind(body: &str) -> &str {
    match body {
        "ITU-D" => "WTDC",
        "ITU-T" => "WTSA",
        other => other,
    }
}

pub fn body_name(body: &str) -> &str {
    match body {
        "PP" => "Plenipotentiary Conference",
        "WTDC" => "World Telecommunication Development Conference",
        "WTSA" => "World Telecommunication Standardization Assembly",
        "WTPF" => "World Telecommunication/ICT Policy Forum",
        "WCIT" => "World Conference on International Telecommunications",
        "Council" => "ITU Council",
        "UNGA" => "United Nations General Assembly",
        "ITU-D" => "ITU Telecommunication Development Sector",
        "ITU-T" => "ITU Telecommunication Standardization Sector",
        other => other,
    }
}

/// Place names compared as citations vary them: case, accents, hyphens.
pub fn same_place(a: &str, b: &str) -> bool {
    fn fold(s: &str) -> String {
        s.chars()
            .filter_map(|c| match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' => Some('a'),
                'é' | 'è' | 'ê' | 'ë' | 'É' => Some('e'),
                'í' | 'ì' | 'î' | 'ï' => Some('i'),
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' => Some('o'),
                'ú' | 'ù' | 'û' | 'ü' => Some('u'),
                'ç' => Some('c'),
                'ñ' => Some('n'),
                '-' | ' ' | '\'' | '’' => None,
                c => Some(c.to_ascii_lowercase()),
            })
            .collect()
    }
    fold(a) == fold(b)
}

static BUILTIN: OnceLock<Arc<Catalog>> = OnceLock::new();

impl Catalog {
    /// The catalog shipped with draftls.
    pub fn builtin() -> Arc<Catalog> {
        BUILTIN
            .get_or_init(|| {
                let catalog: Catalog = serde_json::from_str(include_str!("../data/catalog.json"))
                    .expect("server/data/catalog.json is valid (checked by the catalog test)");
                Arc::new(catalog)
            })
            .clone()
    }

    pub fn conference(&self, id: &str) -> Option<&Conference> {
        self.conferences.iter().find(|c| c.id.eq_ignore_ascii_case(id))
    }

    /// Conferences of `kind` that met at `place` (if given) in `year`.
    pub fn conferences_at(&self, kind: Option<&str>, place: Option<&str>, year: i32) -> Vec<&Conference> {
        self.conferences
            .iter()
            .filter(|c| kind.is_none_or(|k| c.kind == k))
            .filter(|c| c.year == year)
            .filter(|c| match (place, &c.place) {
                (Some(p), Some(q)) => same_place(p, q),
                (Some(_), None) => false,
                (None, _) => true,
            })
            .collect()
    }

    pub fn document(&self, body: &str, kind: &str, number: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.body == body && d.kind.eq_ignore_ascii_case(kind) && d.number == number)
    }

    /// Documents of any body with this kind and number.
    pub fn documents_numbered(&self, kind: &str, number: &str) -> Vec<&Document> {
        self.documents.iter().filter(|d| d.kind.eq_ignore_ascii_case(kind) && d.number == number).collect()
    }

    /// The conference that adopted the action plan a draft of `date` means:
    /// the latest of that name before the date (WTDC-94 and WTDC-17 both
    /// adopted a "Buenos Aires Action Plan"), or the first when none was.
    pub fn conference_with_plan(&self, plan: &str, date: Option<Date>) -> Option<&Conference> {
        let mut named: Vec<&Conference> =
            self.conferences.iter().filter(|c| c.action_plan.as_deref().is_some_and(|p| same_place(p, plan))).collect();
        named.sort_by_key(|c| c.start_date());
        named.iter().rev().find(|c| date.is_none_or(|d| c.start_date() < d)).or(named.first()).copied()
    }

    /// The latest conference, by start date.
    pub fn latest(&self) -> Option<&Conference> {
        self.conferences.iter().max_by_key(|c| c.start_date())
    }

    /// The document's revision in force on `date`: its latest adoption or
    /// revision at a conference that started before it.
    pub fn in_force<'c>(&'c self, doc: &Document, date: Date) -> Option<&'c Conference> {
        doc.history.iter().rev().filter_map(|id| self.conference(id)).find(|c| c.start_date() < date)
    }

    /// Adds `other`'s entries; an entry with the id (conference) or body,
    /// kind and number (document) of an existing one replaces it.
    pub fn merge(&mut self, other: Catalog) {
        for conference in other.conferences {
            match self.conferences.iter_mut().find(|c| c.id == conference.id) {
                Some(existing) => *existing = conference,
                None => self.conferences.push(conference),
            }
        }
        for document in other.documents {
            match self
                .documents
                .iter_mut()
                .find(|d| d.body == document.body && d.kind == document.kind && d.number == document.number)
            {
                Some(existing) => *existing = document,
                None => self.documents.push(document),
            }
        }
    }

    /// What is wrong with the data, one message per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for c in &self.conferences {
            if !ids.insert(c.id.as_str()) {
                out.push(format!("conference {} appears twice", c.id));
            }
            if c.source.trim().is_empty() {
                out.push(format!("conference {} has no source", c.id));
            }
            for date in [&c.start, &c.end].into_iter().flatten() {
                if Date::parse(date).is_none() {
                    out.push(format!("conference {}: `{date}` is not a YYYY-MM-DD date", c.id));
                }
            }
            if let (Some(start), Some(end)) =
                (c.start.as_deref().and_then(Date::parse), c.end.as_deref().and_then(Date::parse))
                && end < start
            {
                out.push(format!("conference {} ends before it starts", c.id));
            }
        }
        let mut doc_ids = std::collections::HashSet::new();
        for d in &self.documents {
            if !doc_ids.insert(d.id.as_str()) {
                out.push(format!("document {} appears twice", d.id));
            }
            if d.title.trim().is_empty() {
                out.push(format!("document {} has an empty title", d.id));
            }
            if d.sources.iter().all(|s| s.trim().is_empty()) {
                out.push(format!("document {} has no source", d.id));
            }
            let referenced = d.history.iter().chain(&d.adopted).chain(&d.abrogated);
            for id in referenced {
                if self.conference(id).is_none() {
                    out.push(format!("document {} refers to an unknown conference {id}", d.id));
                }
            }
            let dates: Vec<Date> =
                d.history.iter().filter_map(|id| self.conference(id)).map(|c| c.start_date()).collect();
            if dates.windows(2).any(|w| w[0] >= w[1]) {
                out.push(format!("document {}: revisions are not in date order", d.id));
            }
            if let Some(adopted) = &d.adopted
                && d.history.first() != Some(adopted)
            {
                out.push(format!("document {}: adopted at {adopted}, which does not open its history", d.id));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalog_is_valid() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.problems(), Vec::<String>::new());
        assert!(catalog.conferences.len() >= 30 && catalog.documents.len() >= 50);
    }

    #[test]
    fn problems_are_found() {
        let mut catalog = Catalog::builtin().as_ref().clone();
        let mut bad = catalog.documents[0].clone();
        bad.title = " ".into();
        bad.history.reverse();
        bad.history.push("XX-99".into());
        bad.sources.clear();
        catalog.documents.push(bad);
        let problems = catalog.problems();
        for wanted in ["appears twice", "empty title", "no source", "unknown conference XX-99"] {
            assert!(problems.iter().any(|p| p.contains(wanted)), "{wanted}: {problems:?}");
        }
    }

    #[test]
    fn revision_in_force() {
        let catalog = Catalog::builtin();
        let res69 = catalog.document("WTDC", "Resolution", "69").unwrap();
        let pp14 = catalog.conference("PP-14").unwrap().start_date();
        assert_eq!(catalog.in_force(res69, pp14).unwrap().id, "WTDC-14");
        assert_eq!(catalog.conferences_at(Some("WTDC"), Some("hyderabad"), 2010)[0].id, "WTDC-10");
        assert!(same_place("Florianopolis", "Florianópolis"));
    }
}
