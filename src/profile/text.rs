//! CSV and TSV files: encoding, dialect (field separator) and shape.

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

use super::encoding::{self, DecodingReader};
use super::{
    PREVIEW_ROWS, ProfileError, ProfileWarning, ResourceProfile, TableProfile, preview_cell,
};

/// Decoded text examined to guess the separator.
const SNIFF_BYTES: usize = 64 * 1024;
/// Separators authorities use, in order of preference when several fit.
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

pub fn profile_delimited(path: &Path, forced: Option<u8>) -> Result<ResourceProfile, ProfileError> {
    let mut file =
        File::open(path).map_err(|e| ProfileError::new(format!("cannot open the file: {e}")))?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    let sniffed = encoding::sniff(&head)?;
    let strict = sniffed.encoding == UTF_8;
    match read_table(&mut file, sniffed.encoding, sniffed.bom_len, strict, forced) {
        Err(Failure::NotUtf8) => read_table(
            &mut file,
            encoding::FALLBACK,
            sniffed.bom_len,
            false,
            forced,
        )
        .map_err(|f| match f {
            Failure::Error(e) => e,
            // Windows-1252 decodes every byte.
            Failure::NotUtf8 => ProfileError::new("cannot decode the file"),
        }),
        Err(Failure::Error(e)) => Err(e),
        Ok(profile) => Ok(profile),
    }
}

enum Failure {
    NotUtf8,
    Error(ProfileError),
}

fn read_error(e: io::Error) -> ProfileError {
    ProfileError::new(format!("cannot read the file: {e}"))
}

fn read_table(
    file: &mut File,
    encoding: &'static Encoding,
    bom_len: usize,
    strict: bool,
    forced: Option<u8>,
) -> Result<ResourceProfile, Failure> {
    file.seek(SeekFrom::Start(bom_len as u64))
        .map_err(|e| Failure::Error(read_error(e)))?;
    let mut decoded = DecodingReader::new(BufReader::new(&mut *file), encoding, strict);

    let mut sample = Vec::with_capacity(SNIFF_BYTES);
    (&mut decoded)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut sample)
        .map_err(io_failure)?;
    let complete = sample.len() < SNIFF_BYTES;
    let delimiter = forced.unwrap_or_else(|| sniff_delimiter(&sample, complete));

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(Cursor::new(sample).chain(decoded));

    let mut record = csv::ByteRecord::new();
    let mut columns: Option<Vec<String>> = None;
    let mut rows = 0u64;
    let mut preview = Vec::new();
    let mut ragged = 0u64;
    let mut first_ragged_line = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_failure(e)),
        }
        let Some(header) = &columns else {
            columns = Some(
                record
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .collect(),
            );
            continue;
        };
        rows += 1;
        if record.len() != header.len() {
            ragged += 1;
            first_ragged_line
                .get_or_insert_with(|| record.position().map_or(0, |p| p.line() as usize));
        }
        if preview.len() < PREVIEW_ROWS {
            preview.push(
                record
                    .iter()
                    .map(|c| preview_cell(&String::from_utf8_lossy(c)))
                    .collect(),
            );
        }
    }

    let mut warnings = Vec::new();
    if columns.is_none() {
        warnings.push(ProfileWarning::EmptyFile);
    }
    if ragged > 0 {
        warnings.push(ProfileWarning::RaggedRows {
            rows: ragged,
            columns: columns.as_ref().map_or(0, Vec::len),
            first_line: first_ragged_line.unwrap_or(0),
        });
    }
    Ok(ResourceProfile {
        tables: vec![TableProfile {
            name: None,
            columns: columns.unwrap_or_default(),
            rows,
            preview,
        }],
        encoding: Some(encoding.name()),
        delimiter: Some(delimiter as char),
        geometry: None,
        warnings,
    })
}

fn io_failure(e: io::Error) -> Failure {
    if encoding::is_not_utf8(&e) {
        Failure::NotUtf8
    } else {
        Failure::Error(read_error(e))
    }
}

fn csv_failure(e: csv::Error) -> Failure {
    let line = e.position().map(|p| p.line() as usize);
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_failure(io),
        other => Failure::Error(ProfileError {
            message: format!("cannot read the file as CSV: {other:?}"),
            line,
        }),
    }
}

/// Guesses the separator from the first records of `sample`: the candidate
/// that appears the same number of times (at least once) in the most
/// records, quoted text excepted. The header row counts too, which is what
/// tells `;` files with decimal commas (`12,5`) from comma files: headers
/// rarely hold a comma. Ties go to the earlier candidate of [`DELIMITERS`].
pub fn sniff_delimiter(sample: &[u8], complete: bool) -> u8 {
    let mut records: Vec<[usize; DELIMITERS.len()]> = Vec::new();
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    let mut blank = true;
    for &b in sample {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                if !blank {
                    records.push(counts);
                }
                counts = [0; DELIMITERS.len()];
                blank = true;
                if records.len() == 200 {
                    break;
                }
                continue;
            }
            _ if !in_quotes => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            blank = false;
        }
    }
    // The last record is whole only if the sample holds the whole file.
    if complete && !blank {
        records.push(counts);
    }
    let mut best = (b',', 0usize);
    for (i, &delimiter) in DELIMITERS.iter().enumerate() {
        let mut frequency: Vec<(usize, usize)> = Vec::new();
        for record in &records {
            let n = record[i];
            match frequency.iter_mut().find(|(count, _)| *count == n) {
                Some((_, seen)) => *seen += 1,
                None => frequency.push((n, 1)),
            }
        }
        let agreeing = frequency
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(_, seen)| *seen)
            .max()
            .unwrap_or(0);
        if agreeing > best.1 {
            best = (delimiter, agreeing);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_with_decimal_commas() {
        let sample = b"annee;montant;taux\n2024;1 500,50;0,5\n2025;2 000,00;1,5\n";
        assert_eq!(sniff_delimiter(sample, true), b';');
    }

    #[test]
    fn commas_with_semicolons_in_quotes() {
        let sample = b"nom,objet\n\"A\",\"sport; culture\"\n\"B\",\"jeunesse; loisirs\"\n";
        assert_eq!(sniff_delimiter(sample, true), b',');
    }

    #[test]
    fn tabs_and_pipes() {
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n", true), b'\t');
        assert_eq!(sniff_delimiter(b"a|b|c\n1|2|3\n", true), b'|');
    }

    #[test]
    fn single_column_defaults_to_comma() {
        assert_eq!(sniff_delimiter(b"nom\nA\nB\n", true), b',');
    }

    #[test]
    fn multiline_quoted_cells_are_one_record() {
        let sample = b"a;b\n\"ligne 1\nligne 2, suite\";2\n3;4\n";
        assert_eq!(sniff_delimiter(sample, true), b';');
    }
}
