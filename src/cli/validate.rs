//! `ouvert validate FILE [--schema SCHEMA] [--format text|json]`: checks one
//! data file against a Table Schema, the way the portal does, for an editor
//! checking an export before publishing it, or for a CI job.
//!
//! Exit codes: 0 when the file follows the schema (warnings allowed), 1
//! when it does not, 2 when the command is misused or a file cannot be
//! read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Format, exit};
use crate::profile::Reading;
use crate::schema::Schema;
use crate::schema::report::{Status, ValidationReport};
use crate::vocab::FileKind;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file (CSV, TSV, XLSX, XLS, ODS, JSON, GeoJSON).
    pub file: PathBuf,
    /// The Table Schema (a JSON file), or a schema.data.gouv.fr identity
    /// such as scdl/subventions@2.1.1 saved in ./schemas/. Without one,
    /// only the table's structure is checked (header, blank rows, cells).
    #[arg(long)]
    pub schema: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Language of the messages: fr or en.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Threads for a large CSV file [default: all cores].
    #[arg(long)]
    pub jobs: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.file.to_string_lossy().into_owned();
    if !args.file.is_file() {
        anyhow::bail!("{name} is not a file");
    }
    let kind = FileKind::from_path(&name);
    if !kind.is_tabular() {
        anyhow::bail!(
            "{name}: ouvert validates CSV, TSV, XLSX, XLS, ODS, JSON and GeoJSON files, named with their extension"
        );
    }
    let (schema, schema_name) = match &args.schema {
        Some(reference) => {
            let path = schema_path(reference)?;
            let text = std::fs::read_to_string(&path)
                .map_err(|e| anyhow::anyhow!("cannot read the schema {}: {e}", path.display()))?;
            let schema = Schema::parse(&text).map_err(|e| {
                let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                anyhow::anyhow!("{}{at}: {}", path.display(), e.message)
            })?;
            for note in &schema.notes {
                eprintln!("warning: {}: {note}", path.display());
            }
            (schema, Some(path.to_string_lossy().into_owned()))
        }
        None => (Schema::empty(), None),
    };
    let jobs = super::jobs(args.jobs);
    // Keys within the file are checked; keys into other files need the
    // dataset, which `ouvert build` reads whole.
    let mut collect = Vec::new();
    let mut self_references = Vec::new();
    for (index, key) in schema.foreign_keys.iter().enumerate() {
        if key.resource.is_empty() {
            collect.push(key.reference_fields.clone());
            self_references.push((index, collect.len() - 1));
        } else {
            eprintln!(
                "warning: the foreign key on {} refers to the file `{}`, which is not checked here: `ouvert build` checks it between the files of a dataset",
                key.fields.join(", "),
                key.resource
            );
        }
    }
    let reading = Reading {
        profile: false,
        personal_data: false,
        schema: Some(&schema),
        collect,
    };
    let outcome =
        crate::profile::read(&args.file, kind, jobs, &reading).unwrap_or_else(unreachable_kind);
    let report = match outcome {
        Ok(outcome) => match outcome.validation {
            Some((mut report, keys)) => {
                for (index, collected) in self_references {
                    if let Some(present) = keys.present(collected) {
                        let key = &schema.foreign_keys[index];
                        keys.check_reference(index, key, present, true, &mut report);
                    }
                }
                report
            }
            None => anyhow::bail!("{name}: nothing was validated"),
        },
        Err(e) => return Ok(super::cannot_read(&name, &e)),
    };
    match args.format {
        Format::Json => {
            let json = serde_json::json!({
                "file": name,
                "schema": schema_name,
                "validation": crate::export::api::ValidationJson::new(&report, &args.lang),
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
        Format::Text => print!(
            "{}",
            text(&name, schema_name.as_deref(), &report, &args.lang)
        ),
    }
    Ok(ExitCode::from(match report.status {
        Status::Invalid => exit::CONTENT,
        Status::Valid | Status::Warnings => exit::OK,
    }))
}

fn unreachable_kind() -> Result<crate::profile::Outcome, crate::profile::ProfileError> {
    Err(crate::profile::ProfileError::new(
        crate::profile::ReadFailure::ReaderFailed,
    ))
}

/// A schema's file: the path given, or, for a schema.data.gouv.fr
/// identity, its copy in `./schemas/` (ouvert works offline).
fn schema_path(reference: &str) -> anyhow::Result<PathBuf> {
    let given = Path::new(reference);
    if given.is_file() {
        return Ok(given.to_path_buf());
    }
    match crate::validate::SchemaRef::parse(reference) {
        Some(identity @ crate::validate::SchemaRef::Published { .. }) => {
            let path = PathBuf::from(identity.portal_path());
            if path.is_file() {
                Ok(path)
            } else {
                anyhow::bail!(
                    "the schema {reference} is not in ./schemas/: ouvert works offline; download {} and pass its path with --schema",
                    identity.canonical_url().unwrap_or_default()
                )
            }
        }
        _ => anyhow::bail!("the schema {reference} is not a file"),
    }
}

fn text(name: &str, schema: Option<&str>, report: &ValidationReport, language: &str) -> String {
    let mut out = String::new();
    let against = schema
        .map(|s| format!(" against {s}"))
        .unwrap_or_else(|| " (structure only: no schema given)".into());
    let verdict = match report.status {
        Status::Valid => "valid",
        Status::Warnings => "valid, with warnings",
        Status::Invalid => "invalid",
    };
    let rows = if report.rows == 1 {
        "1 row".to_string()
    } else {
        format!("{} rows", report.rows)
    };
    let _ = writeln!(out, "{name}: {verdict}{against} ({rows})");
    if !report.error_counts.is_empty() {
        let counts: Vec<String> = report
            .error_counts
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        let _ = writeln!(out, "  errors: {}", counts.join(", "));
    }
    for problem in report.warnings.iter().chain(&report.errors) {
        let mut place = Vec::new();
        if let Some(row) = problem.row {
            place.push(format!("row {row}"));
        }
        if let Some(column) = &problem.column {
            place.push(format!("column {column}"));
        }
        let severity = match problem.severity {
            crate::schema::report::Severity::Error => "error",
            crate::schema::report::Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{severity} [{}]{}: {}",
            problem.kind,
            if place.is_empty() {
                String::new()
            } else {
                format!(" {}", place.join(", "))
            },
            problem.message(language)
        );
    }
    let errors = report.error_count();
    if errors > report.errors.len() as u64 {
        let _ = writeln!(
            out,
            "(the first {} of {errors} errors are listed)",
            report.errors.len()
        );
    }
    out
}
