//! Render stage: turns the model into pages (minijinja templates fed with
//! view structs) and publishes the portal's files, all through [`Output`].
//!
//! Templates are rendered with auto-escaping on and undefined variables as
//! errors, so a typing mistake in a template override is reported with its
//! file and line instead of silently producing an empty string.

pub mod charts;
pub mod columns;
pub mod i18n;
pub mod jsonld;
pub mod markdown;
pub mod quality;
pub mod schemas;
pub mod theme;
pub mod usage;
pub mod views;

use std::sync::Arc;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Dataset, Organization, Page, Portal, Theme, paths};
use crate::output::{Collision, Output};
use crate::util::url::root_prefix;
use crate::validate::ResourceLocation;
use i18n::Lang;
use theme::ThemeLayers;
use views::{DatasetCard, Link, OrganizationCard, ThemeView, Views};

/// Datasets shown as "recently updated" on the home page.
const RECENT: usize = 6;

/// Renders every page and publishes every file of the portal.
pub fn render(
    portal: &Portal,
    layers: &ThemeLayers,
    lang: &Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let views = Views { portal, lang };
    let env = environment(layers, lang, &views)?;
    let jobs = page_jobs(portal);
    let results: Vec<anyhow::Result<Option<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            // A preview that is no longer wanted stops here, not after
            // rendering every remaining page.
            output.check_cancelled()?;
            let html = match render_page(&env, &views, job) {
                Ok(html) => html,
                Err(e) => return Ok(Some(template_diagnostic(&e, layers))),
            };
            Ok(output
                .write(&job.path(), &job.origin(), html.into_bytes())?
                .err()
                .map(|c| c.diagnostic()))
        })
        .collect();
    for result in results {
        if let Some(diagnostic) = result? {
            diagnostics.push(diagnostic);
        }
    }
    publish_inferred_schemas(portal, lang, output, diagnostics)?;
    publish_files(portal, layers, output, diagnostics)
}

/// Publishes the theme's files and copies the portal's own: cheap, and
/// needed by every page.
pub fn publish_files(
    portal: &Portal,
    layers: &ThemeLayers,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    publish_theme_files(portal, layers, output, diagnostics)?;
    publish_portal_files(portal, output, diagnostics)
}

/// The pages of a portal, rendered one at a time when asked for: the
/// preview shows a page as soon as the portal is read, without waiting
/// for the rest of the site.
pub struct Pages {
    env: Environment<'static>,
    /// Site path of each page → its place among the portal's pages.
    index: std::collections::HashMap<String, usize>,
}

impl Pages {
    pub fn new(portal: &Portal, layers: &ThemeLayers, lang: &Lang) -> anyhow::Result<Pages> {
        let env = environment(layers, lang, &Views { portal, lang })?;
        let index = page_jobs(portal)
            .iter()
            .enumerate()
            .map(|(i, job)| (job.path(), i))
            .collect();
        Ok(Pages { env, index })
    }

    /// Site paths of the pages.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// The page at `path` of the same portal, or `None` when no page is
    /// there. A template error is returned as its diagnostic.
    pub fn render(
        &self,
        portal: &Portal,
        layers: &ThemeLayers,
        lang: &Lang,
        path: &str,
    ) -> Option<Result<String, Diagnostic>> {
        let &i = self.index.get(path)?;
        let jobs = page_jobs(portal);
        let job = jobs.get(i)?;
        Some(
            render_page(&self.env, &Views { portal, lang }, job)
                .map_err(|e| template_diagnostic(&e, layers)),
        )
    }
}

fn environment(
    layers: &ThemeLayers,
    lang: &Lang,
    views: &Views,
) -> anyhow::Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Keeps file, line and source in errors, also in release builds.
    env.set_debug(true);
    env.set_auto_escape_callback(|name| {
        if [".html", ".xml", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        // minijinja also escapes `/`, which turns every relative link into
        // `..&#x2f;..&#x2f;`: valid but heavy. The five characters below are
        // all that HTML text and quoted attributes need.
        if matches!(state.auto_escape(), AutoEscape::Html)
            && !value.is_safe()
            && let Some(text) = value.as_str()
        {
            return write_html_escaped(out, text).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            });
        }
        minijinja::escape_formatter(out, state, value)
    });
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()?,
    );
    let loader_layers = layers.clone();
    env.set_loader(move |name| {
        Ok(loader_layers
            .template(name)
            .map(|file| String::from_utf8_lossy(&file.bytes).into_owned()))
    });
    env.add_global("site", Value::from(minijinja::value::Serde(views.site())));
    env.add_global("t", Value::from(minijinja::value::Serde(&lang.text)));
    let counting = Arc::new(lang.clone());
    env.add_function("count", move |key: &str, n: u64| counting.count(key, n));
    Ok(env)
}

/// One page to render.
enum Job<'a> {
    Home,
    Catalog { by_date: bool },
    Dataset(&'a Dataset),
    Organizations,
    Organization(&'a Organization),
    Themes,
    Theme(&'a Theme),
    Page(&'a Page),
    Schemas,
    Schema(&'a crate::model::SchemaDoc),
    Usages,
    Quality,
    Search,
    NotFound,
}

fn page_jobs(portal: &Portal) -> Vec<Job<'_>> {
    let mut jobs = vec![
        Job::Home,
        Job::Catalog { by_date: false },
        Job::Catalog { by_date: true },
        Job::Organizations,
        Job::Themes,
        Job::Usages,
        Job::Quality,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend(portal.datasets.iter().map(Job::Dataset));
    jobs.extend(portal.organizations.iter().map(Job::Organization));
    jobs.extend(portal.themes.iter().map(Job::Theme));
    jobs.extend(portal.pages.iter().map(Job::Page));
    if !portal.schemas.is_empty() {
        jobs.push(Job::Schemas);
        jobs.extend(portal.schemas.iter().map(Job::Schema));
    }
    jobs
}

impl Job<'_> {
    fn path(&self) -> String {
        match self {
            Job::Home => paths::HOME.to_string(),
            Job::Catalog { by_date: false } => paths::CATALOG.to_string(),
            Job::Catalog { by_date: true } => paths::CATALOG_BY_DATE.to_string(),
            Job::Dataset(d) => d.path.clone(),
            Job::Organizations => paths::ORGANIZATIONS.to_string(),
            Job::Organization(o) => o.path.clone(),
            Job::Themes => paths::THEMES.to_string(),
            Job::Theme(t) => t.path.clone(),
            Job::Page(p) => p.path.clone(),
            Job::Schemas => paths::SCHEMAS.to_string(),
            Job::Schema(s) => s.page.clone(),
            Job::Usages => paths::USAGES.to_string(),
            Job::Quality => paths::QUALITY.to_string(),
            Job::Search => paths::SEARCH.to_string(),
            Job::NotFound => paths::NOT_FOUND.to_string(),
        }
    }

    /// What produced the page, for collision messages.
    fn origin(&self) -> String {
        match self {
            Job::Dataset(d) => format!("the page of {}", d.meta.doc.path),
            Job::Organization(o) => match &o.meta {
                Some(meta) => format!("the page of {}", meta.doc.path),
                None => format!("the page of the authority ({})", o.slug),
            },
            Job::Page(p) => format!("the page of {}", p.meta.doc.path),
            Job::Theme(t) => format!("the page of the theme {}", t.code),
            Job::Schema(s) => format!("the page of the schema {}", s.path),
            _ => "a page of the portal".to_string(),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Job::Home => "index.html",
            Job::Catalog { .. } => "catalog.html",
            Job::Dataset(_) => "dataset.html",
            Job::Organizations => "organizations.html",
            Job::Organization(_) => "organization.html",
            Job::Themes => "themes.html",
            Job::Theme(_) => "theme.html",
            Job::Page(_) => "page.html",
            Job::Schemas => "schemas.html",
            Job::Schema(_) => "schema.html",
            Job::Usages => "usages.html",
            Job::Quality => "quality.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
        }
    }
}

/// Variables every page receives, beside `site` and `t` (globals) and the
/// page's own.
#[derive(Serialize)]
struct Frame {
    /// Prefix from this page to the site root (`../../`).
    root: String,
    /// Key of the menu item this page belongs to (`catalog`, `page:a-propos`…).
    current: String,
    /// Title of the page, without the site's.
    title: String,
    description: Option<String>,
    canonical: Option<String>,
    /// Pages above this one, home first.
    breadcrumbs: Vec<Link>,
}

#[derive(Serialize)]
struct HomeContext {
    featured: Vec<DatasetCard>,
    recent: Vec<DatasetCard>,
    themes: Vec<ThemeView>,
    stats: Vec<String>,
}

#[derive(Serialize)]
struct CatalogContext {
    datasets: Vec<DatasetCard>,
    sort: &'static str,
    count_text: String,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    html: String,
}

#[derive(Serialize)]
struct Empty {}

fn render_page(env: &Environment, views: &Views, job: &Job) -> Result<String, minijinja::Error> {
    let portal = views.portal;
    let lang = views.lang;
    let path = job.path();
    let home = Link {
        title: lang.t("home").to_string(),
        url: paths::HOME.to_string(),
    };
    let catalog = Link {
        title: lang.t("catalog").to_string(),
        url: paths::CATALOG.to_string(),
    };
    // Renders the job's template with the common frame around `page`.
    let render = |current: &str,
                  title: String,
                  description: Option<String>,
                  breadcrumbs: Vec<Link>,
                  page: Value| {
        let root = match job {
            // Served for any missing address, at any depth: relative links
            // would break, so it links from the site's root.
            Job::NotFound => portal
                .config
                .base_url
                .clone()
                .unwrap_or_else(|| "/".to_string()),
            _ => root_prefix(&path),
        };
        let canonical = match job {
            Job::NotFound => None,
            _ => portal
                .config
                .base_url
                .as_deref()
                .map(|base| crate::util::url::public_url(Some(base), &path)),
        };
        let frame = to_value(&Frame {
            root,
            current: current.to_string(),
            title,
            description,
            canonical,
            breadcrumbs,
        });
        env.get_template(job.template())?
            .render(minijinja::context! { ..frame, ..page })
    };

    match job {
        Job::Home => {
            let featured = views.cards(
                views.by_title(
                    portal
                        .datasets
                        .iter()
                        .enumerate()
                        .filter(|(_, d)| d.meta.featured)
                        .map(|(i, _)| i),
                ),
            );
            let recent = views.cards(views.by_date().into_iter().take(RECENT));
            let resources: usize = portal.datasets.iter().map(|d| d.resources.len()).sum();
            let stats = vec![
                lang.count("datasets_count", portal.datasets.len() as u64),
                lang.count("resources_count", resources as u64),
                lang.count("organizations_count", portal.organizations.len() as u64),
            ];
            let context = HomeContext { featured, recent, themes: views.themes(), stats };
            render(
                "home",
                portal.config.title.clone(),
                portal.config.tagline.clone(),
                vec![],
                to_value(&context),
            )
        }
        Job::Catalog { by_date } => {
            let order = if *by_date {
                views.by_date()
            } else {
                views.by_title(0..portal.datasets.len())
            };
            let context = CatalogContext {
                datasets: views.cards(order),
                sort: if *by_date { "date" } else { "title" },
                count_text: lang.count("datasets_count", portal.datasets.len() as u64),
            };
            render(
                "catalog",
                lang.t("catalog").to_string(),
                None,
                vec![home],
                to_value(&context),
            )
        }
        Job::Dataset(dataset) => {
            let view = views.dataset(dataset);
            let description = Some(
                view.summary
                    .clone()
                    .unwrap_or_else(|| views.card(dataset).summary),
            );
            #[derive(Serialize)]
            struct DatasetContext {
                dataset: views::DatasetView,
            }
            render(
                "catalog",
                view.title.clone(),
                description,
                vec![home, catalog],
                to_value(&DatasetContext { dataset: view }),
            )
        }
        Job::Organizations => {
            #[derive(Serialize)]
            struct OrganizationsContext {
                organizations: Vec<OrganizationCard>,
            }
            let organizations = portal
                .organizations
                .iter()
                .map(|o| views.organization_card(o))
                .collect();
            render(
                "organizations",
                lang.t("organizations").to_string(),
                None,
                vec![home],
                to_value(&OrganizationsContext { organizations }),
            )
        }
        Job::Organization(organization) => {
            #[derive(Serialize)]
            struct OrganizationContext {
                organization: views::OrganizationView,
            }
            let view = views.organization(organization);
            let list = Link {
                title: lang.t("organizations").to_string(),
                url: paths::ORGANIZATIONS.to_string(),
            };
            render(
                "organizations",
                view.title.clone(),
                None,
                vec![home, list],
                to_value(&OrganizationContext { organization: view }),
            )
        }
        Job::Themes => {
            #[derive(Serialize)]
            struct ThemesContext {
                themes: Vec<ThemeView>,
            }
            render(
                "themes",
                lang.t("themes").to_string(),
                None,
                vec![home],
                to_value(&ThemesContext { themes: views.themes() }),
            )
        }
        Job::Theme(theme) => {
            #[derive(Serialize)]
            struct ThemeContext {
                theme: ThemeView,
                datasets: Vec<DatasetCard>,
            }
            let view = views.theme(theme.code, theme.datasets.len());
            let list = Link {
                title: lang.t("themes").to_string(),
                url: paths::THEMES.to_string(),
            };
            render(
                "themes",
                view.label.clone(),
                None,
                vec![home, list],
                to_value(&ThemeContext {
                    datasets: views.cards(views.by_title(theme.datasets.iter().copied())),
                    theme: view,
                }),
            )
        }
        Job::Schemas => {
            #[derive(Serialize)]
            struct SchemasContext {
                schemas: Vec<schemas::SchemaCard>,
            }
            let schemas = portal
                .schemas
                .iter()
                .map(|s| views.schema_card(s))
                .collect();
            render(
                "catalog",
                lang.t("schemas").to_string(),
                None,
                vec![home],
                to_value(&SchemasContext { schemas }),
            )
        }
        Job::Schema(doc) => {
            #[derive(Serialize)]
            struct SchemaContext {
                schema: schemas::SchemaView,
            }
            let view = views.schema(doc);
            render(
                "catalog",
                view.title.clone(),
                doc.schema.description.clone(),
                vec![home, views.schemas_link()],
                to_value(&SchemaContext { schema: view }),
            )
        }
        Job::Usages => {
            #[derive(Serialize)]
            struct UsagesContext {
                register: usage::RegisterView,
            }
            render(
                "usages",
                lang.t("usages").to_string(),
                Some(lang.t("usages_description").to_string()),
                vec![home],
                to_value(&UsagesContext { register: views.register() }),
            )
        }
        Job::Quality => {
            #[derive(Serialize)]
            struct QualityContext {
                quality: quality::QualityPageView,
            }
            render(
                "quality",
                lang.t("quality").to_string(),
                Some(lang.t("quality_page_description").to_string()),
                vec![home],
                to_value(&QualityContext { quality: views.quality_page() }),
            )
        }
        Job::Page(page) => {
            #[derive(Serialize)]
            struct PageContext {
                page: PageView,
            }
            let html = markdown::to_html(
                page.meta.doc.body(),
                &markdown::LinkContext {
                    source: &page.meta.doc.path,
                    page: &page.path,
                    links: &portal.links,
                },
            );
            let title = page.meta.title.clone();
            render(
                &format!("page:{}", page.meta.slug),
                title.clone(),
                page.meta.summary.clone(),
                vec![home],
                to_value(&PageContext { page: PageView { title, html } }),
            )
        }
        Job::Search => render(
            "search",
            lang.t("search").to_string(),
            Some(lang.t("search_description").to_string()),
            vec![home],
            to_value(&Empty {}),
        ),
        Job::NotFound => render(
            "",
            lang.t("not_found_title").to_string(),
            None,
            vec![],
            to_value(&Empty {}),
        ),
    }
}

fn write_html_escaped(out: &mut minijinja::Output, text: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(entity)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

fn to_value<T: Serialize>(value: &T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

fn publish_theme_files(
    portal: &Portal,
    layers: &ThemeLayers,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    for (name, file) in layers.static_files() {
        output.publish(
            &paths::theme_asset(&name),
            &file.origin,
            file.bytes.into_owned(),
            diagnostics,
        )?;
    }
    if let Some(color) = &portal.config.theme.main_color {
        let css = format!(
            "/* Generated from theme.main_color in ouvert.toml. */\n:root {{ --accent: {color}; }}\n"
        );
        output.publish(
            &paths::theme_asset("theme.css"),
            "theme.main_color of ouvert.toml",
            css.into_bytes(),
            diagnostics,
        )?;
    }
    Ok(())
}

/// The schemas inferred for tables that declare none, ready to be edited
/// and declared.
fn publish_inferred_schemas(
    portal: &Portal,
    lang: &Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    for dataset in &portal.datasets {
        for resource in &dataset.resources {
            let (Some(path), ResourceLocation::Local(file)) =
                (&resource.inferred_schema, &resource.meta.location)
            else {
                continue;
            };
            let Some(schema) = resource.inferred_schema_json(lang.t("inferred_schema_description"))
            else {
                continue;
            };
            let bytes = crate::util::pretty_json(&schema)?;
            let origin = format!("the schema inferred from {}", file.file.path);
            output.publish(path, &origin, bytes, diagnostics)?;
        }
    }
    Ok(())
}

/// Copies data files, description images and `static/` into the site.
fn publish_portal_files<'a>(
    portal: &'a Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    // Site path, what it is a copy of (for messages), file to copy.
    let mut copies: Vec<(String, String, &std::path::Path)> = Vec::new();
    let mut original = |path: String, file: &'a crate::load::PortalFile| {
        copies.push((path, file.path.clone(), &file.abs));
    };
    for dataset in &portal.datasets {
        let slug = &dataset.meta.slug;
        for resource in &dataset.meta.resources {
            if let ResourceLocation::Local(file) = &resource.location {
                original(paths::dataset_file(slug, &file.name), &file.file);
            }
        }
        for asset in &dataset.meta.assets {
            original(paths::dataset_file(slug, &asset.name), &asset.file);
        }
    }
    for file in &portal.static_files {
        original(paths::static_file(&file.path), file);
    }
    for file in &portal.schema_files {
        original(file.path.clone(), file);
    }
    for dataset in &portal.datasets {
        for resource in &dataset.resources {
            let ResourceLocation::Local(file) = &resource.meta.location else {
                continue;
            };
            for table in &resource.normalized {
                for copy in [&table.csv, &table.json] {
                    let origin = format!("the normalised copy of {}", file.file.path);
                    copies.push((copy.path.clone(), origin, &copy.source));
                }
            }
        }
    }
    let results: Vec<anyhow::Result<Result<(), Collision>>> = copies
        .par_iter()
        .map(|(path, origin, source)| output.copy(path, origin, source))
        .collect();
    for result in results {
        if let Err(c) = result? {
            diagnostics.push(c.diagnostic());
        }
    }
    Ok(())
}

/// A template error as a diagnostic pointing into the template file.
fn template_diagnostic(error: &minijinja::Error, layers: &ThemeLayers) -> Diagnostic {
    // Errors inside included templates are chained: report the innermost
    // one that knows its place.
    let mut innermost: &minijinja::Error = error;
    let mut current: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(source) = current {
        if let Some(e) = source.downcast_ref::<minijinja::Error>()
            && e.name().is_some()
        {
            innermost = e;
        }
        current = source.source();
    }
    let mut message = innermost.kind().to_string();
    if let Some(detail) = innermost.detail() {
        message = format!("{message}: {detail}");
    }
    let mut diagnostic = Diagnostic::error(format!("template error: {message}"));
    if let Some(name) = innermost.name() {
        let origin = layers
            .template(name)
            .map_or_else(|| name.to_string(), |f| f.origin);
        diagnostic = diagnostic.file(origin);
        if let Some(line) = innermost.line() {
            diagnostic = match innermost.template_source() {
                Some(source) => {
                    let column = innermost
                        .range()
                        .map(|r| crate::util::text::line_col(source, r.start).1)
                        .unwrap_or(1);
                    diagnostic.at(source, line, column)
                }
                None => diagnostic.line(line),
            };
        }
    }
    diagnostic
}
