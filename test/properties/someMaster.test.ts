import { describe, expect, it } from 'vitest';
import { aMasterIsElected } from '../../properties/aMasterIsElected.ts';
import { someMaster } from '../../properties/someMaster.ts';
import { explain, held, timersNeverFire, verdict } from './suite.ts';

describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)('some master (%s)', (profile) => {
  it('holds on the model', () => {
    const v = verdict(someMaster, profile);
    expect(held(v), explain(v)).toBe(true);
  });

  it('catches a keepalived whose timers never fire (no master is ever elected)', () => {
    const v = verdict(someMaster, profile, { stepper: timersNeverFire, search: true });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('its partner "a master is elected" is witnessed, and is not when timers never fire', () => {
    expect(verdict(aMasterIsElected, profile).status).toBe('witnessed');
    expect(verdict(aMasterIsElected, profile, { stepper: timersNeverFire, runs: 300 }).status).toBe('not-witnessed');
  });
});
