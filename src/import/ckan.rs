//! CKAN: the JSON its API returns for `package_search` (a page of
//! datasets) or `package_show` (one), saved to a file, or a folder of such
//! files (the pages of a long search).

use std::path::Path;

use serde_json::Value;

use super::{Contact, Dataset, Fields, Imported, Location, Organization, Resource, Spatial, text};

/// What CKAN records about its own records: identifiers, revisions,
/// counters, caches. Not metadata of the data, so not reported.
const BOOKKEEPING: &[&str] = &[
    "id",
    "revision_id",
    "owner_org",
    "creator_user_id",
    "type",
    "num_resources",
    "num_tags",
    "isopen",
    "license_url",
    "license_title",
    "relationships_as_object",
    "relationships_as_subject",
    "tracking_summary",
    "package_id",
    "position",
    "cache_url",
    "cache_last_updated",
    "datastore_active",
    "url_type",
    "mimetype_inner",
    "hash",
    "size",
    "mimetype",
    "created",
    "last_modified",
    "metadata_modified",
    "resource_type",
    "webstore_url",
    "webstore_last_updated",
    "is_organization",
    "approval_status",
    "image_url",
    "image_display_url",
    "display_name",
    "vocabulary_id",
    "_version_",
];

pub fn read(source: &Path) -> anyhow::Result<Imported> {
    let mut imported = Imported::default();
    let files: Vec<std::path::PathBuf> = if source.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(source)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", source.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        if files.is_empty() {
            anyhow::bail!("{} holds no .json file of CKAN's API", source.display());
        }
        files
    } else {
        vec![source.to_path_buf()]
    };
    for file in &files {
        let packages = packages(super::read_json(file)?).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: not a CKAN package_search or package_show result: no `result` with datasets",
                file.display()
            )
        })?;
        for package in packages {
            package_into(package, &mut imported);
        }
        if file != source {
            imported.also_read.push(file.clone());
        }
    }
    Ok(imported)
}

/// The datasets of an API answer: `{ result: { results: [...] } }`,
/// `{ result: {...} }`, or the datasets alone.
fn packages(json: Value) -> Option<Vec<Value>> {
    let result = match json {
        Value::Object(mut map) if map.contains_key("result") => map.remove("result")?,
        other => other,
    };
    match result {
        Value::Object(mut map) if map.contains_key("results") => match map.remove("results")? {
            Value::Array(items) => Some(items),
            _ => None,
        },
        Value::Object(map) if map.contains_key("name") || map.contains_key("title") => {
            Some(vec![Value::Object(map)])
        }
        Value::Array(items) => Some(items),
        _ => None,
    }
}

fn package_into(package: Value, imported: &mut Imported) {
    let mut fields = Fields::new(package);
    let name = fields.text("name").unwrap_or_default();
    let title = fields.text("title").unwrap_or_else(|| name.clone());
    let mut dataset = Dataset { name, title: title.clone(), ..Dataset::default() };
    let state = fields.text("state");
    let private = fields.take("private") == Some(Value::Bool(true));
    if state.as_deref().is_some_and(|s| s != "active") || private {
        let why = if private { "private" } else { "deleted" };
        imported.unmapped.note(
            Some(&title),
            "state",
            &format!("{why}: the dataset is not imported"),
        );
        return;
    }
    if let Some(notes) = fields.text("notes") {
        dataset.describe(&notes);
    }
    for mut tag in fields.objects("tags") {
        if let Some(tag) = tag.text("name").or_else(|| tag.text("display_name")) {
            dataset.keyword(&tag);
        }
    }
    for mut group in fields.objects("groups") {
        if let Some(group) = group.text("title").or_else(|| group.text("name")) {
            dataset.theme_or_keyword(&group);
        }
    }
    if let Some(Value::Object(map)) = fields.take("organization") {
        let mut org = Fields::new(Value::Object(map));
        let slug = org.text("name");
        if let Some(title) = org.text("title").or_else(|| slug.clone()) {
            let organization = Organization {
                slug,
                description: org.text("description").map(|d| text::markdown_of(&d)),
                ..Organization::named(title)
            };
            dataset.publisher = Some(imported.organization(organization));
        }
    }
    // The maintainer answers questions; the author is the fallback.
    let maintainer = Contact {
        name: fields.text("maintainer"),
        email: fields.text("maintainer_email"),
        ..Contact::default()
    };
    let author = Contact {
        name: fields.text("author"),
        email: fields.text("author_email"),
        ..Contact::default()
    };
    let contact = if maintainer.email.is_some() || author.email.is_none() {
        maintainer
    } else {
        author
    };
    dataset.set_contact(contact, &mut imported.unmapped, "maintainer");
    let licence_fields = ["license_id", "license_url", "license_title"];
    let licences: Vec<String> = licence_fields
        .iter()
        .filter_map(|k| fields.text(k))
        .collect();
    dataset.licence = licences.iter().find_map(|l| text::licence_of(l));
    if dataset.licence.is_none()
        && let Some(first) = licences.first()
    {
        imported.unmapped.note(Some(&title), "license_id", first);
    }
    dataset.created = fields
        .text("metadata_created")
        .and_then(|d| text::date_of(&d));
    dataset.modified = fields
        .text("metadata_modified")
        .and_then(|d| text::date_of(&d));
    if let Some(frequency) = fields.text("frequency") {
        frequency_into(&mut dataset, &frequency, "frequency", imported);
    }
    for mut extra in fields.objects("extras") {
        let (Some(key), Some(value)) = (extra.text("key"), extra.text("value")) else {
            continue;
        };
        extra_into(&mut dataset, &key, &value, imported);
    }
    for resource in fields.objects("resources") {
        if let Some(resource) = resource_of(resource, &title, imported) {
            dataset.resources.push(resource);
        }
    }
    for key in BOOKKEEPING {
        fields.take(key);
    }
    fields.leftovers(&mut imported.unmapped, Some(&title), "");
    imported.datasets.push(dataset);
}

fn frequency_into(dataset: &mut Dataset, value: &str, field: &str, imported: &mut Imported) {
    match text::frequency_of(value) {
        Some(code) => dataset.frequency = Some(code),
        None => imported.unmapped.note(Some(&dataset.title), field, value),
    }
}

/// The extras of ckanext-dcat and data.gouv.fr's exports that have a
/// field in the portal format.
fn extra_into(dataset: &mut Dataset, key: &str, value: &str, imported: &mut Imported) {
    let field = format!("extras.{key}");
    let date = text::date_of(value);
    match key {
        "frequency" | "accrual_periodicity" | "update_frequency" => {
            frequency_into(dataset, value, &field, imported);
        }
        "temporal_start" | "temporal_coverage_start" if date.is_some() => {
            dataset.temporal.get_or_insert((None, None)).0 = date;
        }
        "temporal_end" | "temporal_coverage_end" if date.is_some() => {
            dataset.temporal.get_or_insert((None, None)).1 = date;
        }
        "spatial_text" | "spatial-text" | "spatial_uri" if !crate::config::is_web_url(value) => {
            dataset.spatial.get_or_insert_with(Spatial::default).name = Some(value.to_string());
        }
        "contact_email" if crate::config::is_email(value) && dataset.contact.is_none() => {
            dataset.contact =
                Some(Contact { email: Some(value.to_string()), ..Contact::default() });
        }
        _ => imported.unmapped.note(Some(&dataset.title), field, value),
    }
}

fn resource_of(mut fields: Fields, dataset: &str, imported: &mut Imported) -> Option<Resource> {
    let url = fields.text("url").unwrap_or_default();
    if !crate::config::is_web_url(&url) {
        let name = fields.text("name").unwrap_or_default();
        imported.unmapped.note(
            Some(dataset),
            "resources.url",
            &format!("{name} {url} (not a web address)"),
        );
        return None;
    }
    let mut resource = Resource::at(Location::Url(url.clone()));
    resource.title = fields.text("name");
    resource.description = fields
        .text("description")
        .map(|d| text::markdown_of(&d))
        .filter(|d| !d.is_empty());
    let format = fields.text("format");
    let known_extension =
        crate::vocab::format_label(url.split(['?', '#']).next().unwrap_or(&url)).is_some();
    if !known_extension {
        resource.format = format.map(|f| f.to_ascii_uppercase());
    }
    if let Some(schema) = fields.text("schema") {
        resource.schema = Some(super::SchemaSource::of(&schema, Path::new("")));
    }
    for key in BOOKKEEPING.iter().chain(&["state"]) {
        fields.take(key);
    }
    fields.leftovers(&mut imported.unmapped, Some(dataset), "resources.");
    Some(resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_and_show_results_both_give_their_datasets() {
        let search = serde_json::json!({"success": true, "result": {"count": 2, "results": [{"name": "a"}, {"name": "b"}]}});
        assert_eq!(packages(search).map(|p| p.len()), Some(2));
        let show = serde_json::json!({"success": true, "result": {"name": "a", "title": "A"}});
        assert_eq!(packages(show).map(|p| p.len()), Some(1));
        assert_eq!(
            packages(serde_json::json!({"error": "x"})).map(|p| p.len()),
            None
        );
    }
}
