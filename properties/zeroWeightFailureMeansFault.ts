import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { WEIGHT_ZERO } from './needs.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { factAt, routerFacts } from './routerFacts.ts';
import {
  type Election,
  eventsOf,
  inEveryElection,
  lagsOf,
  leftoverVip,
  seconds,
  stateAt,
  stepsUp,
  vipAt,
} from './support.ts';
import { masterDownUs, toUs } from './vrrpTimers.ts';
import { healthAt, healthMoments, upAt } from './zeroWeightHealth.ts';

const sec = (us: number) => us / 1e6;

/** An instance's checkpoints (µs): where its weight-0 trackers, its state or its VIP changed. */
function moments(a: Election, r: InstanceTimeline): number[] {
  const set = new Set(healthMoments(a, r).map((m) => m.at));
  for (const t of [...r.state.times, ...r.vip.times]) set.add(toUs(t));
  return [...set].sort((x, y) => x - y);
}

/** FAULT never holds the VIP (vrrp_state_leave_master, down_instance remove the addresses). */
function faultWithVip(a: Election, r: InstanceTimeline): Judgement | null {
  for (const t of moments(a, r)) {
    if (upAt(a, r, t) && stateAt(r, sec(t)) === 'FAULT' && vipAt(r, sec(t)) && !leftoverVip(a, r, sec(t))) {
      return { holds: false, at: sec(t), message: `${r.name} is in FAULT at ${seconds(sec(t))} but holds the VIP` };
    }
  }
  return null;
}

/** 2.2.7 down_instance: the instance is in FAULT the moment a weight-0 tracker is bad. */
function faultAtOnce(a: Election, r: InstanceTimeline): { judged: boolean; failure: Judgement | null } {
  let judged = false;
  for (const t of moments(a, r)) {
    if (!upAt(a, r, t) || healthAt(a, r, t) !== 'bad') continue;
    judged = true;
    const state = stateAt(r, sec(t));
    if (state !== 'FAULT') {
      return {
        judged,
        failure: {
          holds: false,
          at: sec(t),
          message: `${r.name} has a failed weight-0 tracker at ${seconds(sec(t))} (${badTrackers(a, r, t)}) but is in ${state}, not FAULT`,
        },
      };
    }
  }
  return { judged, failure: null };
}

/**
 * 1.2.13 reads VRRP_ISUP when a timer expires: a MASTER enters FAULT at its next advert timer, a
 * BACKUP whose own interface went down (it no longer hears its master) at its master-down timer.
 */
function faultWhenPolled(a: Election, r: InstanceTimeline): { judged: boolean; failure: Judgement | null } {
  const lags = lagsOf(a.trace);
  // an advert on its way may still arrive (and restart a timer) up to the jitter bound after the failure
  const slack = toUs(lags.wake) + 2 * toUs(lags.jitter) + 1;
  const points = healthMoments(a, r).map((m) => m.at);
  let judged = false;
  let before: string = 'good';
  for (const s of points) {
    const health = healthAt(a, r, s);
    const onset = health === 'bad' && before !== 'bad';
    before = health;
    if (!onset || !upAt(a, r, s)) continue;
    const state = stateAt(r, sec(s));
    const lanDown = !factAt(routerFacts(a.trace).get(r.name)?.links.get(r.config.interface), s, true);
    const advert = toUs(r.config.advertInt);
    let bound: number;
    if (stepsUp(state)) bound = s + advert + toUs(lags.period) + slack;
    else if (state === 'BACKUP' && lanDown) bound = s + masterDownUs(r.config.base, advert) + slack;
    else continue;
    // judged only while nothing else happens to the router and the tracker stays bad
    if (eventsOf(a, r.name, sec(s) + 1e-6, sec(bound)).length > 0 || bound > toUs(a.until)) continue;
    if (points.some((p) => p > s && p <= bound && healthAt(a, r, p) !== 'bad')) continue;
    judged = true;
    const next = r.state.times.findIndex((t) => toUs(t) > s);
    const at = r.state.times[next];
    const to = r.state.values[next];
    if (at === undefined || toUs(at) > bound || to !== 'FAULT') {
      return {
        judged,
        failure: {
          holds: false,
          at: sec(bound),
          message: `${r.name}'s weight-0 tracker failed at ${seconds(sec(s))} (${badTrackers(a, r, s)}) while in ${state}; it should be in FAULT by ${seconds(sec(bound))} (its next ${stepsUp(state) ? 'advert timer' : 'master-down timer'}), but ${at === undefined || toUs(at) > bound ? `is still ${state}` : `went to ${to} at ${seconds(at)}`}`,
        },
      };
    }
  }
  return { judged, failure: null };
}

/** The weight-0 trackers that are bad at t, in words. */
function badTrackers(a: Election, r: InstanceTimeline, tUs: number): string {
  const facts = routerFacts(a.trace).get(r.name);
  return r.config.trackers
    .filter((t) => t.weight === 0)
    .filter((t) => (t.kind === 'interface' ? !factAt(facts?.links.get(t.name), tUs, true) : true))
    .map((t) => `${t.kind === 'interface' ? 'interface' : 'script'} ${t.name}`)
    .join(', ');
}

export const zeroWeightFailureMeansFault: Property = {
  name: 'a failed weight-0 tracker means FAULT',
  kind: 'always',
  claim:
    'An instance whose weight-0 tracker fails (an interface down, a script after `fall` failed runs) enters FAULT, and an instance in FAULT holds no VIP. keepalived 2.2.7 does so the moment the tracker fails; 1.2.13 when a timer next reads the trackers: a MASTER at its next advert (one advert_int, plus the lags), a BACKUP that lost its own interface at its master-down timer.',
  precondition:
    "Every moment a weight-0 tracker is certainly bad (2.2.7), or each failure on a MASTER, or of a BACKUP's own interface (1.2.13), with nothing else happening to the router until the bound; the VIP at every change.",
  cites:
    'keepalived.conf(5) "weight 0 … the instance goes to FAULT state"; 2.2.7 down_instance, vrrp_state_leave_master; 1.2.13 VRRP_ISUP in vrrp_state_master_tx, vrrp_state_backup (timer expiry)',
  partner: 'a tracker failure means FAULT',
  advice: 'use weight 0 only for trackers whose failure must stop the router from serving',
  needs: WEIGHT_ZERO,
  holds: inEveryElection((a): Judgement => {
    let applicable = false;
    for (const r of a.routers) {
      const vip = faultWithVip(a, r);
      if (vip !== null) return vip;
      const { judged, failure } = a.rules.faultPolled ? faultWhenPolled(a, r) : faultAtOnce(a, r);
      if (failure !== null) return failure;
      applicable ||= judged;
    }
    return applicable ? HOLDS : NOT_APPLICABLE;
  }),
};
