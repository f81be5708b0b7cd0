//! Zed extension for tidings: starts `tidings lsp` (found on the worktree's PATH, or at
//! `lsp.tidings.binary.path` in Zed's settings) for Markdown and plain text, and passes
//! `lsp.tidings.initialization_options` and `lsp.tidings.settings` through to the server.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct Tidings;

/// The user's `lsp.tidings` settings for this worktree, if any.
fn settings(id: &LanguageServerId, worktree: &zed::Worktree) -> Option<LspSettings> {
    LspSettings::for_worktree(id.as_ref(), worktree).ok()
}

impl zed::Extension for Tidings {
    fn new() -> Self {
        Tidings
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = settings(language_server_id, worktree).and_then(|s| s.binary);
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("tidings"))
            .ok_or_else(|| {
                "tidings is not on PATH: run `cargo install --path .` in a tidings clone, \
                 or set lsp.tidings.binary.path"
                    .to_string()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        Ok(zed::Command {
            command: path,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(settings(language_server_id, worktree).and_then(|s| s.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(settings(language_server_id, worktree).and_then(|s| s.settings))
    }
}

zed::register_extension!(Tidings);
