//! Charts declared in a resource's front matter: inline SVG drawn at build
//! time, with a sentence and a data table for readers who do not see it.

mod common;

use common::{CONFIG, Fixture};

/// A portal with one dataset whose CSV `data.csv` declares `charts`
/// (YAML lines, indented under the resource).
fn portal(csv: impl AsRef<[u8]>, charts: &str) -> Fixture {
    Fixture::empty()
        .file("portal/ouvert.toml", CONFIG)
        .file(
            "portal/datasets/aides/index.md",
            format!(
                "---\ntitle: Aides\nresources:\n  - path: data.csv\n    title: Aides par année\n    charts:\n{charts}---\n\nLes aides.\n"
            ),
        )
        .file("portal/datasets/aides/data.csv", csv)
}

const AIDES: &str = "annee;type;montant;commentaire\n\
    2023;alimentaire;1 200,50;\n\
    2023;énergie;800;\n\
    2024;alimentaire;1 500;\n\
    2024;énergie;;masqué\n\
    2025;vacances;300;\n";

/// The figures of a page, each from `<figure class="figure-block"` to its
/// end.
fn figures(page: &str) -> Vec<&str> {
    page.match_indices("<figure class=\"figure-block\"")
        .map(|(start, _)| {
            let end = start + page[start..].find("</figure>").unwrap() + "</figure>".len();
            &page[start..end]
        })
        .collect()
}

#[test]
fn bars_line_and_proportions_are_drawn_with_their_data() {
    let fixture = portal(
        AIDES,
        "      - kind: bars\n        x: annee\n        y: montant\n\
         \x20     - kind: line\n        x: annee\n        title: Lignes par année\n\
         \x20     - kind: proportions\n        x: type\n        y: montant\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("chart"), "{}", run.stderr);
    let page = fixture.read("out/datasets/aides/index.html");
    let figures = figures(&page);
    assert_eq!(figures.len(), 3, "{page}");

    let bars = figures[0];
    let id = "resource-aides-par-annee-chart-1";
    assert!(bars.contains(&format!(
        "<figcaption id=\"{id}-caption\" class=\"figure-title\">Somme de «\u{a0}montant\u{a0}» par «\u{a0}annee\u{a0}»</figcaption>"
    )));
    assert!(bars.contains(&format!(
        "<svg class=\"figure figure-bars\" viewBox=\"0 0 560 70\" width=\"560\" height=\"70\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\"><title id=\"{id}-title\">Somme de «\u{a0}montant\u{a0}» par «\u{a0}annee\u{a0}»</title><desc id=\"{id}-desc\">Diagramme en barres, 3 groupes. Valeur la plus grande\u{a0}: 2023 (2\u{202f}000,5)\u{a0}; la plus petite\u{a0}: 2025 (300).</desc>"
    )), "{bars}");
    assert_eq!(bars.matches("<rect class=\"bar\"").count(), 3);
    // Years in order, written without grouping digits; the row without an
    // amount is left out, and said so.
    assert!(bars.contains("<tr><td>2023</td><td>2\u{202f}000,5</td></tr><tr><td>2024</td><td>1\u{202f}500</td></tr><tr><td>2025</td><td>300</td></tr>"), "{bars}");
    assert!(bars.contains(
        "<p class=\"muted figure-note\">1 ligne sans valeur utilisable a été laissée de côté.</p>"
    ));

    let line = figures[1];
    assert!(line.contains("class=\"figure-title\">Lignes par année</figcaption>"));
    assert!(line.contains("<svg class=\"figure figure-line\" viewBox=\"0 0 560 240\""));
    assert!(line.contains("<path class=\"line\" d=\"M"));
    assert_eq!(line.matches("<circle class=\"point\"").count(), 3);
    assert!(line.contains("<th scope=\"col\">annee</th><th scope=\"col\">Nombre de lignes</th>"));
    assert!(line.contains("<tr><td>2024</td><td>2</td></tr>"));

    let proportions = figures[2];
    assert_eq!(proportions.matches("<rect class=\"share share-").count(), 3);
    assert!(proportions.contains("<li><span class=\"swatch share-1\"></span>alimentaire <span class=\"muted\">71,1 %</span></li>"), "{proportions}");
    assert!(proportions.contains("<tr><td>vacances</td><td>300</td><td>7,9 %</td></tr>"));
}

#[test]
fn many_categories_and_dates_are_grouped_to_stay_readable() {
    // 20,000 rows: a date a day over eight years, 2,000 districts.
    let mut csv = String::from("date,quartier,montant\n");
    for i in 0..20_000u32 {
        let day = i % 3000;
        let (y, m, d) = (2017 + day / 365, 1 + (day % 365) / 31, 1 + (day % 31) % 28);
        csv.push_str(&format!("{y}-{m:02}-{d:02},Q{},{}\n", i % 2000, i % 97));
    }
    let fixture = portal(
        csv,
        "      - kind: line\n        x: date\n        y: montant\n\
         \x20     - kind: bars\n        x: quartier\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/aides/index.html");
    let figures = figures(&page);
    let line = figures[0];
    assert!(
        line.contains("<p class=\"muted figure-note\">Dates regroupées par mois.</p>"),
        "{line}"
    );
    assert!(
        line.matches("<tr>").count() <= 121,
        "at most 120 points and the header"
    );
    let bars = figures[1];
    // The 15 largest districts, then the others in one bar.
    assert_eq!(bars.matches("<rect class=\"bar\"").count(), 16);
    assert!(
        bars.contains(
            "<p class=\"muted figure-note\">«\u{a0}Autres\u{a0}» regroupe 1\u{202f}985 valeurs.</p>"
        ),
        "{bars}"
    );
}

#[test]
fn a_page_with_five_charts_weighs_at_most_100_kb() {
    // 50,000 rows with many distinct values in every column, so that each
    // chart is as large as its kind allows.
    let mut csv = String::from("jour;montant;categorie;mesure;horodatage\n");
    for i in 0..50_000u64 {
        let day = i % 4000;
        csv.push_str(&format!(
            "{:02}/{:02}/{};{},{};Catégorie numéro {};{}.{};20{:02}-{:02}-{:02}T{:02}:{:02}:00\n",
            1 + day % 28,
            1 + (day / 28) % 12,
            2010 + day / 336,
            i * 37 % 10_000,
            i % 100,
            i % 5000,
            i * 7919 % 100_000,
            i % 10,
            10 + i % 15,
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60,
        ));
    }
    let charts = "      - kind: line\n        x: jour\n        y: montant\n\
         \x20     - kind: bars\n        x: categorie\n        y: montant\n\
         \x20     - kind: proportions\n        x: categorie\n\
         \x20     - kind: line\n        x: mesure\n\
         \x20     - kind: bars\n        x: horodatage\n        y: mesure\n";
    let fixture = portal(csv, charts);
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/aides/index.html");
    assert_eq!(figures(&page).len(), 5, "{}", run.stderr);
    assert!(
        page.len() <= 100 * 1024,
        "the page weighs {} bytes; its charts {:?}",
        page.len(),
        figures(&page).iter().map(|f| f.len()).collect::<Vec<_>>()
    );
}

#[test]
fn charts_are_kept_when_rebuilt_from_the_cache() {
    let fixture = portal(
        AIDES,
        "      - kind: bars\n        x: type\n        y: montant\n",
    );
    assert_eq!(fixture.build().code, 0);
    let first = fixture.read("out/datasets/aides/index.html");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fixture.read("out/datasets/aides/index.html"), first);
    assert_eq!(figures(&first).len(), 1);
}

#[test]
fn charts_naming_missing_or_unfit_columns_are_warned_about() {
    let fixture = portal(
        AIDES,
        "      - kind: bars\n        x: anne\n\
         \x20     - kind: bars\n        x: annee\n        y: type\n\
         \x20     - kind: line\n        x: type\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning: a chart's `x` names the column `anne`, which datasets/aides/data.csv does not have\n --> datasets/aides/index.md:8:9\n  |\n8 |         x: anne\n  |         ^\n  = hint: the columns are: annee, type, montant, commentaire\n"
    ), "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning: a chart's `y` must be a column of numbers, but `type` in datasets/aides/data.csv holds text\n  --> datasets/aides/index.md:11:9\n   |\n11 |         y: type\n   |         ^\n   = hint: leave out `y` to count the rows of each group\n"
    ), "{}", run.stderr);
    assert!(run.stderr.contains(
        "warning: a line chart needs an `x` of dates or numbers, but `type` in datasets/aides/data.csv holds text\n"
    ), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("= hint: use `kind: bars` or `kind: proportions` to compare categories\n")
    );
    // The page is still built, without the charts that cannot be drawn.
    let page = fixture.read("out/datasets/aides/index.html");
    assert!(figures(&page).is_empty());
}

#[test]
fn a_misspelt_chart_is_an_error() {
    let fixture = portal(AIDES, "      - kind: camembert\n        x: type\n");
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(
        "error: unknown chart kind `camembert`\n --> datasets/aides/index.md:7:15\n  |\n7 |       - kind: camembert\n  |               ^\n  = hint: use one of bars, line, proportions\n"
    ), "{}", run.stderr);

    let fixture = portal(
        AIDES,
        "      - kind: bars\n        x: type\n        couleur: rouge\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: unknown field `couleur`, expected one of `kind`, `x`, `y`, `title`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_resource_given_by_url_cannot_have_charts() {
    let fixture = Fixture::empty().file("portal/ouvert.toml", CONFIG).file(
        "portal/datasets/aides/index.md",
        "---\ntitle: Aides\nresources:\n  - url: https://example.org/aides.csv\n    charts:\n      - kind: bars\n        x: type\n---\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(
        "error: a resource given by `url` cannot have `charts`\n --> datasets/aides/index.md:5:5\n"
    ), "{}", run.stderr);
    assert!(run.stderr.contains(
        "= hint: charts are drawn from the files of the dataset folder: give the file with `path`\n"
    ));
}

#[test]
fn charts_speak_english_on_an_english_portal() {
    let fixture = portal(
        AIDES,
        "      - kind: proportions\n        x: type\n        y: montant\n",
    )
    .file(
        "portal/ouvert.toml",
        CONFIG.replace("[authority]", "language = \"en\"\n\n[authority]"),
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fixture.read("out/datasets/aides/index.html");
    let figure = figures(&page)[0];
    assert!(
        figure.contains("class=\"figure-title\">Sum of “montant” by “type”</figcaption>"),
        "{figure}"
    );
    assert!(
        figure.contains("Proportions in 3 groups. Largest share: alimentaire (71.1 %)."),
        "{figure}"
    );
    assert!(figure.contains("<th scope=\"col\">Share</th>"));
}
