import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import type { ProfileName } from '../../model/profiles.ts';
import { firstAdvertCarriesWeight } from '../../properties/firstAdvertCarriesWeight.ts';
import { firstAdvertIgnoresTrackers } from '../../properties/firstAdvertIgnoresTrackers.ts';
import {
  weightsCountFromFirstAdvert,
  weightsCountFromFirstTick,
} from '../../properties/weightsCountFromFirstAdvert.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';
import { brokenStepper, explain, flipped, held, judgePinned, verdict, weightZero } from './suite.ts';

// a 2.2.7 that ignores tracker weights
const ignoresWeights = brokenStepper({ actions: { 'update effective priority': assign({}) } });

function seedExample(profile: ProfileName) {
  const prepared = prepareScenarioFile(join(EXAMPLES, 'seed-example-1', 'scenario.json'), profile);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  return simulate(cluster, scenario.events, scenario.until);
}

describe("the seed article's rule, pinned per version", () => {
  it('2.2.7: weights count from the first advert (holds on the model)', () => {
    const v = verdict(weightsCountFromFirstAdvert, 'keepalived-2.2');
    expect(held(v), explain(v)).toBe(true);
  });

  it('catches a 2.2.7 that ignores weights', () => {
    const v = verdict(weightsCountFromFirstAdvert, 'keepalived-2.2', { stepper: ignoresWeights, search: true });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('1.2.13: weights count from the first priority tick (holds on the model); the pitfall shows a base-priority first advert', () => {
    const v = verdict(weightsCountFromFirstTick, 'keepalived-1.2');
    expect(held(v), explain(v)).toBe(true);
    expect(verdict(firstAdvertIgnoresTrackers, 'keepalived-1.2').status).toBe('witnessed');
    const { judgement } = judgePinned(
      firstAdvertIgnoresTrackers,
      'a-first-advert-ignores-the-trackers.keepalived-1.2.json',
    );
    expect(judgement.message).toMatch(
      /sent its first advert at [\d.]+ s with its base priority \d+, before its first priority tick; its trackers call for \d+$/,
    );
  });

  it("the seed article's example 1 under 1.2.13: B advertises its base 100, not 103, and both claims say so", () => {
    const trace = seedExample('keepalived-1.2');
    expect(weightsCountFromFirstTick.holds(trace)).toEqual({ holds: true, applicable: true });
    const pitfall = firstAdvertIgnoresTrackers.holds(trace);
    expect(pitfall.message).toBe(
      'B started at 8.000 s and sent its first advert at 8.621 s with its base priority 100, before its first priority tick; its trackers call for 103',
    );
  });

  it('the same example under 2.2.7: weights count from the first advert', () => {
    expect(weightsCountFromFirstAdvert.holds(seedExample('keepalived-2.2'))).toEqual({ holds: true, applicable: true });
  });

  it('catches a 1.2.13 that applies weights at once instead of at its periodic tick', () => {
    const v = verdict(weightsCountFromFirstTick, flipped('keepalived-1.2', { periodicPriorityTick: false }), {
      search: true,
    });
    expect(v.status, explain(v)).toBe('fails');
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner is witnessed; with weight-0 trackers only it does not even apply (%s)',
    (profile) => {
      expect(verdict(firstAdvertCarriesWeight, profile).status).toBe('witnessed');
      expect(verdict(firstAdvertCarriesWeight, profile, { source: weightZero, runs: 300 }).status).toBe(
        'not-configured',
      );
    },
  );
});
