/**
 * bin/gomapcheck.mjs, run as it would be once installed: copied into a throwaway
 * node_modules/gomapcheck next to a stand-in main.ts, with tsx beside it, and started from an
 * unrelated directory. The real main.ts is not needed (nor touched) by these tests.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

// Echoes what it was given, then exits with a code or a signal chosen by its first argument.
const STAND_IN_MAIN = `
const args: string[] = process.argv.slice(2);
console.log(JSON.stringify({ args, cwd: process.cwd() }));
if (args[0] === 'signal') process.kill(process.pid, 'SIGTERM');
else process.exitCode = Number(args[0] ?? 0);
`;

let root: string;
let bin: string;
let elsewhere: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gomapcheck-launcher-'));
  const pkg = join(root, 'node_modules', 'gomapcheck');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  mkdirSync(join(pkg, 'checker', 'cli'), { recursive: true });
  bin = join(pkg, 'bin', 'gomapcheck.mjs');
  copyFileSync(join(repo, 'bin', 'gomapcheck.mjs'), bin);
  writeFileSync(join(pkg, 'checker', 'cli', 'main.ts'), STAND_IN_MAIN);
  // Hoisted beside the package, as npm installs dependencies.
  symlinkSync(join(repo, 'node_modules', 'tsx'), join(root, 'node_modules', 'tsx'), 'dir');
  // realpath: the child reports its cwd resolved (macOS's tmpdir is behind a symlink).
  elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'gomapcheck-cwd-')));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

function launch(args: string[], file = bin) {
  return spawnSync(process.execPath, [file, ...args], { cwd: elsewhere, encoding: 'utf8', stdio: 'pipe' });
}

describe('bin/gomapcheck.mjs', () => {
  it('is executable and starts with a node shebang', () => {
    const file = join(repo, 'bin', 'gomapcheck.mjs');
    expect(statSync(file).mode & 0o111).toBe(0o111);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('passes the arguments through unchanged and keeps the working directory', () => {
    const r = launch(['0', '--depth', '6', 'with space']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ args: ['0', '--depth', '6', 'with space'], cwd: elsewhere });
    expect(r.status).toBe(0);
  });

  it("exits with the child's exit code", () => {
    expect(launch(['2']).status).toBe(2);
    expect(launch(['3']).status).toBe(3);
  });

  it("ends with the child's signal", () => {
    const r = launch(['signal']);
    expect(r.signal).toBe('SIGTERM');
  });

  it('says in one line when main.ts is missing', () => {
    const lonely = join(root, 'lonely', 'bin', 'gomapcheck.mjs');
    mkdirSync(join(root, 'lonely', 'bin'), { recursive: true });
    copyFileSync(bin, lonely);
    const r = launch([], lonely);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^gomapcheck: cannot find .*main\.ts.*\n$/);
  });

  it('says in one line when tsx is not installed, instead of a stack trace', () => {
    // A package of its own in a fresh directory: no node_modules up its tree holds tsx.
    const bare = mkdtempSync(join(tmpdir(), 'gomapcheck-bare-'));
    try {
      mkdirSync(join(bare, 'bin'));
      mkdirSync(join(bare, 'checker', 'cli'), { recursive: true });
      copyFileSync(bin, join(bare, 'bin', 'gomapcheck.mjs'));
      writeFileSync(join(bare, 'checker', 'cli', 'main.ts'), STAND_IN_MAIN);
      const r = launch(['0'], join(bare, 'bin', 'gomapcheck.mjs'));
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^gomapcheck: cannot find tsx\b.*npm ci.*\n$/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
