import { NOPREEMPT_BACKUP } from './needs.ts';
import { nopreemptBackups, nopreemptOutranksMaster } from './nopreemptRespected.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection } from './support.ts';

export const nopreemptRouterOutranksMaster: Property = {
  name: 'a nopreempt router outranks a healthy master',
  kind: 'sometimes',
  claim: 'A running router configured nopreempt and state BACKUP has a higher priority than the healthy MASTER.',
  precondition: 'Witnessed by at least one generated run.',
  needs: NOPREEMPT_BACKUP,
  holds: inSomeElection(
    (a): Judgement =>
      nopreemptOutranksMaster(a, nopreemptBackups(a))
        ? { holds: true, applicable: true }
        : { holds: false, at: 0, message: 'no nopreempt router outranked a healthy master' },
  ),
};
