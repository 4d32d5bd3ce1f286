// A tiny static HTTP server for a built site, for the browser tests and the
// search benchmark: no compression (the benchmark counts bytes as if the
// host had none), and a log of every response's size.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
};

export function serve(root) {
  const log = [];
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let file = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (file.endsWith("/")) file += "index.html";
    const full = path.join(base, path.normalize(file));
    if (!full.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(full, (err, body) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      log.push({ path: file, bytes: body.length });
      res.writeHead(200, {
        "content-type": TYPES[path.extname(full)] || "application/octet-stream",
        "content-length": body.length,
        // Every request reaches the server, so the log counts every byte.
        "cache-control": "no-store",
      });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        log,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// Named checks, each printed as `ok - name` or `not ok - name` and its
// error, so that one failure does not hide the others.
export function checks() {
  const state = { failures: 0 };
  state.check = async (name, body) => {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (e) {
      state.failures++;
      console.log(`not ok - ${name}\n  ${String(e.stack || e).split("\n").join("\n  ")}`);
    }
  };
  // Ends the run: the failures and exit code 1, or `passed`.
  state.finish = (passed) => {
    if (state.failures) {
      console.log(`${state.failures} failed`);
      process.exit(1);
    }
    console.log(passed);
  };
  return state;
}
