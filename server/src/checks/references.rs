//! Which revision a draft should cite ("as of" its conference), and the
//! reference checks: outdated, future, malformed and unknown citations, and
//! mentions of superseded conferences.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::{Catalog, Conference, Date, Document, body_name, conference_kind};
use crate::citations::{Citation, Mention, conference_of};
use crate::diagnostics::{Diagnostic, Edit, Fix, Severity};
use crate::model::Section;
use crate::syntax::BlockKind;

pub const OUTDATED_REFERENCE: &str = "outdated-reference";
pub const FUTURE_REFERENCE: &str = "future-reference";
pub const MALFORMED_CITATION: &str = "malformed-citation";
pub const UNKNOWN_REFERENCE: &str = "unknown-reference";
pub const OUTDATED_CONFERENCE: &str = "outdated-conference";

/// Where the draft's "as of" date comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    /// `draftls.toml`, the editor's settings or `check --as-of`.
    Setting,
    /// The document number line or the enacting formula.
    Draft { range: Range<usize> },
    /// Nothing says: the latest conference in the catalog.
    Latest,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsOf {
    pub date: Date,
    pub conference: Option<String>,
    pub source: AsOfSource,
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

static DATE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*(?:rev\.\s*)?(?P<place>[\p{L}][\p{L}'’ \-]*?)\s*,?\s*(?P<year>\d{4})\s*\)").expect("compiles")
});

fn enacting_body(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    [
        ("plenipotentiary conference", "PP"),
        ("world telecommunication development conference", "WTDC"),
        ("world telecommunication standardization assembly", "WTSA"),
        ("policy forum", "WTPF"),
        ("general assembly", "UNGA"),
    ]
    .into_iter()
    .find(|(name, _)| lower.contains(name))
    .map(|(_, body)| body)
}

/// The conference the draft is for, from its document number line and
/// enacting formula (read after revision marks).
fn draft_conference<'c>(sections: &[Section], catalog: &'c Catalog) -> Option<(&'c Conference, Range<usize>)> {
    let title = sections.first()?;
    let body = title
        .blocks
        .iter()
        .find(|b| matches!(b.block.kind, BlockKind::EnactingFormula))
        .and_then(|b| enacting_body(&b.block.clean.text));
    for placed in &title.blocks {
        if !matches!(placed.block.kind, BlockKind::DocumentNumber | BlockKind::EnactingFormula) {
            continue;
        }
        let Some(caps) = DATE_IN_TEXT.captures(&placed.block.clean.text) else { continue };
        let year: i32 = caps["year"].parse().ok()?;
        let found = catalog.conferences_at(body, Some(&caps["place"]), year);
        if let [conference] = found.as_slice() {
            return Some((conference, placed.range()));
        }
    }
    None
}

pub fn as_of(sections: &[Section], catalog: &Catalog, setting: Option<&str>) -> Result<AsOf, String> {
    if let Some(setting) = setting {
        let (date, conference) = parse_as_of(catalog, setting)?;
        return Ok(AsOf { date, conference, source: AsOfSource::Setting });
    }
    if let Some((conference, range)) = draft_conference(sections, catalog) {
        return Ok(AsOf {
            date: conference.start_date(),
            conference: Some(conference.id.clone()),
            source: AsOfSource::Draft { range },
        });
    }
    let latest = catalog.latest().ok_or("the catalog has no conference")?;
    Ok(AsOf { date: latest.start_date(), conference: Some(latest.id.clone()), source: AsOfSource::Latest })
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

pub fn check(catalog: &Catalog, citations: &[Citation], mentions: &[Mention], as_of: &AsOf) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for citation in citations {
        let Some(body) = citation.body.known() else {
            if catalog.documents_numbered(&citation.kind, &citation.number).is_empty() {
                let message = format!("{} {} is not in the catalog", citation.kind, citation.number);
                out.push(diagnostic(citation.range.clone(), Severity::Hint, UNKNOWN_REFERENCE, message, vec![]));
            }
            continue;
        };
        let Some(resolved) = resolve(catalog, citation, as_of) else {
            let message = format!("{body} {} {} is not in the catalog", citation.kind, citation.number);
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
        match is_first_adoption(doc, &cited.id) {
            Some(true) if date.revised => {
                let message =
                    format!("{} was adopted at {}, not revised there: cite it without `Rev.`", display(doc), cited.id);
                let fix = replace_fix(&date.range, cited.citation(false));
                out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, vec![fix]));
            }
            Some(false) if in_history && !date.revised => {
                let message = format!("{} was revised at {}: cite it with `Rev.`", display(doc), cited.id);
                let fix = replace_fix(&date.range, cited.citation(true));
                out.push(diagnostic(date.range.clone(), Severity::Hint, MALFORMED_CITATION, message, vec![fix]));
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
        {
            let text = citation_text(doc, current);
            let message =
                format!("{} was revised at {} before {}: cite `{text}`", display(doc), current.id, as_of_name(as_of));
            // A parenthesis shared by several numbers is fixed only if they agree.
            let shared_ok =
                citations.iter().filter(|c| c.date.as_ref().is_some_and(|d| d.range == date.range)).all(|other| {
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
    for mention in mentions {
        let Some(conference) = catalog.conference(&mention.conference) else { continue };
        let later = catalog
            .conferences
            .iter()
            .filter(|c| {
                c.kind == conference.kind && c.start_date() > conference.start_date() && c.start_date() < as_of.date
            })
            .max_by_key(|c| c.start_date());
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

fn date_text(conference: &Conference, doc: &Document) -> String {
    citation_text(doc, conference)
}

pub fn as_of_name(as_of: &AsOf) -> String {
    match &as_of.conference {
        Some(id) => id.clone(),
        None => as_of.date.to_string(),
    }
}
