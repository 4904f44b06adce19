/**
 * SPIN on how the parallel search's visited set grows (checker/explore/shared-table.pml): no
 * claim overlaps a growth and nobody waits for good, for two and three participants; with the
 * growth's request lifted before its arrivals are reset, SPIN finds both. .ci/run installs spin
 * and a C compiler; without them this file is skipped, and says why.
 */
import { describe, expect, it } from 'vitest';
import { PAN_ERROR, spinModel } from './pan.js';

const { available, verify } = spinModel('shared-table.pml', 'the shared table\'s growth');

describe.skipIf(!available)('the shared table\'s growth under SPIN', () => {
  it.each([2, 3])('never moves the slots under a claim, nor leaves anyone waiting, with %i participants', (n) => {
    const r = verify(`N=${n}`);
    expect(r.errors).toBe(0);
    expect(r.out).not.toMatch(PAN_ERROR);
    expect(r.stored).toBeGreaterThan(1000);
  });

  it('catches the request lifted before the arrivals are reset', () => {
    const r = verify('N=3', 'LIFT_BEFORE_RESET');
    expect(r.errors).toBeGreaterThan(0);
    expect(r.out).toMatch(PAN_ERROR);
  });
});
