//! The preview's HTTP side: the site's files, the live-reload script and
//! its event stream, on one origin and port, so it works behind a proxy
//! and over IPv6 like the site itself.
//!
//! Only GET and HEAD are answered: the preview never changes anything.
//! Nothing is cached by the browser, since every save changes the site.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::io::AsyncReadExt;
use tokio::sync::watch;

use super::overlay::{self, PREFIX};
use super::preview::Preview;
use super::site::{Outcome, Resolved, SiteFile, Snapshot, site_path};
use crate::util::url::root_prefix;

/// What the server and the builders share: the snapshot being served, a
/// signal that a new one is in place, and one that a preview's complete
/// site is.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    changed: watch::Sender<u64>,
    completed: watch::Sender<u64>,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::building())),
            changed: watch::Sender::new(0),
            completed: watch::Sender::new(0),
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().expect("snapshot lock").clone()
    }

    /// Serves `snapshot` from now on, then tells open pages: the event
    /// goes out only once the new site is in place.
    pub fn publish(&self, snapshot: Snapshot) {
        let generation = snapshot.generation;
        let replaced = std::mem::replace(
            &mut *self.snapshot.write().expect("snapshot lock"),
            Arc::new(snapshot),
        );
        self.changed.send_replace(generation);
        // Freeing a large portal's model takes a while: after the event.
        drop(replaced);
    }

    /// Replaces the snapshot by what `next` makes of it, if anything,
    /// telling open pages when `next` says so; for the end of a preview.
    pub fn replace(&self, next: impl FnOnce(&Snapshot) -> Option<(Snapshot, bool)>) {
        let mut current = self.snapshot.write().expect("snapshot lock");
        if let Some((snapshot, notify)) = next(&current) {
            let generation = snapshot.generation;
            *current = Arc::new(snapshot);
            drop(current);
            if notify {
                self.changed.send_replace(generation);
            }
        } else {
            drop(current);
        }
        self.completed.send_modify(|n| *n += 1);
    }

    /// Waits until `preview` is no longer waiting for its complete site.
    async fn until_complete(&self, preview: &Arc<Preview>) {
        let mut completed = self.completed.subscribe();
        while self
            .current()
            .preview
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(p, preview))
        {
            if completed.changed().await.is_err() {
                return;
            }
        }
    }
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed: the preview only answers GET and HEAD\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let raw = request.uri().path();
    if let Some(name) = raw.strip_prefix('/').and_then(|p| p.strip_prefix(PREFIX)) {
        return own_file(&shared, name);
    }
    let Some(path) = site_path(raw) else {
        return text(
            StatusCode::BAD_REQUEST,
            "bad request: this address points outside the site\n",
        );
    };
    let prefix = root_prefix(&path);
    loop {
        let snapshot = shared.current();
        let Some(preview) = snapshot.preview.clone() else {
            return from_site(&snapshot, &path, &prefix).await;
        };
        match preview.site.resolve(&path) {
            Resolved::File(path, SiteFile::Page) => {
                let rendered = {
                    let (preview, path) = (preview.clone(), path.clone());
                    tokio::task::spawn_blocking(move || preview.page(&path)).await
                };
                return match rendered {
                    Ok(Ok(page)) => {
                        file_response(
                            StatusCode::OK,
                            &path,
                            SiteFile::Bytes(page),
                            &snapshot,
                            &prefix,
                        )
                        .await
                    }
                    Ok(Err(error)) => {
                        let page = overlay::error_page(&snapshot, &error, &prefix);
                        with_type(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "text/html; charset=utf-8",
                            Body::from(page),
                        )
                    }
                    Err(_) => text(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal error: the page could not be rendered\n",
                    ),
                };
            }
            Resolved::File(path, file) => {
                return file_response(StatusCode::OK, &path, file, &snapshot, &prefix).await;
            }
            Resolved::Redirect(location) => return redirect(&location),
            // Only the complete site has it, if anyone does.
            Resolved::NotFound => shared.until_complete(&preview).await,
        }
    }
}

/// Answers from the snapshot's complete site.
async fn from_site(snapshot: &Snapshot, path: &str, prefix: &str) -> Response {
    let Some(site) = snapshot.site.clone() else {
        let status = match snapshot.outcome {
            Outcome::Building => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let page = overlay::waiting_page(snapshot, prefix);
        return with_type(status, "text/html; charset=utf-8", Body::from(page));
    };
    match site.resolve(path) {
        Resolved::File(path, file) => {
            file_response(StatusCode::OK, &path, file, snapshot, prefix).await
        }
        Resolved::Redirect(location) => redirect(&location),
        Resolved::NotFound => match site.get("404.html") {
            Some(page) => {
                file_response(
                    StatusCode::NOT_FOUND,
                    "404.html",
                    page.clone(),
                    snapshot,
                    prefix,
                )
                .await
            }
            None => text(StatusCode::NOT_FOUND, "not found\n"),
        },
    }
}

fn redirect(location: &str) -> Response {
    let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    no_store(response)
}

/// The preview's own files: the script, its style and the event stream.
fn own_file(shared: &Arc<Shared>, name: &str) -> Response {
    match name {
        "live.js" => with_type(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Body::from(overlay::SCRIPT),
        ),
        "live.css" => with_type(
            StatusCode::OK,
            "text/css; charset=utf-8",
            Body::from(overlay::STYLE),
        ),
        "events" => events(shared.clone()),
        _ => text(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Server-sent events: the state of the latest build at once, then after
/// each build. `reload` carries the generation of a newly served site;
/// `failed` the error panel, when the site served did not change.
fn events(shared: Arc<Shared>) -> Response {
    let mut receiver = shared.changed.subscribe();
    receiver.mark_changed();
    let stream =
        futures_util::stream::unfold((receiver, shared), |(mut receiver, shared)| async move {
            receiver.changed().await.ok()?;
            let event = event_for(&shared.current());
            Some((Ok::<_, Infallible>(event), (receiver, shared)))
        });
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    // Proxies such as nginx would hold events back until a buffer fills.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    no_store(response)
}

fn event_for(snapshot: &Snapshot) -> Event {
    match (&snapshot.outcome, overlay::panel(snapshot)) {
        (Outcome::Failed, Some(panel)) => {
            let data = serde_json::json!({ "generation": snapshot.generation, "overlay": panel });
            Event::default().event("failed").data(data.to_string())
        }
        // Pages waiting for the first build have nothing to compare yet.
        (Outcome::Building, _) => Event::default().comment("building"),
        _ => Event::default()
            .event("reload")
            .data(snapshot.generation.to_string()),
    }
}

async fn file_response(
    status: StatusCode,
    path: &str,
    file: SiteFile,
    snapshot: &Snapshot,
    prefix: &str,
) -> Response {
    let content_type = content_type(path);
    match file {
        SiteFile::Bytes(bytes) if content_type.starts_with("text/html") => {
            let page = overlay::inject(&bytes, &overlay::snippet(snapshot, prefix));
            with_type(status, content_type, Body::from(page))
        }
        SiteFile::Bytes(bytes) => with_type(status, content_type, Body::from(bytes)),
        // Rendered before it gets here.
        SiteFile::Page => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the page was not rendered\n",
        ),
        SiteFile::Copy(source) => match tokio::fs::File::open(&source).await {
            Ok(file) => {
                let length = file.metadata().await.map(|m| m.len()).ok();
                let mut response = with_type(status, content_type, Body::from_stream(chunks(file)));
                if let Some(length) = length {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
                }
                response
            }
            // Moved or deleted since the build: the next build will say so.
            Err(_) => text(
                StatusCode::NOT_FOUND,
                "not found: the file was removed or renamed since the last build\n",
            ),
        },
    }
}

/// A large data file, read as it is sent rather than loaded whole.
fn chunks(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<Bytes>> + Send {
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0; 64 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(Bytes::from(buffer)), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "ttl" => "text/turtle; charset=utf-8",
        "atom" => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        other => crate::vocab::media_type(other).unwrap_or("application/octet-stream"),
    }
}

fn with_type(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    no_store(response)
}

fn text(status: StatusCode, message: &'static str) -> Response {
    with_type(status, "text/plain; charset=utf-8", Body::from(message))
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("catalog.ttl"), "text/turtle; charset=utf-8");
        assert_eq!(content_type("datasets/a/B.CSV"), "text/csv");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
