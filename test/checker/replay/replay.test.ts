import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL } from '../../../spec/config.js';
import { hmapTarget } from '../../../spec/hmap/target.js';
import { findWitnesses } from '../../../checker/explore/witness.js';
import { replayFile, replayTrace } from '../../../checker/replay/replay.js';
import { witnessTrace } from '../../../checker/run/witness-trace.js';
import { serializeTrace } from '../../../checker/trace/io.js';
import type { TraceFile } from '../../../checker/trace/types.js';

const WRITES = 'fatal: concurrent map writes';
const bounds = { depth: 2, goroutines: 2, keys: 2 };
let base: TraceFile;
let okTrace: TraceFile;
let dir: string;

beforeAll(() => {
  // Searching for one class only stops early: a few milliseconds at depth 2.
  const target = hmapTarget(SMALL);
  const paths = findWitnesses(target, SMALL, bounds, new Set([WRITES, 'ok']));
  base = witnessTrace(target, SMALL, bounds, paths.get(WRITES)!).trace;
  okTrace = witnessTrace(target, SMALL, bounds, paths.get('ok')!).trace;
  dir = mkdtempSync(join(tmpdir(), 'gomapcheck-replay-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deep copy of the witness, changed by `edit`. */
function tampered(edit: (t: TraceFile) => void): TraceFile {
  const t = structuredClone(base);
  edit(t);
  return t;
}

describe('replayTrace', () => {
  it('reproduces an untouched witness', () => {
    expect(base.schedule.length).toBeGreaterThan(2);
    expect(replayTrace(base)).toMatchObject({ kind: 'same', outcome: WRITES });
  });

  it('stops at a tampered label and names both labels', () => {
    const at = 2;
    const r = replayTrace(tampered((t) => (t.schedule[at]!.label = 'mapassign: something else (load)')));
    expect(r).toEqual({
      kind: 'diverged', step: at, expected: 'mapassign: something else (load)',
      actual: base.schedule[at]!.label, reason: expect.any(String),
    });
  });

  it('says which spec version made a trace that diverges', () => {
    const r = replayTrace(tampered((t) => {
      t.specVersion = 'hmap/old/0';
      t.schedule[0]!.label = 'old label';
    }));
    expect(r).toMatchObject({ kind: 'diverged', step: 0, specVersions: { trace: 'hmap/old/0', checker: 'hmap/go1.19.8/1' } });
  });

  it('reports a truncated schedule as unfinished, saying what was left', () => {
    const r = replayTrace(tampered((t) => t.schedule.splice(-2)));
    expect(r.kind).toBe('unfinished');
    if (r.kind === 'unfinished') {
      expect(r.reason).toMatch(/G0 is still in m\[k0\] = v1/);
      expect(r.view.steps).toHaveLength(base.schedule.length - 2);
    }
  });

  it('reports an operation the schedule never started as unfinished, unless the execution crashed', () => {
    const r = replayTrace(structuredClone({ ...okTrace, scenario: [...okTrace.scenario.slice(0, 1), [{ kind: 'len' }]] }));
    expect(r).toMatchObject({ kind: 'unfinished', reason: 'G1 never started len(m)' });
    // After a crash the other goroutines never get to run their remaining operations.
    expect(replayTrace(tampered((t) => t.scenario[1]!.push({ kind: 'len' }))).kind).toBe('same');
  });

  it('reports a changed outcome as different', () => {
    const r = replayTrace(tampered((t) => (t.outcome = 'ok')));
    expect(r).toMatchObject({ kind: 'different', expected: 'ok', actual: WRITES });
  });

  it('diverges when the schedule goes on after the execution crashed', () => {
    const r = replayTrace(tampered((t) => t.schedule.push({ g: 0, label: 'anything' })));
    expect(r).toMatchObject({ kind: 'diverged', step: base.schedule.length, actual: undefined });
    if (r.kind === 'diverged') expect(r.reason).toMatch(/already ended in fatal: concurrent map writes/);
  });

  it('diverges when a goroutine has no operation left to start', () => {
    const r = replayTrace(tampered((t) => (t.scenario[1] = [])));
    expect(r).toMatchObject({ kind: 'diverged', actual: undefined, reason: 'G1 has no operation left to start' });
  });

  it('refuses a target it does not know', () => {
    expect(replayTrace(tampered((t) => (t.target = 'treemap')))).toEqual({
      kind: 'invalid', reason: 'unknown target "treemap" (known: syncmap, rwmutex-map, mutex-map, sharded-map, hmap)',
    });
  });

  it('refuses a shard count on a target without shards', () => {
    expect(replayTrace(tampered((t) => (t.shards = 3)))).toEqual({
      kind: 'invalid', reason: 'target "hmap" has no shards (only sharded-map has)',
    });
  });

  it('refuses a mutant the target does not have', () => {
    expect(replayTrace(tampered((t) => (t.mutant = 'no-such-bug')))).toEqual({
      kind: 'invalid', reason: 'target "hmap" has no mutant "no-such-bug"',
    });
  });
});

describe('replayFile', () => {
  it('reads and replays a trace file', () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, serializeTrace(base));
    const r = replayFile(file);
    expect(r.ok && r.result.kind).toBe('same');
  });

  it('turns bad JSON, a bad shape and a missing file into one line naming the file', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "gomapcheck-trace",\n  oops\n}');
    const shape = join(dir, 'shape.json');
    writeFileSync(shape, '{"format": "gomapcheck-trace"}');
    for (const file of [bad, shape, join(dir, 'missing.json'), dir]) {
      const r = replayFile(file);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).not.toMatch(/\n/);
        expect(r.error).toContain(file);
      }
    }
  });
});
