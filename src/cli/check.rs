//! `ouvert check [PORTAL] [--format text|json|github|gitlab] [--deny-warnings]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::exit;
use crate::check::report::{self, Format};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The portal folder (the one holding ouvert.toml).
    #[arg(default_value = ".")]
    pub portal: PathBuf,
    /// How to print the report: text for people, json for tools, github
    /// or gitlab for annotations on a merge request's changed lines.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = crate::GenerateOptions {
        progress: std::io::stderr().is_terminal() && args.format == Format::Text,
        verbose: false,
    };
    let checked = crate::check::check(&args.portal, &options)?;
    let prefix = match args.format {
        Format::Github | Format::Gitlab => report::repository_prefix(&args.portal),
        Format::Text | Format::Json => String::new(),
    };
    print!("{}", report::render(&checked, args.format, &prefix));
    let failed = checked.errors() > 0 || (args.deny_warnings && checked.warnings() > 0);
    Ok(ExitCode::from(if failed {
        exit::CONTENT
    } else {
        exit::OK
    }))
}
