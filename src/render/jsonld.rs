//! The schema.org `Dataset` description embedded in each dataset page
//! (`<script type="application/ld+json">`), which search engines such as
//! Google Dataset Search read.
//!
//! It is built here as JSON and handed to templates as a finished string:
//! a template cannot escape JSON inside a `<script>` correctly, and
//! HTML-escaping it would break it.

use serde_json::{Map, Value, json};

use super::views::Views;
use crate::model::{Dataset, Organization};
use crate::util::url::{encode_path, public_url, root_prefix};
use crate::validate::ResourceLocation;

/// Google Dataset Search reads at most this many characters of a
/// description.
const DESCRIPTION_CHARS: usize = 5000;

/// The JSON-LD of the dataset page, ready to go between `<script>` tags.
pub fn dataset(views: &Views, dataset: &Dataset) -> String {
    script_safe(&value(views, dataset).to_string())
}

/// Addresses are absolute with `base_url`; without it, relative to the
/// dataset page, which is what JSON-LD resolves them against.
struct Urls<'a> {
    base: Option<&'a str>,
    page: &'a str,
}

impl Urls<'_> {
    fn of(&self, path: &str) -> String {
        match self.base {
            Some(_) => public_url(self.base, path),
            None => format!("{}{}", root_prefix(self.page), encode_path(path)),
        }
    }
}

fn value(views: &Views, dataset: &Dataset) -> Value {
    let portal = views.portal;
    let meta = &dataset.meta;
    let urls = Urls { base: portal.config.base_url.as_deref(), page: &dataset.path };
    let url = urls.of(&dataset.path);
    let mut ld = Map::new();
    let mut set = |key: &str, value: Value| {
        ld.insert(key.to_string(), value);
    };
    set("@context", json!("https://schema.org"));
    set("@type", json!("Dataset"));
    set("name", json!(meta.title));
    set("description", json!(description(dataset)));
    set("url", json!(url));
    // The page's address identifies the dataset, as in the DCAT catalog;
    // without one, the slug is all there is.
    set(
        "identifier",
        json!(match urls.base {
            Some(_) => url.clone(),
            None => meta.slug.clone(),
        }),
    );
    let mut keywords: Vec<String> = meta.keywords.clone();
    for code in &meta.themes {
        let label = views.lang.data_theme(code);
        if !keywords.contains(&label) {
            keywords.push(label);
        }
    }
    if !keywords.is_empty() {
        set("keywords", json!(keywords));
    }
    if let Some(licence) = dataset.licence {
        set("license", json!(licence.url));
    }
    set("isAccessibleForFree", json!(true));
    set("inLanguage", json!(portal.config.language));
    let publisher = organization(&portal.organizations[dataset.publisher], &urls);
    // The model knows one organization per dataset: the one that publishes
    // it also made it.
    set("creator", publisher.clone());
    set("publisher", publisher);
    if let Some(temporal) = &meta.temporal {
        // ISO 8601 intervals; `..` is schema.org's open end.
        let start = temporal.start.map_or("..".to_string(), |d| d.to_string());
        let end = temporal.end.map_or("..".to_string(), |d| d.to_string());
        if temporal.start.is_some() || temporal.end.is_some() {
            set("temporalCoverage", json!(format!("{start}/{end}")));
        }
    }
    if let Some(name) = meta.spatial.as_ref().and_then(|s| s.name.as_deref()) {
        set("spatialCoverage", json!({ "@type": "Place", "name": name }));
    }
    if let Some(modified) = meta.modified {
        set("dateModified", json!(modified.to_string()));
    }
    if let Some(created) = meta.created {
        set("datePublished", json!(created.to_string()));
    }
    let distribution: Vec<Value> = dataset
        .resources
        .iter()
        .filter_map(|resource| {
            let (content_url, file) = match (&resource.meta.location, &resource.path) {
                (ResourceLocation::Remote(url), _) => (url.clone(), url.as_str()),
                (ResourceLocation::Local(_), Some(path)) => (urls.of(path), path.as_str()),
                (ResourceLocation::Local(_), None) => return None,
            };
            let mut download = Map::new();
            download.insert("@type".into(), json!("DataDownload"));
            download.insert("name".into(), json!(resource.meta.title));
            if let Some(text) = &resource.meta.description {
                download.insert("description".into(), json!(text));
            }
            download.insert("contentUrl".into(), json!(content_url));
            let format = crate::vocab::extension(file)
                .and_then(|e| crate::vocab::media_type(&e))
                .map(str::to_string)
                .or_else(|| resource.format.clone());
            if let Some(format) = format {
                download.insert("encodingFormat".into(), json!(format));
            }
            Some(Value::Object(download))
        })
        .collect();
    if !distribution.is_empty() {
        set("distribution", json!(distribution));
    }
    set(
        "includedInDataCatalog",
        json!({
            "@type": "DataCatalog",
            "name": portal.config.title,
            "url": urls.of(crate::model::paths::HOME),
        }),
    );
    Value::Object(ld)
}

fn organization(organization: &Organization, urls: &Urls) -> Value {
    let mut value = json!({
        "@type": "Organization",
        "name": organization.title,
        "url": urls.of(&organization.path),
    });
    if let Some(website) = &organization.website {
        value["sameAs"] = json!(website);
    }
    value
}

/// The summary, then the first paragraph of the text: search engines want
/// more than a one-line summary, and the first paragraph is what readers
/// see first.
fn description(dataset: &Dataset) -> String {
    let meta = &dataset.meta;
    let excerpt = super::markdown::excerpt(meta.doc.body(), DESCRIPTION_CHARS);
    let summary = meta.summary.as_deref().map(str::trim).unwrap_or("");
    let text = match (summary.is_empty(), excerpt.is_empty()) {
        (true, true) => meta.title.clone(),
        (false, true) => summary.to_string(),
        (true, false) => excerpt,
        (false, false) if excerpt.starts_with(summary) => excerpt,
        (false, false) => format!("{summary}\n\n{excerpt}"),
    };
    crate::util::text::truncate_chars(&text, DESCRIPTION_CHARS)
}

/// JSON that is also safe as the raw text of an HTML `<script>`: `<`, `>`
/// and `&` written as `\u003c`, `\u003e`, `\u0026`, so no value can close
/// the element (`</script>`) or open a comment (`<!--`). They can only
/// occur inside JSON strings, where the escapes mean the same characters.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_stays_the_same_json() {
        let value = json!({ "name": "</script><!-- a & b >" });
        let safe = script_safe(&value.to_string());
        assert_eq!(
            safe,
            r#"{"name":"\u003c/script\u003e\u003c!-- a \u0026 b \u003e"}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap(), value);
    }
}
