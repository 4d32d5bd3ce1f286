//! How complete and up to date a dataset is: a score on the model of
//! data.gouv.fr's quality score (nine criteria, one point each) and two
//! criteria of ouvert's own (a valid schema, a complete usage section),
//! and whether the dataset is late for the frequency it declares.
//!
//! Pure functions of the model and of "today", which is always a
//! parameter: the same portal read on the same day gives the same score.
//! Criteria say only whether they are met and why not; the words (what
//! to do about it) belong to the theme's languages.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use super::{Dataset, Resource};
use crate::diagnostics::Diagnostic;
use crate::load::history::{FolderDates, GitDate};
use crate::validate::{DatasetMeta, PartialDate, ResourceLocation};

/// Characters a description needs to count as one (data.gouv.fr: more
/// than 100).
pub const DESCRIPTION_CHARS: usize = 100;

/// Days an update may come after its due date and still count as on time
/// (data.gouv.fr's tolerance).
pub const TOLERANCE_DAYS: i64 = 1;

/// Where a dataset's date of update comes from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The last commit touching the dataset's folder.
    Git,
    /// Files of the folder changed since the last commit: today.
    Uncommitted,
    /// The front matter's `modified`.
    FrontMatter,
    /// The newest modification time of the folder's files.
    Files,
}

impl DateSource {
    /// As the API names it.
    pub fn id(self) -> &'static str {
        match self {
            DateSource::Git => "git",
            DateSource::Uncommitted => "uncommitted",
            DateSource::FrontMatter => "front_matter",
            DateSource::Files => "files",
        }
    }
}

/// When a dataset was last updated, and how that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    pub date: PartialDate,
    pub source: DateSource,
}

/// The date of update: git history when the portal is a repository, else
/// the front matter's `modified`, else the files' modification times.
/// Git comes first because it cannot forget: an editor who replaces a
/// file but not `modified` still gets the right date.
pub fn freshness(
    dates: Option<&FolderDates>,
    modified: Option<PartialDate>,
    today: Date,
) -> Option<Freshness> {
    let git = dates.and_then(|d| d.git).map(|git| match git {
        GitDate::Committed(date) => {
            Freshness { date: PartialDate::Day(date), source: DateSource::Git }
        }
        GitDate::Uncommitted => Freshness {
            date: PartialDate::Day(today),
            source: DateSource::Uncommitted,
        },
    });
    git.or_else(|| modified.map(|date| Freshness { date, source: DateSource::FrontMatter }))
        .or_else(|| {
            let date = dates?.files?;
            Some(Freshness { date: PartialDate::Day(date), source: DateSource::Files })
        })
}

/// The time between two updates of an EU frequency; `None` for those
/// without a period (irregular, continuous, never, other, unknown), which
/// are never late. Below a day, a day: dates of update are days.
pub fn period(frequency: &str) -> Option<Span> {
    Some(match frequency {
        "TRIDECENNIAL" => 30.years(),
        "BIDECENNIAL" => 20.years(),
        "DECENNIAL" => 10.years(),
        "QUINQUENNIAL" => 5.years(),
        "QUADRENNIAL" => 4.years(),
        "TRIENNIAL" => 3.years(),
        "BIENNIAL" => 2.years(),
        "ANNUAL" => 1.year(),
        "ANNUAL_2" => 6.months(),
        "ANNUAL_3" => 4.months(),
        "QUARTERLY" => 3.months(),
        "BIMONTHLY" => 2.months(),
        "MONTHLY" => 1.month(),
        "MONTHLY_2" => 15.days(),
        "MONTHLY_3" => 10.days(),
        "BIWEEKLY" => 14.days(),
        "WEEKLY" => 7.days(),
        // Twice a week is every 3.5 days: the next whole day is fair.
        "WEEKLY_2" => 4.days(),
        "WEEKLY_3" => 3.days(),
        "DAILY" | "DAILY_2" | "TRIHOURLY" | "BIHOURLY" | "HOURLY" => 1.day(),
        _ => return None,
    })
}

/// Whether a dataset updated at `frequency` is on time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    /// The frequency has no period: never late.
    NoPeriod,
    /// The next update is due on `due`.
    OnTime { due: Date },
    /// The update due on `due` has not come, tolerance included.
    Late { due: Date },
    /// The frequency has a period but no date of update is known.
    Undated,
}

/// The on-time rule: the next update is due one period after the last
/// one (the last day of a date given as a month or a year), and the
/// dataset is late once today is more than [`TOLERANCE_DAYS`] after that.
pub fn timeliness(frequency: &str, last: Option<PartialDate>, today: Date) -> Timeliness {
    let Some(period) = period(frequency) else {
        return Timeliness::NoPeriod;
    };
    let Some(last) = last else {
        return Timeliness::Undated;
    };
    // Dates near the end of the calendar cannot overflow into a panic:
    // such a dataset is simply not due.
    let Ok(due) = last.last_day().checked_add(period) else {
        return Timeliness::NoPeriod;
    };
    match due.checked_add(TOLERANCE_DAYS.days()) {
        Ok(limit) if today > limit => Timeliness::Late { due },
        _ => Timeliness::OnTime { due },
    }
}

/// The warning for a dataset late for its frequency, or `None`.
pub fn late_warning(
    meta: &DatasetMeta,
    freshness: Option<Freshness>,
    today: Date,
) -> Option<Diagnostic> {
    let frequency = meta.frequency?;
    let freshness = freshness?;
    let Timeliness::Late { due } = timeliness(frequency, Some(freshness.date), today) else {
        return None;
    };
    let (from, hint) = match freshness.source {
        DateSource::Git | DateSource::Uncommitted => (
            format!("the date of the last commit touching {}/", meta.folder),
            "publish the new data and commit it, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)",
        ),
        DateSource::FrontMatter => (
            "the date its `modified` gives".to_string(),
            "publish the new data and set `modified` to the day of the update, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)",
        ),
        DateSource::Files => (
            format!("the date of the newest file of {}/", meta.folder),
            "publish the new data, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)",
        ),
    };
    let message = format!(
        "the dataset is late: its frequency {frequency} called for an update by {due}, but it was last updated on {} ({from})",
        freshness.date
    );
    Some(
        meta.doc
            .at_key(Diagnostic::warning(message), &["frequency"])
            .hint(hint),
    )
}

/// The warnings for every late dataset of a portal read, before the model
/// is built: `build`, `serve` and `check` all report them.
pub fn late_warnings<'a>(
    datasets: impl IntoIterator<Item = &'a DatasetMeta>,
    dates: &BTreeMap<String, FolderDates>,
    today: Date,
) -> Vec<Diagnostic> {
    datasets
        .into_iter()
        .filter_map(|meta| {
            let freshness = freshness(dates.get(&meta.folder), meta.modified, today);
            late_warning(meta, freshness, today)
        })
        .collect()
}

/// A criterion of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CriterionId {
    Licence,
    TemporalCoverage,
    SpatialCoverage,
    UpdateFrequency,
    UpToDate,
    Description,
    OpenFormat,
    FilesAvailable,
    Documentation,
    Schema,
    Usage,
}

impl CriterionId {
    /// Every criterion, in the order pages and the API list them.
    pub const ALL: [CriterionId; 11] = [
        CriterionId::Licence,
        CriterionId::TemporalCoverage,
        CriterionId::SpatialCoverage,
        CriterionId::UpdateFrequency,
        CriterionId::UpToDate,
        CriterionId::Description,
        CriterionId::OpenFormat,
        CriterionId::FilesAvailable,
        CriterionId::Documentation,
        CriterionId::Schema,
        CriterionId::Usage,
    ];

    /// As the API names it.
    pub fn id(self) -> &'static str {
        match self {
            CriterionId::Licence => "licence",
            CriterionId::TemporalCoverage => "temporal_coverage",
            CriterionId::SpatialCoverage => "spatial_coverage",
            CriterionId::UpdateFrequency => "update_frequency",
            CriterionId::UpToDate => "up_to_date",
            CriterionId::Description => "description",
            CriterionId::OpenFormat => "open_format",
            CriterionId::FilesAvailable => "files_available",
            CriterionId::Documentation => "documentation",
            CriterionId::Schema => "schema",
            CriterionId::Usage => "usage",
        }
    }
}

/// Why a criterion is not met, when the reason needs more than its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// The criterion's plain reason.
    Missing,
    /// `up_to_date`: the update was due on this day.
    Late { due: Date },
    /// `up_to_date`: no frequency to be on time for.
    NoFrequency,
    /// `up_to_date`: a frequency, but no date of update.
    Undated,
    /// `files_available`: the dataset has no file at all.
    NoResource,
    /// `files_available`: these files (titles) could not be read.
    Unreadable(Vec<String>),
    /// `schema`: these files (titles) do not follow their schema.
    Invalid(Vec<String>),
    /// `usage`: the section lacks these fields.
    Incomplete(Vec<&'static str>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: CriterionId,
    /// `None` when met.
    pub unmet: Option<Unmet>,
}

impl Criterion {
    pub fn met(&self) -> bool {
        self.unmet.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quality {
    /// One per criterion, in [`CriterionId::ALL`] order.
    pub criteria: Vec<Criterion>,
    /// Set when the dataset is late for its frequency: the due date.
    pub late: Option<Date>,
}

impl Quality {
    pub fn score(&self) -> usize {
        self.criteria.iter().filter(|c| c.met()).count()
    }

    pub fn max(&self) -> usize {
        self.criteria.len()
    }
}

/// Formats that data.gouv.fr counts as closed.
const CLOSED_FORMATS: &[&str] = &["pdf", "doc", "docx", "xls", "xlsx"];

/// Formats of documents that explain data rather than hold it.
const DOCUMENTATION_FORMATS: &[&str] = &["pdf", "odt", "doc", "docx", "txt", "md", "html", "htm"];

/// Scores a dataset of the model, on `today`.
pub fn assess(dataset: &Dataset, today: Date) -> Quality {
    let meta = &dataset.meta;
    let met = |ok: bool| (!ok).then_some(Unmet::Missing);
    let timeliness = meta
        .frequency
        .map(|f| timeliness(f, dataset.freshness.map(|f| f.date), today));
    let criteria = CriterionId::ALL
        .iter()
        .map(|&id| {
            let unmet = match id {
                CriterionId::Licence => met(dataset.licence.is_some()),
                CriterionId::TemporalCoverage => met(meta.temporal.is_some()),
                CriterionId::SpatialCoverage => met(meta.spatial.is_some()),
                CriterionId::UpdateFrequency => met(meta.frequency.is_some_and(|f| f != "UNKNOWN")),
                CriterionId::UpToDate => match (meta.frequency, timeliness) {
                    (Some("UNKNOWN") | None, _) => Some(Unmet::NoFrequency),
                    (_, Some(Timeliness::Late { due })) => Some(Unmet::Late { due }),
                    (_, Some(Timeliness::Undated)) => Some(Unmet::Undated),
                    _ => None,
                },
                CriterionId::Description => {
                    met(meta.doc.body().trim().chars().count() > DESCRIPTION_CHARS)
                }
                CriterionId::OpenFormat => met(dataset.resources.iter().any(is_open)),
                CriterionId::FilesAvailable => files_available(&dataset.resources),
                CriterionId::Documentation => met(dataset.resources.iter().any(documents)),
                CriterionId::Schema => schema(&dataset.resources),
                CriterionId::Usage => match &meta.usage {
                    None => Some(Unmet::Missing),
                    Some(usage) => {
                        let missing = usage.missing_essentials();
                        (!missing.is_empty()).then_some(Unmet::Incomplete(missing))
                    }
                },
            };
            Criterion { id, unmet }
        })
        .collect();
    let late = match timeliness {
        Some(Timeliness::Late { due }) => Some(due),
        _ => None,
    };
    Quality { criteria, late }
}

fn format_of(resource: &Resource) -> Option<String> {
    resource.format.as_deref().map(str::to_ascii_lowercase)
}

/// A file in an open format: its own format, or the UTF-8 CSV and JSON
/// copies ouvert publishes beside a spreadsheet it could read.
fn is_open(resource: &Resource) -> bool {
    !resource.normalized.is_empty()
        || format_of(resource).is_some_and(|f| !CLOSED_FORMATS.contains(&f.as_str()))
}

/// A resource that documents the data: described in words, or a
/// document (a PDF note, a text) rather than a table.
fn documents(resource: &Resource) -> bool {
    resource.meta.description.is_some()
        || (!resource.kind.is_tabular()
            && format_of(resource).is_some_and(|f| DOCUMENTATION_FORMATS.contains(&f.as_str())))
}

/// Every local file could be read. Links to other sites are not fetched
/// (the build is offline): they count as available.
fn files_available(resources: &[Resource]) -> Option<Unmet> {
    if resources.is_empty() {
        return Some(Unmet::NoResource);
    }
    let unreadable: Vec<String> = resources
        .iter()
        .filter(|r| r.profile_error.is_some())
        .map(|r| r.meta.title.clone())
        .collect();
    (!unreadable.is_empty()).then_some(Unmet::Unreadable(unreadable))
}

/// At least one file declares a schema, and every file that declares one
/// follows it (warnings, about the header, are allowed).
fn schema(resources: &[Resource]) -> Option<Unmet> {
    let declared: Vec<&Resource> = resources
        .iter()
        .filter(|r| r.meta.schema.is_some())
        .collect();
    if declared.is_empty() {
        return Some(Unmet::Missing);
    }
    let invalid: Vec<String> = declared
        .iter()
        .filter(|r| {
            let local = matches!(r.meta.location, ResourceLocation::Local(_));
            let failed = r
                .validation
                .as_ref()
                .is_some_and(|v| v.status == crate::schema::report::Status::Invalid);
            // A local table that could not be read was not checked.
            failed || (local && r.kind.is_tabular() && r.profile_error.is_some())
        })
        .map(|r| r.meta.title.clone())
        .collect();
    (!invalid.is_empty()).then_some(Unmet::Invalid(invalid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, PortalFile};
    use crate::validate::{DatasetFile, ResourceMeta, SchemaRef, Spatial, Temporal, Usage};
    use crate::vocab::FileKind;
    use jiff::civil::date;

    const LONG: &str = "Le budget primitif est l'acte par lequel le conseil municipal prévoit et autorise les recettes et les dépenses de l'année.";

    fn meta(front: &str, body: &str) -> DatasetMeta {
        let doc = Document::split(
            "datasets/budget/index.md",
            format!("---\ntitle: Budget\n{front}---\n\n{body}\n"),
        )
        .unwrap();
        DatasetMeta {
            slug: "budget".into(),
            folder: "datasets/budget".into(),
            doc,
            title: "Budget".into(),
            summary: None,
            keywords: Vec::new(),
            themes: Vec::new(),
            publisher: None,
            contact: None,
            licence: None,
            frequency: None,
            temporal: None,
            spatial: None,
            created: None,
            modified: None,
            featured: false,
            resources: Vec::new(),
            why: Default::default(),
            usage: None,
            assets: Vec::new(),
            changelog: Vec::new(),
        }
    }

    fn resource(name: &str) -> Resource {
        let file = PortalFile {
            path: format!("datasets/budget/{name}"),
            abs: name.into(),
            size: 1,
            modified: None,
        };
        let location = ResourceLocation::Local(DatasetFile { file, name: name.into() });
        Resource {
            meta: ResourceMeta {
                title: name.into(),
                description: None,
                format: None,
                schema: None,
                location,
                charts: Vec::new(),
            },
            kind: FileKind::from_path(name),
            format: crate::vocab::format_label(name),
            path: None,
            bytes: Some(1),
            sha256: None,
            profile: None,
            profile_error: None,
            normalized: Vec::new(),
            schema: None,
            validation: None,
            inferred_schema: None,
            charts: Vec::new(),
        }
    }

    fn dataset(meta: DatasetMeta, resources: Vec<Resource>) -> Dataset {
        Dataset {
            meta,
            publisher: 0,
            contact: None,
            licence: None,
            resources,
            path: "datasets/budget/index.html".into(),
            freshness: None,
            quality: Quality { criteria: Vec::new(), late: None },
            reuses: Vec::new(),
            requests: Vec::new(),
            versions: Vec::new(),
        }
    }

    fn criterion(dataset: &Dataset, id: CriterionId, today: Date) -> Option<Unmet> {
        assess(dataset, today)
            .criteria
            .into_iter()
            .find(|c| c.id == id)
            .unwrap()
            .unmet
    }

    const TODAY: Date = date(2026, 12, 4);

    fn unmet(dataset: &Dataset, id: CriterionId) -> Option<Unmet> {
        criterion(dataset, id, TODAY)
    }

    #[test]
    fn an_empty_dataset_meets_nothing() {
        let quality = assess(&dataset(meta("", ""), Vec::new()), TODAY);
        assert_eq!((quality.score(), quality.max()), (0, 11));
        let ids: Vec<&str> = quality.criteria.iter().map(|c| c.id.id()).collect();
        assert_eq!(
            ids,
            [
                "licence",
                "temporal_coverage",
                "spatial_coverage",
                "update_frequency",
                "up_to_date",
                "description",
                "open_format",
                "files_available",
                "documentation",
                "schema",
                "usage"
            ]
        );
    }

    #[test]
    fn licence() {
        let mut d = dataset(meta("", ""), Vec::new());
        assert_eq!(unmet(&d, CriterionId::Licence), Some(Unmet::Missing));
        d.licence = crate::vocab::licence("etalab-2.0");
        assert_eq!(unmet(&d, CriterionId::Licence), None);
    }

    #[test]
    fn temporal_and_spatial_coverage() {
        let mut m = meta("", "");
        m.temporal = Some(Temporal { start: Some(PartialDate::Year(2026)), end: None });
        let d = dataset(m.clone(), Vec::new());
        assert_eq!(unmet(&d, CriterionId::TemporalCoverage), None);
        assert_eq!(
            unmet(&d, CriterionId::SpatialCoverage),
            Some(Unmet::Missing)
        );
        m.spatial = Some(Spatial { name: Some("Test".into()), insee: Vec::new() });
        assert_eq!(
            unmet(&dataset(m, Vec::new()), CriterionId::SpatialCoverage),
            None
        );
    }

    #[test]
    fn update_frequency_unknown_does_not_count() {
        let mut m = meta("", "");
        assert_eq!(
            unmet(
                &dataset(m.clone(), Vec::new()),
                CriterionId::UpdateFrequency
            ),
            Some(Unmet::Missing)
        );
        m.frequency = Some("UNKNOWN");
        let d = dataset(m.clone(), Vec::new());
        assert_eq!(
            unmet(&d, CriterionId::UpdateFrequency),
            Some(Unmet::Missing)
        );
        assert_eq!(unmet(&d, CriterionId::UpToDate), Some(Unmet::NoFrequency));
        m.frequency = Some("IRREG");
        let d = dataset(m, Vec::new());
        assert_eq!(unmet(&d, CriterionId::UpdateFrequency), None);
    }

    #[test]
    fn up_to_date_needs_a_frequency() {
        let d = dataset(meta("", ""), Vec::new());
        assert_eq!(unmet(&d, CriterionId::UpToDate), Some(Unmet::NoFrequency));
    }

    #[test]
    fn frequencies_without_a_period_are_always_on_time() {
        for frequency in ["IRREG", "CONT", "UPDATE_CONT", "NEVER", "OTHER"] {
            let mut m = meta("", "");
            m.frequency = Some(frequency);
            // Even undated, even very old.
            let mut d = dataset(m, Vec::new());
            assert_eq!(unmet(&d, CriterionId::UpToDate), None, "{frequency}");
            d.freshness = Some(Freshness {
                date: PartialDate::Year(1990),
                source: DateSource::FrontMatter,
            });
            assert_eq!(unmet(&d, CriterionId::UpToDate), None, "{frequency}");
            assert_eq!(timeliness(frequency, None, TODAY), Timeliness::NoPeriod);
        }
    }

    /// The on-time rule, per frequency: due one period after the last
    /// update, late from the second day after the due date.
    #[test]
    fn on_time_rule_per_frequency_with_one_day_of_tolerance() {
        let last = date(2026, 1, 31);
        for (frequency, due) in [
            ("DECENNIAL", date(2036, 1, 31)),
            ("BIENNIAL", date(2028, 1, 31)),
            ("ANNUAL", date(2027, 1, 31)),
            ("ANNUAL_2", date(2026, 7, 31)),
            ("ANNUAL_3", date(2026, 5, 31)),
            ("QUARTERLY", date(2026, 4, 30)),
            ("BIMONTHLY", date(2026, 3, 31)),
            // A month after 31 January is the last day of February.
            ("MONTHLY", date(2026, 2, 28)),
            ("MONTHLY_2", date(2026, 2, 15)),
            ("MONTHLY_3", date(2026, 2, 10)),
            ("BIWEEKLY", date(2026, 2, 14)),
            ("WEEKLY", date(2026, 2, 7)),
            ("WEEKLY_2", date(2026, 2, 4)),
            ("WEEKLY_3", date(2026, 2, 3)),
            ("DAILY", date(2026, 2, 1)),
            ("HOURLY", date(2026, 2, 1)),
        ] {
            let last = Some(PartialDate::Day(last));
            let on = |today: Date| timeliness(frequency, last, today);
            assert_eq!(
                on(due),
                Timeliness::OnTime { due },
                "{frequency} on its due date"
            );
            let tolerated = due.tomorrow().unwrap();
            assert_eq!(
                on(tolerated),
                Timeliness::OnTime { due },
                "{frequency} a day late"
            );
            let late = tolerated.tomorrow().unwrap();
            assert_eq!(
                on(late),
                Timeliness::Late { due },
                "{frequency} two days late"
            );
        }
    }

    #[test]
    fn a_date_given_as_a_month_or_a_year_counts_from_its_last_day() {
        let month = Some(PartialDate::Month(2026, 1));
        assert_eq!(
            timeliness("MONTHLY", month, date(2026, 3, 1)),
            Timeliness::OnTime { due: date(2026, 2, 28) }
        );
        assert_eq!(
            timeliness("MONTHLY", month, date(2026, 3, 2)),
            Timeliness::Late { due: date(2026, 2, 28) }
        );
        let year = Some(PartialDate::Year(2025));
        assert_eq!(
            timeliness("ANNUAL", year, date(2027, 1, 1)),
            Timeliness::OnTime { due: date(2026, 12, 31) }
        );
    }

    #[test]
    fn dates_at_the_end_of_the_calendar_do_not_panic() {
        let last = Some(PartialDate::Day(date(9999, 12, 31)));
        assert_eq!(timeliness("ANNUAL", last, TODAY), Timeliness::NoPeriod);
        let last = Some(PartialDate::Day(date(9999, 12, 30)));
        assert!(matches!(
            timeliness("DAILY", last, date(9999, 12, 31)),
            Timeliness::OnTime { .. }
        ));
    }

    #[test]
    fn up_to_date_criterion() {
        let mut m = meta("frequency: ANNUAL\n", "");
        m.frequency = Some("ANNUAL");
        let mut d = dataset(m, Vec::new());
        assert_eq!(unmet(&d, CriterionId::UpToDate), Some(Unmet::Undated));
        d.freshness = Some(Freshness {
            date: PartialDate::Day(date(2025, 12, 3)),
            source: DateSource::Git,
        });
        assert_eq!(unmet(&d, CriterionId::UpToDate), None);
        assert_eq!(assess(&d, TODAY).late, None);
        d.freshness = Some(Freshness {
            date: PartialDate::Day(date(2025, 12, 2)),
            source: DateSource::Git,
        });
        let due = date(2026, 12, 2);
        assert_eq!(unmet(&d, CriterionId::UpToDate), Some(Unmet::Late { due }));
        assert_eq!(assess(&d, TODAY).late, Some(due));
    }

    #[test]
    fn description_over_100_characters() {
        let short = dataset(meta("", &"é".repeat(100)), Vec::new());
        assert_eq!(
            unmet(&short, CriterionId::Description),
            Some(Unmet::Missing)
        );
        let long = dataset(meta("", &"é".repeat(101)), Vec::new());
        assert_eq!(unmet(&long, CriterionId::Description), None);
        let spaces = dataset(meta("", &format!("   {}   ", "a".repeat(100))), Vec::new());
        assert_eq!(
            unmet(&spaces, CriterionId::Description),
            Some(Unmet::Missing)
        );
        assert_eq!(
            unmet(
                &dataset(meta("", LONG), Vec::new()),
                CriterionId::Description
            ),
            None
        );
    }

    #[test]
    fn open_format() {
        let closed = dataset(
            meta("", ""),
            vec![resource("note.pdf"), resource("budget.xlsx")],
        );
        assert_eq!(
            unmet(&closed, CriterionId::OpenFormat),
            Some(Unmet::Missing)
        );
        let open = dataset(
            meta("", ""),
            vec![resource("note.pdf"), resource("budget.csv")],
        );
        assert_eq!(unmet(&open, CriterionId::OpenFormat), None);
        // A spreadsheet ouvert could read is published as CSV too.
        let mut xlsx = resource("budget.xlsx");
        xlsx.normalized.push(crate::model::NormalizedTable {
            table: None,
            csv: crate::model::GeneratedFile {
                path: "a.csv".into(),
                source: "a.csv".into(),
                bytes: 1,
            },
            json: crate::model::GeneratedFile {
                path: "a.json".into(),
                source: "a.json".into(),
                bytes: 1,
            },
        });
        assert_eq!(
            unmet(&dataset(meta("", ""), vec![xlsx]), CriterionId::OpenFormat),
            None
        );
    }

    #[test]
    fn files_available() {
        let none = dataset(meta("", ""), Vec::new());
        assert_eq!(
            unmet(&none, CriterionId::FilesAvailable),
            Some(Unmet::NoResource)
        );
        let mut broken = resource("budget.csv");
        broken.profile_error = Some(crate::profile::ProfileError {
            failure: crate::profile::ReadFailure::Undecodable,
            detail: None,
            line: None,
        });
        let d = dataset(meta("", ""), vec![resource("a.csv"), broken]);
        assert_eq!(
            unmet(&d, CriterionId::FilesAvailable),
            Some(Unmet::Unreadable(vec!["budget.csv".into()]))
        );
        let ok = dataset(meta("", ""), vec![resource("a.csv"), resource("note.pdf")]);
        assert_eq!(unmet(&ok, CriterionId::FilesAvailable), None);
    }

    #[test]
    fn documentation() {
        let bare = dataset(meta("", ""), vec![resource("a.csv")]);
        assert_eq!(
            unmet(&bare, CriterionId::Documentation),
            Some(Unmet::Missing)
        );
        let note = dataset(
            meta("", ""),
            vec![resource("a.csv"), resource("notice.pdf")],
        );
        assert_eq!(unmet(&note, CriterionId::Documentation), None);
        let mut described = resource("a.csv");
        described.meta.description = Some("Une ligne par subvention.".into());
        assert_eq!(
            unmet(
                &dataset(meta("", ""), vec![described]),
                CriterionId::Documentation
            ),
            None
        );
    }

    #[test]
    fn schema_declared_and_valid() {
        let none = dataset(meta("", ""), vec![resource("a.csv")]);
        assert_eq!(unmet(&none, CriterionId::Schema), Some(Unmet::Missing));
        let mut declared = resource("a.csv");
        declared.meta.schema = Some(SchemaRef::Local { path: "schemas/a.json".into() });
        let report = |status| crate::schema::report::ValidationReport {
            status,
            rows: 1,
            error_counts: Default::default(),
            warning_counts: Default::default(),
            warnings: Vec::new(),
            errors: Vec::new(),
        };
        declared.validation = Some(report(crate::schema::report::Status::Warnings));
        let valid = dataset(meta("", ""), vec![declared, resource("b.csv")]);
        assert_eq!(unmet(&valid, CriterionId::Schema), None);
        let mut declared = resource("a.csv");
        declared.meta.schema = Some(SchemaRef::Local { path: "schemas/a.json".into() });
        declared.validation = Some(report(crate::schema::report::Status::Invalid));
        let invalid = dataset(meta("", ""), vec![declared]);
        assert_eq!(
            unmet(&invalid, CriterionId::Schema),
            Some(Unmet::Invalid(vec!["a.csv".into()]))
        );
    }

    #[test]
    fn complete_usage_section() {
        let mut m = meta("", "");
        assert_eq!(
            unmet(&dataset(m.clone(), Vec::new()), CriterionId::Usage),
            Some(Unmet::Missing)
        );
        m.usage = Some(Usage { purpose: Some("Informer.".into()), ..Usage::default() });
        assert_eq!(
            unmet(&dataset(m.clone(), Vec::new()), CriterionId::Usage),
            Some(Unmet::Incomplete(vec![
                "legal_basis",
                "personal_data",
                "retention"
            ]))
        );
        m.usage = Some(Usage {
            purpose: Some("Informer.".into()),
            legal_basis: Some(crate::validate::LegalBasis {
                kind: Some(crate::validate::LegalBasisKind::LegalObligation),
                reference: None,
                url: None,
            }),
            personal_data: Some(crate::validate::PersonalData::None),
            retention: Some("Sans limite.".into()),
            ..Usage::default()
        });
        assert_eq!(unmet(&dataset(m, Vec::new()), CriterionId::Usage), None);
    }

    #[test]
    fn the_date_of_update_prefers_git_then_the_front_matter_then_the_files() {
        let git = FolderDates {
            git: Some(GitDate::Committed(date(2026, 3, 1))),
            files: Some(date(2026, 5, 1)),
        };
        let modified = Some(PartialDate::Month(2026, 2));
        assert_eq!(
            freshness(Some(&git), modified, TODAY),
            Some(Freshness {
                date: PartialDate::Day(date(2026, 3, 1)),
                source: DateSource::Git
            })
        );
        let dirty = FolderDates { git: Some(GitDate::Uncommitted), files: None };
        assert_eq!(
            freshness(Some(&dirty), modified, TODAY),
            Some(Freshness {
                date: PartialDate::Day(TODAY),
                source: DateSource::Uncommitted
            })
        );
        let files = FolderDates { git: None, files: Some(date(2026, 5, 1)) };
        assert_eq!(
            freshness(Some(&files), modified, TODAY),
            Some(Freshness {
                date: PartialDate::Month(2026, 2),
                source: DateSource::FrontMatter
            })
        );
        assert_eq!(
            freshness(Some(&files), None, TODAY),
            Some(Freshness {
                date: PartialDate::Day(date(2026, 5, 1)),
                source: DateSource::Files
            })
        );
        assert_eq!(freshness(None, None, TODAY), None);
    }

    #[test]
    fn late_warning_names_the_date_its_source_and_what_to_do() {
        let mut m = meta("frequency: MONTHLY\n", "");
        m.frequency = Some("MONTHLY");
        let git = Some(Freshness {
            date: PartialDate::Day(date(2026, 10, 15)),
            source: DateSource::Git,
        });
        let warning = late_warning(&m, git, TODAY).unwrap();
        assert_eq!(
            warning.message,
            "the dataset is late: its frequency MONTHLY called for an update by 2026-11-15, but it was last updated on 2026-10-15 (the date of the last commit touching datasets/budget/)"
        );
        assert_eq!(
            warning.hint.as_deref(),
            Some(
                "publish the new data and commit it, or set `frequency` to how often the dataset is really updated (IRREG when it has no schedule)"
            )
        );
        assert_eq!(warning.file.as_deref(), Some("datasets/budget/index.md"));
        assert_eq!(warning.line, Some(3));
        assert!(!warning.is_error());
        let front = Some(Freshness {
            date: PartialDate::Month(2026, 10),
            source: DateSource::FrontMatter,
        });
        assert_eq!(
            late_warning(&m, front, TODAY).unwrap().message,
            "the dataset is late: its frequency MONTHLY called for an update by 2026-11-30, but it was last updated on 2026-10 (the date its `modified` gives)"
        );
        // On time, or without a frequency: nothing to say.
        let recent = Some(Freshness {
            date: PartialDate::Day(date(2026, 11, 3)),
            source: DateSource::Git,
        });
        assert_eq!(late_warning(&m, recent, TODAY), None);
        m.frequency = None;
        assert_eq!(late_warning(&m, git, TODAY), None);
    }
}
