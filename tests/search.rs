//! The search index written at build time (`search/`): its files, what a
//! query's shard holds, accents and stems, facet sets, determinism. The
//! page's script is tested in a browser by tests/browser/search.mjs.

mod common;

use common::{CONFIG, Fixture, tree};
use serde_json::Value;

/// Three datasets: accents in the title, a column name, a keyword, an
/// organization, and enough words for several shards.
fn portal() -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/ecoles/index.md",
            "---\ntitle: Établissements scolaires\nkeywords: [Écoles]\nthemes: [EDUC]\nresources:\n  - path: ecoles.csv\n---\n\nLa liste des écoles de la commune.\n",
        )
        .file("portal/datasets/ecoles/ecoles.csv", "nom_etablissement,effectif\nJaurès,120\n")
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget primitif\nsummary: Les dépenses votées.\nthemes: [ECON, GOVE]\npublisher: ccas\n---\n\nLe budget du centre.\n",
        )
        .file(
            "portal/datasets/journaux/index.md",
            "---\ntitle: Journaux municipaux\nthemes: [GOVE]\n---\n\nLes journaux.\n",
        )
        .file("portal/organizations/ccas.md", "---\ntitle: Centre communal d'action sociale\n---\n")
}

fn json(fixture: &Fixture, path: &str) -> Value {
    serde_json::from_str(&fixture.read(&format!("out/{path}"))).unwrap()
}

/// Datasets (numbers, in slug order) and scores of `stem` in its shard.
fn postings(fixture: &Fixture, stem: &str) -> Vec<(u64, u64)> {
    let meta = json(fixture, "search/meta.json");
    let key = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .filter(|k| stem.starts_with(k))
        .max_by_key(|k| k.len())
        .unwrap_or_else(|| panic!("no shard for {stem}"));
    let shard = json(fixture, &format!("search/terms/{key}.json"));
    let encoded = shard["t"][stem]
        .as_str()
        .unwrap_or_else(|| panic!("{stem} not in shard {key}: {shard}"));
    let flat = varints(&base64(encoded));
    let mut doc = 0;
    flat.chunks(2)
        .map(|pair| {
            doc += pair[0];
            (doc, pair[1])
        })
        .collect()
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in sextets.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0, |n, (i, s)| n | s << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

fn varints(bytes: &[u8]) -> Vec<u64> {
    let (mut out, mut value, mut shift) = (Vec::new(), 0u64, 0);
    for &b in bytes {
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            shift += 7;
        } else {
            out.push(value);
            (value, shift) = (0, 0);
        }
    }
    out
}

#[test]
fn the_index_is_written_beside_the_search_page() {
    let fixture = portal();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for path in [
        "search/index.html",
        "search/meta.json",
        "search/docs/0.json",
        "assets/search.js",
    ] {
        assert!(fixture.path("out").join(path).is_file(), "{path}");
    }
    let meta = json(&fixture, "search/meta.json");
    assert_eq!(meta["v"], 1);
    assert_eq!(meta["lang"], "fr");
    assert_eq!(meta["n"], 3);
    // Datasets in slug order: budget, ecoles, journaux.
    let docs = json(&fixture, "search/docs/0.json");
    assert_eq!(docs[1][0], "Établissements scolaires");
    assert_eq!(docs[1][1], "datasets/ecoles/index.html");
    assert_eq!(
        meta["orgs"][docs[0][2].as_u64().unwrap() as usize],
        "Centre communal d'action sociale"
    );
    assert_eq!(docs[0][3], "Les dépenses votées.");

    let page = fixture.read("out/search/index.html");
    assert!(
        page.contains(r#"href="../catalog/index.html""#),
        "links to the catalog without JavaScript"
    );
    assert!(page.contains(r#"<script src="../assets/search.js" defer></script>"#));
    assert!(!page.contains("<script>"), "no inline script");
    let home = fixture.read("out/index.html");
    assert!(home.contains(r#"action="search/index.html""#));
}

#[test]
fn accents_case_and_plurals_meet_in_one_stem() {
    let fixture = portal();
    assert_eq!(fixture.build().code, 0);
    // Title (`Établissements`) and column (`nom_etablissement`) of ecoles.
    let found = postings(&fixture, "etabl");
    assert_eq!(found.iter().map(|p| p.0).collect::<Vec<_>>(), [1]);
    assert_eq!(found[0].1, 8 + 2, "title and column weights");
    // `journaux` is stemmed as `journal`; `écoles` as `ecol`.
    assert_eq!(postings(&fixture, "journal")[0].0, 2);
    assert_eq!(postings(&fixture, "ecol")[0].0, 1);
    // The organization's name is searchable.
    assert!(postings(&fixture, "social").iter().any(|p| p.0 == 0));
    // Surface forms lead to their stem, for prefix matching.
    let shard = json(&fixture, "search/terms/et.json");
    assert_eq!(shard["w"]["etablissements"], "etabl");
}

#[test]
fn facet_sets_name_their_datasets() {
    let fixture = portal();
    assert_eq!(fixture.build().code, 0);
    let meta = json(&fixture, "search/meta.json");
    let theme = meta["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "theme")
        .unwrap();
    let gove = theme["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["slug"] == "gove")
        .unwrap();
    // Datasets 0 and 2: as a bit set (one byte, 0b101) the shorter.
    assert_eq!(gove["docs"], "bBQ==");
    assert_eq!(gove["label"], "Gouvernement et secteur public");
}

#[test]
fn the_index_is_the_same_at_every_build() {
    let fixture = portal();
    assert_eq!(fixture.build().code, 0);
    let first: Vec<_> = tree(&fixture.path("out"))
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/"))
        .collect();
    assert!(first.len() > 5);
    let again = fixture.path("again");
    assert_eq!(common::build(&fixture.portal(), &again).code, 0);
    let second: Vec<_> = tree(&again)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/"))
        .collect();
    assert_eq!(first, second);
}

#[test]
fn an_english_portal_is_stemmed_in_english() {
    let fixture = Fixture::empty()
        .file("portal/ouvert.toml", format!("language = \"en\"\n{CONFIG}"))
        .file(
            "portal/datasets/libraries/index.md",
            "---\ntitle: Public libraries\n---\n",
        );
    assert_eq!(fixture.build().code, 0, "{}", fixture.build().stderr);
    assert_eq!(json(&fixture, "search/meta.json")["lang"], "en");
    assert_eq!(postings(&fixture, "library")[0].0, 0);
}
