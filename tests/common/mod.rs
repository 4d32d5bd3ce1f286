//! Helpers for the integration tests: fixture portals written into
//! temporary folders, the `ouvert` binary, and checks over a built site.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day every run of the binary takes as today, 2026-12-04 (as
/// `SOURCE_DATE_EPOCH`): whether a dataset is late for its frequency
/// depends on it, and a test's verdict must not change with the calendar.
pub const TODAY: &str = "1796385600";

pub fn ouvert() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ouvert"));
    command.env("SOURCE_DATE_EPOCH", TODAY);
    command
}

/// The shared conformance corpus (`OUVERT_CORPUS`, else
/// `../shared/corpus`), or `None`, saying so, when it is absent: the tests
/// that read it then check nothing.
pub fn corpus() -> Option<PathBuf> {
    let path = std::env::var_os("OUVERT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "the corpus is absent ({}): set OUVERT_CORPUS to its folder to run the conformance tests",
            path.display()
        );
        None
    }
}

pub fn example_portal() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-portal")
}

/// The result of running the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

pub fn run(args: &[&std::ffi::OsStr]) -> Run {
    ouvert().args(args).output().expect("run ouvert").into()
}

/// Runs `ouvert build PORTAL --out OUT`.
pub fn build(portal: &Path, out: &Path) -> Run {
    ouvert()
        .arg("build")
        .arg(portal)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run ouvert")
        .into()
}

/// A portal written file by file into a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str = r#"title = "Portail de test"
base_url = "https://donnees.test.example/"
licence = "etalab-2.0"
contact = "donnees@test.example"

[authority]
name = "Commune de Test"
kind = "commune"
"#;

impl Fixture {
    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture { dir: tempfile::tempdir().expect("temporary folder") }
    }

    /// A valid portal with `ouvert.toml` and one dataset with a CSV file.
    pub fn new() -> Fixture {
        Fixture::empty()
            .file("portal/ouvert.toml", CONFIG)
            .file(
                "portal/datasets/budget/index.md",
                "---\ntitle: Budget\nresources:\n  - path: budget.csv\n    title: Budget 2026\n---\n\nLe budget.\n",
            )
            .file("portal/datasets/budget/budget.csv", "annee,montant\n2026,12.5\n")
    }

    pub fn file(self, path: &str, content: impl AsRef<[u8]>) -> Fixture {
        let path = self.dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    pub fn remove(self, path: &str) -> Fixture {
        std::fs::remove_file(self.dir.path().join(path)).unwrap();
        self
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn portal(&self) -> PathBuf {
        self.path("portal")
    }

    /// `ouvert build portal --out out`.
    pub fn build(&self) -> Run {
        build(&self.portal(), &self.path("out"))
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}

/// Every file of a folder: relative path → bytes.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).unwrap();
            let key = relative.to_string_lossy().replace('\\', "/");
            files.insert(key, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Values of the attribute `name` (`href`, `src`) in an HTML text.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&needle) {
        rest = &rest[start + needle.len()..];
        let end = rest.find('"').expect("closing quote");
        values.push(decode_entities(&rest[..end]));
        rest = &rest[end..];
    }
    values
}

fn decode_entities(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether a URL leaves the site (scheme or protocol-relative).
pub fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        })
}

/// Resolves a link of the page `page` (site path) to a site path, or
/// `None` for external links and in-page anchors. Links starting with the
/// site's `base_url` (used by the 404 page) count as internal.
pub fn resolve(page: &str, url: &str, base_url: Option<&str>) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap_or("");
    if url.is_empty() {
        return None;
    }
    let (base, url) = match base_url.and_then(|b| url.strip_prefix(b)) {
        Some(rest) => ("", rest.to_string()),
        None if url.starts_with('/') && !url.starts_with("//") => ("", url[1..].to_string()),
        None if is_external(url) => return None,
        None => (
            page.rsplit_once('/').map_or("", |(dir, _)| dir),
            url.to_string(),
        ),
    };
    let mut parts: Vec<String> = if base.is_empty() {
        Vec::new()
    } else {
        base.split('/').map(str::to_string).collect()
    };
    for part in url.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().expect("link leaves the site");
            }
            other => parts.push(ouvert::util::url::decode_path(other)),
        }
    }
    let mut path = parts.join("/");
    if url.ends_with('/') || path.is_empty() {
        path = format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string();
    }
    Some(path)
}
