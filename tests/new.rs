//! `ouvert new` makes a portal that builds as it is.

mod common;

use common::{Fixture, Run, ouvert};

#[test]
fn a_new_portal_builds_and_only_asks_for_its_address() {
    for (language, dataset, page, about) in [
        (
            "fr",
            "premier-jeu-de-donnees",
            "exemple.csv",
            "pages/a-propos/index.html",
        ),
        (
            "en",
            "first-dataset",
            "example.csv",
            "pages/about/index.html",
        ),
    ] {
        let fixture = Fixture::empty();
        let dir = fixture.path("mairie-de-test");
        let run: Run = ouvert()
            .arg("new")
            .arg(&dir)
            .args(["--language", language])
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout
                .starts_with(&format!("Created the portal {}.\n", dir.display()))
        );
        for file in [
            "ouvert.toml",
            ".gitignore",
            &format!("datasets/{dataset}/index.md"),
            &format!("datasets/{dataset}/{page}"),
        ] {
            assert!(dir.join(file).is_file(), "{file}");
        }
        let config = fixture.read("mairie-de-test/ouvert.toml");
        assert!(config.contains("name = \"Mairie de test\""), "{config}");
        assert!(config.contains(&format!("language = \"{language}\"")));

        let run: Run = ouvert().arg("build").arg(&dir).output().unwrap().into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The address a portal will be published at is not known yet: the
        // catalogs that need it wait for it, and the build says so.
        assert_eq!(
            run.stderr,
            "warning: no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address\n --> ouvert.toml\n  = hint: add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"\n\n"
        );
        assert!(
            dir.join(format!("public/datasets/{dataset}/index.html"))
                .is_file()
        );
        assert!(dir.join(about).is_file() || dir.join("public").join(about).is_file());
        let home = fixture.read("mairie-de-test/public/index.html");
        assert!(home.contains(&format!("<html lang=\"{language}\">")));
    }
}

#[test]
fn name_is_escaped_in_the_configuration() {
    let fixture = Fixture::empty();
    let dir = fixture.path("p");
    let run: Run = ouvert()
        .arg("new")
        .arg(&dir)
        .args(["--name", "Commune \"La Grande\""])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fixture
            .read("p/ouvert.toml")
            .contains(r#"name = 'Commune "La Grande"'"#)
            || fixture
                .read("p/ouvert.toml")
                .contains(r#"name = "Commune \"La Grande\"""#)
    );
    let run: Run = ouvert().arg("build").arg(&dir).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fixture
            .read("p/public/index.html")
            .contains("Commune &quot;La Grande&quot;")
    );
}

#[test]
fn refuses_a_non_empty_folder() {
    let fixture = Fixture::empty().file("p/notes.txt", "mine");
    let run: Run = ouvert()
        .arg("new")
        .arg(fixture.path("p"))
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: refusing to create the portal in {}: the folder is not empty\n",
            fixture.path("p").display()
        )
    );
    assert_eq!(fixture.read("p/notes.txt"), "mine");
}
