import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../checker/cli/errors.js';
import { replayFile } from '../../../checker/replay/replay.js';
import { escapeHtml, html, inlineScriptText, jsonForScript } from '../../../checker/report/html-escape.js';
import { type HtmlWitness, mermaidScript, renderHtmlReport, writeHtmlReport } from '../../../checker/report/html.js';
import { changedKeys, fieldKey, formatFlags, tableKey, traceSnapshots } from '../../../checker/report/snapshot.js';
import type { RunReport } from '../../../checker/report/types.js';
import type { TraceFile } from '../../../checker/trace/types.js';
import { GO, type MapConfig } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import type { Op } from '../../../spec/types.js';

const TRACES = join(import.meta.dirname, '../../../traces/hmap');

/** The committed witness whose file name starts with `prefix` (names end in a hash that changes with the spec). */
function committed(prefix: string): { path: string; trace: TraceFile } {
  const name = readdirSync(TRACES).find((f) => f.startsWith(prefix) && f.endsWith('.json'));
  if (!name) throw new Error(`no trace ${prefix}*.json in ${TRACES}`);
  const r = replayFile(join(TRACES, name));
  if (!r.ok) throw new Error(r.error);
  return { path: `traces/hmap/${name}`, trace: r.trace };
}

const writes = committed('fatal-concurrent-map-writes-');
const picked = [writes, committed('corrupt-no-key-twice-'), committed('nonlinearizable-'), committed('ok-')];
const witnesses: HtmlWitness[] = picked.map((p) => ({ outcome: p.trace.outcome, trace: p.trace }));

/** A one-goroutine trace of `ops` run to the end, its schedule read off the spec itself. */
function soloTrace(cfg: MapConfig, ops: Op[]): TraceFile {
  const target = hmapTarget(cfg);
  let s = target.init(cfg, 1);
  const schedule: TraceFile['schedule'] = [];
  ops.forEach((op, i) => {
    s = target.start(s, 0, op, i);
    while (!target.idle(s, 0)) {
      schedule.push({ g: 0, label: target.nextLabel(s, 0)! });
      s = target.step(s, 0).state;
    }
  });
  return {
    format: 'gomapcheck-trace', version: 1, specVersion: target.specVersion, target: 'hmap', config: cfg,
    scenario: [ops], schedule, outcome: 'ok', ops: ops.length, switches: 0, steps: schedule.length,
  };
}

/** A run report as the CLI would build it around these witnesses. */
function reportFor(ws: typeof picked, extra: Partial<RunReport['targets'][number]> = {}): RunReport {
  return {
    version: 1, depth: 3, config: 'small', goroutines: 2, keys: 2,
    targets: [{
      target: 'hmap', contract: 'holds', scenarios: 1234, executions: 56789, states: 1234567, seconds: 2.5,
      outcomes: Object.fromEntries(ws.map((p, i) => [p.trace.outcome, 10 + i])),
      witnesses: ws.map((p) => ({ outcome: p.trace.outcome, trace: p.path, ops: p.trace.ops, switches: p.trace.switches, steps: p.trace.steps })),
      ...extra,
    }],
  };
}

/** Whether a page has `needle`; a failure names only the needle (the page is megabytes). */
function expectIn(page: string, needle: string, present = true): void {
  expect(page.includes(needle), `page ${present ? 'lacks' : 'has'} ${JSON.stringify(needle)}`).toBe(present);
}

/** Markup we put into reports to prove it stays text. */
const HOSTILE = '</script><b>bold</b><img src=x onerror="window.__pwned=1"><!--';

describe('escaping', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeHtml(`<b a="1" b='2'>&amp;</b>`)).toBe('&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;');
    expect(html`<p title="${'"><x>'}">${'<i>'}${['<a>', 1]}</p>`.text).toBe('<p title="&quot;&gt;&lt;x&gt;">&lt;i&gt;&lt;a&gt;1</p>');
  });

  it('replaces control characters and lone surrogates rather than writing invalid HTML', () => {
    expect(escapeHtml('a\u0000b\tc\nd\uD800e')).toBe('a\uFFFDb\tc\nd\uFFFDe');
  });

  it('keeps </script> and <!-- out of embedded JSON, which still parses back to the same value', () => {
    const value = { k: HOSTILE, line: 'a\u2028b', amp: 'x&y' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('makes an inlined script unable to close its element, without changing what it does', () => {
    const js = 'var s = "</script><script>"; var r = /<\\/script>/i; var t = `</SCRIPT>`; [s, r.test(s), t]';
    const safe = inlineScriptText(js);
    expect(safe).not.toMatch(/<\/?script/i);
    expect(eval(safe)).toEqual(eval(js));
  });
});

describe('traceSnapshots', () => {
  it('has one snapshot before the first step and one after each step', () => {
    const snaps = traceSnapshots(writes.trace)!;
    expect(snaps).toHaveLength(writes.trace.schedule.length + 1);
    const fields = (i: number) => Object.fromEntries(snaps[i]!.fields);
    expect(fields(0)).toMatchObject({ count: '0', flags: '0', B: '2 (4 buckets)', buckets: 'b0', oldbuckets: 'nil' });
    // The minimal concurrent-writes witness: G0 sets hashWriting, then G1 sees it.
    const setAt = snaps.findIndex((s) => Object.fromEntries(s.fields)['flags'] === '4 (hashWriting)');
    expect(setAt).toBeGreaterThan(0);
    expect(changedKeys(snaps[setAt - 1], snaps[setAt]!)).toEqual([fieldKey('flags')]);
    expect(snaps[0]!.tables.map((t) => t.title)).toEqual(['buckets: b0–b3']);
    expect(snaps[0]!.tables[0]!.rows[0]!.cells).toEqual(['b0', '0', '0 (emptyRest)', '0', '0', 'nil']);
  });

  it('shows the buckets a grow allocates and marks them as new', () => {
    const noKeyTwice = picked[1]!.trace;
    const snaps = traceSnapshots(noKeyTwice)!;
    const grown = snaps.findIndex((s) => s.tables.length > 1);
    expect(grown).toBeGreaterThan(0);
    expect(changedKeys(snaps[grown - 1], snaps[grown]!).some((k) => k.startsWith('table:'))).toBe(true);
    expect(snaps.some((s) => s.tables.some((t) => t.title.startsWith('oldbuckets:')))).toBe(true);
  });

  it("draws one row per cell under Go's real constants, from an empty map to its first bucket", () => {
    const snaps = traceSnapshots(soloTrace(GO, [{ kind: 'assign', key: 0, value: 1 }]))!;
    expect(snaps[0]!.tables).toEqual([]);
    expect(Object.fromEntries(snaps[0]!.fields)['buckets']).toBe('nil');
    const last = snaps[snaps.length - 1]!;
    expect(Object.fromEntries(last.fields)).toMatchObject({ count: '1', flags: '0', B: '0 (1 bucket)', buckets: 'b0' });
    expect(last.tables).toHaveLength(1);
    expect(last.tables[0]!.rows).toHaveLength(GO.bucketCnt);
    expect(last.tables[0]!.rows[0]!.cells).toEqual(['b0', '0', '26', 'k0', 'v1', 'nil']);
    expect(last.tables[0]!.rows[1]!.cells).toEqual(['', '1', '0 (emptyRest)', '0', '0', '']);
    const allocatedAt = snaps.findIndex((x) => x.tables.length > 0);
    expect(changedKeys(snaps[allocatedAt - 1], snaps[allocatedAt]!)).toContain(tableKey('alloc-0'));
  });

  it('names the flag bits', () => {
    expect(formatFlags(0)).toBe('0');
    expect(formatFlags(4)).toBe('4 (hashWriting)');
    expect(formatFlags(13)).toBe('13 (iterator|hashWriting|sameSizeGrow)');
    expect(formatFlags(0x14)).toBe('20 (hashWriting|0x10)');
  });

  it('gives no state for a target without a snapshot function, or a schedule that no longer fits', () => {
    expect(traceSnapshots({ ...writes.trace, target: 'no-such-target' })).toBeUndefined();
    const stale = structuredClone(writes.trace);
    stale.schedule[1]!.label = 'not a step of the spec';
    expect(traceSnapshots(stale)).toBeUndefined();
  });
});

describe('renderHtmlReport', () => {
  const page = renderHtmlReport(reportFor(picked), witnesses);

  it('is one self-contained page: Mermaid inlined, nothing loaded from anywhere', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    const bundle = inlineScriptText(mermaidScript());
    expect(page.includes(`<script>${bundle}</script>`)).toBe(true);
    // Our own markup and style refer to nothing outside the page (the browser test checks Mermaid's behaviour).
    const ours = page.replace(bundle, '');
    expect(ours.match(/<script[^>]*\ssrc=|<link\b|<iframe|@import|url\(|https?:\/\//i)).toBeNull();
    expect(ours.includes('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;')).toBe(true);
  });

  it('lists every target figure and outcome, and every witness with its trace path', () => {
    for (const s of ['1,234', '56,789', '1,234,567', '2.50', '493,827']) expectIn(page, `>${s}<`);
    for (const p of picked) {
      expectIn(page, escapeHtml(p.trace.outcome));
      expectIn(page, p.path);
    }
  });

  it('keeps hostile text in keys, labels, outcomes and paths as text', () => {
    const bad = structuredClone(writes.trace);
    bad.schedule[0]!.label = HOSTILE;
    const report = reportFor([{ ...writes, path: HOSTILE }], { target: 'hmap', breaches: [HOSTILE] });
    const text = renderHtmlReport(report, [{ outcome: HOSTILE, trace: writes.trace }, { outcome: writes.trace.outcome, trace: bad }]);
    // Exactly our three script elements open and close: nothing injected ended one early.
    expect(text.match(/<script/gi)).toHaveLength(3);
    expect(text.match(/<\/script/gi)).toHaveLength(3);
    expectIn(text, '<b>bold', false);
    expectIn(text, '<img src=x', false);
    expectIn(text, escapeHtml(HOSTILE));
    // The stale trace is reported, not drawn.
    expectIn(text, 'the trace no longer fits the spec at step 1');
  });

  it('shows a witness of an unknown target without a diagram or a state panel instead of failing', () => {
    const alien = { ...writes.trace, target: 'alien' };
    const text = renderHtmlReport({ ...reportFor([]), targets: [] }, [{ outcome: 'ok', trace: alien }]);
    expectIn(text, 'unknown target');
    expectIn(text, 'class="state"', false);
    expectIn(text, 'class="diagram"', false);
  });
});

describe('writeHtmlReport', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gomapcheck-html-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the page and leaves no temporary file behind', () => {
    const path = join(dir, 'report.html');
    writeHtmlReport(path, reportFor(picked.slice(0, 1)), witnesses.slice(0, 1));
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it.each([
    ['a missing directory', (d: string) => join(d, 'missing', 'r.html'), /no such directory/],
    ['a directory in the way', (d: string) => (mkdirSync(join(d, 'sub.html')), join(d, 'sub.html')), /it is a directory/],
  ])('turns %s into a one-line usage error', (_, where, message) => {
    const path = where(dir);
    let thrown: unknown;
    try {
      writeHtmlReport(path, reportFor([]), []);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

/** Debian's Chromium (CHROMIUM_PATH overrides); never a downloaded browser. */
function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found) return found;
  } catch {
    // not on PATH; try where Debian and Ubuntu put it
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

const chromiumPath = findChromium();
const SKIP_NOTE = 'SKIPPED: chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH)';
if (!chromiumPath) console.warn(`html.test.ts: browser tests ${SKIP_NOTE}`);

/** Anything but the page's own file and data: URLs is the page reaching out. */
const LOCAL = /^(file|data):/;

describe.skipIf(!chromiumPath)(`the report in headless Chromium${chromiumPath ? '' : ` (${SKIP_NOTE})`}`, () => {
  let dir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const outside: string[] = [];
  const shown = [...witnesses, { outcome: `corrupt: ${HOSTILE}`, trace: writes.trace }];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gomapcheck-html-browser-'));
    const file = join(dir, 'report.html');
    writeHtmlReport(file, reportFor(picked, { breaches: [HOSTILE] }), shown);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request is stopped and recorded unless it is the file itself or inline data.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (LOCAL.test(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    context.on('request', (r) => {
      if (!LOCAL.test(r.url())) outside.push(r.url());
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('websocket', (w) => outside.push(w.url()));
    await page.goto(pathToFileURL(file).href);
    // The page script marks the body once every diagram has been drawn (or has failed).
    await page.waitForSelector('body[data-diagrams="done"]', { state: 'attached', timeout: 60_000 }).catch((e: Error) => {
      throw new Error(`the page never finished drawing its diagrams: ${problems.join('; ') || e.message}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every diagram as an SVG', async () => {
    const diagrams = page.locator('.diagram');
    expect(await diagrams.count()).toBe(shown.length);
    for (let i = 0; i < shown.length; i++) {
      const d = diagrams.nth(i);
      expect(await d.locator('svg').count(), `diagram ${i}`).toBe(1);
      const box = await d.locator('svg').boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
    }
    expect(await page.locator('.diagram.failed').count()).toBe(0);
  });

  it('shows hostile text as text: no injected element, no script run', async () => {
    expect(await page.locator('main b, header b, img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('.breaches li').first().textContent()).toBe(HOSTILE);
    expect(await page.locator('#w4 h3').textContent()).toBe(`corrupt: ${HOSTILE}`);
  });

  it('steps through a witness: Next and the arrow keys change the state and mark what changed', async () => {
    const snaps = traceSnapshots(writes.trace)!;
    const first = snaps.findIndex((s, i) => i > 0 && changedKeys(snaps[i - 1], s).length > 0);
    const w = page.locator('#w0');
    const state = w.locator('.state-body');
    await w.scrollIntoViewIfNeeded();
    const before = await state.textContent();
    expect(await w.locator('.position').textContent()).toBe(`start, before step 1 of ${writes.trace.schedule.length}`);
    for (let i = 0; i < first; i++) await w.locator('[data-act=next]').click();
    expect(await w.locator('.position').textContent()).toBe(`step ${first} of ${writes.trace.schedule.length}`);
    expect(await state.textContent()).not.toBe(before);
    expect(await w.locator('.f-step').textContent()).toBe(writes.trace.schedule[first - 1]!.label);
    expect(await w.locator('.f-goroutine').textContent()).toBe(`G${writes.trace.schedule[first - 1]!.g}`);
    expect(await state.locator('.changed th').allTextContents()).toEqual(['flags']);
    expect(await state.locator('.changed td').allTextContents()).toEqual(['4 (hashWriting)']);
    // The step's arrow in the diagram is marked too.
    expect(await w.locator('.diagram svg .gmc-current').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowLeft');
    expect(await w.locator('.position').textContent()).toBe(`step ${first - 1} of ${writes.trace.schedule.length}`);
    expect(await state.locator('.changed').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await state.locator('.changed th').allTextContents()).toEqual(['flags']);
  });

  it('paints a page that is not blank', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    const colours = await distinctColours(context, await page.screenshot());
    expect(colours.distinct).toBeGreaterThan(16);
    expect(colours.nonBackground).toBeGreaterThan(0.01);
    const diagram = await distinctColours(context, await page.locator('.diagram svg').first().screenshot());
    expect(diagram.distinct).toBeGreaterThan(8);
    expect(diagram.nonBackground).toBeGreaterThan(0.01);
  });

  it('logged no error and sent no request off the page', () => {
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
  });
});

/**
 * Decodes a PNG in a blank page's canvas: how many distinct colours it has, and which share of
 * the pixels differs from the most common colour (the background). A blank page has one colour.
 */
async function distinctColours(context: BrowserContext, png: Buffer): Promise<{ distinct: number; nonBackground: number }> {
  const scratch = await context.newPage();
  try {
    const src = `data:image/png;base64,${png.toString('base64')}`;
    return (await scratch.evaluate(`(${COUNT_COLOURS})(${JSON.stringify(src)})`)) as { distinct: number; nonBackground: number };
  } finally {
    await scratch.close();
  }
}

/** Runs in the browser (kept as text: this project compiles without the DOM library). */
const COUNT_COLOURS = `async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = new Map();
  for (let i = 0; i < px.length; i += 4) {
    const c = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
    counts.set(c, (counts.get(c) || 0) + 1);
  }
  return { distinct: counts.size, nonBackground: 1 - Math.max(...counts.values()) / (px.length / 4) };
}`;
