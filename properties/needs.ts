import { preemptionPossible } from './possiblePriorities.ts';
import type { Needs } from './property.ts';
import { OWNER } from './vrrpTimers.ts';

/** Some instance has a tracker of weight 0: its failure means FAULT (the instance interface counts, unless dont_track_primary). */
export const WEIGHT_ZERO: Needs = {
  what: 'a tracker of weight 0 (the instance interface counts, unless dont_track_primary)',
  met: (trace) => trace.routers.some((r) => r.instances.some((i) => i.trackers.some((t) => t.weight === 0))),
};

/** Some instance has a tracker with a weight: it moves the priority. */
export const WEIGHTED: Needs = {
  what: 'a tracker with a weight',
  met: (trace) => trace.routers.some((r) => r.instances.some((i) => i.trackers.some((t) => t.weight !== 0))),
};

/** A router configured nopreempt as keepalived.conf(5) asks: state BACKUP, not the owner. */
export const NOPREEMPT_BACKUP: Needs = {
  what: 'a router configured nopreempt with state BACKUP',
  met: (trace) =>
    trace.routers.some((r) => r.instances.some((i) => i.written.nopreempt && i.state === 'BACKUP' && i.base !== OWNER)),
};

/** A router with a preempt_delay under state BACKUP, which may preempt. */
export const PREEMPT_DELAY: Needs = {
  what: 'a router with preempt_delay and state BACKUP (and no nopreempt)',
  met: (trace) =>
    trace.routers.some((r) =>
      r.instances.some((i) => i.preemptDelay > 0 && !i.nopreempt && i.state === 'BACKUP' && i.base !== OWNER),
    ),
};

/** A router that may preempt (no nopreempt) can have a higher priority than another of its VRID. */
export const PREEMPTION: Needs = {
  what: 'a router that may preempt (no nopreempt) and can have a higher priority than another router of its VRID',
  met: (trace) => preemptionPossible(trace),
};
