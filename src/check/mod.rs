//! `ouvert check`: every problem of the portal in one report, for editorial
//! review (in CI, on each merge request). It runs what `ouvert build` runs —
//! reading, the personal-data guard, rendering and exports, written
//! nowhere — and adds the checks that matter when reviewing a change:
//! links in the Markdown that lead to nothing published, and datasets that
//! do not tell citizens what their data is used for.

pub mod report;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Document;
use crate::model::Portal;
use crate::output::Output;
use crate::render::markdown::{LinkContext, broken_links};
use crate::{GenerateOptions, Reading};

/// What a check found.
pub struct Checked {
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Datasets read, when the portal could be read as a whole.
    pub datasets: Option<usize>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks the portal at `root`. `Err` is for usage and plumbing failures
/// (not a portal, unreadable folder); problems in the portal are in the
/// result.
pub fn check(root: &Path, options: &GenerateOptions) -> anyhow::Result<Checked> {
    crate::config::ensure_portal(root)?;
    let exclude = root.join("public");
    let prepared = match crate::read(root, Some(&exclude), options, None)? {
        Reading::Ready(prepared) => prepared,
        // Rendering needs a portal read without error; what stopped it is
        // the report.
        Reading::Blocked { diagnostics, .. } => {
            return Ok(Checked { diagnostics, datasets: None });
        }
    };
    let mut diagnostics = prepared.diagnostics.clone();
    diagnostics.extend(crate::write(&prepared, &Output::nowhere(), options)?.into_sorted());
    editorial(&prepared.portal, &mut diagnostics);
    Ok(Checked {
        diagnostics: diagnostics.into_sorted(),
        datasets: Some(prepared.portal.datasets.len()),
    })
}

/// The checks only `ouvert check` runs: they say what a reviewer would.
fn editorial(portal: &Portal, diagnostics: &mut Diagnostics) {
    for dataset in &portal.datasets {
        links(&dataset.meta.doc, &dataset.path, portal, diagnostics);
        usage(dataset, diagnostics);
    }
    for page in &portal.pages {
        links(&page.meta.doc, &page.path, portal, diagnostics);
    }
    for organization in &portal.organizations {
        if let Some(meta) = &organization.meta {
            links(&meta.doc, &organization.path, portal, diagnostics);
        }
    }
}

fn links(doc: &Document, page: &str, portal: &Portal, diagnostics: &mut Diagnostics) {
    let context = LinkContext::of(portal, &doc.path, page);
    for broken in broken_links(doc.body(), &context) {
        if broken.remote {
            diagnostics.push(
                doc.at_body_offset(
                    Diagnostic::warning(format!(
                        "the image `{}` is on another site: the portal's pages load only its own files, so it will not show",
                        broken.dest
                    )),
                    broken.offset,
                )
                .hint("save the image in this file's folder and write its name instead, as in ![Carte](carte.png)"),
            );
            continue;
        }
        let message = if broken.image {
            format!("the image `{}` is not in the portal", broken.dest)
        } else {
            format!(
                "the link to `{}` leads to nothing published in the portal",
                broken.dest
            )
        };
        diagnostics.push(
            doc.at_body_offset(Diagnostic::warning(message), broken.offset)
            .hint(
                "check the spelling; addresses are relative to this file's folder (a dataset is linked by its folder, as in ../datasets/budget/), or start with / for the portal's folder",
            ),
        );
    }
}

fn usage(dataset: &crate::model::Dataset, diagnostics: &mut Diagnostics) {
    let doc = &dataset.meta.doc;
    match &dataset.meta.usage {
        None => diagnostics.push(
            Diagnostic::warning("the dataset does not say what its data is used for: it has no `usage` section")
                .file(&doc.path)
                .line(doc.front_line)
                .hint("add a `usage:` section to the front matter with at least purpose, legal_basis, personal_data and retention: the dataset page explains them to citizens"),
        ),
        Some(usage) => {
            let missing = usage.missing_essentials();
            if !missing.is_empty() {
                let fields = crate::util::text::and_list(
                    &missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>(),
                );
                diagnostics.push(
                    doc.at_key(
                        Diagnostic::warning(format!("the `usage` section does not give {fields}")),
                        &["usage"],
                    )
                    .hint("citizens are told why the data is collected (purpose), what allows it (legal_basis), whether it is about people (personal_data) and how long it is kept (retention)"),
                );
            }
        }
    }
}
