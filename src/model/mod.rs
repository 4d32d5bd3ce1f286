//! Model stage: the portal as data — datasets with their resources and
//! profiles, organizations, themes, free pages — with every default
//! applied and every cross-reference resolved. Pure: no I/O.
//!
//! It also fixes the site's address scheme ([`paths`]): where each page and
//! file is published, which the Markdown link rewriting and the templates
//! both rely on.

pub mod facets;
pub mod paths;
pub mod quality;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::load::PortalFile;
use crate::profile::{ProfileError, Profiled, Profiles, ResourceProfile};
use crate::validate::{
    Contact, Content, DatasetFile, DatasetMeta, Menu, OrganizationMeta, PageMeta, ResourceLocation,
    ResourceMeta,
};
use crate::vocab::{FileKind, Licence};

pub struct Portal {
    pub config: Config,
    /// Sorted by slug.
    pub datasets: Vec<Dataset>,
    /// The authority first, then the others by title.
    pub organizations: Vec<Organization>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Newest first, then by title.
    pub reuses: Vec<Reuse>,
    /// By status, in the order requests go through, then newest first.
    pub requests: Vec<Request>,
    /// EU data themes that have datasets, by code.
    pub themes: Vec<Theme>,
    /// The ways to narrow the catalog down, each value with its datasets.
    pub facets: Vec<facets::Facet>,
    pub static_files: Vec<PortalFile>,
    /// Every file of `schemas/`, published at the same path.
    pub schema_files: Vec<PortalFile>,
    /// The schemas resources declare, each with its documentation page.
    pub schemas: Vec<SchemaDoc>,
    /// Portal file (`datasets/a/index.md`) → site path
    /// (`datasets/a/index.html`), for rewriting Markdown links.
    pub links: BTreeMap<String, String>,
    /// The territory's outline, drawn beneath every map.
    pub territory: Option<crate::profile::geo::Sketch>,
}

/// The slug of the free page that states the authority's commitments on
/// data use (`pages/engagements.md`), shown at the top of the register.
pub const ENGAGEMENTS_PAGE: &str = "engagements";

impl Portal {
    /// The organizations that publish datasets, when there are several:
    /// each then has its own catalogs and register, which data.gouv.fr
    /// harvests apart. With one, the portal's are its own.
    pub fn publishers_apart(&self) -> Vec<&Organization> {
        let publishing: Vec<&Organization> = self
            .organizations
            .iter()
            .filter(|o| !o.datasets.is_empty())
            .collect();
        if publishing.len() > 1 {
            publishing
        } else {
            Vec::new()
        }
    }

    /// The page of the authority's commitments, if the portal has one.
    pub fn engagements(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.meta.slug == ENGAGEMENTS_PAGE)
    }
}

pub struct Dataset {
    pub meta: DatasetMeta,
    /// Index in [`Portal::organizations`].
    pub publisher: usize,
    /// The dataset's contact, or the portal's.
    pub contact: Option<Contact>,
    /// The dataset's licence, or the portal's.
    pub licence: Option<&'static Licence>,
    pub resources: Vec<Resource>,
    /// Site path of the dataset page.
    pub path: String,
    /// When it was last updated, from git, the front matter or its files.
    pub freshness: Option<quality::Freshness>,
    /// Its quality score on the day of the build.
    pub quality: quality::Quality,
    /// Indexes in [`Portal::reuses`] of the reuses that use it.
    pub reuses: Vec<usize>,
    /// Indexes in [`Portal::requests`] of the requests it answers.
    pub requests: Vec<usize>,
    /// The versions of its files in the portal's git history, newest first.
    pub versions: Vec<crate::load::versions::Version>,
}

/// Something made with the portal's data.
pub struct Reuse {
    pub meta: crate::validate::ReuseMeta,
    /// Indexes in [`Portal::datasets`].
    pub datasets: Vec<usize>,
}

/// A request for data, and what became of it.
pub struct Request {
    pub meta: crate::validate::RequestMeta,
    /// Index in [`Portal::datasets`] of the dataset that answers it.
    pub dataset: Option<usize>,
}

impl Dataset {
    /// The date shown as "updated on": `modified`, else `created`.
    pub fn updated(&self) -> Option<crate::validate::PartialDate> {
        self.meta.modified.or(self.meta.created)
    }

    /// The date pages show as "updated on": from git history, `modified`
    /// or the files ([`quality::freshness`]), else `created`. The exports
    /// keep [`Dataset::updated`], what the front matter says.
    pub fn last_update(&self) -> Option<crate::validate::PartialDate> {
        self.freshness.map(|f| f.date).or(self.meta.created)
    }
}

pub struct Resource {
    pub meta: ResourceMeta,
    pub kind: FileKind,
    /// Format shown to readers: declared, else from the extension.
    pub format: Option<String>,
    /// Site path of the published copy, for local files.
    pub path: Option<String>,
    pub bytes: Option<u64>,
    /// Hex SHA-256 of a local file.
    pub sha256: Option<String>,
    pub profile: Option<ResourceProfile>,
    pub profile_error: Option<ProfileError>,
    /// UTF-8 CSV and JSON copies of each table, for local tabular files.
    pub normalized: Vec<NormalizedTable>,
    /// Index in [`Portal::schemas`] of the schema it declares.
    pub schema: Option<usize>,
    /// What validating the file against its schema found.
    pub validation: Option<crate::schema::report::ValidationReport>,
    /// For tables that declare no schema: where the schema inferred from
    /// the profile is published (site path).
    pub inferred_schema: Option<String>,
    /// The charts its front matter declares, with their data.
    pub charts: Vec<crate::profile::chart::DeclaredChart>,
}

impl Resource {
    /// Where readers get it: its published copy (absolute with
    /// `base_url`, else relative to the site root), or the address of data
    /// published elsewhere.
    pub fn public_url(&self, base_url: Option<&str>) -> String {
        match (&self.meta.location, &self.path) {
            (ResourceLocation::Remote(url), _) => url.clone(),
            (ResourceLocation::Local(_), Some(path)) => {
                crate::util::url::public_url(base_url, path)
            }
            (ResourceLocation::Local(file), None) => file.name.clone(),
        }
    }

    /// The Table Schema inferred from the profile of a table that declares
    /// none (published at [`Resource::inferred_schema`]), described by
    /// `description`.
    pub fn inferred_schema_json(&self, description: &str) -> Option<serde_json::Value> {
        self.inferred_schema.as_ref()?;
        let table = self.profile.as_ref()?.tables.first()?;
        Some(crate::schema::infer::infer(
            table,
            &self.meta.title,
            description,
        ))
    }
}

/// The normalised copies of one table of a resource.
pub struct NormalizedTable {
    /// The sheet, for workbooks with several.
    pub table: Option<String>,
    pub csv: GeneratedFile,
    pub json: GeneratedFile,
}

/// A file ouvert made, published from where it was written.
pub struct GeneratedFile {
    /// Site path.
    pub path: String,
    pub source: std::path::PathBuf,
    pub bytes: u64,
}

/// A schema resources declare, documented on a page of its own.
pub struct SchemaDoc {
    /// Portal path of its JSON file, published at the same site path.
    pub path: String,
    /// Site path of its documentation page.
    pub page: String,
    /// Its identity on schema.data.gouv.fr, when it has one.
    pub reference: Option<crate::validate::SchemaRef>,
    pub schema: std::sync::Arc<crate::schema::Schema>,
    /// The resources that declare it: (dataset index, resource index).
    pub used_by: Vec<(usize, usize)>,
}

pub struct Organization {
    pub slug: String,
    pub title: String,
    pub is_authority: bool,
    /// What kind of local authority it is, when it is one.
    pub kind: Option<crate::config::AuthorityKind>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub logo: Option<String>,
    /// The Markdown file describing it, if any.
    pub meta: Option<OrganizationMeta>,
    /// Indices in [`Portal::datasets`].
    pub datasets: Vec<usize>,
    pub path: String,
}

pub struct Page {
    pub meta: PageMeta,
    pub path: String,
}

impl Page {
    pub fn menu(&self) -> Option<Menu> {
        self.meta.menu
    }
}

pub struct Theme {
    pub code: &'static str,
    pub datasets: Vec<usize>,
    pub path: String,
}

/// Builds the model. `dates` are the dataset folders' dates of change
/// (see [`crate::load::history`]) and `today` the day the score is
/// computed for.
pub fn build(
    config: Config,
    content: Content,
    mut profiles: Profiles,
    territory: Option<crate::profile::geo::Sketch>,
    dates: &BTreeMap<String, crate::load::history::FolderDates>,
    mut versions: BTreeMap<String, Vec<crate::load::versions::Version>>,
    today: jiff::civil::Date,
) -> Portal {
    let organizations = organizations(&config, content.organizations);
    let index_of: BTreeMap<&str, usize> = organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.slug.as_str(), i))
        .collect();

    let mut datasets: Vec<Dataset> = content
        .datasets
        .into_iter()
        .map(|meta| {
            let publisher = meta
                .publisher
                .as_deref()
                .and_then(|slug| index_of.get(slug).copied())
                .unwrap_or(0);
            let contact = meta.contact.clone().or_else(|| {
                config
                    .contact_email
                    .as_ref()
                    .map(|email| Contact { email: Some(email.clone()), ..Contact::default() })
            });
            let licence = meta.licence.or(config.licence);
            let stems = normalized_stems(&meta.resources);
            let resources = meta
                .resources
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let profiled = profiles.remove(&(meta.slug.clone(), i));
                    resource(&meta, r.clone(), profiled, stems[i].as_deref())
                })
                .collect();
            let freshness = quality::freshness(dates.get(&meta.folder), meta.modified, today);
            let file_versions = versions.remove(&meta.folder).unwrap_or_default();
            Dataset {
                path: paths::dataset(&meta.slug),
                publisher,
                contact,
                licence,
                resources,
                meta,
                freshness,
                quality: quality::Quality { criteria: Vec::new(), late: None },
                reuses: Vec::new(),
                requests: Vec::new(),
                versions: file_versions,
            }
        })
        .collect();
    datasets.sort_by(|a, b| a.meta.slug.cmp(&b.meta.slug));

    let mut organizations = organizations;
    for (i, dataset) in datasets.iter().enumerate() {
        organizations[dataset.publisher].datasets.push(i);
    }

    let mut themes: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (i, dataset) in datasets.iter().enumerate() {
        for code in &dataset.meta.themes {
            themes.entry(code).or_default().push(i);
        }
    }
    let themes = themes
        .into_iter()
        .map(|(code, datasets)| Theme { code, datasets, path: paths::theme(code) })
        .collect();

    let facets = facets::facets(&datasets, &organizations);

    let mut pages: Vec<Page> = content
        .pages
        .into_iter()
        .map(|meta| Page { path: paths::page(&meta.slug), meta })
        .collect();
    pages.sort_by(|a, b| a.meta.slug.cmp(&b.meta.slug));

    let (reuses, requests) = participation(&mut datasets, content.reuses, content.requests);
    let schemas = schema_docs(&mut datasets, &content.schemas);
    // Once resources know their schema and validation.
    for dataset in &mut datasets {
        dataset.quality = quality::assess(dataset, today);
    }
    let links = links(
        &datasets,
        &organizations,
        &pages,
        &content.static_files,
        &content.schema_files,
        &schemas,
    );
    Portal {
        config,
        datasets,
        organizations,
        pages,
        reuses,
        requests,
        themes,
        facets,
        static_files: content.static_files,
        schema_files: content.schema_files,
        schemas,
        links,
        territory,
    }
}

/// Reuses and requests, tied to the datasets they name (each checked to
/// exist when it was validated).
fn participation(
    datasets: &mut [Dataset],
    reuses: Vec<crate::validate::ReuseMeta>,
    requests: Vec<crate::validate::RequestMeta>,
) -> (Vec<Reuse>, Vec<Request>) {
    let index_of: BTreeMap<String, usize> = datasets
        .iter()
        .enumerate()
        .map(|(i, d)| (d.meta.slug.clone(), i))
        .collect();
    let mut reuses: Vec<Reuse> = reuses
        .into_iter()
        .map(|meta| Reuse {
            datasets: meta
                .datasets
                .iter()
                .filter_map(|s| index_of.get(s).copied())
                .collect(),
            meta,
        })
        .collect();
    reuses.sort_by(|a, b| {
        let newest = b
            .meta
            .date
            .map(|d| d.first_day())
            .cmp(&a.meta.date.map(|d| d.first_day()));
        newest.then_with(|| sort_key(&a.meta.title).cmp(&sort_key(&b.meta.title)))
    });
    for (i, reuse) in reuses.iter().enumerate() {
        for &dataset in &reuse.datasets {
            datasets[dataset].reuses.push(i);
        }
    }
    let mut requests: Vec<Request> = requests
        .into_iter()
        .map(|meta| Request {
            dataset: meta.dataset.as_ref().and_then(|s| index_of.get(s).copied()),
            meta,
        })
        .collect();
    requests.sort_by(|a, b| {
        let newest = b
            .meta
            .date
            .map(|d| d.first_day())
            .cmp(&a.meta.date.map(|d| d.first_day()));
        a.meta
            .status
            .cmp(&b.meta.status)
            .then(newest)
            .then_with(|| a.meta.slug.cmp(&b.meta.slug))
    });
    for (i, request) in requests.iter().enumerate() {
        if let Some(dataset) = request.dataset {
            datasets[dataset].requests.push(i);
        }
    }
    (reuses, requests)
}

fn resource(
    dataset: &DatasetMeta,
    meta: ResourceMeta,
    profiled: Option<Profiled>,
    stem: Option<&str>,
) -> Resource {
    let (kind, path, bytes, extension_format) = match &meta.location {
        ResourceLocation::Local(DatasetFile { file, name }) => (
            FileKind::from_path(name),
            Some(paths::dataset_file(&dataset.slug, name)),
            Some(file.size),
            crate::vocab::format_label(name),
        ),
        ResourceLocation::Remote(url) => {
            let path_part = url.split(['?', '#']).next().unwrap_or(url);
            let last = path_part.rsplit('/').next().unwrap_or("");
            (
                FileKind::Other,
                None,
                None,
                crate::vocab::format_label(last),
            )
        }
    };
    let sha256 = profiled.as_ref().map(|p| p.sha256.clone());
    let normalized = match (&profiled, stem) {
        (Some(profiled), Some(stem)) => profiled
            .normalized
            .iter()
            .enumerate()
            .map(|(i, copy)| {
                let name = match &copy.table {
                    Some(sheet) => {
                        let sheet = crate::util::text::slugify(sheet);
                        let sheet = if sheet.is_empty() {
                            (i + 1).to_string()
                        } else {
                            sheet
                        };
                        format!("{stem}-{sheet}")
                    }
                    None => stem.to_string(),
                };
                let generated =
                    |extension: &str, source: &std::path::Path, bytes: u64| GeneratedFile {
                        path: paths::normalized(&dataset.slug, &format!("{name}.{extension}")),
                        source: source.to_path_buf(),
                        bytes,
                    };
                NormalizedTable {
                    table: copy.table.clone(),
                    csv: generated("csv", &copy.csv, copy.csv_bytes),
                    json: generated("json", &copy.json, copy.json_bytes),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let validation = profiled.as_ref().and_then(|p| p.validation.clone());
    let has_columns = |p: &Profiled| matches!(&p.profile, Some(Ok(profile)) if profile.tables.first().is_some_and(|t| !t.columns.is_empty()));
    let inferred_schema = match (&meta.schema, stem, &profiled) {
        (None, Some(stem), Some(p)) if has_columns(p) => Some(paths::normalized(
            &dataset.slug,
            &format!("{stem}.schema.json"),
        )),
        _ => None,
    };
    let (profile, profile_error, charts) = match profiled {
        Some(Profiled { profile: Some(Ok(p)), charts, .. }) => (Some(p), None, charts),
        Some(Profiled { profile: Some(Err(e)), .. }) => (None, Some(e), Vec::new()),
        _ => (None, None, Vec::new()),
    };
    Resource {
        charts,
        format: meta.format.clone().or(extension_format),
        sha256,
        meta,
        kind,
        path,
        bytes,
        profile,
        profile_error,
        normalized,
        schema: None,
        validation,
        inferred_schema,
    }
}

/// The names the normalised copies of a dataset's local files take, by
/// resource: the file's path without its extension (`budget`), or with it
/// when two files differ only there (`budget-csv`, `budget-xlsx`).
fn normalized_stems(resources: &[ResourceMeta]) -> Vec<Option<String>> {
    let names: Vec<Option<&str>> = resources
        .iter()
        .map(|r| match &r.location {
            ResourceLocation::Local(file) => Some(file.name.as_str()),
            ResourceLocation::Remote(_) => None,
        })
        .collect();
    let stem = |name: &str| -> String {
        let file = name.rsplit('/').next().unwrap_or(name);
        match file.rfind('.') {
            Some(dot) if dot > 0 => name[..name.len() - file.len() + dot].to_string(),
            _ => name.to_string(),
        }
    };
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for name in names.iter().flatten() {
        *uses.entry(stem(name)).or_default() += 1;
    }
    names
        .iter()
        .map(|name| {
            name.map(|name| {
                let short = stem(name);
                match name.get(short.len() + 1..) {
                    Some(extension) if uses[&short] > 1 => format!("{short}-{extension}"),
                    _ => short,
                }
            })
        })
        .collect()
}

fn organizations(config: &Config, metas: Vec<OrganizationMeta>) -> Vec<Organization> {
    let authority = &config.authority;
    let mut authority_org = Organization {
        slug: authority.slug.clone(),
        title: authority.name.clone(),
        is_authority: true,
        kind: Some(authority.kind),
        siren: authority.siren.clone(),
        siret: authority.siret.clone(),
        website: None,
        email: config.contact_email.clone(),
        logo: config.theme.logo.clone(),
        meta: None,
        datasets: Vec::new(),
        path: paths::organization(&authority.slug),
    };
    let mut others = Vec::new();
    for meta in metas {
        if meta.slug == authority.slug {
            // The authority's own file completes what ouvert.toml says.
            authority_org.title = meta.title.clone();
            authority_org.siren = meta.siren.clone().or(authority_org.siren);
            authority_org.siret = meta.siret.clone().or(authority_org.siret);
            authority_org.website = meta.website.clone();
            authority_org.email = meta.email.clone().or(authority_org.email);
            authority_org.logo = meta.logo.clone().or(authority_org.logo);
            authority_org.meta = Some(meta);
        } else {
            others.push(Organization {
                path: paths::organization(&meta.slug),
                slug: meta.slug.clone(),
                title: meta.title.clone(),
                is_authority: false,
                kind: meta.kind,
                siren: meta.siren.clone(),
                siret: meta.siret.clone(),
                website: meta.website.clone(),
                email: meta.email.clone(),
                logo: meta.logo.clone(),
                meta: Some(meta),
                datasets: Vec::new(),
            });
        }
    }
    others.sort_by(|a, b| {
        sort_key(&a.title)
            .cmp(&sort_key(&b.title))
            .then(a.slug.cmp(&b.slug))
    });
    std::iter::once(authority_org).chain(others).collect()
}

/// Orders titles the way a reader expects: case and accents ignored
/// (`Écoles` between `Eau` and `Équipements`).
pub fn sort_key(title: &str) -> String {
    crate::util::text::slugify(title)
}

/// The schemas resources declare, in path order, and each resource's.
fn schema_docs(
    datasets: &mut [Dataset],
    files: &BTreeMap<String, crate::validate::SchemaFile>,
) -> Vec<SchemaDoc> {
    let mut docs: BTreeMap<String, SchemaDoc> = BTreeMap::new();
    for (d, dataset) in datasets.iter().enumerate() {
        for (r, resource) in dataset.resources.iter().enumerate() {
            let Some(reference) = &resource.meta.schema else {
                continue;
            };
            let path = reference.portal_path();
            let Some(file) = files.get(&path) else {
                continue;
            };
            let doc = docs.entry(path.clone()).or_insert_with(|| SchemaDoc {
                page: paths::schema_page(&path),
                reference: matches!(reference, crate::validate::SchemaRef::Published { .. })
                    .then(|| reference.clone()),
                schema: file.schema.clone(),
                used_by: Vec::new(),
                path,
            });
            doc.used_by.push((d, r));
        }
    }
    let docs: Vec<SchemaDoc> = docs.into_values().collect();
    for (i, doc) in docs.iter().enumerate() {
        for &(d, r) in &doc.used_by {
            datasets[d].resources[r].schema = Some(i);
        }
    }
    docs
}

fn links(
    datasets: &[Dataset],
    organizations: &[Organization],
    pages: &[Page],
    static_files: &[PortalFile],
    schema_files: &[PortalFile],
    schemas: &[SchemaDoc],
) -> BTreeMap<String, String> {
    let mut links = BTreeMap::new();
    for file in schema_files {
        links.insert(file.path.clone(), file.path.clone());
    }
    // A schema's JSON links to its page: readers want the documentation.
    for schema in schemas {
        links.insert(schema.path.clone(), schema.page.clone());
    }
    for dataset in datasets {
        links.insert(dataset.meta.doc.path.clone(), dataset.path.clone());
        let files = dataset
            .meta
            .resources
            .iter()
            .filter_map(|r| match &r.location {
                ResourceLocation::Local(f) => Some(f),
                ResourceLocation::Remote(_) => None,
            })
            .chain(&dataset.meta.assets);
        for file in files {
            links.insert(
                file.file.path.clone(),
                paths::dataset_file(&dataset.meta.slug, &file.name),
            );
        }
    }
    for organization in organizations {
        if let Some(meta) = &organization.meta {
            links.insert(meta.doc.path.clone(), organization.path.clone());
        }
    }
    for page in pages {
        links.insert(page.meta.doc.path.clone(), page.path.clone());
    }
    for file in static_files {
        links.insert(file.path.clone(), paths::static_file(&file.path));
    }
    links
}
