/**
 * SPIN on the parallel search's ending protocol (checker/explore/mailbox.pml): with the hungry
 * count and the box's state in one word no posting is ever lost, for two to four participants;
 * kept in two words, as before 6 December 2026, SPIN finds the posting nobody took. .ci/run
 * installs spin and a C compiler; without them this file is skipped, and says why.
 */
import { describe, expect, it } from 'vitest';
import { PAN_ERROR, spinModel } from './pan.js';

const { available, verify } = spinModel('mailbox.pml', 'the mailbox protocol');

describe.skipIf(!available)('the mailbox protocol under SPIN', () => {
  it.each([2, 3, 4])('loses no posting with %i participants, and ends', (n) => {
    const r = verify(`N=${n}`);
    expect(r.errors).toBe(0);
    expect(r.out).not.toMatch(PAN_ERROR);
    expect(r.stored).toBeGreaterThan(100);
  });

  it('reaches an end after a posting, so the property is not vacuous', () => {
    const r = verify('N=2', 'CLAIM_NO_POSTING');
    expect(r.errors).toBe(1);
    expect(r.out).toMatch(/assertion violated \(posts==0\)/);
  });

  it.each([2, 3])('loses a posting with %i participants when the end is read from two words', (n) => {
    const r = verify(`N=${n}`, 'TWO_WORDS');
    expect(r.errors).toBe(1);
    expect(r.out).toMatch(/assertion violated \(\(box==0\)&&\(processed==4\)\)/);
  });
});
