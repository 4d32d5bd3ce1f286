//! Writes an [`Imported`] catalog as portal files: `ouvert.toml` for a new
//! portal, `organizations/<slug>.md`, and `datasets/<slug>/index.md` with
//! the local files copied beside it.
//!
//! Nothing of an existing portal is overwritten: a dataset whose folder
//! exists is left as it is, so importing again adds only what is new.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};

use super::{Dataset, Imported, Location, Organization, SchemaSource};
use crate::config::CONFIG_FILE;
use crate::util::fs as ufs;
use crate::util::text::slugify;

/// What the import wrote, and what it could not.
#[derive(Debug, Default)]
pub struct Written {
    /// Whether `ouvert.toml` was made (a new portal).
    pub new_portal: bool,
    /// Folders written under `datasets/`.
    pub datasets: Vec<String>,
    /// Datasets left alone because their folder exists.
    pub existing: Vec<String>,
    /// Files written under `organizations/`.
    pub organizations: usize,
    /// Files copied into the portal.
    pub copied: usize,
    /// What the editor should know, one sentence each.
    pub notes: Vec<String>,
}

/// Writes `imported` into the portal folder `portal` (created when absent,
/// its authority then named `fallback_name` if the catalog names none).
pub fn write(imported: &Imported, portal: &Path, fallback_name: &str) -> anyhow::Result<Written> {
    let mut written = Written::default();
    ready(portal)?;
    let authority_slug = if portal.join(CONFIG_FILE).is_file() {
        existing_authority(portal)?
    } else {
        written.new_portal = true;
        new_portal(imported, portal, fallback_name)?
    };

    // Organizations: their slug is what datasets name as publisher. The
    // catalog's publisher has its file in a new portal, of which it is the
    // authority; in an existing one, only if it publishes datasets.
    let mut org_slugs = Vec::with_capacity(imported.organizations.len());
    let authority = imported.publisher.filter(|_| written.new_portal);
    let used: BTreeSet<usize> = imported
        .datasets
        .iter()
        .filter_map(|d| d.publisher)
        .chain(authority)
        .collect();
    for (i, organization) in imported.organizations.iter().enumerate() {
        let slug = organization.slug();
        org_slugs.push(slug.clone());
        if !used.contains(&i) || slug.is_empty() {
            continue;
        }
        let path = portal.join("organizations").join(format!("{slug}.md"));
        if path.exists() {
            continue;
        }
        ufs::write(&path, organization_file(organization).as_bytes())?;
        written.organizations += 1;
    }

    let mut taken: BTreeSet<String> = BTreeSet::new();
    for dataset in &imported.datasets {
        let slug = unique_slug(dataset, &mut taken);
        let folder = portal.join("datasets").join(&slug);
        if folder.exists() {
            written.existing.push(slug);
            continue;
        }
        let publisher = dataset
            .publisher
            .map(|i| org_slugs[i].as_str())
            .filter(|slug| !slug.is_empty() && *slug != authority_slug);
        let file = dataset_file(dataset, publisher, &slug, portal, &folder, &mut written)?;
        ufs::write(&folder.join("index.md"), file.as_bytes())?;
        written.datasets.push(slug);
    }
    Ok(written)
}

/// Refuses a folder that is neither a portal nor ready to become one, so
/// an import never mixes a portal into unrelated files. Cheap: checked
/// before the source is read.
pub fn ready(portal: &Path) -> anyhow::Result<()> {
    if portal.join(CONFIG_FILE).is_file() {
        return Ok(());
    }
    if let Some(other) = foreign_entry(portal)? {
        bail!(
            "refusing to import into {}: it has no {CONFIG_FILE} and holds {other} (import into a new folder, a folder with only schemas/ and static/, or a portal)",
            portal.display()
        );
    }
    Ok(())
}

/// The first entry of a folder that is not yet a portal other than what
/// may be prepared before importing: `schemas/` (the schemas the datasets
/// follow), `static/`, and hidden files such as `.git`.
fn foreign_entry(folder: &Path) -> anyhow::Result<Option<String>> {
    if !folder.is_dir() {
        return Ok(None);
    }
    let entries =
        std::fs::read_dir(folder).with_context(|| format!("cannot read {}", folder.display()))?;
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') || name == "schemas" || name == "static") {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// The authority's slug of an existing portal, from its `ouvert.toml`.
fn existing_authority(portal: &Path) -> anyhow::Result<String> {
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let config = crate::config::Config::load(portal, &mut diagnostics)?;
    if diagnostics.error_count() > 0 {
        bail!(
            "refusing to import into {}: its {CONFIG_FILE} has errors (run `ouvert check {}`)",
            portal.display(),
            portal.display()
        );
    }
    Ok(config.authority.slug)
}

/// Writes `ouvert.toml`; returns the authority's slug.
fn new_portal(imported: &Imported, portal: &Path, fallback_name: &str) -> anyhow::Result<String> {
    let authority = authority(imported, fallback_name);
    let title = imported
        .title
        .clone()
        .unwrap_or_else(|| format!("Données ouvertes – {}", authority.title));
    let licence = imported.licence.or_else(|| shared_licence(imported));
    let mut toml = String::new();
    toml.push_str("# Réglages du portail, faits par `ouvert import`. La référence complète de\n# chaque clé est dans la documentation d'ouvert : docs/portal-format.md.\n\n");
    let _ = writeln!(toml, "title = {}", quoted(&title));
    if let Some(tagline) = imported
        .description
        .as_deref()
        .map(super::text::markdown_of)
        && super::text::is_short_paragraph(&tagline)
        && !tagline.is_empty()
    {
        let _ = writeln!(toml, "tagline = {}", quoted(&tagline));
    }
    toml.push_str("# Adresse où le site sera publié. Elle sert aux catalogues lus par les\n# machines (data.gouv.fr, moteurs de recherche).\n# base_url = \"https://donnees.ma-commune.fr/\"\n");
    toml.push_str("language = \"fr\"\n");
    if let Some(licence) = licence {
        let _ = writeln!(toml, "licence = {}", quoted(licence.id));
    }
    if let Some(email) = &authority.email {
        let _ = writeln!(toml, "contact = {}", quoted(email));
    }
    toml.push_str("\n[authority]\n");
    let _ = writeln!(toml, "name = {}", quoted(&authority.title));
    let slug = authority.slug();
    if slug != slugify(&authority.title) {
        let _ = writeln!(toml, "slug = {}", quoted(&slug));
    }
    let _ = writeln!(
        toml,
        "# commune, epci, departement, region ou other\nkind = {}",
        quoted(authority_kind(&authority))
    );
    if let Some(siret) = &authority.siret {
        let _ = writeln!(toml, "siret = {}", quoted(siret));
    } else if let Some(siren) = &authority.siren {
        let _ = writeln!(toml, "siren = {}", quoted(siren));
    }
    ufs::write(&portal.join(CONFIG_FILE), toml.as_bytes())?;
    Ok(slug)
}

/// The authority of a new portal: the catalog's publisher, else the
/// organization that publishes most of its datasets, else one named after
/// `fallback_name`.
fn authority(imported: &Imported, fallback_name: &str) -> Organization {
    let most = || {
        let mut counts = vec![0usize; imported.organizations.len()];
        for publisher in imported.datasets.iter().filter_map(|d| d.publisher) {
            counts[publisher] += 1;
        }
        let most = counts.iter().copied().max().filter(|n| *n > 0)?;
        counts.iter().position(|n| *n == most)
    };
    match imported.publisher.or_else(most) {
        Some(i) => imported.organizations[i].clone(),
        None => Organization::named(fallback_name),
    }
}

/// The licence all datasets share, for the portal's default.
fn shared_licence(imported: &Imported) -> Option<&'static crate::vocab::Licence> {
    let first = imported.datasets.first()?.licence?;
    imported
        .datasets
        .iter()
        .all(|d| d.licence == Some(first))
        .then_some(first)
}

/// The kind of authority, from its SIREN (the INSEE gives local
/// authorities numbers by kind), else from its name.
fn authority_kind(authority: &Organization) -> &'static str {
    let siren = authority.siren.as_deref().or(authority.siret.as_deref());
    match siren.map(|s| &s[..2]) {
        Some("21") => return "commune",
        Some("22") => return "departement",
        Some("23") => return "region",
        Some("24" | "25") => return "epci",
        _ => {}
    }
    let name = slugify(&authority.title);
    let starts = |w: &str| name.starts_with(w);
    if starts("commune") || starts("ville") || starts("mairie") {
        "commune"
    } else if ["communaute", "metropole", "agglomeration", "syndicat"]
        .iter()
        .any(|w| name.contains(w))
    {
        "epci"
    } else if name.contains("departement") || name.contains("departemental") {
        "departement"
    } else if starts("region") || name.contains("conseil-regional") {
        "region"
    } else {
        "other"
    }
}

/// A folder name for the dataset, unique among those of this import.
fn unique_slug(dataset: &Dataset, taken: &mut BTreeSet<String>) -> String {
    let base = [&dataset.name, &dataset.title]
        .into_iter()
        .map(|text| slugify(text))
        .find(|slug| !slug.is_empty())
        .unwrap_or_else(|| "jeu-de-donnees".to_string());
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

fn organization_file(organization: &Organization) -> String {
    let mut out = String::from("---\n");
    field(&mut out, "title", &organization.title);
    if let Some(siret) = &organization.siret {
        let _ = writeln!(out, "siret: {}", quoted(siret));
    } else if let Some(siren) = &organization.siren {
        let _ = writeln!(out, "siren: {}", quoted(siren));
    }
    for (key, value) in [
        ("website", &organization.website),
        ("email", &organization.email),
    ] {
        if let Some(value) = value {
            field(&mut out, key, value);
        }
    }
    out.push_str("---\n");
    if let Some(description) = &organization.description {
        let _ = write!(out, "\n{}\n", description.trim());
    }
    out
}

/// `index.md` of a dataset, its files copied into `folder`.
fn dataset_file(
    dataset: &Dataset,
    publisher: Option<&str>,
    slug: &str,
    portal: &Path,
    folder: &Path,
    written: &mut Written,
) -> anyhow::Result<String> {
    let mut out = String::from("---\n");
    field(&mut out, "title", &dataset.title);
    if let Some(summary) = &dataset.summary {
        field(&mut out, "summary", summary);
    }
    list(&mut out, "keywords", &dataset.keywords);
    let themes: Vec<String> = dataset.themes.iter().map(|t| t.to_string()).collect();
    list(&mut out, "themes", &themes);
    if let Some(publisher) = publisher {
        field(&mut out, "publisher", publisher);
    }
    if let Some(contact) = dataset.contact.as_ref().filter(|c| !c.is_empty()) {
        out.push_str("contact:\n");
        for (key, value) in [
            ("name", &contact.name),
            ("email", &contact.email),
            ("phone", &contact.phone),
            ("url", &contact.url),
        ] {
            if let Some(value) = value {
                out.push_str("  ");
                field(&mut out, key, value);
            }
        }
    }
    if let Some(licence) = dataset.licence {
        field(&mut out, "licence", licence.id);
    }
    if let Some(frequency) = dataset.frequency {
        field(&mut out, "frequency", frequency);
    }
    if let Some((start, end)) = &dataset.temporal {
        let parts: Vec<String> = [("start", start), ("end", end)]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
            .collect();
        if !parts.is_empty() {
            let _ = writeln!(out, "temporal: {{ {} }}", parts.join(", "));
        }
    }
    if let Some(spatial) = &dataset.spatial {
        let mut parts = Vec::new();
        if let Some(name) = &spatial.name {
            parts.push(format!("name: {}", flow_scalar(name)));
        }
        if !spatial.insee.is_empty() {
            let codes: Vec<String> = spatial.insee.iter().map(|c| quoted(c)).collect();
            parts.push(format!("insee: [{}]", codes.join(", ")));
        }
        if !parts.is_empty() {
            let _ = writeln!(out, "spatial: {{ {} }}", parts.join(", "));
        }
    }
    for (key, date) in [
        ("created", &dataset.created),
        ("modified", &dataset.modified),
    ] {
        if let Some(date) = date {
            let _ = writeln!(out, "{key}: {date}");
        }
    }
    let mut files: BTreeSet<String> = BTreeSet::new();
    let mut resources = String::new();
    for resource in &dataset.resources {
        let mut entry = String::new();
        match &resource.location {
            Location::Url(url) => field(&mut entry, "url", url),
            Location::File(source) => {
                if !source.is_file() {
                    written.notes.push(format!(
                        "{slug}: the file {} does not exist; the resource is left out",
                        source.display()
                    ));
                    continue;
                }
                let name = unique_file_name(source, &mut files);
                copy(source, &folder.join(&name))?;
                written.copied += 1;
                field(&mut entry, "path", &name);
            }
        }
        for (key, value) in [
            ("title", &resource.title),
            ("description", &resource.description),
            ("format", &resource.format),
        ] {
            if let Some(value) = value {
                entry.push_str("    ");
                field(&mut entry, key, value);
            }
        }
        if let Some(schema) = &resource.schema {
            entry.push_str(&schema_line(schema, slug, portal, written)?);
        }
        resources.push_str("  - ");
        resources.push_str(&entry);
    }
    if !resources.is_empty() {
        out.push_str("resources:\n");
        out.push_str(&resources);
    }
    out.push_str("---\n");
    if let Some(body) = &dataset.body {
        let _ = write!(out, "\n{}\n", body.trim());
    }
    Ok(out)
}

/// The `schema:` line of a resource, its file saved into `schemas/`; a
/// comment and a note when the schema cannot be kept.
fn schema_line(
    schema: &SchemaSource,
    slug: &str,
    portal: &Path,
    written: &mut Written,
) -> anyhow::Result<String> {
    Ok(match schema {
        SchemaSource::Published(reference) => {
            let label = match reference {
                crate::validate::SchemaRef::Published { organization, name, version } => {
                    format!("{organization}/{name}@{version}")
                }
                crate::validate::SchemaRef::Local { path } => path.clone(),
            };
            let path = reference.portal_path();
            if portal.join(&path).is_file() {
                format!("    schema: {label}\n")
            } else {
                let url = reference.canonical_url().unwrap_or_default();
                written.notes.push(format!(
                    "{slug}: follows the schema {label}; ouvert builds offline, so save {url} as {path} and remove the `#` before its `schema:` line"
                ));
                format!("    # schema: {label}\n")
            }
        }
        SchemaSource::File(source) => {
            let name = source
                .file_name()
                .map(|n| slugify(n.to_string_lossy().trim_end_matches(".json")))
                .unwrap_or_default();
            let path = format!(
                "schemas/{}.json",
                if name.is_empty() { slug } else { &name }
            );
            if !source.is_file() {
                written.notes.push(format!(
                    "{slug}: the schema file {} does not exist",
                    source.display()
                ));
                return Ok(String::new());
            }
            if !portal.join(&path).exists() {
                copy(source, &portal.join(&path))?;
                written.copied += 1;
            }
            format!("    schema: {path}\n")
        }
        SchemaSource::Inline(value) => {
            let mut json = serde_json::to_string_pretty(value)?;
            json.push('\n');
            // A schema several files share is written once.
            let mut path = format!("schemas/{slug}.json");
            let mut n = 2;
            while let Ok(existing) = std::fs::read(portal.join(&path)) {
                if existing == json.as_bytes() {
                    return Ok(format!("    schema: {path}\n"));
                }
                path = format!("schemas/{slug}-{n}.json");
                n += 1;
            }
            ufs::write(&portal.join(&path), json.as_bytes())?;
            format!("    schema: {path}\n")
        }
        SchemaSource::Url(url) => {
            written.notes.push(format!(
                "{slug}: follows the schema {url}; ouvert builds offline, so save it into schemas/ and name it in the resource's `schema:` line"
            ));
            format!("    # schema: {url}\n")
        }
    })
}

/// The file's name, made unique among the dataset's files.
fn unique_file_name(source: &Path, taken: &mut BTreeSet<String>) -> String {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "fichier".to_string());
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    let mut candidate = name;
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}{extension}");
        n += 1;
    }
    candidate
}

fn copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    if let Some(parent) = to.parent() {
        ufs::create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))
}

/// `key: value`, the value quoted when YAML would read it otherwise.
fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key}: {}", scalar(value, false));
}

/// `key: [a, b]`.
fn list(out: &mut String, key: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let items: Vec<String> = values.iter().map(|v| flow_scalar(v)).collect();
    let _ = writeln!(out, "{key}: [{}]", items.join(", "));
}

fn flow_scalar(value: &str) -> String {
    scalar(value, true)
}

/// A YAML scalar: plain when YAML reads it back as the same text, else
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
fn scalar(value: &str, in_flow: bool) -> String {
    let first = value.chars().next();
    let plain = first.is_some_and(char::is_alphabetic)
        && value.trim() == value
        && !value
            .chars()
            .any(|c| c.is_control() || c == '"' || c == '\\')
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !(in_flow && value.contains([',', '[', ']', '{', '}']))
        && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
            .iter()
            .any(|word| word.eq_ignore_ascii_case(value));
    if plain {
        value.to_string()
    } else {
        quoted(value)
    }
}

/// A quoted string, valid in YAML and TOML alike.
fn quoted(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(
            scalar("Budget primitif 2026", false),
            "Budget primitif 2026"
        );
        assert_eq!(
            scalar("Centre communal d'action sociale", false),
            "Centre communal d'action sociale"
        );
        assert_eq!(scalar("2026", false), "\"2026\"");
        assert_eq!(
            scalar("Note : voir ci-dessous", false),
            "\"Note : voir ci-dessous\""
        );
        assert_eq!(scalar("Oui", false), "Oui");
        assert_eq!(scalar("yes", false), "\"yes\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(
            scalar("dit \"bonjour\"\n", false),
            "\"dit \\\"bonjour\\\"\\n\""
        );
    }

    #[test]
    fn the_authority_kind_comes_from_the_siren_then_the_name() {
        let org = |title: &str, siren: Option<&str>| Organization {
            siren: siren.map(str::to_string),
            ..Organization::named(title)
        };
        assert_eq!(
            authority_kind(&org("Clairval", Some("219999992"))),
            "commune"
        );
        assert_eq!(authority_kind(&org("Rennes Métropole", None)), "epci");
        assert_eq!(
            authority_kind(&org("Département du Gers", None)),
            "departement"
        );
        assert_eq!(authority_kind(&org("An Organization", None)), "other");
    }
}
