//! Command-line interface: one file per subcommand, each an `Args` struct
//! and a `run` function returning the exit code.

pub mod build;
pub mod check;
pub mod import;
pub mod new;
pub mod profile;
pub mod serve;
pub mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes shared by every command.
pub mod exit {
    pub const OK: u8 = 0;
    /// The portal has errors (or warnings, when they are denied).
    pub const CONTENT: u8 = 1;
    /// Wrong usage or internal failure.
    pub const USAGE: u8 = 2;
}

/// How a command that reports on one file prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Says that the file `name` could not be read, and where: a usage failure.
pub fn cannot_read(name: &str, error: &crate::profile::ProfileError) -> ExitCode {
    let at = error.line.map(|l| format!(":{l}")).unwrap_or_default();
    eprintln!("error: cannot read {name}{at}: {}", error.message());
    ExitCode::from(exit::USAGE)
}

/// Threads for one large file: `--jobs`, else every core.
pub fn jobs(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(crate::profile::default_jobs)
        .max(1)
}

#[derive(Debug, Parser)]
#[command(
    name = "ouvert",
    version,
    about = "Static open-data portals for local authorities",
    long_about = "ouvert turns a folder of Markdown descriptions and data files into a complete, self-contained static open-data portal."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new portal folder with one example dataset.
    New(new::Args),
    /// Build the portal into a static site.
    Build(build::Args),
    /// Check the portal without building it: every problem in one report.
    Check(check::Args),
    /// Preview the portal in a browser, rebuilt as its files change.
    Serve(serve::Args),
    /// Describe one data file: encoding, columns, types and statistics.
    Profile(profile::Args),
    /// Check one data file against a Table Schema.
    Validate(validate::Args),
    /// Make portal files from a catalog kept elsewhere: DCAT, CKAN, JKAN,
    /// a data package or an SCDL catalogue.
    Import(import::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if !matches!(cli.command, Command::Serve(_)) {
        crate::util::memory::keep_freed_memory();
    }
    match cli.command {
        Command::New(args) => new::run(args),
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Profile(args) => profile::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Import(args) => import::run(args),
    }
}

/// Prints an error and its causes, one per line, the same way everywhere.
pub fn print_error(error: &anyhow::Error) {
    eprint!("{}", crate::diagnostics::error_chain(error));
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
