import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary, toScenario } from '../../src/arbitraries/scenarioArbitrary.ts';
import { prepareScenarioFile, prepareScenarioValue } from '../../src/loadScenario.ts';
import { simulate } from '../../src/simulate.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { legacySimulate } from './legacySimulate.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
function scenarios(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scenarios(path);
    return name.endsWith('.json') && !name.startsWith('expected') && !name.startsWith('applied') ? [path] : [];
  });
}

describe('world step vs legacy simulate', () => {
  it('bundled scenarios', () => {
    let n = 0;
    for (const file of [...scenarios(EXAMPLES), ...scenarios(join(EXAMPLES, '..', 'test', 'regressions'))]) {
      for (const profile of ['keepalived-1.2', 'keepalived-2.2'] as const) {
        const prepared = prepareScenarioFile(file, profile);
        if (!prepared.ok) continue;
        const { cluster, scenario } = prepared.value;
        for (const jitter of [scenario.jitter, { max: 0.0002, seed: 7 }, undefined]) {
          const a = traceToJson(simulate(cluster, scenario.events, scenario.until, undefined, jitter));
          const b = traceToJson(legacySimulate(cluster, scenario.events, scenario.until, undefined, jitter));
          expect(a, `${file} ${profile}`).toBe(b);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(50);
  });
  it('generated scenarios', () => {
    const runs = Number(process.env.LEGACY_RUNS ?? 2000);
    fc.sample(scenarioArbitrary, { numRuns: runs, seed: Number(process.env.VRRP_SEED ?? 42) }).forEach((gen, i) => {
      for (const profile of ['keepalived-1.2', 'keepalived-2.2'] as const) {
        const scenario = toScenario(gen, profile);
        const prepared = prepareScenarioValue(scenario, 'g.json', profile);
        if (!prepared.ok) throw new Error(prepared.message);
        const { cluster } = prepared.value;
        const a = traceToJson(simulate(cluster, scenario.events, scenario.until, undefined, scenario.jitter));
        const b = traceToJson(legacySimulate(cluster, scenario.events, scenario.until, undefined, scenario.jitter));
        if (a !== b) {
          const al = a.split('\n');
          const bl = b.split('\n');
          const k = al.findIndex((l, j) => l !== bl[j]);
          throw new Error(`#${i} ${profile}: line ${k}\n new: ${al[k]}\n old: ${bl[k]}\n${JSON.stringify(scenario)}`);
        }
      }
    });
  });
});
