//! Escaping text for XML (SVG charts, the Atom feed, the sitemap).

/// Escapes text for XML 1.0 content and quoted attributes. Characters XML
/// 1.0 does not allow at all (control characters other than tab and line
/// feed, U+FFFE, U+FFFF) become spaces: a parser would reject the whole
/// document for one of them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a < b & \"c\" > 'd'"),
            "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;"
        );
        assert_eq!(escape("x\u{1}y\u{FFFF}z\tw\n"), "x y z\tw\n");
    }
}
