//! What the last build published, file by file, so that a page whose
//! content did not change is not rendered again, and a file that did not
//! change is neither written nor read again.
//!
//! A page is the template it is made from applied to its context. The
//! renderer reduces both to a key; the memo remembers, for each file of
//! the published site, the key it was made from and the size and time of
//! the file. A build that finds the same key, and the file as it was left,
//! keeps the file and skips the template. What every page depends on
//! besides its own context (the site's settings, the interface strings,
//! the version of ouvert) is a fingerprint of its own; the templates are
//! remembered by name and text: a change to either makes every page new.
//!
//! Exports that are costly to make (the DCAT catalog) use the memo the
//! same way, with a key made from what they are made of. Every other
//! generated file is remembered by a key of its bytes: made again, it is
//! kept without reading the published file to compare them.
//!
//! The memo lives in the portal's `.ouvert-cache/`, one file per output
//! folder, never in the published site. Lost or damaged, it costs one
//! full render, never a wrong page.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Changes whenever the memo's meaning changes.
const FORMAT: &str = concat!("published-1-", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize, Default, PartialEq)]
struct Manifest {
    format: String,
    global: String,
    /// Template name → hash of its text.
    templates: BTreeMap<String, String>,
    /// Site path → how it was made and left.
    pages: BTreeMap<String, Page>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct Page {
    key: String,
    size: u64,
    modified_ns: u128,
}

pub struct Memo {
    file: PathBuf,
    old: Manifest,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    global: String,
    /// Whether the old pages may be kept: same fingerprint, same templates.
    reusable: bool,
    templates: BTreeMap<String, String>,
    /// The pages of this build.
    pages: BTreeMap<String, Made>,
}

enum Made {
    /// Kept as the previous build left it: its entry holds.
    Kept(Page),
    /// Written (or left in place as the same bytes) from this key: its
    /// size and time are read once the site is in place.
    Written(String),
}

/// A 128-bit hash, as text: the same input gives the same key in every
/// run of the same ouvert (the algorithm may change with the compiler:
/// every page is then made again, never a wrong one kept). The value's
/// bytes are gathered and hashed a piece at a time, since a page's
/// context or a catalog is made of many thousands of small values. XXH3
/// rather than SipHash: keys are compared, never exposed to anyone who
/// could choose the input against them, and SipHash took a tenth of a
/// 10,000-dataset build (XXH3 hashes many bytes at once).
pub fn key(value: &(impl Hash + ?Sized)) -> String {
    const PIECE: usize = 64 * 1024;
    struct Gathered {
        piece: Vec<u8>,
        hasher: xxhash_rust::xxh3::Xxh3,
    }
    impl Hasher for Gathered {
        fn write(&mut self, bytes: &[u8]) {
            self.piece.extend_from_slice(bytes);
            if self.piece.len() >= PIECE {
                self.hasher.update(&self.piece);
                self.piece.clear();
            }
        }
        /// Not how keys are made (they are 128 bits); only here because
        /// `Hasher` requires it.
        fn finish(&self) -> u64 {
            self.hasher.digest()
        }
    }
    let mut gathered = Gathered {
        piece: Vec::with_capacity(2 * PIECE),
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    value.hash(&mut gathered);
    gathered.hasher.update(&gathered.piece);
    format!("{:032x}", gathered.hasher.digest128())
}

/// The key of a file known by its bytes alone.
pub(super) fn content_key(bytes: &[u8]) -> String {
    format!("={:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

impl Memo {
    /// The memo of the site published at `out` from the portal at `portal`.
    pub(super) fn open(portal: &Path, out: &Path) -> Memo {
        let file = portal
            .join(crate::profile::cache::DIR)
            .join(format!("published-{}.json", key(&out)));
        let old = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|manifest| manifest.format == FORMAT)
            .unwrap_or_default();
        Memo { file, old, state: Mutex::new(State::default()) }
    }

    /// Starts a build whose pages all depend on `global`; `template` gives
    /// the current text of a template by name (`None` when gone).
    pub fn begin(&self, global: String, template: impl Fn(&str) -> Option<String>) {
        let same_templates = self
            .old
            .templates
            .iter()
            .all(|(name, hash)| template(name).is_some_and(|text| key(&text) == *hash));
        let reusable = !self.old.pages.is_empty() && self.old.global == global && same_templates;
        let mut state = self.state.lock().expect("memo lock");
        state.global = global;
        state.reusable = reusable;
        // Templates only skipped pages use are not loaded by this build:
        // they are still the ones checked above.
        if reusable {
            state.templates = self.old.templates.clone();
        }
    }

    /// The size and time the page at `path` was left with, when it was
    /// made from `key`: the file may then be kept as it is.
    pub fn published(&self, path: &str, key: &str) -> Option<(u64, SystemTime)> {
        if !self.state.lock().expect("memo lock").reusable {
            return None;
        }
        self.left_with(path, key)
    }

    /// [`Memo::published`] for a file whose key is its content
    /// ([`content_key`]), which holds whatever else changed.
    pub(super) fn left_with(&self, path: &str, key: &str) -> Option<(u64, SystemTime)> {
        let page = self.old.pages.get(path).filter(|page| page.key == key)?;
        let modified = UNIX_EPOCH + Duration::from_nanos(u64::try_from(page.modified_ns).ok()?);
        Some((page.size, modified))
    }

    /// The page at `path`, written from `key`, is part of this build.
    pub(super) fn record(&self, path: &str, key: String) {
        self.made(path, Made::Written(key));
    }

    /// The page at `path`, as [`Memo::published`] described it, is kept.
    pub(super) fn record_kept(&self, path: &str) {
        if let Some(page) = self.old.pages.get(path) {
            self.made(path, Made::Kept(page.clone()));
        }
    }

    fn made(&self, path: &str, made: Made) {
        self.state
            .lock()
            .expect("memo lock")
            .pages
            .insert(path.to_string(), made);
    }

    /// This build loaded the template `name`, of text `text`.
    pub fn template(&self, name: &str, text: &str) {
        self.state
            .lock()
            .expect("memo lock")
            .templates
            .insert(name.to_string(), key(&text));
    }

    /// Writes what was published at `out`, unless it is what the memo
    /// already says; a failure only costs the next build a full render.
    pub(super) fn save(self, out: &Path) {
        use rayon::prelude::*;
        let state = self.state.into_inner().expect("memo lock");
        let pages = state
            .pages
            .into_par_iter()
            .filter_map(|(path, made)| {
                let key = match made {
                    Made::Kept(page) => return Some((path, page)),
                    Made::Written(key) => key,
                };
                let meta = std::fs::metadata(out.join(&path)).ok()?;
                let modified_ns = meta
                    .modified()
                    .ok()?
                    .duration_since(UNIX_EPOCH)
                    .ok()?
                    .as_nanos();
                Some((path, Page { key, size: meta.len(), modified_ns }))
            })
            .collect();
        let manifest = Manifest {
            format: FORMAT.to_string(),
            global: state.global,
            templates: state.templates,
            pages,
        };
        if manifest == self.old {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&manifest) {
            let _ = crate::profile::cache::write_atomically(&self.file, &bytes);
        }
    }
}
