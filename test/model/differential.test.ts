import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import { compileMachine } from '../../model/compileMachine.ts';
import type { ProfileName } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import { type VrrpInstanceMachine, vrrpInstanceMachine } from '../../model/vrrpInstanceMachine.ts';
import { createXstateStepper } from '../../model/xstateStepper.ts';
import { scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import { runScenario } from '../../src/check.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { SEED } from '../properties/suite.ts';

// The compiled stepper is derived from the machine; xstate's own transition() is the oracle. Whole
// generated scenarios go through both, under both profiles, half of them with jitter, and must give
// byte-identical traces: 2 × 1000 on the real machine and 2 × 2 × 250 on two provided mutants.
const PROFILES: readonly ProfileName[] = ['keepalived-1.2', 'keepalived-2.2'];

const mutants: Record<string, VrrpInstanceMachine> = {
  'a master yields to an equal priority': vrrpInstanceMachine.provide({
    guards: {
      'advert is from a better router': ({ context, event }) =>
        event.type === 'ADVERT' && event.priority >= context.effectivePriority,
    },
  }),
  'a priority-0 advert waits a full master-down interval': vrrpInstanceMachine.provide({
    actions: {
      'set master-down to skew time': assign(({ context }) => ({ msDownTimerUs: 3 * context.config.advertIntUs })),
    },
  }),
};

/** Scenarios where the two steppers' traces differ (their indexes). */
function differences(machine: VrrpInstanceMachine, compiled: Stepper, runs: number, seed: number): string[] {
  const oracle = createXstateStepper(machine);
  const found: string[] = [];
  fc.sample(scenarioArbitrary, { numRuns: runs, seed }).forEach((gen, i) => {
    for (const profile of PROFILES) {
      const scenario = toScenario(gen, profile);
      const fast = traceToJson(runScenario(scenario, profile, compiled).trace);
      const slow = traceToJson(runScenario(scenario, profile, oracle).trace);
      if (fast !== slow) found.push(`${profile} #${i} (seed ${seed})`);
    }
  });
  return found;
}

describe('the compiled stepper against xstate transition(), on whole scenarios', () => {
  it('gives byte-identical traces on 2 × 1000 generated scenarios, jitter on and off', () => {
    expect(differences(vrrpInstanceMachine, compileMachine(vrrpInstanceMachine), 1000, SEED)).toEqual([]);
  });

  for (const [name, machine] of Object.entries(mutants)) {
    it(`gives byte-identical traces on a mutant (${name}): 2 × 250 scenarios`, () => {
      expect(differences(machine, compileMachine(machine), 250, SEED + 1)).toEqual([]);
    });
  }

  it('fails when a guard of the compiled path is broken', () => {
    const broken = compileMachine(vrrpInstanceMachine.provide({ guards: { 'advert has priority 0': () => false } }));
    expect(differences(vrrpInstanceMachine, broken, 100, SEED).length).toBeGreaterThan(0);
  });
});
