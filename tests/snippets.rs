//! "Use this data": code on each tabular resource that reads it with its
//! real address, separator, encoding and decimal mark.

mod common;

use common::{CONFIG, Fixture};

/// A file as a town hall's office software writes it: Windows-1252,
/// semicolons, decimal commas.
fn office_csv() -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252
        .encode("année;libellé;montant\n2026;Crèche;12,5\n2026;Écoles;1234,75\n");
    bytes.into_owned()
}

fn fixture(config: &str) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", config)
        .file(
            "portal/datasets/budget/index.md",
            "---\ntitle: Budget\nresources:\n  - path: budget 2026.csv\n    title: Budget 2026\n  - path: frequentation.xlsx\n    title: Fréquentation\n---\n\nLe budget.\n",
        )
        .file("portal/datasets/budget/budget 2026.csv", office_csv())
        .file(
            "portal/datasets/budget/frequentation.xlsx",
            std::fs::read(
                common::example_portal()
                    .join("datasets/frequentation-mediatheque/frequentation-mediatheque.xlsx"),
            )
            .unwrap(),
        )
}

/// The text of the snippets block of the resource at `anchor`, tags
/// removed and entities decoded: the code as a reader copies it.
fn snippets_text(page: &str, title: &str) -> String {
    let start = page
        .find(&format!(
            "<summary>Utiliser ces données<span class=\"visually-hidden\"> ({title})"
        ))
        .unwrap_or_else(|| panic!("no snippets for {title}"));
    let end = start + page[start..].find("</details>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn code_reads_an_office_csv_with_its_dialect() {
    let fixture = fixture(CONFIG);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/budget/index.html");
    let text = snippets_text(&page, "Budget 2026");
    let url = "https://donnees.test.example/datasets/budget/budget%202026.csv";
    for expected in [
        format!("curl -fLO '{url}'\n"),
        format!(
            "import pandas as pd\n\ndata = pd.read_csv(\n    \"{url}\",\n    sep=\";\",\n    encoding=\"cp1252\",\n    decimal=\",\",\n)\n"
        ),
        format!(
            "data <- read.csv(\n  \"{url}\",\n  sep = \";\",\n  dec = \",\",\n  fileEncoding = \"CP1252\"\n)\n"
        ),
        "const response = await fetch(\"https://donnees.test.example/datasets/budget/normalized/budget%202026.json\");\nconst rows = await response.json();\n".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected}\n---\n{text}");
    }
    // Highlighted by classes, with no inline style and no script.
    assert!(page.contains("<span class=\"hl-keyword\">import</span>"));
    assert!(!page.contains("style=\""));
}

#[test]
fn a_spreadsheet_is_read_through_its_csv_copy() {
    let fixture = fixture(CONFIG);
    assert_eq!(fixture.build().code, 0);
    let page = fixture.read("out/datasets/budget/index.html");
    let text = snippets_text(&page, "Fréquentation");
    assert!(
        text.contains("Ces exemples lisent la copie CSV de la feuille «\u{a0}2024\u{a0}»."),
        "{text}"
    );
    assert!(
        text.contains(
            "curl -fLO 'https://donnees.test.example/datasets/budget/frequentation.xlsx'"
        ),
        "{text}"
    );
    assert!(
        text.contains("sep=\",\",\n    encoding=\"utf-8-sig\",\n)"),
        "{text}"
    );
}

#[test]
fn without_base_url_the_paths_are_relative_and_said_so() {
    let fixture = fixture(&CONFIG.replace("base_url = \"https://donnees.test.example/\"\n", ""));
    assert_eq!(fixture.build().code, 0);
    let text = snippets_text(
        &fixture.read("out/datasets/budget/index.html"),
        "Budget 2026",
    );
    assert!(text.contains("Le portail n'indique pas encore son adresse (base_url dans ouvert.toml)\u{a0}: ajoutez-la devant les chemins ci-dessous."), "{text}");
    assert!(
        text.contains("curl -fLO 'datasets/budget/budget%202026.csv'"),
        "{text}"
    );
}
