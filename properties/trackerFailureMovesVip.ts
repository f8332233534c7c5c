import { trackerFailures } from './failedTrackerMovesVip.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection, vipAt } from './support.ts';

export const trackerFailureMovesVip: Property = {
  name: 'a tracker failure moves the VIP',
  kind: 'sometimes',
  claim: "The MASTER's tracked script fails and the VIP moves to a backup.",
  precondition: 'Witnessed by at least one generated run.',
  expected: { 'keepalived-1.2': 'holds', 'keepalived-2.2': 'holds' },
  holds: inSomeElection((a): Judgement => {
    for (const failure of trackerFailures(a)) {
      const moved = a.routers.some((r) => r.name !== failure.router && vipAt(r, failure.by));
      const master = a.routers.find((r) => r.name === failure.router);
      if (moved && master !== undefined && !vipAt(master, failure.by)) return { holds: true, applicable: true };
    }
    return { holds: false, at: 0, message: 'no tracker failure moved the VIP' };
  }),
};
