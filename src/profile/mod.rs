//! Profile stage: reads data files (CSV/TSV, spreadsheets, JSON, GeoJSON)
//! and describes them: encoding and dialect, tables, and for every column
//! its type, missing values, distinct values, extremes, mean, frequent
//! values and histogram, plus a preview of the first rows.
//!
//! One pass, bounded memory whatever the file size, several cores for
//! large CSV files (see [`delimited`]). A file that cannot be read gives a
//! [`ProfileError`] with a plain explanation and, when known, the line;
//! the rest of the portal is still processed.

pub mod cache;
pub mod chart;
pub mod column;
pub mod delimited;
pub(crate) mod dialect;
mod encoding;
pub mod geo;
mod histogram;
pub mod infer;
mod json;
pub mod normalize;
pub mod personal;
mod sheet;
mod stage;
mod table;
pub(crate) mod tokenizer;
mod values;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::vocab::FileKind;
pub use column::{ColumnProfile, ColumnType, HistogramBin, Scalar, TopValue};

/// Rows kept for the preview of each table.
pub const PREVIEW_ROWS: usize = 10;
/// Characters kept of each previewed cell.
pub const PREVIEW_CELL_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceProfile {
    /// One table for a CSV or JSON file, one per sheet for a spreadsheet.
    pub tables: Vec<TableProfile>,
    /// WHATWG name of the text encoding (`UTF-8`, `windows-1252`, …), for text files.
    pub encoding: Option<String>,
    /// Field separator of a CSV/TSV file.
    pub delimiter: Option<char>,
    /// Quote character of a CSV/TSV file.
    pub quote: Option<char>,
    /// The decimal separator of the file's numbers, when they have decimals.
    pub decimal_separator: Option<char>,
    /// For GeoJSON files.
    pub geometry: Option<GeometrySummary>,
    /// The shape of the file's geometries, simplified for its map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sketch: Option<geo::Sketch>,
    /// Problems that did not prevent reading (ragged rows, empty file…).
    pub warnings: Vec<ProfileWarning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableProfile {
    /// Sheet name for spreadsheets.
    pub name: Option<String>,
    /// What the personal-data guard found (masked).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personal_data: Vec<personal::Finding>,
    /// Whether the first row holds the column names.
    pub header: bool,
    /// Data rows, header excluded.
    pub rows: u64,
    pub columns: Vec<ColumnProfile>,
    /// The first rows, cells as text.
    pub preview: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeometrySummary {
    pub features: u64,
    /// Geometry type (`Point`, `Polygon`…) and how many features have it.
    pub types: BTreeMap<String, u64>,
    /// `[min lon, min lat, max lon, max lat]`.
    pub bbox: Option<[f64; 4]>,
}

/// A problem that did not prevent reading. Structured, so that the dataset
/// page can say it in the portal's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProfileWarning {
    EmptyFile,
    EmptyWorkbook,
    /// Rows whose number of cells differs from the header's.
    RaggedRows {
        rows: u64,
        columns: usize,
        first_line: usize,
    },
    /// Rows whose cells are all empty.
    BlankRows {
        rows: u64,
    },
    /// GeoJSON features whose geometry has no type or bad coordinates.
    BrokenGeometries {
        features: u64,
        /// 1-based position of the first one in the file's features.
        first_feature: usize,
    },
    /// Byte sequences of a UTF-8 file that are not UTF-8, read as U+FFFD.
    InvalidUtf8 {
        sequences: u64,
        first_line: usize,
    },
    /// Sequences of a UTF-16 file that are not UTF-16, read as U+FFFD.
    InvalidText {
        encoding: String,
        sequences: u64,
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
            ProfileWarning::BlankRows { rows } => format!(
                "{rows} {} empty",
                if *rows == 1 { "row is" } else { "rows are" }
            ),
            ProfileWarning::InvalidUtf8 { sequences, .. } => format!(
                "{sequences} {} not valid UTF-8 and shown as \u{FFFD}; save the file again as UTF-8 to correct {}",
                if *sequences == 1 {
                    "character is"
                } else {
                    "characters are"
                },
                if *sequences == 1 { "it" } else { "them" },
            ),
            ProfileWarning::InvalidText { encoding, sequences } => format!(
                "{sequences} {} not valid {encoding} and shown as \u{FFFD}; save the file again as UTF-8 to correct {}",
                if *sequences == 1 {
                    "character is"
                } else {
                    "characters are"
                },
                if *sequences == 1 { "it" } else { "them" },
            ),
            ProfileWarning::BrokenGeometries { features, first_feature } => format!(
                "{features} {} a geometry that cannot be read (no type, or coordinates that are not numbers): {} feature number {first_feature}",
                if *features == 1 {
                    "feature has"
                } else {
                    "features have"
                },
                if *features == 1 {
                    "the"
                } else {
                    "the first is"
                },
            ),
        }
    }

    pub fn line(&self) -> Option<usize> {
        match self {
            ProfileWarning::RaggedRows { first_line, .. }
            | ProfileWarning::InvalidUtf8 { first_line, .. } => Some(*first_line),
            _ => None,
        }
    }
}

/// Why a file could not be read. Structured, so that the dataset page can
/// say it in the portal's language; [`ProfileError::message`] says it in
/// English for the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadFailure {
    /// Opening or reading the file failed (permissions, disk).
    Io,
    /// Not text, though named as a text format.
    Binary {
        looks_like: Option<BinaryKind>,
    },
    Utf16WithoutBom,
    Undecodable,
    NotWorkbook {
        format: WorkbookFormat,
    },
    Sheet {
        name: String,
    },
    NotJson,
    /// JSON, but no list of objects in it.
    NoTable,
    NotGeoJson,
    NoFeatures,
    /// A third-party reader gave up on the file (it panicked).
    ReaderFailed,
    /// Too large to be read into memory (workbooks and JSON are; delimited
    /// files are streamed). Sizes in bytes.
    TooLarge {
        format: LargeFormat,
        size: u64,
        limit: u64,
    },
    /// The normalised copy could not be written (never shown on pages).
    WriteFailed,
}

/// The formats read into memory at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LargeFormat {
    /// A workbook: the size is that of its sheets, uncompressed.
    Workbook,
    Json,
}

/// The most a workbook's sheets may hold, uncompressed (XML for XLSX and
/// ODS, the file for XLS): their cells take about four times as much
/// memory once read.
pub const MAX_WORKBOOK_BYTES: u64 = 256_000_000;
/// The largest JSON or GeoJSON file read: its values take ten to twenty
/// times as much memory once parsed.
pub const MAX_JSON_BYTES: u64 = 100_000_000;

/// What a binary file named as text seems to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinaryKind {
    Zip,
    OldExcel,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookFormat {
    Xlsx,
    Xls,
    Ods,
}

impl WorkbookFormat {
    pub fn of(kind: FileKind) -> WorkbookFormat {
        match kind {
            FileKind::Ods => WorkbookFormat::Ods,
            FileKind::Xls => WorkbookFormat::Xls,
            _ => WorkbookFormat::Xlsx,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileError {
    pub failure: ReadFailure,
    /// What the reader reported, in its own (English, technical) words.
    pub detail: Option<String>,
    /// Where the problem is, when known (line of a text file).
    pub line: Option<usize>,
}

impl ProfileError {
    pub(crate) fn new(failure: ReadFailure) -> Self {
        ProfileError { failure, detail: None, line: None }
    }

    pub(crate) fn with_detail(failure: ReadFailure, detail: impl std::fmt::Display) -> Self {
        ProfileError { failure, detail: Some(detail.to_string()), line: None }
    }

    /// In English, for the command line.
    pub fn message(&self) -> String {
        let base = match &self.failure {
            ReadFailure::Io => "cannot read the file".to_string(),
            ReadFailure::Binary { looks_like } => format!(
                "this file is not text: {}",
                match looks_like {
                    Some(BinaryKind::Zip) => {
                        "it is a ZIP archive (an Excel .xlsx or OpenDocument .ods file saved under another name?)"
                    }
                    Some(BinaryKind::OldExcel) => {
                        "it is an old Excel .xls file saved under another name"
                    }
                    Some(BinaryKind::Pdf) => "it is a PDF document",
                    None => "it contains binary data",
                }
            ),
            ReadFailure::Utf16WithoutBom => "this file looks like UTF-16 text without a byte-order mark, which cannot be read reliably; save it again as \"CSV UTF-8\"".to_string(),
            ReadFailure::Undecodable => "cannot decode the file".to_string(),
            ReadFailure::NotWorkbook { format } => {
                let what = match format {
                    WorkbookFormat::Ods => "OpenDocument spreadsheet (.ods)",
                    WorkbookFormat::Xls => "Excel 97-2003 workbook (.xls)",
                    WorkbookFormat::Xlsx => "Excel workbook (.xlsx)",
                };
                let message = format!(
                    "it is not a readable {what}: the file may be damaged or saved under the wrong extension"
                );
                return match &self.detail {
                    Some(detail) => format!("{message} ({detail})"),
                    None => message,
                };
            }
            ReadFailure::Sheet { name } => format!("cannot read the sheet \"{name}\""),
            ReadFailure::NotJson => "the file is not valid JSON".to_string(),
            ReadFailure::NoTable => "the file holds no table: ouvert reads JSON that is a list of objects, or an object holding one".to_string(),
            ReadFailure::NotGeoJson => "the file is not GeoJSON: it should be an object with \"type\": \"FeatureCollection\" or \"Feature\"".to_string(),
            ReadFailure::NoFeatures => "the FeatureCollection has no \"features\" list".to_string(),
            ReadFailure::ReaderFailed => "the file made the reader fail: it is probably damaged".to_string(),
            ReadFailure::TooLarge { format, size, limit } => {
                let mb = |bytes: u64| {
                    let text = format!("{:.1}", bytes as f64 / 1e6);
                    text.trim_end_matches(".0").to_string()
                };
                match format {
                    LargeFormat::Workbook => format!(
                        "the workbook's sheets hold {} MB, more than the {} MB ouvert reads into memory: export the data as CSV, which is read whatever its size",
                        mb(*size),
                        mb(*limit)
                    ),
                    LargeFormat::Json => format!(
                        "the file is {} MB, more than the {} MB ouvert reads into memory: split it, or publish the table as CSV, which is read whatever its size",
                        mb(*size),
                        mb(*limit)
                    ),
                }
            }
            ReadFailure::WriteFailed => "cannot write the normalised copy".to_string(),
        };
        match &self.detail {
            Some(detail) => format!("{base}: {detail}"),
            None => base,
        }
    }
}

/// Profiles the file at `path`, read as `kind`. `None` for kinds that are
/// published without being read (PDF, ZIP…).
pub fn profile(
    path: &Path,
    kind: FileKind,
    jobs: usize,
) -> Option<Result<ResourceProfile, ProfileError>> {
    profile_with(path, kind, jobs, &Reading::profile())
}

/// [`profile`], reading as `reading` says (for instance with the
/// personal-data scan).
pub fn profile_with(
    path: &Path,
    kind: FileKind,
    jobs: usize,
    reading: &Reading,
) -> Option<Result<ResourceProfile, ProfileError>> {
    let outcome = read(path, kind, jobs, reading)?;
    Some(outcome.and_then(|o| {
        o.profile
            .ok_or_else(|| ProfileError::new(ReadFailure::ReaderFailed))
    }))
}

/// Reads the file at `path`, as `kind`, once: profiles it and validates it
/// as `reading` asks. `None` for kinds that are not tables.
pub fn read(
    path: &Path,
    kind: FileKind,
    jobs: usize,
    reading: &Reading,
) -> Option<Result<Outcome, ProfileError>> {
    let delimited =
        |delimiter| delimited::read(path, delimited::Options::new(delimiter, jobs), reading);
    Some(match kind {
        FileKind::Csv => delimited(None),
        FileKind::Tsv => delimited(Some(b'\t')),
        FileKind::Xlsx | FileKind::Xls | FileKind::Ods => sheet::read(path, kind, reading),
        FileKind::Json | FileKind::GeoJson => json::read(path, kind, reading),
        FileKind::Other => return None,
    })
}

/// The decimal separator of a file: the one of its decimal columns, the
/// most common when they disagree.
pub(crate) fn file_decimal_separator(columns: &[ColumnProfile]) -> Option<char> {
    let decimal: Vec<char> = columns
        .iter()
        .filter(|c| c.kind == ColumnType::Number)
        .filter_map(|c| c.decimal_separator)
        .collect();
    let commas = decimal.iter().filter(|&&c| c == ',').count();
    match decimal.len() {
        0 => None,
        n if commas * 2 > n => Some(','),
        _ => Some('.'),
    }
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

/// What the profile stage learnt of a local resource.
#[derive(Debug, Clone)]
pub struct Profiled {
    /// Hex SHA-256 of the file's content.
    pub sha256: String,
    /// For the files that are read: the profile, or why there is none.
    pub profile: Option<Result<ResourceProfile, ProfileError>>,
    /// Normalised copies (UTF-8 CSV and JSON), in the cache.
    pub normalized: Vec<normalize::Normalized>,
    /// For files that declare a schema and could be read: what validating
    /// them against it found.
    pub validation: Option<crate::schema::report::ValidationReport>,
    /// The charts its front matter declares that could be drawn.
    pub charts: Vec<chart::DeclaredChart>,
}

/// Local resources by dataset slug and resource index.
pub type Profiles = BTreeMap<(String, usize), Profiled>;

/// Runs a reader, turning a panic into an error: the spreadsheet and JSON
/// readers are third-party code, and one malformed file must not stop the
/// build.
pub(crate) fn guarded<T>(
    read: impl FnOnce() -> Result<T, ProfileError> + std::panic::UnwindSafe,
) -> Result<T, ProfileError> {
    std::panic::catch_unwind(read).unwrap_or_else(|_| unreadable())
}

fn unreadable<T>() -> Result<T, ProfileError> {
    Err(ProfileError::new(ReadFailure::ReaderFailed))
}

/// What to do while reading a file: profile it, validate it, or both, in
/// one pass.
#[derive(Debug, Default)]
pub struct Reading<'s> {
    pub profile: bool,
    /// With the profile, scan every row for personal data
    /// ([`personal`]): the build does, for its guard.
    pub personal_data: bool,
    /// The schema to validate against.
    pub schema: Option<&'s crate::schema::Schema>,
    /// Column sets whose values other tables' foreign keys refer to.
    pub collect: Vec<Vec<String>>,
}

impl Reading<'_> {
    /// Only the profile.
    pub fn profile() -> Reading<'static> {
        Reading {
            profile: true,
            personal_data: false,
            schema: None,
            collect: Vec::new(),
        }
    }

    /// The profile and the personal-data scan.
    pub fn profile_and_personal_data() -> Reading<'static> {
        Reading { personal_data: true, ..Reading::profile() }
    }

    /// A validator for a table whose first row is `labels`: against the
    /// schema, or against none when only keys are collected.
    pub fn validator(&self, labels: &[&str]) -> Option<crate::schema::validator::Validator<'_>> {
        static NO_SCHEMA: std::sync::OnceLock<crate::schema::Schema> = std::sync::OnceLock::new();
        let schema = match self.schema {
            Some(schema) => schema,
            None if self.collect.is_empty() => return None,
            None => NO_SCHEMA.get_or_init(crate::schema::Schema::empty),
        };
        Some(crate::schema::validator::Validator::new(
            schema,
            labels,
            true,
            &self.collect,
        ))
    }
}

/// What reading a file gave.
#[derive(Debug, Default)]
pub struct Outcome {
    pub profile: Option<ResourceProfile>,
    pub validation: Option<(
        crate::schema::report::ValidationReport,
        crate::schema::validator::Keys,
    )>,
}

pub use stage::profile_content;

/// Threads one large file may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
