//! `ouvert import`: catalogs kept elsewhere become portal folders that
//! build, with a report of what could not be carried over.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Fixture, Run, build, corpus, example_portal, ouvert};

fn import(kind: &str, source: &Path, portal: &Path) -> Run {
    ouvert()
        .arg("import")
        .arg(kind)
        .arg(source)
        .arg(portal)
        .output()
        .expect("run ouvert")
        .into()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The triples of a Turtle file, as N-Triples lines.
fn triples(path: &Path) -> BTreeSet<String> {
    oxttl::TurtleParser::new()
        .for_slice(&std::fs::read(path).unwrap())
        .map(|t| t.expect("valid Turtle").to_string())
        .collect()
}

/// What only a file in the portal gives a distribution: its size, its
/// checksum and a download address (a catalog's links stay links); and
/// the addresses of reuses, which are the portal's own content, not the
/// datasets' metadata (the import reports them).
fn without_file_facts(triples: BTreeSet<String>) -> BTreeSet<String> {
    triples
        .into_iter()
        .filter(|t| {
            let subject = t.split(' ').next().unwrap_or_default();
            !subject.ends_with("-checksum>")
                && ![
                    "#byteSize>",
                    "terms#checksum>",
                    "#downloadURL>",
                    "terms/isReferencedBy>",
                ]
                .iter()
                .any(|predicate| t.contains(predicate))
        })
        .collect()
}

#[test]
fn the_example_catalog_comes_back_with_the_same_datasets_and_metadata() {
    let fixture = Fixture::empty();
    let site = fixture.path("site");
    assert_eq!(build(&example_portal(), &site).code, 0);
    let portal = fixture.path("copy");
    // The schemas the datasets follow are saved first: the build is offline.
    copy_folder(&example_portal().join("schemas"), &portal.join("schemas"));

    let run = import("dcat", &site.join("catalog.ttl"), &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "Imported 11 datasets and 4 organizations from {} into {} (a new portal).\n",
            site.join("catalog.ttl").display(),
            portal.display()
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "\nNot imported (the portal format has no place for them):\n  dct:isReferencedBy: "
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n  distribution dcat:byteSize: "),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("To do:"),
        "every schema is in the portal: {}",
        run.stdout
    );

    // Published at the same address, the copy describes the same catalog.
    let config = read(&portal.join("ouvert.toml")).replace(
        "# base_url = \"https://donnees.ma-commune.fr/\"",
        "base_url = \"https://donnees.clairval.example/\"",
    );
    std::fs::write(portal.join("ouvert.toml"), config).unwrap();
    let copy_site = fixture.path("copy-site");
    let built = build(&portal, &copy_site);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(
        built.stdout.contains("Built 11 datasets"),
        "{}",
        built.stdout
    );

    let original = without_file_facts(triples(&site.join("catalog.ttl")));
    let copy = without_file_facts(triples(&copy_site.join("catalog.ttl")));
    let missing: Vec<_> = original.difference(&copy).collect();
    let added: Vec<_> = copy.difference(&original).collect();
    assert!(
        missing.is_empty() && added.is_empty(),
        "missing {missing:#?}\nadded {added:#?}"
    );

    let budget = read(&portal.join("datasets/budget-primitif-2026/index.md"));
    assert!(budget.starts_with("---\ntitle: Budget primitif 2026\nsummary: Les dépenses et les recettes prévues par la commune pour 2026, article par article, telles que votées par le conseil municipal le 29 janvier 2026.\n"), "{budget}");
    assert!(budget.contains("\nresources:\n  - url: https://donnees.clairval.example/datasets/budget-primitif-2026/budget-primitif-2026.csv\n    title: Budget primitif 2026, par article budgétaire\n"), "{budget}");
    assert!(
        budget.contains("    schema: scdl/budget@0.8.3\n"),
        "{budget}"
    );
    let ccas = read(&portal.join("datasets/aides-sociales-facultatives/index.md"));
    assert!(ccas.contains("\npublisher: ccas-clairval\n"), "{ccas}");
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// data.gouv.fr's harvester fixtures: RDF/XML, JSON-LD flat and nested,
/// Hydra pages, blank nodes, dataset series.
#[test]
fn every_harvester_fixture_imports_and_builds() {
    let Some(corpus) = corpus() else { return };
    let folder = corpus.join("udata-dcat-fixtures");
    let expected = [
        ("bnodes.xml", 3),
        ("catalog.xml", 4),
        ("flat.jsonld", 3),
        ("nested.jsonld", 1),
        ("paged-collection-1.jsonld", 4),
        ("paged-collection-2.jsonld", 1),
        ("partial-collection-1.jsonld", 4),
        ("partial-collection-2.jsonld", 1),
        ("series.xml", 1),
        ("udata.xml", 2),
    ];
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        expected.map(|(name, _)| name.to_string()),
        "a fixture was added: give its count"
    );
    let fixture = Fixture::empty();
    for (name, datasets) in expected {
        let portal = fixture.path(name);
        let run = import("dcat", &folder.join(name), &portal);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let built = build(&portal, &fixture.path(&format!("{name}-site")));
        assert_eq!(built.code, 0, "{name}: {}", built.stderr);
        let count = if datasets == 1 {
            "1 dataset,".to_string()
        } else {
            format!("{datasets} datasets,")
        };
        assert!(
            built.stdout.contains(&format!("Built {count}")),
            "{name}: {}",
            built.stdout
        );
    }

    // The second page is found beside the first from its Hydra address.
    let paged = import(
        "dcat",
        &folder.join("paged-collection-1.jsonld"),
        &fixture.path("paged"),
    );
    assert!(
        paged.stdout.contains(&format!(
            "Also read {}, a further page of the catalog.\n",
            folder.join("paged-collection-2.jsonld").display()
        )),
        "{}",
        paged.stdout
    );

    // What the harvester's catalog has and the portal cannot say is listed.
    let catalog = import(
        "dcat",
        &folder.join("catalog.xml"),
        &fixture.path("catalog"),
    );
    for line in [
        "  dct:accrualPeriodicity: http://purl.org/cld/freq/ThisTermDoesNotExist (Dataset 1)\n",
        "  dct:spatial: http://wuEurope.com/ (Dataset 1, Dataset 2 and 1 more)\n",
        "  owl:versionInfo: 1.0 (Dataset 1, Dataset 2 and 2 more)\n",
    ] {
        assert!(
            catalog.stdout.contains(line),
            "{line}in\n{}",
            catalog.stdout
        );
    }
    // Its HTML description becomes Markdown, its literal themes keywords.
    let first = read(&fixture.path("catalog/datasets/dataset-1/index.md"));
    assert!(
        first.ends_with("---\n\n## h1 title\n\n## h2 title\n\n**and bold text**\n"),
        "{first}"
    );
    assert!(
        first.contains(
            "\ncontact:\n  name: Organization contact\n  url: https://data.support.com\n"
        ),
        "{first}"
    );
    assert!(
        first.contains("\nkeywords: [Tag 1, Tag 2, Tag 3, Tag 4, Theme 1, Theme 2]\n"),
        "{first}"
    );
}

#[test]
fn a_ckan_dump_becomes_datasets_with_their_organization() {
    let fixture = Fixture::empty().file(
        "search.json",
        r#"{"success": true, "result": {"count": 3, "results": [
  {"id": "0b1c", "name": "budget-2025", "title": "Budget 2025", "state": "active", "private": false, "type": "dataset",
   "notes": "<p>Le budget <b>voté</b> en 2025.</p>",
   "license_id": "lov2", "license_title": "Licence Ouverte Version 2.0",
   "maintainer": "Service des finances", "maintainer_email": "finances@ville.example",
   "metadata_created": "2025-01-15T10:00:00.123456", "metadata_modified": "2025-03-02T08:00:00",
   "version": "1.2",
   "tags": [{"name": "budget"}, {"name": "finances"}],
   "groups": [{"name": "economie", "title": "Économie"}],
   "organization": {"id": "9f", "name": "ville-exemple", "title": "Ville d'Exemple", "description": "La ville."},
   "extras": [{"key": "frequency", "value": "annual"}, {"key": "temporal_start", "value": "2025-01-01"}, {"key": "temporal_end", "value": "2025-12-31"}, {"key": "source_system", "value": "Grand Angle"}],
   "resources": [
     {"id": "r1", "package_id": "0b1c", "url": "https://ville.example/files/budget-2025.csv", "name": "Budget 2025 (CSV)", "description": "Une ligne par article.", "format": "CSV", "position": 0, "size": 1200},
     {"id": "r2", "url": "https://ville.example/api/budget?annee=2025", "name": "API", "format": "JSON"}
   ]},
  {"id": "2", "name": "ancien", "title": "Ancien jeu", "state": "deleted", "resources": []},
  {"id": "3", "name": "arbres", "title": "Arbres d'alignement", "license_id": "notspecified", "notes": "Les arbres.", "resources": [{"url": "ftp://old.example/arbres.zip", "name": "Archive"}]}
]}}"#,
    );
    let portal = fixture.path("portal");
    let run = import("ckan", &fixture.path("search.json"), &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "Imported 2 datasets and 1 organization from {} into {} (a new portal).

Not imported (the portal format has no place for them):
  extras.source_system: Grand Angle (Budget 2025)
  license_id: notspecified (Arbres d'alignement)
  resources.url: Archive ftp://old.example/arbres.zip (not a web address) (Arbres d'alignement)
  state: deleted: the dataset is not imported (Ancien jeu)
  version: 1.2 (Budget 2025)

Next: run `ouvert check {1}`, then `ouvert serve {1}` to see the portal. Set base_url in {1}/ouvert.toml to the address where it will be published.
",
            fixture.path("search.json").display(),
            portal.display()
        )
    );
    assert_eq!(
        read(&portal.join("datasets/budget-2025/index.md")),
        "---
title: Budget 2025
keywords: [budget, finances]
themes: [ECON]
contact:
  name: Service des finances
  email: finances@ville.example
licence: etalab-2.0
frequency: ANNUAL
temporal: { start: 2025-01-01, end: 2025-12-31 }
created: 2025-01-15
modified: 2025-03-02
resources:
  - url: https://ville.example/files/budget-2025.csv
    title: Budget 2025 (CSV)
    description: Une ligne par article.
  - url: https://ville.example/api/budget?annee=2025
    title: API
    format: JSON
---

Le budget **voté** en 2025.
"
    );
    let config = read(&portal.join("ouvert.toml"));
    assert!(
        config.contains("\n[authority]\nname = \"Ville d'Exemple\"\nslug = \"ville-exemple\"\n"),
        "{config}"
    );
    assert!(
        portal.join(".gitignore").is_file()
            && portal.join(".github/workflows/ouvert.yml").is_file()
    );
    let built = build(&portal, &fixture.path("site"));
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = read(&fixture.path("site/datasets/budget-2025/index.html"));
    assert!(
        page.contains("Le budget <strong>voté</strong> en 2025."),
        "the HTML description is Markdown"
    );
}

#[test]
fn a_jkan_site_gives_its_datasets_and_copies_its_uploads() {
    let fixture = Fixture::empty()
        .file(
            "site/_config.yml",
            "title: Open Data Exampleville\ndescription: Les données de la ville.\n",
        )
        .file(
            "site/_organizations/ville-exemple.md",
            "---\ntitle: Ville d'Exemple\ndescription: La mairie.\nlogo: /uploads/logo.png\n---\n",
        )
        .file(
            "site/_dataset_categories/transportation.md",
            "---\nname: Transportation\n---\n",
        )
        .file(
            "site/_datasets/velos.md",
            "---
schema: default
title: Stations de vélos
organization: Ville d'Exemple
notes: Les stations de vélos en libre-service.
resources:
  - name: Stations (CSV)
    url: '{{ site.baseurl }}/uploads/stations.csv'
    format: csv
  - name: Carte
    url: https://carto.example/velos
    format: html
  - name: Perdu
    url: /uploads/absent.csv
license: 'https://opendatacommons.org/licenses/odbl/1-0/'
category:
  - Transportation
  - Vélo
maintainer: Service mobilité
maintainer_email: mobilite@ville.example
spatial: Exampleville
featured: true
---
",
        )
        .file("site/uploads/stations.csv", "nom;places\nGare;12\n");
    let portal = fixture.path("portal");
    let run = import("jkan", &fixture.path("site"), &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Imported 1 dataset and 1 organization from"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\nCopied 1 file into the portal.\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  featured: true (Stations de vélos)\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  resources.url: /uploads/absent.csv (neither a web address nor a file of the site) (Stations de vélos)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&portal.join("datasets/velos/index.md")),
        "---
title: Stations de vélos
summary: Les stations de vélos en libre-service.
keywords: [Vélo]
themes: [TRAN]
contact:
  name: Service mobilité
  email: mobilite@ville.example
licence: odbl-1.0
spatial: { name: Exampleville }
resources:
  - path: stations.csv
    title: Stations (CSV)
  - url: https://carto.example/velos
    title: Carte
    format: HTML
---
"
    );
    assert_eq!(
        read(&portal.join("datasets/velos/stations.csv")),
        "nom;places\nGare;12\n"
    );
    let config = read(&portal.join("ouvert.toml"));
    assert!(
        config.contains(
            "title = \"Open Data Exampleville\"\ntagline = \"Les données de la ville.\"\n"
        ),
        "{config}"
    );
    let built = build(&portal, &fixture.path("out"));
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(fixture.path("out/datasets/velos/stations.csv").is_file());
}

#[test]
fn a_data_package_brings_its_files_and_schemas() {
    let schema = r#"{"fields": [{"name": "annee", "type": "integer"}, {"name": "montant", "type": "number", "decimalChar": ","}]}"#;
    let fixture = Fixture::empty()
        .file(
            "package/datapackage.json",
            format!(
                r#"{{"name": "subventions", "title": "Subventions aux associations", "description": "Les subventions votées.",
  "keywords": ["associations"], "licenses": [{{"name": "ODC-BY-1.0", "path": "https://opendatacommons.org/licenses/by/1-0/"}}],
  "contributors": [{{"title": "Ville d'Exemple", "role": "publisher"}}, {{"title": "Service de la vie associative", "email": "asso@ville.example", "role": "maintainer"}}],
  "created": "2025-06-01", "version": "2.0", "profile": "tabular-data-package",
  "resources": [
    {{"name": "subventions-2025", "path": "data/subventions 2025.csv", "title": "Subventions 2025", "encoding": "windows-1252", "schema": {schema}}},
    {{"name": "tableau", "path": "https://ville.example/subventions.xlsx", "format": "xlsx", "bytes": 1234}},
    {{"name": "inline", "data": [[1, 2]]}}
  ]}}"#
            ),
        )
        .file("package/data/subventions 2025.csv", b"annee;montant\n2025;1500,5\n2025;\xe9t\xe9\n".as_slice());
    let portal = fixture.path("portal");
    let run = import("datapackage", &fixture.path("package"), &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "\nCopied 1 file into the portal.\n",
        "  resources: inline (its data is written inside datapackage.json) (Subventions aux associations)\n",
        "  resources.bytes: 1234 (Subventions aux associations)\n",
        "  version: 2.0 (Subventions aux associations)\n",
    ] {
        assert!(run.stdout.contains(line), "{line}in\n{}", run.stdout);
    }
    assert_eq!(
        read(&portal.join("datasets/subventions/index.md")),
        "---
title: Subventions aux associations
summary: Les subventions votées.
keywords: [associations]
contact:
  name: Service de la vie associative
  email: asso@ville.example
licence: odc-by-1.0
created: 2025-06-01
resources:
  - path: subventions 2025.csv
    title: Subventions 2025
    schema: schemas/subventions.json
  - url: https://ville.example/subventions.xlsx
    title: tableau
---
"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&read(&portal.join("schemas/subventions.json"))).unwrap();
    assert_eq!(
        saved,
        serde_json::from_str::<serde_json::Value>(schema).unwrap()
    );
    let built = build(&portal, &fixture.path("out"));
    assert_eq!(built.code, 0, "{}", built.stderr);
    // The copied file is validated against the schema it came with.
    let page = read(&fixture.path("out/datasets/subventions/index.html"));
    assert!(
        page.contains("subventions 2025.csv"),
        "the file is published"
    );
}

#[test]
fn an_scdl_catalogue_from_office_software_is_read() {
    // Windows-1252, `;`, days first: what a spreadsheet saves.
    let csv = "COLL_NOM;COLL_SIRET;ID;TITRE;DESCRIPTION;THEME;PRODUCTEUR_NOM;PRODUCTEUR_SIRET;COUV_SPAT_MAILLE;COUV_SPAT_NOM;COUV_TEMP_DEBUT;COUV_TEMP_FIN;DATE_PUBL;FREQ_MAJ;DATE_MAJ;MOTS_CLES;LICENCE;NOMBRE_RESSOURCES;FORMAT_RESSOURCES;URL;REMARQUE\r\n\
Commune de Clairval;21999999200015;marches-publics;Marchés publics;Les marchés attribués depuis 2024.;Économie et finances;Commune de Clairval;21999999200015;Communale;Clairval;01/01/2024;31/12/2025;15/03/2024;Annuelle;02/01/2026;marchés;Licence Ouverte-LO;1;csv;https://www.clairval.example/marches;à revoir\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(csv);
    let fixture = Fixture::empty().file("catalogue.csv", bytes.as_ref());
    let portal = fixture.path("portal");
    let run = import("scdl-catalogue", &fixture.path("catalogue.csv"), &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "Imported 1 dataset and 1 organization from",
        "  COUV_SPAT_MAILLE: Communale (Marchés publics)\n",
        "  REMARQUE: à revoir (Marchés publics)\n",
    ] {
        assert!(run.stdout.contains(line), "{line}in\n{}", run.stdout);
    }
    assert_eq!(
        read(&portal.join("datasets/marches-publics/index.md")),
        "---
title: Marchés publics
summary: Les marchés attribués depuis 2024.
keywords: [marchés]
themes: [ECON]
licence: etalab-2.0
frequency: ANNUAL
temporal: { start: 2024-01-01, end: 2025-12-31 }
spatial: { name: Clairval }
created: 2024-03-15
modified: 2026-01-02
resources:
  - url: https://www.clairval.example/marches
    title: Le jeu de données sur son site d'origine
    description: \"Formats : csv\"
---
"
    );
    let config = read(&portal.join("ouvert.toml"));
    assert!(config.contains("[authority]\nname = \"Commune de Clairval\"\n# commune, epci, departement, region ou other\nkind = \"commune\"\nsiret = \"21999999200015\"\n"), "{config}");
    let built = build(&portal, &fixture.path("out"));
    assert_eq!(built.code, 0, "{}", built.stderr);
}

#[test]
fn importing_again_adds_only_what_is_new_and_never_overwrites() {
    let fixture = Fixture::new().file(
        "catalogue.csv",
        "TITRE;ID;DESCRIPTION\nBudget;budget;Un autre budget.\nÉlus;elus;Les élus.\n",
    );
    let before = read(&fixture.path("portal/datasets/budget/index.md"));
    let run = import(
        "scdl-catalogue",
        &fixture.path("catalogue.csv"),
        &fixture.portal(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "Imported 1 dataset and 0 organizations from {} into {}.\nLeft alone, their folder exists in {}/datasets/: budget.\n",
            fixture.path("catalogue.csv").display(),
            fixture.portal().display(),
            fixture.portal().display()
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&fixture.path("portal/datasets/budget/index.md")),
        before
    );
    assert!(
        read(&fixture.path("portal/datasets/elus/index.md"))
            .starts_with("---\ntitle: Élus\nsummary: Les élus.\n")
    );
    assert_eq!(fixture.build().code, 0);
}

#[test]
fn a_folder_that_is_not_a_portal_is_refused_and_bad_sources_are_located() {
    let fixture = Fixture::empty()
        .file("notes/todo.txt", "à faire")
        .file("catalog.ttl", "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ;\n  dcat:title \"x\" \n")
        .file("dump.json", "{\"result\": {\"results\": [}");
    let run = import(
        "scdl-catalogue",
        &fixture.path("notes/todo.txt"),
        &fixture.path("notes"),
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: refusing to import into {}: it has no ouvert.toml and holds todo.txt (import into a new folder, a folder with only schemas/ and static/, or a portal)\n",
            fixture.path("notes").display()
        )
    );
    let run = import("ckan", &fixture.path("dump.json"), &fixture.path("new"));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {}:1:25: not valid JSON: expected value\n",
            fixture.path("dump.json").display()
        )
    );
    let run = import("dcat", &fixture.path("catalog.ttl"), &fixture.path("new"));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "error: {}: not valid Turtle: ",
            fixture.path("catalog.ttl").display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        !fixture.path("new").exists(),
        "nothing is written from a source that cannot be read"
    );
}

/// Etalab's catalogue schema names its columns in lower case and adds a
/// contact: its valid example imports and builds.
#[test]
fn the_etalab_catalogue_example_imports_and_builds() {
    let Some(corpus) = corpus() else { return };
    let source = corpus.join("other-schemas/etalab-schema-catalogue-donnees/exemple-valide.csv");
    let fixture = Fixture::empty();
    let portal = fixture.path("portal");
    let run = import("scdl-catalogue", &source, &portal);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  CONTACT_PERSONNE: jean.martin@ign.fr (Arbres vivants inventoriés en forêt.)\n"
        ),
        "{}",
        run.stdout
    );
    let dataset = read(&portal.join("datasets/arbres-vivants-inventories-en-foret/index.md"));
    assert!(
        dataset.contains("\ncontact:\n  name: Service de l'inventaire forestier.\n  email: inventaire-forestier@ign.fr\nlicence: etalab-2.0\nfrequency: ANNUAL\n"),
        "{dataset}"
    );
    assert_eq!(build(&portal, &fixture.path("out")).code, 0);
}
