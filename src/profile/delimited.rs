//! CSV and TSV files: encoding, dialect and column statistics in one pass,
//! on several cores for large files.
//!
//! A large file is cut into chunks of [`CHUNK`] bytes, profiled in
//! parallel and merged in file order. A chunk starts speculatively after
//! its first line break; if that line break was inside a quoted cell, the
//! previous chunk (which read past its end to finish its last record) ends
//! elsewhere, and the chunk is read again from the right place. The result
//! is therefore exactly that of a sequential read, and it does not depend
//! on the number of threads: chunk boundaries only depend on the file.
//! Memory stays bounded: each reader buffers [`BUFFER`] bytes, and at most
//! a few chunk results wait to be merged.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use encoding_rs::{UTF_8, WINDOWS_1252};

use super::dialect::{self, Dialect};
use super::encoding::{self, DecodingReader};
use super::table::{CellEncoding, TableStats, column_names};
use super::tokenizer::Tokenizer;
use super::{
    Outcome, ProfileError, ProfileWarning, ReadFailure, Reading, ResourceProfile, TableProfile,
};
use crate::schema::validator::{TableState, Validator};

/// Bytes per chunk of a large file.
pub const CHUNK: u64 = 16 * 1024 * 1024;
/// Read buffer of each chunk reader.
const BUFFER: usize = 256 * 1024;
/// Bytes examined to guess encoding and dialect.
const SAMPLE: usize = 64 * 1024;
/// Rows examined to tell a header from data.
const HEADER_ROWS: usize = 50;
/// Records processed together, column by column.
const BATCH: usize = 512;

/// Options for reading a delimited file.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The separator, when known (`.tsv` files).
    pub delimiter: Option<u8>,
    /// Threads for one file.
    pub jobs: usize,
    /// Bytes per chunk ([`CHUNK`], or the whole file on one thread; tests
    /// use small chunks to check that chunks merge into the profile of the
    /// whole).
    pub chunk: u64,
}

impl Options {
    pub fn new(delimiter: Option<u8>, jobs: usize) -> Options {
        // One thread gains nothing from chunks, and merging their sets of
        // unique values would cost a second insertion of most of them.
        let chunk = if jobs <= 1 { u64::MAX } else { CHUNK };
        Options { delimiter, jobs, chunk }
    }
}

pub fn profile(path: &Path, options: Options) -> Result<ResourceProfile, ProfileError> {
    let outcome = read(path, options, &Reading::profile())?;
    outcome
        .profile
        .ok_or_else(|| ProfileError::new(ReadFailure::Undecodable))
}

/// Reads the file once, profiling it and validating it as `reading` asks.
pub fn read(path: &Path, options: Options, reading: &Reading) -> Result<Outcome, ProfileError> {
    let file = File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    let mut head = vec![0u8; SAMPLE.min(len as usize)];
    read_exact_at(&file, &mut head, 0).map_err(read_error)?;
    let sniffed = encoding::sniff(&head)?;
    if sniffed.encoding != UTF_8 {
        return read_transcoded(file, sniffed, options, reading);
    }
    let start = sniffed.bom_len as u64;
    let sample = &head[sniffed.bom_len..];
    let complete = head.len() as u64 == len;
    let assumed = if utf8_prefix(sample, complete) || mostly_utf8(sample).unwrap_or(false) {
        CellEncoding::Utf8
    } else {
        CellEncoding::SingleByte(WINDOWS_1252)
    };
    let dialect = dialect::sniff(sample, complete, options.delimiter);
    let source = Source { file: &file, start, len, dialect };
    match read_chunks(&source, assumed, options, reading) {
        Err(Failure::NotUtf8) => read_chunks(
            &source,
            CellEncoding::SingleByte(WINDOWS_1252),
            options,
            reading,
        ),
        other => other,
    }
    .map_err(Failure::into_error)
}

/// Whether text that is not all UTF-8 has more UTF-8 characters beyond
/// ASCII than invalid sequences: UTF-8 with stray bytes, rather than a
/// single-byte encoding (whose accented letters are almost never valid
/// UTF-8 sequences).
fn mostly_utf8(mut reader: impl Read) -> io::Result<bool> {
    let mut buffer = vec![0u8; 1 << 20];
    let (mut characters, mut invalid) = (0u64, 0u64);
    let mut kept = 0;
    loop {
        let n = reader.read(&mut buffer[kept..])?;
        let filled = kept + n;
        let mut rest = &buffer[..filled];
        kept = 0;
        while !rest.is_empty() {
            let (valid, skipped) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), rest.len()),
                // A character cut by the end of the buffer: read on.
                Err(e) if e.error_len().is_none() && n > 0 => {
                    kept = rest.len() - e.valid_up_to();
                    (e.valid_up_to(), rest.len())
                }
                Err(e) => {
                    invalid += 1;
                    (
                        e.valid_up_to(),
                        e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()),
                    )
                }
            };
            characters += rest[..valid].iter().filter(|&&b| b >= 0xC0).count() as u64;
            rest = &rest[skipped..];
        }
        if n == 0 {
            return Ok(characters > invalid);
        }
        buffer.copy_within(filled - kept..filled, 0);
    }
}

/// Whether `sample` is UTF-8, allowing a character cut at its end.
fn utf8_prefix(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

fn read_error(e: io::Error) -> ProfileError {
    ProfileError::with_detail(ReadFailure::Io, e)
}

enum Failure {
    /// A byte that is not UTF-8 in a file assumed to be: read again.
    NotUtf8,
    Error(ProfileError),
}

impl Failure {
    fn into_error(self) -> ProfileError {
        match self {
            Failure::Error(e) => e,
            // Windows-1252 decodes every byte.
            Failure::NotUtf8 => ProfileError::new(ReadFailure::Undecodable),
        }
    }
}

struct Source<'a> {
    file: &'a File,
    /// After the byte-order mark.
    start: u64,
    len: u64,
    dialect: Dialect,
}

/// The first record of the file and whether it is a header.
struct Layout {
    names: Vec<String>,
    header: bool,
    /// The first record as written: a schema's table always has a header.
    first_row: Vec<String>,
}

fn read_chunks(
    source: &Source,
    encoding: CellEncoding,
    options: Options,
    reading: &Reading,
) -> Result<Outcome, Failure> {
    let layout = layout(source, encoding)?;
    // Without a profile to make, the statistics only count rows and check
    // the encoding.
    let names: &[String] = if reading.profile { &layout.names } else { &[] };
    let columns = names.len();
    let labels: Vec<&str> = layout.first_row.iter().map(String::as_str).collect();
    let validator = reading.validator(&labels);
    let chunks = chunk_bounds(source.start, source.len, options.chunk);
    let parse = |index: usize, from: Option<u64>| -> Result<Part, Failure> {
        let (chunk_start, stop) = chunks[index];
        let start = match from {
            Some(start) => start,
            None if index == 0 => source.start,
            None => next_line(source.file, chunk_start, source.len)
                .map_err(|e| Failure::Error(read_error(e)))?,
        };
        let first = if index == 0 && start == source.start {
            FirstRecord::Leading { header: layout.header }
        } else {
            FirstRecord::Data
        };
        parse_part(
            source,
            start,
            stop,
            first,
            Profiling { names, personal_data: reading.personal_data },
            encoding,
            validator.as_ref(),
        )
    };

    let mut total: Option<TableStats> = None;
    let mut checked: Option<TableState> = None;
    let mut expected = source.start;
    let mut merge = |index: usize, mut part: Part| -> Result<(), Failure> {
        let (_, stop) = chunks[index];
        if part.start != expected {
            if expected >= stop {
                // A record of the previous chunk ran over this whole chunk.
                return Ok(());
            }
            part = parse(index, Some(expected))?;
        }
        expected = part.end;
        match total.as_mut() {
            None => total = Some(part.stats),
            Some(total) => total.merge(&part.stats),
        }
        if let (Some(validator), Some(state)) = (&validator, part.validation) {
            match checked.as_mut() {
                None => checked = Some(state),
                Some(checked) => validator.merge(checked, state),
            }
        }
        Ok(())
    };
    in_order(chunks.len(), options.jobs, |i| parse(i, None), &mut merge)?;

    let stats = total.unwrap_or_else(|| TableStats::new(columns, encoding));
    let invalid = stats.invalid_utf8;
    let io = |e| Failure::Error(read_error(e));
    // A file that is mostly UTF-8 with a few stray bytes (pasted from a
    // Windows-1252 source) is best read as UTF-8, saying where the bytes
    // are; one with no UTF-8 characters at all is Windows-1252.
    if stats.invalid_utf8 > 0 {
        let whole = RangeReader::new(source.file, source.start).take(source.len - source.start);
        if !mostly_utf8(whole).map_err(io)? {
            return Err(Failure::NotUtf8);
        }
    }
    let validation = validator.map(|v| v.finish(checked.unwrap_or_else(|| v.state())));
    if !reading.profile {
        return Ok(Outcome { profile: None, validation });
    }
    // Problems were located by byte offset: say which line that is.
    let line = |offset: Option<u64>| offset.map(|o| line_of(source.file, o)).transpose();
    let first_ragged_line = line(stats.first_ragged).map_err(io)?;
    let first_invalid_line = line(stats.first_invalid).map_err(io)?;
    let mut profile = finish(stats, first_ragged_line, layout, encoding, source.dialect);
    if let Some(first_line) = first_invalid_line {
        profile
            .warnings
            .push(ProfileWarning::InvalidUtf8 { sequences: invalid, first_line });
    }
    Ok(Outcome { profile: Some(profile), validation })
}

/// Runs `work` for every index on `jobs` threads and hands the results to
/// `merge` in index order, with a bounded number waiting.
fn in_order<T: Send>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> Result<T, Failure> + Sync,
    merge: &mut dyn FnMut(usize, T) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if jobs <= 1 || count <= 1 {
        for i in 0..count {
            merge(i, work(i)?)?;
        }
        return Ok(());
    }
    let window = jobs * 2;
    let next = AtomicUsize::new(0);
    let merged = Mutex::new(0usize);
    let progress = Condvar::new();
    let failed = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, Result<T, Failure>)>();
        for _ in 0..jobs.min(count) {
            let sender = sender.clone();
            let (next, merged, progress, failed, work) =
                (&next, &merged, &progress, &failed, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= count || failed.load(Ordering::SeqCst) {
                        break;
                    }
                    // Do not run too far ahead of the merge: results wait in memory.
                    let mut done = merged.lock().expect("merge lock");
                    while index >= *done + window && !failed.load(Ordering::SeqCst) {
                        done = progress.wait(done).expect("merge lock");
                    }
                    drop(done);
                    if sender.send((index, work(index))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut expected = 0usize;
        let mut outcome = Ok(());
        for (index, result) in receiver {
            match result {
                Ok(value) => {
                    waiting.insert(index, value);
                }
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            }
            while let Some(value) = waiting.remove(&expected) {
                if let Err(e) = merge(expected, value) {
                    outcome = Err(e);
                    break;
                }
                expected += 1;
                *merged.lock().expect("merge lock") = expected;
                progress.notify_all();
            }
            if outcome.is_err() {
                break;
            }
        }
        if outcome.is_err() {
            failed.store(true, Ordering::SeqCst);
            progress.notify_all();
        }
        outcome
    })
}

/// `[start, stop)` of each chunk.
fn chunk_bounds(start: u64, len: u64, chunk: u64) -> Vec<(u64, u64)> {
    let chunk = chunk.max(1);
    let mut bounds = Vec::new();
    let mut at = start;
    loop {
        let stop = at.saturating_add(chunk).min(len);
        // A short tail joins the last chunk rather than make a tiny one.
        let stop = if len - stop < chunk / 4 { len } else { stop };
        bounds.push((at, stop));
        if stop >= len {
            return bounds;
        }
        at = stop;
    }
}

/// The position after the first line break at or after `from`.
fn next_line(file: &File, from: u64, len: u64) -> io::Result<u64> {
    let mut buffer = vec![0u8; 64 * 1024];
    let mut at = from;
    while at < len {
        let n = ((len - at) as usize).min(buffer.len());
        read_exact_at(file, &mut buffer[..n], at)?;
        if let Some(i) = memchr(b'\n', &buffer[..n]) {
            return Ok(at + i as u64 + 1);
        }
        at += n as u64;
    }
    Ok(len)
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The first record and whether it is a header.
fn layout(source: &Source, encoding: CellEncoding) -> Result<Layout, Failure> {
    let mut tokenizer = tokenizer(
        RangeReader::new(source.file, source.start),
        source.dialect,
        source.start,
    );
    let mut records: Vec<Vec<Vec<u8>>> = Vec::new();
    while records.len() < HEADER_ROWS {
        let wanted = HEADER_ROWS - records.len();
        match tokenizer
            .next_batch(wanted)
            .map_err(|e| Failure::Error(read_error(e)))?
        {
            Some(batch) => records
                .extend((0..batch.len()).map(|i| batch.record(i).map(<[u8]>::to_vec).collect())),
            None => break,
        }
    }
    Ok(layout_of(&records, encoding))
}

fn layout_of(records: &[Vec<Vec<u8>>], encoding: CellEncoding) -> Layout {
    let Some(first) = records.first() else {
        return Layout { names: Vec::new(), header: false, first_row: Vec::new() };
    };
    let header = dialect::has_header(records);
    let first_row: Vec<String> = first.iter().map(|c| encoding.decode(c)).collect();
    let names = if header {
        column_names(&first_row)
    } else {
        (1..=first.len()).map(|i| format!("column_{i}")).collect()
    };
    Layout { names, header, first_row }
}

/// 1-based line of the byte at `offset`.
fn line_of(file: &File, offset: u64) -> io::Result<usize> {
    let mut reader = RangeReader::new(file, 0).take(offset);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut lines = 1;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            return Ok(lines);
        }
        lines += buffer[..n].iter().filter(|&&b| b == b'\n').count();
    }
}

/// What a part is profiled for: its columns (none when only validating),
/// and whether its rows are scanned for personal data.
#[derive(Clone, Copy)]
struct Profiling<'a> {
    names: &'a [String],
    personal_data: bool,
}

/// The statistics of the records starting in `[start, stop)`.
struct Part {
    start: u64,
    /// Where the first record at or after `stop` starts.
    end: u64,
    stats: TableStats,
    validation: Option<TableState>,
}

/// What the first record of a part is.
#[derive(Clone, Copy)]
enum FirstRecord {
    /// The file's first record: a header for validation (a schema's table
    /// has one), and for the profile when it looks like one.
    Leading {
        header: bool,
    },
    Data,
}

fn parse_part(
    source: &Source,
    start: u64,
    stop: u64,
    first: FirstRecord,
    profiling: Profiling,
    encoding: CellEncoding,
    validator: Option<&Validator>,
) -> Result<Part, Failure> {
    let names = profiling.names;
    let mut stats = TableStats::new(names.len(), encoding);
    if !names.is_empty() {
        stats = stats.with_guard(profiling.personal_data, names);
    }
    let mut validation = validator.map(Validator::state);
    if start >= stop {
        return Ok(Part { start, end: start, stats, validation });
    }
    let mut tokenizer = tokenizer(RangeReader::new(source.file, start), source.dialect, start);
    let (mut skip_profile, mut skip_validation) = match first {
        FirstRecord::Leading { header } => (header, true),
        FirstRecord::Data => (false, false),
    };
    let end = loop {
        let Some(batch) = tokenizer
            .next_batch(BATCH)
            .map_err(|e| Failure::Error(read_error(e)))?
        else {
            break source.len;
        };
        // Records from `stop` on belong to the next chunk.
        let mine = (0..batch.len())
            .position(|i| batch.offset(i) >= stop)
            .unwrap_or(batch.len());
        let first = usize::from(std::mem::take(&mut skip_profile)).min(mine);
        let text = match encoding {
            CellEncoding::Utf8 => batch.text(),
            CellEncoding::SingleByte(_) => None,
        };
        stats.push_batch(&batch, first..mine, text.is_some());
        if let (Some(validator), Some(state)) = (validator, validation.as_mut()) {
            let first = usize::from(std::mem::take(&mut skip_validation)).min(mine);
            // Cells borrow from the batch's buffer.
            let mut cells: Vec<std::borrow::Cow<str>> = Vec::new();
            for i in first..mine {
                cells.clear();
                match &text {
                    Some(text) => {
                        cells.extend(batch.record_text(i, text).map(std::borrow::Cow::Borrowed))
                    }
                    None => cells.extend(batch.record(i).map(|cell| encoding.text(cell))),
                }
                validator.push_row(state, &cells);
            }
        }
        if mine < batch.len() {
            break batch.offset(mine);
        }
    };
    Ok(Part { start, end, stats, validation })
}

fn tokenizer<R: Read>(reader: R, dialect: Dialect, offset: u64) -> Tokenizer<R> {
    Tokenizer::new(reader, dialect.delimiter, dialect.quote, offset, BUFFER)
}

fn finish(
    mut stats: TableStats,
    first_ragged_line: Option<usize>,
    layout: Layout,
    encoding: CellEncoding,
    dialect: Dialect,
) -> ResourceProfile {
    // When a value reads the same with both decimal conventions (`1.234`),
    // French files separated by `;` mean a decimal comma.
    let comma_first = dialect.delimiter == b';';
    let columns = stats.finish(&layout.names, comma_first);
    let mut warnings = Vec::new();
    if layout.names.is_empty() {
        warnings.push(ProfileWarning::EmptyFile);
    }
    if stats.ragged > 0 {
        warnings.push(ProfileWarning::RaggedRows {
            rows: stats.ragged,
            columns: layout.names.len(),
            first_line: first_ragged_line.unwrap_or(0),
        });
    }
    if stats.blank > 0 {
        warnings.push(ProfileWarning::BlankRows { rows: stats.blank });
    }
    let decimal_separator = super::file_decimal_separator(&columns);
    ResourceProfile {
        tables: vec![TableProfile {
            name: None,
            header: layout.header,
            rows: stats.rows,
            personal_data: stats.personal_data(layout.header),
            columns,
            preview: stats.preview,
        }],
        encoding: Some(match encoding {
            CellEncoding::Utf8 => UTF_8.name().to_string(),
            CellEncoding::SingleByte(e) => e.name().to_string(),
        }),
        delimiter: Some(dialect.delimiter as char),
        quote: Some(dialect.quote as char),
        decimal_separator,
        geometry: None,
        sketch: None,
        warnings,
    }
}

/// UTF-16 files: decoded to UTF-8 on the fly and read in one pass (they
/// are rare and small; their delimiters are two bytes wide).
fn read_transcoded(
    file: File,
    sniffed: encoding::Sniffed,
    options: Options,
    reading: &Reading,
) -> Result<Outcome, ProfileError> {
    let mut raw = RangeReader::new(&file, sniffed.bom_len as u64);
    let mut decoded = DecodingReader::new(&mut raw, sniffed.encoding);
    let malformed = decoded.malformed_counter();
    let mut sample = Vec::with_capacity(SAMPLE);
    (&mut decoded)
        .take(SAMPLE as u64)
        .read_to_end(&mut sample)
        .map_err(read_error)?;
    let complete = sample.len() < SAMPLE;
    let dialect = dialect::sniff(&sample, complete, options.delimiter);
    let encoding = CellEncoding::Utf8;
    let mut tokenizer = tokenizer(io::Cursor::new(&sample).chain(decoded), dialect, 0);
    // Every record, for validation; the first ones also wait until the
    // header question is settled for the profile.
    let mut first_rows: Vec<(u64, Vec<Vec<u8>>)> = Vec::new();
    let mut stats: Option<(TableStats, Layout)> = None;
    let mut checking: Option<(Validator, TableState)> = None;
    let settle = |first_rows: &mut Vec<(u64, Vec<Vec<u8>>)>| {
        let rows: Vec<Vec<Vec<u8>>> = first_rows.iter().map(|(_, r)| r.clone()).collect();
        let layout = layout_of(&rows, encoding);
        let mut table = TableStats::new(layout.names.len(), encoding)
            .with_guard(reading.personal_data, &layout.names);
        for (offset, row) in first_rows.iter().skip(usize::from(layout.header)) {
            table.push_row(row.iter().map(Vec::as_slice), *offset);
        }
        first_rows.clear();
        (table, layout)
    };
    let mut seen_first = false;
    while let Some(batch) = tokenizer.next_batch(BATCH).map_err(read_error)? {
        let mut cells: Vec<std::borrow::Cow<str>> = Vec::new();
        for i in 0..batch.len() {
            cells.clear();
            cells.extend(batch.record(i).map(|cell| encoding.text(cell)));
            if !std::mem::replace(&mut seen_first, true) {
                let labels: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
                checking = reading.validator(&labels).map(|v| {
                    let state = v.state();
                    (v, state)
                });
            } else if let Some((validator, state)) = checking.as_mut() {
                validator.push_row(state, &cells);
            }
            match stats.as_mut() {
                Some((table, _)) => table.push_row(batch.record(i), batch.offset(i)),
                None => {
                    first_rows.push((
                        batch.offset(i),
                        batch.record(i).map(<[u8]>::to_vec).collect(),
                    ));
                    if first_rows.len() == HEADER_ROWS {
                        stats = Some(settle(&mut first_rows));
                    }
                }
            }
        }
    }
    let validation = checking.map(|(validator, state)| validator.finish(state));
    if !reading.profile {
        return Ok(Outcome { profile: None, validation });
    }
    let (table, layout) = stats.unwrap_or_else(|| settle(&mut first_rows));
    // Offsets here count decoded bytes: line numbers are not available.
    let mut profile = finish(table, None, layout, encoding, dialect);
    profile.encoding = Some(sniffed.encoding.name().to_string());
    if malformed.get() > 0 {
        profile.warnings.push(ProfileWarning::InvalidText {
            encoding: sniffed.encoding.name().to_string(),
            sequences: malformed.get(),
        });
    }
    Ok(Outcome { profile: Some(profile), validation })
}

/// Reads a file from an offset without moving a shared cursor, so that
/// threads read their chunks of one `File` at once.
struct RangeReader<'a> {
    file: &'a File,
    at: u64,
}

impl<'a> RangeReader<'a> {
    fn new(file: &'a File, at: u64) -> Self {
        RangeReader { file, at }
    }
}

impl Read for RangeReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match read_at(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::column::ColumnType;

    fn profile_bytes(bytes: &[u8]) -> ResourceProfile {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        profile(&path, Options::new(None, 2)).unwrap()
    }

    /// Hands out one byte per read, so characters are cut everywhere.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((first, rest)) if !buffer.is_empty() => {
                    buffer[0] = *first;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn utf8_with_stray_bytes_is_told_from_windows_1252() {
        let mixed = b"Zo\xC3\xA9 \xC3\xA0 Orl\xE9ans, N\xC3\xAEmes";
        let windows_1252 = b"Zo\xE9 \xE0 Orl\xE9ans, N\xEEmes";
        for (bytes, utf8) in [(&mixed[..], true), (&windows_1252[..], false)] {
            assert_eq!(mostly_utf8(bytes).unwrap(), utf8);
            assert_eq!(mostly_utf8(Trickle(bytes)).unwrap(), utf8);
        }
        // A truncated character at the very end is one invalid sequence.
        assert!(!mostly_utf8(&b"\xC3\xA9\xE9\xC3"[..]).unwrap());
    }

    #[test]
    fn stray_bytes_are_counted_once_whatever_the_chunks() {
        let mut bytes = b"nom,ville\n".to_vec();
        for i in 0..400 {
            bytes.extend_from_slice(format!("Zo\u{e9} {i},Besan\u{e7}on\n").as_bytes());
            if i % 100 == 7 {
                bytes.extend_from_slice(b"Andr\xE9,Orl\xE9ans\n");
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, &bytes).unwrap();
        let whole = profile(&path, Options::new(None, 1)).unwrap();
        assert_eq!(whole.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(
            whole.warnings,
            [ProfileWarning::InvalidUtf8 { sequences: 8, first_line: 10 }]
        );
        for chunk in [64, 1000, 4096] {
            let chunked = profile(&path, Options { delimiter: None, jobs: 2, chunk }).unwrap();
            assert_eq!(chunked, whole, "chunks of {chunk} bytes");
        }
    }

    #[test]
    fn windows_1252_with_bom_and_decimal_commas() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(
            b"Libell\xE9;Montant\r\nMain-d'\x9Cuvre;40 000,00\r\nCaf\xE9;12,5\r\n",
        );
        let p = profile_bytes(&bytes);
        assert_eq!(p.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(p.delimiter, Some(';'));
        assert_eq!(p.decimal_separator, Some(','));
        let table = &p.tables[0];
        assert_eq!(table.columns[0].name, "Libellé");
        assert_eq!(table.columns[1].kind, ColumnType::Number);
        assert_eq!(table.preview[0][0], "Main-d'œuvre");
        assert_eq!(table.rows, 2);
    }

    #[test]
    fn chunks_give_the_same_result_as_one_pass() {
        // Quoted cells with line breaks fall on chunk boundaries.
        let mut text = String::from("id;texte;montant\n");
        let mut i = 0;
        while text.len() < (CHUNK as usize) * 2 + 1000 {
            text.push_str(&format!("{i};\"ligne\nsuite {}\";{},5\n", i % 13, i % 1000));
            i += 1;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        std::fs::write(&path, &text).unwrap();
        let one = profile(&path, Options::new(None, 1)).unwrap();
        let two = profile(&path, Options::new(None, 2)).unwrap();
        assert_eq!(one, two);
        assert_eq!(one.tables[0].rows, i);
        assert_eq!(one.tables[0].columns[1].distinct, 13);
    }

    #[test]
    fn no_header() {
        let p = profile_bytes(b"2023,11\n2024,12\n2025,13\n");
        assert!(!p.tables[0].header);
        assert_eq!(p.tables[0].rows, 3);
        assert_eq!(p.tables[0].columns[0].name, "column_1");
        assert_eq!(p.tables[0].columns[0].kind, ColumnType::Year);
    }

    #[test]
    fn edge_files() {
        let empty = profile_bytes(b"");
        assert_eq!(empty.warnings, vec![ProfileWarning::EmptyFile]);
        let header_only = profile_bytes(b"a,b\n");
        assert_eq!(header_only.tables[0].rows, 0);
        assert!(header_only.warnings.is_empty());
        let long = format!("texte\n{}\n", "x".repeat(1_000_000));
        let long = profile_bytes(long.as_bytes());
        assert_eq!(long.tables[0].columns[0].max_length, Some(1_000_000));
        let ragged = profile_bytes(b"a;b;c\n1;2;3\n4;5\n;;\n");
        assert_eq!(
            ragged.warnings,
            vec![
                ProfileWarning::RaggedRows { rows: 1, columns: 3, first_line: 3 },
                ProfileWarning::BlankRows { rows: 1 }
            ]
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "Département;Valeur\r\nCôte-d'Or;1\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let p = profile_bytes(&bytes);
        assert_eq!(p.encoding.as_deref(), Some("UTF-16LE"));
        assert_eq!(p.tables[0].columns[0].name, "Département");
        assert_eq!(p.tables[0].preview[0][0], "Côte-d'Or");
    }
}
