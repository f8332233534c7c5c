import { WEIGHTED } from './needs.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection, onlyFor, seconds } from './support.ts';
import { firstAdverts } from './weightsCountFromFirstAdvert.ts';

export const firstAdvertIgnoresTrackers: Property = {
  name: 'a first advert ignores the trackers',
  kind: 'sometimes',
  claim:
    "keepalived 1.2.13 (the seed article): a router's first advert, sent before its first priority tick, carries its base priority although its trackers call for another. A `state MASTER` router says 'Transition to MASTER' at its base priority, is bounced back by a peer, and only then wins with its weights: one extra election, and a window in which a worse router can win.",
  precondition: 'Witnessed by at least one generated run.',
  cites: '1.2.13 vrrp_update_priority, vrrp_state_goto_master',
  versions: ['keepalived-1.2'],
  needs: WEIGHTED,
  pitfall: {
    kind: 'behaviour',
    advice:
      'do not count on the weights in the first advert_int after a start (a `state MASTER` router, or a backup forcing an election, advertises its base priority then); keepalived 2.x applies them at once',
  },
  holds: onlyFor(
    ['keepalived-1.2'],
    inSomeElection((a): Judgement => {
      const x = firstAdverts(a).find((f) => f.priority === f.base && f.tracked !== undefined && f.tracked !== f.base);
      return x === undefined
        ? { holds: false, at: 0, message: 'no first advert ignored the trackers' }
        : {
            holds: true,
            applicable: true,
            at: x.at,
            message: `${x.router} started at ${seconds(x.startedAt)} and sent its first advert at ${seconds(x.at)} with its base priority ${x.base}, before its first priority tick; its trackers call for ${x.tracked}`,
          };
    }),
    'sometimes',
  ),
};
