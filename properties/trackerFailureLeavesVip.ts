import { trackerFailures, whyItStayed } from './failedTrackerMovesVip.ts';
import type { Judgement, Property } from './property.ts';
import { inSomeElection, stateAt, vipAt } from './support.ts';
import { scriptFailureOutcomes } from './trackerGap.ts';
import { OWNER } from './vrrpTimers.ts';

export const trackerFailureLeavesVip: Property = {
  name: 'a tracker failure leaves the VIP where it is',
  kind: 'sometimes',
  claim:
    "The MASTER's tracked script fails, yet it keeps the VIP although a healthy backup is there: its weight is not larger than the priority gap (a backup preempts only a strictly lower priority), or it is the address owner, whose priority never changes. The most common keepalived mistake.",
  precondition: 'Witnessed by at least one generated run.',
  cites: 'keepalived.conf(5) track_script weight; RFC 3768 §6.4.2',
  needs: {
    what: 'a tracked script with a weight not larger than the gap to a healthy peer (or on the address owner)',
    met: (trace) => scriptFailureOutcomes(trace).stays,
  },
  pitfall: {
    kind: 'mistake',
    advice:
      'make |weight| larger than the gap between the priorities (the master must drop strictly below the best backup), or use weight 0 so that a failure means FAULT',
  },
  holds: inSomeElection((a): Judgement => {
    for (const f of trackerFailures(a)) {
      if (f.mustMove || (f.best === undefined && f.before !== OWNER)) continue;
      if (vipAt(f.master, f.by) && stateAt(f.master, f.by) === 'MASTER') {
        return { holds: true, applicable: true, at: f.by, message: whyItStayed(f) };
      }
    }
    return { holds: false, at: 0, message: 'no tracker failure left the VIP in place' };
  }),
};
