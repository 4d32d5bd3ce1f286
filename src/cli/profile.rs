//! `ouvert profile FILE [--format text|json]`: the profile of one data
//! file, for an editor checking an export before publishing it.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Format, exit};
use crate::profile::{ColumnProfile, ResourceProfile, Scalar};
use crate::util::text::count;
use crate::vocab::FileKind;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file (CSV, TSV, XLSX, XLS, ODS, JSON, GeoJSON).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Threads for a large CSV file [default: all cores].
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Also read every row for personal data, as `ouvert build` does, and
    /// report what is found (masked) as warnings.
    #[arg(long)]
    pub personal_data: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let name = args.file.to_string_lossy().into_owned();
    let kind = FileKind::from_path(&name);
    let jobs = super::jobs(args.jobs);
    if !args.file.is_file() {
        anyhow::bail!("{name} is not a file");
    }
    let reading = if args.personal_data {
        crate::profile::Reading::profile_and_personal_data()
    } else {
        crate::profile::Reading::profile()
    };
    let Some(result) = crate::profile::profile_with(&args.file, kind, jobs, &reading) else {
        anyhow::bail!(
            "{name}: ouvert reads CSV, TSV, XLSX, XLS, ODS, JSON and GeoJSON files, named with their extension"
        );
    };
    let profile = match result {
        Ok(profile) => profile,
        Err(e) => return Ok(super::cannot_read(&name, &e)),
    };
    match args.format {
        Format::Json => {
            let json =
                serde_json::to_string_pretty(&crate::export::api::ProfileJson::new(&profile))?;
            println!("{json}");
        }
        Format::Text => print!("{}", text(&name, &profile)),
    }
    for warning in &profile.warnings {
        let at = warning.line().map(|l| format!(":{l}")).unwrap_or_default();
        eprintln!("warning: {name}{at}: {}", warning.message());
    }
    for table in &profile.tables {
        let sheet = table
            .name
            .as_deref()
            .filter(|_| profile.tables.len() > 1)
            .map(|s| format!(" (sheet `{s}`)"))
            .unwrap_or_default();
        for finding in &table.personal_data {
            eprintln!(
                "warning: {name}{sheet}: {}",
                crate::guard::describe(finding)
            );
        }
    }
    Ok(ExitCode::from(exit::OK))
}

fn text(name: &str, profile: &ResourceProfile) -> String {
    let mut out = String::new();
    let mut facts = Vec::new();
    if let Some(encoding) = &profile.encoding {
        facts.push(format!("encoding {encoding}"));
    }
    if let Some(d) = profile.delimiter {
        facts.push(format!(
            "delimiter {}",
            if d == '\t' {
                "tab".into()
            } else {
                format!("\"{d}\"")
            }
        ));
    }
    if let Some(d) = profile.decimal_separator {
        facts.push(format!("decimal separator \"{d}\""));
    }
    if let Some(g) = &profile.geometry {
        facts.push(count(g.features, "feature", "features"));
    }
    let _ = writeln!(out, "{name}: {}", facts.join(", "));
    for table in &profile.tables {
        let title = table
            .name
            .as_ref()
            .map(|n| format!("sheet \"{n}\": "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{title}{}, {}{}",
            count(table.rows, "row", "rows"),
            count(table.columns.len(), "column", "columns"),
            if table.header { "" } else { " (no header row)" }
        );
        let rows: Vec<[String; 6]> = table.columns.iter().map(column_row).collect();
        let heading =
            ["column", "type", "nulls", "distinct", "min … max", "mean"].map(String::from);
        let widths: Vec<usize> = (0..6)
            .map(|i| {
                std::iter::once(&heading)
                    .chain(&rows)
                    .map(|r| r[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in std::iter::once(&heading).chain(&rows) {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            let _ = writeln!(out, "  {}", line.join("  ").trim_end());
        }
    }
    out
}

fn column_row(column: &ColumnProfile) -> [String; 6] {
    let scalar = |s: &Option<Scalar>| match s {
        Some(Scalar::Number(n)) => format!("{n}"),
        Some(Scalar::Text(t)) => crate::util::text::truncate_chars(t, 24),
        None => String::new(),
    };
    let kind = match &column.format {
        Some(format) => format!("{} ({format})", column.kind.as_str()),
        None => match column.decimal_separator {
            Some(',') => format!("{} (decimal comma)", column.kind.as_str()),
            _ => column.kind.as_str().to_string(),
        },
    };
    let range = match (&column.min, &column.max) {
        (Some(_), Some(_)) => format!("{} … {}", scalar(&column.min), scalar(&column.max)),
        _ => String::new(),
    };
    [
        crate::util::text::truncate_chars(&column.name, 32),
        kind,
        column.nulls.to_string(),
        format!(
            "{}{}",
            if column.distinct_estimated { "~" } else { "" },
            column.distinct
        ),
        range,
        column.mean.map(|m| format!("{m:.2}")).unwrap_or_default(),
    ]
}
