//! The quality score and the freshness of datasets: shown on dataset
//! pages, gathered on the editors' quality page, given by the API, and the
//! warning for a dataset late for its frequency, with dates from the front
//! matter, the files, or git history.

mod common;

use std::path::Path;
use std::process::Command;

use common::{CONFIG, Fixture, Run, ouvert};

const DESCRIPTION: &str = "Les subventions versées par la commune aux associations, une ligne par subvention : bénéficiaire, objet, montant et date de la délibération.";

/// A dataset meeting every criterion but the schema, updated monthly and
/// last updated in January: late on 2026-12-04.
const LATE: &str = r#"---
title: Subventions aux associations
licence: etalab-2.0
frequency: MONTHLY
temporal: { start: 2025-01-01, end: 2025-12-31 }
spatial: { name: Test, insee: ["35238"] }
modified: 2026-01-15
resources:
  - path: subventions.csv
    title: Subventions 2025
    description: Une ligne par subvention.
usage:
  purpose: Rendre compte de l'argent public versé aux associations.
  legal_basis: { kind: legal-obligation, reference: "Loi n° 2000-321, article 10" }
  personal_data: none
  retention: Sans limite.
---

"#;

fn portal() -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/subventions/index.md",
            format!("{LATE}{DESCRIPTION}\n"),
        )
        .file(
            "portal/datasets/subventions/subventions.csv",
            "beneficiaire,montant\nClub de foot,1200\n",
        )
        .file(
            "portal/datasets/note/index.md",
            "---\ntitle: Note\nresources:\n  - path: note.pdf\n    title: Note\n---\n\nCourt.\n",
        )
        .file("portal/datasets/note/note.pdf", "%PDF-1.4\n")
}

/// `ouvert build`, on 2026-12-04 (`common::TODAY`).
fn build(fixture: &Fixture) -> Run {
    common::build(&fixture.portal(), &fixture.path("out"))
}

/// The text of an HTML page's main content, tags removed and spaces
/// collapsed (no-break spaces included).
fn text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut out = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace(['\u{a0}', '\u{202f}'], " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const LATE_WARNING: &str = "warning: the dataset is late: its frequency MONTHLY called for an update by 2026-02-15, but it was last updated on 2026-01-15 (the date its `modified` gives)
 --> datasets/subventions/index.md:4:1
  |
4 | frequency: MONTHLY
  | ^
  = hint: publish the new data and set `modified` to the day of the update, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)
";

#[test]
fn a_late_dataset_is_reported_by_build_and_check() {
    let fixture = portal();
    let run = build(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(LATE_WARNING), "{}", run.stderr);
    assert_eq!(run.stderr.matches("is late").count(), 1, "{}", run.stderr);

    let checked: Run = ouvert()
        .arg("check")
        .arg(fixture.portal())
        .output()
        .unwrap()
        .into();
    assert!(
        checked.stdout.contains(
            "the dataset is late: its frequency MONTHLY called for an update by 2026-02-15, but it was last updated on 2026-01-15 (the date its `modified` gives)"
        ),
        "{}",
        checked.stdout
    );
}

#[test]
fn an_update_within_a_day_of_tolerance_is_on_time() {
    let fixture = portal().file(
        "portal/datasets/subventions/index.md",
        format!(
            "{}{DESCRIPTION}\n",
            LATE.replace("modified: 2026-01-15", "modified: 2026-11-03")
        ),
    );
    // Due on 2026-12-03, the day before: still on time.
    let run = build(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("is late"), "{}", run.stderr);
    let page = text(&fixture.read("out/datasets/subventions/index.html"));
    assert!(page.contains("Fait : Les données sont à jour"), "{page}");
}

#[test]
fn the_dataset_page_shows_the_score_and_what_to_do() {
    let fixture = portal();
    assert_eq!(build(&fixture).code, 0);
    let page = text(&fixture.read("out/datasets/subventions/index.html"));
    for expected in [
        "Ces données sont en retard sur leur fréquence de mise à jour (mensuelle) : la mise à jour suivante était attendue au plus tard le 15 février 2026.",
        "Mis à jour le 15 janvier 2026 (date indiquée dans la fiche)",
        "Qualité de la fiche Note : 9 / 11",
        "Fait : Une licence est indiquée",
        "Fait : La description est assez détaillée",
        "À faire : Les données sont à jour Une mise à jour était attendue au plus tard le 15 février 2026. Publiez les nouvelles données ; si elles ne sont plus mises à jour à ce rythme, corrigez la fréquence (« frequency: »).",
        "À faire : Un schéma est déclaré et respecté Déclarez le schéma que suit un fichier",
        "Fait : La page explique à quoi servent les données",
    ] {
        assert!(page.contains(expected), "missing «{expected}» in:\n{page}");
    }

    let note = text(&fixture.read("out/datasets/note/index.html"));
    for expected in [
        "Note : 3 / 11",
        "À faire : Au moins un fichier est dans un format ouvert Publiez aussi les données dans un format que tout le monde peut ouvrir",
        "À faire : La description est assez détaillée Décrivez les données en quelques phrases",
        "À faire : Les données sont à jour Indiquez d'abord la fréquence de mise à jour",
        "(date des fichiers)",
    ] {
        assert!(note.contains(expected), "missing «{expected}» in:\n{note}");
    }
    assert!(!note.contains("en retard"), "{note}");
}

#[test]
fn the_quality_page_lists_late_datasets_first_then_by_score() {
    let fixture = portal()
        .file(
            "portal/datasets/autre/index.md",
            format!("{}{DESCRIPTION}\n", LATE.replace("MONTHLY", "IRREG")),
        )
        .file(
            "portal/datasets/autre/subventions.csv",
            "beneficiaire,montant\nClub,1\n",
        );
    assert_eq!(build(&fixture).code, 0);
    let page = text(&fixture.read("out/quality/index.html"));
    let late = page
        .find("Subventions aux associations Note : 9 / 11")
        .unwrap();
    let low = page.find("Note Note : 3 / 11").unwrap();
    let high = page.find("Note : 10 / 11").unwrap();
    assert!(late < low && low < high, "{page}");
    assert!(page.contains("Note moyenne : 7,3 / 11"), "{page}");
    assert!(
        page.contains("1 jeu de données en retard sur sa fréquence de mise à jour"),
        "{page}"
    );
    assert!(
        page.contains("Ces données sont en retard sur leur fréquence de mise à jour (mensuelle)"),
        "{page}"
    );
    // The missing criteria only, each with what to do.
    assert!(
        page.contains(
            "Pour améliorer la note : Un schéma est déclaré et respecté : Déclarez le schéma"
        ),
        "{page}"
    );
    assert!(!page.contains("Une licence est indiquée"), "{page}");
    // Every page links to it from the footer.
    let home = fixture.read("out/index.html");
    assert!(home.contains(r#"<a href="quality/index.html">Qualité des fiches</a>"#));
}

#[test]
fn the_api_gives_the_score_each_criterion_and_the_date_of_update() {
    let fixture = portal();
    assert_eq!(build(&fixture).code, 0);
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/datasets/subventions.json")).unwrap();
    assert_eq!(
        json["updated"],
        serde_json::json!({ "date": "2026-01-15", "source": "front_matter" })
    );
    let quality = &json["quality"];
    assert_eq!(quality["score"], 9);
    assert_eq!(quality["max"], 11);
    assert_eq!(quality["late"], true);
    let criteria = quality["criteria"].as_array().unwrap();
    let ids: Vec<&str> = criteria.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "licence",
            "temporal_coverage",
            "spatial_coverage",
            "update_frequency",
            "up_to_date",
            "description",
            "open_format",
            "files_available",
            "documentation",
            "schema",
            "usage"
        ]
    );
    assert_eq!(
        criteria[0],
        serde_json::json!({ "id": "licence", "met": true, "hint": null })
    );
    assert_eq!(
        criteria[4],
        serde_json::json!({
            "id": "up_to_date",
            "met": false,
            "hint": "Une mise à jour était attendue au plus tard le 15 février 2026. Publiez les nouvelles données\u{a0}; si elles ne sont plus mises à jour à ce rythme, corrigez la fréquence («\u{a0}frequency:\u{a0}»)."
        })
    );
    assert_eq!(criteria[9]["met"], false);
}

/// Runs git in `dir` with a fixed identity and date, ignoring the
/// machine's configuration.
fn git(dir: &Path, args: &[&str], date: &str) -> bool {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@test.example",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn dates_come_from_git_history_when_the_portal_is_a_repository() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: the git history test checks nothing");
        return;
    }
    // The repository's root is above the portal, as for the example
    // portal in ouvert's own repository. `modified` says June: git wins.
    let fixture = portal().file(
        "portal/datasets/subventions/index.md",
        format!(
            "{}{DESCRIPTION}\n",
            LATE.replace("modified: 2026-01-15", "modified: 2026-06-15")
        ),
    );
    let root = fixture.dir.path();
    assert!(git(root, &["init", "-q"], "2026-03-10T09:00:00+01:00"));
    assert!(git(root, &["add", "portal"], "2026-03-10T09:00:00+01:00"));
    assert!(git(
        root,
        &["commit", "-q", "-m", "Première version"],
        "2026-03-10T09:00:00+01:00"
    ));
    // A later commit touching another dataset only.
    std::fs::write(fixture.path("portal/datasets/note/note.pdf"), "%PDF-1.5\n").unwrap();
    assert!(git(
        root,
        &["commit", "-q", "-am", "Note"],
        "2026-11-20T09:00:00+01:00"
    ));

    let run = build(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the dataset is late: its frequency MONTHLY called for an update by 2026-04-10, but it was last updated on 2026-03-10 (the date of the last commit touching datasets/subventions/)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= hint: publish the new data and commit it, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)\n"),
        "{}",
        run.stderr
    );
    let page = text(&fixture.read("out/datasets/subventions/index.html"));
    assert!(
        page.contains("Mis à jour le 10 mars 2026 (historique git)"),
        "{page}"
    );
    let note = text(&fixture.read("out/datasets/note/index.html"));
    assert!(
        note.contains("Mis à jour le 20 novembre 2026 (historique git)"),
        "{note}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/datasets/subventions.json")).unwrap();
    assert_eq!(
        json["updated"],
        serde_json::json!({ "date": "2026-03-10", "source": "git" })
    );

    // Changed but not committed: modified today, no longer late.
    std::fs::write(
        fixture.path("portal/datasets/subventions/subventions.csv"),
        "beneficiaire,montant\nClub de foot,1300\n",
    )
    .unwrap();
    let run = build(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("is late"), "{}", run.stderr);
    let page = text(&fixture.read("out/datasets/subventions/index.html"));
    assert!(
        page.contains(
            "Mis à jour le 4 décembre 2026 (modifications pas encore enregistrées dans git)"
        ),
        "{page}"
    );
}
