//! Text helpers: slugs, line and column of a byte offset, counts and sizes
//! as the terminal says them.

/// `1 error`, `3 errors`.
pub fn count(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

/// A size in bytes as people read it: `950 B`, `3.4 MB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Makes an address-safe name: lower-case ASCII letters, digits and single
/// hyphens. Accented Latin letters lose their accent (`Équipements` gives
/// `equipements`) so French names give readable addresses.
pub fn slugify(input: &str) -> String {
    let mut slug = String::with_capacity(input.len());
    let mut pending_hyphen = false;
    let mut ascii = [0u8; 4];
    for c in input.chars() {
        let folded = if c.is_ascii() {
            &*c.encode_utf8(&mut ascii)
        } else {
            fold_accent(c)
        };
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push(c.to_ascii_lowercase());
            } else {
                pending_hyphen = true;
            }
        }
    }
    slug
}

/// ASCII spelling of the Latin letters used in French and its neighbours.
fn fold_accent(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        _ => "-",
    }
}

/// 1-based line and column (in characters) of a byte offset of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// `a`, `a and b`, `a, b and c`: items in a sentence.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Shortens `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Équipements publics"), "equipements-publics");
        assert_eq!(slugify("Budget 2026 (primitif)"), "budget-2026-primitif");
        assert_eq!(slugify("  --Œuvres__d'art--  "), "oeuvres-d-art");
        assert_eq!(slugify("已"), "");
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(line_col("ab\ncdé\nf", 0), (1, 1));
        assert_eq!(line_col("ab\ncdé\nf", 3), (2, 1));
        assert_eq!(line_col("ab\ncdé\nf", 8), (3, 1));
        assert_eq!(line_col("ab\ncdé\nf", 6), (2, 3));
    }

    #[test]
    fn closest_candidates() {
        assert_eq!(
            closest("licnce", &["title", "licence", "license"]),
            Some("licence")
        );
        assert_eq!(closest("Titel", &["title", "summary"]), Some("title"));
        assert_eq!(closest("titel", &["title", "tagline"]), Some("title"));
        assert_eq!(closest("colour", &["title", "summary"]), None);
    }

    #[test]
    fn truncates() {
        assert_eq!(truncate_chars("abcdef", 3), "abc…");
        assert_eq!(truncate_chars("abc", 3), "abc");
    }
}

/// The candidate closest to `word` when it is close enough to be a typing
/// mistake (case-insensitive edit distance of at most a third of its length).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance where swapping two neighbours counts as one edit
/// (`titel` is one edit from `title`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Finds where a key of a YAML or TOML document is written, to point a
/// diagnostic at it when the parser gave no position (semantic checks run
/// after parsing). `path` is the chain of keys, e.g. `["temporal", "start"]`
/// or `["theme", "logo"]`; each key is searched after the previous one, on
/// the same line (inline tables) or below. Returns 1-based line and column.
pub fn locate_key(source: &str, path: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    let (mut line, mut from_col) = (0usize, 0usize);
    for key in path {
        let (l, c) = (line..lines.len()).find_map(|l| {
            if lines[l].trim_start().starts_with('#') {
                return None;
            }
            let start = if l == line { from_col } else { 0 };
            find_key_in_line(lines[l], key, start).map(|c| (l, c))
        })?;
        line = l;
        from_col = c + key.len();
    }
    let col = lines[line][..from_col - path.last()?.len()].chars().count() + 1;
    Some((line + 1, col))
}

/// Byte index of `key` in `line` at or after `start`, where it is written as
/// a key: `key:`, `key =`, `"key":` or a TOML table header `[key]`/`[a.key]`.
fn find_key_in_line(line: &str, key: &str, start: usize) -> Option<usize> {
    let mut search = start;
    while let Some(found) = line.get(search..).and_then(|rest| rest.find(key)) {
        let at = search + found;
        let before = line[..at].trim_end_matches(['"', '\'']);
        let after = line[at + key.len()..].trim_start_matches(['"', '\'']);
        let before_ok = before
            .chars()
            .last()
            .is_none_or(|c| matches!(c, ' ' | '\t' | '{' | ',' | '-' | '[' | '.'));
        let after_ok = after.trim_start().starts_with([':', '=', ']', '.']);
        if before_ok && after_ok {
            return Some(at);
        }
        search = at + key.len();
    }
    None
}

/// Finds the first line at or after `from_line` (1-based) that contains
/// `value`, to point at a list entry such as a resource's `path`.
pub fn locate_value(source: &str, from_line: usize, value: &str) -> Option<(usize, usize)> {
    source
        .lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find_map(|(i, l)| l.find(value).map(|at| (i + 1, l[..at].chars().count() + 1)))
}

#[cfg(test)]
mod locate_tests {
    use super::*;

    #[test]
    fn finds_nested_keys() {
        let yaml = "title: x\ntemporal:\n  start: 2020\nstart: no\n";
        assert_eq!(locate_key(yaml, &["temporal", "start"]), Some((3, 3)));
        assert_eq!(locate_key(yaml, &["title"]), Some((1, 1)));
        let inline = "title: x\ntemporal: { start: 2020, end: 2021 }\n";
        assert_eq!(locate_key(inline, &["temporal", "end"]), Some((2, 26)));
        let toml = "title = 'x'\n[theme]\nlogo = 'a.svg'\n";
        assert_eq!(locate_key(toml, &["theme", "logo"]), Some((3, 1)));
        assert_eq!(locate_key(toml, &["logo"]), Some((3, 1)));
        assert_eq!(locate_key("subtitle: x\n", &["title"]), None);
    }

    #[test]
    fn finds_values() {
        let yaml = "resources:\n  - path: a.csv\n  - path: b.csv\n";
        assert_eq!(locate_value(yaml, 1, "b.csv"), Some((3, 11)));
    }
}
