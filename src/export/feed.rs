//! `feed.atom`: the datasets as an Atom 1.0 feed (RFC 4287), newest change
//! first, so that people and aggregators can follow what the portal
//! publishes without visiting it: each dataset, and each of its updates
//! (its `changelog`, and the versions of its files in the portal's git
//! history).
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
    lang: &crate::render::i18n::Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let Some(base) = portal.config.base_url.as_deref() else {
        return Ok(());
    };
    if output.contains(paths::FEED) {
        return Ok(());
    }
    let feed = feed(portal, lang, base);
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

/// An entry of the feed: a dated dataset, or one of its updates.
enum Entry<'a> {
    Dataset(&'a Dataset, jiff::civil::Date),
    Update(Update<'a>),
}

impl Entry<'_> {
    fn date(&self) -> jiff::civil::Date {
        match self {
            Entry::Dataset(_, date) => *date,
            Entry::Update(update) => update.date,
        }
    }
}

/// The dated datasets and their updates, newest first; by title on the
/// same day, so the order does not depend on folder names, a dataset
/// before its updates of that day.
fn entries(portal: &Portal) -> Vec<Entry<'_>> {
    let datasets = portal
        .datasets
        .iter()
        .filter_map(|d| changed(d).map(|date| Entry::Dataset(d, date)));
    let mut entries: Vec<Entry> = datasets.chain(updates(portal).map(Entry::Update)).collect();
    entries.sort_by_cached_key(|entry| {
        let (dataset, key) = match entry {
            Entry::Dataset(dataset, _) => (*dataset, String::new()),
            Entry::Update(update) => (update.dataset, update.key.clone()),
        };
        (
            std::cmp::Reverse(entry.date()),
            crate::model::sort_key(&dataset.meta.title),
            dataset.meta.slug.clone(),
            key,
        )
    });
    entries
}

fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

fn feed(portal: &Portal, lang: &crate::render::i18n::Lang, base: &str) -> String {
    let config = &portal.config;
    let authority = &portal.organizations[0];
    let entries = entries(portal);
    let updated = entries
        .first()
        .map_or_else(|| NO_DATE.to_string(), |entry| timestamp(entry.date()));
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
    for item in entries {
        match item {
            Entry::Dataset(dataset, date) => entry(&mut xml, portal, base, dataset, date),
            Entry::Update(update) => update_entry(&mut xml, portal, lang, base, &update),
        }
    }
    xml.push_str("</feed>\n");
    xml
}

/// An update of a dataset: an entry of its `changelog` or a version of its
/// files in the portal's git history.
struct Update<'a> {
    dataset: &'a Dataset,
    date: jiff::civil::Date,
    /// Unique among the dataset's updates, for the entry's id.
    key: String,
    text: &'a str,
}

/// Every dataset's updates.
fn updates(portal: &Portal) -> impl Iterator<Item = Update<'_>> {
    portal.datasets.iter().flat_map(|dataset| {
        let changes = dataset
            .meta
            .changelog
            .iter()
            .enumerate()
            .map(move |(n, change)| Update {
                dataset,
                date: change.date.first_day(),
                key: format!("change-{}-{n}", change.date),
                text: &change.description,
            });
        let versions = dataset.versions.iter().map(move |version| Update {
            dataset,
            date: version.date,
            key: format!("version-{}", version.commit),
            text: &version.message,
        });
        changes.chain(versions)
    })
}

fn update_entry(
    xml: &mut String,
    portal: &Portal,
    lang: &crate::render::i18n::Lang,
    base: &str,
    update: &Update,
) {
    let dataset = update.dataset;
    let page = public_url(Some(base), &dataset.path);
    let publisher = &portal.organizations[dataset.publisher];
    let _ = write!(
        xml,
        "  <entry>\n\
         \x20   <id>{id}</id>\n\
         \x20   <title>{title}</title>\n\
         \x20   <updated>{updated}</updated>\n\
         \x20   <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n\
         \x20   <author>\n      <name>{name}</name>\n      <uri>{uri}</uri>\n    </author>\n\
         \x20   <summary>{summary}</summary>\n\
         \x20 </entry>\n",
        id = escape(&format!("{page}#{}", update.key)),
        title = escape(
            &lang
                .t("history_update")
                .replace("{title}", &dataset.meta.title)
                .replace("{change}", update.text)
        ),
        updated = timestamp(update.date),
        link = escape(&format!("{page}#history")),
        name = escape(&publisher.title),
        uri = escape(&public_url(Some(base), &publisher.path)),
        summary = escape(update.text),
    );
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
