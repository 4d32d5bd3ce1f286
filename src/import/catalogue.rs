//! The SCDL catalogue (`scdl/catalogue` on schema.data.gouv.fr): one CSV
//! row per dataset, what many authorities keep in a spreadsheet before
//! they have a portal. Office exports are read as they come: Windows-1252
//! or UTF-8, with the separator the profiler guesses (`;`, `,`, tab…).

use std::collections::BTreeMap;
use std::path::Path;

use super::{Dataset, Imported, Location, Organization, Resource, Spatial, text};

/// The schema's columns this reader maps, each with the other names
/// catalogues give it (lower-case spellings of Etalab's catalogue schema).
const COLUMNS: &[(&str, &[&str])] = &[
    ("COLL_NOM", &[]),
    ("COLL_SIRET", &[]),
    ("ID", &[]),
    ("TITRE", &[]),
    ("DESCRIPTION", &[]),
    ("THEME", &[]),
    ("PRODUCTEUR_NOM", &["NOM_ORGA"]),
    ("PRODUCTEUR_SIRET", &["SIRET_ORGA"]),
    ("COUV_SPAT_NOM", &["COUV_GEO"]),
    ("COUV_TEMP_DEBUT", &[]),
    ("COUV_TEMP_FIN", &[]),
    ("DATE_PUBL", &["DATE_PUB"]),
    ("FREQ_MAJ", &[]),
    ("DATE_MAJ", &[]),
    ("MOTS_CLES", &[]),
    ("LICENCE", &[]),
    ("URL", &[]),
    // Etalab's catalogue schema: the service that answers questions.
    ("CONTACT_SERVICE", &[]),
    ("SERVICE", &[]),
    // Said again by the files once the data is published: no field of its own.
    ("NOMBRE_RESSOURCES", &[]),
    ("FORMAT_RESSOURCES", &["FORMAT"]),
];

/// Frequencies by the label `FREQ_MAJ` gives them, most common code first
/// for a label several codes share.
const FREQUENCY_CODES: &[&str] = &[
    "UNKNOWN",
    "NEVER",
    "IRREG",
    "CONT",
    "HOURLY",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "BIMONTHLY",
    "QUARTERLY",
    "ANNUAL_2",
    "ANNUAL",
    "BIENNIAL",
    "TRIENNIAL",
    "QUINQUENNIAL",
];

pub fn read(source: &Path) -> anyhow::Result<Imported> {
    let content = super::read_text(source)?;
    // The separator and quote as the profiler guesses them for any CSV.
    let dialect = crate::profile::dialect::sniff(content.as_bytes(), true, None);
    let mut rows =
        records(&content, dialect).map_err(|e| anyhow::anyhow!("{}: {e}", source.display()))?;
    if rows.is_empty() {
        anyhow::bail!("{}: the file is empty", source.display());
    }
    let headers: Vec<String> = rows
        .remove(0)
        .iter()
        .map(|h| h.trim().to_uppercase())
        .collect();
    let canonical = |header: &str| -> Option<&'static str> {
        COLUMNS
            .iter()
            .find(|(name, aliases)| *name == header || aliases.contains(&header))
            .map(|(name, _)| *name)
    };
    if !headers.iter().any(|h| canonical(h) == Some("TITRE")) {
        anyhow::bail!(
            "{}: not an SCDL catalogue: it has no TITRE column (its columns: {})",
            source.display(),
            headers.join(", ")
        );
    }
    let mut imported = Imported::default();
    for record in rows {
        let mut row: BTreeMap<&str, String> = BTreeMap::new();
        let mut others: Vec<(&str, String)> = Vec::new();
        for (header, cell) in headers.iter().zip(record.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match canonical(header) {
                Some(column) => {
                    row.insert(column, cell.to_string());
                }
                None => others.push((header, cell.to_string())),
            }
        }
        let Some(title) = row.remove("TITRE") else {
            continue;
        };
        let dataset = dataset(title, row, &mut imported);
        for (header, value) in others {
            imported.unmapped.note(Some(&dataset.title), header, &value);
        }
        imported.datasets.push(dataset);
    }
    Ok(imported)
}

/// The cells of every row, read by the profiler's tokenizer (quotes,
/// doubled quotes and line breaks in cells as RFC 4180 has them).
fn records(
    content: &str,
    dialect: crate::profile::dialect::Dialect,
) -> std::io::Result<Vec<Vec<String>>> {
    let mut tokenizer = crate::profile::tokenizer::Tokenizer::new(
        content.as_bytes(),
        dialect.delimiter,
        dialect.quote,
        0,
        64 * 1024,
    );
    let mut rows = Vec::new();
    while let Some(batch) = tokenizer.next_batch(256)? {
        for i in 0..batch.len() {
            rows.push(
                batch
                    .record(i)
                    .map(|cell| String::from_utf8_lossy(cell).into_owned())
                    .collect(),
            );
        }
    }
    Ok(rows)
}

fn dataset(title: String, mut row: BTreeMap<&str, String>, imported: &mut Imported) -> Dataset {
    let mut dataset = Dataset {
        name: row.remove("ID").unwrap_or_default(),
        title: title.clone(),
        ..Dataset::default()
    };
    let organization = |name: Option<String>, siret: Option<String>| {
        name.map(|name| {
            let mut organization = Organization::named(name);
            if let Some(siret) = siret {
                organization.identified_by(&siret);
            }
            organization
        })
    };
    if let Some(authority) = organization(row.remove("COLL_NOM"), row.remove("COLL_SIRET")) {
        let index = imported.organization(authority);
        imported.publisher.get_or_insert(index);
    }
    if let Some(producer) =
        organization(row.remove("PRODUCTEUR_NOM"), row.remove("PRODUCTEUR_SIRET"))
    {
        dataset.publisher = Some(imported.organization(producer));
    }
    if let Some(description) = row.remove("DESCRIPTION") {
        dataset.describe(&description);
    }
    for theme in row.remove("THEME").iter().flat_map(|t| t.split(';')) {
        dataset.theme_or_keyword(theme);
    }
    for keyword in row
        .remove("MOTS_CLES")
        .iter()
        .flat_map(|k| k.split([';', ',']))
    {
        dataset.keyword(keyword);
    }
    if let Some(place) = row.remove("COUV_SPAT_NOM") {
        dataset.spatial = Some(Spatial { name: Some(place), insee: Vec::new() });
    }
    let start = row
        .remove("COUV_TEMP_DEBUT")
        .and_then(|d| text::date_of(&d));
    let end = row.remove("COUV_TEMP_FIN").and_then(|d| text::date_of(&d));
    if start.is_some() || end.is_some() {
        dataset.temporal = Some((start, end));
    }
    dataset.created = row.remove("DATE_PUBL").and_then(|d| text::date_of(&d));
    dataset.modified = row.remove("DATE_MAJ").and_then(|d| text::date_of(&d));
    if let Some(label) = row.remove("FREQ_MAJ") {
        let code = FREQUENCY_CODES
            .iter()
            .copied()
            .find(|code| {
                crate::export::catalogue::frequency(Some(code)).eq_ignore_ascii_case(&label)
            })
            .or_else(|| text::frequency_of(&label))
            // `Annuelle ou plusieurs fois par an`.
            .or_else(|| text::frequency_of(label.split(" ou ").next().unwrap_or_default()));
        match code {
            Some(code) => dataset.frequency = Some(code),
            None => imported.unmapped.note(Some(&title), "FREQ_MAJ", &label),
        }
    }
    if let Some(licence) = row.remove("LICENCE") {
        match text::licence_of(&licence) {
            Some(found) => dataset.licence = Some(found),
            None => imported.unmapped.note(Some(&title), "LICENCE", &licence),
        }
    }
    let contact = super::Contact {
        name: row.remove("SERVICE"),
        email: row
            .remove("CONTACT_SERVICE")
            .filter(|e| crate::config::is_email(e)),
        ..super::Contact::default()
    };
    dataset.set_contact(contact, &mut imported.unmapped, "SERVICE");
    let formats = row.remove("FORMAT_RESSOURCES");
    row.remove("NOMBRE_RESSOURCES");
    if let Some(url) = row.remove("URL") {
        if crate::config::is_web_url(&url) {
            let mut resource = Resource::at(Location::Url(url.clone()));
            if crate::vocab::format_label(&url).is_none() {
                // The page of the dataset where its files are.
                resource.title = Some("Le jeu de données sur son site d'origine".to_string());
                resource.description = formats.map(|f| format!("Formats : {f}"));
            }
            dataset.resources.push(resource);
        } else {
            imported
                .unmapped
                .note(Some(&title), "URL", &format!("{url} (not a web address)"));
        }
    }
    for (column, value) in row {
        imported.unmapped.note(Some(&title), column, &value);
    }
    dataset
}
