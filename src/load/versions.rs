//! The versions of each dataset's files, as the portal's git history tells
//! them: for the last commits that changed a data file of the dataset, the
//! date, the commit's message, and each changed file's size and, for
//! delimited text, its number of rows.
//!
//! The commits come from the one `git log` pass that also dates the
//! datasets ([`super::history`]); then one `git cat-file --batch-check`
//! for the sizes and one `git cat-file --batch` for the rows of the files
//! small enough to count cheaply, for the whole portal, never one process
//! per dataset or per file. Without git, or outside a repository, there
//! are no versions: the dataset's `changelog` says what changed instead.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use jiff::civil::Date;

/// Versions kept per dataset, newest first.
pub const KEPT: usize = 10;

/// Files past this size are not read to count their rows: a dataset of
/// several gigabytes would make every build read ten of its versions.
const COUNTED_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Abbreviated commit hash.
    pub commit: String,
    /// The committer's date.
    pub date: Date,
    /// The first line of the commit's message.
    pub message: String,
    /// The data files the commit changed.
    pub files: Vec<FileVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileVersion {
    /// Path inside the dataset folder.
    pub name: String,
    /// `None` when the commit removed the file.
    pub size: Option<u64>,
    /// Rows of a CSV or TSV file, header excluded.
    pub rows: Option<u64>,
}

/// One commit of the log: `<hash>\x1f<date>\x1f<subject>\n<path>\0<path>\0…`,
/// the format [`LOG_FORMAT`] asks for.
pub(super) struct Commit {
    pub hash: String,
    /// The committer's date, in the committer's own time zone.
    pub date: Date,
    pub message: String,
    /// Paths relative to the portal.
    pub paths: Vec<String>,
}

/// The `git log` format [`Commit::parse`] reads.
pub(super) const LOG_FORMAT: &str = "%h%x1f%cI%x1f%s";

impl Commit {
    pub(super) fn parse(record: &[u8]) -> Option<Commit> {
        let newline = record
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(record.len());
        let header = std::str::from_utf8(&record[..newline]).ok()?;
        let mut fields = header.trim_end_matches('\0').splitn(3, '\x1f');
        let hash = fields.next()?.to_string();
        // `%cI` is `2026-11-28T14:36:55+01:00`: the date as the committer saw it.
        let date: Date = fields.next()?.get(..10)?.parse().ok()?;
        let message = fields.next().unwrap_or_default().trim().to_string();
        let paths = record
            .get(newline + 1..)
            .unwrap_or_default()
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        Some(Commit { hash, date, message, paths })
    }
}

/// The versions of each dataset folder, gathered commit by commit, newest
/// first.
pub(super) struct Versions<'a> {
    folders: &'a BTreeSet<&'a str>,
    kept: BTreeMap<String, Vec<Version>>,
}

impl<'a> Versions<'a> {
    pub(super) fn new(folders: &'a BTreeSet<&'a str>) -> Self {
        Versions { folders, kept: BTreeMap::new() }
    }

    /// Adds the commit as a version of each dataset whose data files it
    /// changed and that has fewer than [`KEPT`].
    pub(super) fn add(&mut self, commit: &Commit) {
        let mut changed: BTreeMap<&str, Vec<FileVersion>> = BTreeMap::new();
        for path in &commit.paths {
            if let Some((folder, name)) = data_file(path, self.folders) {
                changed.entry(folder).or_default().push(FileVersion {
                    name: name.to_string(),
                    size: None,
                    rows: None,
                });
            }
        }
        for (folder, files) in changed {
            let kept = self.kept.entry(folder.to_string()).or_default();
            if kept.len() < KEPT {
                kept.push(Version {
                    commit: commit.hash.clone(),
                    date: commit.date,
                    message: commit.message.clone(),
                    files,
                });
            }
        }
    }

    /// Whether every dataset has all the versions kept: older commits can
    /// add nothing.
    pub(super) fn complete(&self) -> bool {
        self.kept.len() == self.folders.len() && self.kept.values().all(|v| v.len() == KEPT)
    }

    /// The versions, each file's size and rows filled in.
    pub(super) fn measured(self, root: &Path) -> BTreeMap<String, Vec<Version>> {
        let mut versions = self.kept;
        measure(root, &mut versions);
        versions
    }
}

/// The folder and the name inside it of a data file of a dataset: not its
/// `index.md`, not a hidden or office lock file.
fn data_file<'a, 'p>(path: &'p str, folders: &BTreeSet<&'a str>) -> Option<(&'a str, &'p str)> {
    let mut parts = path.splitn(3, '/');
    let (first, name, rest) = (parts.next()?, parts.next()?, parts.next()?);
    if first != "datasets" || rest == "index.md" {
        return None;
    }
    let file_name = rest.rsplit('/').next().unwrap_or(rest);
    if super::is_ignored(file_name) {
        return None;
    }
    let folder = folders.get(format!("datasets/{name}").as_str()).copied()?;
    Some((folder, rest))
}

/// Fills in each file version's size and, for small delimited files, rows.
fn measure(root: &Path, versions: &mut BTreeMap<String, Vec<Version>>) {
    let objects: Vec<String> = versions
        .iter()
        .flat_map(|(folder, list)| {
            list.iter().flat_map(move |v| {
                v.files
                    .iter()
                    .map(move |f| format!("{}:./{folder}/{}", v.commit, f.name))
            })
        })
        .collect();
    let Some(sizes) = cat_file(root, "--batch-check", &objects, |_| None) else {
        return;
    };
    let counted: Vec<String> = objects
        .iter()
        .zip(&sizes)
        .filter(|(object, found)| {
            found.as_ref().is_some_and(|f| f.size <= COUNTED_BYTES) && is_delimited(object)
        })
        .map(|(object, _)| object.clone())
        .collect();
    let rows: BTreeMap<String, u64> = cat_file(root, "--batch", &counted, |content| {
        Some(count_rows(content))
    })
    .map(|found| {
        counted
            .iter()
            .zip(found)
            .filter_map(|(object, found)| Some((object.clone(), found?.rows?)))
            .collect()
    })
    .unwrap_or_default();
    let mut sizes = objects.iter().zip(sizes);
    for (_, list) in versions.iter_mut() {
        for version in list {
            for file in &mut version.files {
                let Some((object, size)) = sizes.next() else {
                    return;
                };
                file.size = size.map(|found| found.size);
                file.rows = rows.get(object).copied();
            }
        }
    }
}

fn is_delimited(object: &str) -> bool {
    let lower = object.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".tsv")
}

/// What `git cat-file` says of one object.
struct Found {
    size: u64,
    /// What `read` made of its content (with `--batch`).
    rows: Option<u64>,
}

/// Asks one `git cat-file` process about every object: its size, and with
/// `--batch`, `read` of its content. `None` for an object git does not
/// have (a file removed by that commit).
fn cat_file(
    root: &Path,
    mode: &str,
    objects: &[String],
    read: impl Fn(&[u8]) -> Option<u64>,
) -> Option<Vec<Option<Found>>> {
    if objects.is_empty() {
        return Some(Vec::new());
    }
    let mut child = Command::new("git")
        .current_dir(root)
        .args(["cat-file", mode])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input: String = objects.iter().map(|o| format!("{o}\n")).collect();
    // Written beside the reading: git answers as it reads, and a full pipe
    // on either side would stop both.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut reader = BufReader::new(child.stdout.take()?);
    let mut found = Vec::with_capacity(objects.len());
    let mut line = String::new();
    for _ in objects {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            break;
        }
        // `<oid> blob <size>`, or `<name> missing`.
        let size = match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            [_, "blob", size] => size.parse::<u64>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            found.push(None);
            continue;
        };
        let rows = if mode == "--batch" {
            // The content, then a line feed.
            let mut content = vec![0; size as usize + 1];
            reader.read_exact(&mut content).ok()?;
            read(&content[..size as usize])
        } else {
            None
        };
        found.push(Some(Found { size, rows }));
    }
    let _ = writer.join();
    let _ = child.wait();
    (found.len() == objects.len()).then_some(found)
}

/// Rows of a delimited text file, header excluded: line ends outside
/// quotes, as RFC 4180 reads them (a quoted cell may hold a line break).
fn count_rows(content: &[u8]) -> u64 {
    let mut quoted = false;
    let mut records = 0u64;
    let mut pending = false;
    for &byte in content {
        match byte {
            b'"' => {
                quoted = !quoted;
                pending = true;
            }
            b'\n' if !quoted => {
                if pending {
                    records += 1;
                }
                pending = false;
            }
            b'\r' => {}
            _ => pending = true,
        }
    }
    if pending {
        records += 1;
    }
    records.saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_log_record() {
        let commit = Commit::parse(
            b"a241eb1\x1f2026-11-28T23:36:55-05:00\x1fBudget 2026 vot\xc3\xa9\ndatasets/a/index.md\0datasets/a/b.csv\0\0",
        )
        .unwrap();
        assert_eq!(commit.hash, "a241eb1");
        assert_eq!(commit.date, jiff::civil::date(2026, 11, 28));
        assert_eq!(commit.message, "Budget 2026 voté");
        assert_eq!(commit.paths, ["datasets/a/index.md", "datasets/a/b.csv"]);
        assert!(Commit::parse(b"a\x1fnot a date\x1fx\n").is_none());
        assert!(Commit::parse(b"").is_none());
    }

    #[test]
    fn only_data_files_of_known_datasets_count() {
        let folders: BTreeSet<&str> = ["datasets/a"].into_iter().collect();
        assert_eq!(
            data_file("datasets/a/b.csv", &folders),
            Some(("datasets/a", "b.csv"))
        );
        assert_eq!(
            data_file("datasets/a/x/c.csv", &folders),
            Some(("datasets/a", "x/c.csv"))
        );
        assert_eq!(data_file("datasets/a/index.md", &folders), None);
        assert_eq!(data_file("datasets/a/~$b.xlsx", &folders), None);
        assert_eq!(data_file("datasets/z/b.csv", &folders), None);
    }

    #[test]
    fn rows_are_counted_outside_quotes() {
        assert_eq!(count_rows(b"a,b\n1,2\n3,4\n"), 2);
        assert_eq!(count_rows(b"a,b\r\n1,\"deux\nlignes\"\r\n3,4"), 2);
        assert_eq!(count_rows(b"a,b\n\n1,2\n\n"), 1);
        assert_eq!(count_rows(b""), 0);
    }
}
