#!/usr/bin/env python3
"""Turn a portal made by gen-portal.py into a Hugo site of plain Markdown pages.

    benches/hugo-site.py PORTAL_DIR OUT_DIR

The peer of the large-build benchmark (`build-large.sh`): Hugo builds one
page per dataset from the same Markdown text (the body of each
`datasets/<slug>/index.md`, under its title), with a minimal layout — a
page template, a list template and a home page — and Hugo's defaults
otherwise (its RSS feeds and sitemap included). Hugo gets none of what
ouvert does besides (profiles, previews, validation, catalogs, data files),
which is the point of the comparison.

OUT_DIR is replaced. Python 3.11, standard library only.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import sys

CONFIG = """baseURL = "https://example.org/"
languageCode = "fr"
title = "Portail (Hugo)"
"""

SINGLE = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"""

LIST = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
</main>
</body>
</html>
"""

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
TITLE = re.compile(r"^title:\s*(.*)$", re.M)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    portal, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "datasets").mkdir(parents=True)
    (out / "layouts" / "_default").mkdir(parents=True)
    (out / "hugo.toml").write_text(CONFIG)
    (out / "layouts" / "_default" / "single.html").write_text(SINGLE)
    (out / "layouts" / "_default" / "list.html").write_text(LIST)
    (out / "layouts" / "index.html").write_text(LIST)
    count = 0
    for index in sorted((portal / "datasets").glob("*/index.md")):
        text = index.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        if not match:
            continue
        front, body = match.groups()
        title = TITLE.search(front)
        title = title.group(1).strip().strip("'\"") if title else index.parent.name
        escaped = title.replace("\\", "\\\\").replace('"', '\\"')
        page = out / "content" / "datasets" / f"{index.parent.name}.md"
        page.write_text(f'---\ntitle: "{escaped}"\n---\n{body}', encoding="utf-8")
        count += 1
    print(f"{count} pages in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
