//! The output folder: what changed staged and moved in, never a folder
//! ouvert should not touch, nothing lost when a build fails.

mod common;

use std::os::unix::fs::MetadataExt;

use common::{CONFIG, Fixture, Run, build, ouvert, tree};

fn assert_usage_error(run: &Run, message: String) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr, format!("error: {message}\n"));
}

#[test]
fn refuses_the_portal_folder_itself() {
    let fixture = Fixture::new();
    let portal = fixture.portal();
    let run = build(&portal, &portal);
    assert_usage_error(
        &run,
        format!(
            "refusing to build into the portal folder itself ({}): building replaces the output folder; use a folder such as {}",
            portal.display(),
            portal.canonicalize().unwrap().join("public").display()
        ),
    );
    assert!(portal.join("ouvert.toml").is_file());
}

#[test]
fn refuses_a_folder_containing_the_portal() {
    let fixture = Fixture::new();
    let parent = fixture.path("");
    let run = build(&fixture.portal(), &parent);
    assert_usage_error(
        &run,
        format!(
            "refusing to build into {}: it contains the portal folder, which building would delete; use a folder such as {}",
            parent.display(),
            fixture
                .portal()
                .canonicalize()
                .unwrap()
                .join("public")
                .display()
        ),
    );
    assert!(fixture.portal().join("ouvert.toml").is_file());
}

#[test]
fn refuses_a_foreign_non_empty_folder_unless_forced() {
    let fixture = Fixture::new().file("mine/thesis.odt", "years of work");
    let out = fixture.path("mine");
    let run = build(&fixture.portal(), &out);
    assert_usage_error(
        &run,
        format!(
            "refusing to build into {}: the folder is not empty and was not made by ouvert, and building would replace its content; choose another folder, or pass --force to replace it",
            out.display()
        ),
    );
    assert_eq!(fixture.read("mine/thesis.odt"), "years of work");

    let run: Run = ouvert()
        .arg("build")
        .arg(fixture.portal())
        .arg("--out")
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("thesis.odt").exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn an_empty_folder_or_a_new_one_is_fine() {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.path("empty")).unwrap();
    assert_eq!(build(&fixture.portal(), &fixture.path("empty")).code, 0);
    assert_eq!(
        build(&fixture.portal(), &fixture.path("deep/new/site")).code,
        0
    );
    assert!(fixture.path("deep/new/site/index.html").is_file());
}

#[test]
fn refuses_a_file() {
    let fixture = Fixture::new().file("site", "not a folder");
    let run = build(&fixture.portal(), &fixture.path("site"));
    assert_usage_error(
        &run,
        format!(
            "cannot build into {}: it is a file, not a folder",
            fixture.path("site").display()
        ),
    );
}

#[test]
fn rebuilding_replaces_the_previous_site() {
    let fixture = Fixture::new().file("portal/datasets/old/index.md", "---\ntitle: Old\n---\n");
    assert_eq!(fixture.build().code, 0);
    assert!(fixture.path("out/datasets/old/index.html").is_file());
    let fixture = fixture.remove("portal/datasets/old/index.md");
    std::fs::remove_dir(fixture.path("portal/datasets/old")).unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !fixture.path("out/datasets/old").exists(),
        "removed datasets disappear"
    );
    assert!(fixture.path("out/.ouvert-output").is_file());
}

#[test]
fn rebuilding_removes_what_the_site_no_longer_has() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    // Put there by hand, or by an older version of ouvert: a file, a
    // folder where the site now has a file, a file where it has a folder.
    std::fs::remove_file(fixture.path("out/index.html")).unwrap();
    std::fs::remove_dir_all(fixture.path("out/datasets/budget")).unwrap();
    let fixture = fixture
        .file("out/notes.txt", "à la main")
        .file("out/index.html/old.html", "<p>old</p>")
        .file("out/datasets/budget", "not a folder");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fixture.path("out/notes.txt").exists());
    assert!(fixture.path("out/index.html").is_file());
    assert!(fixture.path("out/datasets/budget/index.html").is_file());
    let fresh = Fixture::new();
    assert_eq!(fresh.build().code, 0);
    assert_eq!(
        tree(&fixture.path("out")).keys().collect::<Vec<_>>(),
        tree(&fresh.path("out")).keys().collect::<Vec<_>>(),
        "the same files as a site built from nothing"
    );
    assert_only_entries(&fixture.path(""), &["out", "portal"]);
}

#[test]
fn a_failed_build_keeps_what_was_published() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    let before = tree(&fixture.path("out"));
    let fixture = fixture.file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\ncolour: red\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.ends_with(&format!(
        "error: the portal has 1 error: nothing was published ({} is unchanged)\n",
        fixture.path("out").display()
    )));
    assert_eq!(tree(&fixture.path("out")), before);
    assert_only_entries(&fixture.path(""), &["out", "portal"]);
}

#[test]
fn default_output_is_public_inside_the_portal() {
    let fixture = Fixture::new();
    for _ in 0..2 {
        let run: Run = ouvert()
            .arg("build")
            .arg(fixture.portal())
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The output inside the portal is not read back as content.
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        assert!(
            run.stdout.starts_with("Built 1 dataset, "),
            "{}",
            run.stdout
        );
    }
    assert!(
        fixture
            .path("portal/public/datasets/budget/index.html")
            .is_file()
    );
    // And the cache of data profiles, hidden.
    assert_only_entries(
        &fixture.portal(),
        &[".ouvert-cache", "datasets", "ouvert.toml", "public"],
    );
}

#[test]
fn unchanged_data_files_are_not_copied_again() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    let published = fixture.path("out/datasets/budget/budget.csv");
    let inode = std::fs::metadata(&published).unwrap().ino();
    assert_eq!(fixture.build().code, 0);
    assert_eq!(
        std::fs::metadata(&published).unwrap().ino(),
        inode,
        "left in place"
    );
    assert_ne!(
        std::fs::metadata(fixture.path("portal/datasets/budget/budget.csv"))
            .unwrap()
            .ino(),
        inode,
        "the published copy never shares the source's inode"
    );

    // A changed file is copied again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let fixture = fixture.file(
        "portal/datasets/budget/budget.csv",
        "annee,montant\n2027,13\n",
    );
    assert_eq!(fixture.build().code, 0);
    assert_eq!(
        fixture.read("out/datasets/budget/budget.csv"),
        "annee,montant\n2027,13\n"
    );
}

#[test]
fn unchanged_pages_are_not_written_again() {
    let fixture = with_travaux();
    assert_eq!(fixture.build().code, 0);
    let inode = |path: &str| std::fs::metadata(fixture.path(path)).unwrap().ino();
    let travaux = inode("out/datasets/travaux/index.html");
    let budget = inode("out/datasets/budget/index.html");
    std::fs::write(
        fixture.path("portal/datasets/travaux/index.md"),
        "---\ntitle: Travaux\n---\nLes travaux de voirie de 2027.\n",
    )
    .unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        inode("out/datasets/budget/index.html"),
        budget,
        "the same bytes are left in place"
    );
    assert_ne!(inode("out/datasets/travaux/index.html"), travaux);
    assert!(
        fixture
            .read("out/datasets/travaux/index.html")
            .contains("Les travaux de voirie de 2027.")
    );
}

/// A generated file changed in the output folder by hand is made again:
/// the build trusts the memo only for files left as it left them.
#[test]
fn published_files_changed_by_hand_are_made_again() {
    let fixture = with_travaux();
    assert_eq!(fixture.build().code, 0);
    let api = "out/api/datasets/travaux.json";
    let page = "out/datasets/travaux/index.html";
    let made = [fixture.read(api), fixture.read(page)];
    for path in [api, page] {
        std::fs::write(fixture.path(path), "changed by hand").unwrap();
    }
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!([fixture.read(api), fixture.read(page)], made);
}

/// Pages kept from the previous build (their template and context
/// unchanged) are those a build from nothing makes, whatever changed in
/// between: a dataset, the settings, a template.
#[test]
fn kept_pages_are_those_a_fresh_build_makes() {
    let fixture = with_travaux();
    assert_eq!(fixture.build().code, 0);
    let memo = std::fs::read_dir(fixture.path("portal/.ouvert-cache"))
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("published-"));
    assert!(memo, "what was published is remembered in .ouvert-cache");
    let edits: [(&str, &str); 4] = [
        (
            "portal/datasets/travaux/index.md",
            "---\ntitle: Travaux\n---\nLes travaux de voirie de 2027.\n",
        ),
        (
            "portal/ouvert.toml",
            &CONFIG.replace("Portail de test", "Données de Test"),
        ),
        (
            "portal/templates/dataset.html",
            "{% extends \"base.html\" %}{% block content %}<p>À part : {{ dataset.title }}</p>{% endblock %}",
        ),
        (
            "portal/templates/dataset.html",
            "{% extends \"base.html\" %}{% block content %}<p>Autrement : {{ dataset.title }}</p>{% endblock %}",
        ),
    ];
    let mut fixture = fixture;
    for (path, content) in edits {
        fixture = fixture.file(path, content);
        let run = fixture.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let fresh = build(&fixture.portal(), &fixture.path("fresh"));
        assert_eq!(fresh.code, 0, "{}", fresh.stderr);
        assert!(
            tree(&fixture.path("out")) == tree(&fixture.path("fresh")),
            "after editing {path}, the site differs from a fresh build"
        );
        std::fs::remove_dir_all(fixture.path("fresh")).unwrap();
    }
    let page = fixture.read("out/datasets/travaux/index.html");
    assert!(page.contains("Autrement : Travaux"), "{page}");
    assert!(page.contains("Données de Test"), "{page}");
}

#[test]
fn normalised_copies_are_shared_with_the_cache_not_copied() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    let published =
        std::fs::metadata(fixture.path("out/datasets/budget/normalized/budget.csv")).unwrap();
    assert_eq!(
        published.nlink(),
        2,
        "one link in the site, one in the cache"
    );
    assert_eq!(
        fixture.read("out/datasets/budget/normalized/budget.csv"),
        "annee,montant\n2026,12.5\n"
    );
}

#[test]
fn the_summary_counts_what_was_built() {
    let fixture = Fixture::new();
    let run = fixture.build();
    let out = fixture.path("out").display().to_string();
    let summary = run.stdout.trim_end();
    // Counted from the folder, so that a new export does not change the
    // test: every file but the marker, and the HTML ones as pages.
    let files = tree(&fixture.path("out"));
    let count = files.len() - 1;
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();
    // With the pages of its format and its licence, and of their lists,
    // the search page and the accessibility statement.
    assert_eq!(pages, 16);
    assert!(
        summary.starts_with(&format!(
            "Built 1 dataset, {pages} pages and {count} files ("
        )),
        "{summary}"
    );
    assert!(summary.ends_with(&format!(" s into {out}")), "{summary}");
}

/// The test portal with a second dataset, whose text the tests edit.
fn with_travaux() -> Fixture {
    Fixture::new().file(
        "portal/datasets/travaux/index.md",
        "---\ntitle: Travaux\n---\nLes travaux de voirie.\n",
    )
}

/// The folder holds exactly `names`: no staging or old folder left behind.
fn assert_only_entries(dir: &std::path::Path, names: &[&str]) {
    let mut entries: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, names);
}
