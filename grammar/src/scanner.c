// External scanner for tree-sitter-resolution.
//
// The parser cannot see a whole line before it commits to a token, but a
// draft's block kinds are decided by whole lines: "recalling" is a heading
// only when the line ends there, "B/75/4 Brazil - option 1" is a proposal tag
// only when nothing else follows. This scanner reads a line ahead and emits
// zero-width tokens that tell the parser what comes:
//
// - at a block start: the kind of block (paragraph, clause, heading, ...);
// - at a line end: whether the block ends here (blank line, end of file, or a
//   next line that starts a block of its own) or goes on;
// - inside text: where a citation, its further numbers and its date start.
//
// Line breaks inside a block are plain whitespace to the parser.

#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  PARAGRAPH_START,
  CLAUSE_START,
  DELETED_CLAUSE_START,
  PREAMBULAR_START,
  OPERATIVE_START,
  TAG_START,
  OPTION_START,
  DOCUMENT_NUMBER_START,
  ENACTING_START,
  BLOCK_END,
  UNCLOSED,
  CITATION_START,
  CITATION_MORE,
  DATE_OPEN,
  ERROR_SENTINEL,
};

// Longest prefix of a line that classification looks at. Headings, tags and
// option markers are short; a clause is recognised by its first characters.
#define LINE_CAP 256

typedef struct {
  // The next block may open with a bare number label (`1 to ...`): it starts
  // the text, follows a blank line, or follows a one-line block.
  bool bare_number_ok;
  // The current block is one line long (heading, tag, option, number line).
  bool single_line;
  // A block end was seen while marks were still open: close them, then end
  // the block, without looking at the line end again.
  bool pending_block_end;
} Scanner;

typedef struct {
  int32_t chars[LINE_CAP];
  uint32_t len;       // characters stored (at most LINE_CAP)
  uint32_t full_len;  // characters on the line, up to its end
} Line;

// ---- character classes ------------------------------------------------------

static bool is_newline(int32_t c) { return c == '\n' || c == '\r'; }

static bool is_blank(int32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0xFEFF || c == 0x0B || c == 0x0C ||
         c == 0x2028 || c == 0x2029 || c == 0x85 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_upper(int32_t c) { return c >= 'A' && c <= 'Z'; }

static bool is_lower(int32_t c) { return c >= 'a' && c <= 'z'; }

// Letters as the grammar's place names see them: ASCII letters and the Latin,
// Greek and Cyrillic letters that place names use.
static bool is_letter(int32_t c) {
  return is_upper(c) || is_lower(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x370 && c <= 0x52F);
}

static int32_t to_lower(int32_t c) { return is_upper(c) ? c + ('a' - 'A') : c; }

// ---- lexer helpers ----------------------------------------------------------

static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static void skip_blanks(TSLexer *lexer) {
  while (!lexer->eof(lexer) && is_blank(lexer->lookahead)) skip(lexer);
}

// Skips one line break (\n, \r\n or \r).
static void skip_newline(TSLexer *lexer) {
  if (lexer->lookahead == '\r') {
    skip(lexer);
    if (lexer->lookahead == '\n') skip(lexer);
  } else if (lexer->lookahead == '\n') {
    skip(lexer);
  }
}

static bool at_line_end(TSLexer *lexer) {
  return lexer->eof(lexer) || is_newline(lexer->lookahead);
}

// Reads the rest of the line (without its line break) into `line`.
static void read_line(TSLexer *lexer, Line *line) {
  line->len = 0;
  line->full_len = 0;
  while (!at_line_end(lexer)) {
    if (line->len < LINE_CAP) line->chars[line->len++] = lexer->lookahead;
    line->full_len++;
    advance(lexer);
  }
  // Trailing blanks do not count.
  while (line->len > 0 && is_blank(line->chars[line->len - 1])) {
    line->len--;
    line->full_len--;
  }
}

// Reads up to `cap` characters of the current line.
static uint32_t read_ahead(TSLexer *lexer, int32_t *buf, uint32_t cap) {
  uint32_t n = 0;
  while (n < cap && !at_line_end(lexer)) {
    buf[n++] = lexer->lookahead;
    advance(lexer);
  }
  return n;
}

// ---- matching on a buffer ---------------------------------------------------

typedef struct {
  const int32_t *chars;
  uint32_t len;
  uint32_t pos;
} Cursor;

static int32_t peek(const Cursor *c) { return c->pos < c->len ? c->chars[c->pos] : 0; }

static bool at_end(const Cursor *c) { return c->pos >= c->len; }

static void eat_blanks(Cursor *c) {
  while (!at_end(c) && is_blank(peek(c))) c->pos++;
}

// Matches an ASCII word case-sensitively.
static bool eat_word(Cursor *c, const char *word) {
  uint32_t n = (uint32_t)strlen(word);
  if (c->pos + n > c->len) return false;
  for (uint32_t i = 0; i < n; i++) {
    if (c->chars[c->pos + i] != (int32_t)(unsigned char)word[i]) return false;
  }
  c->pos += n;
  return true;
}

// Matches an ASCII phrase ignoring case; single spaces in the phrase match any
// run of blanks.
static bool eat_phrase_nocase(Cursor *c, const char *phrase) {
  uint32_t pos = c->pos;
  for (const char *p = phrase; *p; p++) {
    if (*p == ' ') {
      if (pos >= c->len || !is_blank(c->chars[pos])) return false;
      while (pos < c->len && is_blank(c->chars[pos])) pos++;
      continue;
    }
    if (pos >= c->len || to_lower(c->chars[pos]) != (int32_t)(unsigned char)*p) return false;
    pos++;
  }
  c->pos = pos;
  return true;
}

static uint32_t eat_digits(Cursor *c, uint32_t max) {
  uint32_t n = 0;
  while (n < max && is_digit(peek(c))) {
    c->pos++;
    n++;
  }
  return n;
}

// A word ends at a blank, the line end or punctuation.
static bool at_word_boundary(const Cursor *c) {
  int32_t ch = peek(c);
  return at_end(c) || !(is_letter(ch) || is_digit(ch) || ch == '-' || ch == '\'');
}

// ---- line classification ----------------------------------------------------

// A clause label: `a)`, `iv)`, `A)`, `(a)`, `(A)`, `(1)`, `1)`, `1.`, `1.2`, and
// a bare `1` only where a block starts after a blank line or after a list
// marker (elsewhere `25 October 2014` is text). Must match the grammar's
// `_label_text`.
static bool eat_label_text(Cursor *c, bool bare_number_ok) {
  uint32_t start = c->pos;
  int32_t ch = peek(c);
  if (is_lower(ch)) {
    uint32_t n = 0;
    while (n < 6 && is_lower(peek(c))) {
      c->pos++;
      n++;
    }
    if (n <= 5 && peek(c) == ')') {
      c->pos++;
      return true;
    }
  } else if (is_upper(ch)) {
    c->pos++;
    if (peek(c) == ')') {
      c->pos++;
      return true;
    }
  } else if (ch == '(') {
    c->pos++;
    if (is_lower(peek(c))) {
      uint32_t n = 0;
      while (n < 6 && is_lower(peek(c))) {
        c->pos++;
        n++;
      }
      if (n <= 5 && peek(c) == ')') {
        c->pos++;
        return true;
      }
    } else if (is_upper(peek(c))) {
      c->pos++;
      if (peek(c) == ')') {
        c->pos++;
        return true;
      }
    } else {
      uint32_t n = eat_digits(c, 4);
      if (n >= 1 && n <= 3 && peek(c) == ')') {
        c->pos++;
        return true;
      }
    }
  } else if (is_digit(ch)) {
    uint32_t n = eat_digits(c, 4);
    if (n <= 3) {
      bool dotted = false;
      while (peek(c) == '.' && c->pos + 1 < c->len && is_digit(c->chars[c->pos + 1])) {
        c->pos++;
        uint32_t m = eat_digits(c, 4);
        if (m > 3) goto fail;
        dotted = true;
      }
      if (peek(c) == '.' || peek(c) == ')') {
        c->pos++;
        return true;
      }
      if (dotted || bare_number_ok) return true;
    }
  }
fail:
  c->pos = start;
  return false;
}

static bool label_followed_by_text(const Cursor *c) {
  return at_end(c) || is_blank(peek(c));
}

// `~~e~~` or `[e](#)` just before a label's text.
static bool eat_label_mark(Cursor *c) {
  uint32_t start = c->pos;
  if (eat_word(c, "~~")) {
    uint32_t n = 0;
    while (n < 6 && (is_letter(peek(c)) || is_digit(peek(c)))) {
      c->pos++;
      n++;
    }
    if (n >= 1 && n <= 5 && eat_word(c, "~~")) return true;
  } else if (eat_word(c, "[")) {
    uint32_t n = 0;
    while (n < 6 && (is_letter(peek(c)) || is_digit(peek(c)))) {
      c->pos++;
      n++;
    }
    if (n >= 1 && n <= 5 && eat_word(c, "](#)")) return true;
  }
  c->pos = start;
  return false;
}

static bool eat_list_marker(Cursor *c) {
  int32_t ch = peek(c);
  if ((ch == '-' || ch == 0x2013 || ch == 0x2022 || ch == '*') && c->pos + 1 < c->len &&
      is_blank(c->chars[c->pos + 1])) {
    c->pos++;
    eat_blanks(c);
    return true;
  }
  return false;
}

static int classify_clause(const Line *line, bool chunk_start) {
  Cursor c = {line->chars, line->len, 0};
  bool marker = eat_list_marker(&c);
  bool bare_ok = chunk_start || marker;
  uint32_t after_marker = c.pos;

  // `~~a) ...`: a clause struck out from its label on.
  if (eat_word(&c, "~~")) {
    if (eat_label_text(&c, bare_ok) && label_followed_by_text(&c)) return DELETED_CLAUSE_START;
    c.pos = after_marker;
  }
  while (eat_label_mark(&c)) {
  }
  uint32_t label_start = c.pos;
  if (eat_label_text(&c, bare_ok) && label_followed_by_text(&c)) {
    // A bare number alone on its line is a page number left by a conversion,
    // not a paragraph.
    bool bare_number = is_digit(line->chars[c.pos - 1]) && is_digit(line->chars[label_start]);
    if (!(bare_number && at_end(&c))) return CLAUSE_START;
  }
  return -1;
}

// ARB/79A2/13, B/75/4 Brazil - option 1, RCC/73A1/16 – RCC, EUR/80A1/14 – Europe
static bool is_tag_separator(int32_t ch) {
  return ch == '-' || ch == 0x2013 || ch == 0x2014 || ch == ':';
}

static bool eat_option_keyword(Cursor *c) {
  static const char *const keywords[] = {"Option", "option", "OPTION",
                                         "Alternative", "alternative", "ALTERNATIVE"};
  for (unsigned i = 0; i < sizeof keywords / sizeof *keywords; i++) {
    uint32_t start = c->pos;
    if (eat_word(c, keywords[i])) {
      if (at_end(c) || is_blank(peek(c))) return true;
      c->pos = start;
    }
  }
  return false;
}

// `option 2` up to the end of the line.
static bool rest_is_option(Cursor *c) {
  uint32_t start = c->pos;
  if (eat_option_keyword(c)) {
    eat_blanks(c);
    if (eat_digits(c, 3) > 0 && at_end(c)) return true;
  }
  c->pos = start;
  return false;
}

/* The action of a proposal before its tag: `MOD USA/16/47`, `(ADD) ARB/14/2`. */
static void eat_tag_action(Cursor *c) {
  static const char *const actions[] = {"ADD", "MOD", "SUP", "NOC"};
  uint32_t start = c->pos;
  bool bracket = peek(c) == '(';
  if (bracket) c->pos++;
  for (unsigned i = 0; i < sizeof actions / sizeof *actions; i++) {
    if (eat_word(c, actions[i])) {
      if ((!bracket || eat_word(c, ")")) && is_blank(peek(c))) {
        eat_blanks(c);
        return;
      }
      break;
    }
  }
  c->pos = start;
}

static bool classify_tag(const Line *line) {
  if (line->full_len > 100) return false;
  Cursor c = {line->chars, line->len, 0};
  eat_tag_action(&c);
  uint32_t n = 0;
  while (n < 7 && is_upper(peek(&c))) {
    c.pos++;
    n++;
  }
  if (n < 1 || n > 6 || !eat_word(&c, "/")) return false;
  n = eat_digits(&c, 5);
  if (n < 1 || n > 4) return false;
  if (peek(&c) == 'A') {
    c.pos++;
    n = eat_digits(&c, 4);
    if (n < 1 || n > 3) return false;
  }
  if (peek(&c) == '(') {
    c.pos++;
    if (!(eat_word(&c, "Rev") || eat_word(&c, "rev"))) return false;
    if (peek(&c) == '.') c.pos++;
    eat_blanks(&c);
    if (eat_digits(&c, 3) == 0 || !eat_word(&c, ")")) return false;
  }
  if (!eat_word(&c, "/")) return false;
  n = eat_digits(&c, 5);
  if (n < 1 || n > 4) return false;
  if (at_end(&c)) return true;
  if (!is_blank(peek(&c)) && !is_tag_separator(peek(&c))) return false;
  eat_blanks(&c);

  // [separator] proposer words... [[separator] option N]
  if (is_tag_separator(peek(&c))) {
    c.pos++;
    eat_blanks(&c);
  }
  if (rest_is_option(&c)) return true;
  uint32_t words = 0;
  while (!at_end(&c)) {
    if (is_tag_separator(peek(&c))) {
      // Only `- option N` may follow the proposer.
      c.pos++;
      eat_blanks(&c);
      return words > 0 && rest_is_option(&c);
    }
    if (rest_is_option(&c)) return words > 0;
    {
      uint32_t start = c.pos;
      if (eat_option_keyword(&c)) return false;  // `option` without a number
      c.pos = start;
    }
    while (!at_end(&c) && !is_blank(peek(&c))) c.pos++;
    words++;
    if (words > 8) return false;
    eat_blanks(&c);
  }
  return words > 0;
}

static bool classify_option(const Line *line) {
  if (line->full_len > 20) return false;
  Cursor c = {line->chars, line->len, 0};
  if (!eat_option_keyword(&c)) return false;
  eat_blanks(&c);
  if (eat_digits(&c, 3) == 0) return false;
  if (peek(&c) == ':' || peek(&c) == '.') c.pos++;
  return at_end(&c);
}

static bool classify_document_number(const Line *line) {
  static const char *const kinds[] = {"RESOLUTION", "DECISION", "RECOMMENDATION", "OPINION"};
  for (unsigned i = 0; i < sizeof kinds / sizeof *kinds; i++) {
    Cursor c = {line->chars, line->len, 0};
    if (eat_word(&c, kinds[i]) && is_blank(peek(&c))) {
      eat_blanks(&c);
      return is_digit(peek(&c));
    }
  }
  return false;
}

static bool classify_enacting(const Line *line) {
  static const char *const bodies[] = {
      "Plenipotentiary Conference",
      "World Telecommunication Development Conference",
      "World Telecommunication Standardization Assembly",
      "World Radiocommunication Conference",
      "Radiocommunication Assembly",
      "World Conference on International Telecommunications",
      "World Telecommunication/ICT Policy Forum",
      "World Telecommunication Policy Forum",
      "General Assembly",
      "Economic and Social Council",
      "Security Council",
      "Human Rights Council",
      "Council",
      "Conference",
      "Assembly",
  };
  Cursor c = {line->chars, line->len, 0};
  if (!eat_word(&c, "The") || !is_blank(peek(&c))) return false;
  eat_blanks(&c);
  for (unsigned i = 0; i < sizeof bodies / sizeof *bodies; i++) {
    uint32_t start = c.pos;
    if (eat_word(&c, bodies[i]) && at_word_boundary(&c)) return true;
    c.pos = start;
  }
  return false;
}

// Section headings are recognised by their leading phrase, so new phrasings of
// the same verbs work ("instructs the Director of ...", "further resolves").
static const char *const PREAMBULAR[] = {
    "recalling", "considering", "recognizing", "recognising", "aware", "bearing in mind",
    "noting", "emphasizing", "emphasising", "mindful", "taking into account",
    "taking into consideration", "taking note", "having regard", "having considered",
    "having examined", "having noted", "observing", "acknowledging", "stressing",
    "reaffirming", "convinced", "concerned", "welcoming", "keeping in mind", "expressing",
    "believing", "highlighting", "underlining", "underscoring", "cognizant", "conscious",
    "affirming", "in view of", "guided by", "desirous", "determined", "alarmed",
    "appreciating", "commending", "deploring", "regretting", "realizing", "realising",
    "reiterating", "referring",
};

static const char *const OPERATIVE[] = {
    "resolves", "resolve", "decides", "decide", "instructs", "instruct", "requests",
    "request", "invites", "invite", "encourages", "encourage", "urges", "urge",
    "calls upon", "calls on", "appeals", "recommends", "recommend", "approves",
    "endorses", "authorizes", "authorises", "charges", "asks", "directs", "entrusts",
    "adopts", "agrees", "declares", "is of the view", "is of the opinion",
};

static const char *const MODIFIERS[] = {"further", "also", "deeply", "fully", "firmly"};

static bool eat_any_phrase(Cursor *c, const char *const *phrases, unsigned count) {
  for (unsigned i = 0; i < count; i++) {
    uint32_t start = c->pos;
    if (eat_phrase_nocase(c, phrases[i]) && at_word_boundary(c)) return true;
    c->pos = start;
  }
  return false;
}

static int classify_heading(const Line *line) {
  if (line->full_len > 400 || line->len == 0) return -1;
  int32_t last = line->chars[line->len - 1];
  if (last == ',' || last == ';' || last == '.') return -1;
  Cursor c = {line->chars, line->len, 0};
  while (peek(&c) == '*' || peek(&c) == '_') c.pos++;
  for (;;) {
    uint32_t start = c.pos;
    if (eat_any_phrase(&c, MODIFIERS, sizeof MODIFIERS / sizeof *MODIFIERS) && is_blank(peek(&c))) {
      eat_blanks(&c);
      continue;
    }
    c.pos = start;
    break;
  }
  if (eat_any_phrase(&c, PREAMBULAR, sizeof PREAMBULAR / sizeof *PREAMBULAR)) return PREAMBULAR_START;
  if (eat_any_phrase(&c, OPERATIVE, sizeof OPERATIVE / sizeof *OPERATIVE)) return OPERATIVE_START;
  return -1;
}

// The block kind a line starts, or PARAGRAPH_START for plain text.
static int classify_line(const Line *line, bool chunk_start) {
  if (classify_tag(line)) return TAG_START;
  if (classify_option(line)) return OPTION_START;
  if (classify_document_number(line)) return DOCUMENT_NUMBER_START;
  if (classify_enacting(line)) return ENACTING_START;
  int clause = classify_clause(line, chunk_start);
  if (clause >= 0) return clause;
  int heading = classify_heading(line);
  if (heading >= 0) return heading;
  return PARAGRAPH_START;
}

static bool is_single_line_kind(int kind) {
  return kind == PREAMBULAR_START || kind == OPERATIVE_START || kind == TAG_START ||
         kind == OPTION_START || kind == DOCUMENT_NUMBER_START;
}

// ---- citations --------------------------------------------------------------

static bool eat_document_kind(Cursor *c) {
  static const char *const kinds[] = {
      "Resolutions", "Resolution", "Res.", "Res", "Decisions", "Decision", "Opinions", "Opinion",
      "Recommendations", "Recommendation", "Questions", "Question",
  };
  for (unsigned i = 0; i < sizeof kinds / sizeof *kinds; i++) {
    uint32_t start = c->pos;
    if (eat_word(c, kinds[i]) && is_blank(peek(c))) return true;
    c->pos = start;
  }
  return false;
}

// [body] kind number: `Council Resolution 1305`, `Resolutions 50`, `Res 50`.
static bool citation_starts(const Cursor *at) {
  static const char *const bodies[] = {
      "ITU Council", "Council", "UNGA", "WTDC", "WTSA", "WTPF", "WRC", "PP", "ITU-T", "ITU-D", "ITU-R",
  };
  Cursor c = *at;
  for (unsigned i = 0; i < sizeof bodies / sizeof *bodies; i++) {
    uint32_t start = c.pos;
    if (eat_word(&c, bodies[i]) && is_blank(peek(&c))) {
      eat_blanks(&c);
      break;
    }
    c.pos = start;
  }
  if (!eat_document_kind(&c)) return false;
  eat_blanks(&c);
  return is_digit(peek(&c));
}

static bool place_word(Cursor *c) {
  if (!is_letter(peek(c))) return false;
  while (is_letter(peek(c)) || peek(c) == '\'' || peek(c) == 0x2019 || peek(c) == '-') c->pos++;
  return true;
}

// `(Rev. Busan, 2014)`, `(Hyderabad, 2010)`, `(Guadalajara 2010)`, `(2009)`.
// Must match the grammar's citation_date.
static bool date_follows(Cursor *c) {
  eat_blanks(c);
  if (!eat_word(c, "(")) return false;
  eat_blanks(c);
  {
    uint32_t start = c->pos;
    if (eat_phrase_nocase(c, "rev") && peek(c) == '.') {
      c->pos++;
      eat_blanks(c);
    } else {
      c->pos = start;
    }
  }
  if (is_letter(peek(c))) {
    place_word(c);
    // Further words of the place, each after one space.
    for (;;) {
      uint32_t start = c->pos;
      if (peek(c) == ' ') {
        c->pos++;
        if (place_word(c)) continue;
      }
      c->pos = start;
      break;
    }
    eat_blanks(c);
    if (peek(c) == ',') c->pos++;
    eat_blanks(c);
  }
  if (eat_digits(c, 5) != 4) return false;
  eat_blanks(c);
  return eat_word(c, ")");
}

// `, 52` / ` and 52` / ` & 52` after a citation's number.
static bool more_numbers_follow(Cursor *c) {
  eat_blanks(c);
  bool comma = eat_word(c, ",");
  if (!(comma || (eat_word(c, "and") && is_blank(peek(c))) || eat_word(c, "&"))) return false;
  eat_blanks(c);
  uint32_t start = c->pos;
  uint32_t digits = eat_digits(c, 5);
  if (digits == 0) return false;
  // `Resolution 1305, 2009 session`: a year after a comma.
  bool year = digits == 4 && (c->chars[start] == '1' || c->chars[start] == '2') && at_word_boundary(c);
  return !(comma && year);
}

// ---- entry points -----------------------------------------------------------

void *tree_sitter_resolution_external_scanner_create(void) {
  Scanner *s = (Scanner *)ts_calloc(1, sizeof(Scanner));
  s->bare_number_ok = true;
  return s;
}

void tree_sitter_resolution_external_scanner_destroy(void *payload) { ts_free(payload); }

unsigned tree_sitter_resolution_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = (Scanner *)payload;
  buffer[0] = (char)s->bare_number_ok;
  buffer[1] = (char)s->single_line;
  buffer[2] = (char)s->pending_block_end;
  return 3;
}

void tree_sitter_resolution_external_scanner_deserialize(void *payload, const char *buffer,
                                                         unsigned length) {
  Scanner *s = (Scanner *)payload;
  s->bare_number_ok = true;
  s->single_line = false;
  s->pending_block_end = false;
  if (length >= 3) {
    s->bare_number_ok = buffer[0];
    s->single_line = buffer[1];
    s->pending_block_end = buffer[2];
  }
}

// Ends the current block: first every mark still open, then the block. Where
// the parser could still read a `]` or `}` either as a closer or as text, it
// accepts both tokens; the block end is preferred, so the closer wins.
static bool end_block(Scanner *s, TSLexer *lexer, const bool *valid) {
  if (valid[BLOCK_END]) {
    s->pending_block_end = false;
    s->bare_number_ok = s->single_line;
    s->single_line = false;
    lexer->result_symbol = BLOCK_END;
    return true;
  }
  if (valid[UNCLOSED]) {
    s->pending_block_end = true;
    lexer->result_symbol = UNCLOSED;
    return true;
  }
  return false;
}

bool tree_sitter_resolution_external_scanner_scan(void *payload, TSLexer *lexer,
                                                  const bool *valid) {
  Scanner *s = (Scanner *)payload;
  // In error recovery every symbol is valid; let the parser's own tokens
  // resynchronise.
  if (valid[ERROR_SENTINEL]) return false;

  if (s->pending_block_end && (valid[UNCLOSED] || valid[BLOCK_END])) {
    lexer->mark_end(lexer);
    return end_block(s, lexer, valid);
  }

  skip_blanks(lexer);

  if (valid[PARAGRAPH_START]) {
    // A block starts: pass over blank lines, then look at the whole line.
    bool after_blank_line = s->bare_number_ok;
    for (;;) {
      skip_blanks(lexer);
      if (lexer->eof(lexer)) return false;
      if (!is_newline(lexer->lookahead)) break;
      skip_newline(lexer);
      after_blank_line = true;
    }
    lexer->mark_end(lexer);
    Line line;
    read_line(lexer, &line);
    int kind = classify_line(&line, after_blank_line);
    s->bare_number_ok = false;
    s->pending_block_end = false;
    s->single_line = is_single_line_kind(kind);
    lexer->result_symbol = (TSSymbol)kind;
    return true;
  }

  if ((valid[BLOCK_END] || valid[UNCLOSED]) && at_line_end(lexer)) {
    if (lexer->eof(lexer)) {
      lexer->mark_end(lexer);
      return end_block(s, lexer, valid);
    }
    skip_newline(lexer);
    skip_blanks(lexer);
    lexer->mark_end(lexer);
    if (s->single_line || at_line_end(lexer)) return end_block(s, lexer, valid);
    Line line;
    read_line(lexer, &line);
    if (classify_line(&line, false) != PARAGRAPH_START) return end_block(s, lexer, valid);
    // The block goes on. A citation may open the next line.
    if (valid[CITATION_START]) {
      Cursor c = {line.chars, line.len, 0};
      if (citation_starts(&c)) {
        lexer->result_symbol = CITATION_START;
        return true;
      }
    }
    return false;
  }

  if (lexer->eof(lexer) || is_newline(lexer->lookahead)) return false;
  lexer->mark_end(lexer);

  // Cheap first-character test before reading ahead: this runs at every
  // token inside text.
  int32_t first = lexer->lookahead;
  bool may_start = (valid[CITATION_MORE] && (first == ',' || first == 'a' || first == '&')) ||
                   (valid[DATE_OPEN] && first == '(') ||
                   (valid[CITATION_START] && strchr("ICUWPRDOQ", (int)first) != NULL && first != 0);
  if (may_start) {
    int32_t buf[64];
    uint32_t n = read_ahead(lexer, buf, 64);
    Cursor c = {buf, n, 0};
    if (valid[CITATION_MORE] && more_numbers_follow(&c)) {
      lexer->result_symbol = CITATION_MORE;
      return true;
    }
    c.pos = 0;
    if (valid[DATE_OPEN] && date_follows(&c)) {
      lexer->result_symbol = DATE_OPEN;
      return true;
    }
    c.pos = 0;
    if (valid[CITATION_START] && citation_starts(&c)) {
      lexer->result_symbol = CITATION_START;
      return true;
    }
  }
  return false;
}
