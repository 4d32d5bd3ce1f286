//! Views of reuses and requests: the reuses page, the reuses on each
//! dataset page, and the requests page with how to make one.

use serde::Serialize;

use super::markdown::{self, LinkContext};
use super::views::{DateView, Link, Views};
use crate::config::Reach;
use crate::model::{Request, Reuse, paths};
use crate::util::url::encode_path;
use crate::validate::RequestStatus;

#[derive(Debug, Serialize)]
pub struct ReuseView {
    /// Unique in the reuses page, for links to one reuse.
    pub anchor: String,
    pub title: String,
    pub kind: String,
    pub kind_id: &'static str,
    pub author: Option<String>,
    pub external_url: Option<String>,
    /// Site path of its image.
    pub image: Option<String>,
    pub date: Option<DateView>,
    pub description_html: String,
    /// The datasets it uses.
    pub datasets: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub struct RequestGroupView {
    pub status_id: &'static str,
    pub title: String,
    /// What the status means for whoever asked.
    pub intro: String,
    pub requests: Vec<RequestView>,
}

#[derive(Debug, Serialize)]
pub struct RequestView {
    pub anchor: String,
    pub title: String,
    pub requested_by: Option<String>,
    pub date: Option<DateView>,
    pub dataset: Option<Link>,
    pub reason: Option<String>,
    pub description_html: String,
}

/// How to make a request: one of the two is set.
#[derive(Debug, Serialize)]
pub struct RequestContactView {
    pub email: Option<String>,
    pub form_url: Option<String>,
}

impl Views<'_> {
    pub fn reuse(&self, reuse: &Reuse) -> ReuseView {
        let meta = &reuse.meta;
        ReuseView {
            anchor: format!("reuse-{}", meta.slug),
            title: meta.title.clone(),
            kind: self
                .lang
                .t(&format!("reuse_kind_{}", meta.kind.id()))
                .to_string(),
            kind_id: meta.kind.id(),
            author: meta.author.clone(),
            external_url: meta.url.clone(),
            image: meta
                .image
                .as_deref()
                .map(|p| encode_path(&paths::static_file(p))),
            date: self.date(meta.date),
            description_html: markdown::to_html(
                meta.doc.body(),
                &LinkContext::of(self.portal, &meta.doc.path, paths::REUSES),
            ),
            datasets: reuse
                .datasets
                .iter()
                .map(|&i| {
                    let dataset = &self.portal.datasets[i];
                    Link {
                        title: dataset.meta.title.clone(),
                        url: encode_path(&dataset.path),
                    }
                })
                .collect(),
        }
    }

    /// The reuses at these indexes of [`crate::model::Portal::reuses`],
    /// for a dataset's page.
    pub fn reuses_of(&self, reuses: &[usize]) -> Vec<ReuseView> {
        reuses
            .iter()
            .map(|&i| self.reuse(&self.portal.reuses[i]))
            .collect()
    }

    /// The requests by status, in the order requests go through; statuses
    /// without requests are left out.
    pub fn request_groups(&self) -> Vec<RequestGroupView> {
        RequestStatus::ALL
            .iter()
            .filter_map(|&status| {
                let requests: Vec<RequestView> = self
                    .portal
                    .requests
                    .iter()
                    .filter(|r| r.meta.status == status)
                    .map(|r| self.request(r))
                    .collect();
                (!requests.is_empty()).then(|| RequestGroupView {
                    status_id: status.id(),
                    title: self
                        .lang
                        .t(&format!("request_status_{}", status.id().replace('-', "_")))
                        .to_string(),
                    intro: self
                        .lang
                        .t(&format!(
                            "request_status_{}_intro",
                            status.id().replace('-', "_")
                        ))
                        .to_string(),
                    requests,
                })
            })
            .collect()
    }

    fn request(&self, request: &Request) -> RequestView {
        let meta = &request.meta;
        RequestView {
            anchor: format!("request-{}", meta.slug),
            title: meta.title.clone(),
            requested_by: meta.requested_by.clone(),
            date: self.date(meta.date),
            dataset: request.dataset.map(|i| {
                let dataset = &self.portal.datasets[i];
                Link {
                    title: dataset.meta.title.clone(),
                    url: encode_path(&dataset.path),
                }
            }),
            reason: meta.reason.clone(),
            description_html: markdown::to_html(
                meta.doc.body(),
                &LinkContext::of(self.portal, &meta.doc.path, paths::REQUESTS),
            ),
        }
    }

    pub fn request_contact(&self) -> Option<RequestContactView> {
        self.portal
            .config
            .requests_contact
            .as_ref()
            .map(|reach| match reach {
                Reach::Email(email) => {
                    RequestContactView { email: Some(email.clone()), form_url: None }
                }
                Reach::Web(url) => RequestContactView { email: None, form_url: Some(url.clone()) },
            })
    }
}
