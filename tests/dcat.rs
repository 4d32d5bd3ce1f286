//! The DCAT-AP catalog (`catalog.ttl`, `catalog.jsonld`) of a fixture
//! portal, property by property: what data.gouv.fr and the European data
//! portal harvest. The SHACL validation itself runs in `.ci/run`
//! (`../shared/tools/validate-dcat.sh`) on the example portal.

mod common;

use std::collections::BTreeSet;

use common::{CONFIG, Fixture};

const BASE: &str = "https://donnees.test.example/";
const PAGE: &str = "https://donnees.test.example/datasets/budget/";

fn portal() -> Fixture {
    let config = CONFIG.replace(
        "kind = \"commune\"\n",
        "kind = \"commune\"\nsiren = \"213502388\"\n",
    );
    Fixture::empty()
        .file("portal/ouvert.toml", config)
        .file(
            "portal/datasets/budget/index.md",
            r#"---
title: Budget primitif
summary: "Le budget voté, ligne à ligne."
keywords: [budget, finances]
themes: [ECON, GOVE]
frequency: annuelle
temporal: { start: 2026-01, end: 2026 }
spatial: { name: Test, insee: ["35238"] }
created: 2025-12-15
modified: 2026-02-01
contact: { name: Service des finances, email: finances@test.example, phone: "02 99 00 00 00" }
resources:
  - path: budget.csv
    title: Budget 2026
    description: Une ligne par article.
    schema: schemas/budget.json
  - path: deliberation.pdf
    title: Délibération
  - url: https://www.data.gouv.fr/fr/datasets/budget/
    title: Sur data.gouv.fr
---

Le budget de la commune.
"#,
        )
        .file("portal/datasets/budget/budget.csv", "annee,montant\n2026,12.5\n")
        .file("portal/datasets/budget/deliberation.pdf", "%PDF-1.4\n")
        .file(
            "portal/schemas/budget.json",
            r#"{"fields": [{"name": "annee", "type": "year"}, {"name": "montant", "type": "number"}]}"#,
        )
}

type Triples = BTreeSet<(String, String, String)>;

fn turtle(text: &str) -> Triples {
    oxttl::TurtleParser::new()
        .for_slice(text.as_bytes())
        .map(|t| {
            let t = t.expect("catalog.ttl parses");
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        })
        .collect()
}

fn json_ld(text: &str) -> Triples {
    oxjsonld::JsonLdParser::new()
        .for_slice(text.as_bytes())
        .map(|q| {
            let q = q.expect("catalog.jsonld parses");
            (
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        })
        .collect()
}

/// The triples about `subject`, as `predicate object` lines with the usual
/// prefixes, sorted: readable in a failing assertion.
fn about(triples: &Triples, subject: &str) -> Vec<String> {
    let short = |term: &str| {
        let mut term = term.to_string();
        for (prefix, namespace) in [
            ("dcat:", "http://www.w3.org/ns/dcat#"),
            ("dct:", "http://purl.org/dc/terms/"),
            ("foaf:", "http://xmlns.com/foaf/0.1/"),
            ("vcard:", "http://www.w3.org/2006/vcard/ns#"),
            ("spdx:", "http://spdx.org/rdf/terms#"),
            ("skos:", "http://www.w3.org/2004/02/skos/core#"),
            ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
            ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            ("eu:", "http://publications.europa.eu/resource/authority/"),
        ] {
            term = term.replace(&format!("<{namespace}"), prefix);
        }
        term.replace(&format!("<{BASE}"), "<")
            .replace(['>', '<'], "")
    };
    let subject = format!("<{subject}>");
    let mut lines: Vec<String> = triples
        .iter()
        .filter(|(s, _, _)| *s == subject)
        .map(|(_, p, o)| format!("{} {}", short(p), short(o)))
        .collect();
    lines.sort();
    lines
}

#[test]
fn both_files_hold_the_same_graph() {
    let fixture = portal();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ttl = turtle(&fixture.read("out/catalog.ttl"));
    let jsonld = json_ld(&fixture.read("out/catalog.jsonld"));
    assert!(ttl.len() > 50, "{}", ttl.len());
    assert_eq!(ttl, jsonld);
    // No blank node: every node can be pointed at from elsewhere.
    assert!(
        ttl.iter()
            .all(|(s, _, o)| !s.starts_with("_:") && !o.starts_with("_:"))
    );
}

#[test]
fn catalog_dataset_and_distributions_property_by_property() {
    let fixture = portal();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let triples = turtle(&fixture.read("out/catalog.ttl"));
    assert_eq!(
        about(&triples, &format!("{BASE}#catalog")),
        [
            "dcat:dataset datasets/budget/#dataset",
            "dcat:themeTaxonomy eu:data-theme",
            "dct:description \"Données publiées par Commune de Test\"@fr",
            "dct:issued \"2025-12-15\"^^xsd:date",
            "dct:language eu:language/FRA",
            "dct:license https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "dct:modified \"2026-02-01\"^^xsd:date",
            "dct:publisher organizations/commune-de-test/#organization",
            "dct:title \"Portail de test\"@fr",
            "foaf:homepage ",
            "rdf:type dcat:Catalog",
        ]
    );
    assert_eq!(
        about(
            &triples,
            &format!("{BASE}organizations/commune-de-test/#organization")
        ),
        [
            "dct:identifier \"213502388\"",
            "foaf:name \"Commune de Test\"",
            "rdf:type foaf:Agent",
        ]
    );
    assert_eq!(
        about(&triples, &format!("{PAGE}#dataset")),
        [
            "dcat:contactPoint datasets/budget/#contact",
            "dcat:distribution datasets/budget/#resource-1",
            "dcat:distribution datasets/budget/#resource-2",
            "dcat:distribution datasets/budget/#resource-3",
            "dcat:keyword \"budget\"@fr",
            "dcat:keyword \"finances\"@fr",
            "dcat:landingPage datasets/budget/",
            "dcat:theme eu:data-theme/ECON",
            "dcat:theme eu:data-theme/GOVE",
            "dct:accrualPeriodicity eu:frequency/ANNUAL",
            "dct:conformsTo schemas/budget.json",
            "dct:description \"Le budget voté, ligne à ligne.\"@fr",
            "dct:identifier \"https://donnees.test.example/datasets/budget/\"",
            "dct:issued \"2025-12-15\"^^xsd:date",
            "dct:modified \"2026-02-01\"^^xsd:date",
            "dct:publisher organizations/commune-de-test/#organization",
            "dct:spatial datasets/budget/#spatial",
            "dct:temporal datasets/budget/#period",
            "dct:title \"Budget primitif\"@fr",
            "rdf:type dcat:Dataset",
        ]
    );
    assert_eq!(
        about(&triples, &format!("{PAGE}#contact")),
        [
            "rdf:type vcard:Kind",
            "vcard:fn \"Service des finances\"",
            "vcard:hasEmail mailto:finances@test.example",
            "vcard:hasTelephone tel:0299000000",
        ]
    );
    assert_eq!(
        about(&triples, &format!("{PAGE}#period")),
        [
            "dcat:endDate \"2026\"^^xsd:gYear",
            "dcat:startDate \"2026-01\"^^xsd:gYearMonth",
            "rdf:type dct:PeriodOfTime",
        ]
    );
    assert_eq!(
        about(&triples, &format!("{PAGE}#spatial")),
        [
            "dct:identifier \"35238\"",
            "rdf:type dct:Location",
            "skos:prefLabel \"Test\"@fr",
        ]
    );
    let csv = about(&triples, &format!("{PAGE}#resource-1"));
    assert_eq!(
        csv,
        [
            "dcat:accessURL datasets/budget/budget.csv",
            "dcat:byteSize \"24\"^^xsd:nonNegativeInteger",
            "dcat:downloadURL datasets/budget/budget.csv",
            "dcat:mediaType https://www.iana.org/assignments/media-types/text/csv",
            "dct:conformsTo schemas/budget.json",
            "dct:description \"Une ligne par article.\"@fr",
            "dct:format eu:file-type/CSV",
            "dct:license https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "dct:title \"Budget 2026\"@fr",
            "rdf:type dcat:Distribution",
            "spdx:checksum datasets/budget/#resource-1-checksum",
        ]
    );
    let checksum = about(&triples, &format!("{PAGE}#resource-1-checksum"));
    assert_eq!(checksum[0], "rdf:type spdx:Checksum");
    assert_eq!(checksum[1], "spdx:algorithm spdx:checksumAlgorithm_sha256");
    // The SHA-256 of the published file, as hexBinary.
    let expected = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(b"annee,montant\n2026,12.5\n");
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(
        checksum[2],
        format!("spdx:checksumValue \"{expected}\"^^xsd:hexBinary")
    );
    assert_eq!(
        about(&triples, &format!("{PAGE}#resource-3")),
        [
            "dcat:accessURL https://www.data.gouv.fr/fr/datasets/budget/",
            "dct:license https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "dct:title \"Sur data.gouv.fr\"@fr",
            "rdf:type dcat:Distribution",
        ]
    );
    // Every IRI an object points to is typed, as the range shapes require
    // (vocabulary IRIs included: they cannot be fetched offline).
    let typed: BTreeSet<&str> = triples
        .iter()
        .filter(|(_, p, _)| p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")
        .map(|(s, _, _)| s.as_str())
        .collect();
    let untyped: Vec<&(String, String, String)> = triples
        .iter()
        .filter(|(_, p, o)| {
            o.starts_with("<http")
                && p != "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
                && !p.contains("accessURL")
                && !p.contains("downloadURL")
                && !p.contains("skos/core#inScheme")
                && !p.contains("spdx.org/rdf/terms#algorithm")
                && !typed.contains(o.as_str())
        })
        .collect();
    assert!(untyped.is_empty(), "{untyped:#?}");
}

#[test]
fn a_schema_of_schema_data_gouv_fr_is_named_by_its_exact_address() {
    let fixture = portal()
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget\nresources:\n  - path: budget.csv\n    schema: scdl/budget@0.8.1\n---\n",
        )
        .file(
            "portal/schemas/scdl/budget/0.8.1/schema.json",
            r#"{"fields": [{"name": "annee", "type": "year"}, {"name": "montant", "type": "number"}]}"#,
        );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let triples = turtle(&fixture.read("out/catalog.ttl"));
    let standard = "https://schema.data.gouv.fr/schemas/scdl/budget/0.8.1/schema.json";
    assert!(
        about(&triples, &format!("{PAGE}#resource-1"))
            .contains(&format!("dct:conformsTo {standard}"))
    );
    assert_eq!(
        about(&triples, standard),
        ["dct:title \"scdl/budget 0.8.1\"", "rdf:type dct:Standard"]
    );
}

#[test]
fn without_base_url_no_rdf_catalog_is_written_and_the_build_says_why() {
    let fixture = portal().file(
        "portal/ouvert.toml",
        CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", ""),
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fixture.path("out/catalog.ttl").exists());
    assert!(!fixture.path("out/catalog.jsonld").exists());
    assert!(
        run.stderr.contains(
            "warning: no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address\n --> ouvert.toml\n  = hint: add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"\n"
        ),
        "{}",
        run.stderr
    );
}
