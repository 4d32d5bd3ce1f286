//! Text encodings of data files as authorities export them.
//!
//! Order of decisions: a byte-order mark decides (UTF-8, UTF-16LE/BE);
//! otherwise the file is taken as UTF-8 until a byte says otherwise, and
//! then read again as Windows-1252 (what "ANSI" means in French office
//! software; WHATWG maps the ISO-8859-1 label to it too, and it has `œ` and
//! `€` where ISO-8859-1 has controls). A UTF-8 byte-order mark followed by a
//! Windows-1252 body, which some tools produce, ends up in the same place.
//! UTF-16 without a byte-order mark cannot be told apart reliably from other
//! encodings, so it is refused rather than shown as garbage.
//!
//! Single-byte encodings keep ASCII where it is, so delimited files in them
//! are split as they are and decoded cell by cell; only UTF-16 files go
//! through [`DecodingReader`].

use std::io::{self, Read};

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{BinaryKind, ProfileError, ReadFailure};

/// How to decode a file, decided from its first bytes.
#[derive(Debug, Clone, Copy)]
pub struct Sniffed {
    pub encoding: &'static Encoding,
    /// Bytes of byte-order mark to skip.
    pub bom_len: usize,
}

pub fn sniff(head: &[u8]) -> Result<Sniffed, ProfileError> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Sniffed { encoding: UTF_8, bom_len: 3 });
    }
    if head.starts_with(b"\xFF\xFE") {
        return Ok(Sniffed { encoding: UTF_16LE, bom_len: 2 });
    }
    if head.starts_with(b"\xFE\xFF") {
        return Ok(Sniffed { encoding: UTF_16BE, bom_len: 2 });
    }
    if let Some(kind) = binary_signature(head) {
        return Err(ProfileError::new(ReadFailure::Binary {
            looks_like: Some(kind),
        }));
    }
    if head.contains(&0) {
        return Err(ProfileError::new(if looks_like_utf16(head) {
            ReadFailure::Utf16WithoutBom
        } else {
            ReadFailure::Binary { looks_like: None }
        }));
    }
    Ok(Sniffed { encoding: UTF_8, bom_len: 0 })
}

fn binary_signature(head: &[u8]) -> Option<BinaryKind> {
    if head.starts_with(b"PK\x03\x04") {
        Some(BinaryKind::Zip)
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        Some(BinaryKind::OldExcel)
    } else if head.starts_with(b"%PDF") {
        Some(BinaryKind::Pdf)
    } else {
        None
    }
}

/// ASCII text in UTF-16 has a zero byte in every other position.
fn looks_like_utf16(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return false;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    even.max(odd) * 10 >= pairs * 3 && even.min(odd) * 10 < pairs
}

/// Reads `inner` and yields its text as UTF-8 bytes.
pub struct DecodingReader<R> {
    inner: R,
    /// Malformed sequences met so far, each read as U+FFFD.
    malformed: std::rc::Rc<std::cell::Cell<u64>>,
    decoder: Decoder,
    input: Box<[u8]>,
    input_start: usize,
    input_end: usize,
    input_done: bool,
    output: Box<[u8]>,
    output_start: usize,
    output_end: usize,
    finished: bool,
}

const BUFFER: usize = 64 * 1024;

impl<R: Read> DecodingReader<R> {
    /// Malformed input is replaced with U+FFFD.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodingReader {
            inner,
            malformed: Default::default(),
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; BUFFER].into_boxed_slice(),
            input_start: 0,
            input_end: 0,
            input_done: false,
            // Room for the worst case growth of one input buffer (UTF-16 and
            // single-byte encodings at most triple in UTF-8).
            output: vec![0; BUFFER * 3 + 16].into_boxed_slice(),
            output_start: 0,
            output_end: 0,
            finished: false,
        }
    }

    /// Counts the malformed sequences this reader meets, also once it is
    /// handed to another reader.
    pub fn malformed_counter(&self) -> std::rc::Rc<std::cell::Cell<u64>> {
        self.malformed.clone()
    }

    fn fill(&mut self) -> io::Result<()> {
        while self.output_start == self.output_end && !self.finished {
            if self.input_start == self.input_end && !self.input_done {
                let n = self.inner.read(&mut self.input)?;
                self.input_start = 0;
                self.input_end = n;
                self.input_done = n == 0;
            }
            let input = &self.input[self.input_start..self.input_end];
            let last = self.input_done;
            // Decoding stops at each malformed sequence, to count it.
            let (result, read, mut written) =
                self.decoder
                    .decode_to_utf8_without_replacement(input, &mut self.output, last);
            if let encoding_rs::DecoderResult::Malformed(..) = result {
                self.output[written..written + 3].copy_from_slice("\u{FFFD}".as_bytes());
                written += 3;
                self.malformed.set(self.malformed.get() + 1);
            }
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            if last && self.input_start == self.input_end {
                self.finished = true;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.fill()?;
        let available = &self.output[self.output_start..self.output_end];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.output_start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    fn decode(bytes: &[u8], encoding: &'static Encoding) -> io::Result<String> {
        let mut out = String::new();
        DecodingReader::new(bytes, encoding).read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn decodes_windows_1252_with_oe_and_euro() {
        let bytes = b"Main-d'\x9Cuvre;12 \x80";
        assert_eq!(decode(bytes, WINDOWS_1252).unwrap(), "Main-d'œuvre;12 €");
    }

    #[test]
    fn counts_malformed_utf16() {
        let mut bytes: Vec<u8> = "a;b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.extend_from_slice(&[0xAD, 0xDE]);
        bytes.extend_from_slice(&[b'\n', 0]);
        let reader = DecodingReader::new(&bytes[..], UTF_16LE);
        let counter = reader.malformed_counter();
        let mut out = String::new();
        { reader }.read_to_string(&mut out).unwrap();
        assert_eq!(out, "a;b\n\u{FFFD}\n");
        assert_eq!(counter.get(), 1);
    }

    #[test]
    fn decodes_utf16() {
        let bytes: Vec<u8> = "Département;é"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&bytes, UTF_16LE).unwrap(), "Département;é");
    }

    #[test]
    fn sniffs_boms_and_refuses_binary() {
        assert_eq!(sniff(b"\xEF\xBB\xBFa,b").unwrap().bom_len, 3);
        assert_eq!(sniff(b"\xFF\xFEa\0").unwrap().encoding, UTF_16LE);
        let utf16_no_bom: Vec<u8> = "nom,prenom\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            sniff(&utf16_no_bom)
                .unwrap_err()
                .message()
                .contains("UTF-16")
        );
        assert!(
            sniff(b"PK\x03\x04\0\0")
                .unwrap_err()
                .message()
                .contains("ZIP")
        );
        assert!(
            sniff(b"\x00\x01\x02\x03\x00\x00\x00\x07")
                .unwrap_err()
                .message()
                .contains("binary")
        );
    }

    #[test]
    fn long_input_crosses_buffers() {
        let text = "é".repeat(BUFFER);
        assert_eq!(decode(text.as_bytes(), UTF_8).unwrap(), text);
    }
}
