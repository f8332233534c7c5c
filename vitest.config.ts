import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    // test files share their worker's modules (and its warmed-up JIT): no test keeps global state
    isolate: false,
    testTimeout: 60_000,
  },
});
