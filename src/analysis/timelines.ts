import type { ScenarioEventKind } from '../scenario.ts';
import type { Trace, TraceInstance, TraceRouter, TraceState, TraceTracker } from '../trace.ts';

/** A value that changes at given times: `values[i]` holds from `times[i]` until `times[i + 1]`. */
export interface Steps<T> {
  readonly times: readonly number[];
  readonly values: readonly T[];
}

export function valueAt<T>(steps: Steps<T>, t: number, before: T): T {
  let lo = 0;
  let hi = steps.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    // trace times are whole µs: a query 1 µs before a change (t − 1e-6, in floating point) must not see it
    if ((steps.times[mid] as number) <= t + 5e-7) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? before : (steps.values[found] as T);
}

/** One of an instance's changes, in trace order (changes undone at the same instant are kept). */
export type Change =
  | { readonly t: number; readonly kind: 'state'; readonly state: TraceState }
  /** `restart`: a new process, back at its configured priority (no priority entry in the trace). */
  | { readonly t: number; readonly kind: 'priority'; readonly priority: number; readonly restart?: true }
  | { readonly t: number; readonly kind: 'vip'; readonly held: boolean }
  | { readonly t: number; readonly kind: 'advert'; readonly priority: number; readonly wire: boolean }
  | {
      readonly t: number;
      readonly kind: 'event';
      readonly do: ScenarioEventKind;
      readonly script?: string;
      readonly interface?: string;
    };

/**
 * One vrrp_instance of one router through a run: what it did (state, priority, VIPs, adverts)
 * and what was done to its router (the harness's events and the world facts they set).
 */
export interface InstanceTimeline {
  /** The router's name. */
  readonly name: string;
  readonly address: string;
  readonly instance: string;
  readonly vrid: number;
  readonly router: TraceRouter;
  readonly config: TraceInstance;
  /** Effective priority of a freshly started process. */
  readonly initialPriority: number;
  /** Every change, in trace order (the SVG timeline draws them). */
  readonly changes: readonly Change[];
  readonly state: Steps<TraceState>;
  readonly priority: Steps<number>;
  readonly vip: Steps<boolean>;
  /** The daemon process exists (between start and stop/kill). */
  readonly running: Steps<boolean>;
  /** Its interface is up and its router not isolated: its adverts reach the others. */
  readonly connected: Steps<boolean>;
  /** Every weight-0 tracker of the instance is good (scripts "ok", interfaces up). */
  readonly healthy: Steps<boolean>;
  /** Every tracker of the instance is good, weighted ones included: what a user calls healthy. */
  readonly checksPass: Steps<boolean>;
  /** Times of the scenario's events on this router. */
  readonly disturbances: readonly number[];
  /** Times it was killed (its VIP may stay behind). */
  readonly kills: readonly number[];
}

/** The instances that share a VRID on one LAN: one election. */
export interface VridGroup {
  readonly vrid: number;
  /** The LAN (TraceInstance.lan). */
  readonly lan: string;
  readonly instances: readonly InstanceTimeline[];
}

export interface Timelines {
  readonly instances: readonly InstanceTimeline[];
  readonly groups: readonly VridGroup[];
  /** Sorted times of every scenario event. */
  readonly disturbances: readonly number[];
  readonly until: number;
}

class StepsBuilder<T> implements Steps<T> {
  readonly times: number[] = [];
  readonly values: T[] = [];
  constructor(private current: T) {}
  set(t: number, value: T): void {
    if (value === this.current) return;
    this.current = value;
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === t) this.values[last] = value;
    else {
      this.times.push(t);
      this.values.push(value);
    }
  }
}

/** What the facts of one router say at each moment, as it folds them. */
class RouterFacts {
  running = false;
  isolated = false;
  readonly down = new Set<string>();
  readonly failing = new Set<string>();
  /** track_file numbers, and the tracked processes that are gone. */
  readonly files = new Map<string, number>();
  readonly gone = new Set<string>();
  constructor(router: TraceRouter) {
    for (const script of router.scripts) if (script.initially !== 'ok') this.failing.add(script.name);
    for (const file of router.files ?? []) this.files.set(file.name, file.initially);
    for (const process of router.processes ?? []) if (!process.initially) this.gone.add(process.name);
  }
  /** A tracker is good: its object is (a file: its number × weight is not negative, and weight 0 wants 0). */
  good(tracker: TraceTracker): boolean {
    switch (tracker.kind) {
      case 'script':
        return !this.failing.has(tracker.name);
      case 'file': {
        const value = this.files.get(tracker.name) ?? 0;
        return tracker.weight === 0 ? value === 0 : value * tracker.weight * (tracker.reverse ? -1 : 1) >= 0;
      }
      case 'process':
        return !this.gone.has(tracker.name);
      default:
        return !this.down.has(tracker.name);
    }
  }
}

function instanceFold(trace: Trace, router: TraceRouter, config: TraceInstance): InstanceTimeline {
  const initialPriority = config.priority;
  const changes: Change[] = [];
  const state = new StepsBuilder<TraceState>('INIT');
  const priority = new StepsBuilder<number>(initialPriority);
  const vip = new StepsBuilder<boolean>(false);
  const running = new StepsBuilder(false);
  const connected = new StepsBuilder(false);
  const healthy = new StepsBuilder(false);
  const checksPass = new StepsBuilder(false);
  const facts = new RouterFacts(router);
  const disturbances: number[] = [];
  const kills: number[] = [];
  const zeroWeight = config.trackers.filter((t) => t.weight === 0);
  const update = (t: number) => {
    running.set(t, facts.running);
    connected.set(t, facts.running && !facts.isolated && !facts.down.has(config.interface));
    healthy.set(t, facts.running && zeroWeight.every((tracker) => facts.good(tracker)));
    checksPass.set(t, facts.running && config.trackers.every((tracker) => facts.good(tracker)));
  };
  update(0);
  for (const entry of trace.entries) {
    if (entry.router !== router.name) continue;
    const t = entry.t;
    switch (entry.kind) {
      case 'event': {
        disturbances.push(t);
        if (entry.do === 'kill') kills.push(t);
        // every (re)start is a new process, back at its configured priority
        if (entry.do === 'start') {
          priority.set(t, initialPriority);
          changes.push({ t, kind: 'priority', priority: initialPriority, restart: true });
        }
        changes.push({
          t,
          kind: 'event',
          do: entry.do,
          ...(entry.script === undefined ? {} : { script: entry.script }),
          ...(entry.interface === undefined ? {} : { interface: entry.interface }),
        });
        update(t);
        break;
      }
      case 'process':
        facts.running = entry.running;
        update(t);
        break;
      case 'isolated':
        facts.isolated = entry.isolated;
        update(t);
        break;
      case 'link':
        if (entry.up) facts.down.delete(entry.interface);
        else facts.down.add(entry.interface);
        update(t);
        break;
      case 'check':
        if (entry.ok) facts.failing.delete(entry.script);
        else facts.failing.add(entry.script);
        update(t);
        break;
      case 'file':
        facts.files.set(entry.file, entry.value);
        update(t);
        break;
      case 'tracked-process':
        if (entry.running) facts.gone.delete(entry.process);
        else facts.gone.add(entry.process);
        update(t);
        break;
      case 'state':
        if (entry.instance !== config.name) break;
        state.set(t, entry.state);
        changes.push({ t, kind: 'state', state: entry.state });
        break;
      case 'priority':
        if (entry.instance !== config.name) break;
        priority.set(t, entry.to);
        changes.push({ t, kind: 'priority', priority: entry.to });
        break;
      case 'vip':
        if (entry.instance !== config.name) break;
        vip.set(t, entry.held);
        changes.push({ t, kind: 'vip', held: entry.held });
        break;
      case 'advert':
        if (entry.instance !== config.name) break;
        changes.push({ t, kind: 'advert', priority: entry.priority, wire: entry.wire });
        break;
      case 'log':
        break;
    }
  }
  return {
    name: router.name,
    address: router.address,
    instance: config.name,
    vrid: config.vrid,
    router,
    config,
    initialPriority,
    changes,
    state,
    priority,
    vip,
    running,
    connected,
    healthy,
    checksPass,
    disturbances,
    kills,
  };
}

const cache = new WeakMap<Trace, Timelines>();

/**
 * The trace folded into per-instance timelines, once per trace: what each instance did, and the
 * facts of its router (running, connected, healthy) as the trace recorded them. The one reading
 * of a trace that the claims and the timeline drawings share.
 */
export function timelines(trace: Trace): Timelines {
  const cached = cache.get(trace);
  if (cached !== undefined) return cached;
  const instances = trace.routers.flatMap((router) =>
    router.instances.map((config) => instanceFold(trace, router, config)),
  );
  const keys = [...new Map(instances.map((i) => [`${i.vrid} ${i.config.lan}`, i])).values()].sort(
    (a, b) => a.vrid - b.vrid || (a.config.lan < b.config.lan ? -1 : a.config.lan > b.config.lan ? 1 : 0),
  );
  const result: Timelines = {
    instances,
    groups: keys.map(({ vrid, config: { lan } }) => ({
      vrid,
      lan,
      instances: instances.filter((i) => i.vrid === vrid && i.config.lan === lan),
    })),
    disturbances: trace.entries.flatMap((e) => (e.kind === 'event' ? [e.t] : [])),
    until: trace.until,
  };
  cache.set(trace, result);
  return result;
}
