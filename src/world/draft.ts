import type { GroupState } from '../../model/types.ts';
import type { TraceEntry } from '../trace.ts';
import type { Delivery, InstanceState, ProcessState, RouterState, ScriptState, World } from './world.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
export type RouterDraft = Writable<Omit<RouterState, 'instances' | 'scripts' | 'groups' | 'files' | 'processes'>> & {
  instances: InstanceState[];
  scripts: ScriptState[];
  groups: GroupState[];
  files: number[];
  processes: ProcessState[];
};

/**
 * The next world while one step builds it: the step's rules read and write the world through it.
 *
 * By default it copies each router, instance or script the first time a rule writes it, so the
 * world it started from is never changed (copy on write, one level at a time) and every world
 * stays a value, as the exhaustive search needs. A caller that owns its world outright and will
 * never look at it again (the simulator's loop) may let the step write it in place instead, as
 * Clojure's transients do: the same rules, the same result, without the copies.
 */
export class Draft {
  now: number;
  random: number | null;
  wakes: number;
  /** The routers, copied at the first write. */
  private routers: RouterState[] | null;
  private inFlight: Delivery[] | null;

  constructor(
    readonly base: World,
    /** Where the step's trace entries go. */
    readonly entries: TraceEntry[],
    /** The caller owns `base` and everything in it: write it in place. */
    private readonly owned: boolean,
  ) {
    this.now = base.now;
    this.random = base.random;
    this.wakes = base.wakes;
    this.routers = owned ? (base.routers as RouterState[]) : null;
    this.inFlight = owned ? (base.inFlight as Delivery[]) : null;
  }

  router(r: number): RouterState {
    return (this.routers ?? this.base.routers)[r] as RouterState;
  }

  instance(r: number, i: number): InstanceState {
    return this.router(r).instances[i] as InstanceState;
  }

  script(r: number, s: number): ScriptState {
    return this.router(r).scripts[s] as ScriptState;
  }

  /** Router r, writable (its instances and scripts are copied when one of them is written). */
  writeRouter(r: number): RouterDraft {
    this.routers ??= this.base.routers.slice();
    const current = this.routers[r] as RouterState;
    if (this.owned || current !== this.base.routers[r]) return current as RouterDraft;
    const copy: RouterDraft = {
      running: current.running,
      startupAt: current.startupAt,
      adminDown: current.adminDown,
      carrierDown: current.carrierDown,
      isolated: current.isolated,
      wakeAt: current.wakeAt,
      instances: current.instances as InstanceState[],
      scripts: current.scripts as ScriptState[],
      groups: current.groups as GroupState[],
      files: current.files as number[],
      processes: current.processes as ProcessState[],
    };
    this.routers[r] = copy;
    return copy;
  }

  /** Instance i of router r, writable. */
  writeInstance(r: number, i: number): Writable<InstanceState> {
    const router = this.writeRouter(r);
    const current = router.instances[i] as InstanceState;
    if (this.owned) return current as Writable<InstanceState>;
    const base = this.base.routers[r] as RouterState;
    if (router.instances === base.instances) router.instances = base.instances.slice();
    if (current !== base.instances[i]) return current as Writable<InstanceState>;
    const copy: Writable<InstanceState> = {
      machine: current.machine,
      state: current.state,
      scheduled: current.scheduled,
      deadlineAt: current.deadlineAt,
      deadlineWoken: current.deadlineWoken,
      tickAt: current.tickAt,
      tickWoken: current.tickWoken,
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
    if (this.owned) return current as Writable<ScriptState>;
    const base = this.base.routers[r] as RouterState;
    if (router.scripts === base.scripts) router.scripts = base.scripts.slice();
    if (current !== base.scripts[s]) return current as Writable<ScriptState>;
    const copy: Writable<ScriptState> = {
      counter: current.counter,
      outcome: current.outcome,
      runAt: current.runAt,
      runWoken: current.runWoken,
      hung: current.hung,
      hungWoken: current.hungWoken,
    };
    router.scripts[s] = copy;
    return copy;
  }

  /** Tracked process p of router r, writable. */
  writeProcess(r: number, p: number): Writable<ProcessState> {
    const router = this.writeRouter(r);
    const current = router.processes[p] as ProcessState;
    if (this.owned) return current as Writable<ProcessState>;
    const base = this.base.routers[r] as RouterState;
    if (router.processes === base.processes) router.processes = base.processes.slice();
    if (current !== base.processes[p]) return current as Writable<ProcessState>;
    const copy: Writable<ProcessState> = { ...current };
    router.processes[p] = copy;
    return copy;
  }

  /** Router r's sync group states, writable. */
  writeGroups(r: number): GroupState[] {
    const router = this.writeRouter(r);
    const base = this.base.routers[r] as RouterState;
    if (!this.owned && router.groups === base.groups) router.groups = base.groups.slice();
    return router.groups;
  }

  /** Router r's track_file numbers, writable. */
  writeFiles(r: number): number[] {
    const router = this.writeRouter(r);
    const base = this.base.routers[r] as RouterState;
    if (!this.owned && router.files === base.files) router.files = base.files.slice();
    return router.files;
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
    if (this.owned) {
      const world = this.base as Writable<World>;
      world.now = this.now;
      world.random = this.random;
      world.wakes = this.wakes;
      return world;
    }
    return {
      now: this.now,
      routers: this.routers ?? this.base.routers,
      inFlight: this.inFlight ?? this.base.inFlight,
      random: this.random,
      wakes: this.wakes,
    };
  }
}
