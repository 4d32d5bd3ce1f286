//! A Table Schema inferred from a table's profile: a starting point for a
//! producer who has none, written so that the file it comes from follows
//! it, and so that it reads well once saved in `schemas/`.

use serde_json::{Map, Value as Json, json};

use crate::profile::{ColumnProfile, ColumnType, TableProfile};

/// The texts the profile reads as "no value".
const MISSING_VALUES: [&str; 8] = ["", "NA", "N/A", "n/a", "NULL", "null", "#N/A", "-"];

/// The schema of `table`, as JSON. `title` names the file it describes;
/// `description` says, in the portal's language, that it was inferred.
pub fn infer(table: &TableProfile, title: &str, description: &str) -> Json {
    let fields: Vec<Json> = table.columns.iter().map(|c| field(c, table.rows)).collect();
    json!({
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "title": title,
        "description": description,
        "missingValues": MISSING_VALUES,
        "fields": fields,
    })
}

fn field(column: &ColumnProfile, rows: u64) -> Json {
    let mut field = Map::new();
    field.insert("name".into(), json!(column.name));
    // Profile types are named after Table Schema's.
    field.insert("type".into(), json!(column.kind.as_str()));
    match column.kind {
        ColumnType::Date
            if let Some(pattern) = column.format.as_deref().filter(|p| *p != "%Y-%m-%d") =>
        {
            field.insert("format".into(), json!(pattern));
        }
        // Datetimes vary (seconds, offsets): only ISO ones have a format
        // every value is sure to follow.
        ColumnType::Datetime if column.format.as_deref() != Some("%Y-%m-%dT%H:%M:%S") => {
            field.insert("format".into(), json!("any"));
        }
        ColumnType::Number | ColumnType::Integer => {
            if let Some(decimal) = column.decimal_separator.filter(|c| *c != '.') {
                field.insert("decimalChar".into(), json!(decimal.to_string()));
            }
            if let Some(group) = column.group_separator {
                field.insert("groupChar".into(), json!(group.to_string()));
            }
        }
        ColumnType::Boolean => {
            // The spellings the file uses: `oui`/`non`, `Vrai`/`Faux`…
            let spellings = |wanted: bool| -> Vec<String> {
                column
                    .top
                    .iter()
                    .map(|t| t.value.trim())
                    .filter(|v| crate::profile::infer::boolean(v.as_bytes()) == Some(wanted))
                    .map(str::to_string)
                    .collect()
            };
            let (yes, no) = (spellings(true), spellings(false));
            if !yes.is_empty() {
                field.insert("trueValues".into(), json!(yes));
            }
            if !no.is_empty() {
                field.insert("falseValues".into(), json!(no));
            }
        }
        _ => {}
    }
    let mut constraints = Map::new();
    if column.nulls == 0 && rows > 0 {
        constraints.insert("required".into(), json!(true));
    }
    if column.kind == ColumnType::String
        && let (Some(min), Some(max)) = (column.min_length, column.max_length)
        && min == max
        && min > 1
        && column.distinct > 1
    {
        // Codes of a fixed length (INSEE, postal codes, SIRET…).
        constraints.insert("minLength".into(), json!(min));
        constraints.insert("maxLength".into(), json!(max));
    }
    if !constraints.is_empty() {
        field.insert("constraints".into(), Json::Object(constraints));
    }
    Json::Object(field)
}
