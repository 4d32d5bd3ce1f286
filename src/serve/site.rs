//! What the preview serves: the last site that built, the problems of the
//! latest build, and how a request's address maps to one of the site's
//! files.
//!
//! Addresses are looked up in the map of the built site, never joined to a
//! folder on disk, so no address can reach a file the site does not hold.
//! Addresses that try (`..`, encoded or not, `\`, NUL, empty segments) are
//! refused outright rather than looked up, so the refusal is visible.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;

use crate::output::MemoryFile;

/// A built site in memory.
#[derive(Debug, Default)]
pub struct Site {
    files: BTreeMap<String, SiteFile>,
}

#[derive(Debug, Clone)]
pub enum SiteFile {
    Bytes(Bytes),
    /// A data file, read from the portal (or the cache) at each request.
    Copy(PathBuf),
    /// A page of a [`super::preview::Preview`], rendered when asked for.
    Page,
}

impl Site {
    pub fn new(files: BTreeMap<String, MemoryFile>) -> Site {
        let files = files
            .into_iter()
            .map(|(path, file)| {
                let file = match file {
                    MemoryFile::Bytes(bytes) => SiteFile::Bytes(Bytes::from(bytes)),
                    MemoryFile::Copy(source) => SiteFile::Copy(source),
                };
                (path, file)
            })
            .collect();
        Site { files }
    }

    /// Adds pages rendered when asked for (a preview's).
    pub fn add_pages<'a>(&mut self, paths: impl Iterator<Item = &'a str>) {
        for path in paths {
            self.files.insert(path.to_string(), SiteFile::Page);
        }
    }

    pub fn get(&self, path: &str) -> Option<&SiteFile> {
        self.files.get(path)
    }

    /// What to answer for the site path `path` (from [`site_path`]).
    pub fn resolve(&self, path: &str) -> Resolved {
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return match self.files.get(&index) {
                Some(file) => Resolved::File(index, file.clone()),
                None => Resolved::NotFound,
            };
        }
        if let Some(file) = self.files.get(path) {
            return Resolved::File(path.to_string(), file.clone());
        }
        if self.files.contains_key(&format!("{path}/index.html")) {
            // Relative, so it stays right behind a proxy that serves the
            // preview under a sub-path.
            let last = path.rsplit('/').next().unwrap_or(path);
            return Resolved::Redirect(format!("{}/", crate::util::url::encode_path(last)));
        }
        Resolved::NotFound
    }
}

#[derive(Debug, Clone)]
pub enum Resolved {
    /// The file at this site path.
    File(String, SiteFile),
    /// A folder asked without its final `/`: where to go instead.
    Redirect(String),
    NotFound,
}

/// The site path asked for by the request path `raw` (as sent, still
/// percent-encoded): `datasets/a/` for `/datasets/a/`. `None` when the
/// address tries to leave the site or is not valid UTF-8.
pub fn site_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let decoded = String::from_utf8(crate::util::url::percent_decode(rest.as_bytes())).ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    let valid = segments
        .iter()
        .enumerate()
        .all(|(i, segment)| !matches!(*segment, "." | "..") && (i == last || !segment.is_empty()));
    valid.then_some(decoded)
}

/// How the latest build went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The first build has not finished.
    Building,
    /// The site was rebuilt (maybe with errors in data files, which the
    /// pages concerned show).
    Built,
    /// The build failed: the site is the last good one.
    Failed,
}

/// The state the preview serves, replaced whole after each build.
#[derive(Debug)]
pub struct Snapshot {
    /// Counts builds, failed ones included: a page knows from it whether
    /// it shows the latest state.
    pub generation: u64,
    /// The last complete site that built.
    pub site: Option<Arc<Site>>,
    /// A newer portal than `site`, served while its complete site is
    /// built in the background.
    pub preview: Option<Arc<super::preview::Preview>>,
    pub outcome: Outcome,
    /// The errors of the latest build, as the terminal printed them.
    pub errors: Vec<String>,
    /// The portal's language, for the preview's own messages.
    pub language: super::overlay::Language,
}

impl Snapshot {
    pub fn building() -> Snapshot {
        Snapshot {
            generation: 0,
            site: None,
            preview: None,
            outcome: Outcome::Building,
            errors: Vec::new(),
            language: super::overlay::Language::French,
        }
    }

    /// Whether there is something to show.
    pub fn has_site(&self) -> bool {
        self.site.is_some() || self.preview.is_some()
    }

    /// The same state, its preview's complete site being done with.
    pub fn without_preview(&self) -> Snapshot {
        Snapshot {
            generation: self.generation,
            site: self.site.clone(),
            preview: None,
            outcome: self.outcome.clone(),
            errors: self.errors.clone(),
            language: self.language,
        }
    }

    /// Records errors that stop the latest change from being shown.
    pub fn fail(&mut self, errors: Vec<String>) {
        self.outcome = Outcome::Failed;
        self.errors.extend(errors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_in_the_site() {
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/datasets/a/").as_deref(), Some("datasets/a/"));
        assert_eq!(
            site_path("/datasets/a%20b/%C3%A9.csv").as_deref(),
            Some("datasets/a b/é.csv")
        );
        for hostile in [
            "/../etc/passwd",
            "/datasets/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/datasets/..%2f..%2fetc/passwd",
            "/..%5c..%5cwindows",
            "//etc/passwd",
            "/datasets//a",
            "/./index.html",
            "/a%00.html",
            "/%ff",
            "etc/passwd",
            "",
        ] {
            assert_eq!(site_path(hostile), None, "{hostile}");
        }
        // Decoded once: what is left is a strange but harmless name.
        assert_eq!(site_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
    }

    fn site(paths: &[&str]) -> Site {
        Site::new(
            paths
                .iter()
                .map(|p| (p.to_string(), MemoryFile::Bytes(p.as_bytes().to_vec())))
                .collect(),
        )
    }

    #[test]
    fn folders_serve_their_index() {
        let site = site(&["index.html", "datasets/a b/index.html", "style.css"]);
        let path_of = |resolved: Resolved| match resolved {
            Resolved::File(path, _) => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(path_of(site.resolve("")), "index.html");
        assert_eq!(
            path_of(site.resolve("datasets/a b/")),
            "datasets/a b/index.html"
        );
        assert_eq!(path_of(site.resolve("style.css")), "style.css");
        assert!(matches!(
            site.resolve("datasets/a b"),
            Resolved::Redirect(location) if location == "a%20b/"
        ));
        assert!(matches!(site.resolve("datasets/"), Resolved::NotFound));
        assert!(matches!(site.resolve("missing.html"), Resolved::NotFound));
    }
}
