//! Splitting delimited text into records and fields, without copying.
//!
//! RFC 4180 with the leniency real files need: records end at `\n`, `\r\n`
//! or a lone `\r`; blank lines are skipped; a field that starts with the
//! quote character runs to the next quote that is not doubled, and may
//! hold delimiters and line breaks; text after a closing quote belongs to
//! the field; quotes inside an unquoted field are ordinary characters.
//!
//! Fields are slices of the read buffer; only quoted fields with doubled
//! quotes are copied, to remove the doubling.
//!
//! Most records hold no quote. For them, one pass over 64 bytes at a time
//! (SSE2 on x86-64, plain code elsewhere) gives bit masks of delimiters,
//! line breaks and quotes, and fields are read from the bits. A record
//! with a quote goes through the byte-by-byte scanner, which knows the
//! quoting rules.

use std::io::{self, Read};

/// Where a field's bytes are.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    /// In the buffer of unescaped fields rather than the read buffer.
    copied: bool,
}

pub struct Tokenizer<R> {
    source: R,
    /// Where each record of the batch starts in `spans`, and where the
    /// last ends.
    starts: Vec<u32>,
    /// Offset in the source of each record of the batch.
    offsets: Vec<u64>,
    /// Where the batch's first record starts in `buffer`.
    batch_start: usize,
    delimiter: u8,
    quote: u8,
    buffer: Vec<u8>,
    /// Valid bytes in `buffer`.
    filled: usize,
    /// Where the next record starts in `buffer`.
    at: usize,
    /// Offset in the source of `buffer[0]`.
    base: u64,
    eof: bool,
    spans: Vec<Span>,
    unescaped: Vec<u8>,
}

/// Records read in one go, all within the read buffer: processing them
/// column by column keeps each column's state and branches hot.
pub struct Batch<'a> {
    buffer: &'a [u8],
    /// The bytes the batch was read from.
    raw: &'a [u8],
    /// Where `raw` starts in `buffer`.
    raw_start: usize,
    unescaped: &'a [u8],
    spans: &'a [Span],
    starts: &'a [u32],
    offsets: &'a [u64],
}

impl<'a> Batch<'a> {
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    /// The bytes the records were read from, delimiters included.
    pub fn bytes(&self) -> &'a [u8] {
        self.raw
    }

    /// Where record `i` starts in the source.
    pub fn offset(&self, i: usize) -> u64 {
        self.offsets[i]
    }

    /// Field `column` of record `i`, if the record has that many.
    #[inline]
    pub fn cell(&self, i: usize, column: usize) -> Option<&'a [u8]> {
        let index = self.starts[i] as usize + column;
        (index < self.starts[i + 1] as usize).then(|| self.field(&self.spans[index]))
    }

    #[inline]
    fn field(&self, span: &Span) -> &'a [u8] {
        let source = if span.copied {
            self.unescaped
        } else {
            self.buffer
        };
        &source[span.start as usize..span.end as usize]
    }

    /// The fields of record `i`.
    pub fn record(&self, i: usize) -> impl ExactSizeIterator<Item = &'a [u8]> + Clone + '_ {
        let spans = &self.spans[self.starts[i] as usize..self.starts[i + 1] as usize];
        spans.iter().map(|span| self.field(span))
    }

    /// The batch as text, when all its bytes are UTF-8: one check for the
    /// whole batch instead of one per cell.
    pub fn text(&self) -> Option<BatchText<'a>> {
        Some(BatchText {
            raw: std::str::from_utf8(self.raw).ok()?,
            unescaped: std::str::from_utf8(self.unescaped).ok()?,
        })
    }

    fn field_text(&self, span: &Span, text: &BatchText<'a>) -> &'a str {
        let (source, base) = if span.copied {
            (text.unescaped, 0)
        } else {
            (text.raw, self.raw_start)
        };
        // Fields end at ASCII delimiters and quotes, so at character
        // boundaries: the slices always exist.
        source
            .get(span.start as usize - base..span.end as usize - base)
            .unwrap_or_default()
    }

    /// The fields of record `i` as text, from [`Batch::text`].
    pub fn record_text<'b>(
        &'b self,
        i: usize,
        text: &'b BatchText<'a>,
    ) -> impl ExactSizeIterator<Item = &'a str> + 'b {
        let spans = &self.spans[self.starts[i] as usize..self.starts[i + 1] as usize];
        spans.iter().map(move |span| self.field_text(span, text))
    }
}

/// A batch's bytes as text.
pub struct BatchText<'a> {
    raw: &'a str,
    unescaped: &'a str,
}

/// What the fast path found.
enum Fast {
    /// A whole record; the next starts here.
    Done(usize),
    /// The buffer ends inside the record.
    More,
    /// The record has a quote: the full scanner reads it.
    Quoted,
}

/// Bit `i` is set when byte `i` of a block (at most 64 bytes) is a
/// delimiter, a line break, or a quote.
struct Masks {
    delimiters: u64,
    terminators: u64,
    quotes: u64,
}

impl Masks {
    fn of(block: &[u8], delimiter: u8, quote: u8) -> Masks {
        if block.len() == 64 {
            let block: &[u8; 64] = block.try_into().expect("64 bytes");
            return Masks::full(block, delimiter, quote);
        }
        let mut masks = Masks { delimiters: 0, terminators: 0, quotes: 0 };
        for (i, &b) in block.iter().enumerate() {
            let bit = 1u64 << i;
            if b == delimiter {
                masks.delimiters |= bit;
            } else if b == b'\n' || b == b'\r' {
                masks.terminators |= bit;
            } else if b == quote {
                masks.quotes |= bit;
            }
        }
        masks
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn full(block: &[u8; 64], delimiter: u8, quote: u8) -> Masks {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86-64 processor, and the loads read
        // 16 bytes at offsets 0, 16, 32 and 48 of a 64-byte array.
        unsafe {
            let (d, q, n, r) = (
                _mm_set1_epi8(delimiter as i8),
                _mm_set1_epi8(quote as i8),
                _mm_set1_epi8(b'\n' as i8),
                _mm_set1_epi8(b'\r' as i8),
            );
            let mut masks = Masks { delimiters: 0, terminators: 0, quotes: 0 };
            for part in 0..4 {
                let chunk = _mm_loadu_si128(block.as_ptr().add(part * 16) as *const __m128i);
                let shift = part * 16;
                let bits = |m| u64::from(_mm_movemask_epi8(m) as u16) << shift;
                masks.delimiters |= bits(_mm_cmpeq_epi8(chunk, d));
                masks.quotes |= bits(_mm_cmpeq_epi8(chunk, q));
                masks.terminators |= bits(_mm_or_si128(
                    _mm_cmpeq_epi8(chunk, n),
                    _mm_cmpeq_epi8(chunk, r),
                ));
            }
            masks
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn full(block: &[u8; 64], delimiter: u8, quote: u8) -> Masks {
        let mut masks = Masks { delimiters: 0, terminators: 0, quotes: 0 };
        for (i, &b) in block.iter().enumerate() {
            let bit = 1u64 << i;
            masks.delimiters |= u64::from(b == delimiter) * bit;
            masks.terminators |= u64::from(b == b'\n' || b == b'\r') * bit;
            masks.quotes |= u64::from(b == quote) * bit;
        }
        masks
    }
}

/// What the scanner found at the end of a field.
enum End {
    Delimiter(usize),
    Terminator(usize),
    /// The buffer ran out before the record ended.
    More,
}

impl<R: Read> Tokenizer<R> {
    /// Reads `source`, whose first byte is at `offset` in the file.
    pub fn new(source: R, delimiter: u8, quote: u8, offset: u64, capacity: usize) -> Tokenizer<R> {
        Tokenizer {
            source,
            delimiter,
            quote,
            buffer: vec![0; capacity.max(64)],
            filled: 0,
            at: 0,
            base: offset,
            eof: false,
            spans: Vec::with_capacity(64),
            unescaped: Vec::new(),
            starts: Vec::new(),
            offsets: Vec::new(),
            batch_start: 0,
        }
    }

    /// The next records, at most `max`, or `None` at the end of the source.
    pub fn next_batch(&mut self, max: usize) -> io::Result<Option<Batch<'_>>> {
        self.spans.clear();
        self.unescaped.clear();
        self.starts.clear();
        self.offsets.clear();
        self.starts.push(0);
        while self.offsets.len() < max {
            // Skip blank lines.
            while self.at < self.filled && matches!(self.buffer[self.at], b'\n' | b'\r') {
                self.at += 1;
            }
            if self.at == self.filled {
                if self.eof || !self.offsets.is_empty() {
                    break;
                }
                self.refill()?;
                continue;
            }
            if self.offsets.is_empty() {
                self.batch_start = self.at;
            }
            let mark = (self.spans.len(), self.unescaped.len());
            match self.scan_record() {
                Some(end) => {
                    self.offsets.push(self.base + self.at as u64);
                    self.starts.push(self.spans.len() as u32);
                    self.at = end;
                }
                None => {
                    self.spans.truncate(mark.0);
                    self.unescaped.truncate(mark.1);
                    // The batch's fields point into the buffer: read more
                    // only once they are used. At the end of the source
                    // every record is complete, so `eof` cannot be set here.
                    if !self.offsets.is_empty() || self.eof {
                        break;
                    }
                    self.refill()?;
                }
            }
        }
        if self.offsets.is_empty() {
            return Ok(None);
        }
        Ok(Some(Batch {
            buffer: &self.buffer,
            raw: &self.buffer[self.batch_start..self.at],
            raw_start: self.batch_start,
            unescaped: &self.unescaped,
            spans: &self.spans,
            starts: &self.starts,
            offsets: &self.offsets,
        }))
    }

    /// Moves the unread bytes to the front, growing the buffer when one
    /// record fills it, and reads more.
    fn refill(&mut self) -> io::Result<()> {
        if self.at > 0 {
            self.buffer.copy_within(self.at..self.filled, 0);
            self.filled -= self.at;
            self.base += self.at as u64;
            self.at = 0;
        }
        if self.filled == self.buffer.len() {
            // Fields are located with 32-bit offsets.
            if self.buffer.len() >= MAX_RECORD {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a single row of the file is longer than 64 MB",
                ));
            }
            let grown = self.buffer.len() * 2;
            self.buffer.resize(grown, 0);
        }
        loop {
            match self.source.read(&mut self.buffer[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Splits the record at `self.at` into `spans`; returns where the next
    /// record starts, or `None` when the buffer holds only part of it.
    /// Appends the record's fields to `spans` (on `None`, the caller
    /// removes what was appended).
    fn scan_record(&mut self) -> Option<usize> {
        let first_span = self.spans.len();
        match self.scan_unquoted() {
            Fast::Done(next) => return Some(next),
            Fast::More => return None,
            Fast::Quoted => self.spans.truncate(first_span),
        }
        let mut i = self.at;
        loop {
            let end = if i < self.filled && self.buffer[i] == self.quote {
                self.quoted_field(i)
            } else {
                let end = find3(&self.buffer[i..self.filled], self.delimiter, b'\n', b'\r')
                    .map(|p| i + p);
                match end {
                    Some(p) => {
                        self.push(i, p);
                        if self.buffer[p] == self.delimiter {
                            End::Delimiter(p)
                        } else {
                            End::Terminator(p)
                        }
                    }
                    None if self.eof => {
                        self.push(i, self.filled);
                        End::Terminator(self.filled)
                    }
                    None => End::More,
                }
            };
            match end {
                End::Delimiter(p) => {
                    i = p + 1;
                    if i == self.filled && self.eof {
                        // A delimiter ends the file: one last, empty field.
                        self.push(i, i);
                        return Some(i);
                    }
                }
                End::Terminator(p) => return Some(self.after_terminator(p)),
                End::More => return None,
            }
        }
    }

    /// The fast path: a record without quotes, read from bit masks.
    fn scan_unquoted(&mut self) -> Fast {
        let mut at = self.at;
        let mut field = at;
        loop {
            let available = self.filled - at;
            if available == 0 {
                if !self.eof {
                    return Fast::More;
                }
                self.push(field, self.filled);
                return Fast::Done(self.filled);
            }
            let length = available.min(64);
            let masks = Masks::of(&self.buffer[at..at + length], self.delimiter, self.quote);
            let end = masks.terminators.trailing_zeros() as usize;
            // Bits up to and including the terminator (all bits if none).
            let upto = if end >= 63 {
                u64::MAX
            } else {
                (2u64 << end) - 1
            };
            if masks.quotes & upto != 0 {
                return Fast::Quoted;
            }
            let mut delimiters = masks.delimiters & upto;
            while delimiters != 0 {
                let p = at + delimiters.trailing_zeros() as usize;
                self.push(field, p);
                field = p + 1;
                delimiters &= delimiters - 1;
            }
            if end < length {
                let p = at + end;
                self.push(field, p);
                return Fast::Done(self.after_terminator(p));
            }
            at += length;
        }
    }

    /// Where the next record starts after a terminator at `p`.
    fn after_terminator(&self, p: usize) -> usize {
        if p >= self.filled {
            return p;
        }
        if self.buffer[p] == b'\r' && self.buffer.get(p + 1) == Some(&b'\n') && p + 1 < self.filled
        {
            p + 2
        } else {
            p + 1
        }
    }

    fn push(&mut self, start: usize, end: usize) {
        self.spans
            .push(Span { start: start as u32, end: end as u32, copied: false });
    }

    /// A field starting with a quote at `start`.
    fn quoted_field(&mut self, start: usize) -> End {
        let content = start + 1;
        let mut i = content;
        // Unescaped copy, started at the first doubled quote.
        let mut copy: Option<usize> = None;
        let mut copied_up_to = content;
        loop {
            let Some(p) = find1(&self.buffer[i..self.filled], self.quote).map(|p| i + p) else {
                if self.eof {
                    // Unclosed quote: the field runs to the end of the file.
                    self.finish_quoted(content, self.filled, copy, copied_up_to);
                    return End::Terminator(self.filled);
                }
                return End::More;
            };
            match self.buffer.get(p + 1).filter(|_| p + 1 < self.filled) {
                Some(&next) if next == self.quote => {
                    // A doubled quote stands for one.
                    copy.get_or_insert(self.unescaped.len());
                    self.unescaped
                        .extend_from_slice(&self.buffer[copied_up_to..=p]);
                    copied_up_to = p + 2;
                    i = p + 2;
                }
                None if !self.eof => return End::More,
                _ => {
                    // The closing quote. Text after it, up to the delimiter
                    // or line break, is kept, as spreadsheet software does.
                    let after = p + 1;
                    let end = find3(
                        &self.buffer[after..self.filled],
                        self.delimiter,
                        b'\n',
                        b'\r',
                    )
                    .map(|q| after + q);
                    let stop = match end {
                        Some(q) => q,
                        None if self.eof => self.filled,
                        None => return End::More,
                    };
                    if stop > after {
                        copy.get_or_insert(self.unescaped.len());
                        self.unescaped
                            .extend_from_slice(&self.buffer[copied_up_to..p]);
                        self.unescaped.extend_from_slice(&self.buffer[after..stop]);
                        self.finish_copied(copy);
                    } else {
                        self.finish_quoted(content, p, copy, copied_up_to);
                    }
                    return if stop < self.filled && self.buffer[stop] == self.delimiter {
                        End::Delimiter(stop)
                    } else {
                        End::Terminator(stop)
                    };
                }
            }
        }
    }

    /// Records a quoted field ending at `end`: a slice of the buffer, or the
    /// unescaped copy completed with the bytes since the last doubled quote.
    fn finish_quoted(
        &mut self,
        content: usize,
        end: usize,
        copy: Option<usize>,
        copied_up_to: usize,
    ) {
        match copy {
            None => self.push(content, end),
            Some(_) => {
                self.unescaped
                    .extend_from_slice(&self.buffer[copied_up_to..end]);
                self.finish_copied(copy);
            }
        }
    }

    fn finish_copied(&mut self, copy: Option<usize>) {
        let start = copy.unwrap_or(0);
        self.spans.push(Span {
            start: start as u32,
            end: self.unescaped.len() as u32,
            copied: true,
        });
    }
}

/// The longest record read: beyond, the file is surely not a table, and
/// each reading thread would hold that much in memory.
const MAX_RECORD: usize = 64 << 20;

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes of `word` equal to `needle` have their high bit set in the result
/// (and only the lowest such byte is exact, which is all we use).
#[inline]
fn matches(word: u64, needle: u64) -> u64 {
    let x = word ^ needle;
    x.wrapping_sub(LOW) & !x & HIGH
}

/// Position of the first of three bytes in `haystack`.
#[inline]
fn find3(haystack: &[u8], a: u8, b: u8, c: u8) -> Option<usize> {
    let (na, nb, nc) = (LOW * u64::from(a), LOW * u64::from(b), LOW * u64::from(c));
    let mut i = 0;
    while i + 8 <= haystack.len() {
        let word = u64::from_le_bytes(haystack[i..i + 8].try_into().expect("8 bytes"));
        let found = matches(word, na) | matches(word, nb) | matches(word, nc);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    haystack[i..]
        .iter()
        .position(|&x| x == a || x == b || x == c)
        .map(|p| i + p)
}

/// Position of the first `needle` in `haystack`.
#[inline]
fn find1(haystack: &[u8], needle: u8) -> Option<usize> {
    let n = LOW * u64::from(needle);
    let mut i = 0;
    while i + 8 <= haystack.len() {
        let word = u64::from_le_bytes(haystack[i..i + 8].try_into().expect("8 bytes"));
        let found = matches(word, n);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    haystack[i..]
        .iter()
        .position(|&x| x == needle)
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &[u8], capacity: usize) -> Vec<(u64, Vec<String>)> {
        let mut tokenizer = Tokenizer::new(text, b',', b'"', 0, capacity);
        let mut out = Vec::new();
        while let Some(batch) = tokenizer.next_batch(3).unwrap() {
            for i in 0..batch.len() {
                let fields = batch
                    .record(i)
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                out.push((batch.offset(i), fields));
            }
        }
        out
    }

    fn fields(text: &[u8]) -> Vec<Vec<String>> {
        // Every buffer size must give the same fields.
        let small = records(text, 1)
            .into_iter()
            .map(|r| r.1)
            .collect::<Vec<_>>();
        let large = records(text, 1 << 16)
            .into_iter()
            .map(|r| r.1)
            .collect::<Vec<_>>();
        assert_eq!(small, large, "{}", String::from_utf8_lossy(text));
        large
    }

    fn owned(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn plain_records() {
        assert_eq!(fields(b"a,b\n1,2\n"), owned(&[&["a", "b"], &["1", "2"]]));
        assert_eq!(fields(b"a,b\r\n1,2"), owned(&[&["a", "b"], &["1", "2"]]));
        assert_eq!(fields(b"a,b\r1,2\r"), owned(&[&["a", "b"], &["1", "2"]]));
        assert_eq!(
            fields(b"a,,\n\n\n,b\n"),
            owned(&[&["a", "", ""], &["", "b"]])
        );
        assert_eq!(fields(b"a,"), owned(&[&["a", ""]]));
        assert_eq!(fields(b""), Vec::<Vec<String>>::new());
    }

    #[test]
    fn quoted_fields() {
        assert_eq!(fields(b"\"a,b\",c\n"), owned(&[&["a,b", "c"]]));
        assert_eq!(
            fields(b"\"say \"\"hi\"\"\",x\n"),
            owned(&[&["say \"hi\"", "x"]])
        );
        assert_eq!(
            fields(b"\"line 1\nline 2\",x\r\n2,y"),
            owned(&[&["line 1\nline 2", "x"], &["2", "y"]])
        );
        assert_eq!(fields(b"\"\",\"\"\"\"\n"), owned(&[&["", "\""]]));
        assert_eq!(fields(b"\"ab\"cd,e\n"), owned(&[&["abcd", "e"]]));
        assert_eq!(fields(b"a\"b,c\n"), owned(&[&["a\"b", "c"]]));
        assert_eq!(fields(b"\"unclosed,x\ny"), owned(&[&["unclosed,x\ny"]]));
        assert_eq!(
            fields(b"\"a\"\"b\",\"c\"\"d\"\"e\"\n"),
            owned(&[&["a\"b", "c\"d\"e"]])
        );
    }

    #[test]
    fn offsets_are_where_records_start() {
        let offsets: Vec<u64> = records(b"a,b\r\n\r\n\"x\ny\",2\n3,4", 4)
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(offsets, vec![0, 7, 15]);
    }

    /// A plain state machine with the same rules, to compare against.
    fn reference(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut records = Vec::new();
        let mut record: Vec<Vec<u8>> = Vec::new();
        let mut field: Vec<u8> = Vec::new();
        let mut i = 0;
        let mut started = false;
        while i < text.len() {
            let b = text[i];
            if !started && (b == b'\n' || b == b'\r') {
                i += 1;
                continue;
            }
            started = true;
            if field.is_empty() && b == b'"' && at_field_start(text, i) {
                // Quoted field.
                i += 1;
                loop {
                    match text.get(i) {
                        None => break,
                        Some(b'"') if text.get(i + 1) == Some(&b'"') => {
                            field.push(b'"');
                            i += 2;
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(&c) => {
                            field.push(c);
                            i += 1;
                        }
                    }
                }
                while i < text.len() && !matches!(text[i], b',' | b'\n' | b'\r') {
                    field.push(text[i]);
                    i += 1;
                }
                continue;
            }
            match b {
                b',' => {
                    record.push(std::mem::take(&mut field));
                    i += 1;
                }
                b'\n' | b'\r' => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                    started = false;
                    i += 1;
                }
                _ => {
                    field.push(b);
                    i += 1;
                }
            }
        }
        if started {
            record.push(field);
            records.push(record);
        }
        records
    }

    /// A quote opens a quoted field only as the field's first byte.
    fn at_field_start(text: &[u8], i: usize) -> bool {
        i == 0 || matches!(text[i - 1], b',' | b'\n' | b'\r')
    }

    #[test]
    fn agrees_with_a_plain_state_machine() {
        // Deterministic pseudo-random inputs over a small alphabet rich in
        // delimiters, quotes and line breaks, read with several buffer sizes.
        let alphabet = [b'a', b'b', b',', b'"', b'\n', b'\r', b' ', b'\xC3', b'\xA9'];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for case in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = (state % 200) as usize;
            let mut text = Vec::with_capacity(length);
            for _ in 0..length {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Fewer quotes, so that long quote-free runs use the fast path.
                let pick = (state % 40) as usize;
                text.push(if pick < alphabet.len() {
                    alphabet[pick]
                } else {
                    b'x'
                });
            }
            let expected = reference(&text);
            for capacity in [1, 7, 64, 4096] {
                let got: Vec<Vec<Vec<u8>>> = {
                    let mut tokenizer = Tokenizer::new(&text[..], b',', b'"', 0, capacity);
                    let mut out = Vec::new();
                    while let Some(batch) = tokenizer.next_batch(capacity).unwrap() {
                        for i in 0..batch.len() {
                            out.push(batch.record(i).map(<[u8]>::to_vec).collect());
                        }
                    }
                    out
                };
                assert_eq!(
                    got,
                    expected,
                    "case {case}, capacity {capacity}: {:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    #[test]
    fn finds_bytes_eight_at_a_time() {
        let text = b"0123456789abcdef;ghij\nk";
        assert_eq!(find3(text, b';', b'\n', b'\r'), Some(16));
        assert_eq!(find1(text, b'\n'), Some(21));
        assert_eq!(find1(b"\x80\x81\x01\x00abc", 0), Some(3));
        assert_eq!(find3(b"abcdefghijklm", b';', b'\n', b'\r'), None);
    }
}
