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
///
/// Rows come in batches: each column of the batch that may matter goes
/// through [`Scanner::column`] (the profile hands it each cell right after
/// adding it to the column's statistics, while it is in the processor's
/// cache) or [`Scanner::scan_column`], in any order, and
/// [`Scanner::end_batch`] then looks for the names next to what only
/// identifies a person next to a name.
#[derive(Debug, Clone)]
pub struct Scanner {
    columns: Vec<Column>,
    this_year: i32,
    /// Rows of the batches ended so far.
    rows: u64,
    found: Vec<Found>,
    /// Per column: the rows where it held something that identifies a
    /// person only next to a name (see [`Scanner::finish`]).
    candidate_rows: Vec<u64>,
    /// The current batch's such cells.
    pending: Vec<Pending>,
    /// Whether the current batch may hold an `@` (see
    /// [`Scanner::batch_without_at_sign`]).
    at_signs: bool,
    /// Per column: whether a cell of the current batch may be a name. The
    /// names next to candidates are looked for only in those columns: codes
    /// and lowercase free text are most text columns.
    names_possible: Vec<bool>,
    /// Per column: whether a value reads as a name, for the values seen
    /// (up to [`REMEMBERED`]): most columns repeat a few values.
    names: Vec<detect::HashMap<bool>>,
}

const REMEMBERED: usize = 4096;

/// A finding while scanning: columns by index, rows from the first data
/// row.
#[derive(Debug, Clone)]
struct Found {
    column: usize,
    kind: Kind,
    rows: u64,
    first_row: u64,
    examples: Vec<String>,
    names_column: Option<usize>,
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// Its name says it holds birth dates (`date_naissance`, `birth_date`).
    births: bool,
    /// Its name says it holds first names (`prenom`, `first_name`).
    first_names: bool,
}

/// A cell that identifies a person only next to a name: (row in the
/// batch, column, what).
type Pending = (u32, u32, Candidate);

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
        // Read once: a large file has a scanner per part. The year in UTC
        // (a day off at New Year changes nothing here) spares loading the
        // time zone database.
        static THIS_YEAR: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
        let this_year = *THIS_YEAR.get_or_init(|| {
            jiff::Timestamp::now()
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .year()
                .into()
        });
        Scanner {
            columns,
            this_year,
            rows: 0,
            found: Vec::new(),
            candidate_rows: Vec::new(),
            pending: Vec::new(),
            at_signs: true,
            names_possible: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Reads one data row.
    pub fn push_row(&mut self, cells: &[impl AsRef<str>]) {
        self.push_columns(1, cells.len(), |_, c| {
            cells
                .get(c)
                .map(|cell| Cow::Borrowed(cell.as_ref().as_bytes()))
        });
    }

    /// Reads a batch of `rows` rows through `cell(row, column)` (UTF-8
    /// bytes), every column of it. `width` is the widest row's number of
    /// cells. (The profile passes harmless columns over itself: see
    /// `TableStats::push_batch`.)
    pub fn push_columns<'c>(
        &mut self,
        rows: usize,
        width: usize,
        cell: impl Fn(usize, usize) -> Option<Cow<'c, [u8]>>,
    ) {
        for c in 0..width {
            self.scan_column(
                c,
                (0..rows).filter_map(|r| cell(r, c).map(|text| (r, text))),
            );
        }
        self.end_batch(rows, width, cell);
    }

    /// Says that no cell of the current batch holds an `@`, so none is an
    /// e-mail address: one search of the batch's bytes, much faster than
    /// one per cell, spares most batches of most files the search.
    pub fn batch_without_at_sign(&mut self) {
        self.at_signs = false;
    }

    /// Tests the cells of column `column` of the current batch, `(row in
    /// the batch counted from 0, UTF-8 bytes)`: see [`ColumnScan::cell`].
    pub fn scan_column<'c>(
        &mut self,
        column: usize,
        cells: impl Iterator<Item = (usize, Cow<'c, [u8]>)>,
    ) {
        let mut scan = self.column(column);
        for (row, cell) in cells {
            scan.cell(row, &cell);
        }
    }

    /// The scan of column `column` of the current batch, one cell at a
    /// time: for callers that read each cell for their own ends as well.
    pub fn column(&mut self, column: usize) -> ColumnScan<'_> {
        if self.names_possible.len() <= column {
            self.names_possible.resize(column + 1, false);
        }
        let names_possible = self.names_possible[column];
        let latest_birth_year = self.latest_birth_year(column);
        ColumnScan { scanner: self, column, names_possible, latest_birth_year }
    }

    /// Tests one cell of row `row` (counted from 1 over the table): records
    /// what it is on its own, and returns what it would be next to a name.
    fn scan(&mut self, c: usize, cell: &[u8], row: u64) -> Option<Candidate> {
        let bytes = cell.trim_ascii();
        if bytes.len() < 7 {
            return None;
        }
        // Only cells of the right shape are made text: most are not.
        let text = || String::from_utf8_lossy(bytes);
        // The length and the first bytes sort most cells out; each test
        // runs only on cells of a shape it can match, and stops at the
        // first byte that does not fit.
        let at = self.at_signs && memchr::memchr(b'@', bytes).is_some();
        let first = bytes[0];
        let mut candidate = None;
        if (first.is_ascii_digit() || first == b'+') && !at {
            let leading = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            // Phones have no `/`, and no `-` after four digits (dates).
            let phone = if (10..=20).contains(&bytes.len())
                && !matches!(bytes.get(leading), Some(b'/'))
                && !(leading == 4 && bytes.get(4) == Some(&b'-'))
            {
                detect::french_phone(&text())
            } else {
                None
            };
            if let Some(phone) = phone {
                match phone {
                    Phone::Mobile => {
                        self.record(c, Kind::MobilePhone, mask_phone(&text()), None, row)
                    }
                    Phone::Other => candidate = Some(Candidate::Landline),
                }
            } else if bytes.len() >= 15 && detect::nir(&text()) {
                self.record(c, Kind::Nir, mask_nir(&text()), None, row);
            } else if let Some(year) = (bytes.len() <= 10 && leading <= 4)
                .then(|| detect::date_year(bytes))
                .flatten()
            {
                if (1900..=self.latest_birth_year(c)).contains(&year) {
                    candidate = Some(Candidate::BirthDate);
                }
            } else if leading <= 4
                && matches!(bytes.get(leading), Some(b' ' | b',' | b'\t'))
                && detect::street_address(&text())
            {
                candidate = Some(Candidate::Address);
            }
        } else if first.is_ascii_alphabetic()
            && bytes.len() >= 15
            && bytes[2].is_ascii_digit()
            && detect::iban(&text())
        {
            self.record(c, Kind::Iban, mask_iban(&text()), None, row);
        }
        if at && detect::personal_email(&text()) {
            self.record(c, Kind::Email, mask_email(&text()), None, row);
        }
        candidate
    }

    /// The latest year a date of column `c` can be a birth date of: adults'
    /// unless the column's name says it holds birth dates.
    fn latest_birth_year(&self, c: usize) -> i32 {
        if self.columns.get(c).is_some_and(|col| col.births) {
            self.this_year
        } else {
            self.this_year - ADULT_YEARS
        }
    }

    /// Ends a batch of `rows` rows whose cells went through
    /// [`Scanner::scan_column`]: pairs each row's candidates with the first
    /// name among the row's other cells (`cell(row, column)`, `width`
    /// columns), and records them when there is one.
    ///
    /// Names are looked for column by column, over the rows that still
    /// need one: the same column's values one after the other, most of
    /// them already judged.
    pub fn end_batch<'c>(
        &mut self,
        rows: usize,
        width: usize,
        cell: impl Fn(usize, usize) -> Option<Cow<'c, [u8]>>,
    ) {
        let mut pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            pending.sort_unstable_by_key(|&(r, c, _)| (r, c));
            for &(_, c, _) in &pending {
                let c = c as usize;
                if self.candidate_rows.len() <= c {
                    self.candidate_rows.resize(c + 1, 0);
                }
                self.candidate_rows[c] += 1;
            }
            if self.names.len() < width {
                self.names.resize_with(width, Default::default);
            }
            // Each row's candidates, and the name found for them: its
            // column and masked text.
            let mut groups: Vec<_> = pending
                .chunk_by(|a, b| a.0 == b.0)
                .map(|group| (group, None::<(usize, String)>))
                .collect();
            let mut unnamed = groups.len();
            for c in 0..width {
                if unnamed == 0 {
                    break;
                }
                if self.names_possible.get(c) != Some(&true) {
                    continue;
                }
                for (group, name) in groups.iter_mut() {
                    if name.is_some() || group.iter().any(|&(_, k, _)| k as usize == c) {
                        continue;
                    }
                    let Some(text) = cell(group[0].0 as usize, c) else {
                        continue;
                    };
                    let text = text.trim_ascii();
                    if self.is_name(c, text) {
                        *name = Some((c, mask_words(&String::from_utf8_lossy(text))));
                        unnamed -= 1;
                    }
                }
            }
            for (group, name) in groups {
                let Some((names_column, masked_name)) = name else {
                    continue;
                };
                for &(r, c, candidate) in group {
                    let Some(text) = cell(r as usize, c as usize) else {
                        continue;
                    };
                    let text = String::from_utf8_lossy(&text);
                    let (kind, example) = match candidate {
                        Candidate::Landline => (Kind::PhoneWithName, mask_phone(&text)),
                        Candidate::BirthDate => (Kind::BirthDateWithName, mask_date(&text)),
                        Candidate::Address => (Kind::AddressWithName, mask_address(&text)),
                    };
                    let example = format!("{masked_name} — {example}");
                    let row = self.rows + u64::from(r) + 1;
                    self.record(c as usize, kind, example, Some(names_column), row);
                }
            }
        }
        pending.clear();
        self.pending = pending;
        self.at_signs = true;
        self.names_possible.fill(false);
        self.rows += rows as u64;
    }

    /// Whether `text`, a value of column `c`, reads as a person's name.
    fn is_name(&mut self, c: usize, text: &[u8]) -> bool {
        let key = detect::word_hash(text);
        if let Some(&known) = self.names[c].get(&key) {
            return known;
        }
        let first_names = self.columns.get(c).is_some_and(|col| col.first_names);
        let is_name = detect::may_be_name(text)
            && detect::person_name(&String::from_utf8_lossy(text), first_names);
        if self.names[c].len() < REMEMBERED {
            self.names[c].insert(key, is_name);
        }
        is_name
    }

    fn record(
        &mut self,
        column: usize,
        kind: Kind,
        example: String,
        names_column: Option<usize>,
        row: u64,
    ) {
        match self
            .found
            .iter_mut()
            .find(|f| f.column == column && f.kind == kind)
        {
            Some(found) => {
                found.rows += 1;
                if found.examples.len() < EXAMPLES && !found.examples.contains(&example) {
                    found.examples.push(example);
                }
            }
            None => self.found.push(Found {
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
        for theirs in later.found.iter().cloned() {
            match self
                .found
                .iter_mut()
                .find(|f| f.column == theirs.column && f.kind == theirs.kind)
            {
                Some(mine) => {
                    mine.rows += theirs.rows;
                    for example in theirs.examples {
                        if mine.examples.len() < EXAMPLES && !mine.examples.contains(&example) {
                            mine.examples.push(example);
                        }
                    }
                }
                None => self
                    .found
                    .push(Found { first_row: theirs.first_row + offset, ..theirs }),
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
        found.retain(|f| {
            let candidates = candidate_rows.get(f.column).copied().unwrap_or(0);
            f.names_column.is_none() || f.rows * 2 >= candidates
        });
        found.sort_by_key(|f| (f.column, f.kind));
        let name = |c: usize| {
            columns
                .get(c)
                .map_or_else(|| format!("column_{}", c + 1), |col| col.name.clone())
        };
        found
            .into_iter()
            .map(|f| Finding {
                column: name(f.column),
                kind: f.kind,
                rows: f.rows,
                first_row: f.first_row + u64::from(header),
                examples: f.examples,
                names_column: f.names_column.map(name),
            })
            .collect()
    }
}

/// The scan of one column of a batch (see [`Scanner::column`]).
pub struct ColumnScan<'s> {
    scanner: &'s mut Scanner,
    column: usize,
    /// Whether a cell so far may be a name, kept here rather than in the
    /// scanner while the column is read.
    names_possible: bool,
    latest_birth_year: i32,
}

impl ColumnScan<'_> {
    /// Tests the cell of row `row` of the batch (counted from 0), as UTF-8
    /// bytes (invalid sequences are read as U+FFFD): records what it is on
    /// its own, and keeps what it would be next to a name for
    /// [`Scanner::end_batch`].
    // Always inlined: the profile's loop over a column calls it for every
    // cell, and most return at once.
    #[inline(always)]
    pub fn cell(&mut self, row: usize, cell: &[u8]) {
        if !self.names_possible && detect::may_be_name(cell.trim_ascii()) {
            self.names_possible = true;
        }
        // The shortest cells that can match: `1 rue X`, `a.b@c.fr`.
        if cell.len() < 7 {
            return;
        }
        let first = cell[0];
        // Dates in the two common layouts, all the cells of most date
        // columns, need none of the other tests.
        if cell.len() == 10
            && first.is_ascii_digit()
            && let Some(year) = detect::date_year(cell)
        {
            if (1900..=self.latest_birth_year).contains(&year) {
                self.pending(row, Candidate::BirthDate);
            }
            return;
        }
        // Without an `@`, only cells that start with a digit or `+`
        // (phones, NIR, dates, addresses) or like an IBAN can match: most
        // text cells stop here, before any work on them.
        let may_match = self.scanner.at_signs
            || first.is_ascii_digit()
            || first == b'+'
            || first.is_ascii_whitespace()
            || (first.is_ascii_alphabetic() && cell.len() >= 15 && cell[2].is_ascii_digit());
        if !may_match {
            return;
        }
        let scanner = &mut *self.scanner;
        if let Some(candidate) = scanner.scan(self.column, cell, scanner.rows + row as u64 + 1) {
            self.pending(row, candidate);
        }
    }

    fn pending(&mut self, row: usize, candidate: Candidate) {
        self.scanner
            .pending
            .push((row as u32, self.column as u32, candidate));
    }
}

impl Drop for ColumnScan<'_> {
    fn drop(&mut self) {
        self.scanner.names_possible[self.column] = self.names_possible;
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
    match detect::date_year(cell.as_bytes()) {
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
        by_columns.push_columns(rows.len(), 5, |r, c| {
            rows[r].get(c).map(|cell| Cow::Borrowed(cell.as_bytes()))
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
