/** Numbers as every report, page and bench line writes them: grouped digits, and a count with its noun. */

/**
 * 1234567 → '1,234,567'. Not toLocaleString: its output depends on the machine's locale and ICU,
 * and this text is compared in tests and diffed between runs.
 */
export function formatCount(n: number | bigint): string {
  // bigint for counts past 2^53 (the naive interleaving counts of the benchmark).
  const negative = n < 0;
  const digits = typeof n === 'bigint' ? (negative ? -n : n).toString() : String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** A count and its noun: '1 preemption', '2 preemptions', '1,500 states' (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
