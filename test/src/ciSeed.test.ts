import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

// issue 13: `CI=true npm test` failed on every file ("Missing env variable VRRP_SEED in CI context")
it('CI=true without VRRP_SEED: a random seed, printed once before the tests, reaches every file', () => {
  const { VRRP_SEED: _seed, ...env } = process.env;
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/src/seedProbe.test.ts', '--reporter=verbose'],
    { cwd: ROOT, env: { ...env, CI: 'true', NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 },
  );
  expect(result.status).toBe(0);
  const seeds = result.stdout.split('\n').filter((line) => /VRRP_SEED=/.test(line));
  expect(seeds).toHaveLength(1);
  expect(seeds[0]).toMatch(/^VRRP_SEED=\d+ \(random\)$/);
  // nothing of the tests comes before it
  expect(result.stdout.indexOf('VRRP_SEED=')).toBeLessThan(result.stdout.indexOf('seedProbe'));
}, 60_000);
