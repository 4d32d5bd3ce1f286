//! Statistics of a table (rows and columns), fed row by row by every
//! reader and mergeable across parts of a file.

use encoding_rs::Encoding;

use super::column::{ColumnProfile, ColumnStats, is_null};
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
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            CellEncoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            CellEncoding::SingleByte(encoding) => {
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            }
        }
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
    /// A cell was not UTF-8 although the encoding says so.
    pub invalid_utf8: bool,
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
            invalid_utf8: false,
        }
    }

    /// Adds a row of cells; `position` says where it is, for messages.
    pub fn push_row<'a>(&mut self, cells: impl ExactSizeIterator<Item = &'a [u8]>, position: u64) {
        self.rows += 1;
        let width = cells.len();
        if width != self.columns.len() {
            self.ragged += 1;
            self.first_ragged.get_or_insert(position);
        }
        if self.preview.len() < PREVIEW_ROWS {
            let mut row = Vec::with_capacity(width);
            let mut blank = true;
            for (i, cell) in cells.enumerate() {
                row.push(preview_cell(&self.encoding.decode(cell)));
                blank &= self.add_cell(i, cell);
            }
            if blank {
                self.blank += 1;
            }
            self.preview.push(row);
        } else {
            let mut blank = true;
            for (i, cell) in cells.enumerate() {
                blank &= self.add_cell(i, cell);
            }
            if blank {
                self.blank += 1;
            }
        }
        // Missing cells of a short row are missing values.
        for column in self.columns.iter_mut().skip(width) {
            column.add_null();
        }
    }

    /// Adds a cell to its column; true when it is empty.
    fn add_cell(&mut self, index: usize, raw: &[u8]) -> bool {
        let Some(column) = self.columns.get_mut(index) else {
            return raw.is_empty();
        };
        let trimmed = raw.trim_ascii();
        if is_null(trimmed) {
            column.add_null();
            return trimmed.is_empty();
        }
        if trimmed.is_ascii() {
            column.add(raw, trimmed, trimmed.len() as u32);
            return false;
        }
        match self.encoding {
            CellEncoding::Utf8 => {
                // Only cells with non-ASCII bytes need checking: the file is
                // UTF-8 when all of them are.
                if std::str::from_utf8(trimmed).is_err() {
                    self.invalid_utf8 = true;
                }
                let chars = trimmed.iter().filter(|&&b| (b as i8) >= -0x40).count();
                column.add(raw, trimmed, chars as u32);
            }
            CellEncoding::SingleByte(encoding) => {
                self.scratch.clear();
                let mut decoder = encoding.new_decoder_without_bom_handling();
                self.scratch.reserve(trimmed.len() * 3);
                let _ = decoder.decode_to_string(trimmed, &mut self.scratch, true);
                column.add(raw, self.scratch.as_bytes(), trimmed.len() as u32);
            }
        }
        false
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
        self.invalid_utf8 |= other.invalid_utf8;
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
