//! The static JSON API (`api/catalog.json`, `api/datasets/<slug>.json`,
//! `api/usages.json`),
//! a contract documented in `docs/api.md` that other tools rely on: fields
//! are only ever added, never renamed or removed.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, GeneratedFile, Portal, Resource, paths};
use crate::output::Output;
use crate::profile::{ColumnProfile, GeometrySummary, ProfileWarning, ResourceProfile};
use crate::util::pretty_json;
use crate::util::url::public_url;
use crate::validate::SchemaRef;

/// Writes `api/catalog.json`, one `api/datasets/<slug>.json` per dataset,
/// `api/usages.json`, `api/reuses.json` and `api/requests.json`.
pub fn write(
    portal: &Portal,
    lang: &crate::render::i18n::Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let base = portal.config.base_url.as_deref();
    let catalog = Catalog {
        datasets: portal
            .datasets
            .iter()
            .map(|d| CatalogEntry::new(d, base))
            .collect(),
    };
    const ORIGIN: &str = "the static API";
    let lists = [
        (paths::API_CATALOG, pretty_json(&catalog)?),
        (
            paths::API_USAGES,
            pretty_json(&super::usages::register(portal))?,
        ),
        (
            paths::API_REUSES,
            pretty_json(&super::participation::reuses(portal))?,
        ),
        (
            paths::API_REQUESTS,
            pretty_json(&super::participation::requests(portal))?,
        ),
    ]
    .map(|(path, bytes)| Ok((path.to_string(), ORIGIN.to_string(), bytes)));
    let datasets = portal.datasets.par_iter().map(|dataset| {
        let json = DatasetJson::new(portal, dataset, base, lang);
        let path = paths::api_dataset(&dataset.meta.slug);
        Ok((path, ORIGIN.to_string(), pretty_json(&json)?))
    });
    output.publish_all::<serde_json::Error>(datasets.chain(lists), diagnostics)
}

#[derive(Serialize)]
struct Catalog<'a> {
    datasets: Vec<CatalogEntry<'a>>,
}

#[derive(Serialize)]
struct CatalogEntry<'a> {
    slug: &'a str,
    title: &'a str,
    /// The dataset page.
    url: String,
    /// This dataset's file in the API.
    api: String,
    modified: Option<String>,
    resources: Vec<ResourceSummary<'a>>,
}

impl<'a> CatalogEntry<'a> {
    fn new(dataset: &'a Dataset, base: Option<&str>) -> CatalogEntry<'a> {
        CatalogEntry {
            slug: &dataset.meta.slug,
            title: &dataset.meta.title,
            url: public_url(base, &dataset.path),
            api: public_url(base, &paths::api_dataset(&dataset.meta.slug)),
            modified: dataset.updated().map(|d| d.to_string()),
            resources: dataset
                .resources
                .iter()
                .map(|r| ResourceSummary::new(r, base))
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ResourceSummary<'a> {
    title: &'a str,
    format: Option<&'a str>,
    /// Site path of a file published by the portal; `null` for a link to
    /// another site.
    path: Option<&'a str>,
    /// Where to download it.
    url: String,
    bytes: Option<u64>,
}

impl<'a> ResourceSummary<'a> {
    fn new(resource: &'a Resource, base: Option<&str>) -> ResourceSummary<'a> {
        ResourceSummary {
            title: &resource.meta.title,
            format: resource.format.as_deref(),
            path: resource.path.as_deref(),
            url: resource.public_url(base),
            bytes: resource.bytes,
        }
    }
}

#[derive(Serialize)]
struct DatasetJson<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    summary: Option<&'a str>,
    /// The description, in Markdown, as the portal's file has it.
    description: &'a str,
    keywords: &'a [String],
    /// EU data theme codes (`GOVE`, `ENVI`, …).
    themes: &'a [&'static str],
    publisher: Publisher<'a>,
    licence: Option<LicenceJson>,
    /// EU frequency code (`ANNUAL`, …).
    frequency: Option<&'static str>,
    temporal: Option<Temporal>,
    spatial: Option<Spatial<'a>>,
    created: Option<String>,
    modified: Option<String>,
    contact: Option<Contact<'a>>,
    resources: Vec<ResourceJson<'a>>,
    /// When the dataset was last updated, and where that date comes from.
    updated: Option<Updated>,
    quality: QualityJson,
    /// What people made with it, as in `api/reuses.json`.
    reuses: Vec<super::participation::ReuseJson<'a>>,
    /// What changed: the `changelog`, and the versions of its files in
    /// the portal's git history.
    history: HistoryJson<'a>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    changelog: Vec<ChangeJson<'a>>,
    versions: Vec<VersionJson<'a>>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    date: String,
    description: &'a str,
}

#[derive(Serialize)]
struct VersionJson<'a> {
    date: String,
    commit: &'a str,
    message: &'a str,
    files: Vec<FileVersionJson<'a>>,
}

#[derive(Serialize)]
struct FileVersionJson<'a> {
    name: &'a str,
    /// `null` when the version removed the file.
    bytes: Option<u64>,
    rows: Option<u64>,
}

impl<'a> HistoryJson<'a> {
    fn new(dataset: &'a Dataset) -> Self {
        HistoryJson {
            changelog: dataset
                .meta
                .changelog
                .iter()
                .map(|c| ChangeJson { date: c.date.to_string(), description: &c.description })
                .collect(),
            versions: dataset
                .versions
                .iter()
                .map(|v| VersionJson {
                    date: v.date.to_string(),
                    commit: &v.commit,
                    message: &v.message,
                    files: v
                        .files
                        .iter()
                        .map(|f| FileVersionJson { name: &f.name, bytes: f.size, rows: f.rows })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct Updated {
    date: String,
    /// `git`, `uncommitted`, `front_matter` or `files`.
    source: &'static str,
}

#[derive(Serialize)]
struct QualityJson {
    score: usize,
    max: usize,
    /// Whether the dataset is late for its frequency.
    late: bool,
    criteria: Vec<CriterionJson>,
}

#[derive(Serialize)]
struct CriterionJson {
    id: &'static str,
    met: bool,
    /// What to do to meet it, in the portal's language; `null` when met.
    hint: Option<String>,
}

impl QualityJson {
    fn new(quality: &crate::model::quality::Quality, lang: &crate::render::i18n::Lang) -> Self {
        QualityJson {
            score: quality.score(),
            max: quality.max(),
            late: quality.late.is_some(),
            criteria: quality
                .criteria
                .iter()
                .map(|c| CriterionJson {
                    id: c.id.id(),
                    met: c.met(),
                    hint: crate::render::quality::hint(lang, c),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct Publisher<'a> {
    slug: &'a str,
    title: &'a str,
    siren: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct LicenceJson {
    id: &'static str,
    title: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Temporal {
    start: Option<String>,
    end: Option<String>,
}

#[derive(Serialize)]
struct Spatial<'a> {
    name: Option<&'a str>,
    /// INSEE codes of the places covered.
    insee: &'a [String],
}

#[derive(Serialize)]
struct Contact<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    url: Option<&'a str>,
}

impl<'a> DatasetJson<'a> {
    fn new(
        portal: &'a Portal,
        dataset: &'a Dataset,
        base: Option<&str>,
        lang: &crate::render::i18n::Lang,
    ) -> DatasetJson<'a> {
        let meta = &dataset.meta;
        let publisher = &portal.organizations[dataset.publisher];
        DatasetJson {
            slug: &meta.slug,
            title: &meta.title,
            url: public_url(base, &dataset.path),
            summary: meta.summary.as_deref(),
            description: meta.doc.body().trim(),
            keywords: &meta.keywords,
            themes: &meta.themes,
            publisher: Publisher {
                slug: &publisher.slug,
                title: &publisher.title,
                siren: publisher.siren.as_deref(),
                url: public_url(base, &publisher.path),
            },
            licence: dataset
                .licence
                .map(|l| LicenceJson { id: l.id, title: l.title, url: l.url }),
            frequency: meta.frequency,
            temporal: meta.temporal.as_ref().map(|t| Temporal {
                start: t.start.map(|d| d.to_string()),
                end: t.end.map(|d| d.to_string()),
            }),
            spatial: meta
                .spatial
                .as_ref()
                .map(|s| Spatial { name: s.name.as_deref(), insee: &s.insee }),
            created: meta.created.map(|d| d.to_string()),
            modified: meta.modified.map(|d| d.to_string()),
            contact: dataset.contact.as_ref().map(|c| Contact {
                name: c.name.as_deref(),
                email: c.email.as_deref(),
                phone: c.phone.as_deref(),
                url: c.url.as_deref(),
            }),
            resources: dataset
                .resources
                .iter()
                .map(|r| ResourceJson::new(portal, r, base))
                .collect(),
            updated: dataset
                .freshness
                .map(|f| Updated { date: f.date.to_string(), source: f.source.id() }),
            quality: QualityJson::new(&dataset.quality, lang),
            reuses: dataset
                .reuses
                .iter()
                .map(|&i| super::participation::reuse(portal, &portal.reuses[i]))
                .collect(),
            history: HistoryJson::new(dataset),
        }
    }
}

#[derive(Serialize)]
struct ResourceJson<'a> {
    #[serde(flatten)]
    summary: ResourceSummary<'a>,
    description: Option<&'a str>,
    sha256: Option<&'a str>,
    schema: Option<Schema>,
    /// For a table without a schema: the one inferred from its profile.
    inferred_schema: Option<PublishedJson>,
    profile: Option<ProfileJson<'a>>,
    /// Why a file that should have a profile has none.
    error: Option<String>,
    normalized: Vec<NormalizedJson<'a>>,
    /// What validating the file against its schema found.
    validation: Option<ValidationJson<'a>>,
}

#[derive(Serialize)]
pub struct ValidationJson<'a> {
    /// `valid`, `warnings` or `invalid`.
    status: crate::schema::report::Status,
    rows: u64,
    error_count: u64,
    error_counts: &'a std::collections::BTreeMap<String, u64>,
    warning_counts: &'a std::collections::BTreeMap<String, u64>,
    warnings: Vec<ProblemJson<'a>>,
    /// The first 100 errors, in file order.
    errors: Vec<ProblemJson<'a>>,
}

#[derive(Serialize)]
pub struct ProblemJson<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    row: Option<u64>,
    column: Option<&'a str>,
    column_number: Option<usize>,
    value: Option<&'a str>,
    /// In the portal's language.
    message: String,
}

impl<'a> ValidationJson<'a> {
    pub fn new(
        report: &'a crate::schema::report::ValidationReport,
        language: &str,
    ) -> ValidationJson<'a> {
        let problem = |p: &'a crate::schema::report::Problem| ProblemJson {
            kind: &p.kind,
            row: p.row,
            column: p.column.as_deref(),
            column_number: p.column_number,
            value: p.value.as_deref(),
            message: p.message(language),
        };
        ValidationJson {
            status: report.status,
            rows: report.rows,
            error_count: report.error_count(),
            error_counts: &report.error_counts,
            warning_counts: &report.warning_counts,
            warnings: report.warnings.iter().map(problem).collect(),
            errors: report.errors.iter().map(problem).collect(),
        }
    }
}

#[derive(Serialize)]
struct Schema {
    /// `scdl/subventions 2.1.1`, or the portal's schema file.
    label: String,
    /// What identifies the schema: its schema.data.gouv.fr URL for a
    /// published one, else the portal's copy.
    url: Option<String>,
    /// The portal's copy of the schema's JSON.
    file: Option<PublishedJson>,
    /// The schema's documentation page on the portal.
    page: Option<String>,
}

#[derive(Serialize)]
struct PublishedJson {
    path: String,
    url: String,
}

impl PublishedJson {
    fn new(path: &str, base: Option<&str>) -> PublishedJson {
        PublishedJson { path: path.to_string(), url: public_url(base, path) }
    }
}

#[derive(Serialize)]
struct NormalizedJson<'a> {
    table: Option<&'a str>,
    csv: FileJson<'a>,
    json: FileJson<'a>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    url: String,
    bytes: u64,
}

impl<'a> FileJson<'a> {
    fn new(file: &'a GeneratedFile, base: Option<&str>) -> FileJson<'a> {
        FileJson {
            path: &file.path,
            url: public_url(base, &file.path),
            bytes: file.bytes,
        }
    }
}

impl<'a> ResourceJson<'a> {
    fn new(portal: &'a Portal, resource: &'a Resource, base: Option<&str>) -> ResourceJson<'a> {
        ResourceJson {
            summary: ResourceSummary::new(resource, base),
            description: resource.meta.description.as_deref(),
            sha256: resource.sha256.as_deref(),
            schema: resource.meta.schema.as_ref().map(|schema| {
                let doc = resource.schema.map(|i| &portal.schemas[i]);
                let file = doc.map(|d| PublishedJson::new(&d.path, base));
                Schema {
                    label: schema.label(),
                    url: match schema {
                        SchemaRef::Published { .. } => schema.canonical_url(),
                        SchemaRef::Local { .. } => file.as_ref().map(|f| f.url.clone()),
                    },
                    file,
                    page: doc.map(|d| public_url(base, &d.page)),
                }
            }),
            inferred_schema: resource
                .inferred_schema
                .as_deref()
                .map(|path| PublishedJson::new(path, base)),
            profile: resource.profile.as_ref().map(ProfileJson::new),
            error: resource.profile_error.as_ref().map(|e| e.message()),
            validation: resource
                .validation
                .as_ref()
                .map(|r| ValidationJson::new(r, &portal.config.language)),
            normalized: resource
                .normalized
                .iter()
                .map(|n| NormalizedJson {
                    table: n.table.as_deref(),
                    csv: FileJson::new(&n.csv, base),
                    json: FileJson::new(&n.json, base),
                })
                .collect(),
        }
    }
}

/// A file's profile as the API and `ouvert profile --format json` give it.
/// The first table's rows and columns are at the top level; workbooks also
/// list every sheet in `tables`.
#[derive(Debug, Serialize)]
pub struct ProfileJson<'a> {
    pub encoding: Option<&'a str>,
    pub delimiter: Option<char>,
    pub quote: Option<char>,
    pub decimal_separator: Option<char>,
    pub header: bool,
    pub rows: u64,
    pub columns: &'a [ColumnProfile],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tables: Option<Vec<TableJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geometry: Option<&'a GeometrySummary>,
    pub warnings: &'a [ProfileWarning],
}

#[derive(Debug, Serialize)]
pub struct TableJson<'a> {
    pub name: Option<&'a str>,
    pub header: bool,
    pub rows: u64,
    pub columns: &'a [ColumnProfile],
}

impl<'a> ProfileJson<'a> {
    pub fn new(profile: &'a ResourceProfile) -> ProfileJson<'a> {
        let first = profile.tables.first();
        ProfileJson {
            encoding: profile.encoding.as_deref(),
            delimiter: profile.delimiter,
            quote: profile.quote,
            decimal_separator: profile.decimal_separator,
            header: first.is_some_and(|t| t.header),
            rows: first.map_or(0, |t| t.rows),
            columns: first.map_or(&[], |t| t.columns.as_slice()),
            tables: (profile.tables.len() > 1).then(|| {
                profile
                    .tables
                    .iter()
                    .map(|t| TableJson {
                        name: t.name.as_deref(),
                        header: t.header,
                        rows: t.rows,
                        columns: &t.columns,
                    })
                    .collect()
            }),
            geometry: profile.geometry.as_ref(),
            warnings: &profile.warnings,
        }
    }
}
