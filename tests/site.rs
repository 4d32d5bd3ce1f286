//! What a built site holds: template overrides, free pages, Markdown links,
//! static files, languages.

mod common;

use common::{CONFIG, Fixture};

fn built(fixture: &Fixture) -> &Fixture {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture
}

#[test]
fn a_portal_template_replaces_the_theme_one() {
    let fixture = Fixture::new().file(
        "portal/templates/partials/dataset-card.html",
        "<li class=\"mine\">{{ dataset.title }}</li>\n",
    );
    let catalog = built(&fixture).read("out/catalog/index.html");
    assert!(
        catalog.contains("<li class=\"mine\">Budget</li>"),
        "{catalog}"
    );
    // The rest of the theme is still there.
    assert!(catalog.contains("<a class=\"skip-link\" href=\"#content\">"));
}

#[test]
fn a_portal_overrides_one_block_of_the_layout() {
    let fixture = Fixture::new().file(
        "portal/templates/page.html",
        "{% extends \"base.html\" %}\n{% block footer %}<footer>Mairie de Test</footer>{% endblock %}\n{% block content %}<h1>{{ page.title }}</h1>{{ page.html|safe }}{% endblock %}\n",
    )
    .file("portal/pages/contact.md", "---\ntitle: Contact\nmenu: footer\n---\n\nÉcrivez-nous.\n");
    let page = built(&fixture).read("out/pages/contact/index.html");
    assert!(page.contains("<footer>Mairie de Test</footer>"));
    assert!(page.contains("<p>Écrivez-nous.</p>"));
    assert!(
        page.contains("<nav class=\"main-nav\""),
        "the header block is the theme's"
    );
}

#[test]
fn template_errors_name_the_portal_file_and_line() {
    let fixture = Fixture::new().file(
        "portal/templates/partials/dataset-card.html",
        "<li>\n{{ dataset.titel }}\n</li>\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1);
    // Reported once, though several pages use the template.
    assert!(
        run.stderr.starts_with(
            "error: template error: undefined value: `dataset.titel` is undefined\n --> templates/partials/dataset-card.html:2:4\n  |\n2 | {{ dataset.titel }}\n  |    ^\n\nerror: the portal has 1 error"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn markdown_links_lead_to_published_pages_and_html_is_text() {
    let fixture = Fixture::new()
        .file(
            "portal/pages/a-propos.md",
            "---\ntitle: À propos\nmenu: main\nweight: 1\n---\n\nVoir [le budget](../datasets/budget/index.md), [le fichier](../datasets/budget/budget.csv) et [le guide](../static/guide.pdf).\n\n<script>alert('x')</script>\n\n[piège](javascript:alert(1))\n",
        )
        .file("portal/static/guide.pdf", "%PDF-1.4")
        .file("portal/datasets/budget/carte.png", "png")
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget\n---\n\n![Carte](carte.png)\n\n# Titre\n",
        );
    let page = built(&fixture).read("out/pages/a-propos/index.html");
    assert!(
        page.contains("<a href=\"../../datasets/budget/index.html\">le budget</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../../datasets/budget/budget.csv\">le fichier</a>"));
    assert!(page.contains("<a href=\"../../guide.pdf\">le guide</a>"));
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
            || page.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
    );
    assert!(page.contains("<p>piège</p>"));
    assert!(page.contains(
        "<a href=\"../../pages/a-propos/index.html\" aria-current=\"page\">À propos</a>"
    ));

    let dataset = fixture.read("out/datasets/budget/index.html");
    assert!(dataset.contains("<img src=\"../../datasets/budget/carte.png\" alt=\"Carte\" />"));
    assert!(
        dataset.contains("<h2>Titre</h2>"),
        "headings move down one level"
    );
    assert!(fixture.path("out/datasets/budget/carte.png").is_file());
    assert!(
        !dataset.contains("carte.png</h3>"),
        "images are not listed as resources"
    );
}

#[test]
fn a_static_file_may_not_take_a_page_address() {
    let fixture = Fixture::new().file("portal/static/index.html", "<p>mine</p>");
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: a page of the portal and static/index.html would both be published at index.html\n --> static/index.html\n  = hint: rename or move one of them\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn english_interface() {
    let fixture = Fixture::new().file(
        "portal/ouvert.toml",
        CONFIG.replace("licence = ", "language = \"en\"\nlicence = "),
    );
    let home = built(&fixture).read("out/index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Skip to content"));
    assert!(home.contains("1 dataset"));
}

#[test]
fn an_unknown_language_is_an_error_unless_the_portal_adds_it() {
    let config = CONFIG.replace("licence = ", "language = \"de\"\nlicence = ");
    let fixture = Fixture::new().file("portal/ouvert.toml", &config);
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: no interface strings for the language `de`\n --> ouvert.toml:3:1\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  = hint: use one of en, fr, or add the file i18n/de.toml to the portal")
    );

    // One file adds a language; missing strings fall back to English.
    let fixture = fixture.file("portal/i18n/de.toml", "[text]\nhome = \"Startseite\"\n");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("warning: the interface strings for `de` lack "),
        "{}",
        run.stderr
    );
    let home = fixture.read("out/index.html");
    assert!(home.contains("<html lang=\"de\">"));
    assert!(home.contains(">Startseite</a>"));
    assert!(home.contains("Skip to content"));
}

#[test]
fn publisher_and_defaults() {
    let fixture = Fixture::new()
        .file(
            "portal/organizations/ccas.md",
            "---\ntitle: CCAS de Test\nsiret: \"26999999100012\"\n---\n\nL'action sociale.\n",
        )
        .file(
            "portal/datasets/aides/index.md",
            "---\ntitle: Aides\npublisher: ccas\nlicence: odbl\n---\n",
        );
    built(&fixture);
    let aides = fixture.read("out/datasets/aides/index.html");
    assert!(aides.contains("<a href=\"../../organizations/ccas/index.html\">CCAS de Test</a>"));
    assert!(aides.contains("Open Database License (ODbL) 1.0"));
    let budget = fixture.read("out/datasets/budget/index.html");
    assert!(
        budget.contains(
            "<a href=\"../../organizations/commune-de-test/index.html\">Commune de Test</a>"
        ),
        "the authority by default"
    );
    assert!(
        budget.contains("Licence Ouverte / Open Licence version 2.0"),
        "the portal's licence by default"
    );
    assert!(
        budget.contains("<a href=\"mailto:donnees@test.example\">donnees@test.example</a>"),
        "the portal's contact by default"
    );
    let ccas = fixture.read("out/organizations/ccas/index.html");
    assert!(
        ccas.contains("<p>L&#39;action sociale.</p>") || ccas.contains("<p>L'action sociale.</p>")
    );
    assert!(ccas.contains("<dd>26999999100012</dd>"));
}

#[test]
fn without_base_url_the_api_gives_site_relative_addresses() {
    let fixture = Fixture::new().file(
        "portal/ouvert.toml",
        CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", ""),
    );
    assert_eq!(fixture.build().code, 0);
    let catalog: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/catalog.json")).unwrap();
    assert_eq!(
        catalog,
        serde_json::json!({"datasets": [{
            "slug": "budget",
            "title": "Budget",
            "url": "datasets/budget/index.html",
            "api": "api/datasets/budget.json",
            "modified": null,
            "resources": [{
                "title": "Budget 2026",
                "format": "CSV",
                "path": "datasets/budget/budget.csv",
                "url": "datasets/budget/budget.csv",
                "bytes": 24
            }]
        }]})
    );
}
