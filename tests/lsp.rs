//! Protocol-level tests of `tidings lsp`: spawn the real binary and speak JSON-RPC to it over
//! stdio, as an editor does.

#[path = "support/framing.rs"]
mod framing;

use serde_json::{Value, json};
use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
const SEED: &str = "seeds/000_4b7b9a7366d71444.txt";

/// An editor stand-in: writes framed messages, reads them on a thread.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    backlog: Vec<Value>,
    /// The server's capabilities from `initialize`.
    capabilities: Value,
}

fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("utf-8 temp path");
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(path, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2F", "/")
    )
}

impl Client {
    fn start(root: &Path, options: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tidings lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(value) = framing::read_message(&mut reader) {
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            backlog: Vec::new(),
            capabilities: Value::Null,
        };
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "workspaceFolders": [{"uri": file_uri(root), "name": "root"}],
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                },
                "initializationOptions": options,
            }),
        );
        client.capabilities = init["capabilities"].clone();
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        framing::write_message(&mut self.stdin, &message).expect("write to the server");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The first message (in the backlog or arriving) that satisfies `wanted`.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        loop {
            let message = self
                .incoming
                .recv_timeout(WAIT)
                .expect("the server answers in time");
            // Answer the server's own requests (registerCapability) as an editor would.
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `uri` (at `version` when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().expect("server exits");
        assert!(status.success(), "server exit status {status}");
    }
}

/// Findings of the same rule as `code`.
fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

fn workspace() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

const TEXT: &str =
    "“Пётр” 🙂 said Pete HegeSth in Kijiw.\nA two -day summit with `two -day` in code.\n";

#[test]
fn diagnostics_use_utf16_positions_and_carry_rule_and_reason() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = Client::start(dir.path(), Value::Null);
    assert_eq!(client.capabilities["positionEncoding"], "utf-16");
    assert_eq!(client.capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(client.capabilities["hoverProvider"], true);
    client.open(&uri, "markdown", TEXT);
    let diagnostics = client.diagnostics(&uri, Some(1));
    // “Пётр” is 6 UTF-16 units, the emoji 2: "“Пётр” 🙂 said Pete " is 20 units.
    let name = with_code(&diagnostics, "names/fuzzy");
    assert_eq!(name.len(), 2, "{diagnostics:#?}");
    assert_eq!(name[0]["range"], range(0, 20, 27));
    assert_eq!(name[0]["severity"], 2, "a safe fix is a warning");
    assert_eq!(name[0]["source"], "tidings");
    let message = name[0]["message"].as_str().unwrap();
    assert!(message.contains("Hegseth") && message.contains("edit from Pete Hegseth"));
    assert_eq!(name[1]["range"], range(0, 31, 36));
    // The code span is protected: one hyphen finding, in the prose.
    let hyphen = with_code(&diagnostics, "spacing/hyphen-space");
    assert_eq!(hyphen.len(), 1);
    assert_eq!(hyphen[0]["range"], range(1, 2, 10));
    client.shutdown();
}

#[test]
fn incremental_changes_move_and_clear_diagnostics() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = Client::start(dir.path(), Value::Null);
    client.open(&uri, "markdown", TEXT);
    client.diagnostics(&uri, Some(1));
    // Insert an emoji and a word at the start of the first line.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(0, 0, 0), "text": "🙂 Yes, "}]}),
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    let name = with_code(&diagnostics, "names/fuzzy");
    assert_eq!(name[0]["range"], range(0, 28, 35), "shifted by 8 units");
    // Repair the name by hand, in two edits sent together: both findings go.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [
                   {"range": range(0, 28, 35), "text": "Hegseth"},
                   {"range": range(0, 39, 44), "text": "Kyiv"}]}),
    );
    let diagnostics = client.diagnostics(&uri, Some(3));
    assert!(
        with_code(&diagnostics, "names/fuzzy").is_empty(),
        "{diagnostics:#?}"
    );
    assert_eq!(with_code(&diagnostics, "spacing/hyphen-space").len(), 1);
    // Closing clears.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(client.diagnostics(&uri, None).is_empty());
    client.shutdown();
}

#[test]
fn code_actions_fix_one_finding_or_all_safe_ones() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = Client::start(dir.path(), Value::Null);
    let text = "The summit in Kiev. Pete HegeSth arrived for a two -day visit.\n";
    client.open(&uri, "markdown", text);
    client.diagnostics(&uri, Some(1));
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 27, 27),
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{actions:#?}");
    assert!(
        quick[0]["title"]
            .as_str()
            .unwrap()
            .contains("`HegeSth` with `Hegseth`")
    );
    assert_eq!(quick[0]["isPreferred"], true);
    let edit = &quick[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "Hegseth");
    assert_eq!(edit["range"], range(0, 25, 32));
    // Apply-all takes the safe fixes and leaves the `Kiev` suggestion alone.
    let all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.tidings")
        .expect("fix-all action");
    let new: Vec<&str> = all["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["Hegseth", "two-day"]);
    // Clients can ask for one kind only.
    let only = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let kinds: Vec<&str> = only
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["source.fixAll.tidings"]);
    client.shutdown();
}

#[test]
fn hover_on_a_name_shows_the_gazetteer_entry_and_evidence() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("story.txt"));
    let mut client = Client::start(dir.path(), Value::Null);
    client.open(&uri, "plaintext", "“Да” 🙂 said Pete HegeSth.\n");
    client.diagnostics(&uri, Some(1));
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("names/fuzzy"), "{value}");
    assert!(value.contains("Pete Hegseth — person"), "{value}");
    assert!(value.contains("Evidence:"), "{value}");
    assert_eq!(hover["range"], range(0, 18, 25));
    // Off a finding: nothing.
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 9}}),
    );
    assert!(nothing.is_null());
    client.shutdown();
}

#[test]
fn workspace_config_is_read_and_reloaded_when_it_changes() {
    let dir = workspace();
    let config = dir.path().join("tidings.toml");
    std::fs::write(&config, "ignore = [\"names\"]\n").unwrap();
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = Client::start(dir.path(), Value::Null);
    client.open(&uri, "markdown", TEXT);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert!(with_code(&diagnostics, "names/fuzzy").is_empty());
    assert!(!with_code(&diagnostics, "spacing/hyphen-space").is_empty());
    // The server asked to watch tidings.toml.
    let registration = client.wait_for(|m| m["method"] == "client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/tidings.toml");
    // The file changes; the editor reports it.
    std::fs::write(&config, "select = [\"names\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(with_code(&diagnostics, "names/fuzzy").len(), 2);
    assert!(with_code(&diagnostics, "spacing/hyphen-space").is_empty());
    // A broken config is reported with file and line, and the last good settings stay.
    std::fs::write(&config, "select = [\"names\"]\nbogus = 1\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("tidings.toml:2"), "{message}");
    assert_eq!(shown["params"]["type"], 1);
    client.shutdown();
}

#[test]
fn editor_settings_override_the_config() {
    let dir = workspace();
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = Client::start(dir.path(), json!({"select": ["spacing"]}));
    client.open(&uri, "markdown", TEXT);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] == "spacing/hyphen-space")
    );
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"tidings": {"select": ["names"], "minConfidence": 0.5}}}),
    );
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert!(!diagnostics.is_empty());
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"].as_str().unwrap().starts_with("names/"))
    );
    client.shutdown();
}

#[test]
fn seed_diagnostics_match_tidings_check() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(manifest.join(SEED)).unwrap();
    let dir = workspace();
    let path = dir.path().join("seed.md");
    std::fs::write(&path, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["check", "--format", "json", "--no-config"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected: Vec<(String, u64)> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let uri = file_uri(&path);
    let mut client = Client::start(dir.path(), Value::Null);
    client.open(&uri, "markdown", &text);
    let got: Vec<(String, u64)> = client
        .diagnostics(&uri, Some(1))
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    assert!(expected.len() > 20);
    assert_eq!(got, expected);
    client.shutdown();
}
