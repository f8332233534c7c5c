import { masterDownIntervalUs, US_PER_SECOND } from '../model/formulas.ts';
import { analyseTrace, type RouterTimeline, type TraceAnalysis, valueAt } from '../src/analysis/analyseTrace.ts';
import type { Cluster } from '../src/cluster.ts';
import type { TraceState } from '../src/trace.ts';
import type { Run } from './property.ts';

export function analysis(run: Run): TraceAnalysis {
  return analyseTrace(run.trace, run.scenario, run.cluster);
}

/** Largest advert_int of the cluster, in seconds. */
export function advertInt(cluster: Cluster): number {
  return Math.max(...cluster.routers.flatMap((r) => r.instances.map((i) => i.config.advertIntUs))) / US_PER_SECOND;
}

/** Longest time a script takes to change its status: a run every interval, `max(rise, fall)` in a row. */
export function scriptSettle(cluster: Cluster): number {
  const times = cluster.routers.flatMap((r) =>
    r.scripts.map((s) => (s.intervalUs * (Math.max(s.rise, s.fall) + 1)) / US_PER_SECOND),
  );
  return Math.max(0, ...times);
}

/**
 * How long after any event the cluster may take to settle, in seconds:
 * the slowest master-down interval (3·A + skew, skew < 1 s), one more A for 1.2.13's two-step
 * entry, one A for its priority tick and one for the advert that triggers a forced election, a
 * script's settling time, the daemon's start-up, and, where FAULT is polled (1.2.13), one more
 * master-down interval: FAULT looks at its trackers only that often.
 * With a preempt_delay, a better backup keeps accepting a lower master's adverts until the delay
 * has passed (vrrp_state_backup, "start preempt delay"), so it takes over a master-down interval
 * after the last advert it accepted: the delay, one A and a second master-down interval after the
 * first master appeared.
 */
export function settleWindow(cluster: Cluster): number {
  const a = advertInt(cluster);
  const delay =
    Math.max(0, ...cluster.routers.flatMap((r) => r.instances.map((i) => i.config.preemptDelayUs))) / US_PER_SECOND;
  const mdi = masterDownIntervalUs(1, a * US_PER_SECOND) / US_PER_SECOND;
  const faultPoll = cluster.profile.semantics.faultPolled ? mdi : 0;
  const preemptDelay = delay > 0 ? delay + a + mdi : 0;
  return (
    mdi + 3 * a + scriptSettle(cluster) + preemptDelay + faultPoll + cluster.profile.timing.startupUs / US_PER_SECOND
  );
}

/** Intervals [from, to) in which no scenario event happened within the last `window` seconds. */
export function quietIntervals(a: TraceAnalysis, window: number): [number, number][] {
  const out: [number, number][] = [];
  const times = a.disturbances;
  for (let i = 0; i < times.length; i++) {
    const from = (times[i] as number) + window;
    const to = i + 1 < times.length ? (times[i + 1] as number) : a.until;
    if (from < to) out.push([from, to]);
  }
  return out;
}

/** `from` and every time in (from, to) at which some router's state, priority or VIP changed. */
export function checkpoints(a: TraceAnalysis, from: number, to: number): number[] {
  const set = new Set<number>([from]);
  for (const r of a.routers) {
    for (const steps of [r.state.times, r.priority.times, r.vip.times]) {
      for (const t of steps) if (t > from && t < to) set.add(t);
    }
  }
  return [...set].sort((x, y) => x - y);
}

export const stateAt = (r: RouterTimeline, t: number): TraceState => valueAt(r.state, t, 'INIT');
export const priorityAt = (r: RouterTimeline, t: number): number => valueAt(r.priority, t, r.initialPriority);
export const vipAt = (r: RouterTimeline, t: number): boolean => valueAt(r.vip, t, false);
export const runningAt = (r: RouterTimeline, t: number): boolean => valueAt(r.running, t, false);
export const connectedAt = (r: RouterTimeline, t: number): boolean => valueAt(r.connected, t, false);
export const healthyAt = (r: RouterTimeline, t: number): boolean => valueAt(r.healthy, t, false);
export const checksPassAt = (r: RouterTimeline, t: number): boolean => valueAt(r.checksPass, t, false);

/** Running routers in MASTER (VIPs installed) at t. */
export function mastersAt(a: TraceAnalysis, t: number): RouterTimeline[] {
  return a.routers.filter((r) => runningAt(r, t) && stateAt(r, t) === 'MASTER');
}

/** Every running router is connected to the LAN at t: no partition. */
export function noPartitionAt(a: TraceAnalysis, t: number): boolean {
  return a.routers.every((r) => !runningAt(r, t) || connectedAt(r, t));
}

/**
 * The latest an advert can reach a receiver after it is sent, in seconds: the scenario's jitter
 * bound (without jitter an advert arrives the µs it is sent). Two routers that step up within this
 * of each other stepped up together, each before it could hear the other.
 */
export function deliveryBound(run: Run): number {
  return run.scenario.jitter?.max ?? 0;
}

export const seconds = (t: number) => `${t.toFixed(3)} s`;

/**
 * The moments a settled, unpartitioned cluster can be judged at: every change in the quiet
 * intervals (no scenario event within the settle window) while every running router is connected.
 * `since` is how long ago the last event was.
 */
export function* settledMoments(run: Run): Generator<{ readonly t: number; readonly since: number }> {
  const a = analysis(run);
  const window = settleWindow(run.cluster);
  for (const [from, to] of quietIntervals(a, window)) {
    for (const t of checkpoints(a, from, to)) {
      if (noPartitionAt(a, t)) yield { t, since: t - (from - window) };
    }
  }
}
