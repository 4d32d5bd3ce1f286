//! Profiles cached by content, so an unchanged data file is never read
//! again: not when a description is edited, not on the next build.
//!
//! The cache lives in the portal's `.ouvert-cache/` folder (hidden: never
//! published, ignored by the file watcher, and listed in the `.gitignore`
//! that `ouvert new` writes). `index.json` maps each file to its size,
//! modification time and SHA-256; when size and time are unchanged the
//! hash is trusted without reading the file. Profiles are stored by hash,
//! so a renamed or copied file is not profiled again either. Everything is
//! kept in a folder named after [`FORMAT`]: a new version of the profile
//! format (or of ouvert) starts afresh, and the next build removes what
//! the old one left. A damaged cache is ignored, never an error.
//!
//! A process that builds again and again (`ouvert serve`) also keeps the
//! entries it read in [`Memory`], so a rebuild does not even parse them.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::chart::ChartData;
use super::{ProfileError, ResourceProfile};
use crate::load::PortalFile;
use crate::vocab::FileKind;

/// Name of the cache folder in the portal.
pub const DIR: &str = ".ouvert-cache";
/// Changes whenever what is cached changes shape or meaning; also the name
/// of the folder that holds the entries.
const FORMAT: &str = concat!("profile-11-", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize, Default)]
struct Index {
    format: String,
    files: BTreeMap<String, Stamp>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified_ns: u128,
    sha256: String,
}

/// What is stored for a file: its profile, or why it could not be read.
#[derive(Serialize, Deserialize)]
struct Entry {
    profile: Option<ResourceProfile>,
    error: Option<ProfileError>,
}

pub struct Cache<'m> {
    /// The cache folder.
    dir: Option<PathBuf>,
    /// Its folder for this [`FORMAT`].
    entries: Option<PathBuf>,
    old: Index,
    new: Mutex<Index>,
    memory: Option<&'m Memory>,
}

/// Entries kept in memory from one build to the next, by content like
/// the entries on disk, so they can never be stale. Each save keeps only
/// what the build used, so memory follows the portal's size, not the
/// number of rebuilds.
#[derive(Default)]
pub struct Memory {
    profiles: Mutex<HashMap<(String, FileKind), Result<ResourceProfile, ProfileError>>>,
    validations: Keyed<crate::schema::report::ValidationReport>,
    charts: Keyed<ChartData>,
}

/// Entries by file content and a second key.
type Keyed<T> = Mutex<HashMap<(String, String), T>>;

/// What a chart's data depends on besides the file: its kind and columns
/// (not its title).
pub fn chart_key(spec: &crate::validate::ChartSpec) -> String {
    let mut hasher = Sha256::new();
    for part in [spec.kind.id(), &spec.x, spec.y.as_deref().unwrap_or("")] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Memory {
    fn retain(&self, live: &std::collections::BTreeSet<&str>) {
        self.profiles
            .lock()
            .expect("cache lock")
            .retain(|(sha256, _), _| live.contains(sha256.as_str()));
        self.validations
            .lock()
            .expect("cache lock")
            .retain(|(sha256, _), _| live.contains(sha256.as_str()));
        self.charts
            .lock()
            .expect("cache lock")
            .retain(|(sha256, _), _| live.contains(sha256.as_str()));
    }
}

impl<'m> Cache<'m> {
    /// The cache of the portal at `root`, backed by `memory` when the
    /// process builds more than once.
    pub fn open(root: &Path, memory: Option<&'m Memory>) -> Cache<'m> {
        let dir = root.join(DIR);
        let old = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Index>(&bytes).ok())
            .filter(|index| index.format == FORMAT)
            .unwrap_or_default();
        Cache {
            entries: Some(dir.join(FORMAT)),
            dir: Some(dir),
            old,
            new: Mutex::new(Index { format: FORMAT.to_string(), files: BTreeMap::new() }),
            memory,
        }
    }

    /// A cache that keeps nothing (single files on the command line).
    pub fn disabled() -> Cache<'static> {
        Cache {
            dir: None,
            entries: None,
            old: Index::default(),
            new: Mutex::new(Index::default()),
            memory: None,
        }
    }

    /// The SHA-256 of `file`, read only when its size or time changed.
    pub fn sha256(&self, file: &PortalFile) -> std::io::Result<String> {
        let modified_ns = file
            .modified
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let known =
            self.old.files.get(&file.path).filter(|s| {
                s.size == file.size && s.modified_ns == modified_ns && modified_ns != 0
            });
        let sha256 = match known {
            Some(stamp) => stamp.sha256.clone(),
            None => sha256_of(&file.abs)?,
        };
        self.new.lock().expect("cache lock").files.insert(
            file.path.clone(),
            Stamp { size: file.size, modified_ns, sha256: sha256.clone() },
        );
        Ok(sha256)
    }

    fn entry_path(&self, sha256: &str, kind: FileKind) -> Option<PathBuf> {
        Some(
            self.entries
                .as_ref()?
                .join("profiles")
                .join(format!("{sha256}-{kind:?}.json")),
        )
    }

    /// The folder for the normalised copies of a file, by content: `None`
    /// when the cache is disabled (nothing is published then).
    pub fn normalized_dir(&self, sha256: &str, kind: FileKind) -> Option<PathBuf> {
        Some(
            self.entries
                .as_ref()?
                .join("normalized")
                .join(format!("{sha256}-{kind:?}")),
        )
    }

    pub fn get(
        &self,
        sha256: &str,
        kind: FileKind,
    ) -> Option<Result<ResourceProfile, ProfileError>> {
        let key = (sha256.to_string(), kind);
        if let Some(memory) = self.memory
            && let Some(known) = memory.profiles.lock().expect("cache lock").get(&key)
        {
            return Some(known.clone());
        }
        let bytes = std::fs::read(self.entry_path(sha256, kind)?).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        let result = match (entry.profile, entry.error) {
            (Some(profile), None) => Ok(profile),
            (None, Some(error)) => Err(error),
            _ => return None,
        };
        if let Some(memory) = self.memory {
            memory
                .profiles
                .lock()
                .expect("cache lock")
                .insert(key, result.clone());
        }
        Some(result)
    }

    pub fn put(
        &self,
        sha256: &str,
        kind: FileKind,
        result: &Result<ResourceProfile, ProfileError>,
    ) {
        let Some(path) = self.entry_path(sha256, kind) else {
            return;
        };
        if let Some(memory) = self.memory {
            memory
                .profiles
                .lock()
                .expect("cache lock")
                .insert((sha256.to_string(), kind), result.clone());
        }
        let entry = match result {
            Ok(profile) => Entry { profile: Some(profile.clone()), error: None },
            Err(e) => Entry { profile: None, error: Some(e.clone()) },
        };
        if let Ok(bytes) = serde_json::to_vec(&entry) {
            let _ = write_atomically(&path, &bytes);
        }
    }

    /// The entry `folder/{sha256}-{key}.json`: results kept by a file's
    /// content and a second key (a schema's content, a chart's columns).
    fn keyed_path(&self, folder: &str, sha256: &str, key: &str) -> Option<PathBuf> {
        Some(
            self.entries
                .as_ref()?
                .join(folder)
                .join(format!("{sha256}-{key}.json")),
        )
    }

    fn get_keyed<T: Clone + serde::de::DeserializeOwned>(
        &self,
        folder: &str,
        memory: Option<&Keyed<T>>,
        sha256: &str,
        key: &str,
    ) -> Option<T> {
        let pair = (sha256.to_string(), key.to_string());
        if let Some(known) = memory.and_then(|m| m.lock().expect("cache lock").get(&pair).cloned())
        {
            return Some(known);
        }
        let bytes = std::fs::read(self.keyed_path(folder, sha256, key)?).ok()?;
        let value: T = serde_json::from_slice(&bytes).ok()?;
        if let Some(memory) = memory {
            memory
                .lock()
                .expect("cache lock")
                .insert(pair, value.clone());
        }
        Some(value)
    }

    fn put_keyed<T: Clone + Serialize>(
        &self,
        folder: &str,
        memory: Option<&Keyed<T>>,
        sha256: &str,
        key: &str,
        value: &T,
    ) {
        let Some(path) = self.keyed_path(folder, sha256, key) else {
            return;
        };
        if let Some(memory) = memory {
            memory
                .lock()
                .expect("cache lock")
                .insert((sha256.to_string(), key.to_string()), value.clone());
        }
        if let Ok(bytes) = serde_json::to_vec(value) {
            let _ = write_atomically(&path, &bytes);
        }
    }

    /// The validation of a file's content against a schema's, if known.
    pub fn get_validation(
        &self,
        sha256: &str,
        schema_sha256: &str,
    ) -> Option<crate::schema::report::ValidationReport> {
        let memory = self.memory.map(|m| &m.validations);
        self.get_keyed("validations", memory, sha256, schema_sha256)
    }

    pub fn put_validation(
        &self,
        sha256: &str,
        schema_sha256: &str,
        report: &crate::schema::report::ValidationReport,
    ) {
        let memory = self.memory.map(|m| &m.validations);
        self.put_keyed("validations", memory, sha256, schema_sha256, report);
    }

    /// The data of a chart of a file's content, by [`chart_key`].
    pub fn get_chart(&self, sha256: &str, key: &str) -> Option<ChartData> {
        self.get_keyed("charts", self.memory.map(|m| &m.charts), sha256, key)
    }

    pub fn put_chart(&self, sha256: &str, key: &str, data: &ChartData) {
        self.put_keyed("charts", self.memory.map(|m| &m.charts), sha256, key, data);
    }

    /// Writes the index of this build and removes the profiles no file
    /// refers to any more, and the folders of other formats.
    pub fn save(&self) {
        let (Some(dir), Some(current)) = (&self.dir, &self.entries) else {
            return;
        };
        let index = self.new.lock().expect("cache lock");
        if index.files.is_empty() && !dir.exists() {
            return;
        }
        if let Some(memory) = self.memory {
            let live = index.files.values().map(|s| s.sha256.as_str()).collect();
            memory.retain(&live);
        }
        // Earlier formats: `profile-N-VERSION/`, or the folders themselves
        // at the top before entries were kept by format.
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let earlier = name.starts_with("profile-")
                || matches!(name.as_str(), "profiles" | "normalized" | "validations");
            if earlier && entry.path() != *current && entry.path().is_dir() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        // The usual rebuild, where no data file changed: nothing to write
        // or remove.
        if index.format == self.old.format && index.files == self.old.files {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec_pretty(&*index) {
            let _ = write_atomically(&dir.join("index.json"), &bytes);
        }
        let live: std::collections::BTreeSet<&str> =
            index.files.values().map(|s| s.sha256.as_str()).collect();
        for folder in ["profiles", "normalized", "validations", "charts"] {
            let Ok(entries) = std::fs::read_dir(current.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let sha256 = name.split('-').next().unwrap_or("");
                if !live.contains(sha256) {
                    let path = entry.path();
                    let _ = if path.is_dir() {
                        std::fs::remove_dir_all(path)
                    } else {
                        std::fs::remove_file(path)
                    };
                }
            }
        }
    }
}

pub fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(crate::util::hash::hex(&hasher.finalize()))
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}
