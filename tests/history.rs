//! A dataset's history: the versions of its files when the portal is kept
//! in git (date, message, size, rows), its `changelog` otherwise, and the
//! updates in the Atom feed.

mod common;

use std::path::Path;
use std::process::Command;

use common::{CONFIG, Fixture};

/// Runs git in `dir` as a fixed author, at a fixed date.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Mairie",
            "-c",
            "user.email=mairie@test.example",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", format!("{date}T10:00:00+01:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T10:00:00+01:00"))
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

const INDEX: &str = "---\ntitle: Budget\nresources:\n  - path: budget.csv\n  - path: annexe.csv\n---\n\nLe budget.\n";

#[test]
fn a_dataset_in_git_shows_the_versions_of_its_files() {
    let fixture = Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file("portal/datasets/budget/index.md", INDEX)
        .file(
            "portal/datasets/budget/budget.csv",
            "annee,montant\n2026,12.5\n",
        )
        .file("portal/datasets/budget/annexe.csv", "a,b\n1,2\n");
    let portal = fixture.portal();
    git(&portal, "2026-01-10", &["init", "-q"]);
    commit(&portal, "2026-01-10", "Budget 2026 voté");
    let fixture = fixture.file(
        "portal/datasets/budget/budget.csv",
        "annee,montant,note\n2026,12.5,\n2026,3,\"sur deux\nlignes\"\n2026,4,\n",
    );
    commit(&portal, "2026-03-02", "Budget supplémentaire de mars");
    // A change of the description only is not a version of the files.
    let fixture = fixture.file(
        "portal/datasets/budget/index.md",
        INDEX.replace("Le budget.", "Le budget voté."),
    );
    commit(&portal, "2026-03-05", "Description corrigée");
    std::fs::remove_file(portal.join("datasets/budget/annexe.csv")).unwrap();
    let fixture = fixture.file(
        "portal/datasets/budget/index.md",
        INDEX.replace("  - path: annexe.csv\n", ""),
    );
    commit(&portal, "2026-04-01", "Annexe retirée");

    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/budget/index.html");
    let rows: Vec<&str> = page
        .split("<tr>")
        .skip(2)
        .map(|r| r.split("</tr>").next().unwrap())
        .collect();
    let history: Vec<&&str> = rows.iter().filter(|r| r.contains("<time")).collect();
    assert_eq!(history.len(), 3, "{page}");
    assert!(history[0].contains("<time datetime=\"2026-04-01\">1er avril 2026</time></td>\n                <td>Annexe retirée</td>\n                <td>annexe.csv : supprimé</td>"), "{}", history[0]);
    assert!(history[1].contains("<td>Budget supplémentaire de mars</td>\n                <td>budget.csv : 63 octets, 3 lignes</td>"), "{}", history[1]);
    assert!(history[2].contains("<time datetime=\"2026-01-10\">10 janvier 2026</time></td>\n                <td>Budget 2026 voté</td>\n                <td>annexe.csv : 8 octets, 1 ligne<br>budget.csv : 24 octets, 1 ligne</td>"), "{}", history[2]);
    assert!(!page.contains("Description corrigée"), "{page}");

    let api: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/datasets/budget.json")).unwrap();
    assert_eq!(
        api["history"]["versions"][1],
        serde_json::json!({
            "date": "2026-03-02",
            "commit": api["history"]["versions"][1]["commit"],
            "message": "Budget supplémentaire de mars",
            "files": [{ "name": "budget.csv", "bytes": 63, "rows": 3 }],
        })
    );

    let feed = fixture.read("out/feed.atom");
    assert!(feed.contains("<title>Budget : Annexe retirée</title>\n    <updated>2026-04-01T00:00:00Z</updated>\n    <link rel=\"alternate\" type=\"text/html\" href=\"https://donnees.test.example/datasets/budget/#history\"/>"), "{feed}");
    assert!(
        feed.contains("<title>Budget : Budget 2026 voté</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("  <updated>2026-04-01T00:00:00Z</updated>\n  <link rel=\"self\""),
        "the feed is as new as its newest update: {feed}"
    );
}

#[test]
fn without_git_the_changelog_tells_what_changed() {
    let fixture = Fixture::empty().file("portal/ouvert.toml", CONFIG).file(
        "portal/datasets/elus/index.md",
        "---\ntitle: Élus\nchangelog:\n  - date: 2026-03-20\n    description: Le nouveau conseil municipal.\n  - date: 2020-07-01\n    description: Première publication.\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/elus/index.html");
    assert!(page.contains("<h2 id=\"history\">Historique</h2>\n        <ol class=\"changelog\">\n<li><time datetime=\"2026-03-20\">20 mars 2026</time> : Le nouveau conseil municipal.</li><li><time datetime=\"2020-07-01\">1er juillet 2020</time> : Première publication.</li>"), "{page}");
    assert!(!page.contains("history-caption"), "no versions without git");
    let feed = fixture.read("out/feed.atom");
    assert!(feed.contains("<id>https://donnees.test.example/datasets/elus/#change-2026-03-20-0</id>\n    <title>Élus : Le nouveau conseil municipal.</title>"), "{feed}");

    let fixture = Fixture::empty().file("portal/ouvert.toml", CONFIG).file(
        "portal/datasets/elus/index.md",
        "---\ntitle: Élus\nchangelog:\n  - date: mars\n    description: x\n  - date: 2026-01-01\n    description: \"\"\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: `changelog.date` is not a date: `mars`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: a `changelog` entry has an empty `description`\n"),
        "{}",
        run.stderr
    );
}
