import { describe, expect, it } from 'vitest';
import { measure, MESSAGE_MAP } from '../../../impl/bench/throughput.js';
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
});
