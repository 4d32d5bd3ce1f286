//! Conformance of validation: every example of the corpus, checked against
//! the results frictionless and Validata give on them, kept in
//! `tests/fixtures/validation/expected.json` (regenerated with
//! `tests/fixtures/validation/regenerate.py`). The corpus lives outside the
//! project, in `../shared/corpus` (or wherever `OUVERT_CORPUS` says).

mod common;

use common::corpus;

use std::collections::BTreeMap;
use std::path::Path;

use ouvert::profile::Reading;
use ouvert::schema::Schema;
use ouvert::schema::report::ValidationReport;
use ouvert::vocab::FileKind;

fn validate(corpus: &Path, data: &str, schema: &str) -> ValidationReport {
    let text = std::fs::read_to_string(corpus.join(schema)).unwrap();
    let schema = Schema::parse(&text).unwrap_or_else(|e| panic!("{schema}: {e:?}"));
    let reading = Reading {
        profile: false,
        personal_data: false,
        schema: Some(&schema),
        collect: Vec::new(),
    };
    let outcome = ouvert::profile::read(&corpus.join(data), FileKind::from_path(data), 2, &reading)
        .expect("a table")
        .unwrap_or_else(|e| panic!("{data}: {}", e.message()));
    outcome.validation.expect("validated").0
}

fn counts(json: &serde_json::Value) -> BTreeMap<String, u64> {
    json.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn examples_report_what_frictionless_and_validata_report() {
    let Some(corpus) = corpus() else { return };
    let expected: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation/expected.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    for entry in &expected {
        let data = entry["data"].as_str().unwrap();
        let schema = entry["schema"].as_str().unwrap();
        let report = validate(&corpus, data, schema);
        // Validata matches columns by name, whatever their case (warnings).
        let mut wanted = counts(&entry["frictionless_schema_sync_ignore_case"]["error_types"]);
        for (kind, n) in counts(&entry["validata_extra"]) {
            *wanted.entry(kind).or_default() += n;
        }
        // frictionless stops at an undecodable character (Validata's UTF-16
        // fixture ends with a lone surrogate); ouvert reads it as U+FFFD,
        // warns, and goes on to the header, whose columns are those of an
        // older version of the schema: three required ones are missing.
        if wanted.remove("encoding-error").is_some() {
            wanted.insert("missing-label".into(), 3);
        }
        // A header with no column of the schema: every column is missing.
        wanted.remove("unmatched-header");
        let got = &report.error_counts;
        if entry["kind"] == "valid" {
            if !got.is_empty() {
                failures.push(format!("{data}: valid, but ouvert reports {got:?}"));
            }
            continue;
        }
        for (kind, n) in &wanted {
            match got.get(kind) {
                Some(m) if m == n => {}
                Some(m) => failures.push(format!("{data}: {kind}: {m}, expected {n}")),
                None => failures.push(format!("{data}: {kind} not reported (expected {n})")),
            }
        }
        for (kind, n) in got {
            if !wanted.contains_key(kind) {
                failures.push(format!("{data}: {kind}: {n}, not expected"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
