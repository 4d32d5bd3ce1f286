//! JKAN, the Jekyll open-data portal: a site folder whose `_datasets/` and
//! `_organizations/` hold one Markdown file per item, with front matter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

use super::{Contact, Dataset, Fields, Imported, Location, Organization, Resource, text};
use crate::load::frontmatter::Document;

pub fn read(source: &Path) -> anyhow::Result<Imported> {
    let datasets_folder = source.join("_datasets");
    if !datasets_folder.is_dir() {
        bail!(
            "{} is not a JKAN site: it has no _datasets/ folder",
            source.display()
        );
    }
    let mut imported = Imported::default();
    if let Ok(config) = std::fs::read_to_string(source.join("_config.yml"))
        && let Ok(Value::Object(config)) = serde_saphyr::from_str::<Value>(&config)
    {
        let text_of = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
        imported.title = text_of("title");
        imported.description = text_of("description");
    }

    // Datasets name their organization by its title.
    let mut organizations: HashMap<String, usize> = HashMap::new();
    for (path, mut fields, body) in items(&source.join("_organizations"))? {
        let Some(title) = fields.text("title") else {
            continue;
        };
        let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let description = fields
            .text("description")
            .or_else(|| Some(body.trim().to_string()).filter(|b| !b.is_empty()));
        let mut organization = Organization {
            slug: slug.map(|s| crate::util::text::slugify(&s)),
            description,
            ..Organization::named(title.clone())
        };
        organization.website = fields.text("website").or_else(|| fields.text("url"));
        organization.email = fields.text("email");
        fields.take("layout");
        fields.leftovers(&mut imported.unmapped, Some(&title), "_organizations: ");
        organizations.insert(title, imported.organization(organization));
    }
    // `_dataset_categories/` is not read: datasets name their categories,
    // and the category files add only a logo.

    for (path, fields, body) in items(&datasets_folder)? {
        let dataset = dataset(&path, fields, &body, source, &organizations, &mut imported);
        imported.datasets.push(dataset);
    }
    Ok(imported)
}

/// The items of a collection folder: path, front matter and body of each
/// Markdown file, by name.
fn items(folder: &Path) -> anyhow::Result<Vec<(PathBuf, Fields, String)>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "md" || e == "markdown")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = super::read_text(&path)?;
            let name = path.display().to_string();
            let document = Document::split(&name, text).map_err(|d| super::source_error(*d))?;
            let front: Value = document.parse().map_err(|d| super::source_error(*d))?;
            let body = document.body().to_string();
            Ok((path, Fields::new(front), body))
        })
        .collect()
}

fn dataset(
    path: &Path,
    mut fields: Fields,
    body: &str,
    site: &Path,
    organizations: &HashMap<String, usize>,
    imported: &mut Imported,
) -> Dataset {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = fields.text("title").unwrap_or_else(|| name.clone());
    let mut dataset = Dataset { name, title: title.clone(), ..Dataset::default() };
    let notes = fields.text("notes").unwrap_or_default();
    let description = [notes.trim(), body.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    dataset.describe(&description);
    if let Some(organization) = fields.text("organization") {
        let index = match organizations.get(&organization) {
            Some(index) => *index,
            None => imported.organization(Organization::named(organization)),
        };
        dataset.publisher = Some(index);
    }
    for category in fields.texts("category") {
        dataset.theme_or_keyword(&category);
    }
    for keyword in fields
        .texts("keywords")
        .into_iter()
        .chain(fields.texts("tags"))
    {
        dataset.keyword(&keyword);
    }
    if let Some(licence) = fields.text("license").or_else(|| fields.text("licence")) {
        match text::licence_of(&licence) {
            Some(licence) => dataset.licence = Some(licence),
            None => imported.unmapped.note(Some(&title), "license", &licence),
        }
    }
    let contact = Contact {
        name: fields.text("maintainer"),
        email: fields.text("maintainer_email"),
        ..Contact::default()
    };
    dataset.set_contact(contact, &mut imported.unmapped, "maintainer");
    if let Some(frequency) = fields
        .text("frequency")
        .or_else(|| fields.text("update_frequency"))
    {
        match text::frequency_of(&frequency) {
            Some(code) => dataset.frequency = Some(code),
            None => imported
                .unmapped
                .note(Some(&title), "frequency", &frequency),
        }
    }
    if let Some(place) = fields.text("spatial").filter(|s| !s.starts_with('{')) {
        dataset.spatial = Some(super::Spatial { name: Some(place), insee: Vec::new() });
    }
    dataset.modified = fields.text("modified").and_then(|d| text::date_of(&d));
    dataset.created = fields
        .text("issued")
        .or_else(|| fields.text("created"))
        .and_then(|d| text::date_of(&d));
    for mut resource in fields.objects("resources") {
        let url = resource.text("url").unwrap_or_default();
        let Some(location) = location(&url, site) else {
            imported.unmapped.note(
                Some(&title),
                "resources.url",
                &format!("{url} (neither a web address nor a file of the site)"),
            );
            continue;
        };
        let mut entry = Resource::at(location);
        entry.title = resource.text("name").or_else(|| resource.text("title"));
        entry.description = resource.text("description");
        let format = resource.text("format");
        if matches!(entry.location, Location::Url(_)) && crate::vocab::format_label(&url).is_none()
        {
            entry.format = format.map(|f| f.to_ascii_uppercase());
        }
        resource.leftovers(&mut imported.unmapped, Some(&title), "resources.");
        dataset.resources.push(entry);
    }
    // JKAN's own: which form edits the file, which template shows it.
    fields.take("schema");
    fields.take("layout");
    fields.leftovers(&mut imported.unmapped, Some(&title), "");
    dataset
}

/// A resource's address: a web address stays a link; a path of the site
/// (`/uploads/budget.csv`, `{{ site.baseurl }}/data/budget.csv`) is a
/// file to copy.
fn location(url: &str, site: &Path) -> Option<Location> {
    if crate::config::is_web_url(url) {
        return Some(Location::Url(url.to_string()));
    }
    let path = url
        .trim()
        .trim_start_matches("{{ site.baseurl }}")
        .trim_start_matches("{{site.baseurl}}")
        .trim_start_matches('/');
    if path.is_empty() || path.contains("..") {
        return None;
    }
    let file = site.join(path);
    file.is_file().then_some(Location::File(file))
}
