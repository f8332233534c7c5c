import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Comparison, compareWithRecording } from '../../src/compare/compareWithRecording.ts';
import { readRecording } from '../../src/compare/readRecording.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import type { Jitter } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';

export const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

export interface RecordedScenario {
  readonly dir: string;
  readonly name: string;
  /** recorded, recorded-r2, …: real runs of the same schedule. */
  readonly recordings: readonly string[];
}

/**
 * Every example that carries a recording of real keepalived: a recording set (oracle-1.2,
 * oracle-2.2), or 'conform' for the examples/conform-… cases found by `vrrp-check conform`.
 */
export function recordedScenarios(set: 'oracle-1.2' | 'oracle-2.2' | 'conform'): RecordedScenario[] {
  const root = set === 'conform' ? EXAMPLES : join(EXAMPLES, set);
  return readdirSync(root)
    .filter((name) => set !== 'conform' || name.startsWith('conform-'))
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const recordings = readdirSync(dir)
        .filter((entry) => entry.startsWith('recorded') && existsSync(join(dir, entry, 'merged.log')))
        .sort();
      return { dir, name, recordings };
    });
}

export interface GoldenRun {
  readonly trace: Trace;
  readonly comparisons: readonly { readonly recording: string; readonly comparison: Comparison }[];
}

/**
 * Simulates the example under its own profile and compares it with each of its recordings.
 * `jitter` replaces the scenario file's own (or its absence).
 */
export function runAgainstRecordings(
  scenario: RecordedScenario,
  tolerance = 0.05,
  ignoreTimes = false,
  jitter?: Jitter,
): GoldenRun {
  const prepared = prepareScenarioFile(join(scenario.dir, 'scenario.json'), undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario: s } = prepared.value;
  const trace = simulate(cluster, s.events, s.until, undefined, jitter ?? s.jitter);
  const addresses = new Map(cluster.routers.map((r) => [r.name, r.address] as const));
  const comparisons = scenario.recordings.map((recording) => {
    const text = readFileSync(join(scenario.dir, recording, 'merged.log'), 'utf8');
    const rec = readRecording(text);
    return {
      recording,
      comparison: compareWithRecording(trace, rec, {
        profile: cluster.profile.name,
        tolerance,
        end: rec.end ?? s.until,
        addresses,
        ignoreTimes,
      }),
    };
  });
  return { trace, comparisons };
}
