//! What validating a table found: problems with their place and a plain
//! message in French or English, counts per error type, and a status.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Errors kept in a report; the counts cover them all.
pub const KEPT_ERRORS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Valid,
    Warnings,
    Invalid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    pub status: Status,
    /// Rows of data read.
    pub rows: u64,
    /// Errors per type (`type-error`, `constraint-error`, …).
    pub error_counts: BTreeMap<String, u64>,
    /// Warnings per type (`missing-label`, `extra-label`, …).
    pub warning_counts: BTreeMap<String, u64>,
    /// Every warning (they concern the header, so they are few).
    pub warnings: Vec<Problem>,
    /// The first [`KEPT_ERRORS`] errors, in file order.
    pub errors: Vec<Problem>,
}

impl ValidationReport {
    pub fn error_count(&self) -> u64 {
        self.error_counts.values().sum()
    }
}

/// One problem: its type, where it is, and what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Frictionless error type (`type-error`), or a custom check's name.
    #[serde(rename = "type")]
    pub kind: String,
    pub severity: Severity,
    /// Row number as Frictionless counts them: the header is row 1.
    pub row: Option<u64>,
    /// The column's name (the schema's, or the file's for extra columns).
    pub column: Option<String>,
    /// 1-based position of the column in the file.
    pub column_number: Option<usize>,
    /// The cell as written (shortened when long).
    pub value: Option<String>,
    pub detail: Detail,
}

/// What a problem is about, with what its message needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// The cell does not read as the field's type (and format).
    Type {
        field_type: String,
        format: Option<String>,
    },
    Required,
    Unique {
        first_row: u64,
    },
    Minimum {
        bound: String,
    },
    Maximum {
        bound: String,
    },
    ExclusiveMinimum {
        bound: String,
    },
    ExclusiveMaximum {
        bound: String,
    },
    MinLength {
        length: usize,
    },
    MaxLength {
        length: usize,
    },
    Pattern {
        pattern: String,
        description: Option<String>,
    },
    Enum {
        values: Vec<String>,
    },
    /// An item of a list does not fit the field's `arrayItem`.
    ArrayItem {
        item: String,
        values: Vec<String>,
    },
    BlankRow,
    ExtraCell,
    MissingCell,
    PrimaryKey {
        fields: Vec<String>,
        first_row: u64,
    },
    ForeignKey {
        fields: Vec<String>,
        resource: String,
        reference: Vec<String>,
    },
    MissingLabel {
        required: bool,
    },
    ExtraLabel,
    IncorrectLabel {
        label: String,
    },
    DisorderedLabels {
        expected: Vec<String>,
    },
    DuplicateLabel,
    BlankLabel,
    /// A Validata custom check failed.
    Check {
        en: String,
        fr: String,
    },
}

/// Values shown in a message: the first ones, quoted.
fn listed(values: &[String], open: &str, close: &str) -> String {
    let mut shown: Vec<String> = values
        .iter()
        .take(12)
        .map(|v| format!("{open}{v}{close}"))
        .collect();
    if values.len() > 12 {
        shown.push("…".to_string());
    }
    shown.join(", ")
}

fn type_name_fr(field_type: &str) -> &str {
    match field_type {
        "string" => "texte",
        "number" => "nombre",
        "integer" => "nombre entier",
        "boolean" => "booléen",
        "object" => "objet JSON",
        "array" => "liste JSON",
        "date" => "date",
        "time" => "heure",
        "datetime" => "date et heure",
        "year" => "année",
        "yearmonth" => "année et mois",
        "duration" => "durée",
        "geopoint" => "point géographique",
        "geojson" => "objet GeoJSON",
        _ => field_type,
    }
}

fn type_name_en(field_type: &str) -> &str {
    match field_type {
        "string" => "text",
        "integer" => "whole number",
        "object" => "JSON object",
        "array" => "JSON list",
        "datetime" => "date and time",
        "yearmonth" => "year and month",
        "geopoint" => "geographic point",
        "geojson" => "GeoJSON object",
        _ => field_type,
    }
}

/// How a format reads to a person (`%d/%m/%Y` → `jj/mm/aaaa`).
fn format_words(format: &str, french: bool) -> String {
    match format {
        "email" => (if french {
            "une adresse électronique"
        } else {
            "an e-mail address"
        })
        .into(),
        "uri" => (if french {
            "une adresse web (https://…)"
        } else {
            "a web address (https://…)"
        })
        .into(),
        "uuid" => (if french {
            "un identifiant UUID"
        } else {
            "a UUID"
        })
        .into(),
        "binary" => (if french {
            "des données en base64"
        } else {
            "base64 data"
        })
        .into(),
        "any" => (if french {
            "une forme reconnue"
        } else {
            "a recognised form"
        })
        .into(),
        pattern => {
            let (day, month, year) = if french {
                ("jj", "mm", "aaaa")
            } else {
                ("dd", "mm", "yyyy")
            };
            pattern
                .replace("%d", day)
                .replace("%m", month)
                .replace("%Y", year)
                .replace("%y", &year[2..])
                .replace("%H", "hh")
                .replace("%M", "mm")
                .replace("%S", "ss")
        }
    }
}

impl Problem {
    /// A plain sentence in French (`fr`) or English (any other language).
    pub fn message(&self, language: &str) -> String {
        let french = language == "fr";
        let (q0, q1) = if french {
            ("«\u{a0}", "\u{a0}»")
        } else {
            ("“", "”")
        };
        let column = self.column.as_deref().unwrap_or("");
        let value = self.value.as_deref().unwrap_or("");
        match &self.detail {
            Detail::Type { field_type, format } => {
                // Dates have a default form, which a reader must be told.
                let format = match (format, field_type.as_str()) {
                    (None, "date") => &Some("%Y-%m-%d".to_string()),
                    (None, "time") => &Some("%H:%M:%S".to_string()),
                    (None, "datetime") => &Some("%Y-%m-%dT%H:%M:%S".to_string()),
                    _ => format,
                };
                let expected = match (format, french) {
                    (Some(f), true) if field_type == "string" => format_words(f, true),
                    (Some(f), false) if field_type == "string" => format_words(f, false),
                    (Some(f), true) => format!(
                        "{} au format {}",
                        with_article_fr(type_name_fr(field_type)),
                        format_words(f, true)
                    ),
                    (Some(f), false) => format!(
                        "a {} in the form {}",
                        type_name_en(field_type),
                        format_words(f, false)
                    ),
                    (None, true) => with_article_fr(type_name_fr(field_type)),
                    (None, false) => format!("a {}", type_name_en(field_type)),
                };
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} n'est pas {expected}, comme l'attend la colonne {q0}{column}{q1}."
                    )
                } else {
                    format!(
                        "The value {q0}{value}{q1} is not {expected}, as the column {q0}{column}{q1} expects."
                    )
                }
            }
            Detail::Required => {
                if french {
                    format!(
                        "La colonne {q0}{column}{q1} est obligatoire\u{a0}: cette cellule ne peut pas être vide."
                    )
                } else {
                    format!("The column {q0}{column}{q1} is required: this cell cannot be empty.")
                }
            }
            Detail::Unique { first_row } => {
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} est déjà présente ligne {first_row}\u{a0}: chaque valeur de la colonne {q0}{column}{q1} doit être unique."
                    )
                } else {
                    format!(
                        "The value {q0}{value}{q1} already appears on row {first_row}: each value of the column {q0}{column}{q1} must be unique."
                    )
                }
            }
            Detail::Minimum { bound } => {
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} est inférieure au minimum autorisé ({bound})."
                    )
                } else {
                    format!("The value {q0}{value}{q1} is below the minimum allowed ({bound}).")
                }
            }
            Detail::Maximum { bound } => {
                if french {
                    format!("La valeur {q0}{value}{q1} dépasse le maximum autorisé ({bound}).")
                } else {
                    format!("The value {q0}{value}{q1} is above the maximum allowed ({bound}).")
                }
            }
            Detail::ExclusiveMinimum { bound } => {
                if french {
                    format!("La valeur {q0}{value}{q1} doit être strictement supérieure à {bound}.")
                } else {
                    format!("The value {q0}{value}{q1} must be greater than {bound}.")
                }
            }
            Detail::ExclusiveMaximum { bound } => {
                if french {
                    format!("La valeur {q0}{value}{q1} doit être strictement inférieure à {bound}.")
                } else {
                    format!("The value {q0}{value}{q1} must be less than {bound}.")
                }
            }
            Detail::MinLength { length } => {
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} est trop courte\u{a0}: au moins {length} caractères sont attendus."
                    )
                } else {
                    format!(
                        "The value {q0}{value}{q1} is too short: at least {length} characters are expected."
                    )
                }
            }
            Detail::MaxLength { length } => {
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} est trop longue\u{a0}: au plus {length} caractères sont permis."
                    )
                } else {
                    format!(
                        "The value {q0}{value}{q1} is too long: at most {length} characters are allowed."
                    )
                }
            }
            Detail::Pattern { pattern, description } => match (description, french) {
                (Some(d), true) => format!(
                    "La valeur {q0}{value}{q1} n'a pas la forme attendue pour la colonne {q0}{column}{q1}\u{a0}: {d}"
                ),
                (Some(d), false) => format!(
                    "The value {q0}{value}{q1} does not have the form the column {q0}{column}{q1} expects: {d}"
                ),
                (None, true) => format!(
                    "La valeur {q0}{value}{q1} n'a pas la forme attendue pour la colonne {q0}{column}{q1} (motif {pattern})."
                ),
                (None, false) => format!(
                    "The value {q0}{value}{q1} does not have the form the column {q0}{column}{q1} expects (pattern {pattern})."
                ),
            },
            Detail::Enum { values } => {
                if french {
                    format!(
                        "La valeur {q0}{value}{q1} ne fait pas partie des valeurs permises\u{a0}: {}.",
                        listed(values, q0, q1)
                    )
                } else {
                    format!(
                        "The value {q0}{value}{q1} is not one of the allowed values: {}.",
                        listed(values, q0, q1)
                    )
                }
            }
            Detail::ArrayItem { item, values } => {
                if french {
                    format!(
                        "L'élément {q0}{item}{q1} de la liste ne fait pas partie des valeurs permises\u{a0}: {}.",
                        listed(values, q0, q1)
                    )
                } else {
                    format!(
                        "The item {q0}{item}{q1} of the list is not one of the allowed values: {}.",
                        listed(values, q0, q1)
                    )
                }
            }
            Detail::BlankRow => {
                if french {
                    "Cette ligne est entièrement vide.".into()
                } else {
                    "This row is entirely empty.".into()
                }
            }
            Detail::ExtraCell => {
                if french {
                    format!(
                        "Cette ligne a une cellule de trop ({q0}{value}{q1}), au-delà des colonnes de l'en-tête."
                    )
                } else {
                    format!(
                        "This row has one cell too many ({q0}{value}{q1}), beyond the header's columns."
                    )
                }
            }
            Detail::MissingCell => {
                if french {
                    format!(
                        "Cette ligne est trop courte\u{a0}: il lui manque la cellule de la colonne {q0}{column}{q1}."
                    )
                } else {
                    format!(
                        "This row is too short: it lacks the cell of the column {q0}{column}{q1}."
                    )
                }
            }
            Detail::PrimaryKey { fields, first_row } => {
                if french {
                    format!(
                        "La combinaison de {} est déjà présente ligne {first_row}\u{a0}: elle doit identifier une seule ligne.",
                        listed(fields, q0, q1)
                    )
                } else {
                    format!(
                        "The combination of {} already appears on row {first_row}: it must identify a single row.",
                        listed(fields, q0, q1)
                    )
                }
            }
            Detail::ForeignKey { fields, resource, reference } => {
                let (fields, reference) = (listed(fields, q0, q1), listed(reference, q0, q1));
                match (french, resource.is_empty()) {
                    (true, true) => format!(
                        "La valeur {q0}{value}{q1} de {fields} ne se trouve pas dans {reference} du même fichier."
                    ),
                    (true, false) => format!(
                        "La valeur {q0}{value}{q1} de {fields} ne se trouve pas dans {reference} de {q0}{resource}{q1}."
                    ),
                    (false, true) => format!(
                        "The value {q0}{value}{q1} of {fields} is not found in {reference} of the same file."
                    ),
                    (false, false) => format!(
                        "The value {q0}{value}{q1} of {fields} is not found in {reference} of {q0}{resource}{q1}."
                    ),
                }
            }
            Detail::MissingLabel { required: true } => {
                if french {
                    format!(
                        "La colonne obligatoire {q0}{column}{q1} du schéma est absente du fichier."
                    )
                } else {
                    format!(
                        "The required column {q0}{column}{q1} of the schema is missing from the file."
                    )
                }
            }
            Detail::MissingLabel { required: false } => {
                if french {
                    format!("La colonne {q0}{column}{q1} du schéma est absente du fichier.")
                } else {
                    format!("The column {q0}{column}{q1} of the schema is missing from the file.")
                }
            }
            Detail::ExtraLabel => {
                if french {
                    format!("La colonne {q0}{column}{q1} du fichier n'est pas dans le schéma.")
                } else {
                    format!("The column {q0}{column}{q1} of the file is not in the schema.")
                }
            }
            Detail::IncorrectLabel { label } => {
                if french {
                    format!("La colonne {q0}{label}{q1} s'écrit {q0}{column}{q1} dans le schéma.")
                } else {
                    format!("The column {q0}{label}{q1} is spelt {q0}{column}{q1} in the schema.")
                }
            }
            Detail::DisorderedLabels { expected } => {
                if french {
                    format!(
                        "Les colonnes ne sont pas dans l'ordre du schéma\u{a0}: {}.",
                        listed(expected, q0, q1)
                    )
                } else {
                    format!(
                        "The columns are not in the schema's order: {}.",
                        listed(expected, q0, q1)
                    )
                }
            }
            Detail::DuplicateLabel => {
                if french {
                    format!("La colonne {q0}{column}{q1} apparaît plusieurs fois dans l'en-tête.")
                } else {
                    format!("The column {q0}{column}{q1} appears more than once in the header.")
                }
            }
            Detail::BlankLabel => {
                if french {
                    "Une colonne de l'en-tête n'a pas de nom.".into()
                } else {
                    "A column of the header has no name.".into()
                }
            }
            Detail::Check { en, fr } => {
                if french {
                    fr.clone()
                } else {
                    en.clone()
                }
            }
        }
    }
}

fn with_article_fr(noun: &str) -> String {
    match noun {
        "date" | "heure" | "date et heure" | "année" | "année et mois" | "durée" | "liste JSON" =>
        {
            format!("une {noun}")
        }
        _ => format!("un {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(detail: Detail) -> Problem {
        Problem {
            kind: "type-error".into(),
            severity: Severity::Error,
            row: Some(3),
            column: Some("dateConvention".into()),
            column_number: Some(4),
            value: Some("31/02/2024".into()),
            detail,
        }
    }

    #[test]
    fn messages_read_as_sentences() {
        let p =
            problem(Detail::Type { field_type: "date".into(), format: Some("%d/%m/%Y".into()) });
        assert_eq!(
            p.message("fr"),
            "La valeur «\u{a0}31/02/2024\u{a0}» n'est pas une date au format jj/mm/aaaa, comme l'attend la colonne «\u{a0}dateConvention\u{a0}»."
        );
        assert_eq!(
            p.message("en"),
            "The value “31/02/2024” is not a date in the form dd/mm/yyyy, as the column “dateConvention” expects."
        );
        let p = problem(Detail::Type { field_type: "integer".into(), format: None });
        assert!(p.message("fr").contains("n'est pas un nombre entier,"));
    }
}
