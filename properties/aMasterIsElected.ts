import type { Judgement, Property } from './property.ts';
import { inSomeElection } from './support.ts';

export const aMasterIsElected: Property = {
  name: 'a master is elected',
  kind: 'sometimes',
  claim: 'With two or more routers running, one of them becomes MASTER.',
  precondition: 'Witnessed by at least one generated run.',
  holds: inSomeElection((a): Judgement => {
    const started = a.routers.filter((r) => r.running.values.includes(true));
    const elected = a.routers.some((r) => r.state.values.includes('MASTER'));
    return started.length >= 2 && elected
      ? { holds: true, applicable: true }
      : { holds: false, at: 0, message: 'no election' };
  }, 'judged'),
};
