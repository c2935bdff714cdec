// Checks of the extension's TextMate grammar (syntaxes/resolution.tmLanguage.json)
// with the tokenizer VS Code itself uses: vscode-textmate and vscode-oniguruma,
// taken from code-server's copy of VS Code. Run by test.mjs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// [name, lines, the text to look at (its first occurrence on the last line;
//  with 'last', the last word of it), the scope every token of it must have,
//  or `!scope`: a scope none of its tokens may have]
const CASES = [
  ['preambular heading', ['recalling'], 'recalling', 'markup.heading.preambular'],
  ['wrapped heading with modifier', ['*further considering*'], 'considering', 'markup.heading.preambular'],
  ['wrapped heading is italic', ['*considering*'], 'considering', 'markup.italic'],
  ['operative heading', ['instructs the Secretary-General'], 'Secretary-General', 'markup.heading.operative'],
  ['multi-word heading', ['bearing  in mind'], 'bearing', 'markup.heading.preambular'],
  ['heading needs a word boundary', ['recallings'], 'recallings', '!markup.heading'],
  ['a line ending in a comma is no heading', ['Recalling its resolutions 56/183,'], 'Recalling', '!markup.heading'],
  ['letter label', ['a) United Nations'], 'a)', 'markup.list.label'],
  ['label text is not a label', ['a) United Nations'], 'United', '!markup.list.label'],
  ['roman label after a list marker', ['- iv) Resolution 52'], 'iv)', 'markup.list.label'],
  ['list marker', ['- iv) Resolution 52'], '-', 'punctuation.definition.list.begin'],
  ['parenthesised label', ['(a) nested'], '(a)', 'markup.list.label'],
  ['bare number label', ['1 to contribute'], '1', 'markup.list.label'],
  ['numbered label', ['1. The General Assembly'], '1.', 'markup.list.label'],
  ['a number alone is a page number', ['12'], '12', '!markup.list.label'],
  ['a year is no label', ['2014 was a year'], '2014', '!markup.list.label'],
  ['label with a struck letter', ['~~e~~d) that'], 'd)', 'markup.list.label'],
  ['proposal tag source', ['ARB/79A2/13'], 'ARB', 'entity.name.tag.source'],
  ['proposal tag addendum', ['ARB/79A2/13'], 'A2', 'constant.numeric.addendum'],
  ['proposal tag proposer', ['B/75/4 Brazil - option 1'], 'Brazil', 'entity.other.attribute-name.proposer'],
  ['proposal tag option', ['B/75/4 Brazil - option 1'], 'option 1', 'keyword.other.option'],
  ['proposal tag with en dash', ['RCC/73A1/16 – RCC'], 'RCC', 'meta.proposal-tag'],
  ['proposal tag proposer after en dash', ['RCC/73A1/16 – RCC'], '– RCC', 'entity.other.attribute-name.proposer', 'last'],
  ['proposal tag inside a sentence is no tag', ['referring to WTSA Res 50 - CUB/70/2'], 'CUB', '!meta.proposal-tag'],
  ['option marker', ['Option 1'], 'Option', 'keyword.other.option'],
  ['option marker number', ['Option 2:'], '2', 'constant.numeric.option'],
  ['citation kind', ['e) Resolution 130 (Rev. Busan, 2014) of'], 'Resolution', 'keyword.other.document-kind'],
  ['citation number', ['e) Resolution 130 (Rev. Busan, 2014) of'], '130', 'constant.numeric.document'],
  ['citation Rev.', ['e) Resolution 130 (Rev. Busan, 2014) of'], 'Rev.', 'keyword.other.revised'],
  ['citation place', ['e) Resolution 130 (Rev. Busan, 2014) of'], 'Busan', 'string.unquoted.place'],
  ['citation year', ['e) Resolution 130 (Rev. Busan, 2014) of'], '2014', 'constant.numeric.year'],
  ['citation with body', ['noted in ITU Council Resolution 1305, 2009 session'], 'ITU Council', 'entity.name.type.body'],
  ['a year after a comma is no further number', ['noted in ITU Council Resolution 1305, 2009 session'], '2009', '!meta.citation'],
  ['lowercase UN resolution is no citation', ['recalling resolution 56/183,'], 'resolution', '!meta.citation'],
  ['conference', ['the outcomes of WTDC-14 and'], 'WTDC-14', 'support.constant.conference'],
  ['conference wins over a longer word', ['WTDC-10-14'], 'WTDC-10', 'support.constant.conference'],
  ['action plan', ['the Hyderabad Action Plan'], 'Hyderabad Action Plan', 'support.constant.action-plan'],
  ['deletion', ['(Rev. ~~Antalya, 2006~~ Guadalajara, 2010)'], 'Antalya', 'markup.deleted'],
  ['text after a deletion', ['(Rev. ~~Antalya, 2006~~ Guadalajara, 2010)'], 'Guadalajara', '!markup.deleted'],
  ['insertion', ['Resolution 45 ([Dubai, 2014](#))'], 'Dubai', 'markup.inserted'],
  ['bracketed text', ['[a) Article 6, on security]'], 'Article', 'string.other.bracketed'],
  ['CriticMarkup addition', ['text {++added++} text'], 'added', 'markup.inserted.critic'],
  ['CriticMarkup removal', ['text {--removed--} text'], 'removed', 'markup.deleted.critic'],
  ['CriticMarkup substitution', ['text {~~old~>new~~} text'], 'new', 'markup.changed.critic'],
  ['CriticMarkup highlight', ['text {==look==} text'], 'look', 'markup.highlight.critic'],
  ['CriticMarkup comment', ['text {>>why<<} text'], 'why', 'comment.block.critic'],
  ['deleted clause', ['~~a) Resolution 130 (Rev. Antalya, 2006) of the Conference;~~'], 'Conference', 'markup.deleted'],
  ['label of a deleted clause', ['~~a) Resolution 130 (Rev. Antalya, 2006) of the Conference;~~'], 'a)', 'markup.list.label'],
  ['an unclosed deletion ends with its block', ['b) open ~~deletion and', '', 'c) next'], 'next', '!markup.deleted'],
  ['a deletion spans lines of its block', ['b) open ~~deletion and', 'more'], 'more', 'markup.deleted'],
  ['document number', ['RESOLUTION 130 (REV. BUSAN, 2014)'], 'RESOLUTION', 'markup.heading.document-number'],
  ['enacting formula', ['The Plenipotentiary Conference of the International Telecommunication Union'], 'Plenipotentiary Conference', 'markup.quote.enacting-formula'],
  ['comment', ['<!-- draftls-disable-next-line outdated-reference -->'], 'draftls-disable-next-line', 'comment.block'],
  ['strong title', ['**Strengthening the role of ITU**'], 'Strengthening', 'markup.bold'],
  ['section reference', ['see § 15 of'], '§ 15', 'markup.underline.link.section-ref'],
];

// The seed draft tokenized as a whole (marks must not leak across blocks):
// [line, text, scope or !scope]
const SEED = [
  [12, 'RESOLUTION', 'markup.heading.document-number'],
  [21, 'recalling', 'markup.heading.preambular'],
  [23, 'ARB', 'entity.name.tag.source'],
  [39, 'a)', 'markup.list.label'],
  [39, 'Antalya', 'markup.deleted'],
  [41, 'g)', 'markup.list.label'],
  [41, 'Resolution', 'keyword.other.document-kind'],
  [41, 'Dubai', 'string.unquoted.place'],
  [43, 'a)', 'markup.list.label'],
  [43, 'Antalya', 'markup.deleted'],
  [43, 'Guadalajara', '!markup.deleted'],
  [49, 'considering', 'markup.heading.preambular'],
  [49, 'considering', '!markup.deleted'],
  [51, 'Brazil', 'entity.other.attribute-name.proposer'],
  [81, 'Option', 'keyword.other.option'],
  [207, 'resolves', 'markup.heading.operative'],
  [246, 'instructs', 'markup.heading.operative'],
  [246, 'instructs', '!markup.italic'],
];

function covers(tokens, line, at, length, expected) {
  const covering = tokens.filter((t) => t.startIndex < at + length && t.endIndex > at);
  const negate = expected.startsWith('!');
  const scope = negate ? expected.slice(1) : expected;
  const has = (t) => t.scopes.some((s) => s.split(' ').some((part) => part.startsWith(scope)));
  if (negate ? !covering.some(has) : covering.length > 0 && covering.every(has)) return null;
  const seen = covering.map((t) => `"${line.slice(t.startIndex, t.endIndex)}": ${t.scopes.slice(1).join(' ') || '(none)'}`);
  return `${negate ? 'has' : 'lacks'} ${scope} (${seen.join('; ')})`;
}

export async function grammarTests({ deps, grammarPath, seedPath }) {
  const vscodeModules = path.join(deps, 'node_modules/code-server/lib/vscode/node_modules');
  const require = createRequire(path.join(vscodeModules, 'package.json'));
  const vsctm = require('vscode-textmate');
  const onig = require('vscode-oniguruma');
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === 'text.resolution' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('text.resolution');
  if (!grammar) throw new Error(`the grammar ${grammarPath} did not load`);

  const problems = [];
  for (const [name, lines, phrase, expected, which] of CASES) {
    const text = which === 'last' ? phrase.split(' ').pop() : phrase;
    let stack = vsctm.INITIAL;
    let tokens = [];
    for (const line of lines) {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      tokens = r.tokens;
    }
    const line = lines[lines.length - 1];
    const at = which === 'last' ? line.indexOf(phrase) + phrase.length - text.length : line.indexOf(text);
    if (line.indexOf(phrase) < 0) {
      problems.push(`${name}: "${text}" is not in "${line}"`);
      continue;
    }
    const problem = covers(tokens, line, at, text.length, expected);
    if (problem) problems.push(`${name}: "${text}" in "${line}" ${problem}`);
  }

  const seedProblems = [];
  const seed = fs.readFileSync(seedPath, 'utf8').split(/\r\n|\r|\n/);
  const tokensByLine = [];
  let stack = vsctm.INITIAL;
  for (const line of seed) {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    tokensByLine.push(r.tokens);
  }
  for (const [n, text, expected] of SEED) {
    const line = seed[n - 1] ?? '';
    const at = line.indexOf(text);
    const problem = at < 0 ? `"${text}" is not on the line` : covers(tokensByLine[n - 1], line, at, text.length, expected);
    if (problem) seedProblems.push(`seed line ${n}: "${text}" ${problem}`);
  }
  return { cases: CASES.length, problems, seedCases: SEED.length, seedProblems };
}
