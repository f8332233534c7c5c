import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // picks and prints the run's seed once; test/setup.ts applies it in every worker
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // test files share their worker's modules (and its warmed-up JIT): no test keeps global state
    isolate: false,
    testTimeout: 60_000,
  },
});
