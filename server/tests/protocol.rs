//! The real `draftls` binary over stdio, driven by a small LSP client.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use common::{SEED, fixture};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Notifications and server requests seen while waiting for responses.
    seen: Vec<Value>,
    next_id: i64,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    fn start(capabilities: Value) -> Server {
        let mut server = Server::start_raw();
        let result =
            server.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities}));
        assert!(result["capabilities"].is_object(), "{result}");
        server.notify("initialized", json!({}));
        server
    }

    /// A server whose workspace is `root` (a folder).
    fn start_in(root: &std::path::Path, capabilities: Value) -> Server {
        let mut server = Server::start_raw();
        let root_uri = format!("file://{}", root.display());
        let result =
            server.request("initialize", json!({"processId": null, "rootUri": root_uri, "capabilities": capabilities}));
        assert!(result["capabilities"].is_object(), "{result}");
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn next(&mut self, deadline: Instant) -> Value {
        match self.messages.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in time; seen: {:?}", self.seen),
            Err(RecvTimeoutError::Disconnected) => panic!("the server exited; seen: {:?}", self.seen),
        }
    }

    /// The whole response (result or error) to a request.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            self.seen.push(message);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// Waits for a notification matching `wanted`, keeping the others.
    fn notification(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(|m| m["method"] == method && wanted(&m["params"])) {
            return self.seen.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message["method"] == method && wanted(&message["params"]) {
                return message["params"].clone();
            }
            self.seen.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "resolution", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    fn pull(&mut self, uri: &str) -> Vec<Value> {
        let report = self.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
        report["items"].as_array().unwrap().clone()
    }

    fn stop(mut self) {
        self.request("shutdown", json!(null));
        self.notify("exit", json!(null));
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success());
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not exit");
    }
}

fn push_client() -> Value {
    json!({})
}

fn pull_client(encodings: &[&str]) -> Value {
    json!({"general": {"positionEncodings": encodings}, "textDocument": {"diagnostic": {"dynamicRegistration": false}}})
}

/// (line, code) of each diagnostic.
fn summary(items: &[Value]) -> Vec<(u64, String)> {
    items
        .iter()
        .map(|d| (d["range"]["start"]["line"].as_u64().unwrap(), d["code"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn opening_the_seed_publishes_versioned_diagnostics() {
    let mut server = Server::start(push_client());
    server.open("file:///seed.txt", &fixture(SEED));
    let published = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == "file:///seed.txt");
    assert_eq!(published["version"], 1);
    let items = published["diagnostics"].as_array().unwrap();
    let duplicate = items.iter().find(|d| d["range"]["start"]["line"] == 42).expect("line 43");
    assert_eq!(duplicate["code"], "duplicate-label");
    assert_eq!(duplicate["source"], "draftls");
    assert_eq!(duplicate["relatedInformation"][0]["location"]["range"]["start"]["line"], 26);
    server.stop();
}

#[test]
fn capabilities_negotiate_the_position_encoding() {
    let mut server = Server::start(pull_client(&["utf-8", "utf-16"]));
    let response = server.call("initialize", json!({"capabilities": {}}));
    // A second initialize is refused; the first one's answer is what counts.
    assert!(response.get("error").is_some());
    server.stop();

    for (offered, chosen) in [(vec!["utf-8", "utf-16"], "utf-8"), (vec!["utf-16"], "utf-16"), (vec![], "utf-16")] {
        let mut child = Server::start_raw();
        let result = child.request(
            "initialize",
            json!({"processId": null, "capabilities": {"general": {"positionEncodings": offered}}}),
        );
        assert_eq!(result["capabilities"]["positionEncoding"], chosen);
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
        child.notify("initialized", json!({}));
        child.stop();
    }
}

impl Server {
    /// A server before `initialize`.
    fn start_raw() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_draftls"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Server { child, stdin, messages, seen: Vec::new(), next_id: 1 }
    }
}

/// A UTF-16 position in `text` at byte `offset`.
fn utf16_position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

#[test]
fn incremental_edits_with_multibyte_text_equal_a_fresh_open() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let mut text = String::from("recalling\n\na) “first” é;\n\nb) 😀 second;\n\nresolves\n\n1 to act;\n");
    server.open("file:///edited.txt", &text);
    // (find, replace) pairs, applied one by one as incremental changes.
    let edits = [
        ("second", "deuxième – 😀"),
        ("b) ", "c) "),
        ("\n\nresolves", "\n\nd) “inserted” §\n\nresolves"),
        ("1 to act;", "1 to act;\n\n1 to act again 😀;"),
        ("a) “first” é;\n\n", ""),
        ("😀 deuxième", "😀😀 deux"),
    ];
    for (version, (find, replace)) in edits.iter().enumerate() {
        let start = text.find(find).unwrap_or_else(|| panic!("{find} in {text}"));
        let end = start + find.len();
        let range = json!({"start": utf16_position(&text, start), "end": utf16_position(&text, end)});
        text.replace_range(start..end, replace);
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": "file:///edited.txt", "version": version + 2},
                "contentChanges": [{"range": range, "text": replace}],
            }),
        );
    }
    server.open("file:///fresh.txt", &text);
    let edited = server.pull("file:///edited.txt");
    let fresh = server.pull("file:///fresh.txt");
    assert_eq!(summary(&edited), summary(&fresh));
    let strip_uri = |items: Vec<Value>| -> Vec<Value> {
        items
            .into_iter()
            .map(|mut d| {
                d.as_object_mut().unwrap().remove("relatedInformation");
                d
            })
            .collect()
    };
    assert_eq!(strip_uri(edited.clone()), strip_uri(fresh));
    assert!(!edited.is_empty(), "the edits leave broken lettering to report");
    server.stop();
}

#[test]
fn applying_a_quick_fix_removes_its_diagnostic() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///seed.txt";
    let text = fixture(SEED);
    server.open(uri, &text);
    let before = server.pull(uri);
    let diagnostic = before.iter().find(|d| d["range"]["start"]["line"] == 42).unwrap().clone();
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    let relabel = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Continue the list: renumber from `h)`")
        .unwrap_or_else(|| panic!("{actions}"));
    assert_eq!(relabel["kind"], "quickfix");
    assert_eq!(relabel["isPreferred"], true);
    let edits = relabel["edit"]["changes"][uri].as_array().unwrap();
    // `a)`, `b)`, `c)` on lines 43, 45 and 47 become `h)`, `i)`, `j)`: same
    // lengths, so the edits apply one after the other unchanged.
    assert_eq!(edits.len(), 3);
    let changes: Vec<Value> = edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect();
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes}),
    );
    let after = server.pull(uri);
    assert!(
        after.iter().all(|d| ![42, 44, 46].contains(&d["range"]["start"]["line"].as_i64().unwrap())),
        "{:?}",
        summary(&after)
    );
    assert_eq!(after.len(), before.len() - 1, "{:?}", summary(&after));
    server.stop();
}

#[test]
fn fix_all_is_offered_as_a_source_action() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    server.open("file:///seed.txt", &fixture(SEED));
    let actions = server.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": "file:///seed.txt"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.draftls");
    // The restart at 43–47 and the duplicate `2` at 230 with the slots after it.
    assert_eq!(actions[0]["edit"]["changes"]["file:///seed.txt"].as_array().unwrap().len(), 7);
    server.stop();
}

#[test]
fn bad_positions_are_clamped_and_logged_and_text_is_kept() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///bad.txt";
    server.open(uri, "recalling\n\na) 😀 one;\n\nc) two;\n");
    let change = |version: i64, range: Value, text: &str| json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": text}]});
    // Past the end of the file: appended at the end.
    server.notify(
        "textDocument/didChange",
        change(2, json!({"start": {"line": 99, "character": 0}, "end": {"line": 99, "character": 5}}), "\nd) end;\n"),
    );
    // Inside the surrogate pair of 😀 (line 2, UTF-16 column 4): clamped to its start.
    server.notify(
        "textDocument/didChange",
        change(3, json!({"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 4}}), "x"),
    );
    // Past the line's end.
    server.notify(
        "textDocument/didChange",
        change(4, json!({"start": {"line": 0, "character": 500}, "end": {"line": 0, "character": 500}}), "!"),
    );
    let log = server.notification("window/logMessage", |p| p["message"].as_str().unwrap().contains("outside the text"));
    assert_eq!(log["type"], 2);
    // The document is what the edits make of it: compare with a fresh open.
    server.open("file:///expected.txt", "recalling!\n\na) x😀 one;\n\nc) two;\n\nd) end;\n");
    assert_eq!(summary(&server.pull(uri)), summary(&server.pull("file:///expected.txt")));
    // Requests on unknown documents are errors, and the server goes on.
    let response = server.call("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///nope.txt"}}));
    assert!(response.get("error").is_some(), "{response}");
    assert_eq!(summary(&server.pull(uri)), [(4, "broken-lettering".to_string())]);
    server.stop();
}

#[test]
fn outline_and_folding_follow_sections() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///seed.txt";
    server.open(uri, &fixture(SEED));
    let symbols = server.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let symbols = symbols.as_array().unwrap();
    let names: Vec<&str> = symbols.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(&names[..4], ["Title block", "recalling", "considering", "recognizing"]);
    let recalling = &symbols[1]["children"];
    assert_eq!(recalling[0]["name"], "ARB/79A2/13");
    assert!(recalling[1]["name"].as_str().unwrap().starts_with("a) United Nations General Assembly"), "{recalling}");
    let folds = server.request("textDocument/foldingRange", json!({"textDocument": {"uri": uri}}));
    let folds: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["startLine"].as_u64().unwrap(), f["endLine"].as_u64().unwrap()))
        .collect();
    assert!(folds.contains(&(20, 46)), "the recalling section folds: {folds:?}");
    server.stop();
}

#[test]
fn u2028_and_other_unicode_separators_do_not_break_lines() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///separators.txt";
    // U+2028, NEL, VT and FF are characters inside a line for LSP.
    server.open(uri, "recalling\n\na) one\u{2028}still a)\u{85}\u{0B}\u{0C} line;\n\nc) gap;\n");
    // The fragment names no conference: said on line 0.
    let items: Vec<Value> = server.pull(uri).into_iter().filter(|i| i["code"] != "unstated-conference").collect();
    assert_eq!(summary(&items), [(4, "broken-lettering".to_string())]);
    assert_eq!(items[0]["range"]["start"]["character"], 0);
    server.stop();
}

#[test]
fn a_burst_of_edits_ends_with_the_newest_version_published() {
    let mut server = Server::start(push_client());
    let uri = "file:///burst.txt";
    let mut text = fixture(SEED);
    server.open(uri, &text);
    for version in 2..=30 {
        let at = text.find("recalling").unwrap();
        text.insert(at, 'x');
        let position = utf16_position(&text, at);
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": position, "end": position}, "text": "x"}]}),
        );
    }
    // Publications arrive in increasing version order, ending with the newest.
    let last = server.notification("textDocument/publishDiagnostics", |p| p["version"] == 30);
    assert!(last["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
    let before: Vec<i64> = server
        .seen
        .drain(..)
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(before.windows(2).all(|w| w[0] < w[1]), "{before:?}");
    // Nothing older follows: give late computations time to finish.
    std::thread::sleep(Duration::from_millis(300));
    server.call("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let after: Vec<&Value> = server
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| &m["params"]["version"])
        .collect();
    assert!(after.is_empty(), "published after the newest version: {after:?}");
    server.stop();
}

#[test]
fn hover_on_a_citation_shows_its_title_and_history() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///seed.txt";
    let text = fixture(SEED);
    server.open(uri, &text);
    let line = text.lines().position(|l| l.starts_with("g) Resolution 45 (Rev. Dubai, 2014)")).unwrap();
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 8}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("WTDC Resolution 45"), "{value}");
    assert!(value.contains("Mechanisms for enhancing cooperation on cybersecurity"), "{value}");
    assert!(value.contains("WTDC-14 (Rev. Dubai, 2014)") && value.contains("**cited**"), "{value}");
    assert_eq!(hover["range"]["start"]["line"], line);
    server.stop();
}

#[test]
fn completion_offers_current_citations() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    let uri = "file:///draft.txt";
    server.open(uri, "RESOLUTION 130 (REV. BUSAN, 2014)\n\nrecalling\n\na) WTDC Resolution 4\n");
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 20}}),
    );
    let item = items.as_array().unwrap().iter().find(|i| i["label"] == "WTDC Resolution 45").expect("Resolution 45");
    assert_eq!(item["textEdit"]["newText"], "45 (Rev. Dubai, 2014)");
    assert_eq!(item["textEdit"]["range"]["start"]["character"], 19);
    server.stop();
}

#[test]
fn a_broken_draftls_toml_is_reported_on_the_file_and_the_catalog_keeps_working() {
    let mut server = Server::start(push_client());
    server.open("file:///ws/draftls.toml", "as-of = \"PP-99\"\n");
    let report = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == "file:///ws/draftls.toml");
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["code"], "invalid-config");
    assert!(diagnostic["message"].as_str().unwrap().contains("PP-99"));
    server.notification("window/logMessage", |p| p["message"].as_str().unwrap().contains("built-in catalog"));
    server.open("file:///ws/draft.txt", &fixture("references/as-of-pp14.txt"));
    let published = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == "file:///ws/draft.txt");
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 3);
    // A valid file takes effect for open drafts.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///ws/draftls.toml", "version": 2}, "contentChanges": [{"text": "as-of = \"PP-22\"\n"}]}),
    );
    let republished = server.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == "file:///ws/draft.txt" && p["diagnostics"].as_array().unwrap().len() == 7
    });
    assert_eq!(republished["version"], 1);
    server.stop();
}

#[test]
fn editor_settings_change_as_of_and_severities() {
    let mut server = Server::start(push_client());
    let uri = "file:///settings.txt";
    server.open(uri, &fixture("references/as-of-pp14.txt"));
    let first = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    assert_eq!(first["diagnostics"].as_array().unwrap().len(), 3);
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"draftls": {"asOf": "PP-22", "severity": {"malformed-citation": "off", "outdated-reference": "error"}}}}),
    );
    let after = server.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().len() == 6
    });
    let diagnostics = after["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().all(|d| d["code"] == "outdated-reference" && d["severity"] == 1), "{diagnostics:?}");
    server.stop();
}

#[test]
fn the_as_of_request_names_the_drafts_conference() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    server.open("file:///draft.txt", &fixture("references/as-of-pp14.txt"));
    let result = server.request("draftls/asOf", json!({"textDocument": {"uri": "file:///draft.txt"}}));
    assert_eq!(
        result,
        json!({"conference": "PP-14", "date": "2014-10-20", "source": "draft", "from": "heading",
               "description": "from the heading", "message": null})
    );
    // A fragment that names no conference: the latest, and said so.
    server.open("file:///fragment.txt", "recalling\n\na) Resolution 130 (Rev. Busan, 2014);\n");
    let result = server.request("draftls/asOf", json!({"textDocument": {"uri": "file:///fragment.txt"}}));
    assert_eq!(result["source"], "latest");
    assert_eq!(result["from"], Value::Null);
    server.stop();
}

#[test]
fn a_pulling_client_gets_the_config_files_problems() {
    let mut server = Server::start(pull_client(&["utf-16"]));
    server.open("file:///ws/draftls.toml", "[severity]\nbroken-lettering = \"loud\"\n");
    let items = server.pull("file:///ws/draftls.toml");
    assert_eq!(items.len(), 1);
    assert!(items[0]["message"].as_str().unwrap().contains("unknown severity `loud`"));
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///ws/draftls.toml"}, "position": {"line": 0, "character": 1}}),
    );
    assert!(hover.is_null());
    server.stop();
}

fn workspace(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("draftls-protocol-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::canonicalize(dir).unwrap()
}

const USER_DRAFT: &str = "RESOLUTION 9002 (REV. BUCHAREST, 2022)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\nrecalling\n\na) Resolution 9002 (Busan, 2014) of the Plenipotentiary Conference;\n";

/// A user catalog saying PP Resolution 9002 was revised at `conference`.
fn user_catalog(conference: &str) -> String {
    json!({"conferences": [], "documents": [{
        "id": "PP-Resolution-9002", "body": "PP", "kind": "Resolution", "number": "9002",
        "title": "Test", "history": [], "sources": [],
        "facts": [{"conference": conference, "event": "revised", "evidence": "imported",
                   "source": "file:///acts.txt#L3"}]
    }]})
    .to_string()
}

#[test]
fn a_changed_user_catalog_is_reloaded_and_drafts_are_checked_again() {
    let dir = workspace("watch");
    std::fs::write(dir.join("draftls.toml"), "catalogs = [\"user.json\"]\n").unwrap();
    std::fs::write(dir.join("user.json"), user_catalog("PP-14")).unwrap();
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut server = Server::start_in(&dir, capabilities);
    // The server asks to watch the catalog (answered like a client would).
    let registration = loop {
        let deadline = Instant::now() + TIMEOUT;
        let message = server.next(deadline);
        if message["method"] == "client/registerCapability" {
            break message;
        }
        if message.get("id").is_some() && message.get("method").is_some() {
            server.send(json!({"jsonrpc": "2.0", "id": message["id"], "result": null}));
        }
    };
    server.send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    let patterns: Vec<&str> = watchers.as_array().unwrap().iter().map(|w| w["globPattern"].as_str().unwrap()).collect();
    assert!(patterns.contains(&dir.join("user.json").to_str().unwrap()), "{patterns:?}");

    let uri = format!("file://{}", dir.join("draft.txt").display());
    server.open(&uri, USER_DRAFT);
    let first = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str());
    assert_eq!(first["diagnostics"].as_array().unwrap().len(), 0, "{first}");
    // PP-18 revised it: the user catalog changes on disk, the client says so.
    std::fs::write(dir.join("user.json"), user_catalog("PP-18")).unwrap();
    let catalog_uri = format!("file://{}", dir.join("user.json").display());
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": catalog_uri, "type": 2}]}));
    let after = server.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(summary(after["diagnostics"].as_array().unwrap()), [(6, "outdated-reference".to_string())]);
    // A broken catalog: reported in the log; the built-in catalog keeps working.
    std::fs::write(dir.join("user.json"), "{ not json").unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": catalog_uri, "type": 2}]}));
    server.notification("window/logMessage", |p| p["message"].as_str().unwrap().contains("user.json:1:"));
    let broken = server.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["diagnostics"][0]["code"] == "unknown-reference"
    });
    assert_eq!(broken["diagnostics"].as_array().unwrap().len(), 1);
    server.stop();
}

#[test]
fn an_unknown_document_can_be_added_to_the_user_catalog() {
    let dir = workspace("add");
    let mut server = Server::start_in(&dir, push_client());
    let uri = format!("file://{}", dir.join("draft.txt").display());
    let text = USER_DRAFT.replace("9002 (Busan, 2014)", "777 (Rev. Dubai, 2018)");
    server.open(&uri, &text);
    let published = server.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str());
    let diagnostic = published["diagnostics"][0].clone();
    assert_eq!(diagnostic["code"], "unknown-reference");
    assert_eq!(
        diagnostic["message"],
        "PP Resolution 777 is not in the catalog (body: stated `of the Plenipotentiary Conference`)"
    );
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add PP Resolution 777 to the user catalog")
        .unwrap_or_else(|| panic!("{actions}"))
        .clone();
    assert_eq!(action["command"]["command"], "draftls.addToCatalog");
    let result = server.request(
        "workspace/executeCommand",
        json!({"command": "draftls.addToCatalog", "arguments": action["command"]["arguments"]}),
    );
    assert!(result.as_str().unwrap().contains("draftls-catalog.json"), "{result}");
    // No draftls.toml was there: one lists the new user catalog beside the draft.
    assert_eq!(std::fs::read_to_string(dir.join("draftls.toml")).unwrap(), "catalogs = [\"draftls-catalog.json\"]\n");
    let catalog: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("draftls-catalog.json")).unwrap()).unwrap();
    let entry = &catalog["documents"][0];
    assert_eq!((entry["id"].as_str(), entry["title"].as_str()), (Some("PP-Resolution-777"), Some("")));
    assert_eq!(entry["sources"][0], format!("{uri}#L7"));
    assert_eq!(entry["history"], json!([]));
    // The draft is checked again with it: nothing left.
    server.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
    });
    // Twice is refused, and said.
    let again = server.call(
        "workspace/executeCommand",
        json!({"command": "draftls.addToCatalog", "arguments": action["command"]["arguments"]}),
    );
    assert!(again["error"]["message"].as_str().unwrap().contains("already"), "{again}");
    server.stop();
}
