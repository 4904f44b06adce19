/** `npm run docs` takes --no-svg and nothing else: another flag is refused before any page is written. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../checker/docs/main.ts', import.meta.url));

describe('npm run docs', () => {
  it('refuses an unknown flag in one line with exit 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--no-svg', '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('gomapcheck: npm run docs takes only --no-svg (got "--bogus")\n');
  }, 60_000);
});
