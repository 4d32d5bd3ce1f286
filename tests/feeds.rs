//! What search engines and feed readers find: `feed.atom`, `sitemap.xml`,
//! `robots.txt` and the schema.org JSON-LD of dataset pages.

mod common;

use common::{CONFIG, Fixture, tree};
use serde_json::json;

fn built(fixture: Fixture) -> Fixture {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture
}

fn without_base_url(fixture: Fixture) -> Fixture {
    fixture.file(
        "portal/ouvert.toml",
        CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", ""),
    )
}

/// Five datasets: dated in every way the front matter allows, one with
/// no date, two changed the same day, one published by another
/// organization; plus a free page and HTML files in `static/`.
fn portal() -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/alpha/index.md",
            "---\ntitle: \"Alpha <&> compagnie\"\nsummary: \"Résumé <b> & co\"\nkeywords: [budget, \"x&y\"]\nthemes: [GOVE]\ncreated: 2025-01-10\nmodified: 2026-03-01\n---\n\nTexte.\n",
        )
        .file(
            "portal/datasets/bravo/index.md",
            "---\ntitle: Bravo\ncreated: 2026-05-02\npublisher: ccas\n---\n\nLe premier paragraphe de *Bravo*.\n\nLe second.\n",
        )
        // `modified: 2026` is not taken as the end of 2026.
        .file(
            "portal/datasets/charlie/index.md",
            "---\ntitle: Charlie\ncreated: 2026-02-15\nmodified: 2026\n---\n",
        )
        .file(
            "portal/datasets/delta/index.md",
            "---\ntitle: Delta\n---\n\nSans date.\n",
        )
        .file(
            "portal/datasets/echo/index.md",
            "---\ntitle: Echo\nmodified: 2026-03-01\n---\n",
        )
        .file("portal/organizations/ccas.md", "---\ntitle: CCAS de Test\n---\n")
        .file("portal/pages/a-propos.md", "---\ntitle: À propos\n---\n\nTexte.\n")
        .file(
            "portal/static/plan/index.html",
            "<!doctype html><title>Plan</title>\n",
        )
        .file(
            "portal/static/notice.html",
            "<!doctype html><title>Notice</title>\n",
        )
}

#[test]
fn the_feed_lists_dated_datasets_newest_first_escaped() {
    let fixture = built(portal());
    let expected = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>https://donnees.test.example/feed.atom</id>
  <title>Portail de test</title>
  <updated>2026-05-02T00:00:00Z</updated>
  <link rel="self" type="application/atom+xml" href="https://donnees.test.example/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://donnees.test.example/"/>
  <author>
    <name>Commune de Test</name>
    <uri>https://donnees.test.example/organizations/commune-de-test/</uri>
  </author>
  <generator version="{version}">ouvert</generator>
  <entry>
    <id>https://donnees.test.example/datasets/bravo/</id>
    <title>Bravo</title>
    <updated>2026-05-02T00:00:00Z</updated>
    <published>2026-05-02T00:00:00Z</published>
    <link rel="alternate" type="text/html" href="https://donnees.test.example/datasets/bravo/"/>
    <author>
      <name>CCAS de Test</name>
      <uri>https://donnees.test.example/organizations/ccas/</uri>
    </author>
    <summary>Le premier paragraphe de Bravo.</summary>
  </entry>
  <entry>
    <id>https://donnees.test.example/datasets/alpha/</id>
    <title>Alpha &lt;&amp;&gt; compagnie</title>
    <updated>2026-03-01T00:00:00Z</updated>
    <published>2025-01-10T00:00:00Z</published>
    <link rel="alternate" type="text/html" href="https://donnees.test.example/datasets/alpha/"/>
    <author>
      <name>Commune de Test</name>
      <uri>https://donnees.test.example/organizations/commune-de-test/</uri>
    </author>
    <summary>Résumé &lt;b&gt; &amp; co</summary>
    <category term="budget"/>
    <category term="x&amp;y"/>
    <category term="GOVE" scheme="http://publications.europa.eu/resource/authority/data-theme/"/>
  </entry>
  <entry>
    <id>https://donnees.test.example/datasets/echo/</id>
    <title>Echo</title>
    <updated>2026-03-01T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://donnees.test.example/datasets/echo/"/>
    <author>
      <name>Commune de Test</name>
      <uri>https://donnees.test.example/organizations/commune-de-test/</uri>
    </author>
  </entry>
  <entry>
    <id>https://donnees.test.example/datasets/charlie/</id>
    <title>Charlie</title>
    <updated>2026-02-15T00:00:00Z</updated>
    <published>2026-02-15T00:00:00Z</published>
    <link rel="alternate" type="text/html" href="https://donnees.test.example/datasets/charlie/"/>
    <author>
      <name>Commune de Test</name>
      <uri>https://donnees.test.example/organizations/commune-de-test/</uri>
    </author>
  </entry>
</feed>
"#,
        version = env!("CARGO_PKG_VERSION")
    );
    assert_eq!(fixture.read("out/feed.atom"), expected);
    // Feed readers find it from any page.
    assert!(fixture.read("out/datasets/delta/index.html").contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../../feed.atom\" title=\"Portail de test\">"
    ));
}

#[test]
fn a_feed_without_dated_datasets_is_empty_and_still_valid() {
    let fixture = built(Fixture::new());
    let feed = fixture.read("out/feed.atom");
    assert!(feed.contains("  <updated>1970-01-01T00:00:00Z</updated>\n"));
    assert!(!feed.contains("<entry>"));
}

#[test]
fn the_sitemap_lists_every_page_written() {
    let fixture = built(portal());
    let sitemap = fixture.read("out/sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    let base = "https://donnees.test.example/";
    let expected: Vec<String> = [
        "accessibility/",
        "catalog/",
        "catalog/keyword/budget/",
        "catalog/keyword/",
        "catalog/keyword/x-y/",
        "catalog/licence/etalab-2.0/",
        "catalog/licence/",
        "catalog/recent/",
        "datasets/alpha/",
        "datasets/bravo/",
        "datasets/charlie/",
        "datasets/delta/",
        "datasets/echo/",
        "",
        "notice.html",
        "organizations/ccas/",
        "organizations/ccas/usages/",
        "organizations/commune-de-test/",
        "organizations/commune-de-test/usages/",
        "organizations/",
        "pages/a-propos/",
        "plan/",
        "quality/",
        "search/",
        "themes/gove/",
        "themes/",
        "usages/",
    ]
    .iter()
    .map(|p| format!("{base}{p}"))
    .collect();
    assert_eq!(locs, expected);
    // The same set as the HTML files of the folder, but the 404 page.
    let pages: Vec<String> = tree(&fixture.path("out"))
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .map(|p| {
            let folder = p.strip_suffix("index.html").unwrap_or(&p);
            format!("{base}{folder}")
        })
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    let mut pages_sorted = pages;
    pages_sorted.sort();
    assert_eq!(pages_sorted, sorted);
    // Dataset pages say when they changed, as the feed does.
    assert!(sitemap.contains(
        "  <url>\n    <loc>https://donnees.test.example/datasets/charlie/</loc>\n    <lastmod>2026-02-15</lastmod>\n  </url>\n"
    ));
    assert!(sitemap.contains(
        "  <url>\n    <loc>https://donnees.test.example/datasets/delta/</loc>\n  </url>\n"
    ));
    assert!(sitemap.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    assert!(sitemap.ends_with("</urlset>\n"));
}

#[test]
fn robots_txt_names_the_sitemap_when_the_address_is_known() {
    let fixture = built(Fixture::new());
    assert_eq!(
        fixture.read("out/robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://donnees.test.example/sitemap.xml\n"
    );
}

#[test]
fn without_base_url_only_robots_txt_is_written() {
    let fixture = without_base_url(Fixture::new());
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning: no `base_url`").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(fixture.read("out/robots.txt"), "User-agent: *\nAllow: /\n");
    assert!(!fixture.path("out/sitemap.xml").exists());
    assert!(!fixture.path("out/feed.atom").exists());
    assert!(
        !fixture
            .read("out/index.html")
            .contains("application/atom+xml"),
        "no link to a feed that is not there"
    );
}

#[test]
fn the_portal_s_own_robots_txt_is_kept() {
    let fixture =
        built(Fixture::new().file("portal/static/robots.txt", "User-agent: *\nDisallow: /\n"));
    assert_eq!(
        fixture.read("out/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
}

/// The JSON-LD block of a page, checking it cannot end the script early.
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("a JSON-LD block") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let block = &html[start..end];
    assert!(!block.contains('<'), "{block}");
    serde_json::from_str(block).unwrap()
}

#[test]
fn dataset_pages_describe_the_dataset_for_search_engines() {
    let fixture = built(
        Fixture::empty()
            .file("portal/ouvert.toml", CONFIG)
            .file(
                "portal/organizations/ccas.md",
                "---\ntitle: CCAS de Test\nwebsite: https://ccas.test.example/\n---\n",
            )
            .file(
                "portal/datasets/aides/index.md",
                "---\ntitle: \"Aides </script><!-- & co\"\nsummary: Les aides.\nkeywords: [social]\nthemes: [SOCI]\npublisher: ccas\nlicence: odbl\ntemporal: { start: 2021-01 }\nspatial: { name: Test, insee: [\"99999\"] }\ncreated: 2024-05-01\nmodified: 2026\nresources:\n  - path: aides.csv\n    title: Aides par année\n  - url: https://ailleurs.example/aides.pdf\n    title: Rapport\n    description: \"Le rapport </script>\"\n---\n\nLes aides versées par le CCAS.\n",
            )
            .file("portal/datasets/aides/aides.csv", "annee,montant\n2026,12.5\n"),
    );
    let html = fixture.read("out/datasets/aides/index.html");
    assert!(html.contains(r#""name":"Aides \u003c/script\u003e\u003c!-- \u0026 co""#));
    let ccas = json!({
        "@type": "Organization",
        "name": "CCAS de Test",
        "url": "https://donnees.test.example/organizations/ccas/",
        "sameAs": "https://ccas.test.example/",
    });
    assert_eq!(
        json_ld(&html),
        json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": "Aides </script><!-- & co",
            "description": "Les aides.\n\nLes aides versées par le CCAS.",
            "url": "https://donnees.test.example/datasets/aides/",
            "identifier": "https://donnees.test.example/datasets/aides/",
            "keywords": ["social", "Population et société"],
            "license": "https://opendatacommons.org/licenses/odbl/1-0/",
            "isAccessibleForFree": true,
            "inLanguage": "fr",
            "creator": ccas,
            "publisher": ccas,
            "temporalCoverage": "2021-01/..",
            "spatialCoverage": {"@type": "Place", "name": "Test"},
            "dateModified": "2026",
            "datePublished": "2024-05-01",
            "distribution": [
                {
                    "@type": "DataDownload",
                    "name": "Aides par année",
                    "contentUrl": "https://donnees.test.example/datasets/aides/aides.csv",
                    "encodingFormat": "text/csv",
                },
                {
                    "@type": "DataDownload",
                    "name": "Rapport",
                    "description": "Le rapport </script>",
                    "contentUrl": "https://ailleurs.example/aides.pdf",
                    "encodingFormat": "application/pdf",
                },
            ],
            "includedInDataCatalog": {
                "@type": "DataCatalog",
                "name": "Portail de test",
                "url": "https://donnees.test.example/",
            },
        })
    );
}

#[test]
fn without_base_url_json_ld_addresses_are_relative_to_the_page() {
    let fixture = without_base_url(Fixture::new());
    assert_eq!(fixture.build().code, 0);
    let ld = json_ld(&fixture.read("out/datasets/budget/index.html"));
    assert_eq!(ld["url"], "../../datasets/budget/index.html");
    assert_eq!(ld["identifier"], "budget");
    assert_eq!(
        ld["distribution"][0]["contentUrl"],
        "../../datasets/budget/budget.csv"
    );
    assert_eq!(
        ld["publisher"]["url"],
        "../../organizations/commune-de-test/index.html"
    );
    assert_eq!(ld["includedInDataCatalog"]["url"], "../../index.html");
}
