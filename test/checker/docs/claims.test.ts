import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hmapClaims } from '../../../checker/docs/claims/hmap-claims.js';
import { claimsPage } from '../../../checker/docs/claims/page.js';
import { replayFile } from '../../../checker/replay/replay.js';

const docs = mkdtempSync(join(tmpdir(), 'gomapcheck-claims-'));
afterAll(() => rmSync(docs, { recursive: true, force: true }));
const claims = hmapClaims(join(docs, 'claims'), docs);

describe('the plain-map claims', () => {
  it('judges claims 1-5 as the checker finds them', () => {
    expect(claims.map((c) => [c.n, c.verdict])).toEqual([[1, 'wrong'], [2, 'holds'], [3, 'wrong'], [4, 'partly right'], [5, 'wrong']]);
  });

  it('backs every claim with a witness that replays to what the page says', () => {
    for (const c of claims.filter((x) => x.n !== 4)) {
      const link = /\(claims\/([^)]+\.json)\)/.exec(c.evidence.join('\n'));
      expect(link, `claim ${c.n} links a trace`).not.toBeNull();
      const r = replayFile(join(docs, 'claims', link![1]!));
      if (!r.ok) throw new Error(r.error);
      expect(r.result.kind).toBe('same');
    }
  });

  it('finds a silent outcome for two writers (claim 1) and an undetected read (claim 5)', () => {
    const outcome = (n: number): string => {
      const file = /\(claims\/([^)]+\.json)\)/.exec(claims.find((c) => c.n === n)!.evidence.join('\n'))![1]!;
      return JSON.parse(readFileSync(join(docs, 'claims', file), 'utf8')).outcome;
    };
    expect(outcome(1)).not.toMatch(/^fatal: |^ok$/);
    expect(outcome(5)).toBe('nonlinearizable');
  });

  it('shows the thresholds with Go constants: B grows at the 9th, 14th and 27th key', () => {
    expect(claims.find((c) => c.n === 4)!.evidence[0]).toMatch(/insert 9 \(B 0→1, count 9\), 14 \(B 1→2, count 14\), 27 \(B 2→3, count 27\)/);
  });

  it('puts a verdict table first and a section per claim', () => {
    const page = claimsPage(claims);
    for (const c of claims) {
      expect(page).toContain(`| [${c.n}](#claim-${c.n}) |`);
      expect(page).toContain(`## ${c.n}. `);
    }
  });
});
