// Browser tests of the maps' pan and zoom (themes/default/static/map.js):
// `node tests/browser/maps.mjs SITE` serves a built example portal and
// drives Debian's chromium (CHROMIUM to use another) headless.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve, checks, CHROMIUM } from "./serve.mjs";

const site = process.argv[2];
const PAGE = "datasets/equipements-publics/";
if (!site || !fs.existsSync(path.join(site, PAGE, "index.html"))) {
  console.error("usage: node tests/browser/maps.mjs SITE (a built example portal)");
  process.exit(2);
}
const checking = checks();
const check = checking.check;
const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
const viewBox = (page) =>
  page.locator("figure.map-figure svg.map").first().evaluate((svg) => svg.viewBox.baseVal.width);

try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url + PAGE);
  const figure = page.locator("figure.map-figure").first();
  const whole = await viewBox(page);

  await check("the buttons zoom in, out and back to the whole map", async () => {
    await figure.getByRole("button", { name: "Zoomer", exact: true }).click();
    assert.equal(await viewBox(page), whole / 2);
    await figure.getByRole("button", { name: "Zoomer", exact: true }).click();
    assert.equal(await viewBox(page), whole / 4);
    await figure.getByRole("button", { name: "Dézoomer" }).click();
    assert.equal(await viewBox(page), whole / 2);
    await figure.getByRole("button", { name: "Vue d'ensemble" }).click();
    assert.equal(await viewBox(page), whole);
  });

  await check("the keyboard pans and zooms the focused map", async () => {
    const svg = figure.locator("svg.map");
    await svg.focus();
    await page.keyboard.press("+");
    assert.equal(await viewBox(page), whole / 2);
    const x = () => svg.evaluate((s) => s.viewBox.baseVal.x);
    const before = await x();
    await page.keyboard.press("ArrowRight");
    assert.ok((await x()) > before);
    await page.keyboard.press("0");
    assert.equal(await viewBox(page), whole);
  });

  await check("a click on a point names it", async () => {
    const labels = JSON.parse(await figure.locator("script.map-labels").textContent());
    assert.ok(labels.length > 0);
    const [x, y, name] = labels[0];
    const box = await figure.locator("svg.map").boundingBox();
    await page.mouse.click(box.x + (x / whole) * box.width, box.y + (y / whole) * box.width);
    assert.equal(await figure.locator(".map-details").textContent(), name);
  });

  await check("the page has no script error", async () => {
    assert.deepEqual(errors, []);
  });

  await check("without JavaScript the map is drawn without controls", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(server.url + PAGE);
    assert.ok(await plain.locator("figure.map-figure svg.map").first().isVisible());
    assert.equal(await plain.locator(".map-controls").count(), 0);
    await context.close();
  });
} finally {
  await browser.close();
  await server.close();
}

checking.finish("all map browser tests passed");
