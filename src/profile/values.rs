//! Counting the values of a column in bounded memory: distinct count and
//! most frequent values.
//!
//! Up to [`EXACT_CAP`] distinct values, counts are exact (a hash table over
//! an arena of the values' bytes). Past it, the column switches to sketches:
//! a HyperLogLog for the distinct count (about 1.6 % standard error) and a
//! Space-Saving summary for the frequent values, which reports only values
//! guaranteed to occur at least twice. Both are mergeable, so chunks of a
//! file profiled in parallel give the same result as one pass, provided
//! they are merged in file order.

use hashbrown::HashTable;

/// Distinct values counted exactly before switching to estimates.
pub const EXACT_CAP: usize = 10_000;
/// Frequent values reported.
pub const TOP: usize = 10;
/// Counters of the Space-Saving summary.
const SKETCH_SLOTS: usize = 64;
/// HyperLogLog precision: 2^12 registers.
const HLL_BITS: u32 = 12;
const HLL_REGISTERS: usize = 1 << HLL_BITS;

/// A fast 64-bit hash with good avalanche, stable across runs and
/// machines (the profile must be deterministic).
pub fn hash(bytes: &[u8]) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    let mut h = (bytes.len() as u64) ^ K0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        h = fold_multiply(h ^ word, K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        h = fold_multiply(h ^ u64::from_le_bytes(tail), K1);
    }
    fold_multiply(h, K0)
}

fn fold_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
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
    fn add(&mut self, bytes: &[u8], hash: u64, count: u64) {
        let arena = &self.arena;
        if let Some(entry) = self.table.find_mut(hash, |e| {
            e.hash == hash && &arena[e.start as usize..(e.start + e.len) as usize] == bytes
        }) {
            entry.count += count;
            return;
        }
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(bytes);
        self.table.insert_unique(
            hash,
            Entry {
                hash,
                start,
                len: bytes.len() as u32,
                count,
            },
            |e| e.hash,
        );
    }

    fn value(&self, entry: &Entry) -> &[u8] {
        &self.arena[entry.start as usize..(entry.start + entry.len) as usize]
    }

    fn len(&self) -> usize {
        self.table.len()
    }

    /// The most frequent values first, ties by value (deterministic).
    fn sorted(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.table.iter().collect();
        entries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| self.value(a).cmp(self.value(b))));
        entries
    }

    /// The counts as a Space-Saving summary, most frequent values first so
    /// that they keep their slots.
    fn summary(&self) -> Sketch {
        let mut sketch = Sketch::new();
        for entry in self.sorted() {
            sketch.add(self.value(entry), entry.hash, entry.count);
        }
        sketch
    }
}

/// Space-Saving summary: [`SKETCH_SLOTS`] counters, each an upper bound of
/// its value's count with a known maximum over-estimate.
#[derive(Clone)]
struct Sketch {
    hashes: Vec<u64>,
    values: Vec<Vec<u8>>,
    counts: Vec<u64>,
    errors: Vec<u64>,
}

impl Sketch {
    fn new() -> Sketch {
        Sketch {
            hashes: Vec::with_capacity(SKETCH_SLOTS),
            values: Vec::with_capacity(SKETCH_SLOTS),
            counts: Vec::with_capacity(SKETCH_SLOTS),
            errors: Vec::with_capacity(SKETCH_SLOTS),
        }
    }

    fn add(&mut self, bytes: &[u8], hash: u64, count: u64) {
        if let Some(i) = self.hashes.iter().position(|&h| h == hash)
            && self.values[i] == bytes
        {
            self.counts[i] += count;
            return;
        }
        if self.hashes.len() < SKETCH_SLOTS {
            self.hashes.push(hash);
            self.values.push(bytes.to_vec());
            self.counts.push(count);
            self.errors.push(0);
            return;
        }
        // Replace the least counted value; the newcomer may have been
        // counted there before, hence the error bound.
        let (i, &min) = self
            .counts
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| **c)
            .expect("slots are full");
        self.hashes[i] = hash;
        self.values[i].clear();
        self.values[i].extend_from_slice(bytes);
        self.counts[i] = min + count;
        self.errors[i] = min;
    }

    fn min_count(&self) -> u64 {
        if self.counts.len() < SKETCH_SLOTS {
            0
        } else {
            self.counts.iter().copied().min().unwrap_or(0)
        }
    }

    /// Merges `other` (later in the file) into `self`.
    fn merge(&mut self, other: &Sketch) {
        let (own_min, other_min) = (self.min_count(), other.min_count());
        let mut merged: Vec<(u64, Vec<u8>, u64, u64)> = Vec::new();
        for i in 0..self.hashes.len() {
            let found = (0..other.hashes.len())
                .find(|&j| other.hashes[j] == self.hashes[i] && other.values[j] == self.values[i]);
            let (count, error) = match found {
                Some(j) => (other.counts[j], other.errors[j]),
                None => (other_min, other_min),
            };
            merged.push((
                self.hashes[i],
                std::mem::take(&mut self.values[i]),
                self.counts[i] + count,
                self.errors[i] + error,
            ));
        }
        for j in 0..other.hashes.len() {
            if !merged
                .iter()
                .any(|(h, v, _, _)| *h == other.hashes[j] && *v == other.values[j])
            {
                merged.push((
                    other.hashes[j],
                    other.values[j].clone(),
                    other.counts[j] + own_min,
                    other.errors[j] + own_min,
                ));
            }
        }
        // Keep the largest counts; ties by value, for determinism.
        merged.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        merged.truncate(SKETCH_SLOTS);
        self.hashes.clear();
        self.values.clear();
        self.counts.clear();
        self.errors.clear();
        for (hash, value, count, error) in merged {
            self.hashes.push(hash);
            self.values.push(value);
            self.counts.push(count);
            self.errors.push(error);
        }
    }
}

#[derive(Clone)]
struct HyperLogLog {
    registers: Box<[u8]>,
}

impl HyperLogLog {
    fn new() -> HyperLogLog {
        HyperLogLog {
            registers: vec![0; HLL_REGISTERS].into_boxed_slice(),
        }
    }

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
        let sum: f64 = self.registers.iter().map(|&r| 2f64.powi(-i32::from(r))).sum();
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

/// The values of one column.
#[derive(Clone, Default)]
pub struct ValueCounter {
    exact: Exact,
    /// Set once the column has more than [`EXACT_CAP`] distinct values.
    estimated: Option<Box<(HyperLogLog, Sketch)>>,
}

/// Distinct count and frequent values of a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub distinct: u64,
    pub estimated: bool,
    /// Most frequent first (ties by value); raw bytes of the values.
    pub top: Vec<(Vec<u8>, u64)>,
}

impl std::fmt::Debug for ValueCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValueCounter")
            .field("exact", &self.exact.len())
            .field("estimated", &self.estimated.is_some())
            .finish()
    }
}

impl ValueCounter {
    pub fn add(&mut self, bytes: &[u8], hash: u64) {
        self.add_counted(bytes, hash, 1);
    }

    fn add_counted(&mut self, bytes: &[u8], hash: u64, count: u64) {
        match &mut self.estimated {
            Some(sketches) => {
                sketches.0.add(hash);
                sketches.1.add(bytes, hash, count);
            }
            None => {
                self.exact.add(bytes, hash, count);
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
            hll.add(entry.hash);
        }
        self.estimated = Some(Box::new((hll, exact.summary())));
    }

    /// Merges the counts of a later part of the same column.
    pub fn merge(&mut self, other: &ValueCounter) {
        match (&mut self.estimated, &other.estimated) {
            (None, None) => {
                // Insert in the order values were first seen, so the arena
                // reads like one pass over the file.
                let mut entries: Vec<&Entry> = other.exact.table.iter().collect();
                entries.sort_by_key(|e| e.start);
                for entry in entries {
                    self.exact.add(other.exact.value(entry), entry.hash, entry.count);
                }
                if self.exact.len() > EXACT_CAP {
                    self.switch_to_sketches();
                }
            }
            (Some(mine), None) => {
                for entry in other.exact.table.iter() {
                    mine.0.add(entry.hash);
                }
                mine.1.merge(&other.exact.summary());
            }
            (None, Some(_)) => {
                self.switch_to_sketches();
                self.merge(other);
            }
            (Some(mine), Some(theirs)) => {
                mine.0.merge(&theirs.0);
                mine.1.merge(&theirs.1);
            }
        }
    }

    pub fn finish(&self) -> Counted {
        match &self.estimated {
            None => Counted {
                distinct: self.exact.len() as u64,
                estimated: false,
                top: self
                    .exact
                    .sorted()
                    .into_iter()
                    .take(TOP)
                    .map(|e| (self.exact.value(e).to_vec(), e.count))
                    .collect(),
            },
            Some(sketches) => {
                let (hll, sketch) = (&sketches.0, &sketches.1);
                let mut entries: Vec<(&[u8], u64, u64)> = (0..sketch.hashes.len())
                    .map(|i| (sketch.values[i].as_slice(), sketch.counts[i], sketch.errors[i]))
                    // Only values certainly seen twice: the others could be
                    // any of the many values seen once.
                    .filter(|(_, count, error)| count - error >= 2)
                    .collect();
                entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                Counted {
                    distinct: hll.estimate().max(EXACT_CAP as u64 + 1),
                    estimated: true,
                    top: entries
                        .into_iter()
                        .take(TOP)
                        .map(|(v, c, _)| (v.to_vec(), c))
                        .collect(),
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
    fn exact_counts_and_top() {
        let values: Vec<String> = ["a", "b", "a", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        let counted = count(&values).finish();
        assert_eq!(counted.distinct, 3);
        assert!(!counted.estimated);
        assert_eq!(
            counted.top,
            vec![(b"a".to_vec(), 3), (b"b".to_vec(), 2), (b"c".to_vec(), 1)]
        );
    }

    #[test]
    fn estimates_past_the_cap_and_keeps_frequent_values() {
        let mut values: Vec<String> = (0..100_000).map(|i| format!("id-{i}")).collect();
        for i in 0..5_000 {
            values.insert(i * 20, "frequent".to_string());
        }
        let counted = count(&values).finish();
        assert!(counted.estimated);
        let error = (counted.distinct as f64 - 100_001.0).abs() / 100_001.0;
        assert!(error < 0.05, "{} distinct", counted.distinct);
        assert_eq!(counted.top.len(), 1, "only the value seen more than once");
        assert_eq!(counted.top[0].0, b"frequent");
        assert!(counted.top[0].1 >= 5_000);
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
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash(b"Clairval"), hash(b"Clairval"));
        assert_ne!(hash(b"a"), hash(b"b"));
        assert_ne!(hash(b""), hash(b"\0"));
    }
}
