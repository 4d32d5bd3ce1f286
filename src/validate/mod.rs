//! Validate stage: checks the front matter against the portal's rules and
//! turns what the editor wrote into checked values. Every problem becomes a
//! diagnostic pointing at its line; a dataset, organization or page with an
//! error is left out of the result (the build will not publish anyway, and
//! later stages then only see consistent data).

/// Declares an enum of front matter keywords, each with its spelling.
macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The keyword as written in front matter and the API.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// Accepts the keyword in any case, with `_` for `-`.
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim().to_ascii_lowercase().replace('_', "-");
                Self::ALL.iter().copied().find(|k| k.id() == text)
            }

            fn ids() -> String {
                Self::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

pub mod charts;
pub mod participation;
pub mod usage;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::{RawContact, RawDataset, RawOrganization, RawPage, RawResource};
use crate::load::{DatasetSource, Document, NamedDocument, PortalFile, Sources};
use crate::util::text::slugify;
use crate::vocab::{self, Licence};
pub use charts::{ChartKind, ChartSpec};
pub use participation::{RequestMeta, RequestStatus, ReuseKind, ReuseMeta};
pub use usage::{
    Algorithm, Automation, LegalBasis, LegalBasisKind, PersonalData, Questions, Reach, Usage,
};
pub use values::{Contact, PartialDate, SchemaRef, Spatial, Temporal};

/// The portal's content, checked.
#[derive(Debug, Default)]
pub struct Content {
    pub datasets: Vec<DatasetMeta>,
    pub organizations: Vec<OrganizationMeta>,
    pub pages: Vec<PageMeta>,
    pub reuses: Vec<ReuseMeta>,
    pub requests: Vec<RequestMeta>,
    pub static_files: Vec<PortalFile>,
    /// The files of `schemas/`, published as they are.
    pub schema_files: Vec<PortalFile>,
    /// The schemas read from `schemas/`, by portal path.
    pub schemas: BTreeMap<String, SchemaFile>,
}

/// A Table Schema of the portal.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    pub file: PortalFile,
    pub schema: std::sync::Arc<crate::schema::Schema>,
    /// Hex SHA-256 of the file's text: validation results are cached by it.
    pub sha256: String,
}

#[derive(Debug, Clone)]
pub struct DatasetMeta {
    pub slug: String,
    /// `datasets/<folder name>`.
    pub folder: String,
    pub doc: Document,
    pub title: String,
    pub summary: Option<String>,
    pub keywords: Vec<String>,
    pub themes: Vec<&'static str>,
    /// Slug of an organization or of the authority; `None` means the authority.
    pub publisher: Option<String>,
    pub contact: Option<Contact>,
    pub licence: Option<&'static Licence>,
    pub frequency: Option<&'static str>,
    pub temporal: Option<Temporal>,
    pub spatial: Option<Spatial>,
    pub created: Option<PartialDate>,
    pub modified: Option<PartialDate>,
    pub featured: bool,
    pub resources: Vec<ResourceMeta>,
    /// Why each column is collected, in plain words, by column name: the
    /// per-field reasons of the usage section.
    pub why: BTreeMap<String, String>,
    /// Why the data is collected and how it is used; `None` when the
    /// dataset does not say.
    pub usage: Option<Usage>,
    /// Files published with the dataset but not listed (images, notes).
    pub assets: Vec<DatasetFile>,
    /// What changed, newest first.
    pub changelog: Vec<Change>,
}

/// An entry of a dataset's `changelog`.
#[derive(Debug, Clone)]
pub struct Change {
    pub date: PartialDate,
    pub description: String,
}

/// A file of a dataset folder.
#[derive(Debug, Clone)]
pub struct DatasetFile {
    pub file: PortalFile,
    /// Path inside the dataset folder, `/`-separated.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct ResourceMeta {
    pub title: String,
    pub description: Option<String>,
    pub format: Option<String>,
    pub schema: Option<SchemaRef>,
    pub location: ResourceLocation,
    pub charts: Vec<ChartSpec>,
}

#[derive(Debug, Clone)]
pub enum ResourceLocation {
    Local(DatasetFile),
    Remote(String),
}

#[derive(Debug, Clone)]
pub struct OrganizationMeta {
    pub slug: String,
    pub doc: Document,
    pub title: String,
    pub kind: Option<config::AuthorityKind>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub logo: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Menu {
    Main,
    Footer,
}

#[derive(Debug, Clone)]
pub struct PageMeta {
    pub slug: String,
    pub doc: Document,
    pub title: String,
    pub summary: Option<String>,
    pub menu: Option<Menu>,
    pub weight: i64,
}

pub fn validate(config: &Config, sources: Sources, diagnostics: &mut Diagnostics) -> Content {
    let organizations = validate_organizations(config, sources.organizations, diagnostics);
    let mut publishers: BTreeSet<String> = organizations.iter().map(|o| o.slug.clone()).collect();
    if !config.degraded {
        publishers.insert(config.authority.slug.clone());
    }
    let schemas = read_schemas(&sources.schema_files, diagnostics);
    let mut check = Checker {
        config,
        publishers: &publishers,
        schemas: &schemas,
        diagnostics,
    };
    // Every dataset folder counts, even one whose own errors keep it out:
    // a reuse naming it is not wrong.
    let slugs: BTreeSet<String> = sources.datasets.iter().map(|d| slugify(&d.name)).collect();
    let datasets = check.datasets(sources.datasets);
    let pages = check.pages(sources.pages);
    let mut participation =
        participation::Participation { config, datasets: &slugs, diagnostics: check.diagnostics };
    let reuses = participation.reuses(sources.reuses);
    let requests = participation.requests(sources.requests);
    Content {
        datasets,
        organizations,
        pages,
        reuses,
        requests,
        static_files: sources.static_files,
        schema_files: sources.schema_files.into_iter().map(|s| s.file).collect(),
        schemas,
    }
}

/// Reads every JSON file of `schemas/` as a Table Schema, so mistakes show
/// up even in a schema no resource uses yet.
fn read_schemas(
    sources: &[crate::load::SchemaSource],
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, SchemaFile> {
    let mut schemas = BTreeMap::new();
    for source in sources {
        let Some(text) = &source.text else { continue };
        let path = &source.file.path;
        match crate::schema::Schema::parse(text) {
            Ok(schema) => {
                for note in &schema.notes {
                    diagnostics
                        .push(Diagnostic::warning(format!("{path}: {note}")).file(path.as_str()));
                }
                let sha256 = crate::util::hash::sha256_hex(text.as_bytes());
                schemas.insert(
                    path.clone(),
                    SchemaFile {
                        file: source.file.clone(),
                        schema: std::sync::Arc::new(schema),
                        sha256,
                    },
                );
            }
            Err(e) => {
                let mut d = Diagnostic::error(format!("{path}: {}", e.message)).file(path.as_str());
                if let Some(line) = e.line {
                    d = d.at(text, line, 1);
                }
                diagnostics.push(d.hint("the schema must be a Table Schema: https://specs.frictionlessdata.io/table-schema/"));
            }
        }
    }
    schemas
}

/// Slugs must be unique: two sources giving the same address would
/// overwrite each other's page.
fn claim_slug(
    seen: &mut BTreeMap<String, String>,
    slug: &str,
    source: &str,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    if slug.is_empty() {
        diagnostics.push(
            Diagnostic::error(format!(
                "{source} gives an empty address: its name has no letter or digit"
            ))
            .file(source)
            .hint("rename it with letters or digits, e.g. budget-2026"),
        );
        return false;
    }
    if let Some(first) = seen.get(slug) {
        diagnostics.push(
            Diagnostic::error(format!(
                "{first} and {source} have the same address {kind}/{slug}/ (duplicate slug `{slug}`)"
            ))
            .file(source)
            .hint("rename one of them: names that differ only by accents, case or punctuation give the same address"),
        );
        return false;
    }
    seen.insert(slug.to_string(), source.to_string());
    true
}

fn validate_organizations(
    config: &Config,
    documents: Vec<NamedDocument<RawOrganization>>,
    diagnostics: &mut Diagnostics,
) -> Vec<OrganizationMeta> {
    let mut seen = BTreeMap::new();
    let mut organizations = Vec::new();
    for NamedDocument { name, loaded } in documents {
        let (doc, raw) = (loaded.doc, loaded.meta);
        let slug = slugify(&name);
        if !claim_slug(&mut seen, &slug, &doc.path, "organizations", diagnostics) {
            continue;
        }
        let errors_before = diagnostics.error_count();
        let title = non_empty_title(&doc, &raw.title, diagnostics);
        let kind = raw.kind.and_then(|text| {
            let kind = config::AuthorityKind::parse(&text);
            if kind.is_none() {
                diagnostics.push(
                    doc.at_key(
                        Diagnostic::error(format!("unknown organization kind `{text}`")),
                        &["kind"],
                    )
                    .hint("use one of commune, epci, departement, region, other"),
                );
            }
            kind
        });
        let siren = raw.siren.and_then(|v| {
            config::check_company_id(&v.0, 9, "siren")
                .map_err(|m| diagnostics.push(doc.at_key(Diagnostic::error(m), &["siren"])))
                .ok()
        });
        let siret = raw.siret.and_then(|v| {
            config::check_company_id(&v.0, 14, "siret")
                .map_err(|m| diagnostics.push(doc.at_key(Diagnostic::error(m), &["siret"])))
                .ok()
        });
        let website = raw
            .website
            .and_then(|url| web_url(&doc, &url, &["website"], diagnostics));
        let email = raw
            .email
            .and_then(|e| email(&doc, &e, &["email"], diagnostics));
        let logo = raw.logo.and_then(|path| {
            let path = path.trim().trim_start_matches("./").to_string();
            config::static_image(&config.root, &path)
                .map_err(|reason| {
                    diagnostics.push(doc.at_key(
                        Diagnostic::error(format!("logo `{path}` {reason}")),
                        &["logo"],
                    ))
                })
                .ok()
                .map(|()| path)
        });
        if diagnostics.error_count() == errors_before {
            organizations.push(OrganizationMeta {
                slug,
                doc,
                title,
                kind,
                siren,
                siret,
                website,
                email,
                logo,
            });
        }
    }
    organizations
}

fn non_empty_title(doc: &Document, title: &str, diagnostics: &mut Diagnostics) -> String {
    let title = title.trim();
    if title.is_empty() {
        diagnostics.push(doc.at_key(Diagnostic::error("`title` is empty"), &["title"]));
    }
    title.to_string()
}

/// The date written under `key`, or an error saying how to write one.
fn date(
    doc: &Document,
    key: &[&str],
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<PartialDate> {
    let date = PartialDate::parse(text);
    if date.is_none() {
        diagnostics.push(
            doc.at_key(
                Diagnostic::error(format!("`{}` is not a date: `{text}`", key.join("."))),
                key,
            )
            .hint("write a date as 2026-01-31 (or 31/01/2026), a month as 2026-01, a year as 2026"),
        );
    }
    date
}

fn web_url(
    doc: &Document,
    url: &str,
    key: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let url = url.trim();
    if is_web_url(url) {
        Some(url.to_string())
    } else {
        diagnostics.push(doc.at_key(
            Diagnostic::error(format!(
                "`{}` must be a web address starting with https:// or http://, not `{url}`",
                key.last().unwrap_or(&"url")
            )),
            key,
        ));
        None
    }
}

fn email(
    doc: &Document,
    value: &str,
    key: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let value = value.trim();
    let value = value.strip_prefix("mailto:").unwrap_or(value);
    if config::is_email(value) {
        Some(value.to_string())
    } else {
        diagnostics.push(doc.at_key(
            Diagnostic::error(format!(
                "`{}` must be an e-mail address, not `{value}`",
                key.last().unwrap_or(&"email")
            )),
            key,
        ));
        None
    }
}

pub use crate::config::is_web_url;

struct Checker<'a> {
    config: &'a Config,
    publishers: &'a BTreeSet<String>,
    schemas: &'a BTreeMap<String, SchemaFile>,
    diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn datasets(&mut self, sources: Vec<DatasetSource>) -> Vec<DatasetMeta> {
        let mut seen = BTreeMap::new();
        let mut datasets = Vec::new();
        for source in sources {
            let slug = slugify(&source.name);
            if !claim_slug(
                &mut seen,
                &slug,
                &source.folder,
                "datasets",
                self.diagnostics,
            ) {
                continue;
            }
            let Some(index) = source.index else { continue };
            let errors_before = self.diagnostics.error_count();
            let dataset = self.dataset(slug, source.folder, index.doc, index.meta, source.files);
            if self.diagnostics.error_count() == errors_before {
                datasets.push(dataset);
            }
        }
        datasets
    }

    fn error(&mut self, doc: &Document, key: &[&str], message: String, hint: Option<String>) {
        let mut d = doc.at_key(Diagnostic::error(message), key);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        self.diagnostics.push(d);
    }

    fn dataset(
        &mut self,
        slug: String,
        folder: String,
        doc: Document,
        raw: RawDataset,
        files: Vec<PortalFile>,
    ) -> DatasetMeta {
        let title = non_empty_title(&doc, &raw.title, self.diagnostics);
        let summary = raw
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());

        let mut keywords: Vec<String> = Vec::new();
        for keyword in raw.keywords.0.iter().flat_map(|k| k.split(',')) {
            let keyword = keyword.trim();
            if !keyword.is_empty() && !keywords.iter().any(|k| k.eq_ignore_ascii_case(keyword)) {
                keywords.push(keyword.to_string());
            }
        }

        let mut themes = Vec::new();
        for theme in raw
            .themes
            .0
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            match vocab::data_theme(theme) {
                Some(code) if !themes.contains(&code) => themes.push(code),
                Some(_) => {}
                None => self.diagnostics.push(
                    doc.at_value(
                        Diagnostic::error(format!("unknown theme `{theme}`")),
                        &["themes"],
                        theme,
                    )
                    .hint(format!(
                        "use EU data-theme codes: {}",
                        vocab::DATA_THEMES.join(", ")
                    )),
                ),
            }
        }

        let publisher = raw.publisher.map(|p| p.trim().to_string());
        if let Some(publisher) = &publisher
            && !self.config.degraded
            && !self.publishers.contains(publisher)
        {
            let known: Vec<&str> = self.publishers.iter().map(String::as_str).collect();
            self.error(
                &doc,
                &["publisher"],
                format!(
                    "unknown publisher `{publisher}`: there is no organizations/{publisher}.md"
                ),
                Some(format!("known publishers: {}", known.join(", "))),
            );
        }

        let contact = raw.contact.and_then(|c| self.contact(&doc, c));

        let licence = raw.licence.and_then(|l| match vocab::licence(&l) {
            Some(licence) => Some(licence),
            None => {
                self.error(
                    &doc,
                    &["licence"],
                    format!("unknown licence `{l}`"),
                    Some(format!("use one of {}", vocab::licence_ids())),
                );
                None
            }
        });

        let frequency = raw.frequency.and_then(|f| match vocab::frequency(&f) {
            Some(code) => Some(code),
            None => {
                self.error(
                    &doc,
                    &["frequency"],
                    format!("unknown frequency `{f}`"),
                    Some("use an EU frequency code such as ANNUAL, QUARTERLY, MONTHLY, WEEKLY, DAILY, IRREG or UPDATE_CONT (see docs/portal-format.md)".into()),
                );
                None
            }
        });

        let temporal = raw.temporal.and_then(|t| {
            let start = t
                .start
                .and_then(|d| self.date(&doc, &["temporal", "start"], &d.0));
            let end = t
                .end
                .and_then(|d| self.date(&doc, &["temporal", "end"], &d.0));
            if let (Some(s), Some(e)) = (start, end)
                && s.first_day() > e.last_day()
            {
                self.error(
                    &doc,
                    &["temporal", "end"],
                    format!("the temporal coverage ends ({e}) before it starts ({s})"),
                    None,
                );
            }
            (start.is_some() || end.is_some()).then_some(Temporal { start, end })
        });

        let spatial = raw.spatial.and_then(|s| {
            let mut insee = Vec::new();
            for code in s.insee.0 {
                let normalised = code.0.trim().to_uppercase();
                if config::is_insee_code(&normalised) {
                    insee.push(normalised);
                } else {
                    self.diagnostics.push(
                        doc.at_value(
                            Diagnostic::error(format!(
                                "`{}` is not a code of the Code officiel géographique (5 characters, such as 35238 or 2A004)",
                                code.0
                            )),
                            &["spatial", "insee"],
                            &code.0,
                        )
                        .hint("write INSEE codes between quotes so that leading zeros are kept: insee: [\"01053\"]"),
                    );
                }
            }
            let name = s.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
            (name.is_some() || !insee.is_empty()).then_some(Spatial { name, insee })
        });

        let created = raw
            .created
            .and_then(|d| self.date(&doc, &["created"], &d.0));
        let modified = raw
            .modified
            .and_then(|d| self.date(&doc, &["modified"], &d.0));
        if let (Some(c), Some(m)) = (created, modified)
            && m.last_day() < c.first_day()
        {
            self.diagnostics.push(doc.at_key(
                Diagnostic::warning(format!("`modified` ({m}) is before `created` ({c})")),
                &["modified"],
            ));
        }

        let (resources, assets) = self.resources(&doc, &folder, raw.resources, files);
        let usage = raw.usage.map(|u| self.usage(&doc, u));
        let mut changelog: Vec<Change> = raw
            .changelog
            .into_iter()
            .filter_map(|change| {
                let date = self.date(&doc, &["changelog", "date"], &change.date.0)?;
                let description = change.description.trim().to_string();
                if description.is_empty() {
                    self.error(
                        &doc,
                        &["changelog"],
                        "a `changelog` entry has an empty `description`".to_string(),
                        Some("say in a sentence what changed on that date".to_string()),
                    );
                    return None;
                }
                Some(Change { date, description })
            })
            .collect();
        changelog.sort_by_key(|change| std::cmp::Reverse(change.date.first_day()));

        DatasetMeta {
            slug,
            folder,
            title,
            summary,
            keywords,
            themes,
            publisher,
            contact,
            licence,
            frequency,
            temporal,
            spatial,
            created,
            modified,
            featured: raw.featured,
            resources,
            why: raw
                .why
                .into_iter()
                .map(|(column, why)| (column.trim().to_string(), why.trim().to_string()))
                .filter(|(column, why)| !column.is_empty() && !why.is_empty())
                .collect(),
            usage,
            assets,
            changelog,
            doc,
        }
    }

    fn date(&mut self, doc: &Document, key: &[&str], text: &str) -> Option<PartialDate> {
        date(doc, key, text, self.diagnostics)
    }

    fn contact(&mut self, doc: &Document, raw: RawContact) -> Option<Contact> {
        let errors_before = self.diagnostics.error_count();
        let email = raw
            .email
            .and_then(|e| email(doc, &e, &["contact", "email"], self.diagnostics));
        let url = raw
            .url
            .and_then(|u| web_url(doc, &u, &["contact", "url"], self.diagnostics));
        if self.diagnostics.error_count() > errors_before {
            return None;
        }
        if email.is_none() && url.is_none() {
            self.error(
                doc,
                &["contact"],
                "`contact` needs an `email` or a `url`".into(),
                Some(
                    "for example contact: { name: Service des finances, email: finances@ville.fr }"
                        .into(),
                ),
            );
            return None;
        }
        Some(Contact {
            name: raw
                .name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            email,
            phone: raw.phone.map(|p| p.0),
            url,
        })
    }

    /// The resources the front matter lists, then every other data file of
    /// the folder; images and Markdown files not listed become assets.
    fn resources(
        &mut self,
        doc: &Document,
        folder: &str,
        listed: Vec<RawResource>,
        files: Vec<PortalFile>,
    ) -> (Vec<ResourceMeta>, Vec<DatasetFile>) {
        let prefix = format!("{folder}/");
        let mut unlisted: BTreeMap<String, PortalFile> = files
            .into_iter()
            .map(|f| {
                (
                    f.path.strip_prefix(&prefix).unwrap_or(&f.path).to_string(),
                    f,
                )
            })
            .collect();
        let all_names: Vec<String> = unlisted.keys().cloned().collect();
        let mut resources = Vec::new();

        for raw in listed {
            let schema = raw.schema.as_deref().and_then(|s| self.schema(doc, s));
            let location = match (raw.path, raw.url) {
                (Some(path), None) => {
                    let name = path.trim().trim_start_matches("./").to_string();
                    self.local_file(doc, folder, &name, &mut unlisted, &all_names)
                        .map(|file| ResourceLocation::Local(DatasetFile { file, name }))
                }
                (None, Some(url)) => {
                    let url = url.trim().to_string();
                    if is_web_url(&url) {
                        Some(ResourceLocation::Remote(url))
                    } else {
                        self.diagnostics.push(doc.at_value(
                            Diagnostic::error(format!(
                                "resource `url` must be a web address starting with https:// or http://, not `{url}`"
                            )),
                            &["resources"],
                            &url,
                        ));
                        None
                    }
                }
                (Some(path), Some(_)) => {
                    self.diagnostics.push(
                        doc.at_value(
                            Diagnostic::error("a resource has both `path` and `url`"),
                            &["resources"],
                            &path,
                        )
                        .hint("give `path` for a file of the dataset folder, or `url` for a resource published elsewhere, not both"),
                    );
                    None
                }
                (None, None) => {
                    self.error(
                        doc,
                        &["resources"],
                        "a resource has neither `path` nor `url`".into(),
                        Some("give `path` for a file of the dataset folder, or `url` for a resource published elsewhere".into()),
                    );
                    None
                }
            };
            if let Some(location) = location {
                let remote = matches!(location, ResourceLocation::Remote(_));
                let charts = self.charts(doc, raw.charts, remote);
                let title = raw
                    .title
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| default_title(&location));
                resources.push(ResourceMeta {
                    title,
                    description: raw
                        .description
                        .map(|d| d.trim().to_string())
                        .filter(|d| !d.is_empty()),
                    format: raw
                        .format
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty()),
                    schema,
                    location,
                    charts,
                });
            }
        }

        let mut assets = Vec::new();
        for (name, file) in unlisted {
            let file = DatasetFile { file, name };
            if vocab::is_image(&file.name) || file.name.to_ascii_lowercase().ends_with(".md") {
                assets.push(file);
            } else {
                let location = ResourceLocation::Local(file);
                resources.push(ResourceMeta {
                    title: default_title(&location),
                    description: None,
                    format: None,
                    schema: None,
                    location,
                    charts: Vec::new(),
                });
            }
        }
        (resources, assets)
    }

    /// Takes the file `name` out of the folder's unlisted files, or reports
    /// why it cannot.
    fn local_file(
        &mut self,
        doc: &Document,
        folder: &str,
        name: &str,
        unlisted: &mut BTreeMap<String, PortalFile>,
        all_names: &[String],
    ) -> Option<PortalFile> {
        if let Some(file) = unlisted.remove(name) {
            return Some(file);
        }
        let path = std::path::Path::new(name);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
        let (message, hint) = if escapes {
            (
                format!("resource `{name}` is not a file of the dataset folder {folder}/"),
                "a resource's `path` is relative to the dataset folder and stays inside it; use `url` for a file published elsewhere".to_string(),
            )
        } else if all_names.iter().any(|n| n == name) {
            (
                format!("resource `{name}` is listed twice"),
                "list each file once".to_string(),
            )
        } else {
            let hint = match all_names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
                Some(close) => {
                    format!("did you mean `{close}`? File names are case-sensitive on web servers")
                }
                None if all_names.is_empty() => {
                    format!("the folder {folder}/ holds no file besides index.md")
                }
                None => format!("the folder {folder}/ holds: {}", all_names.join(", ")),
            };
            (
                format!("resource file `{name}` does not exist in {folder}/"),
                hint,
            )
        };
        self.diagnostics.push(
            doc.at_value(Diagnostic::error(message), &["resources"], name)
                .hint(hint),
        );
        None
    }

    /// Resolves a resource's `schema` to a file of `schemas/`: the build is
    /// offline, so a schema of schema.data.gouv.fr must be saved there.
    fn schema(&mut self, doc: &Document, text: &str) -> Option<SchemaRef> {
        let Some(reference) = SchemaRef::parse(text) else {
            self.diagnostics.push(
                doc.at_value(Diagnostic::error(format!("`{text}` is not a schema reference")), &["resources"], text)
                    .hint("name a schema of schema.data.gouv.fr as organization/name@version (e.g. scdl/subventions@2.1.1), or a .json file of the portal's schemas/ folder"),
            );
            return None;
        };
        let path = reference.portal_path();
        if self.schemas.contains_key(&path) {
            return Some(reference);
        }
        let exists = self.config.root.join(&path).is_file();
        let diagnostic = match &reference {
            // Its own problem was reported when the file was read.
            _ if exists && path.starts_with("schemas/") => return None,
            SchemaRef::Published { .. } => Diagnostic::error(format!(
                "the schema `{}` is not in the portal: ouvert builds offline and reads it from {path}",
                text.trim()
            ))
            .hint(format!(
                "download {} and save it as {path}",
                reference.canonical_url().unwrap_or_default()
            )),
            SchemaRef::Local { .. } if !path.starts_with("schemas/") => Diagnostic::error(format!(
                "schema `{path}` is not in the portal's schemas/ folder"
            ))
            .hint(format!("move it into schemas/ (for example schemas/{}) and name it so", path.rsplit('/').next().unwrap_or(&path))),
            SchemaRef::Local { .. } => Diagnostic::error(format!("schema `{path}` does not exist in the portal folder"))
                .hint(self.known_schemas_hint()),
        };
        self.diagnostics
            .push(doc.at_value(diagnostic, &["resources"], text));
        None
    }

    fn known_schemas_hint(&self) -> String {
        if self.schemas.is_empty() {
            "the portal's schemas/ folder holds no schema".to_string()
        } else {
            let known: Vec<&str> = self.schemas.keys().map(String::as_str).collect();
            format!("schemas of the portal: {}", known.join(", "))
        }
    }

    fn pages(&mut self, documents: Vec<NamedDocument<RawPage>>) -> Vec<PageMeta> {
        let mut seen = BTreeMap::new();
        let mut pages = Vec::new();
        for NamedDocument { name, loaded } in documents {
            let (doc, raw): (Document, RawPage) = (loaded.doc, loaded.meta);
            let slug = slugify(&name);
            if !claim_slug(&mut seen, &slug, &doc.path, "pages", self.diagnostics) {
                continue;
            }
            let errors_before = self.diagnostics.error_count();
            let title = non_empty_title(&doc, &raw.title, self.diagnostics);
            let menu = raw
                .menu
                .and_then(|m| match m.trim().to_lowercase().as_str() {
                    "main" => Some(Menu::Main),
                    "footer" => Some(Menu::Footer),
                    _ => {
                        self.error(
                            &doc,
                            &["menu"],
                            format!("unknown menu `{m}`"),
                            Some("use `main` (main navigation) or `footer`".into()),
                        );
                        None
                    }
                });
            if self.diagnostics.error_count() == errors_before {
                pages.push(PageMeta {
                    slug,
                    title,
                    summary: raw
                        .summary
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                    menu,
                    weight: raw.weight.unwrap_or(0),
                    doc,
                });
            }
        }
        pages
    }
}

fn default_title(location: &ResourceLocation) -> String {
    match location {
        ResourceLocation::Local(file) => file
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&file.name)
            .to_string(),
        ResourceLocation::Remote(url) => url.clone(),
    }
}
