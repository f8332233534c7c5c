import { applies, type Judgement, type Property } from '../../properties/property.ts';
import type { Scenario } from '../scenario.ts';
import type { Trace } from '../trace.ts';

/** What one run said of one property: the judgement's outcome, or the checker's own failure. */
export interface RunJudgement {
  readonly holds: boolean;
  readonly applicable: boolean;
  /** Caveats with their times blanked, so that runs' caveats can be told apart by kind. */
  readonly caveats: readonly string[];
  /** The checker failed on this run (a bug or an invalid scenario): never counts as passed. */
  readonly error?: string;
  /** False when the run's configs lack what the property needs (Property.needs, versions): it cannot apply. */
  readonly configured?: false;
}

/** How often each state was entered, each `from→to` change happened and each scenario event was made. */
export interface Coverage {
  readonly states: Readonly<Record<string, number>>;
  readonly transitions: Readonly<Record<string, number>>;
  readonly events: Readonly<Record<string, number>>;
  /** How often each machine transition was taken, by its index in the compiled machine's list. */
  readonly machine: Readonly<Record<string, number>>;
  /** Runs per set of machine transitions reachable with their configs (transitionReach), the set written as a mask. */
  readonly reachable: Readonly<Record<string, number>>;
}

/** One generated run, simulated once, judged by every property still undecided. */
export interface RunRecord {
  readonly index: number;
  /** Per property (in the check's order); null where the property was already decided. */
  readonly judgements: readonly (RunJudgement | null)[];
  readonly coverage: Coverage;
}

/** The run decides the property: a counterexample of an always/eventually claim, a witness of a sometimes one, or an error. */
export function decides(property: Property, j: RunJudgement): boolean {
  if (j.error !== undefined) return true;
  return property.kind === 'sometimes' ? j.holds : !j.holds;
}

export function runJudgement(judgement: Judgement): RunJudgement {
  return {
    holds: judgement.holds,
    applicable: judgement.holds ? judgement.applicable : true,
    caveats: (judgement.caveats ?? []).map((caveat) => caveat.replace(/[\d.]+ s/g, '… s')),
  };
}

/** A run whose configs lack what the property needs: not judged, neither a counterexample nor a witness. */
export function unconfigured(property: Property): RunJudgement {
  return { holds: property.kind !== 'sometimes', applicable: false, caveats: [], configured: false };
}

/**
 * One run's judgement by every open property (null where a property is no longer open): not
 * configured where the configs lack what it needs, its outcome, or the checker's own failure.
 * The one judge of a trace, whatever made the run (a generated scenario or a searched path).
 */
export function judgeTrace(
  properties: readonly Property[],
  trace: Trace,
  open: readonly boolean[] = properties.map(() => true),
): (RunJudgement | null)[] {
  return properties.map((property, p) => {
    if (!open[p]) return null;
    if (!applies(property, trace)) return unconfigured(property);
    try {
      return runJudgement(property.holds(trace));
    } catch (e) {
      return crashed(e);
    }
  });
}

/** The checker failed on a run: never counts as passed. */
export function crashed(e: unknown): RunJudgement {
  return { holds: false, applicable: true, caveats: [], error: e instanceof Error ? e.message : String(e) };
}

/** What a run covered: states, changes and events from its trace; the machine's transitions when counted. */
export function runCoverage(
  scenario: Scenario,
  trace: Trace,
  machine: { readonly counts: Uint32Array; readonly reachable: string } | null = null,
): Coverage {
  const states: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const events: Record<string, number> = {};
  const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const entry of trace.entries) {
    if (entry.kind !== 'state') continue;
    bump(states, entry.state);
    bump(transitions, `${entry.from}→${entry.state}`);
  }
  for (const event of scenario.events) bump(events, event.do);
  const taken: Record<string, number> = {};
  machine?.counts.forEach((n, id) => {
    if (n > 0) taken[id] = n;
  });
  return { states, transitions, events, machine: taken, reachable: machine === null ? {} : { [machine.reachable]: 1 } };
}

export const NO_COVERAGE: Coverage = { states: {}, transitions: {}, events: {}, machine: {}, reachable: {} };

/** The sum of runs' coverage. */
export function addCoverage(total: Coverage, more: Coverage): Coverage {
  if (more === NO_COVERAGE) return total;
  const add = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = { ...a };
    for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    states: add(total.states, more.states),
    transitions: add(total.transitions, more.transitions),
    events: add(total.events, more.events),
    machine: add(total.machine, more.machine),
    reachable: add(total.reachable, more.reachable),
  };
}
