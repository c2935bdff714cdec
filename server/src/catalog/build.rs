//! Builds `server/data/catalog.json` from the source extracts under
//! `server/data/sources/`: facts only (numbers, titles, places, years and
//! addresses), each with the kind of evidence it was read from.
//!
//! - `curated.json`: conferences, and documents recorded by hand before facts
//!   carried their evidence (their history becomes `curated` facts);
//! - `pp18-final-acts/`: the PP-18 Final Acts (headings, titles, citations);
//! - `public-copies/`: headings and citations read from public copies of
//!   adopted texts.
//!
//! The history, adoption and abrogation of a document are derived from its
//! verified facts; `cargo run -p draftls --example build-catalog` writes the
//! file and a test checks that the checked-in one is a fresh build.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Catalog, Conference, Date, Document, Event, Evidence, Fact, conference_kind};

/// The PP-18 Final Acts as Akoma Ntoso, at the commit the extract was read from.
pub const PP18_FINAL_ACTS: &str =
    "https://github.com/techpolicycomms/akn4itu/blob/52410f5a9be37ec038a384c28dc1cc2b6bef218e/pp18_final_acts_akn.xml";

/// A heading of an adopted text: `RESOLUTION 130 (REV. DUBAI, 2018)` and its title.
#[derive(Deserialize)]
struct HeadingRow {
    #[serde(default)]
    body: Option<String>,
    kind: String,
    number: String,
    #[serde(default)]
    heading: Option<String>,
    revised: bool,
    title: String,
    /// The source cut the title off: it is not used.
    #[serde(default)]
    title_truncated: bool,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    /// The component in the PP-18 Final Acts.
    #[serde(default)]
    anchor: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// A citation inside an adopted text.
#[derive(Deserialize)]
struct CitationRow {
    /// The citing text: `Resolution 130` (PP-18) or its heading (copies).
    #[serde(rename = "in")]
    within: String,
    body: Option<String>,
    kind: String,
    number: String,
    revised: bool,
    place: Option<String>,
    year: Option<i32>,
    context: String,
    #[serde(default)]
    url: Option<String>,
}

/// An entry of an official list: the Questions of a study period, the texts
/// in force after a conference.
#[derive(Deserialize)]
struct ListRow {
    body: String,
    kind: String,
    number: String,
    title: String,
    conference: String,
    event: Event,
    url: String,
    detail: String,
}

/// A UN General Assembly resolution: never revised, adopted on a date.
#[derive(Deserialize)]
struct UngaRow {
    number: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    session: u32,
    url: String,
}

/// A Council resolution or decision and the session that adopted it.
#[derive(Deserialize)]
struct CouncilRow {
    kind: String,
    number: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    session_year: Option<i32>,
    url: String,
}

#[derive(Deserialize)]
struct SessionRow {
    year: i32,
    place: Option<String>,
    start: Option<String>,
    end: Option<String>,
    url: String,
}

/// An ITU-D Question of a study period, and its successor.
#[derive(Deserialize)]
struct QuestionRow {
    number: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    study_period: Option<String>,
    #[serde(default)]
    superseded_by: Option<String>,
    url: String,
}

/// A title read where the heading's own source cut it off.
#[derive(Deserialize)]
struct TitleRow {
    body: String,
    kind: String,
    number: String,
    title: String,
    /// The conference whose text the title is of.
    conference: String,
}

/// A title cut off by a page break or an excerpt ends in a word that cannot
/// end one, or in a comma or an opening bracket.
pub fn is_cut_off(title: &str) -> bool {
    const DANGLING: [&str; 14] =
        ["and", "of", "the", "to", "for", "in", "on", "with", "a", "an", "or", "by", "its", "their"];
    let last = title.split_whitespace().last().unwrap_or_default().to_lowercase();
    DANGLING.contains(&last.as_str()) || title.ends_with([',', ';', ':', '-', '–', '(']) || title.ends_with("...")
}

#[derive(Deserialize)]
struct AbrogationRow {
    kind: String,
    number: String,
    /// The abrogated text's heading: `RESOLUTION 36 (REV. GUADALAJARA, 2010)`.
    #[serde(default)]
    heading: Option<String>,
    context: String,
}

/// The places and years of a heading's history line, in order:
/// `RESOLUTION 44 (Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)`.
fn history_line(heading: &str) -> Vec<(String, i32)> {
    let Some(inner) = heading.split_once('(').and_then(|(_, rest)| rest.rsplit_once(')')).map(|(inner, _)| inner)
    else {
        return Vec::new();
    };
    inner
        .split(';')
        .filter_map(|part| {
            let part = part.trim();
            let part = part.strip_prefix("Rev.").or_else(|| part.strip_prefix("REV.")).unwrap_or(part);
            let (place, year) = part.rsplit_once(',')?;
            Some((place.trim().to_string(), year.trim().parse().ok()?))
        })
        .collect()
}

/// `(REV. GUADALAJARA, 2010)` in a heading: revised or not, place, year.
fn heading_date(heading: &str) -> Option<(bool, String, i32)> {
    let inner = heading.split_once('(')?.1.split_once(')')?.0.trim();
    let (revised, rest) = match inner.get(..4) {
        Some(rev) if rev.eq_ignore_ascii_case("rev.") => (true, inner[4..].trim()),
        _ => (false, inner),
    };
    let (place, year) = rest.rsplit_once(',')?;
    Some((revised, place.trim().to_string(), year.trim().parse().ok()?))
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let Ok(text) = std::fs::read_to_string(path) else { return Ok(Vec::new()) };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}

/// Documents by id while they are gathered, with the date of the heading
/// their title was read from (the latest wins: a revision may rename).
struct Gathered {
    conferences: Vec<Conference>,
    documents: BTreeMap<String, (Document, Option<Date>)>,
    history_complete: BTreeMap<String, bool>,
    /// Titles recorded by hand, of no known date.
    curated_titles: BTreeMap<String, String>,
}

impl Gathered {
    fn conference_at(&self, body: &str, place: Option<&str>, year: i32) -> Option<&Conference> {
        let kind = conference_kind(body);
        let found: Vec<&Conference> = self
            .conferences
            .iter()
            .filter(|c| c.kind == kind && c.year == year)
            .filter(|c| match (place, &c.place) {
                (Some(p), Some(q)) => super::same_place(p, q),
                (Some(_), None) => false,
                (None, _) => true,
            })
            .collect();
        match found.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    fn document(&mut self, body: &str, kind: &str, number: &str) -> &mut (Document, Option<Date>) {
        let id = format!("{body}-{kind}-{number}");
        self.documents.entry(id.clone()).or_insert_with(|| (Document::empty(id, body, kind, number), None))
    }

    fn add_fact(&mut self, body: &str, kind: &str, number: &str, fact: Fact) {
        let number = forum_number(body, kind, number, &fact.conference);
        let (doc, _) = self.document(body, kind, &number);
        if !doc.facts.contains(&fact) {
            doc.facts.push(fact);
        }
    }

    /// An entry of a list read at `source`: its fact, and its title unless
    /// one is known.
    fn add_listed(
        &mut self,
        (body, kind, number): (&str, &str, &str),
        source: &str,
        fact: Option<Fact>,
        title: Option<String>,
    ) {
        if let Some(fact) = fact {
            self.add_fact(body, kind, number, fact);
        }
        let (doc, _) = self.document(body, kind, number);
        if !doc.sources.iter().any(|s| s == source) {
            doc.sources.push(source.to_string());
        }
        if let Some(title) = title.filter(|t| doc.title.is_empty() && !is_cut_off(t)) {
            doc.title = title;
        }
    }

    fn add_heading(&mut self, row: &HeadingRow, body: &str, conference: &Conference, source: String) {
        let number = forum_number(body, &row.kind, &row.number, &conference.id);
        let date = conference.start_date();
        let event = if row.revised { Event::Revised } else { Event::Adopted };
        let fact = Fact { conference: conference.id.clone(), event, evidence: Evidence::Heading, source, detail: None };
        self.add_fact(body, &row.kind, &row.number, fact);
        let (doc, title_date) = self.document(body, &row.kind, &number);
        let title = row.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if !title.is_empty() && !row.title_truncated && !is_cut_off(&title) && title_date.is_none_or(|d| d <= date) {
            doc.title = title;
            *title_date = Some(date);
        }
    }

    fn add_citation(&mut self, row: &CitationRow, citing: &str, source: String) {
        let Some(body) = row.body.as_deref() else { return };
        let detail = Some(format!("cited as `{}` in {citing}", row.context.trim()));
        let dated = row.year.and_then(|year| self.conference_at(body, row.place.as_deref(), year)).cloned();
        match dated {
            Some(conference) => {
                let event = if row.revised { Event::Revised } else { Event::Adopted };
                let fact = Fact { conference: conference.id, event, evidence: Evidence::Citation, source, detail };
                self.add_fact(body, &row.kind, &row.number, fact);
            }
            // Undated, or a date that is no conference of that body: the
            // document exists; its history learns nothing. (An undated
            // opinion does not say which forum's it is.)
            None if body == "WTPF" => {}
            None => {
                let (doc, _) = self.document(body, &row.kind, &row.number);
                if !doc.sources.contains(&source) {
                    doc.sources.push(source);
                }
            }
        }
    }
}

/// WTPF opinions are numbered per forum: the forum is part of the number
/// (`4 (WTPF-09)`), as citations read them.
fn forum_number(body: &str, kind: &str, number: &str, conference: &str) -> String {
    if body == "WTPF" && kind == "Opinion" && !number.contains('(') {
        format!("{number} ({conference})")
    } else {
        number.to_string()
    }
}

/// The conference at which a document was first adopted, when the facts say.
fn adoption(doc: &Document, history: &[&Conference]) -> Option<String> {
    let strong = |e: Evidence| {
        matches!(e, Evidence::Heading | Evidence::HistoryLine | Evidence::OfficialList | Evidence::Imported)
    };
    let verified = || doc.facts.iter().filter(|f| f.evidence.verified());
    let stated = verified()
        .filter(|f| f.event == Event::Adopted && (strong(f.evidence) || f.evidence == Evidence::Curated))
        .filter_map(|f| history.iter().find(|c| c.id == f.conference))
        .min_by_key(|c| c.start_date());
    if let Some(c) = stated {
        return Some(c.id.clone());
    }
    // Citations without `Rev.` of the earliest known text, and no heading
    // or other citation saying it was revised there.
    let first = history.first()?;
    let at_first: Vec<&Fact> = verified().filter(|f| f.conference == first.id).collect();
    let cited_new = at_first.iter().any(|f| f.evidence == Evidence::Citation && f.event == Event::Adopted);
    let said_revised = at_first.iter().any(|f| f.event == Event::Revised);
    (cited_new && !said_revised).then(|| first.id.clone())
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn add_conference(gathered: &mut Gathered, conference: Conference) -> String {
    let id = conference.id.clone();
    if !gathered.conferences.iter().any(|c| c.id == id) {
        gathered.conferences.push(conference);
    }
    id
}

/// `lists/`: UNGA resolutions, Council sessions and documents, ITU-D Questions.
fn read_lists(gathered: &mut Gathered, dir: &Path) -> Result<(), String> {
    for row in read_jsonl::<SessionRow>(&dir.join("council-sessions.jsonl"))? {
        let id = format!("C-{:02}", row.year % 100);
        match gathered.conferences.iter_mut().find(|c| c.id == id) {
            // Dates the hand-recorded entry lacks.
            Some(existing) => {
                if existing.start.is_none() {
                    existing.start = row.start;
                    existing.end = row.end;
                }
            }
            None => gathered.conferences.push(Conference {
                id,
                kind: "Council".into(),
                name: format!("ITU Council {} session", row.year),
                place: row.place,
                year: row.year,
                start: row.start,
                end: row.end,
                action_plan: None,
                action_plan_source: None,
                source: row.url,
            }),
        }
    }
    for row in read_jsonl::<UngaRow>(&dir.join("unga.jsonl"))? {
        // The session, when the adoption date says its year.
        let year = row.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let url = row.url.clone();
        let fact = match year {
            Some(year) => {
                let session = add_conference(
                    gathered,
                    Conference {
                        id: format!("UNGA-{}", row.session),
                        kind: "UNGA".into(),
                        name: format!("United Nations General Assembly, {} session", ordinal(row.session)),
                        place: None,
                        year,
                        start: None,
                        end: None,
                        action_plan: None,
                        action_plan_source: None,
                        source: row.url.clone(),
                    },
                );
                Some(Fact {
                    conference: session,
                    event: Event::Adopted,
                    evidence: Evidence::OfficialList,
                    source: row.url,
                    detail: row.date.map(|d| format!("adopted on {d}")),
                })
            }
            None => None,
        };
        gathered.add_listed(("UNGA", "Resolution", &row.number), &url, fact, row.title);
        // Never revised: a new resolution takes a new number.
        gathered.history_complete.insert(format!("UNGA-Resolution-{}", row.number), true);
    }
    for row in read_jsonl::<CouncilRow>(&dir.join("council-documents.jsonl"))? {
        let url = row.url.clone();
        let session = row.session_year.map(|y| format!("C-{:02}", y % 100)).unwrap_or_default();
        let known = gathered.conferences.iter().any(|c| c.id == session);
        let fact = Fact {
            conference: session,
            event: Event::Adopted,
            evidence: Evidence::OfficialList,
            source: row.url,
            detail: None,
        };
        let fact = known.then_some(fact);
        gathered.add_listed(("Council", &row.kind, &row.number), &url, fact, row.title);
    }
    for row in read_jsonl::<QuestionRow>(&dir.join("itu-d-questions.jsonl"))? {
        // The WTDC that opened the study period.
        let start: Option<i32> = row.study_period.as_deref().and_then(|p| p.get(..4)).and_then(|y| y.parse().ok());
        let url = row.url.clone();
        let wtdc = start.and_then(|y| {
            gathered
                .conferences
                .iter()
                .find(|c| c.kind == "WTDC" && (c.year == y || c.year + 1 == y))
                .map(|c| c.id.clone())
        });
        let fact = wtdc.map(|wtdc| Fact {
            conference: wtdc,
            event: Event::Known,
            evidence: Evidence::OfficialList,
            source: row.url,
            detail: row.study_period.as_ref().map(|p| format!("Question of the {p} study period")),
        });
        gathered.add_listed(("ITU-D", "Question", &row.number), &url, fact, row.title);
        gathered.document("ITU-D", "Question", &row.number).0.superseded_by = row.superseded_by;
    }
    Ok(())
}

/// History, adoption, abrogation and sources from the facts.
pub(crate) fn derive(doc: &mut Document, conferences: &[Conference], complete: bool) {
    let find = |id: &str| conferences.iter().find(|c| c.id == id);
    let mut history: Vec<&Conference> = doc
        .facts
        .iter()
        .filter(|f| f.evidence.verified() && f.event != Event::Abrogated)
        .filter_map(|f| find(&f.conference))
        .collect();
    history.sort_by_key(|c| (c.start_date(), c.id.clone()));
    history.dedup_by_key(|c| c.id.clone());
    doc.adopted = adoption(doc, &history);
    // An adoption after a known earlier text would be a citation's slip.
    if let (Some(adopted), Some(first)) = (&doc.adopted, history.first())
        && *adopted != first.id
    {
        doc.adopted = None;
    }
    doc.history = history.iter().map(|c| c.id.clone()).collect();
    doc.history_complete = complete;
    doc.abrogated = doc
        .facts
        .iter()
        .filter(|f| f.evidence.verified() && f.event == Event::Abrogated)
        .filter_map(|f| find(&f.conference))
        .min_by_key(|c| c.start_date())
        .map(|c| c.id.clone());
    doc.facts.sort_by(|a, b| {
        let date = |f: &Fact| find(&f.conference).map(Conference::start_date);
        (date(a), a.event, a.evidence, &a.source, &a.detail).cmp(&(date(b), b.event, b.evidence, &b.source, &b.detail))
    });
    let mut sources: Vec<String> = Vec::new();
    for source in doc.facts.iter().map(|f| &f.source).chain(doc.sources.iter()) {
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }
    doc.sources = sources;
}

/// Orders documents as readers look them up: by body, kind and number.
fn order(doc: &Document) -> (usize, String, Vec<u64>, String) {
    let body = ["PP", "WTDC", "WTSA", "WTPF", "Council", "UNGA", "ITU-D", "ITU-T", "ITU-R", "WRC"]
        .iter()
        .position(|b| *b == doc.body)
        .unwrap_or(usize::MAX);
    let numbers = doc.number.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    (body, doc.kind.clone(), numbers, doc.number.clone())
}

/// Builds the catalog from the extracts in `dir` (`server/data/sources`).
pub fn build(dir: &Path) -> Result<Catalog, String> {
    let curated_path = dir.join("curated.json");
    let curated: Catalog = serde_json::from_str(
        &std::fs::read_to_string(&curated_path).map_err(|e| format!("{}: {e}", curated_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", curated_path.display()))?;
    let curated_source = "server/data/sources/curated.json".to_string();
    let mut gathered = Gathered {
        conferences: curated.conferences.clone(),
        documents: BTreeMap::new(),
        history_complete: BTreeMap::new(),
        curated_titles: BTreeMap::new(),
    };
    for mut doc in curated.documents {
        if doc.facts.is_empty() {
            for id in &doc.history {
                let event = if doc.adopted.as_ref() == Some(id) { Event::Adopted } else { Event::Known };
                doc.facts.push(Fact {
                    conference: id.clone(),
                    event,
                    evidence: Evidence::Curated,
                    source: curated_source.clone(),
                    detail: None,
                });
            }
            if let Some(id) = &doc.abrogated {
                doc.facts.push(Fact {
                    conference: id.clone(),
                    event: Event::Abrogated,
                    evidence: Evidence::Curated,
                    source: curated_source.clone(),
                    detail: None,
                });
            }
        }
        if let Some(first) = doc.history.first() {
            let number = forum_number(&doc.body, &doc.kind, &doc.number, first);
            if number != doc.number {
                doc.id = format!("{}-{}-{number}", doc.body, doc.kind);
                doc.number = number;
            }
        }
        gathered.history_complete.insert(doc.id.clone(), doc.history_complete);
        if is_cut_off(&doc.title) {
            doc.title.clear();
        } else if !doc.title.is_empty() {
            gathered.curated_titles.insert(doc.id.clone(), doc.title.clone());
        }
        gathered.documents.insert(doc.id.clone(), (doc, None));
    }

    // The PP-18 Final Acts.
    let pp18_dir = dir.join("pp18-final-acts");
    let pp18 = gathered.conferences.iter().find(|c| c.id == "PP-18").cloned().ok_or("no PP-18 conference")?;
    let headings: Vec<HeadingRow> = read_jsonl(&pp18_dir.join("documents.jsonl"))?;
    let mut anchors = BTreeMap::new();
    for row in &headings {
        let anchor = row.anchor.clone().unwrap_or_default();
        anchors.insert(format!("{} {}", row.kind, row.number), anchor.clone());
        gathered.add_heading(row, "PP", &pp18, format!("{PP18_FINAL_ACTS}#{anchor}"));
    }
    for row in read_jsonl::<CitationRow>(&pp18_dir.join("citations.jsonl"))? {
        let anchor = anchors.get(&row.within).cloned().unwrap_or_default();
        gathered.add_citation(&row, &format!("PP-18 {}", row.within), format!("{PP18_FINAL_ACTS}#{anchor}"));
    }
    for row in read_jsonl::<AbrogationRow>(&pp18_dir.join("abrogations.jsonl"))? {
        // The list names the abrogated text by its heading: that revision existed.
        if let Some((revised, place, year)) = row.heading.as_deref().and_then(heading_date)
            && let Some(conference) = gathered.conference_at("PP", Some(&place), year).cloned()
        {
            let event = if revised { Event::Revised } else { Event::Adopted };
            let fact = Fact {
                conference: conference.id,
                event,
                evidence: Evidence::OfficialList,
                source: PP18_FINAL_ACTS.to_string(),
                detail: Some(format!("abrogated by PP-18 as `{}`", row.heading.as_deref().unwrap_or_default())),
            };
            gathered.add_fact("PP", &row.kind, &row.number, fact);
        }
        let fact = Fact {
            conference: pp18.id.clone(),
            event: Event::Abrogated,
            evidence: Evidence::OfficialList,
            source: PP18_FINAL_ACTS.to_string(),
            detail: Some(row.context),
        };
        gathered.add_fact("PP", &row.kind, &row.number, fact);
    }

    // Public copies of adopted texts.
    let copies = dir.join("public-copies");
    for row in read_jsonl::<HeadingRow>(&copies.join("headings.jsonl"))? {
        let (Some(body), Some(year), Some(url)) = (row.body.clone(), row.year, row.url.clone()) else { continue };
        let Some(conference) = gathered.conference_at(&body, row.place.as_deref(), year).cloned() else { continue };
        // `(Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)`: the
        // adoption and every revision up to this text.
        let history = row.heading.as_deref().map(history_line).unwrap_or_default();
        if history.len() > 1 {
            for (i, (place, year)) in history.iter().enumerate() {
                let Some(c) = gathered.conference_at(&body, Some(place), *year).cloned() else { continue };
                let event = if i == 0 { Event::Adopted } else { Event::Revised };
                let fact = Fact {
                    conference: c.id,
                    event,
                    evidence: Evidence::HistoryLine,
                    source: url.clone(),
                    detail: row.heading.clone(),
                };
                gathered.add_fact(&body, &row.kind, &row.number, fact);
            }
            let revised = HeadingRow { revised: true, ..row };
            gathered.add_heading(&revised, &body, &conference, url);
            continue;
        }
        gathered.add_heading(&row, &body, &conference, url);
    }
    for row in read_jsonl::<CitationRow>(&copies.join("citations.jsonl"))? {
        let Some(url) = row.url.clone() else { continue };
        let within = row.within.clone();
        gathered.add_citation(&row, &within, url);
    }

    // Lists of UN, Council and ITU-D documents.
    read_lists(&mut gathered, &dir.join("lists"))?;

    // Official lists.
    for row in read_jsonl::<ListRow>(&dir.join("official-lists.jsonl"))? {
        let fact = Fact {
            conference: row.conference.clone(),
            event: row.event,
            evidence: Evidence::OfficialList,
            source: row.url,
            detail: Some(row.detail),
        };
        let url = fact.source.clone();
        gathered.add_listed((&row.body, &row.kind, &row.number), &url, Some(fact), Some(row.title));
    }

    // Titles read elsewhere, where the heading's source cut them off.
    for row in read_jsonl::<TitleRow>(&dir.join("titles.jsonl"))? {
        let date = gathered.conferences.iter().find(|c| c.id == row.conference).map(Conference::start_date);
        let (doc, title_date) = gathered.document(&row.body, &row.kind, &row.number);
        if doc.title.is_empty() || title_date.is_none_or(|d| date.is_some_and(|new| d < new)) {
            doc.title = row.title;
            *title_date = date;
        }
    }

    let conferences = gathered.conferences;
    let mut documents: Vec<Document> = Vec::new();
    for (id, (mut doc, title_date)) in gathered.documents {
        // A history line is complete up to its own text only: later
        // revisions may exist, so it does not make the history complete.
        let complete = gathered.history_complete.get(&id).copied().unwrap_or(false);
        derive(&mut doc, &conferences, complete);
        // A heading older than the latest known revision may carry a title
        // the revision changed: the hand-recorded one is then kept.
        let latest = doc.history.last().and_then(|id| conferences.iter().find(|c| c.id == *id));
        if let (Some(read), Some(latest), Some(curated)) = (title_date, latest, gathered.curated_titles.get(&id))
            && read < latest.start_date()
        {
            doc.title = curated.clone();
        }
        documents.push(doc);
    }
    documents.sort_by_key(order);
    let catalog = Catalog { conferences, documents };
    let problems = catalog.problems();
    if problems.is_empty() { Ok(catalog) } else { Err(problems.join("\n")) }
}

/// The catalog as `catalog.json` holds it.
pub fn to_json(catalog: &Catalog) -> String {
    let mut text = serde_json::to_string_pretty(catalog).expect("the catalog serialises");
    text.push('\n');
    text
}

/// `server/data/COVERAGE.md`: what the built catalog holds, counted.
pub fn coverage(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# Catalog coverage\n\nGenerated by `cargo run -p draftls --example build-catalog` with `catalog.json`; \
         a test keeps both fresh.\n\n## Documents\n\n\
         | body | kind | documents | with title | adoption known | history complete | facts |\n|---|---|---|---|---|---|---|\n",
    );
    let mut rows: BTreeMap<(usize, String, String), [usize; 5]> = BTreeMap::new();
    for d in &catalog.documents {
        let row = rows.entry((order(d).0, d.body.clone(), d.kind.clone())).or_default();
        row[0] += 1;
        row[1] += usize::from(!d.title.is_empty());
        row[2] += usize::from(d.adopted.is_some());
        row[3] += usize::from(d.history_complete);
        row[4] += d.facts.len();
    }
    let mut total = [0; 5];
    for ((_, body, kind), row) in &rows {
        out.push_str(&format!(
            "| {body} | {kind} | {} | {} | {} | {} | {} |\n",
            row[0], row[1], row[2], row[3], row[4]
        ));
        for (t, n) in total.iter_mut().zip(row) {
            *t += n;
        }
    }
    out.push_str(&format!(
        "| all | | {} | {} | {} | {} | {} |\n\n## Facts by evidence\n\n| evidence | facts |\n|---|---|\n",
        total[0], total[1], total[2], total[3], total[4]
    ));
    let mut evidence: BTreeMap<Evidence, usize> = BTreeMap::new();
    for fact in catalog.documents.iter().flat_map(|d| &d.facts) {
        *evidence.entry(fact.evidence).or_default() += 1;
    }
    for (kind, n) in evidence {
        out.push_str(&format!("| {} | {n} |\n", kind.short()));
    }
    out.push_str("\n## Documents per conference (adopted or revised there)\n\n| conference | documents |\n|---|---|\n");
    for c in &catalog.conferences {
        let n = catalog.documents.iter().filter(|d| d.history.contains(&c.id)).count();
        if n > 0 {
            out.push_str(&format!("| {} | {n} |\n", c.id));
        }
    }
    out.push_str("\n## Conferences\n\n| kind | conferences |\n|---|---|\n");
    let mut kinds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &catalog.conferences {
        kinds.entry(&c.kind).or_default().push(&c.id);
    }
    for (kind, ids) in kinds {
        out.push_str(&format!("| {kind} | {} |\n", ids.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    #[test]
    fn history_lines_list_every_conference() {
        assert_eq!(
            history_line("RESOLUTION 44 (Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)"),
            [("Florianópolis".to_string(), 2004), ("Johannesburg".into(), 2008), ("Dubai".into(), 2012)]
        );
        assert_eq!(history_line("RESOLUTION 58 (Rev. Dubai, 2012)"), [("Dubai".to_string(), 2012)]);
    }

    #[test]
    fn headings_give_their_date() {
        assert_eq!(heading_date("RESOLUTION 36 (REV. GUADALAJARA, 2010)"), Some((true, "GUADALAJARA".into(), 2010)));
        assert_eq!(heading_date("DECISION 13 (BUSAN, 2014)"), Some((false, "BUSAN".into(), 2014)));
        assert_eq!(heading_date("RESOLUTION 2"), None);
    }

    /// Every document the PP-18 Final Acts cite by number, with a body the
    /// extract could tell, is in the catalog.
    #[test]
    fn every_document_the_pp18_final_acts_cite_is_catalogued() {
        let catalog = Catalog::builtin();
        let rows: Vec<CitationRow> = read_jsonl(&data().join("sources/pp18-final-acts/citations.jsonl")).unwrap();
        assert!(rows.len() > 300);
        let mut missing = Vec::new();
        for row in &rows {
            let Some(body) = row.body.as_deref() else { continue };
            let found = if body == "WTPF" {
                catalog.documents.iter().any(|d| d.body == body && d.number.starts_with(&format!("{} (", row.number)))
                    || row.year.is_none()
            } else {
                catalog.document(body, &row.kind, &row.number).is_some()
            };
            if !found {
                missing.push(format!("{body} {} {}", row.kind, row.number));
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn the_checked_in_catalog_is_a_fresh_build() {
        let built = to_json(&build(&data().join("sources")).unwrap());
        let checked_in = std::fs::read_to_string(data().join("catalog.json")).unwrap();
        assert!(
            built == checked_in,
            "server/data/catalog.json is not a fresh build of server/data/sources: run `cargo run -p draftls --example build-catalog`"
        );
        let coverage = coverage(&build(&data().join("sources")).unwrap());
        assert_eq!(coverage, std::fs::read_to_string(data().join("COVERAGE.md")).unwrap(), "COVERAGE.md is stale");
    }
}
