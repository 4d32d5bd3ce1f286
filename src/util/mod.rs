//! Small helpers shared by every stage: file reading with context, slugs,
//! URL paths. Nothing here knows about portals.

pub mod color;
pub mod fs;
pub mod hash;
pub mod memory;
pub mod text;
pub mod url;
pub mod xml;

/// Pretty-printed JSON with a final line feed: the files ouvert publishes
/// for people to read and diff as well as for programs.
pub fn pretty_json(value: &impl serde::Serialize) -> serde_json::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// serde_json's message without the " at line L column C" it appends:
/// ouvert gives the position in front, the way every diagnostic does.
pub fn json_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// The shared conformance corpus for unit tests (`OUVERT_CORPUS`, else
/// `../shared/corpus`), or `None`, saying so, when it is absent: tests
/// that need it then check nothing, which CI (where it is) never does.
#[cfg(test)]
pub(crate) fn test_corpus(skipped: &str) -> Option<std::path::PathBuf> {
    let corpus = std::env::var_os("OUVERT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    if corpus.is_dir() {
        Some(corpus)
    } else {
        eprintln!("the corpus is absent ({}): {skipped}", corpus.display());
        None
    }
}
