//! `ouvert serve [PORTAL] [--port 8000] [--bind 127.0.0.1] [--poll] [--open]`

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The portal folder (the one holding ouvert.toml).
    #[arg(default_value = ".")]
    pub portal: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// The address to listen on. The default keeps the preview on this
    /// machine; 0.0.0.0 or :: opens it to the network.
    #[arg(long, short, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Look for changes by reading the folder regularly, for folders where
    /// change events do not arrive (network shares, containers, WSL).
    #[arg(long)]
    pub poll: bool,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Print the time each stage of each build takes.
    #[arg(long, short)]
    pub verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    crate::serve::serve(&crate::serve::ServeOptions {
        portal: args.portal,
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        open: args.open,
        verbose: args.verbose,
    })?;
    Ok(ExitCode::from(super::exit::OK))
}
