//! What datasets are used for: the `usage` section of the front matter,
//! the plain-language block of dataset pages, the register page and
//! `api/usages.json`.

mod common;

use common::{CONFIG, Fixture};

/// A dataset of elected officials with a complete `usage` section.
const ELUS: &str = r#"---
title: Élus du conseil municipal
contact: { name: Secrétariat général, email: secretariat@test.example }
frequency: IRREG
resources:
  - path: elus.csv
    title: Liste des élus
why:
  fonction: Pour savoir qui est maire, adjoint ou conseiller.
  email_elu: Pour que chacun puisse écrire à ses élus.
usage:
  purpose: Faire connaître aux habitants les élus qui les représentent.
  decisions: [Convocation des élus aux séances, Versement des indemnités]
  legal_basis:
    kind: legal-obligation
    reference: Code général des collectivités territoriales, article L2121-9
    url: https://www.legifrance.gouv.fr/
  collected_by: Secrétariat général
  maintained_by: Service des assemblées
  personal_data: published-by-law
  personal_data_category: noms et coordonnées professionnelles des élus.
  personal_columns:
    email_elu: Adresse professionnelle des élus, publiable sans anonymisation.
  retention: Jusqu'à la fin du mandat
  recipients: [Préfecture, Trésorerie]
  questions:
    dpo: dpo@test.example
  algorithm:
    name: Calcul des indemnités
    purpose: Calculer l'indemnité de chaque élu.
    automation: decision-support
    rules: Un pourcentage de l'indice brut terminal, selon la fonction.
    data: La fonction de l'élu, votée par le conseil.
    human_oversight: Le service vérifie chaque montant.
    contest: Écrire au maire dans les deux mois.
    url: https://www.test.example/indemnites
---

La liste des élus.
"#;

const ELUS_CSV: &str = "fonction,email_elu,commission\nmaire,maire@test.example,finances\nadjoint,adjoint.culture@test.example,culture\n";

fn elus(config: &str) -> Fixture {
    Fixture::new()
        .file("portal/ouvert.toml", config)
        .file("portal/datasets/elus/index.md", ELUS)
        .file("portal/datasets/elus/elus.csv", ELUS_CSV)
}

fn built(fixture: &Fixture) {
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warning");
}

/// What a reader sees of the element that starts with `start`: its text,
/// one line per paragraph, heading, list item or term.
fn visible(html: &str, start: &str, end: &str) -> String {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in\n{html}"));
    let to = from + html[from..].find(end).expect("end of the element");
    let mut text = String::new();
    let mut rest = &html[from..to];
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').expect("tag end") + open;
        let tag = &rest[open + 1..close];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '>'])
            .next()
            .unwrap();
        if tag.starts_with('/')
            && [
                "p", "li", "h1", "h2", "h3", "dt", "dd", "th", "td", "caption",
            ]
            .contains(&name)
            || name == "br"
        {
            text.push('\n');
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .lines()
        .map(|l| l.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn usage_block(page: &str) -> String {
    visible(page, "<section class=\"usage\"", "</section>")
}

#[test]
fn the_block_explains_the_usage_in_french() {
    let fixture = elus(CONFIG);
    built(&fixture);
    let page = fixture.read("out/datasets/elus/index.html");
    assert_eq!(
        usage_block(&page),
        "À quoi servent ces données\u{a0}?
Pourquoi elles sont collectées
Faire connaître aux habitants les élus qui les représentent.
Ce qu'elles servent à décider ou à faire
Convocation des élus aux séances
Versement des indemnités
Ce qui autorise la collectivité à les traiter
Obligation légale. Une loi ou un règlement oblige la collectivité à produire ces données.
Texte de référence\u{a0}: Code général des collectivités territoriales, article L2121-9
Qui s'en occupe, et combien de temps
Collectées par
Secrétariat général
Tenues à jour par
Service des assemblées
Durée de conservation
Jusqu'à la fin du mandat
Transmises à
Préfecture
Trésorerie
Des informations sur des personnes\u{a0}?
Ces données contiennent des informations sur des personnes, que la loi permet de publier sans les rendre anonymes.
La loi le permet pour cette catégorie de documents (code des relations entre le public et l'administration, article D312-1-3)\u{a0}: noms et coordonnées professionnelles des élus.
Ces colonnes contiennent volontairement des informations sur des personnes\u{a0}:
email_elu\u{a0}: Adresse professionnelle des élus, publiable sans anonymisation.
Vos droits sur ces données
Si ces données vous concernent, vous pouvez demander à la collectivité\u{a0}:
de voir les informations qu'elle détient sur vous (droit d'accès)\u{a0};
de corriger celles qui sont fausses (droit de rectification)\u{a0};
de les effacer quand elle n'a plus de raison de les garder (droit à l'effacement)\u{a0};
de ne plus les utiliser le temps d'examiner votre demande (droit à la limitation)\u{a0};
de ne plus les utiliser, pour des raisons qui tiennent à votre situation (droit d'opposition).
Quand la loi impose de traiter ou de publier ces données, certains de ces droits, comme l'effacement ou l'opposition, peuvent ne pas s'appliquer.
Pour exercer ces droits, écrivez à\u{a0}: Secrétariat général, secretariat@test.example.
Vous pouvez aussi écrire au délégué à la protection des données de la collectivité (souvent appelé DPO, de l'anglais «\u{a0}data protection officer\u{a0}»), la personne chargée de veiller au respect de vos données personnelles\u{a0}: dpo@test.example.
Si vous estimez que vos droits ne sont pas respectés, vous pouvez porter plainte auprès de la CNIL, la Commission nationale de l'informatique et des libertés\u{a0}: c'est l'autorité publique indépendante qui protège les données personnelles en France. Porter plainte auprès de la CNIL.
Un algorithme aide à prendre des décisions
Un algorithme, c'est-à-dire une suite de règles de calcul, sert à prendre les décisions individuelles liées à ces données, qui concernent chacun personnellement. La loi oblige la collectivité à en publier les règles principales (code des relations entre le public et l'administration, articles L311-3-1 et L312-1-3).
Nom
Calcul des indemnités
À quoi il sert
Calculer l'indemnité de chaque élu.
Part de la décision prise par l'algorithme
Aide à la décision. Il aide à décider\u{a0}: l'algorithme fait une proposition, une personne prend la décision.
Règles principales
Un pourcentage de l'indice brut terminal, selon la fonction.
Données utilisées et leur origine
La fonction de l'élu, votée par le conseil.
Contrôle par une personne
Le service vérifie chaque montant.
Contester une décision
Écrire au maire dans les deux mois.
En savoir plus
https://www.test.example/indemnites
Une décision prise à l'aide de cet algorithme doit le mentionner. Si elle vous concerne, vous pouvez demander à la collectivité comment il a été appliqué à votre situation\u{a0}: les données utilisées et leur origine, les critères et leur poids, les calculs effectués.
Les informations publiées, et pourquoi
Ce jeu de données publie 3 colonnes.
fonction\u{a0}: Pour savoir qui est maire, adjoint ou conseiller.
email_elu\u{a0}: Pour que chacun puisse écrire à ses élus.
Aucune raison n'est donnée pour 1 colonne\u{a0}: commission.
Une question\u{a0}?
Pour toute question sur ces données, écrivez à\u{a0}: Secrétariat général, secretariat@test.example."
    );
    for link in [
        "<a href=\"https://www.legifrance.gouv.fr/\">Code général des collectivités territoriales, article L2121-9</a>",
        "<a href=\"mailto:secretariat@test.example\">secretariat@test.example</a>",
        "<a href=\"mailto:dpo@test.example\">dpo@test.example</a>",
        "<a href=\"https://www.cnil.fr/fr/plaintes\">Porter plainte auprès de la CNIL</a>",
    ] {
        assert!(page.contains(link), "{link}");
    }
    // After the summary, before the files.
    let block = page.find("<section class=\"usage\"").unwrap();
    assert!(page.find("<h1>").unwrap() < block);
    assert!(block < page.find("<h2 id=\"resources\">").unwrap());
}

#[test]
fn the_block_explains_the_usage_in_english() {
    let fixture = elus(&format!("language = \"en\"\n{CONFIG}"));
    built(&fixture);
    let block = usage_block(&fixture.read("out/datasets/elus/index.html"));
    assert_eq!(
        block.lines().take(22).collect::<Vec<_>>().join("\n"),
        "What is this data used for?
Why it is collected
Faire connaître aux habitants les élus qui les représentent.
What it is used to decide or do
Convocation des élus aux séances
Versement des indemnités
What allows the authority to process it
Legal obligation. A law or regulation requires the authority to produce this data.
Legal text: Code général des collectivités territoriales, article L2121-9
Who handles it, and for how long
Collected by
Secrétariat général
Kept up to date by
Service des assemblées
How long it is kept
Jusqu'à la fin du mandat
Passed on to
Préfecture
Trésorerie
Information about people?
This data holds information about people that the law allows to be published without anonymisation.
The law allows it for this category of documents (French code of relations between the public and the administration, article D312-1-3): noms et coordonnées professionnelles des élus."
    );
    for line in [
        "to see the information it holds about you (right of access);",
        "When the law requires this data to be processed or published, some of these rights, such as erasure or objection, may not apply.",
        "You can also write to the authority's data protection officer (DPO), the person who makes sure your personal data is respected: dpo@test.example.",
        "If you think your rights are not respected, you can lodge a complaint with the CNIL (Commission nationale de l'informatique et des libertés), the independent public authority that protects personal data in France. Lodge a complaint with the CNIL.",
        "Decision support. It helps decide: the algorithm makes a proposal, a person takes the decision.",
        "This dataset publishes 3 columns.",
        "No reason is given for 1 column: commission.",
        "For any question about this data, write to: Secrétariat général, secretariat@test.example.",
    ] {
        assert!(block.lines().any(|l| l == line), "{line}\nin:\n{block}");
    }
}

#[test]
fn a_dataset_without_usage_says_so() {
    let fixture = Fixture::new();
    built(&fixture);
    assert_eq!(
        usage_block(&fixture.read("out/datasets/budget/index.html")),
        "À quoi servent ces données\u{a0}?
La collectivité n'a pas encore expliqué à quoi servent ces données\u{a0}: ni pourquoi elle les collecte, ni ce qui l'autorise à le faire, ni combien de temps elle les garde.
Les informations publiées, et pourquoi
Ce jeu de données publie 2 colonnes.
Aucune raison n'est encore donnée pour ces 2 colonnes\u{a0}: annee, montant.
Une question\u{a0}?
Pour toute question sur ces données, écrivez à\u{a0}: donnees@test.example."
    );
}

#[test]
fn data_without_people_needs_no_rights_section() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "---\ntitle: Budget\nusage:\n  purpose: Voter le budget.\n  legal_basis: CGCT, article L2312-1\n  personal_data: aggregated\n  questions:\n    contact: https://www.test.example/contact\n    dpo: dpo@test.example\n---\n",
    );
    built(&fixture);
    assert_eq!(
        usage_block(&fixture.read("out/datasets/budget/index.html")),
        "À quoi servent ces données\u{a0}?
Pourquoi elles sont collectées
Voter le budget.
Ce qui autorise la collectivité à les traiter
Texte de référence\u{a0}: CGCT, article L2312-1
Des informations sur des personnes\u{a0}?
Ces données sont des totaux\u{a0}: chaque chiffre regroupe plusieurs personnes, et on ne peut reconnaître personne.
Les informations publiées, et pourquoi
Ce jeu de données publie 2 colonnes.
Aucune raison n'est encore donnée pour ces 2 colonnes\u{a0}: annee, montant.
Une question\u{a0}?
Pour toute question sur ces données, écrivez à\u{a0}: https://www.test.example/contact.
Délégué à la protection des données (la personne chargée de veiller au respect des données personnelles)\u{a0}: dpo@test.example."
    );
}

#[test]
fn the_register_lists_every_dataset_and_what_it_declares() {
    let fixture = elus(CONFIG).file(
        "portal/pages/engagements.md",
        "---\ntitle: Nos engagements\n---\n\n## Ce que nous publions\n\nSeulement ce qui est utile. Voir [les élus](../datasets/elus/index.md).\n",
    );
    built(&fixture);
    let page = fixture.read("out/usages/index.html");
    assert!(
        page.contains(
            "<li><a href=\"../usages/index.html\" aria-current=\"page\">Usage des données</a></li>"
        ),
        "in the main navigation"
    );
    assert_eq!(
        visible(&page, "<main", "</main>"),
        "Usage des données
Ce que nous publions
Seulement ce qui est utile. Voir les élus.
Le registre des jeux de données
Pour chaque jeu de données publié ici, ce registre dit pourquoi la collectivité le collecte, ce qui l'autorise à le faire, s'il contient des informations sur des personnes et à qui poser vos questions.
1 jeu de données sur 2 n'explique pas encore à quoi il sert.
Pourquoi chaque jeu de données est collecté
Jeu de données
Pourquoi
Ce qui l'autorise
Informations sur des personnes
Fréquence de mise à jour
Contact
Budget
Non précisé
Non précisé
Non précisé
Non précisé
donnees@test.example
Élus du conseil municipal
Faire connaître aux habitants les élus qui les représentent.
Obligation légale
Code général des collectivités territoriales, article L2121-9
Publiées comme la loi le permet
Irrégulière
secretariat@test.example
Les colonnes qui contiennent des informations sur des personnes
Certains fichiers contiennent volontairement des informations sur des personnes, parce que la loi permet ou demande de les publier. Les voici, avec la raison de chacune.
Les colonnes déclarées et leur justification
Jeu de données
Colonne
Justification
Élus du conseil municipal
email_elu
Adresse professionnelle des élus, publiable sans anonymisation.
Le registre des algorithmes
Ces algorithmes servent à prendre des décisions qui concernent chacun personnellement. La loi oblige la collectivité à en publier les règles principales (code des relations entre le public et l'administration, article L312-1-3). Si une décision vous concernant a été prise à l'aide de l'un d'eux, vous pouvez demander comment il a été appliqué à votre situation.
Calcul des indemnités
Jeu de données
Élus du conseil municipal
Organisme responsable
Commune de Test
Service
Service des assemblées
Ce qui l'autorise
Obligation légale\u{a0}: Code général des collectivités territoriales, article L2121-9
Contact
secretariat@test.example
À quoi il sert
Calculer l'indemnité de chaque élu.
Part de la décision prise par l'algorithme
Aide à la décision. Il aide à décider\u{a0}: l'algorithme fait une proposition, une personne prend la décision.
Règles principales
Un pourcentage de l'indice brut terminal, selon la fonction.
Données utilisées et leur origine
La fonction de l'élu, votée par le conseil.
Contrôle par une personne
Le service vérifie chaque montant.
Contester une décision
Écrire au maire dans les deux mois.
En savoir plus
https://www.test.example/indemnites"
    );
    assert!(
        page.contains("<a href=\"../datasets/elus/index.html\">les élus</a>"),
        "links of the commitments lead from the register page"
    );
}

#[test]
fn without_personal_columns_nor_algorithms_the_register_says_so() {
    let fixture = Fixture::new();
    built(&fixture);
    let text = visible(&fixture.read("out/usages/index.html"), "<main", "</main>");
    assert!(
        text.starts_with("Usage des données\nPour chaque jeu de données publié ici, ce registre dit pourquoi la collectivité le collecte, ce qui l'autorise à le faire, s'il contient des informations sur des personnes et à qui poser vos questions.\nLe registre des jeux de données\n1 jeu de données sur 1 n'explique pas encore à quoi il sert.\n"),
        "{text}"
    );
    assert!(
        text.ends_with("Les colonnes qui contiennent des informations sur des personnes\nAucun fichier publié ici ne contient volontairement d'informations sur des personnes."),
        "{text}"
    );
}

#[test]
fn the_api_gives_the_register_to_machines() {
    let fixture = elus(CONFIG);
    built(&fixture);
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("out/api/usages.json")).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "datasets": [
                {
                    "slug": "budget",
                    "title": "Budget",
                    "url": "https://donnees.test.example/datasets/budget/",
                    "declared": false,
                    "purpose": null,
                    "decisions": [],
                    "legal_basis": null,
                    "personal_data": null,
                    "personal_data_category": null,
                    "personal_columns": [],
                    "retention": null,
                    "recipients": [],
                    "collected_by": null,
                    "maintained_by": null,
                    "questions": {
                        "contact": { "email": "donnees@test.example", "url": null },
                        "dpo": null
                    },
                    "frequency": null,
                    "contact": { "name": null, "email": "donnees@test.example", "phone": null, "url": null }
                },
                {
                    "slug": "elus",
                    "title": "Élus du conseil municipal",
                    "url": "https://donnees.test.example/datasets/elus/",
                    "declared": true,
                    "purpose": "Faire connaître aux habitants les élus qui les représentent.",
                    "decisions": ["Convocation des élus aux séances", "Versement des indemnités"],
                    "legal_basis": {
                        "kind": "legal-obligation",
                        "reference": "Code général des collectivités territoriales, article L2121-9",
                        "url": "https://www.legifrance.gouv.fr/"
                    },
                    "personal_data": "published-by-law",
                    "personal_data_category": "noms et coordonnées professionnelles des élus.",
                    "personal_columns": [
                        {
                            "column": "email_elu",
                            "justification": "Adresse professionnelle des élus, publiable sans anonymisation."
                        }
                    ],
                    "retention": "Jusqu'à la fin du mandat",
                    "recipients": ["Préfecture", "Trésorerie"],
                    "collected_by": "Secrétariat général",
                    "maintained_by": "Service des assemblées",
                    "questions": {
                        "contact": { "email": "secretariat@test.example", "url": null },
                        "dpo": { "email": "dpo@test.example", "url": null }
                    },
                    "frequency": "IRREG",
                    "contact": {
                        "name": "Secrétariat général",
                        "email": "secretariat@test.example",
                        "phone": null,
                        "url": null
                    }
                }
            ],
            "algorithms": [
                {
                    "dataset": "elus",
                    "dataset_url": "https://donnees.test.example/datasets/elus/",
                    "name": "Calcul des indemnités",
                    "purpose": "Calculer l'indemnité de chaque élu.",
                    "automation": "decision-support",
                    "rules": "Un pourcentage de l'indice brut terminal, selon la fonction.",
                    "data": "La fonction de l'élu, votée par le conseil.",
                    "human_oversight": "Le service vérifie chaque montant.",
                    "contest": "Écrire au maire dans les deux mois.",
                    "url": "https://www.test.example/indemnites",
                    "legal_basis": {
                        "kind": "legal-obligation",
                        "reference": "Code général des collectivités territoriales, article L2121-9",
                        "url": "https://www.legifrance.gouv.fr/"
                    },
                    "organization": {
                        "slug": "commune-de-test",
                        "title": "Commune de Test",
                        "url": "https://donnees.test.example/organizations/commune-de-test/"
                    },
                    "department": "Service des assemblées",
                    "contact": { "email": "secretariat@test.example", "url": null },
                    "modified": null
                }
            ]
        })
    );
}

/// Builds a portal whose dataset has the front matter `front`, expecting
/// failure, and returns stderr without its last line (the count).
fn errors(front: &str) -> String {
    let fixture = Fixture::new().file("portal/datasets/budget/index.md", front);
    let run = fixture.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (report, _count) = run
        .stderr
        .trim_end()
        .rsplit_once("\n\n")
        .expect("a report and the count");
    format!("{report}\n")
}

#[test]
fn an_unknown_legal_basis_kind_is_reported_on_its_value() {
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  legal_basis:\n    kind: legal-duty\n    reference: CGCT\n---\n"),
        "error: unknown legal basis kind `legal-duty`
 --> datasets/budget/index.md:5:11
  |
5 |     kind: legal-duty
  |           ^
  = hint: use one of legal-obligation, public-interest, consent, contract, legitimate-interest, vital-interest
"
    );
}

#[test]
fn an_unknown_personal_data_status_is_reported_on_its_value() {
    assert_eq!(
        errors(
            "---\ntitle: Budget\nusage:\n  personal_data: private\n  personal_columns:\n    montant: Le montant.\n---\n"
        ),
        "error: unknown personal data status `private`
 --> datasets/budget/index.md:4:18
  |
4 |   personal_data: private
  |                  ^
  = hint: use one of none, aggregated, anonymised, pseudonymised, published-by-law, present
"
    );
}

#[test]
fn an_unknown_degree_of_automation_is_reported_on_its_value() {
    assert_eq!(
        errors(
            "---\ntitle: Budget\nusage:\n  algorithm:\n    name: Barème\n    automation: manual\n---\n"
        ),
        "error: unknown degree of automation `manual`
 --> datasets/budget/index.md:6:17
  |
6 |     automation: manual
  |                 ^
  = hint: use one of decision-support, partial, full
"
    );
}

#[test]
fn data_published_by_law_names_its_category() {
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  personal_data: published-by-law\n---\n"),
        "error: `personal_data` is `published-by-law`, but `personal_data_category` does not say under which category
 --> datasets/budget/index.md:4:3
  |
4 |   personal_data: published-by-law
  |   ^
  = hint: name the category of article D312-1-3 of the Code des relations entre le public et l'administration (décret 2018-1117) the data falls under, e.g. personal_data_category: \"Noms et coordonnées professionnelles des élus\"
"
    );
}

#[test]
fn personal_columns_are_justified_and_agree_with_the_status() {
    assert_eq!(
        errors(
            "---\ntitle: Budget\nusage:\n  personal_data: present\n  personal_columns:\n    montant: \"\"\n---\n"
        ),
        "error: `personal_columns` gives no justification for the column `montant`
 --> datasets/budget/index.md:6:5
  |
6 |     montant: \"\"
  |     ^
  = hint: say why this personal data may be published, e.g. the text that provides for it
"
    );
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  personal_data: none\n  personal_columns:\n    montant: Le montant.\n---\n"),
        "error: `personal_columns` declares columns that hold personal data, but `personal_data` is `none`
 --> datasets/budget/index.md:5:3
  |
5 |   personal_columns:
  |   ^
  = hint: set `personal_data` to `pseudonymised`, `published-by-law` or `present`, or remove `personal_columns`
"
    );
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  personal_columns:\n    montant: Le montant.\n---\n"),
        "error: `personal_columns` declares columns that hold personal data, but `personal_data` is missing
 --> datasets/budget/index.md:4:3
  |
4 |   personal_columns:
  |   ^
  = hint: set `personal_data` to `pseudonymised`, `published-by-law` or `present`, or remove `personal_columns`
"
    );
}

#[test]
fn addresses_of_the_usage_section_are_checked() {
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  legal_basis: { kind: consent, url: legifrance }\n  questions:\n    contact: finances\n    dpo: mailto:dpo@test.example\n---\n"),
        "error: `url` must be a web address starting with https:// or http://, not `legifrance`
 --> datasets/budget/index.md:4:33
  |
4 |   legal_basis: { kind: consent, url: legifrance }
  |                                 ^

error: `contact` must be an e-mail address or a web address starting with https:// or http://, not `finances`
 --> datasets/budget/index.md:6:5
  |
6 |     contact: finances
  |     ^
"
    );
}

#[test]
fn a_legal_basis_says_something_and_an_algorithm_has_a_name() {
    assert_eq!(
        errors("---\ntitle: Budget\nusage:\n  legal_basis: { url: \"https://www.legifrance.gouv.fr/\" }\n  algorithm:\n    purpose: Calculer.\n---\n"),
        "error: `legal_basis` needs a `kind` or a `reference`
 --> datasets/budget/index.md:4:3
  |
4 |   legal_basis: { url: \"https://www.legifrance.gouv.fr/\" }
  |   ^
  = hint: for example legal_basis: { kind: legal-obligation, reference: \"Code général des collectivités territoriales, article L2313-1\" }

error: `algorithm` needs a `name`
 --> datasets/budget/index.md:5:3
  |
5 |   algorithm:
  |   ^
  = hint: name the algorithm, or the decision it computes, e.g. name: Calcul du quotient familial
"
    );
}

#[test]
fn a_category_without_its_status_is_a_warning() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/index.md",
        "+++\ntitle = \"Budget\"\n\n[usage]\npersonal_data = \"none\"\npersonal_data_category = \"Élus\"\n+++\n",
    );
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: `personal_data_category` is only used when `personal_data` is `published-by-law`
 --> datasets/budget/index.md:6:1
  |
6 | personal_data_category = \"Élus\"
  | ^

"
    );
}

#[test]
fn an_unknown_usage_field_lists_the_known_ones() {
    let stderr = errors("---\ntitle: Budget\nusage:\n  purpose: Voter.\n  legal_base: CGCT\n---\n");
    assert_eq!(
        stderr,
        "error: unknown field `legal_base`, expected one of `purpose`, `decisions`, `legal_basis`, `collected_by`, `maintained_by`, `personal_data`, `personal_data_category`, `personal_columns`, `retention`, `recipients`, `questions`, `algorithm`
 --> datasets/budget/index.md:5:3
  |
5 |   legal_base: CGCT
  |   ^
  = hint: did you mean `legal_basis`?
"
    );
}
