//! Every input that once crashed a fuzz target (`fuzz/regressions/<target>/`)
//! is read again here, the way its target reads it (`common/fuzz.rs`): it
//! must give a profile or an error, never a panic. The targets themselves
//! need nightly Rust (`cargo +nightly fuzz run <target>`, see the README);
//! these tests run with `cargo test`.

#[path = "common/fuzz.rs"]
mod fuzz;

use std::path::{Path, PathBuf};

fn regressions(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read(f).expect("a regression input"))
        .collect()
}

#[test]
fn delimited_files_that_crashed_the_reader() {
    regressions("delimited")
        .iter()
        .for_each(|d| fuzz::delimited(d));
}

#[test]
fn geojson_files_that_crashed_the_reader() {
    regressions("geojson").iter().for_each(|d| fuzz::geojson(d));
}

#[test]
fn workbooks_that_crashed_the_reader() {
    regressions("workbook")
        .iter()
        .for_each(|d| fuzz::workbook(d));
}

#[test]
fn front_matter_that_crashed_the_parser() {
    regressions("front_matter")
        .iter()
        .for_each(|d| fuzz::front_matter(d));
}

#[test]
fn schemas_and_rows_that_crashed_the_validator() {
    regressions("table_schema")
        .iter()
        .for_each(|d| fuzz::table_schema(d));
}

#[test]
fn the_regressions_are_there() {
    // A crash kept without its file would test nothing.
    assert!(!regressions("delimited").is_empty());
}
