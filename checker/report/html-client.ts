/**
 * The HTML report's own style sheet and script, inlined into the page. The script is plain
 * browser JavaScript kept as text (not compiled TypeScript, whose runtime helpers would not exist
 * in the page). It builds every piece of data into the DOM with textContent, never innerHTML, so
 * no key, value or label can become markup; the one innerHTML is Mermaid's own SVG output.
 * It avoids backticks and '${' so it can live in this template literal unchanged.
 */

export const PAGE_CSS = `
:root { --fg: #1d1f23; --muted: #5c6370; --line: #d5d9e0; --bg-soft: #f5f7fa; --accent: #2457c5; --bad: #b3261e; --mark: #ffe98a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 4rem; color: var(--fg); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
code, .mono, td, dd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.run { color: var(--muted); margin: 0 0 1rem; }
.holds { color: #1e7b34; }
.broken { color: var(--bad); }
table { border-collapse: collapse; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
.breaches { color: var(--bad); }
nav ul { margin: .25rem 0; padding-left: 1.2rem; }
.witness { margin: 1.5rem 0 3rem; padding-top: .5rem; border-top: 1px solid var(--line); }
.witness h3 { margin-top: .5rem; }
.meta { color: var(--muted); margin: .2rem 0; }
.problem { color: var(--bad); font-weight: 600; }
.witness-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(22rem, 34rem); gap: 1.25rem; align-items: start; margin-top: .75rem; }
@media (max-width: 1100px) { .witness-body { grid-template-columns: minmax(0, 1fr); } }
.diagram { max-height: 85vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; background: #fff; min-height: 6rem; }
.diagram.failed { color: var(--bad); }
.diagram svg text.gmc-current { fill: var(--bad) !important; font-weight: 700 !important; }
.stepper { position: sticky; top: .5rem; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; background: var(--bg-soft); outline: none; }
.stepper.active { border-color: var(--accent); box-shadow: 0 0 0 2px rgba(36, 87, 197, .25); }
.controls { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
.controls button { font: inherit; padding: .25rem .8rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.controls button:disabled { opacity: .45; cursor: default; }
.position { font-weight: 600; }
.keys { color: var(--muted); font-size: .85em; margin-left: auto; }
.step dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem .75rem; margin: 0 0 .75rem; }
.step dt { color: var(--muted); }
.step dd { margin: 0; overflow-wrap: anywhere; }
.step dd.event { color: var(--bad); font-weight: 600; }
.hint { color: var(--muted); margin: 0 0 .75rem; }
.state-title { font-size: 1rem; margin: .25rem 0 .5rem; }
.state-body table { margin: 0 0 .75rem; background: #fff; }
.state-body caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.state-body th { font-weight: 600; }
.changed { background: var(--mark); }
table.changed caption { background: var(--mark); }
`;

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('gomapcheck-data').textContent);
  // The same change keys as checker/report/snapshot.ts builds.
  var keyOf = {
    field: function (n) { return 'field:' + JSON.stringify(n); },
    table: function (t) { return 'table:' + JSON.stringify(t); },
    row: function (t, r) { return 'row:' + JSON.stringify([t, r]); },
    cell: function (t, r, c) { return 'cell:' + JSON.stringify([t, r, c]); }
  };
  var steppers = [];
  var active = null;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function mark(node, on) {
    if (!on) return;
    node.classList.add('changed');
    node.title = 'changed by this step';
  }

  function setActive(s) {
    if (active) active.box.classList.remove('active');
    active = s;
    s.box.classList.add('active');
  }

  function setup(w) {
    var root = document.getElementById(w.id);
    var box = root && root.querySelector('.stepper');
    if (!box) return;
    var s = { w: w, root: root, box: box, pos: 0, max: w.stepRows.length };
    box.querySelector('[data-act=prev]').addEventListener('click', function () { setActive(s); go(s, s.pos - 1); });
    box.querySelector('[data-act=next]').addEventListener('click', function () { setActive(s); go(s, s.pos + 1); });
    box.addEventListener('focusin', function () { setActive(s); });
    box.addEventListener('pointerdown', function () { setActive(s); });
    steppers.push(s);
    show(s);
  }

  function go(s, pos) {
    s.pos = Math.max(0, Math.min(s.max, pos));
    show(s);
  }

  function show(s) {
    var box = s.box;
    box.querySelector('.position').textContent =
      s.pos === 0 ? 'start, before step 1 of ' + s.max : 'step ' + s.pos + ' of ' + s.max;
    box.querySelector('[data-act=prev]').disabled = s.pos === 0;
    box.querySelector('[data-act=next]').disabled = s.pos === s.max;
    showStep(box.querySelector('.step'), s.pos === 0 ? null : s.w.stepRows[s.pos - 1]);
    var panel = box.querySelector('.state');
    if (panel && s.w.states) showState(panel, s.w.states[s.pos], s.pos);
    highlightArrow(s);
  }

  function showStep(container, row) {
    container.replaceChildren();
    if (!row) {
      container.append(el('p', 'hint', 'The map as make() left it. Next (or the right arrow key) runs step 1.'));
      return;
    }
    var dl = el('dl');
    var items = [
      ['goroutine', 'G' + row.g], ['operation', row.op], ['step', row.label], ['Go line', row.goLine],
      ['detail', row.detail || '-'], ['access', row.access],
      ['reads', row.reads.join(', ') || '-'], ['writes', row.writes.join(', ') || '-']
    ];
    items.forEach(function (it) { dl.append(el('dt', '', it[0]), el('dd', 'f-' + it[0].replace(/ /g, '-'), it[1])); });
    row.events.forEach(function (e) { dl.append(el('dt', '', 'event'), el('dd', 'event', e)); });
    container.append(dl);
  }

  function showState(panel, point, pos) {
    panel.querySelector('.state-title').textContent =
      pos === 0 ? 'Shared state at the start' : 'Shared state after step ' + pos;
    var body = panel.querySelector('.state-body');
    body.replaceChildren();
    var changed = new Set(point.changed);
    var fields = el('table', 'fields');
    point.snapshot.fields.forEach(function (f) {
      var tr = el('tr');
      tr.append(el('th', '', f[0]), el('td', '', f[1]));
      mark(tr, changed.has(keyOf.field(f[0])));
      fields.append(tr);
    });
    body.append(fields);
    point.snapshot.tables.forEach(function (t) {
      var table = el('table', 'cells');
      table.append(el('caption', '', t.title));
      mark(table, changed.has(keyOf.table(t.id)));
      var head = el('tr');
      t.columns.forEach(function (c) { head.append(el('th', '', c)); });
      table.append(head);
      t.rows.forEach(function (r) {
        var tr = el('tr');
        mark(tr, changed.has(keyOf.row(t.id, r.id)));
        r.cells.forEach(function (c, i) {
          var td = el('td', '', c);
          mark(td, changed.has(keyOf.cell(t.id, r.id, i)));
          tr.append(td);
        });
        table.append(tr);
      });
      body.append(table);
    });
  }

  // Step n is arrow n of the diagram: one arrow per step, numbered by Mermaid's autonumber.
  function highlightArrow(s) {
    var view = s.root.querySelector('.diagram');
    var svg = view && view.querySelector('svg');
    if (!svg) return;
    svg.querySelectorAll('.gmc-current').forEach(function (e) { e.classList.remove('gmc-current'); });
    if (s.pos === 0) return;
    var current = [];
    var text = svg.querySelectorAll('text.messageText')[s.pos - 1];
    if (text) current.push(text);
    svg.querySelectorAll('text.sequenceNumber').forEach(function (n) {
      if (n.textContent === String(s.pos)) current.push(n);
    });
    current.forEach(function (e) { e.classList.add('gmc-current'); });
    if (current.length > 0) scrollWithin(view, current[0]);
  }

  // Scrolls only the diagram's own box, never the page, so the stepper stays where the reader is;
  // only vertically, since a long arrow text scrolled into view would hide the participants.
  function scrollWithin(view, target) {
    var r = target.getBoundingClientRect();
    var c = view.getBoundingClientRect();
    if (r.top < c.top || r.bottom > c.bottom) view.scrollTop += r.top - c.top - c.height / 3;
  }

  function onScreen(s) {
    var r = s.root.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  // The arrows drive the stepper last used if it is on screen, else the first one on screen.
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var inside = steppers.filter(function (s) { return s.box.contains(t); })[0];
    var s = inside || (active && onScreen(active) ? active : steppers.filter(onScreen)[0]);
    if (!s) return;
    var to;
    if (e.key === 'ArrowLeft') to = s.pos - 1;
    else if (e.key === 'ArrowRight') to = s.pos + 1;
    else if (inside && e.key === 'Home') to = 0;
    else if (inside && e.key === 'End') to = s.max;
    else return;
    e.preventDefault();
    setActive(s);
    go(s, to);
  });

  data.witnesses.forEach(setup);

  async function drawDiagrams() {
    if (typeof mermaid === 'undefined') {
      console.error('gomapcheck: the inlined Mermaid script did not load');
      return;
    }
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', sequence: { useMaxWidth: false } });
    for (var i = 0; i < data.witnesses.length; i++) {
      var w = data.witnesses[i];
      var view = document.getElementById(w.id + '-diagram');
      if (!view || !w.diagram) continue;
      try {
        var out = await mermaid.render(w.id + '-svg', w.diagram);
        view.innerHTML = out.svg;
        view.classList.add('rendered');
      } catch (err) {
        view.textContent = 'The diagram could not be drawn: ' + (err && err.message ? err.message : String(err));
        view.classList.add('failed');
        console.error('gomapcheck: diagram ' + w.id + ' failed to render', err);
      }
      steppers.forEach(function (s) { if (s.w === w) highlightArrow(s); });
    }
  }

  drawDiagrams().finally(function () { document.body.setAttribute('data-diagrams', 'done'); });
})();
`;
