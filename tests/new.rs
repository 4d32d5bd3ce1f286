//! `ouvert new` makes a portal that builds as it is.

mod common;

use common::{Fixture, Run, ouvert};
use serde_json::{Value, json};

#[test]
fn a_new_portal_builds_and_only_asks_for_its_address() {
    for (language, dataset, page, about) in [
        (
            "fr",
            "premier-jeu-de-donnees",
            "exemple.csv",
            "pages/a-propos/index.html",
        ),
        (
            "en",
            "first-dataset",
            "example.csv",
            "pages/about/index.html",
        ),
    ] {
        let fixture = Fixture::empty();
        let dir = fixture.path("mairie-de-test");
        let run: Run = ouvert()
            .arg("new")
            .arg(&dir)
            .args(["--language", language])
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout
                .starts_with(&format!("Created the portal {}.\n", dir.display()))
        );
        assert!(
            run.stdout
                .contains(".github/workflows/ouvert.yml (GitHub Actions)")
                && run.stdout.contains(".gitlab-ci.yml (GitLab CI)"),
            "{}",
            run.stdout
        );
        for file in [
            "ouvert.toml",
            ".gitignore",
            ".github/workflows/ouvert.yml",
            ".gitlab-ci.yml",
            &format!("datasets/{dataset}/index.md"),
            &format!("datasets/{dataset}/{page}"),
        ] {
            assert!(dir.join(file).is_file(), "{file}");
        }
        let config = fixture.read("mairie-de-test/ouvert.toml");
        assert!(config.contains("name = \"Mairie de test\""), "{config}");
        assert!(config.contains(&format!("language = \"{language}\"")));

        let run: Run = ouvert().arg("build").arg(&dir).output().unwrap().into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The address a portal will be published at is not known yet: the
        // catalogs that need it wait for it, and the build says so.
        assert_eq!(
            run.stderr,
            "warning: no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address\n --> ouvert.toml\n  = hint: add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"\n\n"
        );
        assert!(
            dir.join(format!("public/datasets/{dataset}/index.html"))
                .is_file()
        );
        assert!(dir.join(about).is_file() || dir.join("public").join(about).is_file());
        let home = fixture.read("mairie-de-test/public/index.html");
        assert!(home.contains(&format!("<html lang=\"{language}\">")));
    }
}

#[test]
fn name_is_escaped_in_the_configuration() {
    let fixture = Fixture::empty();
    let dir = fixture.path("p");
    let run: Run = ouvert()
        .arg("new")
        .arg(&dir)
        .args(["--name", "Commune \"La Grande\""])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fixture
            .read("p/ouvert.toml")
            .contains(r#"name = 'Commune "La Grande"'"#)
            || fixture
                .read("p/ouvert.toml")
                .contains(r#"name = "Commune \"La Grande\"""#)
    );
    let run: Run = ouvert().arg("build").arg(&dir).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fixture
            .read("p/public/index.html")
            .contains("Commune &quot;La Grande&quot;")
    );
}

#[test]
fn refuses_a_non_empty_folder() {
    let fixture = Fixture::empty().file("p/notes.txt", "mine");
    let run: Run = ouvert()
        .arg("new")
        .arg(fixture.path("p"))
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: refusing to create the portal in {}: the folder is not empty\n",
            fixture.path("p").display()
        )
    );
    assert_eq!(fixture.read("p/notes.txt"), "mine");
}

/// The CI files `ouvert new` writes, in one language, parsed.
struct Ci {
    github: Value,
    gitlab: Value,
    github_text: String,
    gitlab_text: String,
}

fn new_portal_ci(language: &str) -> Ci {
    let fixture = Fixture::empty();
    let dir = fixture.path("p");
    let run: Run = ouvert()
        .arg("new")
        .arg(&dir)
        .args(["--language", language])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let github_text = fixture.read("p/.github/workflows/ouvert.yml");
    let gitlab_text = fixture.read("p/.gitlab-ci.yml");
    Ci {
        github: yaml(&github_text),
        gitlab: yaml(&gitlab_text),
        github_text,
        gitlab_text,
    }
}

/// YAML as the forges read it, a key written twice being an error (GitHub
/// refuses such a workflow).
fn yaml(text: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    serde_saphyr::from_str_with_options(text, options).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The `run` commands of a GitHub job's steps, or the `script` of a GitLab
/// job, one string.
fn commands(steps: &Value) -> String {
    match steps {
        Value::Array(items) => items.iter().map(commands).collect::<Vec<_>>().join("\n"),
        Value::Object(step) => step
            .get("run")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        Value::String(line) => line.clone(),
        _ => String::new(),
    }
}

fn uses(steps: &Value) -> Vec<&str> {
    steps
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|step| step.get("uses").and_then(Value::as_str))
        .collect()
}

#[test]
fn github_workflow_checks_pull_requests_and_publishes_main() {
    for language in ["fr", "en"] {
        let Ci { github, github_text, .. } = new_portal_ci(language);
        assert!(!github_text.contains("{version}"));
        assert_eq!(github["env"]["OUVERT_VERSION"], env!("CARGO_PKG_VERSION"));
        assert_eq!(github["env"]["OUVERT_PORTAL"], ".");
        // Every pull request, and pushes to main only.
        assert!(github["on"].get("pull_request").is_some(), "{github_text}");
        assert_eq!(github["on"]["push"]["branches"], json!(["main"]));
        // Weekly, so that the published pages tell which datasets have
        // turned late since the last change.
        assert_eq!(github["on"]["schedule"], json!([{"cron": "0 6 * * 1"}]));
        assert_eq!(github["permissions"], json!({"contents": "read"}));

        let check = &github["jobs"]["check"];
        let steps = &check["steps"];
        // The date each dataset last changed comes from the git history,
        // which a shallow clone would put at the last commit for all.
        assert!(
            steps[0]["uses"]
                .as_str()
                .unwrap()
                .starts_with("actions/checkout@")
        );
        assert_eq!(steps[0]["with"]["fetch-depth"], 0);
        let run = commands(steps);
        assert!(
            run.contains(r#"cargo install --locked ouvert --version "$OUVERT_VERSION""#),
            "{run}"
        );
        assert!(run.contains(r#"ouvert check "$OUVERT_PORTAL" --format github"#));
        assert!(run.contains(r#"ouvert build "$OUVERT_PORTAL" --out public"#));
        // The check comes before the build, and the build runs on main only.
        assert!(run.find("ouvert check").unwrap() < run.find("ouvert build").unwrap());
        let main_only = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'";
        for step in steps.as_array().unwrap() {
            let text = step.to_string();
            if text.contains("ouvert build") || text.contains("upload-pages-artifact") {
                assert_eq!(step["if"], main_only, "{step}");
            }
        }
        let cache = steps
            .as_array()
            .unwrap()
            .iter()
            .find(|step| {
                step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/cache@"))
            })
            .expect("the installed ouvert is cached");
        assert!(
            cache["with"]["key"]
                .as_str()
                .unwrap()
                .contains("${{ env.OUVERT_VERSION }}")
        );
        let upload = steps
            .as_array()
            .unwrap()
            .iter()
            .find(|step| {
                step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
            })
            .unwrap();
        assert_eq!(upload["with"]["path"], "public");

        let publish = &github["jobs"]["publish"];
        assert_eq!(publish["needs"], "check");
        assert_eq!(publish["if"], main_only);
        assert_eq!(
            publish["permissions"],
            json!({"pages": "write", "id-token": "write"})
        );
        assert_eq!(publish["environment"]["name"], "github-pages");
        assert_eq!(publish["concurrency"]["group"], "pages");
        assert_eq!(publish["concurrency"]["cancel-in-progress"], false);
        let actions: Vec<&str> = uses(&publish["steps"])
            .into_iter()
            .map(|u| u.split('@').next().unwrap())
            .collect();
        assert_eq!(actions, ["actions/configure-pages", "actions/deploy-pages"]);
        assert_eq!(
            github["jobs"].as_object().unwrap().len(),
            2,
            "{github_text}"
        );
    }
}

#[test]
fn gitlab_ci_checks_merge_requests_and_publishes_the_default_branch() {
    for language in ["fr", "en"] {
        let Ci { gitlab, gitlab_text, .. } = new_portal_ci(language);
        assert_eq!(
            gitlab["variables"]["OUVERT_VERSION"],
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(gitlab["variables"]["GIT_DEPTH"], "0");
        let template = &gitlab[".ouvert"];
        assert!(template["image"].as_str().unwrap().starts_with("rust:"));
        assert_eq!(template["cache"]["key"], "ouvert-$OUVERT_VERSION");
        assert_eq!(template["cache"]["paths"], json!([".ouvert-bin/"]));
        let install = commands(&template["before_script"]);
        assert!(
            install.contains(r#"cargo install --locked ouvert --version "$OUVERT_VERSION""#),
            "{install}"
        );

        let check = &gitlab["check"];
        assert_eq!(check["extends"], ".ouvert");
        assert_eq!(
            check["rules"],
            json!([
                {"if": "$CI_PIPELINE_SOURCE == \"merge_request_event\""},
                {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"},
            ])
        );
        // The Code Quality report whatever it finds, then the text report
        // whose exit code fails the job.
        assert_eq!(
            check["script"],
            json!([
                "ouvert check \"$OUVERT_PORTAL\" --format gitlab > gl-code-quality-report.json || true",
                "ouvert check \"$OUVERT_PORTAL\"",
            ])
        );
        assert_eq!(check["artifacts"]["when"], "always");
        assert_eq!(
            check["artifacts"]["reports"]["codequality"],
            "gl-code-quality-report.json"
        );

        // GitLab Pages publishes the `public` artifact of the job named `pages`.
        let pages = &gitlab["pages"];
        assert_eq!(pages["extends"], ".ouvert");
        assert_eq!(
            pages["rules"],
            json!([{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}])
        );
        assert!(
            commands(&pages["script"]).contains(r#"ouvert build "$OUVERT_PORTAL" --out public"#)
        );
        assert_eq!(pages["artifacts"]["paths"], json!(["public"]));
        assert_eq!(gitlab["stages"], json!(["test", "deploy"]));
        assert_eq!(check["stage"], "test");
        assert_eq!(pages["stage"], "deploy");
        assert!(!gitlab_text.contains("{version}"));
    }
}

/// The French and English files differ only in their comments and the
/// names shown to people, so a change made to one is made to the other.
#[test]
fn ci_files_say_the_same_in_both_languages() {
    fn without_words(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(key, _)| *key != "name")
                    .map(|(key, value)| (key.clone(), without_words(value)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .filter(|item| {
                        !item
                            .as_str()
                            .is_some_and(|line| line.starts_with("echo \""))
                    })
                    .map(without_words)
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    let (fr, en) = (new_portal_ci("fr"), new_portal_ci("en"));
    assert_eq!(without_words(&fr.github), without_words(&en.github));
    assert_eq!(without_words(&fr.gitlab), without_words(&en.gitlab));
    // The comments are in the portal's language.
    assert!(
        fr.github_text
            .contains("# Vérification et publication du portail sur GitHub.")
    );
    assert!(
        en.gitlab_text
            .contains("# Checking and publishing the portal on GitLab.")
    );
}

/// The CI files sit in hidden places the portal's reader skips, and the
/// folder CI installs ouvert into is hidden too: neither changes the site.
#[test]
fn ci_files_and_ci_cache_are_not_published() {
    let fixture = Fixture::empty();
    let dir = fixture.path("p");
    let run: Run = ouvert().arg("new").arg(&dir).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::create_dir_all(dir.join(".ouvert-bin/bin")).unwrap();
    std::fs::write(dir.join(".ouvert-bin/bin/ouvert"), "binary").unwrap();
    let run: Run = ouvert().arg("check").arg(&dir).output().unwrap().into();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let run: Run = ouvert()
        .arg("build")
        .arg(&dir)
        .arg("--out")
        .arg(dir.join("public"))
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for hidden in [".github", ".gitlab-ci.yml", ".ouvert-bin"] {
        assert!(!dir.join("public").join(hidden).exists(), "{hidden}");
    }
}
