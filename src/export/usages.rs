//! `api/usages.json`: the register of what each dataset is used for and of
//! the algorithms datasets feed, for machines. Part of the static API
//! contract of `docs/api.md`: keywords are the front matter's (never the
//! interface language's words), and fields are only ever added.

use serde::Serialize;

use crate::model::{Dataset, Portal};
use crate::util::url::public_url;
use crate::validate::{Algorithm, Reach, Usage};

#[derive(Serialize)]
pub struct Register<'a> {
    datasets: Vec<DatasetUsage<'a>>,
    algorithms: Vec<AlgorithmJson<'a>>,
}

#[derive(Serialize)]
struct DatasetUsage<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    /// Whether the dataset has a `usage` section.
    declared: bool,
    purpose: Option<&'a str>,
    decisions: &'a [String],
    legal_basis: Option<LegalBasisJson<'a>>,
    personal_data: Option<&'static str>,
    personal_data_category: Option<&'a str>,
    personal_columns: Vec<PersonalColumn<'a>>,
    retention: Option<&'a str>,
    recipients: &'a [String],
    collected_by: Option<&'a str>,
    maintained_by: Option<&'a str>,
    questions: Questions,
    /// EU frequency code.
    frequency: Option<&'static str>,
    /// The dataset's contact point (its own, else the portal's).
    contact: Option<Contact<'a>>,
}

#[derive(Serialize)]
struct LegalBasisJson<'a> {
    kind: Option<&'static str>,
    reference: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct PersonalColumn<'a> {
    column: &'a str,
    justification: &'a str,
}

#[derive(Serialize)]
struct Questions {
    /// Where to ask: the section's `questions.contact`, else the dataset's
    /// contact point.
    contact: Option<ReachJson>,
    dpo: Option<ReachJson>,
}

#[derive(Serialize)]
struct ReachJson {
    email: Option<String>,
    url: Option<String>,
}

#[derive(Serialize)]
struct Contact<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct AlgorithmJson<'a> {
    /// Slug of the dataset that declares it.
    dataset: &'a str,
    dataset_url: String,
    name: &'a str,
    purpose: Option<&'a str>,
    automation: Option<&'static str>,
    rules: Option<&'a str>,
    data: Option<&'a str>,
    human_oversight: Option<&'a str>,
    contest: Option<&'a str>,
    url: Option<&'a str>,
    /// The dataset's legal basis.
    legal_basis: Option<LegalBasisJson<'a>>,
    /// The responsible organization.
    organization: Organization<'a>,
    /// The service that runs it: `maintained_by`, else `collected_by`.
    department: Option<&'a str>,
    contact: Option<ReachJson>,
    /// Last update of the dataset's metadata.
    modified: Option<String>,
}

#[derive(Serialize)]
struct Organization<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
}

/// The register, datasets in slug order as in `api/catalog.json`.
pub fn register(portal: &Portal) -> Register<'_> {
    let base = portal.config.base_url.as_deref();
    let mut algorithms = Vec::new();
    let datasets = portal
        .datasets
        .iter()
        .map(|dataset| {
            let usage = dataset.meta.usage.as_ref();
            if let Some(algorithm) = usage.and_then(|u| u.algorithm.as_ref()) {
                algorithms.push(algorithm_json(portal, dataset, algorithm, base));
            }
            dataset_usage(dataset, usage, base)
        })
        .collect();
    Register { datasets, algorithms }
}

fn dataset_usage<'a>(
    dataset: &'a Dataset,
    usage: Option<&'a Usage>,
    base: Option<&str>,
) -> DatasetUsage<'a> {
    let meta = &dataset.meta;
    DatasetUsage {
        slug: &meta.slug,
        title: &meta.title,
        url: public_url(base, &dataset.path),
        declared: usage.is_some(),
        purpose: usage.and_then(|u| u.purpose.as_deref()),
        decisions: usage.map_or(&[], |u| u.decisions.as_slice()),
        legal_basis: usage.and_then(legal_basis),
        personal_data: usage.and_then(|u| u.personal_data).map(|p| p.id()),
        personal_data_category: usage.and_then(|u| u.personal_data_category.as_deref()),
        personal_columns: usage
            .map(|u| {
                u.personal_columns
                    .iter()
                    .map(|(column, justification)| PersonalColumn { column, justification })
                    .collect()
            })
            .unwrap_or_default(),
        retention: usage.and_then(|u| u.retention.as_deref()),
        recipients: usage.map_or(&[], |u| u.recipients.as_slice()),
        collected_by: usage.and_then(|u| u.collected_by.as_deref()),
        maintained_by: usage.and_then(|u| u.maintained_by.as_deref()),
        questions: Questions {
            contact: questions_contact(dataset),
            dpo: usage.and_then(|u| u.questions.dpo.as_ref()).map(reach),
        },
        frequency: meta.frequency,
        contact: dataset.contact.as_ref().map(|c| Contact {
            name: c.name.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            url: c.url.as_deref(),
        }),
    }
}

fn legal_basis(usage: &Usage) -> Option<LegalBasisJson<'_>> {
    usage.legal_basis.as_ref().map(|b| LegalBasisJson {
        kind: b.kind.map(|k| k.id()),
        reference: b.reference.as_deref(),
        url: b.url.as_deref(),
    })
}

fn questions_contact(dataset: &Dataset) -> Option<ReachJson> {
    let declared = dataset
        .meta
        .usage
        .as_ref()
        .and_then(|u| u.questions.contact.as_ref());
    match declared {
        Some(r) => Some(reach(r)),
        None => dataset
            .contact
            .as_ref()
            .filter(|c| c.email.is_some() || c.url.is_some())
            .map(|c| ReachJson { email: c.email.clone(), url: c.url.clone() }),
    }
}

fn reach(reach: &Reach) -> ReachJson {
    match reach {
        Reach::Email(email) => ReachJson { email: Some(email.clone()), url: None },
        Reach::Web(url) => ReachJson { email: None, url: Some(url.clone()) },
    }
}

fn algorithm_json<'a>(
    portal: &'a Portal,
    dataset: &'a Dataset,
    algorithm: &'a Algorithm,
    base: Option<&str>,
) -> AlgorithmJson<'a> {
    let usage = dataset.meta.usage.as_ref();
    let publisher = &portal.organizations[dataset.publisher];
    AlgorithmJson {
        dataset: &dataset.meta.slug,
        dataset_url: public_url(base, &dataset.path),
        name: &algorithm.name,
        purpose: algorithm.purpose.as_deref(),
        automation: algorithm.automation.map(|a| a.id()),
        rules: algorithm.rules.as_deref(),
        data: algorithm.data.as_deref(),
        human_oversight: algorithm.human_oversight.as_deref(),
        contest: algorithm.contest.as_deref(),
        url: algorithm.url.as_deref(),
        legal_basis: usage.and_then(legal_basis),
        organization: Organization {
            slug: &publisher.slug,
            title: &publisher.title,
            url: public_url(base, &publisher.path),
        },
        department: usage.and_then(|u| u.maintained_by.as_deref().or(u.collected_by.as_deref())),
        contact: questions_contact(dataset),
        modified: dataset.updated().map(|d| d.to_string()),
    }
}
