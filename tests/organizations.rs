//! Several authorities on one portal: each publishing organization gets
//! its own DCAT catalog, SCDL catalogue and register of data use, beside
//! its page, while the portal-wide ones aggregate them.

mod common;

use common::{CONFIG, Fixture};

fn shared_portal() -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/organizations/cc-vive.md",
            "---\ntitle: Communauté de communes de la Vive\nkind: epci\nsiren: \"249999996\"\n---\n",
        )
        .file(
            "portal/organizations/montreuil.md",
            "---\ntitle: Commune de Montreuil\nkind: commune\nsiren: \"219999984\"\n---\n",
        )
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget\nresources:\n  - path: budget.csv\nusage:\n  purpose: Voter le budget.\n---\n",
        )
        .file("portal/datasets/budget/budget.csv", "annee,montant\n2026,12.5\n")
        .file(
            "portal/datasets/dechets/index.md",
            "---\ntitle: Collecte des déchets\npublisher: cc-vive\nresources:\n  - url: https://example.org/collecte.csv\nusage:\n  purpose: Organiser la collecte.\n---\n",
        )
        .file(
            "portal/datasets/salles/index.md",
            "---\ntitle: Salles\npublisher: montreuil\nresources:\n  - url: https://example.org/salles.csv\n---\n",
        )
}

/// The subjects of `rdf:type dcat:Dataset` in a Turtle catalog.
fn datasets_of(turtle: &str) -> Vec<String> {
    let mut datasets: Vec<String> = oxttl::TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .map(|t| t.expect("valid Turtle"))
        .filter(|t| {
            t.predicate.as_str() == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                && t.object.to_string() == "<http://www.w3.org/ns/dcat#Dataset>"
        })
        .map(|t| t.subject.to_string())
        .collect();
    datasets.sort();
    datasets
}

#[test]
fn each_publishing_organization_has_its_own_catalogs_and_register() {
    let fixture = shared_portal();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let all = fixture.read("out/catalog.ttl");
    assert_eq!(datasets_of(&all).len(), 3);
    let epci = fixture.read("out/organizations/cc-vive/catalog.ttl");
    assert_eq!(
        datasets_of(&epci),
        ["<https://donnees.test.example/datasets/dechets/#dataset>"]
    );
    assert!(epci.contains("<https://donnees.test.example/organizations/cc-vive/#catalog> dct:description \"Données publiées par Communauté de communes de la Vive\"@fr ;"), "{epci}");
    assert!(
        epci.contains(
            "dct:publisher <https://donnees.test.example/organizations/cc-vive/#organization>"
        ),
        "{epci}"
    );
    assert!(
        fixture
            .path("out/organizations/cc-vive/catalog.jsonld")
            .is_file()
    );
    let authority = fixture.read("out/organizations/commune-de-test/catalog.ttl");
    assert_eq!(
        datasets_of(&authority),
        ["<https://donnees.test.example/datasets/budget/#dataset>"]
    );

    let catalogue = fixture.read("out/organizations/montreuil/catalogue.csv");
    let rows: Vec<&str> = catalogue.lines().collect();
    assert_eq!(rows.len(), 2, "{catalogue}");
    assert!(rows[1].starts_with("Commune de Montreuil,,salles,Salles,Salles,,Commune de Montreuil,,Communale,Commune de Montreuil,"), "{catalogue}");
    assert_eq!(fixture.read("out/catalogue.csv").lines().count(), 4);

    let register = fixture.read("out/organizations/cc-vive/usages/index.html");
    assert!(
        register.contains(
            "<title>Usage des données : Communauté de communes de la Vive · Portail de test</title>"
        ),
        "{register}"
    );
    assert!(
        register.contains("Organiser la collecte.") && !register.contains("Voter le budget."),
        "{register}"
    );

    let page = fixture.read("out/organizations/cc-vive/index.html");
    assert!(
        page.contains("<p class=\"kicker\">Intercommunalité</p>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../../organizations/cc-vive/usages/index.html\">Son registre de l&#39;usage des données</a>"), "{page}");
    assert!(page.contains("<a href=\"../../organizations/cc-vive/catalog.ttl\">Turtle</a>, <a href=\"../../organizations/cc-vive/catalog.jsonld\">JSON-LD</a>"), "{page}");
    assert!(page.contains("<a href=\"../../organizations/cc-vive/catalogue.csv\">Son catalogue au format SCDL (CSV)</a>"), "{page}");
}

#[test]
fn a_portal_with_one_publisher_keeps_one_set_of_catalogs() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    assert!(
        !fixture
            .path("out/organizations/commune-de-test/catalog.ttl")
            .exists()
    );
    assert!(
        !fixture
            .path("out/organizations/commune-de-test/usages")
            .exists()
    );
    let page = fixture.read("out/organizations/commune-de-test/index.html");
    assert!(!page.contains("own-files"), "{page}");
}

#[test]
fn an_unknown_organization_kind_is_an_error() {
    let fixture = Fixture::new().file(
        "portal/organizations/syndicat.md",
        "---\ntitle: Syndicat des eaux\nkind: syndicat\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "error: unknown organization kind `syndicat`\n --> organizations/syndicat.md:3:1\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= hint: use one of commune, epci, departement, region, other\n")
    );
}
