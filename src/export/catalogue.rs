//! `catalogue.csv`: the portal's datasets in the SCDL catalogue format
//! (`scdl/catalogue` 0.1.3 on schema.data.gouv.fr), the simple catalog
//! French authorities publish so that their open data can be counted and
//! found. One row per dataset, comma-separated UTF-8, columns in the
//! schema's order. A contract documented in `docs/catalogs.md`.
//!
//! Every column is required by the schema; what the portal does not say
//! (no SIRET, no end to the temporal coverage…) is left empty rather than
//! guessed, so the file fails validation where the portal is incomplete.

use crate::config::AuthorityKind;
use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, Organization, Portal};
use crate::output::Output;
use crate::render::i18n::Lang;
use crate::util::url::public_url;

pub const PATH: &str = "catalogue.csv";

/// The schema's columns, in its order.
const COLUMNS: [&str; 20] = [
    "COLL_NOM",
    "COLL_SIRET",
    "ID",
    "TITRE",
    "DESCRIPTION",
    "THEME",
    "PRODUCTEUR_NOM",
    "PRODUCTEUR_SIRET",
    "COUV_SPAT_MAILLE",
    "COUV_SPAT_NOM",
    "COUV_TEMP_DEBUT",
    "COUV_TEMP_FIN",
    "DATE_PUBL",
    "FREQ_MAJ",
    "DATE_MAJ",
    "MOTS_CLES",
    "LICENCE",
    "NOMBRE_RESSOURCES",
    "FORMAT_RESSOURCES",
    "URL",
];

/// Writes `catalogue.csv`, and, when several organizations publish, each
/// one's own beside its page (`organizations/<slug>/catalogue.csv`), with
/// itself as `COLL_NOM`; nothing without `base_url`, since `URL` must be
/// an absolute address (the caller says so once for every export that
/// needs it).
pub fn write(
    portal: &Portal,
    lang: &Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let Some(base) = portal.config.base_url.as_deref() else {
        return Ok(());
    };
    let all: Vec<usize> = (0..portal.datasets.len()).collect();
    output.publish(
        PATH,
        "the SCDL catalogue",
        csv(portal, &portal.organizations[0], &all, lang, base),
        diagnostics,
    )?;
    for organization in portal.publishers_apart() {
        output.publish(
            &crate::model::paths::organization_file(&organization.slug, PATH),
            "the SCDL catalogue",
            csv(portal, organization, &organization.datasets, lang, base),
            diagnostics,
        )?;
    }
    Ok(())
}

/// The catalogue `collectivity` keeps of `datasets`.
fn csv(
    portal: &Portal,
    collectivity: &Organization,
    datasets: &[usize],
    lang: &Lang,
    base: &str,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut row = |cells: &[&str]| {
        crate::profile::normalize::write_csv_row(&mut bytes, cells.iter().copied())
            .expect("writing to memory");
    };
    row(&COLUMNS);
    for &i in datasets {
        let cells = cells(portal, collectivity, &portal.datasets[i], lang, base);
        row(&cells.each_ref().map(String::as_str));
    }
    bytes
}

fn cells(
    portal: &Portal,
    authority: &Organization,
    dataset: &Dataset,
    lang: &Lang,
    base: &str,
) -> [String; 20] {
    let meta = &dataset.meta;
    let publisher = &portal.organizations[dataset.publisher];
    // The territory the data covers: a local authority's, else (a CCAS,
    // a service) the portal's authority's.
    let territory = if authority.kind.is_some() {
        authority
    } else {
        &portal.organizations[0]
    };
    let text = |value: Option<&str>| value.unwrap_or_default().to_string();
    let date = |value: Option<jiff::civil::Date>| value.map(|d| d.to_string()).unwrap_or_default();
    let temporal = meta.temporal.as_ref();
    let mut formats: Vec<String> = Vec::new();
    for format in dataset.resources.iter().filter_map(|r| r.format.as_deref()) {
        let format = crate::util::text::slugify(format);
        if !format.is_empty() && !formats.contains(&format) {
            formats.push(format);
        }
    }
    let mut keywords: Vec<String> = Vec::new();
    for keyword in &meta.keywords {
        let keyword = crate::util::text::slugify(keyword);
        if !keyword.is_empty() && !keywords.contains(&keyword) {
            keywords.push(keyword);
        }
    }
    [
        authority.title.clone(),
        text(authority.siret.as_deref()),
        meta.slug.clone(),
        meta.title.clone(),
        super::dcat::description(dataset),
        meta.themes
            .iter()
            .map(|code| lang.data_theme(code))
            .collect::<Vec<_>>()
            .join(";"),
        publisher.title.clone(),
        text(publisher.siret.as_deref()),
        mesh(territory.kind.unwrap_or(portal.config.authority.kind)).to_string(),
        meta.spatial
            .as_ref()
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| territory.title.clone()),
        date(temporal.and_then(|t| t.start).map(|d| d.first_day())),
        date(temporal.and_then(|t| t.end).map(|d| d.last_day())),
        date(meta.created.map(|d| d.first_day())),
        frequency(meta.frequency).to_string(),
        date(dataset.updated().map(|d| d.first_day())),
        keywords.join(";"),
        text(dataset.licence.map(|l| l.scdl_family)),
        dataset.resources.len().to_string(),
        formats.join(";"),
        public_url(Some(base), &dataset.path),
    ]
}

/// `COUV_SPAT_MAILLE`: a portal publishes its authority's data, which
/// covers the authority's territory.
fn mesh(kind: AuthorityKind) -> &'static str {
    match kind {
        AuthorityKind::Commune => "Communale",
        AuthorityKind::Epci => "Intercommunale",
        AuthorityKind::Departement => "Départementale",
        AuthorityKind::Region => "Régionale",
        AuthorityKind::Other => "Autre",
    }
}

/// `FREQ_MAJ` of an EU frequency code. The schema's labels promise an
/// update at least that often (`Mensuelle ou plusieurs fois par mois`), so
/// a code between two labels takes the less frequent one: every two hours
/// is daily, three times a year is half-yearly, every four years is
/// five-yearly. No label is rarer than five years, nor says "other".
pub(crate) fn frequency(code: Option<&str>) -> &'static str {
    match code.unwrap_or("UNKNOWN") {
        "UNKNOWN" => "Inconnue",
        "NEVER" => "Ponctuelle",
        "CONT" | "UPDATE_CONT" => "Continuelle",
        "HOURLY" => "Toutes les heures",
        "BIHOURLY" | "TRIHOURLY" | "DAILY" | "DAILY_2" => "Quotidienne ou plusieurs fois par jour",
        "WEEKLY" | "WEEKLY_2" | "WEEKLY_3" => "Hebdomadaire ou plusieurs fois par semaine",
        "BIWEEKLY" | "MONTHLY" | "MONTHLY_2" | "MONTHLY_3" => {
            "Mensuelle ou plusieurs fois par mois"
        }
        "BIMONTHLY" => "Bimestrielle",
        "QUARTERLY" => "Trimestrielle",
        "ANNUAL_2" | "ANNUAL_3" => "Semestrielle",
        "ANNUAL" => "Annuelle",
        "BIENNIAL" => "Biennale",
        "TRIENNIAL" => "Triennale",
        "QUADRENNIAL" | "QUINQUENNIAL" => "Quinquennale",
        _ => "Irrégulière",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_frequency_and_licence_has_a_label() {
        let labels = [
            "Inconnue",
            "Ponctuelle",
            "Irrégulière",
            "Continuelle",
            "Toutes les heures",
            "Quotidienne ou plusieurs fois par jour",
            "Hebdomadaire ou plusieurs fois par semaine",
            "Mensuelle ou plusieurs fois par mois",
            "Bimestrielle",
            "Trimestrielle",
            "Semestrielle",
            "Annuelle",
            "Biennale",
            "Triennale",
            "Quinquennale",
        ];
        let codes = [
            "TRIDECENNIAL",
            "BIDECENNIAL",
            "DECENNIAL",
            "QUINQUENNIAL",
            "QUADRENNIAL",
            "TRIENNIAL",
            "BIENNIAL",
            "ANNUAL",
            "ANNUAL_2",
            "ANNUAL_3",
            "QUARTERLY",
            "BIMONTHLY",
            "MONTHLY",
            "MONTHLY_2",
            "MONTHLY_3",
            "BIWEEKLY",
            "WEEKLY",
            "WEEKLY_2",
            "WEEKLY_3",
            "DAILY",
            "DAILY_2",
            "TRIHOURLY",
            "BIHOURLY",
            "HOURLY",
            "CONT",
            "UPDATE_CONT",
            "IRREG",
            "NEVER",
            "OTHER",
            "UNKNOWN",
        ];
        for code in codes {
            assert_eq!(crate::vocab::frequency(code), Some(code), "{code}");
            assert!(labels.contains(&frequency(Some(code))), "{code}");
        }
        assert_eq!(frequency(None), "Inconnue");
        assert_eq!(frequency(Some("ANNUAL_3")), "Semestrielle");
        for licence_ in crate::vocab::LICENCES {
            assert!(
                [
                    "Licence Ouverte-LO",
                    "Open Database License-ODBL",
                    "Creative Commons-CC",
                    "Spécifique ou autre"
                ]
                .contains(&licence_.scdl_family)
            );
        }
        assert_eq!(
            crate::vocab::licence("pddl-1.0").unwrap().scdl_family,
            "Spécifique ou autre"
        );
    }
}
