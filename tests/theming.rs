//! What a portal sets in `ouvert.toml` to make the theme its own, with no
//! template to edit: colours, footer links, the accessibility statement.

mod common;

use common::{CONFIG, Fixture};

fn with_config(extra: &str) -> Fixture {
    Fixture::new().file("portal/ouvert.toml", format!("{CONFIG}{extra}"))
}

fn built(fixture: &Fixture) -> &Fixture {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    fixture
}

#[test]
fn colours_become_a_style_sheet_every_page_links() {
    let fixture = with_config("\n[theme]\nmain_color = \"#8A1538\"\nheader_color = \"#0b3d91\"\n");
    built(&fixture);
    assert_eq!(
        fixture.read("out/assets/theme.css"),
        "/* Generated from [theme] in ouvert.toml. */\n:root {\n  --accent: #8a1538;\n  --header-background: #0b3d91;\n  --header-text: #ffffff;\n  --header-muted: #ffffff;\n  --header-accent: #ffffff;\n}\n"
    );
    for page in ["out/index.html", "out/datasets/budget/index.html"] {
        let html = fixture.read(page);
        assert!(html.contains("assets/theme.css\">"), "{page}");
    }
}

#[test]
fn a_light_header_gets_dark_text() {
    let fixture = with_config("\n[theme]\nheader_color = \"#f4e3a1\"\n");
    built(&fixture);
    let css = fixture.read("out/assets/theme.css");
    assert!(css.contains("  --header-text: #1c2226;\n"), "{css}");
    assert!(!css.contains("--accent"), "{css}");
}

#[test]
fn without_colours_no_style_sheet_is_made() {
    let fixture = Fixture::new();
    built(&fixture);
    assert!(!fixture.path("out/assets/theme.css").exists());
    assert!(!fixture.read("out/index.html").contains("theme.css"));
}

#[test]
fn colours_too_light_to_read_are_warned_about() {
    let fixture = with_config("\n[theme]\nmain_color = \"#ffcc00\"\nheader_color = \"#808080\"\n");
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning: `main_color` #ffcc00 is too light for white text: the buttons' contrast would be 1.5:1, and accessibility rules (RGAA, WCAG AA) ask at least 4.5:1\n  --> ouvert.toml:11:14\n   |\n11 | main_color = \"#ffcc00\"\n   |              ^\n   = hint: use a darker shade of it, such as main_color = \"#8c7000\"\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning: `header_color` #808080 leaves the header's text hard to read: its contrast would be 4.1:1, and accessibility rules (RGAA, WCAG AA) ask at least 4.5:1\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn footer_links_lead_to_other_sites() {
    let fixture = with_config(
        "\n[theme]\nfooter_links = [\n  { title = \"Site de la mairie\", url = \"https://www.test.example/\" },\n  { title = \"Nous écrire\", url = \"mailto:mairie@test.example\" },\n]\n",
    );
    built(&fixture);
    let home = fixture.read("out/index.html");
    assert!(
        home.contains("<nav aria-label=\"Liens utiles\">\n      <ul class=\"footer-links\">\n        <li><a href=\"https://www.test.example/\">Site de la mairie</a></li>\n        <li><a href=\"mailto:mairie@test.example\">Nous écrire</a></li>"),
        "{home}"
    );
}

#[test]
fn wrong_theme_settings_are_errors_that_say_what_to_write() {
    let fixture = with_config(
        "\n[theme]\nheader_color = \"blue\"\nfooter_links = [{ title = \"Mentions\", url = \"pages/mentions/\" }]\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: `header_color` must be a colour written #rrggbb or #rgb, not `blue`\n  --> ouvert.toml:11:16\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  = hint: for example header_color = \"#0b5c6b\"\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: the footer link `Mentions` must lead to a web address (https://…) or an e-mail address (mailto:…), not `pages/mentions/`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("  = hint: a page of the portal goes in the footer with `menu: footer` in its front matter\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_page_says_how_accessible_the_portal_is() {
    let fixture = Fixture::new();
    built(&fixture);
    for page in [
        "out/index.html",
        "out/datasets/budget/index.html",
        "out/404.html",
    ] {
        let html = fixture.read(page);
        assert!(
            html.contains(">Accessibilité\u{a0}: non conforme</a>"),
            "{page}: {html}"
        );
    }
    let statement = fixture.read("out/accessibility/index.html");
    assert!(statement.contains("<h1>Déclaration d&#39;accessibilité</h1>"));
    assert!(statement.contains("<p><strong>Le portail «\u{a0}Portail de test\u{a0}» est non conforme avec le référentiel général d&#39;amélioration de l&#39;accessibilité (RGAA).</strong></p>"), "{statement}");
    assert!(statement.contains("<p>Aucun audit de conformité n&#39;a encore été réalisé\u{a0}: tant qu&#39;il ne l&#39;est pas, le portail est déclaré non conforme.</p>"));
    // The portal's contact receives the reports.
    assert!(statement.contains("<a href=\"mailto:donnees@test.example\">donnees@test.example</a>"));
    assert!(statement.contains("<a href=\"https://formulaire.defenseurdesdroits.fr/\">"));
}

#[test]
fn the_statement_gives_the_audit() {
    let fixture = with_config(
        "\n[accessibility]\nstatus = \"partial\"\naudit_date = 2026-10-15\nauditor = \"Access42\"\nrate = 82.5\nnon_compliant = [\"Les cartes n'ont pas d'alternative.\"]\ncontact = \"https://www.test.example/contact\"\n",
    );
    built(&fixture);
    let home = fixture.read("out/index.html");
    assert!(
        home.contains(">Accessibilité\u{a0}: partiellement conforme</a>"),
        "{home}"
    );
    let statement = fixture.read("out/accessibility/index.html");
    for expected in [
        "<p>Un audit de conformité a été réalisé le 15 octobre 2026 par Access42.</p>",
        "<p>82,5\u{a0}% des critères du RGAA sont respectés.</p>",
        "<h3>Non-conformités</h3>\n<ul>\n<li>Les cartes n&#39;ont pas d&#39;alternative.</li></ul>",
        "<p>Cette déclaration a été établie le 15 octobre 2026.</p>",
        "<a href=\"https://www.test.example/contact\">https://www.test.example/contact</a>",
    ] {
        assert!(statement.contains(expected), "{expected}\n{statement}");
    }
}

#[test]
fn conformity_cannot_be_claimed_without_an_audit() {
    let fixture = with_config("\n[accessibility]\nstatus = \"full\"\n");
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: an accessibility status of `full` needs the audit that measured it\n  --> ouvert.toml:11:10\n   |\n11 | status = \"full\"\n   |          ^\n   = hint: add the date of the audit (audit_date = 2026-11-28) and the share of criteria met (rate = 75.5); without an audit the status is none\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_statement_is_in_english_for_an_english_portal() {
    let fixture = Fixture::new().file(
        "portal/ouvert.toml",
        CONFIG.replace("licence =", "language = \"en\"\nlicence ="),
    );
    built(&fixture);
    assert!(
        fixture
            .read("out/index.html")
            .contains(">Accessibility: not compliant</a>")
    );
    assert!(
        fixture
            .read("out/accessibility/index.html")
            .contains("<h1>Accessibility statement</h1>")
    );
}
