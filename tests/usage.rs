//! What datasets are used for: the `usage` section of the front matter.

mod common;

use common::Fixture;

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
