import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { advertisedPriorityFollowsTrackers } from '../../properties/advertisedPriorityFollowsTrackers.ts';
import { runScenario } from '../../src/check.ts';
import { pinned } from '../properties/suite.ts';

// Found by "the advertised priority follows the trackers" (issue 14's independent oracle), seed 33:
// at 104.0204 s A's script turns good (23 → 40) and 2.2.7's 'update effective priority and move
// deadline' moves A's master-down deadline by the shorter skew, to 104.019758 s: before now. The
// world fires it there, so the trace goes back in time and A's advert at 40 is dated before the
// script run that raised it. keepalived fires a timer already due at once, at now
// (vrrp_set_effective_priority, then the timerfd of the scheduler): the model should clamp the
// moved deadline to the current time. About 1 generated 2.2.7 run in 3,000.
describe('known model bug: a moved master-down deadline in the past', () => {
  const scenario = pinned('known-model-bug-deadline-in-the-past.keepalived-2.2.json');
  const { trace } = runScenario(scenario, 'keepalived-2.2', createStepper());

  it.fails('the trace runs forward in time (fails until the model clamps the deadline to now)', () => {
    const backwards = trace.entries.findIndex((e, i) => i > 0 && e.t < (trace.entries[i - 1]?.t ?? 0));
    expect(backwards).toBe(-1);
  });

  it.fails('so the advert is dated after the run that raised its priority (the claim that found it)', () => {
    expect(advertisedPriorityFollowsTrackers.holds(trace).holds).toBe(true);
  });
});
