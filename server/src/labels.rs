//! Clause labels: what a label's text can mean (`c)` is the letter c or the
//! roman numeral 100), and how to write a value in a label's own style.

/// A numbering style. `a)`, `(a)` and `A)` are all letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Letter,
    Roman,
    Number,
}

/// One reading of a label: a family and, unless the text is malformed in that
/// family (`ed)`), a 1-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub family: Family,
    pub value: Option<u32>,
}

/// A label's text split into its wrapping and its core: `(a)` is `(`, `a`, `)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    pub open: &'static str,
    pub core: String,
    pub close: String,
    pub upper: bool,
}

pub fn shape(text: &str) -> Shape {
    let (open, rest) = match text.strip_prefix('(') {
        Some(rest) => ("(", rest),
        None => ("", text),
    };
    let core_len = if rest.ends_with([')', '.']) { rest.len() - 1 } else { rest.len() };
    let core = rest[..core_len].to_string();
    Shape {
        open,
        close: rest[core_len..].to_string(),
        upper: core.chars().next().is_some_and(|c| c.is_ascii_uppercase()),
        core,
    }
}

/// Roman numerals count list items, so only those made of `i`, `v` and `x`
/// (up to 39) are read as numerals: `cd)` in a list of letters is no 400.
fn roman_value(s: &str) -> Option<u32> {
    if !s.chars().all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x')) {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let digit = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) { total -= *v as i64 } else { total += *v as i64 }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Only the canonical spelling counts (`iiii` is no numeral).
    (to_roman(total) == s).then_some(total)
}

pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters count a..z, then aa, bb, ... zz.
fn letter_value(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    let mut chars = lower.chars();
    let first = chars.next()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let position = first as u32 - 'a' as u32 + 1;
    match lower.len() {
        1 => Some(position),
        2 if chars.next() == Some(first) => Some(26 + position),
        _ => None,
    }
}

fn to_letters(n: u32) -> String {
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    letter.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

/// A label fused by flattened track changes: the deleted letter, then the
/// inserted one (`ed)` is `e)` changed to `d)`). Only two different letters of
/// one case, at most three apart, read so; (old, new) as 1-based values.
pub fn fused(text: &str) -> Option<(u32, u32)> {
    let core = shape(text).core;
    let bytes = core.as_bytes();
    let [old, new] = bytes else { return None };
    let same_case =
        old.is_ascii_lowercase() && new.is_ascii_lowercase() || old.is_ascii_uppercase() && new.is_ascii_uppercase();
    if !same_case || old == new || old.abs_diff(*new) > 3 || roman_value(&core).is_some() {
        return None;
    }
    let value = |b: u8| u32::from(b.to_ascii_lowercase() - b'a' + 1);
    Some((value(*old), value(*new)))
}

/// The readings of a label's text; empty for labels that are not checked
/// (`1.2`).
pub fn readings(text: &str) -> Vec<Reading> {
    let core = shape(text).core;
    if core.is_empty() {
        return Vec::new();
    }
    if core.chars().all(|c| c.is_ascii_digit()) {
        return vec![Reading { family: Family::Number, value: core.parse().ok() }];
    }
    if !core.chars().all(|c| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(v) = letter_value(&core) {
        out.push(Reading { family: Family::Letter, value: Some(v) });
    }
    if let Some(v) = roman_value(&core) {
        out.push(Reading { family: Family::Roman, value: Some(v) });
    }
    if out.is_empty() {
        // `ed)`: letters that are no label; read as a malformed letter.
        out.push(Reading { family: Family::Letter, value: None });
    }
    out
}

/// `value` written in `family`, in the style of `like` (its brackets, case
/// and punctuation).
pub fn render(family: Family, value: u32, like: &str) -> String {
    let s = shape(like);
    let core = match family {
        Family::Number => value.to_string(),
        Family::Letter => to_letters(value),
        Family::Roman => to_roman(value),
    };
    let core = if s.upper { core.to_ascii_uppercase() } else { core };
    let close = if s.close.is_empty() && family != Family::Number { ")".to_string() } else { s.close };
    format!("{}{core}{close}", s.open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(family: Family, value: u32) -> Reading {
        Reading { family, value: Some(value) }
    }

    #[test]
    fn readings_of_labels() {
        assert_eq!(readings("a)"), [r(Family::Letter, 1)]);
        assert_eq!(readings("i)"), [r(Family::Letter, 9), r(Family::Roman, 1)]);
        assert_eq!(readings("iv)"), [r(Family::Roman, 4)]);
        assert_eq!(readings("(b)"), [r(Family::Letter, 2)]);
        assert_eq!(readings("12."), [r(Family::Number, 12)]);
        assert_eq!(readings("3"), [r(Family::Number, 3)]);
        assert_eq!(readings("aa)"), [r(Family::Letter, 27)]);
        assert_eq!(readings("ed)"), [Reading { family: Family::Letter, value: None }]);
        assert_eq!(readings("iiii)"), [Reading { family: Family::Letter, value: None }]);
        assert_eq!(readings("cd)"), [Reading { family: Family::Letter, value: None }]);
        assert_eq!(readings("xiv)"), [r(Family::Roman, 14)]);
        assert!(readings("1.2").is_empty());
    }

    #[test]
    fn fused_labels_read_as_old_then_new() {
        assert_eq!(fused("ed)"), Some((5, 4)));
        assert_eq!(fused("cd)"), Some((3, 4)));
        assert_eq!(fused("(AB)"), Some((1, 2)));
        assert_eq!(fused("aa)"), None);
        assert_eq!(fused("iv)"), None);
        assert_eq!(fused("az)"), None);
        assert_eq!(fused("abc)"), None);
        assert_eq!(fused("Ab)"), None);
    }

    #[test]
    fn rendering_keeps_the_style() {
        assert_eq!(render(Family::Letter, 3, "a)"), "c)");
        assert_eq!(render(Family::Letter, 3, "(A)"), "(C)");
        assert_eq!(render(Family::Letter, 27, "z)"), "aa)");
        assert_eq!(render(Family::Roman, 14, "ii)"), "xiv)");
        assert_eq!(render(Family::Number, 7, "6"), "7");
        assert_eq!(render(Family::Number, 7, "6."), "7.");
        assert_eq!(render(Family::Letter, 4, "ed)"), "d)");
    }
}
