//! Conformance of the profiler on real files: the genuine CSVs published by
//! French départements, and the encoding fixtures of Validata and
//! frictionless-py. The corpus lives outside the project, in
//! `../shared/corpus` (or wherever `OUVERT_CORPUS` says); without it these
//! tests say so and check nothing.

mod common;

use common::corpus;

use ouvert::profile::{self, ColumnType, ResourceProfile};
use ouvert::vocab::FileKind;

fn profile_of(corpus: &std::path::Path, file: &str) -> ResourceProfile {
    let path = corpus.join(file);
    profile::profile(&path, FileKind::from_path(file), 2)
        .expect("a data file")
        .unwrap_or_else(|e| panic!("{file}: {}", e.message()))
}

/// Every string the profile shows of a file: names, preview, frequent
/// values, extremes.
fn texts(profile: &ResourceProfile) -> String {
    let mut out = String::new();
    for table in &profile.tables {
        for column in &table.columns {
            out.push_str(&column.name);
            out.push('\n');
            for top in &column.top {
                out.push_str(&top.value);
                out.push('\n');
            }
            for value in [&column.min, &column.max].into_iter().flatten() {
                if let profile::Scalar::Text(text) = value {
                    out.push_str(text);
                    out.push('\n');
                }
            }
        }
        for row in &table.preview {
            out.push_str(&row.join("\n"));
            out.push('\n');
        }
    }
    out
}

struct Expected {
    file: &'static str,
    encoding: &'static str,
    delimiter: char,
    rows: u64,
    columns: usize,
    /// Some column types, by column name.
    types: &'static [(&'static str, ColumnType)],
    /// Text that must appear, decoded.
    texts: &'static [&'static str],
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "real-world-csv/subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv",
        encoding: "windows-1252",
        delimiter: ';',
        rows: 34,
        columns: 14,
        types: &[
            ("idAttribuant", ColumnType::String),
            ("dateConvention", ColumnType::Date),
            ("montant", ColumnType::Number),
            ("notificationUE", ColumnType::Boolean),
            ("idBeneficiaire", ColumnType::String),
        ],
        texts: &["Département du Lot", "œuvre"],
    },
    Expected {
        file: "real-world-csv/subventions/DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
        encoding: "windows-1252",
        delimiter: ',',
        rows: 97,
        columns: 17,
        types: &[
            ("COLL_SIRET", ColumnType::String),
            ("ACTE_DATE", ColumnType::Date),
        ],
        texts: &["Département de la Nièvre"],
    },
    Expected {
        file: "real-world-csv/subventions/DEP_Somme_TB_20180330_DONNEES_CONVENTIONS.csv",
        encoding: "windows-1252",
        delimiter: ';',
        rows: 11,
        columns: 13,
        types: &[
            ("dateConvention", ColumnType::Date),
            ("montant", ColumnType::Number),
            ("idBeneficiaire", ColumnType::String),
        ],
        texts: &["Département de la Somme", "Réalisation"],
    },
    Expected {
        file: "real-world-csv/subventions/SCDL_DEP_Haute_Garonne_datalocale-subvention.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 69,
        columns: 14,
        types: &[
            ("dateConvention", ColumnType::Date),
            ("montant", ColumnType::Number),
        ],
        texts: &["L’EPE"],
    },
    Expected {
        file: "validata-fixtures/irve-driveco-201215.csv",
        encoding: "windows-1252",
        delimiter: ';',
        rows: 882,
        columns: 17,
        types: &[
            ("code_insee", ColumnType::String),
            ("Xlongitude", ColumnType::Number),
            ("nbre_pdc", ColumnType::Integer),
        ],
        texts: &["Allée du Ninu"],
    },
    Expected {
        file: "validata-fixtures/irve_accent_valide.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 2,
        columns: 17,
        types: &[("Ylatitude", ColumnType::Number)],
        texts: &[],
    },
    Expected {
        file: "validata-fixtures/mini-menus-collectifs_invalide.utf-16.csv",
        encoding: "UTF-16LE",
        delimiter: ',',
        rows: 1,
        columns: 26,
        types: &[("menuDate", ColumnType::Date)],
        texts: &["élémentaire Duchesse Anne"],
    },
    Expected {
        file: "validata-fixtures/sample_with_bom.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 4,
        columns: 26,
        types: &[
            ("longitude", ColumnType::Number),
            ("code_postal", ColumnType::String),
        ],
        texts: &[],
    },
    Expected {
        file: "frictionless/frictionless-py-data/accent.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 2,
        columns: 17,
        types: &[
            ("code_insee", ColumnType::String),
            ("Xlongitude", ColumnType::Number),
            ("nbre_pdc", ColumnType::Integer),
            ("date_maj", ColumnType::Date),
        ],
        texts: &["accessibilité"],
    },
    Expected {
        file: "frictionless/frictionless-py-data/latin1.csv",
        encoding: "windows-1252",
        delimiter: ',',
        rows: 2,
        columns: 2,
        types: &[("id", ColumnType::Integer)],
        texts: &["©"],
    },
    Expected {
        file: "frictionless/frictionless-py-data/bom.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 2,
        columns: 2,
        types: &[("id", ColumnType::Integer)],
        texts: &[],
    },
    Expected {
        file: "frictionless/frictionless-py-data/issue-1009-semicolon.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 1,
        columns: 2,
        types: &[],
        texts: &[],
    },
    Expected {
        file: "frictionless/frictionless-py-data/issue-1105-timezone.csv",
        encoding: "UTF-8",
        delimiter: ';',
        rows: 2,
        columns: 2,
        types: &[("timestamp", ColumnType::Datetime)],
        texts: &[],
    },
    Expected {
        file: "frictionless/frictionless-py-data/leading-zeros.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 3,
        columns: 1,
        types: &[("value", ColumnType::String)],
        texts: &["002"],
    },
    Expected {
        file: "frictionless/frictionless-py-data/table.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 2,
        columns: 2,
        types: &[("id", ColumnType::Integer), ("name", ColumnType::String)],
        texts: &["中国人"],
    },
    Expected {
        file: "frictionless/frictionless-py-data/capital-invalid.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 10,
        columns: 3,
        types: &[("id", ColumnType::String)],
        texts: &["Zagreb"],
    },
    Expected {
        file: "frictionless/frictionless-py-data/countries-truefalsevalues.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 2,
        columns: 2,
        types: &[],
        texts: &[],
    },
    Expected {
        file: "frictionless/frictionless-py-data/doublequote.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 5,
        columns: 17,
        types: &[("AÑO", ColumnType::Year)],
        texts: &[],
    },
    Expected {
        file: "other-schemas/etalab-schema-irve/statique/exemple-valide-statique.csv",
        encoding: "UTF-8",
        delimiter: ',',
        rows: 1,
        columns: 0,
        types: &[],
        texts: &["€"],
    },
];

#[test]
fn genuine_files_are_read_as_their_authors_meant() {
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    for expected in EXPECTED {
        let profile = profile_of(&corpus, expected.file);
        let table = &profile.tables[0];
        let mut check = |what: &str, ok: bool, got: String| {
            if !ok {
                failures.push(format!("{}: {what}: got {got}", expected.file));
            }
        };
        check(
            "encoding",
            profile.encoding.as_deref() == Some(expected.encoding),
            format!("{:?}", profile.encoding),
        );
        check(
            "delimiter",
            profile.delimiter == Some(expected.delimiter),
            format!("{:?}", profile.delimiter),
        );
        check(
            "rows",
            table.rows == expected.rows || expected.columns == 0,
            table.rows.to_string(),
        );
        check(
            "columns",
            table.columns.len() == expected.columns || expected.columns == 0,
            table.columns.len().to_string(),
        );
        for (name, kind) in expected.types {
            let got = table
                .columns
                .iter()
                .find(|c| c.name == *name)
                .map(|c| c.kind);
            check(
                &format!("type of {name}"),
                got == Some(*kind),
                format!("{got:?}"),
            );
        }
        let texts = texts(&profile);
        for text in expected.texts {
            check(
                &format!("text {text:?}"),
                texts.contains(text),
                "not found".into(),
            );
        }
        // The UTF-16 fixture ends with a broken character on purpose.
        let broken = expected.file.contains("utf-16");
        check(
            "no replacement character",
            broken || !texts.contains('\u{FFFD}'),
            "U+FFFD".into(),
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_csv_of_the_listed_folders_is_profiled() {
    let Some(corpus) = corpus() else { return };
    for folder in [
        "real-world-csv/subventions",
        "validata-fixtures",
        "frictionless/frictionless-py-data",
    ] {
        for entry in std::fs::read_dir(corpus.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "csv") {
                let result = profile::profile(&path, FileKind::Csv, 2).expect("a data file");
                assert!(result.is_ok(), "{}: {:?}", path.display(), result.err());
            }
        }
    }
}
