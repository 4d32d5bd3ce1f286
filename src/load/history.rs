//! When each dataset last changed, as the portal's history tells it: the
//! last git commit touching its folder when the portal is in a git work
//! tree, and the newest modification time of its files. The model picks
//! among these and the front matter's `modified`
//! ([`crate::model::quality::freshness`]).
//!
//! Git is asked twice for the whole portal (one `git log` pass over the
//! history of `datasets/`, one `git status`), never once per dataset: a
//! portal of 1,000 datasets must not spawn 1,000 processes. When git is
//! not installed or the folder is not a repository, the git dates are
//! simply absent: a portal needs no git to build.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use jiff::civil::Date;

use super::Sources;
use super::versions::{Commit, LOG_FORMAT, Version, Versions};

/// What the portal's history says of one dataset folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FolderDates {
    pub git: Option<GitDate>,
    /// The newest modification time of its files (`index.md` included),
    /// as a date in the local time zone.
    pub files: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitDate {
    /// The committer date of the last commit touching the folder, in the
    /// committer's own time zone.
    Committed(Date),
    /// Files of the folder differ from the last commit, or are not
    /// committed yet.
    Uncommitted,
}

/// "Today" for the whole run: `SOURCE_DATE_EPOCH` (seconds since 1970,
/// the reproducible-builds convention) when set, so that a build can be
/// replayed and tests do not depend on the day they run; else the local
/// date.
pub fn today() -> Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    match epoch {
        Some(timestamp) => timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
        None => jiff::ZonedDateTime::now().date(),
    }
}

/// What the portal's history says of its datasets, keyed by folder
/// (`datasets/<name>`): the dates of every folder, and the versions of the
/// files of those kept in git.
pub struct History {
    pub dates: BTreeMap<String, FolderDates>,
    pub versions: BTreeMap<String, Vec<Version>>,
}

/// Reads the history of every dataset folder of `sources`: one `git
/// status`, one `git log` pass serving both the dates and the versions,
/// and the two `git cat-file` that measure the versions.
pub fn portal_history(root: &Path, sources: &Sources) -> History {
    let folders: BTreeSet<&str> = sources.datasets.iter().map(|d| d.folder.as_str()).collect();
    let (git, versions) = git_history(root, &folders).unwrap_or_default();
    let dates = sources
        .datasets
        .iter()
        .map(|dataset| {
            let files = dataset.modified.and_then(local_date);
            let dates = FolderDates { git: git.get(dataset.folder.as_str()).copied(), files };
            (dataset.folder.clone(), dates)
        })
        .collect();
    History { dates, versions }
}

fn local_date(time: std::time::SystemTime) -> Option<Date> {
    let timestamp = jiff::Timestamp::try_from(time).ok()?;
    Some(
        timestamp
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date(),
    )
}

/// The git date of each folder and the versions of its files, or `None`
/// when git cannot tell (not installed, not a repository, or a failure:
/// the other sources then serve).
#[allow(clippy::type_complexity)]
fn git_history<'a>(
    root: &Path,
    folders: &'a BTreeSet<&'a str>,
) -> Option<(BTreeMap<&'a str, GitDate>, BTreeMap<String, Vec<Version>>)> {
    if folders.is_empty() {
        return None;
    }
    // Paths in `git status` are relative to the repository's root, which
    // may be above the portal (the example portal lives in ouvert's own
    // repository): the prefix turns them back into portal paths.
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8(prefix).ok()?.trim_end().to_string();
    // A dataset with uncommitted changes is "modified now": the build
    // publishes the folder as it is on disk, so that is what readers get,
    // and an editor who fixes a late dataset sees the warning go before
    // committing. Untracked files count: a new dataset is new today.
    // `--no-optional-locks`: a build only reads; it must not rewrite the
    // repository's index under an editor's feet. Asked beside the log pass:
    // the two wait on git, not on each other.
    let (status, log) = std::thread::scope(|scope| {
        let status = scope.spawn(|| {
            git(
                root,
                &[
                    "--no-optional-locks",
                    "status",
                    "--porcelain",
                    "-z",
                    "--untracked-files=all",
                    "--",
                    "datasets",
                ],
            )
        });
        (status.join().ok().flatten(), log_pass(root, folders))
    });
    let (mut dates, versions) = log?;
    let status = status?;
    let mut entries = status.split(|&b| b == 0);
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        // A rename is followed by its former path, which needs no date.
        if [entry[0], entry[1]]
            .iter()
            .any(|b| matches!(b, b'R' | b'C'))
        {
            entries.next();
        }
        let path = String::from_utf8_lossy(&entry[3..]);
        if let Some(folder) = path
            .strip_prefix(&prefix)
            .and_then(|p| folder_of(p, folders))
        {
            dates.insert(folder, GitDate::Uncommitted);
        }
    }
    Some((dates, versions.measured(root)))
}

/// One pass over the history, newest commit first: a folder's date is the
/// first commit that names one of its files, its versions the last commits
/// that changed its data files. Reading stops once every folder has both.
fn log_pass<'a>(
    root: &Path,
    folders: &'a BTreeSet<&'a str>,
) -> Option<(BTreeMap<&'a str, GitDate>, Versions<'a>)> {
    let mut dates = BTreeMap::new();
    let mut versions = Versions::new(folders);
    each_commit(root, LOG_FORMAT, |record| {
        if let Some(commit) = Commit::parse(record) {
            for path in &commit.paths {
                if let Some(folder) = folder_of(path, folders) {
                    dates
                        .entry(folder)
                        .or_insert(GitDate::Committed(commit.date));
                }
            }
            versions.add(&commit);
        }
        dates.len() < folders.len() || !versions.complete()
    })?;
    Some((dates, versions))
}

/// Runs `git log` over `datasets/`, newest commit first, and hands each
/// commit to `each` as `<format>\n<path>\0<path>\0…` (`--relative`: paths
/// relative to the portal, the rest of the repository left out) until it
/// returns false. `None` when git cannot run.
fn each_commit(root: &Path, format: &str, mut each: impl FnMut(&[u8]) -> bool) -> Option<()> {
    let mut child = Command::new("git")
        .current_dir(root)
        .args([
            "-c",
            "core.quotepath=false",
            "log",
            "--no-renames",
            "--relative",
            "--name-only",
            "-z",
            &format!("--format=format:%x1e{format}"),
            "--",
            "datasets",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let mut record = Vec::new();
        // Records start with the separator: the first read is empty. A
        // read error ends the pass: what was read stays right (commits
        // come newest first), the rest falls back.
        while matches!(reader.read_until(0x1e, &mut record), Ok(n) if n > 0) {
            if record.last() == Some(&0x1e) {
                record.pop();
            }
            let more = record.is_empty() || each(&record);
            record.clear();
            if !more {
                break;
            }
        }
    }
    // Stopped early, git may still be writing: it is not needed any more.
    let _ = child.kill();
    let _ = child.wait();
    Some(())
}

/// The dataset folder (`datasets/<name>`) a portal path lies in, if it is
/// one of `folders`.
fn folder_of<'a>(path: &str, folders: &BTreeSet<&'a str>) -> Option<&'a str> {
    let mut parts = path.splitn(3, '/');
    let (first, name) = (parts.next()?, parts.next()?);
    if first != "datasets" || name.is_empty() {
        return None;
    }
    folders.get(format!("datasets/{name}").as_str()).copied()
}

/// Runs git in `root` and returns its output when it succeeds.
fn git(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_dataset_folder_of_a_path() {
        let folders: BTreeSet<&str> = ["datasets/a", "datasets/b"].into_iter().collect();
        assert_eq!(
            folder_of("datasets/a/x/y.csv", &folders),
            Some("datasets/a")
        );
        assert_eq!(folder_of("datasets/b/", &folders), Some("datasets/b"));
        assert_eq!(folder_of("datasets/c/index.md", &folders), None);
        assert_eq!(folder_of("pages/a/index.md", &folders), None);
        assert_eq!(folder_of("datasets", &folders), None);
    }
}
