//! The personal-data guard, the stage after the profile: a column in which
//! the profile found personal data (`profile::personal`) stops the build,
//! unless the dataset declares that column as published on purpose, with
//! its justification (`usage.personal_columns`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::profile::Profiles;
use crate::profile::personal::{Finding, Kind};
use crate::validate::{Content, ResourceLocation};

/// Errors for every finding in a column its dataset does not declare.
pub fn check(content: &Content, profiles: &Profiles, diagnostics: &mut Diagnostics) {
    for dataset in &content.datasets {
        let declared = |column: &str| {
            dataset.usage.as_ref().is_some_and(|usage| {
                usage
                    .personal_columns
                    .keys()
                    .any(|c| c.eq_ignore_ascii_case(column))
            })
        };
        for (index, resource) in dataset.resources.iter().enumerate() {
            let ResourceLocation::Local(file) = &resource.location else {
                continue;
            };
            let Some(Ok(profile)) = profiles
                .get(&(dataset.slug.clone(), index))
                .and_then(|p| p.profile.as_ref())
            else {
                continue;
            };
            let several = profile.tables.len() > 1;
            for table in &profile.tables {
                diagnostics.extend(report(
                    &file.file.path,
                    table.name.as_deref().filter(|_| several),
                    &table.personal_data,
                    declared,
                    &dataset.doc.path,
                ));
            }
        }
    }
}

/// Errors for the findings in one table of `file` (a portal path) whose
/// column the dataset does not declare; `declared` says whether it does.
/// `index` is the dataset's `index.md`, where a declaration goes.
fn report(
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
            Diagnostic::error(format!(
                "{file}{sheet}: {}: personal data must not be published",
                describe(finding)
            ))
            .file(file)
            .hint(format!(
                "remove the column or these values from the file; if publishing them is lawful (for example elected officials' professional contacts, article D312-1-3 of the CRPA), declare the column with its justification in {index}, under `usage:` `personal_columns:`"
            ))
        })
        .collect()
}

/// A finding in words: the column, what it holds, in how many rows, and
/// masked examples.
pub fn describe(finding: &Finding) -> String {
    let rows = if finding.rows == 1 {
        format!("1 row (row {})", finding.first_row)
    } else {
        format!(
            "{} rows (the first: row {})",
            finding.rows, finding.first_row
        )
    };
    format!(
        "the column `{}` holds {} in {rows}, e.g. {}",
        finding.column,
        what(finding),
        finding.examples.join(", ")
    )
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
