import type { Cluster } from '../cluster.ts';
import type { Scenario } from '../scenario.ts';
import type { Trace, TraceState } from '../trace.ts';

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
    if ((steps.times[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? before : (steps.values[found] as T);
}

/** What one router did and what was done to it, as step functions of time (seconds). */
export interface RouterTimeline {
  readonly name: string;
  readonly address: string;
  /** Effective priority of a freshly started process. */
  readonly initialPriority: number;
  /** The first instance's state (the suite's clusters run one instance per router). */
  readonly state: Steps<TraceState>;
  readonly priority: Steps<number>;
  readonly vip: Steps<boolean>;
  /** The daemon process exists (between start and stop/kill). */
  readonly running: Steps<boolean>;
  /** Its LAN interface is up and it is not isolated: its adverts reach the others. */
  readonly connected: Steps<boolean>;
  /** Every weight-0 tracker's intended outcome is good (scripts "ok", interfaces up). */
  readonly healthy: Steps<boolean>;
  /** Every tracker's intended outcome is good, weighted ones included: what a user calls healthy. */
  readonly checksPass: Steps<boolean>;
  /** Times of the scenario's events on this router. */
  readonly disturbances: readonly number[];
  /** Times it was killed (its VIP may stay behind). */
  readonly kills: readonly number[];
}

export interface TraceAnalysis {
  readonly routers: readonly RouterTimeline[];
  /** Sorted times of every scenario event. */
  readonly disturbances: readonly number[];
  readonly until: number;
}

class StepsBuilder<T> {
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

const cache = new WeakMap<Trace, TraceAnalysis>();

/**
 * Per-router timelines of a run, computed once per trace. Health and connectivity follow the
 * scenario's events (what the harness did), state, priority and VIP follow the trace (what the
 * routers did).
 */
export function analyseTrace(trace: Trace, scenario: Scenario, cluster: Cluster): TraceAnalysis {
  const cached = cache.get(trace);
  if (cached !== undefined) return cached;
  const disturbances = scenario.events.map((e) => e.at).sort((a, b) => a - b);
  const routers = cluster.routers.map((spec): RouterTimeline => {
    const state = new StepsBuilder<TraceState>('INIT');
    const base = spec.instances[0]?.config.basePriority ?? 0;
    // keepalived 1.2.13 runs at 100 until its first tick when `priority` is omitted
    const initialPriority = base === 0 ? 100 : base;
    const priority = new StepsBuilder<number>(initialPriority);
    // every (re)start is a new process, back at its configured priority
    const restarts = scenario.events.filter((e) => e.router === spec.name && e.do === 'start').map((e) => e.at);
    let nextRestart = 0;
    const vip = new StepsBuilder<boolean>(false);
    const first = spec.instances[0]?.config.name;
    for (const entry of trace.entries) {
      if (
        entry.router !== spec.name ||
        ('instance' in entry && entry.instance !== undefined && entry.instance !== first)
      ) {
        continue;
      }
      while (nextRestart < restarts.length && (restarts[nextRestart] as number) <= entry.t) {
        priority.set(restarts[nextRestart] as number, initialPriority);
        nextRestart++;
      }
      if (entry.kind === 'state') state.set(entry.t, entry.state);
      else if (entry.kind === 'priority') priority.set(entry.t, entry.to);
      else if (entry.kind === 'vip') vip.set(entry.t, entry.held);
    }

    const running = new StepsBuilder(false);
    const connected = new StepsBuilder(false);
    const healthy = new StepsBuilder(false);
    const checksPass = new StepsBuilder(false);
    const allScripts = new Set<string>();
    const allInterfaces = new Set<string>();
    const outcome = new Map(spec.scripts.map((s) => [s.name, s.initialOutcome] as const));
    const zeroWeightScripts = new Set<string>();
    const zeroWeightInterfaces = new Set<string>();
    for (const instance of spec.instances) {
      for (const tracker of instance.config.trackers) {
        (tracker.kind === 'script' ? allScripts : allInterfaces).add(tracker.name);
        if (tracker.weight !== 0) continue;
        if (tracker.kind === 'script') zeroWeightScripts.add(tracker.name);
        else zeroWeightInterfaces.add(tracker.name);
      }
    }
    // as in the simulator: an interface is up when administratively up and with carrier
    const adminDown = new Set<string>();
    const carrierDown = new Set<string>();
    const isDown = (name: string) => adminDown.has(name) || carrierDown.has(name);
    let isRunning = false;
    let isolated = false;
    const events = scenario.events
      .map((event, index) => ({ event, index }))
      .filter(({ event }) => event.router === spec.name)
      .sort((a, b) => a.event.at - b.event.at || a.index - b.index);
    const update = (t: number) => {
      running.set(t, isRunning);
      connected.set(t, isRunning && !isolated && !isDown(spec.lanInterface));
      const scriptsGood = [...zeroWeightScripts].every((name) => outcome.get(name) !== 'fail');
      const ifacesGood = [...zeroWeightInterfaces].every((name) => !isDown(name));
      healthy.set(t, isRunning && scriptsGood && ifacesGood);
      const allGood =
        [...allScripts].every((name) => outcome.get(name) !== 'fail') && [...allInterfaces].every((n) => !isDown(n));
      checksPass.set(t, isRunning && allGood);
    };
    const kills: number[] = [];
    update(0);
    for (const { event } of events) {
      const iface = event.interface ?? spec.lanInterface;
      switch (event.do) {
        case 'start':
          isRunning = true;
          break;
        case 'stop':
          isRunning = false;
          break;
        case 'kill':
          isRunning = false;
          kills.push(event.at);
          break;
        case 'fail':
        case 'ok':
          outcome.set(event.script ?? spec.scripts[0]?.name ?? '', event.do);
          break;
        case 'linkdown':
          adminDown.add(iface);
          break;
        case 'linkup':
          adminDown.delete(iface);
          break;
        case 'cut':
          carrierDown.add(iface);
          break;
        case 'uncut':
          carrierDown.delete(iface);
          break;
        case 'isolate':
          isolated = true;
          break;
        case 'rejoin':
          isolated = false;
          break;
      }
      update(event.at);
    }
    return {
      name: spec.name,
      address: spec.address,
      initialPriority,
      state,
      priority,
      vip,
      running,
      connected,
      healthy,
      checksPass,
      disturbances: events.map(({ event }) => event.at),
      kills,
    };
  });
  const analysis = { routers, disturbances, until: trace.until };
  cache.set(trace, analysis);
  return analysis;
}
