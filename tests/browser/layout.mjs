// Browser tests of the default theme on every page type of a built example
// portal: `node tests/browser/layout.mjs SITE`. What the axe-core and Nu
// Html Checker runs of .ci/run do not cover:
// - reflow (WCAG 1.4.10): at 320 CSS pixels wide, no page scrolls sideways
//   (wide tables and code scroll inside their own focusable region);
// - dark mode: axe-core's WCAG 2.1 A and AA rules, contrast included, with
//   the reader's preference for a dark scheme;
// - without JavaScript: every page still shows its heading and content.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, checks, CHROMIUM } from "./serve.mjs";

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, "index.html"))) {
  console.error("usage: node tests/browser/layout.mjs SITE (a built example portal)");
  process.exit(2);
}
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// One page of each template, the richest of its kind.
const PAGES = [
  "",
  "catalog/",
  "catalog/keyword/",
  "catalog/keyword/budget/",
  "datasets/equipements-publics/",
  "datasets/frequentation-mediatheque/",
  "datasets/points-apport-volontaire/",
  // Bars and proportions declared in front matter.
  "datasets/aides-sociales-facultatives/",
  "organizations/",
  "organizations/commune-de-clairval/",
  "themes/",
  "themes/econ/",
  "schemas/",
  "schemas/scdl/subventions/2.1.1/",
  "usages/",
  "quality/",
  "accessibility/",
  "search/",
  "pages/a-propos/",
  "404.html",
];

const checking = checks();
const check = checking.check;

const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });

// axe-core is injected as an inline script, which the pages' own
// Content-Security-Policy forbids to anything but the portal's scripts.
const narrow = await browser.newPage({ viewport: { width: 320, height: 640 }, bypassCSP: true });
for (const page of PAGES) {
  await check(`${page || "home"}: nothing scrolls sideways at 320 px`, async () => {
    await narrow.goto(server.url + page);
    const widths = await narrow.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      // The widest element that is not inside a scrolling region, to say
      // what overflows.
      culprit: [...document.querySelectorAll("body *")]
        .filter((e) => !e.closest("[role=region], .visually-hidden"))
        .map((e) => ({ tag: e.tagName + (e.className ? "." + e.className : ""), right: e.getBoundingClientRect().right }))
        .sort((a, b) => b.right - a.right)[0],
    }));
    assert.ok(widths.page <= 320, `the page is ${widths.page} px wide; widest: ${JSON.stringify(widths.culprit)}`);
  });
}

const dark = await browser.newPage({ colorScheme: "dark", bypassCSP: true });
for (const page of PAGES) {
  await check(`${page || "home"}: no axe-core violation in dark mode`, async () => {
    await dark.goto(server.url + page);
    await dark.addScriptTag({ content: axeSource });
    const violations = await dark.evaluate(async () => {
      const result = await axe.run(document, {
        resultTypes: ["violations"],
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    assert.deepEqual(violations, []);
  });
}

const context = await browser.newContext({ javaScriptEnabled: false });
const noScript = await context.newPage();
for (const page of PAGES) {
  await check(`${page || "home"}: reads without JavaScript`, async () => {
    await noScript.goto(server.url + page);
    const heading = await noScript.locator("main h1").first().textContent();
    assert.ok(heading && heading.trim().length > 0, "no heading");
    assert.ok(await noScript.locator("main").isVisible());
  });
}

await browser.close();
await server.close();
checking.finish(`all ${PAGES.length * 3} checks passed`);
process.exit(0);
