// backprop studio: draws the state the server streams (every number is computed by the server) and sends the
// controls. Plain SVG and canvas, no libraries, nothing fetched from elsewhere.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
/** The most weights drawn; beyond it only the strongest are, and the page says so. */
const MOST_EDGES = 600;
/** The most points of the loss path drawn (an even sample of a longer one, keeping the last). */
const MOST_LOSS_POINTS = 1000;
/** The walkthrough shows at most this many rows and columns of a matrix, as `explain` elides them. */
const SHOWN = 8;
const POSITIVE = "#1f77b4";
const NEGATIVE = "#d62728";
/** A cell whose prediction is no number (the network's sums overflowed): a grey no class and no value has. */
const NO_VALUE = "rgb(189,189,189)";

const state = { losses: [], validation: [], last: null, paused: false };

function $(id) { return document.getElementById(id); }

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

/** A number for people: 4 significant digits, plain decimals where they read well. */
function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(4)));
  return v.toExponential(3);
}

// ---------- the stream ----------

let source = null;

function connect() {
  if (source) source.close();
  const x = $("plane-x").value, y = $("plane-y").value;
  source = new EventSource("/events" + (x !== "" && y !== "" && x !== y ? "?x=" + x + "&y=" + y : ""));
  source.onmessage = (event) => update(JSON.parse(event.data));
  source.onerror = () => { $("status").textContent = "disconnected (is backprop studio still running?)"; };
}

function update(s) {
  if (s.from === 0) { state.losses = []; state.validation = []; }
  state.losses.push(...s.losses);
  state.validation.push(...s.validationLosses);
  const wasPaused = state.paused;
  state.paused = s.paused;
  state.last = s;
  $("status").textContent = s.status;
  $("epoch").textContent = s.epoch;
  $("updates").textContent = s.updates;
  $("speed").textContent = s.rowsPerSecond.toLocaleString("en");
  $("current-rate").textContent = fmt(s.learningRate);
  $("rule").textContent = s.stoppingRule;
  $("summary").textContent = s.architecture + ", optimizer " + s.optimizer + ", seed " + s.seed;
  if (document.activeElement !== $("rate")) $("rate").value = s.learningRate;
  if (document.activeElement !== $("seed")) $("seed").value = s.seed;
  if (![...$("pace").options].some((o) => Number(o.value) === s.pace)) {
    $("pace").add(new Option(s.pace + " epochs/s", String(s.pace)));
  }
  $("pace").value = [...$("pace").options].find((o) => Number(o.value) === s.pace).value;
  $("apply-rate").disabled = !s.paused;
  $("rate").disabled = !s.paused;
  drawLoss();
  if (s.network) {
    drawNetwork(s.network);
    choosePlane(s.network.inputs);
  }
  if (s.view) drawView(s.view);
  if (s.paused && !wasPaused) {
    // After "step one update" the page keeps the walkthrough of the update just made.
    if (state.justStepped) state.justStepped = false;
    else showNext();
  }
}

// ---------- the loss chart ----------

/** Ticks at 1, 2, 5 times powers of ten between lo and hi, written as plain decimals. */
function logTicks(lo, hi) {
  const ticks = [];
  for (let p = Math.floor(Math.log10(lo)) - 1; p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 2, 5]) {
      const v = m * Math.pow(10, p);
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks.length > 8 ? ticks.filter((v, i) => i % Math.ceil(ticks.length / 8) === 0) : ticks;
}

function sample(values) {
  if (values.length <= MOST_LOSS_POINTS) return values.map((v, i) => [i + 1, v]);
  const out = [];
  const step = values.length / MOST_LOSS_POINTS;
  for (let k = 0; k < MOST_LOSS_POINTS; k++) {
    const i = Math.floor(k * step);
    out.push([i + 1, values[i]]);
  }
  out.push([values.length, values[values.length - 1]]);
  return out;
}

function drawLoss() {
  const svg = $("loss");
  svg.replaceChildren();
  svg.setAttribute("data-points", state.losses.length);
  const all = state.losses.concat(state.validation).filter((v) => Number.isFinite(v) && v > 0);
  if (all.length === 0) return;
  const W = 560, H = 300, left = 60, right = 10, top = 10, bottom = 40;
  let lo = Math.min(...all), hi = Math.max(...all);
  if (hi / lo < 10) { const mid = Math.sqrt(hi * lo); lo = mid / Math.sqrt(10); hi = mid * Math.sqrt(10); }
  const n = Math.max(2, state.losses.length);
  const x = (e) => left + (e - 1) / (n - 1) * (W - left - right);
  const y = (v) => top + (Math.log(hi) - Math.log(v)) / (Math.log(hi) - Math.log(lo)) * (H - top - bottom);
  for (const t of logTicks(lo, hi)) {
    el("line", { x1: left, x2: W - right, y1: y(t), y2: y(t), stroke: "#eee" }, svg);
    const label = el("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end", class: "tick" }, svg);
    label.textContent = fmt(t);
  }
  el("line", { x1: left, x2: left, y1: top, y2: H - bottom, stroke: "#888" }, svg);
  el("line", { x1: left, x2: W - right, y1: H - bottom, y2: H - bottom, stroke: "#888" }, svg);
  const xLabel = el("text", { x: (W + left) / 2, y: H - 8, "text-anchor": "middle" }, svg);
  xLabel.textContent = "epoch (" + state.losses.length + ")";
  const lastLabel = el("text", { x: W - right, y: H - bottom + 14, "text-anchor": "end" }, svg);
  lastLabel.textContent = String(state.losses.length);
  const first = el("text", { x: left, y: H - bottom + 14, "text-anchor": "start" }, svg);
  first.textContent = "1";
  const path = (values, colour, name) => {
    const points = sample(values).filter((p) => Number.isFinite(p[1]) && p[1] > 0);
    if (points.length === 0) return;
    el("polyline", { points: points.map((p) => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" "),
      fill: "none", stroke: colour, "stroke-width": 1.5, class: name }, svg);
  };
  path(state.losses, POSITIVE, "training");
  path(state.validation, "#ff7f0e", "validation");
  const legend = el("text", { x: W - right - 4, y: top + 12, "text-anchor": "end" }, svg);
  legend.textContent = state.validation.length ? "blue: training, orange: validation" : "training loss "
    + fmt(state.losses[state.losses.length - 1]);
}

// ---------- the network ----------

function drawNetwork(net) {
  const svg = $("network");
  svg.replaceChildren();
  const W = 560, H = 300, left = 90, right = 20;
  const sizes = net.sizes;
  const shownNodes = sizes.map((n) => Math.min(n, 24));
  const px = (l) => left + l * (W - left - right) / (sizes.length - 1);
  const py = (l, i) => shownNodes[l] === 1 ? H / 2 : 20 + i * (H - 40) / (shownNodes[l] - 1);
  const edges = [];
  let largest = 0;
  net.layers.forEach((layer, l) => {
    const outs = sizes[l + 1];
    layer.w.forEach((w, k) => {
      const i = Math.floor(k / outs), j = k % outs;
      if (i < shownNodes[l] && j < shownNodes[l + 1]) edges.push({ l, i, j, w, g: layer.dw[k] });
      largest = Math.max(largest, Math.abs(w));
    });
  });
  const total = net.layers.reduce((sum, layer) => sum + layer.w.length, 0);
  let drawn = edges;
  if (edges.length > MOST_EDGES) {
    drawn = edges.slice().sort((a, b) => Math.abs(b.w) - Math.abs(a.w)).slice(0, MOST_EDGES);
  }
  const hidden = sizes.some((n) => n > 24);
  const among = hidden ? " of the " + edges.length + " between the first 24 units of each layer (" + total
    + " in all)" : " of " + total;
  $("network-note").textContent = (drawn.length < edges.length ? "Showing the " + drawn.length + " strongest weights"
    + among + ". " : hidden ? "Showing the weights between the first 24 units of each layer (" + edges.length
    + " of " + total + "). " : "")
    + "Thickness is |w| (largest " + fmt(largest) + "), blue positive, red negative; hover for a weight and its "
    + "last gradient.";
  for (const e of drawn) {
    const line = el("line", { x1: px(e.l), y1: py(e.l, e.i), x2: px(e.l + 1), y2: py(e.l + 1, e.j),
      stroke: e.w >= 0 ? POSITIVE : NEGATIVE, "stroke-opacity": 0.75,
      "stroke-width": (0.4 + 5 * Math.abs(e.w) / (largest || 1)).toFixed(2), class: "weight" }, svg);
    const title = el("title", {}, line);
    title.textContent = "W(" + (e.l + 1) + ")[" + (e.i + 1) + "," + (e.j + 1) + "] = " + fmt(e.w)
      + ", last dJ/dW = " + fmt(e.g);
  }
  shownNodes.forEach((n, l) => {
    for (let i = 0; i < n; i++) {
      const node = el("circle", { cx: px(l), cy: py(l, i), r: 7, fill: "#fff", stroke: "#333" }, svg);
      const title = el("title", {}, node);
      const bias = l > 0 && net.layers[l - 1].b ? ", bias " + fmt(net.layers[l - 1].b[i]) : "";
      title.textContent = (l === 0 ? net.inputs[i] : l === sizes.length - 1 ? net.outputs[i]
        : "unit " + (i + 1) + " of layer " + (l + 1)) + bias;
    }
  });
  if (shownNodes[0] <= 12) {
    net.inputs.slice(0, shownNodes[0]).forEach((name, i) => {
      const t = el("text", { x: px(0) - 10, y: py(0, i) + 4, "text-anchor": "end" }, svg);
      t.textContent = name.length > 12 ? name.slice(0, 11) + "…" : name;
    });
  }
}

// ---------- the fit ----------

/** For more than two inputs: two lists to choose the plane a surface is drawn over (none chosen: the fit). */
function choosePlane(inputs) {
  if (inputs.length <= 2 || $("plane-x").options.length > 0) return;
  $("plane").hidden = false;
  for (const id of ["plane-x", "plane-y"]) {
    $(id).add(new Option("(none)", ""));
    inputs.forEach((name, i) => $(id).add(new Option(name, String(i))));
    $(id).onchange = connect;
  }
}

/** Viridis-like colour for t in [0, 1]. */
function ramp(t) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(u));
  const f = u - k;
  const c = stops[k].map((v, i) => Math.round(v + f * (stops[k + 1][i] - v)));
  return "rgb(" + c.join(",") + ")";
}

/** The colour #rrggbb at strength t over white. */
function mix(hex, t) {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return "rgb(" + c.map((v) => Math.round(255 - t * (255 - v))).join(",") + ")";
}

function drawView(view) {
  const box = $("view");
  box.replaceChildren();
  if (view.kind === "surface") surface(box, view);
  else if (view.kind === "fit") fit(box, view);
  else confusion(box, view);
}

function surface(box, v) {
  $("view-title").textContent = (v.classify ? "Decision regions" : "Learned surface")
    + (v.othersAtMeans ? " over " + v.xName + " and " + v.yName + ", the other inputs at their means" : "");
  const size = 400;
  const canvas = document.createElement("canvas");
  canvas.width = size; canvas.height = size; canvas.id = "surface";
  box.appendChild(canvas);
  const g = canvas.getContext("2d");
  let lo = Infinity, hi = -Infinity;
  if (!v.classify) {
    for (const c of v.cells) { if (c !== null) { lo = Math.min(lo, c); hi = Math.max(hi, c); } }
    for (const p of v.points) { lo = Math.min(lo, p[2]); hi = Math.max(hi, p[2]); }
  }
  // The server sends each class's colour (as `plot` draws it), -1 for a cell of no class and null for no value.
  const noValue = v.cells.some((c) => c === null || c < 0);
  const colour = (value) => v.classify ? v.colours[value] || NO_VALUE
    : value === null ? NO_VALUE : ramp((value - lo) / ((hi - lo) || 1));
  // Regions are the class colour mixed with white. The grid is drawn one pixel a cell and scaled up smoothed, so
  // surfaces shade continuously and boundaries between regions are not staircases.
  const region = (value) => v.classify ? (value < 0 ? NO_VALUE : mix(v.colours[value], 0.35)) : colour(value);
  const cells = document.createElement("canvas");
  cells.width = v.grid; cells.height = v.grid;
  const pixels = cells.getContext("2d").createImageData(v.grid, v.grid);
  v.cells.forEach((value, k) => {
    const r = Math.floor(k / v.grid), c = k % v.grid;
    const rgb = region(value).match(/[0-9]+/g).map(Number);
    const at = 4 * ((v.grid - 1 - r) * v.grid + c);
    pixels.data.set([rgb[0], rgb[1], rgb[2], 255], at);
  });
  cells.getContext("2d").putImageData(pixels, 0, 0);
  g.imageSmoothingEnabled = true;
  g.drawImage(cells, 0, 0, size, size);
  const sx = (x) => (x - v.low[0]) / (v.high[0] - v.low[0]) * size;
  const sy = (y) => size - (y - v.low[1]) / (v.high[1] - v.low[1]) * size;
  for (const p of v.points) {
    g.beginPath();
    g.arc(sx(p[0]), sy(p[1]), 5, 0, 2 * Math.PI);
    g.fillStyle = colour(p[2]);
    g.fill();
    g.strokeStyle = "#000";
    g.stroke();
  }
  const legend = document.createElement("p");
  legend.className = "legend";
  const axes = v.xName + " across, " + v.yName + " up; points are the data, ";
  if (v.classify) {
    legend.append(axes + "coloured by their class: ");
    v.classes.forEach((name, i) => {
      const item = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = v.colours[i];
      item.append(swatch, name);
      legend.appendChild(item);
    });
  } else {
    legend.append(axes + "coloured by " + v.target + " as the surface is (a point unlike its background is a "
      + "residual): ");
    const bar = document.createElement("span");
    bar.style.background = "linear-gradient(to right," + [0, 0.25, 0.5, 0.75, 1].map(ramp).join(",") + ")";
    bar.style.display = "inline-block"; bar.style.width = "8em"; bar.style.height = "0.8em";
    legend.append(fmt(lo) + " ", bar, " " + fmt(hi));
  }
  if (noValue) {
    legend.append(" Grey: " + (v.classify ? "no class" : "no value") + " (the network's sums overflowed there).");
  }
  box.appendChild(legend);
}

function fit(box, v) {
  $("view-title").textContent = "Predicted against actual";
  const svg = el("svg", { width: 400, height: 400, id: "fit" });
  box.appendChild(svg);
  const values = v.points.flat();
  const lo = Math.min(...values), hi = Math.max(...values);
  const s = (t) => 40 + (t - lo) / ((hi - lo) || 1) * 340;
  el("line", { x1: s(lo), y1: 400 - s(lo), x2: s(hi), y2: 400 - s(hi), stroke: "#999", "stroke-dasharray": "4 3" },
    svg);
  const opacity = v.points.length > 100 ? 0.35 : 0.8;
  for (const p of v.points) {
    el("circle", { cx: s(p[0]), cy: 400 - s(p[1]), r: 3, fill: POSITIVE, "fill-opacity": opacity }, svg);
  }
  const title = el("text", { x: 200, y: 16, "text-anchor": "middle" }, svg);
  title.textContent = v.target + ": R² = " + fmt(v.r2) + (v.sampled ? " (an even sample of the rows)" : "")
    + (v.notFinite ? " (" + v.notFinite + " rows predicting no number left out)" : "");
  const xl = el("text", { x: 220, y: 396, "text-anchor": "middle" }, svg);
  xl.textContent = "actual (" + fmt(lo) + " to " + fmt(hi) + ")";
  const yl = el("text", { x: 12, y: 200, transform: "rotate(-90 12 200)", "text-anchor": "middle" }, svg);
  yl.textContent = "predicted";
}

function confusion(box, v) {
  $("view-title").textContent = "Confusion matrix" + (v.sampled ? " (an even sample of the rows)" : "")
    + (v.unanswered ? " (" + v.unanswered + " rows predicting no class, their probabilities NaN, left out)" : "");
  const table = document.createElement("table");
  table.className = "confusion";
  table.id = "confusion";
  const most = Math.max(1, ...v.counts.flat());
  const head = table.insertRow();
  head.insertCell().textContent = "actual \\ predicted";
  v.classes.forEach((name) => { const th = document.createElement("th"); th.textContent = name; head.appendChild(th); });
  v.counts.forEach((row, i) => {
    const tr = table.insertRow();
    const th = document.createElement("th");
    th.textContent = v.classes[i];
    tr.appendChild(th);
    row.forEach((count, j) => {
      const td = tr.insertCell();
      td.textContent = count;
      const t = count / most;
      td.style.background = i === j ? "rgba(31,119,180," + t + ")" : "rgba(214,39,40," + t + ")";
      td.style.color = t > 0.6 ? "#fff" : "#222";
    });
  });
  box.appendChild(table);
}

// ---------- the walkthrough ----------

function matrixBlock(m) {
  const div = document.createElement("div");
  div.className = "matrix";
  div.dataset.name = m.name;
  const rows = m.value.length, cols = rows ? m.value[0].length : 0;
  const label = document.createElement("div");
  label.className = "label";
  label.textContent = m.name + " = " + m.formula + "   (" + rows + " x " + cols + ")";
  div.appendChild(label);
  const table = document.createElement("table");
  for (let i = 0; i < Math.min(rows, SHOWN); i++) {
    const tr = table.insertRow();
    for (let j = 0; j < Math.min(cols, SHOWN); j++) {
      const td = tr.insertCell();
      td.dataset.v = String(m.value[i][j]);
      td.dataset.row = i; td.dataset.col = j;
      td.textContent = fmt(m.value[i][j]);
    }
    if (cols > SHOWN) tr.insertCell().textContent = "…";
  }
  if (rows > SHOWN) table.insertRow().insertCell().textContent = "⋮";
  div.appendChild(table);
  return div;
}

function showWalk(walk, heading) {
  $("walk-title").textContent = heading;
  $("walk-note").textContent = "Plain gradient descent on all " + walk.rows + " rows with η = " + fmt(walk.learningRate)
    + ", exactly as `backprop explain --model` shows it for these weights"
    + (state.last && (state.last.optimizer !== "gd" || state.last.updatesPerEpoch > 1)
      ? " (training itself uses " + state.last.optimizer + (state.last.updatesPerEpoch > 1 ? " on mini-batches" : "")
      + ", so its own update differs)." : ".");
  const box = $("walkthrough");
  box.replaceChildren();
  let part = null;
  const section = (text) => { const p = document.createElement("div"); p.className = "walk-part"; p.textContent = text; box.appendChild(p); };
  section("Forward pass");
  for (const m of walk.matrices) {
    if (part === null && m.name.startsWith("delta")) {
      const loss = document.createElement("p");
      loss.className = "walk-loss";
      loss.id = "walk-loss";
      loss.dataset.v = String(walk.loss);
      loss.textContent = "J = " + fmt(walk.loss);
      box.appendChild(loss);
      section("Backward pass");
      part = "backward";
    }
    if (part === "backward" && m.name.endsWith(" after")) {
      section("The update (W ← W − η ∂J/∂W); J after it = " + fmt(walk.lossAfterStep));
      part = "update";
    }
    box.appendChild(matrixBlock(m));
  }
}

async function showNext() {
  const response = await fetch("/api/walkthrough");
  if (response.ok) showWalk(await response.json(), "Walkthrough of the next update from these weights");
}

// ---------- the controls ----------

async function post(action, value) {
  const response = await fetch("/api/" + action + (value === undefined ? "" : "?value=" + encodeURIComponent(value)),
    { method: "POST" });
  $("message").textContent = response.ok ? "" : await response.text();
  return response;
}

$("pause").onclick = () => post("pause");
$("resume").onclick = () => { state.justStepped = false; post("resume"); };
$("step-epoch").onclick = () => post("epoch");
$("step").onclick = async () => {
  state.justStepped = true;
  const response = await post("step");
  if (response.ok) showWalk(await response.json(), "Walkthrough of the update just made");
};
$("apply-rate").onclick = () => post("rate", $("rate").value);
$("reset").onclick = () => post("reset", $("seed").value);
$("pace").onchange = () => post("pace", $("pace").value);

// A failure of this page's own code shows where a learner sees it (and the browser test reads it).
window.addEventListener("error", (event) => { $("message").textContent = "page error: " + event.message; });
connect();
