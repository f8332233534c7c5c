import { PREEMPT_DELAY } from './needs.ts';
import { delayedPreemptions } from './preemptDelayWaited.ts';
import { type Judgement, type Property, WITNESSED } from './property.ts';
import { inSomeElection } from './support.ts';

export const delayedPreemptionHappens: Property = {
  name: 'a delayed preemption happens',
  kind: 'sometimes',
  claim: 'A router with a preempt_delay displaces a running master of a lower priority.',
  precondition: 'Witnessed by at least one generated run.',
  needs: PREEMPT_DELAY,
  holds: inSomeElection(
    (a): Judgement =>
      delayedPreemptions(a).length > 0 ? WITNESSED : { holds: false, at: 0, message: 'no delayed preemption' },
  ),
};
