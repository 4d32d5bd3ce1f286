//! The personal-data guard on every data file of the shared corpus: it
//! finds a person's data only where a named person's data really appears,
//! and never a generic service mailbox. Without the corpus (see
//! `OUVERT_CORPUS`), says so and checks nothing.

mod common;

use common::corpus;

use std::path::{Path, PathBuf};

use ouvert::profile;
use ouvert::vocab::FileKind;

fn data_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("csv" | "tsv" | "xlsx" | "ods")
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn findings_only_where_a_named_person_appears() {
    let Some(corpus) = corpus() else { return };
    let mut found = Vec::new();
    for path in data_files(&corpus) {
        let name = path
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let reading = profile::Reading::profile_and_personal_data();
        let Some(Ok(profile)) =
            profile::profile_with(&path, FileKind::from_path(&name), 2, &reading)
        else {
            continue;
        };
        for table in &profile.tables {
            for finding in &table.personal_data {
                found.push(format!(
                    "{name}: {} {:?} {} rows, first {}, {:?}",
                    finding.column, finding.kind, finding.rows, finding.first_row, finding.examples
                ));
            }
        }
    }
    // One person is named in the corpus: the contact of a catalogue entry.
    // Its service mailbox (`inventaire-forestier@ign.fr`), the generic
    // addresses of the other files and the station signs of the IRVE
    // files that read like names (`Leclerc Océane`) are not findings.
    assert_eq!(
        found,
        [
            "other-schemas/etalab-schema-catalogue-donnees/exemple-valide.csv: contact_personne Email 1 rows, first 2, [\"j•••.m•••@ign.fr\"]"
        ]
    );
}
