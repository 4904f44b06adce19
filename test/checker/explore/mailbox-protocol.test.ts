/**
 * SPIN on the parallel search's ending protocol (checker/explore/mailbox.pml): with the hungry
 * count and the box's state in one word no posting is ever lost, for two to four participants;
 * kept in two words, as before 6 December 2026, SPIN finds the posting nobody took. .ci/run
 * installs spin and a C compiler; without them this file is skipped, and says why.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePan, spinAvailable } from '../../../bench/spin/promela.js';

const MODEL = fileURLToPath(new URL('../../../checker/explore/mailbox.pml', import.meta.url));

/** Builds pan for the model with these -D switches and runs it; pan's figures and what it printed. */
function verify(...defines: string[]): ReturnType<typeof parsePan> & { out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-mailbox-'));
  try {
    copyFileSync(MODEL, join(dir, 'mailbox.pml'));
    const step = (cmd: string, args: string[]): string => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
      const out = `${r.stdout}${r.stderr}`;
      if (r.status !== 0 && cmd !== './pan') throw new Error(`${cmd} failed: ${out.slice(0, 1000)}`);
      return out;
    };
    step('spin', [...defines.map((d) => `-D${d}`), '-a', 'mailbox.pml']);
    step('cc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c']);
    const out = step('./pan', ['-m100000']);
    return { ...parsePan(out), out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const avail = spinAvailable();
if (!avail.ok) console.warn(`skipping SPIN on the mailbox protocol: ${avail.why}`);

describe.skipIf(!avail.ok)('the mailbox protocol under SPIN', () => {
  it.each([2, 3, 4])('loses no posting with %i participants, and ends', (n) => {
    const r = verify(`N=${n}`);
    expect(r.errors).toBe(0);
    // pan names each error it finds on a line of its own: "pan:1: assertion violated ..." or "pan:1: invalid end state".
    expect(r.out).not.toMatch(/^pan:\d+:/m);
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
