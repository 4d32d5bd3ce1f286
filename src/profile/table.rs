//! Statistics of a table (rows and columns), fed row by row by every
//! reader and mergeable across parts of a file.

use encoding_rs::Encoding;

use super::column::{ColumnProfile, ColumnStats, is_null};
use super::personal::Scanner;
use std::borrow::Cow;

use super::tokenizer::Batch;
use super::{PREVIEW_ROWS, preview_cell};

/// How the bytes of cells are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellEncoding {
    Utf8,
    /// Windows-1252 and other single-byte encodings: ASCII bytes are
    /// themselves, other bytes are decoded cell by cell.
    SingleByte(&'static Encoding),
}

impl CellEncoding {
    /// A cell as text, borrowed when its bytes already are.
    pub fn text(self, bytes: &[u8]) -> std::borrow::Cow<'_, str> {
        match self {
            CellEncoding::Utf8 => String::from_utf8_lossy(bytes),
            CellEncoding::SingleByte(_) if bytes.is_ascii() => {
                std::borrow::Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
            }
            CellEncoding::SingleByte(encoding) => {
                std::borrow::Cow::Owned(encoding.decode_without_bom_handling(bytes).0.into_owned())
            }
        }
    }

    /// A cell as UTF-8 bytes, for readers of bytes: a UTF-8 file's cells
    /// as they are, without checking them again (invalid sequences are
    /// the reader's to replace).
    pub fn utf8(self, bytes: &[u8]) -> Cow<'_, [u8]> {
        match self {
            CellEncoding::Utf8 => Cow::Borrowed(bytes),
            CellEncoding::SingleByte(_) => match self.text(bytes) {
                Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                Cow::Owned(text) => Cow::Owned(text.into_bytes()),
            },
        }
    }

    pub fn decode(self, bytes: &[u8]) -> String {
        self.text(bytes).into_owned()
    }
}

#[derive(Clone)]
pub struct TableStats {
    pub columns: Vec<ColumnStats>,
    pub rows: u64,
    /// Rows whose number of cells differs from the header's.
    pub ragged: u64,
    /// Where the first ragged row is: a line, or for delimited files the
    /// byte offset of the record (turned into a line at the end).
    pub first_ragged: Option<u64>,
    /// Rows whose cells are all empty.
    pub blank: u64,
    /// The first rows, as text.
    pub preview: Vec<Vec<String>>,
    encoding: CellEncoding,
    scratch: String,
    /// Byte sequences that are not UTF-8 although the encoding says so;
    /// their cells are read with U+FFFD in their place.
    pub invalid_utf8: u64,
    /// Byte offset of the first one.
    pub first_invalid: Option<u64>,
    /// The personal-data scan of the rows, when the table is profiled.
    guard: Option<Scanner>,
}

/// Adds a cell to its column. UTF-8 cells are valid UTF-8 (the caller
/// checked).
#[inline]
fn add_cell(column: &mut ColumnStats, raw: &[u8], encoding: CellEncoding, scratch: &mut String) {
    // Most cells have no surrounding spaces: check the ends first.
    let padded = raw.first().is_some_and(u8::is_ascii_whitespace)
        || raw.last().is_some_and(u8::is_ascii_whitespace);
    let trimmed = if padded { raw.trim_ascii() } else { raw };
    if is_null(trimmed) {
        column.add_null();
        return;
    }
    if trimmed.is_ascii() {
        column.add(raw, trimmed, trimmed.len() as u32);
        return;
    }
    match encoding {
        CellEncoding::Utf8 => {
            let chars = trimmed.iter().filter(|&&b| (b as i8) >= -0x40).count();
            column.add(raw, trimmed, chars as u32);
        }
        CellEncoding::SingleByte(encoding) => {
            scratch.clear();
            let mut decoder = encoding.new_decoder_without_bom_handling();
            scratch.reserve(trimmed.len() * 3);
            let _ = decoder.decode_to_string(trimmed, scratch, true);
            column.add(raw, scratch.as_bytes(), trimmed.len() as u32);
        }
    }
}

/// Adds cell `index` of the records `range` of a batch to its column, and
/// hands each present cell to `also` with its record's number.
#[inline]
fn add_column<'a>(
    column: &mut ColumnStats,
    batch: &Batch<'a>,
    index: usize,
    range: std::ops::Range<usize>,
    encoding: CellEncoding,
    scratch: &mut String,
    mut also: impl FnMut(usize, &'a [u8]),
) {
    for i in range {
        match batch.cell(i, index) {
            Some(raw) => {
                add_cell(column, raw, encoding, scratch);
                also(i, raw);
            }
            // Missing cells of a short row are missing values.
            None => column.add_null(),
        }
    }
}

impl TableStats {
    pub fn new(columns: usize, encoding: CellEncoding) -> TableStats {
        TableStats {
            columns: vec![ColumnStats::default(); columns],
            rows: 0,
            ragged: 0,
            first_ragged: None,
            blank: 0,
            preview: Vec::new(),
            encoding,
            scratch: String::new(),
            invalid_utf8: 0,
            first_invalid: None,
            guard: None,
        }
    }

    /// Also scans every row for personal data, in columns named `names`,
    /// when `scan` says so.
    pub fn with_guard(mut self, scan: bool, names: &[String]) -> TableStats {
        if scan {
            self.guard = Some(Scanner::new(names));
        }
        self
    }

    /// What the personal-data scan found; rows numbered from the header
    /// when there is one.
    pub fn personal_data(&mut self, header: bool) -> Vec<super::personal::Finding> {
        self.guard
            .take()
            .map(|guard| guard.finish(header))
            .unwrap_or_default()
    }

    /// Adds a row of cells, valid text in the table's encoding; `position`
    /// says where it is, for messages.
    pub fn push_row<'a>(
        &mut self,
        cells: impl ExactSizeIterator<Item = &'a [u8]> + Clone,
        position: u64,
    ) {
        self.count_row(cells.clone(), position);
        if let Some(guard) = &mut self.guard {
            let text: Vec<Cow<str>> = cells.clone().map(|cell| self.encoding.text(cell)).collect();
            guard.push_row(&text);
        }
        let mut cells = cells;
        for column in self.columns.iter_mut() {
            match cells.next() {
                Some(raw) => add_cell(column, raw, self.encoding, &mut self.scratch),
                // Missing cells of a short row are missing values.
                None => column.add_null(),
            }
        }
    }

    /// Adds the records `range` of a batch, column by column: the work on
    /// one column's values runs the same branches over and over, which
    /// processors predict far better than alternating between columns.
    /// `valid_utf8` says whether the batch passed the caller's UTF-8 check
    /// (one check of the whole batch is much cheaper than one per cell).
    pub fn push_batch<'a>(
        &mut self,
        batch: &Batch<'a>,
        range: std::ops::Range<usize>,
        valid_utf8: bool,
    ) {
        // A file that fails the check is read again as Windows-1252.
        if self.encoding == CellEncoding::Utf8 && !valid_utf8 {
            self.count_invalid_utf8(batch, range.clone());
        }
        for i in range.clone() {
            self.count_row(batch.record(i), batch.offset(i));
        }
        let encoding = self.encoding;
        let scratch = &mut self.scratch;
        let Some(guard) = &mut self.guard else {
            for (index, column) in self.columns.iter_mut().enumerate() {
                add_column(
                    column,
                    batch,
                    index,
                    range.clone(),
                    encoding,
                    scratch,
                    |_, _| {},
                );
            }
            return;
        };
        // The guard reads each column right after its statistics, while its
        // cells are in the processor's cache. It passes over the columns
        // whose values cannot be personal data; which those are is known
        // only after their values are added, so a column that was one of
        // them before the batch but no longer is after is read again.
        let first = range.start;
        let text_of = |raw: &'a [u8]| encoding.utf8(raw);
        let scan_column = |guard: &mut Scanner, index: usize| {
            let cells = range
                .clone()
                .filter_map(|i| batch.cell(i, index).map(|raw| (i - first, text_of(raw))));
            guard.scan_column(index, cells);
        };
        if memchr::memchr(b'@', batch.bytes()).is_none() {
            guard.batch_without_at_sign();
        }
        for (index, column) in self.columns.iter_mut().enumerate() {
            if column.holds_nothing_personal() {
                add_column(
                    column,
                    batch,
                    index,
                    range.clone(),
                    encoding,
                    scratch,
                    |_, _| {},
                );
                if !column.holds_nothing_personal() {
                    scan_column(guard, index);
                }
            } else {
                let mut scan = guard.column(index);
                add_column(
                    column,
                    batch,
                    index,
                    range.clone(),
                    encoding,
                    scratch,
                    |i, raw| {
                        scan.cell(i - first, &text_of(raw));
                    },
                );
            }
        }
        // Cells beyond the header's width belong to no column's statistics.
        let width = range
            .clone()
            .map(|i| batch.record(i).len())
            .max()
            .unwrap_or(0);
        for index in self.columns.len()..width {
            scan_column(guard, index);
        }
        guard.end_batch(range.len(), width, |r, c| {
            batch.cell(first + r, c).map(text_of)
        });
    }

    /// Counts a row: ragged, blank, kept for the preview.
    fn count_row<'a>(
        &mut self,
        cells: impl ExactSizeIterator<Item = &'a [u8]> + Clone,
        position: u64,
    ) {
        self.rows += 1;
        if cells.len() != self.columns.len() {
            self.ragged += 1;
            self.first_ragged.get_or_insert(position);
        }
        if cells.clone().all(|c| c.trim_ascii().is_empty()) {
            self.blank += 1;
        }
        if self.preview.len() < PREVIEW_ROWS {
            let row = cells
                .map(|cell| preview_cell(&self.encoding.decode(cell)))
                .collect();
            self.preview.push(row);
        }
    }

    /// Counts the invalid UTF-8 sequences of the records `range` of a
    /// batch (the slow path, for the rare batch that failed the check).
    #[cold]
    fn count_invalid_utf8(&mut self, batch: &Batch, range: std::ops::Range<usize>) {
        // A part may end on a batch's last record: nothing of it is left.
        if range.is_empty() || range.start >= batch.len() {
            return;
        }
        let raw = batch.bytes();
        let base = batch.offset(0);
        let at = |i: usize| (batch.offset(i) - base) as usize;
        let end = if range.end < batch.len() {
            at(range.end)
        } else {
            raw.len()
        };
        let mut position = at(range.start);
        while position < end {
            match std::str::from_utf8(&raw[position..end]) {
                Ok(_) => break,
                Err(e) => {
                    position += e.valid_up_to();
                    self.invalid_utf8 += 1;
                    self.first_invalid.get_or_insert(base + position as u64);
                    position += e.error_len().unwrap_or(end - position);
                }
            }
        }
    }

    /// Merges a later part of the same table.
    pub fn merge(&mut self, other: &TableStats) {
        for (mine, theirs) in self.columns.iter_mut().zip(&other.columns) {
            mine.merge(theirs);
        }
        self.rows += other.rows;
        self.ragged += other.ragged;
        if self.first_ragged.is_none() {
            self.first_ragged = other.first_ragged;
        }
        self.blank += other.blank;
        if let (Some(mine), Some(theirs)) = (&mut self.guard, &other.guard) {
            mine.merge(theirs);
        }
        self.invalid_utf8 += other.invalid_utf8;
        if self.first_invalid.is_none() {
            self.first_invalid = other.first_invalid;
        }
        if self.preview.len() < PREVIEW_ROWS {
            let missing = PREVIEW_ROWS - self.preview.len();
            self.preview
                .extend(other.preview.iter().take(missing).cloned());
        }
    }

    pub fn finish(&self, names: &[String], decimal_comma_first: bool) -> Vec<ColumnProfile> {
        let encoding = self.encoding;
        let decode = move |bytes: &[u8]| encoding.decode(bytes);
        self.columns
            .iter()
            .zip(names)
            .map(|(column, name)| column.finish(name.clone(), &decode, decimal_comma_first))
            .collect()
    }
}

/// Column names from a header row: trimmed, and `column_N` for empty ones.
pub fn column_names(header: &[String]) -> Vec<String> {
    header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.trim();
            if name.is_empty() {
                format!("column_{}", i + 1)
            } else {
                name.to_string()
            }
        })
        .collect()
}
