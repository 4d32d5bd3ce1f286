// Search benchmark: `node benches/search.mjs SITE` serves a built portal
// (no compression) and, in headless chromium, measures
//   (a) the time from a query entered to its results in the page, for the
//       first query of a fresh page (index shards and result records not
//       yet fetched) and for each key while typing it;
//   (b) the bytes transferred from loading search/index.html through the
//       results of the first query, typed key by key.
// Needs `npm ci` in tests/browser (playwright-core). See benches/README.md.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const { serve, CHROMIUM } = await import("../tests/browser/serve.mjs");

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "search/meta.json"))) {
  console.error("usage: node benches/search.mjs SITE (a built portal)");
  process.exit(2);
}
const QUERIES = (process.env.QUERIES ||
  "budget,etablissement scolaire,dechets,aides sociales,transport,subv,ecoles,stationnement,eau potable,velo,commune,collecte").split(",");

const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
const url = server.url + "search/index.html";

async function fresh() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("search").dataset.state === "idle");
  // Nobody types in the first instant: let the page's first layout and
  // paint (hundreds of filter boxes) finish, as they would before a key.
  await page.waitForTimeout(300);
  return { context, page };
}

// Sets the box to `text` as a key press would, and returns the ms until
// the results are in the page and painted.
function enter(page, text) {
  return page.evaluate((text) => new Promise((resolve) => {
    const app = document.getElementById("search");
    const input = document.getElementById("search-input");
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (app.dataset.state === "done" || app.dataset.state === "idle") {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    observer.observe(app, { attributes: true, attributeFilter: ["data-state"] });
    input.value = text;
    input.dispatchEvent(new Event("input"));
  }), text);
}

const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5).toFixed(1), p90: at(0.9).toFixed(1), max: sorted[sorted.length - 1].toFixed(1) };
};

// (b) transfer: page load and the first query typed key by key, for each
// query in a fresh page (the first query is the one in the breakdown).
const transfers = [];
for (const query of QUERIES) {
  server.log.length = 0;
  const { context, page } = await fresh();
  for (let i = 1; i <= query.length; i++) await enter(page, query.slice(0, i));
  const results = await page.locator("#search-results li").count();
  const bytes = server.log.reduce((sum, r) => sum + r.bytes, 0);
  transfers.push(bytes / 1024);
  if (transfers.length === 1) {
    const byKind = {};
    for (const r of server.log) {
      const kind = r.path.startsWith("/search/terms/") ? "term shards" : r.path.startsWith("/search/docs/") ? "result records" : r.path;
      byKind[kind] = (byKind[kind] || 0) + r.bytes;
    }
    console.log(`first query "${query}" typed key by key: ${results} results shown, ${server.log.length} requests, ${(bytes / 1024).toFixed(1)} KiB transferred (uncompressed)`);
    for (const [kind, n] of Object.entries(byKind)) console.log(`  ${kind}: ${(n / 1024).toFixed(1)} KiB`);
  }
  if (process.env.VERBOSE) console.log(`  ${query}: ${(bytes / 1024).toFixed(1)} KiB, ${results} results shown`);
  await context.close();
}
console.log(`page load + first query, KiB, over ${transfers.length} queries:`, stats(transfers));

// (a) latency.
const cold = [];
const keys = [];
for (const query of QUERIES) {
  const { context, page } = await fresh();
  cold.push(await enter(page, query));
  if (process.env.VERBOSE) console.log(`  ${query}: ${cold[cold.length - 1].toFixed(1)} ms`);
  await context.close();
  const typing = await fresh();
  for (let i = 1; i <= query.length; i++) keys.push(await enter(typing.page, query.slice(0, i)));
  await typing.context.close();
}
console.log(`first query of a fresh page (${cold.length} queries), ms:`, stats(cold));
console.log(`each key while typing (${keys.length} keys), ms:`, stats(keys));

await browser.close();
await server.close();
