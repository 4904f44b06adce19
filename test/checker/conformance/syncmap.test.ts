/**
 * Conformance of SharedSyncMap: every committed sync.Map trace of the real spec, and schedules the
 * checker's search makes on purpose (promotions, expunges and Range callbacks interleaved with the
 * other goroutine's operations), run on one worker per goroutine, reach each step's label, agree
 * with the spec's map after every step, and end with the spec's results, nested calls and map.
 * And planted faults come out as a divergence or an unresponsive worker.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformTrace } from '../../../checker/conformance/conform.js';
import { conformFiles } from '../../../checker/conformance/corpus.js';
import { specRun } from '../../../checker/conformance/spec-run.js';
import { verdictLine } from '../../../checker/conformance/verdict.js';
import { parseTrace } from '../../../checker/trace/io.js';
import type { TraceFile } from '../../../checker/trace/types.js';
import { E_DELETE, E_TRY_EXPUNGE, E_UNEXPUNGE, MISS_LOCKED, RANGE, STORE } from '../../../impl/syncmap/labels.js';
import { EXPUNGED } from '../../../spec/syncmap/constants.js';
import { syncmapTarget } from '../../../spec/syncmap/target.js';
import { OUTCOME_OK } from '../../../spec/types.js';
import { mermaidParses } from '../trace/mermaid-parse.js';
import { type Goal, inside, promoted, scheduleThrough } from './syncmap-schedules.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'traces', 'syncmap');

function load(path: string): TraceFile {
  const parsed = parseTrace(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.trace;
}

/** The committed witnesses of the real spec (mutant witnesses live in traces/mutants/, and would be skipped). */
const committed = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().filter((f) => load(join(DIR, f)).mutant === undefined);

describe('conformance of the committed syncmap traces', () => {
  it('has traces to check', () => {
    expect(committed.length).toBeGreaterThanOrEqual(1);
  });

  it.each(committed)('%s conforms on real workers', async (file) => {
    const trace = load(join(DIR, file));
    const v = await conformTrace(trace);
    expect(verdictLine(file, v).line).toBe(`conformance ${file}: conforms (${trace.schedule.length} steps, ${trace.outcome})`);
  });
});

/** G `g` is about to take the step labelled `label`, and the other goroutine is inside an operation of `kind`. */
const about = (label: string, g: number, kind: Parameters<typeof inside>[2]): Goal['reached'] =>
  (s, t) => t.nextLabel(s, g) === label && inside(s, 1 - g, kind);

/**
 * Mid-execution states worth passing through, each with the label that must then be in the
 * schedule. The search picks the cheapest way there; the rest runs round-robin.
 */
const GOALS: Array<Goal & { shows: string }> = [
  { name: 'a Load promotes dirty while a Store is in flight', ops: ['assign', 'access'], depth: 3,
    reached: about(MISS_LOCKED.promote, 0, 'assign'), shows: MISS_LOCKED.promote },
  { name: 'a Range promotes dirty while a Delete is in flight', ops: ['assign', 'delete', 'range'], depth: 3,
    reached: about(RANGE.publish, 0, 'delete'), shows: RANGE.publish },
  { name: 'a Range callback deletes, after a promotion, while a Store is in flight', ops: ['assign', 'range'], bodies: ['delete'], depth: 3,
    reached: (s) => inside(s, 0, 'range') && s.gs[0]!.nested !== null && inside(s, 1, 'assign') && promoted(s), shows: E_DELETE.cas },
  { name: 'a LoadAndDelete promotes dirty while a LoadOrStore is in flight', ops: ['loadOrStore', 'loadAndDelete'], depth: 3,
    reached: (s, t) => [0, 1].some((g) => about(MISS_LOCKED.promote, g, 'loadOrStore')(s, t) && inside(s, g, 'loadAndDelete')), shows: MISS_LOCKED.promote },
  { name: 'a Store expunges a deleted entry while a Load is in flight', ops: ['assign', 'access', 'delete'], depth: 5,
    reached: (s, t) => [0, 1].some((g) => about(E_TRY_EXPUNGE.cas, g, 'access')(s, t)), shows: E_TRY_EXPUNGE.cas },
  { name: 'a Store unexpunges an entry while a Load is in flight', ops: ['assign', 'access', 'delete'], depth: 6,
    reached: (s, t) => [0, 1].some((g) => about(E_UNEXPUNGE.cas, g, 'access')(s, t) && s.mem.entries[s.gs[g]!.frames.at(-1)!.v.e!] === EXPUNGED),
    shows: E_UNEXPUNGE.cas },
];

describe('conformance along schedules the search makes', () => {
  it.each(GOALS)('$name', async (goal) => {
    const trace = scheduleThrough(goal);
    // The schedule is what the goal promised: the step, both goroutines, interleaved, a valid trace.
    expect(trace.outcome).toBe(OUTCOME_OK);
    expect(trace.schedule.map((s) => s.label)).toContain(goal.shows);
    expect(new Set(trace.schedule.map((s) => s.g))).toEqual(new Set([0, 1]));
    expect(trace.switches).toBeGreaterThanOrEqual(2);
    expect(parseTrace(JSON.stringify(trace), 'generated').ok).toBe(true);
    const v = await conformTrace(trace);
    expect(verdictLine(goal.name, v).line).toBe(`conformance ${goal.name}: conforms (${trace.schedule.length} steps, ok)`);
  });

  it('compares the calls a Range callback makes, which the spec records', () => {
    const trace = scheduleThrough(GOALS[2]!);
    const spec = specRun(trace, syncmapTarget(trace.config));
    if (!spec.ok) throw new Error(spec.reason);
    const g0 = trace.scenario[0]!.findIndex((op) => op.kind === 'range');
    expect(spec.run.nested[0]![g0]).toEqual([{ call: { kind: 'delete', key: 0 }, result: { kind: 'none' } }]);
  });
});

describe('a syncmap run that parts from the spec', () => {
  const trace = scheduleThrough(GOALS[0]!);
  /** G0's steps up to and including its mu.Lock() in its first operation, Store. */
  const locked = trace.schedule.findIndex((s) => s.g === 0 && s.label === STORE.lock) + 1;

  it('names the first step where the worker stood elsewhere, and leaves a diagram marking it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncmap-divergence-'));
    const file = join(dir, 'generated.json');
    writeFileSync(file, JSON.stringify(trace));
    const r = await conformFiles([file], { divergences: join(dir, 'out'), faults: [{ afterSteps: 1, kind: 'mislabel' }] });
    const v = r.verdicts[0]!.verdict!;
    expect(trace.schedule[1]!.g).toBe(0);
    expect(v).toMatchObject({ kind: 'diverged', step: 1, g: 0, expected: trace.schedule[1]!.label });
    expect(r.code).toBe(1);
    expect(r.lines[0]).toContain(`diverged at step 2: G0 expected ${JSON.stringify(trace.schedule[1]!.label)}`);
    const mmd = readFileSync(/divergence written: \S+ and (\S+)$/.exec(r.lines[1]!)![1]!, 'utf8');
    expect(mmd).toContain('implementation parted from the spec before step 2');
    expect(await mermaidParses(mmd)).toEqual({ ok: true });
  });

  it('reports a worker that hangs holding mu, with the schedule so far, and ends the run', async () => {
    // G0 runs first, so its points and the schedule's entries coincide up to there.
    expect(locked).toBeGreaterThan(0);
    expect(trace.schedule.slice(0, locked).every((s) => s.g === 0)).toBe(true);
    // G0 takes mu at its `locked`-th point and never reports the next one.
    const t0 = Date.now();
    const v = await conformTrace(trace, { stepTimeoutMs: 500, faults: [{ afterSteps: locked, kind: 'hang' }] });
    expect(v).toMatchObject({ kind: 'unresponsive', g: 0, step: locked - 1, prefix: trace.schedule.slice(0, locked) });
    expect(verdictLine('t', v).line).toMatch(/G0 did not report within 500 ms after being granted "Store: m\.mu\.Lock\(\) \(lock\)"/);
    // Detected by the step timeout, and conformTrace returned only once every worker had exited.
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('reports a worker that dies', async () => {
    const v = await conformTrace(trace, { stepTimeoutMs: 500, faults: [undefined, { afterSteps: 1, kind: 'exit' }] });
    const g1 = trace.schedule.filter((s) => s.g === 1);
    expect(g1.length).toBeGreaterThan(1);
    expect(v).toMatchObject({ kind: 'unresponsive', g: 1 });
    expect(verdictLine('t', v).code).toBe(1);
  });
});
