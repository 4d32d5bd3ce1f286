//! Spreadsheets (XLSX, XLS, ODS): each non-empty sheet is a table whose
//! first row is the header.

use std::path::Path;

use calamine::{Data, Reader};

use super::dialect;
use super::table::{CellEncoding, TableStats, column_names};
use super::{
    Outcome, ProfileError, ProfileWarning, ReadFailure, Reading, ResourceProfile, TableProfile,
    WorkbookFormat,
};
use crate::vocab::FileKind;

/// How many bytes a workbook's sheets hold: for XLSX and ODS, their XML
/// uncompressed, as the archive's table of contents declares it (read
/// without decompressing anything); for XLS, the file. 0 when the archive
/// cannot be read: calamine then says why.
fn sheets_size(path: &Path, kind: FileKind) -> u64 {
    let file_size = || std::fs::metadata(path).map_or(0, |m| m.len());
    if kind == FileKind::Xls {
        return file_size();
    }
    let Ok(mut archive) = std::fs::File::open(path)
        .map_err(zip::result::ZipError::Io)
        .and_then(zip::ZipArchive::new)
    else {
        return 0;
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        let Ok(name) = entry.name() else {
            continue;
        };
        let sheet = name.starts_with("xl/worksheets/")
            || name == "xl/sharedStrings.xml"
            || name == "content.xml";
        if sheet {
            total = total.saturating_add(entry.size());
        }
    }
    total
}

/// Reads a workbook: the profile of every sheet, and the validation of the
/// first sheet that holds data (as Validata does), as `reading` asks.
pub fn read(path: &Path, kind: FileKind, reading: &Reading) -> Result<Outcome, ProfileError> {
    let size = sheets_size(path, kind);
    if size > super::MAX_WORKBOOK_BYTES {
        return Err(ProfileError::new(ReadFailure::TooLarge {
            format: super::LargeFormat::Workbook,
            size,
            limit: super::MAX_WORKBOOK_BYTES,
        }));
    }
    let mut validation = None;
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        ProfileError::with_detail(
            ReadFailure::NotWorkbook { format: WorkbookFormat::of(kind) },
            e,
        )
    })?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| ProfileError::with_detail(ReadFailure::Sheet { name: name.clone() }, e))?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        // Sheets often start with blank rows above the table.
        let Some(first) = rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        else {
            continue;
        };
        let rows = &rows[first..];
        let sample: Vec<Vec<Vec<u8>>> = rows
            .iter()
            .take(50)
            .map(|r| r.iter().map(|c| c.as_bytes().to_vec()).collect())
            .collect();
        if validation.is_none() {
            let labels: Vec<&str> = rows[0].iter().map(String::as_str).collect();
            if let Some(validator) = reading.validator(&labels) {
                let mut state = validator.state();
                for row in &rows[1..] {
                    validator.push_row(&mut state, row);
                }
                validation = Some(validator.finish(state));
            }
        }
        if !reading.profile {
            break;
        }
        let header = dialect::has_header(&sample);
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let names = if header {
            let mut header_cells = rows[0].clone();
            header_cells.resize(width, String::new());
            column_names(&header_cells)
        } else {
            (1..=width).map(|i| format!("column_{i}")).collect()
        };
        let mut stats = TableStats::new(names.len(), CellEncoding::Utf8)
            .with_guard(reading.personal_data, &names);
        for (i, row) in rows.iter().enumerate().skip(usize::from(header)) {
            stats.push_row(row.iter().map(String::as_bytes), (first + i + 1) as u64);
        }
        let columns = stats.finish(&names, false);
        tables.push(TableProfile {
            name: Some(name),
            header,
            rows: stats.rows,
            personal_data: stats.personal_data(header),
            columns,
            preview: stats.preview,
        });
    }
    let warnings = if tables.is_empty() {
        vec![ProfileWarning::EmptyWorkbook]
    } else {
        Vec::new()
    };
    let decimal_separator = tables
        .first()
        .and_then(|t| super::file_decimal_separator(&t.columns));
    let profile = ResourceProfile {
        tables,
        encoding: None,
        delimiter: None,
        quote: None,
        decimal_separator,
        geometry: None,
        sketch: None,
        warnings,
    };
    Ok(Outcome { profile: reading.profile.then_some(profile), validation })
}

/// A cell as text; dates as ISO 8601 (`2026-01-31`, `2026-01-31T08:30:00`).
pub(super) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_duration() => {
            let seconds = (dt.as_f64() * 86_400.0).round() as i64;
            format!(
                "{}:{:02}:{:02}",
                seconds / 3600,
                seconds % 3600 / 60,
                seconds % 60
            )
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Spreadsheets store every number as a float: show whole numbers without
/// a decimal part (a SIRET must not read `21860194600000.0`).
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_as_text() {
        assert_eq!(cell_text(&Data::Float(21860194600000.0)), "21860194600000");
        assert_eq!(cell_text(&Data::Float(0.1)), "0.1");
        let date = ExcelDateTime::new(45943.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2025-10-13");
        let datetime = ExcelDateTime::new(45943.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(datetime)), "2025-10-13T12:00:00");
        let epoch_1904 = ExcelDateTime::new(0.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell_text(&Data::DateTime(epoch_1904)), "1904-01-01");
    }
}
