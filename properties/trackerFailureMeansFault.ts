import { WEIGHT_ZERO } from './needs.ts';
import { type Judgement, type Property, WITNESSED } from './property.ts';
import { inSomeElection } from './support.ts';

export const trackerFailureMeansFault: Property = {
  name: 'a tracker failure means FAULT',
  kind: 'sometimes',
  claim: 'A running instance enters FAULT.',
  precondition: 'Witnessed by at least one generated run.',
  needs: WEIGHT_ZERO,
  holds: inSomeElection(
    (a): Judgement =>
      a.routers.some((r) => r.state.values.includes('FAULT'))
        ? WITNESSED
        : { holds: false, at: 0, message: 'no instance entered FAULT' },
  ),
};
