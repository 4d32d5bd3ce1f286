//! What citizens and reusers bring to the portal: reuses of its data
//! (`reuses/`) and requests for data not yet open (`requests/`).

use std::collections::{BTreeMap, BTreeSet};

use super::{PartialDate, claim_slug, non_empty_title, web_url};
use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::raw::{RawRequest, RawReuse};
use crate::load::{Document, NamedDocument};
use crate::util::text::slugify;

keywords! {
    /// What a reuse is.
    ReuseKind {
        Application = "application",
        Visualisation = "visualisation",
        Article = "article",
        Api = "api",
        Idea = "idea",
        Other = "other",
    }
}

keywords! {
    /// Where a request for data stands, in the order requests go through.
    RequestStatus {
        Received = "received",
        UnderStudy = "under-study",
        Planned = "planned",
        Published = "published",
        Declined = "declined",
    }
}

#[derive(Debug, Clone)]
pub struct ReuseMeta {
    pub slug: String,
    pub doc: Document,
    pub title: String,
    pub kind: ReuseKind,
    pub author: Option<String>,
    pub url: Option<String>,
    /// Path of an image of `static/`.
    pub image: Option<String>,
    /// Slugs of the datasets it uses, each a dataset of the portal.
    pub datasets: Vec<String>,
    pub date: Option<PartialDate>,
}

#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub slug: String,
    pub doc: Document,
    pub title: String,
    pub requested_by: Option<String>,
    pub date: Option<PartialDate>,
    pub status: RequestStatus,
    /// The dataset that answers it (required once published).
    pub dataset: Option<String>,
    /// Why it is declined (required when declined).
    pub reason: Option<String>,
}

/// Checks reuses and requests against the datasets of the portal.
pub struct Participation<'a> {
    pub config: &'a Config,
    /// Slugs of the portal's datasets.
    pub datasets: &'a BTreeSet<String>,
    pub diagnostics: &'a mut Diagnostics,
}

impl Participation<'_> {
    pub fn reuses(&mut self, documents: Vec<NamedDocument<RawReuse>>) -> Vec<ReuseMeta> {
        let mut seen = BTreeMap::new();
        let mut reuses = Vec::new();
        for NamedDocument { name, loaded } in documents {
            let (doc, raw) = (loaded.doc, loaded.meta);
            let slug = slugify(&name);
            if !claim_slug(&mut seen, &slug, &doc.path, "reuses", self.diagnostics) {
                continue;
            }
            let errors_before = self.diagnostics.error_count();
            let title = non_empty_title(&doc, &raw.title, self.diagnostics);
            let kind = match raw.kind.as_deref() {
                None => ReuseKind::Other,
                Some(text) => ReuseKind::parse(text).unwrap_or_else(|| {
                    self.error(
                        &doc,
                        &["kind"],
                        format!("unknown reuse kind `{text}`"),
                        format!("use one of {}", ReuseKind::ids()),
                    );
                    ReuseKind::Other
                }),
            };
            let url = raw
                .url
                .and_then(|url| web_url(&doc, &url, &["url"], self.diagnostics));
            let image = raw.image.and_then(|path| {
                let path = path.trim().trim_start_matches("./").to_string();
                match config::static_image(&self.config.root, &path) {
                    Ok(()) => Some(path),
                    Err(reason) => {
                        self.error(&doc, &["image"], format!("image `{path}` {reason}"), "put the image in the portal's static/ folder: pages load no image from other sites".to_string());
                        None
                    }
                }
            });
            let mut datasets = Vec::new();
            for dataset in raw.datasets.0 {
                if let Some(slug) = self.dataset(&doc, &["datasets"], &dataset)
                    && !datasets.contains(&slug)
                {
                    datasets.push(slug);
                }
            }
            if datasets.is_empty() && self.diagnostics.error_count() == errors_before {
                self.error(
                    &doc,
                    &["title"],
                    format!("{} names no dataset it uses", doc.path),
                    "add `datasets: [slug, …]` with the folder names of the datasets it uses"
                        .to_string(),
                );
            }
            let date = raw
                .date
                .and_then(|d| super::date(&doc, &["date"], &d.0, self.diagnostics));
            if self.diagnostics.error_count() == errors_before {
                reuses.push(ReuseMeta {
                    slug,
                    title,
                    kind,
                    author: text(raw.author),
                    url,
                    image,
                    datasets,
                    date,
                    doc,
                });
            }
        }
        reuses
    }

    pub fn requests(&mut self, documents: Vec<NamedDocument<RawRequest>>) -> Vec<RequestMeta> {
        let mut seen = BTreeMap::new();
        let mut requests = Vec::new();
        for NamedDocument { name, loaded } in documents {
            let (doc, raw) = (loaded.doc, loaded.meta);
            let slug = slugify(&name);
            if !claim_slug(&mut seen, &slug, &doc.path, "requests", self.diagnostics) {
                continue;
            }
            let errors_before = self.diagnostics.error_count();
            let title = non_empty_title(&doc, &raw.title, self.diagnostics);
            let status = match raw.status.as_deref() {
                None => RequestStatus::Received,
                Some(text) => RequestStatus::parse(text).unwrap_or_else(|| {
                    self.error(
                        &doc,
                        &["status"],
                        format!("unknown request status `{text}`"),
                        format!("use one of {}", RequestStatus::ids()),
                    );
                    RequestStatus::Received
                }),
            };
            let dataset = raw
                .dataset
                .and_then(|d| self.dataset(&doc, &["dataset"], &d));
            let reason = text(raw.reason);
            match status {
                RequestStatus::Published
                    if dataset.is_none() && self.diagnostics.error_count() == errors_before =>
                {
                    self.error(
                        &doc,
                        &["status"],
                        "a published request names the dataset that answers it".to_string(),
                        "add `dataset:` with the folder name of the dataset".to_string(),
                    );
                }
                RequestStatus::Declined if reason.is_none() => {
                    self.error(
                        &doc,
                        &["status"],
                        "a declined request says why".to_string(),
                        "add `reason:`, in words the person who asked will understand (the law that forbids it, the data that does not exist…)".to_string(),
                    );
                }
                _ => {}
            }
            let date = raw
                .date
                .and_then(|d| super::date(&doc, &["date"], &d.0, self.diagnostics));
            if self.diagnostics.error_count() == errors_before {
                requests.push(RequestMeta {
                    slug,
                    title,
                    requested_by: text(raw.requested_by),
                    date,
                    status,
                    dataset,
                    reason,
                    doc,
                });
            }
        }
        requests
    }

    /// The slug of a dataset of the portal named in `key`, or an error that
    /// proposes the closest one.
    fn dataset(&mut self, doc: &Document, key: &[&str], name: &str) -> Option<String> {
        let slug = slugify(name);
        if self.datasets.contains(&slug) {
            return Some(slug);
        }
        let known: Vec<&str> = self.datasets.iter().map(String::as_str).collect();
        let hint = match crate::util::text::closest(&slug, &known) {
            Some(close) => {
                format!("did you mean `{close}`? A dataset is named by its folder under datasets/")
            }
            None => "name a dataset by its folder under datasets/".to_string(),
        };
        let d = doc.at_value(
            Diagnostic::error(format!("unknown dataset `{name}`")),
            key,
            name,
        );
        self.diagnostics.push(d.hint(hint));
        None
    }

    fn error(&mut self, doc: &Document, key: &[&str], message: String, hint: String) {
        self.diagnostics
            .push(doc.at_key(Diagnostic::error(message), key).hint(hint));
    }
}

fn text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}
