// Client-side search of the portal (search/index.html). No framework, no
// build step, no inline code: the page's strings come from data- attributes
// and the index from the JSON files written by `src/export/search/`
// (format in docs/search.md). Folding and stemming copy
// `src/export/search/text.rs`; tests/fixtures/stemming.tsv checks both.
"use strict";

(function (global) {
  // ---- words: the same rules as text.rs ----------------------------------

  var FOLD = {
    "à": "a", "á": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "ç": "c",
    "è": "e", "é": "e", "ê": "e", "ë": "e", "ì": "i", "í": "i", "î": "i",
    "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "õ": "o", "ö": "o",
    "ø": "o", "ù": "u", "ú": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y",
    "œ": "oe", "æ": "ae", "ß": "ss"
  };
  var MIN_WORD = 2;
  var STOP = new Set(("au aux ce ces dans de des du en et la le les ou par pour sur un une " +
    "an and by for in of on or the to").split(" "));

  function fold(text) {
    var out = "";
    for (var c of text.toLowerCase()) {
      var code = c.codePointAt(0);
      if (code >= 0x300 && code <= 0x36f) continue;
      out += FOLD[c] !== undefined ? FOLD[c] : c;
    }
    return out;
  }

  function words(text) {
    return fold(text).split(/[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/u)
      .filter(function (w) { return [...w].length >= MIN_WORD; });
  }

  function strip(word, suffix, keep) {
    if (!word.endsWith(suffix)) return null;
    var stem = word.slice(0, word.length - suffix.length);
    return [...stem].length >= keep ? stem : null;
  }

  var FRENCH_ENDINGS = ["issement", "ements", "ement", "ations", "ation", "atrice", "ateur",
    "ique", "isme", "iste", "euse", "eur"];

  function french(w) {
    var s = strip(w, "aux", 3);
    if (s !== null) {
      w = s + "al";
    } else if (!w.endsWith("ss")) {
      s = strip(w, "s", 3);
      if (s === null) s = strip(w, "x", 3);
      if (s !== null) w = s;
    }
    for (var ending of FRENCH_ENDINGS) {
      s = strip(w, ending, 4);
      if (s !== null) { w = s; break; }
    }
    for (var i = 0; i < 2; i++) {
      s = strip(w, "e", 3);
      if (s !== null) w = s;
    }
    return w;
  }

  function english(w) {
    var s = strip(w, "ies", 3);
    if (s !== null) {
      w = s + "y";
    } else if ((s = strip(w, "sses", 3)) !== null) {
      w = s + "ss";
    } else if (!w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      s = strip(w, "s", 3);
      if (s !== null) w = s;
    }
    for (var ending of ["ing", "ed", "ly"]) {
      s = strip(w, ending, 4);
      if (s !== null) { w = s; break; }
    }
    s = strip(w, "e", 3);
    if (s !== null) w = s;
    return w;
  }

  function stem(word, lang) {
    return lang === "en" ? english(word) : french(word);
  }

  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    var name = "_";
    for (var b of new TextEncoder().encode(key)) name += b.toString(16).padStart(2, "0");
    return name;
  }

  // For node tests: the same functions without a page.
  global.OuvertSearch = { fold: fold, words: words, stem: stem, shardFile: shardFile };
  if (typeof document === "undefined") return;

  // ---- the index -----------------------------------------------------------

  var app = document.getElementById("search");
  if (!app) return;
  var base = app.dataset.index;
  var root = app.dataset.root;
  var cache = new Map();
  var meta = null;
  var PAGE = 10;

  function fetchJson(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  function bytesOf(base64) {
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  // LEB128 varints, as the index writes them.
  function varints(bytes) {
    var out = [], value = 0, shift = 0;
    for (var b of bytes) {
      value += (b & 0x7f) * Math.pow(2, shift);
      if (b & 0x80) { shift += 7; continue; }
      out.push(value);
      value = 0; shift = 0;
    }
    return out;
  }

  function decodeSet(text, n) {
    var bytes = bytesOf(text.slice(1));
    var ids = [];
    if (text[0] === "b") {
      for (var i = 0; i < n; i++) if (bytes[i >> 3] & (1 << (i & 7))) ids.push(i);
    } else {
      var previous = 0;
      for (var gap of varints(bytes)) { previous += gap; ids.push(previous); }
    }
    return Uint32Array.from(ids);
  }

  // Shards that may hold words beginning with `word`: those whose key is
  // a prefix of it, or, for a word shorter than every key, those beginning
  // with it. A two-letter prefix of a crowded shard (split by three
  // letters) would need them all: it waits for a third letter instead.
  function shardsFor(word, asPrefix) {
    var covering = meta.shards.filter(function (k) { return word.startsWith(k); });
    if (covering.length || asPrefix) return covering;
    return meta.shards.filter(function (k) { return k.startsWith(word); });
  }

  function loadShards(list) {
    return Promise.all(list.map(function (k) {
      return fetchJson("terms/" + shardFile(k) + ".json");
    }));
  }

  // Postings of `stem` as a Map dataset → score, from loaded shards;
  // decoded once per shard, since every key typed asks again.
  var decoded = new WeakMap(); // shard → Map stem → [dataset, score, …]
  function postings(shards, term) {
    var result = new Map();
    for (var shard of shards) {
      var encoded = shard.t[term];
      if (!encoded) continue;
      if (!decoded.has(shard)) decoded.set(shard, new Map());
      var known = decoded.get(shard);
      if (!known.has(term)) known.set(term, varints(bytesOf(encoded)));
      var list = known.get(term);
      var doc = 0;
      for (var i = 0; i < list.length; i += 2) {
        doc += list[i];
        result.set(doc, list[i + 1]);
      }
    }
    return result;
  }

  // One word of the query → Map dataset → score, BM25-like: the stored
  // score (field-weighted occurrences) saturated, times the stem's idf.
  async function matchWord(word, asPrefix) {
    var stems = new Set();
    var whole = stem(word, meta.lang);
    var keys = new Set(shardsFor(asPrefix ? word : whole, asPrefix));
    if (asPrefix && !keys.size) return null;
    var shards = await loadShards([...keys]);
    if (asPrefix) {
      for (var shard of shards) {
        for (var t in shard.t) if (t.startsWith(word)) stems.add(t);
        for (var w in shard.w) if (w.startsWith(word)) stems.add(shard.w[w]);
      }
      // A surface form's stem lives in its own shard (same three letters).
      var missing = [];
      for (var s of stems) for (var k of shardsFor(s, false)) if (!keys.has(k)) { keys.add(k); missing.push(k); }
      if (missing.length) shards = shards.concat(await loadShards(missing));
    }
    stems.add(whole);
    var scores = new Map();
    for (var term of stems) {
      var list = postings(shards, term);
      if (!list.size) continue;
      var idf = Math.log(1 + (meta.n - list.size + 0.5) / (list.size + 0.5));
      // An exact stem ranks above words it only begins.
      var exact = term === whole ? 1 : 0.7;
      for (var [doc, score] of list) {
        var value = exact * idf * (score * 2.2) / (score + 1.2);
        scores.set(doc, Math.max(scores.get(doc) || 0, value));
      }
    }
    return scores;
  }

  // Every word must match (AND); the last one, unless followed by a space,
  // is being typed and matches as a prefix.
  async function runQuery(query) {
    var list = words(query);
    var typing = query.length > 0 && !/\s$/.test(query);
    var terms = [];
    list.forEach(function (w, i) {
      var prefix = typing && i === list.length - 1;
      if (!prefix && STOP.has(w)) return;
      terms.push([w, prefix]);
    });
    if (!terms.length) return null;
    var perWord = await Promise.all(terms.map(function (t) { return matchWord(t[0], t[1]); }));
    // A word being typed too short to look up yet: wait for more letters.
    perWord = perWord.filter(function (m) { return m !== null; });
    if (!perWord.length) return null;
    perWord.sort(function (a, b) { return a.size - b.size; });
    var total = perWord[0];
    for (var i = 1; i < perWord.length; i++) {
      var next = new Map();
      for (var [doc, score] of total) {
        var other = perWord[i].get(doc);
        if (other !== undefined) next.set(doc, score + other);
      }
      total = next;
    }
    return total;
  }

  // ---- the page ------------------------------------------------------------

  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var facetsBox = document.getElementById("search-facets");
  var more = document.getElementById("search-more");
  var clearFilters = document.getElementById("search-clear-filters");
  var selected = new Map(); // facet key → Set of slugs
  var facets = [];
  var ranked = [];
  var shown = 0;
  var generation = 0;

  function count(n) {
    var pattern = n === 1 ? app.dataset.resultsOne : app.dataset.resultsOther;
    return pattern.replace("{n}", n.toLocaleString(document.documentElement.lang || undefined));
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selected.clear();
    for (var facet of facets) {
      var values = params.getAll(facet.key).filter(function (slug) {
        return facet.values.some(function (v) { return v.slug === slug; });
      });
      if (values.length) selected.set(facet.key, new Set(values));
    }
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    for (var facet of facets) {
      for (var slug of selected.get(facet.key) || []) params.append(facet.key, slug);
    }
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  function buildFacets() {
    facets = meta.facets.map(function (facet) {
      return {
        key: facet.key,
        values: facet.values.map(function (v) {
          return { slug: v.slug, label: v.label, docs: decodeSet(v.docs, meta.n) };
        })
      };
    });
    for (var facet of facets) {
      var fieldset = document.createElement("fieldset");
      fieldset.className = "search-facet";
      var legend = document.createElement("legend");
      legend.textContent = app.dataset["facet" + facet.key[0].toUpperCase() + facet.key.slice(1)] || facet.key;
      fieldset.appendChild(legend);
      var list = document.createElement("ul");
      for (var value of facet.values) {
        var item = document.createElement("li");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = "f-" + facet.key + "-" + value.slug;
        box.name = facet.key;
        box.value = value.slug;
        var label = document.createElement("label");
        label.htmlFor = box.id;
        var text = document.createElement("span");
        text.textContent = value.label;
        var number = document.createElement("span");
        number.className = "count";
        label.append(text, " ", number);
        item.append(box, label);
        list.appendChild(item);
        value.box = box;
        value.number = number;
        value.item = item;
      }
      fieldset.appendChild(list);
      facetsBox.appendChild(fieldset);
    }
  }

  // Counts are disjunctive: a value's count is what ticking it would give,
  // with the other facets' filters applied (AND across, OR within).
  function filterMask(matches, except) {
    var mask = new Uint8Array(meta.n);
    if (matches) for (var doc of matches.keys()) mask[doc] = 1;
    else mask.fill(1);
    for (var facet of facets) {
      var chosen = selected.get(facet.key);
      if (facet.key === except || !chosen || !chosen.size) continue;
      var keep = new Uint8Array(meta.n);
      for (var value of facet.values) {
        if (!chosen.has(value.slug)) continue;
        for (var id of value.docs) keep[id] = 1;
      }
      for (var i = 0; i < meta.n; i++) mask[i] &= keep[i];
    }
    return mask;
  }

  // Runs at every key on up to every dataset and hundreds of filter
  // values: the page is only touched where a count or state changes.
  function updateFacets(matches) {
    // Facets whose mask no other facet narrows share one.
    var unfiltered = null;
    for (var facet of facets) {
      var narrowed = false;
      for (var [key, slugs] of selected) if (key !== facet.key && slugs.size) narrowed = true;
      var mask = narrowed ? filterMask(matches, facet.key)
        : unfiltered || (unfiltered = filterMask(matches, facet.key));
      var chosen = selected.get(facet.key);
      for (var value of facet.values) {
        var n = 0;
        for (var id of value.docs) n += mask[id];
        var ticked = !!(chosen && chosen.has(value.slug));
        if (value.box.checked !== ticked) value.box.checked = ticked;
        var text = "(" + n + ")";
        if (value.number.textContent !== text) value.number.textContent = text;
        // A value no result has is hidden, unless ticked (it must stay
        // untickable).
        var hidden = n === 0 && !ticked;
        if (value.item.hidden !== hidden) value.item.hidden = hidden;
      }
    }
    clearFilters.hidden = selected.size === 0;
  }

  async function render(matches) {
    var mask = filterMask(matches, null);
    ranked = [];
    for (var i = 0; i < meta.n; i++) {
      if (mask[i]) ranked.push([i, matches ? matches.get(i) : 0]);
    }
    // Best score first; equal scores in catalog order.
    ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    results.textContent = "";
    shown = 0;
    await showMore();
  }

  async function showMore() {
    var mine = generation;
    var page = ranked.slice(shown, shown + PAGE);
    var chunks = await Promise.all(page.map(function (r) {
      return fetchJson("docs/" + Math.floor(r[0] / meta.chunk) + ".json");
    }));
    if (mine !== generation) return;
    var first = null;
    page.forEach(function (r, i) {
      var record = chunks[i][r[0] % meta.chunk];
      var item = document.createElement("li");
      var title = document.createElement("h3");
      var link = document.createElement("a");
      link.href = root + record[1];
      link.textContent = record[0];
      title.appendChild(link);
      var org = document.createElement("p");
      org.className = "search-org";
      org.textContent = meta.orgs[record[2]];
      var summary = document.createElement("p");
      summary.textContent = record[3];
      item.append(title, org, summary);
      results.appendChild(item);
      if (!first) first = link;
    });
    var wasMore = shown > 0;
    shown += page.length;
    more.hidden = shown >= ranked.length;
    // After "show more", go on reading where the new results start.
    if (wasMore && first) first.focus();
  }

  var announce = null;
  function setStatus(text) {
    // Visible at once; announced once typing pauses, not at every key.
    status.dataset.text = text;
    clearTimeout(announce);
    announce = setTimeout(function () { status.textContent = status.dataset.text; }, 250);
  }

  async function update() {
    var mine = ++generation;
    app.dataset.state = "busy";
    writeUrl();
    var query = input.value;
    var matches = null;
    try {
      matches = await runQuery(query);
    } catch (e) {
      return failed(e);
    }
    if (mine !== generation) return;
    updateFacets(matches);
    if (!matches && selected.size === 0) {
      ranked = [];
      results.textContent = "";
      more.hidden = true;
      setStatus(app.dataset.start);
      app.dataset.state = "idle";
      return;
    }
    try {
      await render(matches);
    } catch (e) {
      return failed(e);
    }
    if (mine !== generation) return;
    setStatus(count(ranked.length));
    app.dataset.state = "done";
  }

  function failed(error) {
    status.textContent = app.dataset.unavailable;
    app.dataset.state = "error";
    if (global.console) console.error(error);
  }

  async function start() {
    document.getElementById("search-fallback").hidden = true;
    app.hidden = false;
    try {
      meta = await fetchJson("meta.json");
      if (meta.v !== 1) throw new Error("search index version " + meta.v);
    } catch (e) {
      return failed(e);
    }
    buildFacets();
    readUrl();
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        update();
      } else if (event.key === "Enter") {
        // Results are already there: Enter moves to the first one.
        event.preventDefault();
        var link = results.querySelector("a");
        if (link) link.focus();
      }
    });
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    facetsBox.addEventListener("change", function (event) {
      var box = event.target;
      var set = selected.get(box.name) || new Set();
      if (box.checked) set.add(box.value); else set.delete(box.value);
      if (set.size) selected.set(box.name, set); else selected.delete(box.name);
      update();
    });
    clearFilters.addEventListener("click", function () {
      selected.clear();
      update();
      input.focus();
    });
    more.addEventListener("click", function () { showMore(); });
    await update();
  }

  start();
})(typeof window !== "undefined" ? window : globalThis);
