import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import { runScenario } from '../../src/check.ts';
import { main } from '../../src/cli/main.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { pinned } from '../properties/suite.ts';

const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.json'));

describe('pinned counterexamples', () => {
  it('are all here', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('%s: `vrrp-check run` replays the checked trace byte for byte', async (file) => {
    const scenario = pinned(file);
    const run = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', createStepper());
    const replay = await main(['run', join(import.meta.dirname, file), '--format', 'json']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toBe(traceToJson(run.trace));
  });

  it.each(files)('%s: breaks the property it was found for, and no property crashes on it', (file) => {
    const scenario = pinned(file);
    const run = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', createStepper());
    const name = file.replace(/\.keepalived-.*$/, '');
    const target = allProperties.find((p) => p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') === name);
    const judgements = allProperties.map((p) => [p.name, p.holds(run.trace).holds] as const);
    if (target !== undefined) expect(Object.fromEntries(judgements)[target.name]).toBe(false);
    else expect(name).toBe('nopreempt-cleared-by-state-master');
  });
});
