// Browser tests of the search page: `node tests/browser/search.mjs SITE`
// serves a built example portal and drives Debian's chromium (CHROMIUM to
// use another) headless with playwright-core. Also checks that the
// script's folding and stemming agree with tests/fixtures/stemming.tsv,
// as the Rust side does.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve, checks, CHROMIUM } from "./serve.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "search/index.html"))) {
  console.error("usage: node tests/browser/search.mjs SITE (a built example portal)");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const checking = checks();
const check = checking.check;

await check("the script stems as the shared fixture says", async () => {
  const context = { TextEncoder };
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(site, "assets/search.js"), "utf8"), context);
  const { fold, stem } = context.OuvertSearch;
  const fixture = fs.readFileSync(path.join(here, "../fixtures/stemming.tsv"), "utf8");
  let n = 0;
  for (const line of fixture.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [word, lang, expected] = line.split("\t");
    assert.equal(stem(fold(word), lang), expected, line);
    n++;
  }
  assert.ok(n > 20);
});

const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
// The test drives the page with evaluated code, which the pages' own
// Content-Security-Policy forbids to anything but the portal's scripts.
const page = await browser.newPage({ bypassCSP: true });
const url = server.url + "search/index.html";

const state = () => page.locator("#search").getAttribute("data-state");
async function open(query = "") {
  await page.goto(url + query);
  await page.waitForFunction(() => ["idle", "done"].includes(document.getElementById("search").dataset.state));
}
// Types like a reader and waits for the results of the last key.
async function type(text) {
  await page.fill("#search-input", "");
  await page.locator("#search-input").pressSequentially(text);
  await settle();
}
async function settle() {
  // Done, and the (deferred) announcement caught up with the results.
  await page.waitForFunction(() => {
    const app = document.getElementById("search");
    const status = document.getElementById("search-status");
    return ["idle", "done"].includes(app.dataset.state) && status.textContent === status.dataset.text;
  });
}
const titles = () => page.locator("#search-results h3").allTextContents();

try {
  await check("a query without accents finds accented words (etablissement)", async () => {
    await open();
    await type("etablissement");
    assert.ok((await titles()).includes("Équipements publics de Clairval"), String(await titles()));
  });

  await check("accents and capitals are ignored, plurals stemmed", async () => {
    await type("ÉQUIPEMENT");
    assert.equal((await titles())[0], "Équipements publics de Clairval");
    await type("bibliotheques ");
    assert.ok((await titles()).some((t) => /médiathèque/i.test(t)), String(await titles()));
  });

  await check("the word being typed matches as a prefix", async () => {
    await type("subv");
    assert.match((await titles())[0], /Subventions/);
    await type("station");
    assert.match((await titles())[0], /stationnement|parkings/i);
  });

  await check("several words must all match", async () => {
    await type("budget 2026");
    const found = await titles();
    assert.equal(found[0], "Budget primitif 2026");
    await type("budget menus ");
    assert.deepEqual(await titles(), []);
  });

  await check("the live region announces the count", async () => {
    await type("budget");
    await page.waitForTimeout(400);
    const n = await page.locator("#search-results li").count();
    const text = await page.locator("#search-status").textContent();
    assert.match(text, new RegExp(`^${n} jeux? de données trouvés?$`));
    assert.equal(await page.locator("#search-status").getAttribute("aria-live"), "polite");
  });

  await check("facet filters: counts, AND across facets, OR within", async () => {
    await open();
    const educ = page.locator("#f-theme-educ");
    const label = await page.locator('label[for="f-theme-educ"] .count').textContent();
    const expected = Number(label.replace(/\D/g, ""));
    await educ.check();
    await settle();
    assert.equal(await page.locator("#search-results li").count(), expected);
    const gove = Number((await page.locator('label[for="f-theme-gove"] .count').textContent()).replace(/\D/g, ""));
    assert.ok(gove > 0);
    await page.locator("#f-theme-gove").check();
    await settle();
    const both = await page.locator("#search-results li").count();
    assert.ok(both > expected, "OR within a facet widens");
    // A second facet narrows (AND); its counts are within the first's.
    const box = page.locator('#search-facets input[name="format"]').first();
    const n = Number((await page.locator(`label[for="${await box.getAttribute("id")}"] .count`).textContent()).replace(/\D/g, ""));
    await box.check();
    await settle();
    assert.equal(await page.locator("#search-results li").count(), n);
    assert.ok(n <= both);
  });

  await check("the address reflects the query and filters, and restores them", async () => {
    await open();
    await type("budget");
    await page.locator("#f-theme-econ").check();
    await settle();
    const search = new URL(page.url()).searchParams;
    assert.equal(search.get("q"), "budget");
    assert.deepEqual(search.getAll("theme"), ["econ"]);
    const before = await titles();
    await page.reload();
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    assert.equal(await page.inputValue("#search-input"), "budget");
    assert.ok(await page.locator("#f-theme-econ").isChecked());
    assert.deepEqual(await titles(), before);
  });

  await check("keyboard only: Tab to the box, type, Tab to a filter, Space, Enter, Escape", async () => {
    await open();
    let focused = "";
    for (let i = 0; i < 30 && focused !== "search-input"; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement.id);
    }
    assert.equal(focused, "search-input");
    await page.keyboard.type("culture");
    await settle();
    assert.ok((await titles()).length > 0);
    await page.keyboard.press("Tab");
    const box = await page.evaluate(() => ({ type: document.activeElement.type, id: document.activeElement.id }));
    assert.equal(box.type, "checkbox");
    await page.keyboard.press("Space");
    await settle();
    assert.ok(await page.locator("#" + box.id).isChecked());
    assert.ok(page.url().includes(box.id.split("-")[1] + "="));
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
    assert.ok((await titles()).length > 0, "results after the filter " + box.id + " " + page.url() + " " + (await page.locator("#search-status").textContent()));
    await page.keyboard.press("Enter");
    const active = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80));
    assert.ok(active.startsWith("<a "), active);
    await page.focus("#search-input");
    await page.keyboard.press("Escape");
    await settle();
    assert.equal(await page.inputValue("#search-input"), "");
    assert.equal(new URL(page.url()).searchParams.get("q"), null);
  });

  await check("the header's search box leads to the search page with the query", async () => {
    await page.goto(server.url + "index.html");
    await page.fill("#header-search-input", "menus");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\/index\.html\?q=menus/);
    await page.waitForFunction(() => document.getElementById("search").dataset.state === "done");
    assert.match((await titles())[0], /[Mm]enus/);
  });

  await check("without JavaScript the search page links to the catalog", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(url + "?q=budget");
    assert.ok(await plain.locator("#search-fallback").isVisible());
    assert.ok(!(await plain.locator("#search").isVisible()));
    assert.ok(await plain.locator('#search-fallback a[href="../catalog/index.html"]').isVisible());
    await context.close();
  });
} finally {
  await browser.close();
  await server.close();
}

checking.finish("all browser tests passed");
