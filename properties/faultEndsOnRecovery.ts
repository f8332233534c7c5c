import { WEIGHT_ZERO } from './needs.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { eventsOf, inEveryElection, lagsOf, seconds, stateAt } from './support.ts';
import { masterDownUs, toUs } from './vrrpTimers.ts';
import { healthAt, healthMoments, upAt } from './zeroWeightHealth.ts';

const sec = (us: number) => us / 1e6;

export const faultEndsOnRecovery: Property = {
  name: 'FAULT ends when the trackers recover',
  kind: 'always',
  claim:
    'An instance in FAULT leaves it once every weight-0 tracker is good again: keepalived 2.2.7 the moment the last one recovers (to BACKUP, or MASTER for an owner still starting), 1.2.13 when its FAULT timer next reads the trackers or an advert arrives, within one master-down interval (plus the lags).',
  precondition:
    'An instance in FAULT whose weight-0 trackers all become certainly good, with nothing else happening to its router until the bound.',
  cites:
    '2.2.7 try_up_instance, vrrp_state_leave_fault; 1.2.13 vrrp_fault (VRRP_ISUP at timer expiry and at each packet)',
  partner: 'a router recovers from FAULT',
  advice: 'check that every weight-0 tracker of the router recovers',
  needs: WEIGHT_ZERO,
  holds: inEveryElection((a): Judgement => {
    const lags = lagsOf(a.trace);
    let applicable = false;
    for (const r of a.routers) {
      const points = healthMoments(a, r);
      for (const { from, at: s } of points) {
        // in FAULT just before the change could have come, and certainly good once it has
        if (!upAt(a, r, s) || healthAt(a, r, s) !== 'good' || stateAt(r, sec(from) - 1e-6) !== 'FAULT') continue;
        const bound = a.rules.faultPolled
          ? s + masterDownUs(r.config.base, toUs(r.config.advertInt)) + toUs(lags.wake) + 2 * toUs(lags.jitter) + 1
          : s;
        if (bound > toUs(a.until) || !upAt(a, r, bound)) continue;
        if (eventsOf(a, r.name, sec(s) + 1e-6, sec(bound)).length > 0) continue;
        if (points.some((p) => p.at > s && p.at <= bound && healthAt(a, r, p.at) !== 'good')) continue;
        applicable = true;
        const left = r.state.times.find((t, i) => toUs(t) >= from && toUs(t) <= bound && r.state.values[i] !== 'FAULT');
        if (left === undefined) {
          return {
            holds: false,
            at: sec(bound),
            message: `every weight-0 tracker of ${r.name} is good again at ${seconds(sec(s))}, yet it is still in FAULT at ${seconds(sec(bound))}`,
          };
        }
      }
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
