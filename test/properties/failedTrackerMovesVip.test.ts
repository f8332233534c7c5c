import { describe, expect, it } from 'vitest';
import { failedTrackerMovesVip } from '../../properties/failedTrackerMovesVip.ts';
import { trackerFailureMovesVip } from '../../properties/trackerFailureMovesVip.ts';
import { brokenStepper, explain, judgePinned, verdict, weightZero } from './suite.ts';

// a keepalived that never enters FAULT
const neverFaults = brokenStepper({
  guards: { 'a weight-0 tracker goes down': () => false, 'instance is up': () => true },
});

describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)('a failed tracker moves the VIP (%s)', (profile) => {
  it('fails on the model, as expected: weights not larger than the priority gap', () => {
    const v = verdict(failedTrackerMovesVip, profile, { search: true });
    expect(v.status, explain(v)).toBe('fails');
    expect(v.met).toBe(true);
  });

  it('the pinned counterexample says why the VIP did not move', () => {
    const { judgement } = judgePinned(failedTrackerMovesVip, `a-failed-tracker-moves-the-vip.${profile}.json`);
    expect(judgement.holds).toBe(false);
    // the shortest counterexamples: a +1 weight against a gap of 1 (1.2.13), an address owner (2.2.7)
    const why = {
      'keepalived-1.2': /went from 41 to 40 \(weight 1\), not below B's 40.* \(\|weight\| ≥ 2\)/,
      'keepalived-2.2': /A is the address owner \(priority 255\): keepalived never changes an owner's priority/,
    }[profile];
    if (!judgement.holds) expect(judgement.message).toMatch(why);
  });

  it('holds when every tracker has weight 0 (failure means FAULT)', () => {
    const v = verdict(failedTrackerMovesVip, profile, { source: weightZero });
    expect(v.status, explain(v)).toBe('holds');
  });

  it('catches a keepalived that never enters FAULT, even with weight 0', () => {
    const v = verdict(failedTrackerMovesVip, profile, { source: weightZero, stepper: neverFaults, search: true });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('its partner is witnessed, and is not when nothing ever faults or moves', () => {
    expect(verdict(trackerFailureMovesVip, profile).status).toBe('witnessed');
    expect(
      verdict(trackerFailureMovesVip, profile, { source: weightZero, stepper: neverFaults, runs: 300 }).status,
    ).toBe('not-witnessed');
  });
});
