// The screenshots of docs/images/, taken from a built example portal:
// `node tests/browser/screenshots.mjs SITE docs/images`.
import path from "node:path";
import { chromium } from "playwright-core";
import { serve, CHROMIUM } from "./serve.mjs";

const [site, folder] = process.argv.slice(2);
if (!site || !folder) {
  console.error("usage: node tests/browser/screenshots.mjs SITE FOLDER");
  process.exit(2);
}
const SHOTS = [
  // A map: the public equipment of the example commune, over its outline.
  { page: "datasets/equipements-publics/", element: "figure.map-figure", file: "map.png" },
  // Charts declared in front matter: bars and proportions of the social
  // aid figures, a line of the library's monthly loans.
  { page: "datasets/aides-sociales-facultatives/", element: "figure.figure-block", nth: 0, file: "chart-bars.png" },
  { page: "datasets/aides-sociales-facultatives/", element: "figure.figure-block", nth: 1, file: "chart-proportions.png" },
  { page: "datasets/frequentation-mediatheque/", element: "figure.figure-block", file: "chart-line.png" },
];
const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
const page = await browser.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
for (const shot of SHOTS) {
  await page.goto(server.url + shot.page);
  await page.locator(shot.element).nth(shot.nth ?? 0).screenshot({ path: path.join(folder, shot.file) });
  console.log(path.join(folder, shot.file));
}
await browser.close();
await server.close();
