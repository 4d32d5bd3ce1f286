//! Fast rebuilds: a change is shown as soon as the portal is read again.
//!
//! Reading the portal (front matter, schemas, profiles from the cache, the
//! model) is what finds the editor's mistakes, and it is quick. Rendering
//! every page and writing every catalog is what takes time on a large
//! portal. So after each change the preview serves a [`Preview`] of the
//! new portal at once: its pages are rendered one by one as the browser
//! asks for them, its theme and portal files are in place, and open pages
//! reload. Meanwhile the [`Completer`] builds the whole site in the
//! background, exactly as `ouvert build` would, and swaps it in; an error
//! only that complete build can find (a template failing on some page, two
//! files at one address) then shows on every page like any other. Files
//! that only the complete build writes (catalogs, API, inferred schemas)
//! are served once it is done.
//!
//! Both come from one model read from the files in one go, so a preview
//! page never mixes two states of the portal: unlike partial rebuilds that
//! track what depends on what, nothing here can go stale.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use axum::body::Bytes;

use super::http::Shared;
use super::site::Site;
use crate::output::{Cancelled, Output};
use crate::{GenerateOptions, Prepared};

/// A portal read and modelled, served before its complete site is built.
pub struct Preview {
    pub prepared: Arc<Prepared>,
    pages: crate::render::Pages,
    /// The pages (rendered when asked) and the theme's and portal's files.
    pub site: Site,
    rendered: Mutex<HashMap<String, Bytes>>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("site", &self.site)
            .finish_non_exhaustive()
    }
}

impl Preview {
    pub fn new(prepared: Arc<Prepared>) -> Result<Preview> {
        let Prepared { portal, layers, lang, .. } = &*prepared;
        let pages = crate::render::Pages::new(portal, layers, lang)?;
        let output = Output::memory();
        // Collisions are reported by the complete build.
        let mut ignored = crate::diagnostics::Diagnostics::new();
        crate::render::publish_files(portal, layers, &output, &mut ignored)?;
        let mut site = Site::new(output.commit()?);
        site.add_pages(pages.paths());
        Ok(Preview { prepared, pages, site, rendered: Mutex::new(HashMap::new()) })
    }

    /// The page at `path`, rendered once; a template error as the
    /// terminal would print it.
    pub fn page(&self, path: &str) -> Result<Bytes, String> {
        if let Some(page) = self.rendered.lock().expect("preview lock").get(path) {
            return Ok(page.clone());
        }
        let Prepared { portal, layers, lang, .. } = &*self.prepared;
        match self.pages.render(portal, layers, lang, path) {
            Some(Ok(html)) => {
                let page = Bytes::from(html);
                self.rendered
                    .lock()
                    .expect("preview lock")
                    .insert(path.to_string(), page.clone());
                Ok(page)
            }
            Some(Err(diagnostic)) => Err(diagnostic.render()),
            None => Err(format!("error: no page at {path}\n")),
        }
    }
}

/// A complete build to make for a preview.
struct Job {
    preview: Arc<Preview>,
    cancel: Arc<AtomicBool>,
    /// When the change was noticed, and how long until pages reloaded
    /// (none for the first build: no page was open).
    started: Instant,
    reloaded_after: Option<Duration>,
}

/// A preview whose complete site is being built, and the flag that stops
/// that build.
type Submitted = (Arc<Preview>, Arc<AtomicBool>);

/// Builds the complete site of each preview on its own thread, one at a
/// time, dropping a build as soon as a newer change arrives.
pub struct Completer {
    jobs: mpsc::Sender<Job>,
    shared: Arc<Shared>,
    options: GenerateOptions,
    /// The latest build submitted, until it is done.
    running: Arc<Mutex<Option<Submitted>>>,
}

impl Completer {
    pub fn start(shared: Arc<Shared>, options: GenerateOptions) -> Completer {
        let (jobs, receiver) = mpsc::channel::<Job>();
        let running: Arc<Mutex<Option<Submitted>>> = Arc::default();
        let (thread_shared, thread_options, current) =
            (shared.clone(), options.clone(), running.clone());
        std::thread::spawn(move || {
            lower_priority();
            while let Ok(mut job) = receiver.recv() {
                // Only the latest change matters.
                while let Ok(newer) = receiver.try_recv() {
                    job = newer;
                }
                if !job.cancel.load(Ordering::Relaxed) {
                    complete(&thread_shared, &job, &thread_options);
                }
                let mut latest = current.lock().expect("completer lock");
                if latest
                    .as_ref()
                    .is_some_and(|(_, c)| Arc::ptr_eq(c, &job.cancel))
                {
                    *latest = None;
                }
            }
        });
        Completer { jobs, shared, options, running }
    }

    /// Starts the complete build of `preview` in the background.
    pub fn submit(&self, preview: Arc<Preview>, started: Instant, reloaded_after: Duration) {
        let cancel = Arc::new(AtomicBool::new(false));
        *self.running.lock().expect("completer lock") = Some((preview.clone(), cancel.clone()));
        let reloaded_after = Some(reloaded_after);
        let _ = self
            .jobs
            .send(Job { preview, cancel, started, reloaded_after });
    }

    /// Makes the complete build of the first preview now.
    pub fn run_first(&self, preview: Arc<Preview>, started: Instant) {
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Job { preview, cancel, started, reloaded_after: None };
        complete(&self.shared, &job, &self.options);
    }

    /// Stops the build in progress or waiting, to make room for a newer one; returns
    /// the preview it was for, to be submitted again if the newer change
    /// does not build.
    pub fn interrupt(&self) -> Option<Arc<Preview>> {
        let running = self.running.lock().expect("completer lock").take();
        running.map(|(preview, cancel)| {
            cancel.store(true, Ordering::Relaxed);
            preview
        })
    }
}

/// Builds the complete site of a job and swaps it in, or shows what
/// stopped it, if the job's preview is still the one served.
fn complete(shared: &Shared, job: &Job, options: &GenerateOptions) {
    let pending = |snapshot: &super::site::Snapshot| {
        snapshot
            .preview
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(p, &job.preview))
    };
    if !pending(&shared.current()) {
        return;
    }
    let output = Output::memory_until(job.cancel.clone());
    let written = in_background(|| crate::write(&job.preview.prepared, &output, options));
    if written.as_ref().err().is_some_and(|e| e.is::<Cancelled>()) {
        return;
    }
    let stats = output.stats();
    let result = written.and_then(|diagnostics| {
        let files = if diagnostics.has_errors() {
            None
        } else {
            Some(output.commit()?)
        };
        Ok((diagnostics, files))
    });
    // Printed once the snapshot is replaced, not while holding it: a
    // terminal that does not keep up must not stall the server.
    let mut to_print: Vec<Box<dyn FnOnce()>> = Vec::new();
    shared.replace(|snapshot| {
        if !pending(snapshot) {
            return None;
        }
        let mut next = snapshot.without_preview();
        let notify = match result {
            Ok((diagnostics, Some(files))) => {
                let diagnostics = diagnostics.into_sorted();
                to_print.push(Box::new(move || crate::diagnostics::print(&diagnostics)));
                next.site = Some(Arc::new(Site::new(files)));
                // Unless a newer change failed meanwhile: its errors are
                // what the editor needs to read now.
                if next.outcome == super::site::Outcome::Built {
                    let line = format!(
                        "Built {} in {} ms{}",
                        crate::describe_site(job.preview.prepared.portal.datasets.len(), &stats),
                        job.started.elapsed().as_millis(),
                        job.reloaded_after.map_or_else(String::new, |after| format!(
                            " (pages reloaded after {} ms)",
                            after.as_millis()
                        ))
                    );
                    to_print.push(Box::new(move || println!("{line}")));
                }
                false
            }
            Ok((diagnostics, None)) => {
                let diagnostics = diagnostics.into_sorted();
                let errors: Vec<String> = diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.render())
                    .collect();
                let count = crate::util::text::count(errors.len(), "error", "errors");
                to_print.push(Box::new(move || {
                    crate::diagnostics::print(&diagnostics);
                    eprintln!(
                        "error: the portal has {count}: the preview still shows the last version that built"
                    );
                }));
                next.fail(errors);
                true
            }
            Err(error) => {
                let text = crate::diagnostics::error_chain(&error);
                next.fail(vec![text.clone()]);
                to_print.push(Box::new(move || eprint!("{text}")));
                true
            }
        };
        Some((next, notify))
    });
    for print in to_print {
        print();
    }
}

/// Runs `work` on the threads complete builds run on: their own, at a
/// lower priority. On a machine with few cores, a background build sharing
/// threads or priority with the next rebuild (and with the file watcher
/// noticing the save) would delay the reload the editor is waiting for.
fn in_background<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("ouvert-background-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        // Without threads of its own, it shares the others.
        None => work(),
    }
}

/// Gives the calling thread the priority of a background job (nice 10).
fn lower_priority() {
    // On Linux the nice value belongs to each thread, and `who = 0` names
    // the calling one; elsewhere the background build keeps the normal
    // priority.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers and touches no memory.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}
