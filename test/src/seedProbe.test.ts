import fc from 'fast-check';
import { expect, it } from 'vitest';

// Spawned on its own by ciSeed.test.ts, and run in the suite like any file.
it("every test file runs with the run's one seed", () => {
  const seed = Number(process.env.VRRP_SEED);
  expect(Number.isSafeInteger(seed)).toBe(true);
  expect(fc.readConfigureGlobal().seed).toBe(seed);
});
