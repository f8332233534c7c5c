import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { singleMaster } from '../../properties/singleMaster.ts';
import { runScenario, type Verdict } from '../../src/check.ts';
import { renderVerdict } from '../../src/render/renderVerdict.ts';
import { scenarioOf } from './scenarioBuilder.ts';

const start = (router: string, at = 0) => ({ at, do: 'start' as const, router });

function verdictFor(jitter?: { max: number; seed: number }): Verdict {
  const base = scenarioOf({ A: { priority: 110 }, B: {} }, [start('A'), start('B', 1)], 8, 'keepalived-2.2');
  const run = runScenario(jitter === undefined ? base : { ...base, jitter }, 'keepalived-2.2', createStepper());
  return {
    property: singleMaster.name,
    kind: singleMaster.kind,
    profile: 'keepalived-2.2',
    status: 'holds',
    expected: 'holds',
    met: true,
    runs: 1,
    applicable: 1,
    seed: 1,
    shrinks: 0,
    example: { scenario: run.scenario, trace: run.trace, judgement: singleMaster.holds(run.trace) },
    caveats: [],
    coverage: { states: {}, transitions: {}, events: {} },
  };
}

describe('renderVerdict', () => {
  it("names an example's jitter, which a replay needs to race the same way", () => {
    expect(renderVerdict(verdictFor({ max: 0.0002, seed: 9 }))).toMatch(
      /\nJitter: each advert reached each router, and each router woke for its timers, up to 200 µs late \(seed 9\); it decides µs races\.\n/,
    );
    expect(renderVerdict(verdictFor())).not.toMatch(/jitter/);
  });
});
