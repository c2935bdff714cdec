//! Positions. The analysis works in byte offsets; editors and the CLI speak in
//! lines and columns. Line breaks are `\n`, `\r\n` and `\r`, as in LSP (the
//! rope is built without ropey's `unicode_lines`, so U+2028, NEL, VT and FF are
//! ordinary characters).

use ropey::Rope;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values (the CLI's columns).
    Chars,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// An offset found for a client's position, and whether it had to be moved
/// (past a line's end, past the file's end, inside a character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub offset: usize,
    pub clamped: bool,
}

/// Byte length of the line break ending `line`, if any.
fn line_break_len(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let len = slice.len_bytes();
    if len == 0 {
        return 0;
    }
    let last = slice.byte(len - 1);
    if last == b'\n' {
        if len >= 2 && slice.byte(len - 2) == b'\r' { 2 } else { 1 }
    } else if last == b'\r' {
        1
    } else {
        0
    }
}

/// Byte offset where `line`'s content ends (before its line break).
pub fn line_content_end(rope: &Rope, line: usize) -> usize {
    rope.line_to_byte(line) + rope.line(line).len_bytes() - line_break_len(rope, line)
}

/// Moves `offset` back to a character boundary inside the text.
pub fn floor_char_boundary(rope: &Rope, offset: usize) -> usize {
    let offset = offset.min(rope.len_bytes());
    rope.char_to_byte(rope.byte_to_char(offset))
}

/// The line and column of a byte offset (clamped into the text).
pub fn position_of(rope: &Rope, offset: usize, encoding: Encoding) -> LineCol {
    let offset = floor_char_boundary(rope, offset);
    let line = rope.byte_to_line(offset);
    let line_start = rope.line_to_byte(line);
    let col = match encoding {
        Encoding::Utf8 => offset - line_start,
        Encoding::Chars => rope.byte_to_char(offset) - rope.byte_to_char(line_start),
        Encoding::Utf16 => {
            rope.char_to_utf16_cu(rope.byte_to_char(offset)) - rope.char_to_utf16_cu(rope.byte_to_char(line_start))
        }
    };
    LineCol { line: line as u32, col: col as u32 }
}

/// The byte offset of a client's position. A line past the end goes to the end
/// of the text, a column past the line's end to the end of its content, and a
/// column inside a character (a UTF-8 sequence or a surrogate pair) to that
/// character's start; each of these is reported as `clamped`.
pub fn offset_of(rope: &Rope, pos: LineCol, encoding: Encoding) -> Resolved {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Resolved { offset: rope.len_bytes(), clamped: true };
    }
    let line_start = rope.line_to_byte(line);
    let content_end = line_content_end(rope, line);
    let col = pos.col as usize;
    let (offset, clamped) = match encoding {
        Encoding::Utf8 => {
            let wanted = line_start + col;
            if wanted > content_end {
                (content_end, true)
            } else {
                let floor = floor_char_boundary(rope, wanted);
                (floor, floor != wanted)
            }
        }
        Encoding::Chars => {
            let start_char = rope.byte_to_char(line_start);
            let end_char = rope.byte_to_char(content_end);
            let wanted = start_char + col;
            if wanted > end_char { (content_end, true) } else { (rope.char_to_byte(wanted), false) }
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(rope.byte_to_char(line_start));
            let end_cu = rope.char_to_utf16_cu(rope.byte_to_char(content_end));
            let wanted = start_cu + col;
            if wanted > end_cu {
                (content_end, true)
            } else {
                let ch = rope.utf16_cu_to_char(wanted);
                (rope.char_to_byte(ch), rope.char_to_utf16_cu(ch) != wanted)
            }
        }
    };
    Resolved { offset, clamped }
}

/// Characters the grammar treats as blank inside a line (see the scanner's
/// `is_blank`); a line of only these is a blank line and separates blocks.
pub fn is_blank_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{FEFF}' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Byte ranges of the lines of `text` without their line breaks.
pub fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > bytes.len() {
            return None;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let range = start..end;
        start = if end >= bytes.len() {
            bytes.len() + 1
        } else if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        Some(range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(text: &str, encoding: Encoding) {
        let rope = Rope::from_str(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let pos = position_of(&rope, offset, encoding);
            let back = offset_of(&rope, pos, encoding);
            // Offsets inside a line break resolve to the line's content end.
            let line = pos.line as usize;
            if offset <= line_content_end(&rope, line) {
                assert_eq!(back, Resolved { offset, clamped: false }, "{offset} via {pos:?} in {encoding:?}");
            }
        }
    }

    #[test]
    fn conversions_are_exact_for_multibyte_and_astral_characters() {
        let text = "é – § “quoted” 😀 end\r\nsecond 😀😀\rthird\n\nlast";
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            roundtrip(text, encoding);
        }
        let rope = Rope::from_str(text);
        let after_emoji = text.find(" end").unwrap();
        assert_eq!(position_of(&rope, after_emoji, Encoding::Utf16), LineCol { line: 0, col: 17 });
        assert_eq!(position_of(&rope, after_emoji, Encoding::Chars), LineCol { line: 0, col: 16 });
        assert_eq!(position_of(&rope, after_emoji, Encoding::Utf8), LineCol { line: 0, col: after_emoji as u32 });
        assert_eq!(position_of(&rope, text.find("third").unwrap(), Encoding::Utf16), LineCol { line: 2, col: 0 });
    }

    #[test]
    fn bad_positions_are_clamped() {
        let text = "a😀b\nxy";
        let rope = Rope::from_str(text);
        // Past the line's end: the line's content end, not the next line.
        assert_eq!(
            offset_of(&rope, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            Resolved { offset: 6, clamped: true }
        );
        // Past the file's end.
        assert_eq!(
            offset_of(&rope, LineCol { line: 7, col: 0 }, Encoding::Utf16),
            Resolved { offset: 9, clamped: true }
        );
        // Inside the surrogate pair of 😀 (UTF-16 column 2).
        assert_eq!(
            offset_of(&rope, LineCol { line: 0, col: 2 }, Encoding::Utf16),
            Resolved { offset: 1, clamped: true }
        );
        // Inside the UTF-8 sequence of 😀.
        assert_eq!(
            offset_of(&rope, LineCol { line: 0, col: 3 }, Encoding::Utf8),
            Resolved { offset: 1, clamped: true }
        );
    }

    #[test]
    fn only_lsp_line_breaks_count() {
        let text = "one\u{2028}still one\u{85}\u{0B}\u{0C}\rtwo\r\nthree\nfour";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(position_of(&rope, text.find("two").unwrap(), Encoding::Utf16).line, 1);
        assert_eq!(line_ranges(text).count(), 4);
    }
}
