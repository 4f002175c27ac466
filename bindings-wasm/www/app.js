// The demo page: a due-date calculator and a month view of the Vietnamese calendar. All
// arithmetic and every rule is the motcua library's (./pkg, the WASM build); this file only
// reads the form, calls the library and draws the answers.
import init, * as motcua from "./pkg/index.js";
import { messages } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const stored = (() => {
  try {
    return localStorage.getItem("motcua.lang");
  } catch {
    return null;
  }
})();
let lang = params.get("lang") || stored || "vi";
if (!messages[lang]) lang = "vi";
const t = () => messages[lang];

let calendar = null;
let catalogue = null;
/** English procedure names from the catalogue file (display only; the core keeps `name`). */
const englishNames = new Map();
let lastDue = null;
/** The dossier of the last computation (recomputed when the language changes: the explanation
 * is the library's text, in Vietnamese or English). */
let lastDossier = null;
const view = { year: 0, month: 0 };

// ------------------------------------------------------------------------------ helpers

const pad = (n) => String(n).padStart(2, "0");
const isoOf = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
/** An ISO date → a local Date at noon (display only). */
const dateOf = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d, 12);
};
const longDate = (iso) =>
  dateOf(iso).toLocaleDateString(t().locale, { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" });
const shortDate = (iso) => dateOf(iso).toLocaleDateString(t().locale, { weekday: "short", day: "2-digit", month: "2-digit" });
/** Today in Vietnam (UTC+7), wherever the browser is. */
const todayIso = () => {
  const n = new Date(Date.now() + 7 * 3600 * 1000);
  return isoOf(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate());
};

function showError(err) {
  const box = $("error");
  if (!err) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.hidden = false;
  box.textContent = err.code ? `${err.code}: ${err.message}` : String(err.message || err);
}

// ------------------------------------------------------------------------------ language

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t().title;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const text = t()[el.dataset.i18n];
    if (typeof text === "string") el.textContent = text;
  }
  $("lang").textContent = t().toggle;
  fillProcedures();
  for (const row of $("events").children) labelEventRow(row);
  if (lastDossier) compute(lastDossier);
  else renderMonth();
  if (lastWorklist) renderWorklist();
}

$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  try {
    localStorage.setItem("motcua.lang", lang);
  } catch {
    // storage may be disabled; the toggle still works for this page
  }
  applyLanguage();
});

// ------------------------------------------------------------------------------ calculator

function fillProcedures() {
  const select = $("procedure");
  const keep = select.value;
  select.textContent = "";
  if (!catalogue) {
    const o = document.createElement("option");
    o.textContent = t().noCatalogue;
    o.disabled = true;
    select.append(o);
    return;
  }
  for (const p of catalogue.procedures()) {
    const o = document.createElement("option");
    o.value = p.code;
    o.textContent = `${t().procedureName({ ...p, nameEn: englishNames.get(p.code) })} — ${p.timeLimitText}`;
    select.append(o);
  }
  if (keep) select.value = keep;
}

for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener("change", () => {
    const byProcedure = document.querySelector('input[name="mode"]:checked').value === "procedure";
    $("limit-row").hidden = byProcedure;
    $("procedure-row").hidden = !byProcedure;
  });
}
$("unit").addEventListener("change", () => {
  $("amount").disabled = $("unit").value === "same_day";
});

function labelEventRow(li) {
  li.querySelector(".what").textContent = li.dataset.type === "supplement_requested" ? t().eventRequested : t().eventReceived;
  li.querySelector(".remove").title = t().remove;
}

function addEvent(type, date = $("received-date").value, time = "10:00") {
  const li = document.createElement("li");
  li.dataset.type = type;
  li.innerHTML = `<div class="row"><span class="what"></span>
    <input type="date" class="ev-date" required> <input type="time" class="ev-time" required>
    <button type="button" class="remove" aria-label="remove">×</button></div>`;
  li.querySelector(".ev-date").value = date;
  li.querySelector(".ev-time").value = time;
  li.querySelector(".remove").addEventListener("click", () => li.remove());
  labelEventRow(li);
  $("events").append(li);
  return li;
}
$("add-request").addEventListener("click", () => addEvent("supplement_requested"));
$("add-supplied").addEventListener("click", () => addEvent("supplement_received"));

/** The form as a dossier in the library's JSON format. */
function dossierFromForm() {
  const dossier = {
    received: `${$("received-date").value}T${$("received-time").value}`,
    channel: $("channel").value,
    events: [...$("events").children].map((li) => ({
      type: li.dataset.type,
      at: `${li.querySelector(".ev-date").value}T${li.querySelector(".ev-time").value}`,
    })),
  };
  if (document.querySelector('input[name="mode"]:checked').value === "procedure") {
    dossier.procedure = $("procedure").value;
  } else {
    const unit = $("unit").value;
    dossier.timeLimit = unit === "same_day" ? { sameDay: true } : { [unit]: Number($("amount").value) };
  }
  return dossier;
}

$("due-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  showError(null);
  if (typeof motcua.due !== "function") {
    showError(new Error(t().notAvailable));
    return;
  }
  const dossier = dossierFromForm();
  if (compute(dossier)) {
    const [y, m] = lastDue.due.split("-").map(Number);
    view.year = y;
    view.month = m;
    renderMonth();
  }
});

/** Computes the appointment of `dossier` with its explanation in the page's language. */
function compute(dossier) {
  try {
    lastDue = motcua.due(dossier, { calendar, catalogue: catalogue ?? undefined, explain: true, lang });
    lastDossier = dossier;
    renderDue(lastDue);
    renderMonth();
    return true;
  } catch (err) {
    lastDue = null;
    lastDossier = null;
    $("result").hidden = true;
    showError(err);
    return false;
  }
}

function renderDue(r) {
  $("result").hidden = false;
  $("due-date").textContent = longDate(r.due);
  $("due-date").dataset.iso = r.due;
  $("due-detail").textContent = `${t().dueAt} ${r.dueAt.replace("T", " ")} · ${t().ruleSet}: ${r.ruleSet}`;
  const warnings = $("warnings");
  warnings.textContent = "";
  for (const w of r.warnings ?? []) {
    const li = document.createElement("li");
    li.textContent = typeof w === "string" ? w : w.message ?? w.code;
    warnings.append(li);
  }
  const list = $("explain");
  list.textContent = "";
  for (const step of r.explain ?? []) list.append(explainItem(step));
  $("explain-box").hidden = !(r.explain ?? []).length;
}

/** One explanation step: the library's text (in the page's language, citing the law); a day
 * off is shown muted, the count and the receipt stand out. The legal basis and how far it was
 * checked are in the tooltip. */
function explainItem(step) {
  const li = document.createElement("li");
  li.dataset.kind = step.kind;
  if (step.kind === "day_off") li.className = "skip";
  if (["counted", "received", "end_moved", "outcome"].includes(step.kind)) li.className = "count";
  li.textContent = step.text;
  if (step.basis) li.title = `${t().basis}: ${step.basis.document} — ${t().basisStatus[step.basis.status] ?? step.basis.status}`;
  return li;
}

// ------------------------------------------------------------------------------ month view

function renderMonth() {
  if (!calendar || !view.year) return;
  const { year, month } = view;
  $("month-title").textContent = t().monthTitle(month, year, motcua.canChi(year), motcua.canChiEn(year));
  const status = safe(() => motcua.scheduleStatus(year));
  $("schedule-status").textContent = status ? t().status[status] : "";
  $("schedule-status").className = `badge ${status ?? ""}`;
  $("weekdays").innerHTML = t().weekdays.map((d) => `<th scope="col">${d}</th>`).join("");

  // 6 weeks from the Monday on or before the 1st (calendar layout only).
  const first = new Date(year, month - 1, 1, 12);
  const start = new Date(first);
  start.setDate(1 - ((first.getDay() + 6) % 7));
  const cells = [];
  for (let k = 0; k < 42; k++) {
    const d = new Date(start);
    d.setDate(start.getDate() + k);
    cells.push({ iso: isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate()), y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
  }
  const named = new Map();
  for (const y of new Set(cells.map((c) => c.y))) {
    for (const h of safe(() => calendar.holidays(y)) ?? []) {
      if (!named.has(h.date)) named.set(h.date, []);
      named.get(h.date).push(h);
    }
  }
  const kinds = new Map();
  const inRange = cells.filter((c) => c.iso >= calendar.from && c.iso <= calendar.to);
  if (inRange.length) {
    for (const day of calendar.days(inRange[0].iso, inRange[inRange.length - 1].iso)) kinds.set(day.date, day);
  }

  const today = todayIso();
  const body = $("grid").tBodies[0];
  body.textContent = "";
  for (let w = 0; w < 6; w++) {
    const tr = document.createElement("tr");
    for (let k = 0; k < 7; k++) {
      const c = cells[w * 7 + k];
      const td = document.createElement("td");
      td.dataset.date = c.iso;
      const classes = [];
      if (c.m !== month) classes.push("other");
      if (c.iso === today) classes.push("today");
      const day = kinds.get(c.iso);
      const list = named.get(c.iso) ?? [];
      if (day && !day.working && day.kind === "weekly_rest") classes.push("rest");
      if (day && day.kind === "holiday" && !list.length) classes.push("holiday");
      for (const h of list) classes.push(cellClass(h.kind));
      td.className = classes.join(" ");
      if (day) td.dataset.kind = day.kind;
      const lunar = safe(() => motcua.toLunar(c.iso));
      const lunarText = lunar
        ? lunar.day === 1 || (w === 0 && k === 0)
          ? `${lunar.day}/${lunar.month}${lunar.leap ? ` ${t().leap}` : ""}`
          : String(lunar.day)
        : "";
      const names = list.map((h) => (lang === "vi" ? h.nameVi : h.nameEn)).join(" · ");
      td.innerHTML = `<span class="d">${c.d}</span><span class="n"></span><span class="l${lunar && lunar.day === 1 ? " first" : ""}"></span>`;
      td.querySelector(".n").textContent = c.m === month ? names : "";
      td.querySelector(".l").textContent = lunarText;
      if (lunar) td.title = `${c.iso} · ${lang === "vi" ? "âm lịch" : "lunar"} ${lunar.day}/${lunar.month}${lunar.leap ? ` (${t().leap})` : ""}/${lunar.year}${names ? ` · ${names}` : ""}`;
      if (lastDue && lastDue.due === c.iso) td.classList.add("due-day");
      tr.append(td);
    }
    body.append(tr);
  }

  const ul = $("named-days");
  ul.textContent = "";
  for (const c of cells.filter((c) => c.m === month)) {
    for (const h of named.get(c.iso) ?? []) {
      const li = document.createElement("li");
      li.innerHTML = `<b></b> — <span class="name"></span> <span class="k"></span>`;
      li.querySelector("b").textContent = shortDate(c.iso);
      li.querySelector(".name").textContent = lang === "vi" ? h.nameVi : h.nameEn;
      li.querySelector(".k").textContent = `(${t().kind[h.kind] ?? h.kind})`;
      ul.append(li);
    }
  }
}

function cellClass(kind) {
  return { statutory: "holiday", provisional: "holiday", compensatory: "compensatory", swapped: "swapped", makeup_working_day: "makeup", pending: "pending" }[kind] ?? "holiday";
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return null;
  }
}

function flip(delta) {
  let m = view.month + delta;
  let y = view.year;
  if (m < 1) {
    m = 12;
    y -= 1;
  } else if (m > 12) {
    m = 1;
    y += 1;
  }
  const first = isoOf(y, m, 1);
  if (first < calendar.from.slice(0, 8) + "01" || first > calendar.to) return;
  view.year = y;
  view.month = m;
  renderMonth();
}
$("prev").addEventListener("click", () => flip(-1));
$("next").addEventListener("click", () => flip(1));

// ------------------------------------------------------------------------------ worklist

/** A small example for the worklist (as of Wednesday 29 April 2026, before the 30/4–1/5 break). */
const WL_SAMPLE = [
  "id,received,time_limit,supplement_requested,new_due,resolved,field",
  "HS-001,2026-04-22T09:00,3wd,,,,Hộ tịch",
  "HS-002,2026-04-24T09:00,3wd,,,,Đất đai",
  "HS-003,2026-04-24T09:00,2wd,,,,Chứng thực",
  "HS-004,2026-04-28T09:00,3wd,,,,Hộ tịch",
  "HS-005,2026-04-28T09:00,10wd,,,,Đất đai",
  "HS-006,2026-04-20T09:00,5wd,2026-04-21T10:00,,,Cư trú",
  "HS-007,2026-04-22T09:00,3wd,,2026-05-05,,Hộ tịch",
  "HS-008,2026-04-22T09:00,3wd,,,2026-04-24T10:00,Hộ tịch",
].join("\n");

let lastWorklist = null;

function renderWorklist() {
  const body = $("wl-table").tBodies[0];
  body.textContent = "";
  if (!lastWorklist) return;
  const rows = lastWorklist;
  for (const r of rows) {
    const tr = document.createElement("tr");
    tr.className = r.status;
    tr.dataset.id = r.id ?? "";
    const cells = [
      [r.id ?? "", ""],
      [r.field ?? "", ""],
      [shortDate(r.due), ""],
      [String(r.working_days_left), "num"],
      [t().wlStatuses[r.status] ?? r.status, "status"],
      [r.apology_by ? shortDate(r.apology_by) : "–", "apology"],
    ];
    for (const [text, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    tr.lastChild.dataset.iso = r.apology_by ?? "";
    body.append(tr);
  }
  $("wl-table").hidden = false;
  $("wl-summary").textContent = t().wlSummary(rows.length, rows.counted, rows.skipped.length);
}

/** Runs the worklist of `input`: CSV text (by default the text box's), or a picked file's bytes. */
function runWorklist(input = $("wl-csv").value) {
  const box = $("wl-error");
  box.hidden = true;
  lastWorklist = null;
  $("wl-table").hidden = true;
  $("wl-summary").textContent = "";
  // (the header of bytes that are not text: read leniently, only to see which columns there are)
  const text = typeof input === "string" ? input : new TextDecoder().decode(input.subarray(0, 1 << 16));
  const header = text.split(/\r?\n/, 1)[0].split(/[,;\t]/).map((h) => h.trim());
  try {
    const options = {
      asOf: `${$("wl-date").value}T${$("wl-time").value}`,
      within: Number($("wl-within").value || 0),
      all: $("wl-all").checked,
      skipBad: true,
    };
    if (header.includes("field")) options.by = "field";
    if (catalogue) options.catalogue = catalogue;
    lastWorklist = motcua.worklist(input, options);
    renderWorklist();
  } catch (err) {
    box.hidden = false;
    box.textContent = err.code ? `${err.code}: ${err.message}` : String(err.message || err);
  }
}

$("wl-run").addEventListener("click", () => runWorklist());
$("wl-sample").addEventListener("click", () => {
  $("wl-csv").value = WL_SAMPLE;
  $("wl-date").value = "2026-04-29";
  $("wl-time").value = "08:00";
  runWorklist();
});
/** A picked file's text, as the library reads its bytes: UTF-8, or UTF-16 by its byte-order
 * mark; `null` when the bytes are not text (a file saved in the Windows code page), which the
 * library then reports by line and column instead of `File.text()`'s replacement characters. */
function fileText(bytes) {
  const label = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le"
    : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

$("wl-file").addEventListener("change", async () => {
  const file = $("wl-file").files?.[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = fileText(bytes);
  $("wl-csv").value = text ?? "";
  runWorklist(text ?? bytes);
});

// ------------------------------------------------------------------------------ start

async function start() {
  await init();
  calendar = motcua.Calendar.vietnam();
  if (typeof motcua.Catalogue === "function") {
    try {
      const res = await fetch(new URL("./pkg/catalogue.json", import.meta.url));
      if (res.ok) {
        const text = await res.text();
        catalogue = motcua.Catalogue.fromJson(text);
        for (const p of JSON.parse(text)) if (p.name_en) englishNames.set(p.code, p.name_en);
      }
    } catch {
      catalogue = null;
    }
  }
  if (!catalogue) {
    $("mode-procedure-label").hidden = true;
  }
  const today = todayIso();
  $("received-date").value = params.get("received") ?? today;
  $("wl-date").value = today;
  const [y, m] = (params.get("month") ?? today).split("-").map(Number);
  view.year = y;
  view.month = m;
  $("status").textContent = "";
  applyLanguage();
  document.body.dataset.ready = "true";
}

start().catch((err) => {
  $("status").textContent = "";
  showError(err);
});
