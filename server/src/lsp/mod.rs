//! The Language Server Protocol adapter: the only module that knows the
//! protocol. It keeps the open documents, applies edits in arrival order, and
//! turns the analysis's plain data into protocol types.
//!
//! Ordering: tower-lsp-server polls handlers concurrently, but starts them in
//! arrival order. `did_change` applies its edits before its first `.await`,
//! so edits land in the order the client sent them. Diagnostics are computed
//! on a snapshot in the background and published with the version they were
//! computed for, and only if that version is still the document's current one.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{self, *};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::analysis::Analysis;
use crate::checks::references::AsOfSource;
use crate::completion::{self, ItemKind};
use crate::config::{self, ConfigError, Context, Settings};
use crate::document::Document;
use crate::hover;
use crate::model;
use crate::symbols;
use crate::text::{self, Encoding, LineCol};

mod convert;
mod publish;
use publish::analysis_for;
mod settings;

use convert::{encode_tokens, legend, to_diagnostic, to_edits, to_range, to_symbol};

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DRAFTLS_LOG").unwrap_or_else(|_| "draftls=info".into()),
        )
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime starts");
    runtime.block_on(async {
        let (service, socket) =
            LspService::build(Backend::new).custom_method(AS_OF_METHOD, Backend::as_of_request).finish();
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
    });
}

const FIX_ALL: &str = "source.fixAll.draftls";

/// `workspace/executeCommand`: adds a stub entry for an unknown document to
/// the user catalog. Its argument: `{"uri", "line", "body", "kind", "number"}`.
const ADD_TO_CATALOG: &str = "draftls.addToCatalog";

/// The registration of the watcher of `draftls.toml` and the user catalogs.
const WATCHER_ID: &str = "draftls-catalogs";

#[derive(serde::Serialize, serde::Deserialize)]
struct AddToCatalog {
    /// The draft that cites the document, and the (1-based) line.
    uri: Uri,
    line: u32,
    body: String,
    kind: String,
    number: String,
}

/// `draftls/asOf`: the conference and date a draft's citations are checked
/// as of, for an editor's status bar.
const AS_OF_METHOD: &str = "draftls/asOf";

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct AsOfParams {
    text_document: TextDocumentIdentifier,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct AsOfResult {
    /// `PP-14`, when "as of" is a conference.
    conference: Option<String>,
    /// `2014-10-20`.
    date: Option<String>,
    /// `draft`, `setting` or `latest`; `error` with `message`.
    source: &'static str,
    /// What in the draft says it (`source` is `draft`): `heading`, `formula`,
    /// `conference-line`, `symbol` or `council-session`.
    from: Option<&'static str>,
    /// For people: `from the heading`.
    description: Option<String>,
    message: Option<String>,
}

struct Open {
    document: Document,
    version: i32,
    /// The analysis of `version`, once computed.
    analysis: Option<(i32, Arc<Analysis>)>,
}

#[derive(Default)]
struct State {
    docs: HashMap<Uri, Open>,
    encoding: Option<Encoding>,
    /// The client pulls diagnostics (LSP 3.17); no need to push them.
    client_pulls: bool,
    /// The workspace's `draftls.toml`, when there is one.
    config_file: Option<std::result::Result<Context, ConfigError>>,
    /// Where that `draftls.toml` is.
    config_path: Option<PathBuf>,
    /// The user catalogs it lists (watched: a change reloads them).
    watched: Vec<PathBuf>,
    /// The client registers file watchers dynamically.
    watch_dynamic: bool,
    /// The editor's settings (`initializationOptions`, `didChangeConfiguration`).
    client_settings: Settings,
    /// Open `draftls.toml` files, by their text.
    config_texts: HashMap<Uri, Document>,
    /// What is wrong with each open `draftls.toml`, for clients that pull.
    config_diagnostics: HashMap<Uri, Vec<Diagnostic>>,
}

impl State {
    /// The context drafts are checked in: `draftls.toml` (the built-in
    /// catalog alone when it is broken), then the editor's settings.
    fn context(&self) -> Context {
        let mut context = match &self.config_file {
            Some(Ok(context)) => context.clone(),
            _ => Context::default(),
        };
        if self.client_settings.as_of.is_some() {
            context.settings.as_of = self.client_settings.as_of.clone();
        }
        for (code, severity) in &self.client_settings.severities {
            context.settings.severities.insert(code.clone(), *severity);
        }
        context
    }
}

fn is_config(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{}", config::FILE_NAME))
}

/// `{"draftls": {"asOf": "PP-14", "severity": {"outdated-conference": "off"}}}`
/// or the same without the `draftls` level. Unknown severities are reported.
fn client_settings(value: &serde_json::Value) -> (Settings, Vec<String>) {
    let value = value.get("draftls").unwrap_or(value);
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    settings.as_of = value.get("asOf").and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty()).map(String::from);
    if let Some(map) = value.get("severity").and_then(|v| v.as_object()) {
        for (code, severity) in map {
            match severity.as_str().map(config::parse_severity) {
                Some(Ok(parsed)) => {
                    settings.severities.insert(code.clone(), parsed);
                }
                Some(Err(problem)) => problems.push(format!("setting draftls.severity.{code}: {problem}")),
                None => problems.push(format!("setting draftls.severity.{code}: not a string")),
            }
        }
    }
    (settings, problems)
}

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Held while publishing, so a late publication of an older version can
    /// check it is still current and never overtakes a newer one.
    publishing: Arc<tokio::sync::Mutex<()>>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic while holding the lock leaves plain data behind; keep serving.
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend { client, state: Arc::default(), publishing: Arc::default() }
    }

    fn encoding(&self) -> Encoding {
        lock(&self.state).encoding.unwrap_or(Encoding::Utf16)
    }

    /// Sends a log line to the client without waiting for it.
    fn log(&self, kind: MessageType, message: String) {
        match kind {
            MessageType::ERROR => tracing::error!("{message}"),
            MessageType::WARNING => tracing::warn!("{message}"),
            _ => tracing::info!("{message}"),
        }
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(kind, message).await });
    }

    /// The byte offset of a client position, clamped (and logged) if needed.
    fn offset(&self, uri: &Uri, rope: &Rope, position: Position, encoding: Encoding) -> usize {
        let resolved = text::offset_of(rope, LineCol { line: position.line, col: position.character }, encoding);
        if resolved.clamped {
            self.log(
                MessageType::WARNING,
                format!(
                    "{}: position {}:{} is outside the text or inside a character; using {}",
                    uri.as_str(),
                    position.line,
                    position.character,
                    resolved.offset
                ),
            );
        }
        resolved.offset
    }

    fn byte_range(&self, uri: &Uri, rope: &Rope, range: ls_types::Range, encoding: Encoding) -> Range<usize> {
        let (a, b) = (self.offset(uri, rope, range.start, encoding), self.offset(uri, rope, range.end, encoding));
        if a > b {
            self.log(
                MessageType::WARNING,
                format!("{}: range ends before it starts; reading it backwards", uri.as_str()),
            );
        }
        a.min(b)..a.max(b)
    }

    async fn as_of_request(&self, params: AsOfParams) -> Result<AsOfResult> {
        let uri = params.text_document.uri;
        let (_, analysis, ..) = self.analyzed(&uri).await?;
        Ok(match &analysis.as_of {
            Ok(as_of) => AsOfResult {
                conference: as_of.conference.clone(),
                date: Some(as_of.date.to_string()),
                source: match as_of.source {
                    AsOfSource::Setting => "setting",
                    AsOfSource::Draft { .. } => "draft",
                    AsOfSource::Latest => "latest",
                },
                from: match &as_of.source {
                    AsOfSource::Draft { evidence, .. } => Some(evidence.id()),
                    _ => None,
                },
                description: Some(as_of.source.describe()),
                message: None,
            },
            Err(message) => AsOfResult {
                conference: None,
                date: None,
                source: "error",
                from: None,
                description: None,
                message: Some(message.clone()),
            },
        })
    }

    /// The analysis of an open draft's current version; an error when the
    /// document is not open or changed meanwhile.
    async fn analyzed(&self, uri: &Uri) -> Result<(i32, Arc<Analysis>, Document, Encoding, bool)> {
        self.snapshot(uri)?;
        analysis_for(&self.state, uri).await.ok_or_else(Error::content_modified)
    }

    fn snapshot(&self, uri: &Uri) -> Result<(Document, Encoding)> {
        let state = lock(&self.state);
        let open = state.docs.get(uri).ok_or_else(|| Error::invalid_params(format!("{} is not open", uri.as_str())))?;
        Ok((open.document.clone(), state.encoding.unwrap_or(Encoding::Utf16)))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered =
            params.capabilities.general.as_ref().and_then(|g| g.position_encodings.clone()).unwrap_or_default();
        let (encoding, kind) = if offered.contains(&PositionEncodingKind::UTF8) {
            (Encoding::Utf8, PositionEncodingKind::UTF8)
        } else {
            (Encoding::Utf16, PositionEncodingKind::UTF16)
        };
        let client_pulls = params.capabilities.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some());
        #[allow(deprecated)] // `root_uri` is what older clients send.
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|uri| uri.to_file_path().map(|p| p.into_owned()));
        let config_path = root.as_deref().and_then(config::find);
        let watched = config_path
            .as_deref()
            .and_then(|p| std::fs::read_to_string(p).ok().map(|text| config::listed_catalogs(&text, p.parent())))
            .unwrap_or_default();
        let watch_dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let config_file = config_path.clone().map(|path| {
            let loaded = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError { message: format!("cannot read: {e}"), range: None })
                .and_then(|text| config::load(&text, path.parent()));
            if let Err(e) = &loaded {
                self.log(MessageType::ERROR, format!("{}: {} (using the built-in catalog)", path.display(), e.message));
            }
            loaded
        });
        let (settings, problems) = params.initialization_options.as_ref().map(client_settings).unwrap_or_default();
        for problem in problems {
            self.log(MessageType::WARNING, problem);
        }
        {
            let mut state = lock(&self.state);
            state.encoding = Some(encoding);
            state.client_pulls = client_pulls;
            state.config_file = config_file;
            state.config_path = config_path;
            state.watched = watched;
            state.watch_dynamic = watch_dynamic;
            state.client_settings = settings;
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "draftls".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                })),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("draftls".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
                    ..Default::default()
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                    SemanticTokensOptions {
                        legend: legend(),
                        full: Some(SemanticTokensFullOptions::Bool(true)),
                        range: Some(true),
                        ..Default::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".into()]),
                    ..Default::default()
                }),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![ADD_TO_CATALOG.into()],
                    ..Default::default()
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.log(MessageType::INFO, format!("draftls {} ready", env!("CARGO_PKG_VERSION")));
        self.register_watchers();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let relevant = {
            let state = lock(&self.state);
            params.changes.iter().any(|change| {
                change
                    .uri
                    .to_file_path()
                    .is_some_and(|p| state.watched.iter().chain(&state.config_path).any(|w| *w == *p))
            })
        };
        if relevant {
            self.reload_config().await;
        }
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        if params.command != ADD_TO_CATALOG {
            return Err(Error::invalid_params(format!("unknown command {}", params.command)));
        }
        let args = params
            .arguments
            .into_iter()
            .next()
            .and_then(|a| serde_json::from_value::<AddToCatalog>(a).ok())
            .ok_or_else(|| Error::invalid_params("draftls.addToCatalog takes {uri, line, body, kind, number}"))?;
        match self.add_to_catalog(args).await {
            Ok(message) => {
                self.log(MessageType::INFO, message.clone());
                Ok(Some(serde_json::Value::String(message)))
            }
            Err(message) => {
                self.log(MessageType::ERROR, format!("draftls.addToCatalog: {message}"));
                let client = self.client.clone();
                let shown = message.clone();
                tokio::spawn(async move { client.show_message(MessageType::ERROR, shown).await });
                Err(Error::invalid_params(message))
            }
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if is_config(&doc.uri) {
            self.config_changed(doc.uri, &doc.text, Some(doc.version)).await;
            return;
        }
        {
            let mut state = lock(&self.state);
            let open = Open { document: Document::new(&doc.text), version: doc.version, analysis: None };
            state.docs.insert(doc.uri.clone(), open);
        }
        self.schedule_diagnostics(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any `.await`: edits land in arrival order.
        let uri = params.text_document.uri;
        let encoding = self.encoding();
        if is_config(&uri) {
            // Configuration files are small: the client's full text is the
            // last change of a full-sync client or our own replay below.
            let text = {
                let mut state = lock(&self.state);
                let open = state.config_texts.entry(uri.clone()).or_insert_with(|| Document::new(""));
                for change in params.content_changes {
                    let range = match change.range {
                        Some(range) => self.byte_range(&uri, open.rope(), range, encoding),
                        None => 0..open.len(),
                    };
                    open.edit(range, &change.text);
                }
                open.text()
            };
            self.config_changed(uri, &text, Some(params.text_document.version)).await;
            return;
        }
        {
            let mut state = lock(&self.state);
            let Some(open) = state.docs.get_mut(&uri) else {
                drop(state);
                self.log(
                    MessageType::ERROR,
                    format!("{}: change for a document that is not open; ignored", uri.as_str()),
                );
                return;
            };
            if params.text_document.version <= open.version {
                let message = format!(
                    "{}: version {} arrived after version {}; applied in arrival order",
                    uri.as_str(),
                    params.text_document.version,
                    open.version
                );
                tracing::warn!("{message}");
            }
            for change in params.content_changes {
                let range = match change.range {
                    Some(range) => self.byte_range(&uri, open.document.rope(), range, encoding),
                    None => 0..open.document.len(),
                };
                open.document.edit(range, &change.text);
            }
            open.version = params.text_document.version;
            // The previous version's analysis stays: the next one reuses what
            // the edits left alone.
        }
        self.schedule_diagnostics(uri);
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let push = {
            let mut state = lock(&self.state);
            state.docs.remove(&uri);
            !state.client_pulls
        };
        if push {
            let _guard = self.publishing.lock().await;
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        if is_config(&uri) {
            let items = lock(&self.state).config_diagnostics.get(&uri).cloned().unwrap_or_default();
            return Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
                },
            )));
        }
        let (version, analysis, document, encoding, _) = self.analyzed(&uri).await?;
        let items = analysis.diagnostics.iter().map(|d| to_diagnostic(&uri, document.rope(), d, encoding)).collect();
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(version.to_string()),
                    items,
                },
            },
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        if is_config(&uri) {
            return Ok(None);
        }
        let (_, analysis, document, encoding, _) = self.analyzed(&uri).await?;
        let rope = document.rope();
        let wanted = self.byte_range(&uri, rope, params.range, encoding);
        let only = params.context.only.unwrap_or_default();
        let allows =
            |kind: &CodeActionKind| only.is_empty() || only.iter().any(|o| kind.as_str().starts_with(o.as_str()));
        let mut actions = Vec::new();
        if allows(&CodeActionKind::QUICKFIX) {
            for d in analysis.diagnostics.iter().filter(|d| overlaps(&d.range, &wanted)) {
                let diagnostic = to_diagnostic(&uri, rope, d, encoding);
                if d.code == crate::checks::references::UNKNOWN_REFERENCE
                    && let Some(citation) = analysis.citation_at(d.range.start).filter(|c| c.range == d.range)
                    && let Some(body) = citation.body.known()
                {
                    let args = AddToCatalog {
                        uri: uri.clone(),
                        line: rope.byte_to_line(d.range.start) as u32 + 1,
                        body: body.to_string(),
                        kind: citation.kind.clone(),
                        number: citation.number.clone(),
                    };
                    let title = format!("Add {body} {} {} to the user catalog", citation.kind, citation.number);
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        command: Some(Command {
                            title,
                            command: ADD_TO_CATALOG.into(),
                            arguments: Some(vec![serde_json::to_value(&args).expect("plain data serializes")]),
                        }),
                        ..Default::default()
                    }));
                }
                for fix in &d.fixes {
                    let changes = HashMap::from([(uri.clone(), to_edits(rope, &fix.edits, encoding))]);
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        edit: Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }),
                        is_preferred: Some(fix.preferred),
                        ..Default::default()
                    }));
                }
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL);
        let edits = analysis.fix_all();
        if !edits.is_empty() && (allows(&fix_all) || only.iter().any(|o| fix_all.as_str().starts_with(o.as_str()))) {
            let changes = HashMap::from([(uri.clone(), to_edits(rope, &edits, encoding))]);
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all lettering (renumber broken lists)".into(),
                kind: Some(fix_all),
                edit: Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }),
                ..Default::default()
            }));
        }
        Ok(Some(actions))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        if is_config(&params.text_document.uri) {
            return Ok(None);
        }
        let (document, encoding) = self.snapshot(&params.text_document.uri)?;
        let sections = model::sections(&document);
        let symbols = symbols::symbols(&sections);
        let rope = document.rope();
        Ok(Some(DocumentSymbolResponse::Nested(symbols.iter().map(|s| to_symbol(rope, s, encoding)).collect())))
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let (settings, problems) = client_settings(&params.settings);
        for problem in problems {
            self.log(MessageType::WARNING, problem);
        }
        lock(&self.state).client_settings = settings;
        self.reschedule_all();
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        if is_config(&uri) {
            return Ok(None);
        }
        let (_, analysis, document, encoding, _) = self.analyzed(&uri).await?;
        let offset = self.offset(&uri, document.rope(), params.text_document_position_params.position, encoding);
        let catalog = lock(&self.state).context().catalog;
        Ok(hover::hover(&document, &analysis, &catalog, offset).map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: h.markdown }),
            range: Some(to_range(document.rope(), &h.range, encoding)),
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri;
        if is_config(&uri) {
            return Ok(None);
        }
        let (_, analysis, document, encoding, _) = self.analyzed(&uri).await?;
        let rope = document.rope();
        let offset = self.offset(&uri, rope, params.text_document_position.position, encoding);
        let line_start = rope.line_to_byte(rope.byte_to_line(offset));
        let line = rope.byte_slice(line_start..offset).to_string();
        let catalog = lock(&self.state).context().catalog;
        let items = completion::complete(&analysis, &catalog, &line, offset)
            .into_iter()
            .map(|item| CompletionItem {
                label: item.label,
                detail: Some(item.detail),
                kind: Some(match item.kind {
                    ItemKind::Reference => CompletionItemKind::REFERENCE,
                    ItemKind::Heading => CompletionItemKind::KEYWORD,
                    ItemKind::Label => CompletionItemKind::ENUM_MEMBER,
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: to_range(rope, &(offset - item.replace..offset), encoding),
                    new_text: item.insert,
                })),
                ..Default::default()
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        if is_config(&params.text_document.uri) {
            return Ok(None);
        }
        let (document, encoding) = self.snapshot(&params.text_document.uri)?;
        Ok(Some(SemanticTokensResult::Tokens(encode_tokens(&document, None, encoding))))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let uri = params.text_document.uri;
        if is_config(&uri) {
            return Ok(None);
        }
        let (document, encoding) = self.snapshot(&uri)?;
        let range = self.byte_range(&uri, document.rope(), params.range, encoding);
        Ok(Some(SemanticTokensRangeResult::Tokens(encode_tokens(&document, Some(range), encoding))))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        if is_config(&params.text_document.uri) {
            return Ok(None);
        }
        let (document, _) = self.snapshot(&params.text_document.uri)?;
        let sections = model::sections(&document);
        let rope = document.rope();
        let mut ranges: Vec<FoldingRange> = symbols::folds(&sections)
            .into_iter()
            .filter_map(|fold| {
                let start = rope.byte_to_line(fold.range.start) as u32;
                let end = rope.byte_to_line(fold.range.end.saturating_sub(1).max(fold.range.start)) as u32;
                (end > start).then(|| FoldingRange {
                    start_line: start,
                    end_line: end,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: fold.deleted.then(|| "(deleted)".into()),
                    ..Default::default()
                })
            })
            .collect();
        ranges.sort_by_key(|r| (r.start_line, std::cmp::Reverse(r.end_line)));
        ranges.dedup_by_key(|r| (r.start_line, r.end_line));
        Ok(Some(ranges))
    }
}
