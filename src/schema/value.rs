//! Typed values: what a cell becomes once cast to its field's type, and
//! what comes in to be cast.

use std::cmp::Ordering;

use jiff::civil;

/// A cell to cast: the text of a CSV cell, or a value that already has a
/// type (a JSON value; a spreadsheet's dates and numbers).
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Text(&'a str),
    Json(&'a serde_json::Value),
    /// A value typed by the file itself (spreadsheets).
    Native(&'a Value<'a>),
}

/// A period as ISO 8601 writes it (`P1Y10M3DT5H11M7S`): kept in parts,
/// since a month has no fixed length.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Duration {
    pub years: u32,
    pub months: u32,
    pub days: u32,
    pub hours: u32,
    pub minutes: u32,
    pub seconds: f64,
}

impl Duration {
    /// An approximate length in seconds (a month of 30 days, a year of
    /// 365), for comparisons with `minimum` and `maximum`.
    pub fn approximate_seconds(&self) -> f64 {
        let days =
            f64::from(self.years) * 365.0 + f64::from(self.months) * 30.0 + f64::from(self.days);
        ((days * 24.0 + f64::from(self.hours)) * 60.0 + f64::from(self.minutes)) * 60.0
            + self.seconds
    }
}

/// A cast value. Text is borrowed from the cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    String(std::borrow::Cow<'a, str>),
    /// Integers of any size a file may hold (SIRETs, identifiers…).
    Integer(i128),
    Number(f64),
    Boolean(bool),
    Date(civil::Date),
    Time(civil::Time),
    /// A datetime, with its offset from UTC in seconds when it has one.
    Datetime(civil::DateTime, Option<i32>),
    Year(i32),
    YearMonth(i32, u8),
    Duration(Duration),
    /// Longitude, latitude.
    GeoPoint(f64, f64),
    /// Objects, arrays and GeoJSON.
    Json(serde_json::Value),
}

impl Value<'_> {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as owned data, independent of the cell it came from.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::String(s) => Value::String(std::borrow::Cow::Owned(s.into_owned())),
            Value::Integer(n) => Value::Integer(n),
            Value::Number(n) => Value::Number(n),
            Value::Boolean(b) => Value::Boolean(b),
            Value::Date(d) => Value::Date(d),
            Value::Time(t) => Value::Time(t),
            Value::Datetime(dt, offset) => Value::Datetime(dt, offset),
            Value::Year(y) => Value::Year(y),
            Value::YearMonth(y, m) => Value::YearMonth(y, m),
            Value::Duration(d) => Value::Duration(d),
            Value::GeoPoint(lon, lat) => Value::GeoPoint(lon, lat),
            Value::Json(j) => Value::Json(j),
        }
    }

    /// Orders two values of comparable kinds (numbers with numbers, dates
    /// with dates…); `None` when they cannot be compared.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Integer(a), Integer(b)) => Some(a.cmp(b)),
            (Integer(a), Number(b)) => (*a as f64).partial_cmp(b),
            (Number(a), Integer(b)) => a.partial_cmp(&(*b as f64)),
            (Number(a), Number(b)) => a.partial_cmp(b),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (Time(a), Time(b)) => Some(a.cmp(b)),
            (Datetime(a, oa), Datetime(b, ob)) => {
                // Compare instants when both have an offset, else as written.
                let shift = |dt: &civil::DateTime, offset: &Option<i32>| {
                    let seconds = i64::from(offset.unwrap_or(0));
                    dt.checked_sub(jiff::SignedDuration::from_secs(seconds))
                        .unwrap_or(*dt)
                };
                Some(shift(a, oa).cmp(&shift(b, ob)))
            }
            (Date(a), Datetime(b, _)) => Some(a.to_datetime(civil::Time::midnight()).cmp(b)),
            (Datetime(a, _), Date(b)) => Some(a.cmp(&b.to_datetime(civil::Time::midnight()))),
            (Year(a), Year(b)) => Some(a.cmp(b)),
            (Year(a), Integer(b)) => Some(i128::from(*a).cmp(b)),
            (Integer(a), Year(b)) => Some(a.cmp(&i128::from(*b))),
            (YearMonth(ya, ma), YearMonth(yb, mb)) => Some((ya, ma).cmp(&(yb, mb))),
            (Duration(a), Duration(b)) => a
                .approximate_seconds()
                .partial_cmp(&b.approximate_seconds()),
            (String(a), String(b)) => Some(a.cmp(b)),
            (Boolean(a), Boolean(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// Whether two values are the same for `enum` and `unique`: numbers by
    /// value (`1` and `1.0`), everything else as cast.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::GeoPoint(a, b), Value::GeoPoint(c, d)) => a == c && b == d,
            (Value::Json(a), Value::Json(b)) => a == b,
            _ => self.compare(other) == Some(Ordering::Equal),
        }
    }

    /// The value as text, the way Table Schema writes it (for messages,
    /// keys and reports).
    pub fn to_text(&self) -> std::string::String {
        match self {
            Value::Null => std::string::String::new(),
            Value::String(s) => s.to_string(),
            Value::Integer(n) => n.to_string(),
            Value::Number(n) => {
                let text = n.to_string();
                text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
            }
            Value::Boolean(b) => b.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Time(t) => t.to_string(),
            Value::Datetime(dt, offset) => {
                let mut text = dt.to_string();
                match offset {
                    Some(0) => text.push('Z'),
                    Some(seconds) => {
                        let sign = if *seconds < 0 { '-' } else { '+' };
                        let minutes = seconds.abs() / 60;
                        text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
                    }
                    None => {}
                }
                text
            }
            Value::Year(y) => y.to_string(),
            Value::YearMonth(y, m) => format!("{y:04}-{m:02}"),
            Value::Duration(d) => {
                let mut text = "P".to_string();
                for (n, unit) in [(d.years, 'Y'), (d.months, 'M'), (d.days, 'D')] {
                    if n > 0 {
                        text.push_str(&format!("{n}{unit}"));
                    }
                }
                if d.hours > 0 || d.minutes > 0 || d.seconds > 0.0 {
                    text.push('T');
                    for (n, unit) in [(d.hours, 'H'), (d.minutes, 'M')] {
                        if n > 0 {
                            text.push_str(&format!("{n}{unit}"));
                        }
                    }
                    if d.seconds > 0.0 {
                        text.push_str(&format!("{}S", d.seconds));
                    }
                }
                if text == "P" {
                    text.push_str("0D");
                }
                text
            }
            Value::GeoPoint(lon, lat) => format!("{lon},{lat}"),
            Value::Json(j) => j.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_across_kinds() {
        assert!(Value::Integer(1).same(&Value::Number(1.0)));
        assert_eq!(
            Value::Integer(2).compare(&Value::Number(1.5)),
            Some(Ordering::Greater)
        );
        assert_eq!(Value::String("a".into()).compare(&Value::Integer(1)), None);
    }

    #[test]
    fn datetimes_compare_as_instants() {
        let dt = civil::date(2024, 1, 1).at(10, 0, 0, 0);
        let utc = Value::Datetime(dt, Some(0));
        let paris = Value::Datetime(civil::date(2024, 1, 1).at(11, 0, 0, 0), Some(3600));
        assert!(utc.same(&paris));
        assert_eq!(paris.to_text(), "2024-01-01T11:00:00+01:00");
    }
}
