//! `ouvert check`: every problem of a portal in one report, in text, JSON
//! and forge formats, with exit codes CI can act on.

mod common;

use common::{CONFIG, Fixture, ouvert};

/// Runs `ouvert check PORTAL ARGS…`.
fn check(fixture: &Fixture, args: &[&str]) -> common::Run {
    ouvert()
        .arg("check")
        .arg(fixture.portal())
        .args(args)
        .output()
        .expect("run ouvert")
        .into()
}

/// Problems in the portal's text files and data: reading stops before
/// rendering, but every file's problems are in the one report.
fn blocked() -> Fixture {
    Fixture::empty()
        .file(
            "portal/ouvert.toml",
            CONFIG.replace("[authority]", "colour = \"red\"\n\n[authority]"),
        )
        .file(
            "portal/datasets/a/index.md",
            "---\ntitle: A\nresources:\n  - path: missing.csv\n---\n",
        )
        .file("portal/datasets/b/index.md", "---\ntitle: [B\n---\n")
        .file(
            "portal/datasets/c/index.md",
            "---\ntitle: C\nresources:\n  - path: contacts.csv\n---\n",
        )
        .file(
            "portal/datasets/c/contacts.csv",
            "nom,courriel\nMartin,jean.martin@gmail.com\n",
        )
}

const BLOCKED_REPORT: &str = r#"error: resource file `missing.csv` does not exist in datasets/a/
 --> datasets/a/index.md:4:11
  |
4 |   - path: missing.csv
  |           ^
  = hint: the folder datasets/a/ holds no file besides index.md

error: expected a text here
 --> datasets/b/index.md:2:8
  |
2 | title: [B
  |        ^

error: datasets/c/contacts.csv: the column `courriel` holds personal e-mail addresses in 1 row (row 2), e.g. j•••.m•••@gmail.com: personal data must not be published
 --> datasets/c/contacts.csv
  = hint: remove the column or these values from the file; if publishing them is lawful (for example elected officials' professional contacts, article D312-1-3 of the CRPA), declare the column with its justification in datasets/c/index.md, under `usage:` `personal_columns:`

error: unknown key `colour`, expected one of `title`, `tagline`, `base_url`, `language`, `licence`, `license`, `contact`, `authority`, `theme`, `accessibility`, `map`, `markdown`, `requests`
 --> ouvert.toml:6:1
  |
6 | colour = "red"
  | ^
  = hint: the keys of ouvert.toml are listed in docs/portal-format.md

ouvert check: 4 errors in 4 files
"#;

#[test]
fn problems_in_several_files_come_out_of_one_run() {
    let fixture = blocked();
    let run = check(&fixture, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, BLOCKED_REPORT);
    assert!(
        !fixture.path("portal/public").exists(),
        "nothing is written"
    );
}

#[test]
fn the_json_report_has_every_field() {
    let run = check(&blocked(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["errors"], 4);
    assert_eq!(report["warnings"], 0);
    assert_eq!(report["datasets"], serde_json::Value::Null);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 4);
    assert_eq!(
        diagnostics[0],
        serde_json::json!({
            "severity": "error",
            "file": "datasets/a/index.md",
            "line": 4,
            "column": 11,
            "message": "resource file `missing.csv` does not exist in datasets/a/",
            "hint": "the folder datasets/a/ holds no file besides index.md",
            "source_line": "  - path: missing.csv",
        })
    );
    let files: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "datasets/a/index.md",
            "datasets/b/index.md",
            "datasets/c/contacts.csv",
            "ouvert.toml"
        ]
    );
    assert_eq!(diagnostics[2]["line"], serde_json::Value::Null);
}

/// A portal that reads, with a problem of each kind that does not stop
/// rendering.
fn reviewed() -> Fixture {
    Fixture::empty()
        .file(
            "portal/ouvert.toml",
            CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", ""),
        )
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget\nresources:\n  - path: budget.csv\n    schema: schemas/budget.json\nusage:\n  purpose: Rendre compte des dépenses.\n  personal_data: none\n---\n\nVoté avec [les écoles](../ecoles/) et [la dette](../dette/).\n",
        )
        .file("portal/datasets/budget/budget.csv", "annee,montant\n2026,12.5\n2025,douze\n")
        .file(
            "portal/schemas/budget.json",
            r#"{"fields": [{"name": "annee", "type": "integer"}, {"name": "montant", "type": "number"}]}"#,
        )
        .file(
            "portal/datasets/ecoles/index.md",
            "---\ntitle: Écoles\nfrequency: MONTHLY\nmodified: 2026-01-15\nresources:\n  - path: ecoles.xlsx\n---\n\nLa liste des écoles.\n",
        )
        .file("portal/datasets/ecoles/ecoles.xlsx", b"PK\x03\x04 truncated")
        .file(
            "portal/pages/a-propos.md",
            "---\ntitle: À propos\n---\n\nQui nous sommes.\n\n![Le logo](/static/logo.png)\n",
        )
}

const REVIEWED_REPORT: &str = r#"warning: datasets/budget/budget.csv does not follow its schema schemas/budget.json: 1 error (type-error: 1)
 --> datasets/budget/budget.csv
  = hint: first on row 3: The value “douze” is not a number, as the column “montant” expects.

warning: the `usage` section does not give `legal_basis` and `retention`
 --> datasets/budget/index.md:6:1
  |
6 | usage:
  | ^
  = hint: citizens are told why the data is collected (purpose), what allows it (legal_basis), whether it is about people (personal_data) and how long it is kept (retention)

warning: the link to `../dette/` leads to nothing published in the portal
  --> datasets/budget/index.md:11:39
   |
11 | Voté avec [les écoles](../ecoles/) et [la dette](../dette/).
   |                                       ^
   = hint: check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder

error: cannot read datasets/ecoles/ecoles.xlsx: it is not a readable Excel workbook (.xlsx): the file may be damaged or saved under the wrong extension (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD)
 --> datasets/ecoles/ecoles.xlsx

warning: the dataset does not say what its data is used for: it has no `usage` section
 --> datasets/ecoles/index.md:2
  = hint: add a `usage:` section to the front matter with at least purpose, legal_basis, personal_data and retention: the dataset page explains them to citizens

warning: the dataset is late: its frequency MONTHLY called for an update by 2026-02-15, but it was last updated on 2026-01-15 (the date its `modified` gives)
 --> datasets/ecoles/index.md:3:1
  |
3 | frequency: MONTHLY
  | ^
  = hint: publish the new data and set `modified` to the day of the update, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)

warning: no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address
 --> ouvert.toml
  = hint: add the address the portal is published at to ouvert.toml, for example base_url = "https://donnees.example.fr/"

warning: the image `/static/logo.png` is not in the portal
 --> pages/a-propos.md:7:1
  |
7 | ![Le logo](/static/logo.png)
  | ^
  = hint: check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder

ouvert check: 1 error and 7 warnings in 6 files (2 datasets read)
"#;

#[test]
fn what_a_reviewer_needs_is_reported_with_its_place() {
    let run = check(&reviewed(), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, REVIEWED_REPORT);
}

#[test]
fn warnings_fail_only_when_denied() {
    let fixture = reviewed()
        .remove("portal/datasets/ecoles/ecoles.xlsx")
        .file(
            "portal/datasets/ecoles/ecoles.csv",
            "nom,quartier\nJules Ferry,Centre\n",
        );
    std::fs::write(
        fixture.path("portal/datasets/ecoles/index.md"),
        "---\ntitle: Écoles\nresources:\n  - path: ecoles.csv\n---\n\nLa liste des écoles.\n",
    )
    .unwrap();
    let run = check(&fixture, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("ouvert check: 6 warnings in 5 files (2 datasets read)\n"),
        "{}",
        run.stdout
    );
    let denied = check(&fixture, &["--deny-warnings"]);
    assert_eq!(denied.code, 1);
    assert_eq!(denied.stdout, run.stdout);
}

#[test]
fn github_annotations_name_the_changed_lines() {
    let run = check(&reviewed(), &["--format", "github"]);
    assert_eq!(run.code, 1);
    let annotations: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|l| l.starts_with("::"))
        .collect();
    assert_eq!(annotations.len(), 8);
    assert_eq!(
        annotations[2],
        "::warning file=datasets/budget/index.md,line=11,col=39,title=ouvert::the link to `../dette/` leads to nothing published in the portal%0Ahint: check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder"
    );
    assert!(
        annotations[3]
            .starts_with("::error file=datasets/ecoles/ecoles.xlsx,title=ouvert::cannot read")
    );
    // The text report follows, for the job's log.
    assert!(run.stdout.ends_with(REVIEWED_REPORT));
}

#[test]
fn gitlab_code_quality_places_problems_from_the_repository_root() {
    // The portal in a subfolder of a repository, as editors often keep it.
    let fixture = reviewed();
    std::fs::create_dir(fixture.path(".git")).unwrap();
    let run = check(&fixture, &["--format", "gitlab"]);
    assert_eq!(run.code, 1);
    let issues: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 8);
    assert_eq!(
        issues[2]["location"]["path"],
        "portal/datasets/budget/index.md"
    );
    assert_eq!(issues[2]["location"]["lines"]["begin"], 11);
    assert_eq!(issues[2]["severity"], "minor");
    assert_eq!(issues[3]["severity"], "major");
    assert_eq!(issues[6]["location"]["path"], "portal/ouvert.toml");
}

#[test]
fn a_clean_portal_checks_clean() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nresources:\n  - path: budget.csv\nusage:\n  purpose: Rendre compte des dépenses.\n  legal_basis: CGCT, article L2313-1\n  personal_data: none\n  retention: Sans limite de durée.\n---\n\nLe budget.\n",
    );
    let run = check(&fixture, &[]);
    assert_eq!(run.stdout, "ouvert check: no problems (1 dataset read)\n");
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
}

#[test]
fn images_from_other_sites_are_warned_about() {
    let fixture = Fixture::new().file(
        "portal/pages/a-propos.md",
        "---\ntitle: À propos\n---\n\n![La mairie](https://images.example.org/mairie.jpg) et [un lien](https://example.org/).\n",
    );
    let run = check(&fixture, &[]);
    assert!(run.stdout.contains(
        "warning: the image `https://images.example.org/mairie.jpg` is on another site: the portal's pages load only its own files, so it will not show\n --> pages/a-propos.md:5:1\n  |\n5 | ![La mairie](https://images.example.org/mairie.jpg) et [un lien](https://example.org/).\n  | ^\n  = hint: save the image in this file's folder and write its name instead, as in ![Carte](carte.png)\n"
    ), "{}", run.stdout);
    assert!(
        !run.stdout.contains("https://example.org/`"),
        "links to other sites are fine"
    );
}

#[test]
fn a_folder_that_is_not_a_portal_is_a_usage_error() {
    let fixture = Fixture::empty().file("notes/readme.txt", "x");
    let run: common::Run = ouvert()
        .arg("check")
        .arg(fixture.path("notes"))
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

const REVIEWED_JSON: &str = r#"{
  "version": 1,
  "errors": 1,
  "warnings": 7,
  "datasets": 2,
  "diagnostics": [
    {
      "severity": "warning",
      "file": "datasets/budget/budget.csv",
      "line": null,
      "column": null,
      "message": "datasets/budget/budget.csv does not follow its schema schemas/budget.json: 1 error (type-error: 1)",
      "hint": "first on row 3: The value “douze” is not a number, as the column “montant” expects.",
      "source_line": null
    },
    {
      "severity": "warning",
      "file": "datasets/budget/index.md",
      "line": 6,
      "column": 1,
      "message": "the `usage` section does not give `legal_basis` and `retention`",
      "hint": "citizens are told why the data is collected (purpose), what allows it (legal_basis), whether it is about people (personal_data) and how long it is kept (retention)",
      "source_line": "usage:"
    },
    {
      "severity": "warning",
      "file": "datasets/budget/index.md",
      "line": 11,
      "column": 39,
      "message": "the link to `../dette/` leads to nothing published in the portal",
      "hint": "check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder",
      "source_line": "Voté avec [les écoles](../ecoles/) et [la dette](../dette/)."
    },
    {
      "severity": "error",
      "file": "datasets/ecoles/ecoles.xlsx",
      "line": null,
      "column": null,
      "message": "cannot read datasets/ecoles/ecoles.xlsx: it is not a readable Excel workbook (.xlsx): the file may be damaged or saved under the wrong extension (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD)",
      "hint": null,
      "source_line": null
    },
    {
      "severity": "warning",
      "file": "datasets/ecoles/index.md",
      "line": 2,
      "column": null,
      "message": "the dataset does not say what its data is used for: it has no `usage` section",
      "hint": "add a `usage:` section to the front matter with at least purpose, legal_basis, personal_data and retention: the dataset page explains them to citizens",
      "source_line": null
    },
    {
      "severity": "warning",
      "file": "datasets/ecoles/index.md",
      "line": 3,
      "column": 1,
      "message": "the dataset is late: its frequency MONTHLY called for an update by 2026-02-15, but it was last updated on 2026-01-15 (the date its `modified` gives)",
      "hint": "publish the new data and set `modified` to the day of the update, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)",
      "source_line": "frequency: MONTHLY"
    },
    {
      "severity": "warning",
      "file": "ouvert.toml",
      "line": null,
      "column": null,
      "message": "no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address",
      "hint": "add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"",
      "source_line": null
    },
    {
      "severity": "warning",
      "file": "pages/a-propos.md",
      "line": 7,
      "column": 1,
      "message": "the image `/static/logo.png` is not in the portal",
      "hint": "check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder",
      "source_line": "![Le logo](/static/logo.png)"
    }
  ]
}
"#;

#[test]
fn the_json_report_holds_what_the_text_report_says() {
    let run = check(&reviewed(), &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, REVIEWED_JSON);
}
