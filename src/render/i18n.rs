//! Interface language: the strings of `i18n/<language>.toml` and the way
//! dates, numbers and sizes are written in that language.
//!
//! A language is one file, so adding one never touches the code. Files are
//! read from the default theme, then the portal's theme, then the portal's
//! own `i18n/` folder, each overriding the keys it has; keys missing from a
//! new language fall back to English, with a warning listing them.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::validate::PartialDate;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangFile {
    #[serde(default)]
    pub format: Option<FormatFile>,
    #[serde(default)]
    pub text: BTreeMap<String, String>,
    #[serde(default)]
    pub data_themes: BTreeMap<String, String>,
    #[serde(default)]
    pub frequencies: BTreeMap<String, String>,
    #[serde(default)]
    pub authority_kinds: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatFile {
    pub decimal_separator: String,
    pub group_separator: String,
    pub months: Vec<String>,
    /// With `{day}`, `{month}`, `{year}`.
    pub date: String,
    /// With `{month}`, `{year}`.
    pub month_year: String,
    /// How the first day of a month is written (`1er` in French).
    pub first_day: String,
    /// Units from bytes up: `["octets", "Ko", "Mo", "Go", "To"]`.
    pub byte_units: Vec<String>,
    /// Whether 0 takes the singular (French) or the plural (English).
    pub zero_is_singular: bool,
}

/// A language, merged and complete.
#[derive(Debug, Clone)]
pub struct Lang {
    pub code: String,
    pub format: FormatFile,
    pub text: BTreeMap<String, String>,
    pub data_themes: BTreeMap<String, String>,
    pub frequencies: BTreeMap<String, String>,
    pub authority_kinds: BTreeMap<String, String>,
}

/// `value` with exactly `decimals` decimals: what `{:.N}` writes, made
/// faster. That exact rounding is slow, and a site formats hundreds of
/// thousands of numbers: when the shortest form that reads back as `value`
/// has no more decimals than asked, and the value is small enough that its
/// distance to that form is under half the last decimal asked, the two
/// agree, and the shortest form is quick to make.
pub(crate) fn fixed(value: f64, decimals: usize) -> String {
    let shortest = value.to_string();
    let fraction = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    let precise = value.abs() * f64::EPSILON < 10f64.powi(-(decimals.min(300) as i32));
    if fraction > decimals || !precise || !value.is_finite() || shortest.contains('e') {
        return format!("{value:.decimals$}");
    }
    let mut text = shortest;
    if decimals > 0 {
        if fraction == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', decimals - fraction));
    }
    text
}

impl Lang {
    /// Merges `files` (earlier first, later override) over `fallback`;
    /// returns the language and the keys taken from the fallback.
    pub fn merge(
        code: &str,
        files: Vec<LangFile>,
        fallback: Option<&Lang>,
    ) -> Result<(Lang, Vec<String>), String> {
        let mut format = None;
        let mut text = BTreeMap::new();
        let mut data_themes = BTreeMap::new();
        let mut frequencies = BTreeMap::new();
        let mut authority_kinds = BTreeMap::new();
        for file in files {
            if file.format.is_some() {
                format = file.format;
            }
            text.extend(file.text);
            data_themes.extend(file.data_themes);
            frequencies.extend(file.frequencies);
            authority_kinds.extend(file.authority_kinds);
        }
        let mut missing = Vec::new();
        if let Some(fallback) = fallback {
            for (section, mine, theirs) in [
                ("text", &mut text, &fallback.text),
                ("data_themes", &mut data_themes, &fallback.data_themes),
                ("frequencies", &mut frequencies, &fallback.frequencies),
                (
                    "authority_kinds",
                    &mut authority_kinds,
                    &fallback.authority_kinds,
                ),
            ] {
                for (key, value) in theirs {
                    if !mine.contains_key(key) {
                        missing.push(format!("{section}.{key}"));
                        mine.insert(key.clone(), value.clone());
                    }
                }
            }
            if format.is_none() {
                missing.push("format".to_string());
                format = Some(fallback.format.clone());
            }
        }
        let format = format.ok_or_else(|| "it has no [format] section".to_string())?;
        if format.months.len() != 12 {
            return Err(format!(
                "[format] months must list 12 months, not {}",
                format.months.len()
            ));
        }
        if format.byte_units.is_empty() {
            return Err("[format] byte_units is empty".to_string());
        }
        Ok((
            Lang {
                code: code.to_string(),
                format,
                text,
                data_themes,
                frequencies,
                authority_kinds,
            },
            missing,
        ))
    }

    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.text.get(key).map_or(key, String::as_str)
    }

    pub fn data_theme(&self, code: &str) -> String {
        self.data_themes
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    pub fn frequency(&self, code: &str) -> String {
        self.frequencies
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    pub fn authority_kind(&self, key: &str) -> String {
        self.authority_kinds
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// `key_one` or `key_other` with `{n}` replaced by the formatted number.
    pub fn count(&self, key: &str, n: u64) -> String {
        let singular = n == 1 || (n == 0 && self.format.zero_is_singular);
        let form = format!("{key}_{}", if singular { "one" } else { "other" });
        self.t(&form).replace("{n}", &self.integer(n))
    }

    /// `1 234 567` in French (narrow no-break spaces), `1,234,567` in English.
    pub fn integer(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&self.format.group_separator);
            }
            out.push(c);
        }
        out
    }

    /// A number with at most `decimals` decimals, trailing zeros dropped:
    /// `12,5`, `-3`, `1 234,57`.
    pub fn decimal(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return value.to_string();
        }
        let text = fixed(value.abs(), decimals);
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let fraction = fraction.trim_end_matches('0');
        let whole: u64 = whole.parse().unwrap_or(0);
        let sign = if value < 0.0 && (whole > 0 || !fraction.is_empty()) {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{}", self.integer(whole))
        } else {
            format!(
                "{sign}{}{}{fraction}",
                self.integer(whole),
                self.format.decimal_separator
            )
        }
    }

    /// A statistic: two decimals, more for small values (`0,0042`).
    pub fn number(&self, value: f64) -> String {
        let magnitude = value.abs();
        let decimals = if magnitude == 0.0 || magnitude >= 1.0 {
            2
        } else {
            // Three significant digits.
            (2 - magnitude.log10().floor() as i32).clamp(2, 12) as usize
        };
        self.decimal(value, decimals)
    }

    /// `31 janvier 2024 à 08:30` from `2024-01-31T08:30:00Z`.
    pub fn datetime(&self, iso: &str) -> String {
        let (date, time) = iso.split_once('T').unwrap_or((iso, ""));
        let date = PartialDate::parse(date).map_or_else(|| date.to_string(), |d| self.date(d));
        let time = time.get(..5).unwrap_or(time);
        self.t("datetime")
            .replace("{date}", &date)
            .replace("{time}", time)
    }

    /// A date pattern (`%d/%m/%Y`) in the reader's words (`jj/mm/aaaa`).
    pub fn pattern(&self, pattern: &str) -> String {
        pattern
            .replace("%d", self.t("pattern_day"))
            .replace("%m", self.t("pattern_month"))
            .replace("%Y", self.t("pattern_year"))
            .replace("%H", self.t("pattern_hour"))
            .replace("%M", self.t("pattern_minute"))
            .replace("%S", self.t("pattern_second"))
    }

    /// `12,3 Mo`, `532 octets`.
    pub fn bytes(&self, bytes: u64) -> String {
        let units = &self.format.byte_units;
        let mut value = bytes as f64;
        let mut unit = 0;
        while value >= 1000.0 && unit + 1 < units.len() {
            value /= 1000.0;
            unit += 1;
        }
        if unit == 0 {
            format!("{} {}", self.integer(bytes), units[0])
        } else {
            format!("{} {}", self.decimal(value, 1), units[unit])
        }
    }

    /// `28 novembre 2026`, `novembre 2026`, `2026`, as precise as the value.
    pub fn date(&self, date: PartialDate) -> String {
        match date {
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) => self
                .format
                .month_year
                .replace("{month}", &self.format.months[(m - 1) as usize])
                .replace("{year}", &y.to_string()),
            PartialDate::Day(d) => {
                let day = if d.day() == 1 {
                    self.format.first_day.clone()
                } else {
                    d.day().to_string()
                };
                self.format
                    .date
                    .replace("{day}", &day)
                    .replace("{month}", &self.format.months[(d.month() - 1) as usize])
                    .replace("{year}", &d.year().to_string())
            }
        }
    }
}

impl Lang {
    /// The default theme's strings in `code` (`fr` or `en`): for tests, and
    /// for reading back the words the portal writes (`ouvert import`).
    pub(crate) fn default_theme(code: &str) -> Lang {
        let text = match code {
            "fr" => include_str!("../../themes/default/i18n/fr.toml"),
            _ => include_str!("../../themes/default/i18n/en.toml"),
        };
        let file: LangFile = toml::from_str(text).expect("default theme strings");
        Lang::merge(code, vec![file], None)
            .expect("default theme strings")
            .0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_rounding_agrees_with_exact_rounding() {
        // Halves, thirds, ties, long fractions, large, tiny and negative values.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![
            0.0,
            -0.0,
            0.125,
            0.5,
            1.005,
            2.675,
            12.5,
            -12.25,
            1e15 + 0.125,
            4.5e13,
            1e-7,
            1e21,
        ];
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let magnitude = 10f64.powi((seed % 30) as i32 - 12);
            values.push((seed >> 11) as f64 / (1u64 << 53) as f64 * magnitude);
            values.push(-(((seed >> 40) as f64) / 100.0));
        }
        for value in values {
            for decimals in 0..=12 {
                assert_eq!(
                    fixed(value, decimals),
                    format!("{value:.decimals$}"),
                    "{value} to {decimals} decimals"
                );
            }
        }
    }

    fn french() -> Lang {
        Lang::default_theme("fr")
    }

    fn english() -> Lang {
        Lang::default_theme("en")
    }

    #[test]
    fn french_formats() {
        let fr = french();
        assert_eq!(fr.integer(1234567), "1\u{202F}234\u{202F}567");
        assert_eq!(fr.bytes(532), "532 octets");
        assert_eq!(fr.bytes(12_345_678), "12,3 Mo");
        assert_eq!(
            fr.date(PartialDate::parse("2026-11-28").unwrap()),
            "28 novembre 2026"
        );
        assert_eq!(
            fr.date(PartialDate::parse("2026-11-01").unwrap()),
            "1er novembre 2026"
        );
        assert_eq!(
            fr.date(PartialDate::parse("2026-02").unwrap()),
            "février 2026"
        );
        assert_eq!(fr.count("datasets_count", 0), "0 jeu de données");
        assert_eq!(fr.count("datasets_count", 2), "2 jeux de données");
        assert_eq!(fr.number(1234.567), "1\u{202F}234,57");
        assert_eq!(fr.number(-0.00421), "-0,00421");
        assert_eq!(fr.number(12.0), "12");
        assert_eq!(
            fr.datetime("2024-01-31T08:30:00Z"),
            "31 janvier 2024 à 08:30"
        );
        assert_eq!(fr.pattern("%d/%m/%Y"), "jj/mm/aaaa");
    }

    #[test]
    fn english_formats() {
        let en = english();
        assert_eq!(en.integer(1234567), "1,234,567");
        assert_eq!(en.bytes(1_500), "1.5 kB");
        assert_eq!(
            en.date(PartialDate::parse("2026-11-01").unwrap()),
            "1 November 2026"
        );
        assert_eq!(en.count("datasets_count", 0), "0 datasets");
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let (fr, en) = (french(), english());
        let keys = |l: &Lang| -> Vec<String> {
            l.text
                .keys()
                .map(|k| format!("text.{k}"))
                .chain(l.data_themes.keys().map(|k| format!("data_themes.{k}")))
                .chain(l.frequencies.keys().map(|k| format!("frequencies.{k}")))
                .chain(
                    l.authority_kinds
                        .keys()
                        .map(|k| format!("authority_kinds.{k}")),
                )
                .collect()
        };
        assert_eq!(keys(&fr), keys(&en));
        for code in crate::vocab::DATA_THEMES {
            assert!(fr.data_themes.contains_key(*code), "{code}");
        }
    }
}
