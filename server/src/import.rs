//! `draftls catalog import`: reads adopted texts the drafter holds (final
//! acts, WTDC reports, WTSA proceedings, Council resolutions), in the draft
//! format or plain text, one or many per file (each opened by its `RESOLUTION
//! N (…)` / `DECISION N (…)` / `OPINION N (…)` heading line), and makes a
//! user catalog of what they say:
//!
//! - the heading: `RESOLUTION 130 (REV. DUBAI, 2018)` was revised at PP-18,
//!   `RESOLUTION 200 (DUBAI, 2018)` adopted there; a heading without a date
//!   (Council) is dated by the formula or the header, like a draft's "as of";
//! - the title: the line(s) after the heading;
//! - a history line: `(Florianópolis, 2004; Johannesburg, 2008; …)`;
//! - dated citations inside: `Resolution 45 (Rev. Dubai, 2014) of the World
//!   Telecommunication Development Conference` was revised at WTDC-14.
//!
//! Heading and history facts have the evidence `imported`, citations
//! `citation`; every fact's source is `file:///…#L<line>`. A conference the
//! catalog does not have is reported, never invented.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::{Catalog, Conference, Document, Event, Evidence, Fact, build, conference_kind, user};
use crate::checks::references::{self, AsOfSource, Evidence as Said};
use crate::citations::{self, Body};
use crate::dates;
use crate::model;

/// A heading line: `RESOLUTION 130 (REV. DUBAI, 2018)`, `**DECISION 5 (Kyoto, 1994)**`,
/// `RESOLUTION 1305 (MOD)`; the whole line, in any case.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s#*_]*(?P<kind>resolution|decision|opinion|recommendation)\s+(?P<number>\d[0-9A-Za-z./-]*)\s*(?:\((?P<inner>[^()\n]{1,100})\))?\s*(?:\([^()\n]{0,100}\))?[\s*_]*$",
    )
    .expect("compiles")
});

/// A line that is only a parenthesis: a history line, or `(adopted at …)`.
static PARENTHESIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s*_]*\((?P<inner>[^()\n]+)\)[\s*_.]*$").expect("compiles"));

/// The enacting formula's first words: where the title ends.
static FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s*_]*the\s+(?:\p{L}+\s+)?(?:plenipotentiary|world\s+telecommunication|itu\s+council|council\b)")
        .expect("compiles")
});

/// What one text gave, and what was wrong (1-based line, message).
#[derive(Debug, Default)]
pub struct FileImport {
    pub documents: Vec<Document>,
    pub problems: Vec<(usize, String)>,
    /// Texts read (headings found), imported or not.
    pub texts: usize,
}

/// What a whole import gave.
#[derive(Debug, Default)]
pub struct Import {
    /// The user catalog: no conferences (they are never invented), the documents.
    pub catalog: Catalog,
    /// `path:line: message`, in the order found.
    pub problems: Vec<String>,
    /// Texts imported.
    pub texts: usize,
    pub files: usize,
}

/// A `file://` address of an absolute path, with what URIs cannot hold escaped.
pub fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn kind_name(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Markdown emphasis and blanks off a line.
fn plain(line: &str) -> String {
    let stripped = line.trim().trim_start_matches('#').replace("**", "").replace("__", "");
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One text of a file: its heading's line (0-based) and its lines.
struct Text<'a> {
    first: usize,
    lines: &'a [&'a str],
}

/// The texts of a file, split at heading lines, and the header before the first.
fn split<'a>(lines: &'a [&'a str]) -> (&'a [&'a str], Vec<Text<'a>>) {
    let starts: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| HEADING.is_match(l)).map(|(i, _)| i).collect();
    let header = &lines[..starts.first().copied().unwrap_or(lines.len())];
    let texts = starts
        .iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            Text { first: start, lines: &lines[start..end] }
        })
        .collect();
    (header, texts)
}

/// The conference a text was adopted at, as a draft's "as of" is read: its
/// heading, formula, conference line, symbol or Council session (the
/// file's header is read too, for a header shared by several texts).
fn conference_of_text<'c>(catalog: &'c Catalog, header: &[&str], text: &Text) -> Option<(&'c Conference, Said)> {
    let own = text.lines.join("\n");
    let with_header = format!("{}\n\n{own}", header.join("\n"));
    for candidate in [own, with_header] {
        let doc = crate::document::Document::new(&candidate);
        let sections = model::sections(&doc);
        if let Ok(as_of) = references::as_of(&sections, catalog, None)
            && let AsOfSource::Draft { evidence, .. } = as_of.source
            && let Some(conference) = as_of.conference.as_deref().and_then(|id| catalog.conference(id))
        {
            return Some((conference, evidence));
        }
    }
    None
}

/// Reads one file's text. `uri` is the file's address (facts' sources get
/// `#L<line>`); `base` is the catalog whose conferences date the texts.
pub fn import_text(text: &str, uri: &str, base: &Catalog) -> FileImport {
    let mut out = FileImport::default();
    let lines: Vec<&str> = text.lines().collect();
    let (header, texts) = split(&lines);
    if texts.is_empty() {
        out.problems.push((1, "no heading (`RESOLUTION N (…)`, `DECISION N (…)`, `OPINION N (…)`) found".into()));
        return out;
    }
    out.texts = texts.len();
    for text in &texts {
        match import_one(text, header, uri, base) {
            Ok((doc, problems)) => {
                out.documents.extend(doc);
                out.problems.extend(problems);
            }
            Err(problem) => out.problems.push(problem),
        }
    }
    out
}

type Problems = Vec<(usize, String)>;

/// One text: its own entry and the entries its citations tell about.
fn import_one(
    text: &Text,
    header: &[&str],
    uri: &str,
    base: &Catalog,
) -> Result<(Vec<Document>, Problems), (usize, String)> {
    let line_no = text.first + 1;
    let heading_line = plain(text.lines[0]);
    let caps = HEADING.captures(text.lines[0]).expect("split at heading lines");
    let kind = kind_name(&caps["kind"]);
    let number = caps["number"].trim_end_matches('.').to_string();
    let heading_date = caps.name("inner").and_then(|inner| {
        // Revision marks in the heading: the text after them.
        let clean = inner.as_str().replace("~~", "");
        dates::parse(&clean, base, None).map(|d| (d, inner.as_str().to_string()))
    });
    let (conference, said) = match conference_of_text(base, header, text) {
        Some(found) => found,
        None => {
            let message = match &heading_date {
                Some((_, inner)) => {
                    format!("`{heading_line}`: `({inner})` names no conference of the catalog; skipped")
                }
                None => format!(
                    "`{heading_line}`: neither the heading nor the formula or header names a conference of the catalog; skipped"
                ),
            };
            return Err((line_no, message));
        }
    };
    if heading_date.is_some() && said != Said::Heading {
        let inner = heading_date.map(|(_, inner)| inner).unwrap_or_default();
        return Err((line_no, format!("`{heading_line}`: `({inner})` names no conference of the catalog; skipped")));
    }
    let body = conference.kind.clone();
    let own_name = format!("{} {kind} {number}", conference.id);
    let mut problems = Vec::new();
    let mut doc = user::stub(&body, &kind, &number, &format!("{uri}#L{line_no}"));
    doc.sources.clear();

    // The heading: revised or adopted there; a heading without a date
    // (`RESOLUTION 1305 (MOD)`) only shows the text existed then.
    let event = match &heading_date {
        Some((date, _)) if date.revised => Event::Revised,
        Some(_) => Event::Adopted,
        None => Event::Known,
    };
    let dated_by = match said {
        Said::Heading => String::new(),
        other => format!(", dated by {}", other.describe()),
    };
    doc.facts.push(Fact {
        conference: conference.id.clone(),
        event,
        evidence: Evidence::Imported,
        source: format!("{uri}#L{line_no}"),
        detail: Some(format!("heading `{heading_line}`{dated_by}")),
    });

    // The title, then a history line, before the formula.
    let mut title: Vec<String> = Vec::new();
    let mut title_done = false;
    for (i, raw) in text.lines.iter().enumerate().skip(1) {
        let line = plain(raw);
        if FORMULA.is_match(&line) {
            break;
        }
        if let Some(paren) = PARENTHESIS.captures(&line) {
            title_done |= !title.is_empty();
            let inner = paren["inner"].to_string();
            let entries: Vec<&str> = inner.split(';').map(str::trim).collect();
            let parsed: Vec<Option<dates::ParsedDate>> =
                entries.iter().map(|e| dates::parse(e, base, Some(conference_kind(&body)))).collect();
            if parsed.iter().any(Option::is_none)
                || parsed.iter().any(|p| p.as_ref().is_some_and(|p| p.earlier.is_some()))
            {
                // `(adopted at the ninth Plenary Meeting)`: under a heading without a date, an adoption.
                if heading_date.is_none() && inner.to_lowercase().contains("adopted") {
                    doc.facts[0].event = Event::Adopted;
                    doc.facts[0].detail = Some(format!("heading `{heading_line}` `({inner})`{dated_by}"));
                }
                continue;
            }
            let at = text.first + i + 1;
            let mut complete = true;
            for (n, (entry, date)) in entries.iter().zip(parsed.into_iter().flatten()).enumerate() {
                let found =
                    base.conferences_at(Some(conference_kind(&body)), date.reading.place.as_deref(), date.reading.year);
                let [c] = found.as_slice() else {
                    complete = false;
                    problems.push((at, format!("{own_name}: history line names `{entry}`, which is no {body} conference of the catalog; not recorded")));
                    continue;
                };
                doc.facts.push(Fact {
                    conference: c.id.clone(),
                    event: if n == 0 { Event::Adopted } else { Event::Revised },
                    evidence: Evidence::Imported,
                    source: format!("{uri}#L{at}"),
                    detail: Some(format!("history line `({inner})`")),
                });
            }
            doc.history_complete = complete;
            continue;
        }
        if line.is_empty() {
            if !title.is_empty() {
                title_done = true;
            }
            continue;
        }
        if !title_done {
            title.push(line);
        }
    }
    doc.title = title.join(" ").trim_end_matches(['.', ',']).trim().to_string();
    if doc.title.is_empty() {
        problems.push((line_no, format!("{own_name}: no title after the heading")));
    }

    // Dated citations inside the text.
    let mut cited: BTreeMap<String, Document> = BTreeMap::new();
    let body_text = text.lines.join("\n");
    let parsed = crate::document::Document::new(&body_text);
    let sections = model::sections(&parsed);
    let blocks: Vec<_> = sections.iter().flat_map(|s| s.blocks.iter().copied()).collect();
    let (found, _) = citations::find(&blocks, base, Some(&conference.kind), Some(conference.start_date()));
    let rope = parsed.rope();
    for citation in found {
        let Some(date) = &citation.date else { continue };
        if date.flattened.is_some() {
            continue;
        }
        let at = text.first + rope.byte_to_line(citation.span.start) + 1;
        let written = body_text[citation.span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
        let cited_body = match &citation.body {
            Body::Stated(b) | Body::Inferred(b) => b.clone(),
            _ => {
                problems.push((at, format!("`{written}`: the citing body is not clear; not recorded")));
                continue;
            }
        };
        let Some(c) = citations::conference_of(base, &cited_body, date) else {
            let place = date.place.as_deref().map(|p| format!("{p}, ")).unwrap_or_default();
            problems.push((
                at,
                format!(
                    "`{written}`: no {} conference of the catalog met in {place}{}; not recorded",
                    conference_kind(&cited_body),
                    date.year
                ),
            ));
            continue;
        };
        if c.start_date() > conference.start_date() {
            problems.push((
                at,
                format!("`{written}`: {} is later than {}, the citing text's; not recorded", c.id, conference.id),
            ));
            continue;
        }
        let fact = Fact {
            conference: c.id.clone(),
            event: if date.revised { Event::Revised } else { Event::Adopted },
            evidence: Evidence::Citation,
            source: format!("{uri}#L{at}"),
            detail: Some(format!("cited as `{written}` in {own_name}")),
        };
        let target = if cited_body == body && citation.kind == kind && citation.number == number {
            &mut doc
        } else {
            cited.entry(user::document_id(&cited_body, &citation.kind, &citation.number)).or_insert_with(|| {
                let mut d = user::stub(&cited_body, &citation.kind, &citation.number, "");
                d.sources.clear();
                d
            })
        };
        if !target.facts.contains(&fact) {
            target.facts.push(fact);
        }
    }
    let mut out = vec![doc];
    out.extend(cited.into_values());
    Ok((out, problems))
}

/// Files under `paths` (folders: their `.txt` and `.md` files, recursively), sorted.
fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inner: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(_) => vec![],
            };
            inner.sort();
            let wanted = inner.into_iter().filter(|p| {
                p.is_dir()
                    || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
            });
            out.extend(files(&wanted.collect::<Vec<_>>()));
        } else {
            out.push(path.clone());
        }
    }
    out
}

/// Documents gathered from several texts: the facts of each together, the
/// title of the latest heading, the history derived as the catalog does.
fn gather(documents: Vec<Document>, base: &Catalog) -> Vec<Document> {
    let mut by_id: BTreeMap<String, (Document, Option<crate::catalog::Date>)> = BTreeMap::new();
    for doc in documents {
        let heading_date = doc
            .facts
            .iter()
            .filter(|f| {
                f.evidence == Evidence::Imported && f.detail.as_deref().is_some_and(|d| d.starts_with("heading"))
            })
            .filter_map(|f| base.conference(&f.conference))
            .map(Conference::start_date)
            .max();
        match by_id.get_mut(&doc.id) {
            None => {
                by_id.insert(doc.id.clone(), (doc, heading_date));
            }
            Some((existing, date)) => {
                for fact in doc.facts {
                    if !existing.facts.contains(&fact) {
                        existing.facts.push(fact);
                    }
                }
                existing.history_complete |= doc.history_complete;
                if !doc.title.is_empty() && (existing.title.is_empty() || heading_date > *date) {
                    existing.title = doc.title;
                    *date = heading_date.max(*date);
                }
            }
        }
    }
    let mut out: Vec<Document> = by_id
        .into_values()
        .map(|(mut doc, _)| {
            let complete = doc.history_complete;
            build::derive(&mut doc, &base.conferences, complete);
            doc
        })
        .collect();
    let key = |d: &Document| {
        let numbers: Vec<u64> = d.number.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        (d.body.clone(), d.kind.clone(), numbers, d.number.clone())
    };
    out.sort_by_key(key);
    out
}

/// Imports the files under `paths`; problems are `path:line: message`.
pub fn import(paths: &[PathBuf], base: &Catalog) -> Import {
    let mut out = Import::default();
    let mut documents = Vec::new();
    for path in files(paths) {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                out.problems.push(format!("{shown}: cannot read: {e}"));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                out.problems.push(format!(
                    "{shown}:{line}: not UTF-8 text (invalid byte at offset {}); skipped",
                    e.utf8_error().valid_up_to()
                ));
                continue;
            }
        };
        let absolute = std::fs::canonicalize(&path).or_else(|_| std::path::absolute(&path)).unwrap_or(path.clone());
        let found = import_text(&text, &file_uri(&absolute), base);
        for (line, message) in &found.problems {
            out.problems.push(format!("{shown}:{line}: {message}"));
        }
        let own = found.documents.iter().filter(|d| d.facts.iter().any(|f| f.evidence == Evidence::Imported)).count();
        if own > 0 {
            out.files += 1;
            out.texts += own;
        }
        documents.extend(found.documents);
    }
    out.catalog = Catalog { conferences: Vec::new(), documents: gather(documents, base) };
    out
}
