//! Render stage: turns the model into pages (minijinja templates fed with
//! view structs) and publishes the portal's files, all through [`Output`].
//!
//! Templates are rendered with auto-escaping on and undefined variables as
//! errors, so a typing mistake in a template override is reported with its
//! file and line instead of silently producing an empty string.

pub mod accessibility;
pub mod charts;
pub mod columns;
pub mod figures;
pub mod history;
pub mod i18n;
pub mod jsonld;
pub mod map;
pub mod markdown;
pub mod participation;
pub mod quality;
pub mod schemas;
pub mod snippets;
pub mod theme;
pub mod usage;
pub mod views;

use std::sync::{Arc, OnceLock};

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::facets::{Facet, FacetKind, FacetValue};
use crate::model::{Dataset, Organization, Page, Portal, Theme, paths};
use crate::output::{self, Collision, Output};
use crate::util::url::root_prefix;
use crate::validate::ResourceLocation;
use i18n::Lang;
use theme::ThemeLayers;
use views::{DatasetCard, Link, OrganizationCard, ThemeView, Views};

/// Datasets shown as "recently updated" on the home page.
const RECENT: usize = 6;

/// Datasets per page of a listing: enough to scan, small enough for a phone.
pub const PAGE_SIZE: usize = 50;

/// Values of a facet shown beside the catalog before the link to them all.
const FACET_TOP: usize = 10;

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
    let lists = Lists::new(portal, &views);
    let cards = Cards::new(portal.datasets.len());
    let jobs = page_jobs(portal, &lists);
    // A page made from the same template and context as the published
    // one is kept: on a large portal, most pages of a rebuild.
    let memo = output.memo();
    let results: Vec<anyhow::Result<Option<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            // A preview that is no longer wanted stops here, not after
            // rendering every remaining page.
            output.check_cancelled()?;
            let (path, origin) = (job.path(), job.origin());
            let context = match page_context(&env, &views, &cards, job) {
                Ok(context) => context,
                Err(e) => return Ok(Some(template_diagnostic(&e, layers))),
            };
            let key = memo.map(|_| page_key(job.template(), &context));
            if let Some(key) = &key {
                match output.keep_made_from(&path, &origin, key)? {
                    Ok(true) => return Ok(None),
                    Ok(false) => {}
                    Err(collision) => return Ok(Some(collision.diagnostic())),
                }
            }
            let html = match env.get_template(job.template())?.render(context) {
                Ok(html) => html,
                Err(e) => return Ok(Some(template_diagnostic(&e, layers))),
            };
            Ok(output
                .write_made_from(&path, &origin, html.into_bytes(), key)?
                .err()
                .map(|c| c.diagnostic()))
        })
        .collect();
    if let Some(memo) = memo {
        for (name, template) in env.templates() {
            memo.template(name, template.source());
        }
    }
    for result in results {
        if let Some(diagnostic) = result? {
            diagnostics.push(diagnostic);
        }
    }
    publish_inferred_schemas(portal, lang, output, diagnostics)?;
    publish_files(portal, layers, output, diagnostics)
}

/// What a page is made from: its template and its context, walked so
/// that everything that shows differently hashes differently (`1` and
/// `1.0`, safe and escaped text), which minijinja's own hash does not
/// promise.
fn page_key(template: &str, context: &Value) -> String {
    struct Walked<'a>(&'a Value);
    impl std::hash::Hash for Walked<'_> {
        fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
            use minijinja::value::ValueKind;
            let value = self.0;
            let kind = value.kind();
            std::mem::discriminant(&kind).hash(state);
            match kind {
                ValueKind::Undefined | ValueKind::None => {}
                ValueKind::Bool => value.is_true().hash(state),
                ValueKind::Number if value.is_integer() => value.to_string().hash(state),
                ValueKind::Number => f64::try_from(value.clone())
                    .map(f64::to_bits)
                    .ok()
                    .hash(state),
                ValueKind::String => {
                    value.is_safe().hash(state);
                    value.as_str().hash(state);
                }
                ValueKind::Bytes => value.as_bytes().hash(state),
                ValueKind::Map => {
                    let pairs = value.as_object().and_then(|map| map.try_iter_pairs());
                    for (key, item) in pairs.into_iter().flatten() {
                        Walked(&key).hash(state);
                        Walked(&item).hash(state);
                    }
                    u8::MAX.hash(state);
                }
                ValueKind::Seq | ValueKind::Iterable => {
                    for item in value.try_iter().into_iter().flatten() {
                        Walked(&item).hash(state);
                    }
                    // The end, so that nested values cannot shift.
                    u8::MAX.hash(state);
                }
                // Objects the templates see as text.
                _ => value.to_string().hash(state),
            }
        }
    }
    output::memo::key(&(template, Walked(context)))
}

/// Opens the memo of what the previous build published (on disk), before
/// anything is written: pages depend on `global_key` and the templates,
/// and a change to either makes every page new.
pub fn begin_memo(portal: &Portal, layers: &ThemeLayers, lang: &Lang, output: &Output) {
    if let Some(memo) = output.memo() {
        memo.begin(global_key(&Views { portal, lang }), |name| {
            layers
                .template(name)
                .map(|file| String::from_utf8_lossy(&file.bytes).into_owned())
        });
    }
}

/// What every page depends on besides its own context and its templates:
/// the site-wide values and interface strings templates see, and the
/// version of ouvert that rendered them.
fn global_key(views: &Views) -> String {
    output::memo::key(&(
        env!("CARGO_PKG_VERSION"),
        Value::from(minijinja::value::Serde(views.site())),
        format!("{:?}", views.lang),
    ))
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
    lists: Lists,
    cards: Cards,
    /// Site path of each page → its place among the portal's pages.
    index: std::collections::HashMap<String, usize>,
}

impl Pages {
    pub fn new(portal: &Portal, layers: &ThemeLayers, lang: &Lang) -> anyhow::Result<Pages> {
        let views = Views { portal, lang };
        let env = environment(layers, lang, &views)?;
        let lists = Lists::new(portal, &views);
        let index = page_jobs(portal, &lists)
            .iter()
            .enumerate()
            .map(|(i, job)| (job.path(), i))
            .collect();
        let cards = Cards::new(portal.datasets.len());
        Ok(Pages { env, lists, cards, index })
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
        let jobs = page_jobs(portal, &self.lists);
        let job = jobs.get(i)?;
        Some(
            render_page(&self.env, &Views { portal, lang }, &self.cards, job)
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
    Catalog {
        by_date: bool,
        slice: Slice<'a>,
    },
    Dataset(&'a Dataset),
    Organizations,
    Organization(&'a Organization, Slice<'a>),
    Themes,
    Theme(&'a Theme, Slice<'a>),
    /// The values of a facet that has its own pages.
    FacetIndex(&'a Facet),
    FacetValue(&'a Facet, &'a FacetValue, Slice<'a>),
    Page(&'a Page),
    Schemas,
    Schema(&'a crate::model::SchemaDoc),
    Usages,
    /// The register of one organization's datasets.
    OrganizationUsages(&'a Organization),
    Reuses,
    Requests,
    Quality,
    Accessibility,
    Search,
    NotFound,
}

/// One page of a dataset listing.
#[derive(Clone, Copy)]
struct Slice<'a> {
    /// The whole listing, in order.
    all: &'a [usize],
    /// From 1.
    page: usize,
}

impl<'a> Slice<'a> {
    /// Every page of `all`; an empty listing still has its first page.
    fn pages_of(all: &'a [usize]) -> impl Iterator<Item = Slice<'a>> {
        (1..=all.len().div_ceil(PAGE_SIZE).max(1)).map(move |page| Slice { all, page })
    }

    fn pages(&self) -> usize {
        self.all.len().div_ceil(PAGE_SIZE).max(1)
    }

    /// Index in `all` of the first dataset on the page.
    fn start(&self) -> usize {
        ((self.page - 1) * PAGE_SIZE).min(self.all.len())
    }

    fn items(&self) -> &'a [usize] {
        let start = self.start();
        &self.all[start..(start + PAGE_SIZE).min(self.all.len())]
    }
}

/// Every listing's datasets in order, sorted once for all its pages.
struct Lists {
    by_title: Vec<usize>,
    by_date: Vec<usize>,
    /// By title, in the order of [`Portal::themes`].
    themes: Vec<Vec<usize>>,
    organizations: Vec<Vec<usize>>,
    /// `facets[f][v]`: the datasets of value `v` of facet `f`, by title.
    facets: Vec<Vec<Vec<usize>>>,
}

impl Lists {
    fn new(portal: &Portal, views: &Views) -> Lists {
        let by_title = views.by_title(0..portal.datasets.len());
        // Sorting each listing by this rank compares integers, not titles.
        let mut rank = vec![0; portal.datasets.len()];
        for (position, &i) in by_title.iter().enumerate() {
            rank[i] = position;
        }
        let sorted = |indices: &[usize]| {
            let mut indices = indices.to_vec();
            indices.sort_unstable_by_key(|&i| rank[i]);
            indices
        };
        Lists {
            by_date: views.by_date(),
            themes: portal.themes.iter().map(|t| sorted(&t.datasets)).collect(),
            organizations: portal
                .organizations
                .iter()
                .map(|o| sorted(&o.datasets))
                .collect(),
            facets: portal
                .facets
                .iter()
                .map(|f| f.values.iter().map(|v| sorted(&v.datasets)).collect())
                .collect(),
            by_title,
        }
    }
}

/// Each dataset's card, rendered once however many listings show it.
/// The card is rendered with markers in place of `root` and `heading`,
/// which differ from listing to listing, and the markers are filled in
/// as the card is copied into a page: far cheaper than rendering the
/// card template again for each of the dozen listings a dataset is in.
struct Cards {
    html: Vec<OnceLock<String>>,
}

/// Control characters no template text holds, and escaping keeps as is.
const ROOT_MARK: &str = "\u{1}root\u{1}";
const HEADING_MARK: &str = "\u{1}heading\u{1}";

impl Cards {
    fn new(datasets: usize) -> Cards {
        Cards { html: (0..datasets).map(|_| OnceLock::new()).collect() }
    }

    fn get(&self, env: &Environment, views: &Views, i: usize) -> Result<&str, minijinja::Error> {
        let cell = &self.html[i];
        if let Some(html) = cell.get() {
            return Ok(html);
        }
        let card = views.card(&views.portal.datasets[i]);
        let html = env.get_template("partials/dataset-card.html")?.render(
            minijinja::context! { root => ROOT_MARK, heading => HEADING_MARK, dataset => to_value(&card) },
        )?;
        Ok(cell.get_or_init(|| html))
    }

    /// The cards of `indices`, one after the other, for a page at `root`.
    fn list(
        &self,
        env: &Environment,
        views: &Views,
        indices: &[usize],
        root: &str,
        heading: &str,
    ) -> Result<String, minijinja::Error> {
        let mut out = String::new();
        for &i in indices {
            fill(&mut out, self.get(env, views, i)?, root, heading);
        }
        Ok(out)
    }
}

/// Appends `card` to `out` with its markers replaced.
fn fill(out: &mut String, card: &str, root: &str, heading: &str) {
    let mut rest = card;
    while let Some(at) = rest.find('\u{1}') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix(ROOT_MARK) {
            out.push_str(root);
            rest = after;
        } else if let Some(after) = rest.strip_prefix(HEADING_MARK) {
            out.push_str(heading);
            rest = after;
        } else {
            out.push('\u{1}');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

fn page_jobs<'a>(portal: &'a Portal, lists: &'a Lists) -> Vec<Job<'a>> {
    let mut jobs = vec![Job::Home];
    for (by_date, all) in [(false, &lists.by_title), (true, &lists.by_date)] {
        jobs.extend(Slice::pages_of(all).map(|slice| Job::Catalog { by_date, slice }));
    }
    jobs.extend([
        Job::Organizations,
        Job::Themes,
        Job::Usages,
        Job::Quality,
        Job::Accessibility,
        Job::Search,
        Job::NotFound,
    ]);
    jobs.extend(portal.datasets.iter().map(Job::Dataset));
    for (organization, all) in portal.organizations.iter().zip(&lists.organizations) {
        jobs.extend(Slice::pages_of(all).map(|slice| Job::Organization(organization, slice)));
    }
    for (theme, all) in portal.themes.iter().zip(&lists.themes) {
        jobs.extend(Slice::pages_of(all).map(|slice| Job::Theme(theme, slice)));
    }
    for (facet, lists) in portal.facets.iter().zip(&lists.facets) {
        if !facet.kind.has_own_pages() {
            continue;
        }
        jobs.push(Job::FacetIndex(facet));
        for (value, all) in facet.values.iter().zip(lists) {
            jobs.extend(Slice::pages_of(all).map(|slice| Job::FacetValue(facet, value, slice)));
        }
    }
    jobs.extend(portal.pages.iter().map(Job::Page));
    jobs.extend(
        portal
            .publishers_apart()
            .into_iter()
            .map(Job::OrganizationUsages),
    );
    if !portal.reuses.is_empty() {
        jobs.push(Job::Reuses);
    }
    if has_requests_page(portal) {
        jobs.push(Job::Requests);
    }
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
            Job::Catalog { by_date: false, slice } => {
                paths::listing_page(paths::CATALOG, slice.page)
            }
            Job::Catalog { by_date: true, slice } => {
                paths::listing_page(paths::CATALOG_BY_DATE, slice.page)
            }
            Job::Dataset(d) => d.path.clone(),
            Job::Organizations => paths::ORGANIZATIONS.to_string(),
            Job::Organization(o, slice) => paths::listing_page(&o.path, slice.page),
            Job::Themes => paths::THEMES.to_string(),
            Job::Theme(t, slice) => paths::listing_page(&t.path, slice.page),
            Job::FacetIndex(f) => f.kind.index_path(),
            Job::FacetValue(_, v, slice) => paths::listing_page(&v.path, slice.page),
            Job::Page(p) => p.path.clone(),
            Job::Schemas => paths::SCHEMAS.to_string(),
            Job::Schema(s) => s.page.clone(),
            Job::Usages => paths::USAGES.to_string(),
            Job::OrganizationUsages(o) => paths::organization_usages(&o.slug),
            Job::Reuses => paths::REUSES.to_string(),
            Job::Requests => paths::REQUESTS.to_string(),
            Job::Quality => paths::QUALITY.to_string(),
            Job::Accessibility => paths::ACCESSIBILITY.to_string(),
            Job::Search => paths::SEARCH.to_string(),
            Job::NotFound => paths::NOT_FOUND.to_string(),
        }
    }

    /// What produced the page, for collision messages.
    fn origin(&self) -> String {
        match self {
            Job::Dataset(d) => format!("the page of {}", d.meta.doc.path),
            Job::Organization(o, _) => match &o.meta {
                Some(meta) => format!("the page of {}", meta.doc.path),
                None => format!("the page of the authority ({})", o.slug),
            },
            Job::Page(p) => format!("the page of {}", p.meta.doc.path),
            Job::Theme(t, _) => format!("the page of the theme {}", t.code),
            Job::FacetValue(f, v, _) => format!("the page of the {} {}", f.kind.key(), v.label),
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
            Job::Organization(..) => "organization.html",
            Job::Themes => "themes.html",
            Job::Theme(..) => "theme.html",
            Job::FacetIndex(_) => "facets.html",
            Job::FacetValue(..) => "facet.html",
            Job::Page(_) => "page.html",
            Job::Schemas => "schemas.html",
            Job::Schema(_) => "schema.html",
            Job::Usages | Job::OrganizationUsages(_) => "usages.html",
            Job::Reuses => "reuses.html",
            Job::Requests => "requests.html",
            Job::Quality => "quality.html",
            Job::Accessibility => "accessibility.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
        }
    }
}

/// Whether the portal has a requests page: requests to show, or a way to
/// make one.
pub(crate) fn has_requests_page(portal: &Portal) -> bool {
    !portal.requests.is_empty() || portal.config.requests_contact.is_some()
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
    listing: ListingView,
    sort: &'static str,
    count_text: String,
    /// Each facet with its most frequent values, to narrow the catalog.
    facets: Vec<FacetNav>,
}

/// One page of a dataset listing.
#[derive(Serialize)]
struct ListingView {
    /// The page's cards (`<li>` elements), already rendered: printed with
    /// `|safe` inside a `<ul class="cards">`.
    cards_html: String,
    /// Datasets in the whole listing.
    total: usize,
    /// "1 234 jeux de données".
    count_text: String,
    /// "Jeux de données 51 à 100 sur 1 234", when there are several pages.
    range_text: Option<String>,
    page: usize,
    pages: usize,
    pagination: Option<PaginationView>,
}

/// Links between the pages of a listing (site paths).
#[derive(Serialize)]
struct PaginationView {
    first: Option<String>,
    previous: Option<String>,
    next: Option<String>,
    last: Option<String>,
    /// Page numbers around the current one, the first and the last; a gap
    /// between them has no number.
    items: Vec<PageItem>,
}

#[derive(Serialize)]
struct PageItem {
    number: Option<usize>,
    url: String,
    current: bool,
}

/// A facet beside the catalog.
#[derive(Serialize)]
struct FacetNav {
    key: &'static str,
    title: String,
    /// The most frequent values, most frequent first.
    values: Vec<FacetLink>,
    /// "Tous les mots-clés (123)", leading to the facet's page, when some
    /// values are not shown.
    all: Option<Link>,
}

#[derive(Serialize)]
struct FacetLink {
    label: String,
    url: String,
    count: usize,
    count_text: String,
}

#[derive(Serialize)]
struct PageView {
    title: String,
    html: String,
}

#[derive(Serialize)]
struct Empty {}

fn render_page(
    env: &Environment,
    views: &Views,
    cards: &Cards,
    job: &Job,
) -> Result<String, minijinja::Error> {
    env.get_template(job.template())?
        .render(page_context(env, views, cards, job)?)
}

/// What the job's template sees: the common frame and the page's view.
fn page_context(
    env: &Environment,
    views: &Views,
    cards: &Cards,
    job: &Job,
) -> Result<Value, minijinja::Error> {
    let portal = views.portal;
    let lang = views.lang;
    let path = job.path();
    // One page of a listing whose first page is at `first`, its cards
    // under `heading`.
    let listing =
        |slice: &Slice, first: &str, heading: &str| -> Result<ListingView, minijinja::Error> {
            let cards_html = cards.list(env, views, slice.items(), &root_prefix(&path), heading)?;
            Ok(listing_view(lang, slice, first, cards_html))
        };
    // "Catalogue, page 2 sur 5" after page 1.
    let paged = |title: String, slice: &Slice| {
        if slice.page > 1 {
            lang.t("page_title")
                .replace("{title}", &title)
                .replace("{page}", &lang.integer(slice.page as u64))
                .replace("{pages}", &lang.integer(slice.pages() as u64))
        } else {
            title
        }
    };
    // Breadcrumbs of a listing page: page 1 is above the others.
    let crumbs = |mut links: Vec<Link>, title: &str, first: &str, slice: &Slice| {
        if slice.page > 1 {
            links.push(Link { title: title.to_string(), url: first.to_string() });
        }
        links
    };
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
        Ok::<_, minijinja::Error>(minijinja::context! { ..frame, ..page })
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
        Job::Catalog { by_date, slice } => {
            let first = if *by_date {
                paths::CATALOG_BY_DATE
            } else {
                paths::CATALOG
            };
            let context = CatalogContext {
                listing: listing(slice, first, "h2")?,
                sort: if *by_date { "date" } else { "title" },
                count_text: lang.count("datasets_count", portal.datasets.len() as u64),
                facets: facet_navs(views),
            };
            let title = lang.t("catalog").to_string();
            render(
                "catalog",
                paged(title.clone(), slice),
                None,
                crumbs(vec![home], &title, first, slice),
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
        Job::Organization(organization, slice) => {
            #[derive(Serialize)]
            struct OrganizationContext {
                organization: views::OrganizationView,
                listing: ListingView,
            }
            let view = views.organization(organization);
            let list = Link {
                title: lang.t("organizations").to_string(),
                url: paths::ORGANIZATIONS.to_string(),
            };
            let title = view.title.clone();
            render(
                "organizations",
                paged(title.clone(), slice),
                None,
                crumbs(vec![home, list], &title, &organization.path, slice),
                to_value(&OrganizationContext {
                    listing: listing(slice, &organization.path, "h3")?,
                    organization: view,
                }),
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
        Job::Theme(theme, slice) => {
            #[derive(Serialize)]
            struct ThemeContext {
                theme: ThemeView,
                listing: ListingView,
            }
            let view = views.theme(theme.code, theme.datasets.len());
            let list = Link {
                title: lang.t("themes").to_string(),
                url: paths::THEMES.to_string(),
            };
            let title = view.label.clone();
            render(
                "themes",
                paged(title.clone(), slice),
                None,
                crumbs(vec![home, list], &title, &theme.path, slice),
                to_value(&ThemeContext {
                    listing: listing(slice, &theme.path, "h2")?,
                    theme: view,
                }),
            )
        }
        Job::FacetIndex(facet) => {
            #[derive(Serialize)]
            struct FacetsContext {
                facet: FacetIndexView,
            }
            #[derive(Serialize)]
            struct FacetIndexView {
                key: &'static str,
                title: String,
                /// By label.
                values: Vec<FacetLink>,
            }
            let mut values: Vec<FacetLink> = facet
                .values
                .iter()
                .map(|v| facet_link(lang, facet.kind, v))
                .collect();
            values.sort_by_cached_key(|v| crate::model::sort_key(&v.label));
            let title = lang.t(&format!("facet_{}", facet.kind.key())).to_string();
            render(
                "catalog",
                title.clone(),
                None,
                vec![home, catalog],
                to_value(&FacetsContext {
                    facet: FacetIndexView { key: facet.kind.key(), title, values },
                }),
            )
        }
        Job::FacetValue(facet, value, slice) => {
            #[derive(Serialize)]
            struct FacetContext {
                facet: FacetValueView,
                listing: ListingView,
            }
            #[derive(Serialize)]
            struct FacetValueView {
                key: &'static str,
                /// What the value is: "Mot-clé".
                kind: String,
                label: String,
            }
            let kind = facet.kind.key();
            let index = Link {
                title: lang.t(&format!("facet_{kind}")).to_string(),
                url: facet.kind.index_path(),
            };
            let label = facet_label(lang, facet.kind, value);
            render(
                "catalog",
                paged(label.clone(), slice),
                None,
                crumbs(vec![home, catalog, index], &label, &value.path, slice),
                to_value(&FacetContext {
                    listing: listing(slice, &value.path, "h2")?,
                    facet: FacetValueView {
                        key: kind,
                        kind: lang.t(&format!("facet_one_{kind}")).to_string(),
                        label,
                    },
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
                to_value(&UsagesContext { register: views.register(None) }),
            )
        }
        Job::OrganizationUsages(organization) => {
            #[derive(Serialize)]
            struct UsagesContext {
                register: usage::RegisterView,
            }
            let list = Link {
                title: lang.t("organizations").to_string(),
                url: paths::ORGANIZATIONS.to_string(),
            };
            let page = Link {
                title: organization.title.clone(),
                url: organization.path.clone(),
            };
            render(
                "organizations",
                lang.t("organization_usages")
                    .replace("{organization}", &organization.title),
                Some(lang.t("usages_description").to_string()),
                vec![home, list, page],
                to_value(&UsagesContext { register: views.register(Some(organization)) }),
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
        Job::Accessibility => {
            #[derive(Serialize)]
            struct AccessibilityContext {
                accessibility: accessibility::AccessibilityView,
            }
            render(
                "accessibility",
                lang.t("accessibility_title").to_string(),
                Some(lang.t("accessibility_description").to_string()),
                vec![home],
                to_value(&AccessibilityContext { accessibility: views.accessibility() }),
            )
        }
        Job::Page(page) => {
            #[derive(Serialize)]
            struct PageContext {
                page: PageView,
            }
            let html = markdown::to_html(
                page.meta.doc.body(),
                &markdown::LinkContext::of(portal, &page.meta.doc.path, &page.path),
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
        Job::Reuses => {
            #[derive(Serialize)]
            struct ReusesContext {
                reuses: Vec<participation::ReuseView>,
                count_text: String,
            }
            let reuses = portal.reuses.iter().map(|r| views.reuse(r)).collect();
            render(
                "reuses",
                lang.t("reuses").to_string(),
                Some(lang.t("reuses_intro").to_string()),
                vec![home],
                to_value(&ReusesContext {
                    reuses,
                    count_text: lang.count("reuses_count", portal.reuses.len() as u64),
                }),
            )
        }
        Job::Requests => {
            #[derive(Serialize)]
            struct RequestsContext {
                groups: Vec<participation::RequestGroupView>,
                contact: Option<participation::RequestContactView>,
            }
            render(
                "requests",
                lang.t("requests").to_string(),
                Some(lang.t("requests_intro").to_string()),
                vec![home],
                to_value(&RequestsContext {
                    groups: views.request_groups(),
                    contact: views.request_contact(),
                }),
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

fn listing_view(lang: &Lang, slice: &Slice, first: &str, cards_html: String) -> ListingView {
    let total = slice.all.len();
    let pages = slice.pages();
    let page = slice.page;
    let url = |n: usize| crate::util::url::encode_path(&paths::listing_page(first, n));
    let range_text = (pages > 1).then(|| {
        lang.t("listing_range")
            .replace("{first}", &lang.integer(slice.start() as u64 + 1))
            .replace(
                "{last}",
                &lang.integer((slice.start() + slice.items().len()) as u64),
            )
            .replace("{total}", &lang.integer(total as u64))
    });
    let pagination = (pages > 1).then(|| {
        // The first, the last, and two either side of the current page;
        // a gap of one page shows that page rather than an ellipsis.
        let shown = |n: usize| n == 1 || n == pages || n.abs_diff(page) <= 2;
        let mut items = Vec::new();
        for n in 1..=pages {
            if shown(n) || (n > 1 && n < pages && shown(n - 1) && shown(n + 1)) {
                items.push(PageItem { number: Some(n), url: url(n), current: n == page });
            } else if items.last().is_some_and(|i: &PageItem| i.number.is_some()) {
                items.push(PageItem { number: None, url: String::new(), current: false });
            }
        }
        PaginationView {
            first: (page > 1).then(|| url(1)),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < pages).then(|| url(page + 1)),
            last: (page < pages).then(|| url(pages)),
            items,
        }
    });
    ListingView {
        cards_html,
        total,
        count_text: lang.count("datasets_count", total as u64),
        range_text,
        page,
        pages,
        pagination,
    }
}

/// What readers see of a facet value: theme and frequency codes
/// translated, other values as written.
fn facet_label(lang: &Lang, kind: FacetKind, value: &FacetValue) -> String {
    match kind {
        FacetKind::Theme => lang.data_theme(&value.label),
        FacetKind::Frequency => lang.frequency(&value.label),
        _ => value.label.clone(),
    }
}

fn facet_link(lang: &Lang, kind: FacetKind, value: &FacetValue) -> FacetLink {
    FacetLink {
        label: facet_label(lang, kind, value),
        url: crate::util::url::encode_path(&value.path),
        count: value.datasets.len(),
        count_text: lang.count("datasets_count", value.datasets.len() as u64),
    }
}

fn facet_navs(views: &Views) -> Vec<FacetNav> {
    let lang = views.lang;
    views
        .portal
        .facets
        .iter()
        .map(|facet| {
            let kind = facet.kind.key();
            let mut top: Vec<&FacetValue> = facet.values.iter().collect();
            // Most frequent first; values are by slug, and the sort is
            // stable, so equals stay in that order.
            top.sort_by_key(|v| std::cmp::Reverse(v.datasets.len()));
            top.truncate(FACET_TOP);
            FacetNav {
                key: kind,
                title: lang.t(&format!("facet_{kind}")).to_string(),
                values: top
                    .into_iter()
                    .map(|v| facet_link(lang, facet.kind, v))
                    .collect(),
                all: (facet.values.len() > FACET_TOP).then(|| Link {
                    title: lang
                        .t(&format!("facet_all_{kind}"))
                        .replace("{n}", &lang.integer(facet.values.len() as u64)),
                    url: crate::util::url::encode_path(&facet.kind.index_path()),
                }),
            }
        })
        .collect()
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
    if let Some(css) = theme::generated_css(&portal.config.theme) {
        output.publish(
            &paths::theme_asset(theme::GENERATED_CSS),
            "[theme] of ouvert.toml",
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
    let description = lang.t("inferred_schema_description");
    let files = portal
        .datasets
        .par_iter()
        .flat_map_iter(|dataset| &dataset.resources)
        .filter_map(|resource| {
            let (Some(path), ResourceLocation::Local(file)) =
                (&resource.inferred_schema, &resource.meta.location)
            else {
                return None;
            };
            let schema = resource.inferred_schema_json(description)?;
            let origin = format!("the schema inferred from {}", file.file.path);
            Some(crate::util::pretty_json(&schema).map(|bytes| (path.clone(), origin, bytes)))
        });
    output.publish_all(files, diagnostics)
}

/// Copies data files, description images and `static/` into the site.
fn publish_portal_files<'a>(
    portal: &'a Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    // Site path, what it is a copy of (for messages), file to copy, and
    // whether ouvert made it (then the site may share it).
    let mut copies: Vec<(String, String, &std::path::Path, bool)> = Vec::new();
    let mut original = |path: String, file: &'a crate::load::PortalFile| {
        copies.push((path, file.path.clone(), &file.abs, false));
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
                    copies.push((copy.path.clone(), origin, &copy.source, true));
                }
            }
        }
    }
    let results: Vec<anyhow::Result<Result<(), Collision>>> = copies
        .par_iter()
        .map(|(path, origin, source, generated)| match generated {
            true => output.copy_generated(path, origin, source),
            false => output.copy(path, origin, source),
        })
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
