import { PREEMPTION } from './needs.ts';
import type { Judgement, Property } from './property.ts';
import { expectedAt, healthyAt, inSomeElection, runningAt, stateAt, US } from './support.ts';

export const preemptionHappens: Property = {
  name: 'preemption happens',
  kind: 'sometimes',
  claim: 'A BACKUP with a higher priority takes over from a MASTER that is still running and healthy.',
  precondition: 'Witnessed by at least one generated run.',
  needs: PREEMPTION,
  holds: inSomeElection((a): Judgement => {
    for (const winner of a.routers) {
      for (let i = 0; i < winner.state.times.length; i++) {
        const t = winner.state.times[i] as number;
        // 1.2.13's master yields to the "Transition" advert; 2.2.7's to the new master's first advert
        if (winner.state.values[i] !== 'MASTER' && winner.state.values[i] !== 'TRANSITION') continue;
        const displaced = a.routers.some(
          (r) =>
            r !== winner &&
            stateAt(r, t - US) === 'MASTER' &&
            stateAt(r, t) !== 'MASTER' &&
            runningAt(r, t) &&
            healthyAt(r, t) &&
            (expectedAt(a, r, t - US) ?? 256) < (expectedAt(a, winner, t - US) ?? 0),
        );
        if (displaced) return { holds: true, applicable: true };
      }
    }
    return { holds: false, at: 0, message: 'no preemption in this run' };
  }),
};
