//! Which revision a draft should cite ("as of" its conference), and the
//! reference checks: outdated, future, malformed and unknown citations, and
//! mentions of superseded conferences.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::{Catalog, Conference, Date, Document, body_name, conference_kind};
use crate::citations::{Citation, CitedDate, Mention, conference_of};
use crate::dates::Reading;
use crate::diagnostics::{Diagnostic, Edit, Fix, Severity};
use crate::model::Section;
use crate::syntax::BlockKind;

pub const OUTDATED_REFERENCE: &str = "outdated-reference";
pub const FUTURE_REFERENCE: &str = "future-reference";
pub const MALFORMED_CITATION: &str = "malformed-citation";
pub const UNKNOWN_REFERENCE: &str = "unknown-reference";
pub const OUTDATED_CONFERENCE: &str = "outdated-conference";
pub const UNSTATED_CONFERENCE: &str = "unstated-conference";
pub const FLATTENED_CHANGE: &str = "flattened-change";

/// What in the draft says which conference it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The document number line: `RESOLUTION 130 (REV. BUSAN, 2014)`.
    Heading,
    /// `The Plenipotentiary Conference … (Busan, 2014),`.
    Formula,
    /// `WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY (Hammamet, 25 October - 3 November 2016)`.
    ConferenceLine,
    /// `PP-06/DT/1`, `WTDC-17/21(Add.15)-E`, `C09/105-E`.
    Symbol,
    /// `The Council,` and a date of one of its sessions in the header.
    CouncilSession,
}

impl Evidence {
    pub fn describe(self) -> &'static str {
        match self {
            Evidence::Heading => "the heading",
            Evidence::Formula => "the enacting formula",
            Evidence::ConferenceLine => "the conference line",
            Evidence::Symbol => "the document symbol",
            Evidence::CouncilSession => "the Council session's date",
        }
    }

    /// For the `draftls/asOf` request: `heading`, `formula`, `conference-line`, `symbol`, `council-session`.
    pub fn id(self) -> &'static str {
        match self {
            Evidence::Heading => "heading",
            Evidence::Formula => "formula",
            Evidence::ConferenceLine => "conference-line",
            Evidence::Symbol => "symbol",
            Evidence::CouncilSession => "council-session",
        }
    }
}

/// Where the draft's "as of" date comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    /// `draftls.toml`, the editor's settings or `check --as-of`.
    Setting,
    /// The draft itself: `range` is the block that says it.
    Draft { range: Range<usize>, evidence: Evidence },
    /// Nothing says: the latest conference in the catalog.
    Latest,
}

impl AsOfSource {
    /// `from the heading`, `from the settings`, `the latest conference in the catalog`.
    pub fn describe(&self) -> String {
        match self {
            AsOfSource::Setting => "from the settings".into(),
            AsOfSource::Draft { evidence, .. } => format!("from {}", evidence.describe()),
            AsOfSource::Latest => "the latest conference in the catalog: the draft does not say".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsOf {
    pub date: Date,
    pub conference: Option<String>,
    pub source: AsOfSource,
    /// The blocks of the title that name the draft's own conference (its
    /// heading, formula, conference line, symbol), whatever "as of" is.
    pub own: Vec<Range<usize>>,
}

/// A conference id (`PP-14`) or a date (`2014-10-20`).
pub fn parse_as_of(catalog: &Catalog, text: &str) -> Result<(Date, Option<String>), String> {
    if let Some(c) = catalog.conference(text.trim()) {
        return Ok((c.start_date(), Some(c.id.clone())));
    }
    Date::parse(text).map(|d| (d, None)).ok_or_else(|| {
        format!("as-of `{text}` is neither a conference of the catalog (such as PP-14) nor a date (YYYY-MM-DD)")
    })
}

/// `RESOLUTION 130 (REV. BUSAN, 2014)`, in any case.
static HEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:resolution|decision|recommendation|opinion)\s*\S+\s*\((?P<inner>[^()\n]{1,80})\)")
        .expect("compiles")
});

/// A formula or a conference line: the body's name at the start of the
/// block (after `The` and an ordinal), then its date or id in parentheses.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s*_]*(?P<the>the\s+(?:\p{L}+\s+)?)?(?P<body>plenipotentiary\s+conference|world\s+telecommunication\s+development\s+conference|world\s+telecommunication\s+standardization\s+assembly|world\s+telecommunication(?:/ict)?\s+policy\s+forum)(?:\s+of\s+the\s+international\s+telecommunication\s+union)?\s*\((?P<inner>[^()\n]{1,80})\)",
    )
    .expect("compiles")
});

/// `(PP-22)`, `(WTSA-16)`.
static ID_INNER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<id>(?:PP|WTDC|WTSA|WTPF)-\d{2})\s*$").expect("compiles"));

/// `(Hammamet, 25 October - 3 November 2016)`: a place, days and months, a year.
static PLACE_DAYS_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<place>\p{L}[\p{L}'’\- ]*?)\s*,[\p{L}\d\s\-–—,.]*?\b(?P<year>\d{4})\s*$").expect("compiles")
});

/// A document symbol: `PP-06/DT/1`, `WTDC-17/21(Add.15)-E`, and Council's `C09/105-E`.
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?P<id>(?:PP|WTDC|WTSA|WTPF)-\d{2})|C(?P<council>\d{2}))/[A-Z0-9]").expect("compiles")
});

/// `The Council,`.
static COUNCIL_FORMULA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*The\s+(?:ITU\s+)?Council\s*,").expect("compiles"));

/// `9-19 June 2015`, `20 October 2009`: the first day and the month and year.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<day>\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<year>\d{4})\b")
        .expect("compiles")
});

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn body_of(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    if lower.starts_with("plenipotentiary") {
        "PP"
    } else if lower.contains("development") {
        "WTDC"
    } else if lower.contains("standardization") {
        "WTSA"
    } else {
        "WTPF"
    }
}

/// The one conference of `kind` (any kind when `None`) a date parenthesis names;
/// of a flattened change, the later one.
fn conference_in<'c>(catalog: &'c Catalog, kind: Option<&str>, inner: &str) -> Option<&'c Conference> {
    if let Some(caps) = ID_INNER.captures(inner) {
        return catalog.conference(&caps["id"]).filter(|c| kind.is_none_or(|k| c.kind == k));
    }
    let (place, year) = match crate::dates::parse(inner, catalog, kind) {
        Some(date) => (date.reading.place, date.reading.year),
        None => {
            let caps = PLACE_DAYS_YEAR.captures(inner)?;
            (Some(caps["place"].to_string()), caps["year"].parse().ok()?)
        }
    };
    match catalog.conferences_at(kind, place.as_deref(), year).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// A conference the title names, the block that names it, and how.
type Found<'c> = (&'c Conference, Range<usize>, Evidence);

/// The conference the draft is for, with the block that says so and what
/// it is, and every block of the title that names a conference of its own.
/// Read after revision marks, flattened track changes included.
fn draft_conference<'c>(sections: &[Section], catalog: &'c Catalog) -> (Option<Found<'c>>, Vec<Range<usize>>) {
    let Some(title) = sections.first() else { return (None, Vec::new()) };
    let mut found: Vec<Found<'c>> = Vec::new();
    let mut own = Vec::new();
    let mut headings = Vec::new();
    let mut council_formula = false;
    let mut session_dates = Vec::new();
    for placed in &title.blocks {
        if placed.block.is_deleted() || matches!(placed.block.kind, BlockKind::Tag(_)) {
            continue;
        }
        let text = placed.block.clean.text.as_str();
        match placed.block.kind {
            BlockKind::DocumentNumber => {
                own.push(placed.range());
                if let Some(caps) = HEADING_DATE.captures(text) {
                    headings.push((caps["inner"].to_string(), placed.range()));
                }
                continue;
            }
            BlockKind::EnactingFormula if COUNCIL_FORMULA.is_match(text) => {
                own.push(placed.range());
                council_formula = true;
            }
            BlockKind::EnactingFormula | BlockKind::Paragraph => {
                if let Some(caps) = NAMED.captures(text) {
                    own.push(placed.range());
                    let evidence =
                        if caps.name("the").is_some() || matches!(placed.block.kind, BlockKind::EnactingFormula) {
                            Evidence::Formula
                        } else {
                            Evidence::ConferenceLine
                        };
                    if let Some(c) = conference_in(catalog, Some(body_of(&caps["body"])), &caps["inner"]) {
                        found.push((c, placed.range(), evidence));
                    }
                }
            }
            _ => {}
        }
        if matches!(placed.block.kind, BlockKind::Clause(_)) {
            continue;
        }
        for caps in SYMBOL.captures_iter(text) {
            let id = match (caps.name("id"), caps.name("council")) {
                (Some(id), _) => id.as_str().to_string(),
                (None, Some(yy)) => format!("C-{}", yy.as_str()),
                _ => continue,
            };
            if let Some(c) = catalog.conference(&id) {
                own.push(placed.range());
                found.push((c, placed.range(), Evidence::Symbol));
            }
        }
        for caps in DAY_MONTH_YEAR.captures_iter(text) {
            let month = MONTHS.iter().position(|m| *m == &caps["month"]).expect("a month") as u32 + 1;
            if let (Ok(day), Ok(year)) = (caps["day"].parse(), caps["year"].parse()) {
                session_dates.push((Date { year, month, day }, placed.range()));
            }
        }
    }
    // The heading's date, read with the body the rest of the title names.
    let kind = found.first().map(|(c, ..)| c.kind.clone());
    for (inner, range) in headings.into_iter().rev() {
        if let Some(c) = conference_in(catalog, kind.as_deref(), &inner) {
            found.insert(0, (c, range, Evidence::Heading));
        }
    }
    if council_formula {
        for (date, range) in session_dates {
            let session = catalog.conferences.iter().find(|c| {
                c.kind == "Council"
                    && match (c.start.as_deref().and_then(Date::parse), c.end.as_deref().and_then(Date::parse)) {
                        (Some(start), Some(end)) => start <= date && date <= end,
                        _ => false,
                    }
            });
            if let Some(session) = session {
                own.push(range.clone());
                found.push((session, range, Evidence::CouncilSession));
            }
        }
    }
    let first = found.into_iter().min_by_key(|(_, _, evidence)| match evidence {
        Evidence::Heading => 0,
        Evidence::Formula => 1,
        Evidence::ConferenceLine => 2,
        Evidence::Symbol => 3,
        Evidence::CouncilSession => 4,
    });
    (first, own)
}

/// Flattened changes in the title's own date (`RESOLUTION 130 (REV. DUBAI,
/// 2018BUCHAREST, 2022)`, `The … Assembly (Dubai, 2012Hammamet, 2016),`):
/// the draft is for the later reading, and the text should say one.
pub fn title_changes(sections: &[Section], catalog: &Catalog) -> Vec<Diagnostic> {
    let Some(title) = sections.first() else { return Vec::new() };
    let mut out = Vec::new();
    for placed in title.blocks.iter().filter(|b| !b.block.is_deleted()) {
        let text = placed.block.clean.text.as_str();
        let (caps, kind) = match placed.block.kind {
            BlockKind::DocumentNumber => (HEADING_DATE.captures(text), None),
            BlockKind::EnactingFormula | BlockKind::Paragraph => {
                let caps = NAMED.captures(text);
                let kind = caps.as_ref().map(|c| body_of(&c["body"]));
                (caps, kind)
            }
            _ => continue,
        };
        let Some(caps) = caps else { continue };
        let inner = caps.name("inner").expect("the pattern has an inner group");
        let Some(date) = crate::dates::parse(inner.as_str(), catalog, kind) else { continue };
        let Some(earlier) = &date.earlier else { continue };
        let upper = !inner.as_str().chars().any(char::is_lowercase);
        let write = |reading: &Reading| {
            let text = reading.citation(date.revised);
            if upper { text.to_uppercase() } else { text }
        };
        let (old, new) = (write(earlier), write(&date.reading));
        let range = placed.abs(&placed.block.clean.range_to_source(inner.start() - 1..inner.end() + 1));
        let fixes = [(&old, "the deleted reading"), (&new, "the inserted reading")]
            .into_iter()
            .map(|(text, which)| Fix {
                title: format!("Keep `{text}` ({which})"),
                edits: vec![Edit { range: range.clone(), new_text: text.clone() }],
                preferred: false,
                safe: false,
            })
            .collect();
        let message = format!(
            "the draft's own date holds a flattened change: it reads as `{old}` changed to `{new}`; \
             the draft is checked as of the later"
        );
        out.push(diagnostic(range, Severity::Hint, FLATTENED_CHANGE, message, fixes));
    }
    out
}

pub fn as_of(sections: &[Section], catalog: &Catalog, setting: Option<&str>) -> Result<AsOf, String> {
    let (found, own) = draft_conference(sections, catalog);
    if let Some(setting) = setting {
        let (date, conference) = parse_as_of(catalog, setting)?;
        return Ok(AsOf { date, conference, source: AsOfSource::Setting, own });
    }
    if let Some((conference, range, evidence)) = found {
        return Ok(AsOf {
            date: conference.start_date(),
            conference: Some(conference.id.clone()),
            source: AsOfSource::Draft { range, evidence },
            own,
        });
    }
    let latest = catalog.latest().ok_or("the catalog has no conference")?;
    Ok(AsOf { date: latest.start_date(), conference: Some(latest.id.clone()), source: AsOfSource::Latest, own })
}

/// What a citation refers to and where it stands on the "as of" date.
pub struct Resolved<'c> {
    pub document: &'c Document,
    /// The conference the citation's date names.
    pub cited: Option<&'c Conference>,
    /// The revision in force on the "as of" date.
    pub current: Option<&'c Conference>,
}

pub fn is_first_adoption(doc: &Document, conference: &str) -> Option<bool> {
    if let Some(adopted) = &doc.adopted {
        return Some(adopted == conference);
    }
    (doc.history_complete && !doc.history.is_empty()).then(|| doc.history[0] == conference)
}

pub fn resolve<'c>(catalog: &'c Catalog, citation: &Citation, as_of: &AsOf) -> Option<Resolved<'c>> {
    let body = citation.body.known()?;
    let document = catalog.document(body, &citation.kind, &citation.number)?;
    let cited = citation.date.as_ref().and_then(|d| conference_of(catalog, body, d));
    Some(Resolved { document, cited, current: catalog.in_force(document, as_of.date) })
}

/// The citation text for a document's revision at `conference`.
pub fn citation_text(doc: &Document, conference: &Conference) -> String {
    conference.citation(is_first_adoption(doc, &conference.id) != Some(true))
}

fn diagnostic(
    range: Range<usize>,
    severity: Severity,
    code: &'static str,
    message: String,
    fixes: Vec<Fix>,
) -> Diagnostic {
    Diagnostic { range, severity, code, message, related: Vec::new(), fixes }
}

fn replace_fix(range: &Range<usize>, text: String) -> Fix {
    Fix {
        title: format!("Cite as `{text}`"),
        edits: vec![Edit { range: range.clone(), new_text: text }],
        preferred: true,
        safe: false,
    }
}

fn display(doc: &Document) -> String {
    format!("{} {} {}", doc.body, doc.kind, doc.number)
}

/// The citation checks; each citation is checked with the others of its
/// block and date parenthesis only, so a group of blocks can be checked on
/// its own.
pub fn check_citations(catalog: &Catalog, citations: &[Citation], as_of: &AsOf) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Citations by the parenthesis they share and by the block they stand
    // in: looked up per citation, so a draft of thousands stays linear.
    let mut by_date: HashMap<usize, Vec<&Citation>> = HashMap::new();
    let mut by_block: HashMap<_, Vec<&Citation>> = HashMap::new();
    for c in citations {
        if let Some(d) = &c.date {
            by_date.entry(d.range.start).or_default().push(c);
        }
        by_block.entry(c.block).or_default().push(c);
    }
    let mut flattened_seen = std::collections::HashSet::new();
    for citation in citations {
        if let Some(date) = &citation.date
            && let Some(earlier) = &date.flattened
        {
            // The other checks would have to guess which reading stands.
            if flattened_seen.insert(date.range.start) {
                out.push(flattened(catalog, citation, date, earlier, as_of));
            }
            continue;
        }
        let Some(body) = citation.body.known() else {
            if catalog.documents_numbered(&citation.kind, &citation.number).is_empty() {
                let message = format!("{} {} is not in the catalog", citation.kind, citation.number);
                out.push(diagnostic(citation.range.clone(), Severity::Hint, UNKNOWN_REFERENCE, message, vec![]));
            }
            continue;
        };
        let Some(resolved) = resolve(catalog, citation, as_of) else {
            // An undated WTPF opinion: which forum's is not said.
            if body == "WTPF" && !citation.number.contains('(') {
                continue;
            }
            let message = format!(
                "{body} {} {} is not in the catalog (body: {})",
                citation.kind, citation.number, citation.body_note
            );
            out.push(diagnostic(citation.range.clone(), Severity::Hint, UNKNOWN_REFERENCE, message, vec![]));
            continue;
        };
        let doc = resolved.document;
        let Some(date) = &citation.date else { continue };
        let Some(cited) = resolved.cited else {
            let place = date.place.as_deref().map(|p| format!("{p}, ")).unwrap_or_default();
            let message = format!("no {} met in {place}{}", body_name(conference_kind(body)), date.year);
            out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, vec![]));
            continue;
        };
        let in_history = doc.history.contains(&cited.id);
        // No fix cites a conference later than the draft's.
        // A parenthesis shared by several numbers (`Resolutions 180 and 162
        // (Rev. Guadalajara, 2010)`) is rewritten only for a citation alone in it.
        let sharing = by_date.get(&date.range.start).map_or(&[][..], Vec::as_slice);
        let shared = sharing.len() > 1;
        let fixable = cited.start_date() <= as_of.date && !shared;
        let fix_with =
            |revised: bool| if fixable { vec![replace_fix(&date.range, cited.citation(revised))] } else { vec![] };
        match is_first_adoption(doc, &cited.id) {
            Some(true) if date.revised => {
                let message =
                    format!("{} was adopted at {}, not revised there: cite it without `Rev.`", display(doc), cited.id);
                out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, fix_with(false)));
            }
            Some(false) if in_history && !date.revised => {
                let message = format!("{} was revised at {}: cite it with `Rev.`", display(doc), cited.id);
                out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, fix_with(true)));
            }
            _ if !in_history && doc.history_complete => {
                let message = format!("{} was neither adopted nor revised at {}", display(doc), cited.id);
                out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, vec![]));
            }
            _ => {}
        }
        if cited.start_date() > as_of.date {
            let when = as_of.conference.as_deref().unwrap_or("the draft's date");
            let message = format!(
                "{} {} is later than {when}, the date this draft is written for",
                display(doc),
                date_text(cited, doc)
            );
            out.push(diagnostic(date.range.clone(), Severity::Warning, FUTURE_REFERENCE, message, vec![]));
            continue;
        }
        if let Some(current) = resolved.current
            && current.start_date() > cited.start_date()
            && !cites_beside(catalog, &by_block[&citation.block], citation, body, current)
        {
            let text = citation_text(doc, current);
            let message = format!(
                "{} was revised {}{} before {}: cite `{text}`",
                display(doc),
                // Where the history may lack revisions, the latest known one.
                if doc.history_complete { "at " } else { "at least at " },
                current.id,
                as_of_name(as_of)
            );
            // A parenthesis shared by several numbers is fixed only if they agree.
            let shared_ok = sharing.iter().all(|other| {
                resolve(catalog, other, as_of)
                    .and_then(|r| r.current.map(|c| citation_text(r.document, c)))
                    .is_some_and(|t| t == text)
            });
            let fixes = if shared_ok { vec![replace_fix(&date.range, text)] } else { vec![] };
            out.push(diagnostic(
                citation.range.start..date.range.end,
                Severity::Warning,
                OUTDATED_REFERENCE,
                message,
                fixes,
            ));
        }
    }
    out
}

/// `outdated-conference`: mentions of a conference a later one of its body
/// followed before the draft's.
pub fn check_mentions(catalog: &Catalog, mentions: &[Mention], as_of: &AsOf) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for mention in mentions {
        // The draft's own conference, in its heading, formula or symbol.
        if as_of.own.iter().any(|r| r.start <= mention.range.start && mention.range.end <= r.end) {
            continue;
        }
        let Some(conference) = catalog.conference(&mention.conference) else { continue };
        // The next conference of the body, if it met before the draft's.
        let later = catalog
            .conferences
            .iter()
            .filter(|c| c.kind == conference.kind && c.start_date() > conference.start_date())
            .min_by_key(|c| c.start_date())
            .filter(|c| c.start_date() < as_of.date);
        if let Some(later) = later {
            let what = match (&later.action_plan, mention.text.contains("Action Plan")) {
                (Some(plan), true) => format!("the {plan} ({})", later.id),
                (None, true) => format!("the action plan of {}", later.id),
                _ => later.id.clone(),
            };
            let message = format!("{} was followed by {what} before {}", mention.text, as_of_name(as_of));
            out.push(diagnostic(mention.range.clone(), Severity::Information, OUTDATED_CONFERENCE, message, vec![]));
        }
    }
    out
}

/// The same document cited in the same block at the revision in force: a
/// history (`Resolution 125 (Rev. Busan, 2014) … and Resolution 125 (Rev.
/// Dubai, 2018)`), not an outdated citation.
fn cites_beside(
    catalog: &Catalog,
    in_block: &[&Citation],
    citation: &Citation,
    body: &str,
    current: &Conference,
) -> bool {
    in_block.iter().any(|other| {
        other.kind == citation.kind
            && other.number == citation.number
            && other.body.known() == Some(body)
            && other
                .date
                .as_ref()
                .filter(|d| d.flattened.is_none())
                .and_then(|d| conference_of(catalog, body, d))
                .is_some_and(|c| c.id == current.id)
    })
}

/// A citation whose date holds a flattened track change: the two readings,
/// a fix for each (none for a reading later than the draft's conference).
fn flattened(catalog: &Catalog, citation: &Citation, date: &CitedDate, earlier: &Reading, as_of: &AsOf) -> Diagnostic {
    let later = date.reading();
    let (old, new) = (earlier.citation(date.revised), later.citation(date.revised));
    let message =
        format!("this citation holds a flattened change: it reads as `{old}` changed to `{new}`; keep one of them");
    let after_as_of = |reading: &Reading| {
        let conference = citation.body.known().and_then(|b| {
            catalog.conferences_at(Some(conference_kind(b)), reading.place.as_deref(), reading.year).into_iter().next()
        });
        match conference {
            Some(c) => c.start_date() > as_of.date,
            None => reading.year > as_of.date.year,
        }
    };
    let mut fixes = Vec::new();
    for (reading, text, which) in [(earlier, &old, "the deleted reading"), (&later, &new, "the inserted reading")] {
        if !after_as_of(reading) {
            fixes.push(Fix {
                title: format!("Keep `{text}` ({which})"),
                edits: vec![Edit { range: date.range.clone(), new_text: text.clone() }],
                preferred: false,
                safe: false,
            });
        }
    }
    diagnostic(date.range.clone(), Severity::Hint, FLATTENED_CHANGE, message, fixes)
}

fn date_text(conference: &Conference, doc: &Document) -> String {
    citation_text(doc, conference)
}

pub fn as_of_name(as_of: &AsOf) -> String {
    match &as_of.conference {
        Some(id) => id.clone(),
        None => as_of.date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::model;

    fn as_of_of(text: &str) -> (Option<String>, AsOfSource) {
        let doc = Document::new(text);
        let found = as_of(&model::sections(&doc), &Catalog::builtin(), None).unwrap();
        let source = match found.source {
            AsOfSource::Draft { evidence, .. } => AsOfSource::Draft { range: 0..0, evidence },
            other => other,
        };
        (found.conference, source)
    }

    fn draft(evidence: Evidence) -> AsOfSource {
        AsOfSource::Draft { range: 0..0, evidence }
    }

    #[test]
    fn the_drafts_conference_wherever_real_texts_put_it() {
        let cases = [
            ("RESOLUTION 130 (REV. DUBAI, 2018BUCHAREST, 2022)\n\nrecalling\n", "PP-22", Evidence::Heading),
            ("RESOLUTION 130 (REV. ~~GUADALAJARA, 2010~~BUSAN, 2014)\n\nrecalling\n", "PP-14", Evidence::Heading),
            (
                "The World Telecommunication Standardization Assembly (Dubai, 2012Hammamet, 2016),\n\nrecalling\n",
                "WTSA-16",
                Evidence::Formula,
            ),
            (
                "The World Telecommunication Development Conference (Buenos AiresDubai, 20147),\n\nrecalling\n",
                "WTDC-17",
                Evidence::Formula,
            ),
            (
                "The Plenipotentiary Conference of the International Telecommunication Union\n(Busan, 2014),\n\nrecalling\n",
                "PP-14",
                Evidence::Formula,
            ),
            (
                "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY (Hammamet, 25 October - 3 November 2016)\n\nrecalling\n",
                "WTSA-16",
                Evidence::ConferenceLine,
            ),
            ("PLENIPOTENTIARY CONFERENCE (PP-22)\n\nrecalling\n", "PP-22", Evidence::ConferenceLine),
            ("Document PP-06/DT/1\n\nrecalling\n", "PP-06", Evidence::Symbol),
            ("Addendum 15 to\nDocument WTDC-17/21(Add.15)-E\n\nrecalling\n", "WTDC-17", Evidence::Symbol),
            ("Document C09/105-E\n\nThe Council,\n\nconsidering\n", "C-09", Evidence::Symbol),
            (
                "The fourth World Telecommunication Policy Forum (Lisbon, 2009),\n\nconsidering\n",
                "WTPF-09",
                Evidence::Formula,
            ),
            ("Geneva, 20-30 October 2009\n\nThe Council,\n\nconsidering\n", "C-09", Evidence::CouncilSession),
            (
                "Council 2019\nGeneva, 10-20 June 2019\n\nThe Council,\n\nconsidering\n",
                "C-19",
                Evidence::CouncilSession,
            ),
            // The heading wins over a symbol of another conference.
            ("Document PP-18/1\n\nRESOLUTION 130 (REV. BUSAN, 2014)\n\nrecalling\n", "PP-14", Evidence::Heading),
        ];
        for (text, conference, evidence) in cases {
            assert_eq!(as_of_of(text), (Some(conference.to_string()), draft(evidence)), "{text}");
        }
    }

    #[test]
    fn nothing_tells() {
        let latest = Catalog::builtin().latest().unwrap().id.clone();
        for text in [
            "recalling\n\na) Resolution 130 (Rev. Busan, 2014);\n",
            // A citation in the title is not the draft's conference.
            "noting Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference\n",
            // Dubai, 2012 was WTSA-12 and WCIT-12.
            "RESOLUTION 1 (DUBAI, 2012)\n\nrecalling\n",
            // Geneva, 2009 session dates, but no Council formula.
            "Geneva, 20-30 October 2009\n\nconsidering\n",
        ] {
            assert_eq!(as_of_of(text), (Some(latest.clone()), AsOfSource::Latest), "{text}");
        }
    }
}
