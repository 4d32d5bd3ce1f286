//! The search index, written at build time for the client-side search of
//! `search/index.html` (`themes/default/static/search.js`). The format is
//! described in `docs/search.md`; in short, under `search/`:
//!
//! - `meta.json`: what the page needs before the first query — the shard
//!   keys, the organizations, the document count, and the facet filters,
//!   each value with its datasets as a bit set or a delta list;
//! - `terms/<key>.json`: the words starting with `<key>` (two characters,
//!   three for a crowded prefix), each stem with its postings (dataset,
//!   field-weighted score), and the surface forms for prefix matching;
//! - `docs/<n>.json`: what a result shows (title, address, organization,
//!   summary) for [`CHUNK`] datasets, fetched only for the results shown.
//!
//! Datasets are numbered in [`Portal::datasets`] order, as in the facets.
//! Output is deterministic: maps are ordered, nothing depends on time.

pub mod text;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::facets::FacetKind;
use crate::model::{Dataset, Portal};
use crate::output::Output;
use crate::render::i18n::Lang;
use text::{Stemmer, is_stop_word, words};

/// Format version, in `meta.json`: the client refuses an index it does not
/// read.
pub const VERSION: u32 = 1;
/// Datasets per `docs/` file: results are shown ten at a time, and on a
/// large catalog they are spread over the whole range, so small chunks
/// keep each page of results to a few small requests.
pub const CHUNK: usize = 16;
/// A two-character shard larger than this (bytes) is split by three
/// characters, so a query never fetches one huge file.
const SPLIT: usize = 12_000;
/// Values shown for the facets that can have hundreds (keywords, places):
/// the most common ones.
const LONG_FACET_VALUES: usize = 30;
/// Characters of the summary shown in a result.
const SUMMARY_CHARS: usize = 160;

/// Field weights, summed into each posting's score: a word in the title
/// says more about a dataset than the same word in its description.
const TITLE: u32 = 8;
const KEYWORD: u32 = 4;
const ORGANIZATION: u32 = 3;
const COLUMN: u32 = 2;
const DESCRIPTION: u32 = 1;
/// Occurrences counted per field: a long description repeating a word is
/// not ten times about it.
const MAX_REPEAT: u32 = 3;

/// Writes the index under `search/`.
pub fn write(
    portal: &Portal,
    lang: &Lang,
    output: &Output,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<()> {
    let files = build(portal, lang)
        .files
        .into_iter()
        .map(|(path, bytes)| Ok::<_, anyhow::Error>((path, "the search index".to_string(), bytes)))
        .collect::<Vec<_>>();
    output.publish_all(files, diagnostics)
}

pub struct Index {
    /// Site path → content, in path order.
    pub files: Vec<(String, Vec<u8>)>,
}

/// One dataset's words: stem → score, and surface form → stem.
struct DocTerms {
    scores: Vec<(String, u32)>,
    surfaces: Vec<(String, String)>,
}

pub fn build(portal: &Portal, lang: &Lang) -> Index {
    let stemmer = Stemmer::for_language(&portal.config.language);
    let per_doc: Vec<DocTerms> = portal
        .datasets
        .par_iter()
        .map(|d| doc_terms(d, portal, stemmer))
        .collect();

    // stem → postings (dataset, score); surface → stem. Hash maps, then
    // sorted once: a B-tree insertion per word of the catalog costs more
    // than the rest of the index.
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let mut surfaces: HashMap<String, String> = HashMap::new();
    for (i, doc) in per_doc.into_iter().enumerate() {
        for (stem, score) in doc.scores {
            postings.entry(stem).or_default().push((i as u32, score));
        }
        for (surface, stem) in doc.surfaces {
            surfaces.entry(surface).or_insert(stem);
        }
    }
    let postings: BTreeMap<String, Vec<(u32, u32)>> = postings.into_iter().collect();
    let surfaces: BTreeMap<String, String> = surfaces.into_iter().collect();

    let mut files = Vec::new();
    let shard_keys = shards(&postings, &surfaces, &mut files);
    files.extend(doc_chunks(portal));
    let meta = Meta {
        v: VERSION,
        lang: stemmer.code(),
        n: portal.datasets.len(),
        chunk: CHUNK,
        shards: shard_keys,
        orgs: portal
            .organizations
            .iter()
            .map(|o| o.title.clone())
            .collect(),
        facets: facets(portal, lang),
    };
    files.push(("search/meta.json".to_string(), json(&meta)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Index { files }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("the search index serialises")
}

fn doc_terms(dataset: &Dataset, portal: &Portal, stemmer: Stemmer) -> DocTerms {
    let meta = &dataset.meta;
    let mut fields: Vec<(u32, String)> = vec![(TITLE, meta.title.clone())];
    fields.extend(meta.keywords.iter().map(|k| (KEYWORD, k.clone())));
    fields.push((
        ORGANIZATION,
        portal.organizations[dataset.publisher].title.clone(),
    ));
    for resource in &dataset.resources {
        if let Some(profile) = &resource.profile {
            for table in &profile.tables {
                fields.extend(table.columns.iter().map(|c| (COLUMN, c.name.clone())));
            }
        }
    }
    if let Some(summary) = &meta.summary {
        fields.push((DESCRIPTION, summary.clone()));
    }
    fields.push((DESCRIPTION, meta.doc.body().to_string()));

    // word → stem, so each distinct word of the dataset is stemmed once.
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut scores: HashMap<String, u32> = HashMap::new();
    for (weight, text) in fields {
        let mut seen: HashMap<String, u32> = HashMap::new();
        for word in words(&text) {
            if is_stop_word(&word) {
                continue;
            }
            let stem = stems
                .entry(word)
                .or_insert_with_key(|word| stemmer.stem(word));
            let count = seen.entry(stem.clone()).or_default();
            if *count < MAX_REPEAT {
                *count += 1;
                *scores.entry(stem.clone()).or_default() += weight;
            }
        }
    }
    let scores = scores.into_iter().collect();
    let mut surfaces: Vec<(String, String)> = stems.into_iter().filter(|(w, s)| w != s).collect();
    surfaces.sort();
    DocTerms { scores, surfaces }
}

#[derive(Serialize, Default)]
struct Shard {
    /// Stem → postings: base64 of LEB128 varints, dataset (as the gap from
    /// the previous one), score, dataset gap, score… About 2.7 characters
    /// a posting, half of a JSON array: the stems every dataset has
    /// (`commune`) would otherwise make their shard heavy.
    t: BTreeMap<String, String>,
    /// Surface form → stem, for the forms that are not their own stem.
    w: BTreeMap<String, String>,
}

fn prefix(word: &str, n: usize) -> String {
    word.chars().take(n).collect()
}

/// Groups the terms into shards, writes them into `files`, returns the keys.
fn shards(
    postings: &BTreeMap<String, Vec<(u32, u32)>>,
    surfaces: &BTreeMap<String, String>,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
    let flat = |list: &Vec<(u32, u32)>| {
        let mut bytes = Vec::with_capacity(list.len() * 2);
        let mut previous = 0;
        for &(doc, score) in list {
            varint(doc - previous, &mut bytes);
            varint(score, &mut bytes);
            previous = doc;
        }
        base64(&bytes)
    };
    let mut by_two: BTreeMap<String, Shard> = BTreeMap::new();
    for (stem, list) in postings {
        by_two
            .entry(prefix(stem, 2))
            .or_default()
            .t
            .insert(stem.clone(), flat(list));
    }
    for (surface, stem) in surfaces {
        by_two
            .entry(prefix(surface, 2))
            .or_default()
            .w
            .insert(surface.clone(), stem.clone());
    }
    let mut keys = Vec::new();
    for (key, shard) in by_two {
        let bytes = json(&shard);
        if bytes.len() <= SPLIT {
            push_shard(&key, bytes, &mut keys, files);
            continue;
        }
        // Crowded: by three characters (words of two stay under their own key).
        let mut by_three: BTreeMap<String, Shard> = BTreeMap::new();
        for (stem, list) in shard.t {
            by_three
                .entry(prefix(&stem, 3))
                .or_default()
                .t
                .insert(stem, list);
        }
        for (surface, stem) in shard.w {
            by_three
                .entry(prefix(&surface, 3))
                .or_default()
                .w
                .insert(surface, stem);
        }
        for (key, shard) in by_three {
            push_shard(&key, json(&shard), &mut keys, files);
        }
    }
    keys
}

fn push_shard(
    key: &str,
    bytes: Vec<u8>,
    keys: &mut Vec<String>,
    files: &mut Vec<(String, Vec<u8>)>,
) {
    files.push((format!("search/terms/{}.json", shard_file(key)), bytes));
    keys.push(key.to_string());
}

/// The file name of a shard: the key itself when it is plain ASCII, else
/// `_` and the hex of its UTF-8 bytes (the client does the same).
pub fn shard_file(key: &str) -> String {
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        key.to_string()
    } else {
        let mut name = "_".to_string();
        for b in key.bytes() {
            name.push_str(&format!("{b:02x}"));
        }
        name
    }
}

/// `docs/<n>.json`: per dataset `[title, address from the site root,
/// organization index, summary]`.
fn doc_chunks(portal: &Portal) -> Vec<(String, Vec<u8>)> {
    portal
        .datasets
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let records: Vec<(&str, String, usize, String)> = chunk
                .iter()
                .map(|d| {
                    let summary = match &d.meta.summary {
                        Some(s) => crate::util::text::truncate_chars(s, SUMMARY_CHARS),
                        None => crate::render::markdown::excerpt(d.meta.doc.body(), SUMMARY_CHARS),
                    };
                    (
                        d.meta.title.as_str(),
                        crate::util::url::encode_path(&d.path),
                        d.publisher,
                        summary,
                    )
                })
                .collect();
            (format!("search/docs/{n}.json"), json(&records))
        })
        .collect()
}

#[derive(Serialize)]
struct Meta {
    v: u32,
    lang: &'static str,
    n: usize,
    chunk: usize,
    shards: Vec<String>,
    orgs: Vec<String>,
    facets: Vec<FacetFilter>,
}

#[derive(Serialize)]
struct FacetFilter {
    key: &'static str,
    values: Vec<FilterValue>,
}

#[derive(Serialize)]
struct FilterValue {
    slug: String,
    label: String,
    /// The datasets: `b` and a bit set in base64 (bit i of byte i/8,
    /// least significant first), or `d` and the gaps between ascending
    /// dataset numbers as base64 LEB128 varints, whichever is shorter.
    docs: String,
}

fn facets(portal: &Portal, lang: &Lang) -> Vec<FacetFilter> {
    let n = portal.datasets.len();
    portal
        .facets
        .iter()
        .map(|facet| {
            let mut values: Vec<&crate::model::facets::FacetValue> = facet.values.iter().collect();
            if matches!(facet.kind, FacetKind::Keyword | FacetKind::Spatial) {
                // The most common first, then by slug, as on the facet pages.
                values.sort_by(|a, b| {
                    b.datasets
                        .len()
                        .cmp(&a.datasets.len())
                        .then(a.slug.cmp(&b.slug))
                });
                values.truncate(LONG_FACET_VALUES);
                values.sort_by(|a, b| a.slug.cmp(&b.slug));
            }
            FacetFilter {
                key: facet.kind.key(),
                values: values
                    .into_iter()
                    .map(|v| FilterValue {
                        slug: v.slug.clone(),
                        label: match facet.kind {
                            FacetKind::Theme => lang.data_theme(&v.label),
                            FacetKind::Frequency => lang.frequency(&v.label),
                            _ => v.label.clone(),
                        },
                        docs: encode_set(&v.datasets, n),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn varint(mut value: u32, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn encode_set(docs: &[usize], n: usize) -> String {
    let mut bits = vec![0u8; n.div_ceil(8)];
    for &d in docs {
        bits[d / 8] |= 1 << (d % 8);
    }
    let mut gaps = Vec::new();
    let mut previous = 0;
    for &d in docs {
        varint((d - previous) as u32, &mut gaps);
        previous = d;
    }
    if bits.len() < gaps.len() {
        format!("b{}", base64(&bits))
    } else {
        format!("d{}", base64(&gaps))
    }
}

/// Standard base64 with padding, which `atob` reads.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_choose_the_shorter_encoding() {
        assert_eq!(encode_set(&[0, 2, 130], 1000), "dAAKAAQ==");
        assert!(encode_set(&(0..1000).collect::<Vec<_>>(), 1000).starts_with('b'));
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"Man"), "TWFu");
    }
}
