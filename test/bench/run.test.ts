/** `npm run bench`'s own flags: bad input is one line and exit 2, before anything is measured. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { targetNames } from '../../checker/run/targets.js';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

function bench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench flags', () => {
  it.each([
    [['--speedup-depth', 'x'], 'bench: --speedup-depth must be a whole number (got "x")'],
    [['--speedup-depth', '0'], 'bench: --speedup-depth must be at least 1'],
    [['--depth', '2', '--target', 'nope'], `bench: unknown target "nope" (known: ${targetNames().join(', ')})`],
    [['--bogus'], "bench: unknown option '--bogus'"],
  ])('%j exits 2 with one line and measures nothing', (args, line) => {
    const r = bench(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
  });
});
