//! The static JSON API (`api/catalog.json`, `api/datasets/<slug>.json`),
//! a contract documented in `docs/api.md` that other tools rely on: fields
//! are only ever added, never renamed or removed.

use serde::Serialize;

use crate::profile::{ColumnProfile, GeometrySummary, ProfileWarning, ResourceProfile};

/// A file's profile as the API and `ouvert profile --format json` give it.
/// The first table's rows and columns are at the top level; workbooks also
/// list every sheet in `tables`.
#[derive(Debug, Serialize)]
pub struct ProfileJson<'a> {
    pub encoding: Option<&'a str>,
    pub delimiter: Option<char>,
    pub quote: Option<char>,
    pub decimal_separator: Option<char>,
    pub header: bool,
    pub rows: u64,
    pub columns: &'a [ColumnProfile],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tables: Option<Vec<TableJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geometry: Option<&'a GeometrySummary>,
    pub warnings: &'a [ProfileWarning],
}

#[derive(Debug, Serialize)]
pub struct TableJson<'a> {
    pub name: Option<&'a str>,
    pub header: bool,
    pub rows: u64,
    pub columns: &'a [ColumnProfile],
}

impl<'a> ProfileJson<'a> {
    pub fn new(profile: &'a ResourceProfile) -> ProfileJson<'a> {
        let first = profile.tables.first();
        ProfileJson {
            encoding: profile.encoding.as_deref(),
            delimiter: profile.delimiter,
            quote: profile.quote,
            decimal_separator: profile.decimal_separator,
            header: first.is_some_and(|t| t.header),
            rows: first.map_or(0, |t| t.rows),
            columns: first.map_or(&[], |t| t.columns.as_slice()),
            tables: (profile.tables.len() > 1).then(|| {
                profile
                    .tables
                    .iter()
                    .map(|t| TableJson {
                        name: t.name.as_deref(),
                        header: t.header,
                        rows: t.rows,
                        columns: &t.columns,
                    })
                    .collect()
            }),
            geometry: profile.geometry.as_ref(),
            warnings: &profile.warnings,
        }
    }
}
