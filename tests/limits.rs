//! Inputs too large to read whole are refused with a clear message, and
//! the portal is still built; what is read as a stream has bounded rows.
//! (Memory for very large delimited files is measured by
//! `benches/large-files.sh`, see BENCHMARKS.md.)

mod common;

use std::io::Write;

use common::{CONFIG, Fixture};

fn portal(name: &str) -> Fixture {
    Fixture::empty().file("portal/ouvert.toml", CONFIG).file(
        "portal/datasets/a/index.md",
        format!("---\ntitle: Données\nresources:\n  - path: {name}\n---\n\nTexte.\n"),
    )
}

#[test]
fn a_workbook_too_large_for_memory_is_published_without_preview() {
    let fixture = portal("gros.xlsx");
    // 260 MB of sheet XML, a few hundred kilobytes once compressed.
    let file = std::fs::File::create(fixture.path("portal/datasets/a/gros.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let row = "<row><c t=\"inlineStr\"><is><t>valeur</t></is></c></row>".repeat(1000);
    for _ in 0..260_000_000 / row.len() + 1 {
        zip.write_all(row.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning: datasets/a/gros.xlsx is not previewed: the workbook's sheets hold 260 MB, more than the 256 MB ouvert reads into memory: export the data as CSV, which is read whatever its size\n"
    ), "{}", run.stderr);
    let page = fixture.read("out/datasets/a/index.html");
    assert!(page.contains("ses feuilles contiennent 260 Mo de données, plus que les 256 Mo qu&#39;ouvert lit en mémoire"), "{page}");
    assert!(
        fixture.path("out/datasets/a/gros.xlsx").is_file(),
        "still published"
    );
}

#[test]
fn a_json_file_too_large_for_memory_is_published_without_preview() {
    let fixture = portal("gros.json");
    let file = std::fs::File::create(fixture.path("portal/datasets/a/gros.json")).unwrap();
    file.set_len(120_000_000).unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning: datasets/a/gros.json is not previewed: the file is 120 MB, more than the 100 MB ouvert reads into memory: split it, or publish the table as CSV, which is read whatever its size\n"
    ), "{}", run.stderr);
    assert!(fixture.path("out/datasets/a/gros.json").is_file());
}

#[test]
fn a_row_longer_than_64_mb_is_refused() {
    let fixture = portal("ligne.csv");
    let mut file = std::fs::File::create(fixture.path("portal/datasets/a/ligne.csv")).unwrap();
    file.write_all(b"a,b\n").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..65 {
        file.write_all(&chunk).unwrap();
    }
    drop(file);
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(
        "error: cannot read datasets/a/ligne.csv: cannot read the file: a single row of the file is longer than 64 MB\n"
    ), "{}", run.stderr);
}
