import fc from 'fast-check';
import type { Judgement, Property } from '../../properties/property.ts';
import type { Scenario } from '../scenario.ts';
import type { Trace } from '../trace.ts';
import type { JudgeRunsOptions } from './judgeRuns.ts';
import { simulateScenario } from './simulateScenario.ts';

/** A run that decides a verdict: the counterexample, or the witness of a `sometimes` claim. */
export interface Example {
  readonly scenario: Scenario;
  readonly trace: Trace;
  readonly judgement: Judgement;
}

export interface Shrunk {
  /** fast-check's replay path of the shrunk run. */
  readonly path?: string;
  readonly shrinks: number;
  readonly example?: Example;
}

/**
 * fast-check's shrinking of the run at `index` for one property: the run is replayed from its
 * path and shrunk as `fc.check` would have shrunk it, to the smallest run that still decides.
 */
export function shrink<T>(options: JudgeRunsOptions<T>, property: Property, index: number, crashed: boolean): Shrunk {
  const { source, profile, stepper } = options;
  const simulate = options.simulator ?? simulateScenario;
  const sometimes = property.kind === 'sometimes';
  const judge = (value: T): Judgement =>
    property.holds(simulate(source.toScenario(value, profile.name), profile, stepper).trace);
  const predicate = (value: T): boolean => {
    try {
      const judgement = judge(value);
      return sometimes ? !judgement.holds : judgement.holds;
    } catch {
      // a crash is shrunk like a failure, and reported as the checker's error
      return false;
    }
  };
  const details = fc.check(fc.property(source.arbitrary, predicate), {
    numRuns: options.runs,
    seed: options.seed,
    path: String(index),
  });
  const path = details.counterexamplePath === null ? {} : { path: details.counterexamplePath };
  const value = details.counterexample?.[0];
  if (crashed || !details.failed || value === undefined) return { ...path, shrinks: details.numShrinks };
  const scenario = source.toScenario(value, profile.name);
  const { trace } = simulate(scenario, profile, stepper);
  return { ...path, shrinks: details.numShrinks, example: { scenario, trace, judgement: property.holds(trace) } };
}
