import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import { runScenario } from '../../src/check.ts';
import { pinned } from '../properties/suite.ts';

// Scenarios on which a claim once failed on the real model, shrunk as check found them: each
// description says which claim, at what seed, and why keepalived behaves so. Every claim must hold.
const dir = 'false-alarms';
const files = readdirSync(join(import.meta.dirname, dir)).filter((f) => f.endsWith('.json'));

describe('false alarms (fixed): every claim holds on the real model', () => {
  it('there are some', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', (file) => {
    const scenario = pinned(join(dir, file));
    const { trace } = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', createStepper());
    const failing = allProperties
      .filter((p) => p.kind !== 'sometimes')
      .map((p) => ({ name: p.name, judgement: p.holds(trace) }))
      .filter((x) => !x.judgement.holds)
      .map((x) => `${x.name}: ${x.judgement.holds ? '' : x.judgement.message}`);
    expect(failing).toEqual([]);
  });
});
