//! What the guard's findings mean for the build: a column that holds
//! personal data stops it, unless the dataset declares that column as
//! published on purpose, with its justification.

use super::{Finding, Kind};
use crate::diagnostics::Diagnostic;

/// Errors for the findings in one table of `file` (a portal path) whose
/// column the dataset does not declare; `declared` says whether it does.
/// `index` is the dataset's `index.md`, where a declaration goes.
pub fn report(
    file: &str,
    sheet: Option<&str>,
    findings: &[Finding],
    declared: impl Fn(&str) -> bool,
    index: &str,
) -> Vec<Diagnostic> {
    findings
        .iter()
        .filter(|f| !declared(&f.column))
        .map(|finding| {
            let sheet = sheet.map(|s| format!(" (sheet `{s}`)")).unwrap_or_default();
            let rows = if finding.rows == 1 {
                format!("1 row (row {})", finding.first_row)
            } else {
                format!("{} rows (the first: row {})", finding.rows, finding.first_row)
            };
            Diagnostic::error(format!(
                "{file}{sheet}: the column `{}` holds {} in {rows}, e.g. {}: personal data must not be published",
                finding.column,
                what(finding),
                finding.examples.join(", "),
            ))
            .file(file)
            .hint(format!(
                "remove the column or these values from the file; if publishing them is lawful (for example elected officials' professional contacts, article D312-1-3 of the CRPA), declare the column with its justification in {index}, under `usage:` `personal_columns:`"
            ))
        })
        .collect()
}

fn what(finding: &Finding) -> String {
    let names = || {
        finding
            .names_column
            .as_deref()
            .map(|c| format!(" (names in `{c}`)"))
            .unwrap_or_default()
    };
    match finding.kind {
        Kind::Email => "personal e-mail addresses".to_string(),
        Kind::MobilePhone => "mobile phone numbers".to_string(),
        Kind::Nir => "social security numbers (NIR)".to_string(),
        Kind::Iban => "bank account numbers (IBAN)".to_string(),
        Kind::PhoneWithName => format!("phone numbers next to people's names{}", names()),
        Kind::BirthDateWithName => format!("dates of birth next to people's names{}", names()),
        Kind::AddressWithName => format!("street addresses next to people's names{}", names()),
    }
}
