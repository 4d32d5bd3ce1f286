use std::process::ExitCode;

use clap::Parser;

// A build allocates millions of small strings and maps (pages, JSON, RDF
// terms); glibc's allocator took a quarter of a 10,000-dataset build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = ouvert::cli::Cli::parse();
    match ouvert::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            ouvert::cli::print_error(&error);
            ExitCode::from(ouvert::cli::exit::USAGE)
        }
    }
}
