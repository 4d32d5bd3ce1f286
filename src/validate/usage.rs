//! The `usage` section of a dataset, checked: why the data is collected,
//! on what legal basis, whether it holds personal data and whom to ask.
//! It carries what GDPR articles 13 and 14 ask an authority to tell the
//! people concerned, and, for data that feeds an algorithm used for
//! individual decisions, what CRPA articles L311-3-1 and L312-1-3 ask it
//! to publish. Keywords are kept as enums so that templates and the API
//! never see a value the docs do not explain.

use std::collections::BTreeMap;

pub use crate::config::Reach;

use super::{Checker, web_url};
use crate::diagnostics::Diagnostic;
use crate::load::Document;
use crate::load::raw::{RawAlgorithm, RawLegalBasis, RawQuestions, RawUsage};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Why the data is collected.
    pub purpose: Option<String>,
    /// What decisions or services it feeds.
    pub decisions: Vec<String>,
    pub legal_basis: Option<LegalBasis>,
    pub collected_by: Option<String>,
    pub maintained_by: Option<String>,
    pub personal_data: Option<PersonalData>,
    /// The category of CRPA article D312-1-3 (décret 2018-1117), for
    /// [`PersonalData::PublishedByLaw`].
    pub personal_data_category: Option<String>,
    /// Columns that hold personal data on purpose: name → justification.
    /// Names are matched against the files' columns without case.
    pub personal_columns: BTreeMap<String, String>,
    /// How long the data is kept.
    pub retention: Option<String>,
    pub recipients: Vec<String>,
    pub questions: Questions,
    pub algorithm: Option<Algorithm>,
}

impl Usage {
    /// The fields a citizen needs that the section leaves out: why the
    /// data is collected, what allows it, whether it is about people and
    /// how long it is kept (GDPR articles 13 and 14).
    pub fn missing_essentials(&self) -> Vec<&'static str> {
        [
            ("purpose", self.purpose.is_none()),
            ("legal_basis", self.legal_basis.is_none()),
            ("personal_data", self.personal_data.is_none()),
            ("retention", self.retention.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, missing)| missing.then_some(field))
        .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalBasis {
    pub kind: Option<LegalBasisKind>,
    /// The text it rests on, as written (`CGCT, article L2313-1`).
    pub reference: Option<String>,
    pub url: Option<String>,
}

/// Where to ask a question or exercise one's rights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Questions {
    /// `None`: the dataset's contact.
    pub contact: Option<Reach>,
    /// The data protection officer.
    pub dpo: Option<Reach>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Algorithm {
    pub name: String,
    pub purpose: Option<String>,
    pub automation: Option<Automation>,
    /// Its main rules.
    pub rules: Option<String>,
    /// The data it processes and where it comes from.
    pub data: Option<String>,
    pub human_oversight: Option<String>,
    /// How to ask for a review or object.
    pub contest: Option<String>,
    pub url: Option<String>,
}

keywords! {
    /// The lawful bases of GDPR article 6.
    LegalBasisKind {
        LegalObligation = "legal-obligation",
        PublicInterest = "public-interest",
        Consent = "consent",
        Contract = "contract",
        LegitimateInterest = "legitimate-interest",
        VitalInterest = "vital-interest",
    }
}

keywords! {
    /// Whether the data can tell something about a person.
    PersonalData {
        None = "none",
        Aggregated = "aggregated",
        Anonymised = "anonymised",
        Pseudonymised = "pseudonymised",
        PublishedByLaw = "published-by-law",
        Present = "present",
    }
}

impl PersonalData {
    /// Whether people can be recognised in the data, so that they have
    /// rights over it (GDPR articles 15 to 21).
    pub fn concerns_people(self) -> bool {
        matches!(
            self,
            PersonalData::Pseudonymised | PersonalData::PublishedByLaw | PersonalData::Present
        )
    }
}

keywords! {
    /// How much of a decision the algorithm takes.
    Automation {
        DecisionSupport = "decision-support",
        Partial = "partial",
        Full = "full",
    }
}

/// Trimmed, `None` when blank.
fn text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn texts(values: Vec<String>) -> Vec<String> {
    values.into_iter().filter_map(|v| text(Some(v))).collect()
}

impl Checker<'_> {
    pub(super) fn usage(&mut self, doc: &Document, raw: RawUsage) -> Usage {
        // An unknown status is reported on its value; checks that depend on
        // the status then say nothing more.
        let status_given = raw.personal_data.is_some();
        let personal_data = raw.personal_data.and_then(|value| {
            self.keyword(
                doc,
                &["usage", "personal_data"],
                &value,
                "personal data status",
                PersonalData::parse,
                PersonalData::ids,
            )
        });
        let status_unknown = status_given && personal_data.is_none();
        let personal_data_category = text(raw.personal_data_category);
        match (personal_data, &personal_data_category) {
            (Some(PersonalData::PublishedByLaw), None) => self.error(
                doc,
                &["usage", "personal_data"],
                "`personal_data` is `published-by-law`, but `personal_data_category` does not say under which category".into(),
                Some("name the category of article D312-1-3 of the Code des relations entre le public et l'administration (décret 2018-1117) the data falls under, e.g. personal_data_category: \"Noms et coordonnées professionnelles des élus\"".into()),
            ),
            (Some(PersonalData::PublishedByLaw), Some(_)) => {}
            (_, Some(_)) if !status_unknown => self.diagnostics.push(
                doc.at_key(
                    Diagnostic::warning(
                        "`personal_data_category` is only used when `personal_data` is `published-by-law`",
                    ),
                    &["usage", "personal_data_category"],
                ),
            ),
            _ => {}
        }

        let personal_columns =
            self.personal_columns(doc, raw.personal_columns, personal_data, status_unknown);

        let legal_basis = raw.legal_basis.and_then(|b| self.legal_basis(doc, b));
        let questions = raw
            .questions
            .map(|q| self.questions(doc, q))
            .unwrap_or_default();
        let algorithm = raw.algorithm.and_then(|a| self.algorithm(doc, a));

        Usage {
            purpose: text(raw.purpose),
            decisions: texts(raw.decisions.0),
            legal_basis,
            collected_by: text(raw.collected_by),
            maintained_by: text(raw.maintained_by),
            personal_data,
            personal_data_category,
            personal_columns,
            retention: text(raw.retention),
            recipients: texts(raw.recipients.0),
            questions,
            algorithm,
        }
    }

    /// Parses a keyword, or reports it on its value with the accepted ones.
    pub(super) fn keyword<T>(
        &mut self,
        doc: &Document,
        key: &[&str],
        value: &str,
        what: &str,
        parse: fn(&str) -> Option<T>,
        ids: fn() -> String,
    ) -> Option<T> {
        let parsed = parse(value);
        if parsed.is_none() {
            self.diagnostics.push(
                doc.at_value(
                    Diagnostic::error(format!("unknown {what} `{}`", value.trim())),
                    key,
                    value.trim(),
                )
                .hint(format!("use one of {}", ids())),
            );
        }
        parsed
    }

    /// Declared personal columns must be justified, and must agree with
    /// the dataset's personal-data status: the guard lets them through.
    fn personal_columns(
        &mut self,
        doc: &Document,
        raw: BTreeMap<String, String>,
        status: Option<PersonalData>,
        status_unknown: bool,
    ) -> BTreeMap<String, String> {
        let mut columns = BTreeMap::new();
        for (column, justification) in raw {
            let column = column.trim().to_string();
            if column.is_empty() {
                continue;
            }
            match text(Some(justification)) {
                Some(justification) => {
                    columns.insert(column, justification);
                }
                None => self.error(
                    doc,
                    &["usage", "personal_columns", &column],
                    format!("`personal_columns` gives no justification for the column `{column}`"),
                    Some("say why this personal data may be published, e.g. the text that provides for it".into()),
                ),
            }
        }
        if columns.is_empty() || status_unknown {
            return columns;
        }
        let status_text = match status {
            Some(s) if s.concerns_people() => return columns,
            Some(s) => format!("is `{}`", s.id()),
            None => "is missing".to_string(),
        };
        self.error(
            doc,
            &["usage", "personal_columns"],
            format!("`personal_columns` declares columns that hold personal data, but `personal_data` {status_text}"),
            Some("set `personal_data` to `pseudonymised`, `published-by-law` or `present`, or remove `personal_columns`".into()),
        );
        columns
    }

    fn legal_basis(&mut self, doc: &Document, raw: RawLegalBasis) -> Option<LegalBasis> {
        let kind_given = raw.kind.is_some();
        let kind = raw.kind.and_then(|value| {
            self.keyword(
                doc,
                &["usage", "legal_basis", "kind"],
                &value,
                "legal basis kind",
                LegalBasisKind::parse,
                LegalBasisKind::ids,
            )
        });
        let reference = text(raw.reference);
        let url = text(raw.url)
            .and_then(|u| web_url(doc, &u, &["usage", "legal_basis", "url"], self.diagnostics));
        if kind.is_none() && reference.is_none() {
            // An unknown kind was reported on its value already.
            if !kind_given {
                self.error(
                    doc,
                    &["usage", "legal_basis"],
                    "`legal_basis` needs a `kind` or a `reference`".into(),
                    Some("for example legal_basis: { kind: legal-obligation, reference: \"Code général des collectivités territoriales, article L2313-1\" }".into()),
                );
            }
            return None;
        }
        Some(LegalBasis { kind, reference, url })
    }

    fn questions(&mut self, doc: &Document, raw: RawQuestions) -> Questions {
        Questions {
            contact: text(raw.contact).and_then(|c| self.reach(doc, "contact", &c)),
            dpo: text(raw.dpo).and_then(|c| self.reach(doc, "dpo", &c)),
        }
    }

    fn reach(&mut self, doc: &Document, field: &str, value: &str) -> Option<Reach> {
        if let Some(reach) = Reach::parse(value) {
            return Some(reach);
        }
        self.error(
            doc,
            &["usage", "questions", field],
            format!("`{field}` must be an e-mail address or a web address starting with https:// or http://, not `{value}`"),
            None,
        );
        None
    }

    fn algorithm(&mut self, doc: &Document, raw: RawAlgorithm) -> Option<Algorithm> {
        let automation = raw.automation.and_then(|value| {
            self.keyword(
                doc,
                &["usage", "algorithm", "automation"],
                &value,
                "degree of automation",
                Automation::parse,
                Automation::ids,
            )
        });
        let url = text(raw.url)
            .and_then(|u| web_url(doc, &u, &["usage", "algorithm", "url"], self.diagnostics));
        let Some(name) = text(raw.name) else {
            self.error(
                doc,
                &["usage", "algorithm"],
                "`algorithm` needs a `name`".into(),
                Some("name the algorithm, or the decision it computes, e.g. name: Calcul du quotient familial".into()),
            );
            return None;
        };
        Some(Algorithm {
            name,
            purpose: text(raw.purpose),
            automation,
            rules: text(raw.rules),
            data: text(raw.data),
            human_oversight: text(raw.human_oversight),
            contest: text(raw.contest),
            url,
        })
    }
}
