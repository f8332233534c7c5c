import { type Profile, type ProfileName, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import type { Property } from '../../properties/property.ts';
import { scenarioArbitrary, toScenario } from '../arbitraries/scenarioArbitrary.ts';
import { generatedValues, type JudgeRunsOptions, judgeRuns } from '../check/judgeRuns.ts';
import type { RunRecord } from '../check/runRecord.ts';
import { shrink } from '../check/shrink.ts';
import { decisions, MIN_APPLICABLE, type Verdict, verdictsOf } from '../check.ts';

/** How much longer a claim short of evidence (or a witness not yet seen) is searched, at most. */
export const SEARCH_FACTOR = 10;

const BLOCK = 50;

/**
 * The suite's verdicts under one profile, on the generated clusters: every claim judged on
 * `runs` runs; a claim with fewer than MIN_APPLICABLE applicable runs, or a `sometimes` claim
 * not yet witnessed, is judged on further runs (up to SEARCH_FACTOR × runs) until it has them.
 * Each claim reports the runs it was judged on. Deterministic for a seed.
 */
export function suiteVerdicts(
  properties: readonly Property[],
  name: ProfileName,
  runs: number,
  seed: number,
  onProgress?: (done: number, total: number) => void,
): Verdict[] {
  const profile: Profile = profiles[name];
  const max = runs * SEARCH_FACTOR;
  const job: JudgeRunsOptions<unknown> = {
    properties,
    profile,
    source: { arbitrary: scenarioArbitrary, toScenario } as never,
    stepper: createStepper(),
    seed,
    runs: max,
    countTransitions: true,
  };
  const values = generatedValues(job, max);
  const records: RunRecord[] = [];
  const applicable = properties.map(() => 0);
  for (let from = 0; from < max; from += BLOCK) {
    const decided = decisions(records, properties);
    const open = properties.map((p, i) => {
      if (decided[i] !== undefined) return false;
      if (from < runs) return true;
      return p.kind === 'sometimes' || (applicable[i] as number) < MIN_APPLICABLE;
    });
    if (!open.some((o) => o)) break;
    const block = judgeRuns(job, from, Math.min(max, from + BLOCK), open, values);
    for (const record of block) {
      record.judgements.forEach((j, i) => {
        if (j !== null && (!j.holds || j.applicable)) applicable[i] = (applicable[i] as number) + 1;
      });
    }
    records.push(...block);
    onProgress?.(Math.min(max, from + BLOCK), from < runs ? runs : max);
  }
  return verdictsOf(records, { properties, profile: name, runs: max, seed }, (property, _, decision) =>
    shrink(job, property, decision.index, decision.crashed),
  );
}
