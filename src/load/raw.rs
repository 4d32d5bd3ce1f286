//! Front matter as the editor writes it. Every struct refuses unknown
//! fields, so a misspelt field is reported instead of silently ignored.
//! Values stay as written (text); `validate` checks and converts them.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// `datasets/<slug>/index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub keywords: OneOrMany<String>,
    #[serde(default)]
    pub themes: OneOrMany<String>,
    pub publisher: Option<String>,
    pub contact: Option<RawContact>,
    #[serde(alias = "license")]
    pub licence: Option<String>,
    pub frequency: Option<String>,
    pub temporal: Option<RawTemporal>,
    pub spatial: Option<RawSpatial>,
    pub created: Option<Scalar>,
    pub modified: Option<Scalar>,
    #[serde(default)]
    pub featured: bool,
    #[serde(default)]
    pub resources: Vec<RawResource>,
    /// Why each column is collected, by column name.
    #[serde(default)]
    pub why: std::collections::BTreeMap<String, String>,
    /// Why the data is collected and how it is used, for citizens.
    pub usage: Option<RawUsage>,
    /// What changed and when, in the editor's words: the history shown
    /// when the portal is not kept in git, and beside git's otherwise.
    #[serde(default)]
    pub changelog: Vec<RawChange>,
}

/// One entry of a dataset's `changelog`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    pub date: Scalar,
    pub description: String,
}

/// The `usage` section of a dataset: what GDPR articles 13/14 and the
/// French rules on public algorithms ask an authority to tell.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsage {
    /// Why the data is collected.
    pub purpose: Option<String>,
    /// What decisions or services it feeds.
    #[serde(default)]
    pub decisions: OneOrMany<String>,
    pub legal_basis: Option<RawLegalBasis>,
    pub collected_by: Option<String>,
    pub maintained_by: Option<String>,
    /// `none`, `aggregated`, `anonymised`, `pseudonymised`,
    /// `published-by-law` or `present`.
    pub personal_data: Option<String>,
    /// The category of CRPA article D312-1-3 the data falls under.
    pub personal_data_category: Option<String>,
    /// Columns that hold personal data on purpose → justification.
    #[serde(default)]
    pub personal_columns: std::collections::BTreeMap<String, String>,
    /// How long the data is kept.
    pub retention: Option<String>,
    #[serde(default)]
    pub recipients: OneOrMany<String>,
    pub questions: Option<RawQuestions>,
    pub algorithm: Option<RawAlgorithm>,
}

/// A reference (`legal_basis: "CGCT, article L2313-1"`), or its fields.
#[derive(Debug, Clone, Default)]
pub struct RawLegalBasis {
    pub kind: Option<String>,
    pub reference: Option<String>,
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegalBasisFields {
    kind: Option<String>,
    reference: Option<String>,
    url: Option<String>,
}

impl<'de> Deserialize<'de> for RawLegalBasis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_or_map(
            deserializer,
            "the reference of a legal text or { kind, reference, url }",
            |reference| RawLegalBasis { reference: Some(reference), ..RawLegalBasis::default() },
            |f: LegalBasisFields| RawLegalBasis {
                kind: f.kind,
                reference: f.reference,
                url: f.url,
            },
        )
    }
}

/// Whom to ask, each an e-mail address or a web address.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestions {
    pub contact: Option<String>,
    /// The data protection officer.
    pub dpo: Option<String>,
}

/// An algorithm the data feeds, used for individual decisions (CRPA
/// articles L311-3-1 and L312-1-3).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlgorithm {
    pub name: Option<String>,
    pub purpose: Option<String>,
    /// `decision-support`, `partial` or `full`.
    pub automation: Option<String>,
    /// Its main rules.
    pub rules: Option<String>,
    /// The data it processes and where it comes from.
    pub data: Option<String>,
    pub human_oversight: Option<String>,
    /// How to ask for a review or object.
    pub contest: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    pub path: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub format: Option<String>,
    pub schema: Option<String>,
    /// Charts of the file's data, drawn on the dataset page.
    #[serde(default)]
    pub charts: Vec<RawChart>,
}

/// A chart of a resource: `{ kind: bars, x: annee, y: montant }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    /// `bars`, `line` or `proportions`.
    pub kind: String,
    /// The column the rows are grouped by.
    pub x: String,
    /// The column of numbers summed in each group; rows are counted
    /// without it.
    pub y: Option<String>,
    pub title: Option<String>,
}

/// An e-mail address, or the fields of a contact point.
#[derive(Debug, Clone, Default)]
pub struct RawContact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<Scalar>,
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactFields {
    name: Option<String>,
    email: Option<String>,
    phone: Option<Scalar>,
    url: Option<String>,
}

impl<'de> Deserialize<'de> for RawContact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_or_map(
            deserializer,
            "an e-mail address or { name, email, phone, url }",
            |email| RawContact { email: Some(email), ..RawContact::default() },
            |f: ContactFields| RawContact {
                name: f.name,
                email: f.email,
                phone: f.phone,
                url: f.url,
            },
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemporal {
    pub start: Option<Scalar>,
    pub end: Option<Scalar>,
}

/// A place name, or `{ name, insee }`.
#[derive(Debug, Clone, Default)]
pub struct RawSpatial {
    pub name: Option<String>,
    pub insee: OneOrMany<Scalar>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpatialFields {
    name: Option<String>,
    #[serde(default)]
    insee: OneOrMany<Scalar>,
}

impl<'de> Deserialize<'de> for RawSpatial {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_or_map(
            deserializer,
            "a place name or { name, insee }",
            |name| RawSpatial { name: Some(name), ..RawSpatial::default() },
            |f: SpatialFields| RawSpatial { name: f.name, insee: f.insee },
        )
    }
}

/// `organizations/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganization {
    pub title: String,
    /// `commune`, `epci`, `departement`, `region` or `other`, for the
    /// local authorities that publish on a shared portal.
    pub kind: Option<String>,
    pub siren: Option<Scalar>,
    pub siret: Option<Scalar>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub logo: Option<String>,
}

/// `reuses/<slug>.md`: something made with the portal's data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReuse {
    pub title: String,
    /// `application`, `visualisation`, `article`, `api`, `idea` or `other`.
    pub kind: Option<String>,
    /// Who made it.
    pub author: Option<String>,
    /// Where to see it.
    pub url: Option<String>,
    /// An image of the portal's `static/` folder.
    pub image: Option<String>,
    /// The slugs of the datasets it uses.
    #[serde(default)]
    pub datasets: OneOrMany<String>,
    /// When it was made or published.
    pub date: Option<Scalar>,
}

/// `requests/<slug>.md`: data someone asked the authority to open.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    /// What is asked.
    pub title: String,
    /// Who asked, when they agree to be named.
    pub requested_by: Option<String>,
    /// When it was asked.
    pub date: Option<Scalar>,
    /// `received`, `under-study`, `planned`, `published` or `declined`.
    pub status: Option<String>,
    /// The dataset that answers it, once published.
    pub dataset: Option<String>,
    /// Why it is declined.
    pub reason: Option<String>,
}

/// `pages/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    pub summary: Option<String>,
    pub menu: Option<String>,
    pub weight: Option<i64>,
}

/// One value or a list of values: `themes: GOVE` or `themes: [GOVE, ECON]`.
#[derive(Debug, Clone)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                T::deserialize(de::value::StrDeserializer::new(v)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(de::value::I64Deserializer::new(v)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::deserialize(de::value::U64Deserializer::new(v)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

/// A scalar kept as the text the editor wrote: dates (`2026-01-31`, or a
/// TOML date), years written as numbers (`2026`), codes (`"2A004"` or
/// `35238`), phone numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

/// The key toml uses to pass a date through serde.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, a number or a date")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.trim().to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            // toml hands dates over as a one-entry map with a private key.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                match map.next_key::<String>()? {
                    Some(key) if key == TOML_DATETIME_KEY => {
                        Ok(Scalar(map.next_value::<String>()?))
                    }
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// Deserializes either a plain string (turned into `T` by `from_str`) or a
/// map of fields `F` (turned into `T` by `from_fields`).
fn string_or_map<'de, D, T, F>(
    deserializer: D,
    expecting: &'static str,
    from_str: impl FnOnce(String) -> T,
    from_fields: impl FnOnce(F) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: Deserialize<'de>,
{
    struct EitherVisitor<S, M, F> {
        expecting: &'static str,
        from_str: S,
        from_fields: M,
        fields: PhantomData<F>,
    }
    impl<'de, T, F, S, M> Visitor<'de> for EitherVisitor<S, M, F>
    where
        F: Deserialize<'de>,
        S: FnOnce(String) -> T,
        M: FnOnce(F) -> T,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.from_str)(v.trim().to_string()))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            F::deserialize(de::value::MapAccessDeserializer::new(map)).map(self.from_fields)
        }
    }
    deserializer.deserialize_any(EitherVisitor {
        expecting,
        from_str,
        from_fields,
        fields: PhantomData,
    })
}
