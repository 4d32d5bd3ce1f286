//! A histogram built in one pass without knowing the range in advance.
//!
//! Bins have a "nice" width `w` (1, 2, 10, 20, 100… times a power of ten)
//! and are aligned on multiples of it. When a value falls outside the at
//! most [`MAX_BINS`] bins, the width grows to the next nice one; since each
//! step multiplies it by 2 or by 5, old bins merge exactly into new ones.
//! Counts stay exact, memory stays bounded, and the final width depends only
//! on the minimum and maximum, so parts of a file merge into the histogram
//! of the whole.

use serde::{Deserialize, Serialize};

const MAX_BINS: usize = 100;
/// The finest width considered: 10^-6.
const FINEST_EXPONENT: i32 = -6;

/// A nice width: `mantissa × 10^exponent`, mantissa 1 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Width {
    exponent: i32,
    two: bool,
}

impl Width {
    const FINEST: Width = Width { exponent: FINEST_EXPONENT, two: false };

    fn value(self) -> f64 {
        10f64.powi(self.exponent) * if self.two { 2.0 } else { 1.0 }
    }

    /// The next width and by how much it multiplies this one.
    fn next(self) -> (Width, i64) {
        if self.two {
            (Width { exponent: self.exponent + 1, two: false }, 5)
        } else {
            (Width { exponent: self.exponent, two: true }, 2)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    width: Width,
    /// `1 / width.value()`, kept: it is needed for every value.
    inverse: f64,
    /// Index of the first bin: it covers `[first × w, (first + 1) × w)`.
    first: i64,
    counts: Vec<u64>,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            width: Width::FINEST,
            inverse: 1.0 / Width::FINEST.value(),
            first: 0,
            counts: Vec::new(),
        }
    }
}

/// A bin of the final histogram, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub start: f64,
    pub end: f64,
    pub count: u64,
}

impl Histogram {
    #[inline]
    fn index(&self, value: f64) -> Option<i64> {
        // A small epsilon keeps values that sit on a bin edge, such as 0.3
        // with a width of 0.1, from falling into the bin below.
        let scaled = value * self.inverse + 1e-9;
        if scaled.abs() >= 1e17 {
            return None;
        }
        // `floor` without the libm call that baseline x86-64 makes of it.
        let truncated = scaled as i64;
        Some(if (truncated as f64) > scaled {
            truncated - 1
        } else {
            truncated
        })
    }

    #[inline]
    pub fn add(&mut self, value: f64) {
        // Most values fall in a bin that exists.
        if let Some(index) = self.index(value) {
            let offset = index.wrapping_sub(self.first) as u64;
            if let Some(count) = self
                .counts
                .get_mut(offset as usize)
                .filter(|_| offset < MAX_BINS as u64)
            {
                *count += 1;
                return;
            }
        }
        self.add_outside(value);
    }

    #[cold]
    fn add_outside(&mut self, value: f64) {
        if !value.is_finite() {
            return;
        }
        loop {
            let Some(index) = self.index(value) else {
                self.coarsen();
                continue;
            };
            if self.counts.is_empty() {
                self.first = index;
                self.counts.push(1);
                return;
            }
            let last = self.first + self.counts.len() as i64 - 1;
            let (low, high) = (index.min(self.first), index.max(last));
            if high - low + 1 > MAX_BINS as i64 {
                self.coarsen();
                continue;
            }
            if index < self.first {
                let missing = (self.first - index) as usize;
                self.counts.splice(0..0, std::iter::repeat_n(0, missing));
                self.first = index;
            } else if index > last {
                self.counts.resize((index - self.first + 1) as usize, 0);
            }
            self.counts[(index - self.first) as usize] += 1;
            return;
        }
    }

    /// Moves to the next nice width, merging bins.
    fn coarsen(&mut self) {
        let (width, factor) = self.width.next();
        self.width = width;
        self.inverse = 1.0 / width.value();
        if self.counts.is_empty() {
            return;
        }
        let first = self.first.div_euclid(factor);
        let last = (self.first + self.counts.len() as i64 - 1).div_euclid(factor);
        let mut counts = vec![0u64; (last - first + 1) as usize];
        for (i, count) in self.counts.iter().enumerate() {
            let index = (self.first + i as i64).div_euclid(factor);
            counts[(index - first) as usize] += count;
        }
        self.first = first;
        self.counts = counts;
    }

    /// Merges the histogram of another part of the same column.
    pub fn merge(&mut self, other: &Histogram) {
        if other.counts.is_empty() {
            return;
        }
        let mut other = other.clone();
        while other.width < self.width {
            other.coarsen();
        }
        while self.width < other.width {
            self.coarsen();
        }
        loop {
            if self.counts.is_empty() {
                *self = other;
                return;
            }
            let low = self.first.min(other.first);
            let high = (self.first + self.counts.len() as i64)
                .max(other.first + other.counts.len() as i64)
                - 1;
            if high - low + 1 > MAX_BINS as i64 {
                self.coarsen();
                other.coarsen();
                continue;
            }
            let mut counts = vec![0u64; (high - low + 1) as usize];
            for (start, part) in [(self.first, &self.counts), (other.first, &other.counts)] {
                for (i, count) in part.iter().enumerate() {
                    counts[(start - low) as usize + i] += count;
                }
            }
            self.first = low;
            self.counts = counts;
            return;
        }
    }

    /// At most `max` bins: adjacent bins grouped by 1, 2, 5 or 10 (which
    /// keeps edges on nice numbers), empty edges trimmed.
    pub fn bins(&self, max: usize) -> Vec<Bin> {
        let Some(start) = self.counts.iter().position(|&c| c > 0) else {
            return Vec::new();
        };
        let end = self.counts.iter().rposition(|&c| c > 0).expect("a count") + 1;
        let (first, counts) = (self.first + start as i64, &self.counts[start..end]);
        let group = [1i64, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|g| {
                let groups =
                    (first + counts.len() as i64 - 1).div_euclid(*g) - first.div_euclid(*g) + 1;
                groups as usize <= max
            })
            .unwrap_or(100);
        let width = self.width.value();
        let mut bins: Vec<Bin> = Vec::new();
        for (i, &count) in counts.iter().enumerate() {
            let group_index = (first + i as i64).div_euclid(group);
            let start = group_index as f64 * group as f64 * width;
            match bins.last_mut() {
                Some(bin) if (bin.start - start).abs() < width * 1e-6 => bin.count += count,
                _ => bins.push(Bin {
                    start: clean(start),
                    end: clean(start + group as f64 * width),
                    count,
                }),
            }
        }
        // Fill gaps so bins are contiguous.
        let mut contiguous: Vec<Bin> = Vec::with_capacity(bins.len());
        for bin in bins {
            if let Some(previous) = contiguous.last()
                && bin.start - previous.end > width * 1e-6
            {
                let step = previous.end - previous.start;
                let mut start = previous.end;
                while bin.start - start > width * 1e-6 {
                    contiguous.push(Bin {
                        start: clean(start),
                        end: clean(start + step),
                        count: 0,
                    });
                    start += step;
                }
            }
            contiguous.push(bin);
        }
        contiguous
    }
}

/// Rounds away floating noise (0.30000000000000004 → 0.3).
fn clean(value: f64) -> f64 {
    let rounded = (value * 1e9).round() / 1e9;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(values: &[f64]) -> Histogram {
        let mut h = Histogram::default();
        for &v in values {
            h.add(v);
        }
        h
    }

    #[test]
    fn counts_are_exact_and_edges_nice() {
        let values: Vec<f64> = (0..1000).map(|i| f64::from(i) * 0.15).collect();
        let h = of(&values);
        let bins = h.bins(20);
        assert!(bins.len() <= 20, "{}", bins.len());
        assert_eq!(bins.iter().map(|b| b.count).sum::<u64>(), 1000);
        for bin in &bins {
            for edge in [bin.start, bin.end] {
                let scaled = edge / 10f64.powi(edge.abs().max(1.0).log10().floor() as i32 - 1);
                assert!(
                    (scaled - scaled.round()).abs() < 1e-6,
                    "{edge} is not a nice edge"
                );
            }
        }
    }

    #[test]
    fn order_and_splitting_do_not_matter() {
        let values: Vec<f64> = (0..5000)
            .map(|i| ((i * 7919) % 3001) as f64 - 1500.5)
            .collect();
        let whole = of(&values);
        let mut reversed: Vec<f64> = values.clone();
        reversed.reverse();
        assert_eq!(of(&reversed), whole);
        let mut merged = of(&values[..1700]);
        merged.merge(&of(&values[1700..]));
        assert_eq!(merged, whole);
    }

    #[test]
    fn huge_and_tiny_values() {
        let h = of(&[1e-9, 2.5e15, -3.0]);
        assert_eq!(h.bins(10).iter().map(|b| b.count).sum::<u64>(), 3);
        let single = of(&[42.0, 42.0]);
        let bins = single.bins(10);
        assert_eq!(bins.len(), 1);
        assert_eq!(bins[0].count, 2);
        assert!(bins[0].start <= 42.0 && 42.0 < bins[0].end);
    }
}
