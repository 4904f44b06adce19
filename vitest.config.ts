import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The 2-core CI machine: exhaustive checks are CPU-bound, so two forks at most.
    maxWorkers: 2,
    testTimeout: 120_000,
    // beforeAll hooks run whole checker processes (e2e), which take seconds on a loaded 2-core machine.
    hookTimeout: 120_000,
  },
});
