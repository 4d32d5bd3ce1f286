//! Reuses (`reuses/`) and data requests (`requests/`): their pages, their
//! place on dataset pages, in the API and in the DCAT catalog, and the
//! mistakes an editor can make in them.

mod common;

use common::{CONFIG, Fixture};

const DATASETS: &[(&str, &str)] = &[
    (
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget 2026\nresources:\n  - path: budget.csv\n---\n",
    ),
    (
        "portal/datasets/budget/budget.csv",
        "annee,montant\n2026,12.5\n",
    ),
    (
        "portal/datasets/velos/index.md",
        "---\ntitle: Stations de vélos\nresources:\n  - url: https://example.org/velos.csv\n---\n",
    ),
];

fn portal(config_extra: &str, files: &[(&str, &str)]) -> Fixture {
    let mut fixture =
        Fixture::empty().file("portal/ouvert.toml", format!("{CONFIG}{config_extra}"));
    for (path, content) in DATASETS.iter().chain(files) {
        fixture = fixture.file(path, content);
    }
    fixture
}

const REUSES: &[(&str, &str)] = &[
    (
        "portal/reuses/carte-budget.md",
        "---\ntitle: La carte du budget\nkind: visualisation\nauthor: Association Budget Clair\nurl: https://budget-clair.example/carte\nimage: static/carte.png\ndatasets: [budget]\ndate: 2026-03-12\n---\n\nOù va **chaque euro**.\n",
    ),
    (
        "portal/reuses/appli-velo.md",
        "---\ntitle: Appli Vélo\nkind: application\nurl: https://velo.example/\ndatasets: [velos, budget]\ndate: 2026-05-01\n---\n",
    ),
    ("portal/static/carte.png", "\u{89}PNG\r\n"),
];

#[test]
fn reuses_have_their_page_and_show_on_the_datasets_they_use() {
    let fixture = portal("", REUSES);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let page = fixture.read("out/reuses/index.html");
    assert!(page.contains("<h1>Réutilisations</h1>"), "{page}");
    assert!(page.contains("<p>2 réutilisations</p>"), "{page}");
    // Newest first.
    let velo = page.find("Appli Vélo").unwrap();
    let carte = page.find("La carte du budget").unwrap();
    assert!(velo < carte, "{page}");
    assert!(page.contains("<h2 class=\"card-title\"><a href=\"https://budget-clair.example/carte\">La carte du budget</a></h2>"), "{page}");
    assert!(page.contains("<p class=\"card-meta\"><span>Visualisation</span><span>par Association Budget Clair</span><time datetime=\"2026-03-12\">12 mars 2026</time></p>"), "{page}");
    assert!(
        page.contains("<img class=\"reuse-image\" src=\"../carte.png\" alt=\"\" loading=\"lazy\">"),
        "{page}"
    );
    assert!(
        page.contains("<p>Où va <strong>chaque euro</strong>.</p>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"../datasets/velos/index.html\">Stations de vélos</a>, <a href=\"../datasets/budget/index.html\">Budget 2026</a>"), "{page}");
    // In the main menu of every page.
    let home = fixture.read("out/index.html");
    assert!(home.contains("href=\"reuses/index.html\""), "{home}");

    let budget = fixture.read("out/datasets/budget/index.html");
    assert!(
        budget.contains("<h2 id=\"reuses\">Ce qui a été fait avec ces données</h2>"),
        "{budget}"
    );
    assert!(
        budget.contains(
            "<h3 class=\"card-title\"><a href=\"https://velo.example/\">Appli Vélo</a></h3>"
        ),
        "{budget}"
    );
    assert!(budget.contains("La carte du budget"));
    let velos = fixture.read("out/datasets/velos/index.html");
    assert!(velos.contains("Appli Vélo") && !velos.contains("La carte du budget"));

    let api: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/reuses.json")).unwrap();
    assert_eq!(
        api["reuses"][1],
        serde_json::json!({
            "slug": "carte-budget",
            "title": "La carte du budget",
            "kind": "visualisation",
            "author": "Association Budget Clair",
            "url": "https://budget-clair.example/carte",
            "image": "https://donnees.test.example/carte.png",
            "date": "2026-03-12",
            "description": "Où va **chaque euro**.",
            "datasets": ["budget"],
        })
    );
    let dataset: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/datasets/velos.json")).unwrap();
    assert_eq!(dataset["reuses"].as_array().map(Vec::len), Some(1));
    assert_eq!(dataset["reuses"][0]["slug"], "appli-velo");

    let catalog = fixture.read("out/catalog.ttl");
    assert!(
        catalog.contains(
            "dct:isReferencedBy <https://budget-clair.example/carte>, <https://velo.example/>"
        ) || (catalog.contains("dct:isReferencedBy <https://budget-clair.example/carte>")
            && catalog.contains("<https://velo.example/>")),
        "{catalog}"
    );
}

#[test]
fn requests_are_listed_by_status_with_how_to_ask() {
    let fixture = portal(
        "\n[requests]\ncontact = \"donnees@test.example\"\n",
        &[
            (
                "portal/requests/horaires.md",
                "---\ntitle: Les horaires des déchèteries\nrequested_by: Marie L.\ndate: 2026-05-02\nstatus: planned\n---\n",
            ),
            (
                "portal/requests/salaires.md",
                "---\ntitle: Le salaire de chaque agent\ndate: 2026-04-10\nstatus: declined\nreason: Ce sont des données personnelles que la loi interdit de publier.\n---\n",
            ),
            (
                "portal/requests/budget.md",
                "---\ntitle: Le budget ligne par ligne\ndate: 2026-01-05\nstatus: published\ndataset: budget\n---\n\nDemandé lors du conseil de quartier.\n",
            ),
            (
                "portal/requests/arbres.md",
                "---\ntitle: Les arbres des parcs\ndate: 2026-06-01\n---\n",
            ),
        ],
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/requests/index.html");
    assert!(page.contains("<p>Écrivez ce que vous cherchez, et à quoi vous voulez l&#39;utiliser, à <a href=\"mailto:donnees@test.example\">donnees@test.example</a></p>"), "{page}");
    // In the order requests go through; a request without status is received.
    let order: Vec<usize> = [
        "Reçues (1)",
        "Ouverture prévue (1)",
        "Publiées (1)",
        "Refusées (1)",
    ]
    .iter()
    .map(|h| page.find(h).unwrap_or_else(|| panic!("{h} in {page}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{page}");
    assert!(
        !page.contains("À l&#39;étude"),
        "a status without requests has no section"
    );
    assert!(page.contains("<p class=\"card-meta\"><span>Demandée le <time datetime=\"2026-05-02\">2 mai 2026</time></span><span>par Marie L.</span></p>"), "{page}");
    assert!(page.contains("<p>Réponse : le jeu de données <a href=\"../datasets/budget/index.html\">Budget 2026</a></p>"), "{page}");
    assert!(page.contains("<p><strong>Pourquoi :</strong> Ce sont des données personnelles que la loi interdit de publier.</p>"), "{page}");
    assert!(
        fixture
            .read("out/index.html")
            .contains("href=\"requests/index.html\"")
    );
    // The dataset that answers a request says so.
    let budget = fixture.read("out/datasets/budget/index.html");
    assert!(
        budget.contains("<dt>Publié en réponse à la demande</dt>\n<dd><a href=\"../../requests/index.html#request-budget\">Le budget ligne par ligne</a></dd>"),
        "{budget}"
    );

    let api: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/requests.json")).unwrap();
    let statuses: Vec<&str> = api["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["received", "planned", "published", "declined"]);
    assert_eq!(api["requests"][2]["dataset"], "budget");
}

#[test]
fn a_form_address_or_no_request_at_all() {
    // A form: the page exists even before the first request.
    let fixture = portal(
        "\n[requests]\ncontact = \"https://formulaires.test.example/donnees\"\n",
        &[],
    );
    assert_eq!(fixture.build().code, 0);
    let page = fixture.read("out/requests/index.html");
    assert!(
        page.contains(
            "<a href=\"https://formulaires.test.example/donnees\">le formulaire de demande</a>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<p>Aucune demande n&#39;a encore été faite.</p>"),
        "{page}"
    );

    // Neither requests nor a way to make one, nor reuses: no page, no menu item.
    let fixture = portal("", &[]);
    assert_eq!(fixture.build().code, 0);
    assert!(!fixture.path("out/requests").exists() && !fixture.path("out/reuses").exists());
    let home = fixture.read("out/index.html");
    assert!(!home.contains("requests/index.html") && !home.contains("reuses/index.html"));
    let api: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/reuses.json")).unwrap();
    assert_eq!(api, serde_json::json!({ "reuses": [] }));
}

#[test]
fn mistakes_in_reuses_and_requests_are_reported_where_they_are() {
    let fixture = portal(
        "\n[requests]\ncontact = \"écrire à la mairie\"\n",
        &[
            (
                "portal/reuses/a.md",
                "---\ntitle: A\nkind: jeu\ndatasets: [budjet]\nimage: https://img.example/a.png\n---\n",
            ),
            ("portal/reuses/b.md", "---\ntitle: B\n---\n"),
            (
                "portal/requests/c.md",
                "---\ntitle: C\nstatus: published\n---\n",
            ),
            (
                "portal/requests/d.md",
                "---\ntitle: D\nstatus: declined\n---\n",
            ),
            (
                "portal/requests/e.md",
                "---\ntitle: E\nstatus: etudiee\ndate: hier\n---\n",
            ),
        ],
    );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "error: `requests.contact` must be an e-mail address or the web address of a form (https://…), not `écrire à la mairie`\n",
        "error: unknown reuse kind `jeu`\n --> reuses/a.md:3:1\n",
        "= hint: use one of application, visualisation, article, api, idea, other\n",
        "error: unknown dataset `budjet`\n --> reuses/a.md:4:12\n",
        "= hint: did you mean `budget`? A dataset is named by its folder under datasets/\n",
        "error: image `https://img.example/a.png` ",
        "error: reuses/b.md names no dataset it uses\n --> reuses/b.md:2:1\n",
        "error: a published request names the dataset that answers it\n --> requests/c.md:3:1\n",
        "error: a declined request says why\n --> requests/d.md:3:1\n",
        "error: unknown request status `etudiee`\n --> requests/e.md:3:1\n",
        "= hint: use one of received, under-study, planned, published, declined\n",
        "error: `date` is not a date: `hier`\n --> requests/e.md:4:1\n",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\nin\n{}",
            run.stderr
        );
    }
}

#[test]
fn reuses_and_requests_speak_english_in_an_english_portal() {
    let fixture = portal("", REUSES);
    let config = fixture
        .read("portal/ouvert.toml")
        .replace("title = ", "language = \"en\"\ntitle = ");
    let fixture = fixture.file("portal/ouvert.toml", config).file(
        "portal/requests/a.md",
        "---\ntitle: Trees\nstatus: under-study\n---\n",
    );
    assert_eq!(fixture.build().code, 0);
    let page = fixture.read("out/reuses/index.html");
    assert!(page.contains("<p class=\"card-meta\"><span>Visualisation</span><span>by Association Budget Clair</span><time datetime=\"2026-03-12\">"), "{page}");
    let page = fixture.read("out/requests/index.html");
    assert!(page.contains("Under study (1)"), "{page}");
    assert!(
        page.contains("Write to the authority saying what you are looking for"),
        "{page}"
    );
}
