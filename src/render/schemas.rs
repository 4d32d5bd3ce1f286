//! Views of Table Schemas: the documentation page of a schema, in the
//! portal's language, for the reuser who wants to know what each column
//! means and for the producer who must fill it.

use serde::Serialize;

use super::i18n::Lang;
use super::views::{Link, Views};
use crate::model::{SchemaDoc, paths};
use crate::schema::{Bound, Field, FieldType};
use crate::util::url::encode_path;

#[derive(Debug, Serialize)]
pub struct SchemaView {
    pub title: String,
    /// The description, as Markdown (schemas of schema.data.gouv.fr
    /// write links that way).
    pub description_html: Option<String>,
    pub version: Option<String>,
    /// `scdl/budget@0.8.3`, for schemas of schema.data.gouv.fr.
    pub identity: Option<String>,
    /// The schema's page on schema.data.gouv.fr.
    pub external_url: Option<String>,
    pub homepage: Option<String>,
    /// Site path of the JSON file.
    pub json: String,
    pub sources: Vec<SourceView>,
    pub fields: Vec<FieldView>,
    pub fields_caption: String,
    pub primary_key: Option<String>,
    /// Rules over several columns (custom checks, foreign keys), in words.
    pub rules: Vec<String>,
    /// The resources that declare it.
    pub used_by: Vec<UseView>,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub title: String,
    pub external_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct UseView {
    pub dataset: Link,
    pub resource: String,
}

#[derive(Debug, Serialize)]
pub struct FieldView {
    pub anchor: String,
    pub name: String,
    pub title: Option<String>,
    pub description_html: Option<String>,
    /// The type in words (`Date`), with its format (`jj/mm/aaaa`).
    pub kind_label: String,
    pub format: Option<String>,
    pub required: bool,
    /// Constraints in words.
    pub rules: Vec<String>,
    pub examples: Vec<String>,
    /// Why the field is collected.
    pub why: Option<String>,
}

/// The list entry of a schema.
#[derive(Debug, Serialize)]
pub struct SchemaCard {
    pub title: String,
    pub url: String,
    pub identity: Option<String>,
    pub version: Option<String>,
    pub uses_text: String,
}

impl Views<'_> {
    pub fn schema_title(&self, doc: &SchemaDoc) -> String {
        doc.schema
            .title
            .clone()
            .or_else(|| doc.schema.name.clone())
            .unwrap_or_else(|| doc.path.rsplit('/').next().unwrap_or(&doc.path).to_string())
    }

    pub fn schema_card(&self, doc: &SchemaDoc) -> SchemaCard {
        SchemaCard {
            title: self.schema_title(doc),
            url: encode_path(&doc.page),
            identity: doc.reference.as_ref().map(identity),
            version: doc.schema.version.clone(),
            uses_text: self.lang.count("schema_uses", doc.used_by.len() as u64),
        }
    }

    pub fn schema(&self, doc: &SchemaDoc) -> SchemaView {
        let lang = self.lang;
        let schema = &doc.schema;
        let context = super::markdown::LinkContext::of(self.portal, &doc.path, &doc.page);
        let markdown = |text: &Option<String>| {
            text.as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| super::markdown::to_html(t, &context))
        };
        let fields: Vec<FieldView> = schema
            .fields
            .iter()
            .map(|f| FieldView { description_html: markdown(&f.description), ..field(lang, f) })
            .collect();
        let mut rules: Vec<String> = schema
            .custom_checks
            .iter()
            .map(|check| {
                let columns = check
                    .columns()
                    .iter()
                    .map(|c| quoted(lang, c))
                    .collect::<Vec<_>>()
                    .join(", ");
                lang.t(&format!("check_{}", check.name().replace('-', "_")))
                    .replace("{columns}", &columns)
            })
            .collect();
        for key in &schema.foreign_keys {
            let names = |fields: &[String]| {
                fields
                    .iter()
                    .map(|f| quoted(lang, f))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let target = if key.resource.is_empty() {
                lang.t("foreign_key_same").to_string()
            } else {
                quoted(lang, &key.resource)
            };
            rules.push(
                lang.t("foreign_key")
                    .replace("{fields}", &names(&key.fields))
                    .replace("{reference}", &names(&key.reference_fields))
                    .replace("{resource}", &target),
            );
        }
        let used_by = doc
            .used_by
            .iter()
            .map(|&(d, r)| {
                let dataset = &self.portal.datasets[d];
                UseView {
                    dataset: Link {
                        title: dataset.meta.title.clone(),
                        url: encode_path(&dataset.path),
                    },
                    resource: dataset.resources[r].meta.title.clone(),
                }
            })
            .collect();
        SchemaView {
            title: self.schema_title(doc),
            description_html: markdown(&schema.description),
            version: schema.version.clone(),
            identity: doc.reference.as_ref().map(identity),
            external_url: doc
                .reference
                .as_ref()
                .and_then(|r| r.canonical_url())
                .map(|u| u.trim_end_matches("schema.json").to_string()),
            homepage: schema.homepage.clone().filter(|h| h.starts_with("http")),
            json: encode_path(&doc.path),
            sources: schema
                .sources
                .iter()
                .map(|s| SourceView {
                    title: s.title.clone(),
                    external_url: s.path.clone().filter(|p| p.starts_with("http")),
                })
                .collect(),
            fields_caption: lang.count("schema_fields_count", fields.len() as u64),
            fields,
            primary_key: (!schema.primary_key.is_empty()).then(|| {
                schema
                    .primary_key
                    .iter()
                    .map(|f| quoted(lang, f))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            rules,
            used_by,
        }
    }

    /// Breadcrumb entry of the list of schemas.
    pub fn schemas_link(&self) -> Link {
        Link {
            title: self.lang.t("schemas").to_string(),
            url: paths::SCHEMAS.to_string(),
        }
    }
}

fn identity(reference: &crate::validate::SchemaRef) -> String {
    match reference {
        crate::validate::SchemaRef::Published { organization, name, version } => {
            format!("{organization}/{name}@{version}")
        }
        crate::validate::SchemaRef::Local { path } => path.clone(),
    }
}

fn quoted(lang: &Lang, text: &str) -> String {
    format!("{}{text}{}", lang.t("quote_open"), lang.t("quote_close"))
}

fn field(lang: &Lang, field: &Field) -> FieldView {
    let c = &field.constraints;
    let mut rules = Vec::new();
    let bound = |key: &str, b: &Option<Bound>| {
        b.as_ref()
            .map(|b| lang.t(key).replace("{value}", &bound_text(lang, field, b)))
    };
    if c.unique {
        rules.push(lang.t("constraint_unique").to_string());
    }
    rules.extend(bound("constraint_minimum", &c.minimum));
    rules.extend(bound("constraint_maximum", &c.maximum));
    rules.extend(bound("constraint_exclusive_minimum", &c.exclusive_minimum));
    rules.extend(bound("constraint_exclusive_maximum", &c.exclusive_maximum));
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) if min == max => {
            rules.push(lang.count("constraint_length", min as u64))
        }
        (min, max) => {
            rules.extend(min.map(|n| lang.count("constraint_min_length", n as u64)));
            rules.extend(max.map(|n| lang.count("constraint_max_length", n as u64)));
        }
    }
    if let Some(pattern) = &c.pattern {
        rules.push(
            lang.t("constraint_pattern")
                .replace("{pattern}", &pattern.source),
        );
    }
    let allowed = c.enumeration.as_ref().or_else(|| {
        field
            .array_item
            .as_ref()
            .and_then(|i| i.constraints.enumeration.as_ref())
    });
    if let Some(values) = allowed {
        let list = values
            .iter()
            .map(|v| quoted(lang, &v.text))
            .collect::<Vec<_>>()
            .join(", ");
        let key = if field.array_item.is_some() {
            "constraint_enum_items"
        } else {
            "constraint_enum"
        };
        rules.push(lang.t(key).replace("{values}", &list));
    }
    if field.kind == FieldType::Boolean
        && (field.true_values != ["true", "True", "TRUE", "1"]
            || field.false_values != ["false", "False", "FALSE", "0"])
    {
        let list = |values: &[String]| {
            values
                .iter()
                .map(|v| quoted(lang, v))
                .collect::<Vec<_>>()
                .join(", ")
        };
        rules.push(
            lang.t("constraint_booleans")
                .replace("{true}", &list(&field.true_values))
                .replace("{false}", &list(&field.false_values)),
        );
    }
    if matches!(field.kind, FieldType::Number | FieldType::Integer) && field.decimal_char != "." {
        rules.push(
            lang.t("constraint_decimal_char")
                .replace("{char}", &quoted(lang, &field.decimal_char)),
        );
    }
    FieldView {
        anchor: format!("field-{}", crate::util::text::slugify(&field.name)),
        name: field.name.clone(),
        title: field.title.clone().filter(|t| t != &field.name),
        description_html: None,
        kind_label: type_label(lang, field.kind),
        format: field.format.as_deref().map(|f| format_label(lang, f)),
        required: c.required,
        rules,
        examples: field.examples.clone(),
        why: field.why.clone(),
    }
}

/// A bound as a reader expects it: a date written out, a number with the
/// portal's separators.
fn bound_text(lang: &Lang, field: &Field, bound: &Bound) -> String {
    match (&bound.value, field.kind) {
        (crate::schema::Value::Date(d), _) => lang.date(crate::validate::PartialDate::Day(*d)),
        (crate::schema::Value::Integer(n), FieldType::Integer | FieldType::Number) => {
            if *n >= 0 && *n <= i128::from(u64::MAX) {
                lang.integer(*n as u64)
            } else {
                n.to_string()
            }
        }
        (crate::schema::Value::Number(n), _) => lang.number(*n),
        _ => bound.text.clone(),
    }
}

pub fn type_label(lang: &Lang, kind: FieldType) -> String {
    let key = match kind {
        FieldType::Any => "type_free".to_string(),
        other => format!("type_{}", other.name()),
    };
    lang.t(&key).to_string()
}

fn format_label(lang: &Lang, format: &str) -> String {
    match format {
        "email" | "uri" | "uuid" | "binary" | "topojson" | "any" | "array" | "object" => {
            lang.t(&format!("format_{format}")).to_string()
        }
        pattern => lang.pattern(pattern.trim_start_matches("fmt:")),
    }
}

/// What validating a file against its schema found, for its resource.
#[derive(Debug, Serialize)]
pub struct ValidationView {
    /// `valid`, `warnings` or `invalid`.
    pub status: &'static str,
    /// The badge's words.
    pub badge: String,
    /// One sentence: how many errors over how many rows.
    pub summary: String,
    /// Errors per type, in words.
    pub counts: Vec<String>,
    pub warnings: Vec<String>,
    pub problems: Vec<ProblemView>,
    /// Said when only the first errors are listed.
    pub shown: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProblemView {
    pub row: Option<String>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub message: String,
}

pub fn validation(lang: &Lang, report: &crate::schema::report::ValidationReport) -> ValidationView {
    use crate::schema::report::Status;
    let errors = report.error_count();
    let status = match report.status {
        Status::Valid => "valid",
        Status::Warnings => "warnings",
        Status::Invalid => "invalid",
    };
    let rows = lang.count("rows_count", report.rows);
    let summary = match report.status {
        Status::Invalid => lang
            .t("validation_summary_invalid")
            .replace("{errors}", &lang.count("errors_count", errors))
            .replace("{rows}", &rows),
        Status::Warnings => lang
            .t("validation_summary_warnings")
            .replace(
                "{warnings}",
                &lang.count("warnings_count", report.warnings.len() as u64),
            )
            .replace("{rows}", &rows),
        Status::Valid => lang.t("validation_summary_valid").replace("{rows}", &rows),
    };
    let counts = report
        .error_counts
        .iter()
        .map(|(kind, n)| {
            let key = format!("error_{}", kind.replace('-', "_"));
            let label = match lang.t(&key) {
                missing if missing == key => kind.clone(),
                label => label.to_string(),
            };
            format!("{label}{} {}", lang.t("colon"), lang.integer(*n))
        })
        .collect();
    let problems: Vec<ProblemView> = report
        .errors
        .iter()
        .map(|p| ProblemView {
            row: p.row.map(|r| lang.integer(r)),
            column: p.column.clone(),
            value: p.value.clone(),
            message: p.message(&lang.code),
        })
        .collect();
    let shown = (errors > problems.len() as u64).then(|| {
        lang.t("validation_shown")
            .replace("{shown}", &lang.integer(problems.len() as u64))
    });
    ValidationView {
        status,
        badge: lang.t(&format!("validation_{status}")).to_string(),
        summary,
        counts,
        warnings: report
            .warnings
            .iter()
            .map(|p| p.message(&lang.code))
            .collect(),
        problems,
        shown,
    }
}
