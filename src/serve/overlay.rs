//! What the preview adds to pages: the live-reload script, and the panel
//! that shows build errors over every page.
//!
//! The panel is written into the HTML by the server, so it shows even
//! without JavaScript, and the script replaces it when a later build fails
//! while the page is open. It is a `<details>` element: readers can fold
//! it away without a script. The errors are quoted exactly as the
//! terminal printed them.

use super::site::{Outcome, Snapshot};
use crate::util::xml::escape;

/// The language of the preview's own messages: the portal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
}

impl Language {
    pub fn from_code(code: &str) -> Language {
        if code == "en" {
            Language::English
        } else {
            Language::French
        }
    }

    fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }
}

/// Where the preview's own files live in the site's address space. No
/// portal file is published under it.
pub const PREFIX: &str = "__ouvert/";

/// What to insert before `</body>` of every page served from `snapshot`,
/// for a page at `depth` folders below the site root.
pub fn snippet(snapshot: &Snapshot, root_prefix: &str) -> String {
    let mut html = panel(snapshot).unwrap_or_default();
    html.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{root_prefix}{PREFIX}live.css\">\
         <script src=\"{root_prefix}{PREFIX}live.js\" data-generation=\"{}\" defer></script>",
        snapshot.generation
    ));
    html
}

/// Inserts `snippet` before the page's last `</body>` (or at its end).
pub fn inject(page: &[u8], snippet: &str) -> Vec<u8> {
    let at = find_last_ignoring_case(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + snippet.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn find_last_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The error panel, when the latest build had errors.
pub fn panel(snapshot: &Snapshot) -> Option<String> {
    if snapshot.errors.is_empty() {
        return None;
    }
    let language = snapshot.language;
    let count = snapshot.errors.len();
    let (title, explanation) = match (snapshot.outcome.clone(), language) {
        (Outcome::Built, Language::French) => (
            format!("Le portail a {}", errors_fr(count)),
            "Le site a été construit quand même : les pages concernées disent ce qui n'a pas pu être lu.",
        ),
        (Outcome::Built, Language::English) => (
            format!("The portal has {}", errors_en(count)),
            "The site was built all the same: the pages concerned say what could not be read.",
        ),
        (_, Language::French) if snapshot.has_site() => (
            format!(
                "La dernière modification n'a pas pu être construite : {}",
                errors_fr(count)
            ),
            "L'aperçu montre le portail tel qu'il était avant. Corrigez ce qui suit et enregistrez : la page se mettra à jour toute seule.",
        ),
        (_, Language::English) if snapshot.has_site() => (
            format!("The last change could not be built: {}", errors_en(count)),
            "The preview shows the portal as it was before. Fix what follows and save: this page will update by itself.",
        ),
        (_, Language::French) => (
            format!(
                "Le portail n'a pas pu être construit : {}",
                errors_fr(count)
            ),
            "Corrigez ce qui suit et enregistrez : la page se mettra à jour toute seule.",
        ),
        (_, Language::English) => (
            format!("The portal could not be built: {}", errors_en(count)),
            "Fix what follows and save: this page will update by itself.",
        ),
    };
    Some(panel_html(language, &title, explanation, &snapshot.errors))
}

fn panel_html(language: Language, title: &str, explanation: &str, errors: &[String]) -> String {
    let mut html = format!(
        "<div id=\"ouvert-overlay\" class=\"ouvert-overlay\" role=\"alert\" lang=\"{}\"><details open><summary>{}</summary><p>{}</p>",
        language.code(),
        escape(title),
        escape(explanation)
    );
    for error in errors {
        html.push_str(&format!("<pre>{}</pre>", escape(error.trim_end())));
    }
    html.push_str("</details></div>");
    html
}

fn errors_fr(count: usize) -> String {
    if count == 1 {
        "1 erreur".into()
    } else {
        format!("{count} erreurs")
    }
}

fn errors_en(count: usize) -> String {
    if count == 1 {
        "1 error".into()
    } else {
        format!("{count} errors")
    }
}

/// The page served in place of a preview page whose template failed:
/// the error, as the complete build will report it.
pub fn error_page(snapshot: &Snapshot, error: &str, root_prefix: &str) -> String {
    let (title, explanation) = match snapshot.language {
        Language::French => (
            "Cette page n'a pas pu être construite",
            "Corrigez ce qui suit et enregistrez : la page se mettra à jour toute seule.",
        ),
        Language::English => (
            "This page could not be built",
            "Fix what follows and save: this page will update by itself.",
        ),
    };
    let panel = panel_html(snapshot.language, title, explanation, &[error.to_string()]);
    standalone_page(snapshot, title, &panel, root_prefix)
}

/// The page served while there is no site to show: the first build is
/// running, or it failed.
pub fn waiting_page(snapshot: &Snapshot, root_prefix: &str) -> String {
    let language = snapshot.language;
    let title = match (&snapshot.outcome, language) {
        (Outcome::Building, Language::French) => "Construction du portail…",
        (Outcome::Building, Language::English) => "Building the portal…",
        (_, Language::French) => "Le portail n'a pas pu être construit",
        (_, Language::English) => "The portal could not be built",
    };
    let body = match (&snapshot.outcome, language) {
        (Outcome::Building, Language::French) => {
            "<p>L'aperçu s'affichera dès que le portail sera construit.</p>"
        }
        (Outcome::Building, Language::English) => {
            "<p>The preview will show as soon as the portal is built.</p>"
        }
        _ => "",
    };
    standalone_page(snapshot, title, body, root_prefix)
}

/// A page of the preview's own, with the live-reload snippet.
fn standalone_page(snapshot: &Snapshot, title: &str, body: &str, root_prefix: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1>{body}</main>{}</body></html>\n",
        snapshot.language.code(),
        snippet(snapshot, root_prefix)
    )
}

/// The live-reload script. It follows the server's build events: a page
/// reloads when a newer site is served, and shows the error panel when a
/// build fails while it is open. It asks for the events relative to its
/// own address, so the preview works behind a proxy, under a sub-path.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script.getAttribute("data-generation");
  var events = new EventSource(new URL("events", script.src));
  events.addEventListener("reload", function (event) {
    if (event.data !== generation) {
      events.close();
      location.reload();
    }
  });
  events.addEventListener("failed", function (event) {
    var state = JSON.parse(event.data);
    var template = document.createElement("template");
    template.innerHTML = state.overlay;
    var panel = document.getElementById("ouvert-overlay");
    if (panel) {
      panel.replaceWith(template.content);
    } else {
      document.body.appendChild(template.content);
    }
  });
})();
"#;

/// The panel's looks: above the page, readable in light and dark, never
/// hiding more than half of it.
pub const STYLE: &str = r#".ouvert-overlay {
  position: fixed;
  inset: auto 0 0 0;
  z-index: 2147483647;
  max-height: 50vh;
  overflow: auto;
  margin: 0;
  padding: 0.75rem 1rem;
  background: #fff5f5;
  color: #3d0000;
  border-top: 4px solid #b00020;
  box-shadow: 0 -4px 16px rgba(0, 0, 0, 0.25);
  font: 16px/1.4 system-ui, sans-serif;
}
.ouvert-overlay summary {
  cursor: pointer;
  font-weight: bold;
  font-size: 1.1rem;
}
.ouvert-overlay pre {
  margin: 0.5rem 0;
  padding: 0.5rem;
  overflow-x: auto;
  white-space: pre-wrap;
  background: #fff;
  color: #1a1a1a;
  border: 1px solid #d9b3b3;
  font: 14px/1.4 ui-monospace, monospace;
}
@media (prefers-color-scheme: dark) {
  .ouvert-overlay { background: #2b0b0b; color: #ffdede; }
  .ouvert-overlay pre { background: #141414; color: #f0f0f0; border-color: #6b2b2b; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(errors: &[&str], with_site: bool) -> Snapshot {
        Snapshot {
            generation: 3,
            site: with_site.then(Default::default),
            preview: None,
            outcome: Outcome::Failed,
            errors: errors.iter().map(|e| e.to_string()).collect(),
            language: Language::French,
        }
    }

    #[test]
    fn the_panel_quotes_the_errors_escaped() {
        let snapshot = failed(&["error: bad <b>\n --> pages/a.md:2:1\n"], true);
        assert_eq!(
            panel(&snapshot).unwrap(),
            "<div id=\"ouvert-overlay\" class=\"ouvert-overlay\" role=\"alert\" lang=\"fr\"><details open><summary>La dernière modification n&#39;a pas pu être construite : 1 erreur</summary><p>L&#39;aperçu montre le portail tel qu&#39;il était avant. Corrigez ce qui suit et enregistrez : la page se mettra à jour toute seule.</p><pre>error: bad &lt;b&gt;\n --&gt; pages/a.md:2:1</pre></details></div>"
        );
        assert_eq!(panel(&failed(&[], true)), None);
    }

    #[test]
    fn the_snippet_goes_before_the_last_body_end() {
        let page = b"<html><body><p>a</p></BODY></html>";
        assert_eq!(
            inject(page, "<x>"),
            b"<html><body><p>a</p><x></BODY></html>".to_vec()
        );
        assert_eq!(inject(b"<p>a", "<x>"), b"<p>a<x>".to_vec());
        let snapshot = failed(&[], true);
        assert_eq!(
            snippet(&snapshot, "../../"),
            "<link rel=\"stylesheet\" href=\"../../__ouvert/live.css\"><script src=\"../../__ouvert/live.js\" data-generation=\"3\" defer></script>"
        );
    }
}
