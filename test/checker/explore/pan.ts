/** Runs SPIN on one of checker/explore's Promela models, for the protocol tests beside this file. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePan, spinAvailable } from '../../../bench/spin/promela.js';

/**
 * Builds pan for checker/explore/<model> with these -D switches (safety: assertions and invalid
 * end states) and runs it; pan's figures, and what it printed.
 */
export function verifyModel(model: string, defines: readonly string[]): ReturnType<typeof parsePan> & { out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-pan-'));
  try {
    copyFileSync(fileURLToPath(new URL(`../../../checker/explore/${model}`, import.meta.url)), join(dir, model));
    const step = (cmd: string, args: string[]): string => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 });
      const out = `${r.stdout}${r.stderr}`;
      if (r.status !== 0 && cmd !== './pan') throw new Error(`${cmd} failed: ${out.slice(0, 1000)}`);
      return out;
    };
    step('spin', [...defines.map((d) => `-D${d}`), '-a', model]);
    step('cc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c']);
    const out = step('./pan', ['-m1000000']);
    return { ...parsePan(out), out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pan names each error it finds on a line of its own: "pan:1: assertion violated ..." or "pan:1: invalid end state". */
export const PAN_ERROR = /^pan:\d+:/m;

/**
 * One model's protocol tests: whether SPIN and a C compiler are here (when not, the file's tests
 * skip, and it says so, naming `what` it would have checked), and how to verify the model with
 * some -D switches.
 */
export function spinModel(model: string, what: string): { available: boolean; verify: (...defines: string[]) => ReturnType<typeof verifyModel> } {
  const avail = spinAvailable();
  if (!avail.ok) console.warn(`skipping SPIN on ${what}: ${avail.why}`);
  return { available: avail.ok, verify: (...defines) => verifyModel(model, defines) };
}
