//! File-system calls wrapped once so every error names its file.

use std::path::Path;

use anyhow::{Context, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes `bytes` to `path`, creating its folder when missing. The folder
/// is only created after a first attempt fails: a site writes tens of
/// thousands of files into folders that mostly exist already.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    creating_folder(path, || std::fs::write(path, bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Runs `make`, which makes the file `path`; when its folder is missing,
/// creates it and runs `make` again. Another thread may be creating the
/// same folder meanwhile: `create_dir_all` accepts a folder that appears
/// while it works.
pub fn creating_folder(path: &Path, make: impl Fn() -> std::io::Result<()>) -> std::io::Result<()> {
    match make() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match path.parent() {
            Some(parent) => {
                std::fs::create_dir_all(parent)?;
                make()
            }
            None => Err(e),
        },
        made => made,
    }
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create the folder {}", path.display()))
}

/// Removes a folder and everything in it, its subfolders in parallel: the
/// site of 10,000 datasets holds about 90,000 files, and removing them one
/// after the other took a third of its build. Links are removed, never
/// followed.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    remove_tree(path).with_context(|| format!("cannot remove the folder {}", path.display()))
}

fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot rename {} to {}", from.display(), to.display()))
}

/// Why a user's text file could not be read as text.
#[derive(Debug, PartialEq, Eq)]
pub enum TextError {
    /// Not UTF-8: 1-based line and column (in characters) of the first bad byte.
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
}

/// Decodes a user's text file: UTF-8, with the byte-order mark that Windows
/// editors add stripped, since it would otherwise end up in the first key
/// of the front matter.
pub fn decode_text(bytes: &[u8]) -> Result<&str, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        TextError::NotUtf8 { line, column, byte: bytes[e.valid_up_to()] }
    })
}

/// Whether `path`, followed through any link, is inside `root`: what a
/// link points to outside the portal folder is never read nor published.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_a_tree_without_following_links() {
        let root = std::env::temp_dir().join(format!("ouvert-remove-{}", std::process::id()));
        let kept = root.with_extension("kept");
        write(&root.join("a/b/c.txt"), b"c").unwrap();
        write(&root.join("a/d.txt"), b"d").unwrap();
        write(&kept.join("e.txt"), b"e").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, root.join("a/link")).unwrap();
        remove_dir_all(&root).unwrap();
        assert!(!root.exists());
        assert!(
            kept.join("e.txt").is_file(),
            "a linked folder is not emptied"
        );
        std::fs::remove_dir_all(&kept).unwrap();
    }

    #[test]
    fn strips_bom() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFtitle: x"), Ok("title: x"));
    }

    #[test]
    fn locates_first_invalid_byte() {
        // "é" in Windows-1252 is 0xE9, invalid alone in UTF-8.
        assert_eq!(
            decode_text(b"---\ntitle: Caf\xE9\n"),
            Err(TextError::NotUtf8 { line: 2, column: 11, byte: 0xE9 })
        );
    }
}
