import { describe, expect, it } from 'vitest';
import { failedTrackerMovesVip } from '../../properties/failedTrackerMovesVip.ts';
import { trackerFailureLeavesVip } from '../../properties/trackerFailureLeavesVip.ts';
import { trackerFailureMovesVip } from '../../properties/trackerFailureMovesVip.ts';
import { brokenStepper, explain, held, judgePinned, verdict, weightZero } from './suite.ts';

// a keepalived that never enters FAULT
const neverFaults = brokenStepper({
  guards: { 'a weight-0 tracker goes down': () => false, 'instance is up': () => true },
});

describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)('a failed tracker moves the VIP (%s)', (profile) => {
  it('holds on the model, where the weight is larger than the gap (or 0)', () => {
    const v = verdict(failedTrackerMovesVip, profile);
    expect(held(v), explain(v)).toBe(true);
  });

  it('its pitfall: a weight not larger than the gap leaves the VIP, and the witness says which weight would do', () => {
    expect(verdict(trackerFailureLeavesVip, profile).status).toBe('witnessed');
    const { judgement } = judgePinned(
      trackerFailureLeavesVip,
      `a-tracker-failure-leaves-the-vip-where-it-is.${profile}.json`,
    );
    expect(judgement.holds).toBe(true);
    expect(judgement.message).toMatch(
      /^\w's script chk failed at [\d.]+ s; its priority went from (\d+) to \d+ \(weight -?\d+\), not below \w's \d+, so no backup took over .*\|weight\| must be at least \d+/,
    );
    // on the same run, the claim does not apply: the weight is not larger than the gap
    expect(
      judgePinned(failedTrackerMovesVip, `a-tracker-failure-leaves-the-vip-where-it-is.${profile}.json`).judgement,
    ).toEqual({
      holds: true,
      applicable: false,
    });
  });

  it('holds when every tracker has weight 0 (failure means FAULT)', () => {
    const v = verdict(failedTrackerMovesVip, profile, { source: weightZero });
    expect(held(v), explain(v)).toBe(true);
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
