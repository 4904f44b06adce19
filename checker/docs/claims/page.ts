import { GENERATED } from '../hmap-page.js';
import type { Claim } from './types.js';

/** docs/claims.md: a verdict table, then each claim with its exact condition and evidence. */
export function claimsPage(claims: Claim[]): string {
  const sorted = [...claims].sort((a, b) => a.n - b.n);
  const lines = [GENERATED, '', '# Claims from the field, checked', '',
    'Each claim below is put to the checker. A claim that fails gets a minimal witness (a replayable trace and its diagram, under `docs/claims/`); one that holds gets the exhaustive run that shows it, with its bounds and counts; a claim about constants gets a sequential program run through the spec with Go\'s real constants. Everything on this page is produced by `npm run docs`.', '',
    '| # | claim | verdict |', '|---:|---|---|',
    ...sorted.map((c) => `| [${c.n}](#claim-${c.n}) | ${c.text.replace(/\|/g, '\\|')} | **${c.verdict}** |`), ''];
  for (const c of sorted) {
    lines.push(`<a id="claim-${c.n}"></a>`, `## ${c.n}. ${c.text}`, '', `**Verdict: ${c.verdict}.** ${c.condition}`, '', ...c.evidence, '');
  }
  return `${lines.join('\n')}\n`;
}
