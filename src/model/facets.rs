//! Facets: the ways a reader narrows the catalog down (theme, keyword,
//! publisher, format, licence, update frequency, spatial coverage), each
//! value with the datasets that have it. The static facet pages and the
//! search index's filters are both built from here, so a count on a page
//! and a count in search results cannot disagree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Dataset, Organization};
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
    // slug → (spellings and how often each is written, datasets)
    let mut found: BTreeMap<String, (BTreeMap<String, usize>, Vec<usize>)> = BTreeMap::new();
    for (i, dataset) in datasets.iter().enumerate() {
        for label in labels(kind, dataset, organizations) {
            let slug = match kind {
                FacetKind::Theme | FacetKind::Frequency => label.to_ascii_lowercase(),
                FacetKind::Organization => organizations[dataset.publisher].slug.clone(),
                FacetKind::Licence => dataset
                    .licence
                    .map(|l| l.id.to_string())
                    .unwrap_or_default(),
                FacetKind::Keyword | FacetKind::Format | FacetKind::Spatial => slugify(&label),
            };
            if slug.is_empty() {
                continue;
            }
            let (spellings, indices) = found.entry(slug).or_default();
            *spellings.entry(label).or_default() += 1;
            if indices.last() != Some(&i) {
                indices.push(i);
            }
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
            FacetValue { slug, label, datasets }
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
