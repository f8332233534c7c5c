import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithRecording } from '../../src/compare/compareWithRecording.ts';
import { readRecording } from '../../src/compare/readRecording.ts';
import { findRace } from '../../src/conform/findRace.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

function load(example: string, recording: string) {
  const dir = join(EXAMPLES, example);
  const prepared = prepareScenarioFile(join(dir, 'scenario.json'), undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  const rec = readRecording(readFileSync(join(dir, recording, 'merged.log'), 'utf8'));
  const compare = {
    profile: cluster.profile.name,
    tolerance: 0.05,
    end: rec.end ?? scenario.until,
    addresses: new Map(cluster.routers.map((r) => [r.name, r.address] as const)),
  };
  return { cluster, scenario, rec, compare };
}

describe('findRace: is a run the fixed tie-break misses still one of the model’s behaviours?', () => {
  it('finds a jitter seed for each real run of the three-master race (1.2.13 s6c)', () => {
    for (const recording of ['recorded', 'recorded-r2', 'recorded-r3']) {
      const { cluster, scenario, rec, compare } = load('oracle-1.2/s6c-three-equal-merge', recording);
      // the fixed tie-break matches none of them
      expect(compareWithRecording(simulate(cluster, scenario.events, scenario.until), rec, compare).matches).toBe(
        false,
      );
      const race = findRace(cluster, scenario.events, scenario.events, scenario.until, rec, compare, 0.0002);
      expect(race, recording).not.toBeNull();
      if (race === null) continue;
      const replayed = simulate(cluster, scenario.events, scenario.until, undefined, {
        max: race.max,
        seed: race.seed,
      });
      expect(compareWithRecording(replayed, rec, compare).matches).toBe(true);
    }
  });

  it('finds none for a run that breaks the model’s rules, whatever the jitter', () => {
    // s6c's recording against s6b's schedule: a different story, not a race
    const s6c = load('oracle-1.2/s6c-three-equal-merge', 'recorded');
    const s6b = load('oracle-1.2/s6b-three-equal-staggered', 'recorded');
    const compare = { ...s6b.compare, end: s6c.rec.end ?? s6b.scenario.until };
    expect(
      findRace(s6b.cluster, s6b.scenario.events, s6b.scenario.events, s6b.scenario.until, s6c.rec, compare, 0.0002),
    ).toBeNull();
  });
});
