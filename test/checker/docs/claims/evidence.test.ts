import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneClaimFiles } from '../../../../checker/docs/claims/evidence.js';

const dir = mkdtempSync(join(tmpdir(), 'gomapcheck-prune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pruneClaimFiles', () => {
  it('removes the traces the page no longer links, and nothing else', () => {
    const files = [
      'fatal-concurrent-map-writes-5950635f.json', 'fatal-concurrent-map-writes-5950635f.mmd', 'fatal-concurrent-map-writes-5950635f.svg',
      'fatal-concurrent-map-writes-3c7dca84.json', 'fatal-concurrent-map-writes-3c7dca84.mmd', 'fatal-concurrent-map-writes-3c7dca84.svg',
      'ok-18828d6c.json', 'README.md', 'notes-without-hash.json',
    ];
    for (const f of files) writeFileSync(join(dir, f), '');
    const page = 'Trace: [claims/fatal-concurrent-map-writes-5950635f.json](claims/fatal-concurrent-map-writes-5950635f.json)\n'
      + 'replay: `npm run check -- --replay docs/claims/ok-18828d6c.json`\n';

    expect(pruneClaimFiles(dir, page)).toEqual([
      'fatal-concurrent-map-writes-3c7dca84.json', 'fatal-concurrent-map-writes-3c7dca84.mmd', 'fatal-concurrent-map-writes-3c7dca84.svg',
    ]);
    expect(readdirSync(dir).sort()).toEqual([
      'README.md', 'fatal-concurrent-map-writes-5950635f.json', 'fatal-concurrent-map-writes-5950635f.mmd', 'fatal-concurrent-map-writes-5950635f.svg',
      'notes-without-hash.json', 'ok-18828d6c.json',
    ]);
  });
});
