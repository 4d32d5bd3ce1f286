//! Guessing how a delimited text file is written: field separator, quote
//! character and whether the first row is a header, from its first bytes.

use super::infer;

/// Separators authorities use, in order of preference when several fit.
pub const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub quote: u8,
}

/// Guesses the dialect from `sample`, the first bytes of the file (the
/// last line may be cut unless `complete`).
pub fn sniff(sample: &[u8], complete: bool, forced_delimiter: Option<u8>) -> Dialect {
    let quote = sniff_quote(sample);
    Dialect {
        delimiter: forced_delimiter.unwrap_or_else(|| sniff_delimiter(sample, complete, quote)),
        quote,
    }
}

/// `'` only when it clearly quotes fields (`'a';'b'`) and `"` never does.
fn sniff_quote(sample: &[u8]) -> u8 {
    let quoted_fields = |q: u8| {
        sample
            .windows(2)
            .filter(|w| {
                (w[1] == q && (DELIMITERS.contains(&w[0]) || w[0] == b'\n'))
                    || (w[0] == q && (DELIMITERS.contains(&w[1]) || w[1] == b'\r' || w[1] == b'\n'))
            })
            .count()
    };
    if quoted_fields(b'"') == 0 && quoted_fields(b'\'') >= 4 {
        b'\''
    } else {
        b'"'
    }
}

/// The candidate that appears the same number of times (at least once) in
/// the most records, quoted text excepted. The header row counts too, which
/// is what tells `;` files with decimal commas (`12,5`) from comma files:
/// headers rarely hold a comma. Ties go to the earlier of [`DELIMITERS`].
pub fn sniff_delimiter(sample: &[u8], complete: bool, quote: u8) -> u8 {
    let mut records: Vec<[usize; DELIMITERS.len()]> = Vec::new();
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    let mut blank = true;
    for &b in sample {
        if b == quote {
            in_quotes = !in_quotes;
        } else if b == b'\n' && !in_quotes {
            if !blank {
                records.push(counts);
            }
            counts = [0; DELIMITERS.len()];
            blank = true;
            if records.len() == 200 {
                break;
            }
            continue;
        } else if !in_quotes && let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
            counts[i] += 1;
        }
        if !b.is_ascii_whitespace() {
            blank = false;
        }
    }
    // The last record is whole only if the sample holds the whole file.
    if complete && !blank {
        records.push(counts);
    }
    let mut best = (b',', 0usize);
    for (i, &delimiter) in DELIMITERS.iter().enumerate() {
        let mut frequency: Vec<(usize, usize)> = Vec::new();
        for record in &records {
            match frequency.iter_mut().find(|(count, _)| *count == record[i]) {
                Some((_, seen)) => *seen += 1,
                None => frequency.push((record[i], 1)),
            }
        }
        let agreeing = frequency
            .iter()
            .filter(|(count, _)| *count > 0)
            .map(|(_, seen)| *seen)
            .max()
            .unwrap_or(0);
        if agreeing > best.1 {
            best = (delimiter, agreeing);
        }
    }
    best.0
}

/// What a value looks like, for telling a header from data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Empty,
    Number,
    Date,
    Boolean,
    Text,
}

fn shape(value: &[u8]) -> Shape {
    let value = value.trim_ascii();
    if value.is_empty() {
        return Shape::Empty;
    }
    let number = infer::number(value);
    if number.point.is_some() || number.comma.is_some() {
        return Shape::Number;
    }
    if infer::DateLayout::ALL
        .iter()
        .any(|l| infer::date(value, *l).is_some())
        || infer::DatetimeLayout::ALL
            .iter()
            .any(|l| infer::datetime(value, *l).is_some())
    {
        return Shape::Date;
    }
    if infer::boolean(value).is_some() {
        return Shape::Boolean;
    }
    Shape::Text
}

/// Whether the first of `records` (the first rows of the file) is a
/// header. A column whose values share a shape (numbers, dates, booleans)
/// votes for a header when the first row's cell has another shape, and
/// against it when the cell has the same. With only text columns, the
/// first row is a header when its cells are all filled and never repeated
/// below — which is how headers look and data rarely does.
pub fn has_header(records: &[Vec<Vec<u8>>]) -> bool {
    let Some((first, rest)) = records.split_first() else {
        return true;
    };
    if rest.is_empty() {
        return true;
    }
    let mut votes = 0i32;
    for (column, cell) in first.iter().enumerate() {
        let shapes: Vec<Shape> = rest
            .iter()
            .filter_map(|r| r.get(column))
            .map(|v| shape(v))
            .filter(|s| *s != Shape::Empty)
            .collect();
        // The shape of most values (a stray value must not hide the
        // pattern).
        let Some(common) = [Shape::Number, Shape::Date, Shape::Boolean]
            .into_iter()
            .find(|shape| shapes.iter().filter(|s| *s == shape).count() * 5 >= shapes.len() * 4)
        else {
            continue;
        };
        if shape(cell) == common {
            votes -= 1;
        } else {
            votes += 1;
        }
    }
    if votes != 0 {
        return votes > 0;
    }
    let filled = first.iter().all(|c| !c.trim_ascii().is_empty());
    let repeated = first
        .iter()
        .enumerate()
        .any(|(i, c)| rest.iter().any(|r| r.get(i) == Some(c)));
    filled && !repeated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        text.lines()
            .map(|l| {
                l.split(delimiter as char)
                    .map(|c| c.as_bytes().to_vec())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn semicolons_with_decimal_commas() {
        let sample = b"annee;montant;taux\n2024;1 500,50;0,5\n2025;2 000,00;1,5\n";
        assert_eq!(sniff(sample, true, None).delimiter, b';');
    }

    #[test]
    fn commas_with_semicolons_in_quotes() {
        let sample = b"nom,objet\n\"A\",\"sport; culture\"\n\"B\",\"jeunesse; loisirs\"\n";
        assert_eq!(sniff(sample, true, None).delimiter, b',');
    }

    #[test]
    fn tabs_pipes_and_single_columns() {
        assert_eq!(sniff(b"a\tb\n1\t2\n", true, None).delimiter, b'\t');
        assert_eq!(sniff(b"a|b|c\n1|2|3\n", true, None).delimiter, b'|');
        assert_eq!(sniff(b"nom\nA\nB\n", true, None).delimiter, b',');
    }

    #[test]
    fn multiline_quoted_cells_are_one_record() {
        let sample = b"a;b\n\"ligne 1\nligne 2, suite\";2\n3;4\n";
        assert_eq!(sniff(sample, true, None).delimiter, b';');
    }

    #[test]
    fn single_quotes() {
        let sample = b"'nom';'ville'\n'Dupont';'Rennes'\n'Durand';'Brest'\n";
        assert_eq!(
            sniff(sample, true, None),
            Dialect { delimiter: b';', quote: b'\'' }
        );
        assert_eq!(
            sniff(b"nom;avis\nA;l'eau\nB;d'accord\n", true, None).quote,
            b'"'
        );
    }

    #[test]
    fn headers() {
        assert!(has_header(&rows("annee,montant\n2024,12\n2025,13", b',')));
        assert!(!has_header(&rows("2023,11\n2024,12\n2025,13", b',')));
        assert!(has_header(&rows(
            "nom,ville\nDupont,Rennes\nDurand,Brest",
            b','
        )));
        assert!(!has_header(&rows("Dupont,Rennes\nDurand,Rennes", b',')));
        assert!(has_header(&rows(
            "date,valide\n2024-01-01,oui\n2024-01-02,non",
            b','
        )));
        // Duplicate names and a stray value below do not hide a header.
        assert!(has_header(&rows(
            "id,name,name\n1,London,Britain\n2,Berlin,Germany\n3,Paris,France\n4,Rome,Italy\nx,Tokio,Japan",
            b','
        )));
    }
}
