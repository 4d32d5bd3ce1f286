//! The data of the charts declared in front matter: rows grouped by the
//! `x` column, the `y` column summed in each group (or rows counted),
//! read as a stream from the normalised copy of the table, so memory is
//! bounded by the number of groups, never by the file.
//!
//! Groups are kept few enough to be read on a page: dates are grouped by
//! hour, day, month or year, numbers into ranges, and categories beyond
//! the largest ones into "others". The result is cached with the profile.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::TableProfile;
use super::column::{ColumnProfile, ColumnType, Scalar, is_null};
use crate::validate::{ChartKind, ChartSpec};

/// Distinct groups held while reading; beyond, categories go to "others"
/// and dates are grouped more coarsely.
const MAX_GROUPS: usize = 10_000;

/// How many groups each kind of chart draws.
fn limit(kind: ChartKind, axis: Axis) -> usize {
    match (kind, axis) {
        (ChartKind::Line, _) => 120,
        (ChartKind::Bars, Axis::Categories) => 15,
        (ChartKind::Bars, _) => 30,
        (ChartKind::Proportions, _) => 7,
    }
}

/// How the values of `x` are ordered and grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// Labels, by decreasing total.
    Categories,
    /// Numbers in increasing order; `year` ones are written without
    /// grouping digits, `integer` ones are grouped into whole ranges.
    Numbers { integer: bool, year: bool },
    /// ISO dates and times, in order.
    Time,
}

/// How finely dates are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Hour,
    Day,
    Month,
    Year,
}

impl Step {
    /// Length of the ISO prefix that names a group: `2024-03-01T08`.
    fn prefix(self) -> usize {
        match self {
            Step::Hour => 13,
            Step::Day => 10,
            Step::Month => 7,
            Step::Year => 4,
        }
    }

    fn coarser(self) -> Option<Step> {
        match self {
            Step::Hour => Some(Step::Day),
            Step::Day => Some(Step::Month),
            Step::Month => Some(Step::Year),
            Step::Year => None,
        }
    }
}

/// What a group of a chart is named by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    Text(String),
    Number(f64),
    /// Numbers from the first (included) to the second (excluded).
    Range(f64, f64),
    /// An ISO date, as precise as the chart's [`Step`].
    Time(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub key: Key,
    /// Sum of `y`, or the number of rows.
    pub value: f64,
    pub rows: u64,
}

/// The categories gathered into one "others" group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Others {
    /// How many categories; a lower bound when `more` is set.
    pub groups: u64,
    pub more: bool,
    pub value: f64,
    pub rows: u64,
}

/// The data of one declared chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartData {
    pub axis: Axis,
    /// How dates were grouped, for [`Axis::Time`].
    pub step: Option<Step>,
    /// Whether dates were merged into coarser groups than the data's own.
    pub merged: bool,
    pub groups: Vec<Group>,
    pub others: Option<Others>,
    /// Rows left out: no `x`, `y` not a number, or (for proportions) in a
    /// group whose total is not positive.
    pub skipped: u64,
}

/// A declared chart and its data, for the dataset page.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredChart {
    pub spec: ChartSpec,
    pub data: ChartData,
}

/// Why a declared chart cannot be drawn from a file.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartProblem {
    /// `x` or `y` names no column of the file's tables.
    MissingColumn {
        role: &'static str,
        column: String,
        columns: Vec<String>,
    },
    /// `y` is not a column of numbers.
    NotNumbers { column: String, holds: &'static str },
    /// A line needs an `x` of dates or numbers.
    NotOrdered { column: String, holds: &'static str },
    /// The table's normalised copy could not be read again.
    Unreadable { column: String, detail: String },
}

impl ChartProblem {
    /// The message, naming the file the chart is drawn from.
    pub fn message(&self, file: &str) -> String {
        match self {
            ChartProblem::MissingColumn { role, column, .. } => format!(
                "a chart's `{role}` names the column `{column}`, which {file} does not have"
            ),
            ChartProblem::NotNumbers { column, holds } => format!(
                "a chart's `y` must be a column of numbers, but `{column}` in {file} holds {holds}"
            ),
            ChartProblem::NotOrdered { column, holds } => format!(
                "a line chart needs an `x` of dates or numbers, but `{column}` in {file} holds {holds}"
            ),
            ChartProblem::Unreadable { column, detail } => format!(
                "the chart of `{column}` cannot be drawn: the normalised copy of {file} cannot be read ({detail})"
            ),
        }
    }

    pub fn hint(&self) -> String {
        match self {
            ChartProblem::MissingColumn { columns, .. } => {
                format!("the columns are: {}", columns.join(", "))
            }
            ChartProblem::NotNumbers { .. } => {
                "leave out `y` to count the rows of each group".to_string()
            }
            ChartProblem::NotOrdered { .. } => {
                "use `kind: bars` or `kind: proportions` to compare categories".to_string()
            }
            ChartProblem::Unreadable { .. } => {
                "build again; if it happens again, delete the portal's .ouvert-cache folder"
                    .to_string()
            }
        }
    }

    /// The front matter text to point at: `x: annee`.
    pub fn declaration(&self) -> String {
        match self {
            ChartProblem::MissingColumn { role, column, .. } => format!("{role}: {column}"),
            ChartProblem::NotNumbers { column, .. } => format!("y: {column}"),
            ChartProblem::NotOrdered { column, .. } | ChartProblem::Unreadable { column, .. } => {
                format!("x: {column}")
            }
        }
    }
}

/// Which table and columns a chart reads, and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub table: usize,
    kind: ChartKind,
    x: usize,
    /// The type of `x`'s values: datetimes start grouped by hour.
    x_type: ColumnType,
    y: Option<usize>,
    axis: Axis,
    limit: usize,
    /// For numbers with too many distinct values to hold: ranges decided
    /// up front from the column's extremes.
    ranges: Option<(f64, f64)>,
}

fn holds(column: &ColumnProfile) -> &'static str {
    match column.kind {
        ColumnType::Any => "no value",
        ColumnType::Boolean => "true/false values",
        ColumnType::Integer | ColumnType::Number => "numbers",
        ColumnType::Year => "years",
        ColumnType::Date | ColumnType::Datetime if column.ambiguous => {
            "dates whose day and month order is uncertain"
        }
        ColumnType::Date | ColumnType::Datetime => "dates",
        ColumnType::String => "text",
    }
}

fn find(table: &TableProfile, name: &str) -> Option<usize> {
    let columns = &table.columns;
    columns.iter().position(|c| c.name == name).or_else(|| {
        columns
            .iter()
            .position(|c| c.name.trim().eq_ignore_ascii_case(name))
    })
}

/// Checks a chart against the file's tables: the first that has its
/// columns is read.
pub fn plan(spec: &ChartSpec, tables: &[TableProfile]) -> Result<Plan, ChartProblem> {
    let missing = |role, column: &str, table: Option<&TableProfile>| {
        let mut columns: Vec<String> = match table {
            Some(table) => table.columns.iter().map(|c| c.name.clone()).collect(),
            None => tables
                .iter()
                .flat_map(|t| t.columns.iter().map(|c| c.name.clone()))
                .collect(),
        };
        columns.dedup();
        ChartProblem::MissingColumn { role, column: column.to_string(), columns }
    };
    let (index, table, x) = tables
        .iter()
        .enumerate()
        .filter_map(|(i, t)| find(t, &spec.x).map(|x| (i, t, x)))
        .find(|(_, t, _)| spec.y.as_deref().is_none_or(|y| find(t, y).is_some()))
        .or_else(|| {
            tables
                .iter()
                .enumerate()
                .find_map(|(i, t)| find(t, &spec.x).map(|x| (i, t, x)))
        })
        .ok_or_else(|| missing("x", &spec.x, None))?;
    let y = match &spec.y {
        Some(name) => {
            let y = find(table, name).ok_or_else(|| missing("y", name, Some(table)))?;
            let column = &table.columns[y];
            if !matches!(
                column.kind,
                ColumnType::Integer | ColumnType::Number | ColumnType::Any
            ) {
                return Err(ChartProblem::NotNumbers {
                    column: column.name.clone(),
                    holds: holds(column),
                });
            }
            Some(y)
        }
        None => None,
    };
    let column = &table.columns[x];
    let ordered = match column.kind {
        ColumnType::Integer | ColumnType::Number | ColumnType::Year => Some(Axis::Numbers {
            integer: column.kind != ColumnType::Number,
            year: column.kind == ColumnType::Year,
        }),
        ColumnType::Date | ColumnType::Datetime if !column.ambiguous => Some(Axis::Time),
        _ => None,
    };
    let axis = match (spec.kind, ordered) {
        (ChartKind::Proportions, _) => Axis::Categories,
        (ChartKind::Line, None) => {
            return Err(ChartProblem::NotOrdered {
                column: column.name.clone(),
                holds: holds(column),
            });
        }
        (_, Some(axis)) => axis,
        (ChartKind::Bars, None) => Axis::Categories,
    };
    let ranges = match (axis, &column.min, &column.max) {
        (Axis::Numbers { .. }, Some(Scalar::Number(min)), Some(Scalar::Number(max)))
            if column.distinct_estimated || column.distinct as usize > MAX_GROUPS =>
        {
            Some((*min, *max))
        }
        _ => None,
    };
    Ok(Plan {
        table: index,
        kind: spec.kind,
        x,
        x_type: column.kind,
        y,
        axis,
        limit: limit(spec.kind, axis),
        ranges,
    })
}

/// A number as the normalised copy writes it, or as written in a column
/// whose conventions were not certain.
fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    let value = text.parse::<f64>().ok().or_else(|| {
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        compact
            .parse()
            .ok()
            .or_else(|| compact.replace(',', ".").parse().ok())
    })?;
    value.is_finite().then_some(value)
}

/// The ISO date prefix of `text` for `step`, if it is an ISO date.
fn time_key(text: &str, step: Step) -> Option<String> {
    let bytes = text.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date = digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10);
    if !date {
        return None;
    }
    let mut key = String::from_utf8_lossy(&bytes[..10]).into_owned();
    if step == Step::Hour {
        if matches!(bytes.get(10), Some(b'T' | b' ')) && digits(11..13) {
            key.push('T');
            key.push_str(std::str::from_utf8(&bytes[11..13]).ok()?);
        } else {
            key.push_str("T00");
        }
    }
    key.truncate(step.prefix());
    Some(key)
}

/// A round width for about `span / count`: 1, 2 or 5 times a power of ten.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span / count.max(1) as f64;
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

#[derive(Default, Clone, Copy)]
struct Sum {
    value: f64,
    rows: u64,
}

impl Sum {
    fn add(&mut self, value: f64) {
        self.value += value;
        self.rows += 1;
    }

    fn merge(&mut self, other: Sum) {
        self.value += other.value;
        self.rows += other.rows;
    }
}

/// Groups being summed while the file is read.
enum Accumulator {
    Categories {
        groups: HashMap<String, Sum>,
        overflow: Sum,
    },
    Numbers(BTreeMap<OrderedNumber, Sum>),
    Ranges {
        start: f64,
        width: f64,
        groups: BTreeMap<i64, Sum>,
    },
    Time {
        step: Step,
        groups: BTreeMap<String, Sum>,
        /// Whether coarser steps merged dates into one group.
        merged: bool,
    },
}

/// An `f64` that orders (values are finite).
#[derive(Clone, Copy)]
struct OrderedNumber(f64);
impl PartialEq for OrderedNumber {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for OrderedNumber {}
impl PartialOrd for OrderedNumber {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for OrderedNumber {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Equal ranges over `[min, max]`, about `count` of them, whole numbers
/// wide for integer columns.
fn ranges(min: f64, max: f64, count: usize, integer: bool) -> (f64, f64) {
    let mut width = nice_step(max - min, count);
    if integer {
        width = width.ceil().max(1.0);
    }
    ((min / width).floor() * width, width)
}

impl Accumulator {
    fn new(plan: &Plan) -> Accumulator {
        match plan.axis {
            Axis::Categories => {
                Accumulator::Categories { groups: HashMap::new(), overflow: Sum::default() }
            }
            Axis::Numbers { integer, .. } => match plan.ranges {
                Some((min, max)) => {
                    let (start, width) = ranges(min, max, plan.limit, integer);
                    Accumulator::Ranges { start, width, groups: BTreeMap::new() }
                }
                None => Accumulator::Numbers(BTreeMap::new()),
            },
            Axis::Time => Accumulator::Time {
                step: if plan.x_type == ColumnType::Datetime {
                    Step::Hour
                } else {
                    Step::Day
                },
                groups: BTreeMap::new(),
                merged: false,
            },
        }
    }

    /// Adds a row; `false` when its `x` cannot be placed.
    fn add(&mut self, x: &str, value: f64) -> bool {
        match self {
            Accumulator::Categories { groups, overflow } => {
                let x = x.trim();
                if let Some(sum) = groups.get_mut(x) {
                    sum.add(value);
                } else if groups.len() < MAX_GROUPS {
                    groups.entry(x.to_string()).or_default().add(value);
                } else {
                    overflow.add(value);
                }
                true
            }
            Accumulator::Numbers(groups) => match number(x) {
                Some(n) if groups.len() < MAX_GROUPS || groups.contains_key(&OrderedNumber(n)) => {
                    groups.entry(OrderedNumber(n)).or_default().add(value);
                    true
                }
                _ => false,
            },
            Accumulator::Ranges { start, width, groups } => match number(x) {
                Some(n) => {
                    let bin = ((n - *start) / *width).floor() as i64;
                    groups.entry(bin).or_default().add(value);
                    true
                }
                None => false,
            },
            Accumulator::Time { step, groups, merged } => {
                let Some(key) = time_key(x, *step) else {
                    return false;
                };
                groups.entry(key).or_default().add(value);
                if groups.len() > MAX_GROUPS {
                    Self::coarsen(step, groups, merged);
                }
                true
            }
        }
    }

    /// Regroups dates one step more coarsely; `false` at years.
    fn coarsen(step: &mut Step, groups: &mut BTreeMap<String, Sum>, merged: &mut bool) -> bool {
        let Some(coarser) = step.coarser() else {
            return false;
        };
        let before = groups.len();
        let mut regrouped: BTreeMap<String, Sum> = BTreeMap::new();
        for (key, sum) in std::mem::take(groups) {
            let mut key = key;
            key.truncate(coarser.prefix());
            regrouped.entry(key).or_default().merge(sum);
        }
        *merged |= regrouped.len() < before;
        *groups = regrouped;
        *step = coarser;
        true
    }

    fn finish(self, plan: &Plan) -> Summed {
        let limit = plan.limit;
        let group = |key, sum: Sum| Group { key, value: sum.value, rows: sum.rows };
        let summed = |groups, others, dropped| Summed {
            groups,
            others,
            axis: plan.axis,
            step: None,
            merged: false,
            dropped,
        };
        match self {
            Accumulator::Categories { groups, overflow } => {
                let mut skipped = 0;
                let mut sorted: Vec<(String, Sum)> = groups.into_iter().collect();
                if plan.kind == ChartKind::Proportions {
                    // A share of a whole needs positive parts.
                    sorted.retain(|(_, sum)| {
                        let keep = sum.value > 0.0;
                        if !keep {
                            skipped += sum.rows;
                        }
                        keep
                    });
                }
                sorted.sort_by(|a, b| b.1.value.total_cmp(&a.1.value).then_with(|| a.0.cmp(&b.0)));
                let more = overflow.rows > 0;
                let keep = if sorted.len() == limit + 1 && !more {
                    limit + 1
                } else {
                    limit
                };
                let rest = sorted.split_off(keep.min(sorted.len()));
                let others = (!rest.is_empty() || more).then(|| {
                    let mut sum = overflow;
                    for (_, s) in &rest {
                        sum.merge(*s);
                    }
                    Others {
                        groups: rest.len() as u64,
                        more,
                        value: sum.value,
                        rows: sum.rows,
                    }
                });
                let groups = sorted
                    .into_iter()
                    .map(|(key, sum)| group(Key::Text(key), sum))
                    .collect();
                summed(groups, others, skipped)
            }
            Accumulator::Numbers(groups) => {
                let integer = matches!(plan.axis, Axis::Numbers { integer: true, .. });
                if groups.len() <= limit {
                    let groups = groups
                        .into_iter()
                        .map(|(n, sum)| group(Key::Number(n.0), sum))
                        .collect();
                    return summed(groups, None, 0);
                }
                let min = groups.keys().next().map_or(0.0, |n| n.0);
                let max = groups.keys().next_back().map_or(0.0, |n| n.0);
                let (start, width) = ranges(min, max, limit, integer);
                let mut binned: BTreeMap<i64, Sum> = BTreeMap::new();
                for (n, sum) in groups {
                    binned
                        .entry(((n.0 - start) / width).floor() as i64)
                        .or_default()
                        .merge(sum);
                }
                summed(range_groups(start, width, binned), None, 0)
            }
            Accumulator::Ranges { start, width, groups } => {
                summed(range_groups(start, width, groups), None, 0)
            }
            Accumulator::Time { mut step, mut groups, mut merged } => {
                while groups.len() > limit && Self::coarsen(&mut step, &mut groups, &mut merged) {}
                // Dates that name a month or a year by its first day
                // (`2024-03-01`) are shown as the month or year: nothing
                // is merged.
                while step.coarser().is_some()
                    && groups
                        .keys()
                        .all(|k| k.ends_with(if step == Step::Hour { "T00" } else { "-01" }))
                    && !groups.is_empty()
                {
                    Self::coarsen(&mut step, &mut groups, &mut merged);
                }
                if groups.len() <= limit {
                    let groups = groups
                        .into_iter()
                        .map(|(key, sum)| group(Key::Time(key), sum))
                        .collect();
                    return Summed { step: Some(step), merged, ..summed(groups, None, 0) };
                }
                // More years than a chart shows: ranges of years.
                let years: BTreeMap<OrderedNumber, Sum> = groups
                    .into_iter()
                    .filter_map(|(key, sum)| Some((OrderedNumber(key.parse().ok()?), sum)))
                    .collect();
                let numbers = Plan { axis: Axis::Numbers { integer: true, year: true }, ..*plan };
                Accumulator::Numbers(years).finish(&numbers)
            }
        }
    }
}

/// Groups as they are drawn.
struct Summed {
    groups: Vec<Group>,
    others: Option<Others>,
    /// The plan's, or numbers when years were too many to show one by one.
    axis: Axis,
    step: Option<Step>,
    merged: bool,
    /// Rows of groups left out.
    dropped: u64,
}

fn range_groups(start: f64, width: f64, groups: BTreeMap<i64, Sum>) -> Vec<Group> {
    groups
        .into_iter()
        .map(|(bin, sum)| {
            let from = start + bin as f64 * width;
            Group {
                key: Key::Range(from, from + width),
                value: sum.value,
                rows: sum.rows,
            }
        })
        .collect()
}

fn text(bytes: Option<&[u8]>) -> Option<&str> {
    bytes.and_then(|b| std::str::from_utf8(b).ok())
}

/// Reads the normalised CSV copy of the planned table and sums its groups.
pub fn aggregate(csv: &Path, plan: &Plan) -> std::io::Result<ChartData> {
    let file = std::fs::File::open(csv)?;
    let mut tokenizer = super::tokenizer::Tokenizer::new(file, b',', b'"', 0, 256 * 1024);
    let mut accumulator = Accumulator::new(plan);
    let mut skipped = 0u64;
    // The copy always starts with the column names.
    let mut header = true;
    while let Some(batch) = tokenizer.next_batch(512)? {
        for i in 0..batch.len() {
            if std::mem::take(&mut header) {
                continue;
            }
            let x = text(batch.cell(i, plan.x)).filter(|x| !is_null(x.trim().as_bytes()));
            let value = match plan.y {
                Some(y) => text(batch.cell(i, y)).and_then(number),
                None => Some(1.0),
            };
            match (x, value) {
                (Some(x), Some(value)) if accumulator.add(x, value) => {}
                _ => skipped += 1,
            }
        }
    }
    let summed = accumulator.finish(plan);
    Ok(ChartData {
        axis: summed.axis,
        step: summed.step,
        merged: summed.merged,
        groups: summed.groups,
        others: summed.others,
        skipped: skipped + summed.dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 10), 10.0);
        assert_eq!(nice_step(130.0, 10), 20.0);
        assert_eq!(nice_step(0.3, 10), 0.05);
        assert_eq!(nice_step(0.0, 10), 1.0);
    }

    #[test]
    fn time_keys() {
        assert_eq!(
            time_key("2024-03-05", Step::Day).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            time_key("2024-03-05T08:30:00", Step::Hour).as_deref(),
            Some("2024-03-05T08")
        );
        assert_eq!(
            time_key("2024-03-05 08:30", Step::Hour).as_deref(),
            Some("2024-03-05T08")
        );
        assert_eq!(
            time_key("2024-03-05", Step::Hour).as_deref(),
            Some("2024-03-05T00")
        );
        assert_eq!(time_key("2024-03-05", Step::Year).as_deref(), Some("2024"));
        assert_eq!(time_key("05/03/2024", Step::Day), None);
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(number("1234.5"), Some(1234.5));
        assert_eq!(number("1 234,5"), Some(1234.5));
        assert_eq!(number("abc"), None);
        assert_eq!(number("inf"), None);
    }

    #[test]
    fn dates_are_grouped_until_they_fit() {
        let plan = Plan {
            table: 0,
            kind: ChartKind::Line,
            x: 0,
            x_type: ColumnType::Date,
            y: None,
            axis: Axis::Time,
            limit: 120,
            ranges: None,
        };
        let mut accumulator = Accumulator::new(&plan);
        // Eight years of days (2022-01-08 to 2030-03-25): too many days,
        // few enough months.
        for day in 0..3000 {
            let date = crate::profile::infer::iso_date(19_000 + day);
            assert!(accumulator.add(&date, 1.0));
        }
        let Summed { groups, others, step, merged, .. } = accumulator.finish(&plan);
        assert_eq!(step, Some(Step::Month));
        assert!(merged);
        assert_eq!(groups.len(), 99);
        assert_eq!(groups[0].key, Key::Time("2022-01".into()));
        assert!(others.is_none());
        assert_eq!(groups.iter().map(|g| g.rows).sum::<u64>(), 3000);
    }

    #[test]
    fn many_categories_gather_into_others() {
        let plan = Plan {
            table: 0,
            kind: ChartKind::Proportions,
            x: 0,
            x_type: ColumnType::String,
            y: None,
            axis: Axis::Categories,
            limit: 7,
            ranges: None,
        };
        let mut accumulator = Accumulator::new(&plan);
        for i in 0..(MAX_GROUPS + 50) {
            accumulator.add(&format!("c{i}"), if i == 3 { 10.0 } else { 1.0 });
        }
        let Summed { groups, others, .. } = accumulator.finish(&plan);
        assert_eq!(groups.len(), 7);
        assert_eq!(groups[0].key, Key::Text("c3".into()));
        let others = others.expect("others");
        assert!(others.more);
        assert_eq!(others.rows, (MAX_GROUPS + 50 - 7) as u64);
    }
}
