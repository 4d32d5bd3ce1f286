//! Where each page and file is published, as site paths: relative to the
//! site root, `/`-separated, not percent-encoded. Pages are `index.html`
//! files in a folder per item, so addresses stay stable and readable.

pub const HOME: &str = "index.html";
pub const CATALOG: &str = "catalog/index.html";
pub const CATALOG_BY_DATE: &str = "catalog/recent/index.html";
pub const ORGANIZATIONS: &str = "organizations/index.html";
pub const THEMES: &str = "themes/index.html";
pub const NOT_FOUND: &str = "404.html";
/// The search page; its index is published beside it, under `search/`.
pub const SEARCH: &str = "search/index.html";
/// The list of the schemas resources declare.
pub const SCHEMAS: &str = "schemas/index.html";
/// What each dataset is used for: the register of datasets and algorithms.
pub const USAGES: &str = "usages/index.html";
/// What people made with the portal's data.
pub const REUSES: &str = "reuses/index.html";
/// The data people asked for, and what became of each request.
pub const REQUESTS: &str = "requests/index.html";
/// The static API's reuses and requests.
pub const API_REUSES: &str = "api/reuses.json";
pub const API_REQUESTS: &str = "api/requests.json";
/// The quality score of every dataset, for the portal's editors.
pub const QUALITY: &str = "quality/index.html";
/// The accessibility statement (RGAA), linked from every page's footer.
pub const ACCESSIBILITY: &str = "accessibility/index.html";
/// The static API's list of datasets.
pub const API_CATALOG: &str = "api/catalog.json";
/// The register of uses, for machines.
pub const API_USAGES: &str = "api/usages.json";
/// The datasets by date of change, for feed readers.
pub const FEED: &str = "feed.atom";
/// Every page, for search engines.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Where the theme's own files (style sheet, …) are published.
pub const THEME_ASSETS: &str = "assets";

pub fn dataset(slug: &str) -> String {
    format!("datasets/{slug}/index.html")
}

/// A file of a dataset folder, published beside the dataset page.
pub fn dataset_file(slug: &str, name: &str) -> String {
    format!("datasets/{slug}/{name}")
}

/// A normalised copy of a dataset's file (`budget.csv`, `budget.json`).
pub fn normalized(slug: &str, name: &str) -> String {
    format!("datasets/{slug}/normalized/{name}")
}

/// A dataset in the static API.
pub fn api_dataset(slug: &str) -> String {
    format!("api/datasets/{slug}.json")
}

/// The documentation page of the schema whose JSON is at `json_path`:
/// `schemas/scdl/budget/0.8.3/schema.json` → `schemas/scdl/budget/0.8.3/index.html`,
/// `schemas/voirie.json` → `schemas/voirie/index.html`.
pub fn schema_page(json_path: &str) -> String {
    let stem = json_path.strip_suffix(".json").unwrap_or(json_path);
    let folder = stem
        .strip_suffix("/schema")
        .filter(|f| *f != "schemas")
        .unwrap_or(stem);
    format!("{folder}/index.html")
}

pub fn organization(slug: &str) -> String {
    format!("organizations/{slug}/index.html")
}

/// A file of an organization's own (its DCAT catalog, its SCDL catalogue),
/// beside its page.
pub fn organization_file(slug: &str, name: &str) -> String {
    format!("organizations/{slug}/{name}")
}

/// An organization's own register of data use.
pub fn organization_usages(slug: &str) -> String {
    format!("organizations/{slug}/usages/index.html")
}

pub fn theme(code: &str) -> String {
    format!(
        "themes/{}/index.html",
        code.to_ascii_lowercase().replace('_', "-")
    )
}

/// The page listing the values of a facet (`keyword`, `format`…).
pub fn facet_index(kind: &str) -> String {
    format!("catalog/{kind}/index.html")
}

/// The first page listing the datasets that have a value of a facet.
pub fn facet_value(kind: &str, slug: &str) -> String {
    format!("catalog/{kind}/{slug}/index.html")
}

/// Page `n` (from 1) of a dataset listing whose first page is `first`:
/// `catalog/index.html` → `catalog/page/2/index.html`. Page 1 keeps the
/// listing's address, so links made before pagination still hold.
pub fn listing_page(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{n}/index.html")
}

pub fn page(slug: &str) -> String {
    format!("pages/{slug}/index.html")
}

/// `static/docs/guide.pdf` is published as `docs/guide.pdf`.
pub fn static_file(portal_path: &str) -> String {
    portal_path
        .strip_prefix("static/")
        .unwrap_or(portal_path)
        .to_string()
}

pub fn theme_asset(name: &str) -> String {
    format!("{THEME_ASSETS}/{name}")
}
