import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCheckArgs, type CheckOptions } from '../../../checker/cli/options.js';
import { targetOptions } from '../../../checker/run/auto-bound.js';
import { checkTargetWithTraces } from '../../../checker/run/check-target.js';
import { checkShards, mergeTarget, PARTIAL_VERSION, type PartialReport, runShard } from '../../../checker/run/shard.js';
import { fingerprint } from '../../../checker/explore/fingerprints.js';
import { readPartial } from '../../../checker/run/shard-io.js';
import type { TargetReport } from '../../../checker/report/types.js';

const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io = { stderr: { write: () => true, isTTY: false }, cwd: dir };
const quiet = (): void => {};

function options(args: string[]): CheckOptions {
  const p = parseCheckArgs([...args, '--no-write']);
  if (!p.ok) throw new Error(p.error);
  return p.options;
}

// Seconds and peak memory are measurements, the rest must match.
const withoutTime = (r: TargetReport): TargetReport => ({ ...r, seconds: 0, peakMemoryMiB: 0 });

async function single(o: CheckOptions): Promise<TargetReport[]> {
  const targets = o.target === 'all' ? ['syncmap', 'rwmutex-map', 'mutex-map', 'sharded-map', 'hmap'] : [o.target];
  const reports: TargetReport[] = [];
  // One thread: the reference the merged shards must equal.
  for (const t of targets) reports.push(withoutTime((await checkTargetWithTraces({ ...targetOptions(o, t, quiet), workers: 1 }, io)).report));
  return reports;
}

function merged(o: CheckOptions, count: number): TargetReport[] {
  const parts = Array.from({ length: count }, (_, i) => runShard(o, i + 1, count, quiet));
  expect(checkShards(parts)).toMatchObject({ ok: true });
  return parts[0]!.targets.map((_, t) => withoutTime(mergeTarget(parts, t, o, io).report));
}

describe('shards merged', () => {
  it.each([
    ['hmap, exhaustive', ['--target', 'hmap', '--depth', '2'], 3],
    ['syncmap', ['--target', 'syncmap', '--depth', '3'], 4],
    ['hmap past its reach, bounded automatically', ['--target', 'hmap', '--depth', '3'], 2],
    ['every target', ['--depth', '2'], 5],
  ] as const)('give the report a single run gives: %s', async (_, args, count) => {
    const o = options([...args]);
    expect(merged(o, count)).toEqual(await single(o));
  });

  it('are not the whole run alone: each shard sees fewer states than the merge', () => {
    const o = options(['--target', 'syncmap', '--depth', '3']);
    const parts = [1, 2].map((i) => runShard(o, i, 2, quiet));
    const whole = mergeTarget(parts, 0, o, io).report.states;
    for (const p of parts) expect(mergeTarget([{ ...p, shard: { index: 1, count: 1 } }], 0, o, io).report.states).toBeLessThan(whole);
  });
});

/** A shard's visited fingerprints as one text: how many, and a fingerprint of them in sorted order. */
function digest(packed: string): string {
  const bytes = new Uint8Array(inflateSync(Buffer.from(packed, 'base64')));
  const words = new Uint32Array(bytes.buffer, 0, bytes.byteLength / 4);
  const prints: string[] = [];
  for (let i = 0; i < words.length; i += 3) prints.push(`${words[i]}.${words[i + 1]}.${words[i + 2]}`);
  return `${prints.length}:${fingerprint(prints.sort().join(' ')).join('.')}`;
}

describe('the fingerprints a shard writes', () => {
  it('are the ones this version always wrote: state keys written anew need a new PARTIAL_VERSION', () => {
    // merge unions shards by fingerprint; one written with other keys would count states twice.
    const part = runShard(options(['--depth', '2']), 1, 1, quiet);
    expect(PARTIAL_VERSION).toBe(2);
    expect(Object.fromEntries(part.targets.map((t) => [t.target, digest(t.visited)]))).toEqual({
      syncmap: '112:461470077.1341230344.3153394579',
      'rwmutex-map': '252:3247903603.241949417.2785533988',
      'mutex-map': '79:3529046334.4226149352.4265814465',
      'sharded-map': '808:123361583.3638923013.759909392',
      hmap: '2978:1152596141.1582627931.686056151',
    });
  });
});

describe('shards that do not make one run', () => {
  const o = options(['--target', 'hmap', '--depth', '1']);
  const part = (i: number, n: number, run: CheckOptions = o): PartialReport => runShard(run, i, n, quiet);

  it('are refused in one line each', () => {
    expect(checkShards([])).toMatchObject({ ok: false, error: expect.stringMatching(/^merge needs the partial reports/) });
    expect(checkShards([part(1, 2)])).toEqual({ ok: false, error: 'shards missing: 2/2 (a merge needs all 2)' });
    expect(checkShards([part(1, 2), part(1, 2)])).toEqual({ ok: false, error: 'shard 1/2 is given twice' });
    expect(checkShards([part(1, 2), part(2, 3)])).toEqual({ ok: false, error: 'shard 2/3 does not belong with shard 1/2' });
    const other = options(['--target', 'hmap', '--depth', '1', '--keys', '1']);
    expect(checkShards([part(1, 2), part(2, 2, other)])).toMatchObject({ ok: false, error: expect.stringMatching(/^shard 2\/2 ran with other options than shard 1\/2/) });
  });

  it('and a file that is no partial report says so', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'gomapcheck-trace' }));
    expect(readPartial(bad)).toEqual({ ok: false, error: `${bad} is not a shard's partial report: format is not "gomapcheck-shard"` });
    writeFileSync(bad, '{');
    expect(readPartial(bad)).toMatchObject({ ok: false, error: `${bad} is not JSON (a partial report is what --shard i/n prints)` });
    expect(readPartial(join(dir, 'none.json'))).toEqual({ ok: false, error: `cannot read ${join(dir, 'none.json')}: no such file` });
    expect(readPartial(dir)).toEqual({ ok: false, error: `cannot read ${dir}: it is a directory` });
    const broken = { ...part(1, 1), targets: [{ ...part(1, 1).targets[0]!, breached: 'yes' }] };
    writeFileSync(bad, JSON.stringify(broken));
    expect(readPartial(bad)).toEqual({ ok: false, error: `${bad} is not a shard's partial report: targets[0].breached must be true or false` });
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(part(1, 1)));
    expect(readPartial(good)).toMatchObject({ ok: true });
  });

  it('and one an earlier version wrote, whose fingerprints differ, is refused by its version', () => {
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ ...part(1, 1), version: 1 }));
    expect(readPartial(old)).toEqual({
      ok: false, error: `${old} is not a shard's partial report: it is of version 1, written by an earlier gomapcheck whose state fingerprints differ; run every shard again with this one`,
    });
  });
});
