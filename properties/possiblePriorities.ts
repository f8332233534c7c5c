import type { Trace, TraceInstance } from '../src/trace.ts';
import { clampPriority, OWNER } from './vrrpTimers.ts';

/** Trackers beyond this many are not combined (2^n subsets); their weights are taken one at a time. */
const MAX_COMBINED = 10;

/**
 * Every priority an instance can have, whatever its trackers do: its starting priority and the
 * base plus any combination of its weights, clamped to 1..254 (255 for an owner).
 */
export function possiblePriorities(config: TraceInstance): ReadonlySet<number> {
  if (config.base === OWNER) return new Set([OWNER]);
  const weights = config.trackers.map((t) => t.weight).filter((w) => w !== 0);
  let sums = new Set([0]);
  if (weights.length <= MAX_COMBINED) {
    for (const w of weights) sums = new Set([...sums, ...[...sums].map((s) => s + w)]);
  } else for (const w of weights) sums.add(w);
  return new Set([config.priority, ...[...sums].map((s) => clampPriority(config.base, s))]);
}

/** The instances of each VRID in a trace's header, with their router's name and address. */
export function vridGroups(
  trace: Trace,
): Map<number, { readonly router: string; readonly address: string; readonly config: TraceInstance }[]> {
  const groups = new Map<number, { router: string; address: string; config: TraceInstance }[]>();
  for (const router of trace.routers) {
    for (const config of router.instances) {
      const list = groups.get(config.vrid) ?? [];
      list.push({ router: router.name, address: router.address, config });
      groups.set(config.vrid, list);
    }
  }
  return groups;
}

/** Two instances of one VRID can have the same priority at some moment. */
export function tiesPossible(trace: Trace): boolean {
  for (const group of vridGroups(trace).values()) {
    const sets = group.map((g) => possiblePriorities(g.config));
    for (let a = 0; a < sets.length; a++)
      for (let b = a + 1; b < sets.length; b++)
        if ([...(sets[a] as ReadonlySet<number>)].some((p) => (sets[b] as ReadonlySet<number>).has(p))) return true;
  }
  return false;
}

/** Some instance that may preempt (no nopreempt) can have a higher priority than another of its VRID. */
export function preemptionPossible(trace: Trace, only: (config: TraceInstance) => boolean = () => true): boolean {
  for (const group of vridGroups(trace).values()) {
    for (const a of group) {
      if (a.config.nopreempt || !only(a.config)) continue;
      const top = Math.max(...possiblePriorities(a.config));
      if (group.some((b) => b !== a && Math.min(...possiblePriorities(b.config)) < top)) return true;
    }
  }
  return false;
}
