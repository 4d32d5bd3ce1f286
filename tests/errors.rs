//! Bad input: every problem is reported at once, with its file, line and
//! a plain message; the exit code says so; nothing is published.

mod common;

use common::{CONFIG, Fixture};

/// Builds `fixture`, expecting failure, and returns stderr.
fn failing(fixture: &Fixture) -> String {
    let run = fixture.build();
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!fixture.path("out").exists(), "nothing is published");
    run.stderr
}

#[test]
fn all_problems_are_listed_together() {
    let fixture = Fixture::new()
        .file("portal/ouvert.toml", format!("{CONFIG}colour = \"red\"\n"))
        .file(
            "portal/datasets/a/index.md",
            "---\ntitle: A\nresources:\n  - path: missing.csv\n---\n",
        )
        .file(
            "portal/datasets/b/index.md",
            "---\ntitle: B\ncolour: red\n---\n",
        )
        .file(
            "portal/datasets/c/index.md",
            "---\ntitle: Budget : dépenses\n---\n",
        )
        .file("portal/datasets/d/index.md", b"---\ntitle: Caf\xe9\n---\n")
        .file("portal/datasets/Écoles/index.md", "---\ntitle: E\n---\n")
        .file("portal/datasets/ecoles/index.md", "---\ntitle: E\n---\n")
        .file("portal/datasets/f/index.md", "---\ntitle: F\n---\n")
        .file("portal/datasets/f/data.xlsx", b"PK\x03\x04 truncated");
    assert_eq!(
        failing(&fixture),
        r#"error: resource file `missing.csv` does not exist in datasets/a/
 --> datasets/a/index.md:4:11
  |
4 |   - path: missing.csv
  |           ^
  = hint: the folder datasets/a/ holds no file besides index.md

error: unknown field `colour`, expected one of `title`, `summary`, `keywords`, `themes`, `publisher`, `contact`, `licence`, `license`, `frequency`, `temporal`, `spatial`, `created`, `modified`, `featured`, `resources`, `why`, `usage`, `changelog`
 --> datasets/b/index.md:3:1
  |
3 | colour: red
  | ^

error: unexpected `:` in a value
 --> datasets/c/index.md:2:15
  |
2 | title: Budget : dépenses
  |               ^
  = hint: write a text that contains `: ` between quotes, e.g. title: "Budget : dépenses"

error: datasets/d/index.md is not valid UTF-8 text (byte 0xE9 at line 2, column 11)
 --> datasets/d/index.md:2
  = hint: save the file as UTF-8 in your editor ("Enregistrer sous…", encoding UTF-8)

error: cannot read datasets/f/data.xlsx: it is not a readable Excel workbook (.xlsx): the file may be damaged or saved under the wrong extension (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD)
 --> datasets/f/data.xlsx

error: datasets/ecoles and datasets/Écoles have the same address datasets/ecoles/ (duplicate slug `ecoles`)
 --> datasets/Écoles
  = hint: rename one of them: names that differ only by accents, case or punctuation give the same address

error: unknown key `colour`, expected one of `name`, `kind`, `siren`, `siret`, `insee`, `slug`
 --> ouvert.toml:9:1
  |
9 | colour = "red"
  | ^
  = hint: the keys of ouvert.toml are listed in docs/portal-format.md

error: the portal has 7 errors: nothing was published ("#
            .to_string()
            + &fixture.path("out").display().to_string()
            + " is unchanged)\n"
    );
}

#[test]
fn unknown_field_suggests_the_right_one() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nlicnce: etalab-2.0\n---\n",
    );
    let stderr = failing(&fixture);
    assert!(
        stderr.starts_with("error: unknown field `licnce`, expected one of `title`, "),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> datasets/budget/index.md:3:1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  = hint: did you mean `licence`?\n"),
        "{stderr}"
    );
}

#[test]
fn unknown_config_key_names_key_file_and_line() {
    let fixture = Fixture::new().file(
        "portal/ouvert.toml",
        CONFIG.replace(
            "licence = \"etalab-2.0\"",
            "licence = \"etalab-2.0\"\ntitel = \"x\"",
        ),
    );
    assert_eq!(
        failing(&fixture)
            .lines()
            .take(6)
            .collect::<Vec<_>>()
            .join("\n"),
        "error: unknown key `titel`, expected one of `title`, `tagline`, `base_url`, `language`, `licence`, `license`, `contact`, `authority`, `theme`, `accessibility`, `map`, `markdown`, `requests`\n --> ouvert.toml:4:1\n  |\n4 | titel = \"x\"\n  | ^\n  = hint: did you mean `title`?"
    );
}

#[test]
fn malformed_front_matter() {
    let fixture = Fixture::new().file("portal/datasets/budget/index.md", "---\ntitle: Budget\n");
    assert_eq!(
        failing(&fixture),
        "error: the front matter of datasets/budget/index.md is not closed: no line `---` after the first one\n --> datasets/budget/index.md:1:1\n  |\n1 | ---\n  | ^\n  = hint: add a line `---` after the last field\n\nerror: the portal has 1 error: nothing was published (".to_string()
            + &fixture.path("out").display().to_string()
            + " is unchanged)\n"
    );

    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "# Budget\n\nSans front matter.\n",
    );
    assert!(failing(&fixture).starts_with(
        "error: datasets/budget/index.md has no front matter\n --> datasets/budget/index.md:1:1\n  |\n1 | # Budget\n  | ^\n  = hint: start the file with a line `---`, then `title: …`, then a line `---`, then the description\n"
    ));
}

#[test]
fn toml_front_matter_errors_point_into_the_file() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "+++\ntitle = \"Budget\"\nfrequency = \"sometimes\"\n+++\n",
    );
    assert!(failing(&fixture).starts_with(
        "error: unknown frequency `sometimes`\n --> datasets/budget/index.md:3:1\n  |\n3 | frequency = \"sometimes\"\n  | ^\n  = hint: use an EU frequency code such as ANNUAL, QUARTERLY, MONTHLY, WEEKLY, DAILY, IRREG or UPDATE_CONT (see docs/portal-format.md)\n"
    ));
}

#[test]
fn missing_resource_file_suggests_the_file_with_another_case() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nresources:\n  - path: Budget.csv\n---\n",
    );
    assert!(failing(&fixture).starts_with(
        "error: resource file `Budget.csv` does not exist in datasets/budget/\n --> datasets/budget/index.md:4:11\n  |\n4 |   - path: Budget.csv\n  |           ^\n  = hint: did you mean `budget.csv`? File names are case-sensitive on web servers\n"
    ));
}

#[test]
fn resource_paths_stay_in_the_dataset_folder() {
    let fixture = Fixture::new().file("portal/secret.csv", "a\n1\n").file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nresources:\n  - path: ../../secret.csv\n---\n",
    );
    assert!(failing(&fixture).starts_with(
        "error: resource `../../secret.csv` is not a file of the dataset folder datasets/budget/\n"
    ));
}

#[test]
fn semantic_errors_of_front_matter() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nthemes: [GOVE, FINANCES]\nlicence: cc-by-99\npublisher: ccas\ntemporal: { start: 2025-13-01, end: 2024 }\nspatial: { name: Test, insee: [75056, \"7505\"] }\ncontact: { name: Service }\n---\n",
    );
    let stderr = failing(&fixture);
    let messages: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(
        messages[..6],
        [
            "error: unknown theme `FINANCES`",
            "error: unknown licence `cc-by-99`",
            "error: unknown publisher `ccas`: there is no organizations/ccas.md",
            "error: `temporal.start` is not a date: `2025-13-01`",
            "error: `7505` is not a code of the Code officiel géographique (5 characters, such as 35238 or 2A004)",
            "error: `contact` needs an `email` or a `url`",
        ]
    );
    assert!(
        messages[6].starts_with("error: the portal has 6 errors"),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> datasets/budget/index.md:3:16\n"),
        "theme located:\n{stderr}"
    );
    assert!(
        stderr.contains("  = hint: known publishers: commune-de-test\n"),
        "{stderr}"
    );
}

#[test]
fn unreadable_data_files_are_errors_but_the_site_is_built() {
    let utf16_without_bom: Vec<u8> = "nom,prénom\nA,B\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let fixture = Fixture::new()
        .file("portal/datasets/budget/utf16.csv", utf16_without_bom)
        .file(
            "portal/datasets/budget/broken.json",
            "[{\"a\": 1},\n{\"a\": }]",
        )
        .file(
            "portal/datasets/budget/points.geojson",
            "{\"type\": \"Topology\"}",
        );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stderr = run.stderr;
    assert!(stderr.contains(
        "error: cannot read datasets/budget/broken.json: the file is not valid JSON: expected value\n --> datasets/budget/broken.json:2\n"
    ), "{stderr}");
    assert!(stderr.contains(
        "error: cannot read datasets/budget/points.geojson: the file is not GeoJSON: it should be an object with \"type\": \"FeatureCollection\" or \"Feature\"\n"
    ), "{stderr}");
    assert!(stderr.contains(
        "error: cannot read datasets/budget/utf16.csv: this file looks like UTF-16 text without a byte-order mark, which cannot be read reliably; save it again as \"CSV UTF-8\"\n"
    ), "{stderr}");
    assert!(stderr.ends_with(
        "error: the portal has 3 errors: the site was built all the same, and the pages concerned say what could not be read\n"
    ), "{stderr}");
    // The files are published as they are; the page says what went wrong.
    assert!(fixture.path("out/datasets/budget/utf16.csv").is_file());
    let page = fixture.read("out/datasets/budget/index.html");
    assert!(page.contains(
        "<p class=\"notice notice-error\">Ce fichier n&#39;a pas pu être lu\u{a0}: le fichier n&#39;est pas du JSON valide. <span class=\"muted\">(détail technique\u{a0}: ligne 2, expected value)</span></p>"
    ), "{page}");
}

#[test]
fn not_a_portal_is_a_usage_error() {
    let fixture = Fixture::empty().file("elsewhere/readme.txt", "x");
    let run = common::build(&fixture.path("elsewhere"), &fixture.path("out"));
    assert_eq!(run.code, 2);
    let dir = fixture.path("elsewhere").display().to_string();
    assert_eq!(
        run.stderr,
        format!(
            "error: {dir} is not a portal folder: it has no ouvert.toml (create a portal with `ouvert new {dir}`)\n"
        )
    );
}

#[test]
fn warnings_do_not_stop_the_build() {
    let fixture = Fixture::new()
        .file(
            "portal/datasets/budget/ragged.csv",
            "a;b;c\n1;2;3\n4;5\n6;7;8\n",
        )
        .file("portal/datasets/README.md", "Notes");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: datasets/README.md is not inside a dataset folder and is not published\n --> datasets/README.md\n  = hint: put each dataset in its own folder: datasets/<name>/index.md and its files\n\nwarning: datasets/budget/ragged.csv: 1 row does not have the 3 cells of the header row\n --> datasets/budget/ragged.csv:3\n\n"
    );
    let page = fixture.read("out/datasets/budget/index.html");
    assert!(
        page.contains("Attention\u{a0}: 1 ligne n&#39;a pas le même nombre de cellules que la ligne d&#39;en-tête (3)."),
        "the page says it in French"
    );
}

#[test]
fn links_to_files_outside_the_portal_are_not_published() {
    let fixture = Fixture::new().file("secret.txt", "password");
    std::os::unix::fs::symlink(
        fixture.path("secret.txt"),
        fixture.path("portal/datasets/budget/secret.csv"),
    )
    .unwrap();
    assert!(failing(&fixture).starts_with(
        "error: datasets/budget/secret.csv is a link to a file outside the portal folder; it is not published\n --> datasets/budget/secret.csv\n"
    ));
}

#[test]
fn office_lock_files_and_system_files_are_ignored() {
    let fixture = Fixture::new()
        .file("portal/datasets/budget/~$budget.xlsx", "lock")
        .file("portal/datasets/budget/Thumbs.db", "thumbs")
        .file("portal/datasets/budget/.DS_Store", "mac");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/budget/index.html");
    assert!(!page.contains("Thumbs.db") && !page.contains("~$budget"));
    assert!(!fixture.path("out/datasets/budget/Thumbs.db").exists());
}
