//! Personal data in tables: every row of every table is read for data that
//! identifies a person — personal e-mail addresses, mobile phone numbers,
//! social security numbers (NIR) and IBANs whose keys are right, and dates
//! of birth, street addresses or landline numbers next to a person's name.
//!
//! The scan runs inside the profile's reading pass ([`Scanner`] sees each
//! row once), and what it finds is kept with the profile. Whether a finding
//! stops the build is decided by the `guard` stage, against the columns
//! the dataset declares as published on purpose.
//!
//! Only masked examples ever leave the scanner: a report must not itself
//! publish what it warns about.

pub mod detect;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use detect::Phone;

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Email,
    MobilePhone,
    Nir,
    Iban,
    /// A landline number next to a person's name.
    PhoneWithName,
    BirthDateWithName,
    AddressWithName,
}

/// A column that holds one kind of personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub column: String,
    pub kind: Kind,
    /// Rows concerned.
    pub rows: u64,
    /// The first of them, counted as the validation counts rows: the header
    /// is row 1.
    pub first_row: u64,
    /// Up to three masked values.
    pub examples: Vec<String>,
    /// For data found next to a name: the column of the names.
    pub names_column: Option<String>,
}

const EXAMPLES: usize = 3;
/// Someone born less than this many years ago is a child, whose birth date
/// column would be named so; a date that recent in an unnamed column is
/// far more often an event's.
const ADULT_YEARS: i32 = 15;

/// Scans the rows of one table.
#[derive(Debug, Clone)]
pub struct Scanner {
    columns: Vec<Column>,
    this_year: i32,
    rows: u64,
    found: Vec<Finding>,
    /// Per column: the rows where it held something that identifies a
    /// person only next to a name (see [`Scanner::finish`]).
    candidate_rows: Vec<u64>,
    /// The current row's such cells.
    candidates: Vec<(usize, Candidate)>,
    /// Per column: whether a value reads as a name, for the values seen
    /// (up to [`REMEMBERED`]): most columns repeat a few values.
    names: Vec<detect::HashMap<bool>>,
}

const REMEMBERED: usize = 4096;

#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// Its name says it holds birth dates (`date_naissance`, `birth_date`).
    births: bool,
    /// Its name says it holds first names (`prenom`, `first_name`).
    first_names: bool,
}

/// Something that identifies a person only next to a name.
#[derive(Debug, Clone, Copy)]
enum Candidate {
    Landline,
    BirthDate,
    Address,
}

impl Scanner {
    /// A scanner for a table whose columns are named `names`.
    pub fn new(names: &[impl AsRef<str>]) -> Scanner {
        let columns = names
            .iter()
            .map(|name| {
                let folded = detect::fold(name.as_ref()).replace([' ', '-', '.'], "_");
                Column {
                    name: name.as_ref().to_string(),
                    births: [
                        "naissance",
                        "birth",
                        "dob",
                        "ddn",
                        "date_nais",
                        "datenais",
                        "ne_le",
                        "nee_le",
                    ]
                    .iter()
                    .any(|hint| folded.contains(hint)),
                    first_names: [
                        "prenom",
                        "firstname",
                        "first_name",
                        "given_name",
                        "givenname",
                    ]
                    .iter()
                    .any(|hint| folded.contains(hint)),
                }
            })
            .collect();
        // Read once: a large file has a scanner per part.
        static THIS_YEAR: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
        let this_year = *THIS_YEAR.get_or_init(|| jiff::ZonedDateTime::now().year().into());
        Scanner {
            columns,
            this_year,
            rows: 0,
            found: Vec::new(),
            candidate_rows: Vec::new(),
            candidates: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Reads one data row.
    pub fn push_row(&mut self, cells: &[impl AsRef<str>]) {
        self.rows += 1;
        let row = self.rows;
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        for (c, cell) in cells.iter().enumerate() {
            if let Some(candidate) = self.scan(c, cell.as_ref(), row) {
                candidates.push((c, candidate));
            }
        }
        if !candidates.is_empty() {
            self.pair(row, &candidates, cells.len(), &[], |c| {
                cells.get(c).map(|cell| Cow::Borrowed(cell.as_ref()))
            });
        }
        self.candidates = candidates;
    }

    /// Reads `rows` rows column by column, through `cell(row, column)`,
    /// passing over the columns `passed` marks: those whose values cannot
    /// be personal data (see `ColumnStats::holds_nothing_personal`). Finds
    /// what [`Scanner::push_row`] would find row by row, touching only the
    /// columns that matter. `width` is the widest row's number of cells.
    pub fn push_columns<'c>(
        &mut self,
        rows: usize,
        width: usize,
        passed: &[bool],
        cell: impl Fn(usize, usize) -> Option<Cow<'c, str>>,
    ) {
        let base = self.rows;
        // (row, column, what): rows in order within each column.
        let mut found: Vec<(usize, usize, Candidate)> = Vec::new();
        for c in (0..width).filter(|&c| passed.get(c) != Some(&true)) {
            for r in 0..rows {
                if let Some(text) = cell(r, c)
                    && let Some(candidate) = self.scan(c, &text, base + r as u64 + 1)
                {
                    found.push((r, c, candidate));
                }
            }
        }
        found.sort_unstable_by_key(|&(r, c, _)| (r, c));
        let mut candidates = std::mem::take(&mut self.candidates);
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            let r = group[0].0;
            candidates.clear();
            candidates.extend(group.iter().map(|&(_, c, candidate)| (c, candidate)));
            self.pair(base + r as u64 + 1, &candidates, width, passed, |c| {
                cell(r, c)
            });
        }
        self.candidates = candidates;
        self.rows += rows as u64;
    }

    /// Tests one cell of row `row` (counted from 1): records what it is on
    /// its own, and returns what it would be next to a name.
    fn scan(&mut self, c: usize, cell: &str, row: u64) -> Option<Candidate> {
        let cell = cell.trim_ascii();
        let bytes = cell.as_bytes();
        // The shortest cells that can match: `1 rue X`, `a.b@c.fr`.
        if bytes.len() < 7 {
            return None;
        }
        // The length and the first bytes sort most cells out; each test
        // runs only on cells of a shape it can match, and stops at the
        // first byte that does not fit.
        let at = bytes.contains(&b'@');
        let first = bytes[0];
        let mut candidate = None;
        if (first.is_ascii_digit() || first == b'+') && !at {
            let leading = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            // Phones have no `/`, and no `-` after four digits (dates).
            let phone = if (10..=20).contains(&bytes.len())
                && !matches!(bytes.get(leading), Some(b'/'))
                && !(leading == 4 && bytes.get(4) == Some(&b'-'))
            {
                detect::french_phone(cell)
            } else {
                None
            };
            if let Some(phone) = phone {
                match phone {
                    Phone::Mobile => self.record(c, Kind::MobilePhone, mask_phone(cell), None, row),
                    Phone::Other => candidate = Some(Candidate::Landline),
                }
            } else if bytes.len() >= 15 && detect::nir(cell) {
                self.record(c, Kind::Nir, mask_nir(cell), None, row);
            } else if let Some(year) = (bytes.len() <= 10 && leading <= 4)
                .then(|| detect::date_year(cell))
                .flatten()
            {
                let births = self.columns.get(c).is_some_and(|col| col.births);
                let latest = if births {
                    self.this_year
                } else {
                    self.this_year - ADULT_YEARS
                };
                if (1900..=latest).contains(&year) {
                    candidate = Some(Candidate::BirthDate);
                }
            } else if leading <= 4
                && matches!(bytes.get(leading), Some(b' ' | b',' | b'\t'))
                && detect::street_address(cell)
            {
                candidate = Some(Candidate::Address);
            }
        } else if first.is_ascii_alphabetic()
            && bytes.len() >= 15
            && bytes[2].is_ascii_digit()
            && detect::iban(cell)
        {
            self.record(c, Kind::Iban, mask_iban(cell), None, row);
        }
        if at && detect::personal_email(cell) {
            self.record(c, Kind::Email, mask_email(cell), None, row);
        }
        candidate
    }

    /// Pairs the `candidates` of row `row` with the first name among the
    /// row's other cells (`cell(column)`, `width` of them), and records them
    /// when there is one.
    fn pair<'c>(
        &mut self,
        row: u64,
        candidates: &[(usize, Candidate)],
        width: usize,
        passed: &[bool],
        cell: impl Fn(usize) -> Option<Cow<'c, str>>,
    ) {
        for &(c, _) in candidates {
            if self.candidate_rows.len() <= c {
                self.candidate_rows.resize(c + 1, 0);
            }
            self.candidate_rows[c] += 1;
        }
        if self.names.len() < width {
            self.names.resize_with(width, Default::default);
        }
        let mut name = None;
        for c in 0..width {
            if passed.get(c) == Some(&true) || candidates.iter().any(|&(k, _)| k == c) {
                continue;
            }
            let Some(text) = cell(c) else { continue };
            let text = text.trim_ascii();
            if !detect::may_be_name(text) {
                continue;
            }
            let key = detect::word_hash(text);
            let is_name = match self.names[c].get(&key) {
                Some(&known) => known,
                None => {
                    let first_names = self.columns.get(c).is_some_and(|col| col.first_names);
                    let is_name = detect::person_name(text, first_names);
                    if self.names[c].len() < REMEMBERED {
                        self.names[c].insert(key, is_name);
                    }
                    is_name
                }
            };
            if is_name {
                name = Some((c, mask_words(text)));
                break;
            }
        }
        let Some((names_column, masked_name)) = name else {
            return;
        };
        for &(c, candidate) in candidates {
            let Some(text) = cell(c) else { continue };
            let (kind, example) = match candidate {
                Candidate::Landline => (Kind::PhoneWithName, mask_phone(&text)),
                Candidate::BirthDate => (Kind::BirthDateWithName, mask_date(&text)),
                Candidate::Address => (Kind::AddressWithName, mask_address(&text)),
            };
            let example = format!("{masked_name} — {example}");
            self.record(c, kind, example, Some(names_column), row);
        }
    }

    fn column_name(&self, c: usize) -> String {
        self.columns
            .get(c)
            .map_or_else(|| format!("column_{}", c + 1), |col| col.name.clone())
    }

    fn record(
        &mut self,
        c: usize,
        kind: Kind,
        example: String,
        names_column: Option<usize>,
        row: u64,
    ) {
        let column = self.column_name(c);
        let names_column = names_column.map(|n| self.column_name(n));
        match self
            .found
            .iter_mut()
            .find(|f| f.column == column && f.kind == kind)
        {
            Some(finding) => {
                finding.rows += 1;
                if finding.examples.len() < EXAMPLES && !finding.examples.contains(&example) {
                    finding.examples.push(example);
                }
            }
            None => self.found.push(Finding {
                column,
                kind,
                rows: 1,
                first_row: row,
                examples: vec![example],
                names_column,
            }),
        }
    }

    /// Adds `later`, the scan of the rows that follow this one's.
    pub fn merge(&mut self, later: &Scanner) {
        let offset = self.rows;
        for finding in later.found.iter().cloned() {
            match self
                .found
                .iter_mut()
                .find(|f| f.column == finding.column && f.kind == finding.kind)
            {
                Some(mine) => {
                    mine.rows += finding.rows;
                    for example in finding.examples {
                        if mine.examples.len() < EXAMPLES && !mine.examples.contains(&example) {
                            mine.examples.push(example);
                        }
                    }
                }
                None => self
                    .found
                    .push(Finding { first_row: finding.first_row + offset, ..finding }),
            }
        }
        if self.candidate_rows.len() < later.candidate_rows.len() {
            self.candidate_rows.resize(later.candidate_rows.len(), 0);
        }
        for (mine, theirs) in self.candidate_rows.iter_mut().zip(&later.candidate_rows) {
            *mine += theirs;
        }
        self.rows += later.rows;
    }

    /// The findings, in column order; rows numbered from the header when
    /// the table has one.
    ///
    /// A date, an address or a landline next to a name counts when the
    /// name is there in at least half the rows that have such a value: a
    /// shop sign that reads like a name (`Leclerc Océane`) beside the
    /// addresses of a list of stations is not a list of people, while a
    /// few rows of people planted in a file are.
    pub fn finish(self, header: bool) -> Vec<Finding> {
        let Scanner { columns, mut found, candidate_rows, .. } = self;
        let position = |column: &str| columns.iter().position(|c| c.name == column);
        found.retain(|f| {
            let candidates = position(&f.column)
                .and_then(|c| candidate_rows.get(c).copied())
                .unwrap_or(0);
            f.names_column.is_none() || f.rows * 2 >= candidates
        });
        for finding in &mut found {
            finding.first_row += u64::from(header);
        }
        found.sort_by_key(|f| (position(&f.column).unwrap_or(usize::MAX), f.kind));
        found
    }
}

/// Each word as its first letter and dots: `Marie Dupont` → `M••• D•••`.
fn mask_words(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| format!("{c}•••"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `jean.martin@ign.fr` → `j•••.m•••@ign.fr`: the domain names an
/// organisation or a provider, not the person.
fn mask_email(cell: &str) -> String {
    let cell = cell.trim();
    let (local, domain) = cell.rsplit_once('@').unwrap_or((cell, ""));
    let mut masked = String::new();
    let mut start = true;
    for c in local.chars() {
        if matches!(c, '.' | '_' | '-' | '+') {
            masked.push(c);
            start = true;
        } else if start {
            masked.push(c);
            masked.push_str("•••");
            start = false;
        }
    }
    format!("{masked}@{domain}")
}

/// The first two and the last two digits: `06 •• •• •• 78`.
fn mask_phone(cell: &str) -> String {
    let digits: Vec<char> = cell.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    format!(
        "{}{} •• •• •• {}{}",
        digits[0],
        digits[1],
        digits[n - 2],
        digits[n - 1]
    )
}

/// The sex digit only: `1 •• •• •• ••• ••• ••`.
fn mask_nir(cell: &str) -> String {
    let first = cell.trim().chars().next().unwrap_or('•');
    format!("{first} •• •• •• ••• ••• ••")
}

/// The country and the last two characters: `FR•• •••• … ••89`.
fn mask_iban(cell: &str) -> String {
    let chars: Vec<char> = cell.chars().filter(char::is_ascii_alphanumeric).collect();
    let n = chars.len();
    format!(
        "{}{}•• •••• … ••{}{}",
        chars[0].to_ascii_uppercase(),
        chars[1].to_ascii_uppercase(),
        chars[n - 2],
        chars[n - 1]
    )
}

/// The century only: `••/••/19••`.
fn mask_date(cell: &str) -> String {
    match detect::date_year(cell) {
        Some(year) => format!("••/••/{}••", year / 100),
        None => "••/••/••••".to_string(),
    }
}

/// The street type only: `•• rue •••`.
fn mask_address(cell: &str) -> String {
    let kind = cell
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .find(|w| {
            !w.starts_with(|c: char| c.is_ascii_digit())
                && !matches!(w.to_lowercase().as_str(), "bis" | "ter" | "quater")
        })
        .unwrap_or("");
    format!("•• {} •••", kind.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(names: &[&str], rows: &[&[&str]]) -> Vec<Finding> {
        let mut scanner = Scanner::new(names);
        for row in rows {
            scanner.push_row(row);
        }
        scanner.finish(true)
    }

    #[test]
    fn masks_never_show_a_whole_value() {
        assert_eq!(mask_email("jean.martin@ign.fr"), "j•••.m•••@ign.fr");
        assert_eq!(mask_phone("06 12 34 56 78"), "06 •• •• •• 78");
        assert_eq!(mask_phone("+33 6 12 34 56 78"), "33 •• •• •• 78");
        assert_eq!(
            mask_iban("FR76 3000 6000 0112 3456 7890 189"),
            "FR•• •••• … ••89"
        );
        assert_eq!(mask_nir("1 85 05 78 006 084 91"), "1 •• •• •• ••• ••• ••");
        assert_eq!(mask_date("14/07/1985"), "••/••/19••");
        assert_eq!(mask_address("12 bis rue des Lilas"), "•• rue •••");
        assert_eq!(mask_words("Marie Dupont"), "M••• D•••");
    }

    #[test]
    fn finds_each_kind_where_it_is() {
        let found = scan(
            &["a", "b", "c", "d"],
            &[
                &["1", "Marie Dupont", "14/07/1985", "12 rue des Lilas"],
                &["2", "Piscine des Tilleuls", "14/07/1985", "3 avenue Foch"],
                &["3", "x", "jean.martin@ign.fr", "06 12 34 56 78"],
                &[
                    "4",
                    "FR76 3000 6000 0112 3456 7890 189",
                    "185057800608491",
                    "contact@clairval.fr",
                ],
            ],
        );
        let summary: Vec<(&str, Kind, u64, u64)> = found
            .iter()
            .map(|f| (f.column.as_str(), f.kind, f.rows, f.first_row))
            .collect();
        assert_eq!(
            summary,
            [
                ("b", Kind::Iban, 1, 5),
                ("c", Kind::Email, 1, 4),
                ("c", Kind::Nir, 1, 5),
                ("c", Kind::BirthDateWithName, 1, 2),
                ("d", Kind::MobilePhone, 1, 4),
                ("d", Kind::AddressWithName, 1, 2),
            ]
        );
        assert_eq!(found[3].names_column.as_deref(), Some("b"));
        assert_eq!(found[3].examples, ["M••• D••• — ••/••/19••"]);
    }

    #[test]
    fn recent_dates_are_births_only_in_a_column_named_so() {
        let events = scan(&["nom", "date"], &[&["Marie Dupont", "14/07/2020"]]);
        assert!(events.is_empty());
        let births = scan(
            &["nom", "date_naissance"],
            &[&["Marie Dupont", "14/07/2020"]],
        );
        assert_eq!(births[0].kind, Kind::BirthDateWithName);
    }

    #[test]
    fn by_columns_as_by_rows() {
        let rows: Vec<Vec<&str>> = vec![
            vec!["1", "Marie Dupont", "14/07/1985", "12 rue des Lilas"],
            vec![
                "2",
                "x",
                "jean.martin@ign.fr",
                "06 12 34 56 78",
                "extra 07 12 34 56 78",
            ],
            vec!["3", "Jean Martin"],
            vec!["4", "Jean Martin", "01 23 45 67 89"],
        ];
        let names = ["a", "b", "c", "d"];
        let mut by_rows = Scanner::new(&names);
        rows.iter().for_each(|r| by_rows.push_row(r));
        let mut by_columns = Scanner::new(&names);
        by_columns.push_columns(rows.len(), 5, &[true], |r, c| {
            rows[r].get(c).map(|cell| Cow::Borrowed(*cell))
        });
        assert_eq!(by_columns.finish(true), by_rows.finish(true));
    }

    #[test]
    fn parts_merge_into_the_scan_of_the_whole() {
        let rows: Vec<[&str; 2]> = (0..10)
            .map(|i| {
                if i % 3 == 0 {
                    ["x", "06 12 34 56 78"]
                } else {
                    ["x", "y"]
                }
            })
            .collect();
        let mut whole = Scanner::new(&["a", "b"]);
        rows.iter().for_each(|r| whole.push_row(r));
        let mut first = Scanner::new(&["a", "b"]);
        let mut second = Scanner::new(&["a", "b"]);
        rows[..4].iter().for_each(|r| first.push_row(r));
        rows[4..].iter().for_each(|r| second.push_row(r));
        first.merge(&second);
        assert_eq!(first.finish(true), whole.finish(true));
    }
}
