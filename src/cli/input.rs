//! Opening targets and reading them as text, shared by the commands.

use super::settings::Settings;
use crate::document::Format;
use crate::error::{Error, Result};
use crate::files::{ChunkReader, InputKind, Target};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A target opened for reading.
pub struct Opened {
    /// Chunked reader over the target.
    pub reader: ChunkReader<Box<dyn Read + Send>>,
    /// Its format.
    pub format: Format,
    /// Its display name.
    pub name: String,
}

/// Opens `target`. Returns `Ok(None)` for a binary file met while walking (the caller notes
/// the skip); a binary file named on the command line is an error.
pub fn open(settings: &Settings, target: &Target, explicit: bool) -> Result<Option<Opened>> {
    let (reader, path): (Box<dyn Read + Send>, PathBuf) = match target {
        Target::Stdin => (Box::new(std::io::stdin()), PathBuf::from("-")),
        Target::File(path) => {
            let file = std::fs::File::open(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            (Box::new(file), path.clone())
        }
    };
    let mut reader = ChunkReader::new(reader, &path);
    if reader.kind()? == InputKind::Binary {
        return if explicit {
            Err(Error::Binary { path })
        } else {
            Ok(None)
        };
    }
    Ok(Some(Opened {
        reader,
        format: settings.format_of(target),
        name: settings.display_name(target),
    }))
}

impl Opened {
    /// Reads the rest of the target into one string, with no copy of what is buffered
    /// already (see [`ChunkReader::read_rest`]).
    pub fn read_all(&mut self) -> Result<String> {
        self.reader.read_rest()
    }
}

/// True when `path` was named on the command line (rather than found by walking).
pub fn is_explicit(paths: &[PathBuf], target: &Target) -> bool {
    match target {
        Target::Stdin => true,
        Target::File(path) => paths
            .iter()
            .any(|p| p == path || Path::new(p) == path.as_path()),
    }
}
