//! The exports for reusers and national catalogs built from fixture
//! portals: each dataset's `datapackage.json` field by field, and the SCDL
//! `catalogue.csv` cell by cell, checked with ouvert's own validator
//! against the SCDL catalogue schema of the shared corpus. That
//! frictionless reads the packages of the example portal is checked by
//! `.ci/run`.

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
    {"name": "montant", "type": "number"}
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
                // The declared schema, saying how this file writes its
                // numbers (`1 234,50`), which the schema leaves to the file.
                "schema": {
                    "name": "budget",
                    "fields": [
                        {"name": "article", "type": "string", "constraints": {"required": true}},
                        {"name": "libellé", "type": "string"},
                        {"name": "montant", "type": "number", "decimalChar": ",", "groupChar": " "}
                    ]
                }
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
            }
            // The link to data published elsewhere is not part of the
            // package, which describes the files beside it.
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

/// A portal that says everything the SCDL catalogue asks for.
fn catalogue_portal(config: &str) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", config)
        .file(
            "portal/organizations/ccas.md",
            "---\ntitle: Centre communal d'action sociale\nsiret: \"26350001900009\"\n---\n",
        )
        .file(
            "portal/datasets/budget/index.md",
            r#"---
title: Budget primitif 2026
summary: "Le budget voté, ligne à ligne : dépenses, recettes, « opérations »."
keywords: [Budget, finances publiques, Comptabilité M57, budget]
themes: [ECON, GOVE]
frequency: annuelle
temporal: { start: 2026, end: 2026 }
spatial: { name: Test, insee: ["35238"] }
created: 2025-12-15
modified: 2026-02
resources:
  - path: budget.csv
    title: Budget 2026
  - path: note.pdf
    title: Note de présentation
  - url: https://www.data.gouv.fr/fr/datasets/budget/
    title: Sur data.gouv.fr
---

Le budget de la commune.
"#,
        )
        .file(
            "portal/datasets/budget/budget.csv",
            "annee,montant\n2026,12.5\n",
        )
        .file("portal/datasets/budget/note.pdf", NOTE_PDF)
        .file(
            "portal/datasets/aides/index.md",
            r#"---
title: Aides facultatives
publisher: ccas
keywords: [aides]
themes: [SOCI]
licence: odbl-1.0
frequency: MONTHLY_2
temporal: { start: 2024-01-01, end: 2024-06 }
created: 2024-02-01
resources:
  - path: aides.csv
    title: Aides par mois
---

Le nombre d'aides accordées chaque mois, par type d'aide.

Un second paragraphe, qui n'est pas repris.
"#,
        )
        .file(
            "portal/datasets/aides/aides.csv",
            "mois,aides\n2024-01,12\n",
        )
}

const CATALOGUE_HEADER: &str = "COLL_NOM,COLL_SIRET,ID,TITRE,DESCRIPTION,THEME,PRODUCTEUR_NOM,PRODUCTEUR_SIRET,COUV_SPAT_MAILLE,COUV_SPAT_NOM,COUV_TEMP_DEBUT,COUV_TEMP_FIN,DATE_PUBL,FREQ_MAJ,DATE_MAJ,MOTS_CLES,LICENCE,NOMBRE_RESSOURCES,FORMAT_RESSOURCES,URL\n";

fn with_siret() -> String {
    CONFIG.replace(
        "kind = \"commune\"\n",
        "kind = \"commune\"\nsiret = \"21350238800019\"\n",
    )
}

/// What ouvert's own validator finds in the site's `catalogue.csv`, against
/// the SCDL catalogue schema of the corpus; `None` without the corpus.
fn catalogue_report(fixture: &Fixture) -> Option<ouvert::schema::report::ValidationReport> {
    let corpus = common::corpus()?;
    let text = std::fs::read_to_string(corpus.join("scdl/catalogue/0.1.3/schema.json")).unwrap();
    let schema = ouvert::schema::Schema::parse(&text).unwrap();
    let reading = ouvert::profile::Reading {
        profile: false,
        personal_data: false,
        schema: Some(&schema),
        collect: Vec::new(),
    };
    let outcome = ouvert::profile::read(
        &fixture.path("out/catalogue.csv"),
        ouvert::vocab::FileKind::Csv,
        1,
        &reading,
    )
    .expect("a table")
    .unwrap_or_else(|e| panic!("catalogue.csv: {}", e.message()));
    Some(outcome.validation.expect("validated").0)
}

#[test]
fn catalogue_has_one_row_per_dataset_valid_against_the_scdl_schema() {
    let fixture = catalogue_portal(&with_siret());
    let catalogue = built(&fixture).read("out/catalogue.csv");
    let expected = [
        CATALOGUE_HEADER,
        "Commune de Test,21350238800019,aides,Aides facultatives,\"Le nombre d'aides accordées chaque mois, par type d'aide.\",Population et société,Centre communal d'action sociale,26350001900009,Communale,Commune de Test,2024-01-01,2024-06-30,2024-02-01,Mensuelle ou plusieurs fois par mois,2024-02-01,aides,Open Database License-ODBL,1,csv,https://donnees.test.example/datasets/aides/\n",
        "Commune de Test,21350238800019,budget,Budget primitif 2026,\"Le budget voté, ligne à ligne : dépenses, recettes, « opérations ».\",Économie et finances;Gouvernement et secteur public,Commune de Test,21350238800019,Communale,Test,2026-01-01,2026-12-31,2025-12-15,Annuelle,2026-02-01,budget;finances-publiques;comptabilite-m57,Licence Ouverte-LO,3,csv;pdf,https://donnees.test.example/datasets/budget/\n",
    ]
    .concat();
    assert_eq!(catalogue, expected);
    if let Some(report) = catalogue_report(&fixture) {
        let problems: Vec<String> = report
            .errors
            .iter()
            .chain(&report.warnings)
            .map(|p| p.message("en"))
            .collect();
        assert_eq!(report.error_count(), 0, "{problems:#?}");
        assert!(report.warnings.is_empty(), "{problems:#?}");
        assert_eq!(report.rows, 2);
    }
}

#[test]
fn catalogue_leaves_empty_what_the_portal_does_not_say() {
    // No SIRET, no themes, keywords, dates or coverage: the cells stay
    // empty, and the schema's validator says which are missing.
    let fixture = Fixture::new();
    let catalogue = built(&fixture).read("out/catalogue.csv");
    assert_eq!(
        catalogue,
        [
            CATALOGUE_HEADER,
            "Commune de Test,,budget,Budget,Le budget.,,Commune de Test,,Communale,Commune de Test,,,,Inconnue,,,Licence Ouverte-LO,1,csv,https://donnees.test.example/datasets/budget/\n",
        ]
        .concat()
    );
    if let Some(report) = catalogue_report(&fixture) {
        let missing: Vec<&str> = report
            .errors
            .iter()
            .map(|p| p.column.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(
            missing,
            [
                "COLL_SIRET",
                "THEME",
                "PRODUCTEUR_SIRET",
                "COUV_TEMP_DEBUT",
                "COUV_TEMP_FIN",
                "DATE_PUBL",
                "DATE_MAJ",
                "MOTS_CLES",
            ]
        );
        assert!(report.errors.iter().all(|p| p.kind == "constraint-error"));
    }
}

#[test]
fn catalogue_needs_base_url() {
    let fixture = catalogue_portal(
        &with_siret().replace("base_url = \"https://donnees.test.example/\"\n", ""),
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fixture.path("out/catalogue.csv").exists());
    assert_eq!(
        run.stderr,
        "warning: no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address\n --> ouvert.toml\n  = hint: add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"\n\n"
    );
}
