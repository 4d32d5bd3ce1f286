//! The exports for reusers built from fixture portals: each dataset's
//! `datapackage.json` field by field. That frictionless reads the packages
//! of the example portal is checked by `.ci/run`.

mod common;

use common::{CONFIG, Fixture};
use serde_json::{Value, json};

/// A Windows-1252, semicolon-separated export with decimal commas and
/// grouped thousands, as accounting software writes it.
const BUDGET_CSV: &[u8] =
    b"article;libell\xe9;montant\r\n6061;\xc9nergie;1 234,50\r\n6063;Fournitures;980,00\r\n";
const DEPENSES_CSV: &[u8] =
    b"date;libell\xe9;montant\r\n15/01/2026;\xc9lectricit\xe9;125,40\r\n16/02/2026;Eau;80,10\r\n";
const NOTE_PDF: &[u8] = b"%PDF-1.4\n%%EOF\n";
const BUDGET_SCHEMA: &str = r#"{
  "name": "budget",
  "fields": [
    {"name": "article", "type": "string", "constraints": {"required": true}},
    {"name": "libellé", "type": "string"},
    {"name": "montant", "type": "number", "decimalChar": ",", "groupChar": " "}
  ]
}"#;

fn budget_portal(config: &str) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", config)
        .file(
            "portal/datasets/budget-2026/index.md",
            r#"---
title: Budget 2026
summary: Les dépenses votées pour 2026.
keywords: [budget, finances publiques]
themes: [ECON]
licence: odbl-1.0
created: 2026-01-15
modified: 2026-02
contact:
  name: Service des finances
  email: finances@test.example
resources:
  - path: budget.csv
    title: Budget par article
    description: Export du logiciel financier.
    schema: schemas/budget.json
  - path: depenses.csv
    title: Dépenses
  - path: note.pdf
    title: Note de présentation
  - path: frequentation.xlsx
    title: Fréquentation
  - url: https://www.example.org/comptes.csv
    title: Comptes des communes
---

Le budget voté par le conseil municipal.
"#,
        )
        .file("portal/datasets/budget-2026/budget.csv", BUDGET_CSV)
        .file("portal/datasets/budget-2026/depenses.csv", DEPENSES_CSV)
        .file("portal/datasets/budget-2026/note.pdf", NOTE_PDF)
        .file("portal/datasets/budget-2026/frequentation.xlsx", workbook())
        .file("portal/schemas/budget.json", BUDGET_SCHEMA)
}

/// A real two-sheet workbook: the example portal's.
fn workbook() -> Vec<u8> {
    std::fs::read(
        common::example_portal()
            .join("datasets/frequentation-mediatheque/frequentation-mediatheque.xlsx"),
    )
    .unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", ouvert::util::hash::sha256_hex(bytes))
}

fn built(fixture: &Fixture) -> &Fixture {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture
}

fn package(fixture: &Fixture, slug: &str) -> Value {
    serde_json::from_str(&fixture.read(&format!("out/datasets/{slug}/datapackage.json"))).unwrap()
}

fn dialect() -> Value {
    json!({"delimiter": ";", "quoteChar": "\"", "doubleQuote": true, "header": true})
}

#[test]
fn datapackage_maps_the_dataset_field_by_field() {
    let fixture = budget_portal(CONFIG);
    let package = package(built(&fixture), "budget-2026");
    let expected = json!({
        "name": "budget-2026",
        "title": "Budget 2026",
        "description": "Les dépenses votées pour 2026.\n\nLe budget voté par le conseil municipal.",
        "homepage": "https://donnees.test.example/datasets/budget-2026/",
        "keywords": ["budget", "finances publiques"],
        "licenses": [{
            "name": "ODbL-1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
            "title": "Open Database License (ODbL) 1.0"
        }],
        "contributors": [
            {"title": "Commune de Test", "email": "donnees@test.example", "role": "publisher"},
            {"title": "Service des finances", "email": "finances@test.example", "role": "maintainer"}
        ],
        // A month is no RFC 3339 date-time: `modified: 2026-02` gives none.
        "created": "2026-01-15T00:00:00Z",
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "budget",
                "path": "budget.csv",
                "title": "Budget par article",
                "description": "Export du logiciel financier.",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "windows-1252",
                "dialect": dialect(),
                "bytes": BUDGET_CSV.len(),
                "hash": sha256(BUDGET_CSV),
                // The declared schema, whole.
                "schema": serde_json::from_str::<Value>(BUDGET_SCHEMA).unwrap()
            },
            {
                "profile": "tabular-data-resource",
                "name": "depenses",
                "path": "depenses.csv",
                "title": "Dépenses",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "windows-1252",
                "dialect": dialect(),
                "bytes": DEPENSES_CSV.len(),
                "hash": sha256(DEPENSES_CSV),
                // The inferred schema, as published in `normalized/`.
                "schema": {
                    "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
                    "title": "Dépenses",
                    "description": "Schéma déduit des données par ouvert\u{a0}: à relire et compléter (titres, descriptions, règles) avant de le déclarer.",
                    "missingValues": ["", "NA", "N/A", "n/a", "NULL", "null", "#N/A", "-"],
                    "fields": [
                        {"name": "date", "type": "date", "format": "%d/%m/%Y", "constraints": {"required": true}},
                        {"name": "libellé", "type": "string", "constraints": {"required": true}},
                        {"name": "montant", "type": "number", "decimalChar": ",", "constraints": {"required": true}}
                    ]
                }
            },
            {
                "profile": "data-resource",
                "name": "note",
                "path": "note.pdf",
                "title": "Note de présentation",
                "format": "pdf",
                "mediatype": "application/pdf",
                "bytes": NOTE_PDF.len(),
                "hash": sha256(NOTE_PDF)
            },
            {
                "profile": "data-resource",
                "name": "frequentation",
                "path": "frequentation.xlsx",
                "title": "Fréquentation",
                "type": "file",
                "format": "xlsx",
                "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "bytes": workbook().len(),
                "hash": sha256(&workbook())
            },
            {
                "profile": "data-resource",
                "name": "comptes-des-communes",
                "path": "https://www.example.org/comptes.csv",
                "title": "Comptes des communes",
                "format": "csv"
            }
        ]
    });
    assert_eq!(
        package,
        expected,
        "{}",
        serde_json::to_string_pretty(&package).unwrap()
    );
    let published: Value = serde_json::from_str(
        &fixture.read("out/datasets/budget-2026/normalized/depenses.schema.json"),
    )
    .unwrap();
    assert_eq!(package["resources"][1]["schema"], published);
}

#[test]
fn datapackage_names_are_unique_and_homepage_needs_base_url() {
    let config = CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", "");
    let fixture = Fixture::empty()
        .file("portal/ouvert.toml", config)
        .file(
            "portal/datasets/budget-2026/index.md",
            "---\ntitle: Budget\nlicence: etalab-1.0\n---\n",
        )
        .file(
            "portal/datasets/budget-2026/budget.csv",
            "annee,montant\n2026,12.5\n",
        )
        .file("portal/datasets/budget-2026/budget.xlsx", workbook())
        .file("portal/datasets/budget-2026/Notes de séance.pdf", NOTE_PDF);
    let package = package(built(&fixture), "budget-2026");
    assert_eq!(package["name"], "budget-2026");
    assert_eq!(package.get("homepage"), None);
    // The Licence Ouverte 1.0 has no Open Definition identifier.
    assert_eq!(
        package["licenses"],
        json!([{
            "path": "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
            "title": "Licence Ouverte / Open Licence version 1.0"
        }])
    );
    let names: Vec<(&str, &str)> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("notes-de-seance", "Notes de séance.pdf"),
            ("budget.csv", "budget.csv"),
            ("budget.xlsx", "budget.xlsx"),
        ]
    );
}

#[test]
fn a_dataset_file_named_datapackage_json_is_a_collision() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/datapackage.json",
        r#"[{"annee": 2026}]"#,
    );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "error: datasets/budget/datapackage.json and the data package of datasets/budget would both be published at datasets/budget/datapackage.json\n --> datasets/budget/datapackage.json\n  = hint: rename or move one of them\n\nerror: the portal has 1 error: nothing was published ({} is unchanged)\n",
            fixture.path("out").display()
        )
    );
}
