//! `ouvert build [PORTAL] [--out DIR] [--force]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::exit;
use crate::diagnostics::Diagnostic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The portal folder (the one holding ouvert.toml).
    #[arg(default_value = ".")]
    pub portal: PathBuf,
    /// Where to write the site [default: PORTAL/public].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Replace the output folder even if ouvert did not make it.
    #[arg(long)]
    pub force: bool,
    /// Print the time each stage takes.
    #[arg(long, short)]
    pub verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = crate::BuildOptions {
        portal: args.portal,
        out: args.out,
        force: args.force,
        generate: crate::GenerateOptions {
            progress: std::io::stderr().is_terminal(),
            verbose: args.verbose,
        },
    };
    let outcome = crate::build(&options)?;
    print_diagnostics(&outcome.diagnostics);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let out = outcome.out.display();
    match outcome.published {
        Some(published) => {
            let stats = published.stats;
            println!(
                "Built {} {}, {} {} and {} files ({}) in {:.2} s into {out}",
                published.datasets,
                plural(published.datasets, "dataset", "datasets"),
                stats.pages,
                plural(stats.pages, "page", "pages"),
                stats.files,
                human_bytes(stats.bytes),
                published.elapsed.as_secs_f64(),
            );
            if errors > 0 {
                eprintln!(
                    "error: the portal has {errors} {}: the site was built all the same, and the pages concerned say what could not be read",
                    plural(errors, "error", "errors")
                );
                return Ok(ExitCode::from(exit::CONTENT));
            }
            Ok(ExitCode::from(exit::OK))
        }
        None => {
            eprintln!(
                "error: the portal has {errors} {}: nothing was published ({out} is unchanged)",
                plural(errors, "error", "errors")
            );
            Ok(ExitCode::from(exit::CONTENT))
        }
    }
}

pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.render());
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
