//! Turning command-line paths into a sorted list of files to check.
//!
//! Directories are walked like ripgrep walks them (the `ignore` crate): `.gitignore`, `.ignore`
//! and `.tidingsignore` files are honoured, hidden files are skipped, and only files matching
//! the include globs (Markdown and text by default) are taken. A file named on the command line
//! is always taken.

use crate::error::{Error, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// Globs taken when walking a directory, unless `include` is configured.
pub const DEFAULT_INCLUDE: &[&str] = &["*.md", "*.markdown", "*.mdx", "*.txt", "*.text"];

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard input (`-`).
    Stdin,
    /// A file, found by walking or named on the command line.
    File(PathBuf),
}

/// Which files a directory walk takes.
#[derive(Debug, Clone)]
pub struct FileFilter {
    include: GlobSet,
    exclude: GlobSet,
}

impl FileFilter {
    /// Builds a filter from include globs (empty: the defaults) and exclude globs.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self> {
        let build = |globs: &mut dyn Iterator<Item = &str>| -> Result<GlobSet> {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                builder.add(
                    Glob::new(glob).map_err(|e| Error::Usage(format!("bad glob `{glob}`: {e}")))?,
                );
            }
            builder.build().map_err(|e| Error::Usage(e.to_string()))
        };
        let include = if include.is_empty() {
            build(&mut DEFAULT_INCLUDE.iter().copied())?
        } else {
            build(&mut include.iter().map(String::as_str))?
        };
        let exclude = build(&mut exclude.iter().map(String::as_str))?;
        Ok(FileFilter { include, exclude })
    }

    /// True when the configured excludes cover `full` (or its path `relative` to the project
    /// root): the language server says nothing about such files.
    pub fn excludes(&self, relative: &Path, full: &Path) -> bool {
        self.exclude.is_match(relative) || self.exclude.is_match(full)
    }

    /// True when a directory walk takes `full` (found at `relative` under the walked root).
    pub fn takes(&self, relative: &Path, full: &Path) -> bool {
        let matches = |set: &GlobSet| set.is_match(relative) || set.is_match(full);
        matches(&self.include) && !matches(&self.exclude)
    }
}

/// Expands `paths` into targets, in command-line order with each directory sorted.
///
/// Problems with individual paths (missing, unreadable directory entries) are pushed to
/// `errors` and the rest is still collected, so one bad path does not hide others' findings.
pub fn collect_targets(
    paths: &[PathBuf],
    filter: &FileFilter,
    errors: &mut Vec<Error>,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            targets.push(Target::Stdin);
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(Error::NotFound { path: path.clone() });
                continue;
            }
            Err(source) => {
                errors.push(Error::Read {
                    path: path.clone(),
                    source,
                });
                continue;
            }
        };
        if !metadata.is_dir() {
            targets.push(Target::File(path.clone()));
            continue;
        }
        // The walk is not sorted as it goes (the walker's sort asks every entry for its file
        // name, parsed from its path, at each comparison: a serial 84 M instructions for a
        // directory of 10,000 files); its files are sorted afterwards instead, by their paths'
        // components, which is the order of a walk that visits each directory's entries by
        // name. Only the order of several walk errors may differ from such a walk's.
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .add_custom_ignore_filename(".tidingsignore")
            .build();
        let first = targets.len();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let full = entry.path();
                    let relative = full.strip_prefix(path).unwrap_or(full);
                    if filter.takes(relative, full) {
                        targets.push(Target::File(full.to_path_buf()));
                    }
                }
                Err(e) => errors.push(Error::Usage(format!("{}: {e}", path.display()))),
            }
        }
        targets[first..].sort_unstable_by(|a, b| match (a, b) {
            (Target::File(a), Target::File(b)) => walk_order(a, b),
            // (Only files come from a walk.)
            _ => std::cmp::Ordering::Equal,
        });
    }
    targets
}

/// The order of two paths found by one walk in a walk that visits each directory's entries
/// sorted by name: their components compared in turn (`a/z` before `a-b/x`). On Unix, the
/// paths' bytes compared with `/` taken as the smallest byte, which is that order for paths
/// joined by the walker (no empty or `.` components), at the cost of one `memcmp`-like scan;
/// `Path`'s own comparison parses components and cost more than the walker's sort it replaces.
#[cfg(unix)]
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::os::unix::ffi::OsStrExt;
    let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank =
        |byte: Option<&u8>| byte.map(|&byte| if byte == b'/' { 0 } else { u16::from(byte) + 1 });
    rank(a.get(common)).cmp(&rank(b.get(common)))
}

/// See the Unix version.
#[cfg(not(unix))]
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    a.cmp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_respecting_gitignore_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(root.join("vendor")).unwrap();
        std::fs::create_dir_all(root.join("a/y")).unwrap();
        std::fs::create_dir_all(root.join("a-b")).unwrap();
        for name in [
            "b.md",
            "a.txt",
            "a-b/x.md",
            "a/z.md",
            "a/y/q.md",
            "sub/c.md",
            "ignored.md",
            "image.png",
            "vendor/v.md",
            ".hidden.md",
        ] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
        let filter = FileFilter::new(&[], &["vendor/**".to_owned()]).unwrap();
        let mut errors = Vec::new();
        let targets = collect_targets(&[root.to_path_buf()], &filter, &mut errors);
        assert!(errors.is_empty());
        let names: Vec<String> = targets
            .iter()
            .map(|t| match t {
                Target::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
                Target::Stdin => "-".into(),
            })
            .collect();
        // Each directory's entries by name, a directory's files right after its name: `a/…`
        // before `a-b/…` (though `-` sorts before `/`).
        assert_eq!(
            names,
            vec![
                "a/y/q.md", "a/z.md", "a-b/x.md", "a.txt", "b.md", "sub/c.md"
            ]
        );
    }

    #[test]
    fn missing_paths_are_errors_and_others_still_collected() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "x").unwrap();
        let filter = FileFilter::new(&[], &[]).unwrap();
        let mut errors = Vec::new();
        let targets = collect_targets(
            &[dir.path().join("missing"), file.clone(), "-".into()],
            &filter,
            &mut errors,
        );
        assert_eq!(targets, vec![Target::File(file), Target::Stdin]);
        assert!(matches!(errors[0], Error::NotFound { .. }));
    }
}
