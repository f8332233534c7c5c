import { defineConfig } from 'vitest/config';

// the live conform tests time real keepalived daemons: they run after everything else, one file at
// a time, so that no CPU-heavy test (the exhaustive search, the fuzz suite) runs beside them
const live = ['test/conform/live.test.ts', 'test/conform/liveTrust.test.ts'];

export default defineConfig({
  test: {
    // picks and prints the run's seed once; test/setup.ts applies it in every worker
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // test files share their worker's modules (and its warmed-up JIT): no test keeps global state
    isolate: false,
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'model', include: ['test/**/*.test.ts'], exclude: live, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'live', include: live, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
