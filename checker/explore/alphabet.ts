/**
 * Scenarios of at most `depth` operations in total over `goroutines` goroutines, for an alphabet
 * of `alphabetSize` operations: for each total n ≥ 1, A^n programs times the ways to cut them
 * into G ordered (possibly empty) lists.
 */
export function scenarioCount(depth: number, goroutines: number, alphabetSize: number): number {
  let total = 0;
  for (let n = 1; n <= depth; n++) total += alphabetSize ** n * binomial(n + goroutines - 1, goroutines - 1);
  return total;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
