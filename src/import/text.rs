//! Reading the values other catalogs write into the portal's vocabulary:
//! licences, themes, frequencies, dates, descriptions in HTML.

use crate::vocab::{self, Licence};

/// The text of a file: UTF-8 (with or without a byte-order mark), else
/// Windows-1252, what office software exports in France.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Whether a description is one short paragraph, fit for a summary.
pub fn is_short_paragraph(text: &str) -> bool {
    const SUMMARY_CHARS: usize = 400;
    !text.contains('\n') && text.chars().count() <= SUMMARY_CHARS
}

/// A licence from its identifier, address or title, as catalogs write it:
/// `etalab-2.0`, `https://www.etalab.gouv.fr/licence-ouverte-open-licence/`,
/// `Licence Ouverte Version 2.0`, `ODbL`…
pub fn licence_of(value: &str) -> Option<&'static Licence> {
    let value = value.trim();
    if let Some(licence) = vocab::licence(value) {
        return Some(licence);
    }
    let address = comparable_address(value);
    if let Some(licence) = vocab::LICENCES.iter().find(|l| {
        comparable_address(l.url) == address
            || l.open_definition
                .is_some_and(|id| id.eq_ignore_ascii_case(value))
            || l.title.eq_ignore_ascii_case(value)
    }) {
        return Some(licence);
    }
    // The SPDX list's addresses end with the identifier.
    if let Some(id) = address.strip_prefix("spdx.org/licenses/") {
        return vocab::licence(id.trim_end_matches(".html"));
    }
    let words = crate::util::text::slugify(value);
    let has = |w: &str| words.split('-').any(|part| part == w);
    if words.contains("licence-ouverte") || words.contains("open-licence") || has("etalab") {
        // Without a version, the one in force since 2017.
        let version = if has("1") && !has("2") {
            "etalab-1.0"
        } else {
            "etalab-2.0"
        };
        return vocab::licence(version);
    }
    if has("odbl") || words.contains("open-database-licen") {
        return vocab::licence("odbl-1.0");
    }
    None
}

/// An address without its scheme, `www.` and trailing slash, to compare.
fn comparable_address(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

/// Words catalogs use for their categories, in French and English, by
/// EU data theme.
const THEME_WORDS: &[(&str, &[&str])] = &[
    (
        "AGRI",
        &["agriculture", "peche", "alimentation", "food", "fisheries"],
    ),
    (
        "ECON",
        &[
            "economie",
            "economy",
            "finances",
            "finance",
            "budget",
            "emploi",
            "budget-finance",
        ],
    ),
    (
        "EDUC",
        &[
            "education",
            "culture",
            "sport",
            "sports",
            "enseignement",
            "arts-culture-history",
        ],
    ),
    ("ENER", &["energie", "energy"]),
    (
        "ENVI",
        &["environnement", "environment", "nature", "climat"],
    ),
    (
        "GOVE",
        &[
            "gouvernement",
            "government",
            "administration",
            "citoyennete",
            "secteur-public",
            "elections-politics",
        ],
    ),
    ("HEAL", &["sante", "health", "health-human-services"]),
    ("INTR", &["international", "europe"]),
    ("JUST", &["justice", "securite", "public-safety"]),
    (
        "REGI",
        &[
            "regions",
            "villes",
            "territoire",
            "territoires",
            "amenagement",
            "urbanisme",
            "logement",
            "planning-zoning",
            "real-estate-land-records",
        ],
    ),
    (
        "SOCI",
        &[
            "societe",
            "society",
            "population",
            "social",
            "solidarite",
            "solidarites",
        ],
    ),
    (
        "TECH",
        &[
            "science",
            "technologie",
            "technology",
            "numerique",
            "sciences",
        ],
    ),
    (
        "TRAN",
        &[
            "transport",
            "transports",
            "transportation",
            "mobilite",
            "mobilites",
            "mobility",
        ],
    ),
];

/// An EU data theme from its code, its address, or a category name.
pub fn theme_of(value: &str) -> Option<&'static str> {
    let value = value.trim();
    let code = value.strip_prefix(vocab::DATA_THEME_BASE).unwrap_or(value);
    if let Some(code) = vocab::data_theme(code) {
        return Some(code);
    }
    let slug = crate::util::text::slugify(value);
    THEME_WORDS
        .iter()
        .find(|(_, words)| words.contains(&slug.as_str()))
        .map(|(code, _)| *code)
        .or_else(|| {
            theme_labels()
                .iter()
                .find(|(label, _)| *label == slug)
                .map(|(_, code)| *code)
        })
}

/// The themes' names as the portal writes them (the SCDL catalogue's
/// `THEME`), in French and English, as slugs.
fn theme_labels() -> &'static [(String, &'static str)] {
    static LABELS: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        ["fr", "en"]
            .into_iter()
            .map(crate::render::i18n::Lang::default_theme)
            .flat_map(|lang| {
                vocab::DATA_THEMES
                    .iter()
                    .map(|code| (crate::util::text::slugify(&lang.data_theme(code)), *code))
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// An EU frequency from its code or address, a Dublin Core frequency
/// (`http://purl.org/cld/freq/daily`), or a word.
pub fn frequency_of(value: &str) -> Option<&'static str> {
    let value = value.trim().trim_end_matches('/');
    let last = value.rsplit(['/', '#']).next().unwrap_or(value);
    vocab::frequency(last).or_else(|| {
        // Dublin Core's, CKAN's and udata's names where they differ from
        // the EU codes.
        let code = match last.to_ascii_lowercase().as_str() {
            "semiannual" | "biannual" => "ANNUAL_2",
            "threetimesayear" => "ANNUAL_3",
            "semimonthly" => "MONTHLY_2",
            "threetimesamonth" => "MONTHLY_3",
            "semiweekly" => "WEEKLY_2",
            "threetimesaweek" => "WEEKLY_3",
            "fortnightly" => "BIWEEKLY",
            "continuous" => "CONT",
            "irregular" => "IRREG",
            "punctual" => "NEVER",
            _ => return None,
        };
        Some(code)
    })
}

/// A date as the portal writes it (`2026`, `2026-03` or `2026-03-02`) from
/// a date or a date-time.
pub fn date_of(value: &str) -> Option<String> {
    crate::validate::PartialDate::parse(value).map(|date| date.to_string())
}

/// Markdown from a description that may be HTML (CKAN, data.gouv.fr and
/// DCAT catalogs hold either): block elements become paragraphs, lists
/// and links their Markdown forms, other tags are dropped. The portal
/// shows HTML in Markdown as text, so leaving the tags would show them.
pub fn markdown_of(description: &str) -> String {
    if !looks_like_html(description) {
        return description.trim().to_string();
    }
    let mut out = String::new();
    let mut rest = description;
    let mut link: Option<String> = None;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&unescape(&rest[open..]));
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "div" | "table" | "ul" | "ol" | "blockquote" | "pre", _) => out.push_str("\n\n"),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                out.push_str("\n\n");
                let level = name[1..].parse::<usize>().unwrap_or(2).max(2);
                out.push_str(&"#".repeat(level));
                out.push(' ');
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => out.push_str("\n\n"),
            ("br", _) | ("tr", true) => out.push('\n'),
            ("li", false) => out.push_str("\n- "),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("a", false) => {
                link = attribute(tag, "href");
                if link.is_some() {
                    out.push('[');
                }
            }
            ("a", true) => {
                if let Some(href) = link.take() {
                    out.push_str(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }
    out.push_str(&unescape(rest));
    // Paragraphs separated by one blank line, lines without trailing spaces.
    let mut tidy = String::new();
    let mut blank = 0;
    for line in out.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !tidy.is_empty() {
            tidy.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        tidy.push_str(line.trim_start_matches(' '));
    }
    tidy
}

fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "<p", "<br", "<div", "<h1", "<h2", "<h3", "<ul", "<li", "<b>", "<strong", "<a ", "<em",
        "<i>", "<table",
    ];
    let lower = text.to_ascii_lowercase();
    TAGS.iter().any(|tag| lower.contains(tag))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split_whitespace().next()?,
    };
    let value = unescape(value);
    crate::config::is_web_url(&value).then_some(value)
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Entities are short; bytes, since the text after `&` may be any
        // character.
        let window = &rest.as_bytes()[..rest.len().min(12)];
        let Some(end) = window.iter().position(|b| *b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|n| n.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_are_found_by_id_address_and_title() {
        let id = |v| licence_of(v).map(|l| l.id);
        assert_eq!(id("etalab-2.0"), Some("etalab-2.0"));
        assert_eq!(
            id("https://www.etalab.gouv.fr/licence-ouverte-open-licence"),
            Some("etalab-2.0")
        );
        assert_eq!(id("Licence Ouverte Version 2.0"), Some("etalab-2.0"));
        assert_eq!(
            id("Licence Ouverte / Open Licence version 1.0"),
            Some("etalab-1.0")
        );
        assert_eq!(
            id("https://spdx.org/licenses/CC-BY-4.0.html"),
            Some("cc-by-4.0")
        );
        assert_eq!(id("odc-odbl"), Some("odbl-1.0"));
        assert_eq!(id("ODC-BY-1.0"), Some("odc-by-1.0"));
        assert_eq!(id("License not specified"), None);
    }

    #[test]
    fn themes_and_frequencies_are_read_from_codes_addresses_and_words() {
        assert_eq!(
            theme_of("http://publications.europa.eu/resource/authority/data-theme/ECON"),
            Some("ECON")
        );
        assert_eq!(theme_of("Mobilité"), Some("TRAN"));
        assert_eq!(theme_of("Économie et finances"), Some("ECON"));
        assert_eq!(theme_of("Regions and cities"), Some("REGI"));
        assert_eq!(theme_of("Transportation"), Some("TRAN"));
        assert_eq!(theme_of("Budget / Finance"), Some("ECON"));
        assert_eq!(theme_of("Theme 1"), None);
        assert_eq!(
            frequency_of("http://purl.org/cld/freq/daily"),
            Some("DAILY")
        );
        assert_eq!(
            frequency_of("http://publications.europa.eu/resource/authority/frequency/ANNUAL"),
            Some("ANNUAL")
        );
        assert_eq!(frequency_of("semiannual"), Some("ANNUAL_2"));
        assert_eq!(frequency_of("ThisTermDoesNotExist"), None);
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(
            date_of("2016-12-14T19:01:24.184120").as_deref(),
            Some("2016-12-14")
        );
        assert_eq!(date_of("2026").as_deref(), Some("2026"));
        assert_eq!(date_of("2026-03").as_deref(), Some("2026-03"));
        assert_eq!(date_of("2/3/2026").as_deref(), Some("2026-03-02"));
        assert_eq!(date_of("hier"), None);
    }

    #[test]
    fn html_descriptions_become_markdown() {
        assert_eq!(
            markdown_of("<h1>h1 title</h1><h2>h2 title</h2><b>and bold text</b>"),
            "## h1 title\n\n## h2 title\n\n**and bold text**"
        );
        assert_eq!(
            markdown_of(
                "<p>Voir <a href=\"https://example.fr/?a=1&amp;b=2\">le site</a> &eacute;</p><ul><li>un</li><li>deux</li></ul>"
            ),
            "Voir [le site](https://example.fr/?a=1&b=2) &eacute;\n\n- un\n- deux"
        );
        assert_eq!(markdown_of("Budget 2026 : 3 < 4"), "Budget 2026 : 3 < 4");
        assert_eq!(
            markdown_of("<p>R&é&#233;t&eacute;é;</p>"),
            "R&éét&eacute;é;"
        );
    }
}
