import type { ConformRun } from './conformScenario.ts';

/**
 * match: the model and keepalived agree; timing: they agree once the model replays the events at
 * the times they really took effect, not as scheduled (keepalived's start-up or the harness's
 * scheduling moved an event by milliseconds and decided a race); race: they agree under a jitter
 * of ≤ 200 µs on deliveries and wake-ups (a µs race the fixed tie-break decides the other way: the run is one of the
 * model's behaviours); mismatch: keepalived did something the model does not do. The comparison
 * is relative to each router's real start (issue 5), so timing conforms.
 */
export type Verdict = 'match' | 'timing' | 'race' | 'mismatch';

export function verdict(run: Pick<ConformRun, 'comparison' | 'replay' | 'race'>): Verdict {
  if (run.comparison.matches) return 'match';
  if (run.replay.matches) return 'timing';
  return run.race === null ? 'mismatch' : 'race';
}

/** Whether a verdict counts as agreement (exit code 0). */
export const conforms = (judged: Verdict): boolean => judged !== 'mismatch';

/** The words for a verdict in a summary line. */
export const verdictWords: Readonly<Record<Verdict, string>> = {
  match: 'match',
  timing: 'match at the measured event times (as scheduled the model differs: a start-up race)',
  race: 'match under jitter (a µs race the fixed tie-break decides the other way)',
  mismatch: 'MISMATCH',
};
