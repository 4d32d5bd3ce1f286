//! The theme: templates, static files and interface strings, from three
//! layers, each overriding the one before file by file:
//!
//! 1. the default theme, embedded in the binary (read from disk in debug
//!    builds, so theme work needs no recompilation);
//! 2. the portal's theme `themes/<name>/`, when `theme.name` names one;
//! 3. the portal's `templates/` and `i18n/` folders.
//!
//! A portal therefore changes one template or one string without copying
//! the rest, and keeps working when ouvert's theme improves.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rust_embed::RustEmbed;

use super::i18n::{Lang, LangFile};
use crate::config::{Config, ThemeSettings};
use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// The style sheet made from the colours of `[theme]` in `ouvert.toml`,
/// published beside the theme's own.
pub const GENERATED_CSS: &str = "theme.css";

pub fn has_generated_css(settings: &ThemeSettings) -> bool {
    settings.main_color.is_some() || settings.header_color.is_some()
}

/// The custom properties the default style sheet reads, set from the
/// portal's colours; `None` when the portal sets none.
pub fn generated_css(settings: &ThemeSettings) -> Option<String> {
    if !has_generated_css(settings) {
        return None;
    }
    let mut css = String::from("/* Generated from [theme] in ouvert.toml. */\n:root {\n");
    if let Some(color) = &settings.main_color {
        css.push_str(&format!("  --accent: {color};\n"));
    }
    if let Some(color) = &settings.header_color
        && let Some(background) = crate::util::color::Rgb::parse(color)
    {
        let (text, _) = crate::util::color::text_color_on(background);
        css.push_str(&format!(
            "  --header-background: {color};\n  --header-text: {text};\n  --header-muted: {text};\n  --header-accent: {text};\n"
        ));
    }
    css.push_str("}\n");
    Some(css)
}

/// The language every theme is complete in; fills the gaps of others.
const FALLBACK_LANGUAGE: &str = "en";

/// Where to find theme files for a portal.
#[derive(Debug, Clone)]
pub struct ThemeLayers {
    /// `themes/<name>/` of the portal, when the theme is not the default.
    custom: Option<PathBuf>,
    /// The portal folder.
    portal: PathBuf,
}

/// A theme file found in one of the layers.
pub struct ThemeFile {
    pub bytes: Cow<'static, [u8]>,
    /// For messages: `templates/x.html`, `themes/t/templates/x.html`, or
    /// the default theme's path.
    pub origin: String,
}

impl ThemeLayers {
    pub fn new(config: &Config) -> ThemeLayers {
        let custom = (config.theme.name != "default")
            .then(|| config.root.join("themes").join(&config.theme.name));
        ThemeLayers { custom, portal: config.root.clone() }
    }

    /// A template by name (`base.html`, `partials/card.html`).
    pub fn template(&self, name: &str) -> Option<ThemeFile> {
        let relative = safe_relative(name)?;
        if let Some(file) = read_portal_file(&self.portal, &Path::new("templates").join(&relative))
        {
            return Some(file);
        }
        if let Some(custom) = &self.custom
            && let Some(file) = read_portal_file(
                &self.portal,
                &custom
                    .strip_prefix(&self.portal)
                    .ok()?
                    .join("templates")
                    .join(&relative),
            )
        {
            return Some(file);
        }
        embedded(&format!("templates/{name}"))
    }

    /// Static files of the theme (`style.css`…) by name, custom ones
    /// overriding default ones.
    pub fn static_files(&self) -> BTreeMap<String, ThemeFile> {
        let mut files = BTreeMap::new();
        for path in DefaultTheme::iter() {
            if let Some(name) = path.strip_prefix("static/")
                && let Some(file) = embedded(&path)
            {
                files.insert(name.to_string(), file);
            }
        }
        if let Some(custom) = &self.custom {
            let dir = custom.join("static");
            for entry in walkdir::WalkDir::new(&dir)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(&dir) else {
                    continue;
                };
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if name.split('/').any(|part| part.starts_with('.')) {
                    continue;
                }
                let portal_relative = entry
                    .path()
                    .strip_prefix(&self.portal)
                    .unwrap_or(entry.path());
                if let Some(file) = read_portal_file(&self.portal, portal_relative) {
                    files.insert(name, file);
                }
            }
        }
        files
    }

    /// The interface strings for `code`, merged from every layer; problems
    /// are reported against `ouvert.toml`'s `language` or the i18n file.
    pub fn lang(&self, config: &Config, diagnostics: &mut Diagnostics) -> Lang {
        let fallback = self
            .merged(FALLBACK_LANGUAGE, None, diagnostics)
            .0
            .expect("the default theme has English strings");
        let code = &config.language;
        if code == FALLBACK_LANGUAGE {
            return fallback;
        }
        match self.merged(code, Some(&fallback), diagnostics) {
            (Some(lang), missing) => {
                if !missing.is_empty() {
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "the interface strings for `{code}` lack {} keys, shown in English: {}",
                            missing.len(),
                            missing.join(", ")
                        ))
                        .file(format!("i18n/{code}.toml"))
                        .hint("copy the missing keys from the default theme's i18n/en.toml and translate them"),
                    );
                }
                lang
            }
            (None, _) => {
                diagnostics.push(
                    config
                        .diagnostic_at(
                            Diagnostic::error(format!("no interface strings for the language `{code}`")),
                            &["language"],
                        )
                        .hint(format!(
                            "use one of {}, or add the file i18n/{code}.toml to the portal (translate the default theme's i18n/en.toml)",
                            self.languages().join(", ")
                        )),
                );
                fallback
            }
        }
    }

    fn merged(
        &self,
        code: &str,
        fallback: Option<&Lang>,
        diagnostics: &mut Diagnostics,
    ) -> (Option<Lang>, Vec<String>) {
        let file_name = format!("{code}.toml");
        let mut sources = Vec::new();
        if let Some(file) = embedded(&format!("i18n/{file_name}")) {
            sources.push(file);
        }
        if let Some(custom) = &self.custom
            && let Ok(relative) = custom.strip_prefix(&self.portal)
            && let Some(file) =
                read_portal_file(&self.portal, &relative.join("i18n").join(&file_name))
        {
            sources.push(file);
        }
        if let Some(file) = read_portal_file(&self.portal, &Path::new("i18n").join(&file_name)) {
            sources.push(file);
        }
        if sources.is_empty() {
            return (None, Vec::new());
        }
        let mut files = Vec::new();
        for source in sources {
            let parsed = std::str::from_utf8(&source.bytes)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    toml::from_str::<LangFile>(text).map_err(|e| e.message().to_string())
                });
            match parsed {
                Ok(file) => files.push(file),
                Err(message) => diagnostics.push(Diagnostic::error(message).file(source.origin)),
            }
        }
        match Lang::merge(code, files, fallback) {
            Ok((lang, missing)) => (Some(lang), missing),
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "the interface strings for `{code}` are incomplete: {message}"
                    ))
                    .file(format!("i18n/{file_name}")),
                );
                (None, Vec::new())
            }
        }
    }

    /// Languages with strings in the default theme or the portal.
    pub fn languages(&self) -> Vec<String> {
        let mut codes: Vec<String> = DefaultTheme::iter()
            .filter_map(|p| {
                p.strip_prefix("i18n/")
                    .and_then(|n| n.strip_suffix(".toml"))
                    .map(str::to_string)
            })
            .collect();
        codes.sort();
        codes
    }
}

fn embedded(path: &str) -> Option<ThemeFile> {
    DefaultTheme::get(path)
        .map(|file| ThemeFile { bytes: file.data, origin: format!("(default theme) {path}") })
}

/// Reads `relative` (relative to the portal) if it is a file of the
/// portal: a link to a file elsewhere is not read, or a template could
/// publish a server's files.
fn read_portal_file(portal: &Path, relative: &Path) -> Option<ThemeFile> {
    let path = portal.join(relative);
    if !path.is_file() || !crate::util::fs::resolves_inside(portal, &path) {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    Some(ThemeFile {
        bytes: Cow::Owned(bytes),
        origin: relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    })
}

/// A template name as a relative path that cannot leave its folder.
fn safe_relative(name: &str) -> Option<PathBuf> {
    let path = Path::new(name);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}
