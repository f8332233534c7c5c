import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import { firstAdvertCarriesWeight } from '../../properties/firstAdvertCarriesWeight.ts';
import { weightsCountFromFirstAdvert } from '../../properties/weightsCountFromFirstAdvert.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';
import { brokenStepper, explain, flipped, judgePinned, verdict, weightZero } from './suite.ts';

// a 2.2.7 that ignores tracker weights
const ignoresWeights = brokenStepper({ actions: { 'update effective priority': assign({}) } });

describe("weights count from the first advert (the seed article's rule)", () => {
  it('holds on keepalived-2.2: script results count the moment they arrive', () => {
    const v = verdict(weightsCountFromFirstAdvert, 'keepalived-2.2');
    expect(v.status, explain(v)).toBe('holds');
  });

  it('catches a 2.2.7 that ignores weights', () => {
    const v = verdict(weightsCountFromFirstAdvert, 'keepalived-2.2', { stepper: ignoresWeights, search: true });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('fails on keepalived-1.2, as expected; the pinned case advertises the base priority', () => {
    expect(verdict(weightsCountFromFirstAdvert, 'keepalived-1.2', { search: true }).status).toBe('fails');
    const { judgement } = judgePinned(
      weightsCountFromFirstAdvert,
      'weights-count-from-the-first-advert.keepalived-1.2.json',
    );
    expect(judgement.holds).toBe(false);
    if (!judgement.holds)
      expect(judgement.message).toMatch(/with priority \d+, its base priority; its trackers call for \d+$/);
  });

  it("fails on the seed article's example 1 under 1.2.13, with B advertising its base 100, not 103", () => {
    const prepared = prepareScenarioFile(join(EXAMPLES, 'seed-example-1', 'scenario.json'), undefined);
    if (!prepared.ok) throw new Error(prepared.message);
    const { cluster, scenario } = prepared.value;
    const judgement = weightsCountFromFirstAdvert.holds(simulate(cluster, scenario.events, scenario.until));
    expect(judgement.holds).toBe(false);
    if (!judgement.holds)
      expect(judgement.message).toMatch(
        /^B started at 8\.000 s and sent its first advert at 8\.621 s with priority 100, its base priority; its trackers call for 103$/,
      );
  });

  it('holds on a 1.2.13 that applies weights at once instead of at its periodic tick', () => {
    const v = verdict(weightsCountFromFirstAdvert, flipped('keepalived-1.2', { periodicPriorityTick: false }));
    expect(v.status, explain(v)).toBe('holds');
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner is witnessed, and never with weight-0 trackers only (%s)',
    (profile) => {
      expect(verdict(firstAdvertCarriesWeight, profile).status).toBe('witnessed');
      expect(verdict(firstAdvertCarriesWeight, profile, { source: weightZero, runs: 300 }).status).toBe(
        'not-witnessed',
      );
    },
  );
});
