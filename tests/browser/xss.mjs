// Hostile content in every kind of field cannot run script or reach
// another host: `node tests/browser/xss.mjs OUVERT` (the binary) writes a
// portal whose every text — settings, front matter, Markdown, column
// names, cell values, file names, schema descriptions, map names, chart
// titles — carries payloads, builds it twice (Markdown HTML escaped, then
// kept and sanitised with `[markdown] raw_html`), opens every page in
// headless chromium and fails if a dialog opens, a payload's marker lands
// in the DOM as an element or attribute, or a request leaves for another
// host.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve, checks, CHROMIUM } from "./serve.mjs";

const ouvert = process.argv[2];
if (!ouvert || !fs.existsSync(ouvert)) {
  console.error("usage: node tests/browser/xss.mjs OUVERT (the ouvert binary)");
  process.exit(2);
}

// Each payload, tagged with where it was put, so a failure names the field.
const payloads = (field) => [
  `<script>alert("${field}")</script>`,
  `"><img src=x onerror=alert("${field}")>`,
  `'><svg onload=alert("${field}")>`,
  `</script><script>alert("${field}")</script>`,
  `<img src="https://evil.example/${field}.png">`,
  `javascript:alert("${field}")`,
  `{{ "${field}" }}`,
];
const all = (field) => payloads(field).join(" ");
// YAML double-quoted string.
const yq = (text) => JSON.stringify(text);

function writePortal(root, rawHtml) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write("ouvert.toml", `title = ${yq("Portail " + all("site-title"))}
tagline = ${yq(all("tagline"))}
base_url = "https://donnees.test.example/"
licence = "etalab-2.0"
contact = "donnees@test.example"

[authority]
name = ${yq("Commune " + all("authority"))}
kind = "commune"

[theme]
footer_links = [{ title = ${yq(all("footer-label"))}, url = "https://www.test.example/" }]

[markdown]
raw_html = ${rawHtml}
`);
  const markdown = (field) => `## Titre ${all(field + "-heading")}

Texte ${all(field + "-text")}

<div onclick="alert('${field}-div')"><script>alert("${field}-block")</script></div>

[lien](javascript:alert("${field}-link")) [données](data:text/html,<script>alert("${field}-data")</script>)
[vbscript](vbscript:msgbox("${field}")) <a href="javascript:alert('${field}-a')">a</a>

![image distante](https://evil.example/${field}-md.png)

<iframe src="https://evil.example/${field}-frame"></iframe>
<style>body { background: url(https://evil.example/${field}-css.png) }</style>
`;
  const csvName = `données "x" <b onmouseover=alert(1)>.csv`;
  write("datasets/hostile/index.md", `---
title: ${yq("Jeu " + all("dataset-title"))}
summary: ${yq(all("summary"))}
keywords: [${yq(all("keyword"))}, budget]
themes: [ECON]
contact:
  name: ${yq(all("contact-name"))}
  email: contact@test.example
licence: etalab-2.0
frequency: ANNUAL
spatial: ${yq(all("spatial"))}
modified: 2026-01-01
resources:
  - path: ${yq(csvName)}
    title: ${yq(all("resource-title"))}
    description: ${yq(all("resource-description"))}
    schema: schemas/hostile.json
    charts:
      - kind: bars
        x: ${yq(all("column"))}
        title: ${yq(all("chart-title"))}
  - path: lieux.geojson
    title: Lieux
  - url: ${yq('https://www.test.example/"><script>alert("resource-url")</script>')}
    title: Lien
why:
  ${yq(all("column"))}: ${yq(all("why"))}
usage:
  purpose: ${yq(all("purpose"))}
  decisions: [${yq(all("decision"))}]
  legal_basis: ${yq(all("legal-basis"))}
  collected_by: ${yq(all("collected-by"))}
  personal_data: none
  retention: ${yq(all("retention"))}
---

${markdown("dataset")}
`);
  const rows = [
    `${all("column").replaceAll('"', '""').replace(/^/, '"').concat('"')},montant`,
    ...payloads("cell").map((p, i) => `"${p.replaceAll('"', '""')}",${i}`),
  ];
  write(`datasets/hostile/${csvName}`, rows.join("\n") + "\n");
  write("datasets/hostile/lieux.geojson", JSON.stringify({
    type: "FeatureCollection",
    features: payloads("map-name").map((p, i) => ({
      type: "Feature",
      properties: { nom: p, [all("property")]: p },
      geometry: { type: "Point", coordinates: [-1.68 + i * 0.01, 48.11] },
    })),
  }));
  write("schemas/hostile.json", JSON.stringify({
    title: all("schema-title"),
    description: all("schema-description"),
    fields: [
      { name: all("column"), title: all("field-title"), description: all("field-description"), type: "string" },
      { name: "montant", type: "integer", description: "[lien](javascript:alert('field-link'))" },
    ],
  }));
  write("organizations/hostile.md", `---
title: ${yq("Organisation " + all("organization-title"))}
website: https://www.test.example/
email: orga@test.example
---

${markdown("organization")}
`);
  write("pages/hostile.md", `---
title: ${yq("Page " + all("page-title"))}
summary: ${yq(all("page-summary"))}
menu: main
---

${markdown("page")}
`);
}

const checking = checks();
const check = checking.check;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
try {
  for (const rawHtml of [false, true]) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ouvert-xss-"));
    writePortal(path.join(root, "portal"), rawHtml);
    const site = path.join(root, "site");
    execFileSync(ouvert, ["build", path.join(root, "portal"), "--out", site], { stdio: "inherit" });
    const pages = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".html")) pages.push(path.relative(site, full));
      }
    };
    walk(site);
    const server = await serve(site);
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs = [];
    const foreign = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.host !== new URL(server.url).host) {
        foreign.push(`${page.url()} → ${url.href}`);
        return route.abort();
      }
      return route.continue();
    });
    await check(`raw_html = ${rawHtml}: ${pages.length} pages built from hostile content`, async () => {
      assert.ok(pages.length > 20, pages.join(", "));
      assert.ok(pages.includes("datasets/hostile/index.html"));
    });
    for (const file of pages) {
      await page.goto(server.url + file.replaceAll(path.sep, "/"));
      await page.waitForLoadState("load");
      // Hover and click every payload-shaped element that may exist, so
      // that handlers, had any survived, would fire.
      const planted = await page.evaluate(() => {
        const found = [];
        for (const element of document.querySelectorAll("*")) {
          for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.toLowerCase();
            if (name.startsWith("on")) found.push(`${element.tagName} ${name}`);
            if ((name === "href" || name === "src" || name === "action") &&
                /^\s*(javascript|data|vbscript):/.test(value)) {
              found.push(`${element.tagName} ${name}=${value}`);
            }
          }
          if (["SCRIPT", "IFRAME", "STYLE", "OBJECT", "EMBED"].includes(element.tagName)) {
            const src = element.getAttribute("src") || "";
            const type = element.getAttribute("type") || "";
            const data = type === "application/ld+json" || type === "application/json";
            const own = element.tagName === "SCRIPT" && !data && /assets\/(search|map)\.js$/.test(src);
            if (!data && !own) found.push(`${element.tagName} ${src}`);
          }
        }
        return found;
      });
      await check(`raw_html = ${rawHtml}: ${file} has no planted element or handler`, async () => {
        assert.deepEqual(planted, []);
      });
    }
    await check(`raw_html = ${rawHtml}: no dialog opened`, async () => {
      assert.deepEqual(dialogs, []);
    });
    await check(`raw_html = ${rawHtml}: no request left for another host`, async () => {
      assert.deepEqual(foreign, []);
    });
    await context.close();
    await server.close();
    if (!process.env.KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}

checking.finish("no payload ran");
