//! Casting cells to Table Schema types (v1), the way frictionless-py (v5)
//! does, since Validata — the validator French portals are judged by — runs
//! it.
//!
//! A [`Caster`] is built once per field and casts each cell: a CSV cell's
//! text, a JSON value, or a value a spreadsheet already typed. A text equal
//! to one of the schema's `missingValues` (and JSON `null`) is `Null`.
//! Texts are not trimmed, except where Python's own number parsing trims
//! (integers, numbers, years, year-months, the two halves of a geopoint).
//!
//! The hot paths (default strings, integers, numbers — also with French
//! decimal and group characters —, booleans, default dates and strptime
//! patterns) do not allocate.
//!
//! Where frictionless leaves room, or does something no one would want,
//! this module decides as follows (each also said where it is done):
//! - numbers with `bareNumber: true` refuse leading zeros (`01`, `00`) as
//!   frictionless does, but `0,5` with `decimalChar: ","` is a number
//!   (frictionless only spares `0.`);
//! - `bareNumber: false` strips leading and trailing non-digits but keeps a
//!   sign (and a decimal mark) right before the digits: frictionless turns
//!   `-12 €` into 12;
//! - integers ignore `groupChar` (Table Schema v1 and frictionless only
//!   give it to numbers) and must fit an `i128`;
//! - dates with `format: "any"` follow dateutil's reading (month before
//!   day: `01/02/2019` is 2 January, `13/02/2019` is 13 February, a
//!   four-digit first number is a year), but a date or datetime whose day,
//!   month or year is missing is refused (dateutil would take today's) and
//!   a time needs at least an hour; see [`loose`];
//! - an unusable date pattern (no directive, an unknown or repeated one)
//!   makes every non-null text fail, as frictionless' `invalid` cases show;
//! - times keep the clock time and drop an offset (`Value::Time` has none);
//! - `duration` cannot be negative (`Duration` has no sign); fractions
//!   carry to smaller units (a month of 30 days);
//! - geopoints in `object` format also take a JSON object (frictionless
//!   refuses every non-text input there);
//! - spreadsheets' values: a datetime at midnight is a date, and a date is
//!   a datetime at midnight (spreadsheets store both alike).

#[path = "strptime.rs"]
mod strptime;

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use jiff::civil::{Date, DateTime, Time};
use serde_json::Value as Json;

use super::value::{Duration, Input, Value};
use super::{Field, FieldType};
use strptime::Pattern;

/// Why a cell does not cast to its field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CastError;

impl std::fmt::Display for CastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value does not have the field's type")
    }
}

impl std::error::Error for CastError {}

/// Casts the cells of one field; built once per field, cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Caster {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    kind: Kind,
    missing: Missing,
    /// Why the field's format cannot be used, when it cannot.
    format_problem: Option<String>,
}

#[derive(Debug, Default)]
struct Missing {
    /// The usual `[""]`: one comparison.
    empty_only: bool,
    values: Box<[Box<str>]>,
}

impl Missing {
    #[inline]
    fn contains(&self, text: &str) -> bool {
        if self.empty_only {
            text.is_empty()
        } else {
            self.values.iter().any(|m| **m == *text)
        }
    }
}

#[derive(Debug, Default)]
enum Kind {
    #[default]
    Any,
    String(StringFormat),
    Number(NumberFormat),
    Integer {
        bare: bool,
    },
    Boolean {
        trues: Box<[Box<str>]>,
        falses: Box<[Box<str>]>,
    },
    Date(Temporal),
    Time(Temporal),
    Datetime(Temporal),
    Year,
    YearMonth,
    Duration,
    GeoPoint(GeoFormat),
    GeoJson(GeoJsonFormat),
    Object,
    Array,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StringFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Binary,
}

#[derive(Debug)]
struct NumberFormat {
    decimal: Box<str>,
    /// `None` for none (an empty `groupChar` is none).
    group: Option<Box<str>>,
    bare: bool,
    /// Decimal point, no group character, bare: the fast path.
    plain: bool,
    /// An empty `decimalChar`: frictionless would put a point between
    /// every character, so no text is a number.
    broken: bool,
}

#[derive(Debug)]
enum Temporal {
    Default,
    Any,
    Pattern(Pattern),
    /// A pattern that cannot be used: every non-null text fails.
    Unusable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GeoFormat {
    Default,
    Array,
    Object,
    /// Not a geopoint format: frictionless reads no text then.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GeoJsonFormat {
    Default,
    TopoJson,
    /// Not checked beyond being an object, as frictionless.
    Other,
}

type Cast<'a> = Result<Value<'a>, CastError>;

impl Caster {
    pub fn new(field: &Field) -> Caster {
        let mut problem = None;
        let format = field.format.as_deref().filter(|f| *f != "default");
        let texts = |values: &[String]| -> Box<[Box<str>]> {
            values.iter().map(|v| v.as_str().into()).collect()
        };
        let kind = match field.kind {
            FieldType::Any => Kind::Any,
            FieldType::String => Kind::String(match format {
                Some("email") => StringFormat::Email,
                Some("uri") => StringFormat::Uri,
                Some("uuid") => StringFormat::Uuid,
                Some("binary") => StringFormat::Binary,
                // frictionless reads other formats (wkt…) as plain text.
                _ => StringFormat::Default,
            }),
            FieldType::Number => {
                let group = field
                    .group_char
                    .as_deref()
                    .filter(|g| !g.is_empty())
                    .map(Box::from);
                let broken = field.decimal_char.is_empty();
                if broken {
                    problem = Some("the decimalChar is empty".to_string());
                }
                Kind::Number(NumberFormat {
                    plain: field.decimal_char == "." && group.is_none() && field.bare_number,
                    decimal: field.decimal_char.as_str().into(),
                    group,
                    bare: field.bare_number,
                    broken,
                })
            }
            FieldType::Integer => Kind::Integer { bare: field.bare_number },
            FieldType::Boolean => Kind::Boolean {
                trues: texts(&field.true_values),
                falses: texts(&field.false_values),
            },
            FieldType::Date => Kind::Date(temporal(format, &mut problem)),
            FieldType::Time => Kind::Time(temporal(format, &mut problem)),
            FieldType::Datetime => Kind::Datetime(temporal(format, &mut problem)),
            FieldType::Year => Kind::Year,
            FieldType::Yearmonth => Kind::YearMonth,
            FieldType::Duration => Kind::Duration,
            FieldType::Geopoint => Kind::GeoPoint(match format {
                None => GeoFormat::Default,
                Some("array") => GeoFormat::Array,
                Some("object") => GeoFormat::Object,
                Some(other) => {
                    problem = Some(format!(
                        "\"{other}\" is not a geopoint format (default, array, object)"
                    ));
                    GeoFormat::Unknown
                }
            }),
            FieldType::Geojson => Kind::GeoJson(match format {
                None => GeoJsonFormat::Default,
                Some("topojson") => GeoJsonFormat::TopoJson,
                Some(_) => GeoJsonFormat::Other,
            }),
            FieldType::Object => Kind::Object,
            FieldType::Array => Kind::Array,
        };
        let missing = Missing {
            empty_only: field.missing_values.len() == 1 && field.missing_values[0].is_empty(),
            values: texts(&field.missing_values),
        };
        Caster {
            inner: Arc::new(Inner { kind, missing, format_problem: problem }),
        }
    }

    /// Why the field's format cannot be used (every text then fails), in
    /// plain words; `None` when it can.
    pub fn format_problem(&self) -> Option<&str> {
        self.inner.format_problem.as_deref()
    }

    pub fn cast<'a>(&self, input: Input<'a>) -> Result<Value<'a>, CastError> {
        match input {
            Input::Text(text) => self.cast_text(text),
            Input::Json(json) => self.cast_json(json),
            Input::Native(value) => self.cast_native(value),
        }
    }

    #[inline]
    fn cast_text<'a>(&self, text: &'a str) -> Cast<'a> {
        if self.inner.missing.contains(text) {
            return Ok(Value::Null);
        }
        self.text_value(text)
    }

    fn text_value<'a>(&self, text: &'a str) -> Cast<'a> {
        let ok = |v: Option<Value<'a>>| v.ok_or(CastError);
        match &self.inner.kind {
            Kind::Any => Ok(Value::String(Cow::Borrowed(text))),
            Kind::String(format) => {
                let valid = match format {
                    StringFormat::Default => true,
                    StringFormat::Email => is_email(text),
                    StringFormat::Uri => is_uri(text),
                    StringFormat::Uuid => is_uuid(text),
                    StringFormat::Binary => is_base64(text),
                };
                if valid {
                    Ok(Value::String(Cow::Borrowed(text)))
                } else {
                    Err(CastError)
                }
            }
            Kind::Number(format) => ok(number(format, text).map(Value::Number)),
            Kind::Integer { bare } => ok(integer(*bare, text).map(Value::Integer)),
            Kind::Boolean { trues, falses } => {
                // frictionless maps true values, then false ones: a text in
                // both lists is false.
                if falses.iter().any(|v| **v == *text) {
                    Ok(Value::Boolean(false))
                } else if trues.iter().any(|v| **v == *text) {
                    Ok(Value::Boolean(true))
                } else {
                    Err(CastError)
                }
            }
            Kind::Date(format) => ok(date(format, text).map(Value::Date)),
            Kind::Time(format) => ok(time(format, text).map(Value::Time)),
            Kind::Datetime(format) => {
                ok(datetime(format, text).map(|(dt, o)| Value::Datetime(dt, o)))
            }
            Kind::Year => ok(year(text).map(Value::Year)),
            Kind::YearMonth => ok(year_month(text).map(|(y, m)| Value::YearMonth(y, m))),
            Kind::Duration => ok(duration(text).map(Value::Duration)),
            Kind::GeoPoint(format) => {
                ok(geopoint_text(*format, text).map(|(lon, lat)| Value::GeoPoint(lon, lat)))
            }
            Kind::GeoJson(format) => {
                let json: Json = serde_json::from_str(text).map_err(|_| CastError)?;
                self.geojson(*format, &json).map(|()| Value::Json(json))
            }
            Kind::Object => match serde_json::from_str(text) {
                Ok(json @ Json::Object(_)) => Ok(Value::Json(json)),
                _ => Err(CastError),
            },
            Kind::Array => match serde_json::from_str(text) {
                Ok(json @ Json::Array(_)) => Ok(Value::Json(json)),
                _ => Err(CastError),
            },
        }
    }

    fn cast_json<'a>(&self, json: &'a Json) -> Cast<'a> {
        let number = |n: &serde_json::Number| n.as_f64().ok_or(CastError);
        match (json, &self.inner.kind) {
            (Json::Null, _) => Ok(Value::Null),
            // A JSON text is read as a CSV cell would be.
            (Json::String(text), _) => self.cast_text(text),
            (_, Kind::Any) => Ok(match json {
                Json::Bool(b) => Value::Boolean(*b),
                Json::Number(n) => match json_integer(n) {
                    Some(i) => Value::Integer(i),
                    None => Value::Number(number(n)?),
                },
                other => Value::Json(other.clone()),
            }),
            (Json::Number(n), Kind::Number(_)) => Ok(Value::Number(number(n)?)),
            (Json::Number(n), Kind::Integer { .. }) => match json_integer(n) {
                Some(i) => Ok(Value::Integer(i)),
                // frictionless: a float with no fractional part is an integer.
                None => match n.as_f64() {
                    Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7e38 => {
                        Ok(Value::Integer(f as i128))
                    }
                    _ => Err(CastError),
                },
            },
            (Json::Bool(b), Kind::Boolean { .. }) => Ok(Value::Boolean(*b)),
            (Json::Number(n), Kind::Year) => match json_integer(n) {
                Some(y @ 0..=9999) => Ok(Value::Year(y as i32)),
                _ => Err(CastError),
            },
            (Json::Array(items), Kind::YearMonth) => match items.as_slice() {
                // frictionless takes any pair; ouvert asks for a year and a month.
                [Json::Number(y), Json::Number(m)] => {
                    let year = json_integer(y).and_then(|y| i32::try_from(y).ok());
                    match (year, json_integer(m)) {
                        (Some(y), Some(m @ 1..=12)) => Ok(Value::YearMonth(y, m as u8)),
                        _ => Err(CastError),
                    }
                }
                _ => Err(CastError),
            },
            (Json::Array(items), Kind::GeoPoint(_)) => match items.as_slice() {
                [Json::Number(lon), Json::Number(lat)] => {
                    geopoint(number(lon)?, number(lat)?).ok_or(CastError)
                }
                _ => Err(CastError),
            },
            (Json::Object(object), Kind::GeoPoint(GeoFormat::Object)) => {
                geopoint_object(object).ok_or(CastError)
            }
            (Json::Object(_), Kind::GeoJson(format)) => self
                .geojson(*format, json)
                .map(|()| Value::Json(json.clone())),
            (Json::Object(_), Kind::Object) | (Json::Array(_), Kind::Array) => {
                Ok(Value::Json(json.clone()))
            }
            _ => Err(CastError),
        }
    }

    fn cast_native<'a>(&self, value: &'a Value<'a>) -> Cast<'a> {
        let midnight = Time::midnight();
        match (value, &self.inner.kind) {
            (Value::Null, _) => Ok(Value::Null),
            (Value::String(text), _) => self.cast_text(text.as_ref()),
            (value, Kind::Any) => Ok(value.clone()),
            (Value::Json(json), _) => self.cast_json(json),
            (Value::Integer(n), Kind::Number(_)) => Ok(Value::Number(*n as f64)),
            (Value::Number(n), Kind::Number(_)) => Ok(Value::Number(*n)),
            (Value::Integer(n), Kind::Integer { .. }) => Ok(Value::Integer(*n)),
            (Value::Number(n), Kind::Integer { .. })
                if n.is_finite() && n.fract() == 0.0 && n.abs() < 1.7e38 =>
            {
                Ok(Value::Integer(*n as i128))
            }
            (Value::Boolean(b), Kind::Boolean { .. }) => Ok(Value::Boolean(*b)),
            (Value::Date(d), Kind::Date(_)) => Ok(Value::Date(*d)),
            (Value::Datetime(dt, _), Kind::Date(_)) if dt.time() == midnight => {
                Ok(Value::Date(dt.date()))
            }
            (Value::Time(t), Kind::Time(_)) => Ok(Value::Time(*t)),
            (Value::Datetime(dt, offset), Kind::Datetime(_)) => Ok(Value::Datetime(*dt, *offset)),
            (Value::Date(d), Kind::Datetime(_)) => {
                Ok(Value::Datetime(d.to_datetime(midnight), None))
            }
            (Value::Year(y), Kind::Year) => Ok(Value::Year(*y)),
            (Value::Integer(y @ 0..=9999), Kind::Year) => Ok(Value::Year(*y as i32)),
            (Value::YearMonth(y, m @ 1..=12), Kind::YearMonth) => Ok(Value::YearMonth(*y, *m)),
            (Value::Duration(d), Kind::Duration) => Ok(Value::Duration(*d)),
            (Value::GeoPoint(lon, lat), Kind::GeoPoint(_)) => geopoint(*lon, *lat).ok_or(CastError),
            _ => Err(CastError),
        }
    }

    fn geojson(&self, format: GeoJsonFormat, json: &Json) -> Result<(), CastError> {
        let valid = match format {
            GeoJsonFormat::Default => geo::is_geojson(json),
            GeoJsonFormat::TopoJson => geo::is_topojson(json),
            GeoJsonFormat::Other => json.is_object(),
        };
        if valid { Ok(()) } else { Err(CastError) }
    }
}

fn temporal(format: Option<&str>, problem: &mut Option<String>) -> Temporal {
    match format {
        None => Temporal::Default,
        Some("any") => Temporal::Any,
        Some(pattern) => {
            // Table Schema before v1 wrote "fmt:%d/%m/%Y".
            let pattern = pattern.strip_prefix("fmt:").unwrap_or(pattern);
            match Pattern::compile(pattern) {
                Ok(pattern) => Temporal::Pattern(pattern),
                Err(why) => {
                    *problem = Some(why);
                    Temporal::Unusable
                }
            }
        }
    }
}

fn json_integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

// ---------------------------------------------------------------- strings

/// An e-mail address: a local part (dot-atom or quoted) of at most 64
/// characters, `@`, and a domain name with a top-level label, or an IPv4
/// literal (what the `validators` package frictionless uses accepts).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.is_empty() || text.len() > 320 {
        return false;
    }
    let atom = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '!' | '#'
                    | '$'
                    | '%'
                    | '&'
                    | '\''
                    | '*'
                    | '+'
                    | '/'
                    | '='
                    | '?'
                    | '^'
                    | '_'
                    | '`'
                    | '{'
                    | '|'
                    | '}'
                    | '~'
                    | '-'
            )
    };
    let local_ok = if let Some(quoted) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        let mut escaped = false;
        quoted.chars().all(|c| {
            let ok = c.is_ascii() && !c.is_ascii_control() || escaped;
            let ok = ok && (escaped || c != '"');
            escaped = !escaped && c == '\\';
            ok
        }) && !escaped
    } else {
        local
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(atom))
    };
    local_ok && is_domain(domain)
}

fn is_domain(domain: &str) -> bool {
    if let Some(ip) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        let parts: Vec<&str> = ip.split('.').collect();
        return parts.len() == 4
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.len() <= 3
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.parse::<u16>().is_ok_and(|n| n <= 255)
            });
    }
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let Some((_, top)) = domain.rsplit_once('.') else {
        return false;
    };
    if domain.len() > 253 {
        return false;
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && (label.len() <= 63 || label.chars().count() <= 63)
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    domain.split('.').all(label_ok)
        && top.chars().nth(1).is_some()
        && top.chars().any(char::is_alphabetic)
}

/// A URI with a scheme (`http:`, `mailto:`, `urn:`…): frictionless asks
/// the rfc3986 package for the presence of a scheme and nothing more.
fn is_uri(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    for &b in &bytes[1..] {
        match b {
            b':' => return true,
            b'+' | b'-' | b'.' => {}
            _ if b.is_ascii_alphanumeric() => {}
            _ => return false,
        }
    }
    false
}

/// A UUID as Python's `uuid.UUID()` reads it (what `validators` does):
/// `urn:` and `uuid:` are dropped, then braces around, then hyphens; 32
/// hexadecimal digits must remain.
fn is_uuid(text: &str) -> bool {
    let hex = text.replace("urn:", "").replace("uuid:", "");
    let hex = hex.trim_matches(|c| c == '{' || c == '}');
    let mut count = 0;
    for c in hex.chars() {
        if c == '-' {
            continue;
        }
        if !c.is_ascii_hexdigit() {
            return false;
        }
        count += 1;
    }
    count == 32
}

/// Base64 as Python's `base64.b64decode` (not strict) reads it: characters
/// outside the alphabet are skipped, a complete padding ends the data,
/// otherwise the data characters must fill whole quads.
fn is_base64(text: &str) -> bool {
    if !text.is_ascii() {
        return false;
    }
    let mut quad = 0;
    let mut pads = 0;
    for b in text.bytes() {
        if b == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return true;
                }
            }
            continue;
        }
        if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' {
            quad = (quad + 1) % 4;
        }
    }
    quad == 0
}

// ---------------------------------------------------------------- numbers

/// A few bytes on the stack, then the heap: numbers with group or decimal
/// characters are rewritten without allocating.
struct Scratch {
    stack: [u8; 48],
    len: usize,
    heap: Option<String>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch { stack: [0; 48], len: 0, heap: None }
    }

    fn push(&mut self, text: &str) {
        if let Some(heap) = &mut self.heap {
            heap.push_str(text);
        } else if self.len + text.len() <= self.stack.len() {
            self.stack[self.len..self.len + text.len()].copy_from_slice(text.as_bytes());
            self.len += text.len();
        } else {
            let mut heap = String::with_capacity(self.len + text.len() + 16);
            heap.push_str(self.as_str());
            heap.push_str(text);
            self.heap = Some(heap);
        }
    }

    fn as_str(&self) -> &str {
        match &self.heap {
            Some(heap) => heap,
            // Only whole `&str`s are pushed, so the bytes are UTF-8.
            None => std::str::from_utf8(&self.stack[..self.len]).unwrap_or(""),
        }
    }
}

/// frictionless refuses numbers written with leading zeros (`01`, `00`)
/// when `bareNumber` is true; it spares `0.`, and ouvert also `0` followed
/// by the decimal character (French `0,5`).
fn has_leading_zero(text: &str, decimal: &str) -> bool {
    let t = text.trim();
    t.len() > 1 && t.starts_with('0') && !t[1..].starts_with('.') && !t[1..].starts_with(decimal)
}

/// Strips what surrounds the digits (`bareNumber: false`): `€ 12,5` →
/// `12,5`, `95 %` → `95`. Unlike frictionless, a sign and a decimal
/// character just before the first digit are kept (`-12 €` is -12).
fn strip_non_digits<'t>(text: &'t str, decimal: Option<&str>) -> &'t str {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(u8::is_ascii_digit) else {
        return "";
    };
    let last = bytes.iter().rposition(u8::is_ascii_digit).unwrap_or(first);
    let mut start = first;
    if let Some(decimal) = decimal
        && !decimal.is_empty()
        && text[..start].ends_with(decimal)
    {
        start -= decimal.len();
    }
    if start > 0 && matches!(bytes[start - 1], b'-' | b'+') {
        start -= 1;
    }
    &text[start..=last]
}

fn number(format: &NumberFormat, text: &str) -> Option<f64> {
    if format.plain {
        if has_leading_zero(text, ".") {
            return None;
        }
        return python_decimal(text);
    }
    if format.broken {
        return None;
    }
    let decimal = &*format.decimal;
    let cell = if format.bare {
        if has_leading_zero(text, decimal) {
            return None;
        }
        text
    } else {
        strip_non_digits(text, Some(decimal))
    };
    // frictionless: remove the group characters, refuse a point when the
    // decimal character is another one, then make that one a point.
    let group = format.group.as_deref().unwrap_or("").as_bytes();
    if cell.len() <= 64 {
        let mut out = [0u8; 64];
        let length = rewrite(cell.as_bytes(), group, decimal.as_bytes(), &mut out)?;
        // Whole characters were dropped or replaced by ".": still UTF-8.
        python_decimal(std::str::from_utf8(&out[..length]).ok()?)
    } else {
        let mut out = vec![0u8; cell.len()];
        let length = rewrite(cell.as_bytes(), group, decimal.as_bytes(), &mut out)?;
        python_decimal(std::str::from_utf8(&out[..length]).ok()?)
    }
}

/// Whether `pattern` (non-empty) is at `bytes[i..]`, compared inline: the
/// patterns are one to three bytes, too short for `memcmp`.
#[inline(always)]
fn at(bytes: &[u8], i: usize, pattern: &[u8]) -> bool {
    bytes.len() - i >= pattern.len() && pattern.iter().zip(&bytes[i..]).all(|(p, b)| p == b)
}

/// Copies `cell` into `out` without the group characters and with the
/// decimal character as a point; `None` when a point is there while the
/// decimal character is another one. `out` is at least as long as `cell`.
/// (Group and decimal characters are whole UTF-8 sequences, so they match
/// at character boundaries only.)
#[inline]
fn rewrite(cell: &[u8], group: &[u8], decimal: &[u8], out: &mut [u8]) -> Option<usize> {
    let point_is_decimal = decimal == b".";
    let (mut i, mut length) = (0, 0);
    while i < cell.len() {
        let b = cell[i];
        if !group.is_empty() && b == group[0] && at(cell, i, group) {
            i += group.len();
        } else if b == decimal[0] && at(cell, i, decimal) {
            out[length] = b'.';
            length += 1;
            i += decimal.len();
        } else if b == b'.' && !point_is_decimal {
            return None;
        } else {
            out[length] = b;
            length += 1;
            i += 1;
        }
    }
    Some(length)
}

/// A number as Python's `Decimal()` reads it: blanks around are ignored,
/// and so are underscores; `Infinity`, `Inf`, `NaN` (any case, signed).
fn python_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.contains('_') {
        let mut scratch = Scratch::new();
        for part in text.split('_') {
            scratch.push(part);
        }
        return python_decimal_plain(scratch.as_str());
    }
    python_decimal_plain(text)
}

fn python_decimal_plain(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let first = *body.as_bytes().first()?;
    if first.is_ascii_digit() || first == b'.' {
        if let Some(value) = short_decimal(body.as_bytes()) {
            return Some(if negative { -value } else { value });
        }
        // Rust's grammar for finite numbers is Python's.
        return text.parse::<f64>().ok();
    }
    let lower = |s: &str, word: &str| s.eq_ignore_ascii_case(word);
    let value = if lower(body, "inf") || lower(body, "infinity") {
        f64::INFINITY
    } else {
        // `get`, not indexing: the text may have a multi-byte character
        // where the prefix would end.
        let payload = |prefix: &str| {
            body.get(..prefix.len())
                .is_some_and(|start| lower(start, prefix))
                && body.as_bytes()[prefix.len()..]
                    .iter()
                    .all(u8::is_ascii_digit)
        };
        if payload("nan") || payload("snan") {
            f64::NAN
        } else {
            return None;
        }
    };
    Some(if negative { -value } else { value })
}

/// `digits[.digits]` with at most 15 digits in all: the digits make an
/// exact integer and the power of ten an exact divisor, so one division
/// rounds correctly (Clinger's fast path). `None` for anything else.
#[inline]
fn short_decimal(bytes: &[u8]) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if bytes.len() > 16 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut point = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    let decimals = point.map_or(0, |p| bytes.len() - p - 1);
    Some(mantissa as f64 / POWERS[decimals])
}

/// An integer as Python's `int()` reads it: blanks around, a sign, digits
/// with single underscores between them.
fn python_int(text: &str) -> Option<i128> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut value: i128 = 0;
    let mut previous_underscore = false;
    for &b in bytes {
        if b == b'_' {
            if previous_underscore {
                return None;
            }
            previous_underscore = true;
            continue;
        }
        previous_underscore = false;
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        // Accumulate negatively so that i128::MIN fits.
        value = value.checked_mul(10)?.checked_sub(i128::from(d))?;
    }
    if negative {
        Some(value)
    } else {
        value.checked_neg()
    }
}

fn integer(bare: bool, text: &str) -> Option<i128> {
    if bare {
        // Fast path: plain digits.
        let bytes = text.as_bytes();
        if !bytes.is_empty() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
            if bytes.len() > 1 && bytes[0] == b'0' {
                return None;
            }
            return Some(
                bytes
                    .iter()
                    .fold(0i128, |n, b| n * 10 + i128::from(b - b'0')),
            );
        }
        if has_leading_zero(text, ".") {
            return None;
        }
        python_int(text)
    } else {
        python_int(strip_non_digits(text, None))
    }
}

// ---------------------------------------------------------------- dates

static DEFAULT_DATE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::compile("%Y-%m-%d").expect("a valid pattern"));

fn date(format: &Temporal, text: &str) -> Option<Date> {
    match format {
        Temporal::Default => {
            // Fast path for YYYY-MM-DD; Python's %m and %d also take one
            // digit, which the pattern handles.
            let b = text.as_bytes();
            if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
                let n = |r: std::ops::Range<usize>| -> Option<i32> {
                    b[r].iter().try_fold(0, |n, c| {
                        c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
                    })
                };
                let (year, month, day) = (n(0..4)?, n(5..7)?, n(8..10)?);
                if year == 0 {
                    return None;
                }
                return Date::new(year as i16, month as i8, day as i8).ok();
            }
            DEFAULT_DATE.parse(text).map(|p| p.date)
        }
        Temporal::Pattern(pattern) => pattern.parse(text).map(|p| p.date),
        Temporal::Any => {
            let parts = loose::parse(text)?;
            parts.date()
        }
        Temporal::Unusable => None,
    }
}

fn time(format: &Temporal, text: &str) -> Option<Time> {
    match format {
        Temporal::Default => {
            // frictionless: "HH:MM:SS…", read by dateutil's isoparse.
            let b = text.as_bytes();
            if b.len() < 8 || b[5] != b':' || !text.is_ascii() {
                return None;
            }
            iso_time(b).map(|(time, _, _)| time)
        }
        Temporal::Pattern(pattern) => pattern.parse(text).map(|p| p.time),
        Temporal::Any => {
            let parts = loose::parse(text)?;
            parts.time()
        }
        Temporal::Unusable => None,
    }
}

fn datetime(format: &Temporal, text: &str) -> Option<(DateTime, Option<i32>)> {
    match format {
        Temporal::Default => iso_datetime(text),
        Temporal::Pattern(pattern) => pattern
            .parse(text)
            .map(|p| (p.date.to_datetime(p.time), p.offset)),
        Temporal::Any => {
            let parts = loose::parse(text)?;
            parts.datetime()
        }
        Temporal::Unusable => None,
    }
}

fn two_digits(b: &[u8], at: usize) -> Option<u8> {
    match (b.get(at), b.get(at + 1)) {
        (Some(x @ b'0'..=b'9'), Some(y @ b'0'..=b'9')) => Some((x - b'0') * 10 + (y - b'0')),
        _ => None,
    }
}

/// frictionless' default datetime: at least 19 characters with a colon at
/// the 17th, read by dateutil's `isoparse`: `YYYY-MM-DD` (or an ISO week
/// date `YYYY-Www-D`), any one separator, `HH:MM:SS`, a fraction after `.`
/// or `,`, and `Z`, `±HH`, `±HHMM` or `±HH:MM`. `24:00:00` is the next
/// day's midnight.
fn iso_datetime(text: &str) -> Option<(DateTime, Option<i32>)> {
    let b = text.as_bytes();
    if b.len() < 19 || b[16] != b':' || !text.is_ascii() {
        return None;
    }
    let n4 = |at: usize| -> Option<i32> {
        b[at..at + 4].iter().try_fold(0, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
        })
    };
    let year = n4(0)?;
    if b[4] != b'-' {
        return None;
    }
    let days = if b[5] == b'W' {
        // YYYY-Www-D
        let week = two_digits(b, 6)?;
        let day = if b[8] == b'-' && b[9].is_ascii_digit() {
            b[9] - b'0'
        } else {
            return None;
        };
        if !(1..=53).contains(&week) || !(1..=7).contains(&day) {
            return None;
        }
        let jan4 = strptime::days_from_civil(year, 1, 4);
        jan4 - strptime::weekday_of(jan4) + (i64::from(week) - 1) * 7 + i64::from(day) - 1
    } else {
        let (month, day) = (two_digits(b, 5)?, two_digits(b, 8)?);
        if b[7] != b'-' || year == 0 {
            return None;
        }
        let date = Date::new(year as i16, month as i8, day as i8).ok()?;
        strptime::days_from_civil(year, date.month() as u8, date.day() as u8)
    };
    let (time, offset, next_day) = iso_time(&b[11..])?;
    let (y, m, d) = strptime::civil_from_days(days + i64::from(next_day));
    if !(1..=9999).contains(&y) {
        return None;
    }
    let date = Date::new(y as i16, m as i8, d as i8).ok()?;
    Some((date.to_datetime(time), offset))
}

/// dateutil's `_parse_isotime` after frictionless' guards: `HH:MM:SS`, an
/// optional fraction, an optional offset. The flag says 24:00:00 was read
/// (midnight of the next day).
fn iso_time(b: &[u8]) -> Option<(Time, Option<i32>, bool)> {
    let hour = two_digits(b, 0)?;
    if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    let minute = two_digits(b, 3)?;
    let second = two_digits(b, 6)?;
    let mut pos = 8;
    let mut micro = 0;
    if matches!(b.get(pos), Some(b'.' | b',')) && b.get(pos + 1).is_some_and(u8::is_ascii_digit) {
        let digits = b[pos + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        for i in 0..6 {
            micro = micro * 10
                + b.get(pos + 1 + i)
                    .filter(|_| i < digits)
                    .map_or(0, |c| u32::from(c - b'0'));
        }
        pos += 1 + digits;
    }
    let offset = if pos < b.len() {
        Some(iso_offset(&b[pos..])?)
    } else {
        None
    };
    if hour == 24 {
        if minute != 0 || second != 0 || micro != 0 {
            return None;
        }
        return Some((Time::midnight(), offset, true));
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, micro as i32 * 1000).ok()?;
    Some((time, offset, false))
}

/// dateutil's `_parse_tzstr`: `Z`, `z`, `±HH`, `±HHMM`, `±HH:MM`.
fn iso_offset(b: &[u8]) -> Option<i32> {
    if b == b"Z" || b == b"z" {
        return Some(0);
    }
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = two_digits(b, 1)?;
    let minutes = match b.len() {
        3 => 0,
        5 => two_digits(b, 3)?,
        6 if b[3] == b':' => two_digits(b, 4)?,
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (i32::from(hours) * 3600 + i32::from(minutes) * 60))
}

/// Free-form dates and times (`format: "any"`), read roughly as dateutil's
/// `parse` (which frictionless uses) reads them, with no dependence on
/// today's date.
///
/// Accepted: numbers separated by `-`, `/`, `.`, blanks or commas; English
/// month names and abbreviations (`Jan`, `January`, `Sept`); weekday names
/// (ignored); ordinal suffixes (`1st`, `10th`); `at`, `on`, `of`, `and`,
/// `T`; times `HH:MM[:SS[.ffffff]]`, `6 am`, `6pm`, `14h30`; offsets `Z`,
/// `UTC`, `GMT`, `CET`, `CEST`, `±HH[:MM]` after a time; `YYYYMMDD` and
/// `YYYYMMDDhhmm[ss]` as one number. Any other word is an error.
///
/// Numbers are ordered as dateutil does with its defaults: a number of
/// three or more digits is a year; `a/b/c` is month/day/year unless `a`
/// is above 12 (then day/month/year) or above 31 or four digits long (then
/// year/month/day); two-digit years are within 50 years of the current one.
mod loose {
    use super::strptime::civil_from_days;
    use jiff::civil::{Date, DateTime, Time};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Token<'t> {
        Number(&'t str),
        Word(&'t str),
        Punct(u8),
        Blank,
    }

    #[derive(Debug, Default, Clone, Copy)]
    pub(super) struct Parts {
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
        hour: Option<u8>,
        minute: Option<u8>,
        second: Option<u8>,
        micro: u32,
        offset: Option<i32>,
    }

    impl Parts {
        pub(super) fn date(&self) -> Option<Date> {
            let (year, month, day) = (self.year?, self.month?, self.day?);
            if !(1..=9999).contains(&year) {
                return None;
            }
            Date::new(year as i16, month as i8, day as i8).ok()
        }

        fn clock(&self) -> Option<Time> {
            Time::new(
                self.hour.unwrap_or(0) as i8,
                self.minute.unwrap_or(0) as i8,
                self.second.unwrap_or(0) as i8,
                self.micro as i32 * 1000,
            )
            .ok()
        }

        pub(super) fn time(&self) -> Option<Time> {
            self.hour?;
            // Date parts, when given, must still make a date (dateutil
            // builds one); missing ones count as 2000-01-01.
            if self.year.is_some() || self.month.is_some() || self.day.is_some() {
                Date::new(
                    self.year.unwrap_or(2000).clamp(1, 9999) as i16,
                    self.month.unwrap_or(1) as i8,
                    self.day.unwrap_or(1) as i8,
                )
                .ok()?;
            }
            self.clock()
        }

        pub(super) fn datetime(&self) -> Option<(DateTime, Option<i32>)> {
            Some((self.date()?.to_datetime(self.clock()?), self.offset))
        }
    }

    fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let run = |f: fn(&u8) -> bool| i + b[i..].iter().take_while(|c| f(c)).count();
            if c.is_ascii_digit() {
                let j = run(u8::is_ascii_digit);
                out.push(Token::Number(&text[i..j]));
                i = j;
            } else if c.is_ascii_alphabetic() {
                let j = run(u8::is_ascii_alphabetic);
                out.push(Token::Word(&text[i..j]));
                i = j;
            } else if b"-/.,:+';".contains(&c) {
                out.push(Token::Punct(c));
                i += 1;
            } else {
                let ch = text[i..].chars().next()?;
                if !ch.is_whitespace() {
                    return None;
                }
                if out.last() != Some(&Token::Blank) {
                    out.push(Token::Blank);
                }
                i += ch.len_utf8();
            }
        }
        Some(out)
    }

    fn is(word: &str, list: &[&str]) -> bool {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    fn month(word: &str) -> Option<u8> {
        if word.eq_ignore_ascii_case("sept") {
            return Some(9);
        }
        super::strptime::MONTH_NAMES
            .iter()
            .position(|n| {
                n.eq_ignore_ascii_case(word)
                    || (word.len() == 3 && n[..3].eq_ignore_ascii_case(word))
            })
            .map(|i| i as u8 + 1)
    }

    const WEEKDAYS: [&str; 14] = [
        "mon",
        "monday",
        "tue",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    const JUMP: [&str; 11] = [
        "at", "on", "and", "ad", "m", "t", "of", "st", "nd", "rd", "th",
    ];

    fn number(text: &str) -> Option<i32> {
        if text.len() > 9 {
            return None;
        }
        text.parse().ok()
    }

    /// The current year, for two-digit years.
    fn this_year() -> i32 {
        static YEAR: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
        *YEAR.get_or_init(|| {
            let seconds = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            civil_from_days(seconds.div_euclid(86_400)).0
        })
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Label {
        None,
        Year,
        Month,
    }

    pub(super) fn parse(text: &str) -> Option<Parts> {
        let tokens = tokens(text)?;
        let mut parts = Parts::default();
        let mut ymd: Vec<(i32, Label)> = Vec::with_capacity(3);
        let mut century = false;
        let at = |i: usize| tokens.get(i).copied();
        // The token after `i`, skipping one blank.
        let after_blank = |i: usize| match at(i) {
            Some(Token::Blank) => (at(i + 1), i + 1),
            t => (t, i),
        };
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i] {
                Token::Blank | Token::Punct(b'-' | b'/' | b'.' | b',' | b';' | b'\'') => i += 1,
                Token::Punct(_) => return None,
                Token::Word(word) => {
                    if let Some(m) = month(word) {
                        if ymd.iter().any(|(_, l)| *l == Label::Month) {
                            return None;
                        }
                        ymd.push((i32::from(m), Label::Month));
                    } else if is(word, &["am", "pm", "a", "p"]) {
                        let hour = parts.hour?;
                        parts.hour = Some(ampm(hour, word)?);
                    } else if is(word, &["z", "utc", "gmt"]) {
                        parts.offset = Some(0);
                    } else if word.eq_ignore_ascii_case("cet") {
                        parts.offset = Some(3600);
                    } else if word.eq_ignore_ascii_case("cest") {
                        parts.offset = Some(7200);
                    } else if !is(word, &WEEKDAYS) && !is(word, &JUMP) {
                        return None;
                    }
                    i += 1;
                }
                Token::Number(digits) => {
                    // A time: HH:MM[:SS[.ffffff]], then maybe an offset.
                    if let (Some(Token::Punct(b':')), Some(Token::Number(minutes))) =
                        (at(i + 1), at(i + 2))
                    {
                        if parts.hour.is_some() {
                            return None;
                        }
                        parts.hour = Some(u8::try_from(number(digits)?).ok()?);
                        parts.minute = Some(u8::try_from(number(minutes)?).ok()?);
                        i += 3;
                        if let (Some(Token::Punct(b':')), Some(Token::Number(seconds))) =
                            (at(i), at(i + 1))
                        {
                            parts.second = Some(u8::try_from(number(seconds)?).ok()?);
                            i += 2;
                            if let (
                                Some(Token::Punct(b'.' | b',')),
                                Some(Token::Number(fraction)),
                            ) = (at(i), at(i + 1))
                            {
                                parts.micro = fraction
                                    .bytes()
                                    .chain(std::iter::repeat(b'0'))
                                    .take(6)
                                    .fold(0, |n, c| n * 10 + u32::from(c - b'0'));
                                i += 2;
                            }
                        }
                        let (next, j) = after_blank(i);
                        if let Some(Token::Punct(sign @ (b'+' | b'-'))) = next
                            && let Some(Token::Number(hh)) = at(j + 1)
                        {
                            let (hours, mut minutes, mut used) = match hh.len() {
                                2 => (number(hh)?, 0, 2),
                                4 => (number(&hh[..2])?, number(&hh[2..])?, 2),
                                _ => return None,
                            };
                            if hh.len() == 2
                                && let (Some(Token::Punct(b':')), Some(Token::Number(mm))) =
                                    (at(j + 2), at(j + 3))
                            {
                                if mm.len() != 2 {
                                    return None;
                                }
                                minutes = number(mm)?;
                                used = 4;
                            }
                            if hours > 23 || minutes > 59 {
                                return None;
                            }
                            let seconds = hours * 3600 + minutes * 60;
                            parts.offset = Some(if sign == b'-' { -seconds } else { seconds });
                            i = j + used;
                        }
                        continue;
                    }
                    // 14h30 (dateutil's hour marker).
                    if let Some(Token::Word(h)) = at(i + 1)
                        && h.eq_ignore_ascii_case("h")
                    {
                        if parts.hour.is_some() {
                            return None;
                        }
                        parts.hour = Some(u8::try_from(number(digits)?).ok()?);
                        i += 2;
                        if let Some(Token::Number(minutes)) = at(i) {
                            parts.minute = Some(u8::try_from(number(minutes)?).ok()?);
                            i += 1;
                        }
                        continue;
                    }
                    // 6 am, 6pm
                    if let (Some(Token::Word(w)), j) = after_blank(i + 1)
                        && is(w, &["am", "pm", "a", "p"])
                    {
                        if parts.hour.is_some() {
                            return None;
                        }
                        parts.hour = Some(ampm(u8::try_from(number(digits)?).ok()?, w)?);
                        i = j + 1;
                        continue;
                    }
                    // Whole dates as one number.
                    if ymd.is_empty() && matches!(digits.len(), 6 | 8 | 12 | 14) {
                        let n = |r: std::ops::Range<usize>| number(&digits[r]);
                        if digits.len() == 6 {
                            ymd.extend([
                                (n(0..2)?, Label::Year),
                                (n(2..4)?, Label::Month),
                                (n(4..6)?, Label::None),
                            ]);
                        } else {
                            century = true;
                            ymd.extend([
                                (n(0..4)?, Label::Year),
                                (n(4..6)?, Label::Month),
                                (n(6..8)?, Label::None),
                            ]);
                            if digits.len() >= 12 {
                                if parts.hour.is_some() {
                                    return None;
                                }
                                parts.hour = Some(n(8..10)? as u8);
                                parts.minute = Some(n(10..12)? as u8);
                            }
                            if digits.len() == 14 {
                                parts.second = Some(n(12..14)? as u8);
                            }
                        }
                        i += 1;
                        continue;
                    }
                    let value = number(digits)?;
                    let label = if digits.len() > 2 {
                        century = true;
                        if ymd.iter().any(|(_, l)| *l == Label::Year) {
                            return None;
                        }
                        Label::Year
                    } else {
                        Label::None
                    };
                    ymd.push((value, label));
                    i += 1;
                    // 1st, 2nd, 10th
                    if let Some(Token::Word(w)) = at(i)
                        && is(w, &["st", "nd", "rd", "th"])
                    {
                        i += 1;
                    }
                }
            }
        }
        let (year, month, day) = resolve(&ymd)?;
        parts.year = year.map(|y| {
            if y < 100 && !century {
                let now = this_year();
                let mut y = y + now / 100 * 100;
                if y >= now + 50 {
                    y -= 100;
                } else if y < now - 50 {
                    y += 100;
                }
                y
            } else {
                y
            }
        });
        parts.month = month.map(u8::try_from).transpose().ok()?;
        parts.day = day.map(u8::try_from).transpose().ok()?;
        Some(parts)
    }

    fn ampm(hour: u8, word: &str) -> Option<u8> {
        if hour > 12 {
            return None;
        }
        let pm = word.as_bytes()[0].eq_ignore_ascii_case(&b'p');
        Some(match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        })
    }

    /// dateutil's `resolve_ymd` with `dayfirst` and `yearfirst` false.
    #[allow(clippy::type_complexity)]
    fn resolve(ymd: &[(i32, Label)]) -> Option<(Option<i32>, Option<i32>, Option<i32>)> {
        let value = |i: usize| ymd[i].0;
        let month_at = ymd.iter().position(|(_, l)| *l == Label::Month);
        let year_at = ymd.iter().position(|(_, l)| *l == Label::Year);
        let labelled = usize::from(month_at.is_some()) + usize::from(year_at.is_some());
        if ymd.len() > 3 {
            return None;
        }
        if labelled > 0 && (ymd.len() == labelled || (ymd.len() == 3 && labelled == 2)) {
            let mut out = (year_at.map(value), month_at.map(value), None);
            if ymd.len() == 3 && labelled == 2 {
                let rest = (0..3).find(|i| Some(*i) != month_at && Some(*i) != year_at)?;
                match (year_at, month_at) {
                    (Some(_), Some(_)) => out.2 = Some(value(rest)),
                    _ => return None,
                }
            }
            return Some(out);
        }
        Some(match ymd.len() {
            0 => (None, None, None),
            1 => {
                let v = value(0);
                match month_at {
                    Some(_) => (None, Some(v), None),
                    None if v > 31 => (Some(v), None, None),
                    None => (None, None, Some(v)),
                }
            }
            2 => match month_at {
                Some(m) => {
                    let other = value(1 - m);
                    if other > 31 {
                        (Some(other), Some(value(m)), None)
                    } else {
                        (None, Some(value(m)), Some(other))
                    }
                }
                None => {
                    let (a, b) = (value(0), value(1));
                    if a > 31 {
                        (Some(a), Some(b), None)
                    } else if b > 31 {
                        (Some(b), Some(a), None)
                    } else {
                        (None, Some(a), Some(b))
                    }
                }
            },
            _ => {
                let (a, b, c) = (value(0), value(1), value(2));
                match month_at {
                    Some(0) if b > 31 => (Some(b), Some(a), Some(c)),
                    Some(0) => (Some(c), Some(a), Some(b)),
                    Some(1) if a > 31 => (Some(a), Some(b), Some(c)),
                    Some(1) => (Some(c), Some(b), Some(a)),
                    Some(_) if b > 31 => (Some(b), Some(c), Some(a)),
                    Some(_) => (Some(a), Some(c), Some(b)),
                    None if a > 31 || year_at == Some(0) => (Some(a), Some(b), Some(c)),
                    None if a > 12 => (Some(c), Some(b), Some(a)),
                    None => (Some(c), Some(a), Some(b)),
                }
            }
        })
    }
}

// ---------------------------------------------------------------- years, durations

/// frictionless: exactly four characters, read by Python's `int()`, from 0
/// to 9999.
fn year(text: &str) -> Option<i32> {
    if text.chars().count() != 4 {
        return None;
    }
    match python_int(text)? {
        y @ 0..=9999 => Some(y as i32),
        _ => None,
    }
}

/// `YYYY-MM`: two parts around one hyphen, each read by `int()`.
fn year_month(text: &str) -> Option<(i32, u8)> {
    let (year, month) = text.split_once('-')?;
    if month.contains('-') {
        return None;
    }
    let year = i32::try_from(python_int(year)?).ok()?;
    match python_int(month)? {
        m @ 1..=12 => Some((year, m as u8)),
        _ => None,
    }
}

/// ISO 8601 durations as the isodate package reads them:
/// `P[nY][nM][nW][nD][T[nH][nM][nS]]` where each n may have a fraction
/// (after `.` or `,`), and the alternative `PYYYY-MM-DDTHH:MM:SS`.
/// Fractions carry to the smaller units (a year is 12 months, a month 30
/// days, a week 7 days). A sign `+` is accepted, `-` is not.
fn duration(text: &str) -> Option<Duration> {
    let text = text.strip_prefix('+').unwrap_or(text);
    let body = text.strip_prefix('P')?;
    if !body
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None; // isodate: `P(?!\b)`
    }
    if let Some(d) = duration_alternative(body) {
        return Some(d);
    }
    let (date_part, time_part) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    // [years, months, weeks, days, hours, minutes, seconds]
    let mut amounts = [0f64; 7];
    let mut read = |part: &str, units: &[(u8, usize)]| -> Option<()> {
        let mut rest = part;
        let mut next_unit = 0;
        while !rest.is_empty() {
            let length = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
                .count();
            let (number, after) = rest.split_at(length);
            let unit = *after.as_bytes().first()?;
            let bytes = number.as_bytes();
            // [0-9]+([,.][0-9]+)?
            let separators = bytes.iter().filter(|b| !b.is_ascii_digit()).count();
            if !bytes.first()?.is_ascii_digit() || !bytes.last()?.is_ascii_digit() || separators > 1
            {
                return None;
            }
            let position = units[next_unit..].iter().position(|(u, _)| *u == unit)? + next_unit;
            amounts[units[position].1] = number.replace(',', ".").parse().ok()?;
            next_unit = position + 1;
            rest = &after[1..];
        }
        Some(())
    };
    read(date_part, &[(b'Y', 0), (b'M', 1), (b'W', 2), (b'D', 3)])?;
    if let Some(time_part) = time_part {
        read(time_part, &[(b'H', 4), (b'M', 5), (b'S', 6)])?;
    }
    let [years, months, weeks, days, hours, minutes, seconds] = amounts;
    let whole = |x: f64| -> Option<(u32, f64)> {
        let w = x.floor();
        (w <= f64::from(u32::MAX)).then_some((w as u32, x - w))
    };
    let (years, carry) = whole(years)?;
    let (months, carry) = whole(months + carry * 12.0)?;
    let (days, carry) = whole(days + weeks * 7.0 + carry * 30.0)?;
    let (hours, carry) = whole(hours + carry * 24.0)?;
    let (minutes, carry) = whole(minutes + carry * 60.0)?;
    let seconds = ((seconds + carry * 60.0) * 1e6).round() / 1e6;
    Some(Duration { years, months, days, hours, minutes, seconds })
}

/// `PYYYY-MM-DDTHH:MM:SS` (isodate reads it as a datetime).
fn duration_alternative(body: &str) -> Option<Duration> {
    let b = body.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[10] != b'T' {
        return None;
    }
    let year = body[..4].parse::<u32>().ok()?;
    let (month, day) = (two_digits(b, 5)?, two_digits(b, 8)?);
    let (time, _, _) = iso_time(&b[11..])?;
    if b[7] != b'-' || year == 0 || Date::new(year as i16, month as i8, day as i8).is_err() {
        return None;
    }
    Some(Duration {
        years: year,
        months: u32::from(month),
        days: u32::from(day),
        hours: time.hour() as u32,
        minutes: time.minute() as u32,
        seconds: f64::from(time.second()),
    })
}

// ---------------------------------------------------------------- geography

fn geopoint<'a>(lon: f64, lat: f64) -> Option<Value<'a>> {
    let ok = lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat);
    ok.then_some(Value::GeoPoint(lon, lat))
}

/// A coordinate inside a JSON text: a number, or a text `Decimal()` reads.
fn coordinate(json: &Json) -> Option<f64> {
    match json {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => python_decimal(s),
        _ => None,
    }
}

fn geopoint_object(object: &serde_json::Map<String, Json>) -> Option<Value<'static>> {
    if object.len() != 2 {
        return None;
    }
    geopoint(
        coordinate(object.get("lon")?)?,
        coordinate(object.get("lat")?)?,
    )
}

fn geopoint_text(format: GeoFormat, text: &str) -> Option<(f64, f64)> {
    let point = match format {
        GeoFormat::Default => {
            let (lon, lat) = text.split_once(',')?;
            if lat.contains(',') {
                return None;
            }
            geopoint(python_decimal(lon)?, python_decimal(lat)?)?
        }
        GeoFormat::Array => match serde_json::from_str::<Json>(text).ok()? {
            Json::Array(items) if items.len() == 2 => {
                geopoint(coordinate(&items[0])?, coordinate(&items[1])?)?
            }
            _ => return None,
        },
        GeoFormat::Object => match serde_json::from_str::<Json>(text).ok()? {
            Json::Object(object) => geopoint_object(&object)?,
            _ => return None,
        },
        GeoFormat::Unknown => return None,
    };
    match point {
        Value::GeoPoint(lon, lat) => Some((lon, lat)),
        _ => None,
    }
}

/// GeoJSON and TopoJSON checked against the JSON Schemas frictionless
/// uses (draft 4: keywords about objects let other values through, as a
/// validator would).
mod geo {
    use serde_json::{Map, Value as Json};

    fn is_number(v: &Json) -> bool {
        v.is_number()
    }

    fn is_integer(v: &Json) -> bool {
        v.is_i64() || v.is_u64()
    }

    fn array_of(v: &Json, min: usize, item: impl Fn(&Json) -> bool) -> bool {
        v.as_array()
            .is_some_and(|a| a.len() >= min && a.iter().all(item))
    }

    /// `type` is absent or equal to `name` (a draft-4 `enum` under
    /// `properties`).
    fn type_is(o: &Map<String, Json>, name: &str) -> bool {
        o.get("type").is_none_or(|t| t == name)
    }

    // GeoJSON

    /// Exactly two numbers.
    fn position(v: &Json) -> bool {
        v.as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(is_number))
    }

    fn positions(v: &Json, min: usize) -> bool {
        array_of(v, min, position)
    }

    fn polygon(v: &Json) -> bool {
        array_of(v, 0, |ring| positions(ring, 4))
    }

    fn geometry(v: &Json) -> bool {
        let Some(o) = v.as_object() else { return false };
        let (Some(Json::String(kind)), Some(c)) = (o.get("type"), o.get("coordinates")) else {
            return false;
        };
        match kind.as_str() {
            "Point" => position(c),
            "MultiPoint" => positions(c, 0),
            "LineString" => positions(c, 2),
            "MultiLineString" => array_of(c, 0, |l| positions(l, 2)),
            "Polygon" => polygon(c),
            "MultiPolygon" => array_of(c, 0, polygon),
            _ => false,
        }
    }

    fn feature(v: &Json) -> bool {
        let Some(o) = v.as_object() else { return true };
        let (Some(geom), Some(props)) = (o.get("geometry"), o.get("properties")) else {
            return false;
        };
        type_is(o, "Feature")
            && (geom.is_null() || geometry(geom))
            && (props.is_null() || props.is_object())
    }

    fn crs(v: &Json) -> bool {
        // `type: [object, null]` with a `oneOf` both branches of which a
        // null satisfies: a null crs is refused.
        let Some(o) = v.as_object() else { return false };
        if o.keys().any(|k| k != "type" && k != "properties") {
            return false;
        }
        let (Some(Json::String(kind)), Some(Json::Object(props))) =
            (o.get("type"), o.get("properties"))
        else {
            return false;
        };
        match kind.as_str() {
            "name" => props.len() == 1 && props.get("name").is_some_and(Json::is_string),
            "link" => {
                props.get("href").is_some_and(Json::is_string)
                    && props.get("type").is_none_or(Json::is_string)
            }
            _ => false,
        }
    }

    pub(super) fn is_geojson(v: &Json) -> bool {
        let Some(o) = v.as_object() else { return false };
        let Some(Json::String(kind)) = o.get("type") else {
            return false;
        };
        if o.get("crs").is_some_and(|c| !crs(c))
            || o.get("bbox").is_some_and(|b| !array_of(b, 0, is_number))
        {
            return false;
        }
        match kind.as_str() {
            "GeometryCollection" => o
                .get("geometries")
                .is_some_and(|g| array_of(g, 0, geometry)),
            "Feature" => feature(v),
            "FeatureCollection" => o.get("features").is_some_and(|f| array_of(f, 0, feature)),
            _ => geometry(v),
        }
    }

    // TopoJSON

    fn topo_position(v: &Json) -> bool {
        array_of(v, 2, is_number)
    }

    fn arcs(v: &Json, depth: usize) -> bool {
        if depth == 0 {
            array_of(v, 0, is_integer)
        } else {
            array_of(v, 0, |a| arcs(a, depth - 1))
        }
    }

    fn topo_geometry(v: &Json) -> bool {
        let Some(o) = v.as_object() else { return false };
        let Some(Json::String(kind)) = o.get("type") else {
            return false;
        };
        if o.get("id")
            .is_some_and(|id| !id.is_string() && !is_integer(id))
            || o.get("properties").is_some_and(|p| !p.is_object())
        {
            return false;
        }
        let field = |name: &str, check: &dyn Fn(&Json) -> bool| o.get(name).is_some_and(check);
        match kind.as_str() {
            "Point" => field("coordinates", &topo_position),
            "MultiPoint" => field("coordinates", &|c| array_of(c, 0, topo_position)),
            "LineString" => field("arcs", &|a| arcs(a, 0)),
            "MultiLineString" | "Polygon" => field("arcs", &|a| arcs(a, 1)),
            "MultiPolygon" => field("arcs", &|a| arcs(a, 2)),
            "GeometryCollection" => field("geometries", &|g| array_of(g, 0, topo_geometry)),
            _ => false,
        }
    }

    fn topology(o: &Map<String, Json>) -> bool {
        let objects_ok = o
            .get("objects")
            .and_then(Json::as_object)
            .is_some_and(|objects| objects.values().all(topo_geometry));
        let arcs_ok = o.get("arcs").is_some_and(|a| {
            array_of(a, 0, |arc| {
                array_of(arc, 2, |p| p.is_null() || topo_position(p))
            })
        });
        let transform_ok = o.get("transform").is_none_or(|t| {
            t.as_object().is_some_and(|t| {
                t.get("scale").is_some_and(topo_position)
                    && t.get("translate").is_some_and(topo_position)
            })
        });
        objects_ok && arcs_ok && transform_ok
    }

    pub(super) fn is_topojson(v: &Json) -> bool {
        let Some(o) = v.as_object() else { return false };
        let Some(kind) = o.get("type") else {
            return false;
        };
        let bbox_ok = o.get("bbox").is_none_or(|b| {
            b.as_array()
                .is_some_and(|a| a.len() == 2 && a.iter().all(|d| array_of(d, 0, is_number)))
        });
        bbox_ok
            && if kind == "Topology" {
                topology(o)
            } else {
                topo_geometry(v)
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;
    use jiff::civil::{date, time};

    /// A caster for a field described in JSON (name added).
    fn caster(descriptor: &str) -> Caster {
        caster_with(descriptor, "")
    }

    fn caster_with(descriptor: &str, schema_extra: &str) -> Caster {
        let descriptor = descriptor.trim_start_matches('{');
        let schema = Schema::parse(&format!(
            "{{{schema_extra}\"fields\": [{{\"name\": \"f\", {descriptor}]}}"
        ))
        .unwrap();
        schema.fields[0].caster.clone()
    }

    fn text<'a>(c: &Caster, t: &'a str) -> Result<Value<'a>, CastError> {
        c.cast(Input::Text(t))
    }

    fn json(c: &Caster, j: &str) -> Result<Value<'static>, CastError> {
        let j: Json = serde_json::from_str(j).unwrap();
        c.cast(Input::Json(&j)).map(Value::into_owned)
    }

    fn num(c: &Caster, t: &str) -> Option<f64> {
        match text(c, t) {
            Ok(Value::Number(n)) => Some(n),
            Ok(other) => panic!("{t}: {other:?}"),
            Err(_) => None,
        }
    }

    fn int(c: &Caster, t: &str) -> Option<i128> {
        match text(c, t) {
            Ok(Value::Integer(n)) => Some(n),
            Ok(other) => panic!("{t}: {other:?}"),
            Err(_) => None,
        }
    }

    #[test]
    fn missing_values_and_nulls() {
        let c = caster_with(
            r#"{"type": "integer"}"#,
            r#""missingValues": ["", "NA", "-"], "#,
        );
        assert_eq!(text(&c, "NA"), Ok(Value::Null));
        assert_eq!(text(&c, "-"), Ok(Value::Null));
        assert_eq!(text(&c, ""), Ok(Value::Null));
        assert_eq!(text(&c, " NA"), Err(CastError));
        assert_eq!(json(&c, "null"), Ok(Value::Null));
        assert_eq!(json(&c, "\"NA\""), Ok(Value::Null));
        // No missing values: the empty text is a value (and not a number).
        let c = caster_with(r#"{"type": "string"}"#, r#""missingValues": [], "#);
        assert_eq!(text(&c, ""), Ok(Value::String("".into())));
        assert_eq!(
            Caster::default().cast(Input::Text("x")),
            Ok(Value::String("x".into()))
        );
    }

    #[test]
    fn strings_and_their_formats() {
        let c = caster(r#"{"type": "string"}"#);
        assert_eq!(text(&c, " a b "), Ok(Value::String(" a b ".into())));
        assert!(matches!(
            text(&c, "x"),
            Ok(Value::String(Cow::Borrowed("x")))
        ));
        assert_eq!(json(&c, "0"), Err(CastError));
        assert_eq!(json(&c, "true"), Err(CastError));
        let email = caster(r#"{"type": "string", "format": "email"}"#);
        for ok in [
            "name@gmail.com",
            "prenom.nom@mairie-exemple.fr",
            "a+b@sub.domaine.gouv.fr",
            "x@[192.168.0.1]",
            "élu@mairie.fr".replace('é', "e").as_str(),
            "contact@ville-de-nîmes.fr",
        ] {
            assert!(text(&email, ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://google.com",
            "string",
            "a@b",
            "@mairie.fr",
            "a..b@mairie.fr",
            "a@-x.fr",
            "a b@mairie.fr",
            "a@mairie.f",
        ] {
            assert!(text(&email, bad).is_err(), "{bad}");
        }
        let uri = caster(r#"{"type": "string", "format": "uri"}"#);
        for ok in [
            "http://google.com",
            "https://www.data.gouv.fr/fr/datasets/",
            "mailto:contact@mairie.fr",
            "urn:isbn:0451450523",
        ] {
            assert!(text(&uri, ok).is_ok(), "{ok}");
        }
        for bad in [
            "string",
            "www.mairie.fr",
            "//mairie.fr",
            " http://x.fr",
            "1http://x",
        ] {
            assert!(text(&uri, bad).is_err(), "{bad}");
        }
        let uuid = caster(r#"{"type": "string", "format": "uuid"}"#);
        for ok in [
            "123e4567-e89b-12d3-a456-426614174000",
            "123E4567E89B12D3A456426614174000",
            "{123e4567-e89b-12d3-a456-426614174000}",
            "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
        ] {
            assert!(text(&uuid, ok).is_ok(), "{ok}");
        }
        for bad in [
            "123e4567-e89b-12d3-a456-42661417400",
            "123e4567-e89b-12d3-a456-42661417400g",
            "x",
        ] {
            assert!(text(&uuid, bad).is_err(), "{bad}");
        }
        let binary = caster(r#"{"type": "string", "format": "binary"}"#);
        // Python: incomplete quads are "Incorrect padding"; other
        // characters are skipped; data after a full padding is ignored.
        for t in [
            "dGVzdA==",
            "dGVzdA",
            "dGVz",
            "dG Vz\n",
            "dGVzdA=",
            "dGVzdA==ignored",
            "dGVzd",
        ] {
            assert_eq!(
                is_base64(t),
                !matches!(t, "dGVzdA" | "dGVzdA=" | "dGVzd"),
                "{t}"
            );
        }
        assert!(text(&binary, "string").is_err());
        assert!(text(&binary, "dGVzdA==").is_ok());
        assert!(text(&binary, "é").is_err());
        // Unknown string formats read as plain text, as frictionless.
        let wkt = caster(r#"{"type": "string", "format": "wkt"}"#);
        assert!(text(&wkt, "anything").is_ok());
    }

    #[test]
    fn numbers() {
        let c = caster(r#"{"type": "number"}"#);
        assert_eq!(num(&c, "10.5"), Some(10.5));
        assert_eq!(num(&c, "-1e3"), Some(-1000.0));
        assert_eq!(num(&c, "+.5"), Some(0.5));
        assert_eq!(num(&c, "5."), Some(5.0));
        assert_eq!(num(&c, " 7 "), Some(7.0));
        assert_eq!(num(&c, "1_000"), Some(1000.0));
        assert_eq!(num(&c, "0"), Some(0.0));
        assert_eq!(num(&c, "0.25"), Some(0.25));
        assert_eq!(num(&c, "INF"), Some(f64::INFINITY));
        assert_eq!(num(&c, "-Infinity"), Some(f64::NEG_INFINITY));
        assert!(num(&c, "NaN").unwrap().is_nan());
        assert!(num(&c, "-nan").unwrap().is_nan());
        for bad in [
            "", "invalid", "1,5", "01", "00", "1.2.3", "1e", "e5", "--1", "+-1", "0x10", "1 000",
            "12 %", "infinit",
        ] {
            assert_eq!(
                if bad.is_empty() { None } else { num(&c, bad) },
                None,
                "{bad}"
            );
        }
        assert_eq!(text(&c, ""), Ok(Value::Null));
        assert_eq!(json(&c, "1"), Ok(Value::Number(1.0)));
        assert_eq!(json(&c, "10.5"), Ok(Value::Number(10.5)));
        assert_eq!(json(&c, "true"), Err(CastError));
        assert_eq!(json(&c, "[1]"), Err(CastError));
    }

    #[test]
    fn short_decimals_round_like_the_full_parser() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 15 + 1) as usize;
            let text: String = (0..digits)
                .map(|i| char::from(b'0' + ((seed >> (i * 4)) % 10) as u8))
                .collect();
            let point = (seed >> 60) as usize % (digits + 1);
            let text = format!("{}.{}", &text[..point], &text[point..]);
            assert_eq!(
                short_decimal(text.as_bytes()),
                text.parse::<f64>().ok(),
                "{text}"
            );
        }
        assert_eq!(short_decimal(b"."), None);
        assert_eq!(short_decimal(b"1234567890123456"), None);
        assert_eq!(short_decimal(b"1e5"), None);
    }

    #[test]
    fn french_numbers() {
        for group in [" ", "\u{A0}", "\u{202F}"] {
            let c = caster(&format!(
                r#"{{"type": "number", "decimalChar": ",", "groupChar": "{group}"}}"#
            ));
            assert_eq!(num(&c, &format!("40{group}000,00")), Some(40000.0));
            assert_eq!(num(&c, &format!("17{group}833")), Some(17833.0));
            assert_eq!(
                num(&c, &format!("1{group}234{group}567,89")),
                Some(1234567.89)
            );
            assert_eq!(num(&c, "0,5"), Some(0.5));
            assert_eq!(num(&c, "-3,25"), Some(-3.25));
            assert_eq!(
                num(&c, "10000.0"),
                None,
                "a point is not the decimal character"
            );
            assert_eq!(num(&c, "01,5"), None);
        }
        let c = caster(r#"{"type": "number", "decimalChar": ","}"#);
        assert_eq!(num(&c, "12,5"), Some(12.5));
        assert_eq!(num(&c, "1 000,5"), None);
        let c = caster(r#"{"type": "number", "groupChar": ","}"#);
        assert_eq!(num(&c, "1,000"), Some(1000.0));
        assert_eq!(num(&c, "1,000.00"), Some(1000.0));
        let c = caster(r#"{"type": "number", "decimalChar": ",", "groupChar": "."}"#);
        assert_eq!(num(&c, "1.234.567,5"), Some(1234567.5));
        let c = caster(r##"{"type": "number", "decimalChar": "#"}"##);
        assert_eq!(num(&c, "10#50"), Some(10.5));
        // A long number with group characters goes past the stack buffer.
        let c = caster(r#"{"type": "number", "groupChar": " "}"#);
        let long = format!("1{}", " 000".repeat(40));
        assert_eq!(num(&c, &long), Some(1e120));
    }

    #[test]
    fn bare_numbers() {
        let c = caster(
            r#"{"type": "number", "bareNumber": false, "decimalChar": ",", "groupChar": " "}"#,
        );
        assert_eq!(num(&c, "€ 12"), Some(12.0));
        assert_eq!(num(&c, "12 %"), Some(12.0));
        assert_eq!(num(&c, "EUR 1 234,50"), Some(1234.5));
        assert_eq!(num(&c, "-12 €"), Some(-12.0));
        assert_eq!(num(&c, "€ ,5"), Some(0.5));
        assert_eq!(
            num(&c, "012"),
            Some(12.0),
            "leading zeros are allowed when not bare"
        );
        assert_eq!(num(&c, "€"), None);
        let c = caster(r#"{"type": "integer", "bareNumber": false}"#);
        assert_eq!(int(&c, "95%"), Some(95));
        assert_eq!(int(&c, "n° 12"), Some(12));
        assert_eq!(int(&c, "-5 m"), Some(-5));
        assert_eq!(int(&c, "1.5 kg"), None);
    }

    #[test]
    fn integers() {
        let c = caster(r#"{"type": "integer"}"#);
        assert_eq!(int(&c, "1"), Some(1));
        assert_eq!(int(&c, "0"), Some(0));
        assert_eq!(int(&c, "-42"), Some(-42));
        assert_eq!(int(&c, "+42"), Some(42));
        assert_eq!(int(&c, " 42 "), Some(42));
        assert_eq!(int(&c, "1_000"), Some(1000));
        assert_eq!(int(&c, "21860194600000"), Some(21860194600000));
        assert_eq!(
            int(&c, "123456789012345678901234567890"),
            Some(123456789012345678901234567890)
        );
        assert_eq!(
            int(&c, "-170141183460469231731687303715884105728"),
            Some(i128::MIN)
        );
        assert_eq!(int(&c, "170141183460469231731687303715884105728"), None);
        for bad in [
            "3.14",
            "01",
            "007",
            "1e3",
            "1__0",
            "_1",
            "1_",
            "1 000",
            "x",
            "-",
            "21860194600000.0",
        ] {
            assert_eq!(int(&c, bad), None, "{bad}");
        }
        assert_eq!(json(&c, "1"), Ok(Value::Integer(1)));
        assert_eq!(json(&c, "2.0"), Ok(Value::Integer(2)));
        assert_eq!(json(&c, "2.5"), Err(CastError));
        assert_eq!(json(&c, "true"), Err(CastError));
        assert_eq!(
            json(&c, "18446744073709551615"),
            Ok(Value::Integer(18446744073709551615))
        );
        // groupChar is for numbers only (Table Schema v1, frictionless).
        let c = caster(r#"{"type": "integer", "groupChar": " "}"#);
        assert_eq!(int(&c, "17 833"), None);
    }

    #[test]
    fn booleans() {
        let c = caster(r#"{"type": "boolean"}"#);
        for (t, b) in [
            ("true", true),
            ("True", true),
            ("TRUE", true),
            ("1", true),
            ("false", false),
            ("0", false),
        ] {
            assert_eq!(text(&c, t), Ok(Value::Boolean(b)));
        }
        for bad in ["truE", "yes", " true", "3.14"] {
            assert_eq!(text(&c, bad), Err(CastError));
        }
        assert_eq!(json(&c, "true"), Ok(Value::Boolean(true)));
        assert_eq!(json(&c, "0"), Err(CastError));
        assert_eq!(json(&c, "1"), Err(CastError));
        let c = caster(
            r#"{"type": "boolean", "trueValues": ["oui", "O"], "falseValues": ["non", "N", "O"]}"#,
        );
        assert_eq!(text(&c, "oui"), Ok(Value::Boolean(true)));
        assert_eq!(text(&c, "N"), Ok(Value::Boolean(false)));
        assert_eq!(text(&c, "O"), Ok(Value::Boolean(false)), "false values win");
        assert_eq!(text(&c, "true"), Err(CastError));
    }

    fn day(c: &Caster, t: &str) -> Option<Date> {
        match text(c, t) {
            Ok(Value::Date(d)) => Some(d),
            Ok(other) => panic!("{t}: {other:?}"),
            Err(_) => None,
        }
    }

    #[test]
    fn default_dates() {
        let c = caster(r#"{"type": "date"}"#);
        assert_eq!(day(&c, "2019-01-01"), Some(date(2019, 1, 1)));
        assert_eq!(
            day(&c, "2019-1-5"),
            Some(date(2019, 1, 5)),
            "Python's %m and %d take one digit"
        );
        for bad in [
            "2019-02-30",
            "2019-13-01",
            "0000-01-01",
            "19-01-01",
            "2019/01/01",
            "01/01/2019",
            " 2019-01-01",
            "2019-01-01T00:00:00",
            "10th Jan 1969",
            "invalid",
        ] {
            assert_eq!(day(&c, bad), None, "{bad}");
        }
        assert_eq!(json(&c, "true"), Err(CastError));
        assert_eq!(
            json(&c, "\"2019-01-01\""),
            Ok(Value::Date(date(2019, 1, 1)))
        );
    }

    #[test]
    fn french_date_patterns() {
        let c = caster(r#"{"type": "date", "format": "%d/%m/%Y"}"#);
        assert_eq!(day(&c, "31/12/2023"), Some(date(2023, 12, 31)));
        assert_eq!(day(&c, "5/3/2023"), Some(date(2023, 3, 5)));
        assert_eq!(day(&c, "2023-12-31"), None);
        assert_eq!(day(&c, "31/12/23"), None);
        let c = caster(r#"{"type": "date", "format": "fmt:%d/%m/%Y"}"#);
        assert_eq!(day(&c, "01/02/2024"), Some(date(2024, 2, 1)));
        let c = caster(r#"{"type": "date", "format": "%Y/%m/%d"}"#);
        assert_eq!(day(&c, "2018/3/31"), Some(date(2018, 3, 31)));
        let c = caster(r#"{"type": "datetime", "format": "%d/%m/%Y %H:%M"}"#);
        assert_eq!(
            text(&c, "14/07/2023 22:30"),
            Ok(Value::Datetime(date(2023, 7, 14).at(22, 30, 0, 0), None))
        );
    }

    #[test]
    fn unusable_formats() {
        for kind in ["date", "time", "datetime"] {
            let c = caster(&format!(r#"{{"type": "{kind}", "format": "invalid"}}"#));
            assert!(c.format_problem().is_some());
            assert_eq!(text(&c, ""), Ok(Value::Null));
            assert_eq!(text(&c, "invalid"), Err(CastError));
            assert_eq!(text(&c, "2019-01-01"), Err(CastError));
        }
        let c = caster(r#"{"type": "date", "format": "YYYY-MM-DD"}"#);
        assert_eq!(text(&c, "2019-01-01"), Err(CastError));
        // A value the file already typed still passes.
        let d = Value::Date(date(2019, 1, 1));
        assert_eq!(c.cast(Input::Native(&d)), Ok(d.clone()));
        assert!(caster(r#"{"type": "date"}"#).format_problem().is_none());
    }

    #[test]
    fn default_datetimes() {
        let c = caster(r#"{"type": "datetime"}"#);
        let dt = date(2014, 1, 1).at(6, 0, 0, 0);
        assert_eq!(
            text(&c, "2014-01-01T06:00:00Z"),
            Ok(Value::Datetime(dt, Some(0)))
        );
        assert_eq!(
            text(&c, "2014-01-01T06:00:00"),
            Ok(Value::Datetime(dt, None))
        );
        assert_eq!(
            text(&c, "2014-01-01 06:00:00"),
            Ok(Value::Datetime(dt, None))
        );
        assert_eq!(
            text(&c, "2014-01-01T06:00:00+01:00"),
            Ok(Value::Datetime(dt, Some(3600)))
        );
        assert_eq!(
            text(&c, "2014-01-01T06:00:00-0530"),
            Ok(Value::Datetime(dt, Some(-19800)))
        );
        assert_eq!(
            text(&c, "2014-01-01T06:00:00+02"),
            Ok(Value::Datetime(dt, Some(7200)))
        );
        assert_eq!(
            text(&c, "2014-01-01T06:00:00.1234567Z"),
            Ok(Value::Datetime(
                date(2014, 1, 1).at(6, 0, 0, 123_456_000),
                Some(0)
            ))
        );
        assert_eq!(
            text(&c, "2014-12-31T24:00:00"),
            Ok(Value::Datetime(date(2015, 1, 1).at(0, 0, 0, 0), None))
        );
        assert_eq!(
            text(&c, "2020-W01-1T06:00:00"),
            Ok(Value::Datetime(date(2019, 12, 30).at(6, 0, 0, 0), None))
        );
        for bad in [
            "2014-01-01T06:00",
            "2014-01-01",
            "2014-01-01T06:00:00+25:00",
            "2014-01-01T06:00:00 Z",
            "2014-01-01T06:00:60",
            "2014-02-30T06:00:00",
            "2014-01-01T24:00:01",
            "10th Jan 1969",
            "invalid",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "true"), Err(CastError));
    }

    #[test]
    fn default_times() {
        let c = caster(r#"{"type": "time"}"#);
        assert_eq!(text(&c, "06:00:00"), Ok(Value::Time(time(6, 0, 0, 0))));
        assert_eq!(
            text(&c, "23:59:59.5"),
            Ok(Value::Time(time(23, 59, 59, 500_000_000)))
        );
        assert_eq!(
            text(&c, "06:00:00+01:00"),
            Ok(Value::Time(time(6, 0, 0, 0)))
        );
        assert_eq!(text(&c, "24:00:00"), Ok(Value::Time(time(0, 0, 0, 0))));
        for bad in [
            "09:00", "3 am", "3.00", "invalid", "25:00:00", "06:60:00", "6:00:00",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
    }

    #[test]
    fn any_dates_times_and_datetimes() {
        let d = caster(r#"{"type": "date", "format": "any"}"#);
        for (t, expected) in [
            ("2019-01-01", date(2019, 1, 1)),
            ("01th Jan 2019", date(2019, 1, 1)),
            ("10th Jan 1969", date(1969, 1, 10)),
            ("January 5, 2020", date(2020, 1, 5)),
            ("Sunday 5 January 2020", date(2020, 1, 5)),
            ("5 jan. 2020", date(2020, 1, 5)),
            ("01/02/2019", date(2019, 1, 2)),
            ("13/02/2019", date(2019, 2, 13)),
            ("2018/3/31", date(2018, 3, 31)),
            ("31.12.2023", date(2023, 12, 31)),
            ("20190101", date(2019, 1, 1)),
            ("2019-01-01T10:00:00", date(2019, 1, 1)),
            ("1st of March 2021", date(2021, 3, 1)),
        ] {
            assert_eq!(day(&d, t), Some(expected), "{t}");
        }
        for bad in [
            "invalid",
            "Jan 2019",
            "2019",
            "13",
            "31/31/2019",
            "3.14",
            "some time",
            "2019-02-30",
        ] {
            assert_eq!(day(&d, bad), None, "{bad}");
        }
        assert_eq!(json(&d, "true"), Err(CastError));

        let dt = caster(r#"{"type": "datetime", "format": "any"}"#);
        let six = date(2014, 1, 1).at(6, 0, 0, 0);
        assert_eq!(
            text(&dt, "2014-01-01T06:00:00"),
            Ok(Value::Datetime(six, None))
        );
        assert_eq!(
            text(&dt, "1st Jan 2014 6 am"),
            Ok(Value::Datetime(six, None))
        );
        assert_eq!(
            text(&dt, "2014-01-01 06:00:00Z"),
            Ok(Value::Datetime(six, Some(0)))
        );
        assert_eq!(
            text(&dt, "2014-01-01T06:00:00+01:00"),
            Ok(Value::Datetime(six, Some(3600)))
        );
        assert_eq!(
            text(&dt, "01/01/2014 6:00 PM"),
            Ok(Value::Datetime(date(2014, 1, 1).at(18, 0, 0, 0), None))
        );
        assert_eq!(text(&dt, "1 janvier 2014"), Err(CastError));
        assert_eq!(
            text(&dt, "2014-01-01"),
            Ok(Value::Datetime(date(2014, 1, 1).at(0, 0, 0, 0), None))
        );
        assert_eq!(
            text(&dt, "6 am"),
            Err(CastError),
            "no date: dateutil would take today's"
        );

        let t = caster(r#"{"type": "time", "format": "any"}"#);
        let six = Value::Time(time(6, 0, 0, 0));
        for ok in [
            "06:00:00",
            "06:00",
            "6 am",
            "6AM",
            "6h",
            "06h00",
            "2014-01-01T06:00:00",
        ] {
            assert_eq!(text(&t, ok), Ok(six.clone()), "{ok}");
        }
        assert_eq!(text(&t, "14h30"), Ok(Value::Time(time(14, 30, 0, 0))));
        assert_eq!(text(&t, "12 am"), Ok(Value::Time(time(0, 0, 0, 0))));
        for bad in ["some time", "invalid", "13 pm", "25:00", "2019-01-01"] {
            assert_eq!(text(&t, bad), Err(CastError), "{bad}");
        }
    }

    #[test]
    fn time_patterns() {
        let c = caster(r#"{"type": "time", "format": "%H:%M"}"#);
        assert_eq!(text(&c, "06:00"), Ok(Value::Time(time(6, 0, 0, 0))));
        assert_eq!(text(&c, "06:00:00"), Err(CastError));
        assert_eq!(text(&c, "3 am"), Err(CastError));
        let c = caster(r#"{"type": "time", "format": "%Hh%M"}"#);
        assert_eq!(text(&c, "14h30"), Ok(Value::Time(time(14, 30, 0, 0))));
    }

    #[test]
    fn years_and_year_months() {
        let c = caster(r#"{"type": "year"}"#);
        assert_eq!(text(&c, "2000"), Ok(Value::Year(2000)));
        assert_eq!(text(&c, "0999"), Ok(Value::Year(999)));
        for bad in ["3.14", "20000", "-200", "200", "année"] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "2000"), Ok(Value::Year(2000)));
        assert_eq!(json(&c, "-2000"), Err(CastError));
        assert_eq!(json(&c, "20000"), Err(CastError));
        assert_eq!(json(&c, "2000.0"), Err(CastError));
        let c = caster(r#"{"type": "yearmonth"}"#);
        assert_eq!(text(&c, "2000-10"), Ok(Value::YearMonth(2000, 10)));
        assert_eq!(text(&c, "2000-1"), Ok(Value::YearMonth(2000, 1)));
        for bad in [
            "2000-13-20",
            "2000-13",
            "2000-0",
            "13",
            "3.14",
            "-2000-10",
            "2000/10",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "[2000, 10]"), Ok(Value::YearMonth(2000, 10)));
        assert_eq!(json(&c, "[2000, 10, 20]"), Err(CastError));
        assert_eq!(json(&c, "[2000, 13]"), Err(CastError));
        assert_eq!(json(&c, "-10"), Err(CastError));
        assert_eq!(json(&c, "20"), Err(CastError));
    }

    #[test]
    fn durations() {
        let c = caster(r#"{"type": "duration"}"#);
        let d = |years, months, days, hours, minutes, seconds| {
            Ok(Value::Duration(Duration {
                years,
                months,
                days,
                hours,
                minutes,
                seconds,
            }))
        };
        assert_eq!(text(&c, "P1Y10M3DT5H11M7S"), d(1, 10, 3, 5, 11, 7.0));
        assert_eq!(text(&c, "P1Y"), d(1, 0, 0, 0, 0, 0.0));
        assert_eq!(text(&c, "P1M"), d(0, 1, 0, 0, 0, 0.0));
        assert_eq!(text(&c, "PT1M"), d(0, 0, 0, 0, 1, 0.0));
        assert_eq!(text(&c, "P2W"), d(0, 0, 14, 0, 0, 0.0));
        assert_eq!(text(&c, "PT1.5H"), d(0, 0, 0, 1, 30, 0.0));
        assert_eq!(text(&c, "PT0,5S"), d(0, 0, 0, 0, 0, 0.5));
        assert_eq!(text(&c, "+P1D"), d(0, 0, 1, 0, 0, 0.0));
        assert_eq!(text(&c, "PT"), d(0, 0, 0, 0, 0, 0.0));
        assert_eq!(text(&c, "P0001-02-03T04:05:06"), d(1, 2, 3, 4, 5, 6.0));
        for bad in [
            "P1M1Y", "P-1Y", "-P1Y", "P", "year", "1Y", "P1H", "PT1D", "P1.Y", "P1Y ", "p1y",
            "P1.5.5Y",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "true"), Err(CastError));
        assert_eq!(json(&c, "1"), Err(CastError));
    }

    #[test]
    fn geopoints() {
        let c = caster(r#"{"type": "geopoint"}"#);
        assert_eq!(text(&c, "180,90"), Ok(Value::GeoPoint(180.0, 90.0)));
        assert_eq!(text(&c, "2.35, 48.85"), Ok(Value::GeoPoint(2.35, 48.85)));
        assert_eq!(json(&c, "[180, -90]"), Ok(Value::GeoPoint(180.0, -90.0)));
        for bad in [
            "181,90",
            "0,91",
            "string",
            "3.14",
            "1,2,3",
            "NaN,0",
            "inf,0",
            "2,35;48,85",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, r#"{"lon": 180, "lat": 90}"#), Err(CastError));
        assert_eq!(json(&c, "[\"1\", \"2\"]"), Err(CastError));
        assert_eq!(json(&c, "1"), Err(CastError));
        let c = caster(r#"{"type": "geopoint", "format": "array"}"#);
        assert_eq!(text(&c, "[180, -90]"), Ok(Value::GeoPoint(180.0, -90.0)));
        assert_eq!(text(&c, "181,90"), Err(CastError));
        assert_eq!(text(&c, "[181, 90]"), Err(CastError));
        assert_eq!(json(&c, r#"{"lon": 180, "lat": 90}"#), Err(CastError));
        let c = caster(r#"{"type": "geopoint", "format": "object"}"#);
        assert_eq!(
            text(&c, r#"{"lon": 180, "lat": 90}"#),
            Ok(Value::GeoPoint(180.0, 90.0))
        );
        assert_eq!(text(&c, "[180, -90]"), Err(CastError));
        assert_eq!(
            text(&c, r#"{"lon": 1, "lat": 2, "alt": 3}"#),
            Err(CastError)
        );
        assert_eq!(
            json(&c, r#"{"lon": 2.35, "lat": 48.85}"#),
            Ok(Value::GeoPoint(2.35, 48.85))
        );
        assert_eq!(json(&c, r#"{"lon": 181, "lat": 90}"#), Err(CastError));
        let c = caster(r#"{"type": "geopoint", "format": "latlon"}"#);
        assert!(c.format_problem().is_some());
        assert_eq!(text(&c, "1,2"), Err(CastError));
    }

    #[test]
    fn geojson_and_topojson() {
        let c = caster(r#"{"type": "geojson"}"#);
        for ok in [
            r#"{"type": "Point", "coordinates": [2.35, 48.85]}"#,
            r#"{"type": "Feature", "geometry": null, "properties": {"nom": "Mairie"}}"#,
            r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": null}]}"#,
            r#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}"#,
            r#"{"type": "GeometryCollection", "geometries": []}"#,
        ] {
            assert!(text(&c, ok).is_ok(), "{ok}");
            assert!(json(&c, ok).is_ok(), "{ok}");
        }
        for bad in [
            r#"{"type": "Point", "coordinates": [0, 0, 0]}"#,
            r#"{"type": "Point"}"#,
            r#"{"type": "LineString", "coordinates": [[0, 0]]}"#,
            r#"{"type": "Feature", "geometry": null}"#,
            r#"{"type": "Circle", "coordinates": [0, 0]}"#,
            r#"{"type": "Point", "coordinates": [0, 0], "bbox": ["a"]}"#,
            "{}",
            "[]",
            "string",
            "1",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "1"), Err(CastError));
        let c = caster(r#"{"type": "geojson", "format": "topojson"}"#);
        for ok in [
            r#"{"type": "LineString", "arcs": [42]}"#,
            r#"{"type": "Topology", "objects": {"a": {"type": "Polygon", "arcs": [[0]]}}, "arcs": [[[0, 0], [1, 1]]]}"#,
        ] {
            assert!(text(&c, ok).is_ok(), "{ok}");
        }
        for bad in [
            r#"{"type": "LineString", "arcs": [1.5]}"#,
            r#"{"type": "Topology", "arcs": []}"#,
            "string",
            "1",
        ] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
    }

    #[test]
    fn objects_arrays_and_any() {
        let c = caster(r#"{"type": "object"}"#);
        assert_eq!(text(&c, "{}"), Ok(Value::Json(serde_json::json!({}))));
        assert_eq!(
            text(&c, r#"{"key": "value"}"#),
            Ok(Value::Json(serde_json::json!({"key": "value"})))
        );
        assert_eq!(
            json(&c, r#"{"key": "value"}"#),
            Ok(Value::Json(serde_json::json!({"key": "value"})))
        );
        for bad in [r#"["key", "value"]"#, "string", "3.14", "{"] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "1"), Err(CastError));
        let c = caster(r#"{"type": "array"}"#);
        assert_eq!(text(&c, "[]"), Ok(Value::Json(serde_json::json!([]))));
        assert_eq!(
            json(&c, r#"["key", "value"]"#),
            Ok(Value::Json(serde_json::json!(["key", "value"])))
        );
        for bad in [r#"{"key": "value"}"#, "string", "3.14"] {
            assert_eq!(text(&c, bad), Err(CastError), "{bad}");
        }
        assert_eq!(json(&c, "1"), Err(CastError));
        let c = caster(r#"{"type": "any"}"#);
        assert_eq!(text(&c, "3.14"), Ok(Value::String("3.14".into())));
        assert_eq!(text(&c, ""), Ok(Value::Null));
        assert_eq!(json(&c, "1"), Ok(Value::Integer(1)));
        assert_eq!(json(&c, "1.5"), Ok(Value::Number(1.5)));
        assert_eq!(json(&c, "true"), Ok(Value::Boolean(true)));
        assert_eq!(json(&c, "[1]"), Ok(Value::Json(serde_json::json!([1]))));
    }

    #[test]
    fn native_values() {
        let native =
            |c: &Caster, v: Value<'static>| c.cast(Input::Native(&v)).map(Value::into_owned);
        let midnight = date(2024, 3, 1).at(0, 0, 0, 0);
        let d = caster(r#"{"type": "date"}"#);
        assert_eq!(
            native(&d, Value::Date(date(2024, 3, 1))),
            Ok(Value::Date(date(2024, 3, 1)))
        );
        assert_eq!(
            native(&d, Value::Datetime(midnight, None)),
            Ok(Value::Date(date(2024, 3, 1)))
        );
        assert_eq!(
            native(&d, Value::Datetime(date(2024, 3, 1).at(10, 0, 0, 0), None)),
            Err(CastError)
        );
        assert_eq!(
            native(&d, Value::String("2024-03-01".into())),
            Ok(Value::Date(date(2024, 3, 1)))
        );
        assert_eq!(native(&d, Value::Integer(1)), Err(CastError));
        let dt = caster(r#"{"type": "datetime", "format": "%d/%m/%y %H:%M"}"#);
        assert_eq!(
            native(&dt, Value::Datetime(midnight, None)),
            Ok(Value::Datetime(midnight, None))
        );
        assert_eq!(
            native(&dt, Value::Date(date(2024, 3, 1))),
            Ok(Value::Datetime(midnight, None))
        );
        let t = caster(r#"{"type": "time"}"#);
        assert_eq!(
            native(&t, Value::Time(time(6, 0, 0, 0))),
            Ok(Value::Time(time(6, 0, 0, 0)))
        );
        assert_eq!(native(&t, Value::Datetime(midnight, None)), Err(CastError));
        let n = caster(r#"{"type": "number"}"#);
        assert_eq!(native(&n, Value::Integer(3)), Ok(Value::Number(3.0)));
        assert_eq!(native(&n, Value::Boolean(true)), Err(CastError));
        let i = caster(r#"{"type": "integer"}"#);
        assert_eq!(native(&i, Value::Number(3.0)), Ok(Value::Integer(3)));
        assert_eq!(native(&i, Value::Number(3.5)), Err(CastError));
        let s = caster(r#"{"type": "string"}"#);
        assert_eq!(native(&s, Value::Number(3.0)), Err(CastError));
        assert_eq!(native(&s, Value::Null), Ok(Value::Null));
        let y = caster(r#"{"type": "year"}"#);
        assert_eq!(native(&y, Value::Integer(2024)), Ok(Value::Year(2024)));
        let a = caster(r#"{"type": "any"}"#);
        assert_eq!(native(&a, Value::Number(1.5)), Ok(Value::Number(1.5)));
        let g = caster(r#"{"type": "geopoint"}"#);
        assert_eq!(native(&g, Value::GeoPoint(200.0, 0.0)), Err(CastError));
    }

    #[test]
    fn constraints_are_cast_through_json() {
        // mod.rs casts constraint values with Input::Json.
        let schema = Schema::parse(
            r#"{"fields": [
                {"name": "d", "type": "date", "format": "%d/%m/%Y", "constraints": {"minimum": "01/01/2017"}},
                {"name": "n", "type": "number", "decimalChar": ",", "constraints": {"maximum": 10, "enum": [1, "2,5"]}}
            ]}"#,
        )
        .unwrap();
        let d = schema.field("d").unwrap();
        assert_eq!(
            d.constraints.minimum.as_ref().unwrap().value,
            Value::Date(date(2017, 1, 1))
        );
        let n = schema.field("n").unwrap();
        let values: Vec<_> = n
            .constraints
            .enumeration
            .as_ref()
            .unwrap()
            .iter()
            .map(|b| b.value.clone())
            .collect();
        assert_eq!(values, [Value::Number(1.0), Value::Number(2.5)]);
    }

    #[test]
    fn casters_are_cheap_to_clone() {
        let c = caster(r#"{"type": "date", "format": "%d/%m/%Y"}"#);
        let d = c.clone();
        assert!(Arc::ptr_eq(&c.inner, &d.inner));
    }

    #[test]
    fn a_multibyte_character_where_nan_would_end_is_not_a_number() {
        // Found by fuzzing: `n` then `€` split the character at byte 3.
        assert_eq!(python_decimal("n\u{20ac}"), None);
        assert_eq!(python_decimal("sna\u{e9}"), None);
        assert!(python_decimal("nan").is_some_and(f64::is_nan));
    }
}
