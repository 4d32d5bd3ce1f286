//! Load stage: walks the portal folder, reads its Markdown files and parses
//! their front matter. Data files are only listed here; `profile` reads them.
//!
//! Invariants: hidden files and folders, office lock files and system files
//! are skipped; the output folder (when
//! inside the portal) is skipped; every list is sorted by path so the build
//! does not depend on the order the file system returns entries; a file is
//! only listed when it lies inside the portal folder, even through a link.

pub mod frontmatter;
pub mod history;
pub mod raw;
pub mod versions;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use frontmatter::Document;
use raw::{RawDataset, RawOrganization, RawPage, RawRequest, RawReuse};

/// A file of the portal.
#[derive(Debug, Clone)]
pub struct PortalFile {
    /// Relative to the portal folder, `/`-separated.
    pub path: String,
    pub abs: PathBuf,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// A Markdown file and its parsed front matter.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub doc: Document,
    pub meta: T,
}

#[derive(Debug)]
pub struct DatasetSource {
    /// Name of the folder under `datasets/`.
    pub name: String,
    /// `datasets/<name>`.
    pub folder: String,
    /// `None` when `index.md` is missing or unreadable (already reported).
    pub index: Option<Loaded<RawDataset>>,
    /// Every other file of the folder, recursively.
    pub files: Vec<PortalFile>,
    /// The newest modification time of its files, `index.md` included.
    pub modified: Option<SystemTime>,
}

/// An organization or a free page: `<dir>/<name>.md`.
#[derive(Debug)]
pub struct NamedDocument<T> {
    /// File name without `.md`.
    pub name: String,
    pub loaded: Loaded<T>,
}

/// A file of `schemas/` and its text (JSON schemas are small).
#[derive(Debug)]
pub struct SchemaSource {
    pub file: PortalFile,
    /// `None` for files that are not `.json` (published, not read) and
    /// for unreadable ones (reported).
    pub text: Option<String>,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub datasets: Vec<DatasetSource>,
    pub organizations: Vec<NamedDocument<RawOrganization>>,
    pub pages: Vec<NamedDocument<RawPage>>,
    pub reuses: Vec<NamedDocument<RawReuse>>,
    pub requests: Vec<NamedDocument<RawRequest>>,
    pub static_files: Vec<PortalFile>,
    pub schema_files: Vec<SchemaSource>,
}

/// Datasets' front matter parsed by an earlier load, by file, for a
/// process that loads the portal again and again (`ouvert serve`). An
/// entry is used only when the file's text is unchanged; each load keeps
/// only what it read, so memory follows the portal's size.
#[derive(Default)]
pub struct Memory {
    datasets: Mutex<HashMap<String, Loaded<RawDataset>>>,
}

/// Reads the portal at `root`, skipping `exclude` (the output folder) when
/// it lies inside.
pub fn load(
    root: &Path,
    exclude: Option<&Path>,
    memory: Option<&Memory>,
    diagnostics: &mut Diagnostics,
) -> Sources {
    let walker = Walker::new(root, exclude);
    let mut sources = Sources::default();

    let (folders, strays): (Vec<Entry>, Vec<Entry>) = walker
        .children("datasets", diagnostics)
        .into_iter()
        .partition(|entry| entry.is_dir);
    for entry in strays {
        diagnostics.push(
            Diagnostic::warning(format!(
                "{} is not inside a dataset folder and is not published",
                entry.path
            ))
            .file(&entry.path)
            .hint("put each dataset in its own folder: datasets/<name>/index.md and its files"),
        );
    }
    // Parsing a thousand front matters is most of this stage's time.
    let known = memory
        .map(|m| std::mem::take(&mut *m.datasets.lock().expect("load lock")))
        .unwrap_or_default();
    let loaded: Vec<(DatasetSource, Diagnostics)> = folders
        .into_par_iter()
        .map(|entry| {
            let mut found = Diagnostics::new();
            (load_dataset(&walker, entry, &known, &mut found), found)
        })
        .collect();
    let mut kept = HashMap::new();
    for (dataset, found) in loaded {
        if let (Some(index), Some(_)) = (&dataset.index, memory) {
            kept.insert(index.doc.path.clone(), index.clone());
        }
        sources.datasets.push(dataset);
        diagnostics.extend(found.into_sorted());
    }
    if let Some(memory) = memory {
        *memory.datasets.lock().expect("load lock") = kept;
    }
    sources.organizations = load_named(&walker, "organizations", diagnostics);
    sources.pages = load_named(&walker, "pages", diagnostics);
    sources.reuses = load_named(&walker, "reuses", diagnostics);
    sources.requests = load_named(&walker, "requests", diagnostics);
    sources.static_files = walker.files_under("static", diagnostics);
    sources.schema_files = walker
        .files_under("schemas", diagnostics)
        .into_iter()
        .map(|file| {
            let text = file
                .path
                .to_ascii_lowercase()
                .ends_with(".json")
                .then(|| read_text(&file, diagnostics))
                .flatten();
            SchemaSource { file, text }
        })
        .collect();
    sources
}

fn load_dataset(
    walker: &Walker,
    entry: Entry,
    known: &HashMap<String, Loaded<RawDataset>>,
    diagnostics: &mut Diagnostics,
) -> DatasetSource {
    let index_path = format!("{}/index.md", entry.path);
    let mut files = walker.files_under(&entry.path, diagnostics);
    let modified = files.iter().filter_map(|f| f.modified).max();
    let index = match files.iter().position(|f| f.path == index_path) {
        Some(i) => {
            let file = files.remove(i);
            let text = read_text(&file, diagnostics);
            match (text, known.get(&file.path)) {
                (Some(text), Some(loaded)) if loaded.doc.text == text => Some(loaded.clone()),
                (Some(text), _) => parse_loaded(&file, text, diagnostics),
                (None, _) => None,
            }
        }
        None => {
            diagnostics.push(
                Diagnostic::error(format!("the dataset folder {} has no index.md", entry.path))
                    .file(&entry.path)
                    .hint(format!(
                        "create {index_path} starting with front matter that gives at least a title:\n---\ntitle: …\n---"
                    )),
            );
            None
        }
    };
    DatasetSource { name: entry.name, folder: entry.path, index, files, modified }
}

fn load_named<T: DeserializeOwned>(
    walker: &Walker,
    dir: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<NamedDocument<T>> {
    let mut documents = Vec::new();
    for entry in walker.children(dir, diagnostics) {
        let stem = entry.name.strip_suffix(".md").filter(|_| !entry.is_dir);
        let Some(stem) = stem else {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "{} is not a Markdown file (.md) and is ignored",
                    entry.path
                ))
                .file(&entry.path),
            );
            continue;
        };
        let Some(file) = walker.file(&entry, diagnostics) else {
            continue;
        };
        if let Some(loaded) = read_loaded(&file, diagnostics) {
            documents.push(NamedDocument { name: stem.to_string(), loaded });
        }
    }
    documents
}

/// Reads a Markdown file and parses its front matter; problems are reported
/// and give `None`.
fn read_loaded<T: DeserializeOwned>(
    file: &PortalFile,
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let text = read_text(file, diagnostics)?;
    parse_loaded(file, text, diagnostics)
}

fn parse_loaded<T: DeserializeOwned>(
    file: &PortalFile,
    text: String,
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let doc = Document::split(&file.path, text)
        .map_err(|d| diagnostics.push(*d))
        .ok()?;
    let meta = doc.parse::<T>().map_err(|d| diagnostics.push(*d)).ok()?;
    Some(Loaded { doc, meta })
}

/// Reads a text file of the portal (UTF-8, byte-order mark removed);
/// problems are reported and give `None`.
fn read_text(file: &PortalFile, diagnostics: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(&file.abs) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(format!("cannot read {}: {e}", file.path)).file(&file.path),
            );
            return None;
        }
    };
    match crate::util::fs::decode_text(&bytes) {
        Ok(text) => Some(text.to_string()),
        Err(e) => {
            diagnostics.push(crate::config::not_utf8(&file.path, e));
            None
        }
    }
}

/// Hidden files, and files that office software and operating systems
/// leave in folders without the editor knowing: publishing them would
/// list a `~$budget.xlsx` lock file as a dataset's resource.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

struct Entry {
    name: String,
    /// Relative to the portal folder.
    path: String,
    is_dir: bool,
    abs: PathBuf,
}

struct Walker {
    root: PathBuf,
    canonical_root: Option<PathBuf>,
    /// The output folder, relative to the portal, when inside it.
    exclude: Option<PathBuf>,
}

impl Walker {
    fn new(root: &Path, exclude: Option<&Path>) -> Walker {
        let canonical_root = root.canonicalize().ok();
        let exclude = exclude.and_then(|e| {
            let e = e.canonicalize().ok()?;
            e.strip_prefix(canonical_root.as_ref()?)
                .ok()
                .map(Path::to_path_buf)
        });
        Walker { root: root.to_path_buf(), canonical_root, exclude }
    }

    fn skipped(&self, relative: &Path) -> bool {
        let ignored = relative
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()));
        ignored || self.exclude.as_deref() == Some(relative)
    }

    /// Direct children of `dir` (relative to the portal), sorted.
    fn children(&self, dir: &str, diagnostics: &mut Diagnostics) -> Vec<Entry> {
        let abs = self.root.join(dir);
        if !abs.is_dir() {
            return Vec::new();
        }
        WalkDir::new(&abs)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|entry| self.entry(entry, diagnostics))
            .collect()
    }

    /// Every file below `dir` (relative to the portal), sorted by path.
    fn files_under(&self, dir: &str, diagnostics: &mut Diagnostics) -> Vec<PortalFile> {
        let abs = self.root.join(dir);
        if !abs.is_dir() {
            return Vec::new();
        }
        let mut files = Vec::new();
        let mut walk = WalkDir::new(&abs)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let is_dir = entry.as_ref().is_ok_and(|e| e.file_type().is_dir());
            match self.entry(entry, diagnostics) {
                Some(entry) if !entry.is_dir => {
                    if let Some(file) = self.file(&entry, diagnostics) {
                        files.push(file);
                    }
                }
                Some(_) => {}
                None if is_dir => walk.skip_current_dir(),
                None => {}
            }
        }
        files
    }

    /// Turns a walk entry into an [`Entry`], or `None` when it is skipped
    /// or unreadable (reported).
    fn entry(
        &self,
        entry: walkdir::Result<walkdir::DirEntry>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Entry> {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| self.relative(p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(format!("cannot read {path}: {e}")).file(path));
                return None;
            }
        };
        let relative = entry.path().strip_prefix(&self.root).ok()?;
        if self.skipped(relative) {
            return None;
        }
        let path = self.relative(entry.path());
        let file_type = entry.file_type();
        let is_dir = if file_type.is_symlink() {
            match self.link_target(entry.path()) {
                Ok(target_is_dir) => target_is_dir,
                Err(reason) => {
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "{path} is a link {reason}; it is not published"
                        ))
                        .file(&path),
                    );
                    return None;
                }
            }
        } else {
            file_type.is_dir()
        };
        if is_dir && file_type.is_symlink() {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "{path} is a link to a folder; links to folders are not followed"
                ))
                .file(&path),
            );
            return None;
        }
        Some(Entry {
            name: entry.file_name().to_string_lossy().into_owned(),
            path,
            is_dir,
            abs: entry.path().to_path_buf(),
        })
    }

    /// Whether a link points to a folder; an error when it points outside
    /// the portal or nowhere: publishing what a link points to outside the
    /// folder could publish a server's files.
    fn link_target(&self, link: &Path) -> Result<bool, &'static str> {
        let target = link
            .canonicalize()
            .map_err(|_| "to a file that does not exist")?;
        let root = self
            .canonical_root
            .as_ref()
            .ok_or("that cannot be checked")?;
        if !target.starts_with(root) {
            return Err("to a file outside the portal folder");
        }
        Ok(target.is_dir())
    }

    fn file(&self, entry: &Entry, diagnostics: &mut Diagnostics) -> Option<PortalFile> {
        match std::fs::metadata(&entry.abs) {
            Ok(meta) => Some(PortalFile {
                path: entry.path.clone(),
                abs: entry.abs.clone(),
                size: meta.len(),
                modified: meta.modified().ok(),
            }),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!("cannot read {}: {e}", entry.path)).file(&entry.path),
                );
                None
            }
        }
    }

    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}
