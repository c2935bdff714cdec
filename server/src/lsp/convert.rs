//! Plain data to protocol types: positions in the client's encoding,
//! diagnostics, edits, semantic tokens and document symbols.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{self, *};

use crate::diagnostics::{self, Severity};
use crate::document::Document;
use crate::semantic_tokens::{self, Kind as TokenKind};
use crate::symbols::{self, SymbolKind as Kind};
use crate::text::{self, Encoding, LineCol};

pub(super) fn to_position(rope: &Rope, offset: usize, encoding: Encoding) -> Position {
    let LineCol { line, col } = text::position_of(rope, offset, encoding);
    Position { line, character: col }
}

pub(super) fn to_range(rope: &Rope, range: &Range<usize>, encoding: Encoding) -> ls_types::Range {
    ls_types::Range { start: to_position(rope, range.start, encoding), end: to_position(rope, range.end, encoding) }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub(super) fn to_diagnostic(uri: &Uri, rope: &Rope, d: &diagnostics::Diagnostic, encoding: Encoding) -> Diagnostic {
    Diagnostic {
        range: to_range(rope, &d.range, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("draftls".into()),
        message: d.message.clone(),
        related_information: (!d.related.is_empty()).then(|| {
            d.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: to_range(rope, &r.range, encoding) },
                    message: r.message.clone(),
                })
                .collect()
        }),
        ..Default::default()
    }
}

pub(super) fn to_edits(rope: &Rope, edits: &[diagnostics::Edit], encoding: Encoding) -> Vec<TextEdit> {
    edits.iter().map(|e| TextEdit { range: to_range(rope, &e.range, encoding), new_text: e.new_text.clone() }).collect()
}

fn token_type(kind: TokenKind) -> SemanticTokenType {
    match kind {
        TokenKind::Heading => SemanticTokenType::KEYWORD,
        TokenKind::Label => SemanticTokenType::ENUM_MEMBER,
        TokenKind::Tag => SemanticTokenType::DECORATOR,
        TokenKind::Citation => SemanticTokenType::TYPE,
        TokenKind::Conference => SemanticTokenType::NAMESPACE,
        TokenKind::Deletion => SemanticTokenType::COMMENT,
        TokenKind::Insertion => SemanticTokenType::STRING,
    }
}

pub(super) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenKind::ALL.iter().map(|k| token_type(*k)).collect(),
        token_modifiers: vec![SemanticTokenModifier::DEPRECATED],
    }
}

/// Tokens in the protocol's relative encoding; deletions carry `deprecated`.
pub(super) fn encode_tokens(document: &Document, range: Option<Range<usize>>, encoding: Encoding) -> SemanticTokens {
    let rope = document.rope();
    let mut data = Vec::new();
    let (mut last_line, mut last_col) = (0, 0);
    for token in semantic_tokens::tokens(document, range) {
        let start = text::position_of(rope, token.range.start, encoding);
        let end = text::position_of(rope, token.range.end, encoding);
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 { start.col - last_col } else { start.col };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.col - start.col,
            token_type: TokenKind::ALL.iter().position(|k| *k == token.kind).expect("every kind is in the legend")
                as u32,
            token_modifiers_bitset: u32::from(token.deleted),
        });
        (last_line, last_col) = (start.line, start.col);
    }
    SemanticTokens { result_id: None, data }
}

fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::TitleBlock => SymbolKind::FILE,
        Kind::Section => SymbolKind::NAMESPACE,
        Kind::Clause => SymbolKind::ENUM_MEMBER,
        Kind::Paragraph => SymbolKind::STRING,
        Kind::Tag => SymbolKind::EVENT,
        Kind::Option => SymbolKind::KEY,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub(super) fn to_symbol(rope: &Rope, s: &symbols::Symbol, encoding: Encoding) -> DocumentSymbol {
    DocumentSymbol {
        name: if s.name.trim().is_empty() { "(empty)".into() } else { s.name.clone() },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: to_range(rope, &s.range, encoding),
        selection_range: to_range(rope, &s.selection, encoding),
        children: Some(s.children.iter().map(|c| to_symbol(rope, c, encoding)).collect()),
    }
}
