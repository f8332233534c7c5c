import { type ProfileName, profiles } from '../../model/profiles.ts';
import { allProperties } from '../../properties/index.ts';
import { applies, type Property } from '../../properties/property.ts';
import { scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import { generatedValues, type JudgeRunsOptions, judgeRuns } from '../../src/check/judgeRuns.ts';
import type { RunRecord } from '../../src/check/runRecord.ts';
import type { Mutant } from './mutants.ts';

/** What the property suite made of a broken model under one profile. */
export interface Hunt {
  readonly mutant: string;
  readonly profile: ProfileName;
  /** The claim whose counterexample caught it, or null when every claim held. */
  readonly caughtBy: string | null;
  /** The counterexample's message. */
  readonly why: string;
  /** Runs generated up to the one that caught it (or all of them). */
  readonly runs: number;
  /** CPU time of the hunt (process.cpuUsage), in ms. */
  readonly ms: number;
  /** Partners never witnessed in all the runs (when nothing caught it). */
  readonly unwitnessed: readonly string[];
}

const claims = allProperties.filter((p) => p.kind !== 'sometimes');

/**
 * The property suite alone against a broken model: generated clusters (the suite's generator),
 * `runs` runs with `seed`, each judged by every claim until one fails; a claim that fails is the
 * catch. Like `check`, but stopping at the first counterexample, since only the catch matters.
 */
export function hunt(mutant: Mutant, profile: ProfileName, runs: number, seed: number): Hunt {
  return huntWith(mutant, {
    properties: allProperties,
    profile: profiles[profile],
    source: { arbitrary: scenarioArbitrary, toScenario },
    stepper: mutant.stepper,
    seed,
    runs,
    simulator: mutant.simulator,
  });
}

/** The hunt on any source of scenarios (a user's cluster, as check generates for it): `options` with the mutant's stepper and simulator. */
export function huntWith<T>(mutant: Mutant, options: JudgeRunsOptions<T>): Hunt {
  const start = process.cpuUsage();
  const ms = () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const { runs } = options;
  const profile = options.profile.name;
  const values = generatedValues(options, runs);
  const records: RunRecord[] = [];
  const open = allProperties.map(() => true);
  for (let from = 0; from < runs; from += 10) {
    const block = judgeRuns(options, from, Math.min(runs, from + 10), open, values);
    records.push(...block);
    for (const record of block) {
      for (const [p, j] of record.judgements.entries()) {
        const property = allProperties[p] as Property;
        if (j === null) continue;
        if (property.kind === 'sometimes' && j.holds) open[p] = false;
        if (property.kind !== 'sometimes' && (!j.holds || j.error !== undefined)) {
          return {
            mutant: mutant.name,
            profile,
            caughtBy: property.name,
            why: why(options, property, values[record.index] as T, mutant) ?? j.error ?? '',
            runs: record.index + 1,
            ms: ms(),
            unwitnessed: [],
          };
        }
      }
    }
  }
  const unwitnessed = allProperties
    .filter((p, i) => p.kind === 'sometimes' && open[i] && records.some((r) => r.judgements[i]?.configured !== false))
    .map((p) => p.name);
  return { mutant: mutant.name, profile, caughtBy: null, why: '', runs, ms: ms(), unwitnessed };
}

/** The counterexample's message, from the run that caught it. */
function why<T>(options: JudgeRunsOptions<T>, property: Property, value: T, mutant: Mutant): string | undefined {
  const scenario = options.source.toScenario(value, options.profile.name);
  const { trace } = mutant.simulator(scenario, options.profile, mutant.stepper);
  if (!applies(property, trace)) return undefined;
  const j = property.holds(trace);
  return j.holds ? undefined : j.message;
}

export { claims };
