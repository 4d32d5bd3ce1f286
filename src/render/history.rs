//! The history of a dataset, for its page: the editor's `changelog`, and
//! the versions of its files in the portal's git history.

use serde::Serialize;

use super::views::{DateView, Views};

/// What changed in a dataset: the editor's `changelog`, and the versions
/// of its files in the portal's git history.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub changelog: Vec<ChangeView>,
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub date: DateView,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct VersionView {
    pub date: DateView,
    pub message: String,
    pub commit: String,
    pub files: Vec<FileVersionView>,
}

#[derive(Debug, Serialize)]
pub struct FileVersionView {
    pub name: String,
    /// "12,4 ko", or `None` when the version removed the file.
    pub size: Option<String>,
    /// "1 234 lignes", for CSV and TSV files.
    pub rows: Option<String>,
}

impl Views<'_> {
    pub fn history(&self, dataset: &crate::model::Dataset) -> HistoryView {
        let day = |date: jiff::civil::Date| {
            let date = crate::validate::PartialDate::Day(date);
            DateView { iso: date.to_string(), text: self.lang.date(date) }
        };
        HistoryView {
            changelog: dataset
                .meta
                .changelog
                .iter()
                .map(|change| ChangeView {
                    date: DateView {
                        iso: change.date.to_string(),
                        text: self.lang.date(change.date),
                    },
                    description: change.description.clone(),
                })
                .collect(),
            versions: dataset
                .versions
                .iter()
                .map(|version| VersionView {
                    date: day(version.date),
                    message: version.message.clone(),
                    commit: version.commit.clone(),
                    files: version
                        .files
                        .iter()
                        .map(|file| FileVersionView {
                            name: file.name.clone(),
                            size: file.size.map(|b| self.lang.bytes(b)),
                            rows: file.rows.map(|n| self.lang.count("rows_count", n)),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
