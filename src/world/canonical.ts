import { NO_DEADLINE } from '../../model/types.ts';
import type { Statics } from './statics.ts';
import { NONE, type World } from './world.ts';

/** Where the canonical form of a world is written to: a text, or a running hash. */
export interface CanonicalSink {
  num(n: number): void;
  text(s: string): void;
}

/**
 * The world in canonical form: two worlds that will behave the same from now on write the same
 * sequence of values. Times are written relative to `now` (a timer 3 s ahead is 3000000 whenever
 * now is), woken timers by their rank among the woken, sets in sorted order, and the
 * configuration (the same in every world of a cluster) is left out. The exhaustive search hashes
 * it (canonicalHash) to tell the states it has seen; canonical() writes it out for people.
 */
export function writeCanonical(
  _statics: Statics,
  world: World,
  sink: CanonicalSink,
  timers: 'relative' | 'order' | 'none' = 'relative',
): void {
  const now = world.now;
  // in 'order' form a time is its rank among the world's pending times (ties share one): the
  // state's class, what a timed automaton's region keeps of its clocks
  const ranked = timers === 'order' ? pendingTimes(world) : [];
  const rel = (t: number) => {
    if (timers !== 'none') sink.num(t === NONE ? -1 : timers === 'order' ? ranked.indexOf(t) : t - now + 1);
  };
  const woken: number[] = [];
  for (const router of world.routers) {
    for (const i of router.instances) woken.push(i.deadlineWoken, i.tickWoken);
    for (const s of router.scripts) woken.push(s.runWoken, s.hungWoken);
    for (const p of router.processes) woken.push(p.changeWoken);
  }
  const ranks = woken.filter((w) => w !== NONE).sort((a, b) => a - b);
  const rank = (w: number) => {
    if (timers !== 'none') sink.num(w === NONE ? -1 : ranks.indexOf(w));
  };
  sink.num(world.random ?? -1);
  for (const router of world.routers) {
    sink.text('R');
    sink.num(router.running ? 1 : 0);
    sink.num(router.isolated ? 1 : 0);
    rel(router.startupAt);
    rel(router.wakeAt >= now ? router.wakeAt : NONE);
    for (const name of [...router.adminDown].sort()) sink.text(`d${name}`);
    for (const name of [...router.carrierDown].sort()) sink.text(`c${name}`);
    for (const group of router.groups) sink.text(`g${group}`);
    for (const value of router.files) sink.num(value);
    for (const i of router.instances) {
      sink.text('I');
      const m = i.machine;
      if (m === null) sink.num(-1);
      else {
        const c = m.context;
        sink.text(typeof m.value === 'string' ? m.value : JSON.stringify(m.value));
        sink.num(c.basePriority);
        sink.num(c.effectivePriority);
        for (const status of c.trackers) sink.text(String(status));
        if (timers !== 'none') sink.num(c.msDownTimerUs);
        rel(c.sands === NO_DEADLINE ? NONE : c.sands);
        sink.num(c.wantMaster ? 1 : 0);
        sink.num(c.ownerWantsMaster ? 1 : 0);
        rel(c.preemptTimeUs === 0 ? NONE : c.preemptTimeUs);
        sink.num((c.heldByGroup ? 2 : 0) + (c.faultPending ? 1 : 0));
        rel(c.delayedStartUs <= now ? NONE : c.delayedStartUs);
      }
      sink.text(i.state);
      rel(i.scheduled === NO_DEADLINE ? NONE : i.scheduled);
      rel(i.deadlineAt);
      rank(i.deadlineWoken);
      rel(i.tickAt);
      rank(i.tickWoken);
      sink.num((i.vipHeld ? 2 : 0) + (i.vipOwned ? 1 : 0));
    }
    for (const s of router.scripts) {
      sink.text('S');
      sink.num(s.counter.result);
      sink.text(String(s.counter.status));
      sink.num(s.counter.lastExit);
      sink.text(s.outcome);
      rel(s.runAt);
      rank(s.runWoken);
      sink.num(s.hung.length);
      for (const t of s.hung) rel(t);
      rank(s.hungWoken);
    }
    for (const p of router.processes) {
      sink.text('P');
      sink.num((p.running ? 2 : 0) + (p.up ? 1 : 0));
      rel(p.changeAt);
      rank(p.changeWoken);
    }
  }
  for (const d of world.inFlight) {
    sink.text('F');
    rel(d.at);
    sink.num(d.router);
    sink.num(d.instance);
    sink.num(d.fromRouter);
    sink.num(d.fromInstance);
    sink.num(d.priority);
  }
}

/** Now and every pending time of the world, sorted, each once. */
export function pendingTimes(world: World): number[] {
  const times = new Set<number>([world.now]);
  const add = (t: number) => {
    if (t !== NONE) times.add(t);
  };
  for (const router of world.routers) {
    add(router.startupAt);
    if (router.wakeAt >= world.now) add(router.wakeAt);
    for (const i of router.instances) {
      add(i.deadlineAt);
      add(i.tickAt);
      if (i.machine !== null && i.machine.context.preemptTimeUs !== 0) add(i.machine.context.preemptTimeUs);
      if (i.machine !== null && i.machine.context.sands !== NO_DEADLINE) add(i.machine.context.sands);
      if (i.scheduled !== NO_DEADLINE) add(i.scheduled);
      if (i.machine !== null && i.machine.context.delayedStartUs > world.now) add(i.machine.context.delayedStartUs);
    }
    for (const s of router.scripts) {
      add(s.runAt);
      for (const t of s.hung) add(t);
    }
    for (const p of router.processes) add(p.changeAt);
  }
  for (const d of world.inFlight) add(d.at);
  return [...times].sort((a, b) => a - b);
}

/** The state's class: the canonical form with each pending time replaced by its rank, as text. */
export function stateClass(statics: Statics, world: World): string {
  const parts: string[] = [];
  writeCanonical(statics, world, { num: (n) => parts.push(String(n)), text: (s) => parts.push(s) }, 'order');
  return parts.join(' ');
}

/** The canonical form as text, one value after another. */
export function canonical(statics: Statics, world: World): string {
  const parts: string[] = [];
  writeCanonical(statics, world, { num: (n) => parts.push(String(n)), text: (s) => parts.push(s) });
  return parts.join(' ');
}

/** A 64-bit fingerprint as its two 32-bit halves. */
export interface Fingerprint {
  readonly a: number;
  readonly b: number;
}

/**
 * A 64-bit fingerprint of the canonical form (two independent 32-bit hashes), as TLC keeps a
 * fingerprint of each state instead of the state: two different worlds collide with a
 * probability of about n² / 2^65 for n states (under 10^-7 for a million states). `extra` values
 * (the search's own bookkeeping) are hashed after the world.
 */
export function canonicalHash(
  statics: Statics,
  world: World,
  extra: readonly number[] = [],
  timers: 'relative' | 'order' | 'none' = 'relative',
): Fingerprint {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const mix = (x: number) => {
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 15;
  };
  const sink: CanonicalSink = {
    num(n) {
      // two 32-bit halves: relative times exceed 2^32 µs in long runs
      mix(n | 0);
      mix(Math.floor(n / 0x1_0000_0000) | 0);
    },
    text(s) {
      mix(s.length + 0x7f000000);
      for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    },
  };
  writeCanonical(statics, world, sink, timers);
  for (const x of extra) sink.num(x);
  return { a: a >>> 0, b: b >>> 0 };
}
