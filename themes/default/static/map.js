// Pan and zoom for the maps drawn at build time (src/render/map.rs), and
// the names of their points on demand. Every map reads fully without it:
// this only adds controls. No framework, no inline code: the strings come
// from the figure's data- attributes, the names from the JSON beside the
// map (in the map's own coordinates).
"use strict";

(function () {
  var MAX_ZOOM = 32;
  // How close to a point a click must be, in screen pixels.
  var REACH = 12;

  document.querySelectorAll("figure.map-figure").forEach(function (figure) {
    var svg = figure.querySelector("svg.map");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
    var base = svg.viewBox.baseVal;
    var whole = { x: base.x, y: base.y, width: base.width, height: base.height };
    var view = Object.assign({}, whole);
    var source = figure.querySelector("script.map-labels");
    var labels = [];
    try {
      labels = source ? JSON.parse(source.textContent) : [];
    } catch (e) {
      labels = [];
    }

    function show() {
      svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].join(" "));
    }
    function keepInside() {
      view.x = Math.min(Math.max(view.x, whole.x), whole.x + whole.width - view.width);
      view.y = Math.min(Math.max(view.y, whole.y), whole.y + whole.height - view.height);
    }
    // Zooms by `factor` around (cx, cy), the middle by default.
    function zoom(factor, cx, cy) {
      var width = Math.min(whole.width, Math.max(whole.width / MAX_ZOOM, view.width / factor));
      var scale = width / view.width;
      if (cx === undefined) {
        cx = view.x + view.width / 2;
        cy = view.y + view.height / 2;
      }
      view.x = cx - (cx - view.x) * scale;
      view.y = cy - (cy - view.y) * scale;
      view.width = width;
      view.height = view.height * scale;
      keepInside();
      show();
    }
    function pan(dx, dy) {
      view.x += dx;
      view.y += dy;
      keepInside();
      show();
    }
    function reset() {
      view = Object.assign({}, whole);
      show();
    }
    // A pointer's position in the map's coordinates.
    function at(event) {
      var rect = svg.getBoundingClientRect();
      var perPixel = view.width / rect.width;
      return {
        x: view.x + (event.clientX - rect.left) * perPixel,
        y: view.y + (event.clientY - rect.top) * perPixel,
        perPixel: perPixel
      };
    }

    var controls = document.createElement("div");
    controls.className = "map-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", figure.dataset.controls || "");
    [
      ["+", figure.dataset.zoomIn, function () { zoom(2); }],
      ["\u2212", figure.dataset.zoomOut, function () { zoom(0.5); }],
      [figure.dataset.zoomReset, null, reset]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      if (spec[1]) button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
    figure.insertBefore(controls, svg);

    var details = null;
    if (labels.length) {
      details = document.createElement("p");
      details.className = "map-details";
      details.setAttribute("aria-live", "polite");
      details.textContent = figure.dataset.detailsHint || "";
      svg.insertAdjacentElement("afterend", details);
    }
    function name(event) {
      if (!details) return;
      var p = at(event);
      var best = null;
      var distance = REACH * p.perPixel;
      labels.forEach(function (label) {
        var d = Math.hypot(label[0] - p.x, label[1] - p.y);
        if (d <= distance) {
          best = label;
          distance = d;
        }
      });
      if (best) details.textContent = best[2];
    }

    svg.classList.add("map-interactive");
    svg.setAttribute("tabindex", "0");
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, moved: 0 };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var perPixel = at(event).perPixel;
      pan((drag.x - event.clientX) * perPixel, (drag.y - event.clientY) * perPixel);
      drag.moved += Math.abs(drag.x - event.clientX) + Math.abs(drag.y - event.clientY);
      drag.x = event.clientX;
      drag.y = event.clientY;
    });
    svg.addEventListener("pointerup", function (event) {
      if (drag && drag.moved < 4) name(event);
      drag = null;
    });
    svg.addEventListener("pointercancel", function () { drag = null; });
    svg.addEventListener("dblclick", function (event) {
      var p = at(event);
      zoom(2, p.x, p.y);
    });
    // The wheel scrolls the page unless Ctrl (or ⌘) is held: a map must
    // not trap a reader scrolling past it.
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      var p = at(event);
      zoom(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    svg.addEventListener("keydown", function (event) {
      var step = view.width / 8;
      switch (event.key) {
        case "ArrowLeft": pan(-step, 0); break;
        case "ArrowRight": pan(step, 0); break;
        case "ArrowUp": pan(0, -step); break;
        case "ArrowDown": pan(0, step); break;
        case "+": case "=": zoom(2); break;
        case "-": zoom(0.5); break;
        case "0": reset(); break;
        default: return;
      }
      event.preventDefault();
    });
  });
})();
