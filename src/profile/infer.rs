//! Reading one value the way French files write it: numbers with a decimal
//! comma and space, no-break-space or narrow-no-break-space group
//! separators, dates as `dd/mm/yyyy`, `yyyy/mm/dd` or ISO, booleans as
//! oui/non or vrai/faux.
//!
//! Every function takes the value as UTF-8 bytes, already trimmed, and is
//! written for speed: it runs on every cell of every file.

/// How a number reads under each of the two decimal conventions. `1,5` is
/// 1.5 with a decimal comma and nothing with a decimal point; `1.234` is
/// 1.234 with a decimal point and 1234 with a decimal comma (a group
/// separator); `12` is 12 under both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberReading {
    /// Read with `.` as decimal separator (and `,` or spaces grouping).
    pub point: Option<Number>,
    /// Read with `,` as decimal separator (and `.` or spaces grouping).
    pub comma: Option<Number>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// No decimal part and no exponent.
    pub integer: bool,
    /// The group separator used, if any.
    pub group: Option<Group>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Space,
    NoBreakSpace,
    NarrowNoBreakSpace,
    Point,
    Comma,
}

impl Group {
    pub fn as_char(self) -> char {
        match self {
            Group::Space => ' ',
            Group::NoBreakSpace => '\u{A0}',
            Group::NarrowNoBreakSpace => '\u{202F}',
            Group::Point => '.',
            Group::Comma => ',',
        }
    }
}

/// Reads `bytes` as a number under both conventions. A leading zero
/// (`01000`, `007`) makes it a code, not a number: postal and INSEE codes
/// must stay text.
pub fn number(bytes: &[u8]) -> NumberReading {
    number_with(bytes, true, true)
}

/// [`number`], computing only the readings asked for (the others are
/// `None`): a column whose decimal convention is known reads once.
pub fn number_with(bytes: &[u8], point: bool, comma: bool) -> NumberReading {
    const NONE: NumberReading = NumberReading { point: None, comma: None };
    let (negative, body) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    if body.is_empty() || !body[0].is_ascii_digit() {
        // Table Schema's special values.
        let special = match body {
            b"NaN" => Some(f64::NAN),
            b"INF" => Some(f64::INFINITY),
            _ => None,
        };
        if let Some(value) = special {
            let n = Number {
                value: if negative { -value } else { value },
                integer: false,
                group: None,
            };
            return NumberReading { point: point.then_some(n), comma: comma.then_some(n) };
        }
        // `.5` and `,5` are not how people write numbers in tables.
        return NONE;
    }
    // Fast path: digits only, read while checking them.
    if body.len() <= 18 {
        let mut n: u64 = 0;
        let mut digits_only = true;
        for &b in body {
            let digit = b.wrapping_sub(b'0');
            digits_only &= digit < 10;
            n = n.wrapping_mul(10).wrapping_add(u64::from(digit));
        }
        if digits_only {
            if body.len() > 1 && body[0] == b'0' {
                return NONE;
            }
            let n = Number {
                value: if negative { -(n as f64) } else { n as f64 },
                integer: true,
                group: None,
            };
            return NumberReading { point: point.then_some(n), comma: comma.then_some(n) };
        }
    } else if body.iter().all(u8::is_ascii_digit) {
        if body[0] == b'0' {
            return NONE;
        }
        let value = digits_value(body);
        let n = Number {
            value: if negative { -value } else { value },
            integer: true,
            group: None,
        };
        return NumberReading { point: point.then_some(n), comma: comma.then_some(n) };
    }
    if let Some(reading) = simple_decimal(body, negative, point, comma) {
        return reading;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    let signed = |n: Number| Number { value: sign * n.value, ..n };
    NumberReading {
        point: if point {
            read_with(body, b'.', b',').map(signed)
        } else {
            None
        },
        comma: if comma {
            read_with(body, b',', b'.').map(signed)
        } else {
            None
        },
    }
}

/// The common case, read in one scan: digits, one `.` or `,`, digits
/// (`23.45`, `12,5`). Anything else goes through [`read_with`].
#[inline]
fn simple_decimal(body: &[u8], negative: bool, point: bool, comma: bool) -> Option<NumberReading> {
    // One pass: digits, one separator, digits; the mantissa as we go.
    let mut mantissa: u64 = 0;
    let mut separator: Option<usize> = None;
    for (i, &b) in body.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if separator.is_none() && (b == b'.' || b == b',') {
            separator = Some(i);
        } else {
            return None;
        }
    }
    let separator = separator?;
    let punctuation = body[separator];
    let (whole, fraction) = (separator, body.len() - separator - 1);
    if fraction == 0 || whole + fraction > 15 {
        return None;
    }
    // `1.234` and `1,234` could be grouped thousands, when that other
    // reading is asked for: the full reader decides.
    let other_asked = if punctuation == b'.' { comma } else { point };
    if fraction == 3 && whole <= 3 && other_asked {
        return None;
    }
    if whole > 1 && body[0] == b'0' {
        return Some(NumberReading { point: None, comma: None });
    }
    // At most 15 digits: the mantissa is exact, one division rounds once.
    let value = mantissa as f64 / POWERS_OF_TEN[fraction];
    let number = Number {
        value: if negative { -value } else { value },
        integer: false,
        group: None,
    };
    Some(NumberReading {
        point: (point && punctuation == b'.').then_some(number),
        comma: (comma && punctuation == b',').then_some(number),
    })
}

fn digits_value(digits: &[u8]) -> f64 {
    if digits.len() <= 18 {
        let mut n: u64 = 0;
        for &d in digits {
            n = n * 10 + u64::from(d - b'0');
        }
        n as f64
    } else {
        // Parsing the text keeps the nearest float for long numbers.
        std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN)
    }
}

/// Reads an unsigned number with `decimal` as decimal separator; `other`
/// (the other punctuation) and spaces may group thousands, in groups of
/// three after a first group of one to three digits.
fn read_with(body: &[u8], decimal: u8, other: u8) -> Option<Number> {
    let mut digits = Digits::default();
    let mut group: Option<Group> = None;
    let mut since_group: Option<usize> = None;
    let mut first_group_len = 0usize;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b.is_ascii_digit() {
            digits.push(b);
            match since_group.as_mut() {
                Some(n) => *n += 1,
                None => first_group_len += 1,
            }
            i += 1;
            continue;
        }
        let (kind, len) = if b == other {
            (Group::from_punct(other), 1)
        } else if b == b' ' {
            (Group::Space, 1)
        } else if body[i..].starts_with("\u{A0}".as_bytes()) {
            (Group::NoBreakSpace, 2)
        } else if body[i..].starts_with("\u{202F}".as_bytes()) {
            (Group::NarrowNoBreakSpace, 3)
        } else {
            break;
        };
        if group.is_some_and(|g| g != kind) || since_group.is_some_and(|n| n != 3) {
            return None;
        }
        group = Some(kind);
        since_group = Some(0);
        i += len;
    }
    if group.is_some() && (since_group != Some(3) || !(1..=3).contains(&first_group_len)) {
        return None;
    }
    if digits.count > 1 && digits.leading_zero {
        return None;
    }
    let mut integer = true;
    let mut exponent: i32 = 0;
    if i < body.len() && body[i] == decimal {
        integer = false;
        i += 1;
        let start = i;
        while i < body.len() && body[i].is_ascii_digit() {
            digits.push(body[i]);
            exponent -= 1;
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i < body.len() && (body[i] == b'e' || body[i] == b'E') && decimal == b'.' && group.is_none()
    {
        integer = false;
        i += 1;
        let negative = match body.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut value: i32 = 0;
        while i < body.len() && body[i].is_ascii_digit() {
            value = value
                .saturating_mul(10)
                .saturating_add(i32::from(body[i] - b'0'));
            i += 1;
        }
        if i == start {
            return None;
        }
        exponent = exponent.saturating_add(if negative { -value } else { value });
    }
    if i != body.len() {
        return None;
    }
    Some(Number { value: digits.value(exponent)?, integer, group })
}

/// 10^0 to 10^22: every one is exact in an f64.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The digits of a number, kept as an integer while they fit.
#[derive(Default)]
struct Digits {
    mantissa: u64,
    count: usize,
    leading_zero: bool,
    /// Digits beyond what `mantissa` holds exactly.
    text: Option<Vec<u8>>,
}

impl Digits {
    fn push(&mut self, digit: u8) {
        if self.count == 0 {
            self.leading_zero = digit == b'0';
        }
        self.count += 1;
        if let Some(text) = self.text.as_mut() {
            text.push(digit);
        } else if self.count <= 15 {
            self.mantissa = self.mantissa * 10 + u64::from(digit - b'0');
        } else {
            let mut text = self.mantissa.to_string().into_bytes();
            text.push(digit);
            self.text = Some(text);
        }
    }

    /// `digits × 10^exponent`, correctly rounded: with at most 15 digits
    /// and a power of ten that f64 holds exactly, one multiplication or
    /// division rounds once; other cases go through the standard parser.
    fn value(&self, exponent: i32) -> Option<f64> {
        if self.text.is_none() && (-22..=22).contains(&exponent) {
            let mantissa = self.mantissa as f64;
            let scale = POWERS_OF_TEN[exponent.unsigned_abs() as usize];
            return Some(if exponent >= 0 {
                mantissa * scale
            } else {
                mantissa / scale
            });
        }
        let digits = match &self.text {
            Some(text) => String::from_utf8_lossy(text).into_owned(),
            None => self.mantissa.to_string(),
        };
        format!("{digits}e{exponent}").parse().ok()
    }
}

impl Group {
    fn from_punct(b: u8) -> Group {
        if b == b'.' {
            Group::Point
        } else {
            Group::Comma
        }
    }
}

/// Date layouts found in French files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateLayout {
    /// `2024-01-31`
    Iso,
    /// `31/01/2024`
    DayMonthYear,
    /// `01/31/2024`, from American software.
    MonthDayYear,
    /// `2024/01/31`, `2018/3/31`
    YearMonthDaySlash,
    /// `31-01-2024`
    DayMonthYearDash,
    /// `31.01.2024`
    DayMonthYearDot,
}

impl DateLayout {
    pub const ALL: [DateLayout; 6] = [
        DateLayout::Iso,
        DateLayout::DayMonthYear,
        DateLayout::MonthDayYear,
        DateLayout::YearMonthDaySlash,
        DateLayout::DayMonthYearDash,
        DateLayout::DayMonthYearDot,
    ];

    /// The `strptime` pattern, as Table Schema writes date formats.
    pub fn pattern(self) -> &'static str {
        match self {
            DateLayout::Iso => "%Y-%m-%d",
            DateLayout::DayMonthYear => "%d/%m/%Y",
            DateLayout::MonthDayYear => "%m/%d/%Y",
            DateLayout::YearMonthDaySlash => "%Y/%m/%d",
            DateLayout::DayMonthYearDash => "%d-%m-%Y",
            DateLayout::DayMonthYearDot => "%d.%m.%Y",
        }
    }

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Days since 1970-01-01 of a date written in `layout`, if it is one.
pub fn date(bytes: &[u8], layout: DateLayout) -> Option<i32> {
    // Fast path for the padded forms, by far the most common.
    if bytes.len() == 10 {
        let pair = |i: usize| two_digits(bytes[i], bytes[i + 1]);
        let at = |i: usize, separator: u8| bytes[i] == separator;
        let year_first = |separator| at(4, separator) && at(7, separator);
        let year_last = |separator| at(2, separator) && at(5, separator);
        let (year, month, day) = match layout {
            DateLayout::Iso if year_first(b'-') => (pair(0)? * 100 + pair(2)?, pair(5)?, pair(8)?),
            DateLayout::YearMonthDaySlash if year_first(b'/') => {
                (pair(0)? * 100 + pair(2)?, pair(5)?, pair(8)?)
            }
            DateLayout::DayMonthYear if year_last(b'/') => {
                (pair(6)? * 100 + pair(8)?, pair(3)?, pair(0)?)
            }
            DateLayout::MonthDayYear if year_last(b'/') => {
                (pair(6)? * 100 + pair(8)?, pair(0)?, pair(3)?)
            }
            DateLayout::DayMonthYearDash if year_last(b'-') => {
                (pair(6)? * 100 + pair(8)?, pair(3)?, pair(0)?)
            }
            DateLayout::DayMonthYearDot if year_last(b'.') => {
                (pair(6)? * 100 + pair(8)?, pair(3)?, pair(0)?)
            }
            _ => return None,
        };
        return days_from_civil(year as i32, month, day);
    }
    let (a, sep1, b, sep2, c) = three_parts(bytes)?;
    let (year, month, day) = match layout {
        DateLayout::Iso if sep1 == b'-' && sep2 == b'-' && a.1 == 4 => (a.0, b.0, c.0),
        DateLayout::YearMonthDaySlash if sep1 == b'/' && sep2 == b'/' && a.1 == 4 => {
            (a.0, b.0, c.0)
        }
        DateLayout::DayMonthYear if sep1 == b'/' && sep2 == b'/' && c.1 == 4 => (c.0, b.0, a.0),
        DateLayout::MonthDayYear if sep1 == b'/' && sep2 == b'/' && c.1 == 4 => (c.0, a.0, b.0),
        DateLayout::DayMonthYearDash if sep1 == b'-' && sep2 == b'-' && c.1 == 4 => (c.0, b.0, a.0),
        DateLayout::DayMonthYearDot if sep1 == b'.' && sep2 == b'.' && c.1 == 4 => (c.0, b.0, a.0),
        _ => return None,
    };
    days_from_civil(year as i32, month, day)
}

/// Splits `n1 S n2 S n3` where each `n` has 1 to 4 digits; returns each
/// number with its digit count, and the separators.
type Part = (u32, usize);
fn three_parts(bytes: &[u8]) -> Option<(Part, u8, Part, u8, Part)> {
    if bytes.len() < 6 || bytes.len() > 10 {
        return None;
    }
    let mut parts = [(0u32, 0usize); 3];
    let mut separators = [0u8; 2];
    let mut part = 0;
    for &b in bytes {
        if b.is_ascii_digit() {
            let (value, len) = &mut parts[part];
            *value = *value * 10 + u32::from(b - b'0');
            *len += 1;
            if *len > 4 {
                return None;
            }
        } else {
            if part == 2 || parts[part].1 == 0 || !matches!(b, b'-' | b'/' | b'.') {
                return None;
            }
            separators[part] = b;
            part += 1;
        }
    }
    if part != 2 || parts[2].1 == 0 {
        return None;
    }
    Some((parts[0], separators[0], parts[1], separators[1], parts[2]))
}

/// Days since 1970-01-01 (proleptic Gregorian), or `None` for an invalid date.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    if !(1..=12).contains(&month) || day == 0 || !(1000..=9999).contains(&year) {
        return None;
    }
    const DAYS_IN_MONTH: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if day > DAYS_IN_MONTH[(month - 1) as usize] {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if !(month == 2 && day == 29 && leap) {
            return None;
        }
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `2024-01-31` from days since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn iso_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Datetime layouts: a date layout, then a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatetimeLayout {
    /// `2024-01-31T08:30:00`, with optional seconds, fraction and offset.
    IsoT,
    /// `2024-01-31 08:30:00`
    IsoSpace,
    /// `31/01/2024 08:30`
    DayMonthYearSpace,
}

impl DatetimeLayout {
    pub const ALL: [DatetimeLayout; 3] = [
        DatetimeLayout::IsoT,
        DatetimeLayout::IsoSpace,
        DatetimeLayout::DayMonthYearSpace,
    ];

    pub fn pattern(self) -> &'static str {
        match self {
            DatetimeLayout::IsoT => "%Y-%m-%dT%H:%M:%S",
            DatetimeLayout::IsoSpace => "%Y-%m-%d %H:%M:%S",
            DatetimeLayout::DayMonthYearSpace => "%d/%m/%Y %H:%M:%S",
        }
    }

    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Seconds since 1970-01-01T00:00:00Z of a datetime written in `layout`.
/// Offsets (`Z`, `+01:00`) are applied; a datetime without one is read as UTC.
pub fn datetime(bytes: &[u8], layout: DatetimeLayout) -> Option<i64> {
    let (separator, date_layout) = match layout {
        DatetimeLayout::IsoT => (b'T', DateLayout::Iso),
        DatetimeLayout::IsoSpace => (b' ', DateLayout::Iso),
        DatetimeLayout::DayMonthYearSpace => (b' ', DateLayout::DayMonthYear),
    };
    // Dates in these layouts take ten bytes when padded, which is how
    // software writes datetimes; otherwise look for the separator.
    let split = if bytes.get(10) == Some(&separator) {
        10
    } else {
        bytes.iter().position(|&b| b == separator)?
    };
    let days = date(&bytes[..split], date_layout)?;
    let time = &bytes[split + 1..];
    let (seconds_of_day, rest) = time_of_day(time)?;
    let offset = match rest {
        [] => 0,
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let hours = two_digits(*h1, *h2)?;
            let minutes = two_digits(*m1, *m2)?;
            let offset = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    Some(i64::from(days) * 86_400 + seconds_of_day - offset)
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`; returns seconds and what follows.
fn time_of_day(bytes: &[u8]) -> Option<(i64, &[u8])> {
    if bytes.len() < 5 || bytes[2] != b':' {
        return None;
    }
    let hours = two_digits(bytes[0], bytes[1])?;
    let minutes = two_digits(bytes[3], bytes[4])?;
    let mut seconds = 0;
    let mut rest = &bytes[5..];
    if rest.len() >= 3 && rest[0] == b':' {
        seconds = two_digits(rest[1], rest[2])?;
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            rest = &rest[1 + digits..];
        }
    }
    if hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some((i64::from(hours * 3600 + minutes * 60 + seconds), rest))
}

fn two_digits(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

pub fn iso_datetime(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400) as i32;
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_date(days),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// `true`/`false` in English and French, any case.
pub fn boolean(bytes: &[u8]) -> Option<bool> {
    if bytes.is_empty() || bytes.len() > 5 {
        return None;
    }
    // The word, lower-cased, packed in an integer: one comparison per
    // accepted spelling.
    let mut word = 0u64;
    for &b in bytes {
        word = (word << 8) | u64::from(b.to_ascii_lowercase());
    }
    const fn pack(text: &[u8]) -> u64 {
        let mut word = 0u64;
        let mut i = 0;
        while i < text.len() {
            word = (word << 8) | text[i] as u64;
            i += 1;
        }
        word
    }
    const TRUE: [u64; 4] = [pack(b"true"), pack(b"vrai"), pack(b"oui"), pack(b"yes")];
    const FALSE: [u64; 4] = [pack(b"false"), pack(b"faux"), pack(b"non"), pack(b"no")];
    if TRUE.contains(&word) {
        Some(true)
    } else if FALSE.contains(&word) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(s: &str) -> Option<f64> {
        number(s.as_bytes()).point.map(|n| n.value)
    }
    fn comma(s: &str) -> Option<f64> {
        number(s.as_bytes()).comma.map(|n| n.value)
    }

    #[test]
    fn french_and_english_numbers() {
        assert_eq!((point("12"), comma("12")), (Some(12.0), Some(12.0)));
        assert_eq!((point("12,5"), comma("12,5")), (None, Some(12.5)));
        assert_eq!((point("12.5"), comma("12.5")), (Some(12.5), None));
        assert_eq!(
            (point("1.234"), comma("1.234")),
            (Some(1.234), Some(1234.0))
        );
        assert_eq!(comma("40 000,00"), Some(40000.0));
        assert_eq!(comma("17\u{A0}833"), Some(17833.0));
        assert_eq!(comma("1\u{202F}234\u{202F}567,5"), Some(1_234_567.5));
        assert_eq!(point("1,234,567.25"), Some(1_234_567.25));
        assert_eq!(comma("-3,5"), Some(-3.5));
        assert_eq!(point("1.5e3"), Some(1500.0));
        assert_eq!(point("21860194600000.0"), Some(21_860_194_600_000.0));
        assert_eq!((point("0,5"), comma("0,5")), (None, Some(0.5)));
        assert_eq!(comma("0"), Some(0.0));
    }

    #[test]
    fn codes_and_text_are_not_numbers() {
        for text in [
            "01000",
            "007",
            "2A004",
            "12 %",
            "1 2",
            "12,",
            "abc",
            "1 23 456",
            "12 345 67",
            "-",
            ".5",
            "1 234.5.6",
        ] {
            assert_eq!(
                number(text.as_bytes()),
                NumberReading { point: None, comma: None },
                "{text}"
            );
        }
    }

    #[test]
    fn integers_and_groups() {
        let n = number(b"17 833").comma.unwrap();
        assert!(n.integer);
        assert_eq!(n.group, Some(Group::Space));
        assert!(!number(b"12,0").comma.unwrap().integer);
    }

    #[test]
    fn dates() {
        let day = days_from_civil(2017, 9, 8);
        assert_eq!(date(b"2017-09-08", DateLayout::Iso), day);
        assert_eq!(date(b"08/09/2017", DateLayout::DayMonthYear), day);
        assert_eq!(date(b"2017/09/08", DateLayout::YearMonthDaySlash), day);
        assert_eq!(
            date(b"2018/3/31", DateLayout::YearMonthDaySlash),
            days_from_civil(2018, 3, 31)
        );
        assert_eq!(date(b"31/02/2017", DateLayout::DayMonthYear), None);
        assert_eq!(date(b"13/31/2017", DateLayout::DayMonthYear), None);
        assert_eq!(
            date(b"12/31/2017", DateLayout::MonthDayYear),
            days_from_civil(2017, 12, 31)
        );
        assert_eq!(date(b"2017-09-08", DateLayout::DayMonthYear), None);
        assert_eq!(
            iso_date(days_from_civil(2024, 2, 29).unwrap()),
            "2024-02-29"
        );
        assert_eq!(days_from_civil(1970, 1, 1), Some(0));
        for days in [-800_000, -1, 0, 1, 19_000, 800_000] {
            let (y, m, d) = civil_from_days(days);
            if (1000..=9999).contains(&y) {
                assert_eq!(days_from_civil(y, m, d), Some(days));
            }
        }
    }

    #[test]
    fn datetimes() {
        let base = i64::from(days_from_civil(2024, 1, 31).unwrap()) * 86_400;
        assert_eq!(
            datetime(b"2024-01-31T08:30:00Z", DatetimeLayout::IsoT),
            Some(base + 8 * 3600 + 1800)
        );
        assert_eq!(
            datetime(b"2024-01-31T08:30:00+01:00", DatetimeLayout::IsoT),
            Some(base + 7 * 3600 + 1800)
        );
        assert_eq!(
            datetime(b"2024-01-31 08:30", DatetimeLayout::IsoSpace),
            Some(base + 8 * 3600 + 1800)
        );
        assert_eq!(
            datetime(
                b"31/01/2024 08:30:15.250",
                DatetimeLayout::DayMonthYearSpace
            ),
            Some(base + 8 * 3600 + 1815)
        );
        assert_eq!(datetime(b"2024-01-31T25:00:00", DatetimeLayout::IsoT), None);
        assert_eq!(iso_datetime(base + 8 * 3600 + 1800), "2024-01-31T08:30:00Z");
    }

    #[test]
    fn booleans() {
        assert_eq!(boolean(b"Oui"), Some(true));
        assert_eq!(boolean(b"FAUX"), Some(false));
        assert_eq!(boolean(b"1"), None);
        assert_eq!(boolean(b"ouii"), None);
        assert_eq!(boolean(b"No"), Some(false));
        assert_eq!(boolean(b""), None);
        assert!(days_from_civil(2024, 2, 29).is_some());
        assert_eq!(days_from_civil(2023, 2, 29), None);
        assert_eq!(days_from_civil(2023, 4, 31), None);
    }
}
