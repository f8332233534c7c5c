import type fc from 'fast-check';
import type { Profile, ProfileName } from '../model/profiles.ts';
import { createStepper, type Stepper } from '../model/stepper.ts';
import type { Property } from '../properties/property.ts';
import { generatedValues, type JudgeRunsOptions, judgeRuns, type Simulator } from './check/judgeRuns.ts';
import { addCoverage, type Coverage, NO_COVERAGE, type RunRecord } from './check/runRecord.ts';
import { type Example, shrink } from './check/shrink.ts';
import type { Scenario } from './scenario.ts';

export type { Coverage } from './check/runRecord.ts';
export type { Example } from './check/shrink.ts';
export { type SimulatedRun, simulateScenario as runScenario } from './check/simulateScenario.ts';

/** Where the scenarios come from: generated values and the scenario file each stands for. */
export interface ScenarioSource<T> {
  readonly arbitrary: fc.Arbitrary<T>;
  toScenario(value: T, profile: ProfileName): Scenario;
}

export type Status =
  /** always/eventually: every applicable run held, on at least the minimum of applicable runs. */
  | 'holds'
  /** always/eventually: every applicable run held, but too few applied to count as evidence. */
  | 'weak'
  /** always/eventually: a run broke the claim. */
  | 'fails'
  /** always/eventually: no run met the precondition; nothing was shown. */
  | 'not-applicable'
  /** sometimes: a run showed it. */
  | 'witnessed'
  /** sometimes: no run showed it. */
  | 'not-witnessed'
  /** the configs never have what the claim needs (no nopreempt router for a nopreempt claim): nothing to check. */
  | 'not-configured'
  /** the checker itself failed (a bug or a bad scenario): never counts as passed. */
  | 'error';

/** Fewer applicable runs than this and a claim that held is weak evidence, not "holds". */
export const MIN_APPLICABLE = 100;

export interface Verdict {
  readonly property: string;
  readonly kind: Property['kind'];
  readonly profile: ProfileName;
  readonly status: Status;
  /** The claim held (enough applicable runs) or the sometimes claim was witnessed: what every claim expects of keepalived. */
  readonly met: boolean;
  /** Runs generated for it (shrinking not counted): up to the one that decided it. */
  readonly runs: number;
  /** Of those, runs that met the precondition. */
  readonly applicable: number;
  /** With `weak`: about how many runs would give the minimum of applicable runs. */
  readonly needed?: number;
  readonly seed: number;
  readonly path?: string;
  readonly shrinks: number;
  readonly example?: Example;
  readonly caveats: readonly string[];
  readonly coverage: Coverage;
  readonly error?: string;
}

export interface CheckAllOptions<T> {
  readonly properties: readonly Property[];
  readonly profile: Profile;
  readonly source: ScenarioSource<T>;
  readonly runs: number;
  readonly seed: number;
  /** The machine to check; a deliberately broken one in tests. */
  readonly stepper?: Stepper;
  readonly onProgress?: (done: number, total: number) => void;
  /** Count the machine transitions the runs take (Coverage.machine). */
  readonly countTransitions?: boolean;
  /** Fewer applicable runs make a claim that held weak (default MIN_APPLICABLE). */
  readonly minApplicable?: number;
  /** Shrink the witnesses of claims too (the docs show them); false: only what check shows (isShown). */
  readonly shrinkWitnesses?: boolean;
  /** Simulate with this instead of simulateScenario (a test's deliberately different daemon). */
  readonly simulator?: Simulator;
}

export interface CheckOptions<T> extends Omit<CheckAllOptions<T>, 'properties'> {
  readonly property: Property;
}

/** Where a property was decided in the runs: the run's index and whether the checker crashed on it. */
export interface Decision {
  readonly index: number;
  readonly crashed: boolean;
}

/** The first run that decides each property, in the check's order (undefined: none did). */
export function decisions(records: readonly RunRecord[], properties: readonly Property[]): (Decision | undefined)[] {
  return properties.map((property, p) => {
    for (const record of records) {
      const j = record.judgements[p];
      if (j === null || j === undefined) continue;
      if (j.error !== undefined) return { index: record.index, crashed: true };
      if (property.kind === 'sometimes' ? j.holds : !j.holds) return { index: record.index, crashed: false };
    }
    return undefined;
  });
}

/**
 * The verdicts of a check, from its runs' records (in run order) and, for each decided property,
 * its shrunk example: the one judge of a run's outcome, whatever ran the runs (this process,
 * worker threads or shards on other machines).
 */
export function verdictsOf(
  records: readonly RunRecord[],
  options: {
    readonly properties: readonly Property[];
    readonly profile: ProfileName;
    readonly runs: number;
    readonly seed: number;
    readonly minApplicable?: number;
  },
  shrunk: (property: Property, p: number, decision: Decision) => { path?: string; shrinks: number; example?: Example },
): Verdict[] {
  const decided = decisions(records, options.properties);
  return options.properties.map((property, p): Verdict => {
    const decision = decided[p];
    const sometimes = property.kind === 'sometimes';
    // the runs it was judged on: up to the deciding one (a crashing run does not count)
    const last =
      decision === undefined ? Number.POSITIVE_INFINITY : decision.crashed ? decision.index - 1 : decision.index;
    let generated = 0;
    let applicable = 0;
    let configured = 0;
    let coverage: Coverage = NO_COVERAGE;
    const caveats = new Set<string>();
    for (const record of records) {
      if (record.index > last) break;
      const j = record.judgements[p];
      if (j === null || j === undefined) continue;
      generated++;
      if (j.configured !== false) configured++;
      if (!j.holds || j.applicable) applicable++;
      for (const caveat of j.caveats) caveats.add(caveat);
      coverage = addCoverage(coverage, record.coverage);
    }
    const minimum = options.minApplicable ?? MIN_APPLICABLE;
    let status: Status;
    if (decision?.crashed === true) status = 'error';
    else if (generated > 0 && configured === 0) status = 'not-configured';
    else if (sometimes) status = decision === undefined ? 'not-witnessed' : 'witnessed';
    else if (decision !== undefined) status = 'fails';
    else if (applicable === 0) status = 'not-applicable';
    else status = applicable < minimum ? 'weak' : 'holds';
    const outcome = decision === undefined ? { shrinks: 0 } : shrunk(property, p, decision);
    const error =
      decision?.crashed === true ? records.find((r) => r.index === decision.index)?.judgements[p]?.error : undefined;
    return {
      property: property.name,
      kind: property.kind,
      profile: options.profile,
      status,
      met: status === 'holds' || status === 'witnessed',
      runs: generated,
      applicable: sometimes ? configured : applicable,
      ...(status === 'weak' ? { needed: Math.ceil((generated * minimum) / applicable) } : {}),
      seed: options.seed,
      ...(outcome.path === undefined ? {} : { path: outcome.path }),
      shrinks: outcome.shrinks,
      ...(outcome.example === undefined ? {} : { example: outcome.example }),
      caveats: [...caveats],
      coverage,
      ...(error === undefined ? {} : { error }),
    };
  });
}

/**
 * Checks properties under one profile on generated scenarios and returns their verdicts. Never
 * throws. Each scenario is simulated once and judged by every property not decided yet; an
 * always/eventually claim is falsified by a counterexample, a sometimes claim shown by a witness
 * (both shrunk by fast-check, as `fc.check` would shrink them), and a claim whose precondition
 * no run met is reported as not applicable, not as passed.
 */
export function checkAll<T>(options: CheckAllOptions<T>): Verdict[] {
  const job: JudgeRunsOptions<T> = {
    properties: options.properties,
    profile: options.profile,
    source: options.source,
    stepper: options.stepper ?? createStepper(),
    seed: options.seed,
    runs: options.runs,
    ...(options.countTransitions === undefined ? {} : { countTransitions: options.countTransitions }),
    ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
  };
  const values = generatedValues(job, options.runs);
  const records: RunRecord[] = [];
  const chunk = 25;
  for (let from = 0; from < options.runs; from += chunk) {
    const open = decisions(records, options.properties).map((d) => d === undefined);
    if (!open.some((o) => o)) break;
    const to = Math.min(options.runs, from + chunk);
    records.push(...judgeRuns(job, from, to, open, values));
    options.onProgress?.(to, options.runs);
  }
  const judged = {
    ...job,
    profile: options.profile.name,
    ...(options.minApplicable === undefined ? {} : { minApplicable: options.minApplicable }),
  };
  return verdictsOf(records, judged, (property, _, decision) =>
    options.shrinkWitnesses === false && !isShown(property)
      ? { shrinks: 0 }
      : shrink(job, property, decision.index, decision.crashed),
  );
}

/**
 * Whether a decided property's example is shown to the user, and so worth shrinking: a
 * counterexample, or a pitfall's witness (a finding). A claim's partner witness is reported as
 * seen, nothing more.
 */
export function isShown(property: Property): boolean {
  return property.kind !== 'sometimes' || property.pitfall !== undefined;
}

/** Checks one property: checkAll with one claim. */
export function check<T>(options: CheckOptions<T>): Verdict {
  return checkAll({ ...options, properties: [options.property] })[0] as Verdict;
}
