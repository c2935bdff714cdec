//! When diagnostics are computed and published: on a snapshot off the
//! protocol's task, for the newest version only, reusing the previous
//! version's analysis.

use super::*;

impl Backend {
    /// Computes diagnostics for the document's current version in the
    /// background and publishes them if that version is still current.
    pub(super) fn schedule_diagnostics(&self, uri: Uri) {
        let scheduled = {
            let state = lock(&self.state);
            // A client that pulls asks for each version it wants: analysing
            // here too would do the work twice.
            if state.client_pulls {
                return;
            }
            let Some(version) = state.docs.get(&uri).map(|d| d.version) else { return };
            version
        };
        let state = self.state.clone();
        let client = self.client.clone();
        let publishing = self.publishing.clone();
        tokio::spawn(async move {
            // No wait: published as soon as the newest version is analysed; a
            // run whose version a newer edit has replaced stops here.
            tokio::task::yield_now().await;
            if lock(&state).docs.get(&uri).map(|d| d.version) != Some(scheduled) {
                return;
            }
            let Some((version, analysis, document, encoding, push)) = analysis_for(&state, &uri).await else {
                return;
            };
            if !push {
                return;
            }
            let items: Vec<Diagnostic> =
                analysis.diagnostics.iter().map(|d| to_diagnostic(&uri, document.rope(), d, encoding)).collect();
            let _guard = publishing.lock().await;
            let current = lock(&state).docs.get(&uri).map(|d| d.version);
            if current == Some(version) {
                client.publish_diagnostics(uri, items, Some(version)).await;
            }
        });
    }

    /// Re-checks every open draft (after a settings change).
    pub(super) fn reschedule_all(&self) {
        let uris: Vec<Uri> = {
            let mut state = lock(&self.state);
            for open in state.docs.values_mut() {
                open.analysis = None;
            }
            state.docs.keys().cloned().collect()
        };
        for uri in uris {
            self.schedule_diagnostics(uri);
        }
        if lock(&self.state).client_pulls {
            // Ask a pulling client to pull again; a refusal changes nothing.
            let client = self.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }
}

/// The analysis of the document's current version: cached, or computed on a
/// snapshot off the protocol's task. `None` if the document was closed or
/// changed meanwhile.
pub(super) async fn analysis_for(
    state: &Arc<Mutex<State>>,
    uri: &Uri,
) -> Option<(i32, Arc<Analysis>, Document, Encoding, bool)> {
    let (document, version, previous, encoding, push, context) = {
        let state = lock(state);
        let open = state.docs.get(uri)?;
        let previous = open.analysis.clone();
        let encoding = state.encoding.unwrap_or(Encoding::Utf16);
        (open.document.clone(), open.version, previous, encoding, !state.client_pulls, state.context())
    };
    if let Some((_, analysis)) = previous.as_ref().filter(|(v, _)| *v == version) {
        return Some((version, analysis.clone(), document, encoding, push));
    }
    // An earlier version's analysis lends what the edits left alone.
    let (document, analysis) = tokio::task::spawn_blocking(move || {
        let analysis = Analysis::update(&document, &context, previous.as_ref().map(|(_, a)| a.as_ref()));
        (document, analysis)
    })
    .await
    .ok()?;
    let analysis = Arc::new(analysis);
    let mut state = lock(state);
    let open = state.docs.get_mut(uri)?;
    if open.version != version {
        return None;
    }
    open.analysis = Some((version, analysis.clone()));
    Some((version, analysis, document, encoding, push))
}
