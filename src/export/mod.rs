//! Machine-readable exports of the portal: the static JSON API and the
//! catalogs harvesters and search engines read. Like pages, every file goes
//! through [`crate::output::Output`].

pub mod api;
pub mod catalogue;
pub mod datapackage;
pub mod dcat;
pub mod feed;
pub mod search;
pub mod sitemap;
pub mod usages;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Portal;
use crate::output::Output;

/// Writes every export of the portal.
pub fn write(
    portal: &Portal,
    lang: &crate::render::i18n::Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    api::write(portal, lang, output, diagnostics)?;
    datapackage::write(portal, lang, output, diagnostics)?;
    catalogue::write(portal, lang, output, diagnostics)?;
    dcat::write(portal, output, diagnostics)?;
    feed::write(portal, output, diagnostics)?;
    if portal.config.base_url.is_none() {
        diagnostics.push(no_base_url());
    }
    // Last: the sitemap lists the pages written before it.
    sitemap::write(portal, output, diagnostics)?;
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
