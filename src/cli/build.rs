//! `ouvert build [PORTAL] [--out DIR] [--force]`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::exit;
use crate::util::text::count;

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
    crate::diagnostics::print(&outcome.diagnostics);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let out = outcome.out.display();
    match outcome.published {
        Some(published) => {
            println!(
                "Built {} in {:.2} s into {out}",
                crate::describe_site(published.datasets, &published.stats),
                published.elapsed.as_secs_f64(),
            );
            if errors > 0 {
                eprintln!(
                    "error: the portal has {}: the site was built all the same, and the pages concerned say what could not be read",
                    count(errors, "error", "errors")
                );
                return Ok(ExitCode::from(exit::CONTENT));
            }
            Ok(ExitCode::from(exit::OK))
        }
        None => {
            eprintln!(
                "error: the portal has {}: nothing was published ({out} is unchanged)",
                count(errors, "error", "errors")
            );
            Ok(ExitCode::from(exit::CONTENT))
        }
    }
}
