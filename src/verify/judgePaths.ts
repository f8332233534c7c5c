import type { Profile } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Property } from '../../properties/property.ts';
import type { Simulator } from '../check/judgeRuns.ts';
import { simulateScenario } from '../check/simulateScenario.ts';
import type { Scenario } from '../scenario.ts';

/** What one path said of each claim: it decides the claim (a counterexample or a witness), and it applied. */
export interface PathJudgement {
  readonly decides: readonly boolean[];
  readonly applicable: readonly boolean[];
}

/** Simulates each path's scenario and judges it by every claim, as check judges a generated run. */
export function judgePaths(
  scenarios: readonly Scenario[],
  profile: Profile,
  properties: readonly Property[],
  stepper: Stepper,
  simulator: Simulator = simulateScenario,
): PathJudgement[] {
  return scenarios.map((scenario) => {
    const { trace } = simulator(scenario, profile, stepper);
    const judgements = properties.map((property) => property.holds(trace));
    return {
      decides: judgements.map((j, p) => ((properties[p] as Property).kind === 'sometimes' ? j.holds : !j.holds)),
      applicable: judgements.map((j) => !j.holds || j.applicable),
    };
  });
}
