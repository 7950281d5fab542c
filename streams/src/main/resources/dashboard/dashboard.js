// Tandem's live dashboard: the timeline of the selected outage (or of the latest hours), the open
// outages, and why an outage was grouped; updated from /api/stream without a reload. Every text a
// vendor wrote is set with textContent, never parsed as HTML.
"use strict";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const RECENT = 8;

const state = {
  outages: new Map(), // id -> outage as last published
  selected: null, // outage id
  chosen: false, // whether a person chose the selection (then updates do not change it)
  refresh: null,
  retry: null,
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** UTC, ISO-like: 2021-06-08 09:47Z (seconds when they are not zero). */
function utc(iso) {
  if (!iso) return "–";
  const s = new Date(iso).toISOString();
  const seconds = s.substring(17, 19);
  return s.substring(0, 10) + " " + s.substring(11, 16) + (seconds === "00" ? "" : ":" + seconds) + "Z";
}

function hhmm(ms) {
  return new Date(ms).toISOString().substring(11, 16);
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(path + ": " + response.status);
  return response.json();
}

function isOpen(o) {
  return o.state === "OPEN" || o.state === "UPDATED";
}

function byFirstOnsetDesc(a, b) {
  return Date.parse(b.firstOnset) - Date.parse(a.firstOnset) || (a.id < b.id ? -1 : 1);
}

function hashOutage() {
  const match = /(?:^#|&)outage=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

// ---- the outage lists ----

function causeText(o) {
  const c = o.suspectedCause;
  if (!c) return "cause unknown";
  return "cause " + c.provider + (c.reporting ? "" : " (not reporting yet)");
}

function outageItem(o) {
  const item = el("li", "outage");
  item.dataset.outageId = o.id;
  item.dataset.state = o.state;
  item.tabIndex = 0;
  item.setAttribute("role", "button");
  item.setAttribute("aria-selected", String(o.id === state.selected));
  item.append(
    el("div", "outage-line1", o.providers.join(", ")),
    el(
      "div",
      "outage-line2",
      causeText(o) + " · confidence " + o.confidence.toFixed(2) + " · " + utc(o.firstOnset)
    )
  );
  const choose = () => select(o.id, true);
  item.addEventListener("click", choose);
  item.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      choose();
    }
  });
  return item;
}

function renderLists() {
  const all = [...state.outages.values()].sort(byFirstOnsetDesc);
  const open = all.filter(isOpen);
  const recent = all.filter((o) => !isOpen(o)).slice(0, RECENT);
  const openList = document.getElementById("open-outages");
  openList.replaceChildren(...open.map(outageItem));
  if (open.length === 0) openList.append(el("li", "empty", "No open outage."));
  const recentList = document.getElementById("recent-outages");
  recentList.replaceChildren(...recent.map(outageItem));
  if (recent.length === 0) recentList.append(el("li", "empty", "None held."));
}

// ---- the details of the selected outage ----

function renderDetails(o) {
  const details = document.getElementById("details");
  if (!o) {
    details.replaceChildren(el("p", "empty", "Select an outage to see why Tandem grouped it."));
    return;
  }
  const facts = el("dl");
  const fact = (name, value) => facts.append(el("dt", null, name), el("dd", null, value));
  fact("Providers", o.providers.join(", "));
  const c = o.suspectedCause;
  fact("Cause", c ? c.provider + (c.reporting ? "" : " (not reporting yet)") + ": " + c.reason : "unknown");
  fact("Confidence", o.confidence.toFixed(2));
  fact("State", o.state + " (v" + o.version + ")");
  fact("First onset", utc(o.firstOnset));
  fact("Resolved", utc(o.resolvedAt));
  fact("Id", o.id);
  const why = el("ol");
  (o.explanation || []).forEach((line) => why.append(el("li", null, line)));
  const members = el("ol");
  (o.members || []).forEach((m) =>
    members.append(
      el("li", null, m.provider + " · " + m.impact + " · " + utc(m.startedAt) + " · " + (m.title || m.incidentId))
    )
  );
  details.replaceChildren(facts, el("h3", null, "Why"), why, el("h3", null, "Member incidents"), members);
}

// ---- the timeline ----

function windowOf(o) {
  if (!o) return null;
  const first = Date.parse(o.firstOnset);
  const last = o.resolvedAt ? Date.parse(o.resolvedAt) : Math.max(Date.parse(o.lastOnset), Math.min(Date.now(), first + 12 * HOUR));
  const pad = Math.max(30 * MINUTE, (last - first) * 0.15);
  return { from: new Date(first - pad).toISOString(), to: new Date(last + pad).toISOString() };
}

function tickStep(span) {
  const steps = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);
  return steps.find((s) => span / s <= 8) || 1440 * MINUTE;
}

function renderTimeline(answer) {
  const from = Date.parse(answer.from);
  const to = Date.parse(answer.to);
  const span = to - from;
  const x = (iso) => (iso === null ? 100 : Math.min(100, Math.max(0, ((Date.parse(iso) - from) / span) * 100)));
  document.getElementById("window").textContent = utc(answer.from) + " → " + utc(answer.to);

  const step = tickStep(span);
  const ticks = [];
  for (let t = Math.ceil(from / step) * step; t < to; t += step) ticks.push(t);
  const axis = document.getElementById("axis");
  axis.replaceChildren(
    ...ticks.map((t) => {
      const tick = el("span", "tick", step >= 1440 * MINUTE || hhmm(t) === "00:00" ? new Date(t).toISOString().substring(5, 10) : hhmm(t));
      tick.style.left = ((t - from) / span) * 100 + "%";
      return tick;
    })
  );

  const causes = new Set();
  const memberIncidents = new Set();
  answer.outages.forEach((o) => {
    if (o.suspectedCause) causes.add(o.suspectedCause.provider);
    (o.members || []).forEach((m) => memberIncidents.add(m.provider + "/" + m.incidentId));
  });

  const rows = el("div", "rows");
  rows.id = "rows";
  answer.rows.forEach((r) => {
    const row = el("div", "row");
    row.dataset.provider = r.provider;
    row.dataset.why = r.why;
    const label = el("div", "row-label", r.provider);
    label.title = r.provider;
    if (causes.has(r.provider)) {
      label.append(el("span", "cause-mark", "cause"));
      row.dataset.cause = "true";
    }
    const track = el("div", "track");
    ticks.forEach((t) => {
      const line = el("div", "gridline");
      line.style.left = ((t - from) / span) * 100 + "%";
      track.append(line);
    });
    r.incidents.forEach((i) => {
      const bar = el("div", "bar", i.title || i.incidentId);
      bar.dataset.impact = i.impact;
      bar.dataset.open = String(i.resolvedAt === null);
      const left = x(i.startedAt);
      bar.style.left = left + "%";
      bar.style.width = Math.max(0, x(i.resolvedAt) - left) + "%";
      bar.title = r.provider + ": " + (i.title || i.incidentId) + " (" + i.impact + ", " + utc(i.startedAt) + " – " + utc(i.resolvedAt) + ")";
      if (causes.has(r.provider) && memberIncidents.has(r.provider + "/" + i.incidentId)) bar.classList.add("cause");
      track.append(bar);
    });
    row.append(label, track);
    rows.append(row);
  });
  document.getElementById("timeline").replaceChildren(rows);
  drawBands(answer, x);
  const hidden = answer.hiddenRows;
  document.getElementById("hidden-rows").textContent =
    answer.rows.length === 0 ? "No incident in this window." : hidden > 0 ? hidden + " more providers with incidents in this window are not drawn." : "\u00a0";
}

/** One band per outage, across the rows of its members, placed once the rows have their size. */
function drawBands(answer, x) {
  const rows = document.getElementById("rows");
  const rowEls = [...rows.children];
  const index = new Map(rowEls.map((r, i) => [r.dataset.provider, i]));
  const label = rowEls.length ? rowEls[0].querySelector(".row-label").offsetWidth : 0;
  const trackWidth = rows.offsetWidth - label;
  answer.outages.forEach((o) => {
    const at = o.providers.map((p) => index.get(p)).filter((i) => i !== undefined);
    if (at.length === 0) return;
    const top = Math.min(...at);
    const bottom = Math.max(...at);
    const band = el("div", "band");
    band.dataset.outageId = o.id;
    band.dataset.providers = o.providers.join(" ");
    band.dataset.cause = o.suspectedCause ? o.suspectedCause.provider : "";
    if (o.id === state.selected) band.classList.add("selected");
    const left = label + (trackWidth * x(o.firstOnset)) / 100;
    const right = label + (trackWidth * x(o.resolvedAt)) / 100;
    band.style.left = left - 2 + "px";
    band.style.width = Math.max(6, right - left + 4) + "px";
    band.style.top = rowEls[top].offsetTop + 1 + "px";
    band.style.height = rowEls[bottom].offsetTop + rowEls[bottom].offsetHeight - rowEls[top].offsetTop - 2 + "px";
    band.title = o.id;
    rows.append(band);
  });
}

// ---- loading and live updates ----

async function select(id, chosen) {
  state.selected = id;
  state.chosen = chosen;
  if (chosen && hashOutage() !== id) history.replaceState(null, "", "#outage=" + encodeURIComponent(id));
  await render();
}

/** The outage to show when nobody chose one: the newest open one, else the newest held. */
function automaticSelection() {
  const all = [...state.outages.values()].sort(byFirstOnsetDesc);
  const open = all.find(isOpen);
  return (open || all[0] || {}).id || null;
}

async function render() {
  if (!state.chosen || (state.selected && !state.outages.has(state.selected) && !(await fetchOutage(state.selected)))) {
    state.selected = automaticSelection();
  }
  renderLists();
  const o = state.outages.get(state.selected) || null;
  renderDetails(o);
  const w = windowOf(o);
  const timeline = await getJson("/api/timeline" + (w ? "?from=" + encodeURIComponent(w.from) + "&to=" + encodeURIComponent(w.to) : ""));
  renderTimeline(timeline);
  document.body.dataset.ready = "true";
}

/** An outage asked for by link that the list does not hold (older than it reaches). */
async function fetchOutage(id) {
  try {
    const answer = await getJson("/api/outages/" + encodeURIComponent(id));
    if (answer.current) state.outages.set(id, answer.current);
    return !!answer.current;
  } catch (e) {
    return false;
  }
}

async function loadAll() {
  // As published on the topic /api/stream reads: outages correlation has let go of are there too.
  const [open, resolved] = await Promise.all([
    getJson("/api/published?state=open&limit=1000"),
    getJson("/api/published?state=resolved&limit=" + RECENT),
  ]);
  state.outages = new Map();
  [...resolved.outages, ...open.outages].forEach((o) => state.outages.set(o.id, o));
  await render();
}

/** Updates come in bursts (one per version): redraw once they settle. */
function scheduleRender() {
  clearTimeout(state.refresh);
  state.refresh = setTimeout(() => render().catch(showError), 250);
}

function onOutage(event) {
  const o = JSON.parse(event.data);
  if (o.state === "RETRACTED" || o.state === "MERGED") {
    state.outages.delete(o.id);
    if (o.id === state.selected && o.mergedInto) state.selected = o.mergedInto;
  } else {
    state.outages.set(o.id, o);
  }
  scheduleRender();
}

/** The API did not answer (restarting, rebalancing: 503): say so and ask again shortly. */
function showError(e) {
  const live = document.getElementById("live");
  live.dataset.state = "reconnecting";
  live.textContent = "API unreachable";
  console.error(e);
  clearTimeout(state.retry);
  state.retry = setTimeout(() => loadAll().then(() => {
    live.dataset.state = "live";
    live.textContent = "live";
  }, showError), 5000);
}

function connect() {
  const live = document.getElementById("live");
  const stream = new EventSource("/api/stream");
  stream.addEventListener("open", () => {
    live.dataset.state = "live";
    live.textContent = "live";
    // The stream sends changes from now on: what changed before it (re)opened is read again.
    loadAll().catch(showError);
  });
  stream.addEventListener("error", () => {
    live.dataset.state = "reconnecting";
    live.textContent = "reconnecting…";
  });
  stream.addEventListener("outage", onOutage);
}

window.addEventListener("hashchange", () => {
  const id = hashOutage();
  if (id && id !== state.selected) select(id, true).catch(showError);
});
window.addEventListener("resize", () => scheduleRender());

const linked = hashOutage();
if (linked) {
  state.selected = linked;
  state.chosen = true;
}
connect();
loadAll().catch(showError);
