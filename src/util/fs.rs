//! File-system calls wrapped once so every error names its file.

use std::path::Path;

use anyhow::{Context, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("cannot create the folder {}", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path)
        .with_context(|| format!("cannot remove the folder {}", path.display()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
