// BatchKit's local execution viewer: a hash-routed page over the emulator's read API (/_batchkit/api/...), refreshed
// by server-sent events. Everything is built with DOM calls and textContent (never innerHTML), so a payload can never
// become markup. Actions (start, stop, redrive) carry the X-BatchKit-Viewer header the emulator requires.
"use strict";

(function () {
  const API = "api/";
  const main = document.getElementById("main");
  let current = null;      // the view on screen: {refresh(), dispose()}
  let renderToken = 0;     // guards against a slow fetch drawing over a newer view

  // ---------- small DOM helpers ----------
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  const link = (href, text, attrs) => h("a", Object.assign({ href }, attrs || {}), text);
  const badge = status => h("span", { class: "badge st-" + (status || "NONE") }, (status || "—").replace("_", " "));
  const mono = text => h("span", { class: "mono" }, text);

  function fmtTime(iso) {
    if (!iso) return "—";
    const d = new Date(iso);
    const today = new Date().toDateString() === d.toDateString();
    return (today ? "" : d.toLocaleDateString() + " ") + d.toLocaleTimeString([], { hour12: false }) + "." + String(d.getMilliseconds()).padStart(3, "0");
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined) return "—";
    if (ms < 1000) return Math.round(ms) + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + " s";
    const m = Math.floor(ms / 60000), s = Math.round((ms % 60000) / 1000);
    return m + " min " + s + " s";
  }

  function fmtBytes(n) {
    if (n < 1024) return n + " B";
    if (n < 1048576) return (n / 1024).toFixed(1) + " KiB";
    return (n / 1048576).toFixed(1) + " MiB";
  }

  function pretty(text) {
    if (text === null || text === undefined) return "—";
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return String(text); }
  }

  const MAX_SHOWN = 100000;
  function jsonBlock(label, text) {
    const shown = pretty(text);
    const cut = shown.length > MAX_SHOWN ? shown.slice(0, MAX_SHOWN) + "\n… (cut at 100,000 characters)" : shown;
    const pre = h("pre", { class: "json", tabindex: "0", "aria-label": label }, cut);
    return [h("h3", {}, label), pre];
  }

  function facts(pairs) {
    return h("dl", { class: "facts" }, pairs.filter(p => p).map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {},
      v === null || v === undefined ? "—" : v))));
  }

  // A table: columns [{title, cell(row) → node|string, cls}]; rows get data-key for focus keeping across refreshes.
  function table(caption, columns, rows, options) {
    const opts = options || {};
    const head = h("tr", {}, columns.map(c => h("th", { scope: "col", class: c.cls || "" }, c.title)));
    const body = rows.length
      ? rows.map(r => h("tr", { "data-key": opts.key ? opts.key(r) : null, class: opts.selected && opts.selected(r) ? "selected" : "" },
          columns.map(c => h("td", { class: c.cls || "" }, c.cell(r)))))
      : [h("tr", {}, h("td", { colspan: String(columns.length), class: "empty" }, opts.empty || "Nothing yet."))];
    return h("div", { class: "table-wrap" }, h("table", {}, h("caption", { class: opts.visibleCaption ? "" : "sr" }, caption), h("thead", {}, head),
      h("tbody", {}, body)));
  }

  function pager(page, go) {
    const from = page.total ? page.offset + 1 : 0, to = Math.min(page.offset + page.limit, page.total);
    return h("div", { class: "pager", role: "navigation", "aria-label": "Pages" },
      h("button", { disabled: page.offset === 0, onclick: () => go(Math.max(0, page.offset - page.limit)), "aria-label": "Previous page" }, "‹ Previous"),
      h("span", {}, `${from}–${to} of ${page.total}`),
      h("button", { disabled: to >= page.total, onclick: () => go(page.offset + page.limit), "aria-label": "Next page" }, "Next ›"));
  }

  // Replaces a region's content, keeping keyboard focus on the element with the same data-focus key (live refreshes
  // must not throw a keyboard user back to the top).
  function swap(region, ...content) {
    const active = document.activeElement;
    const key = active && region.contains(active) ? focusKey(active) : null;
    region.replaceChildren(...content.flat(Infinity));
    if (key) {
      const again = region.querySelector(`[data-focus="${CSS.escape(key)}"]`);
      if (again) again.focus();
    }
  }

  function focusKey(node) {
    if (node.dataset.focus) return node.dataset.focus;
    const row = node.closest("[data-key]");
    const keyed = row && row.dataset.key;
    if (!keyed) return null;
    const tag = node.tagName.toLowerCase() + ":" + (node.getAttribute("href") || node.textContent);
    node.dataset.focus = keyed + "|" + tag;
    return node.dataset.focus;
  }

  // Every focusable in a table row gets its focus key, so swap() can find it again.
  function keyFocusables(region) {
    region.querySelectorAll("[data-key]").forEach(row => row.querySelectorAll("a,button,[tabindex]").forEach(n => {
      n.dataset.focus = row.dataset.key + "|" + n.tagName.toLowerCase() + ":" + (n.getAttribute("href") || n.textContent);
    }));
    region.querySelectorAll("g.node[data-path]").forEach(n => { n.dataset.focus = "state|" + n.dataset.path; });
  }

  // ---------- API ----------
  async function api(path, params) {
    const query = params ? "?" + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "")) : "";
    const response = await fetch(API + path + query, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || `${response.status} ${response.statusText}`);
    return body;
  }

  async function act(operation, request) {
    const response = await fetch(API + "actions/" + operation, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-BatchKit-Viewer": "1" },
      body: JSON.stringify(request),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((body.__type ? body.__type + ": " : "") + (body.message || response.statusText));
    return body;
  }

  function toast(message, bad) {
    const t = document.getElementById("toast");
    t.textContent = message;
    t.className = "toast" + (bad ? " bad" : "");
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, bad ? 9000 : 4000);
  }

  // ---------- live updates ----------
  function connect() {
    const live = document.getElementById("live"), text = document.getElementById("live-text");
    const source = new EventSource(API + "events");
    source.addEventListener("open", () => { live.className = "live on"; text.textContent = "live"; });
    source.addEventListener("error", () => { live.className = "live off"; text.textContent = "reconnecting…"; });
    source.addEventListener("change", ev => {
      document.body.dataset.version = ev.data;
      if (current && current.refresh) schedule();
    });
  }

  // One refresh at a time; a change arriving meanwhile runs one more afterwards.
  let refreshing = false, again = false;
  async function schedule() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    try { do { again = false; await current.refresh(); } while (again); }
    catch (e) { console.warn(e); }
    finally { refreshing = false; document.body.dataset.refreshed = document.body.dataset.version || ""; }
  }

  // ---------- routing ----------
  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const [path, query] = raw.split("?");
    const parts = path.split("/").map(decodeURIComponent);
    return { parts, params: new URLSearchParams(query || "") };
  }

  function go(parts, params) {
    const q = params && [...Object.entries(params)].filter(([, v]) => v !== undefined && v !== null && v !== "");
    location.hash = "#/" + parts.map(encodeURIComponent).join("/") + (q && q.length ? "?" + new URLSearchParams(q) : "");
  }

  // Records a choice in the address without a navigation (no hashchange), so a reload or a shared link keeps it.
  function replaceParam(name, value) {
    const { parts, params } = parseHash();
    params.set(name, value);
    history.replaceState(null, "", "#/" + parts.map(encodeURIComponent).join("/") + "?" + params);
  }

  const routes = {
    "": () => machinesView(true),
    machines: () => machinesView(false),
    machine: (arn, params) => machineView(arn, params),
    executions: (_, params) => executionsView(params),
    execution: (arn, params) => executionView(arn, params),
    "map-run": (arn, params) => mapRunView(arn, params),
    tasks: (_, params) => tasksView(params),
    "ecs-task": id => ecsTaskView(id),
    functions: (_, params) => functionsView(params),
    s3: (_, params) => s3View(params),
    "s3-object": (_, params) => s3ObjectView(params),
    ssm: () => ssmView(),
    slack: () => slackView(),
  };

  async function route() {
    const { parts, params } = parseHash();
    const name = parts[0] || "";
    const section = { machine: "machines", execution: "executions", "map-run": "executions", "ecs-task": "tasks", "s3-object": "s3" }[name] || name;
    document.querySelectorAll("nav a[data-section]").forEach(a => {
      if (a.dataset.section === section) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    if (current && current.dispose) current.dispose();
    current = null;
    const token = ++renderToken;
    const view = (routes[name] || notFound)(parts[1], params);
    try {
      const made = await view;
      if (token !== renderToken) return;
      current = made;
    } catch (e) {
      if (token !== renderToken) return;
      main.replaceChildren(h("h1", {}, "Could not load this page"), h("p", { class: "error-box" }, e.message));
    }
  }

  function notFound() {
    main.replaceChildren(h("h1", {}, "Not found"), h("p", {}, "This page does not exist. ", link("#/", "Go home")));
    return null;
  }

  function page(title, ...content) {
    document.title = title + " · BatchKit viewer";
    main.replaceChildren(...content.flat(Infinity));
  }

  // A view that re-reads its data on every change: load() → draw(data) into region.
  function liveView(load, draw, region) {
    const view = {
      async refresh() { const data = await load(); swap(region, draw(data)); keyFocusables(region); },
    };
    return view.refresh().then(() => view);
  }

  // ---------- state machines ----------
  async function machinesView(home) {
    const region = h("div");
    page(home ? "Home" : "State machines", h("h1", {}, home ? "BatchKit local stack" : "State machines"), region,
      home ? [h("h2", {}, "Recent executions"), h("div", { id: "recent" })] : []);
    const recent = home ? main.querySelector("#recent") : null;
    return liveView(async () => ({ machines: await api("state-machines"), recent: home ? await api("executions", { limit: 10 }) : null }), data => [
      table("State machines", [
        { title: "Name", cell: m => link("#/machine/" + encodeURIComponent(m.stateMachineArn), m.name) },
        { title: "Type", cell: m => m.type },
        { title: "Running", cls: "num", cell: m => m.executions.RUNNING || 0 },
        { title: "Succeeded", cls: "num", cell: m => m.executions.SUCCEEDED || 0 },
        { title: "Failed", cls: "num", cell: m => (m.executions.FAILED || 0) + (m.executions.TIMED_OUT || 0) + (m.executions.ABORTED || 0) },
        { title: "Created", cell: m => fmtTime(m.creationDate) },
      ], data.machines.items, { key: m => m.stateMachineArn, empty: "No state machine yet: run make up (or batchkit up) to deploy the pipeline." }),
      home ? drawInto(recent, executionTable(data.recent.items, "Recent executions")) : [],
    ], region);
  }

  function drawInto(region, content) { swap(region, content); keyFocusables(region); return []; }

  async function machineView(arn, params) {
    const machine = await api("state-machine", { arn });
    const definition = JSON.parse(machine.definition);
    const tab = params.get("tab") || "graph";
    const graphBox = h("div", { class: "graph-wrap" });
    const body = h("div");
    const executions = h("div");
    page(machine.name,
      h("p", { class: "crumbs" }, link("#/machines", "State machines"), " / ", machine.name),
      h("h1", {}, machine.name, h("span", { class: "actions" }, h("button", { class: "primary", onclick: () => startDialog(machine) }, "Start execution"))),
      facts([["ARN", mono(machine.stateMachineArn)], ["Type", machine.type], ["Role", mono(machine.roleArn)], ["Created", fmtTime(machine.creationDate)]]),
      tabs([["graph", "Graph"], ["definition", "Definition"], ["executions", "Executions"]], tab, t => go(["machine", arn], { tab: t })),
      body);
    if (tab === "graph") {
      body.append(legend(), graphBox);
      BatchKitGraph.render(definition, graphBox, { label: machine.name + " graph" }).update({}, {});
      return null;
    }
    if (tab === "definition") {
      body.append(h("pre", { class: "json", tabindex: "0", "aria-label": "Definition as JSON" }, JSON.stringify(definition, null, 2)));
      return null;
    }
    body.append(executions);
    return liveView(() => api("executions", { stateMachineArn: arn, limit: 50 }), page => executionTable(page.items, "Executions of " + machine.name),
      executions);
  }

  function tabs(list, selected, choose) {
    return h("div", { class: "tabs", role: "tablist" }, list.map(([id, label]) =>
      h("button", { role: "tab", "aria-selected": String(id === selected), id: "tab-" + id, onclick: () => choose(id) }, label)));
  }

  function legend() {
    return h("p", { class: "legend" }, "Colours:", ["RUNNING", "SUCCEEDED", "FAILED", "CAUGHT", "ABORTED"].map(badge), h("span", {}, "dashed edge = Catch"));
  }

  function startDialog(machine) {
    const name = h("input", { id: "start-name", placeholder: "optional: a unique name", autocomplete: "off" });
    const input = h("textarea", { id: "start-input", spellcheck: "false" }, "{\n}");
    const error = h("p", { class: "field-error", id: "start-error", role: "alert" });
    const dialog = h("dialog", { "aria-labelledby": "start-title" },
      h("h2", { id: "start-title" }, "Start an execution of " + machine.name),
      h("label", { for: "start-name" }, "Name"), name,
      h("label", { for: "start-input" }, "Input (JSON)"), input, error,
      h("div", { class: "buttons" },
        h("button", { onclick: () => dialog.close() }, "Cancel"),
        h("button", { class: "primary", onclick: start }, "Start")));
    async function start() {
      try { JSON.parse(input.value); } catch (e) { error.textContent = "The input is not JSON: " + e.message; input.focus(); return; }
      try {
        const started = await act("StartExecution", { stateMachineArn: machine.stateMachineArn, name: name.value || undefined, input: input.value });
        dialog.close();
        go(["execution", started.executionArn]);
      } catch (e) { error.textContent = e.message; }
    }
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    name.focus();
  }

  // ---------- executions ----------
  function executionTable(items, caption) {
    return table(caption, [
      { title: "Name", cell: e => link("#/execution/" + encodeURIComponent(e.executionArn), e.item || e.name) },
      { title: "Status", cell: e => badge(e.status) },
      { title: "State machine", cell: e => e.stateMachineName },
      { title: "Started", cell: e => fmtTime(e.startDate) },
      { title: "Duration", cls: "num", cell: e => fmtDuration(e.durationMs) },
      { title: "Error", cell: e => e.error || "" },
    ], items, { key: e => e.executionArn, empty: "No executions match." });
  }

  const STATUS_OPTIONS = ["", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

  function statusFilter(id, value, onChange) {
    return h("label", { for: id }, "Status",
      h("select", { id, onchange: ev => onChange(ev.target.value) }, STATUS_OPTIONS.map(s => h("option", { value: s, selected: s === value }, s || "Any"))));
  }

  function searchBox(id, label, value, onSearch) {
    const input = h("input", { id, type: "search", value, placeholder: "name or input text" });
    let timer;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => onSearch(input.value), 250); });
    return h("label", { for: id }, label, input);
  }

  async function executionsView(params) {
    const state = { status: params.get("status") || "", q: params.get("q") || "", offset: Number(params.get("offset") || 0) };
    const region = h("div");
    const update = () => go(["executions"], { status: state.status, q: state.q, offset: state.offset || "" });
    page("Executions", h("h1", {}, "Executions"),
      h("div", { class: "toolbar" },
        statusFilter("filter-status", state.status, v => { state.status = v; state.offset = 0; update(); }),
        searchBox("filter-q", "Search", state.q, v => { state.q = v; state.offset = 0; view.refresh(); })),
      region);
    const view = await liveView(() => api("executions", { status: state.status, q: state.q, offset: state.offset, limit: 50 }),
      p => [executionTable(p.items, "Executions"), pager(p, o => { state.offset = o; update(); })], region);
    return view;
  }

  async function executionView(arn, params) {
    const tab = params.get("tab") || "graph";
    const described = await api("execution", { arn });
    const definition = described.definition ? JSON.parse(described.definition) : null;
    const header = h("div"), body = h("div"), mapRuns = h("div");
    const selected = { path: params.get("state") || null };
    page(described.name, header, tabs([["graph", "Graph"], ["table", "Table"], ["events", "Events"], ["io", "Input and output"]], tab,
      t => go(["execution", arn], { tab: t, state: selected.path })), body, mapRuns);

    const drawHeader = e => swap(header,
      h("p", { class: "crumbs" }, link("#/executions", "Executions"), " / ",
        e.mapRunArn ? [link("#/execution/" + encodeURIComponent(e.parentExecutionArn), "parent execution"), " / ",
          link("#/map-run/" + encodeURIComponent(e.mapRunArn), "Map Run"), " / "] : [], e.item || e.name),
      h("h1", {}, e.item || e.name, badge(e.status), h("span", { class: "actions" },
        e.mapRunArn ? null : h("button", { class: "danger", disabled: e.status !== "RUNNING", onclick: () => stop(e) }, "Stop"),
        e.mapRunArn ? null : h("button", { disabled: e.status === "RUNNING" || e.status === "SUCCEEDED", onclick: () => redrive(e) }, "Redrive"))),
      facts([["Execution", mono(e.executionArn)], ["State machine",
        e.mapRunArn ? e.stateMachineName : link("#/machine/" + encodeURIComponent(e.stateMachineArn), e.stateMachineName)],
        ["Started", fmtTime(e.startDate)], ["Stopped", fmtTime(e.stopDate)], ["Duration", fmtDuration(e.durationMs)],
        e.error ? ["Error", h("strong", {}, e.error)] : null]),
      e.cause ? h("details", { open: true }, h("summary", {}, "Cause"), h("pre", { class: "json" }, pretty(e.cause))) : []);
    const drawMapRuns = e => swap(mapRuns, e.mapRuns.length ? [h("h2", {}, "Map Runs"), e.mapRuns.map(mapRunCard)] : []);
    drawHeader(described);
    drawMapRuns(described);

    let refreshBody;
    if (tab === "graph" && definition) refreshBody = graphTab(arn, definition, body, selected);
    else if (tab === "table") refreshBody = tableTab(arn, body);
    else if (tab === "events") refreshBody = eventsTab(arn, body);
    else refreshBody = async e => swap(body, jsonBlock("Input", e.input), jsonBlock("Output", e.output));
    await refreshBody(described);
    return {
      async refresh() {
        const e = await api("execution", { arn });
        drawHeader(e);
        drawMapRuns(e);
        await refreshBody(e);
      },
    };
  }

  async function stop(e) {
    if (!confirm("Stop " + e.name + "?")) return;
    try { await act("StopExecution", { executionArn: e.executionArn, error: "BatchKit.Viewer",
      cause: "Stopped from the BatchKit viewer" }); toast("Stop requested."); }
    catch (err) { toast(err.message, true); }
  }

  async function redrive(e) {
    try { await act("RedriveExecution", { executionArn: e.executionArn }); toast("Redrive started."); }
    catch (err) { toast(err.message, true); }
  }

  function mapRunCard(run) {
    const c = run.itemCounts;
    return h("div", { class: "panel" },
      h("h3", {}, link("#/map-run/" + encodeURIComponent(run.mapRunArn), "Map Run of " + run.stateName), " ", badge(run.status)),
      progress(c),
      h("p", { class: "muted" }, `${c.succeeded} succeeded · ${c.failed} failed · ${c.running} running · ${c.pending} pending of ${c.total}`));
  }

  function progress(c) {
    const pct = n => (c.total ? (100 * n) / c.total : 0) + "%";
    const bar = h("div", { class: "progress", role: "img", "aria-label": `${c.succeeded} of ${c.total} succeeded, ${c.failed} failed` },
      h("span", { class: "s" }), h("span", { class: "f" }), h("span", { class: "r" }));
    const [s, f, r] = bar.children;
    s.style.width = pct(c.succeeded); f.style.width = pct(c.failed); r.style.width = pct(c.running);
    return bar;
  }

  // The graph tab: the definition drawn once, coloured from /execution/states on each refresh; a side panel shows the
  // selected state's pass in full.
  function graphTab(arn, definition, body, selected) {
    const graphBox = h("div", { class: "graph-wrap" });
    const detail = h("aside", { class: "panel", "aria-label": "Selected state", id: "state-detail" }, h("p", { class: "muted" },
      "Select a state (click it, or Tab to it and press Enter)."));
    body.replaceChildren(legend(), h("div", { class: "split" }, graphBox, detail));
    let latest = { latest: {}, processors: {} };
    const graph = BatchKitGraph.render(definition, graphBox, {
      label: "Execution graph",
      onSelect: path => { selected.path = path; graph.select(path); replaceParam("state", path); showDetail(); },
    });
    keyFocusables(graphBox);
    // A state named in the address (from the table, say) may be given by its name rather than its path in the graph.
    if (selected.path && !graph.states().includes(selected.path)) {
      selected.path = graph.states().find(p => p.split("/").pop() === selected.path) || null;
    }

    async function showDetail() {
      const path = selected.path;
      if (!path) return;
      const name = path.split("/").pop(), parent = path.split("/").slice(-2, -1)[0];
      const counts = parent && latest.processors[parent] && latest.processors[parent][name];
      const visit = latest.latest[name];
      if (counts && !visit) {
        const run = latest.latest[parent];
        swap(detail, h("h2", {}, name), h("p", {}, "Runs in the Map Run's child executions:"),
          h("ul", {}, Object.entries(counts).map(([s, n]) => h("li", {}, badge(s), " ", n))),
          run && run.mapRunArn ? h("p", {}, link("#/map-run/" + encodeURIComponent(run.mapRunArn), "Open the Map Run"), " · ",
            link("#/map-run/" + encodeURIComponent(run.mapRunArn) + "?status=FAILED", "failed children")) : []);
        return;
      }
      if (!visit) { swap(detail, h("h2", {}, name), h("p", { class: "muted" }, "This state has not run in this execution.")); return; }
      const pass = await api("execution/state", { arn, event: visit.enteredEventId });
      swap(detail, stateDetail(pass));
    }

    return async () => {
      latest = await api("execution/states", { arn });
      const statuses = {}, counts = {};
      for (const path of graph.states()) {
        const segments = path.split("/"), name = segments[segments.length - 1], parent = segments[segments.length - 2];
        if (parent && latest.processors[parent]) counts[path] = latest.processors[parent][name] || null;
        else if (latest.latest[name]) statuses[path] = latest.latest[name];
      }
      graph.update(statuses, counts);
      if (!selected.path) {
        const failed = Object.entries(latest.latest).find(([, v]) => v.status === "FAILED");
        if (failed) selected.path = graph.states().find(p => p.split("/").pop() === failed[0]) || null;
      }
      if (selected.path) { graph.select(selected.path); await showDetail(); }
    };
  }

  function stateDetail(pass) {
    return [
      h("h2", {}, pass.name, " ", badge(pass.status)),
      facts([["Type", pass.type], ["Started", fmtTime(pass.startDate)], ["Duration", fmtDuration(pass.durationMs)],
        pass.attempts > 1 ? ["Attempts", pass.attempts] : null]),
      pass.error ? [h("h3", {}, "Error"), h("p", { class: "error-box", "data-testid": "state-error" }, pass.error)] : [],
      pass.cause ? [h("h3", {}, "Cause"), h("pre", { class: "json", "data-testid": "state-cause", tabindex: "0", "aria-label": "Cause" },
        pretty(pass.cause))] : [],
      pass.mapRunArn ? h("p", {}, link("#/map-run/" + encodeURIComponent(pass.mapRunArn), "Open the Map Run")) : [],
      pass.ecsTasks.map(t => [
        h("h3", {}, "ECS task ", link("#/ecs-task/" + encodeURIComponent(t.taskId), t.taskId.slice(0, 12)), " ", badge(t.lastStatus)),
        facts([["Exit code", t.exitCode], ["Runtime", fmtDuration(t.runtimeMs)], ["Ran as", t.runtime], ["Stopped reason", t.stoppedReason]]),
        h("pre", { class: "log", tabindex: "0", "aria-label": "ECS task logs", "data-testid": "task-logs" }, t.output || "(no output yet)"),
      ]),
      jsonBlock("Input", pass.input),
      jsonBlock("Output", pass.output),
      pass.assignedVariables ? jsonBlock("Assigned variables", JSON.stringify(pass.assignedVariables)) : [],
      pass.retriedFailures.length ? [h("h3", {}, "Retried failures"), h("ul", {}, pass.retriedFailures.map(f => h("li", {},
        (f.error || "") + (f.cause ? ": " + f.cause : ""))))] : [],
      h("details", {}, h("summary", {}, `Events (${pass.events.length})`),
        h("ul", {}, pass.events.map(e => h("li", {}, `#${e.id} ${e.type}`)))),
    ];
  }

  function tableTab(arn, body) {
    return async () => {
      const states = await api("execution/states", { arn });
      swap(body, table("States of this execution", [
        { title: "State", cell: v => v.name },
        { title: "Type", cell: v => v.type },
        { title: "Status", cell: v => badge(v.status) },
        { title: "Started", cell: v => fmtTime(v.startDate) },
        { title: "Duration", cls: "num", cell: v => fmtDuration(v.durationMs) },
        { title: "Error", cell: v => v.error || "" },
        { title: "Details", cell: v => link("#/execution/" + encodeURIComponent(arn) + "?tab=graph&state=" + encodeURIComponent(v.name), "details",
          { "aria-label": "Details of " + v.name }) },
      ], states.visits, { key: v => String(v.enteredEventId), visibleCaption: false }));
      keyFocusables(body);
    };
  }

  function eventsTab(arn, body) {
    const state = { offset: 0 };
    const refresh = async () => {
      const events = await api("execution/history", { arn, offset: state.offset, limit: 100 });
      swap(body, table("Event history", [
        { title: "ID", cls: "num", cell: e => e.id },
        { title: "Type", cell: e => e.type },
        { title: "Time", cell: e => fmtTime(new Date(e.timestamp * 1000).toISOString()) },
        { title: "Details", cell: e => details(e) },
      ], events.items, { key: e => String(e.id) }), pager(events, o => { state.offset = o; refresh(); }));
      keyFocusables(body);
    };
    return refresh;
  }

  function details(e) {
    const key = Object.keys(e).find(k => k.endsWith("EventDetails"));
    if (!key) return "";
    const d = e[key];
    const summary = d.name || d.error || d.resource || d.mapRunArn || "";
    return h("details", {}, h("summary", {}, summary || "details"), h("pre", { class: "json" }, JSON.stringify(d, null, 2)));
  }

  // ---------- Map Runs ----------
  async function mapRunView(arn, params) {
    const state = { status: params.get("status") || "", q: params.get("q") || "", offset: Number(params.get("offset") || 0) };
    const header = h("div"), region = h("div"), files = h("div");
    const update = () => go(["map-run", arn], { status: state.status, q: state.q, offset: state.offset || "" });
    page("Map Run", header,
      h("h2", {}, "Child executions"),
      h("div", { class: "toolbar" },
        statusFilter("child-status", state.status, v => { state.status = v; state.offset = 0; update(); }),
        searchBox("child-q", "Search children", state.q, v => { state.q = v; state.offset = 0; view.refresh(); })),
      region, h("h2", {}, "ResultWriter files"), files);
    const view = await liveView(() => api("map-run", { arn, status: state.status, q: state.q, offset: state.offset, limit: 50 }), run => {
      const c = run.itemCounts;
      swap(header,
        h("p", { class: "crumbs" }, link("#/executions", "Executions"), " / ", link("#/execution/" + encodeURIComponent(run.executionArn),
          run.parentExecutionName), " / Map Run"),
        h("h1", {}, "Map Run of " + run.stateName, badge(run.status)),
        h("div", { class: "tiles", "aria-label": "Item counts" }, [["Total", c.total, ""], ["Succeeded", c.succeeded, "SUCCEEDED"],
          ["Failed", c.failed, "FAILED"], ["Running", c.running, "RUNNING"], ["Pending", c.pending, ""]].map(([l, n, s]) =>
          h("div", { class: "tile st-" + s, "data-count": l.toLowerCase() }, h("div", { class: "n" }, n), h("div", { class: "l" }, l)))),
        progress(c),
        facts([["Tolerated failure", `${run.toleratedFailurePercentage}% or ${run.toleratedFailureCount} items`],
          ["Max concurrency", run.maxConcurrency || "unlimited"], ["Started", fmtTime(run.startDate)], ["Duration", fmtDuration(run.durationMs)],
          ["Map Run", mono(run.mapRunArn)]]));
      swap(files, table("ResultWriter files", [
        { title: "Key", cell: f => link("#/s3-object?" + new URLSearchParams({ bucket: f.bucket, key: f.key }), f.key) },
        { title: "Size", cls: "num", cell: f => fmtBytes(f.size) },
        { title: "ETag", cell: f => mono(f.eTag) },
      ], run.resultFiles, { key: f => f.key, empty: "None yet: ResultWriter writes them when the Map Run ends." }));
      keyFocusables(files);
      return [executionTable(run.children.items, "Child executions"), pager(run.children, o => { state.offset = o; update(); })];
    }, region);
    return view;
  }

  // ---------- tasks ----------
  async function tasksView(params) {
    const state = { status: params.get("status") || "", q: params.get("q") || "", offset: 0 };
    const tokens = h("div"), region = h("div");
    page("Tasks", h("h1", {}, "Tasks"), h("h2", {}, "Waiting task tokens"), tokens, h("h2", {}, "ECS tasks"),
      h("div", { class: "toolbar" },
        h("label", { for: "task-status" }, "Status", h("select", { id: "task-status", onchange: ev => { state.status = ev.target.value; view.refresh(); } },
          ["", "PROVISIONING", "RUNNING", "STOPPED"].map(s => h("option", { value: s, selected: s === state.status }, s || "Any")))),
        searchBox("task-q", "Search (environment, ARN)", state.q, v => { state.q = v; state.offset = 0; view.refresh(); })),
      region);
    const load = async () => ({
      tokens: await api("task-tokens"),
      tasks: await api("ecs/tasks", { status: state.status, q: state.q, offset: state.offset, limit: 50 }),
    });
    const view = await liveView(load, data => {
      swap(tokens, table("Waiting task tokens", [
        { title: "State", cell: t => link("#/execution/" + encodeURIComponent(t.executionArn), t.stateName) },
        { title: "Token", cell: t => mono(t.token) },
        { title: "Waiting for", cls: "num", cell: t => fmtDuration(t.ageSeconds * 1000) },
        { title: "Last heartbeat",
          cell: t => t.lastHeartbeat ? fmtTime(t.lastHeartbeat) + ` (${fmtDuration(t.secondsSinceHeartbeat * 1000)} ago)` : "none yet" },
        { title: "ECS task", cell: t => t.ecsTaskArn ? link("#/ecs-task/" + encodeURIComponent(t.ecsTaskArn.split("/").pop()),
          t.ecsTaskArn.split("/").pop().slice(0, 12)) : "—" },
      ], data.tokens.items, { key: t => t.token, empty: "No task waits for a token." }));
      keyFocusables(tokens);
      return [ecsTable(data.tasks.items), pager(data.tasks, o => { state.offset = o; view.refresh(); })];
    }, region);
    return view;
  }

  function ecsTable(items) {
    return table("ECS tasks", [
      { title: "Task", cell: t => link("#/ecs-task/" + encodeURIComponent(t.taskId), t.taskId.slice(0, 12)) },
      { title: "Status", cell: t => badge(t.lastStatus) },
      { title: "Exit code", cls: "num", cell: t => t.exitCode ?? "—" },
      { title: "Runtime", cls: "num", cell: t => fmtDuration(t.runtimeMs) },
      { title: "Ran as", cell: t => t.runtime || "—" },
      { title: "Started", cell: t => fmtTime(t.startedAt) },
      { title: "Overrides", cell: t => mono(Object.entries(t.environment).filter(([k]) => k !== "TASK_TOKEN").map(([k, v]) => k + "=" + v).join(" ")) },
    ], items, { key: t => t.taskArn, empty: "No ECS tasks." });
  }

  async function ecsTaskView(id) {
    const region = h("div");
    page("ECS task", region);
    return liveView(() => api("ecs/task", { id }), t => [
      h("p", { class: "crumbs" }, link("#/tasks", "Tasks"), " / ", t.taskId),
      h("h1", {}, "ECS task " + t.taskId.slice(0, 12), badge(t.lastStatus)),
      facts([["Task", mono(t.taskArn)], ["Task definition", mono(t.taskDefinitionArn)], ["Exit code", t.exitCode], ["Runtime", fmtDuration(t.runtimeMs)],
        ["Ran as", t.runtime], ["Workload", t.workload], ["Created", fmtTime(t.createdAt)], ["Started", fmtTime(t.startedAt)],
        ["Stopped", fmtTime(t.stoppedAt)], ["Stopped reason", t.stoppedReason]]),
      h("h2", {}, "Logs"), h("pre", { class: "log", tabindex: "0", "aria-label": "Task logs" }, t.output || "(no output yet)"),
      h("h2", {}, "Environment"), table("Environment", [{ title: "Name", cell: p => mono(p[0]) }, { title: "Value", cell: p => mono(p[1]) }],
        Object.entries(t.environment)),
    ], region);
  }

  // ---------- Lambda ----------
  async function functionsView(params) {
    const state = { fn: params.get("function") || "", offset: 0 };
    const fns = h("div"), region = h("div");
    page("Lambda", h("h1", {}, "Lambda functions"), fns, h("h2", {}, "Invocations"), region);
    const load = async () => ({
      fns: await api("lambda/functions"),
      inv: await api("lambda/invocations", { function: state.fn, offset: state.offset, limit: 20 }),
    });
    const view = await liveView(load, data => {
      swap(fns, table("Lambda functions", [
        { title: "Function", cell: f => link("#/functions?function=" + encodeURIComponent(f.functionName), f.functionName) },
        { title: "Runtime", cell: f => f.runtime },
        { title: "Handler", cell: f => mono(f.handler) },
        { title: "Timeout", cls: "num", cell: f => f.timeout + " s" },
        { title: "Warm environments", cls: "num", cell: f => f.environments },
        { title: "Invocations kept", cls: "num", cell: f => f.invocations },
      ], data.fns.items, { key: f => f.functionName, empty: "No functions." }));
      keyFocusables(fns);
      return [state.fn ? h("p", {}, "Showing ", h("strong", {}, state.fn), " · ", link("#/functions", "all functions")) : [],
        data.inv.items.length ? data.inv.items.map(invocation) : h("p", { class: "empty" }, "No invocations yet."),
        pager(data.inv, o => { state.offset = o; view.refresh(); })];
    }, region);
    return view;
  }

  function invocation(i) {
    return h("details", { class: "panel", "data-key": i.requestId },
      h("summary", {}, badge(i.status), " ", i.functionName, " · ", fmtTime(i.receivedAt), " · ", fmtDuration(i.durationMs),
        i.errorType ? " · " + i.errorType : ""),
      facts([["Request ID", mono(i.requestId)], ["Started", fmtTime(i.startedAt)], ["Ended", fmtTime(i.endedAt)]]),
      jsonBlock("Payload", i.payload), jsonBlock("Response", i.response),
      h("h3", {}, "Log"), h("pre", { class: "log", tabindex: "0", "aria-label": "Invocation log" }, i.log || "(no output)"));
  }

  // ---------- data ----------
  async function s3View(params) {
    const bucket = params.get("bucket"), prefix = params.get("prefix") || "";
    const state = { offset: Number(params.get("offset") || 0) };
    const region = h("div");
    if (!bucket) {
      page("S3", h("h1", {}, "S3 buckets"), region);
      return liveView(() => api("s3/buckets"), b => table("Buckets", [
        { title: "Bucket", cell: x => link("#/s3?bucket=" + encodeURIComponent(x.name), x.name) },
        { title: "Objects", cls: "num", cell: x => x.objects },
      ], b.items, { key: x => x.name, empty: "No buckets." }), region);
    }
    const crumbs = [link("#/s3", "S3"), " / ", link("#/s3?bucket=" + encodeURIComponent(bucket), bucket)];
    let acc = "";
    for (const part of prefix.split("/").filter(Boolean)) {
      acc += part + "/";
      crumbs.push(" / ", link("#/s3?" + new URLSearchParams({ bucket, prefix: acc }), part));
    }
    page(bucket, h("p", { class: "crumbs" }, crumbs), h("h1", {}, "s3://" + bucket + "/" + prefix), region);
    return liveView(() => api("s3/objects", { bucket, prefix, offset: state.offset, limit: 100 }), o => [
      o.folders.length ? table("Folders", [{ title: "Folder", cell: f => link("#/s3?" + new URLSearchParams({ bucket, prefix: f }),
        f.slice(prefix.length)) }], o.folders, { key: f => f }) : [],
      table("Objects", [
        { title: "Key", cell: x => link("#/s3-object?" + new URLSearchParams({ bucket, key: x.key }), x.key.slice(prefix.length)) },
        { title: "Size", cls: "num", cell: x => fmtBytes(x.size) },
        { title: "ETag", cell: x => mono(x.eTag) },
        { title: "Last modified", cell: x => fmtTime(x.lastModified) },
        { title: "Download", cell: x => link(downloadUrl(bucket, x.key), "download", { download: "", "aria-label": "Download " + x.key }) },
      ], o.items, { key: x => x.key, empty: o.folders.length ? "No objects at this level." : "No objects." }),
      pager(o, off => go(["s3"], { bucket, prefix, offset: off })),
    ], region);
  }

  const downloadUrl = (bucket, key) => API + "s3/object?" + new URLSearchParams({ bucket, key });

  async function s3ObjectView(params) {
    const bucket = params.get("bucket"), key = params.get("key");
    const preview = await api("s3/preview", { bucket, key });
    const folder = key.includes("/") ? key.slice(0, key.lastIndexOf("/") + 1) : "";
    page(key, h("p", { class: "crumbs" }, link("#/s3", "S3"), " / ", link("#/s3?" + new URLSearchParams({ bucket, prefix: folder }), bucket + "/" + folder)),
      h("h1", {}, key.slice(folder.length), h("span", { class: "actions" }, link(downloadUrl(bucket, key), "Download", { download: "" }))),
      facts([["Bucket", bucket], ["Key", mono(key)], ["Size", fmtBytes(preview.size)], ["ETag", mono(preview.eTag)]]),
      preview.kind === "binary" ? h("p", { class: "muted" }, "A binary object: download it to look inside.")
        : [h("h2", {}, preview.kind === "json" ? "JSON preview" : "Text preview"),
          h("pre", { class: "json", tabindex: "0", "aria-label": "Object preview" }, preview.text + (preview.truncated ? "\n… (first 256 KiB)" : ""))]);
    return null;
  }

  async function ssmView() {
    const region = h("div");
    page("Parameters", h("h1", {}, "SSM parameters"), region);
    return liveView(() => api("ssm/parameters"), p => table("Parameters", [
      { title: "Name", cell: x => mono(x.name) },
      { title: "Type", cell: x => x.type },
      { title: "Value", cell: x => x.masked ? h("span", { class: "muted", "aria-label": "hidden SecureString value" },
        "•••••••• (SecureString, encrypted at rest)") : mono(x.value) },
      { title: "Version", cls: "num", cell: x => x.version },
      { title: "Last modified", cell: x => fmtTime(x.lastModifiedDate) },
    ], p.items, { key: x => x.name, empty: "No parameters." }), region);
  }

  async function slackView() {
    const region = h("div");
    page("Slack", h("h1", {}, "Slack messages"), region);
    return liveView(() => api("slack/messages"), s => {
      if (!s.configured) return h("p", { class: "empty" }, "No Slack stub is configured for this emulator (start it with --slack-url, as batchkit up does).");
      if (s.unreachable) return h("p", { class: "error-box" }, "The Slack stub at " + s.stubUrl + " does not answer: " + s.unreachable);
      if (!s.items.length) return h("p", { class: "empty" }, "The Slack stub at " + s.stubUrl + " has received no messages yet.");
      return h("ul", { class: "slack", "aria-label": "Messages, newest first" }, s.items.map(m => h("li", {},
        h("div", { class: "avatar", "aria-hidden": "true" }, "B"),
        h("div", {}, h("div", { class: "meta" }, h("strong", {}, "BatchKit"), " · ", fmtTime(m.received), " · stub answered ", String(m.status)),
          h("div", { class: "text" }, slackText(m.text))))));
    }, region);
  }

  // Slack's mrkdwn, the basics: *bold*, _italic_, `code`; everything else stays text.
  function slackText(text) {
    const out = [];
    const pattern = /(\*[^*\n]+\*|_[^_\n]+_|`[^`\n]+`)/g;
    let last = 0, m;
    while ((m = pattern.exec(text))) {
      if (m.index > last) out.push(text.slice(last, m.index));
      const inner = m[0].slice(1, -1);
      out.push(m[0][0] === "*" ? h("strong", {}, inner) : m[0][0] === "_" ? h("em", {}, inner) : h("code", {}, inner));
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  }

  window.addEventListener("hashchange", () => { route(); main.focus({ preventScroll: true }); });
  connect();
  route();
})();
