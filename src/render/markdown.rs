//! Markdown to HTML for descriptions and free pages.
//!
//! - HTML written in Markdown is shown as text, never interpreted: content
//!   comes from many hands and must not run script in a reader's browser.
//!   A portal that opts in (`[markdown] raw_html = true`) keeps it, and
//!   the whole result is then sanitised (ammonia): no script, no event
//!   handler, no style, only http, https, mailto and tel addresses.
//! - Links with a scheme other than http, https, mailto and tel are dropped
//!   (`javascript:`, `data:`…), keeping their text.
//! - Relative links are written by editors the way the forge shows them,
//!   relative to the Markdown file (`../budget/index.md`); they are rewritten
//!   to the published page or file, relative to the page being rendered.
//! - Headings are shifted so the highest one is an `h2`: the page title is
//!   the only `h1`, and no level is skipped whether the editor started the
//!   sections with `#` or `##`.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::util::url::{decode_path, encode_path, root_prefix};

/// Where a Markdown text lives and where it is shown.
pub struct LinkContext<'a> {
    /// Portal path of the Markdown file (`pages/a-propos.md`).
    pub source: &'a str,
    /// Site path of the page that shows it (`pages/a-propos/index.html`).
    pub page: &'a str,
    /// Portal path → site path of everything published.
    pub links: &'a BTreeMap<String, String>,
    /// Keep HTML written in Markdown, sanitised (`[markdown] raw_html`).
    pub raw_html: bool,
}

impl<'a> LinkContext<'a> {
    /// The Markdown file `source` of `portal`, shown on the page `page`.
    pub fn of(portal: &'a crate::model::Portal, source: &'a str, page: &'a str) -> Self {
        LinkContext {
            source,
            page,
            links: &portal.links,
            raw_html: portal.config.raw_html,
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

pub fn to_html(markdown: &str, context: &LinkContext) -> String {
    let shift = heading_shift(markdown);
    // Whether each open link or image was kept, to drop the matching end.
    let mut kept: Vec<bool> = Vec::new();
    let raw_html = context.raw_html;
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) if !raw_html => Some(Event::Text(html)),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading {
                level: shifted(level, shift),
                id,
                classes,
                attrs,
            }))
        }
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(shifted(level, shift))))
        }
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest = rewrite(&dest_url, context);
            kept.push(dest.is_some());
            dest.map(|dest_url| Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest = rewrite(&dest_url, context);
            kept.push(dest.is_some());
            dest.map(|dest_url| Event::Start(Tag::Image { link_type, dest_url, title, id }))
        }
        Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
            kept.pop().unwrap_or(true).then_some(Event::End(end))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html { sanitize(&html) } else { html }
}

/// HTML that can only show content: ammonia's safe tags and attributes,
/// plus `class` and `id` (footnotes link by id), and addresses only in the
/// schemes Markdown links may use.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_generic_attributes(["class", "id"])
        .clean(html)
        .to_string()
}

/// How many levels to add to every heading so the highest becomes `h2`.
fn heading_shift(markdown: &str) -> i32 {
    let highest = Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as i32),
            _ => None,
        })
        .min();
    highest.map_or(0, |h| 2 - h)
}

fn shifted(level: HeadingLevel, shift: i32) -> HeadingLevel {
    match (level as i32 + shift).clamp(2, 6) {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// The address to use for a link or image, or `None` to drop it.
fn rewrite<'a>(dest: &CowStr<'a>, context: &LinkContext) -> Option<CowStr<'a>> {
    match resolve(dest, context) {
        Target::Dropped => None,
        Target::Published(href) => Some(CowStr::from(href)),
        // A missing file is left as written (`ouvert check` reports it).
        Target::AsWritten | Target::Missing => Some(dest.clone()),
    }
}

/// Where a link or image of the portal's Markdown leads.
enum Target {
    /// Elsewhere on the web, or within the page: kept as written.
    AsWritten,
    /// A scheme that could run script (`javascript:`, `data:`…).
    Dropped,
    /// A file of the portal that is published: its address from the page.
    Published(String),
    /// A path in the portal that nothing is published at.
    Missing,
}

fn resolve(dest: &str, context: &LinkContext) -> Target {
    let trimmed = dest.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") {
        return Target::AsWritten;
    }
    if let Some(scheme) = scheme(trimmed) {
        let allowed = ["http", "https", "mailto", "tel"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme));
        return if allowed {
            Target::AsWritten
        } else {
            Target::Dropped
        };
    }
    let split = trimmed.find(['#', '?']).unwrap_or(trimmed.len());
    let (path, suffix) = trimmed.split_at(split);
    let path = decode_path(path);
    let target = match path.strip_prefix('/') {
        Some(from_root) => normalise(from_root),
        None => {
            let base = context.source.rsplit_once('/').map_or("", |(dir, _)| dir);
            normalise(&format!("{base}/{path}"))
        }
    };
    // Above the portal folder: nothing there can be published.
    let Some(target) = target else {
        return Target::Missing;
    };
    let candidates = [
        target.clone(),
        format!("{}/index.md", target.trim_end_matches('/')),
        format!("{target}.md"),
    ];
    match candidates.iter().find_map(|c| context.links.get(c)) {
        Some(site_path) => Target::Published(format!(
            "{}{}{suffix}",
            root_prefix(context.page),
            encode_path(site_path)
        )),
        None => Target::Missing,
    }
}

/// A link or image of a Markdown text that leads to no published file, or
/// an image from another site, which the pages' Content-Security-Policy
/// keeps from loading.
#[derive(Debug, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset of the link in the text.
    pub offset: usize,
    /// The address as written.
    pub dest: String,
    pub image: bool,
    /// An image on another site (`https://…`).
    pub remote: bool,
}

/// The links and images of `markdown` that point into the portal at
/// something that is not published.
pub fn broken_links(markdown: &str, context: &LinkContext) -> Vec<BrokenLink> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            let (dest, image) = match event {
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                _ => return None,
            };
            let remote = image && matches!(scheme(&dest), Some("http" | "https"));
            let missing = matches!(resolve(&dest, context), Target::Missing);
            (missing || remote).then(|| BrokenLink {
                offset: range.start,
                dest: dest.to_string(),
                image,
                remote,
            })
        })
        .collect()
}

/// The scheme of an absolute URL (`https` of `https://…`).
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Resolves `.` and `..`; `None` when the path leaves the portal.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// Plain text of the first paragraph, for summaries; at most `max` characters.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    crate::util::text::truncate_chars(text.trim(), max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> String {
        let links: BTreeMap<String, String> = [
            ("datasets/Budget/index.md", "datasets/budget/index.html"),
            ("datasets/Budget/carte.png", "datasets/budget/carte.png"),
            ("pages/a-propos.md", "pages/a-propos/index.html"),
            ("static/docs/guide.pdf", "docs/guide.pdf"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        to_html(
            markdown,
            &LinkContext {
                source: "pages/a-propos.md",
                page: "pages/a-propos/index.html",
                links: &links,
                raw_html: false,
            },
        )
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            render("<script>alert(1)</script>\n\nHi <b>x</b>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;\n<p>Hi &lt;b&gt;x&lt;/b&gt;</p>\n"
        );
    }

    #[test]
    fn dangerous_links_are_dropped() {
        assert_eq!(render("[clic](javascript:alert(1))"), "<p>clic</p>\n");
        assert_eq!(render("![x](data:image/png;base64,AAA)"), "<p>x</p>\n");
        assert_eq!(
            render("[site](https://example.org/a?b=1)"),
            "<p><a href=\"https://example.org/a?b=1\">site</a></p>\n"
        );
    }

    #[test]
    fn relative_links_point_to_published_pages() {
        assert_eq!(
            render("[budget](../datasets/Budget/index.md#colonnes)"),
            "<p><a href=\"../../datasets/budget/index.html#colonnes\">budget</a></p>\n"
        );
        assert_eq!(
            render("[budget](../datasets/Budget/)"),
            "<p><a href=\"../../datasets/budget/index.html\">budget</a></p>\n"
        );
        assert_eq!(
            render("![carte](/datasets/Budget/carte.png)"),
            "<p><img src=\"../../datasets/budget/carte.png\" alt=\"carte\" /></p>\n"
        );
        assert_eq!(
            render("[guide](../static/docs/guide.pdf)"),
            "<p><a href=\"../../docs/guide.pdf\">guide</a></p>\n"
        );
        assert_eq!(
            render("[x](missing.md)"),
            "<p><a href=\"missing.md\">x</a></p>\n"
        );
    }

    #[test]
    fn broken_links_are_found_where_they_are_written() {
        let links: BTreeMap<String, String> = [(
            "datasets/budget/index.md".to_string(),
            "datasets/budget/index.html".to_string(),
        )]
        .into_iter()
        .collect();
        let context = LinkContext {
            source: "pages/a-propos.md",
            page: "pages/a-propos/index.html",
            links: &links,
            raw_html: false,
        };
        let text = "Voir [le budget](../datasets/budget/) et [la dette](../datasets/dette/).\n\n![carte](carte.png) [web](https://example.org) [haut](#haut) [loin](../../../etc/passwd)\n";
        assert_eq!(
            broken_links(text, &context),
            vec![
                BrokenLink {
                    offset: 41,
                    dest: "../datasets/dette/".into(),
                    image: false,
                    remote: false
                },
                BrokenLink {
                    offset: 74,
                    dest: "carte.png".into(),
                    image: true,
                    remote: false
                },
                BrokenLink {
                    offset: 135,
                    dest: "../../../etc/passwd".into(),
                    image: false,
                    remote: false
                },
            ]
        );
    }

    #[test]
    fn headings_move_down() {
        assert_eq!(
            render("# Titre\n###### Six"),
            "<h2>Titre</h2>\n<h6>Six</h6>\n"
        );
    }

    #[test]
    fn excerpts_first_paragraph() {
        assert_eq!(
            excerpt("## Titre\n\nLe *budget*\nde la ville.\n\nSuite.", 100),
            "Le budget de la ville."
        );
        assert_eq!(excerpt("Un texte assez long", 8), "Un texte…");
    }

    #[test]
    fn raw_html_is_kept_only_when_sanitised() {
        let links = BTreeMap::new();
        let text = "<b>gras</b> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">lien</a>\n\n<script>alert(1)</script><p style=\"color:red\" class=\"note\">texte</p>\n";
        let context = LinkContext {
            source: "pages/a.md",
            page: "pages/a/index.html",
            links: &links,
            raw_html: false,
        };
        let escaped = to_html(text, &context);
        assert!(escaped.contains("&lt;b&gt;gras&lt;/b&gt;"), "{escaped}");
        assert!(!escaped.contains("<script") && !escaped.contains("<img"));
        let kept = to_html(text, &LinkContext { raw_html: true, ..context });
        assert!(kept.contains("<b>gras</b>"), "{kept}");
        assert!(kept.contains("<p class=\"note\">texte</p>"), "{kept}");
        for gone in [
            "<script",
            "onerror",
            "javascript:",
            "style=",
            "alert(1)</script>",
        ] {
            assert!(!kept.contains(gone), "{gone} in {kept}");
        }
    }
}
