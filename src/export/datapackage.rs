//! `datasets/<slug>/datapackage.json`: each dataset as a Frictionless Data
//! Package (v1), beside the files it describes, so that
//! `frictionless validate datapackage.json` run in the dataset's folder
//! reads every file as ouvert read it.
//!
//! Resource paths are relative to that folder (the published copies keep
//! their names). Delimited files are tabular resources: encoding and
//! dialect as the profile sniffed them, and the schema they declare, or
//! else the one inferred from their profile, inline. Other files are plain
//! resources. A contract documented in `docs/catalogs.md`.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value as Json;

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, Portal, Resource};
use crate::output::Output;
use crate::render::i18n::Lang;
use crate::util::url::public_url;
use crate::validate::{PartialDate, ResourceLocation};
use crate::vocab::FileKind;

/// Where a dataset's data package is published: in its folder, beside its
/// files.
pub fn path(slug: &str) -> String {
    crate::model::paths::dataset_file(slug, "datapackage.json")
}

/// Writes one `datapackage.json` per dataset.
pub fn write(
    portal: &Portal,
    lang: &Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let schemas = declared_schemas(portal)?;
    let files = portal.datasets.par_iter().map(|dataset| {
        let package = package(portal, dataset, &schemas, lang);
        let bytes = crate::util::pretty_json(&package)?;
        let origin = format!("the data package of {}", dataset.meta.folder);
        Ok::<_, serde_json::Error>((path(&dataset.meta.slug), origin, bytes))
    });
    output.publish_all(files, diagnostics)
}

/// The JSON of the schemas resources declare, by index in
/// [`Portal::schemas`]: given whole, as their authors wrote them, so that
/// a reader of the package checks what ouvert checked.
fn declared_schemas(portal: &Portal) -> anyhow::Result<Vec<Json>> {
    portal
        .schemas
        .iter()
        .map(|doc| {
            let file = portal
                .schema_files
                .iter()
                .find(|f| f.path == doc.path)
                .ok_or_else(|| anyhow::anyhow!("{}: not among the schema files", doc.path))?;
            let bytes = crate::util::fs::read(&file.abs)?;
            let text = crate::util::fs::decode_text(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e:?}", doc.path))?;
            serde_json::from_str(text).map_err(|e| anyhow::anyhow!("{}: {e}", doc.path))
        })
        .collect()
}

#[derive(Serialize)]
struct Package<'a> {
    name: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// The dataset page, only when its absolute address is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    homepage: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<License>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contributors: Vec<Contributor<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    /// Not a Data Package property: the date of the dataset's last change,
    /// which the specification has no place for.
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    resources: Vec<DataResource<'a>>,
}

#[derive(Serialize)]
struct License {
    /// The Open Definition identifier, when the licence has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    path: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
struct Contributor<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    role: &'static str,
}

#[derive(Serialize)]
struct DataResource<'a> {
    profile: &'static str,
    name: String,
    /// Relative to the dataset's folder, or the address of a remote one.
    path: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// Not a v1 property: frictionless reads every `.xlsx`, `.xls` or
    /// `.ods` path as a table unless told `file`, and without its optional
    /// spreadsheet readers then fails on a file that is fine.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mediatype: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<Json>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    delimiter: char,
    quote_char: char,
    /// The profiler reads a doubled quote inside a quoted cell as one
    /// quote.
    double_quote: bool,
    header: bool,
}

fn package<'a>(
    portal: &'a Portal,
    dataset: &'a Dataset,
    schemas: &[Json],
    lang: &Lang,
) -> Package<'a> {
    let meta = &dataset.meta;
    let base = portal.config.base_url.as_deref();
    let publisher = &portal.organizations[dataset.publisher];
    let mut contributors = vec![Contributor {
        title: &publisher.title,
        email: publisher.email.as_deref(),
        path: publisher.website.as_deref(),
        role: "publisher",
    }];
    if let Some(contact) = &dataset.contact
        && let Some(title) = contact.name.as_deref().or(contact.email.as_deref())
    {
        contributors.push(Contributor {
            title,
            email: contact.email.as_deref(),
            path: contact.url.as_deref(),
            role: "maintainer",
        });
    }
    let names = resource_names(&dataset.resources);
    Package {
        name: package_name(&meta.slug),
        title: &meta.title,
        description: description(dataset),
        homepage: base.map(|base| public_url(Some(base), &dataset.path)),
        keywords: &meta.keywords,
        licenses: dataset.licence.map(license).into_iter().collect(),
        contributors,
        created: meta.created.and_then(datetime),
        modified: meta.modified.and_then(datetime),
        // The package describes the files beside it: links to data
        // published elsewhere stay on the page and in the catalogs (a
        // validator would have to download them, and many are web pages).
        resources: dataset
            .resources
            .iter()
            .zip(names)
            .filter(|(resource, _)| matches!(resource.meta.location, ResourceLocation::Local(_)))
            .map(|(resource, name)| data_resource(resource, name, schemas, lang))
            .collect(),
    }
}

/// Data Package names are lower case letters, digits and `-._/`.
fn package_name(slug: &str) -> String {
    let name = crate::util::text::slugify(slug);
    if name.is_empty() {
        "dataset".to_string()
    } else {
        name
    }
}

/// The summary, then the text: Data Package descriptions are Markdown.
fn description(dataset: &Dataset) -> Option<String> {
    let parts: Vec<&str> = [
        dataset.meta.summary.as_deref().unwrap_or(""),
        dataset.meta.doc.body(),
    ]
    .into_iter()
    .map(str::trim)
    .filter(|p| !p.is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// Data Package dates are RFC 3339 date-times: only a full date gives one,
/// at midnight UTC.
fn datetime(date: PartialDate) -> Option<String> {
    match date {
        PartialDate::Day(day) => Some(format!("{day}T00:00:00Z")),
        PartialDate::Year(_) | PartialDate::Month(..) => None,
    }
}

fn license(licence: &'static crate::vocab::Licence) -> License {
    License {
        name: licence.open_definition,
        path: licence.url,
        title: licence.title,
    }
}

/// A name per resource, unique in the package: the file's name without
/// its extension, as foreign keys of Table Schemas name the files of a
/// dataset (`budget` for `budget.csv`), with it when two files share a
/// stem; the title of a remote one.
fn resource_names(resources: &[Resource]) -> Vec<String> {
    let candidates: Vec<(String, String)> = resources
        .iter()
        .map(|resource| match &resource.meta.location {
            ResourceLocation::Local(file) => {
                let name = file.name.as_str();
                let file_name = name.rsplit('/').next().unwrap_or(name);
                let stem = match file_name.rfind('.') {
                    Some(dot) if dot > 0 => &name[..name.len() - file_name.len() + dot],
                    _ => name,
                };
                (resource_name(stem), resource_name(name))
            }
            ResourceLocation::Remote(_) => {
                let name = resource_name(&resource.meta.title);
                (name.clone(), name)
            }
        })
        .collect();
    let mut stems: BTreeMap<&str, usize> = BTreeMap::new();
    for (stem, _) in &candidates {
        *stems.entry(stem).or_default() += 1;
    }
    let mut taken = BTreeSet::new();
    candidates
        .iter()
        .map(|(stem, full)| {
            let name = if stems[stem.as_str()] > 1 { full } else { stem };
            let mut unique = name.clone();
            let mut n = 1;
            while !taken.insert(unique.clone()) {
                n += 1;
                unique = format!("{name}-{n}");
            }
            unique
        })
        .collect()
}

/// `text` as a Data Resource name: as it is when it already is one once
/// in lower case (`budget_2026`), else as a slug.
fn resource_name(text: &str) -> String {
    let lower = text.to_lowercase();
    let valid = !lower.is_empty()
        && lower
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._/".contains(&b));
    if valid {
        return lower;
    }
    let slug = crate::util::text::slugify(text);
    if slug.is_empty() {
        "resource".to_string()
    } else {
        slug
    }
}

fn data_resource<'a>(
    resource: &'a Resource,
    name: String,
    schemas: &[Json],
    lang: &Lang,
) -> DataResource<'a> {
    let (path, mediatype) = match &resource.meta.location {
        ResourceLocation::Remote(url) => (url.as_str(), None),
        ResourceLocation::Local(file) => (
            file.name.as_str(),
            crate::vocab::extension(&file.name)
                .as_deref()
                .and_then(crate::vocab::media_type),
        ),
    };
    let plain = DataResource {
        profile: "data-resource",
        name,
        path,
        title: &resource.meta.title,
        description: resource.meta.description.as_deref(),
        kind: None,
        format: resource.format.as_deref().map(str::to_lowercase),
        mediatype,
        encoding: None,
        dialect: None,
        bytes: resource.bytes,
        hash: resource.sha256.as_ref().map(|hex| format!("sha256:{hex}")),
        schema: None,
    };
    match resource.kind {
        FileKind::Csv | FileKind::Tsv => match tabular(resource, schemas, lang) {
            Some((profile, schema)) => DataResource {
                profile: "tabular-data-resource",
                format: Some(
                    if resource.kind == FileKind::Tsv {
                        "tsv"
                    } else {
                        "csv"
                    }
                    .into(),
                ),
                encoding: profile.encoding.as_deref().map(encoding),
                dialect: Some(Dialect {
                    delimiter: profile.delimiter.unwrap_or(','),
                    quote_char: profile.quote.unwrap_or('"'),
                    double_quote: true,
                    header: profile.tables.first().is_some_and(|t| t.header),
                }),
                schema: Some(schema),
                ..plain
            },
            None => plain,
        },
        FileKind::Xlsx | FileKind::Xls | FileKind::Ods => {
            DataResource { kind: Some("file"), ..plain }
        }
        FileKind::Json | FileKind::GeoJson | FileKind::Other => plain,
    }
}

/// The profile and schema of a delimited file that has both: the schema
/// it declares, else the one inferred from its profile (the same as the
/// published `<stem>.schema.json`).
fn tabular<'r>(
    resource: &'r Resource,
    schemas: &[Json],
    lang: &Lang,
) -> Option<(&'r crate::profile::ResourceProfile, Json)> {
    let profile = resource.profile.as_ref()?;
    let schema = match resource.schema {
        Some(index) => {
            let mut schema = schemas.get(index)?.clone();
            number_format(&mut schema, profile.tables.first()?);
            schema
        }
        None => resource.inferred_schema_json(lang.t("inferred_schema_description"))?,
    };
    Some((profile, schema))
}

/// Says how the file writes the numbers of a declared schema's `number`
/// fields, when it is not the schema's default (`1234.5`): a schema of
/// schema.data.gouv.fr names the columns and their types, while the town
/// hall's file writes `39 500,00`. `decimalChar` and `groupChar` describe
/// the file's layout, as the dialect does, not the meaning of the data.
fn number_format(schema: &mut Json, table: &crate::profile::TableProfile) {
    let Some(fields) = schema.get_mut("fields").and_then(Json::as_array_mut) else {
        return;
    };
    for field in fields {
        let Some(field) = field.as_object_mut() else {
            continue;
        };
        if field.get("type").and_then(Json::as_str) != Some("number") {
            continue;
        }
        let name = field.get("name").and_then(Json::as_str).unwrap_or_default();
        let Some(column) = table.columns.iter().find(|c| c.name == name) else {
            continue;
        };
        if let Some(decimal) = column.decimal_separator.filter(|c| *c != '.') {
            field
                .entry("decimalChar")
                .or_insert_with(|| Json::from(decimal.to_string()));
        }
        if let Some(group) = column.group_separator {
            field
                .entry("groupChar")
                .or_insert_with(|| Json::from(group.to_string()));
        }
    }
}

/// Python's codecs, which frictionless uses, know the WHATWG names in
/// lower case; a UTF-16 file has a byte-order mark (the profiler refuses
/// one without), which `utf-16` reads and skips.
fn encoding(name: &str) -> String {
    match name {
        "UTF-16LE" | "UTF-16BE" => "utf-16".to_string(),
        other => other.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_data_package_pattern() {
        assert_eq!(resource_name("budget_2026"), "budget_2026");
        assert_eq!(resource_name("Budget 2026"), "budget-2026");
        assert_eq!(resource_name("Équipements"), "equipements");
        assert_eq!(resource_name("données/été.csv"), "donnees-ete-csv");
        assert_eq!(resource_name("«»"), "resource");
        assert_eq!(package_name("Budget-2026"), "budget-2026");
    }

    #[test]
    fn only_full_dates_are_date_times() {
        let day = PartialDate::parse("2026-02-05").unwrap();
        assert_eq!(datetime(day).as_deref(), Some("2026-02-05T00:00:00Z"));
        assert_eq!(datetime(PartialDate::parse("2026-02").unwrap()), None);
        assert_eq!(datetime(PartialDate::parse("2026").unwrap()), None);
    }

    #[test]
    fn encodings_as_python_reads_them() {
        assert_eq!(encoding("UTF-8"), "utf-8");
        assert_eq!(encoding("windows-1252"), "windows-1252");
        assert_eq!(encoding("UTF-16LE"), "utf-16");
    }
}
