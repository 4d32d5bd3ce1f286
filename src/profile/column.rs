//! Statistics of one column, gathered value by value in one pass and
//! mergeable across parts of a file.
//!
//! Type inference is a set of candidate readings that only shrinks: each
//! value removes the readings it contradicts (`12,5` removes the decimal
//! point; `2A004` removes every numeric reading). Statistics are kept for
//! every reading still possible, so nothing has to be read twice once the
//! type is known.

use serde::{Deserialize, Serialize};

use super::histogram::{Bin, Histogram};
use super::infer::{self, DateLayout, DatetimeLayout, Group};
use super::values::{self, ValueCounter};

/// Bins of the histograms shown and published.
pub const HISTOGRAM_BINS: usize = 12;
/// Characters kept of a value shown as min, max or frequent value.
const SHOWN_CHARS: usize = 200;

/// Table Schema type names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// No value at all.
    Any,
    Boolean,
    Integer,
    Number,
    Year,
    Date,
    Datetime,
    String,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Any => "any",
            ColumnType::Boolean => "boolean",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Year => "year",
            ColumnType::Date => "date",
            ColumnType::Datetime => "datetime",
            ColumnType::String => "string",
        }
    }
}

/// A minimum, maximum or histogram edge: a number, or text (ISO dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub start: Scalar,
    pub end: Scalar,
    pub count: u64,
}

/// What the profile says of a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// Date or datetime pattern (`%d/%m/%Y`) as Table Schema writes it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub decimal_separator: Option<char>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub group_separator: Option<char>,
    /// Empty values (and `NA`, `N/A`, `NULL`, `-`).
    pub nulls: u64,
    pub distinct: u64,
    /// True when `distinct` is an estimate (many distinct values).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub distinct_estimated: bool,
    pub min: Option<Scalar>,
    pub max: Option<Scalar>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mean: Option<f64>,
    pub top: Vec<TopValue>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub histogram: Vec<HistogramBin>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    /// The values read two ways and the profile had to choose one: a
    /// decimal point or comma (`1.234`), day or month first
    /// (`01/02/2024`). Conversions of such a column are not certain.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub ambiguous: bool,
}

/// Numeric statistics: count, sum, extremes and histogram.
#[derive(Debug, Clone, Default, PartialEq)]
struct Numbers {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    histogram: Histogram,
}

impl Numbers {
    fn add(&mut self, value: f64) {
        // NaN and infinities are numbers in Table Schema, but have no place
        // in a minimum, a mean or a histogram.
        if !value.is_finite() {
            return;
        }
        if self.count == 0 {
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        self.count += 1;
        self.sum += value;
        self.histogram.add(value);
    }

    fn merge(&mut self, other: &Numbers) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            self.min = other.min;
            self.max = other.max;
        } else {
            self.min = self.min.min(other.min);
            self.max = self.max.max(other.max);
        }
        self.count += other.count;
        self.sum += other.sum;
        self.histogram.merge(&other.histogram);
    }
}

/// One of the two decimal conventions, while still possible.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    alive: bool,
    integer: bool,
    /// Values that read differently under the other convention.
    own: Numbers,
    groups: u8,
}

impl Reading {
    fn new() -> Reading {
        Reading {
            alive: true,
            integer: true,
            own: Numbers::default(),
            groups: 0,
        }
    }

    fn merge(&mut self, other: &Reading) {
        self.alive &= other.alive;
        self.integer &= other.integer;
        self.own.merge(&other.own);
        self.groups |= other.groups;
    }
}

#[derive(Debug, Clone)]
pub struct ColumnStats {
    nulls: u64,
    present: u64,
    min_length: u32,
    max_length: u32,
    boolean: bool,
    point: Reading,
    comma: Reading,
    /// Values that read the same under both conventions (plain digits).
    shared: Numbers,
    /// Every value is a four-digit integer between 1800 and 2100.
    year_like: bool,
    date_layouts: u8,
    /// Boxed: most columns are no dates, and keeping the hot fields of a
    /// column close together keeps them in fewer cache lines.
    dates: Box<[Numbers; 6]>,
    datetime_layouts: u8,
    datetimes: Box<[Numbers; 3]>,
    values: ValueCounter,
}

impl Default for ColumnStats {
    fn default() -> Self {
        ColumnStats {
            nulls: 0,
            present: 0,
            min_length: u32::MAX,
            max_length: 0,
            boolean: true,
            point: Reading::new(),
            comma: Reading::new(),
            shared: Numbers::default(),
            year_like: true,
            date_layouts: DateLayout::ALL.iter().fold(0, |bits, l| bits | l.bit()),
            dates: Default::default(),
            datetime_layouts: DatetimeLayout::ALL.iter().fold(0, |bits, l| bits | l.bit()),
            datetimes: Default::default(),
            values: ValueCounter::default(),
        }
    }
}

/// Values that mean "no value" in the files authorities export.
#[inline]
pub fn is_null(trimmed: &[u8]) -> bool {
    trimmed.len() <= 4
        && matches!(
            trimmed,
            b"" | b"NA" | b"N/A" | b"n/a" | b"NULL" | b"null" | b"#N/A" | b"-"
        )
}

impl ColumnStats {
    pub fn add_null(&mut self) {
        self.nulls += 1;
    }

    /// Adds a value. `raw` is the cell as stored in the file (its bytes
    /// identify the value); `text` is the same value trimmed and in UTF-8;
    /// `chars` its length in characters.
    #[inline]
    pub fn add(&mut self, raw: &[u8], text: &[u8], chars: u32) {
        self.present += 1;
        self.min_length = self.min_length.min(chars);
        self.max_length = self.max_length.max(chars);
        self.values.add(raw, values::hash(raw));
        if self.boolean {
            self.boolean = infer::boolean(text).is_some();
        }
        // Digits, signs, and the N and I of `NaN` and `INF`.
        let starts_numeric = text
            .first()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'N' | b'I'));
        if self.point.alive || self.comma.alive {
            if starts_numeric {
                self.add_number(text);
            } else {
                self.point.alive = false;
                self.comma.alive = false;
            }
        }
        if self.date_layouts != 0 {
            for (i, layout) in DateLayout::ALL.iter().enumerate() {
                if self.date_layouts & layout.bit() != 0 {
                    match infer::date(text, *layout) {
                        Some(days) => self.dates[i].add(f64::from(days)),
                        None => self.date_layouts &= !layout.bit(),
                    }
                }
            }
        }
        if self.datetime_layouts != 0 {
            for (i, layout) in DatetimeLayout::ALL.iter().enumerate() {
                if self.datetime_layouts & layout.bit() != 0 {
                    match infer::datetime(text, *layout) {
                        // In days, so that histograms have calendar-sized bins.
                        Some(seconds) => self.datetimes[i].add(seconds as f64 / 86_400.0),
                        None => self.datetime_layouts &= !layout.bit(),
                    }
                }
            }
        }
    }

    fn add_number(&mut self, text: &[u8]) {
        let reading = infer::number_with(text, self.point.alive, self.comma.alive);
        if self.year_like {
            self.year_like = text.len() == 4
                && reading
                    .point
                    .or(reading.comma)
                    .is_some_and(|n| n.integer && (1800.0..=2100.0).contains(&n.value));
        }
        match (reading.point, reading.comma) {
            (Some(p), Some(c)) if p.value == c.value && p.integer == c.integer => {
                self.shared.add(p.value);
                self.point.integer &= p.integer;
                self.comma.integer &= c.integer;
            }
            (point, comma) => {
                for (state, number) in [(&mut self.point, point), (&mut self.comma, comma)] {
                    match number {
                        Some(n) if state.alive => {
                            state.own.add(n.value);
                            state.integer &= n.integer;
                            if let Some(group) = n.group {
                                state.groups |= 1 << (group as u8);
                            }
                        }
                        _ => state.alive = false,
                    }
                }
            }
        }
    }

    /// Whether every value so far is one in which the personal-data guard
    /// can find nothing: booleans, dates with a time, or numbers below 10^8
    /// in magnitude (a phone number has nine digits or more without its
    /// leading zero, a NIR fifteen; a birth date is no number). The guard
    /// then passes the column over, which saves it most cells of most
    /// files.
    pub fn holds_nothing_personal(&self) -> bool {
        let small = |n: &Numbers| n.count == 0 || (n.min > -1e8 && n.max < 1e8);
        self.present == 0
            || self.boolean
            || (self.datetime_layouts != 0 && self.date_layouts == 0)
            || (self.point.alive && small(&self.point.own) && small(&self.shared))
            || (self.comma.alive && small(&self.comma.own) && small(&self.shared))
    }

    /// Merges the statistics of a later part of the same column.
    pub fn merge(&mut self, other: &ColumnStats) {
        self.nulls += other.nulls;
        self.present += other.present;
        self.min_length = self.min_length.min(other.min_length);
        self.max_length = self.max_length.max(other.max_length);
        self.boolean &= other.boolean;
        self.point.merge(&other.point);
        self.comma.merge(&other.comma);
        self.shared.merge(&other.shared);
        self.year_like &= other.year_like;
        self.date_layouts &= other.date_layouts;
        for (mine, theirs) in self.dates.iter_mut().zip(other.dates.iter()) {
            mine.merge(theirs);
        }
        self.datetime_layouts &= other.datetime_layouts;
        for (mine, theirs) in self.datetimes.iter_mut().zip(other.datetimes.iter()) {
            mine.merge(theirs);
        }
        self.values.merge(&other.values);
    }

    /// The profile of the column. `decode` turns the file's bytes into
    /// text; `decimal_comma_first` says which convention wins when values
    /// read the same under both (`1.234`), from the file's dialect.
    pub fn finish(
        &self,
        name: String,
        decode: &dyn Fn(&[u8]) -> String,
        decimal_comma_first: bool,
    ) -> ColumnProfile {
        let counted = self.values.finish();
        let mut profile = ColumnProfile {
            name,
            kind: ColumnType::String,
            format: None,
            decimal_separator: None,
            group_separator: None,
            nulls: self.nulls,
            distinct: counted.distinct,
            distinct_estimated: counted.estimated,
            min: None,
            max: None,
            mean: None,
            top: counted
                .top
                .iter()
                .map(|(value, count)| TopValue { value: shown(&decode(value)), count: *count })
                .collect(),
            histogram: Vec::new(),
            min_length: (self.present > 0).then_some(self.min_length),
            max_length: (self.present > 0).then_some(self.max_length),
            ambiguous: false,
        };
        if self.present == 0 {
            profile.kind = ColumnType::Any;
            return profile;
        }
        if self.boolean {
            profile.kind = ColumnType::Boolean;
            return profile;
        }
        if (self.point.alive || self.comma.alive) && !is_identifier(&profile.name) {
            let comma = if self.point.alive && self.comma.alive {
                // Values that read differently under the two conventions
                // were seen: the dialect chose.
                profile.ambiguous = self.point.own.count > 0;
                decimal_comma_first
            } else {
                self.comma.alive
            };
            let reading = if comma { &self.comma } else { &self.point };
            let mut numbers = self.shared.clone();
            numbers.merge(&reading.own);
            profile.kind = if reading.integer && self.year_like {
                ColumnType::Year
            } else if reading.integer {
                ColumnType::Integer
            } else {
                ColumnType::Number
            };
            if profile.kind == ColumnType::Number || reading.own.count > 0 {
                profile.decimal_separator = Some(if comma { ',' } else { '.' });
            }
            profile.group_separator = group_char(reading.groups);
            profile.min = Some(Scalar::Number(numbers.min));
            profile.max = Some(Scalar::Number(numbers.max));
            if profile.kind != ColumnType::Year {
                profile.mean = Some(numbers.sum / numbers.count as f64);
            }
            profile.histogram = numeric_bins(&numbers.histogram);
            return profile;
        }
        const DATE_PREFERENCE: [DateLayout; 6] = [
            DateLayout::Iso,
            DateLayout::DayMonthYear,
            DateLayout::YearMonthDaySlash,
            DateLayout::DayMonthYearDash,
            DateLayout::DayMonthYearDot,
            DateLayout::MonthDayYear,
        ];
        if let Some(layout) = DATE_PREFERENCE
            .iter()
            .find(|l| self.date_layouts & l.bit() != 0)
        {
            let both = DateLayout::DayMonthYear.bit() | DateLayout::MonthDayYear.bit();
            profile.ambiguous = self.date_layouts & both == both;
            let days = &self.dates[*layout as usize];
            profile.kind = ColumnType::Date;
            profile.format = Some(layout.pattern().to_string());
            profile.min = Some(Scalar::Text(infer::iso_date(days.min as i32)));
            profile.max = Some(Scalar::Text(infer::iso_date(days.max as i32)));
            profile.histogram = date_bins(&days.histogram);
            return profile;
        }
        if let Some(layout) = DatetimeLayout::ALL
            .iter()
            .find(|l| self.datetime_layouts & l.bit() != 0)
        {
            let days = &self.datetimes[*layout as usize];
            let datetime = |days: f64| infer::iso_datetime((days * 86_400.0).round() as i64);
            profile.kind = ColumnType::Datetime;
            profile.format = Some(layout.pattern().to_string());
            profile.min = Some(Scalar::Text(datetime(days.min)));
            profile.max = Some(Scalar::Text(datetime(days.max)));
            profile.histogram = date_bins(&days.histogram);
            return profile;
        }
        if let Some((min, max)) = &counted.range {
            profile.min = Some(Scalar::Text(shown(&decode(min))));
            profile.max = Some(Scalar::Text(shown(&decode(max))));
        }
        profile
    }
}

/// Whether a column name says its values identify something (`SIRET`,
/// `code_postal`, `idBeneficiaire`, `EQUIP_UID`): such digits are codes,
/// not quantities, even without a leading zero, and a mean or histogram of
/// them would mean nothing.
pub fn is_identifier(name: &str) -> bool {
    const CODES: [&str; 17] = [
        "siret",
        "siren",
        "insee",
        "cog",
        "code",
        "cp",
        "postal",
        "codepostal",
        "tel",
        "telephone",
        "phone",
        "uai",
        "finess",
        "rna",
        "iban",
        "numero",
        "matricule",
    ];
    const IDS: [&str; 3] = ["id", "uid", "identifiant"];
    // Split camelCase before making the slug: `idBeneficiaire` is `id`, `beneficiaire`.
    let mut spaced = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(c);
    }
    let slug = crate::util::text::slugify(&spaced);
    let words: Vec<&str> = slug.split('-').collect();
    // A column named just `id` usually numbers the rows; `id_station` or
    // `idBeneficiaire` name something else's identifier.
    words.iter().any(|w| CODES.contains(w))
        || (words.len() > 1 && words.iter().any(|w| IDS.contains(w)))
}

fn group_char(groups: u8) -> Option<char> {
    [
        Group::Space,
        Group::NoBreakSpace,
        Group::NarrowNoBreakSpace,
        Group::Point,
        Group::Comma,
    ]
    .into_iter()
    .find(|g| groups & (1 << (*g as u8)) != 0)
    .map(Group::as_char)
}

fn numeric_bins(histogram: &Histogram) -> Vec<HistogramBin> {
    histogram
        .bins(HISTOGRAM_BINS)
        .into_iter()
        .map(|Bin { start, end, count }| HistogramBin {
            start: Scalar::Number(start),
            end: Scalar::Number(end),
            count,
        })
        .collect()
}

/// Bins of a histogram over days, labelled as dates, or as datetimes when
/// bins are shorter than a day.
fn date_bins(histogram: &Histogram) -> Vec<HistogramBin> {
    let bins = histogram.bins(HISTOGRAM_BINS);
    let whole_days = bins
        .iter()
        .all(|b| b.start.fract() == 0.0 && b.end.fract() == 0.0);
    let label = |days: f64| {
        if whole_days {
            infer::iso_date(days as i32)
        } else {
            infer::iso_datetime((days * 86_400.0).round() as i64)
        }
    };
    bins.into_iter()
        .map(|Bin { start, end, count }| HistogramBin {
            start: Scalar::Text(label(start)),
            end: Scalar::Text(label(end)),
            count,
        })
        .collect()
}

fn shown(text: &str) -> String {
    crate::util::text::truncate_chars(text, SHOWN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile_of(values: &[&str]) -> ColumnProfile {
        profile_with(values, false)
    }

    fn profile_with(values: &[&str], comma_first: bool) -> ColumnProfile {
        let mut stats = ColumnStats::default();
        for v in values {
            let trimmed = v.trim();
            if is_null(trimmed.as_bytes()) {
                stats.add_null();
            } else {
                stats.add(
                    v.as_bytes(),
                    trimmed.as_bytes(),
                    trimmed.chars().count() as u32,
                );
            }
        }
        stats.finish(
            "c".into(),
            &|b| String::from_utf8_lossy(b).into_owned(),
            comma_first,
        )
    }

    #[test]
    fn infers_types_the_french_way() {
        assert_eq!(profile_of(&["1", "2", "30"]).kind, ColumnType::Integer);
        let p = profile_of(&["12,5", "40 000,00", "3"]);
        assert_eq!(p.kind, ColumnType::Number);
        assert_eq!(p.decimal_separator, Some(','));
        assert_eq!(p.group_separator, Some(' '));
        assert_eq!(p.max, Some(Scalar::Number(40000.0)));
        assert_eq!(
            profile_of(&["01000", "75001"]).kind,
            ColumnType::String,
            "postal codes"
        );
        assert_eq!(profile_of(&["2019", "2020", "2021"]).kind, ColumnType::Year);
        assert_eq!(profile_of(&["oui", "non", "Oui"]).kind, ColumnType::Boolean);
        assert_eq!(profile_of(&["0", "1", "1"]).kind, ColumnType::Integer);
        let p = profile_of(&["08/09/2017", "31/12/2018"]);
        assert_eq!(
            (p.kind, p.format.as_deref()),
            (ColumnType::Date, Some("%d/%m/%Y"))
        );
        assert_eq!(p.min, Some(Scalar::Text("2017-09-08".into())));
        let p = profile_of(&["2017/09/08", "2018/3/31"]);
        assert_eq!(
            (p.kind, p.format.as_deref()),
            (ColumnType::Date, Some("%Y/%m/%d"))
        );
        let p = profile_of(&["12/31/2017", "01/02/2018"]);
        assert_eq!(p.format.as_deref(), Some("%m/%d/%Y"));
        assert!(!p.ambiguous);
        assert!(
            profile_of(&["01/02/2018", "03/04/2019"]).ambiguous,
            "day or month first"
        );
        assert!(!profile_of(&["08/09/2017", "31/12/2018"]).ambiguous);
        assert_eq!(
            profile_of(&["2024-01-31T08:00:00Z"]).kind,
            ColumnType::Datetime
        );
        assert_eq!(profile_of(&["", "NA", " "]).kind, ColumnType::Any);
        assert_eq!(profile_of(&["12", "douze"]).kind, ColumnType::String);
    }

    #[test]
    fn identifiers_are_text() {
        for name in [
            "BGT_SIRET",
            "code_postal",
            "idBeneficiaire",
            "EQUIP_UID",
            "Téléphone",
        ] {
            assert!(is_identifier(name), "{name}");
        }
        for name in [
            "montant",
            "nombre_de_places",
            "identite",
            "annee",
            "PRENOM",
            "id",
            "ID",
        ] {
            assert!(!is_identifier(name), "{name}");
        }
        let mut stats = ColumnStats::default();
        for v in ["21999999200015", "21860194600000.0"] {
            stats.add(v.as_bytes(), v.as_bytes(), v.len() as u32);
        }
        let decode = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let p = stats.finish("siret".into(), &decode, false);
        assert_eq!(p.kind, ColumnType::String);
        assert_eq!(p.mean, None);
    }

    #[test]
    fn ambiguous_decimals_follow_the_dialect() {
        let values = ["1.234", "2.5"];
        assert_eq!(profile_with(&values, false).max, Some(Scalar::Number(2.5)));
        // "2.5" is not a grouped number, so the comma reading died.
        assert_eq!(profile_with(&values, true).decimal_separator, Some('.'));
        let values = ["1.234", "5.678"];
        assert_eq!(
            profile_with(&values, true).max,
            Some(Scalar::Number(5678.0))
        );
        assert_eq!(
            profile_with(&values, false).max,
            Some(Scalar::Number(5.678))
        );
    }

    #[test]
    fn statistics() {
        let p = profile_of(&["3", "1", "", "2", "2"]);
        assert_eq!(p.nulls, 1);
        assert_eq!(p.distinct, 3);
        assert_eq!(p.mean, Some(2.0));
        assert_eq!(p.top[0], TopValue { value: "2".into(), count: 2 });
        assert_eq!(p.histogram.iter().map(|b| b.count).sum::<u64>(), 4);
        let p = profile_of(&["Brest", "Amiens", "Évry"]);
        assert_eq!(p.min, Some(Scalar::Text("Amiens".into())));
        assert_eq!(p.max, Some(Scalar::Text("Évry".into())));
        assert_eq!((p.min_length, p.max_length), (Some(4), Some(6)));
    }

    #[test]
    fn merging_parts_gives_the_whole() {
        let values: Vec<String> = (0..3000)
            .map(|i| format!("{},{}", i % 97, i % 10))
            .collect();
        let whole = {
            let mut s = ColumnStats::default();
            for v in &values {
                s.add(v.as_bytes(), v.as_bytes(), v.len() as u32);
            }
            s
        };
        let mut first = ColumnStats::default();
        let mut second = ColumnStats::default();
        for (i, v) in values.iter().enumerate() {
            let part = if i < 1111 { &mut first } else { &mut second };
            part.add(v.as_bytes(), v.as_bytes(), v.len() as u32);
        }
        first.merge(&second);
        let decode = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert_eq!(
            first.finish("c".into(), &decode, true),
            whole.finish("c".into(), &decode, true)
        );
    }
}
