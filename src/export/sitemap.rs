//! `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`, for search
//! engines.
//!
//! The sitemap lists the pages the build really wrote, read back from
//! [`Output`] rather than recomputed from the model, so a page added to
//! the renderer, or an HTML file of `static/`, can never be missing from
//! it. It must therefore be written after every page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostics::Diagnostics;
use crate::model::{Portal, paths};
use crate::output::Output;
use crate::util::url::public_url;
use crate::util::xml::escape;

/// Writes `sitemap.xml` (only when the portal's address is known: the
/// protocol wants absolute addresses) and `robots.txt`, pointing to the
/// sitemap when there is one. A file of the same name the portal
/// publishes itself from `static/` is kept instead: a portal may have
/// reasons of its own to keep robots away.
pub fn write(
    portal: &Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let base = portal.config.base_url.as_deref();
    let mut files = Vec::new();
    if let Some(base) = base
        && !output.contains(paths::SITEMAP)
    {
        files.push((paths::SITEMAP, "the sitemap", sitemap(portal, output, base)));
    }
    if !output.contains(paths::ROBOTS) {
        files.push((paths::ROBOTS, "robots.txt", robots(base)));
    }
    for (path, origin, text) in files {
        output.publish(path, origin, text.into_bytes(), diagnostics)?;
    }
    Ok(())
}

/// Every HTML file written so far, except the 404 page: hosts serve it for
/// addresses that do not exist, it is not a page to find.
fn sitemap(portal: &Portal, output: &Output, base: &str) -> String {
    let lastmod: BTreeMap<&str, jiff::civil::Date> = portal
        .datasets
        .iter()
        .filter_map(|d| super::feed::changed(d).map(|date| (d.path.as_str(), date)))
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in output.paths() {
        if !path.ends_with(".html") || path == paths::NOT_FOUND {
            continue;
        }
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            escape(&public_url(Some(base), &path))
        );
        if let Some(date) = lastmod.get(path.as_str()) {
            let _ = writeln!(xml, "    <lastmod>{date}</lastmod>");
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(base: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        let _ = writeln!(
            text,
            "\nSitemap: {}",
            public_url(Some(base), paths::SITEMAP)
        );
    }
    text
}
