/** `npm run derive-liveness` refuses arguments before it starts minutes of searches and rewrites the tables. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../checker/liveness/main.ts', import.meta.url));

describe('derive-liveness', () => {
  it.each(['--help', '--bogus'])('refuses %s in one line with exit 2, writing nothing', (arg) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, arg], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`derive-liveness: takes no arguments (got "${arg}"); it rewrites spec/hmap/live-locals.ts and spec/syncmap/live-locals.ts\n`);
  }, 60_000);
});
