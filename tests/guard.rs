//! The personal-data guard on generated files: each kind of personal data
//! planted in a CSV or an XLSX file, in columns whose names give nothing
//! away, in a few rows only or in the last rows of a file of a million
//! rows, stops the build with a report that masks every value; the same
//! columns declared with a justification pass; values that merely look
//! like a NIR or an IBAN but fail their keys pass.

mod common;

use std::io::Write;

use common::{CONFIG, Fixture};

/// Rows of ordinary data with, at the given rows (counted from 1 after the
/// header), a person's name and their data. Columns: `code`, `libelle`,
/// `valeur`, `info`, `autre`.
fn planted_rows(rows: usize, at: &[usize]) -> Vec<[String; 5]> {
    let plants = [
        [
            "Marie Dupont",
            "14/07/1985",
            "12 rue des Lilas",
            "06 12 34 56 78",
        ],
        [
            "x",
            "marie.curie@exemple.fr",
            "1 85 05 78 006 084 91",
            "FR76 3000 6000 0112 3456 7890 189",
        ],
        [
            "Jean Martin",
            "02/03/1979",
            "7 avenue Foch",
            "01 23 45 67 89",
        ],
    ];
    (1..=rows)
        .map(|i| match at.iter().position(|&a| a == i) {
            Some(p) => {
                let [a, b, c, d] = plants[p % plants.len()];
                [i.to_string(), a.into(), b.into(), c.into(), d.into()]
            }
            // A service mailbox, which is no personal data, in the first
            // rows only: the rest of a large file has no `@` but where
            // planted.
            None => [
                i.to_string(),
                format!("Ligne {i}"),
                format!("{}.5", i * 3),
                String::new(),
                if i <= 100 {
                    "contact@clairval.fr".into()
                } else {
                    String::new()
                },
            ],
        })
        .collect()
}

const HEADER: [&str; 5] = ["code", "libelle", "valeur", "info", "autre"];

fn csv(rows: &[[String; 5]]) -> String {
    let mut out = HEADER.join(",") + "\n";
    for row in rows {
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// A one-sheet XLSX workbook with inline strings.
fn xlsx(rows: &[[String; 5]]) -> Vec<u8> {
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;")
    }
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let header = HEADER.map(String::from);
    for (r, row) in std::iter::once(&header).chain(rows).enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            sheet.push_str(&format!(
                "<c r=\"{reference}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                escape(cell)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A portal with one dataset holding `file`.
fn portal(file: &str, content: impl AsRef<[u8]>, usage: &str) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/releves/index.md",
            format!("---\ntitle: Relevés\nresources:\n  - path: {file}\n{usage}---\n"),
        )
        .file(&format!("portal/datasets/releves/{file}"), content)
}

const HINT: &str = "  = hint: remove the column or these values from the file; if publishing them is lawful (for example elected officials' professional contacts, article D312-1-3 of the CRPA), declare the column with its justification in datasets/releves/index.md, under `usage:` `personal_columns:`\n\n";

/// What the build says about the three planted rows 5, 9 and 12.
fn expected_report(file: &str, rows: [usize; 3]) -> String {
    let [first, second, third] = rows.map(|r| r + 1);
    let findings = [
        format!(
            "the column `autre` holds bank account numbers (IBAN) in 1 row (row {second}), e.g. FR•• •••• … ••89"
        ),
        format!(
            "the column `autre` holds mobile phone numbers in 1 row (row {first}), e.g. 06 •• •• •• 78"
        ),
        format!(
            "the column `autre` holds phone numbers next to people's names (names in `libelle`) in 1 row (row {third}), e.g. J••• M••• — 01 •• •• •• 89"
        ),
        format!(
            "the column `info` holds social security numbers (NIR) in 1 row (row {second}), e.g. 1 •• •• •• ••• ••• ••"
        ),
        format!(
            "the column `info` holds street addresses next to people's names (names in `libelle`) in 2 rows (the first: row {first}), e.g. M••• D••• — •• rue •••, J••• M••• — •• avenue •••"
        ),
        format!(
            "the column `valeur` holds dates of birth next to people's names (names in `libelle`) in 2 rows (the first: row {first}), e.g. M••• D••• — ••/••/19••, J••• M••• — ••/••/19••"
        ),
        format!(
            "the column `valeur` holds personal e-mail addresses in 1 row (row {second}), e.g. m•••.c•••@exemple.fr"
        ),
    ];
    let mut out = String::new();
    for finding in findings {
        out.push_str(&format!(
            "error: datasets/releves/{file}: {finding}: personal data must not be published\n --> datasets/releves/{file}\n{HINT}"
        ));
    }
    out
}

fn assert_stopped(fixture: &Fixture, expected: &str) {
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!fixture.path("out").exists(), "nothing is published");
    let out = fixture.path("out").display().to_string();
    assert_eq!(
        run.stderr,
        format!(
            "{expected}error: the portal has 7 errors: nothing was published ({out} is unchanged)\n"
        )
    );
}

const PLANTED: [usize; 3] = [5, 9, 12];

/// The same rows as a town hall's office software writes them: Windows-1252,
/// `;`-separated, decimal commas; the third person's name starts with an
/// accented capital.
fn office_csv(rows: &[[String; 5]]) -> Vec<u8> {
    let text = csv(rows)
        .replace(',', ";")
        .replace(".5", ",5")
        .replace("Jean Martin", "Élodie Martin");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn each_kind_planted_in_a_few_rows_of_a_csv_stops_the_build() {
    let fixture = portal("releves.csv", csv(&planted_rows(40, &PLANTED)), "");
    assert_stopped(&fixture, &expected_report("releves.csv", PLANTED));
}

#[test]
fn each_kind_planted_in_a_few_rows_of_a_workbook_stops_the_build() {
    let fixture = portal("releves.xlsx", xlsx(&planted_rows(40, &PLANTED)), "");
    assert_stopped(&fixture, &expected_report("releves.xlsx", PLANTED));
}

#[test]
fn each_kind_planted_in_a_windows_1252_semicolon_file_stops_the_build() {
    let fixture = portal("releves.csv", office_csv(&planted_rows(40, &PLANTED)), "");
    let expected = expected_report("releves.csv", PLANTED).replace("J••• M•••", "É••• M•••");
    assert_stopped(&fixture, &expected);
}

#[test]
fn the_last_rows_of_a_file_of_a_million_rows_are_read() {
    let at = [999_998, 999_999, 1_000_000];
    let fixture = portal("releves.csv", csv(&planted_rows(1_000_000, &at)), "");
    assert_stopped(&fixture, &expected_report("releves.csv", at));
}

#[test]
fn declared_columns_pass_and_are_published() {
    let usage = "usage:\n  purpose: Suivre les relevés.\n  personal_data: present\n  personal_columns:\n    valeur: Adresse professionnelle et date de naissance des élus, publiées en vertu de l'article D312-1-3 du CRPA.\n    info: Adresse de la permanence des élus.\n    autre: Téléphone professionnel des élus.\n";
    let fixture = portal("releves.csv", csv(&planted_rows(40, &PLANTED)), usage);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(fixture.path("out/datasets/releves/releves.csv").is_file());
}

#[test]
fn a_declaration_covers_only_its_column() {
    let usage = "usage:\n  personal_data: present\n  personal_columns:\n    autre: Téléphone professionnel des élus.\n";
    let fixture = portal("releves.csv", csv(&planted_rows(40, &PLANTED)), usage);
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("the column `autre`"), "{}", run.stderr);
    assert!(run.stderr.contains("the column `info`"), "{}", run.stderr);
}

#[test]
fn lookalikes_and_service_contacts_pass() {
    let content = "code,libelle,valeur,info,autre\n\
        1,Marie Dupont,14/07/2024,185057800608492,FR76 3000 6000 0112 3456 7890 188\n\
        2,Piscine Jean Moulin,02/03/1979,12 rue des Lilas,01 23 45 67 89\n\
        3,Service des sports,sports@clairval.fr,123456789012345,accueil@clairval.fr\n\
        4,Mairie,inventaire-forestier@ign.fr,7 avenue Foch,05 55 12 34 56\n";
    let fixture = portal("releves.csv", content, "");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_declared_column_no_file_has_is_reported() {
    let usage = "usage:\n  personal_data: present\n  personal_columns:\n    telephone: Téléphone professionnel des élus.\n";
    let fixture = portal("releves.csv", "code,libelle\n1,Ligne 1\n", usage);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: `personal_columns` declares the column `telephone`, which no file of this dataset has\n \
         --> datasets/releves/index.md:8:5\n  \
         |\n\
         8 |     telephone: Téléphone professionnel des élus.\n  \
         |     ^\n  \
         = hint: the columns are: code, libelle\n\n"
    );
}

#[test]
fn profile_reports_personal_data_when_asked() {
    let fixture = Fixture::empty().file("releves.csv", csv(&planted_rows(20, &[5])));
    let run = |extra: &[&str]| -> common::Run {
        common::ouvert()
            .current_dir(fixture.dir.path())
            .args(["profile", "releves.csv", "--format", "json"])
            .args(extra)
            .output()
            .expect("run ouvert")
            .into()
    };
    let plain = run(&[]);
    assert_eq!(plain.code, 0);
    assert!(plain.stderr.is_empty(), "{}", plain.stderr);
    let scanned = run(&["--personal-data"]);
    assert_eq!(scanned.code, 0);
    assert_eq!(
        scanned.stderr,
        "warning: releves.csv: the column `valeur` holds dates of birth next to people's names (names in `libelle`) in 1 row (row 6), e.g. M••• D••• — ••/••/19••\n\
         warning: releves.csv: the column `info` holds street addresses next to people's names (names in `libelle`) in 1 row (row 6), e.g. M••• D••• — •• rue •••\n\
         warning: releves.csv: the column `autre` holds mobile phone numbers in 1 row (row 6), e.g. 06 •• •• •• 78\n"
    );
}
