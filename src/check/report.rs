//! The report of `ouvert check`, in the formats reviewers read it in: text
//! for people, JSON for tools (`docs/check.md`), and the annotation formats
//! of GitHub and GitLab, which show each problem on the changed line of a
//! merge request.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Checked;
use crate::diagnostics::{Diagnostic, Severity};
use crate::util::text::count;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Every problem with its place, the line quoted and a hint.
    Text,
    /// One JSON document (see docs/check.md).
    Json,
    /// GitHub Actions annotations, then the text report.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
}

/// The report in `format`. `prefix` is the portal folder's path in its
/// repository (`portal/`, or empty at the root): forges place annotations
/// by paths from the repository's root.
pub fn render(checked: &Checked, format: Format, prefix: &str) -> String {
    match format {
        Format::Text => text(checked),
        Format::Json => json(checked),
        Format::Github => {
            let mut out = String::new();
            for diagnostic in &checked.diagnostics {
                out.push_str(&github(diagnostic, prefix));
                out.push('\n');
            }
            out.push_str(&text(checked));
            out
        }
        Format::Gitlab => gitlab(checked, prefix),
    }
}

/// The line that ends every text report.
pub fn summary(checked: &Checked) -> String {
    let (errors, warnings) = (checked.errors(), checked.warnings());
    let files = {
        let mut files: Vec<&str> = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.file.as_deref())
            .collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    };
    let read = checked
        .datasets
        .map(|n| format!(" ({} read)", count(n, "dataset", "datasets")))
        .unwrap_or_default();
    match (errors, warnings) {
        (0, 0) => format!("ouvert check: no problems{read}"),
        (0, w) => format!(
            "ouvert check: {} in {}{read}",
            count(w, "warning", "warnings"),
            count(files, "file", "files")
        ),
        (e, 0) => format!(
            "ouvert check: {} in {}{read}",
            count(e, "error", "errors"),
            count(files, "file", "files")
        ),
        (e, w) => format!(
            "ouvert check: {} and {} in {}{read}",
            count(e, "error", "errors"),
            count(w, "warning", "warnings"),
            count(files, "file", "files")
        ),
    }
}

fn text(checked: &Checked) -> String {
    let mut out = String::new();
    for diagnostic in &checked.diagnostics {
        out.push_str(&diagnostic.render());
        out.push('\n');
    }
    out.push_str(&summary(checked));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Of this document's shape.
    version: u32,
    errors: usize,
    warnings: usize,
    datasets: Option<usize>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
    /// The text of `line`, as the text report quotes it.
    source_line: Option<&'a str>,
}

fn json(checked: &Checked) -> String {
    let report = JsonReport {
        version: 1,
        errors: checked.errors(),
        warnings: checked.warnings(),
        datasets: checked.datasets,
        diagnostics: checked
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                file: d.file.as_deref(),
                line: d.line,
                column: d.column,
                message: &d.message,
                hint: d.hint.as_deref(),
                source_line: d.source_line.as_deref(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// A GitHub Actions workflow command: `::error file=…,line=…::message`.
fn github(diagnostic: &Diagnostic, prefix: &str) -> String {
    let mut properties = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(format!(
            "file={}",
            github_property(&format!("{prefix}{file}"))
        ));
    }
    if let Some(line) = diagnostic.line {
        properties.push(format!("line={line}"));
    }
    if let Some(column) = diagnostic.column {
        properties.push(format!("col={column}"));
    }
    properties.push("title=ouvert".to_string());
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        let _ = write!(message, "\nhint: {hint}");
    }
    format!(
        "::{} {}::{}",
        diagnostic.severity.as_str(),
        properties.join(","),
        github_data(&message)
    )
}

/// Escapes a command's message, as the Actions toolkit does.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, as the Actions toolkit does.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct CodeQualityIssue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: CodeQualityLocation,
}

#[derive(Serialize)]
struct CodeQualityLocation {
    path: String,
    lines: CodeQualityLines,
}

#[derive(Serialize)]
struct CodeQualityLines {
    begin: usize,
}

/// A GitLab Code Quality report: problems without a file are given the
/// portal's configuration, since GitLab places every issue in a file.
fn gitlab(checked: &Checked, prefix: &str) -> String {
    let issues: Vec<CodeQualityIssue> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let path = format!(
                "{prefix}{}",
                d.file.as_deref().unwrap_or(crate::config::CONFIG_FILE)
            );
            let begin = d.line.unwrap_or(1);
            let mut description = d.message.clone();
            if let Some(hint) = &d.hint {
                let _ = write!(description, " (hint: {hint})");
            }
            // Stable across runs, so GitLab can tell new problems from old.
            let fingerprint = crate::util::hash::hex(&Sha256::digest(
                format!("{path}\n{begin}\n{}", d.message).as_bytes(),
            ));
            CodeQualityIssue {
                description,
                check_name: "ouvert",
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: CodeQualityLocation { path, lines: CodeQualityLines { begin } },
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}

/// The portal folder's path from the root of the git repository holding
/// it, with a final `/` (empty at the root or outside any repository).
pub fn repository_prefix(portal: &Path) -> String {
    let Ok(portal) = portal.canonicalize() else {
        return String::new();
    };
    let Some(root) = portal.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let relative: Vec<String> = portal
        .strip_prefix(root)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    relative.iter().map(|part| format!("{part}/")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked() -> Checked {
        let source = "---\ntitle: [Budget\n---\n";
        Checked {
            diagnostics: vec![
                Diagnostic::error("expected a text here, not a list")
                    .file("datasets/a,b/index.md")
                    .at(source, 2, 8)
                    .hint("write it between quotes: 100% \"sure\""),
                Diagnostic::warning("no `base_url`"),
            ],
            datasets: None,
        }
    }

    #[test]
    fn github_annotations_escape_what_the_runner_reads() {
        let report = render(&checked(), Format::Github, "portail/");
        let mut lines = report.lines();
        assert_eq!(
            lines.next(),
            Some(
                "::error file=portail/datasets/a%2Cb/index.md,line=2,col=8,title=ouvert::expected a text here, not a list%0Ahint: write it between quotes: 100%25 \"sure\""
            )
        );
        assert_eq!(lines.next(), Some("::warning title=ouvert::no `base_url`"));
        assert_eq!(
            lines.next(),
            Some("error: expected a text here, not a list")
        );
        assert!(report.ends_with("ouvert check: 1 error and 1 warning in 1 file\n"));
    }

    #[test]
    fn gitlab_issues_have_a_place_and_a_stable_fingerprint() {
        let report: serde_json::Value =
            serde_json::from_str(&render(&checked(), Format::Gitlab, "")).unwrap();
        let issues = report.as_array().unwrap();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0]["check_name"], "ouvert");
        assert_eq!(issues[0]["severity"], "major");
        assert_eq!(issues[0]["location"]["path"], "datasets/a,b/index.md");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 2);
        assert_eq!(
            issues[0]["description"],
            "expected a text here, not a list (hint: write it between quotes: 100% \"sure\")"
        );
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[1]["location"]["path"], "ouvert.toml");
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 64);
        let again: serde_json::Value =
            serde_json::from_str(&render(&checked(), Format::Gitlab, "")).unwrap();
        assert_eq!(again[0]["fingerprint"], issues[0]["fingerprint"]);
        assert_ne!(issues[1]["fingerprint"], issues[0]["fingerprint"]);
    }

    #[test]
    fn summaries_count_problems_and_files() {
        let clean = Checked { diagnostics: vec![], datasets: Some(3) };
        assert_eq!(
            summary(&clean),
            "ouvert check: no problems (3 datasets read)"
        );
        assert_eq!(
            summary(&checked()),
            "ouvert check: 1 error and 1 warning in 1 file"
        );
    }
}
