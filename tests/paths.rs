//! Paths that leave the portal folder are refused, and file names with
//! spaces, accents and unusual characters get working addresses.

mod common;

use common::{CONFIG, Fixture, attribute_values, resolve};

fn dataset(resources: &str) -> String {
    format!("---\ntitle: Données\nresources:\n{resources}---\n\nTexte.\n")
}

#[test]
fn resource_paths_that_leave_the_dataset_folder_are_refused() {
    let fixture = Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file("portal/secret.csv", "a\n1\n")
        .file(
            "portal/datasets/a/index.md",
            dataset("  - path: ../../secret.csv\n  - path: /etc/passwd\n"),
        );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let hint = "  = hint: a resource's `path` is relative to the dataset folder and stays inside it; use `url` for a file published elsewhere\n";
    assert!(
        run.stderr.contains(&format!(
            "error: resource `../../secret.csv` is not a file of the dataset folder datasets/a/\n --> datasets/a/index.md:4:11\n  |\n4 |   - path: ../../secret.csv\n  |           ^\n{hint}"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "error: resource `/etc/passwd` is not a file of the dataset folder datasets/a/\n"
    ));
    assert!(!fixture.path("out").exists(), "nothing is published");
}

#[cfg(unix)]
#[test]
fn links_to_files_outside_the_portal_are_neither_read_nor_published() {
    let fixture = Fixture::empty()
        .file("outside/secret.csv", "mot_de_passe\nhunter2\n")
        .file(
            "outside/zone.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": []}",
        )
        .file("outside/base.html", "SECRET TEMPLATE")
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/a/index.md",
            dataset("  - path: data.csv\n"),
        )
        .file("portal/datasets/a/data.csv", "a\n1\n");
    let link = |target: &str, link: &str| {
        std::os::unix::fs::symlink(fixture.path(target), fixture.path(link)).unwrap();
    };
    std::fs::create_dir_all(fixture.path("portal/static")).unwrap();
    std::fs::create_dir_all(fixture.path("portal/templates")).unwrap();
    link("outside/secret.csv", "portal/datasets/a/secret.csv");
    link("outside/secret.csv", "portal/static/secret.csv");
    link("outside/base.html", "portal/templates/base.html");
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(
        "error: datasets/a/secret.csv is a link to a file outside the portal folder; it is not published\n"
    ), "{}", run.stderr);
    assert!(run.stderr.contains(
        "error: static/secret.csv is a link to a file outside the portal folder; it is not published\n"
    ));

    // Without the data links, the build goes on, and the linked template
    // is not used.
    std::fs::remove_file(fixture.path("portal/datasets/a/secret.csv")).unwrap();
    std::fs::remove_file(fixture.path("portal/static/secret.csv")).unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/a/index.html");
    assert!(!page.contains("SECRET"));

    // A territory given by a link to a file elsewhere is refused too.
    link("outside/zone.geojson", "portal/static/zone.geojson");
    let config = CONFIG.replace(
        "[authority]",
        "[map]\nterritory = \"static/zone.geojson\"\n\n[authority]",
    );
    std::fs::write(fixture.path("portal/ouvert.toml"), config).unwrap();
    let run = fixture.build();
    assert!(
        run.stderr.contains(
            "the territory `static/zone.geojson` is a link to a file outside the portal folder"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn file_names_with_spaces_accents_and_symbols_get_working_addresses() {
    let names = [
        "Budget 2026 (version définitive).csv",
        "données #2 ?.csv",
        "taux 100%.csv",
        "l'été \"chaud\" & <froid>.csv",
        "ÉQUIPEMENTS+écoles;v2.csv",
    ];
    let mut fixture = Fixture::empty().file("portal/ouvert.toml", CONFIG);
    let mut resources = String::new();
    for name in names {
        resources.push_str(&format!(
            "  - path: {}\n",
            serde_json::to_string(name).unwrap()
        ));
        fixture = fixture.file(&format!("portal/datasets/a/{name}"), "a,b\n1,2\n");
    }
    let fixture = fixture.file("portal/datasets/a/index.md", dataset(&resources));
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/a/index.html");
    let targets: Vec<String> = attribute_values(&page, "href")
        .into_iter()
        .filter_map(|href| resolve("datasets/a/index.html", &href, None))
        .filter(|path| path.ends_with(".csv") || path.ends_with(".json"))
        .collect();
    for name in names {
        let published = format!("datasets/a/{name}");
        assert!(
            targets.contains(&published),
            "no link to {published} in {targets:?}"
        );
    }
    for target in &targets {
        assert!(
            fixture.path(&format!("out/{target}")).is_file(),
            "{target} is linked but not published"
        );
    }
}
