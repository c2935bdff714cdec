/**
 * @file Drafts of intergovernmental resolutions (ITU PP/WTDC/WTSA, UN style).
 * @license MIT
 *
 * The grammar is paragraph-oriented: a document is a sequence of blocks
 * (paragraphs separated by blank lines, or lines that start a block of their
 * own such as a heading, a proposal tag or a labelled clause). Every construct
 * closes inside its block, so a block parsed on its own gives the same subtree
 * as inside the whole document. Line classification is done by the external
 * scanner (src/scanner.c), which looks at a whole line before the parser
 * commits to a block kind.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// One inline run of letters and digits, with inner hyphens, apostrophes and dots
// ("Secretary-General", "ITU's", "e.g").
const WORD = /[\p{L}\p{Nd}]+([-'’.][\p{L}\p{Nd}]+)*/;

const INLINE = [
  '_text', 'emphasis', 'strong', 'deletion', 'insertion', 'bracketed', 'superscript',
  'addition', 'removal', 'substitution', 'highlight', 'comment', 'citation', 'conference',
  'action_plan', 'section_ref', 'footnote_ref',
];

/**
 * Inline content; a mark whose closer is also its opener cannot nest in itself
 * (`~~a ~~b~~` closes at the second `~~`).
 *
 * @param {GrammarSymbols<string>} $
 * @param {string|null} except
 */
function inlineExcept($, except) {
  return choice(...INLINE.filter(name => name !== except).map(name => $[name]));
}

module.exports = grammar({
  name: 'resolution',

  externals: $ => [
    $._paragraph_start,
    $._clause_start,
    $._deleted_clause_start,
    $._preambular_start,
    $._operative_start,
    $._tag_start,
    $._option_start,
    $._document_number_start,
    $._enacting_start,
    $._block_end,
    $._unclosed,
    $._citation_start,
    $._citation_more,
    $._date_open,
    $._error_sentinel,
  ],

  // Line breaks inside a block are plain whitespace: the scanner alone decides
  // where blocks end.
  extras: _ => [/\s/, '\uFEFF'],

  rules: {
    document: $ => seq(optional($.title_block), repeat($.section)),

    // Everything before the first section heading: document header lines,
    // RESOLUTION 130 (REV. BUSAN, 2014), the title, the enacting formula.
    title_block: $ => repeat1($._body_block),

    section: $ => seq($._heading, $._block_end, repeat($._body_block)),

    _body_block: $ => seq(
      choice(
        $.clause,
        $.paragraph,
        $.proposal_tag,
        $.option_marker,
        $.document_number,
        $.enacting_formula,
      ),
      $._block_end,
    ),

    _heading: $ => choice($.preambular_heading, $.operative_heading),

    preambular_heading: $ => seq($._preambular_start, repeat1($._inline)),

    operative_heading: $ => seq($._operative_start, repeat1($._inline)),

    paragraph: $ => seq($._paragraph_start, repeat1($._inline)),

    enacting_formula: $ => seq($._enacting_start, repeat1($._inline)),

    document_number: $ => seq(
      $._document_number_start,
      field('kind', alias(/[A-Z\u00C0-\u00DE]+/, $.document_kind)),
      field('number', alias(/\d+(\/\d+)?/, $.number)),
      optional(field('date', $.citation_date)),
      repeat($._inline),
    ),

    clause: $ => choice(
      seq(
        $._clause_start,
        optional($.list_marker),
        $.label,
        repeat($._inline),
      ),
      // A clause struck out as a whole: `~~c) that ...~~`.
      seq(
        $._deleted_clause_start,
        optional($.list_marker),
        alias($._deleted_clause_body, $.deletion),
        repeat($._inline),
      ),
    ),

    _deleted_clause_body: $ => seq(
      '~~',
      $.label,
      repeat(inlineExcept($, 'deletion')),
      choice('~~', $._unclosed),
    ),

    list_marker: _ => /[-–•*]/,

    // `a)`, `iv)`, `(a)`, `1`, `1.`, `1)`, `1.2`; revision marks may precede the
    // final label text (`~~e~~d)` reads as `d)`).
    label: $ => seq(
      repeat(choice(
        alias($._label_deletion, $.deletion),
        alias($._label_insertion, $.insertion),
      )),
      $._label_text,
    ),

    _label_text: _ => token(choice(
      /[\p{L}]{1,5}\)/,
      /\([\p{L}]{1,5}\)/,
      /\(\d{1,3}\)/,
      /\d{1,3}(\.\d{1,3})*[.)]?/,
    )),

    _label_deletion: _ => seq('~~', /[\p{L}\p{Nd}]{1,5}/, '~~'),

    _label_insertion: _ => seq('[', /[\p{L}\p{Nd}]{1,5}/, '](#)'),

    // ARB/79A2/13, B/75/4 Brazil - option 1, RCC/73A1/16 – RCC, MOD USA/16/47
    proposal_tag: $ => seq(
      $._tag_start,
      optional(field('action', alias(token(prec(1, /ADD|MOD|SUP|NOC|\((ADD|MOD|SUP|NOC)\)/)), $.action))),
      field('source', alias(/[A-Z]{1,6}/, $.source)),
      '/',
      field('document', alias($._digits, $.document)),
      optional(field('addendum', alias(token.immediate(/A\d{1,3}/), $.addendum))),
      optional(field('revision', alias(token.immediate(/\([Rr]ev\.?\s*\d+\)/), $.revision))),
      '/',
      field('number', alias($._digits, $.number)),
      optional(seq(optional($._tag_separator), field('proposer', $.proposer))),
      optional(seq(optional($._tag_separator), field('option', $.option))),
    ),

    _digits: _ => /\d+/,

    _tag_separator: _ => /[-–—:]/,

    proposer: _ => repeat1(/[^\s\-–—][^\s]*/),

    option: $ => seq($._option_keyword, field('number', alias($._digits, $.number))),

    _option_keyword: _ => token(prec(1, /[Oo]ption|OPTION|[Aa]lternative|ALTERNATIVE/)),

    // `Option 1` on a line of its own.
    option_marker: $ => seq(
      $._option_start,
      $._option_keyword,
      field('number', alias($._digits, $.number)),
      optional(alias(/[:.]/, $.punctuation)),
    ),

    // ---- inline -------------------------------------------------------------

    _inline: $ => inlineExcept($, null),

    _text: $ => choice($._word, $._punct, $._stray),

    _word: _ => WORD,

    // Any single character that is not a letter, a digit, white space or the
    // first character of a mark.
    _punct: _ => /[^\s\p{L}\p{Nd}*~\[\]{}^§⁰¹²³⁴⁵⁶⁷⁸⁹\uFEFF]/,

    // Mark characters that open or close nothing here are text.
    _stray: _ => prec(-1, choice('~', '{', '}', '^', ']', '§')),

    emphasis: $ => seq('*', repeat1(inlineExcept($, 'emphasis')), choice('*', $._unclosed)),

    strong: $ => seq('**', repeat1(inlineExcept($, 'strong')), choice('**', $._unclosed)),

    // ~~deleted~~ (revision mark of the Word conversion)
    deletion: $ => seq('~~', repeat(inlineExcept($, 'deletion')), choice('~~', $._unclosed)),

    // [inserted](#) (revision mark of the Word conversion)
    insertion: $ => seq('[', repeat($._inline), '](#)'),

    // [text in square brackets]: not yet agreed
    bracketed: $ => prec(1, seq('[', repeat($._inline), choice(']', $._unclosed))),

    superscript: $ => prec(1, seq('^{', repeat($._inline), choice('}', $._unclosed))),

    // CriticMarkup
    addition: $ => seq('{++', repeat($._inline), choice('++}', $._unclosed)),
    removal: $ => seq('{--', repeat($._inline), choice('--}', $._unclosed)),
    substitution: $ => seq(
      '{~~',
      optional($.old),
      choice(
        seq('~>', optional($.new), choice('~~}', $._unclosed)),
        $._unclosed,
      ),
    ),
    old: $ => repeat1($._inline),
    new: $ => repeat1($._inline),
    highlight: $ => seq('{==', repeat($._inline), choice('==}', $._unclosed)),
    comment: $ => seq('{>>', repeat($._inline), choice('<<}', $._unclosed)),

    // Resolution 130 (Rev. Busan, 2014); Resolutions 50 and 52; UNGA
    // Resolution 68/198; Opinion 4 (Lisbon, 2009); Question 22-1/1.
    citation: $ => seq(
      $._citation_start,
      optional(field('body', $.body)),
      field('kind', $.document_kind),
      field('number', $.number),
      repeat(seq(
        $._citation_more,
        alias(choice(',', 'and', '&'), $.conjunction),
        field('number', $.number),
      )),
      optional(field('date', $.citation_date)),
    ),

    body: _ => /ITU Council|Council|UNGA|WTDC|WTSA|WTPF|WRC|PP|ITU-[TDR]/,

    document_kind: _ => /Resolutions?|Res\.?|Decisions?|Opinions?|Recommendations?|Questions?/,

    number: _ => /\d+(-\d+)?(\/\d+)?/,

    // (Rev. Busan, 2014), (Hyderabad, 2010), (2009)
    citation_date: $ => seq(
      $._date_open,
      '(',
      optional($.revised),
      optional(seq(field('place', $.place), optional(','))),
      field('year', $.year),
      ')',
    ),

    revised: _ => /[Rr][Ee][Vv]\./,

    place: _ => /[\p{L}][\p{L}'’\-]*( [\p{L}][\p{L}'’\-]*)*/,

    year: _ => /\d{4}/,

    // WTDC-14, WTSA-12, PP-14
    conference: _ => token(prec(2, /(PP|WTDC|WTSA|WTPF|WCIT|WRC|RA|WSIS)-((19|20)\d{2}|\d{2})/)),

    // The action plans of the WTDCs since 1994, named after their host city.
    action_plan: _ => token(prec(2, /(Buenos Aires|Valletta|Istanbul|Doha|Hyderabad|Dubai|Kigali|Baku) Action Plan/)),

    // § 15, §§ 35
    section_ref: _ => token(prec(1, /§§?[ \u00A0]*\d+(\.\d+)*/)),

    // ¹⁴
    footnote_ref: _ => /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/,
  },
});
