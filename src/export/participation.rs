//! `api/reuses.json` and `api/requests.json`: reuses and data requests for
//! machines. Part of the static API contract of `docs/api.md`: kinds and
//! statuses are the front matter's keywords, fields are only ever added.

use serde::Serialize;

use crate::model::{Portal, Request, Reuse};
use crate::util::url::public_url;

#[derive(Serialize)]
pub struct Reuses<'a> {
    reuses: Vec<ReuseJson<'a>>,
}

#[derive(Serialize)]
pub struct ReuseJson<'a> {
    slug: &'a str,
    title: &'a str,
    /// `application`, `visualisation`, `article`, `api`, `idea` or `other`.
    kind: &'static str,
    author: Option<&'a str>,
    url: Option<&'a str>,
    image: Option<String>,
    date: Option<String>,
    /// In Markdown, as the portal's file has it.
    description: &'a str,
    /// Slugs of the datasets it uses.
    datasets: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct Requests<'a> {
    requests: Vec<RequestJson<'a>>,
}

#[derive(Serialize)]
struct RequestJson<'a> {
    slug: &'a str,
    title: &'a str,
    requested_by: Option<&'a str>,
    date: Option<String>,
    /// `received`, `under-study`, `planned`, `published` or `declined`.
    status: &'static str,
    /// Slug of the dataset that answers it.
    dataset: Option<&'a str>,
    reason: Option<&'a str>,
    description: &'a str,
}

pub fn reuse<'a>(portal: &'a Portal, reuse: &'a Reuse) -> ReuseJson<'a> {
    let meta = &reuse.meta;
    let base = portal.config.base_url.as_deref();
    ReuseJson {
        slug: &meta.slug,
        title: &meta.title,
        kind: meta.kind.id(),
        author: meta.author.as_deref(),
        url: meta.url.as_deref(),
        image: meta
            .image
            .as_deref()
            .map(|p| public_url(base, &crate::model::paths::static_file(p))),
        date: meta.date.map(|d| d.to_string()),
        description: meta.doc.body().trim(),
        datasets: reuse
            .datasets
            .iter()
            .map(|&i| portal.datasets[i].meta.slug.as_str())
            .collect(),
    }
}

pub fn reuses(portal: &Portal) -> Reuses<'_> {
    Reuses {
        reuses: portal.reuses.iter().map(|r| reuse(portal, r)).collect(),
    }
}

pub fn requests(portal: &Portal) -> Requests<'_> {
    Requests {
        requests: portal.requests.iter().map(|r| request(portal, r)).collect(),
    }
}

fn request<'a>(portal: &'a Portal, request: &'a Request) -> RequestJson<'a> {
    let meta = &request.meta;
    RequestJson {
        slug: &meta.slug,
        title: &meta.title,
        requested_by: meta.requested_by.as_deref(),
        date: meta.date.map(|d| d.to_string()),
        status: meta.status.id(),
        dataset: request
            .dataset
            .map(|i| portal.datasets[i].meta.slug.as_str()),
        reason: meta.reason.as_deref(),
        description: meta.doc.body().trim(),
    }
}
