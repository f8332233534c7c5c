import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import {
  checksPassAt,
  connectedAt,
  type Election,
  expectedAt,
  inEveryElection,
  seconds,
  stateAt,
  US,
  vipAt,
} from './support.ts';
import { scriptFailureOutcomes } from './trackerGap.ts';
import { OWNER } from './vrrpTimers.ts';

/** A scenario event that makes a tracked script of the MASTER fail, with what the configuration makes of it. */
export interface TrackerFailure {
  readonly master: InstanceTimeline;
  readonly script: string;
  readonly weight: number;
  readonly at: number;
  /** When the judgement is made: the settle window later. */
  readonly by: number;
  readonly before: number;
  readonly after: number;
  /** The healthy backup with the highest priority that may preempt, if any. */
  readonly best: { readonly backup: InstanceTimeline; readonly priority: number } | undefined;
  /** By the configuration, the VIP must move: weight 0 (FAULT), or a priority strictly below the best backup's. */
  readonly mustMove: boolean;
}

/**
 * Each `fail` of a script tracked by the router that is MASTER at that moment, in a cluster that
 * had settled, while another router is connected in BACKUP with all its checks passing, and
 * nothing else happens until the settle window has passed; priorities as the configuration
 * calls for them (expectedPriority), certain before and after.
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
    const backups = a.routers.filter(
      (r) => r !== master && connectedAt(r, event.t) && checksPassAt(r, event.t) && stateAt(r, event.t) === 'BACKUP',
    );
    if (!quiet || backups.length === 0 || !connectedAt(master, event.t)) continue;
    const before = expectedAt(a, master, event.t - US);
    const after = expectedAt(a, master, by);
    const theirs = backups
      .filter((b) => !b.config.nopreempt)
      .map((backup) => ({ backup, p: expectedAt(a, backup, by) }));
    if (before === undefined || after === undefined || theirs.some((x) => x.p === undefined)) continue;
    // a `fail` of a script already failing changes nothing: no failure to judge
    if (before === after && before !== OWNER && tracker.weight !== 0) continue;
    const best = theirs.reduce<{ backup: InstanceTimeline; priority: number } | undefined>(
      (x, y) => (x === undefined || (y.p as number) > x.priority ? { backup: y.backup, priority: y.p as number } : x),
      undefined,
    );
    const mustMove = tracker.weight === 0 || (best !== undefined && after < best.priority);
    out.push({ master, script, weight: tracker.weight, at: event.t, by, before, after, best, mustMove });
  }
  return out;
}

/** Why the VIP stayed: the owner keeps 255, or the weight is not larger than the gap. */
export function whyItStayed(f: TrackerFailure): string {
  const m = f.master.name;
  if (f.before === OWNER) {
    return `${m}'s script ${f.script} failed at ${seconds(f.at)}, but ${m} is the address owner (priority 255): keepalived never changes an owner's priority, so a weighted tracker (weight ${f.weight}) cannot move its VIP; it still holds it at ${seconds(f.by)}.`;
  }
  if (f.best === undefined) {
    return `${m}'s script ${f.script} failed at ${seconds(f.at)}, but no healthy backup may preempt (nopreempt), so ${m} still holds the VIP at ${seconds(f.by)}`;
  }
  const needed = f.before - f.best.priority + 1;
  return `${m}'s script ${f.script} failed at ${seconds(f.at)}; its priority went from ${f.before} to ${f.after} (weight ${f.weight}), not below ${f.best.backup.name}'s ${f.best.priority}, so no backup took over and ${m} still holds the VIP at ${seconds(f.by)}: a backup takes over only with a strictly higher priority, so |weight| must be at least ${needed} (the gap ${f.before - f.best.priority}, plus one).`;
}

export const failedTrackerMovesVip: Property = {
  name: 'a failed tracker moves the VIP',
  kind: 'always',
  claim:
    "When the MASTER's tracked script fails and its weight takes the master's priority strictly below a healthy backup's (or the weight is 0: FAULT), the VIP moves to a backup within the settle window: what a tracker is for.",
  precondition:
    "A `fail` of a script tracked by the MASTER of a settled cluster (no other event within the settle window before), a connected BACKUP whose own checks all pass at that moment, no other event until the settle window has passed, and the master's priority after the failure (base plus weights, computed from the configuration) strictly below that of a healthy backup that may preempt, or a weight of 0.",
  cites: 'keepalived.conf(5) track_script weight; RFC 3768 §6.4.2 (a Backup preempts a lower priority only)',
  partner: 'a tracker failure moves the VIP',
  advice:
    "make |weight| larger than the gap between the master's priority and the best backup's, or use weight 0 so that a failure means FAULT",
  needs: {
    what: 'a tracked script whose failure can take its router below a healthy peer (weight larger than the gap, or 0)',
    met: (trace) => scriptFailureOutcomes(trace).moves,
  },
  holds: inEveryElection((a): Judgement => {
    const failures = trackerFailures(a).filter((f) => f.mustMove);
    if (failures.length === 0) return NOT_APPLICABLE;
    for (const f of failures) {
      if (vipAt(f.master, f.by) && stateAt(f.master, f.by) === 'MASTER') {
        const message =
          f.weight === 0
            ? `${f.master.name}'s script ${f.script} (weight 0) failed at ${seconds(f.at)}, yet ${f.master.name} still holds the VIP at ${seconds(f.by)}`
            : `${f.master.name}'s script ${f.script} failed at ${seconds(f.at)}; its priority went from ${f.before} to ${f.after} (weight ${f.weight}), below ${f.best?.backup.name}'s ${f.best?.priority}, yet ${f.master.name} still holds the VIP at ${seconds(f.by)}`;
        return { holds: false, at: f.by, message };
      }
    }
    return HOLDS;
  }),
};
