import fc from 'fast-check';
import type { ProfileName } from '../../model/profiles.ts';
import { scenarioArbitrary, toScenario } from '../arbitraries/scenarioArbitrary.ts';
import type { Scenario } from '../scenario.ts';

/** What one live run can hold: 2–3 routers (always multicast), 20–40 s. */
export const LIVE_LIMITS = { maxRouters: 3, minUntil: 20, maxUntil: 40 } as const;

/**
 * The property suite's scenarios, cut to what a live run can express in reasonable time: the
 * first three routers of the cluster (with their timelines), `until` capped to 20–40 s and the
 * events after it dropped (a prefix of a consistent timeline stays consistent).
 */
export function liveScenarioArbitrary(profile: ProfileName): fc.Arbitrary<Scenario> {
  return scenarioArbitrary
    .map((gen) => ({
      ...gen,
      cluster: { ...gen.cluster, routers: gen.cluster.routers.slice(0, LIVE_LIMITS.maxRouters) },
      // live runs race their own way: the model predicts with its fixed tie-break
      jitterSeed: null,
    }))
    .map((gen) => {
      const scenario = toScenario(gen, profile);
      const until = Math.min(LIVE_LIMITS.maxUntil, Math.max(LIVE_LIMITS.minUntil, scenario.until));
      return { ...scenario, until, events: scenario.events.filter((event) => event.at <= until) };
    });
}

/** N scenarios for a seed: the same N for the same seed, profile and arbitraries. */
export function randomScenarios(count: number, seed: number, profile: ProfileName): Scenario[] {
  return fc.sample(liveScenarioArbitrary(profile), { numRuns: count, seed });
}
