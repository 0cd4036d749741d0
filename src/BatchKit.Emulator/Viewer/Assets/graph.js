// The state machine graph, laid out from the Amazon States Language definition itself (no layout library):
// states in layers from StartAt (longest path over forward edges, so loops draw back up the side), Parallel branches
// and Map item processors as boxes holding their own graphs, and edges for Next, Choice rules and Default, Catch
// (dashed) and End. Retry shows as a badge on the state. https://states-language.net/spec.html
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const NODE_W = 210, NODE_H = 46, TERMINAL_W = 72, TERMINAL_H = 28;
  const H_GAP = 36, V_GAP = 54, PAD = 14, HEADER = 40, BRANCH_GAP = 22;

  // Edges of one state: where it can go next, and why.
  function edgesOf(name, state, hasEnd) {
    const edges = [];
    if (state.Type === "Choice") {
      (state.Choices || []).forEach((rule, i) => edges.push({ to: rule.Next, kind: "choice", label: ruleLabel(rule, i) }));
      if (state.Default) edges.push({ to: state.Default, kind: "default", label: "Default" });
    } else if (state.Next) {
      edges.push({ to: state.Next, kind: "next", label: "" });
    }
    (state.Catch || []).forEach(c => edges.push({ to: c.Next, kind: "catch", label: "Catch " + (c.ErrorEquals || []).join(", ") }));
    const ends = state.End === true || state.Type === "Succeed" || state.Type === "Fail";
    if (ends && hasEnd) edges.push({ to: "__end", kind: "next", label: "" });
    return edges.filter(e => e.to).map(e => Object.assign(e, { from: name }));
  }

  // A Choice rule in a few words: "$.x == 3", "$.y present", "And(...)".
  function ruleLabel(rule, i) {
    if (rule.Condition) return shorten(String(rule.Condition), 28);
    const op = Object.keys(rule).find(k => k !== "Next" && k !== "Variable" && k !== "Comment" && k !== "Assign" && k !== "Output");
    if (!op) return "Rule " + (i + 1);
    if (op === "And" || op === "Or" || op === "Not") return op + "(…)";
    const value = rule[op];
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    return shorten((rule.Variable || "") + " " + op.replace(/Equals(Path)?$/, "=").replace(/^String|^Numeric|^Boolean|^Timestamp/, "") + " " + shown, 28);
  }

  function shorten(text, max) { return text.length > max ? text.slice(0, max - 1) + "…" : text; }

  function nested(state) {
    if (state.Type === "Parallel") return (state.Branches || []).map((b, i) => ({ title: "Branch " + (i + 1), graph: b }));
    if (state.Type === "Map") {
      const processor = state.ItemProcessor || state.Iterator;
      return processor ? [{ title: "Item processor", graph: processor }] : [];
    }
    return [];
  }

  // Lays out one graph (the machine, a branch or an item processor). Returns {width, height, nodes, edges}.
  function layoutGraph(graph, top, prefix) {
    const states = graph.States || {};
    const names = Object.keys(states);
    const nodes = new Map();
    if (top) nodes.set("__start", { id: "__start", name: "Start", terminal: true, w: TERMINAL_W, h: TERMINAL_H });
    for (const name of names) {
      const state = states[name];
      const children = nested(state).map(b => Object.assign({ title: b.title }, layoutGraph(b.graph, false, prefix + name + "/")));
      let w = NODE_W, h = NODE_H;
      if (children.length) {
        w = Math.max(NODE_W, children.reduce((s, c) => s + c.width, 0) + BRANCH_GAP * (children.length - 1) + 2 * PAD);
        h = HEADER + Math.max(...children.map(c => c.height + 18)) + PAD;
      }
      nodes.set(name, { id: prefix + name, name, state, type: state.Type, w, h, children });
    }
    if (top) nodes.set("__end", { id: "__end", name: "End", terminal: true, w: TERMINAL_W, h: TERMINAL_H });

    const edges = [];
    if (top && graph.StartAt) edges.push({ from: "__start", to: graph.StartAt, kind: "next", label: "" });
    for (const name of names) edges.push(...edgesOf(name, states[name], top));
    const known = edges.filter(e => nodes.has(e.from) && nodes.has(e.to));

    const ranks = rank([...nodes.keys()], known, top ? "__start" : graph.StartAt);
    const chains = routeLongEdges(nodes, known, ranks);
    return place(nodes, known, chains, ranks);
  }

  // An edge spanning several layers gets a waypoint in each layer it crosses (Sugiyama's dummy nodes), so it runs
  // beside the states in between instead of through them. Returns the one-layer edges used to order each layer.
  function routeLongEdges(nodes, edges, ranks) {
    const chains = [];
    let n = 0;
    for (const e of edges) {
      const from = ranks.level.get(e.from), to = ranks.level.get(e.to);
      e.via = [];
      if (e.back || to - from <= 1) { if (!e.back) chains.push({ from: e.from, to: e.to }); continue; }
      let previous = e.from;
      for (let r = from + 1; r < to; r++) {
        const id = "__via" + n++;
        nodes.set(id, { id, name: "", dummy: true, w: 14, h: 0, children: [] });
        ranks.level.set(id, r);
        ranks.preorder.set(id, ranks.preorder.get(e.from) + 0.5);
        chains.push({ from: previous, to: id });
        e.via.push(id);
        previous = id;
      }
      chains.push({ from: previous, to: e.to });
    }
    return chains;
  }

  // Longest-path layering over forward edges; back edges (loops) found by a depth-first search are left out.
  function rank(ids, edges, start) {
    const out = new Map(ids.map(id => [id, []]));
    edges.forEach(e => out.get(e.from).push(e));
    const state = new Map(), order = [], back = new Set();
    const visit = root => {
      const stack = [[root, 0]];
      state.set(root, 1);
      while (stack.length) {
        const frame = stack[stack.length - 1];
        const [id, i] = frame;
        const next = out.get(id)[i];
        if (!next) { state.set(id, 2); order.push(id); stack.pop(); continue; }
        frame[1]++;
        const s = state.get(next.to);
        if (s === 1) back.add(next);
        else if (!s) { state.set(next.to, 1); stack.push([next.to, 0]); }
      }
    };
    if (start && out.has(start)) visit(start);
    ids.filter(id => !state.has(id) && id !== "__end").forEach(visit);
    if (!state.has("__end") && out.has("__end")) visit("__end");
    const topo = order.reverse();
    const level = new Map(topo.map(id => [id, 0]));
    const preorder = new Map(topo.map((id, i) => [id, i]));
    for (const id of topo) {
      for (const e of out.get(id)) {
        if (!back.has(e)) level.set(e.to, Math.max(level.get(e.to), level.get(id) + 1));
      }
    }
    edges.forEach(e => { e.back = back.has(e); });
    return { level, preorder };
  }

  function place(nodes, edges, chains, ranks) {
    const rows = [];
    for (const [id, node] of nodes) {
      const r = ranks.level.get(id) || 0;
      (rows[r] = rows[r] || []).push(node);
      node.key = id;
    }
    const preds = new Map();
    chains.forEach(e => (preds.get(e.to) || preds.set(e.to, []).get(e.to)).push(e.from));
    let width = 0, y = PAD;
    const rowWidths = [];
    rows.forEach((row, r) => {
      // Order a layer by where its predecessors sit (barycenter), so edges cross less; ties keep discovery order.
      row.sort((a, b) => center(a) - center(b) || ranks.preorder.get(a.key) - ranks.preorder.get(b.key));
      const h = Math.max(0, ...row.map(n => n.h));
      let x = 0, gap = 0;
      row.forEach(n => {
        if (n.dummy) n.h = h; // a waypoint spans its whole layer
        gap = n.dummy ? H_GAP / 2 : H_GAP;
        n.x = x; n.y = y + (h - n.h) / 2; x += n.w + gap;
      });
      rowWidths[r] = x - gap;
      width = Math.max(width, rowWidths[r]);
      y += h + V_GAP;
      function center(n) {
        const p = (preds.get(n.key) || []).map(k => nodes.get(k)).filter(q => q.x !== undefined);
        return p.length ? p.reduce((s, q) => s + q.x + q.w / 2, 0) / p.length : Infinity;
      }
    });
    rows.forEach((row, r) => row.forEach(n => { n.x += PAD + (width - rowWidths[r]) / 2; }));
    const states = [...nodes.values()].filter(n => !n.dummy);
    return { width: width + 2 * PAD + 60, height: y - V_GAP + PAD, nodes: states, edges, waypoints: nodes };
  }

  function el(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, value, cls, max) {
    const t = el("text", { x, y, class: cls }, parent);
    t.textContent = max ? shorten(value, max) : value;
    return t;
  }

  // Draws a laid-out graph at (ox, oy) into g; registers each state's group in index by its path.
  function draw(layout, g, ox, oy, index, path) {
    const byKey = layout.waypoints;
    const edgeLayer = el("g", { class: "edges" }, g);
    for (const n of layout.nodes) drawNode(n, g, ox, oy, index, path);
    for (const e of layout.edges) drawEdge(e, byKey.get(e.from), byKey.get(e.to), e.via.map(v => byKey.get(v)), edgeLayer, ox, oy);
  }

  function drawNode(n, g, ox, oy, index, path) {
    const x = ox + n.x, y = oy + n.y;
    if (n.terminal) {
      const t = el("g", { class: "node terminal", "aria-hidden": "true" }, g);
      el("rect", { x, y, width: n.w, height: n.h, rx: n.h / 2 }, t);
      text(t, x + n.w / 2, y + n.h / 2 + 4, n.name, "type").setAttribute("text-anchor", "middle");
      return;
    }
    const id = path + n.name;
    const group = el("g", {
      class: "node" + (n.children.length ? " compound" : ""), tabindex: "0", role: "button",
      "data-state": n.name, "data-path": id,
    }, g);
    // The <title> child names the state for assistive technology (SVG-AAM) and as the tooltip: its full name, type and
    // status. The drawn words (the name shortened to fit) stay out of the accessibility tree, so a screen reader hears
    // the full name once; with no aria-label, the name never disagrees with the visible text (WCAG 2.5.3).
    const title = el("title", {}, group);
    title.textContent = n.name + ", " + n.type + " state";
    const rx = n.type === "Succeed" || n.type === "Fail" || n.type === "Pass" ? 14 : 6;
    el("rect", { class: "box", x, y, width: n.w, height: n.h, rx }, group);
    const label = text(group, x + 10, y + 18, n.name, "name", Math.floor((n.w - 20) / 7.2));
    label.setAttribute("font-weight", "600");
    label.setAttribute("aria-hidden", "true");
    const config = n.type === "Map" && (n.state.ItemProcessor || {}).ProcessorConfig;
    const kind = n.type + (config ? " · " + (config.Mode || "INLINE").toLowerCase() : "")
      + (n.state.Retry && n.state.Retry.length ? " · ↻ retry" : "");
    text(group, x + 10, y + 34, kind, "type").setAttribute("aria-hidden", "true");
    const counts = text(group, x + n.w - 10, y + 18, "", "counts");
    counts.setAttribute("text-anchor", "end");
    counts.setAttribute("aria-hidden", "true");
    index.set(id, { group, title, counts, node: n });
    let bx = x + PAD;
    for (const child of n.children) {
      text(g, bx, y + HEADER + 10, child.title, "edge-label");
      draw(child, g, bx, y + HEADER + 14, index, id + "/");
      bx += child.width + BRANCH_GAP;
    }
  }

  function drawEdge(e, a, b, via, layer, ox, oy) {
    if (!a || !b) return;
    const x1 = ox + a.x + a.w / 2, y1 = oy + a.y + a.h, x2 = ox + b.x + b.w / 2, y2 = oy + b.y;
    let d, lx, ly;
    if (via.length) {
      // Through each waypoint: a curve into the top of its layer, straight down through it, a curve on.
      const points = [[x1, y1], ...via.flatMap(w => [[ox + w.x + w.w / 2, oy + w.y], [ox + w.x + w.w / 2, oy + w.y + w.h]]), [x2, y2 - 6]];
      d = `M${x1},${y1}`;
      for (let i = 1; i < points.length; i++) {
        const [ax, ay] = points[i - 1], [bx, by] = points[i];
        const dy = Math.max(12, (by - ay) / 2);
        d += ax === bx ? ` L${bx},${by}` : ` C${ax},${ay + dy} ${bx},${by - dy} ${bx},${by}`;
      }
      lx = (x1 + points[1][0]) / 2; ly = (y1 + points[1][1]) / 2 + 4;
      path(d, lx, ly, e, layer);
      return;
    }
    if (e.back) {
      // A loop: out of the source's right side, up the margin, into the target's right side.
      const sx = ox + a.x + a.w, sy = oy + a.y + a.h / 2, tx = ox + b.x + b.w, ty = oy + b.y + b.h / 2;
      const mx = Math.max(sx, tx) + 40;
      d = `M${sx},${sy} C${mx},${sy} ${mx},${ty} ${tx + 6},${ty}`;
      lx = mx - 4; ly = (sy + ty) / 2;
    } else {
      const dy = Math.max(24, (y2 - y1) / 2);
      d = `M${x1},${y1} C${x1},${y1 + dy} ${x2},${y2 - dy} ${x2},${y2 - 6}`;
      lx = x1 + (x2 - x1) * 0.3; ly = y1 + (y2 - y1) * 0.3 + 4;
    }
    path(d, lx, ly, e, layer);
  }

  function path(d, lx, ly, e, layer) {
    el("path", { d, class: "edge " + e.kind, "marker-end": e.kind === "catch" ? "url(#arrow-catch)" : "url(#arrow)" }, layer);
    if (e.label) {
      const t = text(layer, lx, ly, e.label, "edge-label " + e.kind, 30);
      t.setAttribute("text-anchor", e.back ? "end" : "middle");
      t.setAttribute("paint-order", "stroke");
      t.setAttribute("stroke", "#fbfcfd");
      t.setAttribute("stroke-width", "4");
    }
  }

  function defs(svg) {
    const d = el("defs", {}, svg);
    for (const id of ["arrow", "arrow-catch"]) {
      const m = el("marker", { id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "8", markerHeight: "8", orient: "auto-start-reverse" }, d);
      el("path", { d: "M0,0 L10,5 L0,10 z" }, m);
    }
  }

  const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "CAUGHT", "ABORTED", "TIMED_OUT"];
  const SYMBOL = { SUCCEEDED: "✓", FAILED: "✗", RUNNING: "●", CAUGHT: "⚠", ABORTED: "■", TIMED_OUT: "⌛" };

  // Renders the definition into container; returns {update(statuses), select(path)}.
  function render(definition, container, options) {
    const layout = layoutGraph(definition, true, "");
    const svg = el("svg", {
      class: "graph", width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: "group", "aria-label": options.label || "State machine graph",
    });
    defs(svg);
    const index = new Map();
    draw(layout, el("g", {}, svg), 0, 0, index, "");
    container.replaceChildren(svg);

    const choose = group => options.onSelect && options.onSelect(group.getAttribute("data-path"), group.getAttribute("data-state"));
    svg.addEventListener("click", ev => { const g = ev.target.closest("g.node[data-path]"); if (g) { ev.stopPropagation(); choose(g); } });
    svg.addEventListener("keydown", ev => {
      const g = ev.target.closest("g.node[data-path]");
      if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); choose(g); }
    });

    return {
      states: () => [...index.keys()],
      // statuses: path → {status} for states of this execution; counts: path → {STATUS: n} for item processor states.
      update(statuses, counts) {
        for (const [path, entry] of index) {
          const s = statuses[path] && statuses[path].status;
          const c = counts[path];
          const status = s || (c ? dominant(c) : null);
          STATUSES.forEach(x => entry.group.classList.toggle("st-" + x, x === status));
          entry.title.textContent = entry.node.name + ", " + entry.node.type + " state, "
            + (status ? status.toLowerCase().replace("_", " ") : "not run") + (c ? ", " + countText(c) : "");
          entry.counts.textContent = c ? Object.entries(c).map(([k, n]) => (SYMBOL[k] || k) + n).join(" ") : "";
        }
      },
      select(path) {
        for (const [p, entry] of index) entry.group.classList.toggle("selected", p === path);
      },
      focus(path) { const entry = index.get(path); if (entry) entry.group.focus(); },
    };
  }

  function dominant(counts) {
    for (const s of ["RUNNING", "FAILED", "CAUGHT", "SUCCEEDED", "ABORTED", "TIMED_OUT"]) if (counts[s]) return s;
    return null;
  }

  function countText(c) { return Object.entries(c).map(([k, n]) => n + " " + k.toLowerCase().replace("_", " ")).join(", "); }

  window.BatchKitGraph = { render, layout: d => layoutGraph(d, true, "") };
})();
