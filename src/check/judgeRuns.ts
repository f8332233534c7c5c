import fc from 'fast-check';
import type { Profile } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Property } from '../../properties/property.ts';
import { reachableMask } from '../analysis/transitionReach.ts';
import type { ScenarioSource } from '../check.ts';
import type { Scenario } from '../scenario.ts';
import {
  crashed,
  decides,
  judgeTrace,
  NO_COVERAGE,
  type RunJudgement,
  type RunRecord,
  runCoverage,
} from './runRecord.ts';
import { type SimulatedRun, simulateScenario } from './simulateScenario.ts';

/** How a run is simulated: simulateScenario, or a test's deliberately different daemon. */
export type Simulator = (scenario: Scenario, profile: Profile, stepper: Stepper) => SimulatedRun;

export interface JudgeRunsOptions<T> {
  readonly properties: readonly Property[];
  readonly profile: Profile;
  readonly source: ScenarioSource<T>;
  readonly stepper: Stepper;
  /** The check's fast-check seed and run count: run i is the i-th value fast-check generates for them. */
  readonly seed: number;
  readonly runs: number;
  /** Count the machine transitions each run takes (the stepper must be a compiled machine's). */
  readonly countTransitions?: boolean;
  /** Simulate with this instead of simulateScenario (a test's broken daemon outside the machine). */
  readonly simulator?: Simulator;
}

/** The check's generated values 0 .. to − 1, in the order fc.check would try them (fc.sample draws the same sequence). */
export function generatedValues<T>(options: JudgeRunsOptions<T>, to: number): T[] {
  return fc.sample(options.source.arbitrary, { seed: options.seed, numRuns: to });
}

/** A compiled machine's stepper: it lists its transitions and can count them. */
interface Countable extends Stepper {
  readonly transitions: readonly unknown[];
  counting(counts: Uint32Array): Stepper;
}

function countable(stepper: Stepper): Countable | null {
  return 'counting' in stepper && 'transitions' in stepper ? (stepper as Countable) : null;
}

/**
 * Runs [from, to) of a check: each simulated once and judged by every property still open (not
 * decided by an earlier run). The slice stops early once every property is decided.
 */
export function judgeRuns<T>(
  options: JudgeRunsOptions<T>,
  from: number,
  to: number,
  stillOpen: readonly boolean[] = options.properties.map(() => true),
  values: readonly T[] = generatedValues(options, to),
): RunRecord[] {
  const { properties, profile, source } = options;
  const compiled = options.countTransitions === true ? countable(options.stepper) : null;
  const counts = compiled === null ? null : new Uint32Array(compiled.transitions.length);
  const stepper = compiled === null || counts === null ? options.stepper : compiled.counting(counts);
  const open = stillOpen.slice();
  const records: RunRecord[] = [];
  for (let index = from; index < to && open.some((o) => o); index++) {
    const value = values[index] as T;
    let scenario: Scenario | undefined;
    let judgements: (RunJudgement | null)[];
    let coverage = NO_COVERAGE;
    try {
      scenario = source.toScenario(value, profile.name);
      counts?.fill(0);
      const { trace } = (options.simulator ?? simulateScenario)(scenario, profile, stepper);
      coverage = runCoverage(
        scenario,
        trace,
        counts === null ? null : { counts, reachable: reachableMask(trace, profile.semantics) },
      );
      judgements = judgeTrace(properties, trace, open);
    } catch (e) {
      // a crash is the checker's failure, never the property's
      const error = crashed(e);
      judgements = properties.map((_, p) => (open[p] ? error : null));
    }
    judgements.forEach((j, p) => {
      if (j !== null && decides(properties[p] as Property, j)) open[p] = false;
    });
    records.push({ index, judgements, coverage });
  }
  return records;
}
