//! Counting the values of a column in bounded memory: distinct count,
//! most frequent values, and the smallest and largest value as text.
//!
//! Up to [`EXACT_CAP`] distinct values, counts are exact (a hash table over
//! an arena of the values' bytes), and the text extremes are read from the
//! table at the end. Past it, the column switches to sketches: a
//! HyperLogLog for the distinct count (about 2.3 % standard error), a
//! Misra-Gries summary of every [`SAMPLE`]th value for the frequent values
//! (only values certainly seen twice are reported; their counts are
//! estimates), and running text extremes. All of it merges, so chunks of a file profiled in
//! parallel give the result of one pass when merged in file order.

use hashbrown::HashTable;

/// Distinct values counted exactly before switching to estimates.
pub const EXACT_CAP: usize = 1_000;
/// Frequent values reported.
pub const TOP: usize = 10;
/// Counters of the Misra-Gries summary.
const SKETCH_SLOTS: usize = 64;
/// One value in this many feeds the summary of frequent values once the
/// column has many distinct values: frequent values stay frequent in the
/// sample, and the summary, the costliest part, runs eight times less.
const SAMPLE: u64 = 8;
/// HyperLogLog precision: 2^11 registers (about 2.3 % standard error),
/// small enough for the registers of every column to stay in cache.
const HLL_BITS: u32 = 11;
const HLL_REGISTERS: usize = 1 << HLL_BITS;

pub use crate::util::hash::hash;
use crate::util::hash::{read_u32, read_u64};

/// Byte equality without a call to `memcmp`, faster for the short values
/// that fill tables.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            if read_u64(&a[i..]) != read_u64(&b[i..]) {
                return false;
            }
            i += 8;
        }
        // The last, overlapping word covers the tail.
        return read_u64(&a[n - 8..]) == read_u64(&b[n - 8..]);
    }
    if n >= 4 {
        return read_u32(a) == read_u32(b) && read_u32(&a[n - 4..]) == read_u32(&b[n - 4..]);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// A value of the arena and its count. No hash is stored: the table's
/// control bytes already filter most mismatches, and 16-byte entries keep
/// more of the table in cache (rehashing reads the value back instead).
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    count: u64,
}

/// Exact counts of up to [`EXACT_CAP`] distinct values.
#[derive(Clone, Default)]
struct Exact {
    table: HashTable<Entry>,
    arena: Vec<u8>,
}

impl Exact {
    #[inline]
    fn add(&mut self, bytes: &[u8], hash: u64, count: u64) {
        let arena = &self.arena;
        if let Some(entry) = self.table.find_mut(hash, |e| {
            same(&arena[e.start as usize..(e.start + e.len) as usize], bytes)
        }) {
            entry.count += count;
            return;
        }
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(bytes);
        let entry = Entry { start, len: bytes.len() as u32, count };
        let arena = &self.arena;
        self.table.insert_unique(hash, entry, |e| {
            self::hash(&arena[e.start as usize..(e.start + e.len) as usize])
        });
    }

    fn value(&self, entry: &Entry) -> &[u8] {
        &self.arena[entry.start as usize..(entry.start + entry.len) as usize]
    }

    fn len(&self) -> usize {
        self.table.len()
    }

    /// Entries in the order values were first seen.
    fn in_order(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.table.iter().collect();
        entries.sort_by_key(|e| e.start);
        entries
    }

    fn range(&self) -> Option<(Vec<u8>, Vec<u8>)> {
        let min = self.table.iter().map(|e| self.value(e)).min()?;
        let max = self.table.iter().map(|e| self.value(e)).max()?;
        Some((min.to_vec(), max.to_vec()))
    }

    /// The counts as a Misra-Gries summary. Only the largest counts and
    /// the first one dropped matter: they are picked before any value is
    /// copied.
    fn summary(&self) -> Sketch {
        let mut entries: Vec<&Entry> = self.table.iter().collect();
        let order = |a: &&Entry, b: &&Entry| {
            b.count
                .cmp(&a.count)
                .then_with(|| self.value(a).cmp(self.value(b)))
        };
        if entries.len() > SKETCH_SLOTS + 1 {
            entries.select_nth_unstable_by(SKETCH_SLOTS, order);
            entries.truncate(SKETCH_SLOTS + 1);
        }
        Sketch::from_counts(
            entries
                .into_iter()
                .map(|e| (self.value(e).to_vec(), hash(self.value(e)), e.count))
                .collect(),
        )
    }
}

#[derive(Clone)]
struct Slot {
    hash: u64,
    value: Vec<u8>,
    count: u64,
}

/// Misra-Gries summary of at most [`SKETCH_SLOTS`] counters: a value
/// occurring more than n / (slots + 1) times out of n is always kept, and
/// each count is at most n / (slots + 1) below the truth.
#[derive(Clone, Default)]
struct Sketch {
    slots: Vec<Slot>,
    index: HashTable<usize>,
    /// Buffers of dropped slots, reused: columns of unique values fill and
    /// empty the summary all the time.
    spare: Vec<Vec<u8>>,
}

impl Sketch {
    /// Counts `bytes` `weight` times (Misra-Gries with weights).
    fn add(&mut self, bytes: &[u8], hash: u64, weight: u64) {
        let slots = &mut self.slots;
        if let Some(&i) = self.index.find(hash, |&i| {
            slots[i].hash == hash && same(&slots[i].value, bytes)
        }) {
            slots[i].count += weight;
            return;
        }
        let mut weight = weight;
        if slots.len() == SKETCH_SLOTS {
            // Full: the newcomer and every counter lose as much as the
            // smallest counter holds (or the newcomer's weight).
            let cut = slots.iter().map(|s| s.count).min().unwrap_or(0).min(weight);
            let mut survivors = 0;
            for slot in slots.iter_mut() {
                slot.count -= cut;
                survivors += usize::from(slot.count > 0);
            }
            weight -= cut;
            if survivors == 0 {
                // A column of unique values empties the summary: no index
                // to rebuild.
                self.spare.extend(self.slots.drain(..).map(|s| s.value));
                self.index.clear();
            } else {
                let mut i = 0;
                while i < self.slots.len() {
                    if self.slots[i].count == 0 {
                        let slot = self.slots.swap_remove(i);
                        self.spare.push(slot.value);
                    } else {
                        i += 1;
                    }
                }
                self.reindex();
            }
            if weight == 0 {
                return;
            }
        }
        let mut value = self.spare.pop().unwrap_or_default();
        value.clear();
        value.extend_from_slice(bytes);
        let slots = &mut self.slots;
        slots.push(Slot { hash, value, count: weight });
        let i = slots.len() - 1;
        self.index.insert_unique(hash, i, |&i| slots[i].hash);
    }

    fn reindex(&mut self) {
        self.index.clear();
        for i in 0..self.slots.len() {
            let slots = &self.slots;
            self.index
                .insert_unique(slots[i].hash, i, |&j| slots[j].hash);
        }
    }

    /// A summary of exact or summarised counts: the largest are kept, and
    /// every count is lowered by the first one dropped.
    fn from_counts(mut counts: Vec<(Vec<u8>, u64, u64)>) -> Sketch {
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let cut = counts.get(SKETCH_SLOTS).map_or(0, |c| c.2);
        let mut sketch = Sketch {
            slots: counts
                .into_iter()
                .take(SKETCH_SLOTS)
                .filter(|c| c.2 > cut)
                .map(|(value, hash, count)| Slot { hash, value, count: count - cut })
                .collect(),
            ..Sketch::default()
        };
        sketch.reindex();
        sketch
    }

    fn merge(&mut self, other: &Sketch) {
        let mut counts: Vec<(Vec<u8>, u64, u64)> = self
            .slots
            .drain(..)
            .map(|s| (s.value, s.hash, s.count))
            .collect();
        for slot in &other.slots {
            match counts
                .iter_mut()
                .find(|c| c.1 == slot.hash && c.0 == slot.value)
            {
                Some(c) => c.2 += slot.count,
                None => counts.push((slot.value.clone(), slot.hash, slot.count)),
            }
        }
        *self = Sketch::from_counts(counts);
    }
}

#[derive(Clone)]
struct HyperLogLog {
    registers: Box<[u8]>,
}

impl HyperLogLog {
    fn new() -> HyperLogLog {
        HyperLogLog { registers: vec![0; HLL_REGISTERS].into_boxed_slice() }
    }

    #[inline]
    fn add(&mut self, hash: u64) {
        let index = (hash >> (64 - HLL_BITS)) as usize;
        let rank = ((hash << HLL_BITS) | (1 << (HLL_BITS - 1))).leading_zeros() as u8 + 1;
        if rank > self.registers[index] {
            self.registers[index] = rank;
        }
    }

    fn merge(&mut self, other: &HyperLogLog) {
        for (mine, theirs) in self.registers.iter_mut().zip(other.registers.iter()) {
            *mine = (*mine).max(*theirs);
        }
    }

    fn estimate(&self) -> u64 {
        let m = HLL_REGISTERS as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let sum: f64 = self
            .registers
            .iter()
            .map(|&r| 2f64.powi(-i32::from(r)))
            .sum();
        let raw = alpha * m * m / sum;
        let zeros = self.registers.iter().filter(|&&r| r == 0).count();
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        estimate.round() as u64
    }
}

/// The sketches of a column with many distinct values.
#[derive(Clone)]
struct Estimated {
    hll: HyperLogLog,
    sketch: Sketch,
    /// Values since the last one sampled for the sketch.
    skipped: u64,
    min: Vec<u8>,
    max: Vec<u8>,
    min_key: u64,
    max_key: u64,
}

impl Estimated {
    #[inline]
    fn add(&mut self, bytes: &[u8], hash: u64) {
        self.hll.add(hash);
        self.skipped += 1;
        if self.skipped == SAMPLE {
            self.skipped = 0;
            self.sketch.add(bytes, hash, SAMPLE);
        }
        // Most values differ from the extremes in their first bytes:
        // compare those as one number before comparing whole slices.
        let key = prefix(bytes);
        if key <= self.min_key && bytes < self.min.as_slice() {
            self.min.clear();
            self.min.extend_from_slice(bytes);
            self.min_key = key;
        } else if key >= self.max_key && bytes > self.max.as_slice() {
            self.max.clear();
            self.max.extend_from_slice(bytes);
            self.max_key = key;
        }
    }

    fn widen(&mut self, min: &[u8], max: &[u8]) {
        if min < self.min.as_slice() {
            self.min = min.to_vec();
            self.min_key = prefix(min);
        }
        if max > self.max.as_slice() {
            self.max = max.to_vec();
            self.max_key = prefix(max);
        }
    }
}

/// The first eight bytes as a big-endian number, zero-padded: it orders
/// like the bytes.
#[inline]
fn prefix(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 8 {
        return u64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
    }
    if n >= 4 {
        // Two overlapping 4-byte reads, placed where their bytes belong.
        let head = u64::from(u32::from_be_bytes(bytes[..4].try_into().expect("4 bytes"))) << 32;
        let tail = u64::from(u32::from_be_bytes(
            bytes[n - 4..].try_into().expect("4 bytes"),
        )) << (64 - 8 * n);
        return head | tail;
    }
    let mut word = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        word |= u64::from(b) << (56 - 8 * i);
    }
    word
}

/// The values of one column.
#[derive(Clone, Default)]
pub struct ValueCounter {
    exact: Exact,
    /// Set once the column has more than [`EXACT_CAP`] distinct values.
    estimated: Option<Box<Estimated>>,
}

impl std::fmt::Debug for ValueCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValueCounter")
            .field("exact", &self.exact.len())
            .field("estimated", &self.estimated.is_some())
            .finish()
    }
}

/// Distinct count, frequent values and extremes of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub distinct: u64,
    pub estimated: bool,
    /// Most frequent first (ties by value); raw bytes of the values.
    pub top: Vec<(Vec<u8>, u64)>,
    /// Smallest and largest value, comparing bytes.
    pub range: Option<(Vec<u8>, Vec<u8>)>,
}

impl ValueCounter {
    #[inline]
    pub fn add(&mut self, bytes: &[u8], hash: u64) {
        match &mut self.estimated {
            Some(estimated) => estimated.add(bytes, hash),
            None => {
                self.exact.add(bytes, hash, 1);
                if self.exact.len() > EXACT_CAP {
                    self.switch_to_sketches();
                }
            }
        }
    }

    fn switch_to_sketches(&mut self) {
        let exact = std::mem::take(&mut self.exact);
        let mut hll = HyperLogLog::new();
        for entry in exact.table.iter() {
            hll.add(hash(exact.value(entry)));
        }
        let (min, max) = exact.range().unwrap_or_default();
        self.estimated = Some(Box::new(Estimated {
            hll,
            sketch: exact.summary(),
            skipped: 0,
            min_key: prefix(&min),
            max_key: prefix(&max),
            min,
            max,
        }));
    }

    /// Merges the counts of a later part of the same column.
    pub fn merge(&mut self, other: &ValueCounter) {
        match (&mut self.estimated, &other.estimated) {
            (None, None) => {
                for entry in other.exact.in_order() {
                    let value = other.exact.value(entry);
                    self.exact.add(value, hash(value), entry.count);
                }
                if self.exact.len() > EXACT_CAP {
                    self.switch_to_sketches();
                }
            }
            (Some(mine), None) => {
                for entry in other.exact.table.iter() {
                    mine.hll.add(hash(other.exact.value(entry)));
                }
                mine.sketch.merge(&other.exact.summary());
                if let Some((min, max)) = other.exact.range() {
                    mine.widen(&min, &max);
                }
            }
            (None, Some(_)) => {
                self.switch_to_sketches();
                self.merge(other);
            }
            (Some(mine), Some(theirs)) => {
                mine.hll.merge(&theirs.hll);
                mine.sketch.merge(&theirs.sketch);
                mine.widen(&theirs.min, &theirs.max);
            }
        }
    }

    pub fn finish(&self) -> Counted {
        match &self.estimated {
            None => {
                let mut entries: Vec<&Entry> = self.exact.table.iter().collect();
                entries.sort_by(|a, b| {
                    b.count
                        .cmp(&a.count)
                        .then_with(|| self.exact.value(a).cmp(self.exact.value(b)))
                });
                Counted {
                    distinct: self.exact.len() as u64,
                    estimated: false,
                    top: entries
                        .into_iter()
                        .take(TOP)
                        .map(|e| (self.exact.value(e).to_vec(), e.count))
                        .collect(),
                    range: self.exact.range(),
                }
            }
            Some(estimated) => {
                let mut slots: Vec<&Slot> = estimated
                    .sketch
                    .slots
                    .iter()
                    // Values sampled at least twice certainly occur twice.
                    .filter(|s| s.count >= 2 * SAMPLE)
                    .collect();
                slots.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                Counted {
                    distinct: estimated.hll.estimate().max(EXACT_CAP as u64 + 1),
                    estimated: true,
                    top: slots
                        .into_iter()
                        .take(TOP)
                        .map(|s| (s.value.clone(), s.count))
                        .collect(),
                    range: Some((estimated.min.clone(), estimated.max.clone())),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(values: &[String]) -> ValueCounter {
        let mut counter = ValueCounter::default();
        for v in values {
            counter.add(v.as_bytes(), hash(v.as_bytes()));
        }
        counter
    }

    #[test]
    fn exact_counts_top_and_range() {
        let values: Vec<String> = ["b", "a", "b", "c", "b", "a"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let counted = count(&values).finish();
        assert_eq!(counted.distinct, 3);
        assert!(!counted.estimated);
        assert_eq!(
            counted.top,
            vec![(b"b".to_vec(), 3), (b"a".to_vec(), 2), (b"c".to_vec(), 1)]
        );
        assert_eq!(counted.range, Some((b"a".to_vec(), b"c".to_vec())));
    }

    #[test]
    fn estimates_past_the_cap_and_keeps_frequent_values() {
        let mut values: Vec<String> = (0..100_000).map(|i| format!("id-{i:06}")).collect();
        for i in 0..5_000 {
            values.insert(i * 20, "frequent".to_string());
        }
        let counted = count(&values).finish();
        assert!(counted.estimated);
        let error = (counted.distinct as f64 - 100_001.0).abs() / 100_001.0;
        assert!(error < 0.05, "{} distinct", counted.distinct);
        assert_eq!(counted.top.len(), 1, "only the value seen more than once");
        assert_eq!(counted.top[0].0, b"frequent");
        assert!(counted.top[0].1 >= 3_000, "{}", counted.top[0].1);
        assert_eq!(
            counted.range,
            Some((b"frequent".to_vec(), b"id-099999".to_vec()))
        );
    }

    #[test]
    fn merged_parts_equal_the_whole_when_exact() {
        let values: Vec<String> = (0..5_000).map(|i| format!("v{}", i % 700)).collect();
        let whole = count(&values).finish();
        let mut first = count(&values[..1_234]);
        first.merge(&count(&values[1_234..]));
        assert_eq!(first.finish(), whole);
    }

    #[test]
    fn merged_parts_estimate_like_the_whole() {
        let values: Vec<String> = (0..60_000).map(|i| format!("v{i}")).collect();
        let whole = count(&values).finish();
        let mut merged = count(&values[..30_000]);
        merged.merge(&count(&values[30_000..]));
        let merged = merged.finish();
        assert!(merged.estimated);
        // The same registers, whatever the order of the values.
        assert_eq!(merged.distinct, whole.distinct);
        assert_eq!(merged.range, whole.range);
    }

    #[test]
    fn hash_and_equality() {
        assert_eq!(hash(b"Clairval"), hash(b"Clairval"));
        assert_ne!(hash(b"a"), hash(b"b"));
        assert_ne!(hash(b""), hash(b"\0"));
        assert!(same(b"Commune de Clairval", b"Commune de Clairval"));
        assert!(!same(b"Commune de Clairval", b"Commune de Clairvax"));
        assert!(!same(b"abc", b"abcd"));
        assert!(same(b"abcde", b"abcde") && !same(b"abcde", b"abcdf") && !same(b"xbcde", b"abcde"));
        assert!(same(b"", b"") && same(b"ab", b"ab") && !same(b"ab", b"ac"));
        assert!(prefix(b"ab") < prefix(b"abc") && prefix(b"abc") < prefix(b"abd"));
        assert!(prefix(b"zz") > prefix(b"abcdefghij"));
        for text in [&b"abcd"[..], b"abcde", b"abcdefg", b"a", b""] {
            let mut word = [0u8; 8];
            word[..text.len()].copy_from_slice(text);
            assert_eq!(prefix(text), u64::from_be_bytes(word), "{text:?}");
        }
    }
}
