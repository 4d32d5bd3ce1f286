//! Paths inside the built site, written as relative URLs.
//!
//! Every link of the site is relative so that it works opened from disk
//! (`file://`), under a sub-folder of a host and at a domain root alike.
//! Links name `index.html` explicitly because a browser opening files from
//! disk does not resolve a folder to its index.

/// Percent-encodes a site path (`/`-separated) for use in `href`/`src`.
/// Unreserved characters and `/` stay as they are.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address of a site path for readers outside the site: absolute when
/// the portal's `base_url` is known (pages by their folder, as canonical
/// links give them), else relative to the site root.
pub fn public_url(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{base}{}", encode_path(folder_of_index(path))),
        None => encode_path(path),
    }
}

/// `datasets/a/index.html` → `datasets/a/`, `index.html` → the empty
/// path; other paths (`docs/myindex.html`) as they are.
fn folder_of_index(path: &str) -> &str {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    }
}

/// Decodes `%XX` sequences (used by tests and link checks).
pub fn decode_path(path: &str) -> String {
    String::from_utf8_lossy(&percent_decode(path.as_bytes())).into_owned()
}

/// Decodes `%XX` sequences byte by byte; a `%` not followed by two hex
/// digits stays as it is.
pub fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(high << 4 | low);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The prefix that leads from the page at `page_path` back to the site root:
/// `""` for `index.html`, `"../../"` for `datasets/x/index.html`.
pub fn root_prefix(page_path: &str) -> String {
    "../".repeat(page_path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_decodes() {
        assert_eq!(
            encode_path("datasets/a b/é.csv"),
            "datasets/a%20b/%C3%A9.csv"
        );
        assert_eq!(
            decode_path("datasets/a%20b/%C3%A9.csv"),
            "datasets/a b/é.csv"
        );
        assert_eq!(decode_path("100%"), "100%");
        // Never splits a character, whatever follows the `%`.
        assert_eq!(decode_path("%aé%4"), "%aé%4");
        assert_eq!(percent_decode(b"%2e%2E/%2f"), b"..//");
    }

    #[test]
    fn public_urls_name_pages_by_their_folder() {
        let base = Some("https://d.example/");
        assert_eq!(public_url(base, "index.html"), "https://d.example/");
        assert_eq!(
            public_url(base, "datasets/a/index.html"),
            "https://d.example/datasets/a/"
        );
        assert_eq!(
            public_url(base, "docs/myindex.html"),
            "https://d.example/docs/myindex.html"
        );
        assert_eq!(
            public_url(None, "datasets/a/index.html"),
            "datasets/a/index.html"
        );
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("datasets/x/index.html"), "../../");
    }
}
