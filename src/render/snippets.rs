//! "Use this data": code that reads a table of the portal in curl, Python
//! (pandas), R and JavaScript, with the file's real address, separator,
//! encoding and decimal mark, highlighted at build time by syntect's
//! grammars. Highlighting writes a handful of CSS classes (`hl-string`,
//! `hl-keyword`, `hl-constant`, `hl-function`, `hl-comment`, styled by the
//! theme) on flat spans rather than one span per grammar scope, so that a
//! dataset page stays light; pages need no script and no inline style.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::views::Views;
use crate::model::Resource;
use crate::util::url::public_url;
use crate::util::xml::escape;
use crate::validate::ResourceLocation;

/// The languages snippets are written in: the only ones ever highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Language {
    Shell,
    Python,
    R,
    JavaScript,
}

impl Language {
    /// How syntect's default syntaxes know it.
    fn extension(self) -> &'static str {
        match self {
            Language::Shell => "sh",
            Language::Python => "py",
            Language::R => "R",
            Language::JavaScript => "js",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Language::Shell => "shell",
            Language::Python => "python",
            Language::R => "r",
            Language::JavaScript => "javascript",
        }
    }
}

/// Stands for the file's address while the code is highlighted, so that
/// the highlighting of a snippet is computed once for every file that
/// reads the same way. A private-use character: no file address holds it
/// and no syntax gives it a meaning inside a string.
const URL: &str = "\u{E000}";

#[derive(Debug, Serialize)]
pub struct SnippetsView {
    /// What the snippets read, when it is not plainly the file: the CSV
    /// copy of a sheet, or addresses relative to a portal whose address
    /// is unknown.
    pub notes: Vec<String>,
    pub items: Vec<SnippetView>,
}

#[derive(Debug, Serialize)]
pub struct SnippetView {
    /// `shell`, `python`, `r` or `javascript`.
    pub language: &'static str,
    /// `curl`, `Python (pandas)`…
    pub label: String,
    /// The highlighted code: spans with `hl-` classes, printed with `|safe`.
    pub html: String,
}

/// How a table reads: what the snippets must pass to each reader.
struct Dialect<'a> {
    delimiter: char,
    /// An `encoding_rs` name (`UTF-8`, `windows-1252`).
    encoding: &'a str,
    decimal_comma: bool,
}

impl Views<'_> {
    /// Snippets for a local file with at least one table; `None` for other
    /// resources (documents, maps, links to other sites).
    pub fn snippets(&self, resource: &Resource) -> Option<SnippetsView> {
        let ResourceLocation::Local(_) = resource.meta.location else {
            return None;
        };
        let profile = resource.profile.as_ref()?;
        profile.tables.first()?;
        let download = resource.path.as_deref()?;
        let base_url = self.portal.config.base_url.as_deref();
        let lang = self.lang;
        let mut notes = Vec::new();
        // A delimited file is read as it is; a spreadsheet through the CSV
        // copy of its first sheet, which every reader opens without a
        // spreadsheet library.
        let (table_url, dialect) = match profile.delimiter {
            Some(delimiter) => (
                download.to_string(),
                Dialect {
                    delimiter,
                    encoding: profile.encoding.as_deref().unwrap_or("UTF-8"),
                    decimal_comma: profile.decimal_separator == Some(','),
                },
            ),
            None => {
                let copy = resource.normalized.first()?;
                notes.push(match &copy.table {
                    Some(sheet) => lang.t("snippets_sheet_copy").replace("{sheet}", sheet),
                    None => lang.t("snippets_copy").to_string(),
                });
                (
                    copy.csv.path.clone(),
                    Dialect { delimiter: ',', encoding: "UTF-8", decimal_comma: false },
                )
            }
        };
        if base_url.is_none() {
            notes.push(lang.t("snippets_no_base_url").to_string());
        }
        let address = |path: &str| escape(&quotable(&public_url(base_url, path)));
        let file_url = address(download);
        let table_url = address(&table_url);
        let json_url = resource
            .normalized
            .first()
            .map(|copy| address(&copy.json.path));

        let mut items = vec![
            snippet(
                Language::Shell,
                "curl".to_string(),
                &format!("curl -fLO '{URL}'\n"),
                &file_url,
            ),
            snippet(
                Language::Python,
                "Python (pandas)".to_string(),
                &python(&dialect),
                &table_url,
            ),
            snippet(Language::R, "R".to_string(), &r(&dialect), &table_url),
        ];
        if let Some(json_url) = json_url {
            let code = format!(
                "const response = await fetch(\"{URL}\");\nconst rows = await response.json();\n"
            );
            items.push(snippet(
                Language::JavaScript,
                lang.t("snippets_javascript").to_string(),
                &code,
                &json_url,
            ));
        }
        Some(SnippetsView { notes, items })
    }
}

fn snippet(language: Language, label: String, code: &str, url: &str) -> SnippetView {
    SnippetView {
        language: language.key(),
        label,
        html: highlight(language, code).replace(URL, url),
    }
}

fn python(dialect: &Dialect) -> String {
    let mut code = format!(
        "import pandas as pd\n\ndata = pd.read_csv(\n    \"{URL}\",\n    sep=\"{}\",\n    encoding=\"{}\",\n",
        escaped_delimiter(dialect.delimiter),
        python_encoding(dialect.encoding)
    );
    if dialect.decimal_comma {
        code.push_str("    decimal=\",\",\n");
    }
    code.push_str(")\n");
    code
}

fn r(dialect: &Dialect) -> String {
    let mut code = format!(
        "data <- read.csv(\n  \"{URL}\",\n  sep = \"{}\",\n",
        escaped_delimiter(dialect.delimiter)
    );
    if dialect.decimal_comma {
        code.push_str("  dec = \",\",\n");
    }
    code.push_str(&format!(
        "  fileEncoding = \"{}\"\n)\n",
        r_encoding(dialect.encoding)
    ));
    code
}

/// The delimiter inside a double-quoted string of Python or R.
fn escaped_delimiter(delimiter: char) -> String {
    match delimiter {
        '\t' => "\\t".to_string(),
        '"' => "\\\"".to_string(),
        '\\' => "\\\\".to_string(),
        other => other.to_string(),
    }
}

/// Python's codec for an `encoding_rs` name; UTF-8 as `utf-8-sig`, which
/// also drops the byte-order mark office software writes.
fn python_encoding(encoding: &str) -> String {
    match encoding {
        "UTF-8" => "utf-8-sig".to_string(),
        "windows-1252" => "cp1252".to_string(),
        other => other.to_lowercase(),
    }
}

/// R's `fileEncoding` (an iconv name) for an `encoding_rs` name.
fn r_encoding(encoding: &str) -> String {
    match encoding {
        "UTF-8" => "UTF-8-BOM".to_string(),
        "windows-1252" => "CP1252".to_string(),
        other => other.to_uppercase(),
    }
}

/// An address that no quote of the snippets' strings can end early.
fn quotable(url: &str) -> String {
    url.replace('"', "%22")
        .replace('\'', "%27")
        .replace('\\', "%5C")
        .replace('`', "%60")
}

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The highlighted HTML of `code`, computed once per build for each
/// distinct snippet (they differ only by dialect, the address aside).
fn highlight(language: Language, code: &str) -> String {
    type Cache = Mutex<HashMap<(Language, String), Arc<str>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let key = (language, code.to_string());
    if let Some(html) = cache.lock().expect("highlight cache").get(&key) {
        return html.to_string();
    }
    let html: Arc<str> = highlight_uncached(language, code).into();
    cache
        .lock()
        .expect("highlight cache")
        .insert(key, html.clone());
    html.to_string()
}

fn highlight_uncached(language: Language, code: &str) -> String {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_extension(language.extension())
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = Spans::default();
    for line in LinesWithEndings::from(code) {
        let Ok(operations) = state.parse_line(line, set) else {
            // Unhighlighted code reads the same.
            return escape(code);
        };
        let mut start = 0;
        for (position, operation) in operations {
            html.push(&line[start..position], class_of(&stack));
            if stack.apply(&operation).is_err() {
                return escape(code);
            }
            start = position;
        }
        html.push(&line[start..], class_of(&stack));
    }
    html.finish()
}

/// The theme's class for the innermost scope that has one: grammars name
/// scopes finely (`punctuation.definition.string.begin.python`), the page
/// needs five colours.
fn class_of(stack: &ScopeStack) -> Option<&'static str> {
    stack
        .as_slice()
        .iter()
        .rev()
        .find_map(|scope| class_of_scope(*scope))
}

fn class_of_scope(scope: Scope) -> Option<&'static str> {
    let name = scope.build_string();
    let is = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    if is("comment") {
        Some("hl-comment")
    } else if is("string") {
        Some("hl-string")
    } else if is("constant.numeric") || is("constant.language") || is("constant.character") {
        Some("hl-constant")
    } else if is("keyword.operator") || is("punctuation") {
        None
    } else if is("keyword") || is("storage") {
        Some("hl-keyword")
    } else if is("support.function") || is("entity.name.function") || is("variable.function") {
        Some("hl-function")
    } else {
        None
    }
}

/// HTML of text pieces, each in a span of its class, neighbours of the
/// same class merged.
#[derive(Default)]
struct Spans {
    html: String,
    open: Option<&'static str>,
}

impl Spans {
    fn push(&mut self, text: &str, class: Option<&'static str>) {
        if text.is_empty() {
            return;
        }
        if class != self.open {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(class) = class {
                self.html.push_str(&format!("<span class=\"{class}\">"));
            }
            self.open = class;
        }
        self.html.push_str(&escape(text));
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_syntax() {
        for language in [
            Language::Shell,
            Language::Python,
            Language::R,
            Language::JavaScript,
        ] {
            assert!(
                syntaxes()
                    .find_syntax_by_extension(language.extension())
                    .is_some(),
                "{language:?}"
            );
        }
    }

    #[test]
    fn french_office_files_read_with_their_dialect() {
        let dialect = Dialect {
            delimiter: ';',
            encoding: "windows-1252",
            decimal_comma: true,
        };
        assert_eq!(
            python(&dialect),
            "import pandas as pd\n\ndata = pd.read_csv(\n    \"\u{E000}\",\n    sep=\";\",\n    encoding=\"cp1252\",\n    decimal=\",\",\n)\n"
        );
        assert_eq!(
            r(&dialect),
            "data <- read.csv(\n  \"\u{E000}\",\n  sep = \";\",\n  dec = \",\",\n  fileEncoding = \"CP1252\"\n)\n"
        );
    }

    #[test]
    fn the_address_survives_highlighting() {
        let html = snippet(
            Language::Python,
            "Python".into(),
            &python(&Dialect { delimiter: '\t', encoding: "UTF-8", decimal_comma: false }),
            "https://d.example/a%20b.csv?x=1&amp;y=2",
        )
        .html;
        assert!(
            html.contains("https://d.example/a%20b.csv?x=1&amp;y=2"),
            "{html}"
        );
        assert_eq!(
            html,
            "<span class=\"hl-keyword\">import</span> pandas <span class=\"hl-keyword\">as</span> pd\n\ndata = pd.<span class=\"hl-function\">read_csv</span>(\n    <span class=\"hl-string\">&quot;https://d.example/a%20b.csv?x=1&amp;y=2&quot;</span>,\n    sep=<span class=\"hl-string\">&quot;</span><span class=\"hl-constant\">\\t</span><span class=\"hl-string\">&quot;</span>,\n    encoding=<span class=\"hl-string\">&quot;utf-8-sig&quot;</span>,\n)\n"
        );
    }
}
