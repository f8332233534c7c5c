import { randomInt } from 'node:crypto';

/**
 * Runs once, before the test files: picks the run's seed when VRRP_SEED is not given, prints it
 * first, and hands it to every test worker through the environment (test/setup.ts reads it).
 */
export default function globalSetup(): void {
  // each vitest project runs the global setup: the seed is printed by the first
  const raw = process.env.VRRP_SEED;
  if (raw !== undefined && process.env.VRRP_SEED_PRINTED === raw) return;
  if (raw !== undefined && raw !== '') {
    const seed = Number(raw);
    if (!Number.isSafeInteger(seed)) throw new Error(`VRRP_SEED must be an integer, got ${JSON.stringify(raw)}`);
    process.stdout.write(`VRRP_SEED=${seed}\n`);
    process.env.VRRP_SEED_PRINTED = raw;
    return;
  }
  // the range .ci/run draws from: a 31-bit seed, as fast-check's own are
  const seed = randomInt(0, 2_147_483_647);
  process.env.VRRP_SEED = String(seed);
  process.env.VRRP_SEED_PRINTED = String(seed);
  process.stdout.write(`VRRP_SEED=${seed} (random)\n`);
}
