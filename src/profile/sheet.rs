//! Spreadsheets (XLSX, XLS, ODS): each non-empty sheet is a table whose
//! first row is the header.

use std::path::Path;

use calamine::{Data, Reader};

use super::{
    PREVIEW_ROWS, ProfileError, ProfileWarning, ResourceProfile, TableProfile, preview_cell,
};
use crate::vocab::FileKind;

pub fn profile_workbook(path: &Path, kind: FileKind) -> Result<ResourceProfile, ProfileError> {
    let what = match kind {
        FileKind::Ods => "OpenDocument spreadsheet (.ods)",
        FileKind::Xls => "Excel 97-2003 workbook (.xls)",
        _ => "Excel workbook (.xlsx)",
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        ProfileError::new(format!(
            "it is not a readable {what}: the file may be damaged or saved under the wrong extension ({e})"
        ))
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| ProfileError::new(format!("cannot read the sheet \"{name}\": {e}")))?;
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let columns: Vec<String> = header
            .iter()
            .map(|c| cell_text(c).trim().to_string())
            .collect();
        let mut count = 0u64;
        let mut preview = Vec::new();
        for row in rows {
            count += 1;
            if preview.len() < PREVIEW_ROWS {
                preview.push(row.iter().map(|c| preview_cell(&cell_text(c))).collect());
            }
        }
        tables.push(TableProfile { name: Some(name), columns, rows: count, preview });
    }
    let warnings = if tables.is_empty() {
        vec![ProfileWarning::EmptyWorkbook]
    } else {
        Vec::new()
    };
    Ok(ResourceProfile {
        tables,
        encoding: None,
        delimiter: None,
        geometry: None,
        warnings,
    })
}

/// A cell as text; dates as ISO 8601 (`2026-01-31`, `2026-01-31T08:30:00`).
pub fn cell_text(cell: &Data) -> String {
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
