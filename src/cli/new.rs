//! `ouvert new DIR`: a minimal working portal whose comments teach the
//! format.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use super::exit;
use crate::util::fs as ufs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
    /// Name of the publishing authority [default: from the folder name].
    #[arg(long)]
    pub name: Option<String>,
    /// Language of the portal and of the example content.
    #[arg(long, default_value = "fr", value_parser = ["fr", "en"])]
    pub language: String,
}

/// Where the forges look for their CI files: both are written, since the
/// editor may host the portal on either.
const GITHUB_WORKFLOW: &str = ".github/workflows/ouvert.yml";
const GITLAB_CI: &str = ".gitlab-ci.yml";

/// The starter files, per language: (path in the portal, content).
pub(crate) fn starter(language: &str) -> [(&'static str, &'static str); 7] {
    match language {
        "en" => [
            ("ouvert.toml", include_str!("starter/en/ouvert.toml")),
            (
                "datasets/first-dataset/index.md",
                include_str!("starter/en/datasets/first-dataset/index.md"),
            ),
            (
                "datasets/first-dataset/example.csv",
                include_str!("starter/en/datasets/first-dataset/example.csv"),
            ),
            ("pages/about.md", include_str!("starter/en/pages/about.md")),
            (".gitignore", include_str!("starter/en/gitignore")),
            (
                GITHUB_WORKFLOW,
                include_str!("starter/en/github-workflow.yml"),
            ),
            (GITLAB_CI, include_str!("starter/en/gitlab-ci.yml")),
        ],
        _ => [
            ("ouvert.toml", include_str!("starter/fr/ouvert.toml")),
            (
                "datasets/premier-jeu-de-donnees/index.md",
                include_str!("starter/fr/datasets/premier-jeu-de-donnees/index.md"),
            ),
            (
                "datasets/premier-jeu-de-donnees/exemple.csv",
                include_str!("starter/fr/datasets/premier-jeu-de-donnees/exemple.csv"),
            ),
            (
                "pages/a-propos.md",
                include_str!("starter/fr/pages/a-propos.md"),
            ),
            (".gitignore", include_str!("starter/fr/gitignore")),
            (
                GITHUB_WORKFLOW,
                include_str!("starter/fr/github-workflow.yml"),
            ),
            (GITLAB_CI, include_str!("starter/fr/gitlab-ci.yml")),
        ],
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    create(&args.dir, args.name.as_deref(), &args.language)?;
    let dir = args.dir.display();
    println!("Created the portal {dir}.");
    println!(
        "Next: run `ouvert serve {dir}` and open http://127.0.0.1:8000/ to see the portal change as you edit {dir}/ouvert.toml and the files beside it; `ouvert build {dir}` writes the site to publish into {dir}/public"
    );
    println!(
        "To publish from a forge, make {dir} a git repository and push it to GitHub or GitLab: {GITHUB_WORKFLOW} (GitHub Actions) and {GITLAB_CI} (GitLab CI) run `ouvert check` on every merge request and publish the main branch to GitHub Pages or GitLab Pages. Keep the file of your forge (the other can be deleted) and set base_url in ouvert.toml to the Pages address its comments give; ouvert's docs/editing.md explains how to edit the portal in the forge's web editor"
    );
    Ok(ExitCode::from(exit::OK))
}

pub fn create(dir: &Path, name: Option<&str>, language: &str) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!(
                "cannot create the portal {}: a file has that name",
                dir.display()
            );
        }
        if std::fs::read_dir(dir)?.next().is_some() {
            bail!(
                "refusing to create the portal in {}: the folder is not empty",
                dir.display()
            );
        }
    }
    let name = name
        .map(str::to_string)
        .unwrap_or_else(|| name_from_folder(dir));
    let title = match language {
        "en" => format!("Open data – {name}"),
        _ => format!("Données ouvertes – {name}"),
    };
    let today = jiff::ZonedDateTime::now().date().to_string();
    for (path, content) in starter(language) {
        let content = content
            .replace("{title}", &toml_string(&title))
            .replace("{name}", &toml_string(&name))
            .replace("{today}", &today)
            // CI installs the version that made the portal, which is known
            // to build it.
            .replace("{version}", env!("CARGO_PKG_VERSION"));
        ufs::write(&dir.join(path), content.as_bytes())?;
    }
    ufs::create_dir_all(&dir.join("static"))?;
    Ok(())
}

/// `mairie-de-clairval` gives "Mairie de clairval".
pub(crate) fn name_from_folder(dir: &Path) -> String {
    let raw = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = raw.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Ma collectivité".to_string(),
    }
}

/// A TOML basic string, quoted and escaped.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
