import type { ConformRun } from './conformScenario.ts';

/**
 * match: the model and keepalived agree; timing: they agree once the model replays the events at
 * the times they really took effect, not as scheduled (keepalived's start-up or the harness's
 * scheduling moved an event by milliseconds and decided a race); mismatch: they disagree either
 * way. The comparison is relative to each router's real start (issue 5), so timing conforms.
 */
export type Verdict = 'match' | 'timing' | 'mismatch';

export function verdict(run: Pick<ConformRun, 'comparison' | 'replay'>): Verdict {
  if (run.comparison.matches) return 'match';
  return run.replay.matches ? 'timing' : 'mismatch';
}

/** Whether a verdict counts as agreement (exit code 0). */
export const conforms = (judged: Verdict): boolean => judged !== 'mismatch';

/** The words for a verdict in a summary line. */
export const verdictWords: Readonly<Record<Verdict, string>> = {
  match: 'match',
  timing: 'match at the measured event times (as scheduled the model differs: a start-up race)',
  mismatch: 'MISMATCH',
};
