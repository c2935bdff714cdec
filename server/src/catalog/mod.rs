//! The catalog of conferences and the documents they adopted and revised.
//! The data lives in `server/data/catalog.json` (embedded in the binary),
//! built by `build` from the source extracts under `server/data/sources/`:
//! every adoption, revision and abrogation is a `Fact` with its evidence and
//! source address. Users add or override entries in `draftls.toml` and in
//! catalogs imported from their own official texts.

pub mod build;
pub mod keywords;
pub mod user;

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
    /// Empty when the sources only cite the document.
    pub title: String,
    /// Conferences that adopted and revised it, in order: the verified
    /// facts' conferences.
    pub history: Vec<String>,
    /// The history has every revision (sources showed all of them).
    #[serde(default)]
    pub history_complete: bool,
    /// The adopting conference, when a source shows it.
    #[serde(default)]
    pub adopted: Option<String>,
    #[serde(default)]
    pub abrogated: Option<String>,
    /// The document that replaced it (a Question continued under another
    /// number in the next study period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    pub sources: Vec<String>,
    /// What each entry of the history rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
}

/// What a source says happened to a document at a conference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Adopted,
    Revised,
    /// That conference's text existed (recorded without saying whether it
    /// was adopted or revised there).
    Known,
    Abrogated,
}

/// The kind of source a fact was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The adopted text's own heading (`RESOLUTION 130 (REV. DUBAI, 2018)`),
    /// in the official text or a copy of it.
    Heading,
    /// A history line under a heading (`(Florianópolis, 2004; …)`).
    HistoryLine,
    /// A citation inside an adopted text, dated by that text.
    Citation,
    /// A conference's official list of its outputs or of texts in force.
    OfficialList,
    /// Recorded by hand before facts carried their evidence: from the
    /// entry's listed sources, which do not say which page showed it.
    Curated,
    /// Imported from the drafter's own official texts (`catalog import`).
    Imported,
    /// Proposals and press releases never prove a revision: kept, shown, never used to flag.
    Proposal,
    PressRelease,
}

impl Evidence {
    /// Facts that may be used to flag a citation.
    pub fn verified(self) -> bool {
        !matches!(self, Evidence::Proposal | Evidence::PressRelease)
    }

    /// As hovers and `catalog show` list it.
    pub fn short(self) -> &'static str {
        match self {
            Evidence::Heading => "heading",
            Evidence::HistoryLine => "history line",
            Evidence::Citation => "citation",
            Evidence::OfficialList => "official list",
            Evidence::Curated => "recorded by hand",
            Evidence::Imported => "imported",
            Evidence::Proposal => "proposal",
            Evidence::PressRelease => "press release",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Heading => "heading of the adopted text",
            Evidence::HistoryLine => "history line of the adopted text",
            Evidence::Citation => "citation in an adopted text",
            Evidence::OfficialList => "official list",
            Evidence::Curated => "recorded by hand from the listed sources",
            Evidence::Imported => "imported from the user's official texts",
            Evidence::Proposal => "proposal (unverified)",
            Evidence::PressRelease => "press release (unverified)",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub conference: String,
    pub event: Event,
    pub evidence: Evidence,
    pub source: String,
    /// Where in the source: `cited as … in PP-18 Resolution 130`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The address names the number as a token of its own (`pp_181`,
/// `Resolution-67`, `res69`), not inside another number.
fn names_number(address: &str, number: &str) -> bool {
    let number = number.replace('/', "-");
    let digits_around = |i: usize, len: usize| {
        let before = address[..i].chars().next_back();
        let after = address[i + len..].chars().next();
        before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())
    };
    address.match_indices(&number).any(|(i, m)| !digits_around(i, m.len()))
}

impl Document {
    /// An entry with nothing known yet but its number.
    pub fn empty(id: String, body: &str, kind: &str, number: &str) -> Document {
        Document {
            id,
            body: body.to_string(),
            kind: kind.to_string(),
            number: number.to_string(),
            title: String::new(),
            history: Vec::new(),
            history_complete: false,
            adopted: None,
            abrogated: None,
            superseded_by: None,
            sources: Vec::new(),
            facts: Vec::new(),
        }
    }

    /// The facts about one conference, verified ones first.
    pub fn facts_at<'d>(&'d self, conference: &str) -> Vec<&'d Fact> {
        let mut facts: Vec<&Fact> = self.facts.iter().filter(|f| f.conference == conference).collect();
        facts.sort_by_key(|f| (!f.evidence.verified(), f.evidence));
        facts
    }

    /// Facts that are not verified, for display only.
    pub fn unverified(&self) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(|f| !f.evidence.verified())
    }

    /// The sources about this document: those its facts were read from,
    /// and listed sources whose address names its number (`…/pp_181`,
    /// `res69`); pages that only cite it are left out.
    pub fn own_sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let facts = self.facts.iter().filter(|f| f.evidence != Evidence::Curated && f.evidence != Evidence::Citation);
        let named = self.sources.iter().filter(|s| names_number(s, &self.number));
        for source in facts.map(|f| &f.source).chain(named) {
            if !out.contains(&source.as_str()) {
                out.push(source);
            }
        }
        out
    }

    /// Whether the text of `conference` was a revision: `Some(false)` for
    /// the adoption, `None` when no fact says which.
    pub fn revised_at(&self, conference: &str) -> Option<bool> {
        if self.adopted.as_deref() == Some(conference) {
            return Some(false);
        }
        let said = self.facts_at(conference).iter().any(|f| f.evidence.verified() && f.event == Event::Revised);
        // A text after the first known one is a revision.
        let after_first = self.history.iter().position(|h| h == conference).is_some_and(|i| i > 0);
        (said || after_first).then_some(true)
    }

    /// A history entry as hovers and `catalog show` print it: `(Rev. Busan,
    /// 2014)`, `(Guadalajara, 2010), adopted`, or `(Kyoto, 1994)` when the
    /// sources do not say whether it was the adoption.
    pub fn history_entry(&self, conference: &Conference) -> String {
        match self.revised_at(&conference.id) {
            Some(true) => conference.citation(true),
            Some(false) => format!("{}, adopted", conference.citation(false)),
            None => format!("{} (adoption or revision: not recorded)", conference.citation(false)),
        }
    }

    /// The evidence behind one entry of the history: `heading, citation ×2`.
    pub fn evidence_at(&self, conference: &str) -> String {
        let mut kinds: Vec<(Evidence, usize)> = Vec::new();
        for fact in self.facts_at(conference).into_iter().filter(|f| f.evidence.verified()) {
            match kinds.iter_mut().find(|(k, _)| *k == fact.evidence) {
                Some((_, n)) => *n += 1,
                None => kinds.push((fact.evidence, 1)),
            }
        }
        kinds
            .iter()
            .map(|(k, n)| if *n > 1 { format!("{} ×{n}", k.short()) } else { k.short().to_string() })
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn title_or_note(&self) -> &str {
        if self.title.is_empty() { "(title not recorded: the sources only cite it)" } else { &self.title }
    }
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
                let catalog: Catalog = serde_json::from_str(include_str!("../../data/catalog.json"))
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
        for mut document in other.documents {
            // Entries given with their facts get the history those make.
            if !document.facts.is_empty() {
                let complete = document.history_complete;
                build::derive(&mut document, &self.conferences, complete);
            }
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
            if d.title != d.title.trim() {
                out.push(format!("document {}: title with blanks around it", d.id));
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
        bad.title = " x".into();
        bad.history.reverse();
        bad.history.push("XX-99".into());
        bad.sources.clear();
        catalog.documents.push(bad);
        let problems = catalog.problems();
        for wanted in ["appears twice", "blanks around it", "no source", "unknown conference XX-99"] {
            assert!(problems.iter().any(|p| p.contains(wanted)), "{wanted}: {problems:?}");
        }
    }

    /// Checked independently of the build's own rule: no title ends in a
    /// word or mark that cannot end one.
    #[test]
    fn no_title_is_cut_off() {
        const DANGLING: [&str; 14] =
            ["and", "of", "the", "to", "for", "in", "on", "with", "a", "an", "or", "by", "its", "their"];
        for d in &Catalog::builtin().documents {
            let last = d.title.split_whitespace().last().unwrap_or_default().to_lowercase();
            assert!(!DANGLING.contains(&last.as_str()), "{}: `{}`", d.id, d.title);
            assert!(!d.title.ends_with([',', ';', ':', '-', '–', '(']), "{}: `{}`", d.id, d.title);
        }
    }

    #[test]
    fn sources_naming_a_document() {
        assert!(names_number("https://example.org/pp-2010/pp_181", "181"));
        assert!(names_number("https://www.itu.int/net/ITU-T/res69/Default.aspx", "69"));
        assert!(!names_number("https://example.org/pp-2010/pp_1810", "181"));
        assert!(!names_number("https://example.org/wtsa_52", "5"));
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
