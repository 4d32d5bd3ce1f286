//! Facets: the ways a reader narrows the catalog down (theme, keyword,
//! publisher, format, licence, update frequency, spatial coverage), each
//! value with the datasets that have it. The static facet pages and the
//! search index's filters are both built from here, so a count on a page
//! and a count in search results cannot disagree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Dataset, Organization, paths};
use crate::util::text::slugify;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetKind {
    Theme,
    Keyword,
    Organization,
    Format,
    Licence,
    Frequency,
    Spatial,
}

impl FacetKind {
    /// In the order readers see them.
    pub const ALL: [FacetKind; 7] = [
        FacetKind::Theme,
        FacetKind::Organization,
        FacetKind::Keyword,
        FacetKind::Format,
        FacetKind::Licence,
        FacetKind::Frequency,
        FacetKind::Spatial,
    ];

    /// Its name in site paths and in search addresses (`?theme=ECON`).
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Theme => "theme",
            FacetKind::Keyword => "keyword",
            FacetKind::Organization => "organization",
            FacetKind::Format => "format",
            FacetKind::Licence => "licence",
            FacetKind::Frequency => "frequency",
            FacetKind::Spatial => "spatial",
        }
    }

    /// Site path of the page listing the kind's values. Themes and
    /// organizations had their pages before facets existed; they keep them.
    pub fn index_path(self) -> String {
        match self {
            FacetKind::Theme => paths::THEMES.to_string(),
            FacetKind::Organization => paths::ORGANIZATIONS.to_string(),
            other => paths::facet_index(other.key()),
        }
    }

    /// Site path of the first page listing the datasets of a value.
    pub fn value_path(self, slug: &str, label: &str) -> String {
        match self {
            FacetKind::Theme => paths::theme(label),
            FacetKind::Organization => paths::organization(slug),
            other => paths::facet_value(other.key(), slug),
        }
    }

    /// Whether the value pages are the facet's own, rather than the theme
    /// and organization pages.
    pub fn has_own_pages(self) -> bool {
        !matches!(self, FacetKind::Theme | FacetKind::Organization)
    }

    /// The slug a value written `label` in a dataset gets, so that dataset
    /// pages can link to the value's page without looking it up.
    pub fn slug_of(self, label: &str) -> String {
        match self {
            // Codes and identifiers, already address-safe but for the case
            // (`ANNUAL_2` gives `annual-2`, as theme folders do).
            FacetKind::Theme | FacetKind::Frequency | FacetKind::Licence => {
                label.trim().to_ascii_lowercase().replace('_', "-")
            }
            _ => slugify(label.trim()),
        }
    }
}

pub struct Facet {
    pub kind: FacetKind,
    /// By slug.
    pub values: Vec<FacetValue>,
}

pub struct FacetValue {
    /// Names the value in site paths and search addresses: the theme or
    /// frequency code in lower case, the organization's slug, the licence
    /// id, or the slug of what editors wrote (keyword, format, place).
    pub slug: String,
    /// The code behind a theme or frequency, which readers see translated
    /// into their language; else what editors wrote (the most common
    /// spelling of a keyword), the organization's title or the licence's.
    pub label: String,
    /// Indices in [`super::Portal::datasets`], ascending, without repeats.
    pub datasets: Vec<usize>,
    /// Site path of the first page listing its datasets.
    pub path: String,
}

/// Every facet of the catalog, in [`FacetKind::ALL`] order; a facet no
/// dataset has is left out.
pub fn facets(datasets: &[Dataset], organizations: &[Organization]) -> Vec<Facet> {
    FacetKind::ALL
        .into_iter()
        .map(|kind| Facet { kind, values: values(kind, datasets, organizations) })
        .filter(|facet| !facet.values.is_empty())
        .collect()
}

fn values(
    kind: FacetKind,
    datasets: &[Dataset],
    organizations: &[Organization],
) -> Vec<FacetValue> {
    let entries = datasets.iter().enumerate().flat_map(|(i, dataset)| {
        labels(kind, dataset, organizations)
            .into_iter()
            .map(move |label| {
                let slug = match kind {
                    FacetKind::Organization => organizations[dataset.publisher].slug.clone(),
                    FacetKind::Licence => dataset
                        .licence
                        .map(|l| kind.slug_of(l.id))
                        .unwrap_or_default(),
                    _ => kind.slug_of(&label),
                };
                (i, slug, label)
            })
    });
    group(kind, entries)
}

/// Gathers `(dataset, slug, label)` entries into values, by slug: the
/// spellings of a slug fold into one value, labelled with the most written
/// spelling, and a dataset that has a value twice counts once.
fn group(
    kind: FacetKind,
    entries: impl IntoIterator<Item = (usize, String, String)>,
) -> Vec<FacetValue> {
    // slug → (spellings and how often each is written, datasets)
    let mut found: BTreeMap<String, (BTreeMap<String, usize>, Vec<usize>)> = BTreeMap::new();
    for (i, slug, label) in entries {
        if slug.is_empty() {
            continue;
        }
        let (spellings, indices) = found.entry(slug).or_default();
        *spellings.entry(label).or_default() += 1;
        // Entries come dataset by dataset, so a repeat is always the last.
        if indices.last() != Some(&i) {
            indices.push(i);
        }
    }
    found
        .into_iter()
        .map(|(slug, (spellings, datasets))| {
            // The most written spelling; among equals, the first in order.
            let label = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(label, _)| label.clone())
                .unwrap_or_default();
            let path = kind.value_path(&slug, &label);
            FacetValue { slug, label, datasets, path }
        })
        .collect()
}

/// What `dataset` has for `kind`, as written or as a code.
fn labels(kind: FacetKind, dataset: &Dataset, organizations: &[Organization]) -> Vec<String> {
    let meta = &dataset.meta;
    match kind {
        FacetKind::Theme => meta.themes.iter().map(|c| c.to_string()).collect(),
        FacetKind::Keyword => meta
            .keywords
            .iter()
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect(),
        FacetKind::Organization => vec![organizations[dataset.publisher].title.clone()],
        FacetKind::Format => dataset
            .resources
            .iter()
            .filter_map(|r| r.format.as_deref())
            .map(|f| f.trim().to_uppercase())
            .filter(|f| !f.is_empty())
            .collect(),
        FacetKind::Licence => dataset
            .licence
            .map(|l| l.title.to_string())
            .into_iter()
            .collect(),
        FacetKind::Frequency => meta.frequency.map(str::to_string).into_iter().collect(),
        FacetKind::Spatial => meta
            .spatial
            .as_ref()
            .and_then(|s| {
                s.name
                    .clone()
                    .or_else(|| (!s.insee.is_empty()).then(|| s.insee.join(", ")))
            })
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(dataset: usize, label: &str) -> (usize, String, String) {
        (
            dataset,
            FacetKind::Keyword.slug_of(label),
            label.to_string(),
        )
    }

    #[test]
    fn keyword_spellings_fold_into_the_most_written() {
        let values = group(
            FacetKind::Keyword,
            [
                entry(0, "Établissements scolaires"),
                entry(1, "etablissements scolaires"),
                entry(2, "Établissements scolaires"),
                entry(2, "Budget"),
            ],
        );
        assert_eq!(values.len(), 2);
        let schools = values
            .iter()
            .find(|v| v.slug == "etablissements-scolaires")
            .unwrap();
        assert_eq!(schools.label, "Établissements scolaires");
        assert_eq!(schools.datasets, vec![0, 1, 2]);
        assert_eq!(
            schools.path,
            "catalog/keyword/etablissements-scolaires/index.html"
        );
    }

    #[test]
    fn equal_spellings_take_the_first_in_order() {
        let values = group(FacetKind::Keyword, [entry(0, "voirie"), entry(1, "Voirie")]);
        assert_eq!(values[0].label, "Voirie");
    }

    #[test]
    fn a_dataset_counts_once_per_value() {
        let values = group(
            FacetKind::Keyword,
            [
                entry(0, "Eau"),
                entry(0, "eau"),
                entry(0, "EAU"),
                entry(3, "eau"),
            ],
        );
        assert_eq!(values.len(), 1);
        assert_eq!(values[0].datasets, vec![0, 3]);
    }

    #[test]
    fn values_without_a_slug_are_left_out() {
        let values = group(FacetKind::Keyword, [entry(0, "!!!"), entry(1, "")]);
        assert!(values.is_empty());
    }

    #[test]
    fn facets_no_dataset_has_are_left_out() {
        assert!(facets(&[], &[]).is_empty());
    }

    #[test]
    fn themes_and_organizations_keep_their_pages() {
        assert_eq!(
            FacetKind::Theme.value_path("econ", "ECON"),
            "themes/econ/index.html"
        );
        assert_eq!(
            FacetKind::Organization.value_path("ccas", "CCAS"),
            "organizations/ccas/index.html"
        );
        assert_eq!(FacetKind::Format.index_path(), "catalog/format/index.html");
        assert_eq!(FacetKind::Theme.index_path(), "themes/index.html");
    }
}
