import { describe, expect, it } from 'vitest';
import { failoverHappens } from '../../properties/failoverHappens.ts';
import { singleMaster } from '../../properties/singleMaster.ts';
import { brokenStepper, explain, held, timersNeverFire, verdict } from './suite.ts';

// a keepalived whose masters never yield to a better advert
const mastersNeverYield = brokenStepper({ guards: { 'advert is from a better router': () => false } });

describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)('single master (%s)', (profile) => {
  it('holds on the model', () => {
    const v = verdict(singleMaster, profile);
    expect(held(v), explain(v)).toBe(true);
    expect(v.applicable).toBeGreaterThan(0);
  });

  it('catches masters that never yield to a better advert', () => {
    const v = verdict(singleMaster, profile, { stepper: mastersNeverYield, search: true });
    expect(v.status, explain(v)).toBe('fails');
    expect(v.example?.judgement.holds).toBe(false);
  });

  it('its partner "failover happens" is witnessed', () => {
    expect(verdict(failoverHappens, profile).status).toBe('witnessed');
  });

  it('"failover happens" is never witnessed when no timer ever fires', () => {
    expect(verdict(failoverHappens, profile, { stepper: timersNeverFire, runs: 300 }).status).toBe('not-witnessed');
  });
});
