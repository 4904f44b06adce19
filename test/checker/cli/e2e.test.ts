/**
 * The real command, as a user runs it: a fresh process from the repository root, exit codes,
 * stdout and stderr. Depth 2 keeps each exploring run to a few seconds.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_TARGETS } from '../../../checker/cli/targets.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface Run { code: number | null; stdout: string; stderr: string }

function gomapcheck(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'checker/cli/main.ts', ...args], { cwd: repo, encoding: 'utf8' },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
  });
}

const FATAL = [
  'fatal: concurrent map iteration and map write',
  'fatal: concurrent map read and map write',
  'fatal: concurrent map writes',
];

let traces: string;
let first: Run;
let second: Run;

beforeAll(async () => {
  traces = mkdtempSync(join(tmpdir(), 'gomapcheck-e2e-'));
  // Someone's own file in the trace directory must survive the runs.
  mkdirSync(join(traces, 'hmap'));
  writeFileSync(join(traces, 'hmap', 'keep.txt'), 'mine');
  first = await gomapcheck(['--depth', '2', '--target', 'hmap', '--json', '--traces', traces]);
  // Sequential on purpose: the second run overwrites the first one's witnesses in place.
  second = await gomapcheck(['--depth', '2', '--target', 'hmap', '--json', '--traces', traces]);
});
afterAll(() => rmSync(traces, { recursive: true, force: true }));

describe('gomapcheck --depth 2 --json', () => {
  it('exits 0 with the report alone on stdout, in the schema shape', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ version: 1, depth: 2, config: 'small', goroutines: 2, keys: 2 });
    expect(report.targets).toHaveLength(1);
    const t = report.targets[0];
    expect(t).toMatchObject({
      target: 'hmap', contract: 'holds', scenarios: expect.any(Number), executions: expect.any(Number),
      states: expect.any(Number), seconds: expect.any(Number), peakMemoryMiB: expect.any(Number), outcomes: expect.any(Object),
    });
    expect(Object.keys(t.outcomes)).toEqual(expect.arrayContaining(FATAL));
    expect(t.witnesses.map((w: { outcome: string }) => w.outcome)).toEqual(Object.keys(t.outcomes));
    for (const w of t.witnesses) {
      expect(w).toEqual({ outcome: expect.any(String), trace: expect.any(String), ops: expect.any(Number), switches: expect.any(Number), steps: expect.any(Number) });
    }
  });

  it('writes each witness trace with its diagram beside it, and leaves other files alone', () => {
    for (const w of JSON.parse(first.stdout).targets[0].witnesses) {
      const file = resolve(repo, w.trace);
      expect(file.startsWith(join(traces, 'hmap'))).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(existsSync(file.replace(/\.json$/, '.mmd'))).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8')).outcome).toBe(w.outcome);
    }
    expect(readFileSync(join(traces, 'hmap', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('gives the same report twice, apart from the time taken and the memory measured', () => {
    const strip = (r: Run) => JSON.parse(r.stdout, (k, v) => (k === 'seconds' || k === 'peakMemoryMiB' ? 0 : v));
    expect(second.code).toBe(0);
    expect(strip(second)).toEqual(strip(first));
  });

  it('replays a witness it wrote', async () => {
    const w = JSON.parse(first.stdout).targets[0].witnesses.find((x: { outcome: string }) => x.outcome === FATAL[2]);
    const r = await gomapcheck(['--replay', w.trace]);
    expect(r).toEqual({ code: 0, stdout: `replay ${w.trace}: reproduces ${FATAL[2]}\n`, stderr: '' });
  });

  it('exits 1 when a trace replays to another outcome than it records', async () => {
    const w = JSON.parse(first.stdout).targets[0].witnesses.find((x: { outcome: string }) => x.outcome === FATAL[2]);
    const tampered = join(traces, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...JSON.parse(readFileSync(resolve(repo, w.trace), 'utf8')), outcome: 'ok' }));
    const r = await gomapcheck(['--replay', tampered]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`replay ${tampered}: expected ok, got ${FATAL[2]}\n`);
  });

  it('writes the HTML report with --report, and exits 2 in one line when it cannot', async () => {
    const file = join(traces, 'report.html');
    const r = await gomapcheck(['--depth', '1', '--target', 'hmap', '--no-write', '--report', file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const bad = await gomapcheck(['--depth', '1', '--target', 'hmap', '--no-write', '--report', join(traces, 'no', 'such', 'r.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gomapcheck: cannot write the HTML report to [^\n]*\n$/);
  });

  it('refuses a --report path it cannot write before it searches, so nothing is written first', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gomapcheck-report-'));
    try {
      const cases: Array<[string, string]> = [
        [out, 'it is a directory'],
        [join(out, 'no', 'r.html'), 'no such directory (create it first)'],
        [join(repo, 'package.json', 'r.html'), 'a part of the path is not a directory'],
      ];
      for (const [path, problem] of cases) {
        const r = await gomapcheck(['--depth', '1', '--target', 'hmap', '--traces', out, '--report', path]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`gomapcheck: cannot write the HTML report to "${path}": ${problem}\n`);
        expect(r.stdout).toBe('');
      }
      // No witness traces either: the run stopped before its search.
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('says BOUNDED, and exhaustive: false, under --preemptions', async () => {
    const r = await gomapcheck(['--depth', '2', '--preemptions', '1', '--no-write']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/BOUNDED to 1 preemption: not exhaustive\)$/);
    const j = await gomapcheck(['--depth', '2', '--preemptions', '1', '--no-write', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ exhaustive: false, preemptions: 1 });
  });
});

describe('gomapcheck --target all and --mutants', () => {
  it('checks every target by default, each safe one holding its contract', async () => {
    const r = await gomapcheck(['--depth', '2', '--json', '--no-write']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.targets.map((t: { target: string }) => t.target)).toEqual(KNOWN_TARGETS);
    for (const t of report.targets.filter((x: { target: string }) => x.target !== 'hmap')) {
      expect(t.contract).toBe('holds');
      expect(Object.keys(t.outcomes)).toEqual(['ok']);
    }
  });

  it('exits 1 when a mutant survives (depth 1 is too shallow to kill most), with the JSON shape', async () => {
    const r = await gomapcheck(['--mutants', '--depth', '1', '--json', '--no-write']);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ version: 1, mode: 'mutants', depth: 1 });
    expect(run.survived).toBeGreaterThan(0);
    expect(run.killed + run.survived).toBe(run.mutants.length);
    for (const m of run.mutants.filter((x: { status: string }) => x.status === 'killed')) {
      expect(m).toMatchObject({ depth: 1, outcome: expect.any(String), trace: expect.stringMatching(/^traces\/mutants\//) });
    }
  });
});

describe('gomapcheck --conformance', () => {
  it('runs the committed traces of every map with a real implementation on real workers, each conforming', async () => {
    const r = await gomapcheck(['--conformance']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^conformance traces\/(hmap|syncmap|mutex-map|rwmutex-map|sharded-map)\/\S+\.json: conforms /);
    for (const t of ['syncmap', 'mutex-map', 'rwmutex-map', 'sharded-map']) expect(lines.some((l) => l.startsWith(`conformance traces/${t}/`))).toBe(true);
  });

  it('with --sample, runs seeded random schedules instead and sums up each target', async () => {
    const r = await gomapcheck(['--conformance', '--sample', '2', '--seed', '5', '--depth', '3', '--target', 'rwmutex-map', '--no-write']);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'rwmutex-map: 2 sampled schedules of depth ≤ 3 (seed 5): all conform\n' });
    const bad = await gomapcheck(['--sample', '2']);
    expect(bad).toMatchObject({ code: 2, stdout: '', stderr: 'gomapcheck: --sample belongs to --conformance (add --conformance)\n' });
  });

  it('with --depth, runs every schedule up to that depth on reused workers and sums up each target', async () => {
    const r = await gomapcheck(['--conformance', '--depth', '2', '--keys', '1', '--target', 'syncmap', '--no-write']);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'syncmap: 11 schedules (every end state of depth ≤ 2): all conform\n' });
    // hmap past its exhaustive reach: the check's automatic bound, said on stderr and in the summary.
    const h = await gomapcheck(['--conformance', '--depth', '3', '--keys', '2', '--target', 'hmap', '--no-write', '--json']);
    expect(h.code).toBe(0);
    expect(h.stderr).toMatch(/BOUNDED to 2 preemptions \(up to 2 operations in full\)/);
    const out = JSON.parse(h.stdout) as { mode: string; targets: Array<{ target: string; schedules: number; diverged: number }>; lines: string[] };
    expect(out).toMatchObject({ mode: 'conformance-every', targets: [{ target: 'hmap', diverged: 0 }] });
    expect(out.lines).toEqual([`hmap: ${out.targets[0]!.schedules} schedules (every end state of depth ≤ 3, BOUNDED to 2 preemptions (up to 2 operations in full), the automatic bound past exhaustive reach): all conform`]);
  });

  it('exits 2 in one line when there is nothing to run', async () => {
    const empty = join(traces, 'empty');
    mkdirSync(empty);
    const r = await gomapcheck(['--conformance', '--traces', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gomapcheck: no traces to run under [^\n]*\n$/);
  });
});

describe('gomapcheck --stress', () => {
  it('runs free workers on the real plain map and reports rounds that add up', async () => {
    const r = await gomapcheck(['--stress', '--target', 'hmap', '--ops', '4000', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ops).toBe(4000);
    expect(report.anomalies).toBe(0);
  });

  it("runs free workers on the real sync.Map, Range by its rule, and finds every round linearizable", async () => {
    const r = await gomapcheck(['--stress', '--target', 'syncmap', '--ops', '2000', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ target: 'syncmap', range: 'contract', ops: 2000, opsRun: 2000, violations: 0 });
  });
});

describe('gomapcheck usage errors', () => {
  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--depth', '0'], /--depth must be a whole number/],
    [['--target', 'nope'], /unknown target "nope"/],
    [['--config', 'nope'], /unknown config "nope"/],
    [['--replay', 'no/such/trace.json'], /cannot read trace file "no\/such\/trace.json": no such file/],
  ])('%j exits 2 with one line on stderr and no stack', async (args, message) => {
    const r = await gomapcheck(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gomapcheck: [^\n]*\n$/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it('--help prints the flags and exits 0', async () => {
    const r = await gomapcheck(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--depth <n>/);
  });
});

describe('gomapcheck --target sharded-map --shards 3', () => {
  it('checks three shards, records them in the report and the trace, and replays the trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-shards-'));
    try {
      const run = await gomapcheck(['--depth', '2', '--target', 'sharded-map', '--shards', '3', '--json', '--traces', dir]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.targets[0]).toMatchObject({ target: 'sharded-map', shards: 3, contract: 'holds' });
      const trace = resolve(repo, report.targets[0].witnesses[0].trace);
      expect(JSON.parse(readFileSync(trace, 'utf8')).shards).toBe(3);
      const replay = await gomapcheck(['--replay', trace]);
      expect(replay.code).toBe(0);
      expect(replay.stdout).toContain('reproduces ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hmap past its exhaustive reach', () => {
  it('is checked with a graded bound, says so on stderr and in the report, and still exits 0', async () => {
    const run = await gomapcheck(['--depth', '3', '--keys', '2', '--target', 'hmap', '--json', '--no-write']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^gomapcheck: note: hmap at depth 3 with 2 keys is beyond exhaustive reach .*BOUNDED to 2 preemptions \(up to 2 operations in full\), which covers every race-free execution/);
    const report = JSON.parse(run.stdout);
    expect(report.exhaustive).toBe(false);
    expect(report.targets[0]).toMatchObject({ target: 'hmap', exhaustive: false, preemptions: 2, tiers: [{ ops: 2 }], contract: 'holds' });
    // The exhaustive depth 2's silent corruptions are in, as the fatal errors are, and a runtime throw.
    expect(Object.keys(report.targets[0].outcomes)).toEqual(expect.arrayContaining(['fatal: concurrent map writes', 'corrupt: every key reachable from its bucket', 'throw: bad map state']));
  });

  it('refuses --exhaustive together with --preemptions', async () => {
    const run = await gomapcheck(['--exhaustive', '--preemptions', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gomapcheck: --exhaustive and --preemptions contradict each other: choose one\n');
  });
});

describe('gomapcheck --shard i/n and gomapcheck merge', () => {
  it('merges the shards of a CI matrix into the report one run prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-merge-'));
    try {
      const files: string[] = [];
      for (const i of [1, 2]) {
        const run = await gomapcheck(['--depth', '2', '--target', 'hmap', '--shard', `${i}/2`]);
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ format: 'gomapcheck-shard', shard: { index: i, count: 2 } });
        files.push(join(dir, `part${i}.json`));
        writeFileSync(files.at(-1)!, run.stdout);
      }
      const merged = await gomapcheck(['merge', ...files, '--json', '--no-write']);
      const one = await gomapcheck(['--depth', '2', '--target', 'hmap', '--json', '--no-write']);
      expect(merged.code).toBe(0);
      const strip = (text: string) => {
        const r = JSON.parse(text);
        for (const t of r.targets) [t.seconds, t.peakMemoryMiB] = [0, 0];
        return r;
      };
      expect(strip(merged.stdout)).toEqual(strip(one.stdout));
      const missing = await gomapcheck(['merge', files[0]!]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe('gomapcheck: shards missing: 2/2 (a merge needs all 2)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a slice that does not exist, and a merge of nothing, in one line', async () => {
    const bad = await gomapcheck(['--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gomapcheck: --shard must be i/n with 1 ≤ i ≤ n ≤ 64, e.g. 2/4 (got "3/2")\n');
    const none = await gomapcheck(['merge']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('gomapcheck: merge: give the partial reports to merge (gomapcheck merge part1.json part2.json ...)\n');
  });

  it('explains merge with --help, as the check explains itself, in the check\'s words for the options they share', async () => {
    // An option's description as commander's help lists it: '  <flags>  <description>'.
    const described = (help: string, flags: string) => new RegExp(`^  ${flags}  +(\\S.*)$`, 'm').exec(help)?.[1];
    const check = await gomapcheck(['--help']);
    for (const flag of ['--help', '-h']) {
      const r = await gomapcheck(['merge', flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: gomapcheck merge <partial reports\.\.\.> \[options\]\n/);
      expect(r.stdout).toContain('Merges the partial reports that `gomapcheck --shard i/n` printed');
      for (const option of ['--json', '--traces <dir>', '--no-write', '-h, --help']) {
        expect(described(r.stdout, option), option).toBeDefined();
        expect(described(r.stdout, option), option).toBe(described(check.stdout, option));
      }
    }
  });
});

describe('gomapcheck --workers', () => {
  it('splits the search over threads and prints the report one thread prints', async () => {
    const strip = (text: string) => {
      const r = JSON.parse(text);
      for (const t of r.targets) [t.seconds, t.peakMemoryMiB] = [0, 0];
      return r;
    };
    const [two, one] = await Promise.all([
      gomapcheck(['--depth', '3', '--target', 'syncmap', '--workers', '2', '--json', '--no-write']),
      gomapcheck(['--depth', '3', '--target', 'syncmap', '--workers', '1', '--json', '--no-write']),
    ]);
    expect(two.code).toBe(0);
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
  });
});
