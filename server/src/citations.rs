//! Citations as a reader sees them: on a block's text after revisions
//! (`Resolution 69 (~~Hyderabad, 2010~~ Rev. Dubai, 2014)` cites the Dubai
//! revision), with the body named before, after, or inferred.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::{Catalog, Date, conference_kind};
use crate::dates::{self, Reading};
use crate::model::Placed;
use crate::syntax::BlockKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedDate {
    pub revised: bool,
    /// The place and year; of a flattened change, the later reading.
    pub place: Option<String>,
    pub year: i32,
    /// The parenthesis, in the source.
    pub range: Range<usize>,
    /// The earlier reading of a flattened track change
    /// (`(Rev. GuadalajaraBusan, 20104)`: Guadalajara, 2010).
    pub flattened: Option<Reading>,
}

impl CitedDate {
    /// The later (or only) reading.
    pub fn reading(&self) -> Reading {
        Reading { place: self.place.clone(), year: self.year }
    }
}

/// How the citing body was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Named next to the citation (`WTDC Resolution 69`, `… of the Plenipotentiary Conference`).
    Stated(String),
    /// From the place and year, or the sentence.
    Inferred(String),
    /// Several bodies fit.
    Ambiguous(Vec<String>),
    Unknown,
}

impl Body {
    pub fn known(&self) -> Option<&str> {
        match self {
            Body::Stated(b) | Body::Inferred(b) => Some(b),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Kind as the catalog writes it: Resolution, Decision, Opinion, Question, Recommendation.
    pub kind: String,
    pub number: String,
    /// The number, in the source.
    pub range: Range<usize>,
    /// The whole citation, in the source.
    pub span: Range<usize>,
    pub date: Option<CitedDate>,
    pub body: Body,
    /// How the body was found, for messages: `stated \`of the Plenipotentiary
    /// Conference\``, `inferred from the place and year`.
    pub body_note: String,
    /// The start of the block it stands in, in the source.
    pub block: usize,
}

/// A conference short name (`WTDC-10`) or an action plan (`Hyderabad Action Plan`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub conference: String,
    pub text: String,
}

const NUMBER: &str = r"\d+(?:-\d+)?(?:/\d+)?";

/// Separates the numbers of a list: `,`, `and`, `or`, `&`, `, and` (the Oxford comma).
const SEPARATOR: &str = r"(?:,\s*(?:and|or)\b|,|\band\b|\bor\b|&)";

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?:(?P<pre>ITU\ Council|Council|UNGA|United\ Nations\ General\ Assembly(?:\ \(UNGA\))?|WTDC|WTSA|WTPF|PP|ITU-D|ITU-T)\s+)?
        \b(?P<kind>Resolutions?|Res\.?|Decisions?|Opinions?|Questions?|Recommendations?)\s*
        (?P<numbers>{NUMBER}(?:\s*{SEPARATOR}\s*{NUMBER})*)\b
        (?:\s*\((?P<inner>[^()\n]{{1,80}})\))?"
    ))
    .expect("the citation pattern compiles")
});

/// `and 58 (Rev. Dubai, 2012)` after a dated citation: the same kind and body.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*{SEPARATOR}\s*(?P<number>{NUMBER})\s*\((?P<inner>[^()\n]{{1,80}})\)"))
        .expect("the continuation pattern compiles")
});

static NUMBER_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("compiles"));

static BODY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*,?\s*(?:adopted\s+)?(?:of|by)\s+(?:the\s+)?(?P<body>(?:this|the\s+present)\s+(?:conference|assembly|forum)|itu-t|itu-d|plenipotentiary\s+conference|world\s+telecommunication\s+development\s+conference|world\s+telecommunication\s+standardization\s+assembly|world\s+telecommunication(?:/ict)?\s+policy\s+forum|itu\s+council|council|united\s+nations\s+general\s+assembly|general\s+assembly|wtdc|wtsa|wtpf|pp)\b",
    )
    .expect("the body pattern compiles")
});

static CONFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(PP|WTDC|WTSA|WTPF|WCIT)-(\d{2})\b(?:[^-\d]|$)").expect("compiles"));

static ACTION_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Buenos Aires|Valletta|Istanbul|Doha|Hyderabad|Dubai|Kigali|Baku) Action Plan\b").expect("compiles")
});

fn kind_of(word: &str) -> String {
    let word = word.trim_end_matches('.');
    match word {
        "Res" | "Resolution" | "Resolutions" => "Resolution",
        "Decision" | "Decisions" => "Decision",
        "Opinion" | "Opinions" => "Opinion",
        "Question" | "Questions" => "Question",
        _ => "Recommendation",
    }
    .to_string()
}

fn body_of_name(name: &str, own_body: Option<&str>) -> Option<String> {
    let lower = name.to_lowercase();
    let lower: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(
        match lower.as_str() {
            n if n.starts_with("this ") || n.starts_with("the present ") => return own_body.map(str::to_string),
            "itu council" | "council" => "Council",
            "unga"
            | "general assembly"
            | "united nations general assembly"
            | "united nations general assembly (unga)" => "UNGA",
            "plenipotentiary conference" | "pp" => "PP",
            "world telecommunication development conference" | "wtdc" | "itu-d" => "WTDC",
            "world telecommunication standardization assembly" | "wtsa" | "itu-t" => "WTSA",
            n if n.contains("policy forum") || n == "wtpf" => "WTPF",
            _ => return None,
        }
        .to_string(),
    )
}

/// Bodies named in the sentence before a citation (`the WTSA adopted …`).
fn bodies_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (needle, body) in [
        ("World Telecommunication Standardization Assembly", "WTSA"),
        ("WTSA", "WTSA"),
        ("World Telecommunication Development Conference", "WTDC"),
        ("WTDC", "WTDC"),
        ("Plenipotentiary Conference", "PP"),
        ("Policy Forum", "WTPF"),
        ("WTPF", "WTPF"),
    ] {
        if text.contains(needle) && !out.iter().any(|b| b == body) {
            out.push(body.to_string());
        }
    }
    out
}

struct Context<'a> {
    catalog: &'a Catalog,
}

impl Context<'_> {
    /// The body of a citation not named next to it.
    fn infer(&self, kind: &str, number: &str, date: Option<&CitedDate>, sentence: &str) -> (Body, &'static str) {
        match kind {
            "Opinion" => return (Body::Inferred("WTPF".into()), "inferred: Opinions are the policy forum's"),
            "Question" => {
                // ITU-T and ITU-D number their Questions alike (`3/2`): the
                // sentence or the catalog must tell.
                let (t, d) = (sentence.contains("ITU-T"), sentence.contains("ITU-D"));
                if t != d {
                    return (Body::Inferred(if t { "ITU-T" } else { "ITU-D" }.into()), "inferred from the sentence");
                }
                let candidates: Vec<String> =
                    self.catalog.documents_numbered(kind, number).iter().map(|d| d.body.clone()).collect();
                return match candidates.len() {
                    0 => (Body::Unknown, "unknown"),
                    1 => (Body::Inferred(candidates[0].clone()), "inferred from the catalog"),
                    _ => (Body::Ambiguous(candidates), "ambiguous"),
                };
            }
            _ => {}
        }
        if number.contains('/') && kind == "Resolution" {
            return (Body::Inferred("UNGA".into()), "inferred from the number");
        }
        if let Some(date) = date {
            let mut bodies: Vec<String> = Vec::new();
            for c in self.catalog.conferences_at(None, date.place.as_deref(), date.year) {
                if !bodies.contains(&c.kind) {
                    bodies.push(c.kind.clone());
                }
            }
            if bodies.len() > 1 {
                // Dubai, 2012 was WTSA and WCIT: keep the bodies that have this document.
                let with_doc: Vec<String> =
                    bodies.iter().filter(|b| self.catalog.document(b, kind, number).is_some()).cloned().collect();
                if !with_doc.is_empty() {
                    bodies = with_doc;
                }
            }
            match bodies.len() {
                1 => return (Body::Inferred(bodies.remove(0)), "inferred from the place and year"),
                0 => {}
                _ => return (Body::Ambiguous(bodies), "ambiguous"),
            }
        }
        let named = bodies_in(sentence);
        if named.len() == 1 {
            return (Body::Inferred(named[0].clone()), "inferred from the sentence");
        }
        // Nothing says which body: the catalog's candidates, for the reader to choose.
        let candidates: Vec<String> =
            self.catalog.documents_numbered(kind, number).iter().map(|d| d.body.clone()).collect();
        if candidates.is_empty() { (Body::Unknown, "unknown") } else { (Body::Ambiguous(candidates), "ambiguous") }
    }
}

/// The date of a citation, from the inside of its parenthesis (`inner`);
/// `conference_kind` orders the readings of a flattened change.
fn date_of(
    caps: &regex::Captures,
    catalog: &Catalog,
    conference_kind: Option<&str>,
    to_source: &dyn Fn(Range<usize>) -> Range<usize>,
) -> Option<CitedDate> {
    let inner = caps.name("inner")?;
    let parsed = dates::parse(inner.as_str(), catalog, conference_kind)?;
    Some(CitedDate {
        revised: parsed.revised,
        place: parsed.reading.place,
        year: parsed.reading.year,
        range: to_source(inner.start() - 1..inner.end() + 1),
        flattened: parsed.earlier,
    })
}

/// Citations and conference mentions of the blocks (not of struck-out ones,
/// nor of the document number line, which names the draft itself).
pub fn find(
    blocks: &[Placed],
    catalog: &Catalog,
    own_body: Option<&str>,
    as_of: Option<Date>,
) -> (Vec<Citation>, Vec<Mention>) {
    let context = Context { catalog };
    let (mut citations, mut mentions) = (Vec::new(), Vec::new());
    for placed in blocks {
        if placed.block.is_deleted() || matches!(placed.block.kind, BlockKind::DocumentNumber | BlockKind::Tag(_)) {
            continue;
        }
        let clean = &placed.block.clean;
        let text = clean.text.as_str();
        let to_source = |r: Range<usize>| placed.abs(&clean.range_to_source(r));
        for caps in CITATION.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always matches");
            let kind = kind_of(&caps["kind"]);
            let numbers_end = caps.name("numbers").expect("numbers always match").end();
            // The body named after the citation: after its date, or after its number when undated.
            let after = if caps.name("inner").is_some() { &text[whole.end()..] } else { &text[numbers_end..] };
            let body_after = BODY_AFTER.captures(after);
            let stated_after = body_after.as_ref().and_then(|b| body_of_name(&b["body"], own_body));
            let pre = caps.name("pre").and_then(|p| body_of_name(p.as_str(), own_body).map(|b| (b, p.as_str())));
            let stated_as = match (&pre, &stated_after, &body_after) {
                (Some((_, words)), ..) => words.to_string(),
                (None, Some(_), Some(b)) => b[0].trim().trim_start_matches(',').trim().to_string(),
                _ => String::new(),
            };
            let stated = pre
                .map(|(b, _)| b)
                .or(stated_after)
                // Questions belong to the Sector's study groups, not to the conference.
                .map(|b| match (kind.as_str(), b.as_str()) {
                    ("Question", "WTDC") => "ITU-D".to_string(),
                    ("Question", "WTSA") => "ITU-T".to_string(),
                    _ => b,
                });
            let sentence_start = text[..whole.start()].rfind(['.', ';']).map_or(0, |i| i + 1);
            let sentence = &text[sentence_start..whole.start()];
            let kind_of_stated = stated.as_deref().map(|b| conference_kind(b).to_string());
            let date = date_of(&caps, catalog, kind_of_stated.as_deref(), &to_source);
            let numbers = caps.name("numbers").expect("numbers always match");
            let mut items: Vec<(String, Range<usize>, Option<CitedDate>)> = Vec::new();
            for m in NUMBER_ONLY.find_iter(numbers.as_str()) {
                // `Resolution 1305, 2009 session`: a year after a comma ends the numbers.
                let before = numbers.as_str()[..m.start()].trim_end();
                let year_like = m.as_str().len() == 4 && (m.as_str().starts_with("19") || m.as_str().starts_with("20"));
                if !items.is_empty() && year_like && before.ends_with(',') {
                    break;
                }
                let range = numbers.start() + m.start()..numbers.start() + m.end();
                items.push((m.as_str().to_string(), range, date.clone()));
            }
            // Without a date, the citation ends at its last number.
            let mut end = if date.is_some() { whole.end() } else { numbers.end() };
            // `and 58 (Rev. Dubai, 2012)` after a dated citation.
            if date.is_some() {
                while let Some(more) = CONTINUATION.captures(&text[end..]) {
                    let number = more.name("number").expect("matches");
                    let at = end;
                    let Some(more_date) = date_of(&more, catalog, kind_of_stated.as_deref(), &|r: Range<usize>| {
                        to_source(at + r.start..at + r.end)
                    }) else {
                        break;
                    };
                    items.push((
                        number.as_str().to_string(),
                        end + number.start()..end + number.end(),
                        Some(more_date),
                    ));
                    end += more.get(0).expect("matches").end();
                }
            }
            for (number, range, date) in items {
                let (body, body_note) = match &stated {
                    Some(body) => (Body::Stated(body.clone()), format!("stated `{stated_as}`")),
                    None => {
                        let (body, note) = context.infer(&kind, &number, date.as_ref(), sentence);
                        (body, note.to_string())
                    }
                };
                // Each forum numbers its own opinions: `Opinion 4 (Lisbon, 2009)`
                // is WTPF-09's fourth, never a revision of another forum's.
                let forum = date
                    .as_ref()
                    .filter(|_| kind == "Opinion" && body.known() == Some("WTPF"))
                    .and_then(|d| conference_of(catalog, "WTPF", d));
                let number = match forum {
                    Some(forum) => format!("{number} ({})", forum.id),
                    None => number,
                };
                citations.push(Citation {
                    kind: kind.clone(),
                    number,
                    range: to_source(range),
                    span: to_source(whole.start()..end),
                    date,
                    body,
                    body_note,
                    block: placed.start,
                });
            }
        }
        for caps in CONFERENCE.captures_iter(text) {
            let (name, year) = (caps.get(1).expect("the body group matches"), caps.get(2).expect("the year matches"));
            let range = name.start()..year.end();
            let id = format!("{}-{}", name.as_str(), year.as_str());
            // `WTDC-17/21(Add.15)-E` is a document symbol, not a mention of the conference.
            if text[year.end()..].starts_with('/') {
                continue;
            }
            if catalog.conference(&id).is_some() {
                mentions.push(Mention {
                    range: to_source(range.clone()),
                    conference: id,
                    text: text[range].to_string(),
                });
            }
        }
        for m in ACTION_PLAN.find_iter(text) {
            if let Some(c) = catalog.conference_with_plan(m.as_str(), as_of) {
                mentions.push(Mention {
                    range: to_source(m.range()),
                    conference: c.id.clone(),
                    text: m.as_str().into(),
                });
            }
        }
    }
    (citations, mentions)
}

/// The body whose conference a cited date names (`(Rev. Dubai, 2014)` of WTDC).
pub fn conference_of<'c>(catalog: &'c Catalog, body: &str, date: &CitedDate) -> Option<&'c crate::catalog::Conference> {
    catalog.conferences_at(Some(conference_kind(body)), date.place.as_deref(), date.year).into_iter().next()
}
