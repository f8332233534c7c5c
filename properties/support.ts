import { type InstanceTimeline, timelines, valueAt } from '../src/analysis/timelines.ts';
import type { ScenarioEventKind } from '../src/scenario.ts';
import type { Trace, TraceState } from '../src/trace.ts';
import { expectedPriority } from './expectedPriority.ts';
import { type Judgement, NOT_APPLICABLE } from './property.ts';
import { type Version, type VersionRules, versionRules } from './versionRules.ts';
import { masterDownUs, OWNER, skewUs, toUs } from './vrrpTimers.ts';

/** A scenario event as the trace recorded it. */
export interface TraceEvent {
  readonly t: number;
  readonly router: string;
  readonly do: ScenarioEventKind;
  readonly script?: string;
  readonly file?: string;
  readonly process?: string;
  readonly interface?: string;
}

/**
 * One election: the instances that share a VRID (one per router), the events on their routers,
 * and the bounds the claims judge them by. A claim about a cluster is judged per election.
 */
export interface Election {
  readonly vrid: number;
  /** The LAN it runs on (several elections may share a VRID on different LANs). */
  readonly lan: string;
  /** The competing instances, one per router, named by their router. */
  readonly routers: readonly InstanceTimeline[];
  /** The scenario's events on these routers, in time order. */
  readonly events: readonly TraceEvent[];
  /** Their sorted times. */
  readonly disturbances: readonly number[];
  readonly until: number;
  /** How long after any event the election may take to settle (settleWindow). */
  readonly settleWindow: number;
  /** The latest an advert can arrive after it is sent (the scenario's jitter bound; 0 without). */
  readonly deliveryBound: number;
  readonly trace: Trace;
  /** What the trace's keepalived version does, as the claims compute it. */
  readonly rules: VersionRules;
}

const cache = new WeakMap<Trace, readonly Election[]>();

export function elections(trace: Trace): readonly Election[] {
  const cached = cache.get(trace);
  if (cached !== undefined) return cached;
  const folded = timelines(trace);
  const events: TraceEvent[] = trace.entries.flatMap((e) =>
    e.kind === 'event'
      ? [
          {
            t: e.t,
            router: e.router,
            do: e.do,
            ...(e.script === undefined ? {} : { script: e.script }),
            ...(e.file === undefined ? {} : { file: e.file }),
            ...(e.process === undefined ? {} : { process: e.process }),
            ...(e.interface === undefined ? {} : { interface: e.interface }),
          },
        ]
      : [],
  );
  const result = folded.groups.map((group): Election => {
    const names = new Set(group.instances.map((i) => i.name));
    const mine = events.filter((e) => names.has(e.router));
    return {
      vrid: group.vrid,
      lan: group.lan,
      routers: group.instances,
      events: mine,
      disturbances: mine.map((e) => e.t),
      until: trace.until,
      settleWindow: settleWindow(trace, group.instances),
      deliveryBound: trace.jitter?.max ?? 0,
      trace,
      rules: versionRules(trace),
    };
  });
  cache.set(trace, result);
  return result;
}

/** The message of a failure, naming the VRID when the cluster runs several (and its LAN when a VRID runs on several). */
function named(judgement: Judgement, election: Election, all: readonly Election[]): Judgement {
  if (judgement.holds || all.length < 2) return judgement;
  const lan = all.some((e) => e !== election && e.vrid === election.vrid) ? ` on ${election.lan}` : '';
  return { ...judgement, message: `VRID ${election.vrid}${lan}: ${judgement.message}` };
}

/**
 * An election with a member of a vrrp_sync_group of two or more: keepalived moves a group's
 * members together (keepalived.conf(5) vrrp_sync_group: one member's FAULT takes the group to
 * FAULT, one's move to BACKUP takes the group with it, the group is MASTER only when every member
 * can be), so a member's health, timers and takeovers are not its own.
 */
export function synced(a: Election): boolean {
  return a.routers.some((r) =>
    r.router.syncGroups.some((g) => g.members.length > 1 && g.members.includes(r.config.name)),
  );
}

/**
 * How a claim treats sync groups: most judge one instance's own health, timers and takeovers,
 * which a group overrides, so elections with a group member are outside their precondition
 * ('outside'); a claim about the whole VRID whatever moves its members says 'judged'.
 */
export type SyncGroups = 'outside' | 'judged';

/** Said of every claim that leaves sync groups outside. */
export const NO_SYNC_GROUP =
  "Elections with a member of a vrrp_sync_group of two or more are outside every claim that judges an instance's own health and timers (the group moves its members together); single master, VIP consistency and time keeps moving judge them too.";

/** An always or eventually claim, judged in each election: the first failure, else held where it applied. */
export function inEveryElection(
  judge: (election: Election) => Judgement,
  syncGroups: SyncGroups = 'outside',
): (trace: Trace) => Judgement {
  return (trace) => {
    const all = elections(trace);
    let applicable = false;
    const caveats: string[] = [];
    for (const election of all) {
      const judgement = syncGroups === 'outside' && synced(election) ? NOT_APPLICABLE : judge(election);
      if (!judgement.holds) return named(judgement, election, all);
      applicable ||= judgement.applicable;
      caveats.push(...(judgement.caveats ?? []));
    }
    return { holds: true, applicable, ...(caveats.length === 0 ? {} : { caveats }) };
  };
}

/** A sometimes claim: witnessed when some election shows it. */
export function inSomeElection(
  judge: (election: Election) => Judgement,
  syncGroups: SyncGroups = 'outside',
): (trace: Trace) => Judgement {
  return (trace) => {
    let last: Judgement = { holds: false, at: 0, message: 'no election' };
    for (const election of elections(trace)) {
      if (syncGroups === 'outside' && synced(election)) continue;
      last = judge(election);
      if (last.holds) return last;
    }
    return last;
  };
}

/** Largest advert_int of the election, in seconds. */
export function advertInt(routers: readonly InstanceTimeline[]): number {
  return Math.max(...routers.map((r) => r.config.advertInt));
}

/** Longest time a script takes to change its status: a run every interval, `max(rise, fall)` in a row. */
export function scriptSettle(routers: readonly InstanceTimeline[]): number {
  return Math.max(
    0,
    ...routers.flatMap((r) => r.router.scripts.map((s) => s.interval * (Math.max(s.rise, s.fall) + 1))),
  );
}

/** RFC 3768 §6.1 Master_Down_Interval in seconds (vrrpTimers.ts). */
function masterDownInterval(priority: number, advertInt: number): number {
  return masterDownUs(priority, toUs(advertInt)) / 1_000_000;
}

/**
 * How long after any event an election may take to settle, in seconds:
 * the slowest master-down interval (3·A + skew, skew < 1 s), one more A for 1.2.13's two-step
 * entry, one A for its priority tick and one for the advert that triggers a forced election, a
 * script's settling time, the daemon's start-up, and, where FAULT is polled (1.2.13), one more
 * master-down interval: FAULT looks at its trackers only that often.
 * With a preempt_delay, a better backup keeps accepting a lower master's adverts until the delay
 * has passed (vrrp_state_backup, "start preempt delay"), so it takes over a master-down interval
 * after the last advert it accepted: the delay, one A and a second master-down interval after the
 * first master appeared.
 */
export function settleWindow(trace: Trace, routers: readonly InstanceTimeline[]): number {
  const a = advertInt(routers);
  const delay = Math.max(0, ...routers.map((r) => r.config.preemptDelay));
  const mdi = masterDownInterval(1, a);
  const faultPoll = trace.daemon.faultPolled ? mdi : 0;
  const preemptDelay = delay > 0 ? delay + a + mdi : 0;
  return mdi + 3 * a + scriptSettle(routers) + preemptDelay + faultPoll + trace.daemon.startup;
}

/** Intervals [from, to) in which no event of the election happened within the last `window` seconds. */
export function quietIntervals(a: Election, window: number): [number, number][] {
  const out: [number, number][] = [];
  const times = a.disturbances;
  for (let i = 0; i < times.length; i++) {
    // in whole µs, the trace's resolution: the window ends on the µs after it has passed
    const from = Math.ceil(toUs((times[i] as number) + window) - 1e-3);
    const to = toUs(i + 1 < times.length ? (times[i + 1] as number) : a.until);
    if (from < to) out.push([from / 1e6, to / 1e6]);
  }
  return out;
}

/** `from` and every time in (from, to) at which some router's state, priority or VIP changed. */
export function checkpoints(a: Election, from: number, to: number): number[] {
  const set = new Set<number>([from]);
  for (const r of a.routers) {
    for (const steps of [r.state.times, r.priority.times, r.vip.times]) {
      for (const t of steps) if (t > from && t < to) set.add(t);
    }
  }
  return [...set].sort((x, y) => x - y);
}

export const stateAt = (r: InstanceTimeline, t: number): TraceState => valueAt(r.state, t, 'INIT');
/** Every state the instance is in at t: the one it holds, and those it passed through at that very µs. */
export function statesAt(r: InstanceTimeline, t: number): TraceState[] {
  const passed = r.changes.flatMap((c) => (c.kind === 'state' && Math.abs(c.t - t) < 5e-7 ? [c.state] : []));
  return [...new Set([...passed, stateAt(r, t)])];
}
export const vipAt = (r: InstanceTimeline, t: number): boolean => valueAt(r.vip, t, false);
export const runningAt = (r: InstanceTimeline, t: number): boolean => valueAt(r.running, t, false);
export const connectedAt = (r: InstanceTimeline, t: number): boolean => valueAt(r.connected, t, false);
export const healthyAt = (r: InstanceTimeline, t: number): boolean => valueAt(r.healthy, t, false);
export const checksPassAt = (r: InstanceTimeline, t: number): boolean => valueAt(r.checksPass, t, false);

/** Running routers in MASTER (VIPs installed) at t. */
export function mastersAt(a: Election, t: number): InstanceTimeline[] {
  return a.routers.filter((r) => runningAt(r, t) && stateAt(r, t) === 'MASTER');
}

/** Every running router is connected to the LAN at t: no partition. */
export function noPartitionAt(a: Election, t: number): boolean {
  return a.routers.every((r) => !runningAt(r, t) || connectedAt(r, t));
}

export const seconds = (t: number) => `${t.toFixed(3)} s`;

/**
 * The moments a settled, unpartitioned election can be judged at: every change in the quiet
 * intervals (no event within the settle window) while every running router is connected.
 * `since` is how long ago the last event was.
 */
export function* settledMoments(a: Election): Generator<{ readonly t: number; readonly since: number }> {
  const window = a.settleWindow;
  for (const [from, to] of quietIntervals(a, window)) {
    for (const t of checkpoints(a, from, to)) {
      if (noPartitionAt(a, t)) yield { t, since: t - (from - window) };
    }
  }
}

/** A router's events within [from, to]. */
export function eventsOf(a: Election, router: string, from: number, to: number): TraceEvent[] {
  return a.events.filter((e) => e.router === router && e.t >= from && e.t <= to);
}

/** One microsecond, in seconds: the trace's resolution. */
export const US = 1e-6;

/** The instance steps up at this state: MASTER, or 1.2.13's "Transition to MASTER". */
export const stepsUp = (state: TraceState): boolean => state === 'MASTER' || state === 'TRANSITION';

/** An advert an instance sent: when, at which priority, and whether it reached the LAN. */
export interface Advert {
  readonly t: number;
  readonly priority: number;
  readonly wire: boolean;
}

const advertCache = new WeakMap<InstanceTimeline, readonly Advert[]>();

/** The instance's adverts, in order (once per timeline). */
export function advertsOf(r: InstanceTimeline): readonly Advert[] {
  let adverts = advertCache.get(r);
  if (adverts === undefined) {
    adverts = r.changes.flatMap((c) => (c.kind === 'advert' ? [{ t: c.t, priority: c.priority, wire: c.wire }] : []));
    advertCache.set(r, adverts);
  }
  return adverts;
}

/**
 * An address owner that may have met another owner by t (another router put 255 on the wire):
 * 2.2.7 then lowers it to 254 (versionRules.ownerMeetingOwnerStepsDown), so its priority is no
 * longer what its configuration says.
 */
export function ownerMayHaveMetOwner(a: Election, r: InstanceTimeline, t = a.until): boolean {
  return (
    a.rules.ownerMeetingOwnerStepsDown &&
    r.config.base === OWNER &&
    a.routers.some((o) => o !== r && advertsOf(o).some((x) => x.priority === OWNER && x.wire && x.t <= t))
  );
}

/** The priority the instance's configuration and trackers call for at t (expectedPriority), or undefined when not certain. */
export function expectedAt(a: Election, r: InstanceTimeline, t: number): number | undefined {
  if (ownerMayHaveMetOwner(a, r, t)) return undefined;
  return expectedPriority(a.trace, r.name, r.config, toUs(t));
}

/** The daemon's lags the bounds allow for, in seconds: timers firing late, periods re-armed late, jitter. */
export interface Lags {
  /** Every timer fires this late (1.2.13's select() slack). */
  readonly wake: number;
  /** A periodic timer's period is this much longer than its interval. */
  readonly period: number;
  /** An advert arrives, and a daemon wakes for its timers, up to this late. */
  readonly jitter: number;
}

export function lagsOf(trace: Trace): Lags {
  return { wake: trace.daemon.wakeLag, period: trace.daemon.periodLag, jitter: trace.jitter?.max ?? 0 };
}

/** The time the instance first took one of `states` after `from` (inclusive), if it did by `to`. */
export function firstStateAfter(
  r: InstanceTimeline,
  from: number,
  to: number,
  states: (s: TraceState) => boolean,
): number | undefined {
  for (let i = 0; i < r.state.times.length; i++) {
    const t = r.state.times[i] as number;
    if (t >= from && t <= to && states(r.state.values[i] as TraceState)) return t;
  }
  return undefined;
}

/** No scenario event in the election within (from, to], other than those of `except`. */
export function quietWithin(a: Election, from: number, to: number, except?: (e: TraceEvent) => boolean): boolean {
  return a.events.every((e) => e.t <= from || e.t > to || except?.(e) === true);
}

/** A judge for the given versions only: elsewhere the claim does not apply (a witness is never found). */
export function onlyFor(
  versions: readonly Version[],
  holds: (trace: Trace) => Judgement,
  kind: 'always' | 'sometimes' = 'always',
): (trace: Trace) => Judgement {
  return (trace) =>
    versions.includes(versionRules(trace).version)
      ? holds(trace)
      : kind === 'always'
        ? { holds: true, applicable: false }
        : { holds: false, at: 0, message: `not a claim about ${trace.profile}` };
}

/**
 * The VIP the instance holds at t is one a killed run left behind (1.2.13): it was killed holding
 * it and has not been MASTER since (versionRules.restartRemovesLeftoverVips).
 */
export function leftoverVip(a: Election, r: InstanceTimeline, t: number): boolean {
  if (a.rules.restartRemovesLeftoverVips || !vipAt(r, t)) return false;
  const kill = r.kills.filter((k) => k <= t && vipAt(r, k - US)).at(-1);
  if (kill === undefined) return false;
  return !r.state.times.some((s, i) => s > kill && s <= t && r.state.values[i] === 'MASTER');
}

/**
 * Another router of the election resigned (a priority-0 advert on the wire) within the Skew_Time
 * of `priority` before t, lags allowed: RFC 3768 §6.4.2 sets a BACKUP's Master_Down_Timer to
 * Skew_Time then, so a step up at t may be that timer running out, not preemption.
 */
export function resignedWithinSkew(a: Election, r: InstanceTimeline, t: number, priority: number): boolean {
  const lags = lagsOf(a.trace);
  const skew = skewUs(priority) / 1e6 + lags.wake + 2 * lags.jitter + US;
  return a.routers.some(
    (m) => m !== r && advertsOf(m).some((x) => x.wire && x.priority === 0 && x.t <= t && x.t >= t - skew),
  );
}
