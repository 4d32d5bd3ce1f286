//! Splitting a Markdown file into front matter and body, and parsing the
//! front matter (YAML between `---` lines or TOML between `+++` lines) with
//! positions that refer to the whole file.

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::util::text::line_col;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// A Markdown file of the portal, split.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the portal folder, `/`-separated.
    pub path: String,
    /// The whole file, BOM removed.
    pub text: String,
    pub format: Format,
    /// Byte range of the front matter inside `text`.
    front: std::ops::Range<usize>,
    /// 1-based line of the first front matter line in `text`.
    pub front_line: usize,
    /// Byte offset of the body inside `text`.
    body_start: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

impl Document {
    /// Splits `text`. The error names the problem; the caller adds the file.
    pub fn split(path: &str, text: String) -> Result<Document, Box<Diagnostic>> {
        let (format, fence) = if first_line(&text) == "---" {
            (Format::Yaml, "---")
        } else if first_line(&text) == "+++" {
            (Format::Toml, "+++")
        } else {
            return Err(Box::new(Diagnostic::error(format!("{path} has no front matter"))
                .file(path)
                .at(&text, 1, 1)
                .hint("start the file with a line `---`, then `title: …`, then a line `---`, then the description")));
        };
        let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
        let mut offset = front_start;
        let mut closing = None;
        for line in text[front_start..].split_inclusive('\n') {
            let bare = line.trim_end_matches(['\n', '\r']).trim_end();
            if bare == fence || (format == Format::Yaml && bare == "...") {
                closing = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let Some((front_end, body_start)) = closing else {
            return Err(Box::new(
                Diagnostic::error(format!(
                    "the front matter of {path} is not closed: no line `{fence}` after the first one"
                ))
                .file(path)
                .at(&text, 1, 1)
                .hint(format!("add a line `{fence}` after the last field")),
            ));
        };
        let body_line = line_col(&text, body_start).0;
        Ok(Document {
            path: path.to_string(),
            format,
            front: front_start..front_end,
            front_line: 2,
            body_start,
            body_line,
            text,
        })
    }

    pub fn front_matter(&self) -> &str {
        &self.text[self.front.clone()]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Parses the front matter into `T`, reporting the parser's error at its
    /// place in the whole file.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Box<Diagnostic>> {
        let front = self.front_matter();
        // An empty YAML document is "null", which would hide the message
        // that says which field is required.
        let front = if front.trim().is_empty() { "{}" } else { front };
        let result = match self.format {
            Format::Yaml => serde_saphyr::from_str_with_options::<T>(front, yaml_options())
                .map_err(|e| {
                    let location = e
                        .location()
                        .map(|l| (l.line() as usize, l.column() as usize));
                    (yaml_message(&e), location)
                }),
            Format::Toml => toml::from_str::<T>(front).map_err(|e| {
                let location = e.span().map(|s| line_col(front, s.start));
                (toml_message(&e), location)
            }),
        };
        result.map_err(|(message, location)| {
            let (message, hint) = explain(message);
            Box::new(self.error_at(message, hint, location))
        })
    }

    /// A parser error at `location` (line and column inside the front matter).
    fn error_at(
        &self,
        message: String,
        hint: Option<String>,
        location: Option<(usize, usize)>,
    ) -> Diagnostic {
        let mut d = Diagnostic::error(message).file(&self.path);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        match location {
            Some((line, column)) if line > 0 => {
                d.at(&self.text, line + self.front_line - 1, column)
            }
            _ => d.line(self.front_line),
        }
    }

    /// A diagnostic pointing at a key of the front matter (found by
    /// searching the text, since semantic checks run after parsing).
    pub fn at_key(&self, diagnostic: Diagnostic, key: &[&str]) -> Diagnostic {
        let d = diagnostic.file(&self.path);
        match crate::util::text::locate_key(self.front_matter(), key) {
            Some((line, col)) => d.at(&self.text, line + self.front_line - 1, col),
            None => d.line(self.front_line),
        }
    }

    /// A diagnostic pointing at a byte offset of the body (a link in the
    /// Markdown).
    pub fn at_body_offset(&self, diagnostic: Diagnostic, offset: usize) -> Diagnostic {
        let (line, column) = crate::util::text::line_col(&self.text, self.body_start + offset);
        diagnostic.file(&self.path).at(&self.text, line, column)
    }

    /// A diagnostic pointing at a value written under a key, such as one
    /// `path` of the `resources` list.
    pub fn at_value(&self, diagnostic: Diagnostic, key: &[&str], value: &str) -> Diagnostic {
        let front = self.front_matter();
        let from = crate::util::text::locate_key(front, key).map_or(1, |(l, _)| l);
        let d = diagnostic.file(&self.path);
        match crate::util::text::locate_value(front, from, value) {
            Some((line, col)) => d.at(&self.text, line + self.front_line - 1, col),
            None => self.at_key(d, key),
        }
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end()
}

/// YAML the way editors mean it: `code_postal: 01000` stays the text
/// "01000" and `pays: NO` stays "NO" (YAML 1.1 would read 1000 and false),
/// and a key written twice is an error rather than a silent overwrite.
fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

fn yaml_message(e: &serde_saphyr::Error) -> String {
    use serde_saphyr::MessageFormatter;
    let message = serde_saphyr::UserMessageFormatter.format_message(e.without_snippet());
    let message: String = message.chars().filter(|c| !c.is_control()).collect();
    message.replace(", set DuplicateKeyPolicy in Options if acceptable", "")
}

fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim_end().to_string()
}

/// Makes parser messages speak to editors: the same wording for YAML and
/// TOML, plain words for parser jargon, and a hint with the usual fix.
fn explain(message: String) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let rest = add_backticks_to_expected(rest);
        let hint = unknown_field_hint(&rest);
        return (format!("unknown field {rest}"), hint);
    }
    let (message, hint): (&str, Option<&str>) = match message.as_str() {
        "expected string scalar" => ("expected a text here", None),
        "expected sequence start" => (
            "expected a list here",
            Some("write a list as [a, b] or as lines starting with `- `"),
        ),
        "expected mapping start" => (
            "expected fields here (`name: value` lines)",
            Some(
                "write fields as `name: value` lines indented under the key, or as { name: value, … }",
            ),
        ),
        "mapping values are not allowed in this context" => (
            "unexpected `:` in a value",
            Some(
                "write a text that contains `: ` between quotes, e.g. title: \"Budget : dépenses\"",
            ),
        ),
        m if m.starts_with("invalid boolean") => ("expected true or false here", None),
        m if m.contains("found a tab") => {
            (m, Some("YAML does not accept tabs: indent with spaces"))
        }
        m if m.starts_with("missing field `title`") => (
            m,
            Some("every front matter needs at least a line `title: …`"),
        ),
        _ => return (message, None),
    };
    (message.to_string(), hint.map(str::to_string))
}

/// "did you mean `licence`?" when the unknown field is a typing mistake.
fn unknown_field_hint(rest: &str) -> Option<String> {
    let unknown = rest.strip_prefix('`')?.split('`').next()?;
    let expected = rest.split_once("expected")?.1;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::util::text::closest(unknown, &candidates).map(|c| format!("did you mean `{c}`?"))
}

/// serde-saphyr lists expected fields without backticks
/// (`expected one of title, summary`); toml with them. Make both alike.
fn add_backticks_to_expected(rest: &str) -> String {
    let Some((head, list)) = rest.split_once(", expected one of ") else {
        return rest.to_string();
    };
    if list.starts_with('`') {
        return rest.to_string();
    }
    let list: Vec<String> = list.split(", ").map(|f| format!("`{f}`")).collect();
    format!("{head}, expected one of {}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        code: Option<String>,
    }

    #[test]
    fn splits_yaml_and_toml() {
        let doc = Document::split("a.md", "---\ntitle: A\n---\n\nBody\n".into()).unwrap();
        assert_eq!(doc.front_matter(), "title: A\n");
        assert_eq!(doc.body(), "\nBody\n");
        assert_eq!(doc.body_line, 4);
        let doc = Document::split("a.md", "+++\r\ntitle = 'A'\r\n+++\r\nBody".into()).unwrap();
        assert_eq!(doc.format, Format::Toml);
        assert_eq!(doc.body(), "Body");
    }

    #[test]
    fn reports_missing_and_unclosed_front_matter() {
        let e = Document::split("d/index.md", "# Title\n".into()).unwrap_err();
        assert_eq!(e.message, "d/index.md has no front matter");
        let e = Document::split("d/index.md", "---\ntitle: A\n".into()).unwrap_err();
        assert_eq!(
            e.message,
            "the front matter of d/index.md is not closed: no line `---` after the first one"
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let doc =
            Document::split("d/index.md", "---\ntitle: A\ncolour: red\n---\n".into()).unwrap();
        let e = doc.parse::<Meta>().unwrap_err();
        assert_eq!(
            e.message,
            "unknown field `colour`, expected one of `title`, `code`"
        );
        assert_eq!((e.line, e.column), (Some(3), Some(1)));
        assert_eq!(e.source_line.as_deref(), Some("colour: red"));
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let doc =
            Document::split("d/index.md", "+++\ntitle = 'A'\ncolour = 1\n+++\n".into()).unwrap();
        let e = doc.parse::<Meta>().unwrap_err();
        assert_eq!(
            e.message,
            "unknown field `colour`, expected `title` or `code`"
        );
        assert_eq!((e.line, e.column), (Some(3), Some(1)));
    }

    #[test]
    fn leading_zeros_stay_text() {
        let doc =
            Document::split("d/index.md", "---\ntitle: A\ncode: 01000\n---\n".into()).unwrap();
        assert_eq!(doc.parse::<Meta>().unwrap().code.as_deref(), Some("01000"));
    }

    #[test]
    fn empty_front_matter_names_the_required_field() {
        let doc = Document::split("d/index.md", "---\n---\n".into()).unwrap();
        assert_eq!(
            doc.parse::<Meta>().unwrap_err().message,
            "missing field `title`"
        );
    }
}
