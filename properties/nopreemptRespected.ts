import type { RouterTimeline } from '../src/analysis/analyseTrace.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property, type Run } from './property.ts';
import {
  analysis,
  checkpoints,
  connectedAt,
  deliveryBound,
  healthyAt,
  mastersAt,
  priorityAt,
  runningAt,
  seconds,
  settleWindow,
  stateAt,
} from './support.ts';

const US = 1e-6;

/** Routers whose keepalived.conf says `nopreempt`, whatever the version made of it. */
export function nopreemptRouters(run: Run, a: ReturnType<typeof analysis>): RouterTimeline[] {
  return a.routers.filter((r) =>
    run.cluster.routers.find((spec) => spec.name === r.name)?.instances.some((i) => i.asWritten.nopreempt),
  );
}

/** The router was running, connected and healthy through [from, to]. */
export function steadyThrough(r: RouterTimeline, from: number, to: number): boolean {
  if (!runningAt(r, from) || !connectedAt(r, from) || !healthyAt(r, from)) return false;
  return ![r.running, r.connected, r.healthy].some((steps) => steps.times.some((t) => t > from && t <= to));
}

/** A running, connected nopreempt router had a higher priority than a healthy MASTER at some moment. */
export function nopreemptOutranksMaster(run: Run, a: ReturnType<typeof analysis>): boolean {
  const candidates = nopreemptRouters(run, a);
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
function cutOffWithin(run: Run, router: string, from: number, to: number): boolean {
  const kinds = ['linkdown', 'linkup', 'cut', 'uncut', 'isolate', 'rejoin'];
  return run.scenario.events.some((e) => e.router === router && kinds.includes(e.do) && e.at >= from && e.at <= to);
}

const actsAsMaster = (r: RouterTimeline, at: number) => stateAt(r, at) === 'MASTER' || stateAt(r, at) === 'TRANSITION';

/** When the router last stepped up to MASTER (or 1.2.13's transition to it), if it acts as master at t. */
function steppedUpAt(r: RouterTimeline, t: number): number | undefined {
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
  holds(run): Judgement {
    const a = analysis(run);
    const window = settleWindow(run.cluster);
    const candidates = nopreemptRouters(run, a);
    if (candidates.length === 0) return NOT_APPLICABLE;
    const bound = deliveryBound(run);
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
          if (b === master || !connectedAt(b, t) || cutOffWithin(run, b.name, t - window, t)) return false;
          const s = steppedUpAt(b, t);
          return s !== undefined && t - s <= bound && s - masterSince > bound;
        });
        if (taker === undefined) continue;
        const written = run.cluster.routers
          .find((spec) => spec.name === taker.name)
          ?.instances.find((i) => i.asWritten.nopreempt)?.asWritten.state;
        return {
          holds: false,
          at: t,
          message: `${taker.name} is configured nopreempt${written === 'MASTER' ? ' with state MASTER' : ''}, yet it took over from ${master.name}, a healthy MASTER, at ${seconds(t)} (priority ${priorityAt(taker, t)} against ${priorityAt(master, t - US)})`,
        };
      }
    }
    // applicable when a nopreempt router did outrank a healthy master at some point
    return nopreemptOutranksMaster(run, a) ? HOLDS : NOT_APPLICABLE;
  },
};
