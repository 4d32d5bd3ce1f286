//! Date and time patterns (`"format": "%d/%m/%Y"`), matched the way
//! Python's `datetime.strptime` matches them in the C locale, since that is
//! what frictionless (and so Validata) runs.
//!
//! Python turns the pattern into a regular expression and takes its first
//! match, then converts the captured parts; this module does the same
//! without a regex engine: each directive offers the lengths its Python
//! regex alternation would try, in the same order, and a small backtracking
//! matcher walks them. Conversion happens after the match and is never
//! retried (a match that converts to a bad date is an error, as in Python).
//!
//! What Python accepts and this module follows:
//! - matching is case-insensitive, a run of blanks in the pattern matches
//!   one or more blanks in the text, the whole text must be consumed;
//! - numbers may be shorter than their usual width (`%m` takes `1` or `01`,
//!   `%d` also ` 1`), `%Y` takes exactly four digits, `%y` two (00–68 are
//!   20xx, 69–99 are 19xx), `%f` one to six;
//! - missing parts default to 1900-01-01 00:00:00; `%I` uses `%p`; `%j`
//!   overrides month and day; `%U`/`%W` with a weekday give the date;
//! - `%z` takes `Z`, `±HHMM`, `±HH:MM` (and seconds after a colon).
//!
//! Choices where Python depends on the machine: `%Z` takes `UTC` and `GMT`
//! (offset 0) and `CET`/`CEST` (+01:00/+02:00) — the names a French machine
//! knows — and, unlike Python, records that offset when `%z` is absent.
//! `%c`, `%x`, `%X` are the C locale's. `%G`, `%V` (ISO weeks) are not
//! supported, and a pattern without any directive, with a repeated one, an
//! unknown one or a stray `%` cannot be used (Python rejects the last three;
//! a pattern like `YYYY-MM-DD` or `invalid` would only match itself).

use jiff::civil::{Date, Time};

/// A compiled strptime pattern.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    items: Box<[Item]>,
}

#[derive(Debug, Clone)]
enum Item {
    /// Text to match, case-insensitively.
    Literal(Box<str>),
    /// A run of blanks in the pattern: one or more blanks in the text.
    Blanks,
    Directive(Directive),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Day,
    Month,
    Year4,
    Year2,
    Hour24,
    Hour12,
    Minute,
    Second,
    Fraction,
    YearDay,
    WeekSunday,
    WeekMonday,
    WeekdaySunday0,
    WeekdayMonday1,
    AmPm,
    MonthAbbr,
    MonthName,
    WeekdayAbbr,
    WeekdayName,
    Offset,
    Zone,
}

impl Directive {
    fn from_letter(letter: char) -> Option<Directive> {
        Some(match letter {
            'd' => Directive::Day,
            'm' => Directive::Month,
            'Y' => Directive::Year4,
            'y' => Directive::Year2,
            'H' => Directive::Hour24,
            'I' => Directive::Hour12,
            'M' => Directive::Minute,
            'S' => Directive::Second,
            'f' => Directive::Fraction,
            'j' => Directive::YearDay,
            'U' => Directive::WeekSunday,
            'W' => Directive::WeekMonday,
            'w' => Directive::WeekdaySunday0,
            'u' => Directive::WeekdayMonday1,
            'p' => Directive::AmPm,
            'b' => Directive::MonthAbbr,
            'B' => Directive::MonthName,
            'a' => Directive::WeekdayAbbr,
            'A' => Directive::WeekdayName,
            'z' => Directive::Offset,
            'Z' => Directive::Zone,
            _ => return None,
        })
    }
}

const MONTH_ABBRS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
pub(super) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Monday first, as Python's `weekday()`.
const WEEKDAY_ABBRS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const AM_PM: [&str; 2] = ["am", "pm"];
/// Zone names `%Z` knows, and their offsets.
const ZONE_NAMES: [&str; 4] = ["utc", "gmt", "cet", "cest"];
const ZONE_OFFSETS: [i32; 4] = [0, 0, 3600, 7200];

/// The parts a match captured, before conversion.
#[derive(Debug, Clone, Copy, Default)]
struct Found {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    /// The hour and whether it came from `%I`.
    hour: Option<(u8, bool)>,
    pm: Option<bool>,
    minute: Option<u8>,
    second: Option<u8>,
    micro: Option<u32>,
    year_day: Option<u16>,
    /// Week number and whether weeks start on Monday (`%W`).
    week: Option<(u8, bool)>,
    /// Monday = 0.
    weekday: Option<u8>,
    /// `Some(None)`: an offset Python rejects after matching.
    offset: Option<Option<i32>>,
    zone: Option<i32>,
}

/// What a pattern read from a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parsed {
    pub date: Date,
    pub time: Time,
    pub offset: Option<i32>,
}

/// Candidate matches of one directive at one position: (length, value).
struct Candidates {
    items: [(usize, i32); 8],
    len: usize,
}

impl Candidates {
    fn new() -> Candidates {
        Candidates { items: [(0, 0); 8], len: 0 }
    }

    fn push(&mut self, length: usize, value: i32) {
        if self.len < self.items.len() {
            self.items[self.len] = (length, value);
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[(usize, i32)] {
        &self.items[..self.len]
    }
}

impl Pattern {
    /// Compiles a pattern; the error says why it cannot be used.
    pub(super) fn compile(format: &str) -> Result<Pattern, String> {
        let mut items = Vec::new();
        let mut seen: Vec<char> = Vec::new();
        expand(format, &mut items, &mut seen)?;
        if seen.is_empty() {
            return Err(format!(
                "the date format \"{format}\" has no directive such as %Y, %m or %d"
            ));
        }
        Ok(Pattern { items: items.into_boxed_slice() })
    }

    /// Reads `text` with the pattern.
    pub(super) fn parse(&self, text: &str) -> Option<Parsed> {
        // Most texts match by taking every item's first alternative, which
        // is the first match the backtracking walk would find too.
        if let Some((end, found)) = self.first_alternatives(text) {
            return if end == text.len() {
                convert(&found)
            } else {
                None
            };
        }
        let (end, found) = self.walk(0, text, 0, Found::default())?;
        if end != text.len() {
            return None; // Python: "unconverted data remains"
        }
        convert(&found)
    }

    /// The match made of each item's first alternative, if there is one.
    fn first_alternatives(&self, text: &str) -> Option<(usize, Found)> {
        let mut found = Found::default();
        let mut pos = 0;
        for item in &*self.items {
            let rest = &text[pos..];
            match item {
                Item::Literal(literal) => pos += literal_match(literal, rest)?,
                Item::Blanks => {
                    let run = rest
                        .char_indices()
                        .find(|(_, c)| !c.is_whitespace())
                        .map_or(rest.len(), |(i, _)| i);
                    if run == 0 {
                        return None;
                    }
                    pos += run;
                }
                Item::Directive(directive) => {
                    let (length, value) = first_candidate(*directive, rest.as_bytes())?;
                    record(&mut found, *directive, value);
                    pos += length;
                }
            }
        }
        Some((pos, found))
    }

    /// The first match of the items from `index` on, in the order Python's
    /// regex engine tries them; `None` when there is none.
    fn walk(&self, index: usize, text: &str, pos: usize, found: Found) -> Option<(usize, Found)> {
        let Some(item) = self.items.get(index) else {
            return Some((pos, found));
        };
        let rest = &text[pos..];
        match item {
            Item::Literal(literal) => {
                let length = literal_match(literal, rest)?;
                self.walk(index + 1, text, pos + length, found)
            }
            Item::Blanks => {
                let run = rest
                    .char_indices()
                    .find(|(_, c)| !c.is_whitespace())
                    .map_or(rest.len(), |(i, _)| i);
                // Greedy, then shorter.
                for (i, c) in rest[..run].char_indices().rev() {
                    let end = pos + i + c.len_utf8();
                    if let Some(found) = self.walk(index + 1, text, end, found) {
                        return Some(found);
                    }
                }
                None
            }
            Item::Directive(directive) => {
                let candidates = candidates(*directive, rest.as_bytes());
                for &(length, value) in candidates.as_slice() {
                    let mut next = found;
                    record(&mut next, *directive, value);
                    if let Some(found) = self.walk(index + 1, text, pos + length, next) {
                        return Some(found);
                    }
                }
                None
            }
        }
    }
}

/// Appends the items of `format` (expanding `%c`, `%x`, `%X`).
fn expand(format: &str, items: &mut Vec<Item>, seen: &mut Vec<char>) -> Result<(), String> {
    let mut literal = String::new();
    let mut chars = format.chars().peekable();
    let flush = |literal: &mut String, items: &mut Vec<Item>| {
        if !literal.is_empty() {
            items.push(Item::Literal(std::mem::take(literal).into_boxed_str()));
        }
    };
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            flush(&mut literal, items);
            items.push(Item::Blanks);
            continue;
        }
        if c != '%' {
            literal.push(c);
            continue;
        }
        let Some(letter) = chars.next() else {
            return Err(format!("the date format \"{format}\" ends with a stray %"));
        };
        match letter {
            '%' => literal.push('%'),
            'c' | 'x' | 'X' => {
                flush(&mut literal, items);
                let locale = match letter {
                    'c' => "%a %b %d %H:%M:%S %Y",
                    'x' => "%m/%d/%y",
                    _ => "%H:%M:%S",
                };
                expand(locale, items, seen)?;
            }
            _ => {
                let Some(directive) = Directive::from_letter(letter) else {
                    return Err(if matches!(letter, 'G' | 'V') {
                        format!(
                            "the date format \"{format}\" uses %{letter} (ISO weeks), which ouvert does not read"
                        )
                    } else {
                        format!("%{letter} in the date format \"{format}\" is not a directive")
                    });
                };
                if seen.contains(&letter) {
                    return Err(format!("the date format \"{format}\" uses %{letter} twice"));
                }
                seen.push(letter);
                flush(&mut literal, items);
                items.push(Item::Directive(directive));
            }
        }
    }
    flush(&mut literal, items);
    Ok(())
}

/// Length of `literal` at the start of `text`, compared case-insensitively.
fn literal_match(literal: &str, text: &str) -> Option<usize> {
    if literal.is_ascii() {
        let n = literal.len();
        let head = text.as_bytes().get(..n)?;
        return head.eq_ignore_ascii_case(literal.as_bytes()).then_some(n);
    }
    let mut chars = text.char_indices();
    for expected in literal.chars() {
        let (_, c) = chars.next()?;
        if c != expected && !c.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

fn digit(bytes: &[u8], i: usize) -> Option<u8> {
    bytes
        .get(i)
        .filter(|b| b.is_ascii_digit())
        .map(|b| b - b'0')
}

/// For one- or two-digit directives: which two digits, then which one
/// digit, Python's regex accepts.
type DigitRule = (fn(u8, u8) -> bool, fn(u8) -> bool);

fn numeric_rule(directive: Directive) -> Option<DigitRule> {
    Some(match directive {
        // 3[01]|[12]\d|0[1-9]|[1-9]| [1-9]
        Directive::Day => (
            |a, b| (a == 3 && b <= 1) || a == 1 || a == 2 || (a == 0 && b >= 1),
            |a| a >= 1,
        ),
        // 1[0-2]|0[1-9]|[1-9]
        Directive::Month | Directive::Hour12 => {
            (|a, b| (a == 1 && b <= 2) || (a == 0 && b >= 1), |a| a >= 1)
        }
        // 2[0-3]|[01]\d|\d
        Directive::Hour24 => (|a, b| (a == 2 && b <= 3) || a <= 1, |_| true),
        // [0-5]\d|\d
        Directive::Minute => (|a, _| a <= 5, |_| true),
        // 6[01]|[0-5]\d|\d
        Directive::Second => (|a, b| (a == 6 && b <= 1) || a <= 5, |_| true),
        // 5[0-3]|[0-4]\d|\d
        Directive::WeekSunday | Directive::WeekMonday => {
            (|a, b| (a == 5 && b <= 3) || a <= 4, |_| true)
        }
        _ => return None,
    })
}

/// The first candidate of [`candidates`], without building the others.
#[inline]
fn first_candidate(directive: Directive, bytes: &[u8]) -> Option<(usize, i32)> {
    let (d0, d1) = (digit(bytes, 0), digit(bytes, 1));
    if let Some((ok2, ok1)) = numeric_rule(directive) {
        if let (Some(a), Some(b)) = (d0, d1)
            && ok2(a, b)
        {
            return Some((2, i32::from(a) * 10 + i32::from(b)));
        }
        if let Some(a) = d0
            && ok1(a)
        {
            return Some((1, i32::from(a)));
        }
    } else if directive == Directive::Year4 {
        let head = bytes.get(..4)?;
        return head
            .iter()
            .try_fold(0, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + i32::from(b - b'0'))
            })
            .map(|n| (4, n));
    }
    candidates(directive, bytes).as_slice().first().copied()
}

/// The candidates Python's regex for `directive` offers at the start of
/// `bytes`, in the order it tries them.
fn candidates(directive: Directive, bytes: &[u8]) -> Candidates {
    let mut candidates = Candidates::new();
    let out = &mut candidates;
    let d0 = digit(bytes, 0);
    let d1 = digit(bytes, 1);
    let two_then_one = |out: &mut Candidates, ok2: fn(u8, u8) -> bool, ok1: fn(u8) -> bool| {
        if let (Some(a), Some(b)) = (d0, d1)
            && ok2(a, b)
        {
            out.push(2, i32::from(a) * 10 + i32::from(b));
        }
        if let Some(a) = d0
            && ok1(a)
        {
            out.push(1, i32::from(a));
        }
    };
    if let Some((ok2, ok1)) = numeric_rule(directive) {
        two_then_one(out, ok2, ok1);
        // %d also takes " 1".
        if directive == Directive::Day
            && bytes.first() == Some(&b' ')
            && let Some(b) = digit(bytes, 1)
            && b >= 1
        {
            out.push(2, i32::from(b));
        }
        return candidates;
    }
    match directive {
        Directive::Year2 => {
            if let (Some(a), Some(b)) = (d0, d1) {
                out.push(2, i32::from(a) * 10 + i32::from(b));
            }
        }
        Directive::Year4 => {
            if bytes.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit) {
                let n = bytes[..4]
                    .iter()
                    .fold(0, |n, b| n * 10 + i32::from(b - b'0'));
                out.push(4, n);
            }
        }
        Directive::Fraction => {
            let run = bytes
                .iter()
                .take(6)
                .take_while(|b| b.is_ascii_digit())
                .count();
            for length in (1..=run).rev() {
                let mut micro = bytes[..length]
                    .iter()
                    .fold(0, |n, b| n * 10 + i32::from(b - b'0'));
                for _ in length..6 {
                    micro *= 10;
                }
                out.push(length, micro);
            }
        }
        // 36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9]
        Directive::YearDay => {
            if let (Some(a), Some(b), Some(c)) = (d0, d1, digit(bytes, 2)) {
                let ok = (a == 3 && (b <= 5 || (b == 6 && c <= 6)))
                    || a == 1
                    || a == 2
                    || (a == 0 && (b >= 1 || c >= 1));
                if ok {
                    out.push(3, i32::from(a) * 100 + i32::from(b) * 10 + i32::from(c));
                }
            }
            two_then_one(out, |a, b| a >= 1 || b >= 1, |a| a >= 1);
        }
        Directive::WeekdaySunday0 => {
            if let Some(a) = d0
                && a <= 6
            {
                out.push(1, i32::from(a));
            }
        }
        Directive::WeekdayMonday1 => {
            if let Some(a) = d0
                && (1..=7).contains(&a)
            {
                out.push(1, i32::from(a));
            }
        }
        Directive::AmPm => names(out, bytes, &AM_PM, |i| i as i32),
        Directive::MonthAbbr => names(out, bytes, &MONTH_ABBRS, |i| i as i32),
        Directive::MonthName => names(out, bytes, &MONTH_NAMES, |i| i as i32),
        Directive::WeekdayAbbr => names(out, bytes, &WEEKDAY_ABBRS, |i| i as i32),
        Directive::WeekdayName => names(out, bytes, &WEEKDAY_NAMES, |i| i as i32),
        Directive::Zone => names(out, bytes, &ZONE_NAMES, |i| ZONE_OFFSETS[i]),
        Directive::Offset => offsets(out, bytes),
        // Read by `numeric_rule` above.
        Directive::Day
        | Directive::Month
        | Directive::Hour12
        | Directive::Hour24
        | Directive::Minute
        | Directive::Second
        | Directive::WeekSunday
        | Directive::WeekMonday => {}
    }
    candidates
}

/// Names of `list` that start `bytes` (case-insensitively), longest
/// first, as Python's alternation (sorted by length) tries them; the value
/// is `value(index)`.
fn names(out: &mut Candidates, bytes: &[u8], list: &[&str], value: impl Fn(usize) -> i32) {
    let start = out.len;
    for (index, name) in list.iter().enumerate() {
        if bytes
            .get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name.as_bytes()))
        {
            out.push(name.len(), value(index));
        }
    }
    out.items[start..out.len].sort_by_key(|c| std::cmp::Reverse(c.0));
}

/// `[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|Z`: the value is the offset in
/// seconds, or `i32::MIN` when Python rejects it after matching (seconds
/// not preceded by a colon, 24 hours or more).
fn offsets(out: &mut Candidates, bytes: &[u8]) {
    if bytes.first() == Some(&b'Z') {
        out.push(1, 0);
        return;
    }
    let sign = match bytes.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return,
    };
    let (Some(h1), Some(h2)) = (digit(bytes, 1), digit(bytes, 2)) else {
        return;
    };
    let mut pos = 3;
    if bytes.get(pos) == Some(&b':') {
        pos += 1;
    }
    let (Some(m1), Some(m2)) = (digit(bytes, pos), digit(bytes, pos + 1)) else {
        return;
    };
    if m1 > 5 {
        return;
    }
    pos += 2;
    let hours = i32::from(h1) * 10 + i32::from(h2);
    let minutes = i32::from(m1) * 10 + i32::from(m2);
    let value = |seconds: i32, ok: bool| {
        let total = (hours * 3600 + minutes * 60 + seconds) * sign;
        if ok && total.abs() < 86_400 {
            total
        } else {
            i32::MIN
        }
    };
    // The optional seconds, tried first (greedy).
    let colon = bytes.get(pos) == Some(&b':');
    let s_at = pos + usize::from(colon);
    if let (Some(s1), Some(s2)) = (digit(bytes, s_at), digit(bytes, s_at + 1))
        && s1 <= 5
    {
        let seconds = i32::from(s1) * 10 + i32::from(s2);
        let after = s_at + 2;
        if bytes.get(after) == Some(&b'.') {
            let run = bytes[after + 1..]
                .iter()
                .take(6)
                .take_while(|b| b.is_ascii_digit())
                .count();
            for length in (1..=run).rev() {
                out.push(after + 1 + length, value(seconds, colon));
            }
        }
        out.push(after, value(seconds, colon));
    }
    out.push(pos, value(0, true));
}

fn record(found: &mut Found, directive: Directive, value: i32) {
    let small = value as u8;
    match directive {
        Directive::Day => found.day = Some(small),
        Directive::Month => found.month = Some(small),
        Directive::MonthAbbr | Directive::MonthName => found.month = Some(small + 1),
        Directive::Year4 => found.year = Some(value),
        Directive::Year2 => found.year = Some(if value <= 68 { 2000 } else { 1900 } + value),
        Directive::Hour24 => found.hour = Some((small, false)),
        Directive::Hour12 => found.hour = Some((small, true)),
        Directive::Minute => found.minute = Some(small),
        Directive::Second => found.second = Some(small),
        Directive::Fraction => found.micro = Some(value as u32),
        Directive::YearDay => found.year_day = Some(value as u16),
        Directive::WeekSunday => found.week = Some((small, false)),
        Directive::WeekMonday => found.week = Some((small, true)),
        Directive::WeekdaySunday0 => found.weekday = Some(if small == 0 { 6 } else { small - 1 }),
        Directive::WeekdayMonday1 => found.weekday = Some(small - 1),
        Directive::WeekdayAbbr | Directive::WeekdayName => found.weekday = Some(small),
        Directive::AmPm => found.pm = Some(small == 1),
        Directive::Offset => found.offset = Some((value != i32::MIN).then_some(value)),
        Directive::Zone => found.zone = Some(value),
    }
}

/// Turns the captured parts into a date, a time and an offset, as Python's
/// `_strptime` does.
fn convert(found: &Found) -> Option<Parsed> {
    let mut year = found.year.unwrap_or(1900);
    let mut month = found.month.unwrap_or(1);
    let mut day = found.day.unwrap_or(1);
    let hour = match found.hour {
        None => 0,
        Some((hour, false)) => hour,
        Some((hour, true)) => match (found.pm, hour) {
            (Some(true), 12) => 12,
            (Some(true), h) => h + 12,
            (_, 12) => 0,
            (_, h) => h,
        },
    };
    let mut year_day = found.year_day.map(i64::from);
    if year_day.is_none()
        && let (Some(weekday), Some((week, monday_first))) = (found.weekday, found.week)
    {
        let mut julian = julian_from_week(year, week, weekday, monday_first);
        if julian <= 0 {
            year -= 1;
            julian += if is_leap(year) { 366 } else { 365 };
        }
        year_day = Some(julian);
    }
    if !(1..=9999).contains(&year) {
        return None;
    }
    if let Some(julian) = year_day {
        let (y, m, d) = civil_from_days(days_from_civil(year, 1, 1) + julian - 1);
        (year, month, day) = (y, m, d);
        if !(1..=9999).contains(&year) {
            return None;
        }
    }
    let date = Date::new(year as i16, month as i8, day as i8).ok()?;
    let time = Time::new(
        hour as i8,
        found.minute.unwrap_or(0) as i8,
        found.second.unwrap_or(0) as i8,
        found.micro.unwrap_or(0) as i32 * 1000,
    )
    .ok()?;
    let offset = match found.offset {
        Some(offset) => Some(offset?),
        None => found.zone,
    };
    Some(Parsed { date, time, offset })
}

/// Python's `_calc_julian_from_U_or_W`.
fn julian_from_week(year: i32, week: u8, weekday: u8, monday_first: bool) -> i64 {
    let mut first = weekday_of(days_from_civil(year, 1, 1));
    let mut weekday = i64::from(weekday);
    if !monday_first {
        first = (first + 1) % 7;
        weekday = (weekday + 1) % 7;
    }
    let week_0_length = (7 - first) % 7;
    if week == 0 {
        1 + weekday - first
    } else {
        week_0_length + 7 * (i64::from(week) - 1) + 1 + weekday
    }
}

pub(super) fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub(super) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
pub(super) fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// Monday = 0.
pub(super) fn weekday_of(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn parse(format: &str, text: &str) -> Option<Parsed> {
        Pattern::compile(format).unwrap().parse(text)
    }

    fn day(format: &str, text: &str) -> Option<Date> {
        parse(format, text).map(|p| p.date)
    }

    #[test]
    fn french_dates() {
        assert_eq!(day("%d/%m/%Y", "31/12/2023"), Some(date(2023, 12, 31)));
        assert_eq!(day("%d/%m/%Y", "1/2/2023"), Some(date(2023, 2, 1)));
        assert_eq!(day("%d/%m/%Y", "31/02/2023"), None);
        assert_eq!(day("%d/%m/%Y", "12/31/2023"), None);
        assert_eq!(day("%d/%m/%Y", "31/12/23"), None);
        assert_eq!(day("%d/%m/%Y", "31/12/2023 "), None);
        assert_eq!(day("%Y/%m/%d", "2018/3/31"), Some(date(2018, 3, 31)));
        assert_eq!(day("%d/%m/%y", "01/01/19"), Some(date(2019, 1, 1)));
        assert_eq!(day("%d/%m/%y", "01/01/69"), Some(date(1969, 1, 1)));
        assert_eq!(day("%d.%m.%Y", "05.06.2020"), Some(date(2020, 6, 5)));
    }

    #[test]
    fn backtracks_like_python() {
        // %m first tries "12", then %Y fails, then "1".
        assert_eq!(day("%m%Y", "12019"), Some(date(2019, 1, 1)));
        assert_eq!(day("%Y%m%d", "20190101"), Some(date(2019, 1, 1)));
        assert_eq!(day("%d%m%Y", "1112019"), Some(date(2019, 1, 11)));
        // The first match leaves data: an error even if another would not.
        assert_eq!(day("%d", "123"), None);
    }

    #[test]
    fn names_case_and_blanks() {
        assert_eq!(day("%d %b %Y", "05 JAN 2020"), Some(date(2020, 1, 5)));
        assert_eq!(day("%d %B %Y", "5   january 2020"), Some(date(2020, 1, 5)));
        assert_eq!(
            day("%A %d %B %Y", "Sunday 5 January 2020"),
            Some(date(2020, 1, 5))
        );
        assert_eq!(day("%Y-%m-%dT", "2020-01-05t"), Some(date(2020, 1, 5)));
        assert_eq!(day("%d de %B", "5 de march"), Some(date(1900, 3, 5)));
        assert_eq!(day("%d %b %Y", "5 janv. 2020"), None);
    }

    #[test]
    fn times_and_offsets() {
        let p = parse("%d/%m/%y %H:%M", "01/01/14 06:00").unwrap();
        assert_eq!((p.date, p.time), (date(2014, 1, 1), time(6, 0, 0, 0)));
        let p = parse("%I:%M %p", "12:30 am").unwrap();
        assert_eq!(p.time, time(0, 30, 0, 0));
        let p = parse("%I %p", "3 PM").unwrap();
        assert_eq!(p.time, time(15, 0, 0, 0));
        let p = parse("%H:%M:%S.%f", "10:11:12.5").unwrap();
        assert_eq!(p.time, time(10, 11, 12, 500_000_000));
        let p = parse("%Y-%m-%dT%H:%M:%S%z", "2020-01-01T10:00:00+01:00").unwrap();
        assert_eq!(p.offset, Some(3600));
        let p = parse("%Y-%m-%dT%H:%M:%S%z", "2020-01-01T10:00:00-0530").unwrap();
        assert_eq!(p.offset, Some(-19800));
        let p = parse("%Y-%m-%dT%H:%M:%S%z", "2020-01-01T10:00:00Z").unwrap();
        assert_eq!(p.offset, Some(0));
        assert!(parse("%Y-%m-%dT%H:%M:%S%z", "2020-01-01T10:00:00z").is_none());
        assert!(parse("%H:%M:%S", "10:00:60").is_none());
        let p = parse("%d/%m/%Y %H:%M %Z", "01/01/2020 10:00 CET").unwrap();
        assert_eq!(p.offset, Some(3600));
    }

    #[test]
    fn year_days_and_weeks() {
        assert_eq!(day("%Y-%j", "2020-060"), Some(date(2020, 2, 29)));
        assert_eq!(day("%Y-%j", "2019-366"), Some(date(2020, 1, 1)));
        // Monday of week 1 (weeks starting on Monday) of 2024.
        assert_eq!(day("%Y-%W-%w", "2024-01-1"), Some(date(2024, 1, 1)));
        assert_eq!(day("%Y-%U-%a", "2023-00-Sun"), Some(date(2023, 1, 1)));
        assert_eq!(
            day("%c", "Sun Jan  5 10:00:00 2020"),
            Some(date(2020, 1, 5))
        );
    }

    #[test]
    fn unusable_patterns() {
        for format in [
            "invalid",
            "YYYY-MM-DD",
            "%d/%m/%",
            "%d/%m/%Q",
            "%d %d",
            "%G-%V",
        ] {
            assert!(Pattern::compile(format).is_err(), "{format}");
        }
        assert_eq!(day("%%%Y", "%2020"), Some(date(2020, 1, 1)));
    }

    #[test]
    fn day_arithmetic() {
        for days in [-800_000, -1, 0, 1, 59, 60, 10_957, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(weekday_of(days_from_civil(2024, 1, 1)), 0);
    }
}
