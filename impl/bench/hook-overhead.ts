/**
 * What the scheduling points cost in free mode: the same workload on SharedGoMap with its no-op
 * hook, and on a copy of impl/hmap/ with every `c.hook(...)` statement removed (written to a
 * temporary directory and imported from there). Prints figures; asserts nothing.
 *
 *   npx tsx impl/bench/hook-overhead.ts
 *   STRIP=0 npx tsx impl/bench/hook-overhead.ts   # control: the copy unchanged (should show ~0 %)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SharedGoMap } from '../hmap/map.js';
import { goConfig, round } from './workload.js';

const KEYS = 2000;
const ROUNDS = 40;
const REPEATS = 7;
const HOOK_STATEMENT = /^\s*c\.hook\([^;]*\);\s*$/gm;

/** impl/hmap/ without its scheduling points. Its spec imports are type-only, so the copy runs alone. */
async function hooklessMap(strip = true): Promise<{ Map: typeof SharedGoMap; calls: number; cleanup: () => void }> {
  const src = new URL('../hmap/', import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-nohook-'));
  mkdirSync(join(dir, 'hmap'));
  // The same module format and compiler settings as here (ESM, the project's tsconfig).
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync(new URL('../../tsconfig.json', import.meta.url)));
  let calls = 0;
  for (const f of readdirSync(src).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(new URL(f, src), 'utf8');
    calls += text.match(HOOK_STATEMENT)?.length ?? 0;
    writeFileSync(join(dir, 'hmap', f), strip ? text.replace(HOOK_STATEMENT, '') : text);
  }
  const mod = (await import(pathToFileURL(join(dir, 'hmap', 'map.ts')).href)) as { SharedGoMap: typeof SharedGoMap };
  return { Map: mod.SharedGoMap, calls, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Median ns per operation over REPEATS timings of ROUNDS rounds each. */
function measure(Map: typeof SharedGoMap): number {
  const cfg = goConfig(KEYS);
  const times: number[] = [];
  let check = 0;
  for (let r = 0; r < REPEATS + 1; r++) {
    const t0 = process.hrtime.bigint();
    let ops = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const out = round(Map.create(cfg, { arenaBuckets: 2048 }), KEYS);
      ops += out.ops;
      check += out.sum;
    }
    const ns = Number(process.hrtime.bigint() - t0) / ops;
    if (r > 0) times.push(ns); // the first is warm-up
  }
  if (check === 0) throw new Error('unreachable: keeps the results alive');
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const bare = await hooklessMap(process.env.STRIP !== '0');
try {
  // Interleaved, so drift of the machine hits both alike.
  const hooked: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 3; i++) {
    hooked.push(measure(SharedGoMap));
    plain.push(measure(bare.Map));
  }
  const h = Math.min(...hooked);
  const p = Math.min(...plain);
  console.log(`workload: Go constants, ${KEYS} keys, ${ROUNDS} rounds of fill/read/delete/read/range per timing`);
  console.log(`scheduling points in the source: ${bare.calls}`);
  console.log(`free mode (no-op hook):   ${h.toFixed(1)} ns/op  (${(1e9 / h / 1e6).toFixed(2)} M ops/s)`);
  console.log(`no hook calls at all:     ${p.toFixed(1)} ns/op  (${(1e9 / p / 1e6).toFixed(2)} M ops/s)`);
  console.log(`overhead of the hooks:    ${(((h - p) / p) * 100).toFixed(1)} %`);
} finally {
  bare.cleanup();
}
