import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { advertisedPriorityFollowsTrackers } from '../../properties/advertisedPriorityFollowsTrackers.ts';
import { runScenario } from '../../src/check.ts';
import { pinned } from '../properties/suite.ts';

// Found by "the advertised priority follows the trackers" (issue 14's independent oracle), seed 33:
// at 104.0204 s A's script turns good (23 → 40) and 2.2.7's vrrp_set_effective_priority moves A's
// master-down deadline back by the shorter skew, to 104.019758 s: before now. The world fired it
// there, so the trace went back in time and A's advert at 40 was dated before the script run that
// raised it. keepalived's scheduler runs a timer already due at once, at now: so does the world.
describe('model bug (fixed): a moved master-down deadline in the past', () => {
  const scenario = pinned('model-bugs/deadline-in-the-past.keepalived-2.2.json');
  const { trace } = runScenario(scenario, 'keepalived-2.2', createStepper());

  it('the trace runs forward in time', () => {
    const backwards = trace.entries.findIndex((e, i) => i > 0 && e.t < (trace.entries[i - 1]?.t ?? 0));
    expect(backwards).toBe(-1);
  });

  it('the deadline moved into the past fires at the script run that moved it', () => {
    const raised = trace.entries.find((e) => e.kind === 'priority' && e.router === 'A' && e.from === 23 && e.to === 40);
    expect(raised).toBeDefined();
    const next = trace.entries.find((e) => e.kind === 'advert' && e.router === 'A' && e.t >= (raised?.t ?? 0));
    expect(next?.t).toBe(raised?.t);
  });

  it('so the advert is dated at or after the run that raised its priority (the claim that found it)', () => {
    expect(advertisedPriorityFollowsTrackers.holds(trace).holds).toBe(true);
  });
});
