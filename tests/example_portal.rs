//! The example portal builds into a complete, self-contained site.

mod common;

use std::collections::BTreeSet;

use common::{attribute_values, build, example_portal, resolve, tree};

const BASE_URL: &str = "https://donnees.clairval.example/";

fn built() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = build(&example_portal(), &out);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(
        run.stderr, "",
        "the example portal builds without a warning"
    );
    let files = tree(&out);
    (dir, files)
}

fn html_pages(files: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<(&String, String)> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes.clone()).unwrap()))
        .collect()
}

#[test]
fn every_page_type_exists() {
    let (_dir, files) = built();
    for page in [
        "index.html",
        "catalog/index.html",
        "catalog/recent/index.html",
        "datasets/budget-primitif-2026/index.html",
        "datasets/frequentation-mediatheque/index.html",
        "datasets/points-apport-volontaire/index.html",
        "organizations/index.html",
        "organizations/commune-de-clairval/index.html",
        "organizations/ccas-clairval/index.html",
        "themes/index.html",
        "themes/econ/index.html",
        "pages/a-propos/index.html",
        "pages/mentions-legales/index.html",
        "pages/engagements/index.html",
        "usages/index.html",
        "api/usages.json",
        "404.html",
        "assets/style.css",
        "assets/theme.css",
        "logo.svg",
    ] {
        assert!(files.contains_key(page), "missing {page}");
    }
    let datasets = files
        .keys()
        .filter(|p| p.starts_with("datasets/") && p.ends_with("/index.html"))
        .count();
    assert!(datasets >= 8, "{datasets} dataset pages");
}

#[test]
fn every_local_file_is_published_with_its_dataset() {
    let (_dir, files) = built();
    for file in [
        "datasets/budget-primitif-2026/budget-primitif-2026.csv",
        "datasets/frequentation-mediatheque/frequentation-mediatheque.xlsx",
        "datasets/points-apport-volontaire/points-apport-volontaire.geojson",
        "datasets/stationnement-parkings/parkings.json",
        // Not named in `resources`, published all the same.
        "datasets/equipements-publics/horaires-equipements.csv",
    ] {
        let source = example_portal().join(file);
        assert_eq!(
            files.get(file),
            Some(&std::fs::read(source).unwrap()),
            "{file}"
        );
    }
}

#[test]
fn every_internal_link_resolves_to_a_file_of_the_site() {
    let (_dir, files) = built();
    let mut broken = BTreeSet::new();
    for (page, html) in html_pages(&files) {
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            if let Some(target) = resolve(page, &url, Some(BASE_URL))
                && !files.contains_key(&target)
            {
                broken.insert(format!("{page}: {url} -> {target}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn links_are_relative_except_on_the_404_page() {
    let (_dir, files) = built();
    for (page, html) in html_pages(&files) {
        if page == "404.html" {
            continue;
        }
        // The canonical address is absolute by definition.
        let html: String = html
            .lines()
            .filter(|l| !l.starts_with("<link rel=\"canonical\""))
            .collect();
        for url in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            assert!(
                !url.starts_with('/') && !url.starts_with(BASE_URL),
                "{page} links with an absolute address: {url}"
            );
        }
    }
}

#[test]
fn every_page_forbids_scripts_and_styles_from_elsewhere() {
    let (_dir, files) = built();
    for (page, html) in html_pages(&files) {
        assert!(
            html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">"),
            "{page} has no Content-Security-Policy"
        );
        assert!(
            !html.contains(" style=\""),
            "{page} has an inline style, which the policy blocks"
        );
    }
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let (_dir, files) = built();
    for (page, html) in html_pages(&files) {
        // Pages read fully without JavaScript: the only scripts are data
        // that browsers do not run (JSON-LD for search engines, the names
        // of a map's points), the portal's own search script on the search
        // page, which says without it where to browse instead, and its map
        // script on pages with a map, which only adds pan and zoom.
        let scripts = html.matches("<script").count();
        let data = html
            .matches("<script type=\"application/ld+json\">")
            .count()
            + html
                .matches("<script type=\"application/json\" class=\"map-labels\">")
                .count();
        let own = if page == "search/index.html" {
            html.matches("<script src=\"../assets/search.js\" defer></script>")
                .count()
        } else if html.contains("<svg class=\"map\"") {
            html.matches("<script src=\"../../assets/map.js\" defer></script>")
                .count()
        } else {
            0
        };
        assert_eq!(scripts, data + own, "{page} has a script");
        assert!(!html.contains("@import"), "{page} imports a style sheet");
        for tag in [
            "<link ", "<img ", "<source ", "<video ", "<audio ", "<iframe ", "<embed ", "<object ",
        ] {
            for element in html.split(tag).skip(1) {
                let element = &element[..element.find('>').unwrap()];
                for name in ["href", "src", "srcset", "data", "poster"] {
                    for url in attribute_values(&format!(" {element}"), name) {
                        let own = url.starts_with(BASE_URL) && page == "404.html";
                        let remote = url.contains("//") || url.starts_with("data:");
                        // A canonical link names the page, it loads nothing.
                        let canonical = element.contains("rel=\"canonical\"");
                        assert!(!remote || own || canonical, "{page} loads {url}");
                    }
                }
            }
        }
    }
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".css")) {
        let css = String::from_utf8_lossy(bytes);
        assert!(!css.contains("@import"), "{path} imports");
        for part in css.split("url(").skip(1) {
            let url = part[..part.find(')').unwrap()].trim_matches(['"', '\'']);
            assert!(!url.contains("//"), "{path} loads {url}");
        }
        assert!(!css.contains("@font-face"), "{path} loads a font");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, first) = built();
    let (_b, second) = built();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn previews_decode_windows_1252_and_spreadsheets() {
    let (_dir, files) = built();
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let budget = page("datasets/budget-primitif-2026/index.html");
    assert!(budget.contains("Encodage windows-1252"), "encoding shown");
    assert!(
        budget.contains("<span>Séparateur <code>;</code></span>"),
        "delimiter shown"
    );
    assert!(
        budget.contains("<th scope=\"col\">BGT_NATDEC</th>"),
        "header decoded"
    );
    assert!(budget.contains("74 lignes"), "rows counted");
    let preview = &budget[budget.find("<table class=\"preview\">").unwrap()..];
    assert!(!preview.contains('\u{FFFD}'), "no replacement character");
    assert!(
        budget.contains("œ") || preview.contains("é"),
        "accents decoded"
    );

    let library = page("datasets/frequentation-mediatheque/index.html");
    assert!(library.contains("Feuille « 2024 » : les 10 premières lignes sur 12"));
    assert!(
        library.contains("<td>2024-01-01</td>"),
        "Excel dates shown as dates"
    );

    let points = page("datasets/points-apport-volontaire/index.html");
    assert!(points.contains("32 objets géographiques (32 Point)"));
}

#[test]
fn dataset_page_shows_metadata_in_french() {
    let (_dir, files) = built();
    let html =
        String::from_utf8(files["datasets/budget-primitif-2026/index.html"].clone()).unwrap();
    for expected in [
        "<h1>Budget primitif 2026</h1>",
        "<dt>Licence</dt>",
        "Licence Ouverte / Open Licence version 2.0",
        "<dt>Fréquence de mise à jour</dt>\n        <dd><a href=\"../../catalog/frequency/annual/index.html\">Annuelle</a></dd>",
        "1er janvier 2026 – 31 décembre 2026",
        "<a href=\"../../organizations/commune-de-clairval/index.html\">Commune de Clairval</a>",
        "href=\"../../datasets/budget-primitif-2026/budget-primitif-2026.csv\" download",
        "<a href=\"../../schemas/scdl/budget/0.8.3/index.html\">scdl/budget 0.8.3</a>",
        "<a href=\"https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/\">Voir sur schema.data.gouv.fr</a>",
    ] {
        assert!(html.contains(expected), "missing: {expected}");
    }
}

fn json(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_slice(&files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The site path an absolute URL of the API points to.
fn site_path(url: &str) -> String {
    let path = url
        .strip_prefix(BASE_URL)
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let path = ouvert::util::url::decode_path(path);
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    }
}

#[test]
fn the_static_api_lists_every_dataset_and_file() {
    let (_dir, files) = built();
    let catalog = json(&files, "api/catalog.json");
    let datasets = catalog["datasets"].as_array().unwrap();
    assert_eq!(datasets.len(), 11);
    for dataset in datasets {
        let slug = dataset["slug"].as_str().unwrap();
        assert!(dataset["title"].is_string());
        assert_eq!(
            site_path(dataset["url"].as_str().unwrap()),
            format!("datasets/{slug}/index.html")
        );
        assert_eq!(
            site_path(dataset["api"].as_str().unwrap()),
            format!("api/datasets/{slug}.json")
        );
        assert!(dataset["modified"].is_string(), "{slug}: modified");
        let detail = json(&files, &format!("api/datasets/{slug}.json"));
        assert_eq!(detail["slug"], slug);
        assert_eq!(
            detail["resources"].as_array().unwrap().len(),
            dataset["resources"].as_array().unwrap().len()
        );
        for resource in detail["resources"].as_array().unwrap() {
            let Some(path) = resource["path"].as_str() else {
                continue;
            };
            assert_eq!(site_path(resource["url"].as_str().unwrap()), path);
            assert_eq!(
                resource["bytes"].as_u64().unwrap(),
                files[path].len() as u64,
                "{path}"
            );
            for copy in resource["normalized"].as_array().unwrap() {
                for format in ["csv", "json"] {
                    let copy_path = copy[format]["path"].as_str().unwrap();
                    assert_eq!(
                        copy[format]["bytes"].as_u64().unwrap(),
                        files[copy_path].len() as u64
                    );
                }
            }
        }
    }

    let budget = json(&files, "api/datasets/budget-primitif-2026.json");
    assert_eq!(budget["licence"]["id"], "etalab-2.0");
    assert_eq!(budget["publisher"]["slug"], "commune-de-clairval");
    let resource = &budget["resources"][0];
    assert_eq!(resource["format"], "CSV");
    assert_eq!(
        resource["schema"]["url"],
        "https://schema.data.gouv.fr/schemas/scdl/budget/0.8.3/schema.json"
    );
    let profile = &resource["profile"];
    assert_eq!(profile["encoding"], "windows-1252");
    assert_eq!(profile["delimiter"], ";");
    assert_eq!(
        profile["decimal_separator"], ".",
        "set for the national schema"
    );
    assert_eq!(profile["rows"], 74);
    let column = |name: &str| {
        profile["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    let siret = column("BGT_SIRET");
    assert_eq!(siret["type"], "string", "a SIRET is a code");
    let amount = column("BGT_MTPROPNOUV");
    assert_eq!(amount["type"], "number");
    assert_eq!(amount["decimal_separator"], ".");
    assert_eq!(amount["nulls"], 0);
    assert_eq!(amount["max"], 3_560_000.0);
    assert!(amount["mean"].is_f64());
    assert_eq!(amount["top"][0]["value"], "15000.00");
    for key in ["name", "type", "nulls", "distinct", "min", "max", "top"] {
        assert!(siret.get(key).is_some(), "every column has `{key}`");
    }

    // Amounts written as French spreadsheets write them: read as numbers.
    let aid = json(&files, "api/datasets/aides-sociales-facultatives.json");
    let profile = &aid["resources"][0]["profile"];
    assert_eq!(profile["delimiter"], ";");
    assert_eq!(profile["decimal_separator"], ",");
    let total = profile["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "montant_total_euros")
        .unwrap();
    assert_eq!(total["type"], "number");
    assert_eq!(total["decimal_separator"], ",");
    assert_eq!(total["max"], 42_334.54);
    assert_eq!(total["top"][0]["value"], "4 800,00");
}

#[test]
fn the_example_portal_checks_clean() {
    let run = common::run(&["check".as_ref(), example_portal().as_os_str()]);
    assert_eq!(run.stdout, "ouvert check: no problems (11 datasets read)\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn normalised_copies_are_utf8_csv_and_typed_json() {
    let (_dir, files) = built();
    let text =
        |p: &str| String::from_utf8(files[p].clone()).unwrap_or_else(|_| panic!("{p} is UTF-8"));
    let csv = text("datasets/budget-primitif-2026/normalized/budget-primitif-2026.csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("BGT_NATDEC,BGT_ANNEE,BGT_SIRET,BGT_NOM,")
    );
    // `38000.00` and `39500.00` in the Windows-1252, semicolon-separated original.
    assert_eq!(
        lines.next().unwrap(),
        "budget primitif,2026,21999999200015,Commune de Clairval,60611,Eau et assainissement,011,Charges à caractère général,020,Administration générale de la collectivité,,fonctionnement,réel,dépense,,38000,,39500,,39500,,non spécialisé"
    );
    assert_eq!(csv.lines().count(), 75);
    let rows = json(
        &files,
        "datasets/budget-primitif-2026/normalized/budget-primitif-2026.json",
    );
    assert_eq!(rows.as_array().unwrap().len(), 74);
    assert_eq!(rows[0]["BGT_SIRET"], "21999999200015");
    assert_eq!(rows[0]["BGT_NATURE"], "011", "leading zeros kept");
    assert_eq!(rows[0]["BGT_MTPROPNOUV"], 39500);
    assert_eq!(rows[0]["BGT_MTREAL"], serde_json::Value::Null);

    // One pair per sheet of a workbook, Excel dates as ISO dates.
    let sheet =
        text("datasets/frequentation-mediatheque/normalized/frequentation-mediatheque-2024.csv");
    assert!(sheet.starts_with(
        "mois,entrees,prets,nouvelles_inscriptions,animations\n2024-01-01,3720,5163,38,6\n"
    ));
    let sheet = json(
        &files,
        "datasets/frequentation-mediatheque/normalized/frequentation-mediatheque-2025.json",
    );
    assert!(sheet[0]["mois"].as_str().unwrap().starts_with("2025-"));

    let page = text("datasets/budget-primitif-2026/index.html");
    assert!(page.contains("<summary>Versions normalisées</summary>"));
    assert!(page.contains("href=\"../../datasets/budget-primitif-2026/normalized/budget-primitif-2026.csv\" download>CSV normalisé"));
}

#[test]
fn every_dataset_explains_its_use_and_the_register_lists_them() {
    let (_dir, files) = built();
    let slugs: Vec<String> = json(&files, "api/catalog.json")["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs.len(), 11);
    let register = String::from_utf8(files["usages/index.html"].clone()).unwrap();
    assert!(
        register.starts_with("<!DOCTYPE html>") && register.contains("<h1>Usage des données</h1>"),
        "{register}"
    );
    let commitments = register
        .find(">Dire pourquoi chaque donnée existe</h2>")
        .expect("the commitments of pages/engagements.md");
    assert!(
        commitments < register.find("<h2 id=\"register-datasets\">").unwrap(),
        "the commitments come first"
    );
    assert!(
        !register.contains("n&#39;explique pas encore"),
        "every dataset explains its use"
    );
    for slug in &slugs {
        assert!(
            register.contains(&format!(
                "<th scope=\"row\"><a href=\"../datasets/{slug}/index.html\">"
            )),
            "the register lists {slug}"
        );
        let page =
            String::from_utf8(files[&format!("datasets/{slug}/index.html")].clone()).unwrap();
        assert!(
            page.contains("<h2 id=\"usage\">À quoi servent ces données\u{a0}?</h2>"),
            "{slug}"
        );
        assert!(
            !page.contains("Aucune raison n&#39;est"),
            "every published column of {slug} has its reason"
        );
    }
    let usages = json(&files, "api/usages.json");
    for dataset in usages["datasets"].as_array().unwrap() {
        let slug = &dataset["slug"];
        assert_eq!(dataset["declared"], true, "{slug}");
        for field in ["purpose", "legal_basis", "personal_data", "retention"] {
            assert!(!dataset[field].is_null(), "{slug}: {field}");
        }
    }
    assert_eq!(
        usages["datasets"][2]["personal_data"], "published-by-law",
        "deliberations name elected officials"
    );
    let algorithms = usages["algorithms"].as_array().unwrap();
    assert_eq!(algorithms.len(), 1);
    assert_eq!(algorithms[0]["dataset"], "aides-sociales-facultatives");
    assert_eq!(algorithms[0]["automation"], "decision-support");
    assert!(register.contains("<h3 id=\"algorithm-aides-sociales-facultatives-bareme-des-aides-facultatives-du-ccas\">Barème des aides facultatives du CCAS</h3>"));
}

/// The example shows what citizens bring and what changed: reuses,
/// requests at every status, each dataset's history, and the authorities
/// that publish side by side with catalogs of their own.
#[test]
fn the_example_shows_reuses_requests_history_and_several_authorities() {
    let (_dir, files) = built();
    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    assert_eq!(
        json(&files, "api/reuses.json")["reuses"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let statuses: std::collections::BTreeSet<String> =
        json(&files, "api/requests.json")["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(
        statuses.len(),
        5,
        "every status has a request: {statuses:?}"
    );
    assert!(text("reuses/index.html").contains("Où trier près de chez moi ?"));
    assert!(text("requests/index.html").contains("mailto:donnees@clairval.example"));
    let deliberations = text("datasets/deliberations-conseil-municipal/index.html");
    assert!(deliberations.contains("<h2 id=\"history\">Historique</h2>"));
    assert!(
        deliberations
            .contains("Première publication, avec les délibérations adoptées depuis janvier 2025.")
    );
    for organization in [
        "commune-de-clairval",
        "ccas-clairval",
        "cc-val-de-vive",
        "commune-de-montreuil-sur-vive",
    ] {
        for file in [
            "catalog.ttl",
            "catalog.jsonld",
            "catalogue.csv",
            "usages/index.html",
        ] {
            let path = format!("organizations/{organization}/{file}");
            assert!(files.contains_key(&path), "{path} is missing");
        }
    }
}
