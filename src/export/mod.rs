//! Machine-readable exports of the portal: the static JSON API and the
//! catalogs harvesters and search engines read. Like pages, every file goes
//! through [`crate::output::Output`].

pub mod api;
pub mod catalogue;
pub mod datapackage;
pub mod dcat;
pub mod feed;
pub mod participation;
pub mod search;
pub mod sitemap;
pub mod usages;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Portal;
use crate::output::Output;

/// Writes every export of the portal but the sitemap, which lists what
/// was written: [`sitemap::write`] comes after the pages and the search
/// index.
pub fn write(
    portal: &Portal,
    lang: &crate::render::i18n::Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    // Independent of each other: written side by side, each saying its
    // problems apart, gathered in a fixed order.
    type Export<'a> = Box<dyn Fn(&mut Diagnostics) -> anyhow::Result<()> + Sync + 'a>;
    let exports: [Export; 5] = [
        Box::new(|d| api::write(portal, lang, output, d)),
        Box::new(|d| datapackage::write(portal, lang, output, d)),
        Box::new(|d| catalogue::write(portal, lang, output, d)),
        Box::new(|d| dcat::write(portal, output, d)),
        Box::new(|d| feed::write(portal, lang, output, d)),
    ];
    let said = exports
        .par_iter()
        .map(|export| Diagnostics::of(export))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for said in said {
        diagnostics.extend(said.into_sorted());
    }
    if portal.config.base_url.is_none() {
        diagnostics.push(no_base_url());
    }
    Ok(())
}

/// The exports that need absolute addresses are not written without
/// `base_url`: said once, where it would go.
fn no_base_url() -> Diagnostic {
    Diagnostic::warning(
        "no `base_url`: catalog.ttl, catalog.jsonld, catalogue.csv, feed.atom and sitemap.xml are not written, since they need the portal's web address",
    )
    .file(crate::config::CONFIG_FILE)
    .hint("add the address the portal is published at to ouvert.toml, for example base_url = \"https://donnees.example.fr/\"")
}
