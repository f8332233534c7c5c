/**
 * Builders for driving one VRRP instance machine through model/stepper.ts in tests:
 * a resolved instance config, a small driver that keeps the snapshot, and effect filters.
 */
import type { Profile } from '../../model/profiles.ts';
import { createStepper, type InstanceEffect, type InstanceSnapshot } from '../../model/stepper.ts';
import type {
  InstanceConfig,
  InstanceContext,
  InstanceEvent,
  InterfaceTracker,
  LogMessage,
  ScriptTracker,
  Tracker,
  TrackerStatus,
} from '../../model/types.ts';

/** One second in the machine's unit (µs). */
export const SECOND = 1_000_000;

/** The default advert_int of both versions. */
export const ADVERT_INT = SECOND;

/** When the instances of these tests start (keepalived's own start-up takes a few ms). */
export const T0 = 10_000;

export interface Peer {
  readonly address: string;
  readonly num: number;
}

/** The instance under test, and two routers on either side of it for the equal-priority tie-break. */
export const SELF: Peer = { address: '10.0.0.2', num: 0x0a00_0002 };
export const LOW_PEER: Peer = { address: '10.0.0.1', num: 0x0a00_0001 };
export const HIGH_PEER: Peer = { address: '10.0.0.3', num: 0x0a00_0003 };

/** The interface the instance runs on, tracked with weight 0 (always tracker index 0). */
export const OWN_INTERFACE: InterfaceTracker = { kind: 'interface', name: 'eth0', weight: 0, own: true };

export function script(name: string, weight: number): ScriptTracker {
  return { kind: 'script', name, weight };
}

export function trackedInterface(name: string, weight: number): InterfaceTracker {
  return { kind: 'interface', name, weight, own: false };
}

export interface InstanceOptions {
  /** Configured (base) priority; 100 unless given. */
  readonly priority?: number;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly advertIntUs?: number;
  readonly nopreempt?: boolean;
  readonly preemptDelayUs?: number;
  /** Trackers after the own interface: index 1, 2, … in TRACKER events. */
  readonly trackers?: readonly Tracker[];
}

export function instanceConfig(options: InstanceOptions = {}): InstanceConfig {
  return {
    name: 'VI_1',
    vrid: 51,
    interface: OWN_INTERFACE.name,
    address: SELF.address,
    addressNum: SELF.num,
    basePriority: options.priority ?? 100,
    advertIntUs: options.advertIntUs ?? ADVERT_INT,
    initialState: options.state ?? 'BACKUP',
    nopreempt: options.nopreempt ?? false,
    preemptDelayUs: options.preemptDelayUs ?? 0,
    trackers: [OWN_INTERFACE, ...(options.trackers ?? [])],
    vips: ['10.0.0.100'],
  };
}

/** What keepalived knows at start by default: interfaces up, scripts not run yet. */
export function defaultStatuses(config: InstanceConfig): TrackerStatus[] {
  return config.trackers.map((tracker) => (tracker.kind === 'script' ? 'init' : 'up'));
}

const stepper = createStepper();

/**
 * One instance, stepped event by event; every call returns the effects of that step, except the
 * "effective priority set" marks, which are kept in `prioritySets` (the last step's).
 */
export class Instance {
  snapshot: InstanceSnapshot;
  prioritySets: number[] = [];

  constructor(
    readonly profile: Profile,
    readonly config: InstanceConfig,
  ) {
    this.snapshot = stepper.initial({ semantics: profile.semantics, timing: profile.timing, config });
  }

  step(event: InstanceEvent): InstanceEffect[] {
    const [next, effects] = stepper.step(this.snapshot, event);
    this.snapshot = next;
    this.prioritySets = effects.flatMap((e) => (e.type === 'effective priority set' ? [e.priority] : []));
    return effects.filter((e) => e.type !== 'effective priority set');
  }

  start(now: number, trackers: readonly TrackerStatus[] = defaultStatuses(this.config)): InstanceEffect[] {
    return this.step({ type: 'START', now, trackers });
  }

  /** The instance's deadline (`sands`) expiring: fired at exactly `context.sands`. */
  timer(): InstanceEffect[] {
    const now = this.context.sands;
    if (now < 0) throw new Error(`no deadline to fire in state ${this.state}`);
    return this.step({ type: 'TIMER', now });
  }

  advert(now: number, priority: number, from: Peer = HIGH_PEER): InstanceEffect[] {
    return this.step({ type: 'ADVERT', now, from: from.address, fromNum: from.num, priority });
  }

  tracker(now: number, index: number, status: TrackerStatus): InstanceEffect[] {
    return this.step({ type: 'TRACKER', now, index, status });
  }

  tick(now: number): InstanceEffect[] {
    return this.step({ type: 'PRIORITY_TICK', now });
  }

  stop(now: number): InstanceEffect[] {
    return this.step({ type: 'STOP', now });
  }

  get context(): InstanceContext {
    return this.snapshot.context;
  }

  /** 'backup', 'fault', 'gotoMaster', 'master.transition', 'master.active', 'stopped'. */
  get state(): string {
    const value = this.snapshot.value as string | Record<string, string>;
    if (typeof value === 'string') return value;
    return Object.entries(value)
      .map(([parent, child]) => `${parent}.${child}`)
      .join(',');
  }
}

/** A started instance: START at T0 with the given (or default) tracker statuses. */
export function started(
  profile: Profile,
  options: InstanceOptions = {},
  trackers?: readonly TrackerStatus[],
): Instance {
  const instance = new Instance(profile, instanceConfig(options));
  instance.start(T0, trackers);
  return instance;
}

// --- effect filters and constructors

export function logsOf(effects: readonly InstanceEffect[]): LogMessage[] {
  return effects.flatMap((effect) => (effect.type === 'log' ? [effect.message] : []));
}

export function logKeysOf(effects: readonly InstanceEffect[]): string[] {
  return logsOf(effects).map((message) => message.msg);
}

/** Priorities of the adverts sent, in order. */
export function advertsOf(effects: readonly InstanceEffect[]): number[] {
  return effects.flatMap((effect) => (effect.type === 'send advertisement' ? [effect.priority] : []));
}

export function vipChangesOf(effects: readonly InstanceEffect[]): ('add' | 'remove')[] {
  return effects.flatMap((effect): ('add' | 'remove')[] => {
    if (effect.type === 'add virtual addresses') return ['add'];
    if (effect.type === 'remove virtual addresses') return ['remove'];
    return [];
  });
}

export function send(priority: number): InstanceEffect {
  return { type: 'send advertisement', priority };
}

export function log(message: LogMessage): InstanceEffect {
  return { type: 'log', message };
}

export const ADD_VIPS: InstanceEffect = { type: 'add virtual addresses' };
export const REMOVE_VIPS: InstanceEffect = { type: 'remove virtual addresses' };
