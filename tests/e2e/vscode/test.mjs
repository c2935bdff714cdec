// End-to-end test of the draftls extension in the real VS Code: installs the
// platform .vsix into code-server, with no draftls on PATH and no
// draftls.server.path setting, opens a copy of the seed draft named
// seed.txt in headless Chromium (playwright-core) and works on it as a person
// would: recognised by its content, Problems panel, quick fix, hover.
// Run by run.sh, which installs everything and sets:
//   DRAFTLS_E2E_DEPS     folder whose node_modules has code-server and playwright-core
//   DRAFTLS_E2E_VSIX     the platform .vsix (package.sh), with the draftls server inside
//   DRAFTLS_E2E_FIXTURE  the seed draft
//   DRAFTLS_E2E_OUT      where screenshots, logs and the run's folders go
//   CHROMIUM             the browser (Debian's /usr/bin/chromium)
// Prints `N passed, M failed` last; exits 1 on any failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { grammarTests } from './grammar.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`test.mjs: ${name} is not set (run tests/e2e/vscode/run.sh)`);
    process.exit(2);
  }
  return value;
};
const DEPS = env('DRAFTLS_E2E_DEPS');
const VSIX = env('DRAFTLS_E2E_VSIX');
const FIXTURE = env('DRAFTLS_E2E_FIXTURE');
const OUT = env('DRAFTLS_E2E_OUT');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ENTRY = path.join(DEPS, 'node_modules/code-server/out/node/entry.js');
const GRAMMAR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../editors/vscode/syntaxes/resolution.tmLanguage.json',
);
const { chromium } = createRequire(path.join(DEPS, 'package.json'))('playwright-core');
const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../editors/vscode');
const detect = createRequire(import.meta.url)(path.join(EXTENSION_DIR, 'src/detect.js'));
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8'));

const OVERALL_MS = 360_000; // the whole test, code-server start included
const STEP_MS = 60_000; // one test
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The run's folders: code-server's user data and extensions, the workspace,
// all fresh each run.
const RUN = path.join(OUT, 'run');
fs.rmSync(RUN, { recursive: true, force: true });
const USER_DATA = path.join(RUN, 'user-data');
const EXTENSIONS = path.join(RUN, 'extensions');
const WORKSPACE = path.join(RUN, 'workspace');
for (const dir of [path.join(USER_DATA, 'User'), EXTENSIONS, WORKSPACE]) fs.mkdirSync(dir, { recursive: true });
// Drafts are mostly .txt files: the seed opens as one, recognised by content.
const DRAFT = path.join(WORKSPACE, 'seed.txt');
fs.copyFileSync(FIXTURE, DRAFT);
// A text file that is no draft: it stays Plain Text until marked by hand.
const NOTES = path.join(WORKSPACE, 'notes.txt');
fs.writeFileSync(NOTES, 'Notes for the meeting\n\nBring the printed agenda.\nAsk about the room for Committee 5.\n');
// The code-server (and so the extension host) runs with no draftls on PATH:
// without cargo's bin folder, target folders and any folder holding a draftls.
const CLEAN_PATH = (process.env.PATH || '')
  .split(path.delimiter)
  .filter(
    (dir) =>
      dir &&
      !/[\\/]\.cargo[\\/]bin[\\/]?$/.test(dir) &&
      !/[\\/]target([\\/]|$)/.test(dir) &&
      !fs.existsSync(path.join(dir, 'draftls')),
  )
  .join(path.delimiter);
/** The installed extension's folder (its name carries the target platform). */
function installedExtension() {
  const dir = fs.readdirSync(EXTENSIONS).find((name) => name.startsWith('draftls.draftls-'));
  return dir && path.join(EXTENSIONS, dir);
}
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'editor.wordWrap': 'off',
};
// User settings, before code-server starts. Later changes go through the
// Settings editor, as a person makes them (code-server does not always notice
// a settings file written behind its back).
fs.writeFileSync(path.join(USER_DATA, 'User/settings.json'), JSON.stringify(SETTINGS, null, 2));

const results = [];
let codeServer;
let browser;
let page;
let finished = false;

function log(message) {
  console.log(`[${elapsed()}] ${message}`);
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = undefined;
  if (codeServer && codeServer.exitCode === null && codeServer.signalCode === null) {
    // code-server, its extension host and the draftls server share one
    // process group (spawned detached).
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 50 && codeServer.exitCode === null && codeServer.signalCode === null; i++) await sleep(100);
    try {
      process.kill(-codeServer.pid, 'SIGKILL');
    } catch {}
  }
}

async function finish() {
  if (finished) return;
  finished = true;
  await cleanup();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (failed) {
    console.log(`\nFailures (screenshots and logs in ${OUT}):`);
    for (const r of results.filter((r) => !r.ok)) console.log(`  - ${r.name}: ${r.error}`);
    const csLog = path.join(OUT, 'code-server.log');
    if (fs.existsSync(csLog)) {
      console.log(`\nLast lines of ${csLog}:`);
      console.log(fs.readFileSync(csLog, 'utf8').split('\n').slice(-15).join('\n'));
    }
    for (const f of findLogs(path.join(USER_DATA, 'logs'), /draftls\.log$/)) console.log(`draftls output channel log: ${f}`);
  }
  console.log(`vscode e2e finished in ${elapsed()}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

function findLogs(dir, pattern) {
  const found = [];
  const walk = (d) => {
    let entries = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pattern.test(e.name)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function test(name, body, { fatal = false } = {}) {
  log(`test: ${name}`);
  try {
    await withTimeout(body(), STEP_MS, name);
    results.push({ name, ok: true });
    log(`  ok`);
  } catch (err) {
    const error = (err && err.message ? err.message : String(err)).split('\n')[0];
    results.push({ name, ok: false, error });
    log(`  FAILED: ${error}`);
    if (page) {
      const shot = path.join(OUT, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await page.screenshot({ path: shot, timeout: 10_000 }).catch(() => {});
    }
    if (fatal) await finish();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (codeServer.exitCode !== null) throw new Error(`code-server exited with ${codeServer.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${ms / 1000}s (${last})`);
}

/** Ctrl+G to a line (and column), then wait for the editor to show it. */
async function goToLine(line, column = 1) {
  // Focus the editor by a click on the top of its visible area (`.view-lines`
  // itself spans the whole document: a click on it scrolls the editor).
  await page.locator('.editor-instance .monaco-editor .overflow-guard').first().click({ position: { x: 300, y: 8 } });
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // Ctrl+G opens Quick Open with the `:` prefix of Go to Line.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.editor-instance .margin-view-overlays .line-numbers')].some(
      (e) => e.textContent.trim() === String(n),
    ),
    line,
    { timeout: 10_000 },
  );
}

/** The text the editor shows on a line (Monaco renders spaces as NBSP). */
async function lineText(line) {
  return page.evaluate((n) => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
      (e) => e.textContent.trim() === String(n),
    );
    if (!number) return null;
    const top = number.parentElement.style.top;
    const view = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => e.style.top === top);
    return view ? view.textContent.replace(/\u00a0/g, ' ') : null;
  }, line);
}

/** The centre of the first occurrence of `text` on an editor line, in page pixels. */
async function textPosition(line, text) {
  return page.evaluate(
    ({ n, text }) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
        (e) => e.textContent.trim() === String(n),
      );
      if (!number) return null;
      const top = number.parentElement.style.top;
      const view = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => e.style.top === top);
      if (!view) return null;
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: all.length });
        all += node.textContent.replace(/\u00a0/g, ' ');
      }
      const at = all.indexOf(text);
      if (at < 0) return null;
      const locate = (offset) => {
        const hit = nodes.filter((x) => x.start <= offset).pop();
        return [hit.node, offset - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + text.length - 1));
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    { n: line, text },
  );
}

/**
 * Sets a text setting in the Settings editor (Ctrl+,). `tab`: 'User' or
 * 'Remote': code-server is a remote window, so machine-scoped settings such as
 * draftls.server.path are set in Remote settings (user-data-dir/Machine).
 */
async function setSetting(id, value, tab = 'User') {
  await page.keyboard.press('Control+Comma');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  await editor.locator('.settings-tabs-widget .action-label', { hasText: tab }).first().click();
  await editor.locator('.suggest-input-container .monaco-editor').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`@id:${id}`);
  const input = editor.locator(`input[aria-label="${id}"]`).first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(value);
  await sleep(1_000); // the Settings editor writes after a short delay
  await page.keyboard.press('Control+W');
  await editor.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Runs a command from the Command Palette (F1) by its title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** How often the extension has started a server, from its output channel's log. */
function serverStarts() {
  return findLogs(path.join(USER_DATA, 'logs'), /draftls\.log$/)
    .map((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('Starting ')).length)
    .reduce((a, b) => a + b, 0);
}

/** Moves the mouse onto `text` on `line` until a hover containing `wanted` shows; returns its text. */
async function hoverText(line, text, wanted, ms = 30_000) {
  const hover = page.locator('.monaco-hover', { hasText: wanted });
  const deadline = Date.now() + ms;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const at = await textPosition(line, text);
    if (!at) throw new Error(`"${text}" is not on line ${line}: "${await lineText(line)}"`);
    await page.mouse.move(at.x - 40, at.y + 80);
    await sleep(200);
    await page.mouse.move(at.x + (attempt % 3) * 3, at.y);
    const shown = await hover.first().waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false);
    if (shown) return (await hover.first().textContent()).replace(/\s+/g, ' ');
    log(`  (no hover yet over "${text}"; moving the mouse again)`);
  }
  const any = await page.locator('.monaco-hover').allTextContents().catch(() => []);
  throw new Error(`no hover with "${wanted}" over "${text}" on line ${line} (hovers: ${JSON.stringify(any).slice(0, 300)})`);
}

async function main() {
  const watchdog = setTimeout(() => {
    results.push({ name: 'whole run', ok: false, error: `did not finish within ${OVERALL_MS / 1000}s` });
    finish();
  }, OVERALL_MS);

  // The TextMate grammar, with VS Code's own tokenizer (no browser needed).
  let grammar;
  await test('TextMate grammar: constructs of FORMAT.md get their scopes', async () => {
    grammar = await grammarTests({ deps: DEPS, grammarPath: GRAMMAR, seedPath: FIXTURE });
    if (grammar.problems.length)
      throw new Error(`${grammar.problems.length} of ${grammar.cases} cases: ${grammar.problems.join(' | ')}`);
  });
  await test('TextMate grammar: the seed draft, tokenized whole', async () => {
    if (!grammar) throw new Error('the grammar did not load');
    if (grammar.seedProblems.length)
      throw new Error(`${grammar.seedProblems.length} of ${grammar.seedCases} checks: ${grammar.seedProblems.join(' | ')}`);
  });

  await test('content detection (src/detect.js and the firstLine regex) on drafts and other texts', async () => {
    const problems = [];
    if (!detect.looksLikeDraft(fs.readFileSync(FIXTURE, 'utf8'))) problems.push('the seed is not recognised');
    const firstLine = new RegExp(MANIFEST.contributes.languages[0].firstLine);
    const drafts = [
      'RESOLUTION 130 (REV. BUSAN, 2014)',
      '**RESOLUTION 71 (Rev. Dubai, 2018)**',
      'DRAFT NEW RESOLUTION [EUR-1]',
      'DRAFT REVISION OF RESOLUTION 139 (REV. DUBAI, 2018)',
      'PLENIPOTENTIARY CONFERENCE (PP-22)',
      'WORLD TELECOMMUNICATION DEVELOPMENT CONFERENCE (WTDC-17)',
      'WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY (Hammamet, 25 October - 3 November 2016)',
      'COMMITTEE 5',
      'MOD ARB/14/26',
      'ARB/79A2/13',
      'B/75/4 Brazil - option 1',
      'Addendum 15 to Document 21-E',
    ];
    const others = [
      '',
      '# draftls',
      'Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference;',
      'The committee met at 10:00.',
      'See ARB/79A2/13 for the text.',
      'MODERN TIMES/1',
    ];
    for (const line of drafts) {
      if (!detect.isMarker(line)) problems.push(`detect.js misses "${line}"`);
      if (!firstLine.test(line)) problems.push(`firstLine misses "${line}"`);
      if (!detect.looksLikeDraft(`\n\n${line}\n\nsome text`)) problems.push(`looksLikeDraft misses "${line}" on line 3`);
    }
    for (const line of others) {
      if (detect.isMarker(line)) problems.push(`detect.js takes "${line}" for a draft`);
      if (firstLine.test(line)) problems.push(`firstLine takes "${line}" for a draft`);
    }
    const sectioned = 'Title\n\nconsidering\n\na) that the text is a draft;\n\nb) that it has clauses,\n';
    if (!detect.looksLikeDraft(sectioned)) problems.push('a "considering" section with lettered clauses is missed');
    if (detect.looksLikeDraft('considering the weather, we stayed in.\n\na) rain\n'))
      problems.push('a sentence starting with "considering" counts as a heading');
    if (detect.looksLikeDraft('recalling\n\nno clauses here\n')) problems.push('a heading without lettered clauses counts');
    if (detect.looksLikeDraft(fs.readFileSync(NOTES, 'utf8'))) problems.push('notes.txt counts as a draft');
    if (problems.length) throw new Error(problems.join(' | '));
  });

  await test('code-server runs with no draftls on PATH', async () => {
    const which = spawnSync('sh', ['-c', 'command -v draftls'], { encoding: 'utf8', env: { PATH: CLEAN_PATH } });
    if (which.status === 0) throw new Error(`draftls is on the test's PATH: ${which.stdout.trim()}`);
    const settings = JSON.parse(fs.readFileSync(path.join(USER_DATA, 'User/settings.json'), 'utf8'));
    if ('draftls.server.path' in settings) throw new Error('draftls.server.path is set');
  });

  const codeServerArgs = ['--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS];

  await test(
    'the .vsix installs into code-server',
    async () => {
      const r = spawnSync(process.execPath, [ENTRY, ...codeServerArgs, '--install-extension', VSIX], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      const said = `${r.stdout}${r.stderr}`.trim();
      if (r.status !== 0 || !/successfully installed/i.test(said))
        throw new Error(`--install-extension exited ${r.status ?? r.signal}: ${said.split('\n').slice(-3).join(' | ')}`);
      const installed = installedExtension();
      if (!installed) throw new Error(`no draftls extension in ${EXTENSIONS}`);
      if (!fs.existsSync(path.join(installed, 'server', 'draftls')))
        throw new Error(`the installed extension (${installed}) has no server/draftls`);
      const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
      if (!fs.existsSync(path.join(installed, manifest.main)))
        throw new Error(`the installed extension has no ${manifest.main} (its main)`);
      if (fs.existsSync(path.join(installed, 'node_modules')))
        throw new Error('the installed extension has node_modules: the bundle should hold its dependencies');
    },
    { fatal: true },
  );

  const port = await freePort();
  const csLog = fs.openSync(path.join(OUT, 'code-server.log'), 'w');
  codeServer = spawn(
    process.execPath,
    [
      ENTRY,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...codeServerArgs,
      WORKSPACE,
    ],
    {
      detached: true,
      stdio: ['ignore', csLog, csLog],
      env: { ...process.env, PATH: CLEAN_PATH, DRAFTLS_LOG: 'draftls=info' },
    },
  );
  log(`code-server pid ${codeServer.pid} on port ${port}`);

  await test(
    'code-server starts and shows the workspace in Chromium',
    async () => {
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, 45_000);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        timeout: 30_000,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: 30_000 });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 45_000 });
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'seed.txt' });
      await row.first().waitFor({ state: 'visible', timeout: 30_000 });
      await row.first().click();
      await page.locator('.tabs-container .tab', { hasText: 'seed.txt' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
    },
    { fatal: true },
  );

  await test('the .txt draft opens as a Resolution draft (recognised by its content)', async () => {
    const mode = page.locator('[id="status.editor.mode"]');
    await page.waitForFunction(
      () => document.getElementById('status.editor.mode')?.textContent.includes('Resolution draft'),
      null,
      { timeout: 20_000 },
    ).catch(async () => {
      throw new Error(`status bar language is "${(await mode.textContent().catch(() => '?')).trim()}"`);
    });
  });

  await test("the status bar shows the draft's as-of", async () => {
    // The server reads the conference from the draft's heading: PP-14.
    const item = page.locator('.statusbar-item', { hasText: 'draftls: as of' });
    await item.first().waitFor({ state: 'visible', timeout: 20_000 });
    await page
      .locator('.statusbar-item', { hasText: 'draftls: as of PP-14' })
      .first()
      .waitFor({ state: 'visible', timeout: 45_000 })
      .catch(async () => {
        const text = (await item.first().textContent()).trim();
        throw new Error(`status bar item says "${text}" (the seed is a Busan 2014 draft)`);
      });
  });

  await test('diagnostics arrive and the Problems panel lists duplicate-label', async () => {
    await goToLine(43);
    await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 45_000 });
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: 15_000 });
    const row = panel.locator('.monaco-list-row', { hasText: 'duplicate-label' });
    await row.first().waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await row.first().textContent()).replace(/\s+/g, ' ');
    if (!text.includes('restarts the list')) throw new Error(`unexpected problem row: ${text}`);
    // Back to the editor: line 43 in view, the mouse on its squiggle shows
    // the diagnostic's hover; that is the picture.
    await goToLine(43);
    await hoverText(43, 'a)', 'restarts the list', 20_000);
    await page.screenshot({ path: path.join(OUT, 'screenshot.png') });
    await page.mouse.move(5, 5);
    log(`  screenshot: ${path.join(OUT, 'screenshot.png')}`);
  });

  await test('the server that runs is the one inside the .vsix', async () => {
    const bundled = path.join(installedExtension(), 'server', 'draftls');
    const starts = findLogs(path.join(USER_DATA, 'logs'), /draftls\.log$/).flatMap((f) =>
      fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('Starting ')),
    );
    if (!starts.length) throw new Error('the output channel log shows no server start');
    if (starts[0] !== `Starting ${bundled} (bundled with the extension)`)
      throw new Error(`the output channel says "${starts[0]}", not the bundled ${bundled}`);
  });

  await test('quick fix "Continue the list: renumber from `h)`" on line 43 (Ctrl+.)', async () => {
    const before = await lineText(43);
    if (!before || !before.startsWith('a) Resolution 130')) throw new Error(`line 43 reads "${before}" before the fix`);
    await goToLine(43, 1);
    // Ctrl+. opens the quick-fix menu; pressed again if the first press
    // came before the editor had its code actions.
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Continue the list: renumber from `h)`' });
    const deadline = Date.now() + 30_000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      await page.keyboard.press('Control+Period');
      shown = await item.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      if (!shown) {
        log('  (no quick-fix menu yet; pressing Ctrl+. again)');
        await page.keyboard.press('Escape');
      }
    }
    if (!shown) {
      const menu = await page.locator('.action-widget').allTextContents().catch(() => []);
      throw new Error(`no "Continue the list" fix in the quick-fix menu (menu: ${JSON.stringify(menu).slice(0, 300)})`);
    }
    await item.first().click();
    await page.waitForFunction(
      () => {
        const editor = document.querySelector('.editor-instance .monaco-editor');
        const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
          (e) => e.textContent.trim() === '43',
        );
        if (!number) return false;
        const view = [...editor.querySelectorAll('.view-lines .view-line')].find(
          (e) => e.style.top === number.parentElement.style.top,
        );
        return view && view.textContent.replace(/\u00a0/g, ' ').startsWith('h)');
      },
      null,
      { timeout: 15_000 },
    ).catch(async () => {
      throw new Error(`line 43 reads "${await lineText(43)}" after the fix`);
    });
    const after = await lineText(43);
    if (after !== before.replace(/^a\)/, 'h)')) throw new Error(`line 43 changed beyond its label: "${after}"`);
    // Saved, the file on disk has the new label too.
    await page.keyboard.press('Control+S');
    const saved = Date.now() + 10_000;
    let onDisk = '';
    while (Date.now() < saved) {
      onDisk = fs.readFileSync(DRAFT, 'utf8').split(/\r?\n/)[42];
      if (onDisk.startsWith('h)')) break;
      await sleep(200);
    }
    if (!onDisk.startsWith('h)')) throw new Error(`saved line 43 reads "${onDisk}"`);
  });

  await test('hover on "Resolution 45" (line 41) shows its title', async () => {
    await goToLine(41, 1);
    const text = await hoverText(41, 'Resolution 45', 'Mechanisms for enhancing cooperation on cybersecurity');
    if (!text.includes('WTDC Resolution 45')) throw new Error(`hover lacks "WTDC Resolution 45": ${text.slice(0, 200)}`);
    if (!text.includes('as of PP-14')) throw new Error(`hover is not as of the draft's conference (PP-14): ${text.slice(0, 300)}`);
    await page.screenshot({ path: path.join(OUT, 'hover.png') });
    await page.mouse.move(5, 5);
  });

  await test('setting draftls.asOf reaches the status bar and the server', async () => {
    await setSetting('draftls.asOf', 'PP-18');
    await page
      .locator('.statusbar-item', { hasText: 'draftls: as of PP-18' })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await goToLine(41, 1);
    await hoverText(41, 'Resolution 45', 'as of PP-18');
    await page.mouse.move(5, 5);
  });

  await test('command "draftls: Show outline" shows the sections in the Outline view', async () => {
    await runCommand('draftls: Show outline');
    const outline = page.locator('.outline-tree');
    await outline.first().waitFor({ state: 'visible', timeout: 15_000 });
    for (const name of ['Title block', 'recalling']) {
      await outline.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
  });

  await test('command "draftls: Restart server" starts a new server', async () => {
    const before = serverStarts();
    if (before < 1) throw new Error('the output channel log shows no server start');
    await runCommand('draftls: Restart server');
    const deadline = Date.now() + 20_000;
    while (serverStarts() <= before && Date.now() < deadline) await sleep(250);
    if (serverStarts() <= before) throw new Error('the output channel log shows no new server start');
    await goToLine(45, 1);
    await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  });

  await test('command "draftls: Show output" shows the server output channel', async () => {
    await runCommand('draftls: Show output');
    const shown = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'bundled with the extension' });
    await shown.first().waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
      const panel = await page.locator('.part.panel').first().textContent().catch(() => '?');
      throw new Error(`the panel does not show the draftls output: ${panel.replace(/\s+/g, ' ').slice(0, 300)}`);
    });
  });

  await test('a .txt file that is no draft stays Plain Text; "Treat this file as a resolution draft" switches it', async () => {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.txt' });
    await page.keyboard.press('Control+Shift+E');
    await row.first().waitFor({ state: 'visible', timeout: 15_000 });
    await row.first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'notes.txt' }).first().waitFor({ timeout: 15_000 });
    const mode = () => page.locator('[id="status.editor.mode"]').first().textContent().then((t) => t.trim());
    // Long enough for the extension to have looked at it.
    await sleep(2_000);
    if ((await mode()) !== 'Plain Text') throw new Error(`notes.txt opened as "${await mode()}"`);
    await runCommand('draftls: Treat this file as a resolution draft');
    await page
      .waitForFunction(() => document.getElementById('status.editor.mode')?.textContent.includes('Resolution draft'), null, {
        timeout: 15_000,
      })
      .catch(async () => {
        throw new Error(`after the command notes.txt is "${await mode()}"`);
      });
    await page.locator('.statusbar-item', { hasText: 'draftls: as of' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.tabs-container .tab', { hasText: 'seed.txt' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'seed.txt' }).first().waitFor({ timeout: 15_000 });
  });

  await test('a missing server is reported; draftls.server.path restarts the server', async () => {
    const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-warning');
    await setSetting('draftls.server.path', path.join(RUN, 'no-such-draftls'), 'Remote');
    const toast = page.locator('.notification-toast', { hasText: 'no executable file is there' });
    await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
    const said = (await toast.first().textContent()).replace(/\s+/g, ' ');
    if (!said.includes('cargo install --path server')) throw new Error(`the error does not say how to install: ${said}`);
    // The server is stopped: its diagnostics are gone.
    await goToLine(43, 1);
    await squiggles.first().waitFor({ state: 'detached', timeout: 20_000 });
    // The path of a real server: the extension restarts and diagnostics return.
    await setSetting('draftls.server.path', path.join(installedExtension(), 'server', 'draftls'), 'Remote');
    await goToLine(43, 1);
    await squiggles.first().waitFor({ state: 'attached', timeout: 30_000 });
  });

  await finish();
}

process.on('SIGTERM', () => {
  results.push({ name: 'whole run', ok: false, error: 'terminated (SIGTERM)' });
  finish();
});
main().catch((err) => {
  results.push({ name: 'test harness', ok: false, error: err && err.stack ? err.stack : String(err) });
  finish();
});
