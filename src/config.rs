//! `ouvert.toml`: what the user wrote ([`RawConfig`], strict) and what the
//! program uses ([`Config`], checked and normalised).
//!
//! Unknown keys are errors: a misspelt key silently ignored is a setting the
//! editor believes applied. Semantic problems (a bad SIREN, an unknown
//! licence) are collected as diagnostics and the setting is dropped, so the
//! rest of the portal is still checked in the same run.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::util::text::{line_col, locate_key, slugify};
use crate::vocab::{self, Licence};

pub const CONFIG_FILE: &str = "ouvert.toml";

/// `ouvert.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Title of the portal, shown on every page.
    pub title: String,
    /// One sentence under the title on the home page.
    pub tagline: Option<String>,
    /// Address where the site is published; used for canonical links and
    /// machine-readable catalogs, never for links inside the site.
    pub base_url: Option<Spanned<String>>,
    /// Interface language: a file `i18n/<language>.toml` of the theme.
    pub language: Option<Spanned<String>>,
    /// Default licence of the datasets.
    #[serde(alias = "license")]
    pub licence: Option<Spanned<String>>,
    /// Contact e-mail, for datasets that name none.
    pub contact: Option<Spanned<String>>,
    /// The publishing authority.
    pub authority: RawAuthority,
    /// Appearance.
    #[serde(default)]
    pub theme: RawTheme,
    /// What the accessibility statement says (RGAA).
    #[serde(default)]
    pub accessibility: RawAccessibility,
    /// Map previews.
    #[serde(default)]
    pub map: RawMap,
    /// How Markdown is read.
    #[serde(default)]
    pub markdown: RawMarkdown,
    /// How citizens ask for data not yet open.
    #[serde(default)]
    pub requests: RawRequests,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequests {
    /// An e-mail address or the address of a form: a static site receives
    /// nothing itself.
    pub contact: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkdown {
    /// Keep the HTML written in Markdown (sanitised) instead of showing it
    /// as text.
    #[serde(default)]
    pub raw_html: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMap {
    /// A GeoJSON file of the portal with the territory's outline, drawn
    /// beneath every map.
    pub territory: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthority {
    /// Name, e.g. "Commune de Clairval".
    pub name: String,
    /// commune, epci, departement, region or other.
    pub kind: Spanned<String>,
    /// 9 digits.
    pub siren: Option<Spanned<String>>,
    /// 14 digits.
    pub siret: Option<Spanned<String>>,
    /// Code officiel géographique.
    pub insee: Option<Spanned<String>>,
    /// Address-safe short name; made from `name` when absent.
    pub slug: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    /// `default` or a folder `themes/<name>/` of the portal.
    pub name: Option<Spanned<String>>,
    /// Path of an image of the portal shown in the header.
    pub logo: Option<Spanned<String>>,
    /// `#rrggbb` or `#rgb`.
    pub main_color: Option<Spanned<String>>,
    /// Background of the header band, `#rrggbb` or `#rgb`.
    pub header_color: Option<Spanned<String>>,
    /// Links shown in the footer of every page.
    #[serde(default)]
    pub footer_links: Vec<RawLink>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: String,
    pub url: Spanned<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccessibility {
    /// `full`, `partial` or `none`: the RGAA's "totalement", "partiellement"
    /// and "non conforme".
    pub status: Option<Spanned<String>>,
    /// Share of the RGAA criteria met, in percent, from the audit.
    pub rate: Option<Spanned<f64>>,
    /// When the audit was made (a TOML date or "2026-11-28").
    pub audit_date: Option<Spanned<toml::Value>>,
    /// Who made the audit.
    pub auditor: Option<String>,
    /// Contents that fail RGAA criteria.
    #[serde(default)]
    pub non_compliant: Vec<String>,
    /// Contents exempted because making them accessible would be a
    /// disproportionate burden.
    #[serde(default)]
    pub disproportionate_burden: Vec<String>,
    /// Contents outside the RGAA's scope.
    #[serde(default)]
    pub exempt: Vec<String>,
    /// Browsers and assistive technologies the audit used.
    #[serde(default)]
    pub environment: Vec<String>,
    /// Pages the audit covered.
    #[serde(default)]
    pub pages: Vec<String>,
    /// Where to report an accessibility problem: an e-mail or web address;
    /// the portal's contact when absent.
    pub contact: Option<Spanned<String>>,
    /// The authority's multi-year accessibility plan (web address).
    pub plan_url: Option<Spanned<String>>,
}

/// The settings the program uses.
#[derive(Debug, Clone)]
pub struct Config {
    /// The portal folder.
    pub root: PathBuf,
    pub title: String,
    pub tagline: Option<String>,
    /// Normalised to end with `/`.
    pub base_url: Option<String>,
    pub language: String,
    pub licence: Option<&'static Licence>,
    pub contact_email: Option<String>,
    pub authority: Authority,
    pub theme: ThemeSettings,
    pub accessibility: Accessibility,
    /// The GeoJSON file of the territory's outline (a path in the portal).
    pub map_territory: Option<String>,
    /// `[markdown] raw_html`: HTML in Markdown is kept, sanitised, rather
    /// than shown as text.
    pub raw_html: bool,
    /// `[requests] contact`: where to ask for data.
    pub requests_contact: Option<Reach>,
    /// The text of `ouvert.toml`, to point later diagnostics at a key.
    pub source: String,
    /// True when `ouvert.toml` could not be read: the rest of the portal is
    /// still checked, but checks that depend on its values are skipped.
    pub degraded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorityKind {
    Commune,
    Epci,
    Departement,
    Region,
    Other,
}

impl AuthorityKind {
    pub fn parse(value: &str) -> Option<Self> {
        Some(match value.trim().to_lowercase().as_str() {
            "commune" => Self::Commune,
            "epci" | "intercommunalite" | "intercommunalité" => Self::Epci,
            "departement" | "département" => Self::Departement,
            "region" | "région" => Self::Region,
            "other" | "autre" => Self::Other,
            _ => return None,
        })
    }

    /// Key of the label in the theme's i18n files.
    pub fn key(self) -> &'static str {
        match self {
            Self::Commune => "commune",
            Self::Epci => "epci",
            Self::Departement => "departement",
            Self::Region => "region",
            Self::Other => "other",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Authority {
    pub name: String,
    pub kind: AuthorityKind,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub insee: Option<String>,
    pub slug: String,
}

#[derive(Debug, Clone, Default)]
pub struct ThemeSettings {
    pub name: String,
    /// Path relative to the portal folder, `/`-separated.
    pub logo: Option<String>,
    /// Lower-case `#rrggbb` or `#rgb`.
    pub main_color: Option<String>,
    pub header_color: Option<String>,
    pub footer_links: Vec<ExternalLink>,
}

/// A link to another site (`https://`, `http://` or `mailto:`).
#[derive(Debug, Clone)]
pub struct ExternalLink {
    pub title: String,
    pub url: String,
}

/// How far the portal meets the RGAA, as its accessibility statement says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Conformity {
    Full,
    Partial,
    /// Also what a site that was never audited must declare.
    #[default]
    None,
}

impl Conformity {
    fn parse(value: &str) -> Option<Self> {
        Some(match value.trim().to_lowercase().as_str() {
            "full" | "totale" | "totalement conforme" => Self::Full,
            "partial" | "partielle" | "partiellement conforme" => Self::Partial,
            "none" | "non conforme" => Self::None,
            _ => return None,
        })
    }

    /// `full`, `partial` or `none`, as `ouvert.toml` writes it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Partial => "partial",
            Self::None => "none",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Accessibility {
    pub status: Conformity,
    pub rate: Option<f64>,
    pub audit_date: Option<jiff::civil::Date>,
    pub auditor: Option<String>,
    pub non_compliant: Vec<String>,
    pub disproportionate_burden: Vec<String>,
    pub exempt: Vec<String>,
    pub environment: Vec<String>,
    pub pages: Vec<String>,
    pub contact: Option<Reach>,
    pub plan_url: Option<String>,
}

impl Config {
    /// Reads `ouvert.toml` of the portal at `root`. A missing file is a
    /// usage error (wrong folder), returned as `Err`; problems in the file
    /// are diagnostics.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> anyhow::Result<Config> {
        ensure_portal(root)?;
        let path = root.join(CONFIG_FILE);
        let bytes = crate::util::fs::read(&path)?;
        let source = match crate::util::fs::decode_text(&bytes) {
            Ok(text) => text.to_string(),
            Err(e) => {
                diagnostics.push(not_utf8(CONFIG_FILE, e));
                return Ok(Config::fallback(root, String::new()));
            }
        };
        Ok(Config::parse(root, source, diagnostics))
    }

    pub fn parse(root: &Path, source: String, diagnostics: &mut Diagnostics) -> Config {
        match toml::from_str::<RawConfig>(&source) {
            Ok(raw) => resolve(root, raw, source, diagnostics),
            Err(e) => {
                let mut d = Diagnostic::error(toml_message(&e)).file(CONFIG_FILE);
                if let Some(span) = e.span() {
                    let (line, col) = line_col(&source, span.start);
                    d = d.at(&source, line, col);
                }
                if let Some(hint) = unknown_key_hint(e.message()) {
                    d = d.hint(hint);
                }
                diagnostics.push(d);
                Config::fallback(root, source)
            }
        }
    }

    fn fallback(root: &Path, source: String) -> Config {
        Config {
            root: root.to_path_buf(),
            title: String::new(),
            tagline: None,
            base_url: None,
            language: "fr".to_string(),
            licence: None,
            contact_email: None,
            authority: Authority {
                name: String::new(),
                kind: AuthorityKind::Other,
                siren: None,
                siret: None,
                insee: None,
                slug: String::new(),
            },
            theme: ThemeSettings { name: "default".to_string(), ..ThemeSettings::default() },
            accessibility: Accessibility::default(),
            map_territory: None,
            raw_html: false,
            requests_contact: None,
            source,
            degraded: true,
        }
    }

    /// A diagnostic pointing at `key` (e.g. `["theme", "logo"]`) of `ouvert.toml`.
    pub fn diagnostic_at(&self, diagnostic: Diagnostic, key: &[&str]) -> Diagnostic {
        let d = diagnostic.file(CONFIG_FILE);
        match locate_key(&self.source, key) {
            Some((line, col)) => d.at(&self.source, line, col),
            None => d,
        }
    }
}

/// Fails with a usage error when `root` is not a portal folder.
pub fn ensure_portal(root: &Path) -> anyhow::Result<()> {
    if root.join(CONFIG_FILE).is_file() {
        return Ok(());
    }
    if !root.is_dir() {
        anyhow::bail!("the portal folder {} does not exist", root.display());
    }
    anyhow::bail!(
        "{} is not a portal folder: it has no {CONFIG_FILE} (create a portal with `ouvert new {}`)",
        root.display(),
        root.display()
    )
}

/// toml's own message, without its snippet (we render ours).
fn toml_message(e: &toml::de::Error) -> String {
    let message = e.message().trim_end();
    match message.strip_prefix("unknown field ") {
        Some(rest) => format!("unknown key {rest}"),
        None => message.to_string(),
    }
}

fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let unknown = rest.split('`').next()?;
    let expected = rest.split_once("expected")?.1;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    Some(match crate::util::text::closest(unknown, &candidates) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "the keys of ouvert.toml are listed in docs/portal-format.md".to_string(),
    })
}

pub fn not_utf8(file: &str, e: crate::util::fs::TextError) -> Diagnostic {
    let crate::util::fs::TextError::NotUtf8 { line, column, byte } = e;
    Diagnostic::error(format!(
        "{file} is not valid UTF-8 text (byte 0x{byte:02X} at line {line}, column {column})"
    ))
    .file(file)
    .line(line)
    .hint("save the file as UTF-8 in your editor (\"Enregistrer sous…\", encoding UTF-8)")
}

fn resolve(root: &Path, raw: RawConfig, source: String, diagnostics: &mut Diagnostics) -> Config {
    let mut report = |message: String, hint: Option<String>, span: std::ops::Range<usize>| {
        let mut d = located(&source, Diagnostic::error(message), span);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        diagnostics.push(d);
    };

    let base_url = raw.base_url.and_then(|v| {
        let span = v.span();
        match normalise_base_url(v.get_ref()) {
            Some(url) => Some(url),
            None => {
                report(
                    format!("`base_url` must be a web address starting with https:// or http://, not `{}`", v.get_ref()),
                    Some("for example base_url = \"https://donnees.example.fr/\"".into()),
                    span,
                );
                None
            }
        }
    });

    let language = match raw.language {
        Some(v) => {
            let lang = v.get_ref().trim().to_lowercase();
            if lang.len() >= 2
                && lang.len() <= 8
                && lang.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            {
                lang
            } else {
                report(
                    format!(
                        "`language` must be a language code such as \"fr\" or \"en\", not `{}`",
                        v.get_ref()
                    ),
                    None,
                    v.span(),
                );
                "fr".to_string()
            }
        }
        None => "fr".to_string(),
    };

    let licence = raw.licence.and_then(|v| match vocab::licence(v.get_ref()) {
        Some(l) => Some(l),
        None => {
            report(
                format!("unknown licence `{}`", v.get_ref()),
                Some(format!("use one of {}", vocab::licence_ids())),
                v.span(),
            );
            None
        }
    });

    let contact_email = raw.contact.and_then(|v| {
        let email = v.get_ref().trim();
        if is_email(email) {
            Some(email.to_string())
        } else {
            report(
                format!("`contact` must be an e-mail address, not `{}`", v.get_ref()),
                None,
                v.span(),
            );
            None
        }
    });

    let authority_raw = raw.authority;
    let kind = AuthorityKind::parse(authority_raw.kind.get_ref()).unwrap_or_else(|| {
        report(
            format!("unknown authority kind `{}`", authority_raw.kind.get_ref()),
            Some("use commune, epci, departement, region or other".into()),
            authority_raw.kind.span(),
        );
        AuthorityKind::Other
    });
    let siren = authority_raw.siren.and_then(|v| {
        check_company_id(v.get_ref(), 9, "siren")
            .map_err(|m| report(m, None, v.span()))
            .ok()
    });
    let siret = authority_raw.siret.and_then(|v| {
        check_company_id(v.get_ref(), 14, "siret")
            .map_err(|m| report(m, None, v.span()))
            .ok()
    });
    let insee = authority_raw.insee.and_then(|v| {
        let code = v.get_ref().trim().to_uppercase();
        if is_insee_code(&code) {
            Some(code)
        } else {
            report(
                format!("`insee` must be a code of the Code officiel géographique (5 characters, such as 35238 or 2A004), not `{}`", v.get_ref()),
                None,
                v.span(),
            );
            None
        }
    });
    let slug = match authority_raw.slug {
        Some(v) => {
            let slug = slugify(v.get_ref());
            if slug != *v.get_ref() {
                report(
                    format!(
                        "`slug` may only hold lower-case letters, digits and hyphens: `{}`",
                        v.get_ref()
                    ),
                    Some(format!("write slug = \"{slug}\"")),
                    v.span(),
                );
            }
            slug
        }
        None => slugify(&authority_raw.name),
    };

    let theme_name = match raw.theme.name {
        Some(v) => {
            let name = v.get_ref().trim().to_string();
            if name == "default" || root.join("themes").join(&name).is_dir() {
                name
            } else {
                report(
                    format!(
                        "unknown theme `{name}`: there is no folder themes/{name}/ in the portal"
                    ),
                    Some("use \"default\" or create the folder".into()),
                    v.span(),
                );
                "default".to_string()
            }
        }
        None => "default".to_string(),
    };
    let logo = raw.theme.logo.and_then(|v| {
        let path = v.get_ref().trim().trim_start_matches("./").to_string();
        match static_image(root, &path) {
            Ok(()) => Some(path),
            Err(reason) => {
                report(format!("logo `{path}` {reason}"), None, v.span());
                None
            }
        }
    });
    let mut color = |key: &str, value: Option<Spanned<String>>| {
        value.and_then(|v| {
            let color = v.get_ref().trim().to_lowercase();
            if crate::util::color::Rgb::parse(&color).is_some() {
                Some(color)
            } else {
                report(
                    format!(
                        "`{key}` must be a colour written #rrggbb or #rgb, not `{}`",
                        v.get_ref()
                    ),
                    Some(format!("for example {key} = \"#0b5c6b\"")),
                    v.span(),
                );
                None
            }
        })
    };
    let main_color_span = raw.theme.main_color.as_ref().map(Spanned::span);
    let header_color_span = raw.theme.header_color.as_ref().map(Spanned::span);
    let main_color = color("main_color", raw.theme.main_color);
    let header_color = color("header_color", raw.theme.header_color);
    let footer_links = raw
        .theme
        .footer_links
        .into_iter()
        .filter_map(|link| {
            let url = link.url.get_ref().trim();
            if is_external_url(url) {
                Some(ExternalLink { title: link.title, url: url.to_string() })
            } else {
                report(
                    format!(
                        "the footer link `{}` must lead to a web address (https://…) or an e-mail address (mailto:…), not `{url}`",
                        link.title
                    ),
                    Some("a page of the portal goes in the footer with `menu: footer` in its front matter".into()),
                    link.url.span(),
                );
                None
            }
        })
        .collect();
    let accessibility = resolve_accessibility(raw.accessibility, &mut report);
    let map_territory = raw.map.territory.and_then(|v| {
        let path = v.get_ref().trim().trim_start_matches("./").to_string();
        let geojson = path.ends_with(".geojson") || path.ends_with(".json");
        match portal_file(root, &path) {
            Ok(()) if geojson => Some(path),
            Ok(()) => {
                report(
                    format!("the territory `{path}` must be a GeoJSON file (.geojson)"),
                    None,
                    v.span(),
                );
                None
            }
            Err(reason) => {
                report(format!("the territory `{path}` {reason}"), None, v.span());
                None
            }
        }
    });
    let requests_contact = raw.requests.contact.and_then(|v| {
        let value = v.get_ref().trim();
        let reach = Reach::parse(value);
        if reach.is_none() {
            report(
                format!("`requests.contact` must be an e-mail address or the web address of a form (https://…), not `{value}`"),
                None,
                v.span(),
            );
        }
        reach
    });
    let contrast_warnings = [
        main_color
            .as_deref()
            .and_then(main_color_contrast)
            .zip(main_color_span),
        header_color
            .as_deref()
            .and_then(header_color_contrast)
            .zip(header_color_span),
    ];
    for (warning, span) in contrast_warnings.into_iter().flatten() {
        diagnostics.push(located(&source, warning, span));
    }

    Config {
        root: root.to_path_buf(),
        title: raw.title,
        tagline: raw.tagline,
        base_url,
        language,
        licence,
        contact_email,
        authority: Authority { name: authority_raw.name, kind, siren, siret, insee, slug },
        theme: ThemeSettings {
            name: theme_name,
            logo,
            main_color,
            header_color,
            footer_links,
        },
        accessibility,
        map_territory,
        raw_html: raw.markdown.raw_html,
        requests_contact,
        source,
        degraded: false,
    }
}

/// `diagnostic` pointed at the byte `span` of `ouvert.toml`.
fn located(source: &str, diagnostic: Diagnostic, span: std::ops::Range<usize>) -> Diagnostic {
    let (line, col) = line_col(source, span.start);
    diagnostic.file(CONFIG_FILE).at(source, line, col)
}

fn resolve_accessibility(
    raw: RawAccessibility,
    report: &mut impl FnMut(String, Option<String>, std::ops::Range<usize>),
) -> Accessibility {
    let status = raw.status.as_ref().map_or(Conformity::None, |v| {
        Conformity::parse(v.get_ref()).unwrap_or_else(|| {
            report(
                format!("unknown accessibility status `{}`", v.get_ref()),
                Some(
                    "use full, partial or none (totalement, partiellement or non conforme)".into(),
                ),
                v.span(),
            );
            Conformity::None
        })
    });
    let audit_date = raw.audit_date.and_then(|v| {
        let text = match v.get_ref() {
            toml::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let date = text.trim().parse::<jiff::civil::Date>().ok();
        if date.is_none() {
            report(
                format!("`audit_date` must be a date such as 2026-11-28, not `{text}`"),
                None,
                v.span(),
            );
        }
        date
    });
    let rate = raw.rate.and_then(|v| {
        let rate = *v.get_ref();
        if (0.0..=100.0).contains(&rate) {
            Some(rate)
        } else {
            report(
                format!(
                    "`rate` is a percentage of the RGAA criteria met, between 0 and 100, not {rate}"
                ),
                None,
                v.span(),
            );
            None
        }
    });
    // The RGAA lets a site claim some conformity only from an audit.
    if audit_date.is_none()
        && let Some(v) = raw.status.as_ref().filter(|_| status != Conformity::None)
    {
        report(
            format!(
                "an accessibility status of `{}` needs the audit that measured it",
                v.get_ref()
            ),
            Some("add the date of the audit (audit_date = 2026-11-28) and the share of criteria met (rate = 75.5); without an audit the status is none".into()),
            v.span(),
        );
    }
    let contact = raw.contact.and_then(|v| {
        let value = v.get_ref().trim();
        let reach = Reach::parse(value);
        if reach.is_none() {
            report(
                format!("`contact` must be an e-mail address or a web address (https://…), not `{value}`"),
                None,
                v.span(),
            );
        }
        reach
    });
    let plan_url = raw.plan_url.and_then(|v| {
        let value = v.get_ref().trim();
        if is_web_url(value) {
            Some(value.to_string())
        } else {
            report(
                format!("`plan_url` must be a web address (https://…), not `{value}`"),
                None,
                v.span(),
            );
            None
        }
    });
    Accessibility {
        status: if audit_date.is_some() {
            status
        } else {
            Conformity::None
        },
        rate,
        audit_date,
        auditor: raw.auditor,
        non_compliant: raw.non_compliant,
        disproportionate_burden: raw.disproportionate_burden,
        exempt: raw.exempt,
        environment: raw.environment,
        pages: raw.pages,
        contact,
        plan_url,
    }
}

/// The default theme writes buttons in white on the main colour, and links
/// in a darker shade of it on white: a light colour makes both unreadable.
fn main_color_contrast(hex: &str) -> Option<Diagnostic> {
    use crate::util::color::{AA_TEXT, BLACK, Rgb, WHITE};
    let color = Rgb::parse(hex)?;
    let contrast = color.contrast(WHITE);
    if contrast >= AA_TEXT {
        return None;
    }
    let darker = (1..=20)
        .map(|step| color.mix(1.0 - f64::from(step) * 0.05, BLACK))
        .find(|shade| shade.contrast(WHITE) >= AA_TEXT)
        .unwrap_or(BLACK);
    Some(
        Diagnostic::warning(format!(
            "`main_color` {hex} is too light for white text: the buttons' contrast would be {contrast:.1}:1, and accessibility rules (RGAA, WCAG AA) ask at least 4.5:1"
        ))
        .hint(format!(
            "use a darker shade of it, such as main_color = \"{}\"",
            darker.hex()
        )),
    )
}

/// The header's text is white or near-black, whichever reads best on
/// `header_color`; a mid-tone may leave neither readable.
fn header_color_contrast(hex: &str) -> Option<Diagnostic> {
    use crate::util::color::{AA_TEXT, Rgb, text_color_on};
    let (_, contrast) = text_color_on(Rgb::parse(hex)?);
    (contrast < AA_TEXT).then(|| {
        Diagnostic::warning(format!(
            "`header_color` {hex} leaves the header's text hard to read: its contrast would be {contrast:.1}:1, and accessibility rules (RGAA, WCAG AA) ask at least 4.5:1"
        ))
        .hint("use a clearly darker or lighter colour")
    })
}

/// Whether `url` leads to another site or writes an e-mail: the only links
/// a portal's settings may add.
fn is_external_url(url: &str) -> bool {
    is_web_url(url) || url.strip_prefix("mailto:").is_some_and(is_email)
}

/// An `http://` or `https://` address with a host.
pub fn is_web_url(url: &str) -> bool {
    url.strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .is_some_and(|rest| {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !url.contains(char::is_whitespace)
        })
}

/// Where to write to someone: an e-mail address or a web page (a form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Email(String),
    Web(String),
}

impl Reach {
    /// An e-mail address (with or without `mailto:`) or a web address.
    pub fn parse(value: &str) -> Option<Reach> {
        let address = value.strip_prefix("mailto:").unwrap_or(value);
        if is_email(address) {
            Some(Reach::Email(address.to_string()))
        } else if is_web_url(value) {
            Some(Reach::Web(value.to_string()))
        } else {
            None
        }
    }
}

/// Checks that `path` names an image of the portal's `static/` folder,
/// which is what gets published.
pub fn static_image(root: &Path, path: &str) -> Result<(), &'static str> {
    if !path.starts_with("static/") {
        return Err("must be a file of the static/ folder, such as static/logo.svg");
    }
    portal_file(root, path)
}

/// Checks that `path` names an existing file inside the portal.
pub fn portal_file(root: &Path, path: &str) -> Result<(), &'static str> {
    let relative = Path::new(path);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err("must be a path inside the portal folder, such as static/logo.svg");
    }
    let path = root.join(relative);
    if !path.is_file() {
        Err("does not exist in the portal folder")
    } else if !crate::util::fs::resolves_inside(root, &path) {
        Err("is a link to a file outside the portal folder")
    } else {
        Ok(())
    }
}

fn normalise_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    if host.is_empty() || url.contains(['?', '#', ' ']) {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.contains(char::is_whitespace)
        && !domain.contains('@')
}

pub fn is_insee_code(code: &str) -> bool {
    code.len() == 5
        && (code.bytes().all(|b| b.is_ascii_digit())
            || (code.starts_with("2A") || code.starts_with("2B"))
                && code[2..].bytes().all(|b| b.is_ascii_digit()))
}

/// Checks a SIREN (9 digits) or SIRET (14 digits) and its Luhn key; spaces
/// are allowed and removed. La Poste's establishments are the documented
/// exception: besides its head office, their SIRET digits sum to a multiple
/// of 5 instead.
pub fn check_company_id(value: &str, digits: usize, name: &str) -> Result<String, String> {
    let id: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if id.len() != digits || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{name}` must have {digits} digits, not `{value}`"));
    }
    let la_poste = digits == 14 && id.starts_with("356000000");
    let valid =
        luhn(&id) || (la_poste && id.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0);
    if valid {
        Ok(id)
    } else {
        Err(format!(
            "`{name}` {value} is not a valid {}: its check digit is wrong (a typing mistake?)",
            name.to_uppercase()
        ))
    }
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d = d * 2;
                if d > 9 { d - 9 } else { d }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::new();
        let config = Config::parse(
            Path::new("/nonexistent"),
            text.to_string(),
            &mut diagnostics,
        );
        (config, diagnostics.into_sorted())
    }

    const MINIMAL: &str =
        "title = \"T\"\n[authority]\nname = \"Commune de Clairval\"\nkind = \"commune\"\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let (config, diagnostics) = parse(MINIMAL);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.language, "fr");
        assert_eq!(config.authority.slug, "commune-de-clairval");
        assert_eq!(config.theme.name, "default");
        assert!(!config.degraded);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let (config, diagnostics) = parse(&format!("{MINIMAL}colour = \"red\"\n"));
        assert!(config.degraded);
        let d = &diagnostics[0];
        assert_eq!(
            d.message,
            "unknown key `colour`, expected one of `name`, `kind`, `siren`, `siret`, `insee`, `slug`"
        );
        assert_eq!(
            (d.file.as_deref(), d.line, d.column),
            (Some("ouvert.toml"), Some(5), Some(1))
        );
    }

    #[test]
    fn semantic_errors_are_all_reported() {
        let text = "title = \"T\"\nbase_url = \"donnees.fr\"\nlicence = \"cc-by-99\"\ncontact = \"nobody\"\n[authority]\nname = \"X\"\nkind = \"village\"\nsiren = \"219999993\"\n[theme]\nmain_color = \"blue\"\n";
        let (config, diagnostics) = parse(text);
        let lines: Vec<_> = diagnostics.iter().map(|d| d.line.unwrap()).collect();
        assert_eq!(lines, vec![2, 3, 4, 7, 8, 10]);
        assert!(config.licence.is_none());
        assert_eq!(
            diagnostics[4].message,
            "`siren` 219999993 is not a valid SIREN: its check digit is wrong (a typing mistake?)"
        );
    }

    #[test]
    fn company_ids() {
        assert_eq!(
            check_company_id("219 999 992", 9, "siren"),
            Ok("219999992".into())
        );
        assert!(check_company_id("21999999200015", 14, "siret").is_ok());
        // La Poste: its head office passes Luhn, its other establishments
        // have digits summing to a multiple of 5.
        assert!(check_company_id("35600000000048", 14, "siret").is_ok());
        assert!(check_company_id("35600000000047", 14, "siret").is_ok());
        assert!(check_company_id("35600000000046", 14, "siret").is_err());
        assert!(check_company_id("1234", 9, "siren").is_err());
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            normalise_base_url("https://a.example").as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(
            normalise_base_url("https://a.example/sub/").as_deref(),
            Some("https://a.example/sub/")
        );
        assert_eq!(normalise_base_url("a.example"), None);
        assert_eq!(normalise_base_url("https:///x"), None);
    }
}
