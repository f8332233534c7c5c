import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import { applies } from '../../properties/property.ts';
import { runScenario } from '../../src/check.ts';
import { main } from '../../src/cli/main.ts';
import { traceToJson } from '../../src/traceJson.ts';
import { pinned } from '../properties/suite.ts';

const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.json'));

describe('pinned witnesses of the pitfalls', () => {
  it('are all here: one per pitfall and version', () => {
    const expected = allProperties.flatMap((p) =>
      p.pitfall === undefined
        ? []
        : (p.versions ?? ['keepalived-1.2', 'keepalived-2.2']).map(
            (v) => `${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${v}.json`,
          ),
    );
    expect(expected.filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(files)('%s: `vrrp-check run` replays the checked trace byte for byte', async (file) => {
    const scenario = pinned(file);
    const run = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', createStepper());
    const replay = await main(['run', join(import.meta.dirname, file), '--format', 'json']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toBe(traceToJson(run.trace));
  });

  it.each(files)('%s: shows the pitfall it was found for, and every claim holds on it', (file) => {
    const scenario = pinned(file);
    const run = runScenario(scenario, scenario.profile ?? 'keepalived-2.2', createStepper());
    const name = file.replace(/\.keepalived-.*$/, '');
    const target =
      allProperties.find((p) => p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') === name) ??
      allProperties.find((p) => p.name === 'nopreempt is ignored under state MASTER');
    expect(target?.holds(run.trace).holds).toBe(true);
    const failing = allProperties
      .filter((p) => p.kind !== 'sometimes' && applies(p, run.trace) && !p.holds(run.trace).holds)
      .map((p) => p.name);
    expect(failing).toEqual([]);
  });
});
