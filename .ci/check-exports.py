#!/usr/bin/env python3
"""Checks the harvesting exports of a built site with independent readers.

    check-exports.py SITE_FOLDER

- feed.atom parses with feedparser without any error (bozo == 0), its
  entries have an absolute id, a title, a date and a link, newest first;
- sitemap.xml is well-formed XML in the sitemaps.org namespace and lists
  exactly the HTML files of the folder, except 404.html (served for
  missing addresses, not a page to index);
- robots.txt allows everything and names the sitemap, by the absolute
  address the sitemap's own entries start with;
- every dataset page has one schema.org Dataset in JSON-LD that parses,
  and no JSON-LD block anywhere fails to parse.

A site built without base_url has no feed.atom and no sitemap.xml: then
robots.txt must not name a sitemap.

Needs feedparser (pip install feedparser). Exits 1 listing every problem,
2 on wrong usage.
"""

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_INDEXED = {"404.html"}
LD_JSON = re.compile(
    r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL
)


def check_robots(site, problems):
    """The base address the sitemap is announced at, or None."""
    path = site / "robots.txt"
    if not path.is_file():
        problems.append("robots.txt: missing")
        return None
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines()]
    for needed in ("User-agent: *", "Allow: /"):
        if needed not in lines:
            problems.append(f"robots.txt: no line {needed!r}")
    sitemaps = [l.split(":", 1)[1].strip() for l in lines if l.startswith("Sitemap:")]
    if len(sitemaps) > 1:
        problems.append(f"robots.txt: {len(sitemaps)} Sitemap lines, expected one")
    if not sitemaps:
        return None
    url = sitemaps[0]
    if not re.match(r"^https?://[^/]+/", url) or not url.endswith("/sitemap.xml"):
        problems.append(f"robots.txt: the sitemap address is not absolute: {url}")
        return None
    return url[: -len("sitemap.xml")]


def site_path(url, base):
    """The file a page address is served from."""
    path = unquote(url[len(base):])
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path


def check_sitemap(site, base, problems):
    path = site / "sitemap.xml"
    if base is None:
        if path.exists():
            problems.append("sitemap.xml: present, but robots.txt does not name it")
        return
    if not path.is_file():
        problems.append("sitemap.xml: missing, though robots.txt names it")
        return
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append(f"sitemap.xml: not well-formed XML: {e}")
        return
    if root.tag != SITEMAP_NS + "urlset":
        problems.append(f"sitemap.xml: root element is {root.tag}, expected urlset")
        return
    listed = {}
    for url in root.findall(SITEMAP_NS + "url"):
        loc = url.findtext(SITEMAP_NS + "loc")
        if not loc or not loc.startswith(base):
            problems.append(f"sitemap.xml: address outside {base}: {loc!r}")
            continue
        lastmod = url.findtext(SITEMAP_NS + "lastmod")
        if lastmod is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod):
            problems.append(f"sitemap.xml: {loc}: lastmod {lastmod!r} is not a W3C date")
        page = site_path(loc, base)
        if page in listed:
            problems.append(f"sitemap.xml: {loc} listed twice")
        listed[page] = loc
    pages = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.is_file()
    } - NOT_INDEXED
    for page in sorted(pages - listed.keys()):
        problems.append(f"sitemap.xml: the page {page} is not listed")
    for page in sorted(listed.keys() - pages):
        problems.append(f"sitemap.xml: lists {listed[page]}, but there is no {page}")


def check_feed(site, base, problems):
    path = site / "feed.atom"
    if base is None:
        if path.exists():
            problems.append("feed.atom: present in a site without a sitemap (no base_url?)")
        return
    if not path.is_file():
        problems.append("feed.atom: missing, though the site has an address")
        return
    try:
        import feedparser
    except ImportError:
        print("check-exports: feedparser is needed (pip install feedparser)", file=sys.stderr)
        sys.exit(2)
    feed = feedparser.parse(str(path))
    if feed.bozo:
        problems.append(f"feed.atom: feedparser reports an error: {feed.bozo_exception}")
        return
    if feed.version != "atom10":
        problems.append(f"feed.atom: read as {feed.version!r}, expected atom10")
    self_links = [l.href for l in feed.feed.get("links", []) if l.get("rel") == "self"]
    if self_links != [base + "feed.atom"]:
        problems.append(f"feed.atom: self link {self_links}, expected {base}feed.atom")
    if not feed.feed.get("author"):
        problems.append("feed.atom: no author")
    previous = None
    for entry in feed.entries:
        name = entry.get("id", "?")
        for key in ("id", "title", "updated", "link"):
            if not entry.get(key):
                problems.append(f"feed.atom: entry {name}: no {key}")
        if not entry.get("id", "").startswith(base):
            problems.append(f"feed.atom: entry id is not an address of the site: {name}")
        # Updates of a dataset are entries on its page (`…/#version-1a2b3c4`).
        elif not (site / site_path(entry.id.split("#")[0], base)).is_file():
            problems.append(f"feed.atom: entry {name}: no such page in the site")
        updated = entry.get("updated_parsed")
        if previous is not None and updated is not None and updated > previous:
            problems.append(f"feed.atom: entry {name} is newer than the one before it")
        previous = updated


def check_json_ld(site, problems):
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        blocks = LD_JSON.findall(html)
        values = []
        for block in blocks:
            try:
                values.append(json.loads(block))
            except json.JSONDecodeError as e:
                problems.append(f"{relative}: JSON-LD does not parse: {e}")
        is_dataset = re.fullmatch(r"datasets/[^/]+/index\.html", relative)
        if is_dataset:
            types = [v.get("@type") for v in values if isinstance(v, dict)]
            if types.count("Dataset") != 1:
                problems.append(f"{relative}: {types.count('Dataset')} schema.org Dataset, expected 1")


def main():
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    site = Path(sys.argv[1])
    problems = []
    base = check_robots(site, problems)
    check_sitemap(site, base, problems)
    check_feed(site, base, problems)
    check_json_ld(site, problems)
    if problems:
        for problem in problems:
            print(f"check-exports: {problem}", file=sys.stderr)
        print(f"check-exports: {len(problems)} problem(s) in {site}", file=sys.stderr)
        sys.exit(1)
    print(f"check-exports: feed.atom, sitemap.xml, robots.txt and JSON-LD of {site} are fine")


if __name__ == "__main__":
    main()
