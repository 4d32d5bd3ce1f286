//! `ouvert serve`: the real binary on a free port, spoken to over raw TCP
//! (a client library would clean up the hostile addresses before sending
//! them), its terminal read line by line.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Fixture, ouvert};

/// Long enough for a loaded CI machine; a passing test never waits it out.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `ouvert serve`, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    /// Every line printed on stdout so far.
    printed: Vec<String>,
}

impl Server {
    fn start(portal: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = ouvert()
            .arg("serve")
            .arg(portal)
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ouvert serve");
        let (sender, stdout) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let mut server = Server {
            child,
            address: "127.0.0.1:1".parse().unwrap(),
            stdout,
            stderr,
            printed: Vec::new(),
        };
        let serving = server.wait_for_line("Serving ");
        let url = serving
            .split(" at ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("no address in {serving:?}"));
        server.address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        server.wait_for_line("Watching ");
        server
    }

    /// Waits for a line of stdout starting with `prefix`, and returns it.
    fn wait_for_line(&mut self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) => {
                    self.printed.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no line starting with {prefix:?}; stdout: {:?}; stderr: {}",
                    self.printed,
                    self.stderr()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "ouvert serve stopped; stdout: {:?}; stderr: {}",
                    self.printed,
                    self.stderr()
                ),
            }
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `text` (it is read by another thread, so
    /// it may lag behind the event that a build sent), and returns it all.
    fn wait_for_stderr(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let stderr = self.stderr();
            if stderr.contains(text) {
                return stderr;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} never printed; stderr: {stderr}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn get(&self, path: &str) -> Response {
        request(self.address, "GET", path)
    }

    fn events(&self) -> Events {
        Events::open(self.address)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    /// Lower-case names.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request, the path sent exactly as given.
fn request(address: SocketAddr, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
    {
        body = dechunk(&mut &body[..]);
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(reader: &mut impl BufRead) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(chunk) = read_chunk(reader) {
        body.extend(chunk);
    }
    body
}

/// One chunk of a chunked body; `None` at its end.
fn read_chunk(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut size = String::new();
    reader.read_line(&mut size).ok()?;
    let size = usize::from_str_radix(size.trim(), 16).ok()?;
    if size == 0 {
        return None;
    }
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk).ok()?;
    chunk.truncate(size);
    Some(chunk)
}

/// The live-reload event stream, as a page's script reads it.
struct Events {
    reader: BufReader<TcpStream>,
    pending: String,
}

#[derive(Debug, PartialEq, Eq)]
struct Event {
    name: String,
    data: String,
}

impl Events {
    fn open(address: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__ouvert/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("headers");
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{head}"
        );
        Events { reader, pending: String::new() }
    }

    /// The next event with a name (keep-alive comments are skipped).
    fn next(&mut self) -> Event {
        loop {
            if let Some(end) = self.pending.find("\n\n") {
                let block: String = self.pending.drain(..end + 2).collect();
                let mut event = Event { name: String::new(), data: String::new() };
                for line in block.lines() {
                    if let Some(name) = line.strip_prefix("event: ") {
                        event.name = name.to_string();
                    } else if let Some(data) = line.strip_prefix("data: ") {
                        event.data.push_str(data);
                    }
                }
                if !event.name.is_empty() {
                    return event;
                }
                continue;
            }
            let chunk = read_chunk(&mut self.reader).expect("the event stream ended");
            self.pending.push_str(&String::from_utf8(chunk).unwrap());
        }
    }
}

/// The generation a page says it shows.
fn generation(page: &str) -> String {
    let marker = "data-generation=\"";
    let start = page.find(marker).expect("the live-reload script") + marker.len();
    page[start..start + page[start..].find('"').unwrap()].to_string()
}

fn write(fixture: &Fixture, path: &str, text: &str) {
    std::fs::write(fixture.path(path), text).unwrap();
}

const BUDGET: &str = "portal/datasets/budget/index.md";

#[test]
fn serves_the_portal_and_reloads_open_pages_after_an_edit() {
    let fixture = Fixture::new();
    let mut server = Server::start(&fixture.portal(), &[]);
    assert!(server.address.ip().is_loopback());

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(home.body.contains("Portail de test"));
    let page = server.get("/datasets/budget/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Le budget."));
    // The script is reached relative to the page, so a proxy may serve the
    // preview under a sub-path.
    assert!(page.body.contains(
        "<link rel=\"stylesheet\" href=\"../../__ouvert/live.css\"><script src=\"../../__ouvert/live.js\" data-generation=\""
    ));
    let script = server.get("/__ouvert/live.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        script
            .body
            .contains("new EventSource(new URL(\"events\", script.src))")
    );

    let mut events = server.events();
    // The state at once: the page shows the latest site.
    let shown = generation(&page.body);
    assert_eq!(
        events.next(),
        Event { name: "reload".into(), data: shown.clone() }
    );

    write(
        &fixture,
        BUDGET,
        "---\ntitle: Budget\nresources:\n  - path: budget.csv\n    title: Budget 2026\n---\n\nLe budget voté en mars.\n",
    );
    let reload = events.next();
    assert_eq!(reload.name, "reload");
    assert_ne!(reload.data, shown);
    // Sent once the new site is in place: the page already has the edit.
    let page = server.get("/datasets/budget/");
    assert!(page.body.contains("Le budget voté en mars."));
    assert_eq!(generation(&page.body), reload.data);
    server.wait_for_line("Changed: datasets/budget/index.md");
    let built = server.wait_for_line("Built ");
    assert!(built.starts_with("Built 1 dataset, "), "{built}");
}

#[test]
fn a_broken_front_matter_shows_over_every_page_until_it_is_fixed() {
    let fixture = Fixture::new().file(
        "portal/pages/a-propos.md",
        "---\ntitle: À propos\n---\n\nQui nous sommes.\n",
    );
    let mut server = Server::start(&fixture.portal(), &[]);
    let mut events = server.events();
    let first = events.next();
    assert_eq!(first.name, "reload");

    write(&fixture, BUDGET, "---\ntitle: [Budget\n---\n\nLe budget.\n");
    let failed = events.next();
    assert_eq!(failed.name, "failed");
    let state: serde_json::Value = serde_json::from_str(&failed.data).unwrap();
    let overlay = state["overlay"].as_str().unwrap();

    // The terminal and the page say the same thing in the same words.
    server.wait_for_line("Changed: datasets/budget/index.md");
    let stderr = server.wait_for_stderr(
        "error: the portal has 1 error: the preview still shows the last version that built\n",
    );
    let error = "error: expected a text here\n --> datasets/budget/index.md:2:8\n  |\n2 | title: [Budget\n  |        ^\n";
    assert!(stderr.contains(&format!("{error}\n")), "{stderr}");
    let escaped = error
        .trim_end()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    assert!(
        overlay.contains(&format!("<pre>{escaped}</pre>")),
        "{overlay}\n---\n{escaped}"
    );
    assert!(overlay.contains("La dernière modification n&#39;a pas pu être construite : 1 erreur"));

    // Every page, of any kind, shows the panel over the last good site.
    for path in ["/", "/datasets/budget/", "/pages/a-propos/", "/nulle-part"] {
        let page = server.get(path);
        assert!(
            page.body.contains(&format!("<pre>{escaped}</pre>")),
            "{path}"
        );
        assert!(page.body.contains("id=\"ouvert-overlay\""), "{path}");
    }
    let page = server.get("/datasets/budget/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Le budget."), "the last good site");
    assert_eq!(generation(&page.body), state["generation"].to_string());

    write(
        &fixture,
        BUDGET,
        "---\ntitle: Budget réparé\nresources:\n  - path: budget.csv\n---\n\nLe budget.\n",
    );
    let recovered = events.next();
    assert_eq!(recovered.name, "reload");
    let page = server.get("/datasets/budget/");
    assert!(page.body.contains("Budget réparé"));
    assert!(!page.body.contains("ouvert-overlay\""), "the panel is gone");
    assert!(!server.get("/").body.contains("ouvert-overlay\""));
}

#[test]
fn a_portal_that_never_built_shows_its_errors_then_the_site_once_fixed() {
    let fixture = Fixture::new().file(
        BUDGET,
        "---\ntitle: Budget\nlicence: pas-une-licence\n---\n",
    );
    let mut server = Server::start(&fixture.portal(), &[]);
    let page = server.get("/");
    assert_eq!(page.status, 500);
    assert!(
        page.body
            .contains("<h1>Le portail n'a pas pu être construit</h1>")
    );
    assert!(page.body.contains("id=\"ouvert-overlay\""));
    assert!(page.body.contains("pas-une-licence"));
    server.wait_for_stderr(
        "error: the portal has 1 error: there is nothing to preview until they are fixed\n",
    );

    let mut events = server.events();
    assert_eq!(events.next().name, "failed");
    write(&fixture, BUDGET, "---\ntitle: Budget\n---\n\nLe budget.\n");
    assert_eq!(events.next().name, "reload");
    let page = server.get("/datasets/budget/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Le budget."));
    server.wait_for_line("Built ");
}

#[test]
fn addresses_outside_the_site_are_refused() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture.portal(), &[]);
    for path in [
        "/../ouvert.toml",
        "/../../../../etc/passwd",
        "/datasets/../../ouvert.toml",
        "/%2e%2e/ouvert.toml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/datasets/..%2f..%2fouvert.toml",
        "/datasets/budget/..%5c..%5c..%5couvert.toml",
        "//etc/passwd",
        "/.%2e/ouvert.toml",
        "/index.html%00.csv",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 400, "{path}");
        assert_eq!(
            response.body,
            "bad request: this address points outside the site\n"
        );
    }
    // Files of the portal folder that the site does not publish.
    for path in [
        "/ouvert.toml",
        "/datasets/budget/index.md",
        "/.ouvert-cache/index.json",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("licence = "), "{path}");
    }
    // An absolute address in the request line is read as its path only.
    let response = server.get("http://elsewhere.example/../../etc/passwd");
    assert!((400..500).contains(&response.status), "{}", response.status);
    assert!(!response.body.contains("root:"));

    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let response = request(server.address, method, "/");
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"));
    }
    let head = request(server.address, "HEAD", "/datasets/budget/budget.csv");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("text/csv"));
    assert_eq!(head.header("content-length"), Some("24"));
    assert_eq!(head.body, "");
    let data = server.get("/datasets/budget/budget.csv");
    assert_eq!(data.body, "annee,montant\n2026,12.5\n");

    let folder = server.get("/datasets/budget");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), Some("budget/"));
    let missing = server.get("/nulle-part/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("ouvert-overlay") || missing.body.contains("__ouvert/live.js"));
}

#[test]
fn listens_on_loopback_only_by_default() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture.portal(), &[]);
    assert_eq!(server.address.ip().to_string(), "127.0.0.1");
    assert!(server.printed[0].starts_with(&format!(
        "Serving {} at http://127.0.0.1:",
        fixture.portal().display()
    )));
    // The kernel's own table: the socket is bound to 127.0.0.1, not to
    // every interface.
    #[cfg(target_os = "linux")]
    {
        let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
        let port = format!("{:04X}", server.address.port());
        let listening: Vec<&str> = table
            .lines()
            .skip(1)
            .filter_map(|line| line.split_whitespace().nth(1))
            .filter(|local| local.ends_with(&format!(":{port}")))
            .collect();
        assert_eq!(listening, [format!("0100007F:{port}")]);
        let table6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
        assert!(!table6.contains(&format!(":{port} ")), "not on IPv6 either");
    }
    // And from another address of this machine, when it has one.
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr());
    if let Ok(outward) = outward
        && !outward.ip().is_loopback()
        && !outward.ip().is_unspecified()
    {
        let address = SocketAddr::new(outward.ip(), server.address.port());
        assert!(
            TcpStream::connect_timeout(&address, Duration::from_secs(2)).is_err(),
            "reachable at {address}"
        );
    }
}

#[test]
fn a_busy_port_is_named_with_a_free_one_to_try() {
    let fixture = Fixture::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let run: common::Run = ouvert()
        .arg("serve")
        .arg(fixture.portal())
        .args(["--port", &port.to_string()])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    let prefix = format!(
        "error: port {port} is already in use on 127.0.0.1 (by another `ouvert serve`, or another program); try `--port "
    );
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(run.stderr.ends_with("`, which is free\n"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn a_folder_that_is_not_a_portal_is_refused() {
    let fixture = Fixture::empty().file("notes/a.md", "x");
    let run: common::Run = ouvert()
        .arg("serve")
        .arg(fixture.path("notes"))
        .args(["--port", "0"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("ouvert.toml"), "{}", run.stderr);
}

#[test]
fn folders_created_later_and_polling_are_watched() {
    let fixture = Fixture::new();
    let mut server = Server::start(&fixture.portal(), &["--poll"]);
    assert!(
        server
            .printed
            .iter()
            .any(|l| l.ends_with("(looking at every file every 0.5 s)"))
    );
    let mut events = server.events();
    assert_eq!(events.next().name, "reload");
    std::fs::create_dir(fixture.path("portal/pages")).unwrap();
    write(
        &fixture,
        "portal/pages/contact.md",
        "---\ntitle: Contact\n---\n\nÉcrivez-nous.\n",
    );
    loop {
        assert_eq!(events.next().name, "reload");
        if server.get("/pages/contact/").status == 200 {
            break;
        }
    }
    assert!(server.get("/pages/contact/").body.contains("Écrivez-nous."));
    server.wait_for_line("Changed: pages");
}

#[test]
fn a_new_top_level_folder_is_watched_natively_too() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture.portal(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().name, "reload");
    std::fs::create_dir(fixture.path("portal/pages")).unwrap();
    // Written after the folder is watched: seen only if it is.
    std::thread::sleep(Duration::from_millis(300));
    write(
        &fixture,
        "portal/pages/contact.md",
        "---\ntitle: Contact\n---\n\nÉcrivez-nous.\n",
    );
    let deadline = Instant::now() + PATIENCE;
    while server.get("/pages/contact/").status != 200 {
        assert!(Instant::now() < deadline, "pages/contact.md never showed");
        assert_eq!(events.next().name, "reload");
    }
}

#[test]
fn editing_a_description_does_not_read_the_data_files_again() {
    let fixture = Fixture::new();
    let server = Server::start(&fixture.portal(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().name, "reload");
    assert!(server.get("/datasets/budget/").body.contains("12.5"));
    // Same size, same time: the profile cache trusts its record of the
    // file rather than reading it. If the rebuild read the file, the page
    // would show 99.5.
    let csv = fixture.path("portal/datasets/budget/budget.csv");
    let modified = std::fs::metadata(&csv).unwrap().modified().unwrap();
    std::fs::write(&csv, "annee,montant\n2026,99.5\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&csv)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    // The CSV's own events may rebuild once: wait until they are through.
    std::thread::sleep(Duration::from_millis(500));
    write(
        &fixture,
        BUDGET,
        "---\ntitle: Budget\nresources:\n  - path: budget.csv\n    title: Budget 2026\n---\n\nLe budget, mis à jour.\n",
    );
    let deadline = Instant::now() + PATIENCE;
    loop {
        assert!(Instant::now() < deadline);
        assert_eq!(events.next().name, "reload");
        let page = server.get("/datasets/budget/");
        if page.body.contains("mis à jour") {
            assert!(
                page.body.contains("12.5"),
                "the profile came from the cache"
            );
            assert!(!page.body.contains("99.5"));
            break;
        }
    }
}

#[test]
fn files_only_the_complete_build_writes_follow_each_edit() {
    let fixture = Fixture::new();
    let mut server = Server::start(&fixture.portal(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().name, "reload");
    assert!(
        server
            .get("/api/datasets/budget.json")
            .body
            .contains("\"title\": \"Budget\"")
    );

    write(
        &fixture,
        BUDGET,
        "---\ntitle: Budget primitif\nresources:\n  - path: budget.csv\n---\n\nLe budget.\n",
    );
    assert_eq!(events.next().name, "reload");
    // Asked for at once, before the complete site is likely done: the
    // answer waits for it rather than giving the old file or a 404.
    let api = server.get("/api/datasets/budget.json");
    assert_eq!(api.status, 200);
    assert!(
        api.body.contains("\"title\": \"Budget primitif\""),
        "{}",
        api.body
    );
    let catalog = server.get("/api/catalog.json");
    assert!(catalog.body.contains("Budget primitif"));
    let missing = server.get("/nulle-part");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Portail de test"),
        "the site's own 404 page"
    );
    let built = server.wait_for_line("Built ");
    assert!(built.contains(" ms (pages reloaded after "), "{built}");
}

#[test]
fn a_template_that_fails_on_render_shows_its_error_over_every_page() {
    let fixture = Fixture::new().file(
        "portal/pages/a-propos.md",
        "---\ntitle: À propos\n---\n\nQui nous sommes.\n",
    );
    let server = Server::start(&fixture.portal(), &[]);
    let mut events = server.events();
    assert_eq!(events.next().name, "reload");

    // Reading the portal does not render templates: the page asked for
    // shows the error at once, every page once the complete build found it.
    std::fs::create_dir_all(fixture.path("portal/templates")).unwrap();
    write(
        &fixture,
        "portal/templates/page.html",
        "<p>{{ nowhere.name }}</p>\n",
    );
    assert_eq!(events.next().name, "reload");
    let page = server.get("/pages/a-propos/");
    assert_eq!(page.status, 500);
    let error = "error: template error: undefined value: `nowhere` is undefined\n --> templates/page.html:1:7\n  |\n1 | <p>{{ nowhere.name }}</p>\n  |       ^\n";
    let escaped = error
        .trim_end()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        page.body
            .contains("<h1>Cette page n'a pas pu être construite</h1>")
    );
    assert!(
        page.body.contains(&format!("<pre>{escaped}</pre>")),
        "{}",
        page.body
    );

    let failed = events.next();
    assert_eq!(failed.name, "failed");
    assert!(
        failed.data.contains("`nowhere` is undefined"),
        "{}",
        failed.data
    );
    server.wait_for_stderr(
        "error: the portal has 1 error: the preview still shows the last version that built\n",
    );
    assert!(server.stderr().contains(error), "{}", server.stderr());
    // The last good site, under the panel.
    let page = server.get("/pages/a-propos/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Qui nous sommes."));
    assert!(page.body.contains(&format!("<pre>{escaped}</pre>")));
    assert!(server.get("/").body.contains("id=\"ouvert-overlay\""));

    std::fs::remove_file(fixture.path("portal/templates/page.html")).unwrap();
    assert_eq!(events.next().name, "reload");
    let page = server.get("/pages/a-propos/");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("ouvert-overlay\""));
}
