import type { Trace, TraceInstance, TraceTracker } from '../src/trace.ts';
import { changesWithin, factAt, type ProcessRun, type RouterFacts, routerFacts } from './routerFacts.ts';
import { type ScriptState, scriptTimeline } from './scriptStatus.ts';
import { versionRules } from './versionRules.ts';
import { clampPriority, OWNER, toUs } from './vrrpTimers.ts';

/** What a tracker may be at an instant: good, bad, or (a script) without a result yet. */
type TrackerState = ScriptState;

/** The states a tracker may be in at some instant of [from, to]. */
function trackerStates(
  trace: Trace,
  facts: RouterFacts,
  tracker: TraceTracker,
  fromUs: number,
  toUs: number,
): TrackerState[] {
  if (tracker.kind === 'interface') {
    const link = facts.links.get(tracker.name);
    const first = factAt(link, fromUs, true);
    const values = changesWithin(link, fromUs, toUs) ? [first, !first] : [first];
    return values.map((up) => (up ? 'up' : 'down'));
  }
  // track_file values and tracked processes are outside what these claims follow: the tracker
  // may be either way, so the priority is not certain (a script that hung: scriptStatus.ts)
  if (tracker.kind === 'file' || tracker.kind === 'process') return ['up', 'down'];
  const script = scriptTimeline(trace, facts.router.name, tracker.name);
  if (script === undefined) return ['init'];
  return [...new Set([...script.statesAt(fromUs), ...script.statesAt(toUs)])];
}

/**
 * A tracker's part of the priority (keepalived.conf(5) "weight"): a positive weight counts
 * while the tracker is good, a negative one while it is bad, 0 never (it means FAULT instead).
 * A script without a result counts for nothing in 2.2.7 and as failed in 1.2.13.
 */
function contribution(weight: number, state: TrackerState, noResultCountsAsFailed: boolean): number {
  const seen = state === 'init' && noResultCountsAsFailed ? 'down' : state;
  if (weight > 0 && seen === 'up') return weight;
  if (weight < 0 && seen === 'down') return weight;
  return 0;
}

/** The priorities the trackers call for, over every combination their states may take in [from, to]. */
function trackedPriorities(
  trace: Trace,
  facts: RouterFacts,
  config: TraceInstance,
  fromUs: number,
  toUs: number,
): Set<number> {
  const rules = versionRules(trace);
  let sums = new Set([0]);
  for (const tracker of config.trackers) {
    if (tracker.weight === 0) continue;
    const parts = new Set(
      trackerStates(trace, facts, tracker, fromUs, toUs).map((s) =>
        contribution(tracker.weight, s, rules.noResultCountsAsFailed),
      ),
    );
    const next = new Set<number>();
    for (const sum of sums) for (const part of parts) next.add(sum + part);
    sums = next;
  }
  return new Set([...sums].map((sum) => clampPriority(config.base, sum)));
}

/**
 * 1.2.13 vrrp_update_priority: a timer recomputes the priority every advert_int, the first
 * advert_int (plus the wake lag) after VRRP came up, each time up to the jitter bound late and
 * counting from when it ran. Before the first, the priority is the starting one.
 */
function tickedPriorities(
  trace: Trace,
  facts: RouterFacts,
  config: TraceInstance,
  process: ProcessRun,
  tUs: number,
): Set<number> {
  const advert = toUs(config.advertInt);
  const wake = toUs(trace.daemon.wakeLag);
  const period = advert + toUs(trace.daemon.periodLag) + wake;
  const jitter = toUs(trace.jitter?.max ?? 0);
  const first = process.upUs + advert + wake;
  if (tUs < first) return new Set([config.priority]);
  const j = Math.floor((tUs - first) / period) + 1;
  const window = (n: number): [number, number] => {
    const earliest = first + (n - 1) * period;
    return [earliest, earliest + n * jitter];
  };
  const at = (n: number): Set<number> =>
    n === 0 ? new Set([config.priority]) : trackedPriorities(trace, facts, config, ...window(n));
  // the tick due last may still be ahead, or at t itself (a tick comes before what else is due then)
  let n = j;
  while (n > 0 && window(n)[0] > tUs) n--;
  const [, latest] = window(n);
  return tUs <= latest ? new Set([...at(n - 1), ...at(n)]) : at(n);
}

/**
 * The effective priorities an instance may have at t, computed from its configuration and the
 * world facts alone: the base priority plus its trackers' weights, clamped to 1..254, 255 for
 * an address owner; in 1.2.13 as of its last periodic tick. More than one value: t is too close
 * to a script run or a tick to tell. Empty: the instance is not running at t.
 */
export function expectedPriorities(trace: Trace, router: string, config: TraceInstance, tUs: number): Set<number> {
  const facts = routerFacts(trace).get(router);
  const process = facts?.runs.find((p) => p.upUs <= tUs && tUs < p.endUs);
  if (facts === undefined || process === undefined) return new Set();
  if (config.base === OWNER) return new Set([OWNER]);
  return versionRules(trace).priorityTick
    ? tickedPriorities(trace, facts, config, process, tUs)
    : trackedPriorities(trace, facts, config, tUs, tUs);
}

const memo = new WeakMap<TraceInstance, Map<number, number | undefined>>();
const memoTrace = new WeakMap<TraceInstance, Trace>();

/** The one priority the instance has at t, or undefined when it is not running or t is too close to a change to tell. */
export function expectedPriority(trace: Trace, router: string, config: TraceInstance, tUs: number): number | undefined {
  // the claims ask about the same instants again and again: once per instance of a trace and instant
  let byTime = memo.get(config);
  if (byTime === undefined || memoTrace.get(config) !== trace) {
    byTime = new Map();
    memo.set(config, byTime);
    memoTrace.set(config, trace);
  }
  if (byTime.has(tUs)) return byTime.get(tUs);
  const set = expectedPriorities(trace, router, config, tUs);
  const one = set.size === 1 ? (set.values().next().value as number) : undefined;
  byTime.set(tUs, one);
  return one;
}

/** The priority the trackers call for at t, as 2.2.7 applies it at once (1.2.13 waits for its next tick), or undefined. */
export function trackersCallFor(trace: Trace, router: string, config: TraceInstance, tUs: number): number | undefined {
  const facts = routerFacts(trace).get(router);
  if (facts === undefined) return undefined;
  if (config.base === OWNER) return OWNER;
  const set = trackedPriorities(trace, facts, config, tUs, tUs);
  return set.size === 1 ? (set.values().next().value as number) : undefined;
}
