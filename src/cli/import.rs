//! `ouvert import KIND SOURCE PORTAL`: portal files from a catalog kept
//! elsewhere, with a report of what could not be carried over.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::exit;
use crate::import::{self, Imported, Kind, Written};
use crate::util::fs as ufs;
use crate::util::text::count;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the source is.
    #[arg(value_enum)]
    pub kind: Kind,
    /// The catalog file (for `jkan`, the site's folder; for `datapackage`,
    /// the `datapackage.json` or its folder).
    pub source: PathBuf,
    /// The portal folder to write into: a new folder, or an existing
    /// portal to which the datasets are added.
    pub portal: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    import::ready(&args.portal)?;
    let imported = import::read(args.kind, &args.source)?;
    let fallback = super::new::name_from_folder(&args.portal);
    let written = import::write(&imported, &args.portal, &fallback)?;
    if written.new_portal {
        starter_files(&args.portal)?;
    }
    print!(
        "{}",
        report(&imported, &written, &args.source, &args.portal)
    );
    Ok(ExitCode::from(exit::OK))
}

/// What every portal `ouvert new` makes has besides its content: the
/// `.gitignore` and the forges' CI files that check and publish it.
fn starter_files(portal: &Path) -> anyhow::Result<()> {
    for (path, content) in super::new::starter("fr") {
        if path == crate::config::CONFIG_FILE
            || path.starts_with("datasets/")
            || path.starts_with("pages/")
        {
            continue;
        }
        let content = content.replace("{version}", env!("CARGO_PKG_VERSION"));
        ufs::write(&portal.join(path), content.as_bytes())?;
    }
    ufs::create_dir_all(&portal.join("static"))
}

/// The report printed after an import.
pub fn report(imported: &Imported, written: &Written, source: &Path, portal: &Path) -> String {
    let mut out = String::new();
    let portal_name = portal.display();
    out.push_str(&format!(
        "Imported {} and {} from {} into {portal_name}{}.\n",
        count(written.datasets.len(), "dataset", "datasets"),
        count(written.organizations, "organization", "organizations"),
        source.display(),
        if written.new_portal {
            " (a new portal)"
        } else {
            ""
        },
    ));
    if written.copied > 0 {
        out.push_str(&format!(
            "Copied {} into the portal.\n",
            count(written.copied, "file", "files")
        ));
    }
    for page in &imported.also_read {
        out.push_str(&format!(
            "Also read {}, a further page of the catalog.\n",
            page.display()
        ));
    }
    if !written.existing.is_empty() {
        out.push_str(&format!(
            "Left alone, their folder exists in {portal_name}/datasets/: {}.\n",
            written.existing.join(", ")
        ));
    }
    if !imported.unmapped.0.is_empty() {
        out.push_str("\nNot imported (the portal format has no place for them):\n");
        for (field, found) in &imported.unmapped.0 {
            let whose = match found.datasets.as_slice() {
                [] => "the catalog".to_string(),
                [one] => one.clone(),
                [a, b] => format!("{a}, {b}"),
                [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
            };
            out.push_str(&format!("  {field}: {} ({whose})\n", found.example));
        }
    }
    if !written.notes.is_empty() {
        out.push_str("\nTo do:\n");
        for note in &written.notes {
            out.push_str(&format!("  {note}\n"));
        }
    }
    out.push_str(&format!(
        "\nNext: run `ouvert check {portal_name}`, then `ouvert serve {portal_name}` to see the portal."
    ));
    if written.new_portal {
        out.push_str(&format!(
            " Set base_url in {portal_name}/ouvert.toml to the address where it will be published."
        ));
    }
    out.push('\n');
    out
}
