//! Small inline SVG charts for column profiles: a histogram for numbers
//! and dates, bars of the most frequent values for text. Drawn at build
//! time, styled by the theme's CSS (classes, no inline styles), each with a
//! title for screen readers and its data as a table beside it.

use std::fmt::Write as _;

use crate::render::i18n::fixed;
use crate::util::xml::escape;

/// A chart and its text alternatives.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    /// SVG markup, escaped: printed as is.
    pub svg: String,
    /// One sentence that says what the chart shows.
    pub summary: String,
    /// The data: label and count, formatted.
    pub rows: Vec<ChartRow>,
    /// `histogram` or `bars`.
    pub kind: &'static str,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChartRow {
    pub label: String,
    pub count: String,
}

const HISTOGRAM_WIDTH: u32 = 160;
const HISTOGRAM_HEIGHT: u32 = 40;
const BARS_WIDTH: u32 = 220;
const BAR_ROW: u32 = 16;
const BAR_LABEL: u32 = 100;

/// A histogram of `counts`; `id` must be unique in the page.
pub fn histogram(id: &str, counts: &[u64], summary: String, rows: Vec<ChartRow>) -> Chart {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let n = counts.len().max(1) as f64;
    let slot = f64::from(HISTOGRAM_WIDTH) / n;
    let gap = if slot > 4.0 { 1.0 } else { 0.0 };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart chart-histogram" viewBox="0 0 {HISTOGRAM_WIDTH} {HISTOGRAM_HEIGHT}" width="{HISTOGRAM_WIDTH}" height="{HISTOGRAM_HEIGHT}" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        escape(&summary)
    );
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let height = (f64::from(HISTOGRAM_HEIGHT - 1) * count as f64 / max as f64).max(1.0);
        let _ = write!(
            svg,
            r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}"/>"#,
            fixed(i as f64 * slot, 1),
            fixed(f64::from(HISTOGRAM_HEIGHT - 1) - height, 1),
            fixed((slot - gap).max(0.5), 1),
            fixed(height, 1)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="0" y1="{y}" x2="{HISTOGRAM_WIDTH}" y2="{y}"/></svg>"#,
        y = f64::from(HISTOGRAM_HEIGHT) - 0.5
    );
    Chart { svg, summary, rows, kind: "histogram" }
}

/// Horizontal bars for labelled counts (most frequent values).
pub fn bars(id: &str, items: &[(String, u64)], summary: String, rows: Vec<ChartRow>) -> Chart {
    let max = items.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1);
    let height = BAR_ROW * items.len().max(1) as u32;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart chart-bars" viewBox="0 0 {BARS_WIDTH} {height}" width="{BARS_WIDTH}" height="{height}" role="img" aria-labelledby="{id}"><title id="{id}">{}</title>"#,
        escape(&summary)
    );
    let room = f64::from(BARS_WIDTH - BAR_LABEL - 2);
    for (i, (label, count)) in items.iter().enumerate() {
        let y = i as u32 * BAR_ROW;
        let width = (room * *count as f64 / max as f64).max(1.0);
        let _ = write!(
            svg,
            r#"<text class="label" x="{x}" y="{ty}" text-anchor="end">{}</text><rect class="bar" x="{bx}" y="{ry}" width="{width}" height="{bh}"/>"#,
            escape(&crate::util::text::truncate_chars(label, 14)),
            x = BAR_LABEL - 4,
            ty = y + 12,
            bx = BAR_LABEL,
            ry = y + 3,
            bh = BAR_ROW - 5,
            width = fixed(width, 1),
        );
    }
    svg.push_str("</svg>");
    Chart { svg, summary, rows, kind: "bars" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_has_a_title_and_bars() {
        let chart = histogram("c1", &[1, 0, 4, 2], "Répartition <x>".into(), vec![]);
        assert!(
            chart
                .svg
                .starts_with(r#"<svg class="chart chart-histogram""#)
        );
        assert!(
            chart
                .svg
                .contains(r#"<title id="c1">Répartition &lt;x&gt;</title>"#)
        );
        assert_eq!(
            chart.svg.matches("<rect").count(),
            3,
            "empty bins draw nothing"
        );
    }

    #[test]
    fn bar_labels_are_escaped_and_shortened() {
        let chart = bars(
            "c2",
            &[
                ("</svg><script>".into(), 3),
                ("Un libellé vraiment très long".into(), 1),
            ],
            "s".into(),
            vec![],
        );
        assert!(!chart.svg.contains("<script>"));
        assert!(chart.svg.contains("&lt;/svg&gt;&lt;script&gt;"));
        assert!(chart.svg.contains("Un libellé vra…"));
    }
}
