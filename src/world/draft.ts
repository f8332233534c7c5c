import type { TraceEntry } from '../trace.ts';
import type { Delivery, InstanceState, RouterState, ScriptState, World } from './world.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
export type RouterDraft = Writable<Omit<RouterState, 'instances' | 'scripts'>> & {
  instances: InstanceState[];
  scripts: ScriptState[];
};

/**
 * The next world while one step builds it: the step's rules write through it, and it copies
 * each router, instance or script the first time it is written, so the world it started from
 * is never changed (copy on write, one level at a time).
 */
export class Draft {
  now: number;
  random: number | null;
  wakes: number;
  readonly entries: TraceEntry[] = [];
  private readonly routers: RouterState[];
  private inFlight: Delivery[] | null = null;

  constructor(readonly base: World) {
    this.now = base.now;
    this.random = base.random;
    this.wakes = base.wakes;
    this.routers = base.routers.slice();
  }

  router(r: number): RouterState {
    return this.routers[r] as RouterState;
  }

  instance(r: number, i: number): InstanceState {
    return this.router(r).instances[i] as InstanceState;
  }

  script(r: number, s: number): ScriptState {
    return this.router(r).scripts[s] as ScriptState;
  }

  /** Router r, writable. */
  writeRouter(r: number): RouterDraft {
    const current = this.routers[r] as RouterState;
    if (current !== this.base.routers[r]) return current as RouterDraft;
    const copy: RouterDraft = {
      running: current.running,
      startup: current.startup,
      adminDown: current.adminDown,
      carrierDown: current.carrierDown,
      isolated: current.isolated,
      wakeAt: current.wakeAt,
      instances: current.instances.slice(),
      scripts: current.scripts.slice(),
    };
    this.routers[r] = copy;
    return copy;
  }

  /** Instance i of router r, writable. */
  writeInstance(r: number, i: number): Writable<InstanceState> {
    const router = this.writeRouter(r);
    const current = router.instances[i] as InstanceState;
    if (current !== this.base.routers[r]?.instances[i]) return current as Writable<InstanceState>;
    const copy: Writable<InstanceState> = {
      machine: current.machine,
      state: current.state,
      scheduled: current.scheduled,
      deadline: current.deadline,
      tick: current.tick,
      vipHeld: current.vipHeld,
      vipOwned: current.vipOwned,
    };
    router.instances[i] = copy;
    return copy;
  }

  /** Script s of router r, writable. */
  writeScript(r: number, s: number): Writable<ScriptState> {
    const router = this.writeRouter(r);
    const current = router.scripts[s] as ScriptState;
    if (current !== this.base.routers[r]?.scripts[s]) return current as Writable<ScriptState>;
    const copy: Writable<ScriptState> = { counter: current.counter, outcome: current.outcome, run: current.run };
    router.scripts[s] = copy;
    return copy;
  }

  /** The adverts on their way, writable. */
  deliveries(): Delivery[] {
    this.inFlight ??= this.base.inFlight.slice();
    return this.inFlight;
  }

  /** An advert on its way: after every one that arrives no later. */
  addDelivery(delivery: Delivery): void {
    const list = this.deliveries();
    let at = list.length;
    while (at > 0 && (list[at - 1] as Delivery).at > delivery.at) at--;
    list.splice(at, 0, delivery);
  }

  finish(): World {
    return {
      now: this.now,
      routers: this.routers,
      inFlight: this.inFlight ?? this.base.inFlight,
      random: this.random,
      wakes: this.wakes,
    };
  }
}
