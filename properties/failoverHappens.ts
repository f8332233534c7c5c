import type { Judgement, Property } from './property.ts';
import { inSomeElection, stateAt } from './support.ts';

export const failoverHappens: Property = {
  name: 'failover happens',
  kind: 'sometimes',
  claim: 'A MASTER is stopped, killed, cut off or fails, and another router becomes MASTER afterwards.',
  precondition: 'Witnessed by at least one generated run.',
  holds: inSomeElection((a): Judgement => {
    for (const event of a.events) {
      if (!['stop', 'kill', 'fail', 'linkdown', 'cut', 'isolate'].includes(event.do)) continue;
      const victim = a.routers.find((r) => r.name === event.router);
      if (victim === undefined || stateAt(victim, event.t) !== 'MASTER') continue;
      const other = a.routers.find(
        (r) => r !== victim && r.state.times.some((t, i) => t > event.t && r.state.values[i] === 'MASTER'),
      );
      if (other !== undefined) return { holds: true, applicable: true };
    }
    return { holds: false, at: 0, message: 'no failover in this run' };
  }, 'judged'),
};
