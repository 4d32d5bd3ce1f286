//! Charts declared in front matter for a resource. The spelling is checked
//! here; whether the columns exist and hold the right values is known only
//! once the file is read, in the profile stage.

use crate::diagnostics::Diagnostic;
use crate::load::Document;
use crate::load::raw::RawChart;

keywords! {
    /// How a chart draws its groups: one bar each; in order of `x` (dates
    /// or numbers) joined by a line; or as shares of the whole.
    ChartKind {
        Bars = "bars",
        Line = "line",
        Proportions = "proportions",
    }
}

/// A chart as declared, checked for spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// The column rows are grouped by.
    pub x: String,
    /// The column of numbers summed per group; `None` counts rows.
    pub y: Option<String>,
    pub title: Option<String>,
}

impl super::Checker<'_> {
    /// The charts of a resource. A resource published elsewhere is not
    /// read, so its charts are refused.
    pub(super) fn charts(
        &mut self,
        doc: &Document,
        raw: Vec<RawChart>,
        remote: bool,
    ) -> Vec<ChartSpec> {
        if remote && !raw.is_empty() {
            self.diagnostics.push(
                doc.at_key(
                    Diagnostic::error("a resource given by `url` cannot have `charts`"),
                    &["charts"],
                )
                .hint("charts are drawn from the files of the dataset folder: give the file with `path`"),
            );
            return Vec::new();
        }
        let mut charts = Vec::new();
        for chart in raw {
            let kind = self.keyword(
                doc,
                &["charts"],
                &chart.kind,
                "chart kind",
                ChartKind::parse,
                ChartKind::ids,
            );
            let x = chart.x.trim().to_string();
            if x.is_empty() {
                self.diagnostics.push(
                    doc.at_key(Diagnostic::error("a chart's `x` is empty"), &["charts"])
                        .hint("name the column the rows are grouped by"),
                );
                continue;
            }
            let Some(kind) = kind else { continue };
            charts.push(ChartSpec {
                kind,
                x,
                y: chart
                    .y
                    .map(|y| y.trim().to_string())
                    .filter(|y| !y.is_empty()),
                title: chart
                    .title
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
            });
        }
        charts
    }
}
