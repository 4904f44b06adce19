/**
 * The self-contained HTML report: one file that opens anywhere, offline, with nothing fetched.
 * Mermaid is inlined from the installed package, the page's own style and script are inlined,
 * and a Content-Security-Policy forbids the page every network source, so even a future Mermaid
 * that wanted a font or an icon from the web could not reach out.
 */
import { accessSync, constants, readFileSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fsProblem, UsageError } from '../cli/errors.js';
import type { TraceFile } from '../trace/types.js';
import { writeAtomically } from '../trace/write.js';
import { PAGE_CSS, PAGE_SCRIPT } from './html-client.js';
import { type WitnessData, witnessData } from './html-data.js';
import { html, inlineScriptText, jsonForScript, raw, type SafeHtml } from './html-escape.js';
import { boundWords } from '../explore/bound.js';
import { targetFigures } from './human.js';
import { formatCount, plural } from './numbers.js';
import type { RunReport, TargetReport } from './types.js';

export type HtmlWitness = { outcome: string; trace: TraceFile };

/**
 * No network at all: scripts and styles only inline, images and fonts only as data: URLs (Mermaid
 * draws SVG inline and needs neither). 'unsafe-inline' is what an inlined page needs; there is no
 * remote origin for it to weaken.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function renderHtmlReport(report: RunReport, witnesses: HtmlWitness[]): string {
  const data = witnessData(report, witnesses);
  const names = [...new Set([...report.targets.map((t) => t.target), ...data.map((w) => w.target)])];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gomapcheck report: ${names.join(', ') || 'no targets'}</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body>
<header>
<h1>gomapcheck report</h1>
<p class="run">${runLine(report)}</p>
${contents(report, data)}
</header>
<main>
${names.map((name) => targetSection(name, report.targets.find((t) => t.target === name), data.filter((w) => w.target === name)))}
</main>
<noscript><p>The diagrams and the step-through view need JavaScript; the summary above does not.</p></noscript>
<script type="application/json" id="gomapcheck-data">${raw(jsonForScript({ witnesses: data }))}</script>
<script>${raw(inlineScriptText(mermaidScript()))}</script>
<script>${raw(PAGE_SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}

/** The same bounds line the human summary starts with. */
function runLine(r: RunReport): string {
  const bounded = r.targets.filter((t) => t.preemptions !== undefined);
  const bound = r.preemptions !== undefined
    ? `${boundWords(r)}: not exhaustive`
    : bounded.length === 0 ? 'exhaustive'
    : bounded.map((t) => `${t.target} ${boundWords(t)}`).join(', ') + ': not exhaustive; the rest exhaustive';
  return `depth ${r.depth}, config ${r.config}, ${plural(r.goroutines, 'goroutine')}, ${plural(r.keys, 'key')}, ${bound}`;
}

function contents(report: RunReport, data: WitnessData[]): SafeHtml | undefined {
  if (report.targets.length === 0 && data.length === 0) return html`<p>No targets were checked.</p>`;
  return html`<nav><ul>${data.map((w) => html`<li><a href="#${w.id}">${w.target}: ${w.outcome}</a></li>`)}</ul></nav>`;
}

function targetSection(name: string, t: TargetReport | undefined, ws: WitnessData[]): SafeHtml {
  const heading = t
    ? html`<h2 id="target-${name}">${name}: contract <span class="${t.contract}">${t.contract === 'holds' ? 'holds' : 'BROKEN'}</span></h2>`
    : html`<h2 id="target-${name}">${name}</h2><p class="meta">Witnesses given without a summary of this target.</p>`;
  return html`<section class="target">
${heading}
${t && summary(t, ws)}
${ws.map(witnessSection)}
</section>
`;
}

function summary(t: TargetReport, ws: WitnessData[]): SafeHtml {
  const figures = targetFigures(t);
  // Code-unit order, as the human summary uses (localeCompare varies by machine).
  const outcomes = Object.keys(t.outcomes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const anchor = (o: string): string | undefined => ws.find((w) => w.outcome === o)?.id;
  return html`<div class="summary">
<table class="figures">${figures.map(([k, v]) => html`<tr><th>${k}</th><td class="num">${v}</td></tr>`)}</table>
<table class="outcomes"><tr><th>outcome</th><th>executions</th></tr>
${outcomes.map((o) => {
    const id = anchor(o);
    return html`<tr><td>${id ? html`<a href="#${id}">${o}</a>` : o}</td><td class="num">${formatCount(t.outcomes[o] ?? 0)}</td></tr>`;
  })}
</table>
</div>
${t.breaches && t.breaches.length > 0 && html`<h3 class="breaches">breaches</h3><ul class="breaches">${t.breaches.map((b) => html`<li>${b}</li>`)}</ul>`}`;
}

function witnessSection(w: WitnessData): SafeHtml {
  const measures = `${plural(w.ops, 'op')}, ${plural(w.switches, 'switch', 'switches')}, ${plural(w.steps, 'step')}`;
  return html`<article class="witness" id="${w.id}">
<h3>${w.outcome}</h3>
<p class="meta">${w.path && html`<code>${w.path}</code> · `}${measures}</p>
<p class="meta">scenario: <code>${w.scenario}</code></p>
${w.problem && html`<p class="problem">${w.problem}</p>`}
${w.diagram && html`<div class="witness-body">
<div class="diagram" id="${w.id}-diagram" role="img" aria-label="sequence diagram of this witness">drawing the diagram…</div>
${stepper(w)}
</div>`}
</article>
`;
}

/** The step-through box; the page script fills in the step and the state. */
function stepper(w: WitnessData): SafeHtml {
  return html`<div class="stepper" tabindex="0" aria-label="step through this witness">
<div class="controls"><button type="button" data-act="prev">◀ Prev</button><span class="position" aria-live="polite"></span><button type="button" data-act="next">Next ▶</button><span class="keys">← → keys</span></div>
<div class="step"></div>
${w.states && html`<div class="state"><h4 class="state-title"></h4><div class="state-body"></div></div>`}
</div>`;
}


/**
 * Mermaid's browser bundle, read at render time so the page carries the version installed here.
 * A size far from the ~3.5 MB bundle means a broken or replaced install: refuse rather than ship
 * a page whose diagrams silently never draw.
 */
const MERMAID_BUNDLE = 'mermaid/dist/mermaid.min.js';
const MERMAID_MIN_BYTES = 500_000;
const MERMAID_MAX_BYTES = 30_000_000;
let mermaidCache: string | undefined;

export function mermaidScript(): string {
  if (mermaidCache !== undefined) return mermaidCache;
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(MERMAID_BUNDLE);
  } catch {
    throw new UsageError('cannot write the HTML report: the mermaid package is not installed (run npm install)');
  }
  const size = statSync(path).size;
  if (size < MERMAID_MIN_BYTES || size > MERMAID_MAX_BYTES) {
    throw new UsageError(`cannot write the HTML report: ${path} is ${formatCount(size)} bytes, not a plausible Mermaid bundle (reinstall with npm ci)`);
  }
  mermaidCache = readFileSync(path, 'utf8');
  return mermaidCache;
}

/**
 * Refuses, before any search, a --report path the page could not be written to: a directory, or
 * a file in a directory that is missing, is not one, or is not writable. Otherwise a run of a
 * minute or more would end with this error and no report. The write at the end still says why
 * if the path went wrong meanwhile.
 */
export function checkReportPath(path: string): void {
  const refuse = (problem: string): never => {
    throw new UsageError(`cannot write the HTML report to "${path}": ${problem}`);
  };
  const target = statOrCode(path);
  if (typeof target !== 'string' && target.isDirectory()) refuse(writeProblem('EISDIR'));
  const parent = statOrCode(dirname(path));
  if (typeof parent === 'string') refuse(writeProblem(parent));
  else if (!parent.isDirectory()) refuse(writeProblem('ENOTDIR'));
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch (e) {
    refuse(writeProblem((e as NodeJS.ErrnoException).code ?? 'EACCES'));
  }
}

/** The file's stats, or the error code that kept them from us (ENOENT, ENOTDIR, ...). */
function statOrCode(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EIO';
  }
}

/**
 * Renders the report and writes it to `path` atomically (a reader never sees half a page). A
 * problem of the user's environment (no such directory, no permission, a directory in the way,
 * a full disk) becomes a one-line UsageError, so the CLI prints no stack.
 */
export function writeHtmlReport(path: string, report: RunReport, witnesses: HtmlWitness[]): void {
  const page = renderHtmlReport(report, witnesses);
  try {
    writeAtomically(path, page);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new UsageError(`cannot write the HTML report to "${path}": ${writeProblem(code)}`);
    throw e;
  }
}

/** The problem in words, or the bare code when the shared table (checker/cli/errors.ts) has none. */
function writeProblem(code: string): string {
  return fsProblem(code, 'write') ?? code;
}

