import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActorStepper } from '../../bench/actorStepper.ts';
import { createStepper } from '../../model/stepper.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { traceToJson } from '../../src/traceJson.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

// The benchmark's ratio compares the pure stepper with the usual createActor driver; it means
// something only while both drive the machine to the same trace.
describe('the createActor driver of the benchmark', () => {
  for (const example of ['oracle-2.2/s7-script-failover', 'oracle-1.2/s6c-three-equal-merge', 'seed-example-1']) {
    for (const profile of ['keepalived-1.2', 'keepalived-2.2'] as const) {
      it(`gives the pure stepper's trace: ${example}, ${profile}`, () => {
        const prepared = prepareScenarioFile(join(EXAMPLES, example, 'scenario.json'), profile);
        if (!prepared.ok) throw new Error(prepared.message);
        const { cluster, scenario } = prepared.value;
        const pure = traceToJson(simulate(cluster, scenario.events, scenario.until, createStepper()));
        const actor = traceToJson(simulate(cluster, scenario.events, scenario.until, createActorStepper()));
        expect(actor).toBe(pure);
      });
    }
  }
});
