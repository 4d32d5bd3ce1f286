//! Properties of the profiler on random CSV files: row counts and missing
//! values agree with a plain reference reader, and a file read in many
//! small chunks (merged in order, on several threads) gives exactly the
//! profile of one sequential pass.

use ouvert::profile::delimited::{self, Options};

/// A deterministic pseudo-random generator (xorshift), so failures replay.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random value, written as a French export would: numbers with decimal
/// commas, dates, codes with leading zeros, text with separators, quotes
/// and line breaks, empty cells.
fn value(random: &mut Random, column: usize) -> String {
    match (column + random.below(3) as usize) % 7 {
        _ if random.below(8) == 0 => String::new(),
        0 => format!("{}", random.below(1000)),
        1 => format!("{},{}", random.below(100), random.below(100)),
        2 => format!(
            "{:02}/{:02}/20{:02}",
            1 + random.below(28),
            1 + random.below(12),
            random.below(30)
        ),
        3 => format!("{:05}", random.below(100_000)),
        4 => ["oui", "non", "NA", " "][random.below(4) as usize].to_string(),
        5 => format!(
            "\"texte; avec \"\"guillemets\"\"\net retour {}\"",
            random.below(50)
        ),
        _ => ["Brest", "Évry", "Main-d'œuvre", "a;b"][random.below(4) as usize].to_string(),
    }
}

fn quote(value: &str) -> String {
    if value.starts_with('"') || !value.contains([';', '\n', '"']) {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('"', "\"\""))
    }
}

/// A random file, and what a plain reader says of it: data rows, and
/// missing values per column.
fn random_file(random: &mut Random) -> (String, u64, Vec<u64>) {
    let columns = 1 + random.below(6) as usize;
    let rows = random.below(300);
    let mut text = (0..columns)
        .map(|c| format!("colonne_{c}"))
        .collect::<Vec<_>>()
        .join(";");
    text.push_str(if random.below(2) == 0 { "\n" } else { "\r\n" });
    let mut missing = vec![0u64; columns];
    for _ in 0..rows {
        let cells: Vec<String> = (0..columns).map(|c| value(random, c)).collect();
        for (c, cell) in cells.iter().enumerate() {
            if matches!(cell.trim(), "" | "NA") {
                missing[c] += 1;
            }
        }
        let line = cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(";");
        // A blank line is no row for any reader: write an empty row of one
        // column as an empty quoted cell.
        text.push_str(if line.trim().is_empty() && columns == 1 {
            "\"\""
        } else {
            &line
        });
        text.push_str(if random.below(5) == 0 { "\r\n" } else { "\n" });
    }
    (text, rows, missing)
}

#[test]
fn rows_and_missing_values_match_a_plain_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let (text, rows, missing) = random_file(&mut random);
        let path = dir.path().join(format!("f{case}.csv"));
        std::fs::write(&path, &text).unwrap();
        let profile = delimited::profile(&path, Options::new(Some(b';'), 1)).unwrap();
        let table = &profile.tables[0];
        assert_eq!(table.rows, rows, "case {case}:\n{text}");
        let got: Vec<u64> = table.columns.iter().map(|c| c.nulls).collect();
        assert_eq!(got, missing, "case {case}:\n{text}");
    }
}

#[test]
fn chunks_merge_into_the_profile_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Random(0xD1B5_4A32_D192_ED03);
    for case in 0..200 {
        let (text, _, _) = random_file(&mut random);
        let path = dir.path().join(format!("f{case}.csv"));
        std::fs::write(&path, &text).unwrap();
        let whole = delimited::profile(&path, Options::new(None, 1)).unwrap();
        for (chunk, jobs) in [(97, 1), (211, 2), (1024, 2)] {
            let parts =
                delimited::profile(&path, Options { chunk, ..Options::new(None, jobs) }).unwrap();
            assert_eq!(
                parts, whole,
                "case {case}, chunks of {chunk} bytes on {jobs} threads:\n{text}"
            );
        }
    }
}
