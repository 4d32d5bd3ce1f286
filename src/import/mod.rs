//! `ouvert import`: turns a catalog kept elsewhere (a DCAT catalog, a CKAN
//! dump, a JKAN site, a Frictionless data package, an SCDL catalogue) into
//! the folders and files of a portal.
//!
//! Each reader maps its source onto one neutral description, [`Imported`];
//! [`write`] turns that into the portal format. Nothing is downloaded:
//! remote resources stay links, files beside the source are copied. What
//! has no place in the portal format is collected in [`Unmapped`] and
//! reported, so nothing is lost silently.

mod catalogue;
mod ckan;
mod datapackage;
mod dcat;
mod jkan;
mod text;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use write::{Written, ready, write};

/// The kinds of source `ouvert import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A DCAT catalog: Turtle, N-Triples, JSON-LD or RDF/XML (further
    /// Hydra pages read from files beside it).
    Dcat,
    /// A JSON dump of CKAN's `package_search` or `package_show`, or a
    /// folder of them.
    Ckan,
    /// A JKAN site: its `_datasets/` and `_organizations/` folders.
    Jkan,
    /// A Frictionless `datapackage.json` and its files.
    Datapackage,
    /// An SCDL catalogue CSV (`scdl/catalogue`).
    ScdlCatalogue,
}

/// Reads `source` as a catalog of the given kind.
pub fn read(kind: Kind, source: &Path) -> anyhow::Result<Imported> {
    match kind {
        Kind::Dcat => dcat::read(source),
        Kind::Ckan => ckan::read(source),
        Kind::Jkan => jkan::read(source),
        Kind::Datapackage => datapackage::read(source),
        Kind::ScdlCatalogue => catalogue::read(source),
    }
}

/// A catalog as read from its source, in the portal's terms.
#[derive(Debug, Default)]
pub struct Imported {
    pub title: Option<String>,
    pub description: Option<String>,
    pub licence: Option<&'static crate::vocab::Licence>,
    /// The authority that publishes the catalog, when the source names it.
    pub publisher: Option<usize>,
    pub organizations: Vec<Organization>,
    pub datasets: Vec<Dataset>,
    pub unmapped: Unmapped,
    /// Sources read besides the one given (further pages of a catalog).
    pub also_read: Vec<PathBuf>,
}

impl Imported {
    /// The index of the organization, added if new.
    fn organization(&mut self, organization: Organization) -> usize {
        let slug = organization.slug();
        if let Some(i) = self.organizations.iter().position(|o| o.slug() == slug) {
            let known = &mut self.organizations[i];
            known.complete(organization);
            return i;
        }
        self.organizations.push(organization);
        self.organizations.len() - 1
    }
}

#[derive(Debug, Default, Clone)]
pub struct Organization {
    pub title: String,
    /// The short name the source gives it in addresses, when readable.
    pub slug: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    /// Markdown.
    pub description: Option<String>,
}

impl Organization {
    fn named(title: impl Into<String>) -> Organization {
        Organization { title: title.into(), ..Organization::default() }
    }

    /// Its short name in addresses and in the `publisher` of datasets.
    pub fn slug(&self) -> String {
        self.slug
            .clone()
            .unwrap_or_else(|| crate::util::text::slugify(&self.title))
    }

    /// Fills what this one lacks from another reading of the same
    /// organization.
    fn complete(&mut self, other: Organization) {
        self.slug = self.slug.take().or(other.slug);
        self.siren = self.siren.take().or(other.siren);
        self.siret = self.siret.take().or(other.siret);
        self.website = self.website.take().or(other.website);
        self.email = self.email.take().or(other.email);
        self.description = self.description.take().or(other.description);
    }

    /// Sets its SIREN or SIRET from an identifier, when it is one.
    fn identified_by(&mut self, id: &str) {
        let digits: String = id.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            match digits.len() {
                9 => self.siren = Some(digits),
                14 => self.siret = Some(digits),
                _ => {}
            }
        }
    }
}

/// A dataset, in the fields of the front matter.
#[derive(Debug, Default, Clone)]
pub struct Dataset {
    /// What the source calls it, from which the folder name is made.
    pub name: String,
    pub title: String,
    pub summary: Option<String>,
    /// Markdown.
    pub body: Option<String>,
    pub keywords: Vec<String>,
    pub themes: Vec<&'static str>,
    /// Index in [`Imported::organizations`].
    pub publisher: Option<usize>,
    pub contact: Option<Contact>,
    pub licence: Option<&'static crate::vocab::Licence>,
    pub frequency: Option<&'static str>,
    pub temporal: Option<(Option<String>, Option<String>)>,
    pub spatial: Option<Spatial>,
    pub created: Option<String>,
    pub modified: Option<String>,
    pub resources: Vec<Resource>,
}

impl Dataset {
    /// Sets the description: a single short paragraph of plain text is the
    /// summary shown in lists (shown as text, not Markdown); anything
    /// longer or formatted is the page's text.
    fn describe(&mut self, description: &str) {
        let text = text::markdown_of(description);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let plain = crate::render::markdown::excerpt(text, usize::MAX) == text;
        if plain && text::is_short_paragraph(text) {
            self.summary = Some(text.to_string());
        } else {
            self.body = Some(text.to_string());
        }
    }

    /// Adds a theme by code, or the word as a keyword when it names no EU
    /// data theme (catalogs often use their own categories).
    fn theme_or_keyword(&mut self, word: &str) {
        match text::theme_of(word) {
            Some(code) if !self.themes.contains(&code) => self.themes.push(code),
            Some(_) => {}
            None => self.keyword(word),
        }
    }

    /// Keeps a contact the portal can use: one with an e-mail or web
    /// address (a name alone reaches no one).
    fn set_contact(&mut self, contact: Contact, unmapped: &mut Unmapped, field: &str) {
        if contact.email.is_some() || contact.url.is_some() {
            self.contact = Some(contact);
        } else if !contact.is_empty() {
            let shown = [&contact.name, &contact.phone]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            unmapped.note(
                Some(&self.title),
                field,
                &format!("{shown} (no e-mail or web address)"),
            );
        }
    }

    fn keyword(&mut self, word: &str) {
        let word = word.trim();
        if !word.is_empty() && !self.keywords.iter().any(|k| k == word) {
            self.keywords.push(word.to_string());
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
}

impl Contact {
    fn is_empty(&self) -> bool {
        *self == Contact::default()
    }
}

#[derive(Debug, Default, Clone)]
pub struct Spatial {
    pub name: Option<String>,
    pub insee: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub location: Location,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Shown when the address has no extension that says it.
    pub format: Option<String>,
    pub schema: Option<SchemaSource>,
}

impl Resource {
    fn at(location: Location) -> Resource {
        Resource {
            location,
            title: None,
            description: None,
            format: None,
            schema: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// Stays a link: nothing is downloaded.
    Url(String),
    /// A file beside the source, copied into the dataset's folder.
    File(PathBuf),
}

/// The Table Schema a resource follows.
#[derive(Debug, Clone)]
pub enum SchemaSource {
    /// A schema of schema.data.gouv.fr (`scdl/budget@0.8.3`).
    Published(crate::validate::SchemaRef),
    /// A schema file beside the source, copied into `schemas/`.
    File(PathBuf),
    /// A schema written inside the source.
    Inline(serde_json::Value),
    /// Any other address: not kept (the build is offline).
    Url(String),
}

impl SchemaSource {
    /// What a `schema` value of the source refers to.
    fn of(value: &str, beside: &Path) -> SchemaSource {
        if let Some(reference) = crate::validate::SchemaRef::parse(value)
            && matches!(reference, crate::validate::SchemaRef::Published { .. })
        {
            return SchemaSource::Published(reference);
        }
        if crate::config::is_web_url(value) {
            SchemaSource::Url(value.to_string())
        } else {
            SchemaSource::File(beside.join(value))
        }
    }
}

/// Fields of the source that have no place in the portal format: field →
/// (the datasets it was found in, one value as an example).
#[derive(Debug, Default)]
pub struct Unmapped(pub BTreeMap<String, UnmappedField>);

#[derive(Debug, Default)]
pub struct UnmappedField {
    /// Titles of the datasets that have it; empty for catalog-wide fields.
    pub datasets: Vec<String>,
    pub example: String,
}

impl Unmapped {
    /// Notes that `dataset` (`None`: the catalog itself) has `field` with
    /// `value`, which the import leaves out.
    pub fn note(&mut self, dataset: Option<&str>, field: impl Into<String>, value: &str) {
        let entry = self.0.entry(field.into()).or_default();
        if entry.example.is_empty() {
            entry.example = crate::util::text::truncate_chars(value.trim(), 80);
        }
        if let Some(dataset) = dataset
            && !entry.datasets.iter().any(|d| d == dataset)
        {
            entry.datasets.push(dataset.to_string());
        }
    }
}

/// A JSON object read field by field: what is left once the mapping took
/// its fields is what the import could not map.
struct Fields {
    map: serde_json::Map<String, serde_json::Value>,
}

impl Fields {
    fn new(value: serde_json::Value) -> Fields {
        match value {
            serde_json::Value::Object(map) => Fields { map },
            _ => Fields { map: serde_json::Map::new() },
        }
    }

    fn take(&mut self, key: &str) -> Option<serde_json::Value> {
        self.map.remove(key).filter(|v| !is_blank(v))
    }

    /// A text field (numbers too: identifiers are often written as such).
    fn text(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            serde_json::Value::String(s) => Some(s.trim().to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            other => {
                self.map.insert(key.to_string(), other);
                None
            }
        }
    }

    /// A list of texts, written as a list or as one text.
    fn texts(&mut self, key: &str) -> Vec<String> {
        match self.take(key) {
            Some(serde_json::Value::Array(items)) => items
                .into_iter()
                .filter_map(|item| match item {
                    serde_json::Value::String(s) => Some(s.trim().to_string()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.trim().to_string()],
            _ => Vec::new(),
        }
    }

    /// A list of objects.
    fn objects(&mut self, key: &str) -> Vec<Fields> {
        match self.take(key) {
            Some(serde_json::Value::Array(items)) => items.into_iter().map(Fields::new).collect(),
            Some(value @ serde_json::Value::Object(_)) => vec![Fields::new(value)],
            _ => Vec::new(),
        }
    }

    /// Notes every field left, under `prefix`, as not imported.
    fn leftovers(self, unmapped: &mut Unmapped, dataset: Option<&str>, prefix: &str) {
        for (key, value) in self.map {
            if is_blank(&value) {
                continue;
            }
            let shown = match &value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            unmapped.note(dataset, format!("{prefix}{key}"), &shown);
        }
    }
}

fn is_blank(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(items) => items.iter().all(is_blank),
        serde_json::Value::Object(map) => map.values().all(is_blank),
        _ => false,
    }
}

/// Reads a text file of the source, naming it on failure.
fn read_text(path: &Path) -> anyhow::Result<String> {
    Ok(text::decode(&crate::util::fs::read(path)?))
}

/// Reads a JSON file of the source, naming it and the place of a syntax
/// error on failure.
fn read_json(path: &Path) -> anyhow::Result<serde_json::Value> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not valid JSON: {}",
            path.display(),
            e.line(),
            e.column(),
            crate::util::json_message(&e)
        )
    })
}

/// A problem in a file of the source, as `file:line:column: message`.
fn source_error(diagnostic: crate::diagnostics::Diagnostic) -> anyhow::Error {
    let place = diagnostic.location().unwrap_or_default();
    match &diagnostic.hint {
        Some(hint) => anyhow::anyhow!("{place}: {} ({hint})", diagnostic.message),
        None => anyhow::anyhow!("{place}: {}", diagnostic.message),
    }
}
