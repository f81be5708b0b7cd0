//! The server's state and its message loop.

use super::convert::{self, FIX_ALL_KIND};
use super::text::{LineMap, apply_change};
use crate::cli::args::{CommonArgs, HouseStyleArg};
use crate::cli::settings::Settings;
use crate::config::CONFIG_NAMES;
use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::fixes::Finding;
use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, HoverParams, HoverProviderCapability, InitializeParams,
    MessageType, PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Settings an editor may send in `initializationOptions` or
/// `workspace/didChangeConfiguration` (either bare or under a `tidings` key). They override
/// `tidings.toml` the way command-line flags do.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientSettings {
    /// Only these rule families or ids.
    pub select: Vec<String>,
    /// Skip these rule families or ids.
    pub ignore: Vec<String>,
    /// Drop findings below this confidence.
    pub min_confidence: Option<f32>,
    /// A configuration file to use instead of the workspace's `tidings.toml`.
    pub config: Option<PathBuf>,
    /// Ignore `tidings.toml` files.
    pub no_config: bool,
    /// Extra dictionaries.
    pub dictionaries: Vec<PathBuf>,
    /// `suggest`, `fix` or `off`.
    pub house_style: Option<String>,
    /// Put diacritics back in repaired names.
    pub restore_diacritics: bool,
    /// Turn straight quotes into curly ones.
    pub curly_quotes: bool,
}

impl ClientSettings {
    /// Reads settings from a client's JSON; `None` when it sends none (`null`, or an object
    /// without a `tidings` key when other tools' settings are mixed in).
    pub fn from_value(value: &Value) -> std::result::Result<Option<Self>, String> {
        let inner = match value {
            Value::Null => return Ok(None),
            Value::Object(map) if map.contains_key("tidings") => &map["tidings"],
            other => other,
        };
        if inner.is_null() {
            return Ok(None);
        }
        serde_json::from_value(inner.clone())
            .map(Some)
            .map_err(|e| format!("bad tidings settings from the editor: {e}"))
    }

    fn to_common(&self) -> Result<CommonArgs> {
        let house_style = match self.house_style.as_deref() {
            None => None,
            Some("suggest") => Some(HouseStyleArg::Suggest),
            Some("fix") => Some(HouseStyleArg::Fix),
            Some("off") => Some(HouseStyleArg::Off),
            Some(other) => {
                return Err(Error::Usage(format!(
                    "houseStyle `{other}`: expected `suggest`, `fix` or `off`"
                )));
            }
        };
        if let Some(n) = self.min_confidence
            && !(0.0..=1.0).contains(&n)
        {
            return Err(Error::Usage(format!(
                "minConfidence {n}: expected a number between 0 and 1"
            )));
        }
        Ok(CommonArgs {
            config: self.config.clone(),
            no_config: self.no_config,
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            min_confidence: self.min_confidence,
            dictionaries: self.dictionaries.clone(),
            house_style,
            restore_diacritics: self.restore_diacritics,
            curly_quotes: self.curly_quotes,
            ..CommonArgs::default()
        })
    }
}

/// A document the editor has open.
struct OpenDocument {
    uri: Uri,
    path: Option<PathBuf>,
    language: String,
    text: String,
    version: i32,
    lines: LineMap,
    /// Findings for the current text; `None` after a change.
    findings: Option<Vec<Finding>>,
}

impl OpenDocument {
    fn format(&self) -> Format {
        match self.language.as_str() {
            "markdown" | "mdx" | "markdown.mdx" => Format::Markdown,
            "plaintext" | "text" => Format::Plain,
            _ => self
                .path
                .as_deref()
                .map_or(Format::Plain, Format::from_path),
        }
    }
}

/// The language server: open documents, settings, and the connection.
pub struct Server<'a> {
    connection: &'a Connection,
    root: PathBuf,
    client: ClientSettings,
    settings: Settings,
    documents: HashMap<String, OpenDocument>,
    /// Documents whose diagnostics are out of date.
    dirty: BTreeSet<String>,
    next_request: u64,
}

fn protocol(error: impl std::fmt::Display) -> Error {
    Error::Protocol(error.to_string())
}

/// The local path of a `file:` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().map(|s| s.as_str()) != Some("file") {
        return None;
    }
    let path = uri.path().as_str();
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

impl<'a> Server<'a> {
    /// Answers `initialize` and loads the workspace's settings.
    pub fn start(connection: &'a Connection) -> Result<Self> {
        let (id, params) = connection.initialize_start().map_err(protocol)?;
        let params: InitializeParams = serde_json::from_value(params)
            .map_err(|e| protocol(format!("bad initialize parameters: {e}")))?;
        let root = workspace_root(&params);
        let mut problems = Vec::new();
        let client = params
            .initialization_options
            .as_ref()
            .map(ClientSettings::from_value)
            .transpose()
            .unwrap_or_else(|e| {
                problems.push(e);
                None
            })
            .flatten()
            .unwrap_or_default();
        let settings = match load_settings(&client, &root) {
            Ok(settings) => settings,
            Err(error) => {
                problems.push(format!("{error}; using the default settings"));
                default_settings(&root)?
            }
        };
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let capabilities = ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(FIX_ALL_KIND),
                ]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        };
        let result = serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "tidings", "version": env!("CARGO_PKG_VERSION") },
        });
        connection.initialize_finish(id, result).map_err(protocol)?;
        let mut server = Server {
            connection,
            root,
            client,
            settings,
            documents: HashMap::new(),
            dirty: BTreeSet::new(),
            next_request: 0,
        };
        for problem in problems {
            server.show(MessageType::ERROR, format!("tidings: {problem}"));
        }
        if watch {
            server.watch_config_files();
        }
        Ok(server)
    }

    /// Handles messages until `exit`. Changes that arrive together are linted once, just
    /// before the server would wait for the next message.
    pub fn run(mut self) -> Result<()> {
        loop {
            let message = match self.connection.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => {
                    self.publish_dirty();
                    match self.connection.receiver.recv() {
                        Ok(message) => message,
                        Err(_) => return Ok(()),
                    }
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            };
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(protocol)?
                    {
                        return Ok(());
                    }
                    self.request(request);
                }
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return Ok(());
                    }
                    self.notification(notification);
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        // The client going away ends the loop at the next receive.
        let _ = self.connection.sender.send(message);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.to_owned(),
            params,
        )));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify("window/showMessage", ShowMessageParams { typ, message });
    }

    fn watch_config_files(&mut self) {
        let watchers = CONFIG_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "tidings-config".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("tidings-{}", self.next_request));
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".to_owned(),
            params,
        )));
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/codeAction" => serde_json::from_value(request.params)
                .map(|params| serde_json::to_value(self.code_actions(params))),
            "textDocument/hover" => serde_json::from_value(request.params)
                .map(|params| serde_json::to_value(self.hover(params))),
            method => {
                self.send(Message::Response(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("tidings does not handle {method}"),
                )));
                return;
            }
        };
        let response = match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) | Err(e) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
            }
        };
        self.send(Message::Response(response));
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let params = notification.params;
        let outcome = match method.as_str() {
            "textDocument/didOpen" => serde_json::from_value(params).map(|p| self.did_open(p)),
            "textDocument/didChange" => serde_json::from_value(params).map(|p| self.did_change(p)),
            "textDocument/didClose" => serde_json::from_value(params).map(|p| self.did_close(p)),
            "textDocument/didSave" => serde_json::from_value(params).map(|p| self.did_save(p)),
            "workspace/didChangeConfiguration" => {
                serde_json::from_value(params).map(|p| self.did_change_configuration(p))
            }
            "workspace/didChangeWatchedFiles" => {
                serde_json::from_value(params).map(|p: DidChangeWatchedFilesParams| {
                    if !p.changes.is_empty() {
                        self.reload();
                    }
                })
            }
            _ => Ok(()),
        };
        if let Err(error) = outcome {
            self.show(
                MessageType::WARNING,
                format!("tidings: bad {method} notification: {error}"),
            );
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let key = document.uri.as_str().to_owned();
        let lines = LineMap::new(&document.text);
        self.documents.insert(
            key.clone(),
            OpenDocument {
                path: uri_to_path(&document.uri),
                uri: document.uri,
                language: document.language_id,
                text: document.text,
                version: document.version,
                lines,
                findings: None,
            },
        );
        self.dirty.insert(key);
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str().to_owned();
        let Some(document) = self.documents.get_mut(&key) else {
            return;
        };
        for change in params.content_changes {
            apply_change(&mut document.text, &mut document.lines, change);
        }
        document.version = params.text_document.version;
        document.findings = None;
        self.dirty.insert(key);
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let key = params.text_document.uri.as_str();
        self.documents.remove(key);
        self.dirty.remove(key);
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams::new(params.text_document.uri, Vec::new(), None),
        );
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        let is_config = uri_to_path(&params.text_document.uri)
            .as_deref()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .is_some_and(|name| CONFIG_NAMES.contains(&name));
        if is_config {
            self.reload();
        }
    }

    fn did_change_configuration(&mut self, params: DidChangeConfigurationParams) {
        match ClientSettings::from_value(&params.settings) {
            Ok(Some(client)) => self.client = client,
            Ok(None) => {}
            Err(problem) => self.show(MessageType::ERROR, format!("tidings: {problem}")),
        }
        self.reload();
    }

    /// Reloads `tidings.toml` and the client's settings and re-lints every open document.
    /// A bad configuration is reported and the previous settings are kept.
    fn reload(&mut self) {
        match load_settings(&self.client, &self.root) {
            Ok(settings) => self.settings = settings,
            Err(error) => {
                self.show(
                    MessageType::ERROR,
                    format!("tidings: {error}; keeping the previous settings"),
                );
                return;
            }
        }
        for (key, document) in &mut self.documents {
            document.findings = None;
            self.dirty.insert(key.clone());
        }
    }

    /// True when the settings say this document is not checked (an exclude glob, or not a
    /// prose file at all).
    fn skipped(settings: &Settings, root: &Path, document: &OpenDocument) -> bool {
        let Some(path) = &document.path else {
            return false;
        };
        let relative = path.strip_prefix(root).unwrap_or(path);
        if settings.filter.excludes(relative, path) {
            return true;
        }
        let prose_language = matches!(
            document.language.as_str(),
            "markdown" | "mdx" | "markdown.mdx" | "plaintext" | "text"
        );
        !prose_language && !settings.filter.takes(relative, path)
    }

    fn ensure_findings(settings: &Settings, root: &Path, document: &mut OpenDocument) {
        if document.findings.is_some() {
            return;
        }
        let findings = if Self::skipped(settings, root, document) {
            Vec::new()
        } else {
            let doc = Document::new(&document.text, document.format());
            settings.linter.check(&doc)
        };
        document.findings = Some(findings);
    }

    fn publish_dirty(&mut self) {
        for key in std::mem::take(&mut self.dirty) {
            let Some(document) = self.documents.get_mut(&key) else {
                continue;
            };
            Self::ensure_findings(&self.settings, &self.root, document);
            let diagnostics = document
                .findings
                .iter()
                .flatten()
                .map(|f| convert::diagnostic(&document.text, &document.lines, f))
                .collect();
            let params = PublishDiagnosticsParams::new(
                document.uri.clone(),
                diagnostics,
                Some(document.version),
            );
            self.notify("textDocument/publishDiagnostics", params);
        }
    }

    fn code_actions(&mut self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(document) = self.documents.get_mut(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        Self::ensure_findings(&self.settings, &self.root, document);
        let (text, lines) = (&document.text, &document.lines);
        let findings = document.findings.as_deref().unwrap_or_default();
        let start = lines.offset(text, params.range.start);
        let end = lines.offset(text, params.range.end);
        let only = params.context.only.as_deref();
        let mut actions = Vec::new();
        if convert::kind_wanted(only, CodeActionKind::QUICKFIX.as_str()) {
            actions.extend(
                findings
                    .iter()
                    .filter(|f| f.span.start <= end && start <= f.span.end)
                    .filter_map(|f| convert::quick_fix(&document.uri, text, lines, f))
                    .map(CodeActionOrCommand::CodeAction),
            );
        }
        if convert::kind_wanted(only, FIX_ALL_KIND)
            && let Some(action) = convert::fix_all(&document.uri, text, lines, findings)
        {
            actions.push(CodeActionOrCommand::CodeAction(action));
        }
        actions
    }

    fn hover(&mut self, params: HoverParams) -> Option<lsp_types::Hover> {
        let position = params.text_document_position_params;
        let document = self
            .documents
            .get_mut(position.text_document.uri.as_str())?;
        Self::ensure_findings(&self.settings, &self.root, document);
        let offset = document.lines.offset(&document.text, position.position);
        let here: Vec<&Finding> = document
            .findings
            .iter()
            .flatten()
            .filter(|f| {
                (f.span.start <= offset && offset < f.span.end)
                    || (f.span.is_empty() && f.span.start == offset)
            })
            .collect();
        convert::hover(
            &document.text,
            &document.lines,
            &here,
            self.settings.linter.gazetteer(),
        )
    }
}

/// The workspace root: the first workspace folder, else the root URI, else the working
/// directory.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    let from_folders = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| uri_to_path(&folder.uri));
    #[allow(deprecated)]
    let from_root_uri = || params.root_uri.as_ref().and_then(uri_to_path);
    from_folders
        .or_else(from_root_uri)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

fn load_settings(client: &ClientSettings, root: &Path) -> Result<Settings> {
    Settings::from_args_in(&client.to_common()?, root)
}

fn default_settings(root: &Path) -> Result<Settings> {
    let common = CommonArgs {
        no_config: true,
        ..CommonArgs::default()
    };
    Settings::from_args_in(&common, root)
}
