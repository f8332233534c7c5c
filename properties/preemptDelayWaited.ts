import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import { PREEMPT_DELAY } from './needs.ts';
import { HOLDS, type Judgement, NOT_APPLICABLE, type Property } from './property.ts';
import { routerFacts } from './routerFacts.ts';
import {
  advertsOf,
  connectedAt,
  type Election,
  expectedAt,
  inEveryElection,
  lagsOf,
  resignedWithinSkew,
  runningAt,
  seconds,
  stateAt,
  stepsUp,
  US,
} from './support.ts';
import { masterDownUs, toUs } from './vrrpTimers.ts';

/** A backup with a preempt_delay acting to displace a running master of a lower priority. */
export interface Preemption {
  readonly backup: InstanceTimeline;
  readonly master: InstanceTimeline;
  /** When it acted: stepped up, or (1.2.13) advertised to force an election. */
  readonly at: number;
  /** When its preempt_delay started, at the earliest (seconds). */
  readonly clock: number;
  readonly clockFrom: string;
}

/** Events that change who hears whom. */
const CUTS = ['linkdown', 'linkup', 'cut', 'uncut', 'isolate', 'rejoin'];

/** The moments the backup stepped up or spoke while BACKUP. */
function actions(r: InstanceTimeline): number[] {
  const out = r.state.times.filter((_, i) => stepsUp(r.state.values[i] as never));
  for (const x of advertsOf(r)) if (x.priority > 0 && stateAt(r, x.t) === 'BACKUP') out.push(x.t);
  return out.sort((x, y) => x - y);
}

/** Each act of preemption by a router with a preempt_delay, with when its delay started. */
export function delayedPreemptions(a: Election): Preemption[] {
  const lags = lagsOf(a.trace);
  const out: Preemption[] = [];
  for (const b of a.routers) {
    const delay = b.config.preemptDelay;
    // `state MASTER` starts 1.2.13 in GOTO_MASTER, which takes over on the first advert it hears
    if (delay <= 0 || b.config.nopreempt || b.config.state !== 'BACKUP' || b.config.base === 255) continue;
    const facts = routerFacts(a.trace).get(b.name);
    for (const t of actions(b)) {
      const mine = expectedAt(a, b, t - US);
      if (mine === undefined || !connectedAt(b, t)) continue;
      // it heard the master all along: a link or partition change lately, and its timer may simply have expired
      const window = masterDownUs(0, toUs(b.config.advertInt)) / 1e6 + b.config.advertInt;
      if (a.events.some((e) => CUTS.includes(e.do) && e.t >= t - window && e.t <= t)) continue;
      // a priority-0 advert set its Master_Down_Timer to Skew_Time: stepping up then is not preemption
      if (resignedWithinSkew(a, b, t, Math.min(b.config.priority, mine))) continue;
      // the master it displaces: MASTER just before, running, connected, still advertising lower
      const master = a.routers.find((m) => {
        if (m === b || stateAt(m, t - US) !== 'MASTER' || !runningAt(m, t) || !connectedAt(m, t)) return false;
        const last = advertsOf(m)
          .filter((x) => x.wire && x.priority > 0 && x.t <= t)
          .at(-1);
        const recent = m.config.advertInt + lags.period + lags.wake + 2 * lags.jitter + US;
        // heard before it acted, beyond the races: a timeout racing the master's first advert is not preemption
        const heardBefore = advertsOf(m).some(
          (x) => x.wire && x.priority > 0 && x.priority < mine && x.t < t - lags.jitter - US && x.t >= t - window,
        );
        return last !== undefined && t - last.t <= recent && last.priority < mine && heardBefore;
      });
      if (master === undefined) continue;
      let clock: number;
      let clockFrom: string;
      if (a.rules.preemptDelayFromStart) {
        const run = facts?.runs.filter((p) => p.upUs <= toUs(t)).at(-1);
        if (run === undefined) continue;
        clock = run.upUs / 1e6;
        clockFrom = `its start-up at ${seconds(clock)}`;
      } else {
        // 2.2.7: from the first lower advert it read since it last entered BACKUP
        const entered = b.state.times.filter((s, i) => s <= t && b.state.values[i] === 'BACKUP').at(-1);
        if (entered === undefined) continue;
        const lower = a.routers
          .filter((m) => m !== b)
          .flatMap((m) => advertsOf(m).filter((x) => x.wire && x.priority > 0 && x.priority < mine))
          .filter((x) => x.t >= entered - lags.jitter && x.t <= t)
          .sort((x, y) => x.t - y.t)[0];
        if (lower === undefined) continue;
        clock = lower.t;
        clockFrom = `the first lower advert it heard, at ${seconds(clock)}`;
      }
      out.push({ backup: b, master, at: t, clock, clockFrom });
    }
  }
  return out;
}

export const preemptDelayWaited: Property = {
  name: 'preempt_delay is waited',
  kind: 'always',
  claim:
    'A backup configured with preempt_delay (and `state BACKUP`, as keepalived.conf(5) asks) does not act to displace a running master of a lower priority (step up, or in 1.2.13 answer its advert to force an election) before the delay has passed: counted in 2.2.7 from the first lower advert it heard since it last entered BACKUP, in 1.2.13 from its start-up.',
  precondition:
    'A router with a preempt_delay and `state BACKUP` (nopreempt not set, not the address owner), with no link or partition change on the LAN for a master-down interval and an advert_int before (it heard the master all along) and no priority-0 advert within its Skew_Time before (RFC 3768 §6.4.2: that shortens its Master_Down_Timer), steps up or forces an election while another router is MASTER, running, connected and still advertising a lower priority than its own, whose lower adverts it could hear before (not only at the instant it acted: its own timeout racing the first advert of the master is not preemption).',
  cites:
    'keepalived.conf(5) preempt_delay; 2.2.7 vrrp_state_backup (preempt_time from the first lower advert); 1.2.13 vrrp_init_state (preempt_time = start + preempt_delay)',
  partner: 'a delayed preemption happens',
  advice: 'check preempt_delay (whole seconds in keepalived 1.2.13) and that the router has state BACKUP',
  needs: PREEMPT_DELAY,
  holds: inEveryElection((a): Judgement => {
    const found = delayedPreemptions(a);
    if (found.length === 0) return NOT_APPLICABLE;
    for (const p of found) {
      const due = p.clock + p.backup.config.preemptDelay;
      if (toUs(p.at) < toUs(due)) {
        return {
          holds: false,
          at: p.at,
          message: `${p.backup.name} (preempt_delay ${p.backup.config.preemptDelay} s) acted to displace ${p.master.name} at ${seconds(p.at)}, before its delay, counted from ${p.clockFrom}, ran out at ${seconds(due)}`,
        };
      }
    }
    return HOLDS;
  }),
};
