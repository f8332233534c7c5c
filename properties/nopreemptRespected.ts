import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import {
  checkpoints,
  connectedAt,
  type Election,
  eventsOf,
  healthyAt,
  inEveryElection,
  mastersAt,
  priorityAt,
  runningAt,
  seconds,
  stateAt,
} from './support.ts';

const US = 1e-6;

/** Routers whose keepalived.conf says `nopreempt`, whatever the version made of it. */
export function nopreemptRouters(a: Election): InstanceTimeline[] {
  return a.routers.filter((r) => r.config.written.nopreempt);
}

/** The router was running, connected and healthy through [from, to]. */
export function steadyThrough(r: InstanceTimeline, from: number, to: number): boolean {
  if (!runningAt(r, from) || !connectedAt(r, from) || !healthyAt(r, from)) return false;
  return ![r.running, r.connected, r.healthy].some((steps) => steps.times.some((t) => t > from && t <= to));
}

/** A running, connected nopreempt router had a higher priority than a healthy MASTER at some moment. */
export function nopreemptOutranksMaster(a: Election): boolean {
  const candidates = nopreemptRouters(a);
  return checkpoints(a, 0, a.until).some((t) =>
    mastersAt(a, t).some(
      (master) =>
        healthyAt(master, t) &&
        candidates.some(
          (b) => b !== master && runningAt(b, t) && connectedAt(b, t) && priorityAt(b, t) > priorityAt(master, t),
        ),
    ),
  );
}

/** The router's link, carrier or partition changed in [from, to]: it may not have heard the master. */
function cutOffWithin(a: Election, router: string, from: number, to: number): boolean {
  const kinds = ['linkdown', 'linkup', 'cut', 'uncut', 'isolate', 'rejoin'];
  return eventsOf(a, router, from, to).some((e) => kinds.includes(e.do));
}

const actsAsMaster = (r: InstanceTimeline, at: number) =>
  stateAt(r, at) === 'MASTER' || stateAt(r, at) === 'TRANSITION';

/** When the router last stepped up to MASTER (or 1.2.13's transition to it), if it acts as master at t. */
function steppedUpAt(r: InstanceTimeline, t: number): number | undefined {
  if (!actsAsMaster(r, t)) return undefined;
  for (let j = r.state.times.length - 1; j >= 0; j--) {
    const s = r.state.times[j] as number;
    if (s <= t && !actsAsMaster(r, s - US)) return s;
  }
  return undefined;
}

export const nopreemptRespected: Property = {
  name: 'nopreempt respected',
  kind: 'always',
  claim: 'A healthy MASTER is not displaced by a router configured with nopreempt, even one with a higher priority.',
  precondition:
    "The MASTER ran, stayed connected and healthy (weight-0 trackers good) for the settle window before it was displaced; the nopreempt router was connected, with no link, carrier or partition change within the settle window (it could hear the master), and stepped up from BACKUP (or from starting) just before, within the time an advert takes to arrive (the scenario's jitter bound, 0 without jitter), yet after the master's first advert had reached it (earlier, the two timed out together: an election, not a preemption).",
  partner: 'a nopreempt router outranks a healthy master',
  expected: { 'keepalived-1.2': 'fails', 'keepalived-2.2': 'fails' },
  why: 'Both versions ignore nopreempt on a router configured `state MASTER`: 2.2.7 clears it with a warning at start-up; 1.2.13 starts such a router in GOTO_MASTER, which takes over on the first advert it hears if its base priority is higher.',
  holds: inEveryElection((a): Judgement => {
    const window = a.settleWindow;
    const candidates = nopreemptRouters(a);
    if (candidates.length === 0) return NOT_APPLICABLE;
    const bound = a.deliveryBound;
    for (const master of a.routers) {
      for (let i = 1; i < master.state.times.length; i++) {
        const t = master.state.times[i] as number;
        if (master.state.values[i] === 'MASTER' || master.state.values[i - 1] !== 'MASTER') continue;
        if (!steadyThrough(master, t - window, t)) continue;
        const masterSince = master.state.times[i - 1] as number;
        // the taker stepped up at most one delivery before the master heard it (at t), and after the
        // master's first advert reached it: one that stepped up earlier timed out together with the
        // master (an election), and one that was already MASTER (on its side of a healed partition)
        // merges with it (not a preemption)
        const taker = candidates.find((b) => {
          if (b === master || !connectedAt(b, t) || cutOffWithin(a, b.name, t - window, t)) return false;
          const s = steppedUpAt(b, t);
          return s !== undefined && t - s <= bound && s - masterSince > bound;
        });
        if (taker === undefined) continue;
        const written = taker.config.written.state;
        return {
          holds: false,
          at: t,
          message: `${taker.name} is configured nopreempt${written === 'MASTER' ? ' with state MASTER' : ''}, yet it took over from ${master.name}, a healthy MASTER, at ${seconds(t)} (priority ${priorityAt(taker, t)} against ${priorityAt(master, t - US)})`,
        };
      }
    }
    // applicable when a nopreempt router did outrank a healthy master at some point
    return nopreemptOutranksMaster(a) ? HOLDS : NOT_APPLICABLE;
  }),
};
