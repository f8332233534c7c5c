import type { Coverage } from '../check/runRecord.ts';
import { machineTransitions, maskIds, transitionKey } from './transitionReach.ts';

/** How much of the machine a check's runs took: of the transitions reachable with its configs and profile. */
export interface MachineCoverage {
  /** Transitions reachable with the configs under the profile (transitionReach.ts): the denominator. */
  readonly reachable: number;
  /** Of those, taken at least once. */
  readonly taken: number;
  /** taken / reachable, in percent, one decimal. */
  readonly percent: number;
  /** The reachable ones no run took, in the machine's words (source event guard). */
  readonly notTaken: readonly string[];
  /** Taken though the reach table says they cannot be (a stale table): counted as reachable. */
  readonly unexpected: readonly string[];
  /** Every transition of the machine. */
  readonly total: number;
}

/** The machine coverage of some runs' summed coverage. */
export function machineCoverage(coverage: Coverage): MachineCoverage {
  const transitions = machineTransitions();
  const reachable = new Set(Object.keys(coverage.reachable).flatMap(maskIds));
  const taken = new Set(
    Object.entries(coverage.machine)
      .filter(([, n]) => n > 0)
      .map(([id]) => Number(id)),
  );
  const unexpected = [...taken].filter((id) => !reachable.has(id));
  for (const id of unexpected) reachable.add(id);
  const ids = [...reachable].sort((a, b) => a - b);
  const hit = ids.filter((id) => taken.has(id)).length;
  const name = (id: number) => {
    const t = transitions[id];
    return t === undefined ? `#${id}` : transitionKey(t);
  };
  return {
    reachable: ids.length,
    taken: hit,
    percent: ids.length === 0 ? 0 : Math.round((1000 * hit) / ids.length) / 10,
    notTaken: ids.filter((id) => !taken.has(id)).map(name),
    unexpected: unexpected.map(name),
    total: transitions.length,
  };
}
