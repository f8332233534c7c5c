import { WEIGHT_ZERO } from './needs.ts';
import { type Judgement, type Property, WITNESSED } from './property.ts';
import { inSomeElection } from './support.ts';

export const routerRecoversFromFault: Property = {
  name: 'a router recovers from FAULT',
  kind: 'sometimes',
  claim: 'An instance in FAULT leaves it for BACKUP or MASTER.',
  precondition: 'Witnessed by at least one generated run.',
  needs: WEIGHT_ZERO,
  holds: inSomeElection(
    (a): Judgement =>
      a.routers.some((r) =>
        r.state.values.some((v, i) => i > 0 && r.state.values[i - 1] === 'FAULT' && v !== 'STOPPED'),
      )
        ? WITNESSED
        : { holds: false, at: 0, message: 'no instance left FAULT' },
  ),
};
