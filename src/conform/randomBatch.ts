import { join } from 'node:path';
import { describeDifferences } from '../compare/compareWithRecording.ts';
import { prepareScenarioValue } from '../loadScenario.ts';
import { type ConformOptions, conformScenario } from './conformScenario.ts';
import { keepRun } from './keepRun.ts';
import { randomScenarios } from './randomScenarios.ts';
import { runReport } from './runReport.ts';
import { verdict, verdictWords } from './verdict.ts';

export interface BatchOptions extends Omit<ConformOptions, 'name'> {
  readonly count: number;
  readonly seed: number;
  /** Where mismatching scenarios are saved, each in a folder of its own. */
  readonly keepDir: string;
  /** The run's namespace prefix (`vck<pid>-`); scenario i uses `PREFIX<i>-`. */
  readonly prefix: string;
  /** One line per scenario as it finishes. */
  readonly progress: (line: string) => void;
}

export interface BatchReport {
  readonly total: number;
  readonly matched: number;
  /** Mismatches that match once the model replays the measured event times. */
  readonly timing: number;
  /** Mismatches either way that match under a jitter: µs races. */
  readonly races: number;
  /** One line per scenario, then the agreement line. */
  readonly text: string;
}

/**
 * `conform --random N --seed S`: N scenarios from the property suite's arbitraries, restricted to
 * what a live run can express, each run on keepalived and in the model; every mismatch is saved
 * (scenario, recording, model log, differences) under the keep directory.
 */
export async function randomBatch(options: BatchOptions): Promise<BatchReport> {
  const scenarios = randomScenarios(options.count, options.seed, options.version.profile);
  const lines: string[] = [];
  let matched = 0;
  let timing = 0;
  let races = 0;
  for (const [i, scenario] of scenarios.entries()) {
    const name = `random-s${options.seed}-${i + 1}`;
    const prepared = prepareScenarioValue(scenario, `${name}.json`, options.version.profile);
    if (!prepared.ok) throw new Error(`generated scenario ${name} is invalid: ${prepared.message}`);
    const run = await conformScenario(prepared.value, {
      keepalived: options.keepalived,
      version: options.version,
      tolerance: options.tolerance,
      prefix: `${options.prefix}${i + 1}-`,
      cleanup: options.cleanup,
      signal: options.signal,
      name,
    });
    const shape = `${scenario.routers.length} routers, ${scenario.events.length} events, ${scenario.until} s`;
    const judged = verdict(run);
    let line: string;
    if (judged === 'match') {
      matched++;
      line = `conform: ${name}: match (${shape})`;
    } else {
      if (judged === 'timing') timing++;
      if (judged === 'race') races++;
      const dir = join(options.keepDir, name);
      keepRun(dir, scenario, run, runReport(run));
      const first = describeDifferences(run.comparison)[0] ?? '';
      line = `conform: ${name}: ${verdictWords[judged]} (${shape}; saved in ${dir}) ${first}`;
    }
    for (const warning of run.warnings) options.progress(`  ${name}: warning: ${warning}`);
    options.progress(`[${i + 1}/${scenarios.length}] ${line}`);
    lines.push(line);
  }
  const total = scenarios.length;
  // a run that matches once the model sees the events when the harness really applied them agrees:
  // the difference was the harness's timing, not keepalived's behaviour; so does a run that is one
  // of the model's behaviours under a µs jitter
  const agreeing = matched + timing + races;
  const rate = total === 0 ? 0 : (100 * agreeing) / total;
  lines.push(
    `agreement: ${agreeing} of ${total} scenarios (${rate.toFixed(1)}%): ${matched} match as scheduled, ${timing} with the measured event times, ${races} under jitter (µs races); ${total - agreeing} disagree (${options.version.banner}, profile ${options.version.profile}, seed ${options.seed}, tolerance ${Math.round(options.tolerance * 1000)} ms)`,
  );
  return { total, matched, timing, races, text: `${lines.join('\n')}\n` };
}
