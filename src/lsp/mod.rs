//! `tidings lsp`: a language server over stdio, a thin front-end over the same findings as
//! `tidings check`.
//!
//! Documents are synced incrementally; diagnostics are published after every change (changes
//! that arrive together are linted once). Positions are UTF-16 as the protocol requires. Each
//! finding with a replacement has a quick fix; "apply all safe fixes" is a `source.fixAll`
//! action; hovering a finding shows its evidence and, for names, the gazetteer entry.
//! Settings come from `tidings.toml` at the workspace root, overridden by the client's
//! `initializationOptions` or `workspace/didChangeConfiguration` settings, and are reloaded
//! when either changes.

mod convert;
mod server;
pub mod text;

pub use convert::FIX_ALL_KIND;
pub use server::ClientSettings;

use crate::error::{Error, Result};
use lsp_server::Connection;

/// Serves the protocol on stdin and stdout until the client says `exit`.
pub fn serve_stdio() -> Result<()> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection)?;
    io_threads
        .join()
        .map_err(|e| Error::Protocol(e.to_string()))?;
    Ok(())
}

/// Serves the protocol on `connection` (stdio, or an in-memory pair in tests and benchmarks).
pub fn serve(connection: Connection) -> Result<()> {
    server::Server::start(&connection)?.run()
}
