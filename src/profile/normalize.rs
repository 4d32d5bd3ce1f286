//! Normalised copies of tabular files, for reusers: UTF-8, comma-separated
//! CSV with ISO dates and decimal points, and the same rows as JSON with
//! typed values.
//!
//! A value is converted only when its column's profile makes it certain:
//! a column whose decimal convention or day/month order had to be guessed
//! keeps its values as written, and so does every value that does not fit
//! its column's type. Files are written once per content (into the cache)
//! and streamed: memory stays bounded whatever the size.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;

use super::column::{ColumnProfile, ColumnType, is_null};
use super::encoding::DecodingReader;
use super::infer::{self, DateLayout, DatetimeLayout};
use super::table::CellEncoding;
use super::tokenizer::Tokenizer;
use super::{ProfileError, ReadFailure, ResourceProfile, TableProfile};
use crate::vocab::FileKind;

/// The normalised files of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The sheet, for workbooks with several.
    pub table: Option<String>,
    pub csv: PathBuf,
    pub json: PathBuf,
    /// Sizes, known once the files are written.
    pub csv_bytes: u64,
    pub json_bytes: u64,
}

/// How to write the values of a column.
#[derive(Debug, Clone, Copy)]
enum Conversion {
    /// As written (text, or a guess that is not certain).
    Text,
    Boolean,
    /// Digits, maybe grouped; `decimal` is the file's decimal separator.
    Number {
        decimal: u8,
        integer: bool,
    },
    Date(DateLayout),
    Datetime(DatetimeLayout),
}

impl Conversion {
    fn of(column: &ColumnProfile) -> Conversion {
        if column.ambiguous {
            return Conversion::Text;
        }
        match column.kind {
            ColumnType::Boolean => Conversion::Boolean,
            ColumnType::Integer | ColumnType::Year => Conversion::Number {
                decimal: column.decimal_separator.map_or(b'.', |c| c as u8),
                integer: true,
            },
            ColumnType::Number => Conversion::Number {
                decimal: column.decimal_separator.map_or(b'.', |c| c as u8),
                integer: false,
            },
            ColumnType::Date => column
                .format
                .as_deref()
                .and_then(|f| DateLayout::ALL.into_iter().find(|l| l.pattern() == f))
                .map_or(Conversion::Text, Conversion::Date),
            ColumnType::Datetime => column
                .format
                .as_deref()
                .and_then(|f| DatetimeLayout::ALL.into_iter().find(|l| l.pattern() == f))
                .map_or(Conversion::Text, Conversion::Datetime),
            ColumnType::String | ColumnType::Any => Conversion::Text,
        }
    }
}

/// A converted cell.
enum Cell<'a> {
    Null,
    Text(&'a str),
    /// Text that is a JSON literal (number, `true`, `false`) as well.
    Literal(String),
    /// Text to quote in JSON (ISO dates).
    Converted(String),
}

fn convert<'a>(text: &'a str, conversion: Conversion) -> Cell<'a> {
    let trimmed = text.trim();
    if is_null(trimmed.as_bytes()) {
        return Cell::Null;
    }
    let bytes = trimmed.as_bytes();
    let converted = match conversion {
        Conversion::Text => None,
        Conversion::Boolean => infer::boolean(bytes).map(|b| Cell::Literal(b.to_string())),
        Conversion::Number { decimal, integer } => {
            let reading = infer::number_with(bytes, decimal == b'.', decimal == b',');
            reading
                .point
                .or(reading.comma)
                .filter(|n| n.value.is_finite())
                .map(|n| {
                    let exact = number_digits(trimmed, decimal);
                    Cell::Literal(
                        exact.unwrap_or_else(|| number_text(n.value, integer && n.integer)),
                    )
                })
        }
        Conversion::Date(layout) => {
            infer::date(bytes, layout).map(|days| Cell::Converted(infer::iso_date(days)))
        }
        Conversion::Datetime(layout) => datetime_text(bytes, layout).map(Cell::Converted),
    };
    converted.unwrap_or(Cell::Text(text))
}

/// A number as JSON writes it, from the digits as written: exact however
/// many there are (a float would round an 18-digit integer). `None` for
/// exponents, which [`number_text`] handles.
fn number_digits(text: &str, decimal: u8) -> Option<String> {
    let decimal = decimal as char;
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mut whole, mut fraction) = (String::new(), None::<String>);
    for c in digits.chars() {
        match c {
            '0'..='9' => fraction.as_mut().unwrap_or(&mut whole).push(c),
            c if c == decimal && fraction.is_none() => fraction = Some(String::new()),
            // Group separators: spaces, apostrophes, and the other of `.` and `,`.
            ' ' | '\u{A0}' | '\u{202F}' | '\'' | '.' | ',' if c != decimal => {}
            _ => return None,
        }
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.as_deref().unwrap_or("").trim_end_matches('0');
    let mut out = String::with_capacity(whole.len() + fraction.len() + 3);
    if negative && !(whole.is_empty() && fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

/// Shortest text of a number that reads back the same, without `.0` for
/// whole numbers.
fn number_text(value: f64, integer: bool) -> String {
    if integer && value.abs() < 9e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value}");
        text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
    }
}

/// An ISO datetime, keeping the offset as written (none stays none).
fn datetime_text(bytes: &[u8], layout: DatetimeLayout) -> Option<String> {
    // Only valid datetimes are rewritten.
    infer::datetime(bytes, layout)?;
    let text = std::str::from_utf8(bytes).ok()?;
    let (date, time) = text.split_once(['T', ' '])?;
    let date_layout = match layout {
        DatetimeLayout::DayMonthYearSpace => DateLayout::DayMonthYear,
        _ => DateLayout::Iso,
    };
    let date = infer::iso_date(infer::date(date.as_bytes(), date_layout)?);
    let offset_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, offset) = time.split_at(offset_at);
    let clock = if clock.len() == 5 {
        format!("{clock}:00")
    } else {
        clock.to_string()
    };
    Some(format!("{date}T{clock}{}", offset.to_ascii_uppercase()))
}

/// Writes a table as CSV and JSON at once.
struct Writers {
    csv: BufWriter<File>,
    json: BufWriter<File>,
    names: Vec<String>,
    /// `"name":` of each column, encoded once.
    keys: Vec<Vec<u8>>,
    conversions: Vec<Conversion>,
    rows: u64,
}

impl Writers {
    fn create(csv: &Path, json: &Path, table: &TableProfile) -> io::Result<Writers> {
        if let Some(parent) = csv.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut writers = Writers {
            csv: BufWriter::with_capacity(256 * 1024, File::create(csv)?),
            json: BufWriter::with_capacity(256 * 1024, File::create(json)?),
            names: table.columns.iter().map(|c| c.name.clone()).collect(),
            keys: table
                .columns
                .iter()
                .map(|c| {
                    let mut key = serde_json::to_vec(&c.name).unwrap_or_default();
                    key.push(b':');
                    key
                })
                .collect(),
            conversions: table.columns.iter().map(Conversion::of).collect(),
            rows: 0,
        };
        let header: Vec<&str> = writers.names.iter().map(String::as_str).collect();
        write_csv_row(&mut writers.csv, header.iter().copied())?;
        writers.json.write_all(b"[")?;
        Ok(writers)
    }

    fn row<'a>(&mut self, cells: impl Iterator<Item = &'a str>) -> io::Result<()> {
        let mut cells = cells;
        let converted: Vec<Cell> = self
            .conversions
            .iter()
            .map(|conversion| {
                cells
                    .next()
                    .map_or(Cell::Null, |text| convert(text, *conversion))
            })
            .collect();
        write_csv_row(
            &mut self.csv,
            converted.iter().map(|cell| match cell {
                Cell::Null => "",
                Cell::Text(text) => text,
                Cell::Literal(text) | Cell::Converted(text) => text.as_str(),
            }),
        )?;
        self.json
            .write_all(if self.rows == 0 { b"\n{" } else { b",\n{" })?;
        for (i, (key, cell)) in self.keys.iter().zip(&converted).enumerate() {
            if i > 0 {
                self.json.write_all(b",")?;
            }
            self.json.write_all(key)?;
            match cell {
                Cell::Null => self.json.write_all(b"null")?,
                Cell::Text(text) => serde_json::to_writer(&mut self.json, text)?,
                Cell::Converted(text) => serde_json::to_writer(&mut self.json, text)?,
                Cell::Literal(text) => self.json.write_all(text.as_bytes())?,
            }
        }
        self.json.write_all(b"}")?;
        self.rows += 1;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.json.write_all(b"\n]\n")?;
        self.csv.flush()?;
        self.json.flush()
    }
}

/// One CSV row: fields quoted only when they must be (RFC 4180).
pub(crate) fn write_csv_row<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = &'a str>,
) -> io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ')
        {
            out.write_all(b"\"")?;
            out.write_all(field.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// Where the normalised files of a file profiled as `profile` go in `dir`:
/// one pair per table.
pub fn targets(profile: &ResourceProfile, dir: &Path) -> Vec<Normalized> {
    let several = profile.tables.len() > 1;
    profile
        .tables
        .iter()
        .enumerate()
        .filter(|(_, table)| !table.columns.is_empty())
        .map(|(i, table)| {
            let name = if several {
                format!("table-{i}")
            } else {
                "table".to_string()
            };
            Normalized {
                table: table.name.clone().filter(|_| several),
                csv: dir.join(format!("{name}.csv")),
                json: dir.join(format!("{name}.json")),
                csv_bytes: 0,
                json_bytes: 0,
            }
        })
        .collect()
}

/// Writes the normalised files of `path` (profiled as `profile`) at
/// `targets` (from [`targets`]).
pub fn write(
    path: &Path,
    kind: FileKind,
    profile: &ResourceProfile,
    targets: &[Normalized],
) -> Result<(), ProfileError> {
    let written = match (kind, targets.first()) {
        (_, None) => Ok(()),
        (FileKind::Csv | FileKind::Tsv, Some(target)) => delimited(path, profile, target),
        (FileKind::Xlsx | FileKind::Xls | FileKind::Ods, Some(_)) => {
            workbook(path, profile, targets)
        }
        (FileKind::Json | FileKind::GeoJson, Some(target)) => json(path, kind, profile, target),
        (FileKind::Other, Some(_)) => Ok(()),
    };
    written.map_err(|e| ProfileError::with_detail(ReadFailure::WriteFailed, e))
}

/// The normalised files of `path` in `dir` (a cache folder named after
/// the file's content), written unless they already are. They are written
/// into a fresh folder renamed into place, so an interrupted build never
/// leaves a half-written copy to be published later.
pub fn in_folder(
    path: &Path,
    kind: FileKind,
    profile: &ResourceProfile,
    dir: &Path,
) -> Result<Vec<Normalized>, ProfileError> {
    static ATTEMPT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let failed = |e: io::Error| ProfileError::with_detail(ReadFailure::WriteFailed, e);
    let mut files = targets(profile, dir);
    if measure(&mut files).is_ok() {
        return Ok(files);
    }
    let attempt = ATTEMPT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let staging = dir.with_extension(format!("tmp-{}-{attempt}", std::process::id()));
    std::fs::create_dir_all(&staging).map_err(failed)?;
    let written = write(path, kind, profile, &targets(profile, &staging)).and_then(|()| {
        // A folder missing a file is damaged: replace it. But another build,
        // or a copy of the same file, may have just written it whole.
        if dir.is_dir() && measure(&mut targets(profile, dir)).is_err() {
            let _ = std::fs::remove_dir_all(dir);
        }
        match std::fs::rename(&staging, dir) {
            Err(_) if measure(&mut targets(profile, dir)).is_ok() => Ok(()),
            renamed => renamed.map_err(failed),
        }
    });
    let _ = std::fs::remove_dir_all(&staging);
    written.and_then(|()| measure(&mut files).map_err(failed))?;
    Ok(files)
}

/// Fills in the sizes of `files`; fails when one is missing.
fn measure(files: &mut [Normalized]) -> io::Result<()> {
    for file in files {
        file.csv_bytes = std::fs::metadata(&file.csv)?.len();
        file.json_bytes = std::fs::metadata(&file.json)?.len();
    }
    Ok(())
}

fn delimited(path: &Path, profile: &ResourceProfile, target: &Normalized) -> io::Result<()> {
    let Some(table) = profile.tables.first() else {
        return Ok(());
    };
    let mut writers = Writers::create(&target.csv, &target.json, table)?;
    let label = profile.encoding.as_deref().unwrap_or("UTF-8");
    let encoding = Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    let mut file = File::open(path)?;
    let mut head = [0u8; 3];
    let n = file.read(&mut head)?;
    let bom = match (utf16, &head[..n]) {
        (true, [_, _, ..]) => 2,
        (false, b"\xEF\xBB\xBF") => 3,
        _ => 0,
    };
    file.seek(SeekFrom::Start(bom))?;
    let delimiter = profile.delimiter.map_or(b',', |c| c as u8);
    let quote = profile.quote.map_or(b'"', |c| c as u8);
    // UTF-16 is decoded on the way in; single-byte encodings cell by cell.
    let (reader, cells): (Box<dyn Read>, CellEncoding) = if utf16 {
        (
            Box::new(DecodingReader::new(file, encoding)),
            CellEncoding::Utf8,
        )
    } else if encoding == encoding_rs::UTF_8 {
        (Box::new(file), CellEncoding::Utf8)
    } else {
        (Box::new(file), CellEncoding::SingleByte(encoding))
    };
    let mut tokenizer = Tokenizer::new(reader, delimiter, quote, 0, 256 * 1024);
    let mut skip = table.header;
    while let Some(batch) = tokenizer.next_batch(512)? {
        // Cells borrow from the batch; only those that need decoding are
        // copied.
        let mut texts: Vec<std::borrow::Cow<str>> = Vec::new();
        for i in 0..batch.len() {
            if std::mem::take(&mut skip) {
                continue;
            }
            texts.clear();
            texts.extend(batch.record(i).map(|cell| match cells {
                CellEncoding::Utf8 => String::from_utf8_lossy(cell),
                _ if cell.is_ascii() => String::from_utf8_lossy(cell),
                _ => cells.decode(cell).into(),
            }));
            writers.row(texts.iter().map(|t| t.as_ref()))?;
        }
    }
    writers.finish()
}

fn workbook(path: &Path, profile: &ResourceProfile, targets: &[Normalized]) -> io::Result<()> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(path).map_err(io::Error::other)?;
    let tables = profile.tables.iter().filter(|t| !t.columns.is_empty());
    for (table, target) in tables.zip(targets) {
        let Some(name) = &table.name else { continue };
        let range = workbook.worksheet_range(name).map_err(io::Error::other)?;
        let mut writers = Writers::create(&target.csv, &target.json, table)?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| row.iter().map(super::sheet::cell_text).collect())
            .collect();
        let first = rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
            .unwrap_or(rows.len());
        for row in rows.iter().skip(first + usize::from(table.header)) {
            writers.row(row.iter().map(String::as_str))?;
        }
        writers.finish()?;
    }
    Ok(())
}

fn json(
    path: &Path,
    kind: FileKind,
    profile: &ResourceProfile,
    target: &Normalized,
) -> io::Result<()> {
    let Some(table) = profile.tables.first() else {
        return Ok(());
    };
    let value: serde_json::Value = {
        let mut bytes = std::fs::read(path)?;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        serde_json::from_slice(&bytes).map_err(io::Error::other)?
    };
    let records = super::json::rows(&value, kind);
    let mut writers = Writers::create(&target.csv, &target.json, table)?;
    let mut texts: Vec<String> = Vec::new();
    for record in records {
        texts.clear();
        texts.extend(
            table
                .columns
                .iter()
                .map(|c| super::json::value_text(record.get(&c.name))),
        );
        writers.row(texts.iter().map(String::as_str))?;
    }
    writers.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::delimited::{self, Options};

    #[test]
    fn converts_only_what_is_certain() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("budget.csv");
        std::fs::write(
            &source,
            b"Libell\xE9;Montant;Date;Vote;Code\r\nMain-d'\x9Cuvre;40 000,50;31/01/2026;oui;01000\r\nCaf\xE9;12,5;01/02/2026;non;75001\r\nNA;;15/02/2026;Oui;2A004\r\n",
        )
        .unwrap();
        let profile = delimited::profile(&source, Options::new(None, 1)).unwrap();
        let files = targets(&profile, &dir.path().join("out"));
        write(&source, FileKind::Csv, &profile, &files).unwrap();
        let csv = std::fs::read_to_string(&files[0].csv).unwrap();
        assert_eq!(
            csv,
            "Libellé,Montant,Date,Vote,Code\nMain-d'œuvre,40000.5,2026-01-31,true,01000\nCafé,12.5,2026-02-01,false,75001\n,,2026-02-15,true,2A004\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&files[0].json).unwrap()).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({"Libellé": "Main-d'œuvre", "Montant": 40000.5, "Date": "2026-01-31", "Vote": true, "Code": "01000"})
        );
        assert_eq!(json[2]["Libellé"], serde_json::Value::Null);
    }

    #[test]
    fn ambiguous_columns_are_kept_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("dates.csv");
        std::fs::write(
            &source,
            "date,quantite\n01/02/2026,1.234\n03/04/2026,5.678\n",
        )
        .unwrap();
        let profile = delimited::profile(&source, Options::new(None, 1)).unwrap();
        let files = targets(&profile, &dir.path().join("out"));
        write(&source, FileKind::Csv, &profile, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(&files[0].csv).unwrap(),
            "date,quantite\n01/02/2026,1.234\n03/04/2026,5.678\n"
        );
    }

    #[test]
    fn numbers_keep_every_digit() {
        assert_eq!(number_digits("40 000,50", b',').as_deref(), Some("40000.5"));
        assert_eq!(number_digits("17\u{A0}833", b',').as_deref(), Some("17833"));
        assert_eq!(
            number_digits("1,234,567.80", b'.').as_deref(),
            Some("1234567.8")
        );
        assert_eq!(
            number_digits("123456789012345678", b'.').as_deref(),
            Some("123456789012345678")
        );
        assert_eq!(number_digits("-0,50", b',').as_deref(), Some("-0.5"));
        assert_eq!(number_digits("-0", b'.').as_deref(), Some("0"));
        assert_eq!(number_digits(",5", b',').as_deref(), Some("0.5"));
        assert_eq!(number_digits("+12.", b'.').as_deref(), Some("12"));
        assert_eq!(number_digits("1.5e3", b'.'), None);
    }

    #[test]
    fn numbers_and_datetimes() {
        assert_eq!(number_text(12.0, true), "12");
        assert_eq!(number_text(12.0, false), "12");
        assert_eq!(number_text(0.1, false), "0.1");
        assert_eq!(
            datetime_text(b"31/01/2024 08:30", DatetimeLayout::DayMonthYearSpace).as_deref(),
            Some("2024-01-31T08:30:00")
        );
        assert_eq!(
            datetime_text(b"2024-01-31T08:30:00+01:00", DatetimeLayout::IsoT).as_deref(),
            Some("2024-01-31T08:30:00+01:00")
        );
        assert_eq!(
            datetime_text(b"2024-01-31 08:30:00z", DatetimeLayout::IsoSpace).as_deref(),
            Some("2024-01-31T08:30:00Z")
        );
    }
}
