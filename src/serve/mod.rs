//! `ouvert serve`: the live preview. The portal is built in memory and
//! served; the folder is watched, and each change reads the whole portal
//! again, serves it as soon as it is read (pages rendered when asked, see
//! [`preview`]), tells open pages to reload, and builds the complete site
//! in the background.
//!
//! Whole rebuilds rather than partial ones: partial rebuilds go stale in
//! ways editors cannot understand (Zola learnt this, PR #1114). What is
//! expensive is kept by content instead, so it cannot go stale: data
//! files are read once (the profile cache, also kept in memory), front
//! matter is parsed again only when its file changed, and only the pages
//! a browser asks for are rendered before the reload.
//!
//! A build that fails leaves the last good site in place; every page then
//! shows the errors, in the words the terminal printed.

pub mod http;
pub mod overlay;
pub mod preview;
pub mod site;
pub mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use self::http::Shared;
use self::overlay::Language;
use self::preview::{Completer, Preview};
use self::site::{Outcome, Snapshot};
use self::watch::{PortalWatcher, WatchMode};
use crate::Reading;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub portal: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Look at the files periodically instead of waiting for events.
    pub poll: bool,
    /// Open the preview in the default browser once built.
    pub open: bool,
    /// Print each stage's duration.
    pub verbose: bool,
}

/// Serves the portal until the process is stopped. `Err` is for usage
/// and plumbing failures before serving starts (not a portal, port taken).
pub fn serve(options: &ServeOptions) -> Result<()> {
    crate::config::ensure_portal(&options.portal)?;
    crate::util::memory::return_freed_memory_at_once();
    let root = options
        .portal
        .canonicalize()
        .with_context(|| format!("cannot open the portal folder {}", options.portal.display()))?;
    let listener = listen(SocketAddr::new(options.bind, options.port))?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let url = preview_url(address);

    let shared = Arc::new(Shared::new());
    let runtime = tokio::runtime::Runtime::new().context("cannot start the server")?;
    listener
        .set_nonblocking(true)
        .context("cannot set up the server's socket")?;
    let server = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener).context("cannot set up the server's socket")?
    };
    let router = http::router(shared.clone());
    runtime.spawn(async move {
        if let Err(error) = axum::serve(server, router).await {
            eprintln!("error: the server stopped: {error}");
            std::process::exit(i32::from(crate::cli::exit::USAGE));
        }
    });
    println!(
        "Serving {} at {url} (press Ctrl+C to stop)",
        options.portal.display()
    );
    if address.ip().is_unspecified() {
        eprintln!(
            "warning: listening on every network interface: anyone who can reach this machine can read the preview"
        );
    }

    // Watching starts before the first build, so a save made while it runs
    // is not missed.
    let mut watcher = PortalWatcher::start(&root, options.poll)?;
    let mut builder = Builder::new(root, shared, options.verbose);
    builder.build();
    match &watcher.mode {
        WatchMode::Native => {}
        WatchMode::Poll => {}
        WatchMode::PollAfter(reason) => eprintln!(
            "warning: cannot watch the portal folder for changes: {reason}; looking at every file every {:.1} s instead",
            watch::POLL_INTERVAL.as_secs_f64()
        ),
    }
    println!(
        "Watching {} for changes{}",
        options.portal.display(),
        if watcher.mode == WatchMode::Native {
            String::new()
        } else {
            format!(
                " (looking at every file every {:.1} s)",
                watch::POLL_INTERVAL.as_secs_f64()
            )
        }
    );
    if options.open {
        open_browser(&url);
    }
    while let Some(changes) = watcher.next_changes() {
        for error in &changes.errors {
            eprintln!("warning: {error}");
        }
        if changes.any() {
            println!("Changed: {}", changes.summary());
            builder.build();
        }
    }
    bail!("the file watcher stopped: restart `ouvert serve`")
}

/// Reads the portal after each change and hands the result to the server.
struct Builder {
    root: PathBuf,
    shared: Arc<Shared>,
    generation: u64,
    options: crate::GenerateOptions,
    reuse: crate::Reuse,
    completer: Completer,
}

impl Builder {
    fn new(root: PathBuf, shared: Arc<Shared>, verbose: bool) -> Builder {
        let options = crate::GenerateOptions { progress: std::io::stderr().is_terminal(), verbose };
        Builder {
            completer: Completer::start(shared.clone(), options.clone()),
            root,
            shared,
            generation: 0,
            options,
            reuse: crate::Reuse::default(),
        }
    }

    /// Reads the portal and serves it as a preview, printing what the
    /// editor needs to know: the same errors the page will show. The
    /// first build is completed before returning; later ones in the
    /// background.
    fn build(&mut self) {
        let start = Instant::now();
        let interrupted = self.completer.interrupt();
        let previous = self.shared.current();
        self.generation += 1;
        let mut snapshot = Snapshot {
            generation: self.generation,
            site: previous.site.clone(),
            preview: previous.preview.clone(),
            outcome: Outcome::Failed,
            errors: Vec::new(),
            language: previous.language,
        };
        let exclude = self.root.join("public");
        let mut preview = None;
        match crate::read(&self.root, Some(&exclude), &self.options, Some(&self.reuse)) {
            Ok(Reading::Ready(prepared)) => {
                let diagnostics = prepared.diagnostics.clone().into_sorted();
                crate::diagnostics::print(&diagnostics);
                snapshot.language = Language::from_code(&prepared.lang.code);
                snapshot.errors = rendered_errors(&diagnostics);
                let timer = crate::Timer::new(self.options.verbose);
                match timer.stage("preview", || Preview::new(Arc::from(prepared))) {
                    Ok(ready) => {
                        let ready = Arc::new(ready);
                        snapshot.preview = Some(ready.clone());
                        snapshot.outcome = Outcome::Built;
                        preview = Some(ready);
                        if !snapshot.errors.is_empty() {
                            eprintln!(
                                "error: the portal has {}: the preview shows the site all the same, and the pages concerned say what could not be read",
                                crate::util::text::count(snapshot.errors.len(), "error", "errors")
                            );
                        }
                    }
                    Err(error) => snapshot.errors = vec![report_failure(&error)],
                }
            }
            Ok(Reading::Blocked { diagnostics, language }) => {
                crate::diagnostics::print(&diagnostics);
                snapshot.language = Language::from_code(&language);
                snapshot.errors = rendered_errors(&diagnostics);
                eprintln!(
                    "error: the portal has {}: {}",
                    crate::util::text::count(snapshot.errors.len(), "error", "errors"),
                    if snapshot.has_site() {
                        "the preview still shows the last version that built"
                    } else {
                        "there is nothing to preview until they are fixed"
                    }
                );
            }
            Err(error) => snapshot.errors = vec![report_failure(&error)],
        }
        let first = self.generation == 1;
        self.shared.publish(snapshot);
        let reloaded_after = start.elapsed();
        match (preview, interrupted) {
            (Some(preview), _) if first => {
                self.completer.run_first(preview, start);
            }
            (Some(preview), _) => self.completer.submit(preview, start, reloaded_after),
            // The change did not build: the preview served is still the
            // one whose complete build was stopped.
            (None, Some(interrupted)) => self.completer.submit(interrupted, start, reloaded_after),
            (None, None) => {}
        }
    }
}

fn rendered_errors(diagnostics: &[crate::diagnostics::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect()
}

/// Prints a plumbing failure as every command does, and returns the same
/// text for the page.
fn report_failure(error: &anyhow::Error) -> String {
    let text = crate::diagnostics::error_chain(error);
    eprint!("{text}");
    text
}

/// Binds the preview's socket, explaining the usual refusals.
fn listen(address: SocketAddr) -> Result<TcpListener> {
    let (ip, port) = (address.ip(), address.port());
    match TcpListener::bind(address) {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let free = (port.saturating_add(1)..=port.saturating_add(100))
                .find(|&p| TcpListener::bind(SocketAddr::new(ip, p)).is_ok());
            let suggestion = free
                .map(|p| format!("; try `--port {p}`, which is free"))
                .unwrap_or_else(|| "; choose another with `--port`".to_string());
            bail!(
                "port {port} is already in use on {} (by another `ouvert serve`, or another program){suggestion}",
                host(ip)
            )
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => bail!(
            "cannot listen on port {port}: the system reserves it to administrators; use a port above 1023, such as the default 8000"
        ),
        Err(e) if e.kind() == std::io::ErrorKind::AddrNotAvailable => bail!(
            "cannot listen on {}: this machine has no such address; leave out `--bind` to preview on this machine only, or give one of its addresses",
            host(ip)
        ),
        Err(e) => Err(e).with_context(|| format!("cannot listen on {}", host(ip))),
    }
}

fn host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// The address to open: on a wildcard bind, the loopback one of the same
/// family, since `0.0.0.0` is not an address browsers can open everywhere.
fn preview_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}:{}/", host(ip), address.port())
}

/// Opens `url` in the default browser; failing to is not worth stopping.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(error) = spawned {
        eprintln!("warning: cannot open a browser ({error}): open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_binds_are_opened_on_loopback() {
        let at = |s: &str| preview_url(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:8000"), "http://127.0.0.1:8000/");
        assert_eq!(at("0.0.0.0:8000"), "http://127.0.0.1:8000/");
        assert_eq!(at("[::1]:8000"), "http://[::1]:8000/");
        assert_eq!(at("[::]:80"), "http://[::1]:80/");
    }

    #[test]
    fn a_busy_port_suggests_a_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let error = listen(taken.local_addr().unwrap()).unwrap_err().to_string();
        let prefix = format!(
            "port {port} is already in use on 127.0.0.1 (by another `ouvert serve`, or another program); try `--port "
        );
        assert!(error.starts_with(&prefix), "{error}");
        assert!(error.ends_with("`, which is free"), "{error}");
    }
}
