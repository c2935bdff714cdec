// Recognises resolution drafts by their content (kept in step with
// editors/nvim/lua/draftls/detect.lua; the rules are in editors/README.md).
'use strict';

/** How many lines from the top are looked at. */
const LINES = 40;

// A line, after leading blanks, `#` and `**`/`__` wrappers, that marks a draft
// on its own. The same alternatives (as one regex) are the language's
// `firstLine` in package.json.
const MARKERS = [
  // `RESOLUTION 130 (REV. BUSAN, 2014)`
  /^RESOLUTION\s+\S+\s*\(/,
  /^DRAFT\s+(?:NEW\s+RESOLUTION|REVISION\s+OF\s+RESOLUTION)\b/,
  /^PLENIPOTENTIARY\s+CONFERENCE\b/,
  /^WORLD\s+TELECOMMUNICATION\s+(?:DEVELOPMENT\s+CONFERENCE|STANDARDIZATION\s+ASSEMBLY|POLICY\s+FORUM)\b/,
  /^COMMITTEE\s+\d+\b/,
  // proposal tags (FORMAT.md §6): `MOD ARB/14/26`, `ARB/79A2/13`, `B/75/4 Brazil - option 1`
  /^(?:\[?(?:ADD|MOD|SUP|NOC)\]?\s+)?[A-Z]{1,6}\/\d{1,4}(?:A\d{1,3})?(?:\([Rr]ev\.?\s*\d{1,3}\))?\/\d{1,4}(?=$|[\s:])/,
  /^Addendum\s+\d+\s+to\s+Document\b/,
];

// Section headings (FORMAT.md §3, the common ones) and lettered clauses:
// both must appear for a text with no marker line.
const HEADING =
  /^(?:(?:further|also|deeply|fully|firmly)\s+)*(?:recalling|considering|recognizing|recognising|noting|bearing\s+in\s+mind|resolves|decides|instructs)(?![\w'-])/i;
const LETTERED = /^\[?[a-z]\)\s+\S/;

function strip(line) {
  return line.replace(/^\s*(?:#+\s*)?(?:[*_]+\s*)?/, '').trimEnd();
}

/** True when the line marks a draft by itself (a heading, conference line, proposal tag …). */
function isMarker(line) {
  const s = strip(line);
  return MARKERS.some((re) => re.test(s));
}

/** True when the first lines of `text` look like a resolution draft. */
function looksLikeDraft(text) {
  const lines = text.split(/\r?\n/, LINES);
  let heading = false;
  let lettered = false;
  for (const line of lines) {
    if (isMarker(line)) return true;
    const s = strip(line);
    if (s.length <= 100 && !/[,;.]$/.test(s) && HEADING.test(s)) heading = true;
    if (LETTERED.test(line)) lettered = true;
  }
  return heading && lettered;
}

module.exports = { looksLikeDraft, isMarker, MARKERS, LINES };
