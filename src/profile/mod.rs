//! Profile stage: reads data files (CSV/TSV, spreadsheets, JSON, GeoJSON)
//! to give their shape: tables, columns, row counts and a preview of the
//! first rows, decoded correctly whatever the encoding.
//!
//! Readers stream: memory stays bounded by the preview, not the file size.
//! A file that cannot be read gives a [`ProfileError`] with a plain
//! explanation and, when known, the line; the rest of the portal is still
//! processed.

mod encoding;
mod json;
mod sheet;
mod text;

use std::collections::BTreeMap;
use std::path::Path;

use crate::vocab::FileKind;

/// Rows kept for the preview of each table.
pub const PREVIEW_ROWS: usize = 10;
/// Characters kept of each previewed cell.
pub const PREVIEW_CELL_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceProfile {
    /// One table for a CSV or JSON file, one per sheet for a spreadsheet.
    pub tables: Vec<TableProfile>,
    /// WHATWG name of the text encoding (`UTF-8`, `windows-1252`, …), for text files.
    pub encoding: Option<&'static str>,
    /// Field separator of a CSV/TSV file.
    pub delimiter: Option<char>,
    /// For GeoJSON files.
    pub geometry: Option<GeometrySummary>,
    /// Problems that did not prevent reading (ragged rows, empty file…).
    pub warnings: Vec<ProfileWarning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableProfile {
    /// Sheet name for spreadsheets.
    pub name: Option<String>,
    pub columns: Vec<String>,
    /// Data rows, header excluded.
    pub rows: u64,
    /// The first rows, cells as text.
    pub preview: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GeometrySummary {
    pub features: u64,
    /// Geometry type (`Point`, `Polygon`…) and how many features have it.
    pub types: BTreeMap<String, u64>,
    /// `[min lon, min lat, max lon, max lat]`.
    pub bbox: Option<[f64; 4]>,
}

/// A problem that did not prevent reading. Structured, so that the dataset
/// page can say it in the portal's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileWarning {
    EmptyFile,
    EmptyWorkbook,
    /// Rows whose number of cells differs from the header's.
    RaggedRows {
        rows: u64,
        columns: usize,
        first_line: usize,
    },
    /// GeoJSON features whose geometry has no type or bad coordinates.
    BrokenGeometries {
        features: u64,
    },
}

impl ProfileWarning {
    /// In English, for the command line.
    pub fn message(&self) -> String {
        match self {
            ProfileWarning::EmptyFile => "the file is empty".to_string(),
            ProfileWarning::EmptyWorkbook => {
                "the workbook has no data: every sheet is empty".to_string()
            }
            ProfileWarning::RaggedRows { rows, columns, .. } => format!(
                "{rows} {} not have the {columns} cells of the header row",
                if *rows == 1 { "row does" } else { "rows do" }
            ),
            ProfileWarning::BrokenGeometries { features } => format!(
                "{features} {} a geometry that cannot be read (no type, or coordinates that are not numbers)",
                if *features == 1 {
                    "feature has"
                } else {
                    "features have"
                }
            ),
        }
    }

    pub fn line(&self) -> Option<usize> {
        match self {
            ProfileWarning::RaggedRows { first_line, .. } => Some(*first_line),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub message: String,
    /// Where the problem is, when known (line of a text file).
    pub line: Option<usize>,
}

impl ProfileError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ProfileError { message: message.into(), line: None }
    }
}

/// Profiles the file at `path`, read as `kind`. `None` for kinds that are
/// published without being read (PDF, ZIP…).
pub fn profile(path: &Path, kind: FileKind) -> Option<Result<ResourceProfile, ProfileError>> {
    Some(match kind {
        FileKind::Csv => text::profile_delimited(path, None),
        FileKind::Tsv => text::profile_delimited(path, Some(b'\t')),
        FileKind::Xlsx | FileKind::Xls | FileKind::Ods => sheet::profile_workbook(path, kind),
        FileKind::Json => json::profile_json(path),
        FileKind::GeoJson => json::profile_geojson(path),
        FileKind::Other => return None,
    })
}

/// A previewed cell: shortened, line breaks shown as spaces.
pub(crate) fn preview_cell(value: &str) -> String {
    let flat: String = value
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    crate::util::text::truncate_chars(&flat, PREVIEW_CELL_CHARS)
}

/// The profile (or the reason there is none) of each local resource that is
/// read, by dataset slug and resource index.
pub type Profiles = BTreeMap<(String, usize), Result<ResourceProfile, ProfileError>>;

/// Profiles every readable resource of the portal, in parallel. Unreadable
/// files are errors; what was read with trouble gives warnings.
pub fn profile_content(
    content: &crate::validate::Content,
    progress: bool,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) -> Profiles {
    use crate::diagnostics::Diagnostic;
    use crate::validate::ResourceLocation;
    use rayon::prelude::*;

    let mut jobs = Vec::new();
    for dataset in &content.datasets {
        for (i, resource) in dataset.resources.iter().enumerate() {
            if let ResourceLocation::Local(file) = &resource.location {
                let kind = FileKind::from_path(&file.name);
                if kind.is_tabular() {
                    jobs.push((dataset.slug.clone(), i, kind, &file.file));
                }
            }
        }
    }
    let total_bytes: u64 = jobs.iter().map(|j| j.3.size).sum();
    // Only worth a bar when reading takes a while.
    let bar = if progress && (jobs.len() > 200 || total_bytes > 200_000_000) {
        let bar = indicatif::ProgressBar::new(total_bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "reading data files {bar:30} {bytes}/{total_bytes} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<_> = jobs
        .into_par_iter()
        .filter_map(|(slug, i, kind, file)| {
            // The spreadsheet and JSON readers are third-party code: should
            // one panic on a malformed file, report that file and go on.
            let result = std::panic::catch_unwind(|| profile(&file.abs, kind)).unwrap_or_else(|_| {
                Some(Err(ProfileError::new(
                    "the file could not be read: it made the reader fail (the file is probably damaged)",
                )))
            })?;
            bar.inc(file.size);
            Some(((slug, i), file, result))
        })
        .collect();
    bar.finish_and_clear();

    let mut profiles = Profiles::new();
    for (key, file, result) in results {
        match &result {
            Ok(profile) => {
                for warning in &profile.warnings {
                    let mut d =
                        Diagnostic::warning(format!("{}: {}", file.path, warning.message()))
                            .file(&file.path);
                    if let Some(line) = warning.line() {
                        d = d.line(line);
                    }
                    diagnostics.push(d);
                }
            }
            Err(e) => {
                let mut d = Diagnostic::error(format!("cannot read {}: {}", file.path, e.message))
                    .file(&file.path);
                if let Some(line) = e.line {
                    d = d.line(line);
                }
                diagnostics.push(d);
            }
        }
        profiles.insert(key, result);
    }
    profiles
}
