import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildHarness, findGo, type GoToolchain, GoUnavailable, type Harness, runPair } from '../../../checker/vsgo/go.js';
import { allCases, compareCases, coverage } from '../../../checker/vsgo/table.js';

const MAIN = fileURLToPath(new URL('../../../checker/vsgo/main.ts', import.meta.url));

// CI installs Go 1.19 (.ci/run), so there a missing toolchain fails this file; elsewhere it is skipped.
const go = ((): GoToolchain | undefined => {
  try {
    return findGo();
  } catch (e) {
    if (process.env['CI']) throw e;
    return undefined;
  }
})();

describe.skipIf(!go)('the plain map against real Go 1.19', () => {
  let harness: Harness | undefined;
  const built = (): Harness => (harness ??= buildHarness(go!));
  afterAll(() => harness?.remove());

  it('prints each of the three fatal errors for the pair the spec reaches it with', () => {
    // On a map with keys the readers look at the flag at once: alone, each run stops within some 20 ms.
    expect(runPair(built(), { map: 'hmap', ops: ['assign', 'assign'], prefill: 2 }, 3, 2000).get('fatal: concurrent map writes')).toBeGreaterThan(0);
    expect(runPair(built(), { map: 'hmap', ops: ['assign', 'access'], prefill: 2 }, 3, 2000).get('fatal: concurrent map read and map write')).toBeGreaterThan(0);
    expect(runPair(built(), { map: 'hmap', ops: ['assign', 'range'], prefill: 2 }, 3, 2000).get('fatal: concurrent map iteration and map write')).toBeGreaterThan(0);
  });

  it('agrees with the spec on every pair: no fatal error the spec does not reach, no crash where it reaches none', () => {
    const rows = compareCases(allCases(), (c) => runPair(built(), c, 1, 200));
    expect(rows.filter((r) => !r.agrees).map((r) => `${r.case.ops.join(' ∥ ')}/${r.case.prefill}: ${r.remarks.join('; ')}`)).toEqual([]);
    // Most pairs that can go wrong do within one short run; none doing so would mean the harness races nothing.
    expect(coverage(rows).shown).toBeGreaterThan(coverage(rows).pairs / 2);
  });

  it('names the toolchain it found by its version', () => {
    expect(go!.version).toMatch(/^go1\.19(\.\d+)?$/);
  });

  it('compares the locked maps with --maps, a sharded range taking each shard in its own turn', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--maps', 'mutex-map,sharded-map', '--pair', 'clear,range', '--runs', '1', '--ms', '100'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('agree   mutex-map clear ∥ range, 2 keys in the map\n');
    expect(r.stdout).toContain('agree   sharded-map clear ∥ range, 2 keys in the map\n');
    expect(r.stdout).toContain('all 4 pairs agree');
  });

  it('runs one pair on both maps with --pair, goroutine 0 taking the first, and on sync.Map where it has both', () => {
    const both = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--pair', 'assign,access', '--runs', '1', '--ms', '20'], { encoding: 'utf8' });
    expect(both.stdout).toContain('sync.Map Store ∥ Load, empty map\n');
    expect(both.stdout).toContain('all 4 pairs agree');
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--pair', 'len,assign', '--runs', '1', '--ms', '20'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('agree   len ∥ assign, empty map\n');
    expect(r.stdout).toContain('agree   len ∥ assign, 2 keys in the map\n');
    expect(r.stdout).toContain('all 2 pairs agree');
  });
});

describe('finding Go 1.19', () => {
  it('says in one line what to install when no candidate runs, or none is Go 1.19', () => {
    expect(() => findGo(['/no/such/go'])).toThrow(/^vs-go needs Go 1\.19 \(apt-get install golang-1\.19-go, or set GO to its go command\)$/);
    const dir = mkdtempSync(join(tmpdir(), 'vsgo-fake-'));
    try {
      const fake = join(dir, 'go');
      writeFileSync(fake, '#!/bin/sh\necho "go version go1.21.0 linux/amd64"\n');
      chmodSync(fake, 0o755);
      expect(() => findGo([fake])).toThrow(`; found only: ${fake} is go1.21.0`);
      expect(() => findGo([fake])).toThrow(GoUnavailable);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run vs-go on bad input', () => {
  it('prints its options with --help and exits 0', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--runs <n>[\s\S]*--ms <n>[\s\S]*--pair <a,b>/);
  });

  it.each([[['--runs', '0']], [['--ms', 'x']], [['--bogus']], [['--pair', 'assign']], [['--pair', 'assign,nope']], [['--pair', 'len,len,len']], [['--maps', 'hmap,nope']]])('exits 2 with one line for %j', (args) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^gomapcheck: /);
  });
});
