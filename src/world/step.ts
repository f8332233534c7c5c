import { PRIORITY_OWNER, US_PER_SECOND } from '../../model/formulas.ts';
import { initialScriptCounter, scriptRan } from '../../model/scriptCounter.ts';
import type { InstanceEffect, InstanceSnapshot } from '../../model/stepper.ts';
import { memberIsDown, wantsMaster } from '../../model/syncGroup.ts';
import { awaitsFirstScriptResult, firstFaultingTracker, trackedPriority } from '../../model/tracking.ts';
import {
  type GroupState,
  type GroupSync,
  type GroupView,
  type InstanceEvent,
  NO_DEADLINE,
  type TrackerStatus,
} from '../../model/types.ts';
import type { ScenarioEvent } from '../scenario.ts';
import { drawBelow } from '../seededRandom.ts';
import type { TraceEntry, TraceState } from '../trace.ts';
import { Draft } from './draft.ts';
import type { Statics } from './statics.ts';
import { NONE, type RouterState, type Stimulus, type TimerKind, type World } from './world.ts';

const NO_ENTRIES: readonly TraceEntry[] = Object.freeze([]);
const seconds = (us: number) => us / US_PER_SECOND;

/**
 * The world's one step: what a stimulus does to the whole world, and what the trace records of
 * it. Pure: the world given is not changed; the same world and stimulus give the same result.
 * The order of the rules inside a step is keepalived's (each cited where it is applied).
 */
export function step(statics: Statics, world: World, stimulus: Stimulus): [World, readonly TraceEntry[]] {
  const entries: TraceEntry[] = [];
  const next = apply(statics, new Draft(world, entries, false), stimulus);
  return [next, entries.length === 0 ? NO_ENTRIES : entries];
}

/**
 * The same step on a world the caller owns outright and never reads again (the simulator's
 * loop): written in place, its trace entries appended to `entries`. Same rules, same result.
 */
export function stepOwned(statics: Statics, world: World, stimulus: Stimulus, entries: TraceEntry[]): World {
  return apply(statics, new Draft(world, entries, true), stimulus);
}

function apply(statics: Statics, w: Draft, stimulus: Stimulus): World {
  w.now = stimulus.t;
  switch (stimulus.kind) {
    case 'event':
      scenarioEvent(statics, w, stimulus.event);
      break;
    case 'startup':
      w.writeRouter(stimulus.router).startupAt = NONE;
      start(statics, w, stimulus.router);
      break;
    case 'wake':
      wake(statics, w, stimulus.router, stimulus.timer, stimulus.index);
      break;
    case 'timer':
      fire(statics, w, stimulus.router, stimulus.timer, stimulus.index);
      break;
    case 'delivery':
      deliver(statics, w, stimulus.index);
      break;
  }
  return w.finish();
}

// --- the rules

/** When a daemon wakes for a timer due at `dueUs`: 1.2.13 wakeLagUs late (its select() slack). */
function wakeFor(statics: Statics, dueUs: number): number {
  return dueUs + statics.timing.wakeLagUs;
}

function ifaceUp(router: RouterState, name: string): boolean {
  return !router.adminDown.includes(name) && !router.carrierDown.includes(name);
}

/** Instance i of router r is on its LAN: the process runs, the router is not cut off, the instance's interface is up. */
function onLan(statics: Statics, router: RouterState, r: number, i: number): boolean {
  const iface = statics.cluster.routers[r]?.instances[i]?.config.interface;
  return router.running && !router.isolated && iface !== undefined && ifaceUp(router, iface);
}

function trackerStatuses(statics: Statics, w: Draft, r: number, i: number): TrackerStatus[] {
  const router = w.router(r);
  const spec = statics.cluster.routers[r]?.instances[i];
  if (spec === undefined) return [];
  return spec.config.trackers.map((tracker, t): TrackerStatus => {
    switch (tracker.kind) {
      case 'interface':
        return ifaceUp(router, tracker.name) ? 'up' : 'down';
      case 'file':
        return router.files[spec.fileOf[t] ?? -1] ?? 0;
      case 'process':
        return router.processes[spec.processOf[t] ?? -1]?.up === false ? 'down' : 'up';
      default:
        return router.scripts[spec.scriptOf[t] ?? -1]?.counter.status ?? 'init';
    }
  });
}

/** What member i of router r's sync group g sees of it now (model/syncGroup.ts). */
function groupView(statics: Statics, w: Draft, r: number, g: number, i: number): GroupView {
  const router = w.router(r);
  let othersWantMaster = true;
  let othersDown = false;
  for (const j of statics.cluster.routers[r]?.syncGroups[g]?.members ?? []) {
    if (j === i) continue;
    const machine = router.instances[j]?.machine ?? null;
    if (machine === null || !wantsMaster(machine)) othersWantMaster = false;
    if (machine !== null && memberIsDown(machine)) othersDown = true;
  }
  return { state: router.groups[g] ?? 'BACKUP', othersWantMaster, othersDown };
}

/** With jitter: a timer is due and its daemon wakes a drawn delay later, or joins the wake-up already drawn. */
function wake(statics: Statics, w: Draft, r: number, kind: TimerKind, index: number): void {
  const router = w.writeRouter(r);
  if (router.wakeAt < w.now) {
    const draw = drawBelow(w.random ?? 0, statics.jitterUs + 1);
    w.random = draw.state;
    router.wakeAt = w.now + draw.value;
  }
  const woken = w.wakes++;
  if (kind === 'script') {
    const script = w.writeScript(r, index);
    script.runAt = router.wakeAt;
    script.runWoken = woken;
  } else if (kind === 'timeout') {
    const script = w.writeScript(r, index);
    script.hung = [router.wakeAt, ...script.hung.slice(1)];
    script.hungWoken = woken;
  } else if (kind === 'quorum') {
    const process = w.writeProcess(r, index);
    process.changeAt = router.wakeAt;
    process.changeWoken = woken;
  } else {
    const instance = w.writeInstance(r, index);
    if (kind === 'tick') {
      instance.tickAt = router.wakeAt;
      instance.tickWoken = woken;
    } else {
      instance.deadlineAt = router.wakeAt;
      instance.deadlineWoken = woken;
    }
  }
}

/** A timer fires (on time, or in its daemon's wake-up under jitter). */
function fire(statics: Statics, w: Draft, r: number, kind: TimerKind, index: number): void {
  const timing = statics.timing;
  if (kind === 'deadline') {
    // the deadline is used up; the machine arms the next one
    const instance = w.writeInstance(r, index);
    instance.deadlineAt = NONE;
    instance.deadlineWoken = NONE;
    stepInstance(statics, w, r, index, { type: 'TIMER', now: w.now });
  } else if (kind === 'tick') {
    const context = w.instance(r, index).machine?.context;
    // vrrp_update_priority only sets the priority: a tick that would not change it is skipped
    if (
      context !== undefined &&
      trackedPriority(statics.semantics, context.basePriority, context.config.trackers, context.trackers) !==
        context.effectivePriority
    ) {
      stepInstance(statics, w, r, index, { type: 'PRIORITY_TICK', now: w.now });
    }
    const advertIntUs = statics.cluster.routers[r]?.instances[index]?.config.advertIntUs ?? 0;
    const instance = w.writeInstance(r, index);
    instance.tickAt = wakeFor(statics, w.now + advertIntUs + timing.timerLagUs);
    instance.tickWoken = NONE;
  } else if (kind === 'script') {
    runScript(statics, w, r, index);
    const intervalUs = statics.cluster.routers[r]?.scripts[index]?.intervalUs ?? 0;
    const script = w.writeScript(r, index);
    script.runAt = wakeFor(statics, w.now + intervalUs + timing.timerLagUs);
    script.runWoken = NONE;
  } else if (kind === 'timeout') {
    const script = w.writeScript(r, index);
    script.hung = script.hung.slice(1);
    script.hungWoken = NONE;
    scriptResult(statics, w, r, index, 'timeout');
  } else {
    const process = w.writeProcess(r, index);
    process.changeAt = NONE;
    process.changeWoken = NONE;
    quorumChanged(statics, w, r, index, process.running);
  }
}

/** The head advert arrives (the LAN was checked when it was sent: an advert on its way still arrives). */
function deliver(statics: Statics, w: Draft, index: number): void {
  const list = w.deliveries();
  const item = index === 0 ? list.shift() : list.splice(index, 1)[0];
  if (item === undefined) return;
  const config = statics.cluster.routers[item.fromRouter]?.instances[item.fromInstance]?.config;
  if (config === undefined) return;
  const advert = {
    type: 'ADVERT',
    now: w.now,
    from: config.address,
    fromNum: config.addressNum,
    priority: item.priority,
  } as const;
  // with jitter a preempt clock's start lag is a latency too (a log write, then a fresh clock read):
  // drawn per advert, from 0 to twice its measured mean (profiles.ts)
  if (w.random !== null && statics.drawsClockLag[item.router]?.[item.instance] === true) {
    const draw = drawBelow(w.random, 2 * statics.timing.preemptClockLagUs + 1);
    w.random = draw.state;
    stepInstance(statics, w, item.router, item.instance, { ...advert, clockLagUs: draw.value });
  } else {
    stepInstance(statics, w, item.router, item.instance, advert);
  }
}

/** One machine step of instance i of router r; a member of a sync group gets its group's view, and its syncs reach its siblings. */
function stepInstance(statics: Statics, w: Draft, r: number, i: number, event: InstanceEvent): void {
  const g = statics.groupOf[r]?.[i] ?? -1;
  if (g >= 0) {
    stepMember(statics, w, r, i, g, event);
    return;
  }
  const machine = w.instance(r, i).machine;
  if (machine === null) return;
  const [next, effects] = statics.stepper.step(machine, event);
  carryOut(statics, w, r, i, next, effects);
}

/** stepInstance for a member of sync group g: the event carries the group's view, and a sync reaches the siblings. */
function stepMember(statics: Statics, w: Draft, r: number, i: number, g: number, event: InstanceEvent): void {
  const machine = w.instance(r, i).machine;
  if (machine === null) return;
  const seen = event.group !== undefined ? event : { ...event, group: groupView(statics, w, r, g, i) };
  const [next, effects] = statics.stepper.step(machine, seen);
  const sync = carryOut(statics, w, r, i, next, effects);
  if (sync !== null) syncSiblings(statics, w, r, g, i, sync);
}

/**
 * keepalived vrrp_sync_master/backup/fault (and 1.2.13 vrrp_sync_master_election): each other
 * member, in the group's order, is told; then the group takes the state ("sgroup->state =" after
 * the loop, so the members see the old one).
 */
function syncSiblings(statics: Statics, w: Draft, r: number, g: number, from: number, to: GroupSync): void {
  for (const j of statics.cluster.routers[r]?.syncGroups[g]?.members ?? []) {
    if (j !== from) stepInstance(statics, w, r, j, { type: 'GROUP', to, now: w.now });
  }
  if (to !== 'ELECTION') w.writeGroups(r)[g] = to;
}

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

/** Carries out a machine step's effects, in order, and records them. */
function carryOut(
  statics: Statics,
  w: Draft,
  r: number,
  i: number,
  next: InstanceSnapshot,
  effects: readonly InstanceEffect[],
): GroupSync | null {
  const instance = w.writeInstance(r, i);
  let sync: GroupSync | null = null;
  const t = seconds(w.now);
  const spec = statics.cluster.routers[r];
  const name = spec?.name ?? '';
  const instanceName = spec?.instances[i]?.config.name ?? '';
  // the priority is recorded where the machine says keepalived set it; other changes are silent
  let reported = instance.machine?.context.effectivePriority ?? next.context.effectivePriority;
  instance.machine = next;
  for (const effect of effects) {
    switch (effect.type) {
      case 'effective priority set':
        if (effect.priority !== reported) {
          w.entries.push({
            t,
            router: name,
            kind: 'priority',
            instance: instanceName,
            from: reported,
            to: effect.priority,
          });
          reported = effect.priority;
        }
        break;
      case 'send advertisement':
        send(statics, w, r, i, effect.priority);
        break;
      case 'add virtual addresses':
        instance.vipOwned = true;
        if (!instance.vipHeld) {
          instance.vipHeld = true;
          w.entries.push({ t, router: name, kind: 'vip', instance: instanceName, held: true });
        }
        break;
      case 'remove virtual addresses':
        if (instance.vipHeld && instance.vipOwned) {
          instance.vipHeld = false;
          w.entries.push({ t, router: name, kind: 'vip', instance: instanceName, held: false });
        }
        break;
      case 'log':
        w.entries.push({ t, router: name, kind: 'log', instance: instanceName, ...effect.message });
        break;
      case 'sync the group':
        // carried out once the instance's own step is recorded, as keepalived's VRRP_TSM_HANDLE follows the FSM
        sync = effect.to;
        break;
    }
  }
  if (next.context.effectivePriority !== reported) {
    const to = next.context.effectivePriority;
    w.entries.push({ t, router: name, kind: 'priority', instance: instanceName, from: reported, to, silent: true });
  }
  const state = stateOf(next);
  if (state !== instance.state) {
    w.entries.push({ t, router: name, kind: 'state', instance: instanceName, state, from: instance.state });
    instance.state = state;
  }
  // keepalived sleeps until the instance's deadline; a deadline armed again at the same time stays as it was.
  // One already past (2.2.7 vrrp_set_effective_priority moves a BACKUP's sands back by the shorter
  // skew) fires at once: scheduler.c runs a timer whose time has passed on its next turn
  const sands = next.context.sands;
  if (sands !== instance.scheduled) {
    instance.scheduled = sands;
    instance.deadlineAt = sands === NO_DEADLINE ? NONE : Math.max(w.now, wakeFor(statics, sands));
    instance.deadlineWoken = NONE;
  }
  return sync;
}

/** An advert onto the instance's LAN: to every receiver (statics.receivers) that is on it too. */
function send(statics: Statics, w: Draft, r: number, i: number, priority: number): void {
  const spec = statics.cluster.routers[r];
  const instance = spec?.instances[i];
  if (spec === undefined || instance === undefined) return;
  const to = statics.unicastTo[r]?.[i] ?? null;
  const wire = onLan(statics, w.router(r), r, i) && (to === null || to.length > 0);
  const t = seconds(w.now);
  const config = instance.config;
  // two literals rather than a spread: this is the simulator's hottest entry
  w.entries.push(
    to === null
      ? { t, router: spec.name, kind: 'advert', instance: config.name, vrid: config.vrid, priority, wire }
      : { t, router: spec.name, kind: 'advert', instance: config.name, vrid: config.vrid, priority, wire, to },
  );
  if (!wire) return;
  for (const [pr, pi] of statics.receivers[r]?.[i] ?? []) {
    if (!onLan(statics, w.router(pr), pr, pi)) continue;
    let delay = 0;
    if (w.random !== null) {
      const draw = drawBelow(w.random, statics.jitterUs + 1);
      w.random = draw.state;
      delay = draw.value;
    }
    w.addDelivery({ at: w.now + delay, router: pr, instance: pi, fromRouter: r, fromInstance: i, priority });
  }
}

/**
 * A sync group's state when its router starts (2.2.7 vrrp_sync_set_group, then
 * initialise_tracking_priorities): FAULT when a member is down, INIT while a member waits for a
 * weight-0 script's first result, MASTER when every member is an address owner configured MASTER,
 * else BACKUP. 1.2.13 polls faults later and starts every group BACKUP (vrrp_init_state).
 */
function startState(statics: Statics, r: number, g: number, statuses: readonly TrackerStatus[][]): GroupState {
  const spec = statics.cluster.routers[r];
  const members = spec?.syncGroups[g]?.members ?? [];
  const semantics = statics.semantics;
  if (semantics.faultPolled) return 'BACKUP';
  const config = (i: number) => spec?.instances[i]?.config;
  const down = (i: number) => firstFaultingTracker(semantics, config(i)?.trackers ?? [], statuses[i] ?? []) >= 0;
  if (members.some(down)) return 'FAULT';
  const awaits = (i: number) =>
    semantics.instanceWaitsForFirstScriptResult &&
    awaitsFirstScriptResult(config(i)?.trackers ?? [], statuses[i] ?? []);
  if (members.some(awaits)) return 'INIT';
  // vrrp_sync_set_group runs before vrrp_complete_instance: an owner's `state` as written counts (no state is not MASTER yet)
  const owners = members.every(
    (i) => config(i)?.basePriority === PRIORITY_OWNER && spec?.instances[i]?.asWritten.state === 'MASTER',
  );
  return owners ? 'MASTER' : 'BACKUP';
}

/** The daemon is up: its instances start (each sync group first gets its start state) and its scripts run for the first time. */
function start(statics: Statics, w: Draft, r: number): void {
  const spec = statics.cluster.routers[r];
  if (spec === undefined) return;
  const t = seconds(w.now);
  // 2.2.7 start_vrrp: "Delaying startup for %g seconds"
  if (spec.startupDelayUs > 0) {
    w.entries.push({ t, router: spec.name, kind: 'log', msg: 'startup-delay', seconds: seconds(spec.startupDelayUs) });
  }
  spec.scripts.forEach((script, s) => {
    w.writeScript(r, s).counter = initialScriptCounter(script, script.initFail);
  });
  // the daemon reads /proc: a process counts as it is now
  spec.processes.forEach((_, p) => {
    const process = w.writeProcess(r, p);
    process.up = process.running;
  });
  const statuses = spec.instances.map((_, i) => trackerStatuses(statics, w, r, i));
  const states = spec.syncGroups.map((_, g) => startState(statics, r, g, statuses));
  if (states.length > 0) w.writeGroups(r).splice(0, states.length, ...states);
  spec.instances.forEach((instanceSpec, i) => {
    for (const text of instanceSpec.startWarnings) {
      w.entries.push({ t, router: spec.name, kind: 'log', msg: 'config-warning', text });
    }
    const instance = w.writeInstance(r, i);
    // 2.2.7 vrrp_complete_instance: a fresh start removes the VIPs a killed run left behind
    if (instance.vipHeld && statics.semantics.startRemovesLeftoverVips) {
      instance.vipHeld = false;
      w.entries.push({ t, router: spec.name, kind: 'vip', instance: instanceSpec.config.name, held: false });
    }
    instance.machine = statics.stepper.initial({
      semantics: statics.semantics,
      timing: statics.timing,
      config: instanceSpec.config,
    });
    instance.state = 'INIT';
    const trackers = statuses[i] ?? [];
    const g = statics.groupOf[r]?.[i] ?? -1;
    if (g < 0) stepInstance(statics, w, r, i, { type: 'START', now: w.now, trackers });
    else {
      // initialise_tracking_priorities walks the instances in order: "down before it" is an earlier member
      const members = spec.syncGroups[g]?.members ?? [];
      const othersDown = members.some(
        (j) =>
          j < i &&
          firstFaultingTracker(statics.semantics, spec.instances[j]?.config.trackers ?? [], statuses[j] ?? []) >= 0,
      );
      const group = { state: states[g] ?? 'BACKUP', othersWantMaster: false, othersDown };
      stepInstance(statics, w, r, i, { type: 'START', now: w.now, trackers, group });
    }
    if (statics.semantics.periodicPriorityTick) {
      const ticking = w.writeInstance(r, i);
      ticking.tickAt = wakeFor(statics, w.now + instanceSpec.config.advertIntUs);
      ticking.tickWoken = NONE;
    }
  });
  spec.scripts.forEach((_, s) => {
    const script = w.writeScript(r, s);
    script.runAt = w.now;
    script.runWoken = NONE;
  });
}

/** The process ends: gracefully (SIGTERM, shutdown_vrrp_instances) or not (a kill, or a SIGTERM during start-up). */
function halt(statics: Statics, w: Draft, r: number, graceful: boolean): void {
  const spec = statics.cluster.routers[r];
  if (spec === undefined) return;
  const t = seconds(w.now);
  if (graceful) w.entries.push({ t, router: spec.name, kind: 'log', msg: 'stopping' });
  spec.instances.forEach((instanceSpec, i) => {
    if (graceful) stepInstance(statics, w, r, i, { type: 'STOP', now: w.now });
    const instance = w.writeInstance(r, i);
    if (!graceful && instance.state !== 'STOPPED' && instance.state !== 'INIT') {
      w.entries.push({
        t,
        router: spec.name,
        kind: 'state',
        instance: instanceSpec.config.name,
        state: 'STOPPED',
        from: instance.state,
      });
      instance.state = 'STOPPED';
    }
    instance.machine = null;
    instance.scheduled = NO_DEADLINE;
    instance.deadlineAt = NONE;
    instance.deadlineWoken = NONE;
    instance.tickAt = NONE;
    instance.tickWoken = NONE;
  });
  spec.scripts.forEach((_, s) => {
    const script = w.writeScript(r, s);
    script.runAt = NONE;
    script.runWoken = NONE;
    // the hung children die with the daemon (or are reaped by nobody)
    script.hung = [];
    script.hungWoken = NONE;
  });
  spec.processes.forEach((_, p) => {
    if (w.router(r).processes[p]?.changeAt === NONE) return;
    const process = w.writeProcess(r, p);
    process.changeAt = NONE;
    process.changeWoken = NONE;
  });
  const router = w.writeRouter(r);
  router.running = false;
  router.startupAt = NONE;
  // what was on its way to the process is lost with it
  if (w.base.inFlight.some((d) => d.router === r)) {
    const list = w.deliveries();
    for (let k = list.length - 1; k >= 0; k--) if (list[k]?.router === r) list.splice(k, 1);
  }
}

function interfaceChanged(statics: Statics, w: Draft, r: number, name: string, wasUp: boolean): void {
  const router = w.router(r);
  const up = ifaceUp(router, name);
  if (up === wasUp || !router.running) return;
  const spec = statics.cluster.routers[r];
  if (spec === undefined) return;
  w.entries.push({ t: seconds(w.now), router: spec.name, kind: 'log', msg: 'interface-changed', interface: name, up });
  spec.instances.forEach((instance, i) => {
    instance.config.trackers.forEach((tracker, index) => {
      if (tracker.kind === 'interface' && tracker.name === name) {
        stepInstance(statics, w, r, i, { type: 'TRACKER', now: w.now, index, status: up ? 'up' : 'down' });
      }
    });
  });
}

const without = (list: readonly string[], name: string) => list.filter((n) => n !== name);
const withName = (list: readonly string[], name: string) => (list.includes(name) ? list : [...list, name]);

/** What the harness does: the scenario's events, faults included. */
function scenarioEvent(statics: Statics, w: Draft, event: ScenarioEvent): void {
  const r = statics.routerIndex.get(event.router);
  if (r === undefined) return;
  const spec = statics.cluster.routers[r];
  if (spec === undefined) return;
  const t = seconds(w.now);
  w.entries.push({
    t,
    router: event.router,
    kind: 'event',
    do: event.do,
    ...(event.script === undefined ? {} : { script: event.script }),
    ...(event.file === undefined ? {} : { file: event.file }),
    ...(event.process === undefined ? {} : { process: event.process }),
    ...(event.value === undefined ? {} : { value: event.value }),
    ...(event.interface === undefined ? {} : { interface: event.interface }),
  });
  // the facts the event changed follow it in the trace, before the daemons' reactions
  const factsAt = w.entries.length;
  const facts: TraceEntry[] = [];
  const router = w.router(r);
  const iface = event.interface ?? spec.lanInterface;
  switch (event.do) {
    case 'start':
      if (!router.running) {
        const next = w.writeRouter(r);
        next.running = true;
        next.startupAt = w.now + statics.timing.startupUs;
        // a new process: the VIPs a killed one left behind are not its own
        next.instances.forEach((_, i) => {
          if (w.instance(r, i).vipOwned) w.writeInstance(r, i).vipOwned = false;
        });
        facts.push({ t, router: spec.name, kind: 'process', running: true });
      }
      break;
    case 'stop':
    case 'kill':
      if (router.running) {
        // a SIGTERM before keepalived has set up its signal handling kills it silently, like a
        // kill (conform: 16 runs of 17 sent 2–10 ms after the start; docs/conformance.md)
        halt(statics, w, r, event.do === 'stop' && router.startupAt === NONE);
        facts.push({ t, router: spec.name, kind: 'process', running: false });
      }
      break;
    case 'fail':
    case 'ok':
    case 'hang': {
      if (event.file !== undefined) {
        const f = spec.files.findIndex((file) => file.name === event.file);
        const value = event.do === 'ok' ? 0 : (event.value ?? 1);
        if (f >= 0 && router.files[f] !== value) {
          w.writeFiles(r)[f] = value;
          facts.push({ t, router: spec.name, kind: 'file', file: event.file, value });
          fileChanged(statics, w, r, f, value);
        }
        break;
      }
      if (event.process !== undefined) {
        const p = spec.processes.findIndex((process) => process.name === event.process);
        const running = event.do === 'ok';
        if (p >= 0 && router.processes[p]?.running !== running) {
          w.writeProcess(r, p).running = running;
          facts.push({ t, router: spec.name, kind: 'tracked-process', process: event.process, running });
          processChanged(statics, w, r, p, running);
        }
        break;
      }
      const found = spec.scripts.findIndex((s) => s.name === event.script);
      const s = found >= 0 ? found : spec.scripts.length > 0 ? 0 : -1;
      const script = spec.scripts[s];
      if (script !== undefined && w.script(r, s).outcome !== event.do) {
        w.writeScript(r, s).outcome = event.do;
        facts.push({
          t,
          router: spec.name,
          kind: 'check',
          script: script.name,
          ok: event.do === 'ok',
          ...(event.do === 'hang' ? { hang: true as const } : {}),
        });
      }
      break;
    }
    case 'linkdown':
    case 'linkup':
    case 'cut':
    case 'uncut': {
      const wasUp = ifaceUp(router, iface);
      const next = w.writeRouter(r);
      if (event.do === 'linkdown' || event.do === 'linkup')
        next.adminDown = event.do === 'linkup' ? without(next.adminDown, iface) : withName(next.adminDown, iface);
      else
        next.carrierDown = event.do === 'uncut' ? without(next.carrierDown, iface) : withName(next.carrierDown, iface);
      const up = ifaceUp(next, iface);
      if (up !== wasUp) facts.push({ t, router: spec.name, kind: 'link', interface: iface, up });
      interfaceChanged(statics, w, r, iface, wasUp);
      break;
    }
    case 'isolate':
    case 'rejoin': {
      const isolated = event.do === 'isolate';
      if (router.isolated !== isolated) {
        w.writeRouter(r).isolated = isolated;
        facts.push({ t, router: spec.name, kind: 'isolated', isolated });
      }
      break;
    }
  }
  if (facts.length > 0) w.entries.splice(factsAt, 0, ...facts);
}

/** One run of a vrrp_script: a hung one returns nothing until its timeout; the others return at once (scriptResult). */
function runScript(statics: Statics, w: Draft, r: number, s: number): void {
  const script = w.script(r, s);
  if (script.outcome !== 'hang') {
    scriptResult(statics, w, r, s, script.outcome);
    return;
  }
  // vrrp_script_thread: system_call_script(…, timeout) — the child is killed at the timeout
  const timeoutUs = statics.cluster.routers[r]?.scripts[s]?.timeoutUs ?? 0;
  const writable = w.writeScript(r, s);
  writable.hung = [...writable.hung, wakeFor(statics, w.now + timeoutUs)];
}

/**
 * A run's result through the rise/fall counter, and the instances told of a change. A timed-out
 * run is a failure that keeps the last exit status (keepalived reaps a signalled child: 2.2.7
 * "timed_out", 1.2.13 "timed out").
 */
function scriptResult(statics: Statics, w: Draft, r: number, s: number, result: 'ok' | 'fail' | 'timeout'): void {
  const spec = statics.cluster.routers[r];
  const scriptSpec = spec?.scripts[s];
  if (spec === undefined || scriptSpec === undefined) return;
  const script = w.script(r, s);
  const exit = result === 'ok' ? 0 : 1;
  const ran = scriptRan(statics.semantics, scriptSpec, script.counter, exit);
  const run = result === 'timeout' ? { ...ran, counter: { ...ran.counter, lastExit: script.counter.lastExit } } : ran;
  const t = seconds(w.now);
  if (result !== 'timeout' && run.exitChanged)
    w.entries.push({
      t,
      router: spec.name,
      kind: 'log',
      msg: 'script-now-returning',
      script: scriptSpec.name,
      status: exit,
    });
  if (run.transition === 'succeeded')
    w.entries.push({ t, router: spec.name, kind: 'log', msg: 'script-succeeded', script: scriptSpec.name });
  if (run.transition === 'failed')
    w.entries.push(
      result === 'timeout'
        ? { t, router: spec.name, kind: 'log', msg: 'script-timed-out', script: scriptSpec.name }
        : { t, router: spec.name, kind: 'log', msg: 'script-failed', script: scriptSpec.name, status: exit },
    );
  const changed = run.counter.status !== script.counter.status;
  w.writeScript(r, s).counter = run.counter;
  if (changed) {
    for (const [i, index] of statics.trackedBy[r]?.[s] ?? [])
      stepInstance(statics, w, r, i, { type: 'TRACKER', now: w.now, index, status: run.counter.status });
  }
}

/** A track_file's new number reaches its instances at once (keepalived watches the file with inotify). */
function fileChanged(statics: Statics, w: Draft, r: number, f: number, value: number): void {
  if (w.router(r).startupAt !== NONE) return;
  for (const [i, index] of statics.trackedByFile[r]?.[f] ?? [])
    stepInstance(statics, w, r, i, { type: 'TRACKER', now: w.now, index, status: value });
}

/**
 * A tracked process went or came back (2.2.7 track_process.c): keepalived believes it after
 * terminate_delay or fork_delay, and a change undone within that delay is never believed.
 */
function processChanged(statics: Statics, w: Draft, r: number, p: number, running: boolean): void {
  const router = w.router(r);
  if (!router.running || router.startupAt !== NONE) return;
  const spec = statics.cluster.routers[r]?.processes[p];
  const process = w.writeProcess(r, p);
  if (spec === undefined) return;
  if (process.changeAt !== NONE) {
    process.changeAt = NONE;
    process.changeWoken = NONE;
    return;
  }
  if (process.up === running) return;
  const delayUs = running ? spec.gainedDelayUs : spec.lostDelayUs;
  if (delayUs > 0) {
    process.changeAt = wakeFor(statics, w.now + delayUs);
    process.changeWoken = NONE;
  } else quorumChanged(statics, w, r, p, running);
}

/** keepalived process_update_track_process_status: "Quorum lost for tracked process X", and the instances told. */
function quorumChanged(statics: Statics, w: Draft, r: number, p: number, up: boolean): void {
  const spec = statics.cluster.routers[r];
  const process = spec?.processes[p];
  if (spec === undefined || process === undefined || w.router(r).processes[p]?.up === up) return;
  w.writeProcess(r, p).up = up;
  w.entries.push({
    t: seconds(w.now),
    router: spec.name,
    kind: 'log',
    msg: 'process-quorum',
    process: process.name,
    up,
  });
  for (const [i, index] of statics.trackedByProcess[r]?.[p] ?? [])
    stepInstance(statics, w, r, i, { type: 'TRACKER', now: w.now, index, status: up ? 'up' : 'down' });
}
