import type { ScriptCounter } from '../../model/scriptCounter.ts';
import type { InstanceSnapshot } from '../../model/stepper.ts';
import type { GroupState } from '../../model/types.ts';
import type { ScenarioEvent, ScriptOutcome } from '../scenario.ts';
import type { TraceState } from '../trace.ts';

/**
 * The simulated world as one value: every router's process, interfaces, instances, scripts and
 * pending timers, the adverts on the LAN, the clock and the jitter generator. Nothing in it is
 * mutated; `step` (step.ts) returns the next world. Times are absolute µs; `canonical.ts` writes
 * them relative to `now` for hashing.
 */
export interface World {
  /** Virtual time, µs. */
  readonly now: number;
  readonly routers: readonly RouterState[];
  /** Adverts on their way, in the order they arrive (then the order they were sent). */
  readonly inFlight: readonly Delivery[];
  /** The jitter generator's state (seededRandom.ts); null: no jitter, adverts arrive and timers fire on time. */
  readonly random: number | null;
  /** How many timers have been woken (jitter): orders the woken timers of one wake-up. */
  readonly wakes: number;
}

/** Marks a timer that is not armed. */
export const NONE = -1;

/*
 * A pending timer is two numbers: `…At`, when it fires (µs, or NONE when not armed), and, under
 * jitter, `…Woken`, the wake-up it joined (its order among the woken timers, or NONE while it
 * waits for its due time; it then fires at its router's `wakeAt`).
 */

export interface RouterState {
  /** The keepalived process exists (between start and stop or kill). */
  readonly running: boolean;
  /** When the daemon finishes its start-up (its VRRP is initialised): NONE once done. */
  readonly startupAt: number;
  /** Interfaces set down (linkdown) and interfaces without carrier (cut). */
  readonly adminDown: readonly string[];
  readonly carrierDown: readonly string[];
  /** A silent partition: no carrier change, nothing reaches the LAN or comes from it. */
  readonly isolated: boolean;
  /** With jitter: when the daemon's current wake-up happens; timers due by then fire with it. */
  readonly wakeAt: number;
  readonly instances: readonly InstanceState[];
  readonly scripts: readonly ScriptState[];
  /** Each vrrp_sync_group's state (keepalived vrrp_sgroup_t state), set at start and by the members' syncs. */
  readonly groups: readonly GroupState[];
  /** The number each track_file holds (the harness writes it; it outlives the daemon). */
  readonly files: readonly number[];
  readonly processes: readonly ProcessState[];
}

/** A tracked process (vrrp_track_process): whether it runs, and whether keepalived counts its quorum. */
export interface ProcessState {
  /** The process runs (the harness's fail and ok); it outlives the daemon. */
  readonly running: boolean;
  /** keepalived's have_quorum: what the instances were told. */
  readonly up: boolean;
  /** A terminate_delay or fork_delay timer: when the daemon believes the change. */
  readonly changeAt: number;
  readonly changeWoken: number;
}

export interface InstanceState {
  /** The machine's state; null while the process is not running its VRRP. */
  readonly machine: InstanceSnapshot | null;
  /** The state last written to the trace. */
  readonly state: TraceState;
  /** The machine deadline (keepalived `sands`) the `deadline` timer was armed for. */
  readonly scheduled: number;
  readonly deadlineAt: number;
  readonly deadlineWoken: number;
  /** 1.2.13's periodic priority update. */
  readonly tickAt: number;
  readonly tickWoken: number;
  /** The VIPs are on this router's interface; they stay there after a kill. */
  readonly vipHeld: boolean;
  /** They were added by the current process (keepalived's `vipset` is per process). */
  readonly vipOwned: boolean;
}

export interface ScriptState {
  readonly counter: ScriptCounter;
  /** What the script returns from now on (the scenario's fail/ok). */
  readonly outcome: ScriptOutcome;
  /** The script's next run. */
  readonly runAt: number;
  readonly runWoken: number;
  /** When each run still going (a hung script) reaches its timeout, in order. */
  readonly hung: readonly number[];
  /** The first of them joined a wake-up (jitter). */
  readonly hungWoken: number;
}

/** An advert on its way to one receiver. */
export interface Delivery {
  readonly at: number;
  readonly router: number;
  readonly instance: number;
  readonly fromRouter: number;
  readonly fromInstance: number;
  readonly priority: number;
}

/** The timers a router's daemon runs, as the stimuli name them. */
export type TimerKind = 'deadline' | 'tick' | 'script' | 'timeout' | 'quorum';

/**
 * Everything that can happen to the world: a scenario event (the harness, faults included), a
 * daemon finishing its start-up, a timer firing, a due timer waking its daemon (jitter), an
 * advert arriving. Each carries its time.
 */
export type Stimulus =
  | { readonly kind: 'event'; readonly t: number; readonly event: ScenarioEvent }
  | { readonly kind: 'startup'; readonly t: number; readonly router: number }
  | {
      readonly kind: 'timer' | 'wake';
      readonly t: number;
      readonly router: number;
      readonly timer: TimerKind;
      /** The instance (deadline, tick), script (script, timeout) or tracked process (quorum) index. */
      readonly index: number;
    }
  /** inFlight[index] arrives. */
  | { readonly kind: 'delivery'; readonly t: number; readonly index: number };
