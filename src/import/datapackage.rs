//! Frictionless Data Packages: a `datapackage.json` is one dataset, its
//! resources its files. Files beside the descriptor are copied; schemas
//! written in it or beside it go to the portal's `schemas/`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{
    Contact, Dataset, Fields, Imported, Location, Organization, Resource, SchemaSource, text,
};

pub fn read(source: &Path) -> anyhow::Result<Imported> {
    let descriptor = if source.is_dir() {
        source.join("datapackage.json")
    } else {
        source.to_path_buf()
    };
    let folder = descriptor
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let json = super::read_json(&descriptor)?;
    if !json.is_object() {
        anyhow::bail!("{}: a data package is a JSON object", descriptor.display());
    }
    let mut imported = Imported::default();
    let mut fields = Fields::new(json);
    let name = fields.text("name").unwrap_or_default();
    let title = fields.text("title").unwrap_or_else(|| name.clone());
    let mut dataset = Dataset { name, title: title.clone(), ..Dataset::default() };
    if let Some(description) = fields.text("description") {
        dataset.describe(&description);
    }
    for keyword in fields.texts("keywords") {
        dataset.keyword(&keyword);
    }
    for licence in fields.objects("licenses") {
        licence_into(licence, &mut dataset, &mut imported, "licenses");
    }
    for mut contributor in fields.objects("contributors") {
        let mut roles = contributor.texts("roles");
        roles.extend(contributor.text("role"));
        let name = contributor.text("title");
        let email = contributor.text("email");
        let path = contributor.text("path");
        contributor.take("organization");
        if roles.iter().any(|r| r == "publisher") {
            if let Some(name) = name {
                let organization = Organization {
                    email: email.clone(),
                    website: path.filter(|p| crate::config::is_web_url(p)),
                    ..Organization::named(name)
                };
                dataset.publisher = Some(imported.organization(organization));
            }
        } else if dataset.contact.is_none() {
            let contact = Contact {
                name,
                email,
                url: path.filter(|p| crate::config::is_web_url(p)),
                ..Contact::default()
            };
            dataset.set_contact(contact, &mut imported.unmapped, "contributors");
        }
        contributor.leftovers(&mut imported.unmapped, Some(&title), "contributors.");
    }
    dataset.created = fields.text("created").and_then(|d| text::date_of(&d));
    // Not in the specification, but written by ouvert and other tools.
    dataset.modified = fields.text("modified").and_then(|d| text::date_of(&d));
    for resource in fields.objects("resources") {
        resources_into(resource, &folder, &mut dataset, &mut imported);
    }
    // Which Frictionless profile the file follows says nothing of the data.
    fields.take("profile");
    fields.take("$schema");
    fields.leftovers(&mut imported.unmapped, Some(&title), "");
    imported.licence = dataset.licence;
    imported.datasets.push(dataset);
    Ok(imported)
}

fn licence_into(mut licence: Fields, dataset: &mut Dataset, imported: &mut Imported, field: &str) {
    let named: Vec<String> = ["name", "path", "title"]
        .iter()
        .filter_map(|key| licence.text(key))
        .collect();
    match named.iter().find_map(|n| text::licence_of(n)) {
        Some(found) => {
            dataset.licence.get_or_insert(found);
        }
        None => {
            if let Some(first) = named.first() {
                imported.unmapped.note(Some(&dataset.title), field, first);
            }
        }
    }
}

fn resources_into(
    mut fields: Fields,
    folder: &Path,
    dataset: &mut Dataset,
    imported: &mut Imported,
) {
    let title = dataset.title.clone();
    let name = fields.text("name");
    let paths = match fields.take("path") {
        Some(Value::String(path)) => vec![path],
        Some(Value::Array(parts)) => parts
            .into_iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    if paths.is_empty() {
        let why = if fields.take("data").is_some() {
            "its data is written inside datapackage.json"
        } else {
            "it has no path"
        };
        imported.unmapped.note(
            Some(&title),
            "resources",
            &format!("{} ({why})", name.unwrap_or_default()),
        );
        return;
    }
    let resource_title = fields.text("title").or(name);
    let description = fields.text("description");
    let format = fields.text("format");
    let schema = match fields.take("schema") {
        Some(Value::String(reference)) => Some(SchemaSource::of(&reference, folder)),
        Some(inline @ Value::Object(_)) => Some(SchemaSource::Inline(inline)),
        _ => None,
    };
    // What ouvert reads from the file itself.
    let local = paths.iter().all(|p| !crate::config::is_web_url(p));
    for detected in ["encoding", "mediatype", "bytes", "hash", "profile"] {
        if local {
            fields.take(detected);
        }
    }
    for licence in fields.objects("licenses") {
        licence_into(licence, dataset, imported, "resources.licenses");
    }
    fields.leftovers(&mut imported.unmapped, Some(&title), "resources.");
    let parts = paths.len();
    for (index, path) in paths.into_iter().enumerate() {
        let location = if crate::config::is_web_url(&path) {
            Location::Url(path)
        } else if path.contains("..") || Path::new(&path).is_absolute() {
            imported.unmapped.note(
                Some(&title),
                "resources.path",
                &format!("{path} (outside the package's folder)"),
            );
            continue;
        } else {
            Location::File(PathBuf::from(folder).join(path))
        };
        let mut resource = Resource::at(location);
        resource.title = match (&resource_title, parts) {
            (Some(title), 1) => Some(title.clone()),
            (Some(title), _) => Some(format!("{title} ({}/{parts})", index + 1)),
            (None, _) => None,
        };
        resource.description = description.clone();
        if let Location::Url(url) = &resource.location
            && crate::vocab::format_label(url).is_none()
        {
            resource.format = format.as_ref().map(|f| f.to_ascii_uppercase());
        }
        resource.schema = schema.clone();
        dataset.resources.push(resource);
    }
}
