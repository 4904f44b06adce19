/**
 * Conformance of the real implementation: every committed plain-map trace, run on one worker per
 * goroutine along its schedule, reaches each step's label, and ends with the spec's results,
 * crash and final map. And the harness itself says where a run parted from the spec.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformTrace } from '../../../checker/conformance/conform.js';
import { verdictLine } from '../../../checker/conformance/verdict.js';
import { parseTrace } from '../../../checker/trace/io.js';
import type { TraceFile } from '../../../checker/trace/types.js';

const TRACES = join(import.meta.dirname, '..', '..', '..', 'traces');

function load(path: string): TraceFile {
  const parsed = parseTrace(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.trace;
}

const hmapFiles = readdirSync(join(TRACES, 'hmap')).filter((f) => f.endsWith('.json')).sort();
/** The fatal-writes witness: G0 and G1 both pass the check, G1 sets the flag, G0 sees it. */
const WRITES = hmapFiles.find((f) => f.startsWith('fatal-concurrent-map-writes-'))!;

describe('conformance of the committed hmap traces', () => {
  it('has traces to check', () => {
    expect(hmapFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(hmapFiles)('%s conforms on real workers', async (file) => {
    const trace = load(join(TRACES, 'hmap', file));
    const v = await conformTrace(trace);
    expect(verdictLine(file, v).line).toBe(`conformance ${file}: conforms (${trace.schedule.length} steps, ${trace.outcome})`);
  });
});

describe('a run that parts from the spec', () => {
  it('names the first step where the worker stood elsewhere, with both labels', async () => {
    const trace = load(join(TRACES, 'hmap', WRITES));
    // G0's worker reports a wrong label from its second scheduling point on (schedule step 2).
    const v = await conformTrace(trace, { faults: [{ afterSteps: 1, kind: 'mislabel' }] });
    expect(trace.schedule[1]!.g).toBe(0);
    expect(v).toMatchObject({ kind: 'diverged', step: 1, g: 0, expected: trace.schedule[1]!.label });
    expect(v.kind === 'diverged' && v.actual).not.toBe(trace.schedule[1]!.label);
    expect(verdictLine(WRITES, v)).toMatchObject({ code: 1, line: expect.stringContaining('diverged at step 2: G0 expected "mapassign: h.flags ^= hashWriting (load)"') });
  });

  it('reports a worker that stops answering with the schedule so far, and ends the run', async () => {
    const trace = load(join(TRACES, 'hmap', WRITES));
    const v = await conformTrace(trace, { stepTimeoutMs: 500, faults: [{ afterSteps: 1, kind: 'hang' }] });
    // G0's first step is granted; its second point never comes.
    expect(v).toMatchObject({ kind: 'unresponsive', g: 0, step: 0, prefix: trace.schedule.slice(0, 1) });
    expect(verdictLine(WRITES, v).line).toMatch(/did not report within 500 ms .*\(at step 1; schedule so far: G0 "mapassign: if h\.flags&hashWriting != 0 \(load\)"\)$/);
  });

  it('cannot run a trace of a target without a real implementation, and says so with exit code 2', async () => {
    // Every target the checker has now has one: a target name from elsewhere stands in.
    const v = await conformTrace({ ...load(join(TRACES, 'hmap', WRITES)), target: 'btree-map' });
    expect(v).toEqual({
      kind: 'invalid',
      reason: 'conformance covers the targets with a real implementation (hmap, syncmap, mutex-map, rwmutex-map, sharded-map), not "btree-map"',
    });
    expect(verdictLine(WRITES, v).code).toBe(2);
  });

  it('does not hold the implementation to a mutant trace', async () => {
    const dir = join(TRACES, 'mutants');
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const v = await conformTrace(load(join(dir, file)));
    expect(v).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^a mutant trace \(from a deliberately broken spec\)/) });
  });
});
