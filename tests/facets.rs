//! Paginated listings and facet pages, as readers see them in the built
//! site: which datasets each page lists, its counts and its links to the
//! other pages.

mod common;

use common::{CONFIG, Fixture};

/// A portal of `n` datasets named `Jeu 001` … (so title order is number
/// order), every third one with the keyword "Établissements scolaires"
/// (every twelfth spelt "etablissements scolaires"), all of them "budget".
fn portal(n: usize, config: &str) -> Fixture {
    let mut fixture = Fixture::empty().file("portal/ouvert.toml", config);
    for i in 1..=n {
        let keyword = match (i % 12, i % 3) {
            (0, _) => ", etablissements scolaires",
            (_, 0) => ", Établissements scolaires",
            _ => "",
        };
        let frequency = if i % 2 == 0 { "ANNUAL" } else { "MONTHLY" };
        fixture = fixture
            .file(
                &format!("portal/datasets/jeu-{i:03}/index.md"),
                format!(
                    "---\ntitle: Jeu {i:03}\nkeywords: [budget{keyword}]\nthemes: [ECON]\nfrequency: {frequency}\nmodified: 2026-12-01\nspatial: {{ name: Vallée de l'Yerres }}\nresources:\n  - path: data.csv\n    title: Données\n---\n\nLe jeu {i}.\n"
                ),
            )
            .file(&format!("portal/datasets/jeu-{i:03}/data.csv"), "a,b\n1,2\n");
    }
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture
}

/// The dataset titles a listing page links to, in order.
fn listed(html: &str) -> Vec<String> {
    html.split("class=\"card-title\"><a href=\"")
        .skip(1)
        .map(|rest| {
            let title = &rest[rest.find('>').unwrap() + 1..];
            title[..title.find('<').unwrap()].to_string()
        })
        .collect()
}

fn titles(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|i| format!("Jeu {i:03}")).collect()
}

#[test]
fn catalog_of_120_datasets_has_three_pages_of_50() {
    let fixture = portal(120, CONFIG);
    let first = fixture.read("out/catalog/index.html");
    let second = fixture.read("out/catalog/page/2/index.html");
    let third = fixture.read("out/catalog/page/3/index.html");
    assert!(!fixture.path("out/catalog/page/4/index.html").exists());
    assert!(!fixture.path("out/catalog/page/1/index.html").exists());

    assert_eq!(listed(&first), titles(1..=50));
    assert_eq!(listed(&second), titles(51..=100));
    assert_eq!(listed(&third), titles(101..=120));

    assert!(first.contains("Jeux de données 1 à 50 sur 120"), "{first}");
    assert!(second.contains("Jeux de données 51 à 100 sur 120"));
    assert!(third.contains("Jeux de données 101 à 120 sur 120"));

    // Titles say the page after the first.
    assert!(first.contains("<title>Catalogue · Portail de test</title>"));
    assert!(second.contains("<title>Catalogue, page 2 sur 3 · Portail de test</title>"));

    // The middle page links everywhere, the right way round.
    assert!(second.contains("<nav class=\"pagination\" aria-label=\"Pages de la liste\">"));
    assert!(second.contains("<a href=\"../../../catalog/index.html\" rel=\"prev\">"));
    assert!(second.contains("<a href=\"../../../catalog/page/3/index.html\" rel=\"next\">"));
    assert!(second.contains(
        "<span class=\"current\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</span>"
    ));
    // The first page has no way back, the last no way on.
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("<a href=\"../catalog/page/2/index.html\" rel=\"next\">"));
    assert!(!third.contains("rel=\"next\""));
    // Page 2 has page 1 in its breadcrumbs.
    assert!(second.contains("<li><a href=\"../../../catalog/index.html\">Catalogue</a></li>"));
}

#[test]
fn catalog_by_date_is_paginated_too() {
    let fixture = portal(60, CONFIG);
    let second = fixture.read("out/catalog/recent/page/2/index.html");
    assert_eq!(listed(&second).len(), 10);
    assert!(second.contains("Jeux de données 51 à 60 sur 60"));
}

#[test]
fn a_single_page_listing_has_no_pagination() {
    let fixture = portal(3, CONFIG);
    let catalog = fixture.read("out/catalog/index.html");
    assert_eq!(listed(&catalog), titles(1..=3));
    assert!(!catalog.contains("class=\"pagination\""));
    assert!(!fixture.path("out/catalog/page/2/index.html").exists());
}

#[test]
fn accented_keyword_gets_a_readable_address_and_its_datasets() {
    let fixture = portal(12, CONFIG);
    let page = fixture.read("out/catalog/keyword/etablissements-scolaires/index.html");
    // Both spellings fold into one value, shown as the most written one.
    assert!(page.contains("<h1>Établissements scolaires</h1>"), "{page}");
    assert!(page.contains("<p class=\"kicker\">Mot-clé</p>"));
    assert_eq!(listed(&page), ["Jeu 003", "Jeu 006", "Jeu 009", "Jeu 012"]);
    assert!(page.contains("4 jeux de données"));
    // Breadcrumbs: home, catalog, the keywords.
    assert!(
        page.contains("<li><a href=\"../../../catalog/keyword/index.html\">Mots-clés</a></li>")
    );

    let index = fixture.read("out/catalog/keyword/index.html");
    assert!(index.contains(
        "<a href=\"../../catalog/keyword/etablissements-scolaires/index.html\">Établissements scolaires</a> <span class=\"count\">4 jeux de données</span>"
    ));
    assert!(index.contains("<a href=\"../../catalog/keyword/budget/index.html\">budget</a> <span class=\"count\">12 jeux de données</span>"));

    // The dataset page links its keyword there.
    // Each dataset keeps its own spelling.
    let dataset = fixture.read("out/datasets/jeu-012/index.html");
    assert!(dataset.contains(
        "<a href=\"../../catalog/keyword/etablissements-scolaires/index.html\">etablissements scolaires</a>"
    ));
}

#[test]
fn every_facet_kind_has_its_pages() {
    let fixture = portal(4, CONFIG);
    for page in [
        "catalog/format/csv/index.html",
        "catalog/licence/etalab-2.0/index.html",
        "catalog/frequency/annual/index.html",
        "catalog/spatial/vallee-de-l-yerres/index.html",
        "catalog/format/index.html",
        "catalog/licence/index.html",
        "catalog/frequency/index.html",
        "catalog/spatial/index.html",
        "themes/econ/index.html",
    ] {
        assert!(fixture.path(&format!("out/{page}")).exists(), "{page}");
    }
    let annual = fixture.read("out/catalog/frequency/annual/index.html");
    assert!(annual.contains("<h1>Annuelle</h1>"), "{annual}");
    assert_eq!(listed(&annual), ["Jeu 002", "Jeu 004"]);
    let dataset = fixture.read("out/datasets/jeu-002/index.html");
    assert!(dataset.contains("<a href=\"../../catalog/frequency/annual/index.html\">"));
    assert!(dataset.contains("<a href=\"../../catalog/licence/etalab-2.0/index.html\">"));
}

#[test]
fn catalog_shows_facets_with_counts_most_frequent_first() {
    let fixture = portal(12, CONFIG);
    let catalog = fixture.read("out/catalog/index.html");
    assert!(catalog.contains("<nav class=\"facets\" aria-labelledby=\"facets-title\">"));
    let keywords = &catalog[catalog.find("id=\"facet-keyword\"").unwrap()..];
    let budget = keywords
        .find(">budget</a> <span class=\"count\">(12)</span>")
        .unwrap();
    let schools = keywords
        .find(">Établissements scolaires</a> <span class=\"count\">(4)</span>")
        .unwrap();
    assert!(budget < schools);
    // Two keywords only: no link to see them all.
    assert!(!catalog.contains("Tous les mots-clés"));
}

#[test]
fn theme_and_organization_pages_are_paginated() {
    let fixture = portal(55, CONFIG);
    let theme = fixture.read("out/themes/econ/page/2/index.html");
    assert_eq!(listed(&theme), titles(51..=55));
    let organization = fixture.read("out/organizations/commune-de-test/page/2/index.html");
    assert!(
        organization.contains("Jeux de données 51 à 55 sur 55"),
        "{organization}"
    );
    assert!(organization.contains("<h3 class=\"card-title\">"));
}

#[test]
fn pagination_and_facets_in_english() {
    let config = format!("language = \"en\"\n{CONFIG}");
    let fixture = portal(120, &config);
    let second = fixture.read("out/catalog/page/2/index.html");
    assert!(second.contains("Datasets 51–100 of 120"), "{second}");
    assert!(second.contains("<title>Catalog, page 2 of 3 · Portail de test</title>"));
    assert!(second.contains("aria-label=\"Pages of the list\""));
    assert!(second.contains("Next page"));
    assert!(second.contains("<h2 id=\"facets-title\">Browse the catalog</h2>"));
    let page = fixture.read("out/catalog/keyword/etablissements-scolaires/index.html");
    assert!(page.contains("<p class=\"kicker\">Keyword</p>"));
}
