//! Every input that once crashed a fuzz target (`fuzz/regressions/<target>/`)
//! is read again here, the way its target reads it: it must give a profile
//! or an error, never a panic. The targets themselves need nightly Rust
//! (`cargo +nightly fuzz run <target>`, see the README); these tests run
//! with `cargo test`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ouvert::load::Document;
use ouvert::load::raw::{RawDataset, RawOrganization, RawPage};
use ouvert::profile::{self, Reading};
use ouvert::schema::Schema;
use ouvert::schema::validator::Validator;
use ouvert::vocab::FileKind;

fn regressions(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Reads `bytes` as a file named `name`, profiles it with the
/// personal-data scan and writes its normalised copies.
fn read_file(bytes: &[u8], name: &str, kind: FileKind) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let reading = Reading::profile_and_personal_data();
    if let Some(Ok(outcome)) = profile::read(&path, kind, 1, &reading)
        && let Some(profile) = outcome.profile
    {
        let _ = profile::normalize::in_folder(&path, kind, &profile, &dir.path().join("copies"));
        if let Some(sketch) = &profile.sketch {
            let _ = ouvert::render::map::svg(sketch, None, "m", "map");
            let _ = ouvert::render::map::labels(sketch, None);
        }
    }
}

#[test]
fn delimited_files_that_crashed_the_reader() {
    for file in regressions("delimited") {
        read_file(&std::fs::read(&file).unwrap(), "data.csv", FileKind::Csv);
    }
}

#[test]
fn geojson_files_that_crashed_the_reader() {
    for file in regressions("geojson") {
        read_file(
            &std::fs::read(&file).unwrap(),
            "data.geojson",
            FileKind::GeoJson,
        );
    }
}

#[test]
fn workbooks_that_crashed_the_reader() {
    for file in regressions("workbook") {
        read_file(&std::fs::read(&file).unwrap(), "data.xlsx", FileKind::Xlsx);
    }
}

#[test]
fn front_matter_that_crashed_the_parser() {
    for file in regressions("front_matter") {
        let bytes = std::fs::read(&file).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let Ok(doc) = Document::split("datasets/x/index.md", text) else {
            continue;
        };
        let _ = doc.parse::<RawDataset>();
        let _ = doc.parse::<RawOrganization>();
        let _ = doc.parse::<RawPage>();
        let links = BTreeMap::new();
        let context = ouvert::render::markdown::LinkContext {
            source: "datasets/x/index.md",
            page: "datasets/x/index.html",
            links: &links,
            raw_html: false,
        };
        let _ = ouvert::render::markdown::to_html(doc.body(), &context);
        let context = ouvert::render::markdown::LinkContext { raw_html: true, ..context };
        let _ = ouvert::render::markdown::to_html(doc.body(), &context);
    }
}

#[test]
fn schemas_and_rows_that_crashed_the_validator() {
    for file in regressions("table_schema") {
        let data = std::fs::read(&file).unwrap();
        let (schema, rows) = match data.iter().position(|&b| b == 0) {
            Some(at) => (&data[..at], &data[at + 1..]),
            None => (&data[..], &b""[..]),
        };
        let Ok(Ok(schema)) = std::str::from_utf8(schema).map(Schema::parse) else {
            continue;
        };
        let rows = String::from_utf8_lossy(rows);
        let mut lines = rows.lines();
        let header: Vec<&str> = match lines.next() {
            Some(line) => line.split(',').collect(),
            None => schema.fields.iter().map(|f| f.name.as_str()).collect(),
        };
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
}

#[test]
fn the_regressions_are_there() {
    // A crash kept without its file would test nothing.
    assert!(!regressions("delimited").is_empty());
}
