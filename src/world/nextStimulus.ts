import type { Statics } from './statics.ts';
import { NONE, type Stimulus, type TimerKind, type TimerState, type World } from './world.ts';

/**
 * The simulator's tie-break among stimuli due at the same instant (README "Same-instant order"):
 *   1. scenario events, in file order (the simulate loop's schedule);
 *   2. daemons finishing their start-up, in router order;
 *   3. timers woken by a jittered wake-up, in the order they were woken (their due order);
 *   4. instance deadlines (keepalived `sands`), in router then instance order;
 *   5. 1.2.13 priority ticks, same order;
 *   6. script runs, in router then script order;
 *   7. advert deliveries, in the order they were sent.
 * So two routers whose deadlines fall on the same µs both fire before either hears the other,
 * and an advert sent at t reaches its receivers at t, after everything else due at t.
 */
const PHASE = 2 ** 40;
const NOT_WOKEN = 2 ** 39;
const SLOT = 64;
const STARTUP = 1;
const DEADLINE = 2;
const TICK = 3;
const SCRIPT = 4;
const DELIVERY = 5;

/** The earliest candidate so far. */
class Best {
  t = Number.POSITIVE_INFINITY;
  key = Number.POSITIVE_INFINITY;
  phase = 0;
  router = 0;
  index = 0;
  woken = false;

  reset(): this {
    this.t = Number.POSITIVE_INFINITY;
    this.key = Number.POSITIVE_INFINITY;
    return this;
  }

  offer(t: number, key: number, phase: number, router: number, index: number, woken: boolean): void {
    if (t > this.t || (t === this.t && key >= this.key)) return;
    this.t = t;
    this.key = key;
    this.phase = phase;
    this.router = router;
    this.index = index;
    this.woken = woken;
  }

  timer(timer: TimerState, phase: number, router: number, index: number): void {
    if (timer.at === NONE) return;
    const woken = timer.woken !== NONE;
    const key = woken ? DEADLINE * PHASE + timer.woken : phase * PHASE + NOT_WOKEN + router * SLOT + index;
    this.offer(timer.at, key, phase, router, index, woken);
  }
}

// one search at a time: the candidate holder is reused
const scratch = new Best();

const TIMER_KINDS: Readonly<Record<number, TimerKind>> = { [DEADLINE]: 'deadline', [TICK]: 'tick', [SCRIPT]: 'script' };

/** The next stimulus of the world's own making (start-ups, timers, deliveries), or null when nothing is pending. */
export function nextStimulus(_statics: Statics, world: World): Stimulus | null {
  const best = scratch.reset();
  const routers = world.routers;
  for (let r = 0; r < routers.length; r++) {
    const router = routers[r];
    if (router === undefined) continue;
    if (router.startup.at !== NONE) best.offer(router.startup.at, STARTUP * PHASE + r, STARTUP, r, 0, false);
    const instances = router.instances;
    for (let i = 0; i < instances.length; i++) {
      const instance = instances[i];
      if (instance === undefined) continue;
      best.timer(instance.deadline, DEADLINE, r, i);
      best.timer(instance.tick, TICK, r, i);
    }
    const scripts = router.scripts;
    for (let s = 0; s < scripts.length; s++) {
      const script = scripts[s];
      if (script !== undefined) best.timer(script.run, SCRIPT, r, s);
    }
  }
  const head = world.inFlight[0];
  if (head !== undefined) best.offer(head.at, DELIVERY * PHASE, DELIVERY, 0, 0, false);

  if (best.t === Number.POSITIVE_INFINITY) return null;
  const t = best.t;
  if (best.phase === STARTUP) return { kind: 'startup', t, router: best.router };
  if (best.phase === DELIVERY) return { kind: 'delivery', t, index: 0 };
  // under jitter a due timer first wakes its daemon; the wake-up fires it
  const kind = world.random !== null && !best.woken ? 'wake' : 'timer';
  return { kind, t, router: best.router, timer: TIMER_KINDS[best.phase] as TimerKind, index: best.index };
}
