/**
 * Conformance of the guarded maps (SharedMutexMap, SharedRWMutexMap, SharedShardedMap): every
 * committed trace, and schedules in which a goroutine waits for a lock (the spec holds it back at
 * lockSlow's CAS or a semacquire until it is enabled), run on one worker per goroutine, reach each
 * step's label, agree with the spec's lock words after every step, and end with the spec's
 * results and each shard's map and lock. Planted faults and misuse traces are reported as such.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformTrace } from '../../../checker/conformance/conform.js';
import { conformFiles } from '../../../checker/conformance/corpus.js';
import { sampleTrace, seededRandom } from '../../../checker/conformance/sample.js';
import { verdictLine } from '../../../checker/conformance/verdict.js';
import { replayTrace } from '../../../checker/replay/replay.js';
import { parseTrace } from '../../../checker/trace/io.js';
import type { TraceFile } from '../../../checker/trace/types.js';
import { MUTEX_STEP, RWMUTEX_STEP } from '../../../impl/sync/index.js';
import { SMALL } from '../../../spec/config.js';
import { mutexMapTarget, RWMUTEX_MISUSES, rwmutexMapTarget, rwmutexMisuseTarget, shardedMapTarget } from '../../../spec/guarded/index.js';
import type { Op } from '../../../spec/types.js';
import { contended } from './guarded-schedules.js';

const TRACES = join(import.meta.dirname, '..', '..', '..', 'traces');
const GUARDED = ['mutex-map', 'rwmutex-map', 'sharded-map'];

function load(path: string): TraceFile {
  const parsed = parseTrace(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.trace;
}

const committed = GUARDED.flatMap((t) => readdirSync(join(TRACES, t)).filter((f) => f.endsWith('.json')).sort().map((f) => join(t, f)))
  .filter((f) => load(join(TRACES, f)).mutant === undefined);

const conformsLine = (name: string, t: TraceFile): string => `conformance ${name}: conforms (${t.schedule.length} steps, ${t.outcome})`;

describe('conformance of the committed guarded traces', () => {
  it('has a trace of each guarded map', () => {
    for (const t of GUARDED) expect(committed.some((f) => f.startsWith(`${t}/`))).toBe(true);
  });

  it.each(committed)('%s conforms on real workers', async (file) => {
    const trace = load(join(TRACES, file));
    expect(verdictLine(file, await conformTrace(trace)).line).toBe(conformsLine(file, trace));
  });
});

const W: Op = { kind: 'assign', key: 0, value: 1 };
const W2: Op = { kind: 'assign', key: 0, value: 2 };
const R: Op = { kind: 'access', key: 0 };

/** Each schedule, and a label that shows a goroutine really waited in it. */
const CONTENDED = [
  { name: 'mutex-map: a writer waits at lockSlow for another', trace: () => contended(mutexMapTarget(SMALL), [[W], [W2]], [0, 1]), shows: [MUTEX_STEP.lockSlow] },
  {
    name: 'rwmutex-map: a reader waits on readerSem for a writer, who wakes it',
    trace: () => contended(rwmutexMapTarget(SMALL), [[W], [R]], [0, 0, 1]), shows: [RWMUTEX_STEP.rLockWait, RWMUTEX_STEP.unlockWake],
  },
  {
    name: 'rwmutex-map: a writer waits on writerSem for a reader, who hands it the token',
    trace: () => contended(rwmutexMapTarget(SMALL), [[R], [W]], [0, 1, 1, 1]),
    shows: [RWMUTEX_STEP.lockCount, RWMUTEX_STEP.lockSleep, RWMUTEX_STEP.rUnlockDepart, RWMUTEX_STEP.rUnlockRelease],
  },
  {
    name: 'sharded-map (3 shards): a writer waits for a clear holding every shard',
    trace: () => contended(shardedMapTarget(SMALL, 3), [[{ kind: 'clear' }], [W, R]], [0, 0, 0, 0, 0, 0, 1], 3), shows: [MUTEX_STEP.lockSlow],
  },
];

describe('conformance along contended schedules', () => {
  it.each(CONTENDED)('$name', async ({ trace: make, shows }) => {
    const trace = make();
    const labels = trace.schedule.map((s) => s.label);
    for (const label of shows) expect(labels).toContain(label);
    expect(verdictLine('t', await conformTrace(trace)).line).toBe(conformsLine('t', trace));
  });
});

describe('a guarded run that parts from the spec', () => {
  it('names the step where a worker stood at the wrong label', async () => {
    const trace = CONTENDED[1]!.trace();
    // G0 reports a wrong label from its third scheduling point on: schedule step 4, after G1's wait began.
    const v = await conformTrace(trace, { faults: [{ afterSteps: 2, kind: 'mislabel' }] });
    expect(trace.schedule.slice(0, 4).map((s) => s.g)).toEqual([0, 0, 1, 0]);
    expect(v).toMatchObject({ kind: 'diverged', step: 3, g: 0, expected: trace.schedule[3]!.label });
    expect(verdictLine('t', v)).toMatchObject({ code: 1, line: expect.stringContaining('diverged at step 4: G0 expected') });
  });

  it('reports a worker that stops answering while another waits for its lock', async () => {
    const trace = CONTENDED[0]!.trace();
    const v = await conformTrace(trace, { stepTimeoutMs: 500, faults: [{ afterSteps: 3, kind: 'hang' }] });
    expect(v).toMatchObject({ kind: 'unresponsive', g: 0, message: expect.stringMatching(/^G0 did not report within 500 ms/) });
  });

  it('skips a trace of an RWMutex misuse with a line, as sync.Map mutant traces are', async () => {
    const misuse = RWMUTEX_MISUSES[0]!;
    const target = rwmutexMisuseTarget(SMALL, misuse);
    const trace: TraceFile = { ...sampleTrace(target, SMALL, { depth: 2, goroutines: 1, keys: 1 }, seededRandom(1, 'misuse')), mutant: misuse.name };
    // A real trace of the misuse's spec: it replays there.
    expect(replayTrace(trace).kind).toBe('same');
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    mkdirSync(join(dir, 'rwmutex-map'));
    const file = join(dir, 'rwmutex-map', 'misuse.json');
    writeFileSync(file, JSON.stringify(trace));
    const r = await conformFiles([file]);
    expect(r.code).toBe(0);
    expect(r.lines).toEqual([`conformance ${file}: skipped: a mutant trace (from a deliberately broken spec): the implementation is Go's, so it is not held to it (mutant "${misuse.name}")`]);
  });
});
