//! `draftls.toml`, user catalogs and the editor's settings: read, watched,
//! reloaded; the "add to the user catalog" command.

use super::*;

impl Backend {
    /// A `draftls.toml` was opened or edited: use it if it is valid, report
    /// it on the file (and in the log) if not.
    pub(super) async fn config_changed(&self, uri: Uri, text: &str, version: Option<i32>) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let dir = path.as_deref().and_then(|p| p.parent());
        let parsed = config::load(text, dir);
        let watched = config::listed_catalogs(text, dir);
        let rope = ropey::Rope::from_str(text);
        let encoding = self.encoding();
        let diagnostics = match &parsed {
            Ok(_) => Vec::new(),
            Err(e) => {
                self.log(MessageType::ERROR, format!("{}: {} (using the built-in catalog)", uri.as_str(), e.message));
                let range = e.range.clone().unwrap_or(0..0);
                vec![Diagnostic {
                    range: to_range(&rope, &range, encoding),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("invalid-config".into())),
                    source: Some("draftls".into()),
                    message: format!("{} (the built-in catalog is used meanwhile)", e.message),
                    ..Default::default()
                }]
            }
        };
        {
            let mut state = lock(&self.state);
            state.config_texts.insert(uri.clone(), Document::new(text));
            state.config_diagnostics.insert(uri.clone(), diagnostics.clone());
            state.config_file = Some(parsed);
            if path.is_some() {
                state.config_path = path;
            }
            state.watched = watched;
        }
        self.register_watchers();
        {
            let _guard = self.publishing.lock().await;
            self.client.publish_diagnostics(uri, diagnostics, version).await;
        }
        self.reschedule_all();
    }

    /// Asks the client to watch `draftls.toml` and the user catalogs it
    /// lists, when it registers watchers dynamically (the registration is
    /// replaced on each change of the list).
    pub(super) fn register_watchers(&self) {
        let (dynamic, mut paths) = {
            let state = lock(&self.state);
            (state.watch_dynamic, state.watched.clone())
        };
        if !dynamic {
            return;
        }
        if let Some(config) = lock(&self.state).config_path.clone() {
            paths.push(config);
        }
        let watchers: Vec<FileSystemWatcher> = paths
            .iter()
            .map(|p| FileSystemWatcher {
                glob_pattern: GlobPattern::String(p.to_string_lossy().replace('\\', "/")),
                kind: None,
            })
            .collect();
        let client = self.client.clone();
        tokio::spawn(async move {
            let unregister = Unregistration { id: WATCHER_ID.into(), method: "workspace/didChangeWatchedFiles".into() };
            let _ = client.unregister_capability(vec![unregister]).await;
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: WATCHER_ID.into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::warn!("file watchers not registered: {e}");
            }
        });
    }

    /// Reads `draftls.toml` and its user catalogs again (after one of them
    /// changed on disk, or the user catalog was added to) and re-checks the
    /// open drafts. An open `draftls.toml` is read from the editor.
    pub(super) async fn reload_config(&self) {
        let (path, open) = {
            let state = lock(&self.state);
            let path = state.config_path.clone();
            let open = path.as_ref().and_then(|p| {
                state
                    .config_texts
                    .iter()
                    .find(|(uri, _)| uri.to_file_path().is_some_and(|u| u == *p))
                    .map(|(u, d)| (u.clone(), d.text()))
            });
            (path, open)
        };
        if let Some((uri, text)) = open {
            self.config_changed(uri, &text, None).await;
            return;
        }
        let Some(path) = path else {
            self.reschedule_all();
            return;
        };
        let text = std::fs::read_to_string(&path);
        let parsed = text
            .as_ref()
            .map_err(|e| ConfigError { message: format!("cannot read: {e}"), range: None })
            .and_then(|text| config::load(text, path.parent()));
        if let Err(e) = &parsed {
            self.log(MessageType::ERROR, format!("{}: {} (using the built-in catalog)", path.display(), e.message));
        }
        {
            let mut state = lock(&self.state);
            state.config_file = Some(parsed);
            if let Ok(text) = &text {
                state.watched = config::listed_catalogs(text, path.parent());
            }
        }
        self.register_watchers();
        self.reschedule_all();
    }

    /// `draftls.addToCatalog`: writes the stub to the user catalog (creating
    /// it and listing it in `draftls.toml` when needed), then reloads.
    pub(super) async fn add_to_catalog(&self, args: AddToCatalog) -> std::result::Result<String, String> {
        let draft =
            args.uri.to_file_path().map(|p| p.into_owned()).ok_or_else(|| {
                format!("{}: not a file on disk; the user catalog is found beside it", args.uri.as_str())
            })?;
        let source = format!("{}#L{}", args.uri.as_str(), args.line);
        let stub = crate::catalog::user::stub(&args.body, &args.kind, &args.number, &source);
        let config = lock(&self.state).config_path.clone();
        let writes = config::add_to_user_catalog(config.as_deref(), &draft, stub)?;
        for (path, text) in &writes {
            std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
        let config = writes.iter().map(|(p, _)| p).find(|p| p.file_name().is_some_and(|n| n == config::FILE_NAME));
        if let Some(config) = config {
            lock(&self.state).config_path = Some(config.clone());
        } else if lock(&self.state).config_path.is_none() {
            let dir = draft.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            lock(&self.state).config_path = config::find(&dir);
        }
        self.reload_config().await;
        Ok(format!("{} {} {} added to {}", args.body, args.kind, args.number, writes[0].0.display()))
    }
}
