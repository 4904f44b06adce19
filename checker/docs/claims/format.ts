import { formatCount } from '../../report/numbers.js';

/** '203 `fatal: concurrent map writes`, 9 `ok`': end states per outcome class, classes in code-unit order. */
export function outcomeCounts(outcomes: ReadonlyMap<string, number>): string {
  return [...outcomes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${formatCount(n)} \`${c}\``).join(', ');
}
