//! `feed.atom`: the datasets as an Atom 1.0 feed (RFC 4287), newest change
//! first, so that people and aggregators can follow what the portal
//! publishes without visiting it.
//!
//! Only datasets with a date (`created` or `modified`) are entries: a feed
//! announces changes at a date, and the files' modification times are no
//! substitute — in a git checkout they are the time of the checkout, so
//! every build in CI would announce every dataset again.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, Portal, paths};
use crate::output::Output;
use crate::util::url::public_url;
use crate::util::xml::escape;
use crate::vocab::DATA_THEME_BASE;

/// Characters of a summary made from the description, as on the site.
const EXCERPT_CHARS: usize = 220;

/// The feed's date when no dataset has one: the feed must have a date,
/// and the build's own time would make two builds of the same portal
/// differ.
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// Writes `feed.atom` when the portal's address is known (entries are
/// identified by absolute addresses). A `feed.atom` the portal publishes
/// itself from `static/` is kept instead.
pub fn write(
    portal: &Portal,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let Some(base) = portal.config.base_url.as_deref() else {
        return Ok(());
    };
    if output.contains(paths::FEED) {
        return Ok(());
    }
    let feed = feed(portal, base);
    output.publish(paths::FEED, "the Atom feed", feed.into_bytes(), diagnostics)
}

/// The date a dataset last changed, as far as its metadata says: the later
/// of `created` and `modified`, each taken at its first day (a `modified:
/// 2026` must not announce a change in December that has not happened).
pub fn changed(dataset: &Dataset) -> Option<jiff::civil::Date> {
    let meta = &dataset.meta;
    [meta.created, meta.modified]
        .into_iter()
        .flatten()
        .map(|d| d.first_day())
        .max()
}

/// The dated datasets, newest change first; by title on the same day, so
/// the order does not depend on folder names.
fn entries(portal: &Portal) -> Vec<(&Dataset, jiff::civil::Date)> {
    let mut entries: Vec<_> = portal
        .datasets
        .iter()
        .filter_map(|d| changed(d).map(|date| (d, date)))
        .collect();
    entries.sort_by_cached_key(|(d, date)| {
        (
            std::cmp::Reverse(*date),
            crate::model::sort_key(&d.meta.title),
            d.meta.slug.clone(),
        )
    });
    entries
}

fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

fn feed(portal: &Portal, base: &str) -> String {
    let config = &portal.config;
    let authority = &portal.organizations[0];
    let entries = entries(portal);
    let updated = entries
        .first()
        .map_or_else(|| NO_DATE.to_string(), |(_, date)| timestamp(*date));
    let self_url = public_url(Some(base), paths::FEED);
    let mut xml = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         \x20 <id>{id}</id>\n\
         \x20 <title>{title}</title>\n",
        lang = escape(&config.language),
        id = escape(&self_url),
        title = escape(&config.title),
    );
    if let Some(tagline) = &config.tagline {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(tagline));
    }
    let _ = write!(
        xml,
        "  <updated>{updated}</updated>\n\
         \x20 <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
         \x20 <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n\
         \x20 <author>\n    <name>{name}</name>\n    <uri>{uri}</uri>\n  </author>\n\
         \x20 <generator version=\"{version}\">ouvert</generator>\n",
        self_url = escape(&self_url),
        home = escape(&public_url(Some(base), paths::HOME)),
        name = escape(&authority.title),
        uri = escape(&public_url(Some(base), &authority.path)),
        version = env!("CARGO_PKG_VERSION"),
    );
    for (dataset, date) in entries {
        entry(&mut xml, portal, base, dataset, date);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(
    xml: &mut String,
    portal: &Portal,
    base: &str,
    dataset: &Dataset,
    date: jiff::civil::Date,
) {
    let meta = &dataset.meta;
    let url = escape(&public_url(Some(base), &dataset.path));
    let publisher = &portal.organizations[dataset.publisher];
    let summary = meta
        .summary
        .clone()
        .unwrap_or_else(|| crate::render::markdown::excerpt(meta.doc.body(), EXCERPT_CHARS));
    let _ = write!(
        xml,
        "  <entry>\n\
         \x20   <id>{url}</id>\n\
         \x20   <title>{title}</title>\n\
         \x20   <updated>{updated}</updated>\n",
        title = escape(&meta.title),
        updated = timestamp(date),
    );
    if let Some(created) = meta.created {
        let _ = writeln!(
            xml,
            "    <published>{}</published>",
            timestamp(created.first_day())
        );
    }
    let _ = write!(
        xml,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
         \x20   <author>\n      <name>{name}</name>\n      <uri>{uri}</uri>\n    </author>\n",
        name = escape(&publisher.title),
        uri = escape(&public_url(Some(base), &publisher.path)),
    );
    if !summary.is_empty() {
        let _ = writeln!(xml, "    <summary>{}</summary>", escape(&summary));
    }
    for keyword in &meta.keywords {
        let _ = writeln!(xml, "    <category term=\"{}\"/>", escape(keyword));
    }
    for theme in &meta.themes {
        let _ = writeln!(
            xml,
            "    <category term=\"{theme}\" scheme=\"{DATA_THEME_BASE}\"/>"
        );
    }
    xml.push_str("  </entry>\n");
}
