//! The inside of a date parenthesis as drafts write it: `Rev. Busan, 2014`,
//! `REV. BUSAN 2014`, `rev Busan, 2014`, `2009`, and flattened track changes,
//! where the deleted and the inserted text run together:
//! `Rev. GuadalajaraBusan, 20104` (2010 changed to 2014),
//! `Dubai, 2018Bucharest, 2022`, `Buenos AiresDubai, 20147`.
//!
//! Flattened text does not say which part was deleted (Word puts the deleted
//! text first, but places and years are not always changed in the same
//! order): a flattened date is read only when the catalog knows both
//! readings as conferences, or when its years alone tell the order.

use std::sync::LazyLock;

use regex::Regex;

use crate::catalog::{Catalog, same_place};

/// A place (when written) and a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub place: Option<String>,
    pub year: i32,
}

impl Reading {
    /// As a citation writes it: `(Rev. Busan, 2014)`.
    pub fn citation(&self, revised: bool) -> String {
        let rev = if revised { "Rev. " } else { "" };
        match &self.place {
            Some(place) => format!("({rev}{place}, {})", self.year),
            None => format!("({rev}{})", self.year),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    /// `Rev.` in any case, with or without the dot.
    pub revised: bool,
    /// The reading, or the later one of a flattened change.
    pub reading: Reading,
    /// The earlier reading of a flattened change.
    pub earlier: Option<Reading>,
}

static REV: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?i:rev)(?:\.\s*|\s+)").expect("compiles"));

const PLACE: &str = r"\p{L}[\p{L}'’\-]*(?:[ \u{a0}]+\p{L}[\p{L}'’\-]*)*";

/// `Place, 2014`, `Place 2014`, `2014`, `Place, 20104`, `Place, 2018Place, 2022`.
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<a>{PLACE})\s*,?\s*)?(?P<y1>\d{{4}}|\d{{5}}|\d{{6}}|\d{{8}})(?:\s*(?i:rev)?\.?\s*(?P<b>{PLACE})\s*,?\s*(?P<y2>\d{{4}}))?\s*$"
    ))
    .expect("compiles")
});

fn known_place(catalog: &Catalog, place: &str) -> bool {
    catalog.conferences.iter().any(|c| c.place.as_deref().is_some_and(|p| same_place(p, place)))
}

/// A place string, or the two places of a flattened change
/// (`GuadalajaraBusan`, `BUENOS AIRESDUBAI`).
fn places(catalog: &Catalog, text: &str) -> Vec<String> {
    let text = text.trim();
    if known_place(catalog, text) {
        return vec![text.to_string()];
    }
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
    // Two places the catalog knows.
    for &i in &boundaries {
        let (a, b) = (text[..i].trim(), text[i..].trim());
        if !a.is_empty() && !b.is_empty() && known_place(catalog, a) && known_place(catalog, b) {
            return vec![a.to_string(), b.to_string()];
        }
    }
    // A lowercase letter followed by a capital: `GuadalajaraBusan`.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let splits: Vec<usize> =
        chars.windows(2).filter(|w| w[0].1.is_lowercase() && w[1].1.is_uppercase()).map(|w| w[1].0).collect();
    if let [i] = splits.as_slice() {
        return vec![text[..*i].to_string(), text[*i..].to_string()];
    }
    vec![text.to_string()]
}

/// `2014`, or the two years of a flattened change: `20104` (2010 → 2014),
/// `201018` (2010 → 2018), `20102014`.
fn years(digits: &str) -> Option<Vec<i32>> {
    let year = |s: &str| s.parse::<i32>().ok();
    Some(match digits.len() {
        4 => vec![year(digits)?],
        5 => vec![year(&digits[..4])?, year(&format!("{}{}", &digits[..3], &digits[4..]))?],
        6 => vec![year(&digits[..4])?, year(&format!("{}{}", &digits[..2], &digits[4..]))?],
        8 => vec![year(&digits[..4])?, year(&digits[4..])?],
        _ => return None,
    })
}

/// The conference a reading names, when exactly one of `kind` (any kind when
/// `None`) met there.
fn conference_start(catalog: &Catalog, kind: Option<&str>, reading: &Reading) -> Option<crate::catalog::Date> {
    match catalog.conferences_at(kind, reading.place.as_deref(), reading.year).as_slice() {
        [c] => Some(c.start_date()),
        _ => None,
    }
}

/// Reads the inside of a date parenthesis; `kind` is the conference kind
/// when known (`PP`, `WTDC` …). `None` when it is no date, or a flattened
/// change whose readings cannot be told apart.
pub fn parse(inner: &str, catalog: &Catalog, kind: Option<&str>) -> Option<ParsedDate> {
    let inner = inner.replace('\u{a0}', " ");
    let (revised, rest) = match REV.find(&inner) {
        Some(m) => (true, &inner[m.end()..]),
        None => (false, inner.as_str()),
    };
    let caps = BODY.captures(rest.trim())?;
    let place = |name: &str| caps.name(name).map(|m| m.as_str().trim().to_string());
    let reading = |place: Option<String>, year: i32| Reading { place, year };
    // (earlier?, later) candidates in text order.
    let pairs: Vec<(Reading, Reading)> = if let Some(y2) = caps.name("y2") {
        let y1 = caps["y1"].parse().ok().filter(|_| caps["y1"].len() == 4)?;
        vec![(reading(place("a"), y1), reading(place("b"), y2.as_str().parse().ok()?))]
    } else {
        let years = years(&caps["y1"])?;
        let places: Vec<Option<String>> = match place("a") {
            Some(a) => places(catalog, &a).into_iter().map(Some).collect(),
            None => vec![None],
        };
        match (places.as_slice(), years.as_slice()) {
            ([p], [y]) => return Some(ParsedDate { revised, reading: reading(p.clone(), *y), earlier: None }),
            ([p], [y1, y2]) => vec![(reading(p.clone(), *y1), reading(p.clone(), *y2))],
            ([p1, p2], [y]) => vec![(reading(p1.clone(), *y), reading(p2.clone(), *y))],
            ([p1, p2], [y1, y2]) => vec![
                (reading(p1.clone(), *y1), reading(p2.clone(), *y2)),
                (reading(p2.clone(), *y1), reading(p1.clone(), *y2)),
            ],
            _ => return None,
        }
    };
    // The pairing whose both readings are conferences of the catalog.
    let known: Vec<_> = pairs
        .iter()
        .filter_map(|(a, b)| {
            let (sa, sb) = (conference_start(catalog, kind, a)?, conference_start(catalog, kind, b)?);
            (sa != sb).then(|| if sa < sb { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) })
        })
        .collect();
    let (earlier, later) = match known.as_slice() {
        [one] => one.clone(),
        // Unknown conferences: only the years can order them, in the text's pairing.
        [] if pairs.len() == 1 && pairs[0].0.year != pairs[0].1.year => {
            let (a, b) = pairs[0].clone();
            if a.year < b.year { (a, b) } else { (b, a) }
        }
        _ => return None,
    };
    Some(ParsedDate { revised, reading: later, earlier: Some(earlier) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(inner: &str, kind: Option<&str>) -> Option<(bool, Reading, Option<Reading>)> {
        parse(inner, &Catalog::builtin(), kind).map(|d| (d.revised, d.reading, d.earlier))
    }

    fn r(place: &str, year: i32) -> Reading {
        Reading { place: (!place.is_empty()).then(|| place.to_string()), year }
    }

    #[test]
    fn plain_dates_in_any_case() {
        assert_eq!(read("Rev. Busan, 2014", None), Some((true, r("Busan", 2014), None)));
        assert_eq!(read("REV. BUSAN, 2014", None), Some((true, r("BUSAN", 2014), None)));
        assert_eq!(read("rev Busan 2014", None), Some((true, r("Busan", 2014), None)));
        assert_eq!(read("Rev.Buenos Aires, 2017", None), Some((true, r("Buenos Aires", 2017), None)));
        assert_eq!(read("2009", None), Some((false, r("", 2009), None)));
        assert_eq!(read("Revelstoke, 2014", None), Some((false, r("Revelstoke", 2014), None)));
        assert_eq!(read("see annex", None), None);
    }

    #[test]
    fn flattened_changes() {
        let earlier_later = |inner, kind| read(inner, kind).map(|(_, later, earlier)| (earlier.unwrap(), later));
        assert_eq!(
            earlier_later("Rev. GuadalajaraBusan, 20104", Some("PP")),
            Some((r("Guadalajara", 2010), r("Busan", 2014)))
        );
        assert_eq!(earlier_later("Dubai, 2018Bucharest, 2022", None), Some((r("Dubai", 2018), r("Bucharest", 2022))));
        assert_eq!(
            earlier_later("Johannesburg, 2008Rev. Dubai, 2012", Some("WTSA")),
            Some((r("Johannesburg", 2008), r("Dubai", 2012)))
        );
        assert_eq!(
            earlier_later("REV. DUBAI, 2018BUCHAREST, 2022", Some("PP")),
            Some((r("DUBAI", 2018), r("BUCHAREST", 2022)))
        );
        // The place inserted before the deleted one: only the catalog tells.
        assert_eq!(
            earlier_later("Buenos AiresDubai, 20147", Some("WTDC")),
            Some((r("Dubai", 2014), r("Buenos Aires", 2017)))
        );
        assert_eq!(
            earlier_later("Dubai, 2012Hammamet, 2016", Some("WTSA")),
            Some((r("Dubai", 2012), r("Hammamet", 2016)))
        );
        // Two places, one year, neither order known: no reading.
        assert_eq!(read("FooBar, 2014", None), None);
    }
}
