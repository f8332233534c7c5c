import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import { MIN_APPLICABLE } from '../../src/check.ts';
import { suiteVerdicts } from '../../src/docs/suiteVerdicts.ts';
import { explain, RUNS, SEED } from './suite.ts';

// the docs' check (src/docs/suiteVerdicts.ts) with this run's seed: every claim of each version
describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
  'the whole suite on the model (%s)',
  (profile: ProfileName) => {
    const properties = allProperties.filter((p) => p.versions?.includes(profile) ?? true);
    const verdicts = suiteVerdicts(properties, profile, RUNS, SEED);

    it(`every claim holds with at least ${MIN_APPLICABLE} applicable runs`, () => {
      const claims = verdicts.filter((v) => v.kind !== 'sometimes');
      expect(claims.length).toBeGreaterThanOrEqual(17);
      for (const v of claims) {
        expect(v.status, explain(v)).toBe('holds');
        expect(v.applicable).toBeGreaterThanOrEqual(MIN_APPLICABLE);
      }
    });

    it('every witness and every pitfall of this version is seen', () => {
      for (const v of verdicts.filter((x) => x.kind === 'sometimes')) expect(v.status, explain(v)).toBe('witnessed');
    });
  },
);
