import { describe, expect, it } from 'vitest';
import { measure, MESSAGE_MAP, throughputLine } from '../../../impl/bench/throughput.js';
import { MIXES } from '../../../impl/bench/mixes.js';
import { SUBJECTS } from '../../../impl/bench/subjects.js';

// Real workers on a few thousand operations: this checks the harness runs and counts the work,
// not how fast it is (figures come from `npm run bench`).
describe('throughput harness', () => {
  it.each([MESSAGE_MAP, ...SUBJECTS.map((s) => s.name)])('runs %s with real workers and counts every operation', async (subject) => {
    const workers = SUBJECTS.find((s) => s.name === subject)?.safe === false ? 1 : 2;
    const r = await measure(subject, MIXES[1]!, workers, 2_000);
    expect(r.ops).toBe(2_000 * workers);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.opsPerSecond).toBeCloseTo(r.ops / r.seconds);
  }, 30_000);

  it('prints a row per subject, one worker in the singular', () => {
    const row = (workers: number): string => throughputLine({ subject: 'hmap', mix: 'read-mostly', workers, ops: 10, seconds: 0.5, opsPerSecond: 1_819_933.4 });
    expect(row(1)).toBe('read-mostly  hmap                   1 worker    1,819,933 ops/s');
    expect(row(2)).toBe('read-mostly  hmap                  2 workers    1,819,933 ops/s');
  });
});
