//! The view of a column profile: what a citizen reads in the table of a
//! file's columns, every number and date written in the portal's language,
//! and a small chart with its text alternatives.

use serde::Serialize;

use super::charts::{self, Chart, ChartRow};
use super::i18n::Lang;
use crate::profile::{ColumnProfile, ColumnType, Scalar};

/// Frequent values drawn as bars.
const BARS: usize = 5;

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub name: String,
    /// Table Schema type name.
    pub kind: &'static str,
    /// The type in words.
    pub kind_label: String,
    /// How values are written, in words (`jj/mm/aaaa`, `virgule décimale`).
    pub format: Option<String>,
    /// Share of filled cells, as a percentage in words.
    pub completeness: String,
    pub missing: Option<String>,
    pub distinct: String,
    /// Key statistics in words: range, mean, lengths.
    pub summary: Vec<String>,
    pub chart: Option<Chart>,
    /// Why the column is collected, in plain words.
    pub why: Option<String>,
}

pub fn column(lang: &Lang, column: &ColumnProfile, rows: u64, id: &str) -> ColumnView {
    let filled = rows.saturating_sub(column.nulls);
    let percent = if rows == 0 {
        0.0
    } else {
        filled as f64 * 100.0 / rows as f64
    };
    // Never say 100 % when one value is missing, nor 0 % when one is there.
    let percent = match percent {
        p if p > 99.0 && filled < rows => (p * 10.0).floor() / 10.0,
        p if p < 1.0 && filled > 0 => (p * 10.0).ceil() / 10.0,
        p => p.round(),
    };
    let completeness = lang.t("percent").replace("{n}", &lang.number(percent));
    let missing = (column.nulls > 0).then(|| lang.count("missing_count", column.nulls));
    let distinct = if column.distinct_estimated {
        lang.count("distinct_estimated", column.distinct)
    } else if column.distinct == filled && filled > 1 {
        lang.t("distinct_all").to_string()
    } else {
        lang.count("distinct_count", column.distinct)
    };
    let mut summary = Vec::new();
    let value = |v: &Option<Scalar>| v.as_ref().map(|v| scalar(lang, column.kind, v));
    if let (Some(min), Some(max)) = (value(&column.min), value(&column.max))
        && column.kind != ColumnType::Boolean
    {
        if min == max {
            summary.push(lang.t("only_value").replace("{value}", &min));
        } else if column.kind == ColumnType::String {
            summary.push(
                lang.t("text_range")
                    .replace("{min}", &min)
                    .replace("{max}", &max),
            );
        } else {
            summary.push(
                lang.t("range")
                    .replace("{min}", &min)
                    .replace("{max}", &max),
            );
        }
    }
    if let Some(mean) = column.mean {
        summary.push(lang.t("mean").replace("{mean}", &lang.number(mean)));
    }
    if column.kind == ColumnType::String
        && let (Some(min), Some(max)) = (column.min_length, column.max_length)
    {
        summary.push(if min == max {
            lang.count("length_fixed", u64::from(min))
        } else {
            lang.t("length_range")
                .replace("{min}", &lang.integer(u64::from(min)))
                .replace("{max}", &lang.integer(u64::from(max)))
        });
    }
    ColumnView {
        name: column.name.clone(),
        kind: column.kind.as_str(),
        kind_label: lang
            .t(&format!("type_{}", column.kind.as_str()))
            .to_string(),
        format: format(lang, column),
        completeness,
        missing,
        distinct,
        summary,
        chart: chart(lang, column, id),
        why: None,
    }
}

/// A minimum, maximum or edge as a reader expects it.
fn scalar(lang: &Lang, kind: ColumnType, value: &Scalar) -> String {
    match (kind, value) {
        (ColumnType::Year, Scalar::Number(n)) => format!("{n}"),
        (_, Scalar::Number(n)) => lang.number(*n),
        (ColumnType::Date, Scalar::Text(iso)) => crate::validate::PartialDate::parse(iso)
            .map(|d| lang.date(d))
            .unwrap_or_else(|| iso.clone()),
        (ColumnType::Datetime, Scalar::Text(iso)) => lang.datetime(iso),
        (_, Scalar::Text(text)) => {
            format!("{}{text}{}", lang.t("quote_open"), lang.t("quote_close"))
        }
    }
}

fn format(lang: &Lang, column: &ColumnProfile) -> Option<String> {
    if let Some(pattern) = &column.format {
        return Some(lang.pattern(pattern));
    }
    match (column.kind, column.decimal_separator) {
        (ColumnType::Number, Some(',')) => Some(lang.t("decimal_comma").to_string()),
        (ColumnType::Number, Some('.')) => Some(lang.t("decimal_point").to_string()),
        _ => None,
    }
}

fn chart(lang: &Lang, column: &ColumnProfile, id: &str) -> Option<Chart> {
    // One value needs no chart: "always …" says it all.
    if column.distinct <= 1 {
        return None;
    }
    let id = format!("{id}-chart");
    if !column.histogram.is_empty() {
        let label = |v: &Scalar| scalar(lang, column.kind, v);
        let rows: Vec<ChartRow> = column
            .histogram
            .iter()
            .map(|bin| ChartRow {
                label: lang
                    .t("bin_range")
                    .replace("{start}", &label(&bin.start))
                    .replace("{end}", &label(&bin.end)),
                count: lang.integer(bin.count),
            })
            .collect();
        let fullest = column.histogram.iter().max_by_key(|b| b.count)?;
        let summary = lang
            .t("histogram_summary")
            .replace("{bins}", &lang.integer(column.histogram.len() as u64))
            .replace("{start}", &label(&column.histogram[0].start))
            .replace(
                "{end}",
                &label(&column.histogram[column.histogram.len() - 1].end),
            )
            .replace("{from}", &label(&fullest.start))
            .replace("{to}", &label(&fullest.end))
            .replace("{count}", &lang.count("values_count", fullest.count));
        let counts: Vec<u64> = column.histogram.iter().map(|b| b.count).collect();
        return Some(charts::histogram(&id, &counts, summary, rows));
    }
    // Bars only say something when values repeat.
    let repeated = column.top.first().is_some_and(|t| t.count > 1);
    if column.top.is_empty() || !repeated {
        return None;
    }
    let items: Vec<(String, u64)> = column
        .top
        .iter()
        .take(BARS)
        .map(|t| (t.value.clone(), t.count))
        .collect();
    let rows: Vec<ChartRow> = column
        .top
        .iter()
        .map(|t| ChartRow { label: t.value.clone(), count: lang.integer(t.count) })
        .collect();
    let list = items
        .iter()
        .map(|(value, count)| {
            lang.t("top_item")
                .replace("{value}", value)
                .replace("{count}", &lang.integer(*count))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let summary = lang.t("top_summary").replace("{list}", &list);
    Some(charts::bars(&id, &items, summary, rows))
}
