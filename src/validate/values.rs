//! Checked metadata values shared by the later stages.

use std::fmt;

use serde::Serialize;

/// A date as precise as the editor gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Year(i16),
    Month(i16, i8),
    Day(jiff::civil::Date),
}

impl PartialDate {
    /// Accepts `2026`, `2026-01`, `2026-01-31` (also with a time after it,
    /// as TOML dates and ISO timestamps have) and the French `31/01/2026`.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        if let Some((day, rest)) = text.split_once('/') {
            let (month, year) = rest.split_once('/')?;
            return day_of(
                parse_num(year, 4)?,
                parse_num(month, 2)?,
                parse_num(day, 2)?,
            );
        }
        let date = text.split(['T', ' ']).next()?;
        let mut parts = date.split('-');
        let year = parse_num(parts.next()?, 4)?;
        let Some(month) = parts.next() else {
            return Some(PartialDate::Year(year as i16));
        };
        let month = parse_num(month, 2)?;
        let Some(day) = parts.next() else {
            return (1..=12)
                .contains(&month)
                .then_some(PartialDate::Month(year as i16, month as i8));
        };
        if parts.next().is_some() {
            return None;
        }
        day_of(year, month, parse_num(day, 2)?)
    }

    /// The first day the value covers, to sort and compare.
    pub fn first_day(self) -> jiff::civil::Date {
        match self {
            PartialDate::Year(y) => jiff::civil::date(y, 1, 1),
            PartialDate::Month(y, m) => jiff::civil::date(y, m, 1),
            PartialDate::Day(d) => d,
        }
    }

    /// The last day the value covers.
    pub fn last_day(self) -> jiff::civil::Date {
        match self {
            PartialDate::Year(y) => jiff::civil::date(y, 12, 31),
            PartialDate::Month(y, m) => jiff::civil::date(y, m, 1).last_of_month(),
            PartialDate::Day(d) => d,
        }
    }
}

/// ISO 8601 at the precision given: `2026`, `2026-01`, `2026-01-31`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(d) => write!(f, "{d}"),
        }
    }
}

fn parse_num(text: &str, max_digits: usize) -> Option<i32> {
    (!text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn day_of(year: i32, month: i32, day: i32) -> Option<PartialDate> {
    if !(1000..=9999).contains(&year) {
        return None;
    }
    jiff::civil::Date::new(year as i16, month as i8, day as i8)
        .ok()
        .map(PartialDate::Day)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temporal {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spatial {
    pub name: Option<String>,
    pub insee: Vec<String>,
}

/// The Table Schema a resource declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SchemaRef {
    /// A schema of schema.data.gouv.fr, e.g. `scdl/subventions@2.1.1`.
    Published {
        organization: String,
        name: String,
        version: String,
    },
    /// A file of the portal, e.g. `schemas/mon-schema.json`.
    Local { path: String },
}

impl SchemaRef {
    const HOST: &'static str = "https://schema.data.gouv.fr/schemas/";

    /// Parses `org/name@version`, the full schema.data.gouv.fr URL, or a
    /// path ending in `.json`. `None` when it is none of these.
    pub fn parse(text: &str) -> Option<SchemaRef> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix(Self::HOST) {
            let parts: Vec<&str> = rest.split('/').collect();
            return match parts.as_slice() {
                [organization, name, version, "schema.json"]
                    if !organization.is_empty() && !name.is_empty() && !version.is_empty() =>
                {
                    Some(SchemaRef::Published {
                        organization: organization.to_string(),
                        name: name.to_string(),
                        version: version.to_string(),
                    })
                }
                _ => None,
            };
        }
        if text.contains("://") {
            return None;
        }
        if let Some((identity, version)) = text.split_once('@') {
            let (organization, name) = identity.split_once('/')?;
            let valid = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            return (valid(organization) && valid(name) && valid(version)).then(|| {
                SchemaRef::Published {
                    organization: organization.to_string(),
                    name: name.to_string(),
                    version: version.to_string(),
                }
            });
        }
        text.to_ascii_lowercase()
            .ends_with(".json")
            .then(|| SchemaRef::Local { path: text.trim_start_matches("./").to_string() })
    }

    /// The schema's identity on schema.data.gouv.fr: data.gouv.fr recognises
    /// a schema only when `dct:conformsTo` equals this URL exactly.
    pub fn canonical_url(&self) -> Option<String> {
        match self {
            SchemaRef::Published { organization, name, version } => Some(format!(
                "{}{organization}/{name}/{version}/schema.json",
                Self::HOST
            )),
            SchemaRef::Local { .. } => None,
        }
    }

    /// Where the schema's file is in the portal: identities of
    /// schema.data.gouv.fr mirror its addresses under `schemas/`.
    pub fn portal_path(&self) -> String {
        match self {
            SchemaRef::Published { organization, name, version } => {
                format!("schemas/{organization}/{name}/{version}/schema.json")
            }
            SchemaRef::Local { path } => path.clone(),
        }
    }

    /// Short name shown to readers: `scdl/subventions 2.1.1` or the path.
    pub fn label(&self) -> String {
        match self {
            SchemaRef::Published { organization, name, version } => {
                format!("{organization}/{name} {version}")
            }
            SchemaRef::Local { path } => path.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_at_their_precision() {
        assert_eq!(PartialDate::parse("2026"), Some(PartialDate::Year(2026)));
        assert_eq!(
            PartialDate::parse("2026-02"),
            Some(PartialDate::Month(2026, 2))
        );
        assert_eq!(
            PartialDate::parse("2026-02-28")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(PartialDate::parse("2026-02-30"), None);
        assert_eq!(
            PartialDate::parse("28/02/2026"),
            PartialDate::parse("2026-02-28")
        );
        assert_eq!(
            PartialDate::parse("2026-02-28T10:00:00"),
            PartialDate::parse("2026-02-28")
        );
        assert_eq!(PartialDate::parse("2026-13"), None);
        assert_eq!(PartialDate::parse("yesterday"), None);
        assert_eq!(
            PartialDate::Month(2024, 2).last_day(),
            jiff::civil::date(2024, 2, 29)
        );
    }

    #[test]
    fn parses_schema_references() {
        let expected = SchemaRef::Published {
            organization: "scdl".into(),
            name: "subventions".into(),
            version: "2.1.1".into(),
        };
        assert_eq!(
            SchemaRef::parse("scdl/subventions@2.1.1"),
            Some(expected.clone())
        );
        assert_eq!(
            SchemaRef::parse(
                "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json"
            ),
            Some(expected.clone())
        );
        assert_eq!(
            expected.canonical_url().as_deref(),
            Some("https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json")
        );
        assert_eq!(
            SchemaRef::parse("schemas/x.json"),
            Some(SchemaRef::Local { path: "schemas/x.json".into() })
        );
        assert_eq!(SchemaRef::parse("subventions"), None);
        assert_eq!(SchemaRef::parse("https://example.org/schema.json"), None);
    }
}
