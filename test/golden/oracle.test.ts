import { describe, expect, it } from 'vitest';
import { describeDifferences } from '../../src/compare/compareWithRecording.ts';
import { type RecordedScenario, recordedScenarios, runAgainstRecordings } from './oracleRecordings.ts';

/**
 * Recordings where real keepalived raced on µs: each run resolved it differently. A scenario
 * without `jitter` takes the simulator's fixed tie-break (simultaneous deadlines all fire before
 * any advert sent at that instant is delivered); one with `jitter` pins the receive latencies
 * that decide it. README "Where the model departs".
 */
const races: Readonly<
  Record<string, { readonly matches: readonly string[]; readonly sameOrderAsEveryRun: boolean; readonly why: string }>
> = {
  // after A's priority-0 advert, B and C (equal priority) share one deadline; the runs show B alone,
  // C alone, and both (then C wins on its higher address). The tie-break fires both, as r3 and r4 did.
  'oracle-1.2/s6b-three-equal-staggered': {
    matches: ['recorded-r3', 'recorded-r4'],
    sameOrderAsEveryRun: false,
    why: 'equal deadlines, no jitter',
  },
  // three masters meet; 1.2.13 re-arms a master's advert timer at every advert it reads, so all
  // three timers tie and each round is won by whichever wakes before the others' adverts arrive.
  // Without jitter all three fire at once (no run did that); the scenario pins jitter seed 63.
  'oracle-1.2/s6c-three-equal-merge': {
    matches: ['recorded'],
    sameOrderAsEveryRun: true,
    why: 're-armed advert timers, jitter seed 63',
  },
};

/** Seeds tried to show that each recorded outcome of a race is one the model can take. */
const RACE_SEEDS = 200;

/** The recordings the model matches under some jitter seed of up to 200 µs, sorted. */
function reachedUnderJitter(scenario: RecordedScenario, tolerance: number): string[] {
  const reached = new Set<string>();
  for (let seed = 0; seed < RACE_SEEDS && reached.size < scenario.recordings.length; seed++) {
    const run = runAgainstRecordings(scenario, tolerance, false, { max: 0.0002, seed });
    for (const { recording, comparison } of run.comparisons) if (comparison.matches) reached.add(recording);
  }
  return [...reached].sort();
}

/**
 * Recorded once, so not races above, but jitter may decide them the other way:
 * - 2.2.7's s6b is the same race as 1.2.13's (equal backups after a priority-0 advert; live
 *   2.2.7 runs went both ways, docs/conformance.md);
 * - in 1.2.13's s7, B's advert timer is re-armed by A's adverts, which A sends at its priority
 *   tick, so B's adverts reach A µs after A's next tick; a wake-up a few µs later the other way
 *   (2 seeds in 50) delays the forced election by one advert interval.
 */
const racesRecordedOnce = new Set(['oracle-2.2/s6b-three-equal-staggered', 'oracle-1.2/s7-script-failover']);

/** Seeds tried to show that jitter does not change a recording that is not a race. */
const STEADY_SEEDS = 20;

describe.each(['oracle-2.2', 'oracle-1.2'] as const)('%s recordings', (set) => {
  const scenarios = recordedScenarios(set);

  it('are all here', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  for (const scenario of scenarios) {
    const race = races[`${set}/${scenario.name}`];
    if (race === undefined) {
      it(`${scenario.name}: the model says and sends what real keepalived did, each within 50 ms`, () => {
        const run = runAgainstRecordings(scenario);
        expect(run.comparisons.length).toBeGreaterThan(0);
        for (const { recording, comparison } of run.comparisons) {
          expect(describeDifferences(comparison), `${scenario.name}/${recording}`).toEqual([]);
        }
      });
      if (!racesRecordedOnce.has(`${set}/${scenario.name}`)) {
        it(`${scenario.name}: no race: it matches whatever the jitter (${STEADY_SEEDS} seeds)`, () => {
          for (let seed = 0; seed < STEADY_SEEDS; seed++) {
            const run = runAgainstRecordings(scenario, 0.05, false, { max: 0.0002, seed });
            for (const { recording, comparison } of run.comparisons) {
              expect(describeDifferences(comparison), `${scenario.name}/${recording} seed ${seed}`).toEqual([]);
            }
          }
        });
      }
      continue;
    }
    it(`${scenario.name}: a race; the model matches ${race.matches.join(' and ') || 'no run'} within 50 ms (${race.why})`, () => {
      const run = runAgainstRecordings(scenario);
      const matching = run.comparisons.filter((c) => c.comparison.matches).map((c) => c.recording);
      expect(matching).toEqual(race.matches);
    });
    it(`${scenario.name}: every recorded run is the model's behaviour under some jitter`, () => {
      expect(reachedUnderJitter(scenario, 0.05)).toEqual(scenario.recordings);
    });
    if (race.sameOrderAsEveryRun) {
      it(`${scenario.name}: every router logs the same messages in the same order as in every run`, () => {
        const run = runAgainstRecordings(scenario, 0.05, true);
        expect(run.comparisons.length).toBeGreaterThan(1);
        for (const { recording, comparison } of run.comparisons) {
          const messages = { ...comparison, parts: comparison.parts.filter((part) => part.part === 'messages') };
          expect(describeDifferences(messages), recording).toEqual([]);
        }
      });
    }
  }
});

/**
 * conform examples whose real runs went both ways: the model without jitter takes `matches`, and
 * every run is among its behaviours under jitter.
 */
const conformRaces: Readonly<Record<string, { readonly matches: readonly string[]; readonly why: string }>> = {
  // the preempt clock starts a latency after B's first advert, B's adverts drift 0.2 ms per
  // interval; recorded-r2 is one of three runs in a row on CI's host that went outside the delay
  'conform-preempt-delay-tie': { matches: ['recorded'], why: 'preempt clock start lag against advert drift' },
};

describe('disagreements found by vrrp-check conform, fixed and pinned (keepalived 2.2.7)', () => {
  const scenarios = recordedScenarios('conform');

  it('are here', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(2);
  });

  for (const scenario of scenarios) {
    const race = conformRaces[scenario.name];
    if (race === undefined) {
      it(`${scenario.name}: the model now matches the recording within conform's 100 ms`, () => {
        const run = runAgainstRecordings(scenario, 0.1);
        for (const { recording, comparison } of run.comparisons) {
          expect(describeDifferences(comparison), `${scenario.name}/${recording}`).toEqual([]);
        }
      });
      continue;
    }
    it(`${scenario.name}: a race; the model matches ${race.matches.join(' and ')} within 100 ms (${race.why})`, () => {
      const run = runAgainstRecordings(scenario, 0.1);
      expect(run.comparisons.filter((c) => c.comparison.matches).map((c) => c.recording)).toEqual(race.matches);
    });
    it(`${scenario.name}: every recorded run is the model's behaviour under some jitter`, () => {
      expect(reachedUnderJitter(scenario, 0.1)).toEqual(scenario.recordings);
    });
  }
});
