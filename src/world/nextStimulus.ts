import type { Statics } from './statics.ts';
import { NONE, type Stimulus, type TimerKind, type World } from './world.ts';

/**
 * The simulator's tie-break among stimuli due at the same instant (README "Same-instant order"):
 *   1. scenario events, in file order (the simulate loop's schedule);
 *   2. daemons finishing their start-up, in router order;
 *   3. timers woken by a jittered wake-up, in the order they were woken (their due order);
 *   4. instance deadlines (keepalived `sands`), in router then instance order;
 *   5. 1.2.13 priority ticks, same order;
 *   6. script runs, in router then script order;
 *   7. hung script runs reaching their timeout, same order;
 *   8. tracked processes' terminate/fork delays ending, in router then process order;
 *   9. advert deliveries, in the order they were sent.
 * So two routers whose deadlines fall on the same µs both fire before either hears the other,
 * and an advert sent at t reaches its receivers at t, after everything else due at t.
 *
 * Each candidate gets a key within its instant: phase, then (woken timers) wake order or
 * (others) router × 64 + instance or script.
 */
const PHASE = 2 ** 40;
const NOT_WOKEN = 2 ** 39;
const SLOT = 64;
const STARTUP = 1;
const DEADLINE = 2;
const TICK = 3;
const SCRIPT = 4;
const TIMEOUT = 5;
const QUORUM = 6;
const DELIVERY = 7;
const KIND_OF_PHASE = ['', '', 'deadline', 'tick', 'script', 'timeout', 'quorum'] as const;

/** Calls `visit` for every pending stimulus of the world's own making: when, in which phase, whose. */
function visitPending(
  world: World,
  visit: (at: number, woken: number, phase: number, router: number, index: number) => void,
): void {
  const routers = world.routers;
  for (let r = 0; r < routers.length; r++) {
    const state = routers[r] as (typeof routers)[number];
    if (state.startupAt !== NONE) visit(state.startupAt, NONE, STARTUP, r, 0);
    const instances = state.instances;
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i] as (typeof instances)[number];
      visit(instance.deadlineAt, instance.deadlineWoken, DEADLINE, r, i);
      visit(instance.tickAt, instance.tickWoken, TICK, r, i);
    }
    const scripts = state.scripts;
    for (let s = 0; s < scripts.length; s++) {
      const script = scripts[s] as (typeof scripts)[number];
      visit(script.runAt, script.runWoken, SCRIPT, r, s);
      const hung = script.hung[0];
      if (hung !== undefined) visit(hung, script.hungWoken, TIMEOUT, r, s);
    }
    const processes = state.processes;
    for (let p = 0; p < processes.length; p++) {
      const process = processes[p] as (typeof processes)[number];
      visit(process.changeAt, process.changeWoken, QUORUM, r, p);
    }
  }
  const inFlight = world.inFlight;
  for (let d = 0; d < inFlight.length; d++) visit((inFlight[d] as (typeof inFlight)[number]).at, NONE, DELIVERY, d, d);
}

/** Where a stimulus stands among those due at its instant. */
function keyOf(woken: number, phase: number, router: number, index: number): number {
  if (woken !== NONE) return DEADLINE * PHASE + woken;
  // deliveries in the order they arrive (the in-flight list's order)
  if (phase === DELIVERY) return DELIVERY * PHASE + NOT_WOKEN + index;
  return phase * PHASE + NOT_WOKEN + router * SLOT + index;
}

function stimulusOf(world: World, t: number, phase: number, router: number, index: number, woken: boolean): Stimulus {
  if (phase === STARTUP) return { kind: 'startup', t, router };
  if (phase === DELIVERY) return { kind: 'delivery', t, index };
  // under jitter a due timer first wakes its daemon; the wake-up fires it
  const kind = world.random !== null && !woken ? 'wake' : 'timer';
  const timer = KIND_OF_PHASE[phase] as TimerKind;
  return { kind, t, router, timer, index };
}

/** The next stimulus of the world's own making (start-ups, timers, deliveries), or null when nothing is pending. */
export function nextStimulus(_statics: Statics, world: World): Stimulus | null {
  // the same walk as visitPending's, written out with the best candidate in locals: this is the
  // simulator's hot path (a candidate replaces the best when earlier, or as early with a lower key)
  let bestT = Number.POSITIVE_INFINITY;
  let bestKey = Number.POSITIVE_INFINITY;
  let bestPhase = 0;
  let bestRouter = 0;
  let bestIndex = 0;
  let bestWoken = false;
  let at = NONE;
  let woken = NONE;
  let key = 0;
  const routers = world.routers;
  for (let r = 0; r < routers.length; r++) {
    const state = routers[r] as (typeof routers)[number];
    at = state.startupAt;
    if (at !== NONE && at <= bestT) {
      key = keyOf(NONE, STARTUP, r, 0);
      if (at < bestT || key < bestKey) {
        bestT = at;
        bestKey = key;
        bestPhase = STARTUP;
        bestRouter = r;
        bestIndex = 0;
        bestWoken = false;
      }
    }
    const instances = state.instances;
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i] as (typeof instances)[number];
      at = instance.deadlineAt;
      if (at !== NONE && at <= bestT) {
        woken = instance.deadlineWoken;
        key = keyOf(woken, DEADLINE, r, i);
        if (at < bestT || key < bestKey) {
          bestT = at;
          bestKey = key;
          bestPhase = DEADLINE;
          bestRouter = r;
          bestIndex = i;
          bestWoken = woken !== NONE;
        }
      }
      at = instance.tickAt;
      if (at !== NONE && at <= bestT) {
        woken = instance.tickWoken;
        key = keyOf(woken, TICK, r, i);
        if (at < bestT || key < bestKey) {
          bestT = at;
          bestKey = key;
          bestPhase = TICK;
          bestRouter = r;
          bestIndex = i;
          bestWoken = woken !== NONE;
        }
      }
    }
    const scripts = state.scripts;
    for (let s = 0; s < scripts.length; s++) {
      const script = scripts[s] as (typeof scripts)[number];
      at = script.runAt;
      if (at !== NONE && at <= bestT) {
        woken = script.runWoken;
        key = keyOf(woken, SCRIPT, r, s);
        if (at < bestT || key < bestKey) {
          bestT = at;
          bestKey = key;
          bestPhase = SCRIPT;
          bestRouter = r;
          bestIndex = s;
          bestWoken = woken !== NONE;
        }
      }
      at = script.hung[0] ?? NONE;
      if (at !== NONE && at <= bestT) {
        woken = script.hungWoken;
        key = keyOf(woken, TIMEOUT, r, s);
        if (at < bestT || key < bestKey) {
          bestT = at;
          bestKey = key;
          bestPhase = TIMEOUT;
          bestRouter = r;
          bestIndex = s;
          bestWoken = woken !== NONE;
        }
      }
    }
    const processes = state.processes;
    for (let p = 0; p < processes.length; p++) {
      const process = processes[p] as (typeof processes)[number];
      at = process.changeAt;
      if (at !== NONE && at <= bestT) {
        woken = process.changeWoken;
        key = keyOf(woken, QUORUM, r, p);
        if (at < bestT || key < bestKey) {
          bestT = at;
          bestKey = key;
          bestPhase = QUORUM;
          bestRouter = r;
          bestIndex = p;
          bestWoken = woken !== NONE;
        }
      }
    }
  }
  // the in-flight list is in arrival order: its head is the first delivery
  const head = world.inFlight[0];
  if (head !== undefined && head.at <= bestT) {
    key = keyOf(NONE, DELIVERY, 0, 0);
    if (head.at < bestT || key < bestKey) {
      bestT = head.at;
      bestKey = key;
      bestPhase = DELIVERY;
      bestRouter = 0;
      bestIndex = 0;
      bestWoken = false;
    }
  }
  if (bestT === Number.POSITIVE_INFINITY) return null;
  return stimulusOf(world, bestT, bestPhase, bestRouter, bestIndex, bestWoken);
}

/**
 * The stimuli that may come next when µs races go either way: for each router, the first of its
 * own that is due within `windowUs` of the earliest of all (a daemon fires its timers and reads
 * its adverts in its own fixed order; only different hosts race), in the simulator's order (the
 * first is nextStimulus's). Taking a later one first leaves the earlier ones late: they happen
 * when taken (the exhaustive search and a scenario's `races` explore every such order).
 */
export function enabledStimuli(_statics: Statics, world: World, windowUs: number): Stimulus[] {
  const pending: { t: number; key: number; host: number; stimulus: Stimulus }[] = [];
  visitPending(world, (at, woken, phase, router, index) => {
    if (at === NONE) return;
    const host = phase === DELIVERY ? (world.inFlight[index] as (typeof world.inFlight)[number]).router : router;
    pending.push({
      t: at,
      key: keyOf(woken, phase, router, index),
      host,
      stimulus: stimulusOf(world, at, phase, router, index, woken !== NONE),
    });
  });
  if (pending.length === 0) return [];
  pending.sort((a, b) => a.t - b.t || a.key - b.key);
  const earliest = (pending[0] as (typeof pending)[number]).t;
  const hosts = new Set<number>();
  const out: Stimulus[] = [];
  for (const p of pending) {
    if (p.t > earliest + windowUs) break;
    if (hosts.has(p.host)) continue;
    hosts.add(p.host);
    out.push(p.stimulus);
  }
  return out;
}
