//! JSON (an array of objects, or an object holding one) and GeoJSON
//! (feature properties as a table, plus geometry types and extent).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde_json::{Map, Value};

use super::table::{CellEncoding, TableStats, column_names};
use super::{
    GeometrySummary, Outcome, ProfileError, ReadFailure, Reading, ResourceProfile, TableProfile,
};

fn read_json(path: &Path) -> Result<Value, ProfileError> {
    let file = File::open(path).map_err(|e| ProfileError::with_detail(ReadFailure::Io, e))?;
    let size = file.metadata().map_or(0, |m| m.len());
    if size > super::MAX_JSON_BYTES {
        return Err(ProfileError::new(ReadFailure::TooLarge {
            format: super::LargeFormat::Json,
            size,
            limit: super::MAX_JSON_BYTES,
        }));
    }
    let mut reader = BufReader::new(file);
    // A UTF-8 byte-order mark is common in files saved by Windows tools and
    // is not JSON.
    let mut bom = [0u8; 3];
    use std::io::{Read, Seek};
    let n = reader.read(&mut bom).unwrap_or(0);
    if !(n == 3 && bom == *b"\xEF\xBB\xBF") {
        reader
            .rewind()
            .map_err(|e| ProfileError::with_detail(ReadFailure::Io, e))?;
    }
    serde_json::from_reader(reader).map_err(|e| ProfileError {
        line: Some(e.line()).filter(|&l| l > 0),
        ..ProfileError::with_detail(ReadFailure::NotJson, crate::util::json_message(&e))
    })
}

/// Reads a JSON or GeoJSON file: its profile and its validation, as
/// `reading` asks.
pub fn read(
    path: &Path,
    kind: crate::vocab::FileKind,
    reading: &Reading,
) -> Result<Outcome, ProfileError> {
    let value = read_json(path)?;
    let profile = match kind {
        crate::vocab::FileKind::GeoJson => geojson_profile(&value, reading.personal_data)?,
        _ => json_profile(&value, reading.personal_data)?,
    };
    let validation = reading.schema.is_some() || !reading.collect.is_empty();
    let validation = validation
        .then(|| validate(&value, kind, reading))
        .flatten();
    Ok(Outcome { profile: reading.profile.then_some(profile), validation })
}

/// Validates the records, cells as text: the keys of the first record that
/// has them give the columns, as the profile's do.
fn validate(
    value: &Value,
    kind: crate::vocab::FileKind,
    reading: &Reading,
) -> Option<(
    crate::schema::report::ValidationReport,
    crate::schema::validator::Keys,
)> {
    let names = table_names(&rows(value, kind));
    let labels: Vec<&str> = names.iter().map(String::as_str).collect();
    let validator = reading.validator(&labels)?;
    let mut state = validator.state();
    let mut cells: Vec<String> = Vec::with_capacity(names.len());
    for record in rows(value, kind) {
        cells.clear();
        cells.extend(names.iter().map(|name| value_text(record.get(name))));
        validator.push_row(&mut state, &cells);
    }
    Some(validator.finish(state))
}

fn json_profile(value: &Value, personal_data: bool) -> Result<ResourceProfile, ProfileError> {
    let records = records(value).ok_or_else(|| ProfileError::new(ReadFailure::NoTable))?;
    let table = table(
        records.iter().filter_map(Value::as_object).collect(),
        personal_data,
    );
    Ok(ResourceProfile {
        decimal_separator: super::file_decimal_separator(&table.columns),
        tables: vec![table],
        encoding: Some("UTF-8".to_string()),
        delimiter: None,
        quote: None,
        geometry: None,
        sketch: None,
        warnings: Vec::new(),
    })
}

/// The list of objects: the value itself, or the first member of an object
/// that is a list of objects (`{"data": [...]}`).
fn records(value: &Value) -> Option<&Vec<Value>> {
    let is_records = |v: &&Vec<Value>| v.iter().all(Value::is_object);
    match value {
        Value::Array(items) => Some(items).filter(is_records),
        Value::Object(map) => map
            .values()
            .filter_map(Value::as_array)
            .find(|items| !items.is_empty() && is_records(items)),
        _ => None,
    }
}

/// The columns of objects: their keys in order of first appearance.
fn table_names(objects: &[&Map<String, Value>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for object in objects {
        for key in object.keys() {
            if !names.iter().any(|c| c == key) {
                names.push(key.clone());
            }
        }
    }
    names
}

/// Builds a table from objects: columns in order of first appearance.
fn table(objects: Vec<&Map<String, Value>>, personal_data: bool) -> TableProfile {
    let names = table_names(&objects);
    let mut stats =
        TableStats::new(names.len(), CellEncoding::Utf8).with_guard(personal_data, &names);
    let mut cells: Vec<String> = Vec::with_capacity(names.len());
    for (i, object) in objects.iter().enumerate() {
        cells.clear();
        cells.extend(names.iter().map(|name| value_text(object.get(name))));
        stats.push_row(cells.iter().map(String::as_bytes), i as u64 + 1);
    }
    TableProfile {
        name: None,
        header: true,
        rows: stats.rows,
        // Records are numbered from 1: there is no header line.
        personal_data: stats.personal_data(false),
        columns: stats.finish(&column_names(&names), false),
        preview: stats.preview,
    }
}

/// A value as the text of a cell.
pub(super) fn value_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The rows of a JSON file (its records) or of a GeoJSON file (its
/// features' properties); empty when there are none.
pub(super) fn rows(value: &Value, kind: crate::vocab::FileKind) -> Vec<&Map<String, Value>> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    let empty = EMPTY.get_or_init(Map::new);
    match kind {
        crate::vocab::FileKind::GeoJson => features(value)
            .unwrap_or_default()
            .into_iter()
            .map(|f| {
                f.get("properties")
                    .and_then(Value::as_object)
                    .unwrap_or(empty)
            })
            .collect(),
        _ => records(value)
            .map(|items| items.iter().filter_map(Value::as_object).collect())
            .unwrap_or_default(),
    }
}

/// The features of a GeoJSON value.
fn features(value: &Value) -> Result<Vec<&Value>, ProfileError> {
    match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => Ok(value
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| ProfileError::new(ReadFailure::NoFeatures))?
            .iter()
            .collect()),
        Some("Feature") => Ok(vec![value]),
        _ => Err(ProfileError::new(ReadFailure::NotGeoJson)),
    }
}

fn geojson_profile(value: &Value, personal_data: bool) -> Result<ResourceProfile, ProfileError> {
    let features = features(value)?;
    let mut types: BTreeMap<String, u64> = BTreeMap::new();
    let mut bbox: Option<[f64; 4]> = None;
    let mut broken = 0u64;
    let mut first_broken = 0;
    let mut sketch = super::geo::SketchBuilder::default();
    for (i, feature) in features.iter().enumerate() {
        match feature.get("geometry") {
            None | Some(Value::Null) => *types.entry("null".to_string()).or_default() += 1,
            Some(geometry) => match geometry.get("type").and_then(Value::as_str) {
                Some(kind) if extend_bbox(geometry, &mut bbox) => {
                    super::geo::add_geojson(&mut sketch, geometry);
                    *types.entry(kind.to_string()).or_default() += 1
                }
                _ => {
                    if broken == 0 {
                        first_broken = i + 1;
                    }
                    broken += 1
                }
            },
        }
    }
    let properties = rows(value, crate::vocab::FileKind::GeoJson);
    let mut warnings = Vec::new();
    if broken > 0 {
        warnings.push(super::ProfileWarning::BrokenGeometries {
            features: broken,
            first_feature: first_broken,
        });
    }
    let table = table(properties, personal_data);
    if let Some(column) = super::geo::label_column(&table) {
        let name = &table.columns[column].name;
        for feature in &features {
            let point = feature.get("geometry").and_then(super::geo::point_of);
            let label = feature
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(Value::as_str);
            if let (Some(point), Some(label)) = (point, label) {
                sketch.label(point, label);
            }
        }
    }
    Ok(ResourceProfile {
        decimal_separator: super::file_decimal_separator(&table.columns),
        tables: vec![table],
        encoding: Some("UTF-8".to_string()),
        delimiter: None,
        quote: None,
        geometry: Some(GeometrySummary { features: features.len() as u64, types, bbox }),
        sketch: Some(sketch.finish()),
        warnings,
    })
}

/// Extends `bbox` with every position of `geometry`; false when the
/// geometry is malformed.
fn extend_bbox(geometry: &Value, bbox: &mut Option<[f64; 4]>) -> bool {
    if let Some(members) = geometry.get("geometries").and_then(Value::as_array) {
        return members.iter().all(|g| extend_bbox(g, bbox));
    }
    match geometry.get("coordinates") {
        Some(coordinates) => extend_positions(coordinates, bbox, 0),
        None => false,
    }
}

fn extend_positions(value: &Value, bbox: &mut Option<[f64; 4]>, depth: usize) -> bool {
    let Some(items) = value.as_array() else {
        return false;
    };
    if depth > 4 {
        return false;
    }
    if items.first().is_some_and(Value::is_number) {
        let (Some(x), Some(y)) = (items[0].as_f64(), items.get(1).and_then(Value::as_f64)) else {
            return false;
        };
        let b = bbox.get_or_insert([x, y, x, y]);
        *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        return true;
    }
    items
        .iter()
        .all(|item| extend_positions(item, bbox, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_records() {
        let v = json!({"meta": {"n": 2}, "data": [{"a": 1}, {"b": "x"}]});
        let t = table(
            records(&v)
                .unwrap()
                .iter()
                .filter_map(Value::as_object)
                .collect(),
            false,
        );
        assert_eq!(
            t.columns
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            vec!["a", "b"]
        );
        assert_eq!(
            t.preview,
            vec![
                vec!["1".to_string(), String::new()],
                vec![String::new(), "x".into()]
            ]
        );
        assert!(records(&json!([1, 2])).is_none());
    }

    #[test]
    fn bbox_of_nested_geometries() {
        let mut bbox = None;
        let polygon = json!({"type": "Polygon", "coordinates": [[[2.0, 47.0], [2.5, 47.2], [2.1, 46.9], [2.0, 47.0]]]});
        assert!(extend_bbox(&polygon, &mut bbox));
        assert_eq!(bbox, Some([2.0, 46.9, 2.5, 47.2]));
        assert!(!extend_bbox(
            &json!({"type": "Point", "coordinates": ["a", "b"]}),
            &mut bbox
        ));
    }
}
