//! The charts declared in front matter, drawn at build time as inline SVG:
//! horizontal bars, a line over dates or numbers, or proportions as one
//! stacked bar with a legend. Styled by the theme's CSS (classes only),
//! each with a title and a sentence for screen readers, and its numbers
//! as a table below, so nothing depends on seeing the drawing.

use std::fmt::Write as _;

use super::i18n::{Lang, fixed};
use crate::profile::chart::{Axis, ChartData, DeclaredChart, Group, Key, Step, nice_step};
use crate::util::xml::escape;
use crate::validate::{ChartKind, PartialDate};

/// Width of every chart's drawing, in SVG units; pages scale it down.
const WIDTH: f64 = 560.0;
/// Bars: room for the labels on the left, and for the values after.
const LABEL_WIDTH: f64 = 150.0;
const VALUE_WIDTH: f64 = 72.0;
const BAR_ROW: f64 = 22.0;
/// Line: height and margins of the plot.
const LINE_HEIGHT: f64 = 240.0;
const LINE_LEFT: f64 = 76.0;
const LINE_RIGHT: f64 = 24.0;
const LINE_TOP: f64 = 12.0;
const LINE_BOTTOM: f64 = 36.0;
/// Width of a character of the axis labels (12px system font), to keep
/// them apart.
const TICK_CHAR: f64 = 7.0;
/// Points are marked up to this many; beyond, the line alone reads better.
const MARKED_POINTS: usize = 60;
/// Proportions: the stacked bar's height, and how many colours the theme
/// defines (`share-1` … `share-8`, the last for "others").
const SHARE_HEIGHT: f64 = 32.0;
const SHARE_COLOURS: usize = 8;

#[derive(Debug, Clone, serde::Serialize)]
pub struct FigureView {
    /// Unique in the page.
    pub id: String,
    pub title: String,
    /// `bars`, `line` or `proportions`.
    pub kind: &'static str,
    /// SVG markup, escaped: printed as is.
    pub svg: String,
    /// What the chart shows, in one sentence.
    pub summary: String,
    /// How the data was grouped, what was left out.
    pub notes: Vec<String>,
    /// Column headers of the data table.
    pub x_label: String,
    pub value_label: String,
    /// Whether rows carry a share (proportions).
    pub shares: bool,
    pub rows: Vec<FigureRow>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FigureRow {
    pub label: String,
    pub value: String,
    pub share: Option<String>,
    /// The colour class of its part (proportions).
    pub swatch: Option<String>,
}

/// One group as drawn: label, value, position on a line's axis.
struct Point {
    label: String,
    value: f64,
    at: f64,
}

/// The views of a resource's declared charts; `anchor` is the resource's.
pub fn figures(lang: &Lang, charts: &[DeclaredChart], anchor: &str) -> Vec<FigureView> {
    charts
        .iter()
        .enumerate()
        .map(|(i, chart)| figure(lang, chart, &format!("{anchor}-chart-{}", i + 1)))
        .collect()
}

fn figure(lang: &Lang, chart: &DeclaredChart, id: &str) -> FigureView {
    let spec = &chart.spec;
    let data = &chart.data;
    let value_label = match &spec.y {
        Some(y) => lang.t("figure_sum").replace("{y}", y),
        None => lang.t("figure_rows").to_string(),
    };
    let title = spec.title.clone().unwrap_or_else(|| match &spec.y {
        Some(y) => lang
            .t("figure_title_sum")
            .replace("{y}", y)
            .replace("{x}", &spec.x),
        None => lang.t("figure_title_count").replace("{x}", &spec.x),
    });
    let mut points: Vec<Point> = data
        .groups
        .iter()
        .map(|g| Point { label: label(lang, data, g), value: g.value, at: position(g) })
        .collect();
    if let Some(others) = &data.others {
        points.push(Point {
            label: lang.t("figure_others").to_string(),
            value: others.value,
            at: f64::NAN,
        });
    }
    let total: f64 = points.iter().map(|p| p.value).sum();
    let kind_name = lang
        .t(&format!("figure_kind_{}", spec.kind.id()))
        .to_string();
    let groups = lang.count("figure_groups", points.len() as u64);
    let value = |v: f64| lang.decimal(v, 2);
    let share = |v: f64| {
        if total > 0.0 {
            format!("{} %", lang.decimal(v / total * 100.0, 1))
        } else {
            "–".to_string()
        }
    };
    let summary = summarise(
        lang, spec.kind, &points, &kind_name, &groups, &value, &share,
    );
    let svg = match spec.kind {
        ChartKind::Bars => bars(id, &title, &summary, &points, &value),
        ChartKind::Line => line(id, &title, &summary, &points, &value),
        ChartKind::Proportions => {
            proportions(id, &title, &summary, &points, total, data.others.is_some())
        }
    };
    let others = data.others.is_some();
    let swatch = |i: usize| format!("share-{}", colour(i, points.len(), others));
    let proportions = spec.kind == ChartKind::Proportions;
    let rows = points
        .iter()
        .enumerate()
        .map(|(i, p)| FigureRow {
            label: p.label.clone(),
            value: value(p.value),
            share: proportions.then(|| share(p.value)),
            swatch: proportions.then(|| swatch(i)),
        })
        .collect();
    FigureView {
        id: id.to_string(),
        title,
        kind: spec.kind.id(),
        svg,
        summary,
        notes: notes(lang, data, spec.kind),
        x_label: spec.x.clone(),
        value_label,
        shares: proportions,
        rows,
    }
}

fn summarise(
    lang: &Lang,
    kind: ChartKind,
    points: &[Point],
    kind_name: &str,
    groups: &str,
    value: &dyn Fn(f64) -> String,
    share: &dyn Fn(f64) -> String,
) -> String {
    let largest = points.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let smallest = points.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    let (Some(largest), Some(smallest), Some(first), Some(last)) =
        (largest, smallest, points.first(), points.last())
    else {
        return lang.t("figure_summary_empty").replace("{kind}", kind_name);
    };
    let template = match kind {
        ChartKind::Bars => "figure_summary_bars",
        ChartKind::Line => "figure_summary_line",
        ChartKind::Proportions => "figure_summary_proportions",
    };
    lang.t(template)
        .replace("{kind}", kind_name)
        .replace("{groups}", groups)
        .replace("{first}", &first.label)
        .replace("{last}", &last.label)
        .replace("{largest}", &largest.label)
        .replace("{largest_value}", &value(largest.value))
        .replace("{largest_share}", &share(largest.value))
        .replace("{smallest}", &smallest.label)
        .replace("{smallest_value}", &value(smallest.value))
}

fn notes(lang: &Lang, data: &ChartData, kind: ChartKind) -> Vec<String> {
    let mut notes = Vec::new();
    match (data.step, data.merged) {
        // Hours are the finest step: never the result of merging.
        (Some(Step::Day), true) => notes.push(lang.t("figure_by_day").to_string()),
        (Some(Step::Month), true) => notes.push(lang.t("figure_by_month").to_string()),
        (Some(Step::Year), true) => notes.push(lang.t("figure_by_year").to_string()),
        _ => {}
    }
    if let Some(Key::Range(from, to)) = data.groups.first().map(|g| &g.key) {
        notes.push(
            lang.t("figure_ranges")
                .replace("{width}", &lang.decimal(to - from, 6)),
        );
    }
    if let Some(others) = &data.others {
        let key = if others.more {
            "figure_others_more"
        } else {
            "figure_others_note"
        };
        notes.push(lang.t(key).replace("{n}", &lang.integer(others.groups)));
    }
    if data.skipped > 0 {
        let key = if kind == ChartKind::Proportions {
            "figure_skipped_proportions"
        } else {
            "figure_skipped"
        };
        notes.push(lang.count(key, data.skipped));
    }
    notes
}

/// A group's label in the reader's language.
fn label(lang: &Lang, data: &ChartData, group: &Group) -> String {
    let year = matches!(data.axis, Axis::Numbers { year: true, .. });
    let integer = matches!(data.axis, Axis::Numbers { integer: true, .. });
    let number = |n: f64| {
        if year {
            fixed(n, 0)
        } else {
            lang.decimal(n, 6)
        }
    };
    match &group.key {
        Key::Text(text) => text.clone(),
        Key::Number(n) => number(*n),
        // Whole ranges name their last value: 2000–2009.
        Key::Range(from, to) if integer => format!("{}–{}", number(*from), number(to - 1.0)),
        Key::Range(from, to) => format!("{}–{}", number(*from), number(*to)),
        Key::Time(iso) => match data.step {
            Some(Step::Hour) => lang.datetime(&format!("{iso}:00")),
            _ => PartialDate::parse(iso).map_or_else(|| iso.clone(), |d| lang.date(d)),
        },
    }
}

/// Where a group sits on a line's axis: its number, or its date counted
/// in the chart's step, so that gaps in time show as gaps.
fn position(group: &Group) -> f64 {
    match &group.key {
        Key::Number(n) => *n,
        Key::Range(from, to) => (from + to) / 2.0,
        Key::Time(iso) => {
            let part = |range: std::ops::Range<usize>| {
                iso.get(range)
                    .and_then(|s| s.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            match iso.len() {
                4 => part(0..4),
                7 => part(0..4) * 12.0 + part(5..7),
                _ => {
                    let days = crate::profile::infer::days_from_civil(
                        part(0..4) as i32,
                        part(5..7) as u32,
                        part(8..10) as u32,
                    )
                    .map_or(0.0, f64::from);
                    days * 24.0 + if iso.len() >= 13 { part(11..13) } else { 0.0 }
                }
            }
        }
        Key::Text(_) => f64::NAN,
    }
}

fn open_svg(svg: &mut String, id: &str, kind: &str, height: f64, title: &str, summary: &str) {
    let _ = write!(
        svg,
        r#"<svg class="figure figure-{kind}" viewBox="0 0 {WIDTH} {h}" width="{WIDTH}" height="{h}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(summary),
        h = fixed(height, 0),
    );
}

/// The span of values a chart shows, zero included so bars start there.
fn domain(points: &[Point]) -> (f64, f64) {
    let low = points.iter().map(|p| p.value).fold(0.0, f64::min);
    let high = points.iter().map(|p| p.value).fold(0.0, f64::max);
    if high > low {
        (low, high)
    } else {
        (low, low + 1.0)
    }
}

fn bars(
    id: &str,
    title: &str,
    summary: &str,
    points: &[Point],
    value: &dyn Fn(f64) -> String,
) -> String {
    let height = BAR_ROW * points.len().max(1) as f64 + 4.0;
    let mut svg = String::new();
    open_svg(&mut svg, id, "bars", height, title, summary);
    let (low, high) = domain(points);
    let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let scale = |v: f64| LABEL_WIDTH + room * (v - low) / (high - low);
    let zero = scale(0.0);
    for (i, p) in points.iter().enumerate() {
        let y = 2.0 + i as f64 * BAR_ROW;
        let end = scale(p.value);
        let (from, to) = if end < zero { (end, zero) } else { (zero, end) };
        let _ = write!(
            svg,
            r#"<text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{}"/><text class="value" x="{}" y="{}">{}</text>"#,
            fixed(LABEL_WIDTH - 6.0, 0),
            fixed(y + 15.0, 1),
            escape(&crate::util::text::truncate_chars(&p.label, 24)),
            fixed(from, 1),
            fixed(y + 3.0, 1),
            fixed((to - from).max(1.0), 1),
            fixed(BAR_ROW - 6.0, 1),
            fixed(to.max(zero) + 4.0, 1),
            fixed(y + 15.0, 1),
            escape(&value(p.value)),
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{x}" y1="0" x2="{x}" y2="{}"/></svg>"#,
        fixed(height, 0),
        x = fixed(zero, 1),
    );
    svg
}

fn line(
    id: &str,
    title: &str,
    summary: &str,
    points: &[Point],
    value: &dyn Fn(f64) -> String,
) -> String {
    let mut svg = String::new();
    open_svg(&mut svg, id, "line", LINE_HEIGHT, title, summary);
    let plot_width = WIDTH - LINE_LEFT - LINE_RIGHT;
    let plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM;
    let (low, high) = domain(points);
    let tick = nice_step(high - low, 4);
    let (low, high) = ((low / tick).floor() * tick, (high / tick).ceil() * tick);
    let y = |v: f64| LINE_TOP + plot_height * (1.0 - (v - low) / (high - low));
    let first = points.first().map_or(0.0, |p| p.at);
    let last = points.last().map_or(0.0, |p| p.at);
    let x = |at: f64| {
        if last > first {
            LINE_LEFT + plot_width * (at - first) / (last - first)
        } else {
            LINE_LEFT + plot_width / 2.0
        }
    };
    // Horizontal grid with its values.
    let mut v = low;
    while v <= high + tick / 2.0 {
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LINE_LEFT}" y1="{y}" x2="{x2}" y2="{y}"/><text class="tick" x="{tx}" y="{ty}" text-anchor="end">{}</text>"#,
            escape(&value(v)),
            y = fixed(y(v), 1),
            x2 = fixed(WIDTH - LINE_RIGHT, 0),
            tx = fixed(LINE_LEFT - 6.0, 0),
            ty = fixed(y(v) + 4.0, 1),
        );
        v += tick;
    }
    // Labels under the axis: the first, the last, and those between that
    // leave room around them, each centred on its point but kept inside
    // the drawing.
    let label_box = |i: usize| {
        let text = crate::util::text::truncate_chars(&points[i].label, 20);
        let half = text.chars().count() as f64 * TICK_CHAR / 2.0;
        let centre = x(points[i].at).clamp(half, WIDTH - half);
        (text, centre - half, centre + half)
    };
    let mut labelled: Vec<(String, f64, f64)> = Vec::new();
    if let Some(last_index) = points.len().checked_sub(1) {
        let last = label_box(last_index);
        for i in 0..last_index {
            let candidate = label_box(i);
            let clear_of_previous = labelled.last().is_none_or(|p| candidate.1 > p.2 + 12.0);
            if clear_of_previous && candidate.2 + 12.0 < last.1 {
                labelled.push(candidate);
            }
        }
        labelled.push(last);
    }
    for (text, left, right) in &labelled {
        let _ = write!(
            svg,
            r#"<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            fixed((left + right) / 2.0, 1),
            fixed(LINE_HEIGHT - LINE_BOTTOM + 18.0, 0),
            escape(text),
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LINE_LEFT}" y1="{y0}" x2="{x2}" y2="{y0}"/>"#,
        y0 = fixed(y(low.max(0.0).min(high)), 1),
        x2 = fixed(WIDTH - LINE_RIGHT, 0),
    );
    let mut path = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            path,
            "{}{},{}",
            if i == 0 { "M" } else { "L" },
            fixed(x(p.at), 1),
            fixed(y(p.value), 1)
        );
    }
    let _ = write!(svg, r#"<path class="line" d="{path}"/>"#);
    if points.len() <= MARKED_POINTS {
        for p in points {
            let _ = write!(
                svg,
                r#"<circle class="point" cx="{}" cy="{}" r="3"/>"#,
                fixed(x(p.at), 1),
                fixed(y(p.value), 1)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The colour (1 to [`SHARE_COLOURS`]) of part `i` of `count`: the last
/// colour is kept for "others", the last part when `others` is set.
fn colour(i: usize, count: usize, others: bool) -> usize {
    if others && i + 1 == count {
        SHARE_COLOURS
    } else {
        i % (SHARE_COLOURS - 1) + 1
    }
}

fn proportions(
    id: &str,
    title: &str,
    summary: &str,
    points: &[Point],
    total: f64,
    others: bool,
) -> String {
    let mut svg = String::new();
    open_svg(&mut svg, id, "proportions", SHARE_HEIGHT, title, summary);
    let mut from = 0.0;
    for (i, p) in points.iter().enumerate() {
        if total <= 0.0 {
            break;
        }
        let width = WIDTH * p.value / total;
        let colour = colour(i, points.len(), others);
        let _ = write!(
            svg,
            r#"<rect class="share share-{colour}" x="{}" y="0" width="{}" height="{SHARE_HEIGHT}"/>"#,
            fixed(from, 1),
            fixed(width, 1),
        );
        from += width;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::chart::Others;
    use crate::validate::ChartSpec;

    fn chart(kind: ChartKind, groups: Vec<(Key, f64)>, axis: Axis) -> DeclaredChart {
        DeclaredChart {
            spec: ChartSpec {
                kind,
                x: "annee".into(),
                y: Some("montant".into()),
                title: None,
            },
            data: ChartData {
                axis,
                step: None,
                merged: false,
                groups: groups
                    .into_iter()
                    .map(|(key, value)| Group { key, value, rows: 1 })
                    .collect(),
                others: None,
                skipped: 0,
            },
        }
    }

    fn lang() -> Lang {
        Lang::default_theme("fr")
    }

    #[test]
    fn bars_have_a_title_and_one_bar_each() {
        let years = Axis::Numbers { integer: true, year: true };
        let chart = chart(
            ChartKind::Bars,
            vec![(Key::Number(2023.0), 10.0), (Key::Number(2024.0), 12.5)],
            years,
        );
        let view = figure(&lang(), &chart, "c");
        assert!(
            view.svg
                .starts_with(r#"<svg class="figure figure-bars" viewBox="0 0 560 48""#)
        );
        assert!(view.svg.contains(
            "<title id=\"c-title\">Somme de «\u{a0}montant\u{a0}» par «\u{a0}annee\u{a0}»</title>"
        ));
        assert_eq!(view.svg.matches("<rect").count(), 2);
        assert_eq!(
            view.rows[0].label, "2023",
            "years are not grouped by thousands"
        );
        assert_eq!(view.rows[1].value, "12,5");
    }

    #[test]
    fn proportions_add_up_and_others_take_the_last_colour() {
        let mut chart = chart(
            ChartKind::Proportions,
            vec![
                (Key::Text("Sport".into()), 30.0),
                (Key::Text("Culture".into()), 10.0),
            ],
            Axis::Categories,
        );
        chart.data.others = Some(Others { groups: 4, more: false, value: 10.0, rows: 4 });
        let view = figure(&lang(), &chart, "p");
        assert_eq!(
            view.rows
                .iter()
                .map(|r| r.share.clone().unwrap())
                .collect::<Vec<_>>(),
            ["60 %", "20 %", "20 %"]
        );
        assert!(view.svg.contains(r#"class="share share-8""#));
        assert_eq!(view.rows[2].label, "Autres");
        assert_eq!(view.notes, ["«\u{a0}Autres\u{a0}» regroupe 4 valeurs."]);
    }
}
