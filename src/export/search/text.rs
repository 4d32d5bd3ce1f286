//! The words of the search index: folding, splitting and stemming. The
//! client (`themes/default/static/search.js`) does the same to what readers
//! type; both are checked against `tests/fixtures/stemming.tsv`, because a
//! word folded or stemmed differently on either side is never found.
//!
//! The fold table is explicit (not Unicode normalisation) so that the
//! JavaScript side can copy it character for character.

/// Words shorter than this are not indexed: `l'`, `d'`, initials.
pub const MIN_WORD: usize = 2;

/// Lower case without accents: `Établissements` → `etablissements`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            // Combining accents left by decomposed input (macOS file names).
            '\u{300}'..='\u{36f}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The folded words of `text`, in order, short words left out.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_WORD)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// Words too common to tell datasets apart; not indexed, and dropped from
/// queries unless being typed.
pub fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "au" | "aux"
            | "ce"
            | "ces"
            | "dans"
            | "de"
            | "des"
            | "du"
            | "en"
            | "et"
            | "la"
            | "le"
            | "les"
            | "ou"
            | "par"
            | "pour"
            | "sur"
            | "un"
            | "une"
            | "an"
            | "and"
            | "by"
            | "for"
            | "in"
            | "of"
            | "on"
            | "or"
            | "the"
            | "to"
    )
}

/// The stemmer of the portal's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    French,
    English,
}

impl Stemmer {
    pub fn for_language(language: &str) -> Stemmer {
        if language.starts_with("en") {
            Stemmer::English
        } else {
            Stemmer::French
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Stemmer::French => "fr",
            Stemmer::English => "en",
        }
    }

    /// The stem of a folded word. Light on purpose (plurals, gender, a few
    /// derivations): a reader who types a word must find it, so stems only
    /// merge forms that mean the same thing. Only suffixes are removed and
    /// a stem keeps at least three characters, so a word and its stem
    /// share their first three characters (the index's shards rely on it).
    pub fn stem(self, word: &str) -> String {
        match self {
            Stemmer::French => french(word),
            Stemmer::English => english(word),
        }
    }
}

/// Strips `suffix` when at least `keep` characters remain.
fn strip<'a>(word: &'a str, suffix: &str, keep: usize) -> Option<&'a str> {
    let stem = word.strip_suffix(suffix)?;
    (stem.chars().count() >= keep).then_some(stem)
}

/// After J. Savoy's light French stemmer: plurals, then one derivational
/// ending, then the feminine `e`.
fn french(word: &str) -> String {
    let mut w = word.to_string();
    if let Some(stem) = strip(&w, "aux", 3) {
        w = format!("{stem}al");
    } else if !w.ends_with("ss")
        && let Some(stem) = strip(&w, "s", 3).or_else(|| strip(&w, "x", 3))
    {
        w = stem.to_string();
    }
    const ENDINGS: [&str; 12] = [
        "issement", "ements", "ement", "ations", "ation", "atrice", "ateur", "ique", "isme",
        "iste", "euse", "eur",
    ];
    for ending in ENDINGS {
        if let Some(stem) = strip(&w, ending, 4) {
            w = stem.to_string();
            break;
        }
    }
    if let Some(stem) = strip(&w, "e", 3) {
        w = stem.to_string();
    }
    if let Some(stem) = strip(&w, "e", 3) {
        // `ée`, past participles in the feminine.
        w = stem.to_string();
    }
    w
}

/// Plurals and the most common inflections of English.
fn english(word: &str) -> String {
    let mut w = word.to_string();
    if let Some(stem) = strip(&w, "ies", 3) {
        w = format!("{stem}y");
    } else if let Some(stem) = strip(&w, "sses", 3) {
        w = format!("{stem}ss");
    } else if !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && let Some(stem) = strip(&w, "s", 3)
    {
        w = stem.to_string();
    }
    for ending in ["ing", "ed", "ly"] {
        if let Some(stem) = strip(&w, ending, 4) {
            w = stem.to_string();
            break;
        }
    }
    if let Some(stem) = strip(&w, "e", 3) {
        w = stem.to_string();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_ligatures() {
        assert_eq!(fold("Établissements Œuvre"), "etablissements oeuvre");
        assert_eq!(
            words("L'école d'Été, 2026").collect::<Vec<_>>(),
            ["ecole", "ete", "2026"]
        );
    }

    #[test]
    fn the_shared_fixture() {
        let fixture = include_str!("../../../tests/fixtures/stemming.tsv");
        let mut checked = 0;
        for line in fixture
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let cells: Vec<&str> = line.split('\t').collect();
            let stemmer = Stemmer::for_language(cells[1]);
            let folded = fold(cells[0]);
            assert_eq!(stemmer.stem(&folded), cells[2], "{line}");
            assert!(cells[2].starts_with(&folded.chars().take(3).collect::<String>()));
            checked += 1;
        }
        assert!(checked > 20);
    }
}
