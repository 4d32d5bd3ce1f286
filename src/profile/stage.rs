//! The profile stage: every local resource of the portal is read once, in
//! parallel, through the cache, to be profiled and validated against the
//! schema it declares; then foreign keys are checked across the resources
//! of each dataset.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::cache::Cache;
use super::chart::{ChartProblem, DeclaredChart};
use super::{FileKind, ProfileError, Profiled, Profiles, Reading, ResourceProfile};
use super::{guarded, normalize};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Document;
use crate::load::PortalFile;
use crate::schema::report::ValidationReport;
use crate::schema::validator::Keys;
use crate::validate::{ChartSpec, Content, DatasetMeta, ResourceLocation, SchemaFile};

/// One local resource to read.
struct Job<'c> {
    slug: &'c str,
    index: usize,
    kind: FileKind,
    file: &'c PortalFile,
    schema: Option<&'c SchemaFile>,
    /// Column sets other resources' foreign keys refer to.
    collect: Vec<Vec<String>>,
    /// Whether foreign keys involve it: its validation then depends on
    /// other files too, and is not cached.
    linked: bool,
    /// The charts its front matter declares.
    charts: &'c [ChartSpec],
    /// The dataset's front matter, where chart problems are reported.
    doc: &'c Document,
}

/// A foreign key between two resources of a dataset.
struct Link {
    slug: String,
    /// The resource whose schema declares the key, and the key's index.
    from: usize,
    key: usize,
    /// The resource referred to, and the index of the column set collected
    /// from it.
    to: usize,
    collected: usize,
}

/// What reading one resource gave.
struct Read {
    sha256: String,
    profile: Option<Result<ResourceProfile, ProfileError>>,
    validation: Option<(ValidationReport, Option<Keys>)>,
    normalized: Result<Vec<normalize::Normalized>, ProfileError>,
    charts: Vec<Result<DeclaredChart, ChartProblem>>,
}

/// Profiles and validates every local resource of the portal. Unreadable
/// files are errors; what was read with trouble, and files that do not
/// follow their schema, give warnings (the dataset page details them).
pub fn profile_content(
    content: &Content,
    cache: &Cache,
    progress: bool,
    diagnostics: &mut Diagnostics,
) -> Profiles {
    let (mut jobs, links) = plan(content, diagnostics);
    let total_bytes: u64 = jobs.iter().map(|j| j.file.size).sum();
    let bar = progress_bar(
        progress && (jobs.len() > 200 || total_bytes > 200_000_000),
        total_bytes,
    );
    let threads = super::default_jobs();
    let results: Vec<(usize, std::io::Result<Read>)> = jobs
        .par_iter_mut()
        .enumerate()
        .map(|(j, job)| {
            let read = read(job, cache, threads);
            bar.inc(job.file.size);
            (j, read)
        })
        .collect();
    bar.finish_and_clear();

    let mut reads: Vec<Option<Read>> = Vec::with_capacity(jobs.len());
    for (j, result) in results {
        let job = &jobs[j];
        let path = &job.file.path;
        match result {
            Ok(read) => {
                report_reading(path, &read, diagnostics);
                for problem in read.charts.iter().filter_map(|c| c.as_ref().err()) {
                    diagnostics.push(
                        job.doc
                            .at_value(
                                Diagnostic::warning(problem.message(path)),
                                &["resources"],
                                &problem.declaration(),
                            )
                            .hint(problem.hint()),
                    );
                }
                reads.push(Some(read));
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!("cannot read {path}: {e}")).file(path.as_str()),
                );
                reads.push(None);
            }
        }
    }
    check_foreign_keys(&jobs, &links, &mut reads);

    let mut profiles = Profiles::new();
    for (job, read) in jobs.iter().zip(reads) {
        let Some(read) = read else { continue };
        let validation = read
            .validation
            .map(|(report, _)| report)
            .filter(|_| job.schema.is_some());
        if let (Some(report), Some(schema)) = (&validation, job.schema) {
            report_validation(&job.file.path, &schema.file.path, report, diagnostics);
        }
        let normalized = read.normalized.unwrap_or_else(|e| {
            // The published files stay whole without the copies: worth a
            // warning, not a failed build.
            diagnostics.push(
                Diagnostic::warning(format!("{}: {}", job.file.path, e.message()))
                    .file(job.file.path.as_str()),
            );
            Vec::new()
        });
        profiles.insert(
            (job.slug.to_string(), job.index),
            Profiled {
                sha256: read.sha256,
                profile: read.profile,
                normalized,
                validation,
                charts: read.charts.into_iter().filter_map(Result::ok).collect(),
            },
        );
    }
    check_column_names(content, &profiles, diagnostics);
    profiles
}

/// Warns about `why` entries and declared personal columns
/// (`usage.personal_columns`) that name no column: a misspelt name would
/// otherwise leave a reason unshown or a declaration without effect.
/// Columns are those of the files read and of their schemas; nothing is
/// said while a file of the dataset could not be read, since its columns
/// are unknown.
fn check_column_names(content: &Content, profiles: &Profiles, diagnostics: &mut Diagnostics) {
    for dataset in &content.datasets {
        let personal = dataset.usage.as_ref().map(|u| &u.personal_columns);
        let named: Vec<(&str, &[&str], &str)> = dataset
            .why
            .keys()
            .map(|c| (c.as_str(), &["why"][..], "`why` explains"))
            .chain(personal.into_iter().flat_map(|p| p.keys()).map(|c| {
                (
                    c.as_str(),
                    &["usage", "personal_columns"][..],
                    "`personal_columns` declares",
                )
            }))
            .collect();
        if named.is_empty() {
            continue;
        }
        let mut columns: Vec<&str> = Vec::new();
        let mut complete = true;
        for (index, resource) in dataset.resources.iter().enumerate() {
            if let Some(schema) = resource
                .schema
                .as_ref()
                .and_then(|r| content.schemas.get(&r.portal_path()))
            {
                columns.extend(schema.schema.fields.iter().map(|f| f.name.as_str()));
            }
            match profiles
                .get(&(dataset.slug.clone(), index))
                .and_then(|p| p.profile.as_ref())
            {
                Some(Ok(profile)) => columns.extend(
                    profile
                        .tables
                        .iter()
                        .flat_map(|t| t.columns.iter().map(|c| c.name.as_str())),
                ),
                Some(Err(_)) => complete = false,
                None => {}
            }
        }
        if !complete {
            continue;
        }
        columns.sort_unstable();
        columns.dedup();
        for (column, key, what) in named {
            if columns.iter().any(|c| c.eq_ignore_ascii_case(column)) {
                continue;
            }
            let hint = if columns.is_empty() {
                "this dataset has no table with columns".to_string()
            } else {
                format!("the columns are: {}", columns.join(", "))
            };
            let path: Vec<&str> = key.iter().copied().chain([column]).collect();
            diagnostics.push(
                dataset
                    .doc
                    .at_key(
                        Diagnostic::warning(format!(
                            "{what} the column `{column}`, which no file of this dataset has"
                        )),
                        &path,
                    )
                    .hint(hint),
            );
        }
    }
}

/// The resources to read, and the foreign keys between them.
fn plan<'c>(content: &'c Content, diagnostics: &mut Diagnostics) -> (Vec<Job<'c>>, Vec<Link>) {
    let mut jobs = Vec::new();
    let mut links = Vec::new();
    for dataset in &content.datasets {
        let first = jobs.len();
        // Resource index in the dataset → job index.
        let mut job_of: BTreeMap<usize, usize> = BTreeMap::new();
        for (index, resource) in dataset.resources.iter().enumerate() {
            if let ResourceLocation::Local(file) = &resource.location {
                job_of.insert(index, jobs.len());
                jobs.push(Job {
                    slug: &dataset.slug,
                    index,
                    kind: FileKind::from_path(&file.name),
                    file: &file.file,
                    schema: resource
                        .schema
                        .as_ref()
                        .and_then(|r| content.schemas.get(&r.portal_path())),
                    collect: Vec::new(),
                    linked: false,
                    charts: &resource.charts,
                    doc: &dataset.doc,
                });
            }
        }
        for (index, resource) in dataset.resources.iter().enumerate() {
            let Some(&from) = job_of.get(&index) else {
                continue;
            };
            let Some(schema) = jobs[from].schema else {
                continue;
            };
            for (key, foreign) in schema.schema.foreign_keys.iter().enumerate() {
                let target = if foreign.resource.is_empty() {
                    Some(index)
                } else {
                    resource_named(dataset, &foreign.resource)
                };
                let Some(&to) = target.and_then(|t| job_of.get(&t)) else {
                    let ResourceLocation::Local(file) = &resource.location else {
                        continue;
                    };
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "{}: the schema's foreign key refers to the resource `{}`, which is not a file of this dataset: it is not checked",
                            file.file.path, foreign.resource
                        ))
                        .file(file.file.path.as_str()),
                    );
                    continue;
                };
                jobs[to].collect.push(foreign.reference_fields.clone());
                jobs[to].linked = true;
                jobs[from].linked = true;
                links.push(Link {
                    slug: dataset.slug.clone(),
                    from: from - first,
                    key,
                    to: to - first,
                    collected: jobs[to].collect.len() - 1,
                });
            }
        }
        // Links index jobs from the dataset's first one.
        for link in links.iter_mut().filter(|l| l.slug == dataset.slug) {
            link.from += first;
            link.to += first;
        }
    }
    (jobs, links)
}

/// The resource a foreign key names: by file name, with or without its
/// extension (`communes.csv` or `communes`).
fn resource_named(dataset: &DatasetMeta, name: &str) -> Option<usize> {
    dataset.resources.iter().position(|r| match &r.location {
        ResourceLocation::Local(file) => {
            let file_name = file.name.rsplit('/').next().unwrap_or(&file.name);
            file_name == name
                || file_name
                    .rsplit_once('.')
                    .is_some_and(|(stem, _)| stem == name)
        }
        ResourceLocation::Remote(_) => false,
    })
}

fn progress_bar(shown: bool, total_bytes: u64) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "reading data files {bar:30} {bytes}/{total_bytes} ({eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Reads one resource as little as the cache allows: not at all when its
/// profile and validation are known.
fn read(job: &Job, cache: &Cache, threads: usize) -> std::io::Result<Read> {
    let sha256 = cache.sha256(job.file)?;
    let kind = job.kind;
    let tabular = kind.is_tabular();
    let cached_profile = if tabular {
        cache.get(&sha256, kind)
    } else {
        None
    };
    let cached_validation = match job.schema {
        Some(schema) if tabular && !job.linked => cache.get_validation(&sha256, &schema.sha256),
        _ => None,
    };
    let wants_validation = tabular && (job.schema.is_some() || !job.collect.is_empty());
    let reading = Reading {
        profile: tabular && cached_profile.is_none(),
        personal_data: true,
        schema: job.schema.map(|s| &*s.schema),
        collect: job.collect.clone(),
    };
    let must_read = reading.profile || (wants_validation && cached_validation.is_none());
    let (mut profile, validation) = if must_read {
        let outcome = guarded(|| {
            super::read(&job.file.abs, kind, threads, &reading).unwrap_or_else(super::unreadable)
        });
        match outcome {
            Ok(outcome) => {
                let profile = match (cached_profile, outcome.profile) {
                    (Some(cached), _) => Some(cached),
                    (None, Some(fresh)) => Some(Ok(fresh)),
                    (None, None) => None,
                };
                (
                    profile,
                    outcome
                        .validation
                        .map(|(report, keys)| (report, Some(keys))),
                )
            }
            Err(e) => (Some(cached_profile.unwrap_or(Err(e))), None),
        }
    } else {
        (
            cached_profile,
            cached_validation.map(|report| (report, None)),
        )
    };
    if let (Some(schema), Some((report, Some(_))), false) = (job.schema, &validation, job.linked) {
        cache.put_validation(&sha256, &schema.sha256, report);
    }
    let normalized = match (&profile, cache.normalized_dir(&sha256, kind)) {
        (Some(Ok(profile)), Some(dir)) => {
            guarded(|| normalize::in_folder(&job.file.abs, kind, profile, &dir))
        }
        _ => Ok(Vec::new()),
    };
    if reading.profile
        && let (Some(Ok(profile)), Ok(copies)) = (&mut profile, &normalized)
        && profile.sketch.is_none()
        && let Some(table) = profile.tables.first()
        && let Some(coordinates) = super::geo::coordinates(table)
        && let Some(copy) = copies.first()
    {
        // A table with positions gets its map from its normalised copy,
        // once: the sketch is cached with the profile.
        if let Ok(sketch) = guarded(|| {
            super::geo::sketch_csv(&copy.csv, coordinates, super::geo::label_column(table))
                .map_err(|e| ProfileError::with_detail(super::ReadFailure::Io, e))
        }) {
            profile.sketch = Some(sketch);
        }
    }
    // Written once the profile is complete, its map's sketch included.
    if reading.profile
        && let Some(result) = &profile
    {
        cache.put(&sha256, kind, result);
    }
    let charts = match (&profile, &normalized) {
        (Some(Ok(profile)), Ok(copies)) => job
            .charts
            .iter()
            .filter_map(|spec| chart(spec, &sha256, profile, copies, cache))
            .collect(),
        _ => Vec::new(),
    };
    Ok(Read { sha256, profile, validation, normalized, charts })
}

/// The data of a declared chart, from the cache or the table's normalised
/// copy; `None` when there is no copy (its failure to be written is
/// reported with the copies).
fn chart(
    spec: &ChartSpec,
    sha256: &str,
    profile: &ResourceProfile,
    copies: &[normalize::Normalized],
    cache: &Cache,
) -> Option<Result<DeclaredChart, ChartProblem>> {
    let plan = match super::chart::plan(spec, &profile.tables) {
        Ok(plan) => plan,
        Err(problem) => return Some(Err(problem)),
    };
    let key = super::cache::chart_key(spec);
    let data = match cache.get_chart(sha256, &key) {
        Some(data) => data,
        None => {
            let table = &profile.tables[plan.table];
            let copy = copies
                .iter()
                .find(|c| c.table == table.name)
                .or_else(|| copies.get(plan.table))?;
            let data = guarded(|| {
                super::chart::aggregate(&copy.csv, &plan)
                    .map_err(|e| ProfileError::with_detail(super::ReadFailure::Io, e))
            });
            let data = match data {
                Ok(data) => data,
                Err(e) => {
                    return Some(Err(ChartProblem::Unreadable {
                        column: spec.x.clone(),
                        detail: e.detail.clone().unwrap_or_else(|| e.message()),
                    }));
                }
            };
            cache.put_chart(sha256, &key, &data);
            data
        }
    };
    Some(Ok(DeclaredChart { spec: spec.clone(), data }))
}

/// Adds the errors of foreign keys whose values are missing from the
/// resource they refer to. Both sides were read in this build: resources
/// linked by foreign keys are never taken from the cache.
fn check_foreign_keys(jobs: &[Job], links: &[Link], reads: &mut [Option<Read>]) {
    for link in links {
        let Some(schema) = jobs[link.from].schema else {
            continue;
        };
        let key = &schema.schema.foreign_keys[link.key];
        let (from, to) = if link.from == link.to {
            (&mut reads[link.from], None)
        } else if link.from < link.to {
            let (left, right) = reads.split_at_mut(link.to);
            (&mut left[link.from], Some(&right[0]))
        } else {
            let (left, right) = reads.split_at_mut(link.from);
            (&mut right[0], Some(&left[link.to]))
        };
        let Some(Read { validation: Some((report, Some(keys))), .. }) = from else {
            continue;
        };
        let target = match to {
            None => Some(&*keys),
            Some(Some(Read { validation: Some((_, Some(target))), .. })) => Some(target),
            Some(_) => None,
        };
        if let Some(present) = target.and_then(|t| t.present(link.collected)) {
            keys.check_reference(link.key, key, present, true, report);
        }
    }
}

/// Diagnostics for what reading found.
fn report_reading(path: &str, read: &Read, diagnostics: &mut Diagnostics) {
    match &read.profile {
        Some(Ok(profile)) => {
            for warning in &profile.warnings {
                let mut d =
                    Diagnostic::warning(format!("{path}: {}", warning.message())).file(path);
                if let Some(line) = warning.line() {
                    d = d.line(line);
                }
                diagnostics.push(d);
            }
        }
        // Too large to profile is no fault of the file: it is published
        // for download all the same, and the page says why it shows no
        // preview.
        Some(Err(e)) if matches!(e.failure, super::ReadFailure::TooLarge { .. }) => {
            diagnostics.push(
                Diagnostic::warning(format!("{path} is not previewed: {}", e.message())).file(path),
            );
        }
        Some(Err(e)) => {
            let mut d =
                Diagnostic::error(format!("cannot read {path}: {}", e.message())).file(path);
            if let Some(line) = e.line {
                d = d.line(line);
            }
            diagnostics.push(d);
        }
        None => {}
    }
}

/// A warning for a file that does not follow its schema: publishing goes
/// on (the page shows the details), but the editor should know.
fn report_validation(
    path: &str,
    schema: &str,
    report: &ValidationReport,
    diagnostics: &mut Diagnostics,
) {
    let errors = report.error_count();
    if errors == 0 {
        return;
    }
    let counts: Vec<String> = report
        .error_counts
        .iter()
        .map(|(kind, n)| format!("{kind}: {n}"))
        .collect();
    let mut d = Diagnostic::warning(format!(
        "{path} does not follow its schema {schema}: {errors} {} ({})",
        if errors == 1 { "error" } else { "errors" },
        counts.join(", ")
    ))
    .file(path);
    if let Some(first) = report.errors.first() {
        d = d.hint(format!(
            "first{}: {}",
            first
                .row
                .map(|r| format!(" on row {r}"))
                .unwrap_or_default(),
            first.message("en")
        ));
    }
    diagnostics.push(d);
}
