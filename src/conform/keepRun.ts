import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario.ts';
import type { ConformRun } from './conformScenario.ts';
import { APPLIED_FILE } from './readKeptRun.ts';

/**
 * Saves a live run where it can be replayed and read: the scenario (self-contained, the
 * configs inline), the configs keepalived ran, the capture as `recorded/merged.log` (the layout of
 * examples/oracle-*), when each event took effect (applied.json, for `conform --recorded`), the
 * model's logs (as scheduled, and at the measured event times) and the differences.
 */
export function keepRun(dir: string, scenario: Scenario, run: ConformRun, diff: string): void {
  mkdirSync(join(dir, 'recorded'), { recursive: true });
  mkdirSync(join(dir, 'keepalived'), { recursive: true });
  writeFileSync(join(dir, 'scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
  for (const { router, text } of run.configs) writeFileSync(join(dir, 'keepalived', `${router}.conf`), text);
  writeFileSync(join(dir, 'recorded', 'merged.log'), run.mergedLog);
  const applied = run.applied.map(({ event, t }) => ({ at: event.at, do: event.do, router: event.router, t }));
  writeFileSync(join(dir, APPLIED_FILE), `${JSON.stringify(applied, null, 1)}\n`);
  writeFileSync(join(dir, 'model.log'), run.modelLog);
  writeFileSync(join(dir, 'model-measured-times.log'), run.replayLog);
  writeFileSync(join(dir, 'diff.txt'), diff);
}
