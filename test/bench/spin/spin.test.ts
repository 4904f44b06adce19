import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOurs } from '../../../bench/spin/ours.js';
import { CLASS_FATAL, CLASS_LOST, CLASS_OK, generatePromela, parsePan, runSpin, spinAvailable } from '../../../bench/spin/promela.js';
import { parseArgs } from '../../../bench/spin/run.js';
import { FLAG_STEPS, flagProtocolTarget } from '../../../bench/spin/target.js';
import { initialNode, successors } from '../../../checker/explore/node.js';
import { explore } from '../../../checker/explore/search.js';
import { SMALL } from '../../../spec/config.js';

const RUN = fileURLToPath(new URL('../../../bench/spin/run.ts', import.meta.url));
const HAND = [CLASS_LOST, CLASS_FATAL, CLASS_OK].sort();

describe('the Promela model', () => {
  it('is generated deterministically, one proctype per goroutine, eight accesses per write', () => {
    const a = generatePromela(3, 2);
    expect(generatePromela(3, 2)).toBe(a);
    expect(a).not.toBe(generatePromela(2, 2));
    expect([...a.matchAll(/^active proctype (g\d+)\(\)/gm)].map((m) => m[1])).toEqual(['g0', 'g1', 'g2']);
    expect((a.match(/d_step/g) ?? []).length).toBe(3 * 2 * FLAG_STEPS.length);
    expect(a).toContain('#define TOTAL_WRITES 6');
    for (const macro of ['CHECK_FATAL', 'CHECK_LOST', 'CHECK_OK']) expect(a).toContain(macro);
  });

  it('rejects sizes a byte count cannot hold', () => {
    expect(() => generatePromela(0, 1)).toThrow();
    expect(() => generatePromela(16, 16)).toThrow();
  });

  it('parses pan\'s report', () => {
    const out = 'State-vector 28 byte, depth reached 47, errors: 1\n      301 states, stored\n   167 states, matched\n      468 transitions (= stored+matched)\npan: elapsed time 0.01 seconds\n';
    expect(parsePan(out)).toEqual({ stored: 301, transitions: 468, errors: 1, panSeconds: 0.01 });
  });
});

describe('our target', () => {
  it('finds exactly the hand-derived classes for 2 goroutines × 1 write', () => {
    // Two writes that never overlap end ok; overlapping windows either trip a flag check
    // (fatal) or both pass with one count++ lost (count 1 after 2 writes): nothing else.
    const r = runOurs(2, 1);
    expect(r.classes).toEqual(HAND);
    expect(r.outcomes.reduce((n, [, k]) => n + k, 0)).toBe(r.executions);
    expect(r.transitions).toBeGreaterThanOrEqual(r.stored - 1);
  });

  it('with one goroutine never races', () => {
    expect(runOurs(1, 3).classes).toEqual([CLASS_OK]);
  });

  it('runs the fixed split: K writes per goroutine, never one goroutine doing another\'s', () => {
    const o = { cfg: SMALL, depth: 4, goroutines: 2, keys: 1 };
    const ends = (t: ReturnType<typeof flagProtocolTarget>): string[] => {
      const keys: string[] = [];
      explore(t, { ...o, onEnd: (k) => keys.push(k) });
      return keys;
    };
    // An end state's key lists each goroutine's started writes after a '#'.
    const started = (key: string): number[] => [...key.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
    const fixed = ends(flagProtocolTarget(2));
    expect(fixed.every((k) => started(k).every((n) => n <= 2))).toBe(true);
    expect(ends(flagProtocolTarget()).some((k) => started(k).some((n) => n > 2))).toBe(true);
  });

  it('carries no linearizability monitor: its writes return nothing a history could contradict', () => {
    const t = flagProtocolTarget(1);
    const b = { depth: 2, goroutines: 2, keys: 1 };
    let n = initialNode(t, SMALL, b);
    const before = n.mon;
    for (let i = 0; i < 4; i++) n = successors(t, b, n)[0]!.node;
    expect(n.mon).toBe(before);
  });
});

describe('the command line', () => {
  it('parses flags and rejects bad ones', () => {
    expect(parseArgs([])).toEqual({ goroutines: 3, writes: 2 });
    expect(parseArgs(['--goroutines', '2', '--writes=3'])).toEqual({ goroutines: 2, writes: 3 });
    expect(() => parseArgs(['--writes', 'x'])).toThrow(/whole number/);
    expect(() => parseArgs(['--depth', '2'])).toThrow(/unknown flag/);
  });

  it('exits 2 with one line on a bad flag', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', RUN, '--goroutines', 'two'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

const avail = spinAvailable();
if (!avail.ok) console.warn(`skipping the SPIN runs: ${avail.why}`);

describe.skipIf(!avail.ok)('SPIN', () => {
  it('finds the same classes as ours for 2 goroutines × 1 write', () => {
    const spin = runSpin(2, 1);
    expect(spin.classes).toEqual(HAND);
    expect(spin.stored).toBeGreaterThan(0);
    expect(spin.transitions).toBeGreaterThanOrEqual(spin.stored);
  });

  it('run.ts prints the side-by-side table', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', RUN, '--goroutines', '2', '--writes', '1'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('stored states');
    expect(r.stdout).toContain('same outcome classes: yes');
    // One write each: said in the singular, in the heading and in the notes.
    expect(r.stdout).toContain('protocol: 2 goroutines × 1 write\n');
    expect(r.stdout).toContain('the fixed split, 1 write per goroutine;');
  });
});
