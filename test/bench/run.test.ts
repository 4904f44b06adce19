/** `npm run bench`'s own flags: bad input is one line and exit 2, before anything is measured. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_PREEMPTIONS } from '../../checker/explore/bound.js';
import { MAX_WORKERS } from '../../checker/cli/options.js';
import { ALL_TARGETS, KNOWN_TARGETS } from '../../checker/cli/targets.js';
import { CONFIGS } from '../../spec/config.js';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

function bench(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bench flags', () => {
  it.each([
    [['--speedup-depth', 'x'], 'bench: --speedup-depth must be a whole number (got "x")'],
    [['--speedup-depth', '0'], 'bench: --speedup-depth must be at least 1'],
    [['--depth', '2', '--target', 'nope'], `bench: unknown target "nope" (known: ${[...KNOWN_TARGETS, ALL_TARGETS].join(', ')})`],
    // A case's flags are checked as the check checks them: ranges and bounds too.
    [['--depth', '2', '--goroutines', '9'], 'bench: --goroutines must be a whole number from 1 to 4 (got "9")'],
    [['--depth', '0'], 'bench: --depth must be a whole number ≥ 1 (got "0")'],
    [['--depth', '2', '--tiers', '2'], 'bench: --tiers widens a context bound for shorter executions: give --preemptions too'],
    // Every flag a case shares with the check reaches the check's parser.
    [['--depth', '2', '--config', 'nope'], `bench: unknown config "nope" (known: ${Object.keys(CONFIGS).join(', ')})`],
    [['--depth', '2', '--keys', '0'], 'bench: --keys must be a whole number ≥ 1 (got "0")'],
    [['--depth', '2', '--preemptions', 'x'], `bench: --preemptions must be a whole number from 0 to ${MAX_PREEMPTIONS} (got "x")`],
    [['--depth', '2', '--workers', '0'], `bench: --workers must be a whole number from 1 to ${MAX_WORKERS} (got "0")`],
    [['--depth', '2', '--target', 'all'], 'bench: --target all: a bench case is one target; name it'],
    [['--bogus'], "bench: unknown option '--bogus'"],
  ])('%j exits 2 with one line and measures nothing', (args, line) => {
    const r = bench(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
  });

  it('runs one case of the user\'s and names it in the singular where it should', () => {
    const r = bench(['--depth', '1', '--goroutines', '1', '--keys', '1', '--target', 'mutex-map']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('mutex-map exhaustive: depth 1, 1 goroutine, 1 key, config small\n');
  }, 60_000);

  it('explains itself with --help and exits 0, measuring nothing', () => {
    for (const flag of ['--help', '-h']) {
      const r = bench([flag]);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: npm run bench -- \[options\]\n/);
      for (const option of ['--depth <n>', '--speedup-depth <n>', '--impl', '--vs-spin']) expect(r.stdout).toContain(`  ${option} `);
      expect(r.stdout).not.toContain('machine:');
    }
  });
});
