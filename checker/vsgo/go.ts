/**
 * The real Go 1.19 side of `npm run vs-go`: finds the toolchain, builds the harness
 * (checker/vsgo/harness/main.go) once, and runs it on a pair of operations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../cli/errors.js';
import { goClass, HANG } from './compare.js';
import type { PairCase } from './model.js';

const HARNESS = fileURLToPath(new URL('./harness/main.go', import.meta.url));

/** Where Debian's golang-1.19-go puts the toolchain, tried after $GO and `go` on the PATH. */
const DEBIAN_GO = '/usr/lib/go-1.19/bin/go';

/** A user's problem, said in one line: the CLI prints it and exits 2. */
export class GoUnavailable extends UsageError {}

/** A Go 1.19 toolchain: its go command ($GO, else `go` on the PATH, else Debian's) and its version, e.g. go1.19.8. */
export interface GoToolchain {
  command: string;
  version: string;
}

export function findGo(candidates: ReadonlyArray<string | undefined> = [process.env['GO'], 'go', DEBIAN_GO]): GoToolchain {
  const tried: string[] = [];
  for (const go of candidates) {
    if (!go) continue;
    const r = spawnSync(go, ['version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) continue;
    const version = /go version (go[0-9.]+)/.exec(r.stdout)?.[1] ?? r.stdout.trim();
    if (version.startsWith('go1.19')) return { command: go, version };
    tried.push(`${go} is ${version}`);
  }
  throw new GoUnavailable(`vs-go needs Go 1.19 (apt-get install golang-1.19-go, or set GO to its go command)${tried.length ? `; found only: ${tried.join(', ')}` : ''}`);
}

/** The built harness, and a way to remove it. */
export interface Harness {
  path: string;
  remove(): void;
}

export function buildHarness(go: GoToolchain): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-vsgo-'));
  try {
    copyFileSync(HARNESS, join(dir, 'main.go'));
    // GOPATH mode, and a build cache of its own: no module file needed, nothing written elsewhere.
    execFileSync(go.command, ['build', '-o', 'harness', 'main.go'], { cwd: dir, env: { ...process.env, GO111MODULE: 'off', GOCACHE: join(dir, 'cache'), GOFLAGS: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { path: join(dir, 'harness'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the runs of one pair showed: each run's outcome class ('ok' when it ran out its time), counted. A run ends at the first crash or silently broken map. */
export function runPair(harness: Harness, c: PairCase, runs: number, ms: number): Map<string, number> {
  const seen = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    const outcome = runOnce(harness, c, ms);
    seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  }
  return seen;
}

function runOnce(harness: Harness, c: PairCase, ms: number): string {
  const r = spawnSync(harness.path, [c.map, c.ops[0], c.ops[1], String(c.prefill), String(ms)], {
    encoding: 'utf8', timeout: ms + HANG_GRACE_MS, maxBuffer: 16 << 20, env: { ...process.env, GOMAXPROCS: '2', GOTRACEBACK: 'single' },
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return HANG;
  if (r.error) throw r.error;
  if (r.status === 0) return 'ok';
  const line = r.stderr.split('\n').find((l) => goClass(l) !== undefined);
  if (!line) throw new Error(`the Go harness stopped (exit ${r.status ?? r.signal}) without a crash line: ${r.stderr.split('\n')[0]}`);
  return goClass(line)!;
}

/** How long past its own time limit a run may take before it counts as hung (start-up included). */
const HANG_GRACE_MS = 5_000;
