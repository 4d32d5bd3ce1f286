use std::process::ExitCode;

use clap::Parser;

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
