"use strict";
/* Sign-in and editing the map on the page (issue 14).
 *
 * Loaded after the page's inline script and uses its globals (state, $, el, api, headers, T, V, fmt and
 * the select and render functions, which it wraps). Every write goes to the same API a program uses, with the
 * session cookie, the CSRF token and If-Match: the answer's 422 messages are shown next to their fields, a 412
 * shows who changed the record meanwhile and offers to apply the change again on top of the current state.
 */
window.AUTH = null;
const enc = encodeURIComponent;
const U = (key, params = {}) => {
  let text = T("users.page." + key);
  for (const [k, v] of Object.entries(params)) text = text.split("{" + k + "}").join(v);
  return text;
};
const canEdit = () => !!AUTH && (AUTH.role === "editor" || AUTH.role === "admin");
const ENUMS = {
  orientation: ["technical", "pragmatic", "technical_pragmatic", "pragmatic_technical", "balanced"],
  attitude: ["strong_positive", "positive", "neutral", "negative", "strong_negative"],
  role: ["approver", "decision_maker", "evaluator", "user"],
  stage: ["validate", "initiate", "analyse_needs", "present_value", "prepare_bid", "bid", "negotiate", "won", "lost"],
  type: ["meeting", "call", "email", "visit", "event", "meal"],
  circle_role: ["leader", "core", "member"],
};
const DEGREES = ["closeness", "solution_acceptance", "price_acceptance"];
const edit = { accountData: null, person: null, drawing: null };

/* ---------- one call to the API, with the whole error answer ---------- */
async function call(method, path, body, version) {
  const extra = { "Content-Type": "application/json", "Accept-Language": state.lang === "zh" ? "zh-CN" : "en" };  // errors in the page's language
  if (version) extra["If-Match"] = '"' + version + '"';
  const response = await fetch(path, { method, headers: headers(extra),
    body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const error = new Error((data && data.message) || String(response.status));
    error.status = response.status; error.body = data || {};
    throw error;
  }
  return data;
}

/* ---------- sign-in ---------- */
function showLogin(message) {
  AUTH = null;
  document.body.dataset.auth = "out";
  $("who").textContent = ""; $("sign-out").hidden = true;
  const user = el("input", { id: "login-username", name: "username", autocomplete: "username", required: "" });
  const password = el("input", { id: "login-password", name: "password", type: "password",
    autocomplete: "current-password", required: "" });
  const form = el("form", { id: "login-form", class: "login" },
    el("h2", {}, U("sign_in_title")),
    el("label", {}, el("span", {}, U("username")), user),
    el("label", {}, el("span", {}, U("password")), password),
    el("div", { id: "login-error", class: "error" }, message || ""),
    el("button", { type: "submit", class: "primary", id: "login-submit" }, U("sign_in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try { signedIn(await call("POST", "/auth/login", { username: user.value.trim(), password: password.value })); }
    catch (error) { $("login-error").textContent = error.status === 429 ? error.message : U("wrong_login"); }
  });
  $("graph").hidden = true; $("crm-start").hidden = true;
  $("empty").hidden = false; $("empty").className = "";
  $("empty").removeAttribute("data-i18n");
  $("empty").replaceChildren(form);
  user.focus();
}
// "Signed in as ann · Editor · Amy Wu": the role in the page's language, the employee by name (the id in the tooltip).
function showWho() {
  const name = edit.work && edit.work.employee === AUTH.employee ? edit.work.employee_name : null;
  $("who").textContent = U("signed_in_as") + " " + AUTH.username + " · " + U("role_" + AUTH.role)
    + (AUTH.employee ? " · " + (name || AUTH.employee) : "");
  $("who").title = AUTH.employee || "";
}
function signedIn(me) {
  AUTH = { username: me.username, role: me.role, employee: me.employee, csrf: me.csrf_token };
  document.body.dataset.auth = "in"; document.body.dataset.role = me.role;
  showWho();
  $("sign-out").hidden = false;
  $("empty").setAttribute("data-i18n", "pick_account"); $("empty").textContent = T("pick_account");
  searchAccounts();
  loadMyWork();
  if (window.loadCrmStart) loadCrmStart();  // issue 12: what the CRM import could not give, next steps
}
$("sign-out").addEventListener("click", async () => {
  try { await call("POST", "/auth/logout"); } catch (e) { /* signed out anyway */ }
  window.location.reload();
});

/* ---------- my deals and accounts first ---------- */
async function loadMyWork() {
  let work;
  try { work = await call("GET", "/auth/me/work"); } catch (e) { return; }
  let box = $("my-work");
  if (!box) {
    box = el("section", { id: "my-work" });
    document.querySelector("aside").prepend(box);
  }
  edit.work = work;
  if (AUTH) showWho();
  renderMyWork();
}
function renderMyWork() {
  const box = $("my-work"), work = edit.work;
  if (!box || !work) return;
  if (!work.employee) { box.replaceChildren(); return; }
  const deals = work.deals.map((d) => el("li", {}, el("button", { type: "button", "data-deal": d.id, onclick: async () => {
    const account = work.accounts.find((a) => a.id === d.account) || { id: d.account, name: d.account };
    await selectAccount(account); selectDeal(d);
  } }, (d.name || d.id) + " · " + V(d.stage))));
  const accounts = work.accounts.map((a) => el("li", {}, el("button", { type: "button", "data-account": a.id,
    onclick: () => selectAccount(a) }, a.name || a.id)));
  box.replaceChildren(...(deals.length ? [el("h2", {}, U("my_deals")), el("ul", { class: "pick", id: "my-deals" }, ...deals)] : []),
    ...(accounts.length ? [el("h2", {}, U("my_accounts")), el("ul", { class: "pick", id: "my-accounts" }, ...accounts)] : []));
}

/* ---------- form helpers: fields that show the API's 422 message next to them ---------- */
function field(name, label, input) {
  input.dataset.field = name;
  return el("label", { class: "field", "data-for": name }, el("span", {}, label), input,
    el("span", { class: "field-error", "data-error-for": name }));
}
function selectInput(values, current, { empty = true, labels = V } = {}) {
  const select = el("select", {}, ...(empty ? [el("option", { value: "" }, "—")] : []),
    ...values.map((v) => el("option", { value: v }, labels(v))));
  select.value = current == null ? "" : String(current);
  return select;
}
function numberInput(current, attrs = {}) {
  const input = el("input", { type: "number", step: "any", ...attrs });
  input.value = current == null ? "" : String(current);
  return input;
}
function textInput(current, attrs = {}) {
  const input = el("input", { type: "text", ...attrs });
  input.value = current == null ? "" : String(current);
  return input;
}
function checkbox(current) {
  const input = el("input", { type: "checkbox" });
  input.checked = !!current;
  return input;
}
/* The values of a form's fields: empty inputs are left out (the API then keeps them unset). */
function formValues(form) {
  const out = {};
  form.querySelectorAll("[data-field]").forEach((input) => {
    const name = input.dataset.field;
    if (input.type === "checkbox") out[name] = input.checked;
    else if (input.value === "") return;
    else if (input.type === "number") out[name] = Number(input.value);
    else out[name] = input.value;
  });
  return out;
}
function showErrors(form, error) {
  form.querySelectorAll(".field-error").forEach((node) => { node.textContent = ""; });
  const status = form.querySelector(".form-status");
  const items = (error.body && error.body.errors) || [];
  let placed = 0;
  for (const item of items) {
    const name = String(item.field || "").replace(/\[.*$/, "");
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) { slot.textContent = item.message; placed++; }
  }
  if (status) {
    status.className = "form-status error";
    status.textContent = placed === items.length && items.length ? "" : error.message;
  }
}
function formStatus(form, text, ok = true) {
  const status = form.querySelector(".form-status");
  if (status) { status.className = "form-status " + (ok ? "ok" : "error"); status.textContent = text; }
}

/* ---------- after every change: fresh data, redrawn graph, panels again ---------- */
async function refreshAfterChange() {
  if (!state.account) return;
  await loadAccountData();
  if (state.view === "deal" && state.deal) await selectDeal(state.deal);
  else loadAccountMap();
  if (state.deal && state.view !== "deal") {
    const base = "/opportunities/" + enc(state.deal.id);
    const [chain, winRate, gaps] = await Promise.all(["/decision-chain", "/win-rate", "/gaps"].map(
      (suffix) => api(base + suffix).catch((error) => ({ error: error.message }))));
    state.dealData = { chain, win_rate: winRate, gaps };
    renderDealPanel();
  }
  if (edit.person) await renderPerson(edit.person);
  refreshPickers();
  if (edit.dealEditor) await edit.dealEditor;  // the deal's forms show the stored values before the change counts
  document.body.dataset.changes = String(Number(document.body.dataset.changes || 0) + 1);
}
async function loadAccountData() {
  if (!state.account) return null;
  edit.accountData = await api("/viz/accounts/" + enc(state.account.id) + "/data");
  return edit.accountData;
}
/* The left side's pickers from the fresh data: a new circle in the filter, a deal's new stage in the lists. */
function refreshPickers() {
  const data = edit.accountData || {};
  const circle = $("circle").value;
  fillSelect($("circle"), data.circles);
  $("circle").value = (data.circles || []).some((c) => c.id === circle) ? circle : "";
  for (const o of data.opportunities || []) {
    const mine = ((edit.work || {}).deals || []).find((d) => d.id === o.id);
    if (mine) mine.stage = o.stage;
    document.querySelectorAll(`#deal-list button[data-id="${CSS.escape(o.id)}"], #my-deals button[data-deal="${CSS.escape(o.id)}"]`)
      .forEach((b) => { b.textContent = (o.name || o.id) + " · " + V(o.stage); });
  }
}
const contactName = (id) => {
  const c = ((edit.accountData || {}).contacts || []).find((x) => x.id === id);
  return c ? (c.name || c.id) : id;
};

/* ---------- wrap the page's own steps ---------- */
const pageSelectAccount = selectAccount;
selectAccount = async function (account) {
  edit.person = null; edit.accountData = null;
  $("person-panel") && $("person-panel").replaceChildren();
  await pageSelectAccount(account);
  await loadAccountData();
  renderAccountTools();
};
const pageSelectContact = selectContact;
selectContact = function (id, name) {
  pageSelectContact(id, name);
  edit.person = id; edit.deleted = null;
  renderPerson(id);
};
const pageRenderDealPanel = renderDealPanel;
renderDealPanel = function () {
  pageRenderDealPanel();
  edit.dealEditor = renderDealEditor();
};
const pageApplyLang = applyLang;
applyLang = function () {
  pageApplyLang();
  if (document.body.dataset.auth === "out") showLogin();
  if (AUTH) {
    showWho();
    renderMyWork(); renderAccountTools();
    if (edit.person) renderPerson(edit.person);
    showDeleted();
  }
};

/* ---------- the account map: new person, draw lines by dragging ---------- */
function renderAccountTools() {
  let box = $("account-tools");
  if (!box) {
    box = el("section", { id: "account-tools" });
    $("filters").after(box);
  }
  if (!canEdit() || !state.account) { box.replaceChildren(); return; }
  const strength = numberInput(0.7, { id: "draw-strength", min: "0", max: "1", step: "0.1" });
  const newForm = el("form", { id: "new-person-form", novalidate: "", class: "edit-form", hidden: "" },
    field("id", "id", textInput("", { placeholder: "c-…" })),
    field("name", U("name"), textInput("")),
    field("title", U("title_field"), textInput("")),
    field("department", T("department"), selectInput(((edit.accountData || {}).departments || []).map((d) => d.id), "",
      { labels: (id) => ((edit.accountData.departments.find((d) => d.id === id) || {}).name || id) })),
    el("div", { class: "form-status" }),
    el("div", { class: "row" }, el("button", { type: "submit", class: "primary" }, U("save"))));
  newForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = formValues(newForm);
    const id = values.id || "c-" + Date.now().toString(36); delete values.id;
    try {
      await call("PUT", "/contacts/" + enc(id), { ...values, account: state.account.id });
      newForm.hidden = true; newForm.reset();
      await refreshAfterChange();
      selectContact(id, values.name);
    } catch (error) { showErrors(newForm, error); }
  });
  box.replaceChildren(
    el("h2", {}, U("draw")),
    el("div", { class: "row draw-tools" },
      el("button", { type: "button", id: "draw-reports", onclick: () => startDrawing("reports") }, U("draw_reporting")),
      el("button", { type: "button", id: "draw-dotted", onclick: () => startDrawing("dotted") }, U("draw_dotted")),
      el("button", { type: "button", id: "draw-influence", onclick: () => startDrawing("influence") }, U("draw_influence"))),
    el("div", { class: "row" }, el("label", {}, T("strength") + " ", strength),
      el("button", { type: "button", id: "draw-stop", onclick: stopDrawing }, U("draw_cancel"))),
    el("div", { id: "draw-status", class: "muted" }),
    el("div", { class: "row" }, el("button", { type: "button", id: "new-person", onclick: () => {
      if (state.view !== "account") loadAccountMap();
      newForm.hidden = !newForm.hidden;
    } }, "+ " + U("new_person"))),
    newForm);
}
function graphNetwork() {
  const frame = $("graph").contentWindow;
  return frame && frame.network ? frame.network : null;
}
function startDrawing(kind) {
  const network = graphNetwork();
  if (!network || state.view !== "account") { loadAccountMap(); return; }
  edit.drawing = kind;
  network.setOptions({ manipulation: { enabled: false, addEdge: (data, callback) => {
    callback(null);  // the API decides; the redraw shows the stored line
    lineDrawn(kind, data.from, data.to);
  } } });
  network.addEdgeMode();
  document.body.dataset.drawing = kind;
  $("draw-status").textContent = U("draw_hint");
}
function stopDrawing() {
  const network = graphNetwork();
  if (network) network.disableEditMode();
  edit.drawing = null; delete document.body.dataset.drawing;
  if ($("draw-status")) $("draw-status").textContent = "";
}
async function lineDrawn(kind, from, to) {
  stopDrawing();
  const contacts = new Set(((edit.accountData || {}).contacts || []).map((c) => c.id));
  if (!contacts.has(from) || !contacts.has(to) || from === to) return;
  try {
    if (kind === "influence") {
      await call("PUT", `/contacts/${enc(from)}/influences/${enc(to)}`, { strength: Number($("draw-strength").value) });
    } else {
      await call("PUT", `/contacts/${enc(from)}/reports-to/${enc(to)}`, { dotted: kind === "dotted" });
    }
    $("draw-status").className = "ok"; $("draw-status").textContent = contactName(from) + " → " + contactName(to);
    document.body.dataset.lastLine = kind + ":" + from + "->" + to;
    await refreshAfterChange();
  } catch (error) { $("draw-status").className = "error"; $("draw-status").textContent = error.message; }
}

/* ---------- the person card ---------- */
function missingFeatures(contact, data) {
  const id = contact.id, missing = [];
  if (contact.closeness == null) missing.push(U("feat_closeness"));
  if (contact.solution_acceptance == null) missing.push(U("feat_solution"));
  if (contact.price_acceptance == null) missing.push(U("feat_price"));
  const inData = ((data || {}).contacts || []).find((c) => c.id === id) || {};
  if (!(inData.roles || []).length) { missing.push(U("feat_approve")); missing.push(U("feat_veto")); }
  const lines = (data || {}).reports_to || [];
  if (!lines.some((l) => l.from === id || l.to === id)) missing.push(U("feat_reporting"));
  const influence = (data || {}).influences || [];
  if (!influence.some((l) => l.from === id || l.to === id) && !(inData.circles || []).length) missing.push(U("feat_influence"));
  return missing;
}
async function renderPerson(id) {
  let panel = $("person-panel");
  if (!panel) { panel = el("div", { id: "person-panel" }); $("contact-section").append(panel); }
  let contact;
  try { contact = await call("GET", "/contacts/" + enc(id)); }
  catch (error) { panel.replaceChildren(el("div", { class: "error" }, error.message)); return; }
  if (edit.person !== id) return;
  const data = edit.accountData || await loadAccountData();
  const missing = missingFeatures(contact, data);
  const parts = [];
  if (edit.flash) { parts.push(el("div", { class: "flash ok", id: "person-flash" }, edit.flash)); edit.flash = null; }
  parts.push(el("h2", {}, U("missing_features")),
    missing.length ? el("ul", { id: "missing-features", class: "missing" }, ...missing.map((m) => el("li", {}, m)))
      : el("div", { id: "missing-features", class: "ok" }, U("features_complete")));
  if (canEdit()) parts.push(personForm(contact, data), linesBox(id, data), circlesBox(id, data), await knowsBox(id),
    activityBox(id, data));
  else parts.push(el("table", { id: "person-values" }, ...["title", "orientation", "attitude", "importance", ...DEGREES]
    .map((f) => el("tr", {}, el("td", {}, f === "title" ? U("title_field") : T(f)), el("td", {}, f === "title" ? (contact.title || "—") : V(contact[f]))))),
    el("div", { class: "muted" }, U("read_only")));
  parts.push(await historyBox("Contact", id));
  if (edit.person !== id) return;
  panel.replaceChildren(...parts);
  panel.dataset.person = id;  // whose card is drawn: the card renders after the name, asynchronously
}
function personForm(contact, data) {
  const departments = (data.departments || []);
  const form = el("form", { id: "person-form", novalidate: "", class: "edit-form" },
    el("h2", {}, U("edit_person")),
    field("name", U("name"), textInput(contact.name)),
    field("title", U("title_field"), textInput(contact.title)),
    field("department", T("department"), selectInput(departments.map((d) => d.id), contact.department,
      { labels: (v) => ((departments.find((d) => d.id === v) || {}).name || v) })),
    field("orientation", T("orientation"), selectInput(ENUMS.orientation, contact.orientation)),
    field("attitude", T("attitude"), selectInput(ENUMS.attitude, contact.attitude)),
    field("importance", T("importance"), numberInput(contact.importance, { min: "1", max: "5", step: "1" })),
    ...DEGREES.map((d) => field(d, T(d), numberInput(contact[d], { min: "0", max: "100", step: "1" }))),
    el("div", { class: "form-status" }),
    el("div", { class: "conflict", hidden: "" }),
    el("div", { class: "row" }, el("button", { type: "submit", class: "primary", id: "person-save" }, U("save")),
      el("button", { type: "button", id: "person-delete", class: "danger", onclick: () => deletePerson(contact) }, U("delete"))));
  const original = { ...contact };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const mine = formValues(form);
    await savePerson(form, contact.id, { account: contact.account, ...mine }, original.version, original);
  });
  return form;
}
const PERSON_FIELDS = ["name", "title", "department", "orientation", "attitude", "importance", ...DEGREES];
async function savePerson(form, id, body, version, original) {
  try {
    await call("PUT", "/contacts/" + enc(id), body, version);
    edit.flash = U("saved");
    await refreshAfterChange();
  } catch (error) {
    if (error.status === 412) return showConflict(form, id, body, original, error.body);
    showErrors(form, error);
  }
}
/* 412: say who changed it and when, show their values, and offer to apply only MY changed fields on top. */
function showConflict(form, id, body, original, answer) {
  const box = form.querySelector(".conflict");
  const by = answer.changed_by || {};
  const current = answer.current || {};
  const changedByMe = PERSON_FIELDS.filter((f) => (body[f] ?? null) !== (original[f] ?? null));
  box.hidden = false;
  box.replaceChildren(
    el("div", { class: "error", id: "conflict-message" }, U("changed_by", { who: by.user || by.actor || "?", at: (by.at || "").slice(0, 19).replace("T", " ") })),
    el("div", { class: "muted" }, PERSON_FIELDS.filter((f) => (current[f] ?? null) !== (original[f] ?? null))
      .map((f) => (f === "title" ? U("title_field") : T(f)) + ": " + V(original[f]) + " → " + V(current[f])).join(" · ")),
    el("button", { type: "button", id: "reapply", class: "primary", onclick: async () => {
      const merged = {};
      for (const f of PERSON_FIELDS) if (current[f] != null) merged[f] = current[f];
      for (const f of changedByMe) { if (body[f] == null) delete merged[f]; else merged[f] = body[f]; }
      box.hidden = true;
      await savePerson(form, id, { account: current.account || body.account, ...merged }, answer.version, current);
    } }, U("reapply")));
}
function showDeleted() {  // in the contact section, until another person is picked (in the page's language)
  if (!edit.deleted || state.contact) return;
  $("contact-name").className = "ok"; $("contact-name").removeAttribute("data-i18n");
  $("contact-name").textContent = U("deleted", { name: edit.deleted });
}
async function deletePerson(contact) {
  if (!window.confirm(U("confirm_delete"))) return;
  try {
    await call("DELETE", "/contacts/" + enc(contact.id) + "?cascade=true", undefined, contact.version);
    edit.person = null; state.contact = null; state.reachData = null;
    $("person-panel").replaceChildren();
    $("reach-button").hidden = true; $("reach-details").replaceChildren();
    edit.deleted = contact.name || contact.id; showDeleted();
    await refreshAfterChange();
  } catch (error) { formStatus($("person-form"), error.message, false); }
}
function linesBox(id, data) {
  const rows = [];
  for (const line of data.reports_to || []) {
    if (line.from !== id && line.to !== id) continue;
    const text = line.from === id ? U(line.dotted ? "line_dotted" : "line_reports") + " " + contactName(line.to)
      : contactName(line.from) + " " + U(line.dotted ? "line_dotted" : "line_reports") + " " + contactName(line.to);
    rows.push(el("li", { "data-line": line.from + "->" + line.to, "data-kind": "reports" }, text, " ", el("button", { type: "button", class: "small", onclick: () =>
      removeLine(`/contacts/${enc(line.from)}/reports-to/${enc(line.to)}`) }, U("remove"))));
  }
  for (const line of data.influences || []) {
    if (line.from !== id && line.to !== id) continue;
    const strength = numberInput(line.strength, { min: "0", max: "1", step: "0.1", class: "tiny" });
    const path = `/contacts/${enc(line.from)}/influences/${enc(line.to)}`;
    const text = line.from === id ? U("line_influences") + " " + contactName(line.to)
      : U("line_influenced_by") + " " + contactName(line.from);
    rows.push(el("li", { "data-line": line.from + "->" + line.to, "data-kind": "influence" }, text, " ", strength,
      el("button", { type: "button", class: "small", onclick: async () => {
        try {
          await call("PUT", path, strength.value === "" ? {} : { strength: Number(strength.value) });
          edit.flash = U("saved"); await refreshAfterChange();
        }
        catch (error) { window.alert(error.message); }
      } }, U("save")),
      el("button", { type: "button", class: "small", onclick: () => removeLine(path) }, U("remove"))));
  }
  return el("div", { id: "person-lines" }, el("h2", {}, U("lines")),
    rows.length ? el("ul", { class: "plain" }, ...rows) : el("div", { class: "muted" }, "—"));
}
async function removeLine(path) {
  try { await call("DELETE", path); edit.flash = U("removed"); await refreshAfterChange(); } catch (error) { window.alert(error.message); }
}
function circlesBox(id, data) {
  const mine = (((data.contacts || []).find((c) => c.id === id) || {}).circles || []);
  const circles = data.circles || [];
  const pick = selectInput(circles.map((c) => c.id), "", { labels: (v) => ((circles.find((c) => c.id === v) || {}).name || v) });
  const role = selectInput(ENUMS.circle_role, "member", { empty: false });
  pick.id = "circle-pick"; role.id = "circle-role";
  const name = textInput("", { placeholder: U("new_circle"), id: "new-circle-name" });
  const status = el("div", { class: "form-status" });
  return el("div", { id: "person-circles" }, el("h2", {}, T("circles")),
    el("ul", { class: "plain" }, ...mine.map((c) => el("li", { "data-circle": c.id }, (c.name || c.id) + " · " + V(c.role), " ",
      el("button", { type: "button", class: "small", onclick: () => removeLine(`/circles/${enc(c.id)}/members/${enc(id)}`) }, U("remove"))))),
    el("div", { class: "row" }, pick, role, el("button", { type: "button", onclick: async () => {
      if (!pick.value) return;
      try {
        await call("PUT", `/circles/${enc(pick.value)}/members/${enc(id)}`, { role: role.value });
        edit.flash = U("saved"); await refreshAfterChange();
      }
      catch (error) { status.className = "form-status error"; status.textContent = error.message; }
    }, id: "circle-add" }, U("add_to_circle"))),
    el("div", { class: "row" }, name, el("button", { type: "button", onclick: async () => {
      const circleId = "circ-" + Date.now().toString(36);
      try {
        await call("PUT", "/circles/" + circleId, { name: name.value.trim(), account: state.account.id });
        await call("PUT", `/circles/${circleId}/members/${enc(id)}`, { role: role.value });
        edit.flash = U("saved"); await refreshAfterChange();
      } catch (error) { status.className = "form-status error"; status.textContent = error.message; }
    }, id: "circle-create" }, U("create_circle"))), status);
}
/* "I know this person": my tie as stored (its strength and where it came from), typed in by hand (source manual). */
async function knowsBox(id) {
  if (!AUTH.employee) return el("div", { class: "muted" }, U("not_employee"));
  let tie = null;
  // the stored tie, for its version (If-Match) and what the form does not show (since); 404: no tie yet
  try { tie = await call("GET", `/employees/${enc(AUTH.employee)}/knows/${enc(id)}`); } catch (error) { tie = null; }
  const stored = (tie && tie.properties) || null;
  const form = el("form", { id: "knows-form", novalidate: "", class: "edit-form" }, el("h2", {}, U("i_know")),
    el("div", { id: "knows-now", class: "muted" }, stored ? U("i_know_now", { strength: fmt(stored.strength, 1),
      source: stored.source || "—" }) : U("i_know_not_yet")),
    field("strength", T("strength"), numberInput(stored && stored.strength != null ? stored.strength : 0.6,
      { min: "0", max: "1", step: "0.1" })),
    el("div", { class: "form-status" }),
    el("button", { type: "submit", id: "knows-save" }, U("i_know")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const since = stored && stored.since ? { since: stored.since } : {};  // the rest of the tie stays as it was
    try {
      await call("PUT", `/employees/${enc(AUTH.employee)}/knows/${enc(id)}`, { ...since, ...formValues(form), source: "manual" },
        tie && tie.version ? tie.version : undefined);
      edit.flash = U("saved"); await refreshAfterChange();
    } catch (error) { showErrors(form, error); }
  });
  return form;
}
function activityBox(id, data) {
  const deals = data.opportunities || [];
  const today = new Date().toISOString().slice(0, 10);
  const form = el("form", { id: "activity-form", novalidate: "", class: "edit-form" }, el("h2", {}, U("log_activity")),
    field("type", U("type"), selectInput(ENUMS.type, "meeting", { empty: false, labels: (v) => U("type_" + v) })),
    field("date", U("date"), el("input", { type: "date", value: today })),
    field("opportunity", U("deal"), selectInput(deals.map((d) => d.id), state.deal ? state.deal.id : "",
      { labels: (v) => ((deals.find((d) => d.id === v) || {}).name || v) })),
    field("contacts", U("people"), textInput(id)),
    field("employee", T("employee"), textInput(AUTH.employee || "")),
    field("summary", U("summary"), textInput("")),
    el("div", { class: "form-status" }),
    el("button", { type: "submit", id: "activity-save" }, U("log_activity")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = formValues(form);
    values.contacts = String(values.contacts || "").split(",").map((s) => s.trim()).filter(Boolean);
    const activityId = "act-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 6);
    try { await call("PUT", "/activities/" + activityId, values); edit.flash = U("saved"); await refreshAfterChange(); }
    catch (error) { showErrors(form, error); }
  });
  return form;
}

/* ---------- history from the audit trail, with undo ---------- */
// A relationship entry in a person's or deal's history names the kind and the other end ("member Xu Lin").
function historySubject(entity, id, e) {
  if (e.entity === entity) return "";
  const [from, to] = e.entity_id.split("->");
  return " · " + U("rel_" + e.entity) + " " + nameOf(from === id ? to : from);
}
function nameOf(id) {
  const data = edit.accountData || {};
  const lists = [data.contacts, data.circles, data.opportunities, data.employees,
    ((state.dealData || {}).win_rate || {}).competitors];
  for (const list of lists) {
    const hit = (list || []).find((x) => x.id === id);
    if (hit) return hit.name || id;
  }
  return id;
}
async function historyBox(entity, id) {
  const box = el("div", { class: "history", "data-entity": entity });
  if (!canEdit()) return box;  // the trail is for editors (viewers would get 403)
  let entries = [];
  try { entries = await call("GET", `/audit?entity=${enc(entity)}&id=${enc(id)}&related=true&limit=15`); }
  catch (error) { return el("div"); }  // viewers do not read the trail
  const items = entries.map((e) => el("li", { "data-entry": e.id, "data-kind": e.entity, title: e.entity_id },
    el("span", {}, e.at.slice(0, 19).replace("T", " ") + " · " + (e.user || e.actor) + " · " + U("action_" + e.action)
      + historySubject(entity, id, e)),
    e.undone_by ? el("span", { class: "muted" }, " (" + U("undone") + ")")
      : (canEdit() && ["create", "update", "delete"].includes(e.action) ? el("button", { type: "button", class: "small undo",
        onclick: async (event) => {
          try { await call("POST", `/audit/${enc(e.id)}/undo`); await refreshAfterChange(); }
          catch (error) { event.target.after(el("div", { class: "error" }, error.message)); }
        } }, U("undo")) : "")));
  box.replaceChildren(el("h2", {}, U("history")),
    items.length ? el("ul", { class: "plain", id: "history-" + entity }, ...items) : el("div", { class: "muted" }, U("no_history")));
  return box;
}

/* ---------- the deal: what is missing, and editing it ---------- */
function chainMissing(chain, gaps) {
  const out = [];
  const codes = new Set(((gaps && gaps.gaps) || []).filter((g) => !g.contact).map((g) => g.code));
  for (const code of ["NO_APPROVER", "NO_DECISION_MAKER", "NO_EVALUATOR", "NO_INSIDE_SOURCE", "NO_COMPELLING_EVENT"]) {
    if (codes.has(code)) out.push((gaps.gaps.find((g) => g.code === code) || {}).message || code);  // in the page's language
  }
  for (const m of (chain && chain.members) || []) {
    const fields = ["orientation", "attitude", ...DEGREES].filter((f) => m[f] == null).map((f) => T(f));
    if (fields.length) out.push(U("member_missing", { name: m.contact.name || m.contact.id, fields: fields.join(", ") }));
  }
  return out;
}
async function renderDealEditor() {
  const box = $("deal-details");
  if (!state.dealData || !state.deal || !box) return;
  const token = edit.dealToken = (edit.dealToken || 0) + 1;
  const stale = () => token !== edit.dealToken;
  const { chain, gaps, win_rate: winRate } = state.dealData;
  if (chain.error) return;
  const missing = chainMissing(chain, gaps);
  const section = el("section", { id: "deal-editor" }, el("h2", {}, U("chain_missing")),
    missing.length ? el("ul", { id: "chain-missing", class: "missing" }, ...missing.map((m) => el("li", {}, m)))
      : el("div", { id: "chain-missing", class: "ok" }, U("chain_complete")));
  if ($("deal-editor")) $("deal-editor").remove();
  box.prepend(section);
  if (!canEdit()) return;
  const dealId = state.deal.id;
  let row;
  try { row = await call("GET", "/opportunities/" + enc(dealId)); } catch (error) { return; }
  const dealForm = el("form", { id: "deal-form", novalidate: "", class: "edit-form" }, el("h2", {}, U("edit_deal")),
    field("stage", T("stage"), selectInput(ENUMS.stage, row.stage)),
    field("amount", U("amount"), numberInput(row.amount, { min: "0" })),
    field("compelling_event", U("compelling_event"), checkbox(row.compelling_event)),
    field("need_satisfaction", T("need_satisfaction"), numberInput(row.need_satisfaction, { min: "0", max: "100" })),
    el("div", { class: "form-status" }), el("div", { class: "conflict", hidden: "" }),
    el("button", { type: "submit", class: "primary", id: "deal-save" }, U("save")));
  dealForm.addEventListener("submit", (event) => { event.preventDefault(); saveDeal(dealForm, dealId, row, row.version); });
  const members = el("div", { id: "deal-members" }, el("h2", {}, U("members")));
  const roles = await Promise.all(chain.members.map((m) =>
    call("GET", `/opportunities/${enc(dealId)}/roles/${enc(m.contact.id)}`).catch(() => null)));
  chain.members.forEach((m, i) => {
    const props = (roles[i] && roles[i].properties) || { role: m.role };
    const form = el("form", { novalidate: "", class: "edit-form member", "data-member": m.contact.id },
      field("role", T("role"), selectInput(ENUMS.role, props.role, { empty: false })),
      field("attitude", T("attitude"), selectInput(ENUMS.attitude, props.attitude)),
      ...DEGREES.map((d) => field(d, T(d), numberInput(props[d], { min: "0", max: "100" }))),
      field("one_vote_approve", T("one_vote_approve"), checkbox(props.one_vote_approve)),
      field("one_vote_veto", T("one_vote_veto"), checkbox(props.one_vote_veto)),
      field("inside_source", T("inside_source"), checkbox(props.inside_source)),
      el("div", { class: "form-status" }),
      el("div", { class: "row" }, el("button", { type: "submit" }, U("save")),
        el("button", { type: "button", class: "danger", onclick: () =>
          call("DELETE", `/opportunities/${enc(dealId)}/roles/${enc(m.contact.id)}`).then(refreshAfterChange)
            .catch((error) => formStatus(form, error.message, false)) }, U("remove"))));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !form.querySelector(`[data-field="${k}"]`)));
        await call("PUT", `/opportunities/${enc(dealId)}/roles/${enc(m.contact.id)}`, { ...kept, ...formValues(form) },
          roles[i] ? roles[i].version : undefined);  // a field the form does not show (is_primary, from a CRM) stays
        await refreshAfterChange();
      } catch (error) { showErrors(form, error); }
    });
    members.append(el("details", { class: "member-details" },
      el("summary", {}, (m.contact.name || m.contact.id) + " · " + V(props.role) + (props.attitude ? " · " + V(props.attitude) : "")),
      form));
  });
  const inChain = new Set(chain.members.map((m) => m.contact.id));
  const candidates = ((edit.accountData || {}).contacts || []).filter((c) => !inChain.has(c.id));
  const addForm = el("form", { id: "add-member-form", novalidate: "", class: "edit-form" }, el("h2", {}, U("add_member")),
    field("contact", U("contact"), selectInput(candidates.map((c) => c.id), "", { labels: contactName })),
    field("role", T("role"), selectInput(ENUMS.role, "")),
    el("div", { class: "form-status" }),
    el("button", { type: "submit", id: "add-member-save" }, U("add")));
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = formValues(addForm);
    const contact = values.contact; delete values.contact;
    if (!contact) { addForm.querySelector('[data-error-for="contact"]').textContent = "—"; return; }
    try { await call("PUT", `/opportunities/${enc(dealId)}/roles/${enc(contact)}`, values); await refreshAfterChange(); }
    catch (error) { showErrors(addForm, error); }
  });
  const competitors = el("div", { id: "deal-competitors" }, el("h2", {}, U("competitors")),
    ...((winRate && winRate.competitors) || []).map((k) => {
      const form = el("form", { novalidate: "", class: "edit-form competitor", "data-competitor": k.id }, el("strong", {}, k.name || k.id),
        field("need_satisfaction", T("need_satisfaction"), numberInput(k.need_satisfaction, { min: "0", max: "100" })),
        field("closeness", T("closeness"), numberInput(k.closeness, { min: "0", max: "100" })),
        el("div", { class: "form-status" }), el("button", { type: "submit" }, U("save")));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try { await call("PUT", `/opportunities/${enc(dealId)}/competitors/${enc(k.id)}`, formValues(form)); await refreshAfterChange(); }
        catch (error) { showErrors(form, error); }
      });
      return form;
    }));
  const history = await historyBox("Opportunity", dealId);
  if (stale()) return;
  if ($("deal-edit-forms")) $("deal-edit-forms").remove();
  box.append(el("section", { id: "deal-edit-forms" }, dealForm, members, addForm, competitors, history));
}

/* The deal's own fields: the row as loaded, with the form's values (an emptied field is unset). */
const DEAL_FIELDS = ["stage", "amount", "compelling_event", "need_satisfaction"];
function dealBody(base, mine) {
  const body = { ...base, ...mine };
  delete body.id; delete body.version;
  for (const f of DEAL_FIELDS) if (!(f in mine)) delete body[f];
  return body;
}
async function saveDeal(form, dealId, base, version) {
  const mine = formValues(form);
  try { await call("PUT", "/opportunities/" + enc(dealId), dealBody(base, mine), version); await refreshAfterChange(); }
  catch (error) {
    if (error.status === 412) showDealConflict(form, dealId, base, mine, error.body);
    else showErrors(form, error);
  }
}
/* 412 on the deal: who changed it and what, then "apply my change on top" = the current row plus only the fields I
   changed (the other person's values stay). */
function showDealConflict(form, dealId, base, mine, answer) {
  const by = answer.changed_by || {}, current = answer.current || {};
  const label = (f) => (f === "amount" || f === "compelling_event") ? U(f) : T(f);
  const shown = (f, v) => f === "compelling_event" ? (v ? "✓" : "✗") : V(v);
  const mineChanged = DEAL_FIELDS.filter((f) => (mine[f] ?? null) !== (f === "compelling_event" ? !!base[f] : (base[f] ?? null)));
  const box = form.querySelector(".conflict"); box.hidden = false;
  box.replaceChildren(
    el("div", { class: "error", id: "deal-conflict-message" }, U("changed_by", { who: by.user || by.actor || "?",
      at: (by.at || "").slice(0, 19).replace("T", " ") })),
    el("div", { class: "muted", id: "deal-conflict-changes" }, DEAL_FIELDS.filter((f) => (current[f] ?? null) !== (base[f] ?? null))
      .map((f) => label(f) + ": " + shown(f, base[f]) + " → " + shown(f, current[f])).join(" · ")),
    el("button", { type: "button", class: "primary", id: "deal-reapply", onclick: () => {
      const merged = {};
      for (const f of DEAL_FIELDS) if (current[f] != null) merged[f] = current[f];
      for (const f of mineChanged) { if (mine[f] == null) delete merged[f]; else merged[f] = mine[f]; }
      box.hidden = true;
      for (const f of DEAL_FIELDS) {  // the form now holds what will be saved
        const input = form.querySelector(`[data-field="${f}"]`);
        if (input.type === "checkbox") input.checked = !!merged[f]; else input.value = merged[f] == null ? "" : String(merged[f]);
      }
      saveDeal(form, dealId, current, answer.version);
    } }, U("reapply")));
}

/* Counters a person never sees: how many graphs were drawn and changes finished (tests wait on them). */
window.addEventListener("message", (event) => {
  if ((event.data || {}).source === "brm-graph" && event.data.type === "drawn") {
    document.body.dataset.drawCount = String(Number(document.body.dataset.drawCount || 0) + 1);
  }
});

/* ---------- start: signed in already (cookie), or the form ---------- */
(async () => {
  let me = null;
  try { me = await call("GET", "/auth/session"); } catch (error) { me = null; }
  if (me) signedIn(me); else showLogin();
})();
