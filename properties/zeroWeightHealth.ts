import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { factAt, routerFacts } from './routerFacts.ts';
import { scriptTimeline } from './scriptStatus.ts';
import type { Election } from './support.ts';

/**
 * What an instance's weight-0 trackers say at an instant (keepalived VRRP_ISUP): `bad` when one
 * is down, `good` when all are up, `awaiting` when a script has no result yet (2.2.7 holds the
 * instance in FAULT until it has one; 1.2.13 counts it as failed), `unknown` too close to a
 * script run to tell.
 */
export type Health = 'good' | 'bad' | 'awaiting' | 'unknown';

export function healthAt(a: Election, r: InstanceTimeline, tUs: number): Health {
  const facts = routerFacts(a.trace).get(r.name);
  let awaiting = false;
  let unknown = false;
  for (const tracker of r.config.trackers) {
    if (tracker.weight !== 0) continue;
    if (tracker.kind === 'interface') {
      if (!factAt(facts?.links.get(tracker.name), tUs, true)) return 'bad';
      continue;
    }
    const states = scriptTimeline(a.trace, r.name, tracker.name)?.statesAt(tUs) ?? new Set(['init']);
    if (states.size > 1) unknown = true;
    else if (states.has('down') || (states.has('init') && a.rules.noResultCountsAsFailed)) return 'bad';
    else if (states.has('init')) awaiting = true;
  }
  return unknown ? 'unknown' : awaiting ? 'awaiting' : 'good';
}

/** A moment the weight-0 trackers may have changed (µs): from the earliest it can have happened, certain at `at`. */
export interface HealthMoment {
  readonly from: number;
  readonly at: number;
}

/**
 * The moments the instance's weight-0 trackers may have changed: an interface at its link
 * change, a script run from the earliest to just after the latest it can have been. The
 * daemon's start-ups are included. In time order.
 */
export function healthMoments(a: Election, r: InstanceTimeline): HealthMoment[] {
  const facts = routerFacts(a.trace).get(r.name);
  const out: HealthMoment[] = (facts?.runs ?? []).map((p) => ({ from: p.upUs, at: p.upUs }));
  for (const tracker of r.config.trackers) {
    if (tracker.weight !== 0) continue;
    if (tracker.kind === 'interface') {
      for (const t of facts?.links.get(tracker.name)?.steps.times ?? []) out.push({ from: t, at: t });
    } else {
      for (const run of scriptTimeline(a.trace, r.name, tracker.name)?.runs ?? [])
        out.push({ from: run.earliestUs, at: run.latestUs + 1 });
    }
  }
  return out.sort((x, y) => x.at - y.at || x.from - y.from);
}

/** The instance's daemon is up (past its start-up) at t. */
export function upAt(a: Election, r: InstanceTimeline, tUs: number): boolean {
  return (
    routerFacts(a.trace)
      .get(r.name)
      ?.runs.some((p) => p.upUs <= tUs && tUs < p.endUs) === true
  );
}
