"""The exploration page served at `/`: server-rendered HTML and a little vanilla JavaScript, no build step.

Pick an account (search → GET /accounts?q=), see its map; pick a deal, see averages, win rate and
gaps beside the deal graph; click a contact in any graph (the graph posts a message to this page)
and ask who can reach them. Graph HTML is fetched (so an API key header can go with it) and shown
in an iframe through `srcdoc`. English / 中文 labels switch with one button; nothing is loaded from
outside this server.
"""
from __future__ import annotations

import json
from functools import lru_cache

from app.core import script_nonce
from app.i18n import LANGUAGES, catalog
from app.i18n.catalog.users import page_texts
from app.viz.theme import LABELS, VALUE_LABELS

_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>brm-graph</title>
<link rel="icon" href="data:,">
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
    "Microsoft YaHei", sans-serif; color: #263238; background: #f5f7f8; }
  header { display: flex; align-items: center; gap: 12px; padding: 8px 16px; background: #263238; color: #fff; }
  header h1 { font-size: 17px; margin: 0; flex: 1; font-weight: 600; }
  header form { margin: 0; }
  header input { width: 200px; padding: 4px 7px; border-radius: 4px; border: 1px solid #546e7a; }
  header button { white-space: nowrap; }
  button { cursor: pointer; border: 1px solid #90a4ae; background: #fff; border-radius: 4px; padding: 4px 10px; font: inherit; }
  button:hover { background: #eceff1; }
  button.primary { background: #1e88e5; color: #fff; border-color: #1565c0; }
  button.primary:hover { background: #1565c0; }
  #layout { display: grid; grid-template-columns: 360px 1fr; height: calc(100% - 46px); }
  aside { overflow-y: auto; padding: 10px 12px; border-right: 1px solid #cfd8dc; background: #fff; }
  aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #546e7a; margin: 14px 0 6px; }
  aside input[type=search], aside select { width: 100%; padding: 5px 7px; border: 1px solid #b0bec5; border-radius: 4px; font: inherit; }
  ul.pick { list-style: none; margin: 4px 0; padding: 0; }
  ul.pick li button { width: 100%; text-align: left; border: 0; border-bottom: 1px solid #eceff1; border-radius: 0; padding: 5px 6px; }
  ul.pick li button.active { background: #e3f2fd; font-weight: 600; }
  .row { display: flex; gap: 6px; margin: 6px 0; align-items: center; }
  .row > * { flex: 1; }
  .muted { color: #78909c; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  td, th { padding: 3px 4px; border-bottom: 1px solid #eceff1; text-align: left; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .big { font-size: 26px; font-weight: 600; }
  .gap { border-left: 4px solid #90a4ae; padding: 4px 8px; margin: 6px 0; background: #fafafa; }
  .gap.high { border-color: #d50000; } .gap.medium { border-color: #ff9800; } .gap.low { border-color: #90a4ae; }
  .gap .code { font-weight: 600; font-size: 12px; }
  .gap .action { color: #1b5e20; margin-top: 3px; }
  .gap ul.gap-items { margin: 3px 0; padding-left: 16px; }
  #gap-list h3 { font-size: 12px; color: #546e7a; margin: 10px 0 2px; font-weight: 600; }
  .loading::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px; border: 2px solid #90a4ae;
    border-top-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; vertical-align: -1px; }
  @keyframes spin { to { transform: rotate(360deg); } }
  main { display: flex; flex-direction: column; min-width: 0; }
  nav { display: flex; gap: 4px; padding: 6px 10px; border-bottom: 1px solid #cfd8dc; background: #fff; align-items: center; }
  nav button[aria-selected=true] { background: #263238; color: #fff; }
  nav #status { margin-left: auto; color: #78909c; font-size: 12px; }
  #graph { flex: 1; border: 0; width: 100%; background: #fff; }
  #graph-loading { position: absolute; top: 52px; left: 50%; transform: translateX(-50%); z-index: 5; background: #fff;
    border: 1px solid #cfd8dc; border-radius: 4px; padding: 6px 14px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  #graph-loading[hidden] { display: none; }
  #empty { padding: 40px; color: #78909c; }
  #crm-start { padding: 0 40px 30px; color: #37474f; max-width: 820px; }
  #crm-start h2 { font-size: 15px; margin: 0 0 6px; } #crm-start h3 { font-size: 13px; margin: 10px 0 2px; color: #546e7a; }
  #crm-start ul { margin: 2px 0; padding-left: 18px; } #crm-start li { margin: 3px 0; }
  #crm-start .crm-source { border-left: 3px solid #90a4ae; padding-left: 10px; margin-bottom: 12px; }
  .error { color: #c62828; }
  ol.paths { padding-left: 20px; margin: 4px 0; }
  ol.paths li { margin: 4px 0; }
img.chart { width: 100%; height: auto; border: 1px solid #e3e6ea; border-radius: 4px; margin-top: 4px; cursor: zoom-in; }
  main { position: relative; }
  #chart-big { position: absolute; inset: 44px 0 0 0; background: rgba(255,255,255,.97); display: flex;
    align-items: center; justify-content: center; cursor: zoom-out; z-index: 10; }
  #chart-big[hidden] { display: none; }
  #chart-big img { max-width: 96%; max-height: 96%; }
</style>
<link rel="stylesheet" href="/static/edit.css">
</head>
<body>
<header>
  <h1 data-i18n="title">Relationship map</h1>
  <span id="who"></span><button id="sign-out" type="button" hidden data-i18n="users.page.sign_out">Sign out</button>
  <button id="lang" type="button">中文</button>
</header>
<div id="layout">
  <aside>
    <h2 data-i18n="account">Account</h2>
    <input id="account-q" type="search" autocomplete="off" data-i18n-placeholder="search" placeholder="Search accounts…">
    <ul id="account-results" class="pick"></ul>
    <div id="filters" hidden>
      <div class="row"><label><span data-i18n="department">Department</span><select id="department"></select></label></div>
      <div class="row"><label><input id="subunits" type="checkbox"> <span data-i18n="subunits">Include sub-departments</span></label></div>
      <div class="row"><label><span data-i18n="circle">Circle</span><select id="circle"></select></label></div>
      <div class="row"><label><span data-i18n="map_as_of">Map as of</span> <input id="map-as-of" type="date"></label></div>
      <div class="row"><label><input id="employees" type="checkbox"> <span data-i18n="employees_toggle">Show our employees</span></label></div>
      <div class="row"><label><input id="all-ties" type="checkbox"> <span data-i18n="show_all_ties">Show all ties</span></label></div>
      <form id="person-search" class="row" autocomplete="off"><input id="person-q" type="search" data-i18n-placeholder="find_person" placeholder="Find a person…"></form>
      <div id="person-note" class="muted"></div>
    </div>
    <section id="trend-section" hidden>
      <h2 data-i18n="account_trend">Three degrees by month</h2>
      <div class="loading muted" hidden></div>
      <img id="account-trend" class="chart" alt="">
    </section>
    <section id="contact-section">
      <h2 data-i18n="contact">Contact</h2>
      <div id="contact-name" class="muted" data-i18n="pick_contact">Click a person in the graph.</div>
      <div class="row"><button id="reach-button" class="primary" type="button" hidden data-i18n="who_can_reach">Who can reach this person?</button></div>
      <div id="reach-details"></div>
    </section>
    <section id="deal-section" hidden>
      <h2 data-i18n="deals">Open deals</h2>
      <ul id="deal-list" class="pick"></ul>
      <div id="deal-details"></div>
    </section>
  </aside>
  <main>
    <nav>
      <button type="button" data-view="account" aria-selected="false" data-i18n="map_tab">Account map</button>
      <button type="button" data-view="deal" aria-selected="false" data-i18n="deal_tab" disabled>Deal</button>
      <button type="button" data-view="reach" aria-selected="false" data-i18n="reach_tab" disabled>Reach</button>
      <button type="button" data-view="review" aria-selected="false" data-i18n="review_tab">Weekly review</button>
      <button type="button" data-view="alerts" aria-selected="false" data-i18n="alerts_tab">Alerts</button>
      <span id="status"></span>
    </nav>
    <div id="graph-loading" class="loading muted" role="status" hidden></div>
    <div id="empty" data-i18n="pick_account">Search and pick an account to start.</div>
    <section id="crm-start" hidden></section>
    <iframe id="graph" title="graph" hidden></iframe>
    <div id="chart-big" hidden><img id="chart-big-img" alt=""></div>
  </main>
</div>
<script>
"use strict";
const LABELS = __LABELS__;
const VALUES = __VALUES__;
const state = { lang: localStorage.getItem("brm.lang") || "en", account: null, deal: null, contact: null,
                view: null, dealData: null, reachData: null, started: 0, expanded: new Set(), focus: null };
const $ = (id) => document.getElementById(id);
/* issue 18: this script's CSP nonce; a graph view is fetched with it, as it runs in this page's srcdoc frame */
const NONCE = (document.currentScript && document.currentScript.nonce) || "";
const T = (key) => (LABELS[state.lang] || LABELS.en)[key] || LABELS.en[key] || key;
const V = (value) => value == null ? "—" : ((VALUES[state.lang] || {})[value] || (VALUES.en || {})[value] || String(value));
const fmt = (x, digits = 1) => (x == null || Number.isNaN(x)) ? "—" : Number(x).toFixed(digits);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}
function headers(extra = {}) {  /* the session cookie goes by itself; writes add the CSRF token (static/edit.js) */
  return window.AUTH && AUTH.csrf ? { ...extra, "X-CSRF-Token": AUTH.csrf } : extra;
}
/* Every call names the page's language, so the server's texts (gaps, reasons, errors) come in it. */
async function api(path, options = {}) {
  const response = await fetch(withLang(path), { ...options, headers: headers(options.headers || {}) });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { const body = await response.json(); message = body.message || body.detail || message; } catch (e) {}
    const error = new Error(message); error.status = response.status; throw error;
  }
  const type = response.headers.get("content-type") || "";
  return type.includes("json") ? response.json() : response.text();
}
const withLang = (path) => path + (path.includes("?") ? "&" : "?") + "lang=" + state.lang;

/* ---------- graph frame ---------- */
let loadToken = 0;
async function showGraph(view, path) {
  const token = ++loadToken;
  state.view = view;
  document.querySelectorAll("nav button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.view === view)));
  $("status").textContent = T("loading");
  $("graph-loading").textContent = T("loading"); $("graph-loading").hidden = false;  /* over the old view or the empty panel */
  if ($("graph").hidden) $("empty").hidden = true;  /* not "pick an account" while the account's map is on its way */
  state.started = performance.now();
  let html;
  try { html = await api(path, { headers: NONCE ? { "X-CSP-Nonce": NONCE } : {} }); }
  catch (error) {
    if (token !== loadToken) return;
    $("graph-loading").hidden = true;
    $("status").textContent = ""; $("graph").hidden = true; $("empty").hidden = false;
    $("empty").removeAttribute("data-i18n");
    $("empty").textContent = T("unavailable") + ": " + error.message; $("empty").className = "error";
    return;
  }
  if (token !== loadToken) return;
  $("graph-loading").hidden = true;
  $("status").className = "";
  $("empty").hidden = true; $("empty").className = ""; $("graph").hidden = false; $("crm-start").hidden = true;
  $("graph").srcdoc = html;
}

/* ---------- issue 12: after a CRM import, what it could not give and what to do next (GET /sources) ---------- */
async function loadCrmStart() {
  const box = $("crm-start");
  let data;
  try { data = await api("/sources"); } catch (error) { box.hidden = true; return; }
  const items = data.sources || [];
  if (!items.length) { box.hidden = true; return; }
  const list = (lines) => el("ul", {}, ...lines.map((line) => el("li", {}, line)));
  box.replaceChildren(el("h2", {}, T("crm_title")), ...items.map((s) => el("div", { class: "crm-source", "data-source": s.source },
    el("p", {}, s.headline), el("h3", {}, T("crm_cannot")), list(s.cannot_give || []),
    el("h3", {}, T("crm_next")), list(s.next_steps || []))));
  box.hidden = !$("graph").hidden || document.body.dataset.auth === "out";
}
window.loadCrmStart = loadCrmStart;
window.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.source !== "brm-graph" || event.source !== $("graph").contentWindow) return;
  if (data.type === "drawn") {
    const ms = Math.round(performance.now() - state.started);
    $("status").textContent = T("rendered") + " " + ms + " ms · " + data.nodes + " / " + data.edges;
    document.body.dataset.drawnView = data.view;
    if ($("all-ties").checked) toGraph({ type: "reveal_all", on: true });
    if (state.focus && data.view === "account") { toGraph({ type: "focus", id: state.focus }); state.focus = null; }
    if (state.focusQuery && data.view === "account") { toGraph({ type: "focus", q: state.focusQuery }); state.focusQuery = null; }
  } else if (data.type === "node" && data.kind === "contact") {
    selectContact(data.id, data.name);
  } else if (data.type === "expand" && state.view === "account") {  // a folded department was clicked or searched
    state.expanded.add(data.id); state.focus = data.focus || null;
    loadAccountMap();
  } else if (data.type === "found") {
    $("person-note").textContent = data.id ? "" : T("not_found_person");
  }
});
document.querySelectorAll("nav button").forEach((button) => button.addEventListener("click", () => {
  if (button.dataset.view === "account") loadAccountMap();
  if (button.dataset.view === "deal" && state.deal) loadDealGraph();
  if (button.dataset.view === "reach" && state.contact) loadReachGraph();
  if (button.dataset.view === "review" || button.dataset.view === "alerts")  // issue 17: server-rendered views
    showGraph(button.dataset.view, button.dataset.view === "review" ? "/reviews/weekly.html" : "/alerts.html");
}));

function toGraph(message) {
  const frame = $("graph").contentWindow;
  if (frame) frame.postMessage({ ...message, target: "brm-graph" }, "*");
}
$("person-search").addEventListener("submit", (event) => event.preventDefault());
$("person-q").addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  const q = $("person-q").value.trim();
  if (!q) return;
  if (state.view !== "account") { state.focusQuery = q; loadAccountMap(); return; }
  toGraph({ type: "focus", q });
});
$("all-ties").addEventListener("change", () => toGraph({ type: "reveal_all", on: $("all-ties").checked }));

/* ---------- accounts ---------- */
let searchTimer = null;
$("account-q").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(searchAccounts, 250); });
async function searchAccounts() {
  const q = $("account-q").value.trim();
  const list = $("account-results");
  const token = state.accountSearch = (state.accountSearch || 0) + 1;  /* a slower earlier answer never overwrites a later one */
  list.replaceChildren(el("li", { class: "muted loading" }, T("loading")));
  try {
    const answer = await api("/accounts?limit=20" + (q ? "&q=" + encodeURIComponent(q) : ""));
    if (token !== state.accountSearch) return;
    const items = Array.isArray(answer) ? answer : (answer.items || []);
    list.replaceChildren(...items.map((a) => el("li", {}, el("button", { type: "button", "data-id": a.id,
      class: state.account && state.account.id === a.id ? "active" : "", onclick: () => selectAccount(a) }, a.name || a.id))));
    if (!items.length) list.replaceChildren(el("li", { class: "muted" }, T("no_result")));
  } catch (error) { if (token === state.accountSearch) list.replaceChildren(el("li", { class: "error" }, error.message)); }
}
/* Charts need the API key too, so they are fetched (not <img src>) and shown from a blob URL. */
document.addEventListener("click", (event) => {
  const img = event.target.closest && event.target.closest("img.chart");
  if (img && img.src) { $("chart-big-img").src = img.src; $("chart-big").hidden = false; }
  else if (event.target.closest && event.target.closest("#chart-big")) $("chart-big").hidden = true;
});
async function showChart(img, path) {
  if (img.dataset.url) URL.revokeObjectURL(img.dataset.url);
  img.hidden = true;
  const note = img.previousElementSibling && img.previousElementSibling.classList.contains("loading") ? img.previousElementSibling : null;
  if (note) { note.hidden = false; note.textContent = T("loading"); note.className = "loading muted"; }
  let response;
  try { response = await fetch(withLang(path), { headers: headers() }); } catch (e) { response = { ok: false }; }
  if (!response.ok) { if (note) { note.textContent = T("unavailable"); note.className = "loading error"; } return; }
  if (note) note.hidden = true;
  img.dataset.url = URL.createObjectURL(await response.blob());
  img.src = img.dataset.url; img.hidden = false;
}
async function selectAccount(account) {
  state.account = { id: account.id, name: account.name };
  state.deal = null; state.dealData = null; state.expanded = new Set(); state.focus = null;
  document.querySelectorAll("#account-results button").forEach((b) => b.classList.toggle("active", b.dataset.id === account.id));
  $("deal-section").hidden = false;
  $("deal-list").replaceChildren(el("li", { class: "muted loading" }, T("loading")));
  $("deal-details").replaceChildren();
  let data;
  try { data = await api("/viz/accounts/" + encodeURIComponent(account.id) + "/data?light=true"); }  // issue 15: filters and counts only
  catch (error) { $("deal-list").replaceChildren(el("li", { class: "error" }, T("unavailable") + ": " + error.message)); return; }
  state.mapData = data; $("department").value = ""; fillDepartments(); fillSelect($("circle"), data.circles);
  $("filters").hidden = false;
  $("deal-section").hidden = false;
  $("trend-section").hidden = false;
  showChart($("account-trend"), "/accounts/" + encodeURIComponent(account.id) + "/trend.png?compact=true");
  const deals = data.opportunities || [];
  $("deal-list").replaceChildren(...deals.map((o) => el("li", {}, el("button", { type: "button", "data-id": o.id,
    onclick: () => selectDeal(o) }, (o.name || o.id) + " · " + V(o.stage)))));
  if (!deals.length) $("deal-list").replaceChildren(el("li", { class: "muted" }, T("no_deals")));
  $("deal-details").replaceChildren();
  document.querySelector('nav button[data-view="deal"]').disabled = true;
  loadAccountMap();
}
/* The department filter: the tree of departments, each with exactly the number of people the map then
   draws (those who work in it; with "sub-departments", those below it too). Counted from the account's data. */
function departmentCounts(data) {
  const parent = {}; (data.departments || []).forEach((d) => { parent[d.id] = d.parent || null; });
  const own = {}, tree = {};
  (data.contacts || []).forEach((c) => {
    const d = c.department && c.department.id;
    if (!d) return;
    own[d] = (own[d] || 0) + 1;
    for (let x = d, seen = new Set(); x && !seen.has(x); x = parent[x]) { seen.add(x); tree[x] = (tree[x] || 0) + 1; }
  });
  return { own, tree, parent };
}
function fillDepartments() {
  const select = $("department"), data = state.mapData;
  if (!data) return;
  const keep = select.value, counts = departmentCounts(data), people = $("subunits").checked ? counts.tree : counts.own;
  const kids = {}, known = new Set((data.departments || []).map((d) => d.id));
  (data.departments || []).forEach((d) => { const p = d.parent && known.has(d.parent) ? d.parent : ""; (kids[p] = kids[p] || []).push(d); });
  const ordered = [], seen = new Set();
  const walk = (p, level) => (kids[p] || []).sort((a, b) => String(a.name || a.id).localeCompare(String(b.name || b.id)))
    .forEach((d) => { if (seen.has(d.id)) return; seen.add(d.id); ordered.push([d, level]); walk(d.id, level + 1); });
  walk("", 0);
  (data.departments || []).forEach((d) => { if (!seen.has(d.id)) { seen.add(d.id); ordered.push([d, 0]); } });  // a cycle in bad data
  select.replaceChildren(el("option", { value: "" }, T("all")), ...ordered.map(([d, level]) => el("option",
    { value: d.id, "data-people": String(people[d.id] || 0) },
    "\u00a0\u00a0".repeat(level) + (d.name || d.id) + " (" + (people[d.id] || 0) + ")")));
  select.value = keep;
}
$("subunits").addEventListener("change", () => { fillDepartments(); if ($("department").value) loadAccountMap(); });
function fillSelect(select, items) {
  select.replaceChildren(el("option", { value: "" }, T("all")), ...(items || []).map((i) => el("option", { value: i.id }, i.name || i.id)));
}
["department", "circle"].forEach((id) => $(id).addEventListener("change", () => {
  if (id === "department" && $("department").value) $("circle").value = "";
  if (id === "circle" && $("circle").value) $("department").value = "";
  loadAccountMap();
}));
$("employees").addEventListener("change", () => loadAccountMap());
$("map-as-of").addEventListener("change", () => loadAccountMap());  // issue 17: the map of a past day
function loadAccountMap() {
  if (!state.account) return;
  const params = new URLSearchParams();
  if ($("department").value) { params.set("department", $("department").value); params.set("subunits", String($("subunits").checked)); }
  if ($("circle").value) params.set("circle", $("circle").value);
  if ($("employees").checked) params.set("employees", "true");
  if ($("map-as-of").value) params.set("as_of", $("map-as-of").value);
  if (state.expanded.size) params.set("expand", [...state.expanded].join(","));
  if (state.deal) params.set("deal", state.deal.id);
  showGraph("account", "/viz/accounts/" + encodeURIComponent(state.account.id) + "?" + params.toString());
}

/* ---------- deals ---------- */
async function selectDeal(deal) {
  state.deal = { id: deal.id, name: deal.name };
  document.querySelectorAll("#deal-list button").forEach((b) => b.classList.toggle("active", b.dataset.id === deal.id));
  document.querySelector('nav button[data-view="deal"]').disabled = false;
  state.dealData = null;
  $("deal-details").replaceChildren(el("div", { class: "muted loading", id: "deal-loading" }, T("loading")));
  loadDealGraph();
  await fetchDealData();
}
async function fetchDealData() {
  const deal = state.deal;
  const base = "/opportunities/" + encodeURIComponent(deal.id);
  const [chain, winRate, gaps] = await Promise.all(["/decision-chain", "/win-rate", "/gaps"].map(
    (suffix) => api(base + suffix).catch((error) => ({ error: error.message }))));
  if (!state.deal || state.deal.id !== deal.id) return;  // another deal was picked meanwhile
  state.dealData = { chain, win_rate: winRate, gaps };
  renderDealPanel();
}
function renderDealPanel() {
  const box = $("deal-details");
  if (!state.dealData) { box.replaceChildren(); return; }
  const { chain, win_rate: winRate, gaps } = state.dealData;
  const parts = [el("h2", {}, T("win_rate"))];
  if (winRate.error) parts.push(el("div", { class: "error" }, T("unavailable") + ": " + winRate.error));
  else {
    parts.push(el("div", { class: "big", id: "win-rate" }, winRate.win_rate == null ? "—" : Math.round(winRate.win_rate * 100) + "%"));
    const detail = [];
    if (winRate.reason) detail.push(T("reason") + ": " + (winRate.reason_message || V(winRate.reason)));
    const ours = winRate.ours && typeof winRate.ours === "object" ? winRate.ours.strength : winRate.ours;
    if (ours != null) detail.push(T("ours") + " " + fmt(ours));
    for (const k of winRate.competitors || []) detail.push((k.name || "?") + " " + fmt(k.strength));
    if (winRate.raw != null) detail.push(T("raw") + " " + fmt(winRate.raw, 2));
    parts.push(el("div", { class: "muted" }, detail.join(" · ")));
  }
  const curve = el("img", { id: "win-rate-curve", class: "chart", alt: "" });  // issue 17: weekly curve
  parts.push(el("div", { class: "loading muted" }, T("loading")), curve);  // the note showChart shows while it waits
  parts.push(el("h2", {}, T("averages")));
  if (chain.error) parts.push(el("div", { class: "error" }, T("unavailable") + ": " + chain.error));
  else {
    const rows = ["closeness", "solution_acceptance", "price_acceptance"].map((d) => {
      const x = (chain.degrees || {})[d] || {};
      return el("tr", {}, el("td", {}, T(d)),
        el("td", { class: "num" }, fmt(x.mean)), el("td", { class: "num" }, fmt(x.weighted_mean)),
        el("td", { class: "num" }, (x.n ?? "—") + (x.missing ? " (+" + x.missing + ")" : "")));
    });
    parts.push(el("table", { id: "averages" }, el("tr", {}, el("th"), el("th", { class: "num" }, T("mean")),
      el("th", { class: "num" }, T("weighted")), el("th", { class: "num" }, "n")), ...rows));
  }
  parts.push(el("h2", {}, T("gaps")));
  if (gaps.error) parts.push(el("div", { class: "error" }, T("unavailable") + ": " + gaps.error));
  else if (!(gaps.gaps || []).length) parts.push(el("div", { class: "muted" }, T("no_gaps")));
  else parts.push(gapCards(gaps));
  const chart = el("img", { id: "deal-trend", class: "chart", alt: "" });
  parts.push(el("h2", {}, T("deal_trend")), el("div", { class: "loading muted" }, T("loading")), chart);
  box.replaceChildren(...parts);
  showChart(chart, "/opportunities/" + encodeURIComponent(state.deal.id) + "/trend.png?compact=true");
  showChart(curve, "/opportunities/" + encodeURIComponent(state.deal.id) + "/win-rate/curve.png?lang=" + state.lang);
}
/* Deal-level gaps one card each; then ONE card per person with all their gaps and one action. Codes and
   ids stay in tooltips (title), the reader sees labels and sentences in their language. */
function gapCards(gaps) {
  const deal = (gaps.gaps || []).filter((g) => !g.contact);
  const people = gaps.people || [];
  const cards = deal.map((g) => el("div", { class: "gap " + (g.severity || ""), title: g.code, "data-code": g.code },
    el("div", { class: "code" }, g.label || ""), el("div", {}, g.message || ""),
    g.action ? el("div", { class: "action" }, "→ " + g.action) : ""));
  const personCards = people.map((p) => el("div", { class: "gap person " + (p.severity || ""), title: p.contact.id + " · " + p.codes.join(", "),
      "data-contact": p.contact.id },
    el("div", { class: "code" }, (p.contact.name || "?") + (p.role ? " · " + V(p.role) : "") + (p.attitude ? " · " + V(p.attitude) : "")),
    el("ul", { class: "gap-items" }, ...p.messages.map((m, i) => el("li", { title: p.codes[i] }, el("strong", {}, p.labels[i] + ": "), m))),
    el("div", { class: "action" }, "→ " + p.action)));
  return el("div", { id: "gap-list" },
    ...(cards.length ? [el("h3", {}, T("deal_gaps")), ...cards] : []),
    ...(personCards.length ? [el("h3", {}, T("people_gaps")), ...personCards] : []));
}
function loadDealGraph() {
  showGraph("deal", "/viz/opportunities/" + encodeURIComponent(state.deal.id));
}

/* ---------- contacts and reach ---------- */
function selectContact(id, name) {
  state.contact = { id, name }; state.reachData = null;
  $("contact-name").textContent = name || id;
  $("contact-name").className = "";
  $("contact-name").removeAttribute("data-i18n");
  $("reach-button").hidden = false;
  $("reach-details").replaceChildren();
}
$("reach-button").addEventListener("click", async () => {
  if (!state.contact) return;
  document.querySelector('nav button[data-view="reach"]').disabled = false;
  $("reach-details").replaceChildren(el("div", { class: "muted loading" }, T("loading")));
  loadReachGraph();
  await fetchReachData();
});
async function fetchReachData() {
  if (!state.contact) return;
  try { state.reachData = await api("/contacts/" + encodeURIComponent(state.contact.id) + "/reach"); }
  catch (error) { state.reachData = { error: error.message }; }
  renderReachPanel();
}
function renderReachPanel() {
  const box = $("reach-details");
  const data = state.reachData;
  if (!data) { box.replaceChildren(); return; }
  if (data.error) { box.replaceChildren(el("div", { class: "error" }, T("unavailable") + ": " + data.error)); return; }
  const paths = data.paths || [];
  if (!paths.length) { box.replaceChildren(el("div", { class: "muted" }, T("no_paths"))); return; }
  box.replaceChildren(el("h2", {}, T("paths")), el("ol", { class: "paths", id: "reach-list" }, ...paths.map((p) => el("li", {},
    el("strong", { title: (p.employee && p.employee.id) || "" }, (p.employee && p.employee.name) || "?"), " · " + T("score") + " " + fmt(p.score, 3)
      + " · " + T("steps") + " " + p.steps, el("br"),
    el("span", { class: "muted", title: (p.nodes || []).map((n) => n.id).join(" → ") }, (p.nodes || []).map((n) => n.name || "?").join(" → "))))));
  box.scrollIntoView({ block: "nearest" });
}
function loadReachGraph() {
  showGraph("reach", "/viz/contacts/" + encodeURIComponent(state.contact.id) + "/reach");
}

/* ---------- language ---------- */
function applyLang() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = T(node.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => { node.placeholder = T(node.dataset.i18nPlaceholder); });
  $("lang").textContent = T("lang_button");
  for (const select of [$("department"), $("circle")]) if (select.options.length) select.options[0].textContent = T("all");
  fillDepartments();
  renderDealPanel(); renderReachPanel();
}
$("lang").addEventListener("click", () => {
  state.lang = state.lang === "en" ? "zh" : "en";
  localStorage.setItem("brm.lang", state.lang);
  applyLang();
  if (state.account) showChart($("account-trend"), "/accounts/" + encodeURIComponent(state.account.id) + "/trend.png?compact=true");
  if (state.deal && state.dealData) { $("deal-details").replaceChildren(el("div", { class: "muted loading" }, T("loading"))); fetchDealData(); }
  if (state.reachData) fetchReachData();
  if ($("graph").hidden) loadCrmStart();
  if (state.view === "account") loadAccountMap();
  else if (state.view === "deal") loadDealGraph();
  else if (state.view === "reach") loadReachGraph();
});
applyLang();
</script>
<script src="/static/edit.js"></script>
</body>
</html>
"""


def page_labels() -> dict[str, dict[str, str]]:
    """Per language: the graph views' labels, overridden by the page's own (`page.*` in the catalog)."""
    own = {key[len("page."):]: key for key in catalog() if key.startswith("page.")}
    return {lang: {**LABELS[lang], **{short: catalog()[key][lang] for short, key in own.items()}} for lang in LANGUAGES}


def page_html() -> str:
    """The page for one answer: its script tags carry the answer's CSP nonce (issue 18)."""
    return script_nonce.stamp_document(page_template())


@lru_cache
def page_template() -> str:
    """The page with the label tables filled in (JSON in a script: `<` escaped so no tag can close it)."""
    values = {lang: {**table} for lang, table in VALUE_LABELS.items()}

    def js(obj: object) -> str:
        return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c")

    labels = {lang: {**table, **page_texts(lang)} for lang, table in page_labels().items()}  # + issue 14
    return _TEMPLATE.replace("__LABELS__", js(labels)).replace("__VALUES__", js(values))
