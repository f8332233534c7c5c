import { secondsToUs, US_PER_SECOND } from '../../model/formulas.ts';
import { initialScriptCounter, type ScriptCounter, scriptRan } from '../../model/scriptCounter.ts';
import { createStepper, type InstanceEffect, type InstanceSnapshot, type Stepper } from '../../model/stepper.ts';
import { trackedPriority } from '../../model/tracking.ts';
import { type InstanceEvent, NO_DEADLINE, type TrackerStatus } from '../../model/types.ts';
import type { Cluster, InstanceSpec, RouterSpec, ScriptSpec } from '../../src/cluster.ts';
import type { Jitter, ScenarioEvent, ScriptOutcome } from '../../src/scenario.ts';
import type { Trace, TraceEntry, TraceState } from '../../src/trace.ts';
import { EventQueue, Phase } from './legacyEventQueue.ts';
import { seededRandom } from './legacyRandom.ts';

interface InstanceRun {
  readonly spec: InstanceSpec;
  readonly name: string;
  snapshot: InstanceSnapshot | null;
  state: TraceState;
  /** Deadline currently in the queue, and its generation. */
  scheduled: number;
  gen: number;
  /** VIPs on this router's interface for this instance; survives a kill. */
  vipHeld: boolean;
  /** The router epoch (process run) that added them: keepalived's `vipset` is per process. */
  vipEpoch: number;
}

interface ScriptRun {
  readonly spec: ScriptSpec;
  counter: ScriptCounter;
  outcome: ScriptOutcome;
  /** (instance, tracker) pairs that track this script. */
  readonly trackedBy: readonly (readonly [number, number])[];
}

interface RouterRun {
  readonly spec: RouterSpec;
  running: boolean;
  /** Bumped at every start, stop and kill: queued script runs and ticks of an older run are stale. */
  epoch: number;
  /** Per interface name: administratively up (linkdown/linkup) and carrier present (cut/uncut). */
  readonly admin: Map<string, boolean>;
  readonly carrier: Map<string, boolean>;
  isolated: boolean;
  /** The daemon is still starting up (its VRRP not yet initialised). */
  startingUp: boolean;
  /** With jitter: when the daemon's current wake-up happens; timers due by then fire with it. */
  wakeAt: number;
  readonly instances: InstanceRun[];
  readonly scripts: ScriptRun[];
}

/** Receivers of a VRID: every instance with that VRID, as [router, instance] pairs. */
type PeerMap = ReadonlyMap<number, readonly (readonly [number, number])[]>;

function stateOf(snapshot: InstanceSnapshot): TraceState {
  const value = snapshot.value as string | { master: string };
  if (typeof value !== 'string') return value.master === 'active' ? 'MASTER' : 'TRANSITION';
  switch (value) {
    case 'backup':
      return 'BACKUP';
    case 'fault':
      return 'FAULT';
    case 'gotoMaster':
      return 'GOTO_MASTER';
    case 'stopped':
      return 'STOPPED';
    default:
      return 'INIT';
  }
}

const seconds = (us: number) => us / US_PER_SECOND;

/**
 * Runs a cluster through a scenario's events on a virtual clock and returns the trace.
 * Deterministic: the same cluster, events and jitter give the same trace, entry for entry.
 */
export function legacySimulate(
  cluster: Cluster,
  events: readonly ScenarioEvent[],
  untilSeconds: number,
  stepper: Stepper = createStepper(),
  jitter?: Jitter,
): Trace {
  const semantics = cluster.profile.semantics;
  const timing = cluster.profile.timing;
  const untilUs = secondsToUs(untilSeconds);
  const queue = new EventQueue();
  const entries: TraceEntry[] = [];
  let now = 0;
  // one draw per (advert, receiver), per wake-up and per advert that may start a preempt clock,
  // in the order they happen, so a seed replays the same delays
  const jitterUs = jitter === undefined ? 0 : secondsToUs(jitter.max);
  const random = jitterUs > 0 && jitter !== undefined ? seededRandom(jitter.seed) : null;
  /** Per router and instance: its preempt clock starts at an advert (2.2.7 with a preempt_delay). */
  const drawsClockLag = cluster.routers.map((router) =>
    router.instances.map(
      (instance) => semantics.preemptDelayFromFirstLowerAdvert && instance.config.preemptDelayUs > 0,
    ),
  );

  const routers: RouterRun[] = cluster.routers.map((spec) => ({
    spec,
    running: false,
    epoch: 0,
    startingUp: false,
    wakeAt: -1,
    admin: new Map(),
    carrier: new Map(),
    isolated: false,
    instances: spec.instances.map((instance) => ({
      spec: instance,
      name: instance.config.name,
      snapshot: null,
      state: 'INIT' as TraceState,
      scheduled: NO_DEADLINE,
      gen: 0,
      vipHeld: false,
      vipEpoch: -1,
    })),
    scripts: spec.scripts.map((script, s) => ({
      spec: script,
      counter: initialScriptCounter(script, script.initFail),
      outcome: script.initialOutcome,
      trackedBy: spec.instances.flatMap((instance, i) =>
        instance.scriptOf.flatMap((index, tracker) => (index === s ? [[i, tracker] as const] : [])),
      ),
    })),
  }));

  // An advert reaches its receivers last router first: the Linux bridge floods in port_list order
  // and br_add_if (net/bridge/br_if.c) adds each new port at the head of that list.
  const peers: PeerMap = (() => {
    const map = new Map<number, [number, number][]>();
    routers.forEach((router, r) => {
      router.instances.forEach((instance, i) => {
        const vrid = instance.spec.config.vrid;
        const list = map.get(vrid) ?? [];
        list.unshift([r, i]);
        map.set(vrid, list);
      });
    });
    return map;
  })();

  const ifaceUp = (router: RouterRun, name: string) =>
    router.admin.get(name) !== false && router.carrier.get(name) !== false;
  const onLan = (router: RouterRun) => router.running && !router.isolated && ifaceUp(router, router.spec.lanInterface);

  const trackerStatuses = (router: RouterRun, instance: InstanceRun): TrackerStatus[] =>
    instance.spec.config.trackers.map((tracker, t) => {
      if (tracker.kind === 'interface') return ifaceUp(router, tracker.name) ? 'up' : 'down';
      const script = router.scripts[instance.spec.scriptOf[t] ?? -1];
      return script?.counter.status ?? 'init';
    });

  const orderOf = (r: number, i: number) => r * 64 + i;
  // when a daemon wakes for a timer due at dueUs: wakeLagUs late on 1.2.13 (its select() slack),
  // for every timer however it was armed
  const wakeFor = (dueUs: number) => dueUs + timing.wakeLagUs;

  function schedule(r: number, i: number, instance: InstanceRun): void {
    const sands = instance.snapshot?.context.sands ?? NO_DEADLINE;
    if (sands === instance.scheduled) return;
    instance.gen++;
    instance.scheduled = sands;
    if (sands !== NO_DEADLINE && sands <= untilUs)
      queue.push(wakeFor(sands), Phase.Deadline, orderOf(r, i), r, i, instance.gen);
  }

  function send(r: number, i: number, priority: number): void {
    const router = routers[r] as RouterRun;
    const instance = router.instances[i] as InstanceRun;
    const config = instance.spec.config;
    const wire = onLan(router);
    entries.push({
      t: seconds(now),
      router: router.spec.name,
      kind: 'advert',
      instance: instance.name,
      vrid: config.vrid,
      priority,
      wire,
    });
    if (!wire) return;
    const unicast = instance.spec.unicastPeers;
    for (const [pr, pi] of peers.get(config.vrid) ?? []) {
      if (pr === r) continue;
      const peer = routers[pr] as RouterRun;
      if (!onLan(peer)) continue;
      if (unicast.length > 0 && !unicast.includes(peer.spec.address)) continue;
      const delay = random === null ? 0 : random.below(jitterUs + 1);
      queue.push(now + delay, Phase.Delivery, 0, pr, pi, peer.epoch, priority, orderOf(r, i));
    }
  }

  function apply(r: number, i: number, next: InstanceSnapshot, effects: readonly InstanceEffect[]): void {
    const router = routers[r] as RouterRun;
    const instance = router.instances[i] as InstanceRun;
    const t = seconds(now);
    const name = router.spec.name;
    // the priority is recorded where the machine says keepalived set it; other changes are silent
    let reported = instance.snapshot?.context.effectivePriority ?? next.context.effectivePriority;
    instance.snapshot = next;
    for (const effect of effects) {
      switch (effect.type) {
        case 'effective priority set':
          if (effect.priority !== reported) {
            entries.push({
              t,
              router: name,
              kind: 'priority',
              instance: instance.name,
              from: reported,
              to: effect.priority,
            });
            reported = effect.priority;
          }
          break;
        case 'send advertisement':
          send(r, i, effect.priority);
          break;
        case 'add virtual addresses':
          instance.vipEpoch = router.epoch;
          if (!instance.vipHeld) {
            instance.vipHeld = true;
            entries.push({ t, router: name, kind: 'vip', instance: instance.name, held: true });
          }
          break;
        case 'remove virtual addresses':
          if (instance.vipHeld && instance.vipEpoch === router.epoch) {
            instance.vipHeld = false;
            entries.push({ t, router: name, kind: 'vip', instance: instance.name, held: false });
          }
          break;
        case 'log':
          entries.push({ t, router: name, kind: 'log', instance: instance.name, ...effect.message });
          break;
      }
    }
    if (next.context.effectivePriority !== reported) {
      const to = next.context.effectivePriority;
      entries.push({ t, router: name, kind: 'priority', instance: instance.name, from: reported, to, silent: true });
    }
    const state = stateOf(next);
    if (state !== instance.state) {
      entries.push({ t, router: name, kind: 'state', instance: instance.name, state, from: instance.state });
      instance.state = state;
    }
    schedule(r, i, instance);
  }

  function step(r: number, i: number, event: InstanceEvent): void {
    const instance = (routers[r] as RouterRun).instances[i] as InstanceRun;
    if (instance.snapshot === null) return;
    const [next, effects] = stepper.step(instance.snapshot, event);
    apply(r, i, next, effects);
  }

  /** The daemon is up: its instances start and its scripts run for the first time. */
  function start(r: number): void {
    const router = routers[r] as RouterRun;
    router.scripts.forEach((script) => {
      script.counter = initialScriptCounter(script.spec, script.spec.initFail);
    });
    router.instances.forEach((instance, i) => {
      for (const text of instance.spec.startWarnings) {
        entries.push({ t: seconds(now), router: router.spec.name, kind: 'log', msg: 'config-warning', text });
      }
      if (instance.vipHeld && semantics.startRemovesLeftoverVips) {
        instance.vipHeld = false;
        entries.push({ t: seconds(now), router: router.spec.name, kind: 'vip', instance: instance.name, held: false });
      }
      instance.snapshot = stepper.initial({ semantics, timing, config: instance.spec.config });
      instance.state = 'INIT';
      step(r, i, { type: 'START', now, trackers: trackerStatuses(router, instance) });
      if (semantics.periodicPriorityTick) {
        queue.push(
          wakeFor(now + instance.spec.config.advertIntUs),
          Phase.PriorityTick,
          orderOf(r, i),
          r,
          i,
          router.epoch,
        );
      }
    });
    router.scripts.forEach((_, s) => {
      queue.push(now, Phase.ScriptRun, orderOf(r, s), r, s, router.epoch);
    });
  }

  function halt(r: number, graceful: boolean): void {
    const router = routers[r] as RouterRun;
    if (graceful) entries.push({ t: seconds(now), router: router.spec.name, kind: 'log', msg: 'stopping' });
    router.instances.forEach((instance, i) => {
      if (graceful) step(r, i, { type: 'STOP', now });
      else if (instance.state !== 'STOPPED' && instance.state !== 'INIT') {
        entries.push({
          t: seconds(now),
          router: router.spec.name,
          kind: 'state',
          instance: instance.name,
          state: 'STOPPED',
          from: instance.state,
        });
        instance.state = 'STOPPED';
      }
      instance.snapshot = null;
      instance.gen++;
      instance.scheduled = NO_DEADLINE;
    });
    router.running = false;
    router.startingUp = false;
    router.epoch++;
  }

  function interfaceChanged(r: number, name: string, wasUp: boolean): void {
    const router = routers[r] as RouterRun;
    const up = ifaceUp(router, name);
    if (up === wasUp || !router.running) return;
    entries.push({
      t: seconds(now),
      router: router.spec.name,
      kind: 'log',
      msg: 'interface-changed',
      interface: name,
      up,
    });
    router.instances.forEach((instance, i) => {
      instance.spec.config.trackers.forEach((tracker, index) => {
        if (tracker.kind === 'interface' && tracker.name === name) {
          step(r, i, { type: 'TRACKER', now, index, status: up ? 'up' : 'down' });
        }
      });
    });
  }

  function scenarioEvent(event: ScenarioEvent): void {
    const r = routers.findIndex((router) => router.spec.name === event.router);
    const router = routers[r];
    if (router === undefined) return;
    entries.push({
      t: seconds(now),
      router: event.router,
      kind: 'event',
      do: event.do,
      ...(event.script === undefined ? {} : { script: event.script }),
      ...(event.interface === undefined ? {} : { interface: event.interface }),
    });
    const iface = event.interface ?? router.spec.lanInterface;
    switch (event.do) {
      case 'start':
        if (!router.running) {
          router.running = true;
          router.startingUp = true;
          router.epoch++;
          queue.push(now + timing.startupUs, Phase.Startup, r, r, 0, router.epoch);
        }
        return;
      case 'stop':
        // a SIGTERM before keepalived has set up its signal handling kills it silently, like a
        // kill (conform: 16 runs of 17 sent 2–10 ms after the start; docs/conformance.md)
        if (router.running) halt(r, !router.startingUp);
        return;
      case 'kill':
        if (router.running) halt(r, false);
        return;
      case 'fail':
      case 'ok': {
        const script = router.scripts.find((s) => s.spec.name === event.script) ?? router.scripts[0];
        if (script !== undefined) script.outcome = event.do;
        return;
      }
      case 'linkdown':
      case 'linkup': {
        const wasUp = ifaceUp(router, iface);
        router.admin.set(iface, event.do === 'linkup');
        interfaceChanged(r, iface, wasUp);
        return;
      }
      case 'cut':
      case 'uncut': {
        const wasUp = ifaceUp(router, iface);
        router.carrier.set(iface, event.do === 'uncut');
        interfaceChanged(r, iface, wasUp);
        return;
      }
      case 'isolate':
      case 'rejoin':
        router.isolated = event.do === 'isolate';
        return;
    }
  }

  function runScript(r: number, s: number): void {
    const router = routers[r] as RouterRun;
    const script = router.scripts[s] as ScriptRun;
    const exit = script.outcome === 'ok' ? 0 : 1;
    const run = scriptRan(semantics, script.spec, script.counter, exit);
    const t = seconds(now);
    const name = router.spec.name;
    if (run.exitChanged)
      entries.push({
        t,
        router: name,
        kind: 'log',
        msg: 'script-now-returning',
        script: script.spec.name,
        status: exit,
      });
    if (run.transition === 'succeeded')
      entries.push({ t, router: name, kind: 'log', msg: 'script-succeeded', script: script.spec.name });
    if (run.transition === 'failed') {
      entries.push({ t, router: name, kind: 'log', msg: 'script-failed', script: script.spec.name, status: exit });
    }
    const changed = run.counter.status !== script.counter.status;
    script.counter = run.counter;
    if (changed) {
      for (const [i, index] of script.trackedBy)
        step(r, i, { type: 'TRACKER', now, index, status: run.counter.status });
    }
  }

  const sorted = events.map((event, index) => ({ event, index, at: secondsToUs(event.at) }));
  sorted.sort((a, b) => a.at - b.at || a.index - b.index);
  for (const { index, at } of sorted) {
    if (at <= untilUs) queue.push(at, Phase.Scenario, index, -1, index, 0);
  }

  /** A timer still armed: not re-armed since (deadline generation), nor of an earlier run of its daemon. */
  const armed = (router: RouterRun, phase: Phase, item: number, gen: number): boolean =>
    phase === Phase.Deadline ? router.instances[item]?.gen === gen : router.epoch === gen;

  for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
    if (item.t > untilUs) break;
    now = item.t;
    const router = routers[item.router];
    const timer = item.phase === Phase.Deadline || item.phase === Phase.PriorityTick || item.phase === Phase.ScriptRun;
    // a timer re-armed or cancelled since it was queued fires nothing, and with jitter wakes nobody:
    // keepalived sleeps until its earliest timer still armed
    if (timer && (router === undefined || !armed(router, item.phase, item.item, item.gen))) continue;
    // with jitter a daemon wakes for a due timer a seeded delay late, and every timer of it due by
    // then fires in that wake-up, in the usual order
    if (random !== null && timer && !item.woken) {
      const daemon = router as RouterRun;
      if (daemon.wakeAt < now) daemon.wakeAt = now + random.below(jitterUs + 1);
      queue.push(daemon.wakeAt, item.phase, item.ord, item.router, item.item, item.gen, 0, -1, true);
      continue;
    }
    switch (item.phase) {
      case Phase.Scenario:
        scenarioEvent(events[item.item] as ScenarioEvent);
        break;
      case Phase.Startup:
        if (router !== undefined && router.epoch === item.gen) {
          router.startingUp = false;
          start(item.router);
        }
        break;
      // timers: armed (checked above)
      case Phase.Deadline:
        step(item.router, item.item, { type: 'TIMER', now });
        break;
      case Phase.PriorityTick: {
        const instance = (router as RouterRun).instances[item.item] as InstanceRun;
        const context = instance.snapshot?.context;
        // vrrp_update_priority only sets the priority: a tick that would not change it is skipped
        if (
          context !== undefined &&
          trackedPriority(semantics, context.basePriority, context.config.trackers, context.trackers) !==
            context.effectivePriority
        ) {
          step(item.router, item.item, { type: 'PRIORITY_TICK', now });
        }
        queue.push(
          wakeFor(now + instance.spec.config.advertIntUs + timing.timerLagUs),
          Phase.PriorityTick,
          item.ord,
          item.router,
          item.item,
          item.gen,
        );
        break;
      }
      case Phase.ScriptRun: {
        runScript(item.router, item.item);
        const script = (router as RouterRun).scripts[item.item] as ScriptRun;
        queue.push(
          wakeFor(now + script.spec.intervalUs + timing.timerLagUs),
          Phase.ScriptRun,
          item.ord,
          item.router,
          item.item,
          item.gen,
        );
        break;
      }
      case Phase.Delivery: {
        // the LAN was checked at the send: an advert already on its way still arrives
        if (router === undefined || router.epoch !== item.gen || !router.running) break;
        const sender = (routers[item.from >> 6] as RouterRun).instances[item.from & 63] as InstanceRun;
        const config = sender.spec.config;
        const from = config.address;
        const fromNum = config.addressNum;
        const priority = item.priority;
        // with jitter a preempt clock's start lag is a latency too (a log write, then a fresh clock
        // read): drawn per advert, from 0 to twice its measured mean, so that at a preempt_delay tie
        // the advert falls inside the delay in most runs and after it in some (profiles.ts)
        if (random !== null && drawsClockLag[item.router]?.[item.item] === true) {
          const clockLagUs = random.below(2 * timing.preemptClockLagUs + 1);
          step(item.router, item.item, { type: 'ADVERT', now, from, fromNum, priority, clockLagUs });
        } else {
          step(item.router, item.item, { type: 'ADVERT', now, from, fromNum, priority });
        }
        break;
      }
    }
  }

  return {
    profile: cluster.profile.name,
    until: untilSeconds,
    routers: cluster.routers.map((r) => ({
      name: r.name,
      address: r.address,
      instances: r.instances.map((i) => ({
        name: i.config.name,
        vrid: i.config.vrid,
        priority: i.config.basePriority === 0 ? 100 : i.config.basePriority,
        advertInt: i.config.advertIntUs / US_PER_SECOND,
        vips: i.config.vips.length,
        peers: i.unicastPeers,
      })),
    })),
    entries,
  };
}
