import fc from 'fast-check';

// One seed for the whole run: VRRP_SEED reproduces any failure; CI must set it (see .ci/run).
const raw = process.env.VRRP_SEED;
if (raw === undefined && process.env.CI) {
  throw new Error('Missing env variable VRRP_SEED in CI context');
}
const seed = raw === undefined ? 42 : Number(raw);
if (!Number.isSafeInteger(seed)) throw new Error(`VRRP_SEED must be an integer, got ${raw}`);
fc.configureGlobal({ seed });
