//! Atomic in-place writes: a temporary file in the same directory, renamed over the original.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A replacement for a file, written beside it and renamed over it on [`AtomicFile::commit`].
///
/// A crash or an error leaves either the old or the new file, never half of one; dropping an
/// uncommitted `AtomicFile` deletes the temporary file and leaves the original untouched.
pub struct AtomicFile {
    path: PathBuf,
    /// The original's permissions; `None` when the file is new.
    permissions: Option<std::fs::Permissions>,
    temp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts a replacement for `path` (or a new file there), refusing read-only files (even
    /// for root).
    pub fn create(path: &Path) -> Result<Self> {
        let write_error = |source| Error::Write {
            path: path.to_owned(),
            source,
        };
        let permissions = match std::fs::metadata(path) {
            Ok(metadata) if metadata.permissions().readonly() => {
                return Err(Error::ReadOnly {
                    path: path.to_owned(),
                });
            }
            Ok(metadata) => Some(metadata.permissions()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(write_error(error)),
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".tidings-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(write_error)?;
        Ok(AtomicFile {
            path: path.to_owned(),
            permissions,
            temp: std::io::BufWriter::with_capacity(256 << 10, temp),
        })
    }

    /// Appends bytes to the replacement.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.temp.write_all(bytes).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Flushes the replacement to disk, gives it the original's permissions and renames it
    /// over the original.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| write_error(e.into_error()))?;
        temp.as_file().sync_all().map_err(write_error)?;
        let permissions = match self.permissions {
            Some(permissions) => permissions,
            None => new_file_permissions(temp.as_file()).map_err(write_error)?,
        };
        std::fs::set_permissions(temp.path(), permissions).map_err(write_error)?;
        temp.persist(&path).map_err(|e| write_error(e.error))?;
        Ok(())
    }
}

/// Permissions for a new file: what `File::create` would give (0666 less the umask), rather
/// than the private 0600 of a temporary file.
fn new_file_permissions(temp: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp;
        Ok(std::fs::Permissions::from_mode(0o666 & !read_umask()))
    }
    #[cfg(not(unix))]
    {
        Ok(temp.metadata()?.permissions())
    }
}

/// The process umask, from `/proc/self/status` where available (Linux), else the common 022.
#[cfg(unix)]
fn read_umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Umask:"))
                .and_then(|value| u32::from_str_radix(value.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// Replaces the contents of `path` with `contents` atomically (see [`AtomicFile`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write(contents)?;
    file.commit()
}

/// Checks that `path` may be rewritten, before any work is done on it.
pub fn ensure_writable(path: &Path) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    if metadata.permissions().readonly() {
        return Err(Error::ReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_new_file_readable_by_others() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.html");
        write_atomic(&path, b"page").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"page");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o666 & !read_umask());
        }
    }

    #[test]
    fn replaces_contents_and_keeps_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        assert!(matches!(
            write_atomic(&path, b"new"),
            Err(Error::ReadOnly { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }
}
