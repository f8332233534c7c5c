import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import {
  checksPassAt,
  connectedAt,
  type Election,
  inEveryElection,
  priorityAt,
  seconds,
  stateAt,
  vipAt,
} from './support.ts';

const US = 1e-6;

/** A scenario event that makes a tracked script of the MASTER fail, with what it tracks it at. */
export interface TrackerFailure {
  readonly router: string;
  readonly script: string;
  readonly weight: number;
  readonly at: number;
  /** When the judgement is made: the settle window later. */
  readonly by: number;
}

/**
 * Each `fail` of a script tracked by the router that is MASTER at that moment, in a cluster that
 * had settled, while another router is connected in BACKUP with all its checks passing, and
 * nothing else happens until the bound.
 */
export function trackerFailures(a: Election): TrackerFailure[] {
  const bound = a.settleWindow;
  const out: TrackerFailure[] = [];
  for (const event of a.events) {
    // a script's failure (a file or a process is another tracker)
    if (event.do !== 'fail' || event.file !== undefined || event.process !== undefined) continue;
    const master = a.routers.find((r) => r.name === event.router);
    if (master === undefined || stateAt(master, event.t) !== 'MASTER') continue;
    const script = event.script ?? master.router.scripts[0]?.name;
    const tracker = master.config.trackers.find((t) => t.kind === 'script' && t.name === script);
    if (tracker === undefined || script === undefined) continue;
    const by = event.t + bound;
    if (by > a.until) continue;
    // settled before the failure, undisturbed after it: whatever moves the VIP is the failure
    const quiet = a.events.every((e) => e === event || e.t < event.t - bound || e.t > by);
    // a backup whose own checks all pass: one the user would want the VIP to move to
    const backups = a.routers.filter(
      (r) => r !== master && connectedAt(r, event.t) && checksPassAt(r, event.t) && stateAt(r, event.t) === 'BACKUP',
    );
    if (quiet && backups.length > 0 && connectedAt(master, event.t)) {
      out.push({ router: event.router, script, weight: tracker.weight, at: event.t, by });
    }
  }
  return out;
}

export const failedTrackerMovesVip: Property = {
  name: 'a failed tracker moves the VIP',
  kind: 'always',
  claim:
    "When the MASTER's tracked script fails while a backup is healthy, the VIP moves to a backup within the settle window: what a tracker is for.",
  precondition:
    'A `fail` of a script tracked by the MASTER of a settled cluster (no other event within the settle window before), a connected BACKUP whose own checks all pass at that moment, and no other event until the settle window has passed.',
  partner: 'a tracker failure moves the VIP',
  expected: { 'keepalived-1.2': 'fails', 'keepalived-2.2': 'fails' },
  why: 'A weighted tracker only lowers the priority. When the weight is not larger than the gap to the best backup, the master keeps the VIP: the most common keepalived mistake.',
  holds: inEveryElection((a): Judgement => {
    const failures = trackerFailures(a);
    if (failures.length === 0) return NOT_APPLICABLE;
    for (const failure of failures) {
      const master = a.routers.find((r) => r.name === failure.router);
      if (master === undefined || !vipAt(master, failure.by) || stateAt(master, failure.by) !== 'MASTER') continue;
      const backups = a.routers.filter(
        (r) => r !== master && connectedAt(r, failure.at) && checksPassAt(r, failure.at),
      );
      const before = priorityAt(master, failure.at - US);
      const after = priorityAt(master, failure.by);
      const best = backups.reduce((x, y) => (priorityAt(y, failure.by) > priorityAt(x, failure.by) ? y : x));
      const top = priorityAt(best, failure.by);
      const needed = before - top + 1;
      const message =
        before === 255
          ? `${master.name}'s script ${failure.script} failed at ${seconds(failure.at)}, but ${master.name} is the address owner (priority 255): keepalived never changes an owner's priority, so a weighted tracker (weight ${failure.weight}) cannot move its VIP; it still holds it at ${seconds(failure.by)}. Use weight 0 to make a failure mean FAULT.`
          : failure.weight === 0
            ? `${master.name}'s script ${failure.script} (weight 0) failed at ${seconds(failure.at)}, yet ${master.name} still holds the VIP at ${seconds(failure.by)}`
            : `${master.name}'s script ${failure.script} failed at ${seconds(failure.at)}; its priority went from ${before} to ${after} (weight ${failure.weight}), not below ${best.name}'s ${top}, so no backup took over and ${master.name} still holds the VIP at ${seconds(failure.by)}. A backup takes over only with a strictly higher priority: the weight must be larger than the gap (|weight| ≥ ${needed}), or use weight 0 to make a failure mean FAULT.`;
      return { holds: false, at: failure.by, message };
    }
    return HOLDS;
  }),
};
