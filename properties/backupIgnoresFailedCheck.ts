import type { Judgement, Property } from './property.ts';
import { inSomeElection, onlyFor, seconds, stateAt } from './support.ts';
import { masterDownUs, toUs } from './vrrpTimers.ts';
import { healthAt, healthMoments, upAt } from './zeroWeightHealth.ts';

export const backupIgnoresFailedCheck: Property = {
  name: 'a backup with a failed weight-0 check stays BACKUP',
  kind: 'sometimes',
  claim:
    "keepalived 1.2.13: a BACKUP whose weight-0 script (or tracked interface other than its own) fails stays BACKUP, not FAULT, for as long as it hears its master: 1.2.13 reads the weight-0 trackers only when a timer expires, and every advert restarts a backup's timer. Its state (and notify scripts) say it is ready to take over; it goes to FAULT only once the master falls silent.",
  precondition: 'Witnessed by at least one generated run.',
  cites: '1.2.13 vrrp_state_backup (no VRRP_ISUP check on a received advert), vrrp_dispatcher_read',
  versions: ['keepalived-1.2'],
  needs: {
    what: 'a weight-0 tracker other than the instance interface',
    met: (trace) =>
      trace.routers.some((r) =>
        r.instances.some((i) =>
          i.trackers.some((t) => t.weight === 0 && !(t.kind === 'interface' && t.name === i.interface)),
        ),
      ),
  },
  pitfall: {
    kind: 'behaviour',
    advice:
      'do not rely on the BACKUP state (or notify_backup) to mean "healthy" on 1.2.13; keepalived 2.x enters FAULT at once',
  },
  holds: onlyFor(
    ['keepalived-1.2'],
    inSomeElection((a): Judgement => {
      for (const r of a.routers) {
        const wait = masterDownUs(r.config.base, toUs(r.config.advertInt));
        for (const m of healthMoments(a, r)) {
          const s = m.at;
          if (!upAt(a, r, s) || healthAt(a, r, s) !== 'bad' || stateAt(r, s / 1e6) !== 'BACKUP') continue;
          const end = s + 2 * wait;
          if (end > toUs(a.until) || !upAt(a, r, end)) continue;
          const steady = r.state.times.every((t) => toUs(t) <= s || toUs(t) > end);
          const still = healthMoments(a, r).every((n) => n.at <= s || n.at > end || healthAt(a, r, n.at) === 'bad');
          if (steady && still) {
            return {
              holds: true,
              applicable: true,
              at: end / 1e6,
              message: `${r.name}'s weight-0 tracker is failed from ${seconds(s / 1e6)}, yet ${r.name} is still BACKUP at ${seconds(end / 1e6)}, two master-down intervals later: it hears its master, so its timer never expires to read the tracker`,
            };
          }
        }
      }
      return { holds: false, at: 0, message: 'no backup stayed BACKUP with a failed weight-0 tracker' };
    }),
    'sometimes',
  ),
};
