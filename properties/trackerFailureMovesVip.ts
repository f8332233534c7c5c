import { trackerFailures } from './failedTrackerMovesVip.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection, vipAt } from './support.ts';
import { scriptFailureOutcomes } from './trackerGap.ts';

export const trackerFailureMovesVip: Property = {
  name: 'a tracker failure moves the VIP',
  kind: 'sometimes',
  claim: "The MASTER's tracked script fails and the VIP moves to a backup.",
  precondition: 'Witnessed by at least one generated run.',
  needs: {
    what: 'a tracked script whose failure can take its router below a healthy peer (weight larger than the gap, or 0)',
    met: (trace) => scriptFailureOutcomes(trace).moves,
  },
  holds: inSomeElection((a): Judgement => {
    for (const failure of trackerFailures(a)) {
      const moved = a.routers.some((r) => r !== failure.master && vipAt(r, failure.by));
      if (moved && !vipAt(failure.master, failure.by)) return { holds: true, applicable: true };
    }
    return { holds: false, at: 0, message: 'no tracker failure moved the VIP' };
  }),
};
