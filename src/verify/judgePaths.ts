import type { Profile } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Property } from '../../properties/property.ts';
import type { Simulator } from '../check/judgeRuns.ts';
import { crashed, judgeTrace, type RunJudgement } from '../check/runRecord.ts';
import { simulateScenario } from '../check/simulateScenario.ts';
import type { Scenario } from '../scenario.ts';

/** What one path said of each claim, as check's run records say it (check's one judge of a trace). */
export type PathJudgement = readonly RunJudgement[];

/** Simulates each path's scenario and judges it by every claim, as check judges a generated run. */
export function judgePaths(
  scenarios: readonly Scenario[],
  profile: Profile,
  properties: readonly Property[],
  stepper: Stepper,
  simulator: Simulator = simulateScenario,
): PathJudgement[] {
  return scenarios.map((scenario) => {
    try {
      const { trace } = simulator(scenario, profile, stepper);
      return judgeTrace(properties, trace) as RunJudgement[];
    } catch (e) {
      // a crash is the checker's failure, never the property's
      const error = crashed(e);
      return properties.map(() => error);
    }
  });
}
