//! Watching the portal folder: which events mean "the portal changed", and
//! waiting until an editor has finished saving before rebuilding.
//!
//! The portal root is watched without recursion (editors save
//! `ouvert.toml` atomically, by renaming a temporary file over it), and
//! each of its folders recursively, except the output folder, the cache and
//! other hidden folders (`.git`): their changes are not the editor's, and
//! watching them would spend inotify watches and wake the preview for
//! nothing. A folder created later at the top (a first `pages/`) is added
//! when its creation is seen.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must stay quiet before rebuilding: editors write a
/// file in several steps (temporary file, rename, backup) within a few
/// milliseconds, and one rebuild should see all of them.
pub const QUIET: Duration = Duration::from_millis(30);
/// A folder that never stays quiet (a copy in progress) is rebuilt anyway
/// after this long, so the preview never seems stuck.
const MAX_WAIT: Duration = Duration::from_millis(1000);
/// How often `--poll` looks at every file.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The build output's default folder: `ouvert build` writes there, and
/// its changes must not trigger a rebuild of the preview.
const OUTPUT_FOLDER: &str = "public";

/// What the events since the last rebuild amount to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Portal files that changed, relative to the portal, with `/`.
    pub paths: Vec<String>,
    /// The watcher lost events (a full queue): anything may have changed.
    pub rescan: bool,
    /// Folders created at the top of the portal, to watch from now on.
    pub new_folders: Vec<PathBuf>,
    /// Watch errors, already worded for the editor.
    pub errors: Vec<String>,
    /// Paths created since the last rebuild: those gone again were
    /// temporary files (`sed -i`, editors' safe writes under names not
    /// known here), which changed nothing.
    created: Vec<String>,
}

impl Changes {
    /// Whether the portal must be rebuilt.
    pub fn any(&self) -> bool {
        self.rescan || !self.paths.is_empty()
    }

    /// Adds what one watcher event says about the portal at `root`.
    pub fn add(&mut self, root: &Path, event: notify::Result<Event>) {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                self.errors.push(describe_error(&error));
                return;
            }
        };
        if event.need_rescan() {
            self.rescan = true;
        }
        if !changes_content(&event.kind) {
            return;
        }
        for path in &event.paths {
            let Some(relative) = portal_path(root, path) else {
                continue;
            };
            if matches!(event.kind, EventKind::Create(_)) {
                if !relative.contains('/') && path.is_dir() {
                    self.new_folders.push(path.clone());
                }
                self.created.push(relative.clone());
            }
            if !self.paths.contains(&relative) {
                self.paths.push(relative);
            }
        }
    }

    /// Forgets the files created and removed again since the last rebuild.
    fn drop_transient(&mut self, root: &Path) {
        let created = std::mem::take(&mut self.created);
        self.paths.retain(|path| {
            !created.contains(path) || std::fs::symlink_metadata(root.join(path)).is_ok()
        });
    }

    /// A short account for the terminal: `datasets/a/index.md`, or the
    /// first one and how many others.
    pub fn summary(&self) -> String {
        match self.paths.as_slice() {
            [] => "the watcher lost track of events".to_string(),
            [one] => one.clone(),
            [first, rest @ ..] => format!(
                "{first} and {} other {}",
                rest.len(),
                if rest.len() == 1 { "file" } else { "files" }
            ),
        }
    }
}

/// Whether an event of this kind may change what the portal holds. Reading
/// a file is an event too (inotify reports opens): the build reads every
/// file, and counting those would rebuild forever.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        // Unknown kinds: better a rebuild too many than a stale preview.
        EventKind::Any | EventKind::Other => true,
    }
}

/// The path of `path` in the portal at `root`, when a change there can
/// change the site: not in the output or a hidden folder, not an editor's
/// temporary file.
pub fn portal_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        let name = name.to_str()?;
        if crate::load::is_ignored(name) || is_editor_temporary(name) {
            return None;
        }
        parts.push(name);
    }
    if parts.is_empty() || parts[0] == OUTPUT_FOLDER {
        return None;
    }
    Some(parts.join("/"))
}

/// Files editors write beside the one being saved and remove (or keep as
/// backups). Hidden ones (`.index.md.swp`, `.#index.md`,
/// `.goutputstream-…`) are already ignored as hidden files.
fn is_editor_temporary(name: &str) -> bool {
    name.ends_with('~') // backups of Vim, Emacs, gedit
        || (name.starts_with('#') && name.ends_with('#')) // Emacs auto-save
        || name == "4913" // Vim's probe that it may write in the folder
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___") // JetBrains safe write
        || name.ends_with("___jb_old___")
        || name.ends_with(".crdownload")
        || name.ends_with(".part")
}

/// The folders of the portal to watch recursively.
fn watched_folders(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path())
        .filter(|path| portal_path(root, path).is_some())
        .collect();
    folders.sort();
    folders
}

/// Watches a portal folder and hands its changes over, debounced.
pub struct PortalWatcher {
    root: PathBuf,
    watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    /// How the folder is watched, for the terminal.
    pub mode: WatchMode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchMode {
    Native,
    Poll,
    /// Native watching failed (the message says why); polling instead.
    PollAfter(String),
}

impl PortalWatcher {
    /// Starts watching `root` (an absolute path). Native events unless
    /// `poll`; when the system refuses native watching (its limit on
    /// watches is reached), polls instead and says why.
    pub fn start(root: &Path, poll: bool) -> anyhow::Result<PortalWatcher> {
        let (sender, events) = std::sync::mpsc::channel();
        let mut mode = if poll {
            WatchMode::Poll
        } else {
            WatchMode::Native
        };
        if !poll {
            match native(root, sender.clone()) {
                Ok(watcher) => {
                    return Ok(PortalWatcher { root: root.to_path_buf(), watcher, events, mode });
                }
                Err(error) => mode = WatchMode::PollAfter(describe_error(&error)),
            }
        }
        // The events a failed native watcher queued are worth nothing.
        let (sender, events) = match mode {
            WatchMode::PollAfter(_) => std::sync::mpsc::channel(),
            _ => (sender, events),
        };
        let watcher = polling(root, sender).map_err(|error| {
            anyhow::anyhow!(
                "cannot watch {}: {}",
                root.display(),
                describe_error(&error)
            )
        })?;
        Ok(PortalWatcher { root: root.to_path_buf(), watcher, events, mode })
    }

    /// Waits for the portal to change and stay quiet for [`QUIET`]; `None`
    /// when the watcher stopped.
    pub fn next_changes(&mut self) -> Option<Changes> {
        loop {
            let mut changes = Changes::default();
            changes.add(&self.root, self.events.recv().ok()?);
            let start = Instant::now();
            while start.elapsed() < MAX_WAIT {
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => changes.add(&self.root, event),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            changes.drop_transient(&self.root);
            for folder in std::mem::take(&mut changes.new_folders) {
                if let Err(error) = self.watcher.watch(&folder, RecursiveMode::Recursive) {
                    changes.errors.push(describe_error(&error));
                }
            }
            if changes.any() || !changes.errors.is_empty() {
                return Some(changes);
            }
        }
    }
}

fn watch_portal(watcher: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in watched_folders(root) {
        watcher.watch(&folder, RecursiveMode::Recursive)?;
    }
    Ok(())
}

fn native(
    root: &Path,
    sender: Sender<notify::Result<Event>>,
) -> notify::Result<Box<dyn Watcher + Send>> {
    let mut watcher = RecommendedWatcher::new(
        move |event| {
            let _ = sender.send(event);
        },
        notify::Config::default(),
    )?;
    watch_portal(&mut watcher, root)?;
    Ok(Box::new(watcher))
}

fn polling(
    root: &Path,
    sender: Sender<notify::Result<Event>>,
) -> notify::Result<Box<dyn Watcher + Send>> {
    let mut watcher = PollWatcher::new(
        move |event| {
            let _ = sender.send(event);
        },
        notify::Config::default().with_poll_interval(POLL_INTERVAL),
    )?;
    watch_portal(&mut watcher, root)?;
    Ok(Box::new(watcher))
}

/// Says what went wrong in words an editor can act on. Linux reports an
/// exhausted watch limit as "no space left on device", which sends people
/// looking at their disk.
pub fn describe_error(error: &notify::Error) -> String {
    let at = error
        .paths
        .first()
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default();
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => format!(
            "the system's limit on watched folders is reached{at}: raise fs.inotify.max_user_watches (for example `sudo sysctl fs.inotify.max_user_watches=524288`, and the same line in /etc/sysctl.conf to keep it), or run `ouvert serve --poll`"
        ),
        notify::ErrorKind::Io(io) if io.raw_os_error() == Some(EMFILE) => format!(
            "the system's limit on file watchers is reached{at}: close other programs that watch files, or raise fs.inotify.max_user_instances, or run `ouvert serve --poll`"
        ),
        _ => format!("{error}"),
    }
}

/// "Too many open files", which inotify returns when a user has used up
/// `fs.inotify.max_user_instances`.
const EMFILE: i32 = 24;

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        let mut event = Event::new(kind);
        for path in paths {
            event = event.add_path(PathBuf::from(path));
        }
        Ok(event)
    }

    #[test]
    fn portal_files_count_and_others_do_not() {
        let root = Path::new("/p");
        let path = |p: &str| portal_path(root, Path::new(p));
        assert_eq!(path("/p/ouvert.toml").as_deref(), Some("ouvert.toml"));
        assert_eq!(
            path("/p/datasets/budget/index.md").as_deref(),
            Some("datasets/budget/index.md")
        );
        for ignored in [
            "/p",
            "/elsewhere/ouvert.toml",
            "/p/public/index.html",
            "/p/.ouvert-cache/index.json",
            "/p/.git/index",
            "/p/datasets/budget/.index.md.swp",
            "/p/datasets/budget/index.md~",
            "/p/datasets/budget/4913",
            "/p/datasets/budget/#index.md#",
            "/p/datasets/budget/~$budget.xlsx",
            "/p/datasets/budget/index.md___jb_tmp___",
        ] {
            assert_eq!(path(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn an_atomic_save_is_one_change_of_the_saved_file() {
        let root = Path::new("/p");
        let mut changes = Changes::default();
        // Write to a temporary file, then rename it over the original.
        for event in [
            event(
                EventKind::Create(CreateKind::File),
                &["/p/pages/.a.md.tmp123"],
            ),
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &["/p/pages/.a.md.tmp123"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/p/pages/.a.md.tmp123", "/p/pages/a.md"],
            ),
        ] {
            changes.add(root, event);
        }
        assert_eq!(changes.paths, ["pages/a.md"]);
        assert!(changes.any());
    }

    #[test]
    fn a_temporary_file_renamed_over_the_saved_one_is_not_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("pages")).unwrap();
        std::fs::write(root.join("pages/a.md"), "saved").unwrap();
        let at = |p: &str| root.join(p).to_string_lossy().into_owned();
        let mut changes = Changes::default();
        // `sed -i`: a temporary file under a random name, renamed over.
        for event in [
            event(EventKind::Create(CreateKind::File), &[&at("pages/sedX1b2")]),
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &[&at("pages/sedX1b2")],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::From)),
                &[&at("pages/sedX1b2")],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                &[&at("pages/a.md")],
            ),
        ] {
            changes.add(root, event);
        }
        changes.drop_transient(root);
        assert_eq!(changes.paths, ["pages/a.md"]);

        // A file created and deleted again changes nothing at all.
        let mut changes = Changes::default();
        changes.add(
            root,
            event(EventKind::Create(CreateKind::File), &[&at("pages/x")]),
        );
        changes.add(
            root,
            event(EventKind::Remove(RemoveKind::File), &[&at("pages/x")]),
        );
        changes.drop_transient(root);
        assert!(!changes.any());

        // A deleted file of the portal is a change.
        let mut changes = Changes::default();
        changes.add(
            root,
            event(EventKind::Remove(RemoveKind::File), &[&at("pages/b.md")]),
        );
        changes.drop_transient(root);
        assert_eq!(changes.paths, ["pages/b.md"]);
    }

    #[test]
    fn reading_files_is_not_a_change() {
        let root = Path::new("/p");
        let mut changes = Changes::default();
        changes.add(
            root,
            event(
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                &["/p/ouvert.toml"],
            ),
        );
        changes.add(
            root,
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                &["/p/ouvert.toml"],
            ),
        );
        assert!(!changes.any());
        changes.add(
            root,
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["/p/ouvert.toml"],
            ),
        );
        assert_eq!(changes.paths, ["ouvert.toml"]);
    }

    #[test]
    fn lost_events_rebuild_everything() {
        let mut changes = Changes::default();
        changes.add(
            Path::new("/p"),
            Ok(Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan)),
        );
        assert!(changes.any());
        assert_eq!(changes.summary(), "the watcher lost track of events");
    }

    #[test]
    fn summary_names_the_first_file() {
        let changes = Changes {
            paths: vec!["a.md".into(), "b.md".into(), "c.md".into()],
            ..Changes::default()
        };
        assert_eq!(changes.summary(), "a.md and 2 other files");
    }

    #[test]
    fn an_exhausted_watch_limit_names_the_setting() {
        let error = notify::Error::new(notify::ErrorKind::MaxFilesWatch)
            .add_path(PathBuf::from("/p/datasets"));
        assert_eq!(
            describe_error(&error),
            "the system's limit on watched folders is reached (/p/datasets): raise fs.inotify.max_user_watches (for example `sudo sysctl fs.inotify.max_user_watches=524288`, and the same line in /etc/sysctl.conf to keep it), or run `ouvert serve --poll`"
        );
        let mut changes = Changes::default();
        changes.add(Path::new("/p"), Err(error));
        assert_eq!(changes.errors.len(), 1);
        assert!(!changes.any());
    }

    #[test]
    fn watches_the_portal_folders_but_not_the_output_or_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["datasets", "pages", "public", ".git", ".ouvert-cache"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
        }
        std::fs::write(dir.path().join("ouvert.toml"), "").unwrap();
        let folders = watched_folders(dir.path());
        assert_eq!(
            folders,
            [dir.path().join("datasets"), dir.path().join("pages")]
        );
    }
}
