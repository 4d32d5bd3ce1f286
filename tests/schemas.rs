//! Table Schemas as portal editors and reusers meet them: declared by path
//! or by schema.data.gouv.fr identity, documented on their own pages,
//! validated into a badge and a report on dataset pages and in the API,
//! inferred for tables without one, and checked file by file with
//! `ouvert validate`.

mod common;

use common::{CONFIG, Fixture, ouvert};
use serde_json::{Value, json};

const EQUIPMENTS_SCHEMA: &str = r#"{
  "name": "equipements",
  "title": "Équipements communaux",
  "description": "Les équipements ouverts au public.",
  "version": "1.0.0",
  "sources": [{"title": "Code des relations entre le public et l'administration, article L312-1-1", "path": "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033205514"}],
  "fields": [
    {"name": "id", "title": "Identifiant", "type": "integer", "constraints": {"required": true, "unique": true}},
    {"name": "nom", "title": "Nom", "description": "Le nom affiché sur place.", "type": "string", "constraints": {"required": true, "maxLength": 40}, "example": "Piscine des Tilleuls"},
    {"name": "commune", "title": "Commune", "type": "string", "constraints": {"pattern": "[0-9]{5}"}, "x-why": "Pour situer l'équipement dans l'intercommunalité."},
    {"name": "siret", "title": "SIRET du gestionnaire", "type": "string"},
    {"name": "ouverture", "title": "Date d'ouverture", "type": "date", "format": "%d/%m/%Y"}
  ],
  "primaryKey": ["id"],
  "foreignKeys": [{"fields": ["commune"], "reference": {"resource": "communes", "fields": ["insee"]}}],
  "custom_checks": [{"name": "french-siret-value", "params": {"column": "siret"}}]
}
"#;

/// Row 3 has a bad SIRET check digit; row 4 repeats the identifier 2,
/// names a commune that is not in communes.csv and writes its date the ISO
/// way instead of dd/mm/yyyy.
const EQUIPMENTS: &str = "id,nom,commune,siret,ouverture\n\
    1,Piscine des Tilleuls,01001,73282932000074,01/06/1998\n\
    2,Médiathèque,01002,73282932000075,15/09/2004\n\
    2,Gymnase,99999,,2004-09-15\n";

/// A dataset whose first file follows a local schema with a foreign key
/// into the second; a dataset without a schema.
fn portal() -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file("portal/schemas/equipements.json", EQUIPMENTS_SCHEMA)
        .file(
            "portal/schemas/communes.json",
            r#"{"fields": [{"name": "insee", "type": "string"}, {"name": "nom", "type": "string"}], "primaryKey": "insee"}"#,
        )
        .file(
            "portal/datasets/equipements/index.md",
            "---\ntitle: Équipements\nresources:\n  - path: equipements.csv\n    title: Les équipements\n    schema: schemas/equipements.json\n  - path: communes.csv\n    title: Les communes\n    schema: schemas/communes.json\nwhy:\n  nom: Pour que chacun retrouve l'équipement.\n  siret: Pour savoir qui le gère.\n---\nLes équipements.\n",
        )
        .file("portal/datasets/equipements/equipements.csv", EQUIPMENTS)
        .file(
            "portal/datasets/equipements/communes.csv",
            "insee,nom\n01001,Abergement\n01002,Ambérieux\n",
        )
        .file(
            "portal/datasets/releves/index.md",
            "---\ntitle: Relevés\nresources:\n  - path: releves.csv\n---\n",
        )
        .file(
            "portal/datasets/releves/releves.csv",
            "date;valeur;code\n01/02/2025;1,5;01000\n02/02/2025;2,25;01001\n",
        )
}

fn json(fixture: &Fixture, path: &str) -> Value {
    serde_json::from_str(&fixture.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_file_that_does_not_follow_its_schema_is_published_with_a_warning() {
    let fixture = portal();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: datasets/equipements/equipements.csv does not follow its schema schemas/equipements.json: 5 errors (foreign-key: 1, french-siret-value: 1, primary-key: 1, type-error: 1, unique-error: 1)\n \
         --> datasets/equipements/equipements.csv\n  \
         = hint: first on row 3: The value “73282932000075” is not a valid French SIRET number: it takes 14 digits, the last one a check digit (INSEE's definition).\n\n"
    );
}

#[test]
fn the_dataset_page_shows_the_badge_the_counts_and_the_errors() {
    let fixture = portal();
    fixture.build();
    let page = fixture.read("out/datasets/equipements/index.html");
    for expected in [
        "<a href=\"../../schemas/equipements/index.html\">schemas/equipements.json</a>",
        "<span class=\"badge badge-invalid\">Non conforme au schéma</span> 5 erreurs pour 3 lignes.",
        "<p class=\"muted\">références introuvables\u{a0}: 1 · numéros SIRET invalides\u{a0}: 1 · identifiants de ligne en double\u{a0}: 1 · valeurs d&#39;un autre type\u{a0}: 1 · valeurs en double\u{a0}: 1</p>",
        "<tr><td>3</td><td><code>siret</code></td><td><code>73282932000075</code></td><td>La valeur «\u{a0}73282932000075\u{a0}» n&#39;est pas un numéro SIRET français valide\u{a0}: il faut 14 chiffres, le dernier étant une clé de contrôle (définition de l&#39;Insee).</td></tr>",
        "<tr><td>4</td><td><code>commune</code></td><td><code>99999</code></td><td>La valeur «\u{a0}99999\u{a0}» de «\u{a0}commune\u{a0}» ne se trouve pas dans «\u{a0}insee\u{a0}» de «\u{a0}communes\u{a0}».</td></tr>",
        "<tr><td>4</td><td><code>ouverture</code></td><td><code>2004-09-15</code></td><td>La valeur «\u{a0}2004-09-15\u{a0}» n&#39;est pas une date au format jj/mm/aaaa, comme l&#39;attend la colonne «\u{a0}ouverture\u{a0}».</td></tr>",
        "<span class=\"badge badge-valid\">Conforme au schéma</span> Les 2 lignes respectent le schéma.",
    ] {
        assert!(page.contains(expected), "missing: {expected}");
    }
}

#[test]
fn why_a_column_is_collected_is_shown_beside_it() {
    let fixture = portal();
    fixture.build();
    let page = fixture.read("out/datasets/equipements/index.html");
    let why = |column: &str, text: &str| {
        format!(
            "<th scope=\"row\">{column}<p class=\"why\"><span class=\"why-label\">Pourquoi cette colonne\u{a0}:</span> {text}</p></th>"
        )
    };
    // The dataset's own words, then the schema's `x-why`.
    for expected in [
        why("nom", "Pour que chacun retrouve l&#39;équipement."),
        why("siret", "Pour savoir qui le gère."),
        why(
            "commune",
            "Pour situer l&#39;équipement dans l&#39;intercommunalité.",
        ),
    ] {
        assert!(page.contains(&expected), "missing: {expected}");
    }
    assert!(page.contains("<th scope=\"row\">id</th>"));
}

#[test]
fn a_reason_given_for_a_column_no_file_has_is_reported() {
    let fixture = portal().file(
        "portal/datasets/equipements/index.md",
        "---\ntitle: Équipements\nresources:\n  - path: equipements.csv\n    schema: schemas/equipements.json\n  - path: communes.csv\nwhy:\n  adresse: Pour s'y rendre.\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "warning: `why` explains the column `adresse`, which no file of this dataset has\n \
             --> datasets/equipements/index.md:8:3\n  \
             |\n\
             8 |   adresse: Pour s'y rendre.\n  \
             |   ^\n  \
             = hint: the columns are: commune, id, insee, nom, ouverture, siret\n\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn each_schema_has_a_documentation_page_and_its_json() {
    let fixture = portal();
    fixture.build();
    assert_eq!(
        fixture.read("out/schemas/equipements.json"),
        EQUIPMENTS_SCHEMA
    );
    let page = fixture.read("out/schemas/equipements/index.html");
    for expected in [
        "<h1>Équipements communaux</h1>",
        "<p>Les équipements ouverts au public.</p>",
        "<dt>Version</dt><dd>1.0.0</dd>",
        "<a class=\"button\" href=\"../../schemas/equipements.json\" download>Télécharger le schéma (JSON)</a>",
        "<a href=\"https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033205514\">Code des relations entre le public et l&#39;administration, article L312-1-1</a>",
        "<caption id=\"fields-caption\">Les 5 champs du schéma</caption>",
        "<th scope=\"row\"><code>nom</code><br><span class=\"muted\">Nom</span></th>",
        "<p>Le nom affiché sur place.</p>",
        "<p class=\"muted\">Exemples\u{a0}: <code>Piscine des Tilleuls</code></p>",
        "<strong>obligatoire</strong><br>au plus 40 caractères",
        "<p class=\"why\"><strong>Pourquoi ce champ\u{a0}:</strong> Pour situer l&#39;équipement dans l&#39;intercommunalité.</p>",
        "Date <span class=\"muted\">(jj/mm/aaaa)</span>",
        "<li>Chaque ligne est identifiée par\u{a0}: «\u{a0}id\u{a0}»</li>",
        "<li>«\u{a0}siret\u{a0}»\u{a0}: un numéro SIRET valide (clé de contrôle vérifiée)</li>",
        "<li>«\u{a0}commune\u{a0}» doit se trouver dans «\u{a0}insee\u{a0}» de «\u{a0}communes\u{a0}»</li>",
        "<a href=\"../../datasets/equipements/index.html\">Équipements</a>\u{a0}: Les équipements",
    ] {
        assert!(page.contains(expected), "missing: {expected}");
    }
    let index = fixture.read("out/schemas/index.html");
    assert!(
        index.contains("<a href=\"../schemas/equipements/index.html\">Équipements communaux</a>")
    );
    assert!(index.contains("<a href=\"../schemas/communes/index.html\">communes.json</a>"));
}

#[test]
fn the_api_gives_each_resource_its_schema_and_validation() {
    let fixture = portal();
    fixture.build();
    let dataset = json(&fixture, "out/api/datasets/equipements.json");
    let resource = &dataset["resources"][0];
    assert_eq!(
        resource["schema"],
        json!({
            "label": "schemas/equipements.json",
            "url": "https://donnees.test.example/schemas/equipements.json",
            "file": {
                "path": "schemas/equipements.json",
                "url": "https://donnees.test.example/schemas/equipements.json"
            },
            "page": "https://donnees.test.example/schemas/equipements/"
        })
    );
    let validation = &resource["validation"];
    assert_eq!(validation["status"], "invalid");
    assert_eq!(validation["rows"], 3);
    assert_eq!(validation["error_count"], 5);
    assert_eq!(
        validation["error_counts"],
        json!({"foreign-key": 1, "french-siret-value": 1, "primary-key": 1, "type-error": 1, "unique-error": 1})
    );
    assert_eq!(
        validation["errors"][3],
        json!({
            "type": "foreign-key",
            "row": 4,
            "column": "commune",
            "column_number": 3,
            "value": "99999",
            "message": "La valeur «\u{a0}99999\u{a0}» de «\u{a0}commune\u{a0}» ne se trouve pas dans «\u{a0}insee\u{a0}» de «\u{a0}communes\u{a0}»."
        })
    );
    assert_eq!(dataset["resources"][1]["validation"]["status"], "valid");
    assert_eq!(resource["inferred_schema"], Value::Null);
}

#[test]
fn a_table_without_a_schema_gets_an_inferred_one() {
    let fixture = portal();
    fixture.build();
    let page = fixture.read("out/datasets/releves/index.html");
    assert!(page.contains(
        "<span class=\"badge\">déduit des données</span> <a href=\"../../datasets/releves/normalized/releves.schema.json\" download=\"schema.json\">Télécharger schema.json"
    ));
    let schema = json(
        &fixture,
        "out/datasets/releves/normalized/releves.schema.json",
    );
    let fields: Vec<Value> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| json!([f["name"], f["type"], f["format"], f["decimalChar"]]))
        .collect();
    assert_eq!(
        fields,
        [
            json!(["date", "date", "%d/%m/%Y", null]),
            json!(["valeur", "number", null, ","]),
            json!(["code", "string", null, null]),
        ]
    );
    let api = json(&fixture, "out/api/datasets/releves.json");
    assert_eq!(
        api["resources"][0]["inferred_schema"],
        json!({
            "path": "datasets/releves/normalized/releves.schema.json",
            "url": "https://donnees.test.example/datasets/releves/normalized/releves.schema.json"
        })
    );
    assert_eq!(api["resources"][0]["schema"], Value::Null);

    // Declared, the inferred schema accepts the file it comes from.
    let declared = portal()
        .file(
            "portal/schemas/releves.json",
            fixture.read("out/datasets/releves/normalized/releves.schema.json"),
        )
        .file(
            "portal/datasets/releves/index.md",
            "---\ntitle: Relevés\nresources:\n  - path: releves.csv\n    schema: schemas/releves.json\n---\n",
        );
    declared.build();
    let api = json(&declared, "out/api/datasets/releves.json");
    assert_eq!(api["resources"][0]["validation"]["status"], "valid");
}

#[test]
fn a_missing_published_schema_says_which_file_to_add_and_where_to_find_it() {
    let fixture = portal()
        .file(
            "portal/datasets/subventions/index.md",
            "---\ntitle: Subventions\nresources:\n  - path: subventions.csv\n    schema: scdl/subventions@2.1.1\n  - path: autres.csv\n    schema: https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json\n---\n",
        )
        .file("portal/datasets/subventions/subventions.csv", "a\n1\n")
        .file("portal/datasets/subventions/autres.csv", "a\n1\n");
    let run = fixture.build();
    assert_eq!(run.code, 1);
    let expected = "error: the schema `scdl/subventions@2.1.1` is not in the portal: ouvert builds offline and reads it from schemas/scdl/subventions/2.1.1/schema.json\n \
        --> datasets/subventions/index.md:5:13\n  \
        |\n\
        5 |     schema: scdl/subventions@2.1.1\n  \
        |             ^\n  \
        = hint: download https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json and save it as schemas/scdl/subventions/2.1.1/schema.json\n\n\
        error: the schema `https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json` is not in the portal: ouvert builds offline and reads it from schemas/scdl/subventions/2.1.1/schema.json\n \
        --> datasets/subventions/index.md:7:13\n  \
        |\n\
        7 |     schema: https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json\n  \
        |             ^\n  \
        = hint: download https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json and save it as schemas/scdl/subventions/2.1.1/schema.json\n\n";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!fixture.path("out").exists());
}

#[test]
fn a_published_schema_resolves_to_its_copy_in_the_portal() {
    let schema = r#"{"name": "subventions", "title": "Subventions", "version": "2.1.1", "fields": [{"name": "montant", "type": "number"}]}"#;
    let fixture = portal()
        .file("portal/schemas/scdl/subventions/2.1.1/schema.json", schema)
        .file(
            "portal/datasets/subventions/index.md",
            "---\ntitle: Subventions\nresources:\n  - path: subventions.csv\n    schema: scdl/subventions@2.1.1\n---\n",
        )
        .file("portal/datasets/subventions/subventions.csv", "montant\n1000\n250.5\n");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/subventions/index.html");
    assert!(page.contains(
        "<a href=\"../../schemas/scdl/subventions/2.1.1/index.html\">scdl/subventions 2.1.1</a> <span class=\"muted\">(<a href=\"https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/\">Voir sur schema.data.gouv.fr</a>)</span>"
    ));
    assert!(page.contains("<span class=\"badge badge-valid\">Conforme au schéma</span>"));
    assert_eq!(
        fixture.read("out/schemas/scdl/subventions/2.1.1/schema.json"),
        schema
    );
    let api = json(&fixture, "out/api/datasets/subventions.json");
    assert_eq!(
        api["resources"][0]["schema"]["url"],
        "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json"
    );
}

#[test]
fn an_english_portal_reports_in_english() {
    let fixture = portal().file(
        "portal/ouvert.toml",
        CONFIG.replace("licence = ", "language = \"en\"\nlicence = "),
    );
    fixture.build();
    let page = fixture.read("out/datasets/equipements/index.html");
    for expected in [
        "<span class=\"badge badge-invalid\">Does not follow its schema</span>",
        "invalid SIRET numbers: 1",
        "The value “99999” of “commune” is not found in “insee” of “communes”.",
    ] {
        assert!(page.contains(expected), "missing: {expected}");
    }
}

/// Runs `ouvert validate` in `dir` with `args`.
fn validate(dir: &std::path::Path, args: &[&str]) -> common::Run {
    ouvert()
        .current_dir(dir)
        .arg("validate")
        .args(args)
        .output()
        .expect("run ouvert")
        .into()
}

#[test]
fn validate_reports_in_text_with_exit_code_1_when_invalid() {
    let fixture = portal();
    let run = validate(
        &fixture.portal(),
        &[
            "datasets/equipements/equipements.csv",
            "--schema",
            "schemas/equipements.json",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "datasets/equipements/equipements.csv: invalid against schemas/equipements.json (3 rows)\n  \
         errors: french-siret-value: 1, primary-key: 1, type-error: 1, unique-error: 1\n\
         error [french-siret-value] row 3, column siret: The value “73282932000075” is not a valid French SIRET number: it takes 14 digits, the last one a check digit (INSEE's definition).\n\
         error [primary-key] row 4: The combination of “id” already appears on row 2: it must identify a single row.\n\
         error [unique-error] row 4, column id: The value “2” already appears on row 2: each value of the column “id” must be unique.\n\
         error [type-error] row 4, column ouverture: The value “2004-09-15” is not a date in the form dd/mm/yyyy, as the column “ouverture” expects.\n"
    );
    // One file alone cannot be checked against another.
    assert_eq!(
        run.stderr,
        "warning: the foreign key on commune refers to the file `communes`, which is not checked here: `ouvert build` checks it between the files of a dataset\n"
    );
}

#[test]
fn validate_reports_in_json_in_the_language_asked() {
    let fixture = portal();
    let run = validate(
        &fixture.portal(),
        &[
            "datasets/equipements/equipements.csv",
            "--schema",
            "schemas/equipements.json",
            "--format",
            "json",
            "--lang",
            "fr",
        ],
    );
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["file"], "datasets/equipements/equipements.csv");
    assert_eq!(report["schema"], "schemas/equipements.json");
    assert_eq!(report["validation"]["status"], "invalid");
    assert_eq!(
        report["validation"]["errors"][3],
        json!({
            "type": "type-error",
            "row": 4,
            "column": "ouverture",
            "column_number": 5,
            "value": "2004-09-15",
            "message": "La valeur «\u{a0}2004-09-15\u{a0}» n'est pas une date au format jj/mm/aaaa, comme l'attend la colonne «\u{a0}ouverture\u{a0}»."
        })
    );
}

#[test]
fn validate_exits_0_on_a_valid_file_and_2_when_it_cannot_read() {
    let fixture = portal();
    let dir = fixture.portal();
    let valid = validate(
        &dir,
        &[
            "datasets/equipements/communes.csv",
            "--schema",
            "schemas/communes.json",
        ],
    );
    assert_eq!(valid.code, 0);
    assert_eq!(
        valid.stdout,
        "datasets/equipements/communes.csv: valid against schemas/communes.json (2 rows)\n"
    );

    let structure_only = validate(&dir, &["datasets/releves/releves.csv"]);
    assert_eq!(structure_only.code, 0);
    assert_eq!(
        structure_only.stdout,
        "datasets/releves/releves.csv: valid (structure only: no schema given) (2 rows)\n"
    );

    let missing = validate(&dir, &["nowhere.csv"]);
    assert_eq!(missing.code, 2);
    assert_eq!(missing.stderr, "error: nowhere.csv is not a file\n");

    let offline = validate(
        &dir,
        &[
            "datasets/releves/releves.csv",
            "--schema",
            "scdl/subventions@2.1.1",
        ],
    );
    assert_eq!(offline.code, 2);
    assert_eq!(
        offline.stderr,
        "error: the schema scdl/subventions@2.1.1 is not in ./schemas/: ouvert works offline; download https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json and pass its path with --schema\n"
    );
}

#[test]
fn validate_checks_keys_within_the_file() {
    let fixture = Fixture::empty()
        .file(
            "tree.json",
            r#"{"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}], "foreignKeys": [{"fields": "parent", "reference": {"resource": "", "fields": "id"}}]}"#,
        )
        .file("tree.csv", "id,parent\n1,\n2,1\n3,7\n");
    let run = validate(fixture.dir.path(), &["tree.csv", "--schema", "tree.json"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.ends_with(
        "error [foreign-key] row 4, column parent: The value “7” of “parent” is not found in “id” of the same file.\n"
    ), "{}", run.stdout);
}
