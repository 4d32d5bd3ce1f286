//! The quality score in words: on each dataset page (the score, each
//! criterion met or not and what to do), on the editors' quality page, and
//! in the static API (the same hints, in the portal's language).

use serde::Serialize;

use super::i18n::Lang;
use super::views::{DateView, Views};
use crate::model::Dataset;
use crate::model::quality::{Criterion, CriterionId, DateSource, Unmet};
use crate::util::url::encode_path;
use crate::validate::PartialDate;

#[derive(Debug, Serialize)]
pub struct QualityView {
    pub score: usize,
    pub max: usize,
    /// `7 / 11`.
    pub score_text: String,
    pub criteria: Vec<CriterionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub id: String,
    /// What the criterion asks, as a statement (`Une licence est indiquée`).
    pub label: String,
    pub met: bool,
    /// `fait` or `à faire`: the state in words, not only in colour.
    pub status: String,
    /// What to do to meet it; `None` when met.
    pub hint: Option<String>,
}

/// When the dataset was last updated, and how that is known.
#[derive(Debug, Serialize)]
pub struct UpdatedView {
    pub date: DateView,
    /// `historique git`, `date indiquée dans la fiche`…
    pub source: String,
    /// `git`, `uncommitted`, `front_matter` or `files`.
    pub source_id: String,
}

/// The editors' page: every dataset, late ones first, then by score.
#[derive(Debug, Serialize)]
pub struct QualityPageView {
    pub rows: Vec<QualityRow>,
    /// `3 jeux de données en retard`, or `None` when none is.
    pub late_text: Option<String>,
    /// The average score, `8,2 / 11`.
    pub average_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct QualityRow {
    pub title: String,
    pub url: String,
    pub score: usize,
    pub max: usize,
    pub score_text: String,
    /// The late notice, when the dataset is late.
    pub late: Option<String>,
    /// The criteria not met, with what to do.
    pub missing: Vec<CriterionView>,
}

/// The words of a criterion's statement.
pub fn label(lang: &Lang, id: CriterionId) -> String {
    lang.t(&format!("quality_{}", id.id())).to_string()
}

/// What to do to meet a criterion, in the interface language; `None`
/// when it is met.
pub fn hint(lang: &Lang, criterion: &Criterion) -> Option<String> {
    let unmet = criterion.unmet.as_ref()?;
    let key = |suffix: &str| format!("quality_{}_{suffix}", criterion.id.id());
    let list = |items: &[String]| {
        items
            .iter()
            .map(|item| lang.t("quality_item").replace("{item}", item))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match unmet {
        Unmet::Missing => lang.t(&key("hint")).to_string(),
        Unmet::Late { due } => lang
            .t("quality_up_to_date_late")
            .replace("{due}", &lang.date(PartialDate::Day(*due))),
        Unmet::NoFrequency => lang.t("quality_up_to_date_no_frequency").to_string(),
        Unmet::Undated => lang.t("quality_up_to_date_undated").to_string(),
        Unmet::NoResource => lang.t("quality_files_available_none").to_string(),
        Unmet::Unreadable(files) => lang
            .t("quality_files_available_unreadable")
            .replace("{files}", &list(files)),
        Unmet::Invalid(files) => lang
            .t("quality_schema_invalid")
            .replace("{files}", &list(files)),
        Unmet::Incomplete(fields) => {
            let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            lang.t("quality_usage_incomplete")
                .replace("{fields}", &list(&fields))
        }
    })
}

pub fn criterion_view(lang: &Lang, criterion: &Criterion) -> CriterionView {
    let met = criterion.met();
    CriterionView {
        id: criterion.id.id().to_string(),
        label: label(lang, criterion.id),
        met,
        status: lang
            .t(if met {
                "quality_status_met"
            } else {
                "quality_status_unmet"
            })
            .to_string(),
        hint: hint(lang, criterion),
    }
}

fn score_text(lang: &Lang, score: usize, max: usize) -> String {
    lang.t("quality_score")
        .replace("{score}", &score.to_string())
        .replace("{max}", &max.to_string())
}

impl Views<'_> {
    pub fn quality(&self, dataset: &Dataset) -> QualityView {
        let quality = &dataset.quality;
        QualityView {
            score: quality.score(),
            max: quality.max(),
            score_text: score_text(self.lang, quality.score(), quality.max()),
            criteria: quality
                .criteria
                .iter()
                .map(|c| criterion_view(self.lang, c))
                .collect(),
        }
    }

    pub fn updated(&self, dataset: &Dataset) -> Option<UpdatedView> {
        let freshness = dataset.freshness?;
        let key = match freshness.source {
            DateSource::Git => "updated_source_git",
            DateSource::Uncommitted => "updated_source_uncommitted",
            DateSource::FrontMatter => "updated_source_front_matter",
            DateSource::Files => "updated_source_files",
        };
        Some(UpdatedView {
            date: self.date(Some(freshness.date))?,
            source: self.lang.t(key).to_string(),
            source_id: freshness.source.id().to_string(),
        })
    }

    /// The notice a late dataset's page shows.
    pub fn late_notice(&self, dataset: &Dataset) -> Option<String> {
        let due = dataset.quality.late?;
        let frequency = dataset.meta.frequency?;
        Some(
            self.lang
                .t("late_notice")
                .replace(
                    "{frequency}",
                    &self.lang.frequency(frequency).to_lowercase(),
                )
                .replace("{due}", &self.lang.date(PartialDate::Day(due))),
        )
    }

    pub fn quality_page(&self) -> QualityPageView {
        let datasets = &self.portal.datasets;
        let mut order = self.by_title(0..datasets.len());
        // Stable: equal scores stay in title order.
        order.sort_by_key(|&i| {
            let quality = &datasets[i].quality;
            (quality.late.is_none(), quality.score())
        });
        let rows = order
            .into_iter()
            .map(|i| {
                let dataset = &datasets[i];
                let quality = &dataset.quality;
                QualityRow {
                    title: dataset.meta.title.clone(),
                    url: encode_path(&dataset.path),
                    score: quality.score(),
                    max: quality.max(),
                    score_text: score_text(self.lang, quality.score(), quality.max()),
                    late: self.late_notice(dataset),
                    missing: quality
                        .criteria
                        .iter()
                        .filter(|c| !c.met())
                        .map(|c| criterion_view(self.lang, c))
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let late = datasets.iter().filter(|d| d.quality.late.is_some()).count();
        let average_text = (!datasets.is_empty()).then(|| {
            let total: usize = datasets.iter().map(|d| d.quality.score()).sum();
            let max = datasets[0].quality.max();
            let average = total as f64 / datasets.len() as f64;
            let average = format!("{average:.1}").replace('.', &self.lang.format.decimal_separator);
            self.lang
                .t("quality_average")
                .replace("{average}", &average)
                .replace("{max}", &max.to_string())
        });
        QualityPageView {
            rows,
            late_text: (late > 0).then(|| self.lang.count("quality_late_count", late as u64)),
            average_text,
        }
    }
}
