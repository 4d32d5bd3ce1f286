//! Data files as they come: damaged, empty, mislabelled or oddly encoded.
//! None stops the build or panics: each gets a diagnostic with its file and
//! line, is published as it is, and its dataset page says, in the portal's
//! language, what could not be read. The other datasets are unaffected.

mod common;

use common::Fixture;

fn truncated_xlsx() -> Vec<u8> {
    let whole = std::fs::read(
        common::example_portal()
            .join("datasets/frequentation-mediatheque/frequentation-mediatheque.xlsx"),
    )
    .unwrap();
    whole[..whole.len() / 2].to_vec()
}

fn damaged() -> Fixture {
    let d = "portal/datasets/fichiers/";
    let mut invalid_bytes = "nom,ville\nZoé,Besançon\n".as_bytes().to_vec();
    invalid_bytes.extend_from_slice(b"Andr\xe9,Orl\xe9ans\n");
    invalid_bytes.extend_from_slice("Léa,Nîmes\n".as_bytes());
    let long_line = format!("texte,n\n{},1\n", "x".repeat(1 << 20));
    Fixture::new()
        .file(
            &format!("{d}index.md"),
            "---\ntitle: Fichiers\n---\n\nDes fichiers abîmés.\n",
        )
        .file(&format!("{d}ragged.csv"), "a;b;c\n1;2;3\n4;5\n6;7;8\n")
        .file(&format!("{d}invalid-bytes.csv"), invalid_bytes)
        .file(&format!("{d}empty.csv"), "")
        .file(&format!("{d}header-only.csv"), "nom;prenom\n")
        .file(&format!("{d}long-line.csv"), long_line)
        .file(
            &format!("{d}binary.csv"),
            (0..=255u8).cycle().take(1024).collect::<Vec<u8>>(),
        )
        .file(&format!("{d}truncated.xlsx"), truncated_xlsx())
        .file(
            &format!("{d}broken.geojson"),
            r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}, "properties": {"nom": "A"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["x", "y"]}, "properties": {"nom": "B"}}
]}"#,
        )
}

#[test]
fn every_problem_is_reported_and_the_rest_is_published() {
    let fixture = damaged();
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: cannot read datasets/fichiers/binary.csv: this file is not text: it contains binary data
 --> datasets/fichiers/binary.csv

warning: datasets/fichiers/broken.geojson: 1 feature has a geometry that cannot be read (no type, or coordinates that are not numbers): the feature number 2
 --> datasets/fichiers/broken.geojson

warning: datasets/fichiers/empty.csv: the file is empty
 --> datasets/fichiers/empty.csv

warning: datasets/fichiers/invalid-bytes.csv: 2 characters are not valid UTF-8 and shown as \u{FFFD}; save the file again as UTF-8 to correct them
 --> datasets/fichiers/invalid-bytes.csv:3

warning: datasets/fichiers/ragged.csv: 1 row does not have the 3 cells of the header row
 --> datasets/fichiers/ragged.csv:3

error: cannot read datasets/fichiers/truncated.xlsx: it is not a readable Excel workbook (.xlsx): the file may be damaged or saved under the wrong extension (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD)
 --> datasets/fichiers/truncated.xlsx

error: the portal has 2 errors: the site was built all the same, and the pages concerned say what could not be read
"
    );

    // Every file is published as it was, readable or not.
    for name in [
        "ragged.csv",
        "invalid-bytes.csv",
        "empty.csv",
        "header-only.csv",
        "long-line.csv",
        "binary.csv",
        "truncated.xlsx",
        "broken.geojson",
    ] {
        assert_eq!(
            std::fs::read(fixture.path(&format!("out/datasets/fichiers/{name}"))).unwrap(),
            std::fs::read(fixture.path(&format!("portal/datasets/fichiers/{name}"))).unwrap(),
            "{name}"
        );
    }
    // The other dataset is untouched.
    assert!(
        fixture
            .read("out/datasets/budget/index.html")
            .contains("Budget 2026")
    );

    let page = fixture.read("out/datasets/fichiers/index.html");
    for notice in [
        "<p class=\"notice notice-error\">Ce fichier n&#39;a pas pu être lu\u{a0}: ce n&#39;est pas un fichier texte.</p>",
        "<p class=\"notice notice-error\">Ce fichier n&#39;a pas pu être lu\u{a0}: ce n&#39;est pas un classeur Excel (.xlsx) lisible\u{a0}: le fichier est peut-être endommagé, ou enregistré avec une mauvaise extension. <span class=\"muted\">(détail technique\u{a0}: Xlsx error: Zip error: invalid Zip archive: Could not find EOCD)</span></p>",
        "<p class=\"notice\">Attention\u{a0}: 1 objet a une géométrie illisible (l&#39;objet n°\u{a0}2).</p>",
        "<p class=\"notice\">Attention\u{a0}: le fichier est vide.</p>",
        "<p class=\"notice\">Attention\u{a0}: 2 caractères ne sont pas de l&#39;UTF-8 valide (le premier à la ligne 3)\u{a0}: ils sont remplacés par «\u{a0}\u{FFFD}\u{a0}». Enregistrez à nouveau le fichier en UTF-8 pour les corriger.</p>",
        "<p class=\"notice\">Attention\u{a0}: 1 ligne n&#39;a pas le même nombre de cellules que la ligne d&#39;en-tête (3).</p>",
        "<p class=\"muted\">Le fichier ne contient aucune ligne de données.</p>",
    ] {
        assert!(page.contains(notice), "missing: {notice}");
    }
    // UTF-8 around the stray bytes is read as UTF-8, not as Windows-1252.
    assert!(page.contains("<td>Besançon</td>"));
    assert!(page.contains("<td>Andr\u{FFFD}</td>"));
    // A 1 MB cell is shortened in the preview, not copied whole into the page.
    assert!(page.len() < 200_000, "page of {} bytes", page.len());
    assert!(page.contains(&format!("<td>{}…</td>", "x".repeat(120))));
}

#[test]
fn english_pages_say_it_in_english() {
    let fixture = damaged().file(
        "portal/ouvert.toml",
        common::CONFIG.replace("licence = ", "language = \"en\"\nlicence = "),
    );
    assert_eq!(fixture.build().code, 1);
    let page = fixture.read("out/datasets/fichiers/index.html");
    for notice in [
        "<p class=\"notice notice-error\">This file could not be read: it is not a text file.</p>",
        "<p class=\"notice\">Warning: 1 feature has a geometry that cannot be read (feature number 2).</p>",
        "<p class=\"notice\">Warning: 2 characters are not valid UTF-8 (the first on line 3): they are shown as “\u{FFFD}”. Save the file again as UTF-8 to correct them.</p>",
    ] {
        assert!(page.contains(notice), "missing: {notice}");
    }
}

#[test]
fn a_damaged_file_gets_no_normalised_copy_and_others_do() {
    let fixture = damaged();
    fixture.build();
    let normalized = fixture.path("out/datasets/fichiers/normalized");
    let mut names: Vec<String> = std::fs::read_dir(&normalized)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "broken.csv",
            "broken.json",
            "broken.schema.json",
            "header-only.csv",
            "header-only.json",
            "header-only.schema.json",
            "invalid-bytes.csv",
            "invalid-bytes.json",
            "invalid-bytes.schema.json",
            "long-line.csv",
            "long-line.json",
            "long-line.schema.json",
            "ragged.csv",
            "ragged.json",
            "ragged.schema.json",
        ]
    );
    assert_eq!(
        fixture.read("out/datasets/fichiers/normalized/ragged.csv"),
        "a,b,c\n1,2,3\n4,5,\n6,7,8\n"
    );
    assert_eq!(
        fixture.read("out/datasets/fichiers/normalized/header-only.csv"),
        "nom,prenom\n"
    );
    assert_eq!(
        fixture.read("out/datasets/fichiers/normalized/header-only.json"),
        "[\n]\n"
    );
    assert_eq!(
        fixture.read("out/datasets/fichiers/normalized/broken.json"),
        "[\n{\"nom\":\"A\"},\n{\"nom\":\"B\"}\n]\n"
    );
}
