import type { Trace, TraceInstance, TraceTracker } from '../src/trace.ts';
import { vridGroups } from './possiblePriorities.ts';
import { clampPriority, OWNER } from './vrrpTimers.ts';

/** The priority with every tracker good (its positive weights counted), or with `failed` bad besides. */
export function healthyPriority(config: TraceInstance, failed?: TraceTracker): number {
  const sum = config.trackers.reduce((s, t) => {
    if (t === failed) return s + Math.min(0, t.weight);
    return s + Math.max(0, t.weight);
  }, 0);
  return clampPriority(config.base, sum);
}

/**
 * What a failing tracked script of a router that is MASTER over healthy peers can do, by the
 * configs alone: FAULT (weight 0), move the VIP (its failure takes the router strictly below a
 * healthy peer), or leave the VIP where it is (the weight is not larger than the gap, or the
 * router owns the address and keeps 255).
 */
export function scriptFailureOutcomes(trace: Trace): { readonly moves: boolean; readonly stays: boolean } {
  let moves = false;
  let stays = false;
  for (const group of vridGroups(trace).values()) {
    for (const m of group) {
      const top = healthyPriority(m.config);
      const peers = group.filter((b) => b !== m).map((b) => healthyPriority(b.config));
      // it can be MASTER while its peers are healthy only if none outranks it
      if (peers.length === 0 || peers.some((p) => p > top)) continue;
      for (const tracker of m.config.trackers) {
        if (tracker.kind !== 'script') continue;
        const after = healthyPriority(m.config, tracker);
        if (tracker.weight === 0 || (m.config.base !== OWNER && peers.some((p) => p > after))) moves = true;
        if (tracker.weight !== 0 && (m.config.base === OWNER || peers.some((p) => p <= after))) stays = true;
      }
    }
  }
  return { moves, stays };
}
