//! ouvert turns a portal folder — Markdown descriptions and data files kept
//! in git — into a self-contained static open-data portal.
//!
//! The work is a pipeline of stages, each in its module, each depending
//! only on the ones before it:
//!
//! `config → load → validate → profile → guard → model → render → output`
//!
//! (`guard` stops the build when the profile found personal data that the
//! dataset does not declare.)
//!
//! Problems in the user's content are collected as [`diagnostics`] by every
//! stage, so one run reports all of them; nothing is published when there
//! is an error. Plumbing failures are `anyhow` errors naming their file.

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod export;
pub mod guard;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod profile;
pub mod render;
pub mod schema;
pub mod serve;
pub mod util;
pub mod validate;
pub mod vocab;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use output::Output;
use render::theme::ThemeLayers;

/// How to run the stages.
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// Show a progress bar when reading data takes long.
    pub progress: bool,
    /// Print each stage's duration on stderr.
    pub verbose: bool,
}

/// What a run of the pipeline produced besides the files.
pub struct Generated {
    pub diagnostics: Vec<Diagnostic>,
    /// Datasets rendered (0 when the site was not rendered).
    pub datasets: usize,
    /// Whether the site may be published. Errors in the portal's text files
    /// forbid it: publishing would lose datasets or pages that were online.
    /// Data files that cannot be read do not: they are published as they
    /// are and their dataset page says what could not be read.
    pub publishable: bool,
    /// The portal's language (`fr`, `en`), for messages around the site.
    pub language: String,
}

impl Generated {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What a process that builds more than once (`ouvert serve`) keeps from
/// one build to the next. Everything in it is keyed by content, so a
/// rebuild can never use something stale.
#[derive(Default)]
pub struct Reuse {
    front_matter: load::Memory,
    profiles: profile::cache::Memory,
}

/// A portal read, checked and modelled, ready to be written.
pub struct Prepared {
    pub portal: model::Portal,
    pub layers: ThemeLayers,
    pub lang: render::i18n::Lang,
    /// What reading found (warnings, and errors in data files).
    pub diagnostics: Diagnostics,
}

/// The first half of the pipeline, up to the model.
pub enum Reading {
    Ready(Box<Prepared>),
    /// The portal's text files have errors (or its data files personal
    /// data): nothing may be rendered.
    Blocked {
        diagnostics: Vec<Diagnostic>,
        language: String,
    },
}

/// Runs every stage over the portal at `root` and writes the site through
/// `output`. Stops before rendering when the portal's text files have
/// errors: the output then holds nothing and must be discarded.
pub fn generate(
    root: &Path,
    exclude: Option<&Path>,
    output: &Output,
    options: &GenerateOptions,
) -> anyhow::Result<Generated> {
    let prepared = match read(root, exclude, options, None)? {
        Reading::Ready(prepared) => prepared,
        Reading::Blocked { diagnostics, language } => {
            return Ok(Generated { diagnostics, datasets: 0, publishable: false, language });
        }
    };
    let written = write(&prepared, output, options)?;
    let publishable = !written.has_errors();
    let mut diagnostics = prepared.diagnostics.clone();
    diagnostics.extend(written.into_sorted());
    Ok(Generated {
        datasets: prepared.portal.datasets.len(),
        diagnostics: diagnostics.into_sorted(),
        publishable,
        language: prepared.lang.code.clone(),
    })
}

/// Reads the portal at `root` (skipping `exclude`, the output folder)
/// through every stage up to the model; `reuse` is for a process that
/// reads it again and again (on a single read, keeping copies for the next
/// would only cost memory, and so time).
pub fn read(
    root: &Path,
    exclude: Option<&Path>,
    options: &GenerateOptions,
    reuse: Option<&Reuse>,
) -> anyhow::Result<Reading> {
    let timer = Timer::new(options.verbose);
    let mut diagnostics = Diagnostics::new();
    let config = timer.stage("config", || Config::load(root, &mut diagnostics))?;
    let layers = ThemeLayers::new(&config);
    let lang = timer.stage("theme", || layers.lang(&config, &mut diagnostics));
    let sources = timer.stage("load", || {
        load::load(
            root,
            exclude,
            reuse.map(|r| &r.front_matter),
            &mut diagnostics,
        )
    });
    let today = load::history::today();
    let load::history::History { dates, versions } =
        timer.stage("history", || load::history::portal_history(root, &sources));
    let content = timer.stage("validate", || {
        validate::validate(&config, sources, &mut diagnostics)
    });
    let cache = profile::cache::Cache::open(root, reuse.map(|r| &r.profiles));
    let blocking = diagnostics.error_count();
    let profiles = timer.stage("profile", || {
        profile::profile_content(&content, &cache, options.progress, &mut diagnostics)
    });
    cache.save();
    let territory = config
        .map_territory
        .as_deref()
        .and_then(|path| profile::geo::territory(root, path, &mut diagnostics));
    // Personal data found in the files forbids publishing them.
    let blocking = blocking + {
        let before = diagnostics.error_count();
        timer.stage("guard", || {
            guard::check(&content, &profiles, &mut diagnostics)
        });
        diagnostics.error_count() - before
    };
    // Before the model, so that every command reading the portal says it.
    for warning in model::quality::late_warnings(&content.datasets, &dates, today) {
        diagnostics.push(warning);
    }
    if blocking > 0 {
        return Ok(Reading::Blocked {
            diagnostics: diagnostics.into_sorted(),
            language: lang.code,
        });
    }
    let portal = timer.stage("model", || {
        model::build(
            config, content, profiles, territory, &dates, versions, today,
        )
    });
    Ok(Reading::Ready(Box::new(Prepared {
        portal,
        layers,
        lang,
        diagnostics,
    })))
}

/// Renders and exports a prepared portal through `output`. Returns what
/// writing found: with an error, the site must not be published.
pub fn write(
    prepared: &Prepared,
    output: &Output,
    options: &GenerateOptions,
) -> anyhow::Result<Diagnostics> {
    let timer = Timer::new(options.verbose);
    let Prepared { portal, layers, lang, .. } = prepared;
    render::begin_memo(portal, layers, lang, output);
    // Pages and exports do not read each other: made side by side, so that
    // one keeps the cores busy while the other waits on the disk (their
    // times overlap). Problems are gathered in a fixed order.
    // The search index is timed apart: its cost grows with the text of the
    // whole catalog.
    type Stage<'a> = Box<dyn Fn(&mut Diagnostics) -> anyhow::Result<()> + Sync + 'a>;
    let stages: [(&str, Stage); 3] = [
        (
            "render",
            Box::new(|d| render::render(portal, layers, lang, output, d)),
        ),
        (
            "export",
            Box::new(|d| export::write(portal, lang, output, d)),
        ),
        (
            "search",
            Box::new(|d| export::search::write(portal, lang, output, d)),
        ),
    ];
    let said = stages
        .par_iter()
        .map(|(name, stage)| timer.stage(name, || Diagnostics::of(stage)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut diagnostics = Diagnostics::new();
    for said in said {
        diagnostics.extend(said.into_sorted());
    }
    // Last: the sitemap lists the pages written before it.
    timer.stage("sitemap", || {
        export::sitemap::write(portal, output, &mut diagnostics)
    })?;
    Ok(diagnostics)
}

/// `ouvert build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub portal: PathBuf,
    /// Defaults to `<portal>/public`.
    pub out: Option<PathBuf>,
    /// Replace an output folder ouvert did not make.
    pub force: bool,
    pub generate: GenerateOptions,
}

pub struct BuildOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub out: PathBuf,
    /// `None` when nothing was published because of errors.
    pub published: Option<Published>,
}

pub struct Published {
    pub datasets: usize,
    pub stats: output::Stats,
    pub elapsed: Duration,
}

/// Builds the portal into its output folder, which changes only when the
/// whole build succeeded. `Err` is for usage and plumbing
/// failures; content problems are in the outcome's diagnostics.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildOutcome> {
    let start = Instant::now();
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.portal.join("public"));
    // Before the output is prepared, so a wrong folder gets the right message.
    config::ensure_portal(&options.portal)?;
    let output = Output::disk(&out, &options.portal, options.force)?;
    let generated = match generate(&options.portal, Some(&out), &output, &options.generate) {
        Ok(generated) => generated,
        Err(e) => {
            output.discard();
            return Err(e);
        }
    };
    if !generated.publishable {
        output.discard();
        return Ok(BuildOutcome { diagnostics: generated.diagnostics, out, published: None });
    }
    let stats = output.stats();
    // Moving what changed in and removing what the new site no longer has.
    Timer::new(options.generate.verbose).stage("publish", || output.commit())?;
    Ok(BuildOutcome {
        diagnostics: generated.diagnostics,
        out,
        published: Some(Published {
            datasets: generated.datasets,
            stats,
            elapsed: start.elapsed(),
        }),
    })
}

/// What was built, as the terminal says it: `10 datasets, 45 pages and
/// 120 files (3.4 MB)`.
pub fn describe_site(datasets: usize, stats: &output::Stats) -> String {
    use util::text::{count, human_bytes};
    format!(
        "{}, {} and {} ({})",
        count(datasets, "dataset", "datasets"),
        count(stats.pages, "page", "pages"),
        count(stats.files, "file", "files"),
        human_bytes(stats.bytes)
    )
}

/// Times the stages when asked (`--verbose`).
pub(crate) struct Timer {
    verbose: bool,
}

impl Timer {
    pub(crate) fn new(verbose: bool) -> Timer {
        Timer { verbose }
    }

    pub(crate) fn stage<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = f();
        if self.verbose {
            eprintln!(
                "[{name:>8}] {:.1} ms",
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
        result
    }
}
