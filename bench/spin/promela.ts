/**
 * The SPIN side of the comparison: a Promela model of exactly the protocol target.ts explores
 * (mapassign's write window and count++ as eight shared accesses per write), N goroutines
 * (one proctype each) × K writes each, and the runs of SPIN that measure it and find its
 * outcome classes.
 *
 * Every access is one `d_step` (one transition, no intermediate state), guarded by `!crashed`:
 * Go's fatal ends the program, so a crashed state is terminal in both checkers. The local `t` is
 * the goroutine's register; the store that uses it clears it (target.ts does the same), so dead
 * registers split no states on either side. Three preprocessor switches make one property each:
 * CHECK_FATAL asserts at the fatal (error = a fatal is reachable), CHECK_LOST asserts
 * count == N×K once every goroutine has returned (error = a silent lost update is reachable),
 * CHECK_OK asserts count != N×K there (error = a clean, correct end is reachable). With none of
 * them the model has no assertions and is the one measured.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, TIMED_RUNS } from './ours.js';
import { COUNT_INVARIANT, FATAL_WRITES } from './target.js';

/** The outcome classes, named as the explorer names them. */
export const CLASS_OK = 'ok';
export const CLASS_FATAL = `fatal: ${FATAL_WRITES}`;
export const CLASS_LOST = `corrupt: ${COUNT_INVARIANT}`;

const PROPERTIES = [
  { macro: 'CHECK_OK', cls: CLASS_OK },
  { macro: 'CHECK_FATAL', cls: CLASS_FATAL },
  { macro: 'CHECK_LOST', cls: CLASS_LOST },
] as const;

/** One write: the eight accesses of target.ts's FLAG_STEPS, in order. */
function writeBody(w: number, k: number): string[] {
  return [
    `  /* write ${w + 1} of ${k} */`,
    '  d_step { !crashed; if :: (flags & HASH_WRITING) != 0 -> FATAL :: else -> skip fi }; /* map.go:594 if h.flags&hashWriting != 0 (load) */',
    '  d_step { !crashed; t = flags };                       /* map.go:601 h.flags ^= hashWriting (load) */',
    '  d_step { !crashed; flags = t ^ HASH_WRITING; t = 0 }; /* map.go:601 h.flags ^= hashWriting (store) */',
    '  d_step { !crashed; t = count };                       /* map.go:682 h.count++ (load) */',
    '  d_step { !crashed; count = t + 1; t = 0 };            /* map.go:682 h.count++ (store): the cell write */',
    '  d_step { !crashed; if :: (flags & HASH_WRITING) == 0 -> FATAL :: else -> skip fi }; /* map.go:685 if h.flags&hashWriting == 0 (load) */',
    '  d_step { !crashed; t = flags };                       /* map.go:688 h.flags &^= hashWriting (load) */',
    '  d_step { !crashed; flags = t & NOT_HASH_WRITING; t = 0 }; /* map.go:688 h.flags &^= hashWriting (store) */',
  ];
}

/** The Promela model for N goroutines × K writes; the same text for the same N and K. */
export function generatePromela(goroutines: number, writes: number): string {
  checkSize(goroutines, writes);
  const total = goroutines * writes;
  const lines = [
    `/* gomapcheck bench/spin: Go 1.19 mapassign write-window protocol, ${goroutines} goroutines x ${writes} writes. Generated; do not edit. */`,
    '#define HASH_WRITING 4',
    '#define NOT_HASH_WRITING 251',
    `#define TOTAL_WRITES ${total}`,
    '',
    '#ifdef CHECK_FATAL',
    '#define FATAL assert(false)',
    '#else',
    '#define FATAL crashed = 1',
    '#endif',
    '',
    'byte flags = 0;',
    'byte count = 0;',
    'bit crashed = 0; /* fatal("concurrent map writes"): the program is over */',
    '',
    '#if defined(CHECK_LOST) || defined(CHECK_OK)',
    '/* Declared first (pid 0) so that every goroutine can exit before it: runs once all have returned. */',
    'active proctype final() {',
    '  _nr_pr == 1;',
    '#ifdef CHECK_LOST',
    '  assert(count == TOTAL_WRITES)',
    '#else',
    '  assert(count != TOTAL_WRITES)',
    '#endif',
    '}',
    '#endif',
  ];
  for (let g = 0; g < goroutines; g++) {
    lines.push('', `active proctype g${g}() {`, '  byte t = 0;');
    for (let w = 0; w < writes; w++) lines.push(...writeBody(w, writes));
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

function checkSize(goroutines: number, writes: number): void {
  if (!Number.isInteger(goroutines) || goroutines < 1 || goroutines > 200) throw new Error(`goroutines must be 1..200 (got ${goroutines})`);
  if (!Number.isInteger(writes) || writes < 1 || goroutines * writes > 255) throw new Error(`writes must be ≥ 1 with goroutines × writes ≤ 255 (count is a byte; got ${writes})`);
}

/** Whether `spin` and a C compiler are on the PATH. */
export function spinAvailable(): { ok: boolean; why?: string } {
  if (spawnSync('spin', ['-V'], { encoding: 'utf8' }).status !== 0) return { ok: false, why: 'spin is not installed (apt-get install spin)' };
  if (spawnSync('cc', ['--version'], { encoding: 'utf8' }).status !== 0) return { ok: false, why: 'no C compiler (cc) to build SPIN\'s pan' };
  return { ok: true };
}

export interface PanFigures {
  stored: number;
  transitions: number;
  errors: number;
  /** Wall time of the pan process (the search), measured around it. */
  seconds: number;
  /** pan's own "elapsed time" line (0.01 s resolution). */
  panSeconds: number;
}

export interface SpinResult extends PanFigures {
  /** Wall time of spin -a and cc for the measured model (not counted in `seconds`). */
  buildSeconds: number;
  /** The outcome classes SPIN showed reachable, one property run each. */
  classes: string[];
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0 && cmd !== './pan') throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${out.slice(0, 2000)}`);
  return out;
}

/** Parses pan's report. */
export function parsePan(out: string): Omit<PanFigures, 'seconds'> {
  const num = (re: RegExp, what: string): number => {
    const m = re.exec(out);
    if (!m) throw new Error(`pan printed no ${what}:\n${out.slice(0, 2000)}`);
    return Number(m[1]);
  };
  return {
    stored: num(/([0-9.e+]+) states, stored/, '"states, stored"'),
    transitions: num(/([0-9.e+]+) transitions \(= stored\+matched\)/, '"transitions"'),
    errors: num(/errors: ([0-9]+)/, '"errors:"'),
    panSeconds: num(/pan: elapsed time ([0-9.e+-]+) seconds/, '"elapsed time"'),
  };
}

/**
 * Builds pan in `dir` with the given -D switch (or none); -DSAFETY, POR on (SPIN's default), and
 * runs it `runs` times: `seconds` is the median wall time of those runs, the figures the last one's.
 */
function buildAndRun(dir: string, model: string, macro: string | undefined, runs = 1): PanFigures & { buildSeconds: number } {
  const t0 = performance.now();
  run('spin', [...(macro ? [`-D${macro}`] : []), '-a', model], dir);
  run('cc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c'], dir);
  const buildSeconds = (performance.now() - t0) / 1000;
  const times: number[] = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    const t1 = performance.now();
    // -E: a crashed state (every goroutine stopped at !crashed) is a valid end, not a deadlock.
    out = run('./pan', ['-E', '-m1000000'], dir);
    times.push((performance.now() - t1) / 1000);
  }
  return { ...parsePan(out), seconds: median(times), buildSeconds };
}

/** Runs SPIN on N × K: the measured run (no assertions), then one run per outcome class. */
export function runSpin(goroutines: number, writes: number): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), generatePromela(goroutines, writes));
    const measured = buildAndRun(dir, 'model.pml', undefined, TIMED_RUNS);
    if (measured.errors !== 0) throw new Error(`the measured model reported ${measured.errors} errors`);
    const classes: string[] = [];
    for (const p of PROPERTIES) if (buildAndRun(dir, 'model.pml', p.macro).errors > 0) classes.push(p.cls);
    return { ...measured, classes: classes.sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
