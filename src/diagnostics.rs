//! Problems found in the user's portal, collected and reported together.
//!
//! A [`Diagnostic`] is about the *content* (a front matter field, a data file,
//! a template): it names the file, line and column and says how to fix it.
//! Plumbing failures (cannot write the output folder, …) are `anyhow` errors
//! instead. Every stage pushes diagnostics and carries on, so one build shows
//! every problem; the build only refuses to publish at the end.

use std::fmt::Write as _;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the portal folder, with `/` separators.
    pub file: Option<String>,
    /// 1-based.
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of `line`, kept so the report can quote it without reading
    /// the file again (it may have changed since).
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at a line (and column) of `source`, the full text of the file,
    /// quoting that line in the report.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Points at a line without quoting it (the text is not at hand).
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        })
    }

    /// Renders the diagnostic the way compilers do:
    ///
    /// ```text
    /// error: unknown field `colour`
    ///  --> ouvert.toml:7:1
    ///   |
    /// 7 | colour = "blue"
    ///   | ^
    ///   = hint: …
    /// ```
    pub fn render(&self) -> String {
        let mut out = format!("{}: {}\n", self.severity.as_str(), self.message);
        let gutter = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = self.location() {
            let _ = writeln!(out, "{pad}--> {location}");
        }
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let text = text.replace('\t', "    ");
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line} | {text}");
            if let Some(column) = self.column {
                let _ = writeln!(out, "{pad} | {}^", " ".repeat(column - 1));
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = hint: {hint}");
        }
        out
    }
}

/// Diagnostics of one run, in the order files are read.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// What `stage` says, on its own: for stages run side by side, whose
    /// problems are then gathered in a fixed order.
    pub fn of(stage: impl FnOnce(&mut Diagnostics) -> anyhow::Result<()>) -> anyhow::Result<Self> {
        let mut diagnostics = Diagnostics::new();
        stage(&mut diagnostics).map(|()| diagnostics)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file then position, so reports are stable whatever the
    /// order in which parallel stages finished.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// Prints diagnostics on stderr, in the order given.
pub fn print(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.render());
    }
}

/// A plumbing failure and its causes, one per line, as every command and
/// the preview's error panel show it.
pub fn error_chain(error: &anyhow::Error) -> String {
    let mut text = format!("error: {error}\n");
    for cause in error.chain().skip(1) {
        let _ = writeln!(text, "  caused by: {cause}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_snippet_with_caret_and_hint() {
        let source = "title = \"x\"\ncolour = \"blue\"\n";
        let d = Diagnostic::error("unknown key `colour`")
            .file("ouvert.toml")
            .at(source, 2, 3)
            .hint("did you mean `theme.main_color`?");
        assert_eq!(
            d.render(),
            "error: unknown key `colour`\n --> ouvert.toml:2:3\n  |\n2 | colour = \"blue\"\n  |   ^\n  = hint: did you mean `theme.main_color`?\n"
        );
    }

    #[test]
    fn renders_file_only() {
        let d = Diagnostic::warning("no data file").file("datasets/x");
        assert_eq!(d.render(), "warning: no data file\n --> datasets/x\n");
    }
}
