// actplot's website: copy buttons, the index's search, and the interactive curves.
// The curves are drawn from the points actplot sampled (window.ACTPLOT_DATA); nothing is computed here
// but the straight lines between them, as a picture draws them.
(function () {
  "use strict";

  // --- copy buttons: <button data-copy="ID"> copies the text of #ID ---------------------------------
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var label = button.textContent;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var value = source ? source.textContent : "";
        var done = function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(value).then(done, function () { fallbackCopy(source, done); });
        } else {
          fallbackCopy(source, done);
        }
      });
    });
  }

  function fallbackCopy(source, done) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { document.execCommand("copy"); } catch (error) { /* the text stays selected to copy by hand */ }
    done();
  }

  // --- the index: search and filters ---------------------------------------------------------------
  function search() {
    var query = document.getElementById("query");
    if (!query) return;
    var family = document.getElementById("family");
    var property = document.getElementById("property");
    var cards = Array.prototype.slice.call(document.querySelectorAll("#cards > li"));
    var count = document.getElementById("count");
    var nothing = document.getElementById("nothing");
    function apply() {
      var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card) {
        var text = card.getAttribute("data-search");
        var match = words.every(function (w) { return text.indexOf(w) >= 0; }) &&
          (!family.value || card.getAttribute("data-family") === family.value) &&
          (!property.value || (" " + card.getAttribute("data-props") + " ").indexOf(" " + property.value + " ") >= 0);
        card.hidden = !match;
        if (match) shown += 1;
        card.querySelectorAll(".fw").forEach(function (link) {
          link.classList.toggle("hit", words.length > 0 && words.indexOf(link.textContent.toLowerCase()) >= 0);
        });
      });
      count.textContent = shown + " of " + cards.length + " activations";
      nothing.hidden = shown > 0;
      var state = new URLSearchParams();
      if (query.value) state.set("q", query.value);
      if (family.value) state.set("family", family.value);
      if (property.value) state.set("property", property.value);
      var hash = state.toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
    var given = new URLSearchParams(location.hash.slice(1));
    query.value = given.get("q") || "";
    family.value = given.get("family") || "";
    property.value = given.get("property") || "";
    [query, family, property].forEach(function (el) { el.addEventListener("input", apply); });
    apply();
  }

  // --- the interactive curves ----------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  var TITLES = ["f(x)", "f\u2032(x)", "f\u2033(x)"];
  var W = 300, H = 220, LEFT = 46, RIGHT = 10, TOP = 24, BOTTOM = 30;

  function decode(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }

  // The x grid actplot sampled: lo + i * step (the last point hi), with the breakpoints merged in.
  function grid(lo, hi, points, extra) {
    var step = (hi - lo) / (points - 1);
    var xs = [];
    for (var i = 0; i < points; i++) xs.push(lo + i * step);
    xs[points - 1] = hi;
    extra.forEach(function (e) { if (e >= lo && e <= hi) xs.push(e); });
    xs.sort(function (a, b) { return a - b; });
    return xs.filter(function (x, i) { return i === 0 || x !== xs[i - 1]; });
  }

  // The drawn segments of one panel: broken at jumps (the sides run to their limits) and poles,
  // and where a value is not finite.
  function segments(xs, ys, jumps, poles) {
    var cuts = jumps.map(function (j) { return j[0]; }).concat(poles);
    var out = [], current = [];
    var byX = {};
    jumps.forEach(function (j) { byX[j[0]] = j; });
    function close() { if (current.length) out.push(current); current = []; }
    for (var i = 0; i < xs.length; i++) {
      var x = xs[i];
      if (cuts.indexOf(x) >= 0) {
        var jump = byX[x];
        if (jump && isFinite(jump[2])) current.push([x, jump[2]]);
        close();
        if (jump && isFinite(jump[3])) current.push([x, jump[3]]);
        continue;
      }
      if (!isFinite(ys[i])) { close(); continue; }
      current.push([x, ys[i]]);
    }
    close();
    return out;
  }

  function ticks(lo, hi, count) {
    var raw = (hi - lo) / count;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * power; }).find(function (s) { return s >= raw; });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  // A tick's label, with a true minus sign as the pictures have.
  function label(v) {
    var a = Math.abs(v);
    var written = a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(1) : String(parseFloat(v.toPrecision(4)));
    return written.replace(/^-/, "\u2212");
  }

  function number(v) {
    if (!isFinite(v)) return String(v);
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e6 || a < 1e-4) ? v.toExponential(5) : String(parseFloat(v.toPrecision(6)));
  }

  function make(tag, attributes, parent) {
    var el = document.createElementNS(SVG, tag);
    for (var key in attributes) el.setAttribute(key, attributes[key]);
    if (parent) parent.appendChild(el);
    return el;
  }

  function Panel(container, order, index) {
    this.order = order;
    this.svg = make("svg", { viewBox: "0 0 " + W + " " + H, "aria-hidden": "true", "data-order": String(order) });
    container.appendChild(this.svg);
    this.clip = "clip-" + index;
  }

  Panel.prototype.draw = function (xs, ys, jumps, poles, lo, hi, limits) {
    var svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var y0 = limits[0], y1 = limits[1];
    var sx = function (x) { return LEFT + (x - lo) / (hi - lo) * (W - LEFT - RIGHT); };
    var sy = function (y) { return H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM); };
    this.sx = sx; this.sy = sy; this.lo = lo; this.hi = hi;
    var defs = make("defs", {}, svg);
    var clip = make("clipPath", { id: this.clip }, defs);
    make("rect", { x: LEFT, y: TOP, width: W - LEFT - RIGHT, height: H - TOP - BOTTOM }, clip);
    ticks(lo, hi, 5).forEach(function (t) {
      make("line", { x1: sx(t), x2: sx(t), y1: TOP, y2: H - BOTTOM, "class": t === 0 ? "axis" : "gridline" }, svg);
      make("text", { x: sx(t), y: H - BOTTOM + 14, "text-anchor": "middle" }, svg).textContent = label(t);
    });
    ticks(y0, y1, 4).forEach(function (t) {
      if (t < y0 || t > y1) return;
      make("line", { x1: LEFT, x2: W - RIGHT, y1: sy(t), y2: sy(t), "class": t === 0 ? "axis" : "gridline" }, svg);
      make("text", { x: LEFT - 4, y: sy(t) + 4, "text-anchor": "end" }, svg).textContent = label(t);
    });
    make("rect", { x: LEFT, y: TOP, width: W - LEFT - RIGHT, height: H - TOP - BOTTOM, "class": "frame" }, svg);
    make("text", { x: (LEFT + W - RIGHT) / 2, y: 16, "text-anchor": "middle", "class": "title" }, svg).textContent = TITLES[this.order];
    var group = make("g", { "clip-path": "url(#" + this.clip + ")" }, svg);
    this.segments = segments(xs, ys, jumps, poles);
    this.segments.forEach(function (segment) {
      var points = segment.map(function (p) { return sx(p[0]).toFixed(2) + "," + sy(Math.max(Math.min(p[1], y1 + (y1 - y0) * 10), y0 - (y1 - y0) * 10)).toFixed(2); });
      make("polyline", { points: points.join(" "), "class": "curve" }, group);
    });
    poles.forEach(function (p) { make("line", { x1: sx(p), x2: sx(p), y1: TOP, y2: H - BOTTOM, "class": "pole" }, group); });
    this.jumps = jumps;
    jumps.forEach(function (j) {
      if (j[4]) make("circle", { cx: sx(j[0]), cy: sy(j[2]), r: 3.2, "class": "open" }, group);
      if (j[5]) make("circle", { cx: sx(j[0]), cy: sy(j[3]), r: 3.2, "class": "open" }, group);
      if (j[4] || j[5]) make("circle", { cx: sx(j[0]), cy: sy(j[1]), r: 3.2, "class": "dot" }, group);
    });
    this.cursor = make("g", {}, svg);
  };

  // The value the drawn line has at x: a jump's value at its x, else between two drawn points.
  Panel.prototype.at = function (x) {
    for (var k = 0; k < this.jumps.length; k++) if (this.jumps[k][0] === x) return this.jumps[k][1];
    for (var s = 0; s < this.segments.length; s++) {
      var seg = this.segments[s];
      if (x < seg[0][0] || x > seg[seg.length - 1][0]) continue;
      for (var i = 1; i < seg.length; i++) {
        if (x <= seg[i][0]) {
          var a = seg[i - 1], b = seg[i];
          return b[0] === a[0] ? b[1] : a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
        }
      }
      return seg[0][1];
    }
    return NaN;
  };

  Panel.prototype.mark = function (x, y) {
    while (this.cursor.firstChild) this.cursor.removeChild(this.cursor.firstChild);
    if (x === null) return;
    make("line", { x1: this.sx(x), x2: this.sx(x), y1: TOP, y2: H - BOTTOM, "class": "cursor" }, this.cursor);
    if (isFinite(y)) make("circle", { cx: this.sx(x), cy: this.sy(y), r: 3, "class": "here" }, this.cursor);
  };

  function curves() {
    var data = window.ACTPLOT_DATA;
    var container = document.getElementById("panels");
    if (!data || !container) return;
    var controls = data.controls;
    var inputs = controls.map(function (c) { return document.getElementById("p-" + c.name); });
    var state = controls.map(function (c) { return c["default"]; });
    var panels = [0, 1, 2].map(function (order) { return new Panel(container, order, order); });
    var readout = document.getElementById("readout");
    var command = document.getElementById("command");
    var current = null, cursor = null;

    function key() { return state.join(","); }

    function show() {
      controls.forEach(function (c, i) {
        inputs[i].value = String(state[i]);
        if (c.kind === "slider") {
          var text = String(c.values[state[i]]);
          inputs[i].setAttribute("aria-valuetext", text);
          document.getElementById("v-" + c.name).textContent = text;
        }
      });
      var combo = data.combos[key()];
      var options = controls.map(function (c, i) {
        return state[i] === c["default"] ? "" : " --" + c.name.replace(/_/g, "-") + " " + String(c.values[state[i]]);
      }).join("");
      command.textContent = "actplot " + data.name + options + " --order 2";
      var shared = new URLSearchParams();
      controls.forEach(function (c, i) { if (state[i] !== c["default"]) shared.set(c.name, String(c.values[state[i]])); });
      var hash = shared.toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
      if (!combo) {
        current = null;
        panels.forEach(function (p) { while (p.svg.firstChild) p.svg.removeChild(p.svg.firstChild); });
        readout.textContent = "actplot refuses these parameters: " + (data.refused[key()] || "not sampled");
        return;
      }
      var xs = grid(data.range[0], data.range[1], data.points, combo.b);
      var ys = decode(combo.y);
      var n = xs.length;
      current = { xs: xs };
      panels.forEach(function (panel, order) {
        panel.draw(xs, ys.subarray(order * n, (order + 1) * n), combo.j[order], combo.p, data.range[0], data.range[1], combo.lim[order]);
      });
      container.setAttribute("data-state", key());
      point(cursor);
    }

    function point(x) {
      cursor = x;
      if (!current || x === null) {
        panels.forEach(function (p) { if (current) p.mark(null); });
        if (current) readout.innerHTML = "&nbsp;";
        return;
      }
      var values = panels.map(function (p) { return p.at(x); });
      panels.forEach(function (p, i) { p.mark(x, values[i]); });
      readout.textContent = "x = " + number(x) + ":  " + TITLES.map(function (t, i) { return t + " = " + number(values[i]); }).join(",  ");
    }

    function fromHash() {
      var given = new URLSearchParams(location.hash.slice(1));
      controls.forEach(function (c, i) {
        state[i] = c["default"];
        if (!given.has(c.name)) return;
        var wanted = given.get(c.name);
        var found = c.values.findIndex(function (v) { return String(v) === wanted || (c.kind === "slider" && Number(wanted) === v); });
        if (found >= 0) state[i] = found;
      });
    }

    inputs.forEach(function (input, i) {
      input.addEventListener("input", function () {
        var value = parseInt(input.value, 10);
        if (data.mode === "alone") state = controls.map(function (c) { return c["default"]; });
        state[i] = value;
        show();
      });
    });
    var reset = document.getElementById("reset");
    if (reset) reset.addEventListener("click", function () { state = controls.map(function (c) { return c["default"]; }); show(); });

    panels.forEach(function (panel) {
      panel.svg.addEventListener("pointermove", function (event) {
        if (!current) return;
        var box = panel.svg.getBoundingClientRect();
        var sx = (event.clientX - box.left) / box.width * W;
        var x = panel.lo + (sx - LEFT) / (W - LEFT - RIGHT) * (panel.hi - panel.lo);
        point(Math.min(Math.max(x, panel.lo), panel.hi));
      });
    });
    container.addEventListener("pointerleave", function () { point(null); });
    container.addEventListener("keydown", function (event) {
      if (!current) return;
      var xs = current.xs;
      var at = cursor === null ? Math.floor(xs.length / 2) : xs.findIndex(function (x) { return x >= cursor; });
      var moves = { ArrowLeft: -1, ArrowRight: 1, PageDown: -20, PageUp: 20 };
      if (event.key in moves) at = Math.min(Math.max(at + moves[event.key], 0), xs.length - 1);
      else if (event.key === "Home") at = 0;
      else if (event.key === "End") at = xs.length - 1;
      else return;
      event.preventDefault();
      point(xs[at]);
    });
    window.addEventListener("hashchange", function () { fromHash(); show(); });
    fromHash();
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyButtons();
    search();
    curves();
  });
})();
