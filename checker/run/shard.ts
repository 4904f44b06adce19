import { deflateSync, inflateSync } from 'node:zlib';
import type { CheckOptions, SearchFields } from '../cli/options.js';
import { expandTarget } from '../cli/targets.js';
import { FingerprintTable } from '../explore/fingerprints.js';
import { type BoundTier, contextBound } from '../explore/bound.js';
import { explore } from '../explore/search.js';
import type { OutcomeClass } from '../../spec/types.js';
import { targetOptions } from './auto-bound.js';
import { type CheckedTarget, type CheckIo, prepareTarget, reportTarget } from './check-target.js';

/**
 * `--shard i/n`: one slice of the scenario space (explore.ts's `slice`), written as a partial
 * report: for every target, the fingerprints of the states and end states it visited. `merge`
 * unions them, so a state two shards both reached counts once, and then finds witnesses and
 * writes traces exactly as a single run does. The options that shape the search travel along,
 * and merge refuses shards whose options or slices do not fit together.
 */
export interface PartialReport {
  format: 'gomapcheck-shard';
  version: typeof PARTIAL_VERSION;
  /** 1-based, as a CI matrix numbers its jobs. */
  shard: { index: number; count: number };
  /** Everything that shapes the search; merge checks every shard carries the same. */
  run: SearchFields & { exhaustive: boolean };
  targets: PartialTarget[];
}

/**
 * The partial report's version: 2 since fingerprints hash a key's UTF-8 bytes (fingerprints.ts).
 * Shards are dealt and merged by fingerprint, so shards written with another version cannot be merged.
 */
export const PARTIAL_VERSION = 2;

export interface PartialTarget {
  target: string;
  /** The bound this target was explored under (hmap's automatic one included). */
  preemptions?: number;
  tiers?: readonly BoundTier[];
  seconds: number;
  breached: boolean;
  /** Deflated, base64 fingerprints: three 32-bit words per state. */
  visited: string;
  ends: Record<OutcomeClass, string>;
}

export function runShard(options: CheckOptions, index: number, count: number, note: (line: string) => void): PartialReport {
  const targets = expandTarget(options.target).map((name): PartialTarget => {
    const o = targetOptions(options, name, note);
    const { target, cfg, bounds } = prepareTarget(o);
    const started = performance.now();
    const r = explore(target, { ...bounds, cfg, slice: { index: index - 1, count }, fingerprints: true });
    const f = r.fingerprints!;
    return {
      target: name,
      ...contextBound(o),
      seconds: (performance.now() - started) / 1000,
      breached: r.breached,
      visited: pack(f.visited),
      ends: Object.fromEntries([...f.ends].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, t]) => [c, pack(t)])),
    };
  });
  return { format: 'gomapcheck-shard', version: PARTIAL_VERSION, shard: { index, count }, run: runOf(options), targets };
}

function runOf(o: CheckOptions): PartialReport['run'] {
  return {
    target: o.target, depth: o.depth, goroutines: o.goroutines, keys: o.keys, config: o.config,
    ...contextBound(o), exhaustive: o.exhaustive,
    ...(o.shards === undefined ? {} : { shards: o.shards }),
  };
}

/**
 * The options a merge reports under (those every shard ran with; --traces, --no-write and
 * --json are the merge's own), or a one-line reason the shards do not make one run.
 */
export function checkShards(parts: readonly PartialReport[]): { ok: true; run: PartialReport['run'] } | { ok: false; error: string } {
  if (parts.length === 0) return { ok: false, error: 'merge needs the partial reports of every shard (files written by --shard i/n)' };
  const first = parts[0]!;
  const count = first.shard.count;
  const runText = JSON.stringify(first.run);
  const seen = new Set<number>();
  for (const p of parts) {
    if (p.shard.count !== count) return { ok: false, error: `shard ${p.shard.index}/${p.shard.count} does not belong with shard ${first.shard.index}/${count}` };
    if (JSON.stringify(p.run) !== runText) return { ok: false, error: `shard ${p.shard.index}/${count} ran with other options than shard ${first.shard.index}/${count} (${JSON.stringify(p.run)} vs ${runText})` };
    if (seen.has(p.shard.index)) return { ok: false, error: `shard ${p.shard.index}/${count} is given twice` };
    seen.add(p.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) return { ok: false, error: `shards missing: ${missing.map((i) => `${i}/${count}`).join(', ')} (a merge needs all ${count})` };
  return { ok: true, run: first.run };
}

/** One target's findings from all shards, its witnesses found and its traces written, as one run reports it. */
export function mergeTarget(parts: readonly PartialReport[], t: number, options: CheckOptions, io: CheckIo): CheckedTarget {
  const started = performance.now();
  const entries = parts.map((p) => p.targets[t]!);
  const name = entries[0]!.target;
  const visited = new FingerprintTable();
  for (const e of entries) addAll(visited, unpack(e.visited));
  const outcomes = new Map<OutcomeClass, number>();
  let executions = 0;
  const classes = [...new Set(entries.flatMap((e) => Object.keys(e.ends)))];
  for (const c of classes) {
    const ends = new FingerprintTable(8);
    for (const e of entries) if (e.ends[c] !== undefined) addAll(ends, unpack(e.ends[c]));
    outcomes.set(c, ends.size);
    executions += ends.size;
  }
  const o: CheckOptions = { ...options, target: name, ...contextBound(entries[0]!) };
  const findings = { states: visited.size, executions, outcomes, breached: entries.some((e) => e.breached) };
  // A run's time is its shards' exploring time plus the merge (witnesses, traces).
  const shardSeconds = entries.reduce((s, e) => s + e.seconds, 0);
  return reportTarget(prepareTarget(o), o, io, findings, started, shardSeconds);
}

function addAll(table: FingerprintTable, triples: Uint32Array): void {
  for (let i = 0; i < triples.length; i += 3) table.setTriple(triples[i]!, triples[i + 1]!, triples[i + 2]!, 0);
}

function pack(triples: Uint32Array): string {
  return deflateSync(Buffer.from(triples.buffer, triples.byteOffset, triples.byteLength)).toString('base64');
}

function unpack(text: string): Uint32Array {
  const bytes = inflateSync(Buffer.from(text, 'base64'));
  if (bytes.byteLength % 12 !== 0) throw new ShardFormatError('a fingerprint list is not a whole number of fingerprints');
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** A partial report that does not parse as one: the user's input, reported in one line. */
export class ShardFormatError extends Error {}
