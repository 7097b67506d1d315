/* diplograph: a dyad over time, the way event-data users read one (ICEWS dyad series, GDELT
   tone charts): relation mentions per month by CAMEO quad class, cooperation above the line and
   conflict below, each mention weighted by its Goldstein score (or counted, by a toggle).
   Pure SVG from data already in the page; used by the explorer and by serve's actor pages.

   DiploChart.figure(items, options) -> an element with the chart (and its caption and toggle)
     items:   [{date: "2024-03-02" | "2024-03" | "2024" | null, quad: "verbal_conflict", goldstein: -2}]
     options: {colors: {quad: "#hex"}, labels: {quad: "text"}, title: "text", mode: "goldstein" | "count",
               span: ["2019-01", "2023-03"] (a common time axis for small multiples), width, height,
               caption: false (no caption, no toggle), onMode: (mode) => ... (after the toggle)}
     figure.setMode(mode) redraws it.
   DiploChart.series(items, mode, span) -> {buckets: ["2024-03", ...], unit: "month" | "year", bars: [...], undated: n}
*/
(function (root) {
  "use strict";
  const SVG_NS = ["http:", "", "www.w3.org", "2000", "svg"].join("/");
  const UP = ["verbal_cooperation", "material_cooperation"];
  const DOWN = ["verbal_conflict", "material_conflict"];
  const MAX_MONTHS = 120;  // a longer span is drawn by year

  function monthIndex(key) { return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1; }
  function monthKey(index) { return String(Math.floor(index / 12)).padStart(4, "0") + "-" + String(index % 12 + 1).padStart(2, "0"); }

  function series(items, mode, span) {
    const dated = [], quads = new Set(UP.concat(DOWN));
    let undated = 0;
    for (const it of items) {
      if (!quads.has(it.quad)) continue;  // affiliations are not events
      if (it.date && /^\d{4}-\d{2}/.test(it.date)) dated.push(it); else undated += 1;
    }
    if (!dated.length) return { buckets: [], unit: "month", bars: [], undated: undated };
    const months = dated.map((it) => monthIndex(it.date)).concat((span || []).filter(Boolean).map(monthIndex));
    const first = Math.min(...months), last = Math.max(...months);
    const byYear = last - first + 1 > MAX_MONTHS;
    const keyOf = (it) => byYear ? it.date.slice(0, 4) : it.date.slice(0, 7);
    const buckets = [];
    if (byYear) for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) buckets.push(String(y).padStart(4, "0"));
    else for (let m = first; m <= last; m++) buckets.push(monthKey(m));
    const cells = new Map();  // bucket|quad|sign -> {value, count}
    for (const it of dated) {
      const weight = Number(it.goldstein) || 0;
      const up = mode === "count" ? UP.includes(it.quad) : weight > 0;
      const value = mode === "count" ? 1 : Math.abs(weight);
      if (mode !== "count" && weight === 0) continue;  // a neutral statement weighs nothing
      const key = keyOf(it) + "|" + it.quad + "|" + (up ? "+" : "-");
      const cell = cells.get(key) || { bucket: keyOf(it), quad: it.quad, sign: up ? 1 : -1, value: 0, count: 0 };
      cell.value += value; cell.count += 1;
      cells.set(key, cell);
    }
    const order = UP.concat(DOWN);
    const bars = [...cells.values()].sort((a, b) => a.bucket.localeCompare(b.bucket) || order.indexOf(a.quad) - order.indexOf(b.quad));
    return { buckets: buckets, unit: byYear ? "year" : "month", bars: bars, undated: undated };
  }

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(items, options, mode) {
    const s = series(items, mode, options.span);
    const width = options.width || 320, height = s.buckets.length ? options.height || 130 : 22, left = 34, right = 6, top = 8, bottom = 18;
    const svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
                               class: "dg-chart-svg", "data-mode": mode, "data-unit": s.unit });
    svg.append(svgEl("title", {}, (options.title || "mentions over time") + (mode === "count" ? " (mentions)" : " (Goldstein-weighted)")));
    if (!s.buckets.length) {
      svg.append(svgEl("text", { x: 0, y: 15, "font-size": 11, fill: "#888" }, "no dated cooperation or conflict mentions"));
      return { svg: svg, series: s };
    }
    const totals = new Map();
    for (const b of s.bars) {
      const t = totals.get(b.bucket) || { up: 0, down: 0 };
      if (b.sign > 0) t.up += b.value; else t.down += b.value;
      totals.set(b.bucket, t);
    }
    const maxUp = Math.max(0, ...[...totals.values()].map((t) => t.up));
    const maxDown = Math.max(0, ...[...totals.values()].map((t) => t.down));
    const range = (maxUp + maxDown) || 1, plot = height - top - bottom;
    const zero = top + plot * (maxUp / range);
    const step = (width - left - right) / s.buckets.length;
    const barWidth = Math.max(1, Math.min(18, step * 0.8));
    const xOf = (bucket) => left + s.buckets.indexOf(bucket) * step + (step - barWidth) / 2;
    const stack = new Map();
    for (const b of s.bars) {
      const key = b.bucket + (b.sign > 0 ? "+" : "-");
      const base = stack.get(key) || 0, h = plot * b.value / range;
      stack.set(key, base + h);
      const y = b.sign > 0 ? zero - base - h : zero + base;
      const rect = svgEl("rect", { class: "dg-bar", x: xOf(b.bucket).toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2),
                                   height: Math.max(h, 0.5).toFixed(2), fill: (options.colors || {})[b.quad] || "#999",
                                   "data-bucket": b.bucket, "data-quad": b.quad, "data-sign": b.sign,
                                   "data-value": Number(b.value.toFixed(3)), "data-count": b.count });
      const label = ((options.labels || {})[b.quad] || b.quad.replace("_", " "));
      rect.append(svgEl("title", {}, b.bucket + ": " + b.count + " " + label + " mention(s)" +
                                     (mode === "count" ? "" : ", Goldstein " + (b.sign > 0 ? "+" : "−") + b.value.toFixed(1))));
      svg.append(rect);
    }
    svg.append(svgEl("line", { x1: left, x2: width - right, y1: zero, y2: zero, stroke: "#444", "stroke-width": 1 }));
    const small = { "font-size": 10, fill: "#555" };
    const fmt = (v) => (Math.round(v * 10) / 10).toString();
    if (maxUp) svg.append(svgEl("text", Object.assign({ x: left - 4, y: top + 8, "text-anchor": "end" }, small), "+" + fmt(maxUp)));
    if (maxDown) svg.append(svgEl("text", Object.assign({ x: left - 4, y: height - bottom, "text-anchor": "end" }, small), "−" + fmt(maxDown)));
    if (s.unit === "month") {  // a tick at each new year, labelled where there is room
      s.buckets.forEach((bucket, i) => {
        if (i === 0 || !bucket.endsWith("-01")) return;
        const x = left + i * step;
        svg.append(svgEl("line", { x1: x, x2: x, y1: height - bottom, y2: height - bottom + 4, stroke: "#999" }));
        if (x - left > 44 && width - right - x > 44 && step * 12 >= 30) {
          svg.append(svgEl("text", Object.assign({ x: x, y: height - 4, "text-anchor": "middle" }, small), bucket.slice(0, 4)));
        }
      });
    }
    svg.append(svgEl("text", Object.assign({ x: left, y: height - 4 }, small), s.buckets[0]));
    if (s.buckets.length > 1) svg.append(svgEl("text", Object.assign({ x: width - right, y: height - 4, "text-anchor": "end" }, small), s.buckets[s.buckets.length - 1]));
    return { svg: svg, series: s };
  }

  function figure(items, options) {
    options = options || {};
    let mode = options.mode || "goldstein";
    const box = document.createElement("figure");
    box.className = "dg-chart";
    box.style.margin = "6px 0";
    if (options.caption === false) {
      box.setMode = (m) => { mode = m; const drawn = draw(items, options, mode); const old = box.querySelector("svg");
                             if (old) old.replaceWith(drawn.svg); else box.append(drawn.svg); };
      box.setMode(mode);
      return box;
    }
    const caption = document.createElement("figcaption");
    caption.style.fontSize = "12px";
    caption.style.color = "#555";
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "dg-chart-mode";
    toggle.style.cssText = "font-size:11px;margin-left:6px;padding:0 6px";
    const render = () => {
      const drawn = draw(items, options, mode);
      const old = box.querySelector("svg");
      if (old) old.replaceWith(drawn.svg); else box.prepend(drawn.svg);
      const note = drawn.series.undated ? " · " + drawn.series.undated + " undated not shown" : "";
      caption.textContent = mode === "count"
        ? "mentions per " + drawn.series.unit + ": cooperation up, conflict down" + note
        : "Goldstein-weighted mentions per " + drawn.series.unit + ": cooperative weights up, conflictual down" + note;
      toggle.textContent = mode === "count" ? "weight by Goldstein" : "count mentions";
      caption.append(toggle);
    };
    toggle.addEventListener("click", () => {
      mode = mode === "count" ? "goldstein" : "count";
      render();
      if (options.onMode) options.onMode(mode);
    });
    box.append(caption);
    box.setMode = (m) => { mode = m; render(); };
    render();
    return box;
  }

  root.DiploChart = { figure: figure, series: series };
})(typeof window !== "undefined" ? window : this);
