import { type Judgement, type Property, WITNESSED } from './property.ts';
import { resignations } from './resigningMasterReplaced.ts';
import { inSomeElection } from './support.ts';
import { firstStepUp } from './takeoverTiming.ts';

export const masterResigns: Property = {
  name: 'a master resigns',
  kind: 'sometimes',
  claim: 'A settled MASTER sends an advert of priority 0 (it stops, or enters FAULT) and a backup takes over.',
  precondition: 'Witnessed by at least one generated run.',
  holds: inSomeElection(
    (a): Judgement =>
      resignations(a).some((t) => firstStepUp(a, t) !== undefined)
        ? WITNESSED
        : { holds: false, at: 0, message: 'no settled master resigned' },
  ),
};
