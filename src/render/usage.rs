//! Views of what datasets are used for: the plain-language block of a
//! dataset page ("À quoi servent ces données ?") and the portal's register
//! of datasets, personal columns and algorithms.
//!
//! Everything a non-specialist reads is written here in the interface
//! language: keywords of the front matter (`legal-obligation`,
//! `pseudonymised`…) become sentences, and no acronym is left unexplained.

use serde::Serialize;

use super::markdown::{self, LinkContext};
use super::views::{DateView, Link, Views};
use crate::model::{Dataset, Organization, paths};
use crate::util::url::encode_path;
use crate::validate::{
    Algorithm, Automation, Contact, LegalBasis, LegalBasisKind, PersonalData, Reach, Usage,
};

/// Where the CNIL takes complaints.
pub const CNIL_COMPLAINTS: &str = "https://www.cnil.fr/fr/plaintes";

/// The block of a dataset page.
#[derive(Debug, Serialize)]
pub struct UsageView {
    /// Whether the dataset has a `usage` section; when it has none, the
    /// block says so (`t.usage_missing`) and lists the fields all the same.
    pub declared: bool,
    /// Why the data is collected; `None` when the section does not say.
    pub purpose: Option<String>,
    pub decisions: Vec<String>,
    pub legal_basis: Option<LegalBasisView>,
    /// Who collects, who maintains, how long, who receives: label and values.
    pub handling: Vec<FactView>,
    /// `None` when the section does not say (`t.personal_data_unstated`).
    pub personal_data: Option<PersonalDataView>,
    /// For data about people that can be recognised: their rights.
    pub rights: Option<RightsView>,
    pub algorithm: Option<AlgorithmView>,
    /// The columns of the dataset's tables, each with its reason if given.
    pub fields: Vec<FieldView>,
    /// "Ce jeu de données publie 7 colonnes." (`None` without tables.)
    pub fields_text: Option<String>,
    /// The columns with no reason, and the sentence that introduces them.
    pub unexplained: Vec<String>,
    pub unexplained_text: Option<String>,
    /// Whom to ask: the section's `questions.contact`, else the dataset's.
    pub contact: Option<ReachView>,
    /// The data protection officer.
    pub dpo: Option<ReachView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegalBasisView {
    /// The keyword (`legal-obligation`), for styling.
    pub kind: Option<String>,
    /// Short label (`Obligation légale`).
    pub label: Option<String>,
    /// The kind in a sentence.
    pub explanation: Option<String>,
    pub reference: Option<String>,
    pub external_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub label: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonalDataView {
    /// The keyword (`published-by-law`), for styling.
    pub status: String,
    /// Short label, for tables.
    pub label: String,
    /// The status in sentences.
    pub explanation: String,
    /// The category of CRPA article D312-1-3, in a sentence.
    pub category: Option<String>,
    pub columns: Vec<PersonalColumnView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonalColumnView {
    pub name: String,
    pub justification: String,
}

#[derive(Debug, Serialize)]
pub struct RightsView {
    /// Each right in a sentence, its legal name in brackets.
    pub rights: Vec<String>,
    /// When the law imposes the processing, some rights may not apply.
    pub limits: Option<String>,
    pub cnil_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlgorithmView {
    pub name: String,
    pub purpose: Option<String>,
    /// Short label of the degree of automation, for tables.
    pub automation_label: Option<String>,
    /// The degree of automation in a sentence.
    pub automation: Option<String>,
    pub rules: Option<String>,
    pub data: Option<String>,
    pub human_oversight: Option<String>,
    pub contest: Option<String>,
    pub external_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FieldView {
    pub name: String,
    pub why: String,
}

/// An e-mail address or a web address to write to.
#[derive(Debug, Clone, Serialize)]
pub struct ReachView {
    pub name: Option<String>,
    /// What the link shows: the address.
    pub text: String,
    /// `mailto:…` or the web address.
    pub external_url: String,
}

/// `usages/index.html`.
#[derive(Debug, Serialize)]
pub struct RegisterView {
    /// The body of `pages/engagements.md`, when the portal has one.
    pub engagements_html: Option<String>,
    pub datasets: Vec<RegisterRow>,
    /// "3 jeux de données sur 10 n'expliquent pas encore…", when some do not.
    pub undeclared_text: Option<String>,
    pub personal_columns: Vec<PersonalColumnRow>,
    pub algorithms: Vec<AlgorithmEntry>,
}

#[derive(Debug, Serialize)]
pub struct RegisterRow {
    pub dataset: Link,
    pub purpose: Option<String>,
    pub legal_basis: Option<LegalBasisView>,
    pub personal_data: Option<String>,
    pub frequency: Option<String>,
    pub contact: Option<ReachView>,
}

#[derive(Debug, Serialize)]
pub struct PersonalColumnRow {
    pub dataset: Link,
    pub column: String,
    pub justification: String,
}

/// An algorithm with what the Etalab inventory and the Algorithmic
/// Transparency Standard ask for besides its own fields.
#[derive(Debug, Serialize)]
pub struct AlgorithmEntry {
    /// Unique in the page, for `id` attributes.
    pub anchor: String,
    pub algorithm: AlgorithmView,
    pub dataset: Link,
    /// The responsible organization.
    pub organization: Link,
    /// The service that runs it (`maintained_by`, else `collected_by`).
    pub department: Option<String>,
    pub legal_basis: Option<LegalBasisView>,
    pub contact: Option<ReachView>,
    pub updated: Option<DateView>,
}

impl Views<'_> {
    /// The block "À quoi servent ces données ?" of a dataset page.
    pub fn usage(&self, dataset: &Dataset) -> UsageView {
        let lang = self.lang;
        let usage = dataset.meta.usage.as_ref();
        let (fields, unexplained, total) = self.fields(dataset);
        let mut handling = Vec::new();
        if let Some(usage) = usage {
            let mut fact = |key: &str, values: Vec<String>| {
                if !values.is_empty() {
                    handling.push(FactView { label: lang.t(key).to_string(), values });
                }
            };
            fact(
                "usage_collected_by",
                usage.collected_by.iter().cloned().collect(),
            );
            fact(
                "usage_maintained_by",
                usage.maintained_by.iter().cloned().collect(),
            );
            fact("usage_retention", usage.retention.iter().cloned().collect());
            fact("usage_recipients", usage.recipients.clone());
        }
        let status = usage.and_then(|u| u.personal_data);
        UsageView {
            declared: usage.is_some(),
            purpose: usage.and_then(|u| u.purpose.clone()),
            decisions: usage.map(|u| u.decisions.clone()).unwrap_or_default(),
            legal_basis: usage
                .and_then(|u| u.legal_basis.as_ref())
                .map(|b| self.legal_basis(b)),
            handling,
            personal_data: usage.and_then(|u| self.personal_data(u)),
            rights: status.filter(|s| s.concerns_people()).map(|_| {
                let kind = usage
                    .and_then(|u| u.legal_basis.as_ref())
                    .and_then(|b| b.kind);
                self.rights(status, kind)
            }),
            algorithm: usage
                .and_then(|u| u.algorithm.as_ref())
                .map(|a| self.algorithm(a)),
            fields_text: (total > 0).then(|| lang.count("usage_fields_count", total as u64)),
            unexplained_text: (!unexplained.is_empty()).then(|| {
                let key = if unexplained.len() == total {
                    "usage_unexplained_all"
                } else {
                    "usage_unexplained"
                };
                lang.count(key, unexplained.len() as u64)
            }),
            fields,
            unexplained,
            contact: self.questions_contact(dataset),
            dpo: usage.and_then(|u| u.questions.dpo.as_ref()).map(reach),
        }
    }

    /// The columns of the dataset's tables, in order, each once (names
    /// compared without case), split into those with a reason and those
    /// without; and how many there are.
    fn fields(&self, dataset: &Dataset) -> (Vec<FieldView>, Vec<String>, usize) {
        let mut seen: Vec<String> = Vec::new();
        let mut explained = Vec::new();
        let mut unexplained = Vec::new();
        for resource in &dataset.resources {
            let Some(profile) = &resource.profile else {
                continue;
            };
            for column in profile.tables.iter().flat_map(|t| &t.columns) {
                let folded = column.name.to_lowercase();
                if column.name.trim().is_empty() || seen.contains(&folded) {
                    continue;
                }
                seen.push(folded);
                match self.why_collected(resource, &dataset.meta.why, &column.name) {
                    Some(why) => explained.push(FieldView { name: column.name.clone(), why }),
                    None => unexplained.push(column.name.clone()),
                }
            }
        }
        (explained, unexplained, seen.len())
    }

    fn questions_contact(&self, dataset: &Dataset) -> Option<ReachView> {
        let declared = dataset
            .meta
            .usage
            .as_ref()
            .and_then(|u| u.questions.contact.as_ref());
        match declared {
            Some(r) => Some(reach(r)),
            None => dataset.contact.as_ref().and_then(contact_reach),
        }
    }

    pub fn legal_basis(&self, basis: &LegalBasis) -> LegalBasisView {
        let key = |kind: LegalBasisKind| format!("legal_basis_{}", kind.id().replace('-', "_"));
        LegalBasisView {
            kind: basis.kind.map(|k| k.id().to_string()),
            label: basis.kind.map(|k| self.lang.t(&key(k)).to_string()),
            explanation: basis
                .kind
                .map(|k| self.lang.t(&format!("{}_text", key(k))).to_string()),
            reference: basis.reference.clone(),
            external_url: basis.url.clone(),
        }
    }

    fn personal_data(&self, usage: &Usage) -> Option<PersonalDataView> {
        let status = usage.personal_data?;
        let key = format!("personal_data_{}", status.id().replace('-', "_"));
        Some(PersonalDataView {
            status: status.id().to_string(),
            label: self.lang.t(&key).to_string(),
            explanation: self.lang.t(&format!("{key}_text")).to_string(),
            category: usage
                .personal_data_category
                .as_ref()
                .filter(|_| status == PersonalData::PublishedByLaw)
                // The sentence has its own full stop.
                .map(|c| c.trim_end().trim_end_matches('.'))
                .map(|c| {
                    self.lang
                        .t("personal_data_category")
                        .replace("{category}", c)
                }),
            columns: usage
                .personal_columns
                .iter()
                .map(|(name, justification)| PersonalColumnView {
                    name: name.clone(),
                    justification: justification.clone(),
                })
                .collect(),
        })
    }

    fn rights(&self, status: Option<PersonalData>, kind: Option<LegalBasisKind>) -> RightsView {
        let lang = self.lang;
        let mut rights: Vec<String> = [
            "right_access",
            "right_rectification",
            "right_erasure",
            "right_restriction",
        ]
        .iter()
        .map(|k| lang.t(k).to_string())
        .collect();
        // GDPR article 20: portability only for consent and contracts;
        // article 21: objection not to processing the law imposes, and
        // consent is withdrawn rather than objected to.
        match kind {
            Some(LegalBasisKind::Consent) => {
                rights.push(lang.t("right_portability").to_string());
                rights.push(lang.t("right_withdraw").to_string());
            }
            Some(LegalBasisKind::Contract) => rights.push(lang.t("right_portability").to_string()),
            _ => rights.push(lang.t("right_objection").to_string()),
        }
        let imposed = status == Some(PersonalData::PublishedByLaw)
            || kind == Some(LegalBasisKind::LegalObligation);
        RightsView {
            rights,
            limits: imposed.then(|| lang.t("rights_limits").to_string()),
            cnil_url: CNIL_COMPLAINTS.to_string(),
        }
    }

    pub fn algorithm(&self, algorithm: &Algorithm) -> AlgorithmView {
        let key = |a: Automation| format!("automation_{}", a.id().replace('-', "_"));
        AlgorithmView {
            name: algorithm.name.clone(),
            purpose: algorithm.purpose.clone(),
            automation_label: algorithm
                .automation
                .map(|a| self.lang.t(&key(a)).to_string()),
            automation: algorithm
                .automation
                .map(|a| self.lang.t(&format!("{}_text", key(a))).to_string()),
            rules: algorithm.rules.clone(),
            data: algorithm.data.clone(),
            human_oversight: algorithm.human_oversight.clone(),
            contest: algorithm.contest.clone(),
            external_url: algorithm.url.clone(),
        }
    }

    /// The register page: the authority's commitments, then every
    /// dataset, the declared personal columns and the algorithms.
    /// The register of the whole portal, or of the datasets one
    /// organization publishes (whose own page it is).
    pub fn register(&self, scope: Option<&Organization>) -> RegisterView {
        let portal = self.portal;
        let page = match scope {
            Some(organization) => paths::organization_usages(&organization.slug),
            None => paths::USAGES.to_string(),
        };
        // The commitments are the authority's.
        let engagements_html = portal
            .engagements()
            .filter(|_| scope.is_none_or(|o| o.is_authority))
            .map(|engagements| {
                markdown::to_html(
                    engagements.meta.doc.body(),
                    &LinkContext::of(portal, &engagements.meta.doc.path, &page),
                )
            });
        let order = match scope {
            Some(organization) => self.by_title(organization.datasets.iter().copied()),
            None => self.by_title(0..portal.datasets.len()),
        };
        let mut datasets = Vec::new();
        let mut personal_columns = Vec::new();
        let mut algorithms = Vec::new();
        let mut undeclared = 0;
        for &i in &order {
            let dataset = &portal.datasets[i];
            let usage = dataset.meta.usage.as_ref();
            let link = Link {
                title: dataset.meta.title.clone(),
                url: encode_path(&dataset.path),
            };
            if usage.is_none() {
                undeclared += 1;
            }
            let legal_basis = usage
                .and_then(|u| u.legal_basis.as_ref())
                .map(|b| self.legal_basis(b));
            let contact = self.questions_contact(dataset);
            datasets.push(RegisterRow {
                dataset: link.clone(),
                purpose: usage.and_then(|u| u.purpose.clone()),
                legal_basis: legal_basis.clone(),
                personal_data: usage.and_then(|u| self.personal_data(u)).map(|p| p.label),
                frequency: dataset.meta.frequency.map(|f| self.lang.frequency(f)),
                contact: contact.clone(),
            });
            let Some(usage) = usage else { continue };
            for (column, justification) in &usage.personal_columns {
                personal_columns.push(PersonalColumnRow {
                    dataset: link.clone(),
                    column: column.clone(),
                    justification: justification.clone(),
                });
            }
            if let Some(algorithm) = &usage.algorithm {
                let publisher = &portal.organizations[dataset.publisher];
                algorithms.push(AlgorithmEntry {
                    anchor: format!(
                        "algorithm-{}",
                        crate::util::text::slugify(&format!(
                            "{} {}",
                            dataset.meta.slug, algorithm.name
                        ))
                    ),
                    algorithm: self.algorithm(algorithm),
                    dataset: link.clone(),
                    organization: Link {
                        title: publisher.title.clone(),
                        url: encode_path(&publisher.path),
                    },
                    department: usage
                        .maintained_by
                        .clone()
                        .or_else(|| usage.collected_by.clone()),
                    legal_basis,
                    contact,
                    updated: self.date(dataset.updated()),
                });
            }
        }
        RegisterView {
            engagements_html,
            undeclared_text: (undeclared > 0).then(|| {
                self.lang
                    .count("register_undeclared", undeclared)
                    .replace("{total}", &self.lang.integer(order.len() as u64))
            }),
            datasets,
            personal_columns,
            algorithms,
        }
    }
}

pub(super) fn reach(reach: &Reach) -> ReachView {
    match reach {
        Reach::Email(address) => ReachView {
            name: None,
            text: address.clone(),
            external_url: format!("mailto:{address}"),
        },
        Reach::Web(url) => ReachView { name: None, text: url.clone(), external_url: url.clone() },
    }
}

/// A contact point as an address to write to: its e-mail, else its page.
fn contact_reach(contact: &Contact) -> Option<ReachView> {
    let address = contact
        .email
        .as_ref()
        .map(|e| Reach::Email(e.clone()))
        .or_else(|| contact.url.as_ref().map(|u| Reach::Web(u.clone())))?;
    Some(ReachView { name: contact.name.clone(), ..reach(&address) })
}
