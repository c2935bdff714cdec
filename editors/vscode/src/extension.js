// VS Code client for draftls, the language server for resolution drafts.
// Plain JavaScript (CommonJS), bundled with its dependencies into
// out/extension.js by esbuild (package.sh).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind, State } = require('vscode-languageclient/node');
const { looksLikeDraft, LINES } = require('./detect');

const SECTION = 'draftls';
const EXE = process.platform === 'win32' ? 'draftls.exe' : 'draftls';
const INSTALL_HINT =
  'Install it with `cargo install --path server` from the draftls repository, ' +
  'or set `draftls.server.path` to the draftls executable.';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.StatusBarItem | undefined} */
let statusItem;
/** @type {vscode.OutputChannel | undefined} */
let output;
/** @type {vscode.OutputChannel | undefined} */
let traceOutput;
/** What the status bar says about the server: 'starting', 'running', 'stopped', 'missing' or 'failed'. */
let serverState = 'stopped';
/** The executable of the running server, for the status bar's tooltip. */
let serverCommand = '';
/** Serialises start/stop/restart. */
let pending = Promise.resolve();
/** Whether the server was started: it starts with the first draft (or draftls.toml) opened. */
let started = false;
/**
 * Documents switched to `resolution` by their content. One that opens again
 * as plain text or Markdown was switched back by hand: left alone.
 */
const switchedByContent = new Set();
/** The server's answer to `draftls/asOf` for the active draft: `{conference, date, source}`. */
let draftAsOf;
/** Numbers `draftls/asOf` requests, so a late answer does not overwrite a newer one. */
let asOfTicket = 0;

function settings() {
  return vscode.workspace.getConfiguration(SECTION);
}

/** The settings the server reads (`initializationOptions`, `workspace/didChangeConfiguration`). */
function serverSettings() {
  const config = settings();
  const asOf = (config.get('asOf') || '').trim();
  const severity = config.get('severity') || {};
  return { draftls: { asOf: asOf || null, severity } };
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function expandHome(file) {
  if (file === '~') return os.homedir();
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(os.homedir(), file.slice(2));
  return file;
}

function findOnPath() {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  const exts =
    process.platform === 'win32' ? (process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, process.platform === 'win32' ? `draftls${ext.toLowerCase()}` : 'draftls');
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The server executable: the setting `draftls.server.path`, then the binary
 * bundled in the extension (`server/draftls`), then `draftls` on PATH.
 * Returns `{command}` or `{error}`.
 */
function findServer(context) {
  // `draftls.server.path` is machine-scoped and a restricted setting: in an
  // untrusted workspace VS Code only hands back the user's own value.
  const configured = (settings().get('server.path') || '').trim();
  if (configured) {
    const file = path.resolve(expandHome(configured));
    if (isExecutableFile(file)) return { command: file, source: 'setting draftls.server.path' };
    return {
      error: `draftls: the setting draftls.server.path is "${configured}", but no executable file is there. ${INSTALL_HINT}`,
    };
  }
  const bundled = context.asAbsolutePath(path.join('server', EXE));
  if (fs.existsSync(bundled)) {
    if (!isExecutableFile(bundled) && process.platform !== 'win32') {
      // A .vsix may lose the executable bit on the way.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported below */
      }
    }
    if (isExecutableFile(bundled)) return { command: bundled, source: 'bundled with the extension' };
  }
  const onPath = findOnPath();
  if (onPath) return { command: onPath, source: 'PATH' };
  return { error: `draftls: the draftls language server was not found. ${INSTALL_HINT}` };
}

function showError(message) {
  const open = 'Open Settings';
  vscode.window.showErrorMessage(message, open).then((choice) => {
    if (choice === open) vscode.commands.executeCommand('workbench.action.openSettings', 'draftls.server.path');
  });
}

async function startClient(context) {
  const found = findServer(context);
  if (found.error) {
    serverState = 'missing';
    serverCommand = '';
    updateStatus();
    output.appendLine(found.error);
    showError(found.error);
    return;
  }
  serverCommand = found.command;
  output.appendLine(`Starting ${found.command} (${found.source})`);
  const executable = { command: found.command, transport: TransportKind.stdio, options: { env: process.env } };
  const serverOptions = {
    run: executable,
    debug: {
      ...executable,
      options: { env: { ...process.env, DRAFTLS_LOG: process.env.DRAFTLS_LOG || 'draftls=debug' } },
    },
  };
  const clientOptions = {
    documentSelector: [{ language: 'resolution' }, { pattern: '**/draftls.toml' }],
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: traceOutput,
  };
  // The id `draftls` makes the client read `draftls.trace.server`.
  const next = new LanguageClient('draftls', 'draftls', serverOptions, clientOptions);
  next.onDidChangeState((event) => {
    if (next !== client) return;
    serverState = event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped';
    updateStatus();
    refreshAsOf();
  });
  client = next;
  serverState = 'starting';
  updateStatus();
  try {
    await next.start();
  } catch (err) {
    if (client === next) {
      serverState = 'failed';
      updateStatus();
    }
    const message = `draftls: the server ${found.command} could not be started: ${err && err.message ? err.message : err}`;
    output.appendLine(message);
    showError(message);
  }
}

async function stopClient() {
  const old = client;
  client = undefined;
  serverState = 'stopped';
  if (old) {
    try {
      await old.stop(5000);
    } catch (err) {
      output.appendLine(`draftls: stopping the server: ${err && err.message ? err.message : err}`);
    }
  }
  updateStatus();
}

function restart(context) {
  pending = pending.then(async () => {
    await stopClient();
    await startClient(context);
  });
  return pending;
}

/** Asks the server which conference the active draft is checked as of. */
async function refreshAsOf() {
  const editor = vscode.window.activeTextEditor;
  const ticket = ++asOfTicket;
  if (!client || serverState !== 'running' || !editor || editor.document.languageId !== 'resolution') {
    draftAsOf = undefined;
    updateStatus();
    return;
  }
  try {
    const result = await client.sendRequest('draftls/asOf', { textDocument: { uri: editor.document.uri.toString() } });
    if (ticket !== asOfTicket) return;
    draftAsOf = result && result.source !== 'error' ? result : undefined;
  } catch {
    // The document changed or is not open yet: the next change asks again.
    return;
  }
  updateStatus();
}

function updateStatus() {
  if (!statusItem) return;
  const asOf = (settings().get('asOf') || '').trim();
  const known = draftAsOf && (draftAsOf.conference || draftAsOf.date);
  statusItem.text = known
    ? `draftls: as of ${known}`
    : asOf
      ? `draftls: as of ${asOf}`
      : "draftls: as of the draft's conference";
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(
    asOf
      ? `Citations are checked as of \`${asOf}\` (setting \`draftls.asOf\`).`
      : "Citations are checked as of `as-of` in `draftls.toml` when it sets one, else the conference the draft is for " +
          '(its heading or enacting formula), else the latest conference in the catalog. ' +
          'Set `draftls.asOf` to choose.',
  );
  const states = {
    starting: 'starting',
    running: 'running',
    stopped: 'stopped',
    missing: 'not found',
    failed: 'failed to start',
  };
  tooltip.appendMarkdown(`\n\nServer: ${states[serverState] || serverState}`);
  if (serverCommand) tooltip.appendText(` (${serverCommand})`);
  tooltip.appendMarkdown('\n\nClick to change the setting.');
  statusItem.tooltip = tooltip;
  statusItem.backgroundColor =
    serverState === 'missing' || serverState === 'failed'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : undefined;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'resolution') statusItem.show();
  else statusItem.hide();
}

/** Whether the server serves this document. */
function isServed(doc) {
  return doc.languageId === 'resolution' || path.basename(doc.fileName) === 'draftls.toml';
}

/** Starts the server once a draft (or a draftls.toml) is open. */
function ensureStarted(context) {
  if (started || !vscode.workspace.textDocuments.some(isServed)) return pending;
  started = true;
  pending = pending.then(() => startClient(context));
  return pending;
}

/**
 * A plain-text or Markdown document whose first lines look like a draft
 * (`draftls.detectByContent`) becomes a `resolution` document.
 */
async function detectByContent(doc) {
  if (doc.languageId !== 'plaintext' && doc.languageId !== 'markdown') return;
  if (!settings().get('detectByContent', true)) return;
  const key = doc.uri.toString();
  if (switchedByContent.has(key)) return;
  const end = Math.min(doc.lineCount, LINES);
  const head = doc.getText(new vscode.Range(0, 0, end, 0));
  if (!looksLikeDraft(head)) return;
  switchedByContent.add(key);
  output.appendLine(`${doc.uri.fsPath || key}: looks like a resolution draft; opened as Resolution draft`);
  try {
    await vscode.languages.setTextDocumentLanguage(doc, 'resolution');
  } catch (err) {
    output.appendLine(`draftls: could not set the language of ${key}: ${err && err.message ? err.message : err}`);
  }
}

/** The command "Treat this file as a resolution draft". */
async function markAsDraft() {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showInformationMessage('draftls: open the file to treat as a resolution draft first.');
    return;
  }
  if (editor.document.languageId !== 'resolution') {
    await vscode.languages.setTextDocumentLanguage(editor.document, 'resolution');
  }
}

function activate(context) {
  output = vscode.window.createOutputChannel('draftls');
  traceOutput = vscode.window.createOutputChannel('draftls Trace');
  context.subscriptions.push(output, traceOutput);

  statusItem = vscode.window.createStatusBarItem('draftls.asOf', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'draftls: as of';
  statusItem.command = { title: 'Change draftls.asOf', command: 'workbench.action.openSettings', arguments: ['draftls.asOf'] };
  context.subscriptions.push(statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('draftls.restartServer', () => {
      started = true;
      return restart(context);
    }),
    vscode.commands.registerCommand('draftls.markAsDraft', markAsDraft),
    vscode.commands.registerCommand('draftls.showOutput', () => output.show()),
    vscode.workspace.onDidOpenTextDocument(async (doc) => {
      await detectByContent(doc);
      ensureStarted(context);
    }),
    vscode.commands.registerCommand('draftls.showOutline', async () => {
      try {
        await vscode.commands.executeCommand('outline.focus');
      } catch {
        await vscode.commands.executeCommand('workbench.action.gotoSymbol');
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      updateStatus();
      refreshAsOf();
    }),
    // Diagnostics arrive after each analysis: the heading may have changed.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && event.uris.some((uri) => uri.toString() === editor.document.uri.toString())) refreshAsOf();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // After the client's own `workspace/didChangeConfiguration` has gone
      // to the old server: a stop in the same turn makes that send fail.
      if (started && event.affectsConfiguration('draftls.server.path')) setTimeout(() => restart(context), 0);
      if (event.affectsConfiguration(SECTION)) updateStatus();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (started) restart(context);
    }),
  );

  updateStatus();
  // The document that activated the extension is open already.
  return Promise.all(vscode.workspace.textDocuments.map(detectByContent)).then(() => ensureStarted(context));
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, findServer, looksLikeDraft };
