//! What templates see: view structs built from the model for one purpose,
//! with every text already formatted in the interface language. Templates
//! never receive domain structs, so the model can change without breaking
//! portals' template overrides, and heavy work is done once here rather
//! than in template loops.
//!
//! URLs named `url` or `download` are site paths: templates prefix them
//! with `root` (`{{ root }}{{ dataset.url }}`), which makes them relative to
//! the page. URLs named `external_url` are absolute and used as they are.

use std::collections::BTreeMap;

use serde::Serialize;

use super::i18n::Lang;
use super::markdown::{self, LinkContext};
use crate::model::{Dataset, Organization, Portal, Resource, paths};
use crate::util::url::encode_path;
use crate::validate::{Menu, PartialDate, ResourceLocation};

/// Characters of a summary made from the description.
const EXCERPT_CHARS: usize = 220;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    /// What `current` equals on the page this item leads to.
    pub key: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub tagline: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub logo: Option<String>,
    pub main_color: Option<String>,
    pub header_color: Option<String>,
    /// The style sheet made from the theme's colours in `ouvert.toml`
    /// (site path), or none when the portal sets none.
    pub theme_css: Option<String>,
    /// The portal's default licence.
    pub licence: Option<LicenceView>,
    pub authority: AuthorityView,
    pub menu: Vec<MenuItem>,
    pub footer_menu: Vec<MenuItem>,
    /// Links to other sites from `theme.footer_links` (`title`,
    /// `external_url`).
    pub footer_links: Vec<ExternalLinkView>,
    /// The accessibility statement (site path).
    pub accessibility_url: String,
    /// `Accessibilité : non conforme`, the mention the RGAA requires on
    /// every page.
    pub accessibility_text: String,
    /// The editors' quality page (site path).
    pub quality_url: String,
    /// The search page, for the search box of the header.
    pub search_url: String,
    pub generator: String,
}

#[derive(Debug, Serialize)]
pub struct ExternalLinkView {
    pub title: String,
    pub external_url: String,
}

#[derive(Debug, Serialize)]
pub struct AuthorityView {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub insee: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// ISO 8601, for `<time datetime>`.
    pub iso: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub code: String,
    pub label: String,
    pub url: String,
    pub count: usize,
    pub count_text: String,
}

/// A dataset in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetCard {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub publisher: String,
    pub updated: Option<DateView>,
    pub formats: Vec<String>,
    pub themes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DatasetView {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    pub description_html: String,
    pub keywords: Vec<String>,
    /// The keywords, each leading to the page of the datasets that have it.
    pub keyword_links: Vec<Link>,
    pub themes: Vec<ThemeView>,
    pub publisher: Link,
    pub contact: Option<ContactView>,
    pub licence: Option<LicenceView>,
    /// The page of the datasets under the same licence.
    pub licence_url: Option<String>,
    pub frequency: Option<String>,
    /// The page of the datasets updated as often.
    pub frequency_url: Option<String>,
    pub temporal: Option<String>,
    pub spatial: Option<SpatialView>,
    /// The page of the datasets covering the same place.
    pub spatial_url: Option<String>,
    pub created: Option<DateView>,
    /// The front matter's `modified`, as written.
    pub modified: Option<DateView>,
    /// When the dataset was last updated: from git history, else
    /// `modified`, else its files' dates, with where the date comes from.
    pub updated: Option<super::quality::UpdatedView>,
    /// Set when the dataset is late for its frequency: the notice to show.
    pub late: Option<String>,
    /// Its quality score, each criterion and what to do to meet it.
    pub quality: super::quality::QualityView,
    pub resources: Vec<ResourceView>,
    /// Whether a resource has a map: the page then loads the script that
    /// pans and zooms it.
    pub has_map: bool,
    /// What the data is used for, in plain words.
    pub usage: super::usage::UsageView,
    /// What people made with it.
    pub reuses: Vec<super::participation::ReuseView>,
    /// The requests it answers, each leading to the requests page.
    pub requests: Vec<Link>,
    /// What changed, and when.
    pub history: super::history::HistoryView,
    /// The schema.org `Dataset` as JSON-LD, escaped for a `<script>`
    /// element: printed with `|safe`.
    pub json_ld: String,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub external_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LicenceView {
    pub id: String,
    pub title: String,
    pub external_url: String,
}

#[derive(Debug, Serialize)]
pub struct SpatialView {
    pub name: Option<String>,
    pub insee: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ResourceView {
    /// Unique in the page, for `id` attributes.
    pub anchor: String,
    pub title: String,
    pub description: Option<String>,
    pub format: Option<String>,
    pub size: Option<String>,
    /// "1 234 lignes" for single-table files.
    pub rows: Option<String>,
    pub download: Option<String>,
    pub file_name: Option<String>,
    pub external_url: Option<String>,
    pub schema: Option<SchemaView>,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub geometry: Option<String>,
    pub tables: Vec<TableView>,
    /// Why the file could not be read, in plain words.
    pub error: Option<String>,
    /// What the reader said, and where (for whoever fixes the file).
    pub error_detail: Option<String>,
    pub warnings: Vec<String>,
    /// UTF-8 CSV and JSON copies, one entry per table.
    pub normalized: Vec<NormalizedView>,
    /// Code that reads the table ("Utiliser ces données"), or none.
    pub snippets: Option<super::snippets::SnippetsView>,
    /// The map of a file with geometries, or none.
    pub map: Option<super::map::MapView>,
    /// The charts its front matter declares.
    pub figures: Vec<super::figures::FigureView>,
    /// What validating the file against its schema found.
    pub validation: Option<super::schemas::ValidationView>,
    /// Site path of the schema inferred from the file, when it declares none.
    pub inferred_schema: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NormalizedView {
    /// The sheet, for workbooks with several.
    pub table: Option<String>,
    pub csv: String,
    pub csv_size: String,
    pub json: String,
    pub json_size: String,
}

#[derive(Debug, Serialize)]
pub struct SchemaView {
    pub label: String,
    /// schema.data.gouv.fr page of a published schema.
    pub external_url: Option<String>,
    /// The schema's documentation page on the portal.
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub name: Option<String>,
    /// Caption of the preview.
    pub caption: String,
    /// Caption of the column table.
    pub columns_caption: String,
    /// Column names, for the preview's header.
    pub names: Vec<String>,
    pub columns: Vec<super::columns::ColumnView>,
    pub preview: Vec<Vec<String>>,
    pub rows_text: String,
}

#[derive(Debug, Serialize)]
pub struct OrganizationCard {
    pub title: String,
    pub url: String,
    pub is_authority: bool,
    pub count: usize,
    pub count_text: String,
}

#[derive(Debug, Serialize)]
pub struct OrganizationView {
    pub title: String,
    pub is_authority: bool,
    pub kind: Option<String>,
    pub description_html: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub logo: Option<String>,
    pub count_text: String,
    /// Its own catalogs and register, when several organizations publish.
    pub own: Option<OwnFilesView>,
}

/// Site paths of what an organization publishes of its own.
#[derive(Debug, Serialize)]
pub struct OwnFilesView {
    pub usages: String,
    pub catalog_ttl: Option<String>,
    pub catalog_jsonld: Option<String>,
    pub catalogue_csv: Option<String>,
}

/// Builds views from the model in one language.
pub struct Views<'a> {
    pub portal: &'a Portal,
    pub lang: &'a Lang,
}

impl<'a> Views<'a> {
    pub fn site(&self) -> SiteView {
        let config = &self.portal.config;
        let authority = &self.portal.organizations[0];
        let mut menu = vec![
            self.item("home", "home", paths::HOME),
            self.item("catalog", "catalog", paths::CATALOG),
            self.item("themes", "themes", paths::THEMES),
            self.item("organizations", "organizations", paths::ORGANIZATIONS),
            self.item("usages", "usages", paths::USAGES),
        ];
        if !self.portal.reuses.is_empty() {
            menu.push(self.item("reuses", "reuses", paths::REUSES));
        }
        if super::has_requests_page(self.portal) {
            menu.push(self.item("requests", "requests", paths::REQUESTS));
        }
        menu.extend(self.page_menu(Menu::Main));
        SiteView {
            title: config.title.clone(),
            tagline: config.tagline.clone(),
            language: self.lang.code.clone(),
            base_url: config.base_url.clone(),
            logo: config
                .theme
                .logo
                .as_deref()
                .map(paths::static_file)
                .map(|p| encode_path(&p)),
            main_color: config.theme.main_color.clone(),
            header_color: config.theme.header_color.clone(),
            theme_css: super::theme::has_generated_css(&config.theme)
                .then(|| encode_path(&paths::theme_asset(super::theme::GENERATED_CSS))),
            licence: config.licence.map(licence_view),
            authority: AuthorityView {
                name: config.authority.name.clone(),
                kind: self.lang.authority_kind(config.authority.kind.key()),
                url: encode_path(&authority.path),
                insee: config.authority.insee.clone(),
            },
            menu,
            footer_menu: self.page_menu(Menu::Footer),
            footer_links: config
                .theme
                .footer_links
                .iter()
                .map(|link| ExternalLinkView {
                    title: link.title.clone(),
                    external_url: link.url.clone(),
                })
                .collect(),
            accessibility_url: encode_path(paths::ACCESSIBILITY),
            accessibility_text: self.accessibility_mention(),
            quality_url: encode_path(paths::QUALITY),
            search_url: encode_path(paths::SEARCH),
            generator: format!("ouvert {}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn item(&self, key: &str, text_key: &str, path: &str) -> MenuItem {
        MenuItem {
            key: key.to_string(),
            title: self.lang.t(text_key).to_string(),
            url: encode_path(path),
        }
    }

    fn page_menu(&self, menu: Menu) -> Vec<MenuItem> {
        let mut pages: Vec<_> = self
            .portal
            .pages
            .iter()
            .filter(|p| p.menu() == Some(menu))
            .collect();
        pages.sort_by(|a, b| {
            (a.meta.weight, crate::model::sort_key(&a.meta.title))
                .cmp(&(b.meta.weight, crate::model::sort_key(&b.meta.title)))
        });
        pages
            .into_iter()
            .map(|p| MenuItem {
                key: format!("page:{}", p.meta.slug),
                title: p.meta.title.clone(),
                url: encode_path(&p.path),
            })
            .collect()
    }

    pub fn date(&self, date: Option<PartialDate>) -> Option<DateView> {
        date.map(|d| DateView { iso: d.to_string(), text: self.lang.date(d) })
    }

    pub fn theme(&self, code: &str, count: usize) -> ThemeView {
        ThemeView {
            code: code.to_string(),
            label: self.lang.data_theme(code),
            url: encode_path(&paths::theme(code)),
            count,
            count_text: self.lang.count("datasets_count", count as u64),
        }
    }

    pub fn themes(&self) -> Vec<ThemeView> {
        let mut themes: Vec<ThemeView> = self
            .portal
            .themes
            .iter()
            .map(|t| self.theme(t.code, t.datasets.len()))
            .collect();
        themes.sort_by_key(|t| crate::model::sort_key(&t.label));
        themes
    }

    pub fn card(&self, dataset: &Dataset) -> DatasetCard {
        let mut formats: Vec<String> = Vec::new();
        for format in dataset.resources.iter().filter_map(|r| r.format.clone()) {
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        DatasetCard {
            slug: dataset.meta.slug.clone(),
            title: dataset.meta.title.clone(),
            url: encode_path(&dataset.path),
            summary: self.summary(dataset),
            publisher: self.portal.organizations[dataset.publisher].title.clone(),
            updated: self.date(dataset.last_update()),
            formats,
            themes: dataset
                .meta
                .themes
                .iter()
                .map(|c| self.lang.data_theme(c))
                .collect(),
        }
    }

    fn summary(&self, dataset: &Dataset) -> String {
        dataset
            .meta
            .summary
            .clone()
            .unwrap_or_else(|| markdown::excerpt(dataset.meta.doc.body(), EXCERPT_CHARS))
    }

    pub fn cards(&self, indices: impl IntoIterator<Item = usize>) -> Vec<DatasetCard> {
        indices
            .into_iter()
            .map(|i| self.card(&self.portal.datasets[i]))
            .collect()
    }

    /// Datasets by title, as readers look them up.
    pub fn by_title(&self, indices: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut indices: Vec<usize> = indices.into_iter().collect();
        let datasets = &self.portal.datasets;
        indices.sort_by_cached_key(|&i| {
            (
                crate::model::sort_key(&datasets[i].meta.title),
                datasets[i].meta.slug.clone(),
            )
        });
        indices
    }

    /// Datasets by last update, newest first; undated ones last, by title.
    pub fn by_date(&self) -> Vec<usize> {
        let datasets = &self.portal.datasets;
        let mut indices = self.by_title(0..datasets.len());
        indices
            .sort_by_key(|&i| std::cmp::Reverse(datasets[i].last_update().map(|d| d.last_day())));
        indices
    }

    pub fn dataset(&self, dataset: &Dataset) -> DatasetView {
        let meta = &dataset.meta;
        let publisher = &self.portal.organizations[dataset.publisher];
        let description_html = markdown::to_html(
            meta.doc.body(),
            &LinkContext::of(self.portal, &meta.doc.path, &dataset.path),
        );
        let mut anchors = std::collections::BTreeSet::new();
        let resources: Vec<ResourceView> = dataset
            .resources
            .iter()
            .map(|r| {
                let base = format!("resource-{}", crate::util::text::slugify(&r.meta.title));
                let mut anchor = base.clone();
                let mut n = 2;
                while !anchors.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                self.resource(r, anchor, &meta.why)
            })
            .collect();
        use crate::model::facets::FacetKind;
        // Only values the facet holds get a link, so no link leads nowhere.
        let facet_url = |kind: FacetKind, label: &str| {
            let slug = kind.slug_of(label);
            self.portal
                .facets
                .iter()
                .find(|f| f.kind == kind)?
                .values
                .binary_search_by(|v| v.slug.as_str().cmp(&slug))
                .ok()
                .map(|_| encode_path(&paths::facet_value(kind.key(), &slug)))
        };
        DatasetView {
            keyword_links: meta
                .keywords
                .iter()
                .filter_map(|k| {
                    Some(Link { title: k.clone(), url: facet_url(FacetKind::Keyword, k)? })
                })
                .collect(),
            licence_url: dataset
                .licence
                .and_then(|l| facet_url(FacetKind::Licence, l.id)),
            frequency_url: meta
                .frequency
                .and_then(|f| facet_url(FacetKind::Frequency, f)),
            spatial_url: meta
                .spatial
                .as_ref()
                .and_then(|s| s.name.as_deref())
                .and_then(|name| facet_url(FacetKind::Spatial, name)),
            slug: meta.slug.clone(),
            title: meta.title.clone(),
            summary: meta.summary.clone(),
            description_html,
            keywords: meta.keywords.clone(),
            themes: meta
                .themes
                .iter()
                .map(|code| {
                    let count = self
                        .portal
                        .themes
                        .iter()
                        .find(|t| t.code == *code)
                        .map_or(0, |t| t.datasets.len());
                    self.theme(code, count)
                })
                .collect(),
            publisher: Link {
                title: publisher.title.clone(),
                url: encode_path(&publisher.path),
            },
            contact: dataset.contact.as_ref().map(|c| ContactView {
                name: c.name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                external_url: c.url.clone(),
            }),
            licence: dataset.licence.map(licence_view),
            frequency: meta.frequency.map(|f| self.lang.frequency(f)),
            temporal: meta.temporal.as_ref().map(|t| match (t.start, t.end) {
                (Some(s), Some(e)) => format!("{} – {}", self.lang.date(s), self.lang.date(e)),
                (Some(s), None) => self
                    .lang
                    .t("period_start_only")
                    .replace("{start}", &self.lang.date(s)),
                (None, Some(e)) => self
                    .lang
                    .t("period_end_only")
                    .replace("{end}", &self.lang.date(e)),
                (None, None) => String::new(),
            }),
            spatial: meta
                .spatial
                .as_ref()
                .map(|s| SpatialView { name: s.name.clone(), insee: s.insee.clone() }),
            created: self.date(meta.created),
            modified: self.date(meta.modified),
            updated: self.updated(dataset),
            late: self.late_notice(dataset),
            quality: self.quality(dataset),
            has_map: resources.iter().any(|r| r.map.is_some()),
            resources,
            usage: self.usage(dataset),
            reuses: self.reuses_of(&dataset.reuses),
            requests: dataset
                .requests
                .iter()
                .map(|&i| {
                    let request = &self.portal.requests[i].meta;
                    Link {
                        title: request.title.clone(),
                        url: format!("{}#request-{}", encode_path(paths::REQUESTS), request.slug),
                    }
                })
                .collect(),
            history: self.history(dataset),
            json_ld: super::jsonld::dataset(self, dataset),
        }
    }

    fn resource(
        &self,
        resource: &Resource,
        anchor: String,
        why: &BTreeMap<String, String>,
    ) -> ResourceView {
        let lang = self.lang;
        let profile = resource.profile.as_ref();
        let why_collected = |name: &str| self.why_collected(resource, why, name);
        let tables: Vec<TableView> = profile
            .map(|p| {
                p.tables
                    .iter()
                    .enumerate()
                    .map(|(i, table)| {
                        let id = format!("{anchor}-table-{}", i + 1);
                        let sheet = table.name.as_ref().filter(|_| p.tables.len() > 1);
                        let caption = match sheet {
                            Some(sheet) => {
                                lang.t("preview_caption_sheet").replace("{sheet}", sheet)
                            }
                            None => lang.t("preview_caption").to_string(),
                        }
                        .replace("{shown}", &lang.integer(table.preview.len() as u64))
                        .replace("{total}", &lang.integer(table.rows));
                        let columns_caption = match sheet {
                            Some(sheet) => {
                                lang.t("columns_caption_sheet").replace("{sheet}", sheet)
                            }
                            None => lang.t("columns_caption").to_string(),
                        };
                        let width = table.columns.len();
                        TableView {
                            name: table.name.clone(),
                            caption,
                            columns_caption,
                            names: table.columns.iter().map(|c| c.name.clone()).collect(),
                            columns: table
                                .columns
                                .iter()
                                .enumerate()
                                .map(|(c, column)| super::columns::ColumnView {
                                    why: why_collected(&column.name),
                                    ..super::columns::column(
                                        lang,
                                        column,
                                        table.rows,
                                        &format!("{id}-column-{}", c + 1),
                                    )
                                })
                                .collect(),
                            preview: table
                                .preview
                                .iter()
                                .map(|row| {
                                    let mut row = row.clone();
                                    row.resize(width, String::new());
                                    row
                                })
                                .collect(),
                            rows_text: lang.count("rows_count", table.rows),
                            id,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = match tables.as_slice() {
            [single] => Some(single.rows_text.clone()),
            _ => None,
        };
        let (download, file_name, external_url) = match &resource.meta.location {
            ResourceLocation::Local(file) => (
                resource.path.as_deref().map(encode_path),
                Some(
                    file.name
                        .rsplit('/')
                        .next()
                        .unwrap_or(&file.name)
                        .to_string(),
                ),
                None,
            ),
            ResourceLocation::Remote(url) => (None, None, Some(url.clone())),
        };
        let normalized = resource
            .normalized
            .iter()
            .map(|copy| NormalizedView {
                table: copy.table.clone(),
                csv: encode_path(&copy.csv.path),
                csv_size: lang.bytes(copy.csv.bytes),
                json: encode_path(&copy.json.path),
                json_size: lang.bytes(copy.json.bytes),
            })
            .collect();
        ResourceView {
            inferred_schema: resource.inferred_schema.as_deref().map(encode_path),
            validation: resource
                .validation
                .as_ref()
                .map(|r| super::schemas::validation(lang, r)),
            normalized,
            snippets: self.snippets(resource),
            map: self.map(resource, &anchor),
            figures: super::figures::figures(lang, &resource.charts, &anchor),
            title: resource.meta.title.clone(),
            description: resource.meta.description.clone(),
            format: resource.format.clone(),
            size: resource.bytes.map(|b| lang.bytes(b)),
            rows,
            download,
            file_name,
            external_url,
            schema: resource.meta.schema.as_ref().map(|s| SchemaView {
                label: s.label(),
                external_url: s.canonical_url().map(|u| {
                    // The human page of a schema, rather than its JSON.
                    u.trim_end_matches("schema.json").to_string()
                }),
                url: resource
                    .schema
                    .map(|i| encode_path(&self.portal.schemas[i].page)),
            }),
            encoding: profile.and_then(|p| p.encoding.clone()),
            delimiter: profile.and_then(|p| p.delimiter).map(|d| match d {
                '\t' => lang.t("delimiter_tab").to_string(),
                other => other.to_string(),
            }),
            geometry: profile.and_then(|p| p.geometry.as_ref()).map(|g| {
                let types = g
                    .types
                    .iter()
                    .map(|(kind, n)| format!("{} {kind}", lang.integer(*n)))
                    .collect::<Vec<_>>()
                    .join(", ");
                lang.t("geometry_summary")
                    .replace("{features}", &lang.count("features_count", g.features))
                    .replace("{types}", &types)
            }),
            tables,
            error: resource.profile_error.as_ref().map(|e| error_text(lang, e)),
            error_detail: resource
                .profile_error
                .as_ref()
                .and_then(|e| error_detail(lang, e)),
            warnings: profile
                .map(|p| p.warnings.iter().map(|w| warning_text(lang, w)).collect())
                .unwrap_or_default(),
            anchor,
        }
    }

    /// Why a column of `resource` is collected: the dataset's own words
    /// first, then the `x-why` of the resource's schema.
    pub fn why_collected(
        &self,
        resource: &Resource,
        why: &BTreeMap<String, String>,
        name: &str,
    ) -> Option<String> {
        let own = why.get(name).or_else(|| {
            why.iter()
                .find(|(column, _)| column.eq_ignore_ascii_case(name))
                .map(|(_, why)| why)
        });
        own.cloned().or_else(|| {
            let schema = resource.schema.map(|s| &*self.portal.schemas[s].schema)?;
            let fields = &schema.fields;
            fields
                .iter()
                .find(|f| f.name == name)
                .or_else(|| fields.iter().find(|f| f.name.eq_ignore_ascii_case(name)))?
                .why
                .clone()
        })
    }

    pub fn organization_card(&self, organization: &Organization) -> OrganizationCard {
        OrganizationCard {
            title: organization.title.clone(),
            url: encode_path(&organization.path),
            is_authority: organization.is_authority,
            count: organization.datasets.len(),
            count_text: self
                .lang
                .count("datasets_count", organization.datasets.len() as u64),
        }
    }

    pub fn organization(&self, organization: &Organization) -> OrganizationView {
        let description_html = organization.meta.as_ref().and_then(|meta| {
            let body = meta.doc.body();
            (!body.trim().is_empty()).then(|| {
                markdown::to_html(
                    body,
                    &LinkContext::of(self.portal, &meta.doc.path, &organization.path),
                )
            })
        });
        OrganizationView {
            title: organization.title.clone(),
            is_authority: organization.is_authority,
            kind: organization
                .kind
                .map(|kind| self.lang.authority_kind(kind.key())),
            description_html,
            siren: organization.siren.clone(),
            siret: organization.siret.clone(),
            website: organization.website.clone(),
            email: organization.email.clone(),
            logo: organization
                .logo
                .as_deref()
                .map(paths::static_file)
                .map(|p| encode_path(&p)),
            count_text: self
                .lang
                .count("datasets_count", organization.datasets.len() as u64),
            own: self
                .portal
                .publishers_apart()
                .iter()
                .any(|o| o.slug == organization.slug)
                .then(|| {
                    // The machine-readable files need the portal's address.
                    let file = |name: &str| {
                        self.portal.config.base_url.is_some().then(|| {
                            encode_path(&paths::organization_file(&organization.slug, name))
                        })
                    };
                    OwnFilesView {
                        usages: encode_path(&paths::organization_usages(&organization.slug)),
                        catalog_ttl: file(crate::export::dcat::TURTLE),
                        catalog_jsonld: file(crate::export::dcat::JSON_LD),
                        catalogue_csv: file(crate::export::catalogue::PATH),
                    }
                }),
        }
    }
}

fn licence_view(licence: &crate::vocab::Licence) -> LicenceView {
    LicenceView {
        id: licence.id.to_string(),
        title: licence.title.to_string(),
        external_url: licence.url.to_string(),
    }
}

fn error_text(lang: &Lang, error: &crate::profile::ProfileError) -> String {
    use crate::profile::{BinaryKind, ReadFailure, WorkbookFormat};
    match &error.failure {
        ReadFailure::Io => lang.t("read_error_io").to_string(),
        ReadFailure::Binary { looks_like } => lang
            .t(match looks_like {
                Some(BinaryKind::Zip) => "read_error_binary_zip",
                Some(BinaryKind::OldExcel) => "read_error_binary_old_excel",
                Some(BinaryKind::Pdf) => "read_error_binary_pdf",
                None => "read_error_binary",
            })
            .to_string(),
        ReadFailure::Utf16WithoutBom => lang.t("read_error_utf16_without_bom").to_string(),
        ReadFailure::Undecodable => lang.t("read_error_undecodable").to_string(),
        ReadFailure::NotWorkbook { format } => lang.t("read_error_not_workbook").replace(
            "{format}",
            match format {
                WorkbookFormat::Xlsx => "Excel (.xlsx)",
                WorkbookFormat::Xls => "Excel 97-2003 (.xls)",
                WorkbookFormat::Ods => "OpenDocument (.ods)",
            },
        ),
        ReadFailure::Sheet { name } => lang.t("read_error_sheet").replace("{sheet}", name),
        ReadFailure::NotJson => lang.t("read_error_not_json").to_string(),
        ReadFailure::NoTable => lang.t("read_error_no_table").to_string(),
        ReadFailure::NotGeoJson => lang.t("read_error_not_geojson").to_string(),
        ReadFailure::NoFeatures => lang.t("read_error_no_features").to_string(),
        ReadFailure::ReaderFailed => lang.t("read_error_reader_failed").to_string(),
        ReadFailure::TooLarge { format, size, limit } => lang
            .t(match format {
                crate::profile::LargeFormat::Workbook => "read_error_too_large_workbook",
                crate::profile::LargeFormat::Json => "read_error_too_large_json",
            })
            .replace("{size}", &lang.bytes(*size))
            .replace("{limit}", &lang.bytes(*limit)),
        ReadFailure::WriteFailed => lang.t("read_error_write_failed").to_string(),
    }
}

/// The reader's own words (in English), with the line when known.
fn error_detail(lang: &Lang, error: &crate::profile::ProfileError) -> Option<String> {
    let line = error.line.map(|line| {
        lang.t("read_error_line")
            .replace("{line}", &lang.integer(line as u64))
    });
    match (line, &error.detail) {
        (Some(line), Some(detail)) => Some(format!("{line}, {detail}")),
        (line, detail) => line.or_else(|| detail.clone()),
    }
}

fn warning_text(lang: &Lang, warning: &crate::profile::ProfileWarning) -> String {
    use crate::profile::ProfileWarning;
    match warning {
        ProfileWarning::EmptyFile => lang.t("warning_empty_file").to_string(),
        ProfileWarning::EmptyWorkbook => lang.t("warning_empty_workbook").to_string(),
        ProfileWarning::RaggedRows { rows, columns, .. } => lang
            .count("warning_ragged_rows", *rows)
            .replace("{columns}", &lang.integer(*columns as u64)),
        ProfileWarning::BlankRows { rows } => lang.count("warning_blank_rows", *rows),
        ProfileWarning::InvalidUtf8 { sequences, first_line } => lang
            .count("warning_invalid_utf8", *sequences)
            .replace("{line}", &lang.integer(*first_line as u64)),
        ProfileWarning::InvalidText { encoding, sequences } => lang
            .count("warning_invalid_text", *sequences)
            .replace("{encoding}", encoding),
        ProfileWarning::BrokenGeometries { features, first_feature } => lang
            .count("warning_broken_geometries", *features)
            .replace("{first}", &lang.integer(*first_feature as u64)),
    }
}
