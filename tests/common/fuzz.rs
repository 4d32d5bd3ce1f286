//! What each fuzz target does with its input, shared by the targets
//! (`fuzz/fuzz_targets/`, which include this file) and by
//! `tests/fuzz_regressions.rs`, which reads again every input that once
//! crashed one. Each function must give a result or an error for any
//! input, never a panic.

// Each target uses one of these functions.
#![allow(dead_code)]

use std::collections::BTreeMap;

use ouvert::load::Document;
use ouvert::load::raw::{RawDataset, RawOrganization, RawPage};
use ouvert::profile::{self, Reading};
use ouvert::render::markdown::{LinkContext, to_html};
use ouvert::schema::Schema;
use ouvert::schema::validator::Validator;
use ouvert::vocab::FileKind;

/// Reads `data` as a file named `name`: its profile with the
/// personal-data scan, its normalised copies, and its map.
fn read_file(data: &[u8], name: &str, kind: FileKind) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, data).expect("write input");
    let reading = Reading::profile_and_personal_data();
    if let Some(Ok(outcome)) = profile::read(&path, kind, 1, &reading)
        && let Some(profile) = outcome.profile
    {
        let copies = dir.path().join("copies");
        let _ = profile::normalize::in_folder(&path, kind, &profile, &copies);
        if let Some(sketch) = &profile.sketch {
            let _ = ouvert::render::map::svg(sketch, None, "m", "map");
            let _ = ouvert::render::map::labels(sketch, None);
        }
    }
}

/// Encoding and dialect sniffing, CSV profiling, normalised copies.
pub fn delimited(data: &[u8]) {
    read_file(data, "data.csv", FileKind::Csv);
}

/// GeoJSON: properties as a table, geometries, the map's sketch and map.
pub fn geojson(data: &[u8]) {
    read_file(data, "data.geojson", FileKind::GeoJson);
}

/// XLSX: mostly broken ZIP archives, which must give an error.
pub fn workbook(data: &[u8]) {
    read_file(data, "data.xlsx", FileKind::Xlsx);
}

/// Front matter (YAML or TOML) of datasets, organizations and pages, and
/// the Markdown of the body, with raw HTML escaped and kept (sanitised).
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = Document::split("datasets/x/index.md", text.to_string()) else {
        return;
    };
    let _ = doc.parse::<RawDataset>();
    let _ = doc.parse::<RawOrganization>();
    let _ = doc.parse::<RawPage>();
    let links = BTreeMap::new();
    for raw_html in [false, true] {
        let context = LinkContext {
            source: "datasets/x/index.md",
            page: "datasets/x/index.html",
            links: &links,
            raw_html,
        };
        let _ = to_html(doc.body(), &context);
    }
}

/// Table Schema parsing, then validation of rows against it: the input is
/// the schema's JSON, a NUL byte, then comma-separated rows (the header
/// first).
pub fn table_schema(data: &[u8]) {
    let (schema, rows) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(Ok(schema)) = std::str::from_utf8(schema).map(Schema::parse) else {
        return;
    };
    let rows = String::from_utf8_lossy(rows);
    let mut lines = rows.lines();
    let header: Vec<&str> = match lines.next() {
        Some(line) => line.split(',').collect(),
        None => schema.fields.iter().map(|f| f.name.as_str()).collect(),
    };
    // The first field as a key other tables refer to, so that collecting
    // keys is exercised too.
    let collect = vec![
        schema
            .fields
            .iter()
            .take(1)
            .map(|f| f.name.clone())
            .collect(),
    ];
    let validator = Validator::new(&schema, &header, true, &collect);
    let mut state = validator.state();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        validator.push_row(&mut state, &cells);
    }
    let _ = validator.finish(state);
}
