import fc from 'fast-check';

// One seed for the whole run, chosen and printed once by test/globalSetup.ts (random unless
// VRRP_SEED is given): VRRP_SEED=<seed> reproduces any failure.
const raw = process.env.VRRP_SEED;
const seed = Number(raw);
if (raw === undefined || !Number.isSafeInteger(seed)) {
  throw new Error(`VRRP_SEED must be set to an integer by test/globalSetup.ts, got ${JSON.stringify(raw)}`);
}
fc.configureGlobal({ seed });
