import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { NOPREEMPT_BACKUP } from './needs.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import {
  advertsOf,
  checkpoints,
  connectedAt,
  type Election,
  eventsOf,
  expectedAt,
  healthyAt,
  inEveryElection,
  mastersAt,
  resignedWithinSkew,
  runningAt,
  seconds,
  stateAt,
  US,
} from './support.ts';
import { OWNER } from './vrrpTimers.ts';

/** Routers whose keepalived.conf says `nopreempt`, whatever the version made of it. */
export function nopreemptRouters(a: Election): InstanceTimeline[] {
  return a.routers.filter((r) => r.config.written.nopreempt);
}

/** The router was running, connected and healthy through [from, to]. */
export function steadyThrough(r: InstanceTimeline, from: number, to: number): boolean {
  if (!runningAt(r, from) || !connectedAt(r, from) || !healthyAt(r, from)) return false;
  return ![r.running, r.connected, r.healthy].some((steps) => steps.times.some((t) => t > from && t <= to));
}

/** A running, connected router of `candidates` had a higher priority than a healthy MASTER at some moment. */
export function nopreemptOutranksMaster(a: Election, candidates: readonly InstanceTimeline[]): boolean {
  // each change, and once a script run at that instant has certainly happened
  const settled = (t: number) => [t, t + a.deliveryBound + 2 * US];
  return checkpoints(a, 0, a.until)
    .flatMap(settled)
    .some((t) =>
      mastersAt(a, t).some(
        (master) =>
          healthyAt(master, t) &&
          candidates.some(
            (b) =>
              b !== master &&
              runningAt(b, t) &&
              connectedAt(b, t) &&
              (expectedAt(a, b, t) ?? 0) > (expectedAt(a, master, t) ?? OWNER),
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

/**
 * When the router, still BACKUP, advertised just before t (within the delivery bound): 1.2.13
 * forces an election that way (vrrp_state_backup), and the master yields to that advert.
 */
function forcedElectionAt(r: InstanceTimeline, t: number, bound: number): number | undefined {
  // BACKUP before and after, with no change of state at that instant: not the advert of a step up
  const plainBackup = (at: number) =>
    stateAt(r, at - US) === 'BACKUP' &&
    stateAt(r, at) === 'BACKUP' &&
    !r.changes.some((c) => c.kind === 'state' && c.t === at);
  return advertsOf(r).find((x) => x.wire && x.priority > 0 && x.t <= t && t - x.t <= bound && plainBackup(x.t))?.t;
}

/** When the router last stepped up to MASTER (or 1.2.13's transition to it), if it acts as master at t. */
function steppedUpAt(r: InstanceTimeline, t: number): number | undefined {
  if (!actsAsMaster(r, t)) return undefined;
  for (let j = r.state.times.length - 1; j >= 0; j--) {
    const s = r.state.times[j] as number;
    if (s <= t && !actsAsMaster(r, s - US)) return s;
  }
  return undefined;
}

/** A nopreempt router that displaced a healthy MASTER: who, whom, when, at which priorities. */
export interface Displacement {
  readonly taker: InstanceTimeline;
  readonly master: InstanceTimeline;
  readonly at: number;
  readonly message: string;
}

/**
 * Each time one of `candidates` displaced a healthy MASTER: the master ran, stayed connected and
 * healthy for the settle window before; the taker was connected, with no link, carrier or
 * partition change within that window (it could hear the master), and stepped up from BACKUP (or
 * from starting) at most one delivery before the master heard it, yet after the master's first
 * advert had reached it (earlier, the two timed out together: an election, not a preemption).
 */
export function displacements(a: Election, candidates: readonly InstanceTimeline[]): Displacement[] {
  const window = a.settleWindow;
  const bound = a.deliveryBound;
  const out: Displacement[] = [];
  for (const master of a.routers) {
    for (let i = 1; i < master.state.times.length; i++) {
      const t = master.state.times[i] as number;
      if (master.state.values[i] === 'MASTER' || master.state.values[i - 1] !== 'MASTER') continue;
      if (!steadyThrough(master, t - window, t)) continue;
      const masterSince = master.state.times[i - 1] as number;
      // one that was already MASTER (on its side of a healed partition) merges with it: not a preemption
      const taker = candidates.find((b) => {
        if (b === master || !connectedAt(b, t) || cutOffWithin(a, b.name, t - window, t)) return false;
        const s = steppedUpAt(b, t) ?? forcedElectionAt(b, t, bound);
        if (s === undefined || t - s > bound || s - masterSince <= bound) return false;
        // a priority-0 advert set its Master_Down_Timer to Skew_Time: it timed out, nopreempt or not
        return !resignedWithinSkew(a, b, s, Math.min(b.config.priority, expectedAt(a, b, s) ?? b.config.priority));
      });
      if (taker === undefined) continue;
      const written = taker.config.written.state;
      out.push({
        taker,
        master,
        at: t,
        message: `${taker.name} is configured nopreempt${written === 'MASTER' ? ' with state MASTER' : ''}, yet it took over from ${master.name}, a healthy MASTER, at ${seconds(t)} (priority ${expectedAt(a, taker, t) ?? '?'} against ${expectedAt(a, master, t - US) ?? '?'})`,
      });
    }
  }
  return out;
}

/** Routers configured nopreempt as keepalived.conf(5) asks: `state BACKUP`, not the address owner. */
export function nopreemptBackups(a: Election): InstanceTimeline[] {
  return nopreemptRouters(a).filter((r) => r.config.state === 'BACKUP' && r.config.base !== 255);
}

export const nopreemptRespected: Property = {
  name: 'nopreempt respected',
  kind: 'always',
  claim:
    'A healthy MASTER is not displaced by a router configured with nopreempt and `state BACKUP` (as keepalived.conf(5) asks), even one with a higher priority.',
  precondition:
    "A router configured nopreempt and state BACKUP (not the address owner); the MASTER ran, stayed connected and healthy (weight-0 trackers good) for the settle window before it was displaced; the nopreempt router was connected, with no link, carrier or partition change within the settle window (it could hear the master), and stepped up from BACKUP (or from starting), or (1.2.13) advertised from BACKUP to force an election, just before, within the time an advert takes to arrive (the scenario's jitter bound, 0 without jitter), yet after the master's first advert had reached it (earlier, the two timed out together: an election, not a preemption), and not within its Skew_Time after a priority-0 advert (RFC 3768 §6.4.2: its Master_Down_Timer ran out).",
  cites:
    'keepalived.conf(5) nopreempt ("the initial state of this entry must be BACKUP"); RFC 3768 §6.4.2 Preempt_Mode',
  partner: 'a nopreempt router outranks a healthy master',
  advice: 'configure nopreempt with state BACKUP on every router, and no priority 255',
  needs: NOPREEMPT_BACKUP,
  holds: inEveryElection((a): Judgement => {
    const candidates = nopreemptBackups(a);
    if (candidates.length === 0) return NOT_APPLICABLE;
    const found = displacements(a, candidates)[0];
    if (found !== undefined) return { holds: false, at: found.at, message: found.message };
    // applicable when a nopreempt router did outrank a healthy master at some point
    return nopreemptOutranksMaster(a, candidates) ? HOLDS : NOT_APPLICABLE;
  }),
};
