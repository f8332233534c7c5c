import type { ConformRun } from './conformScenario.ts';
import { renderSideBySide } from './sideBySide.ts';

/**
 * The differences of a run, for people: model | keepalived side by side for each part that
 * differs, then the same with the model replaying the measured event times.
 */
export function runReport(run: Pick<ConformRun, 'comparison' | 'replay'>): string {
  if (run.comparison.matches) return 'no difference\n';
  const replay = run.replay.matches
    ? 'With the events at their measured times (start-up jitter included) the model matches keepalived.\n'
    : `With the events at their measured times the model still differs:\n\n${renderSideBySide(run.replay)}`;
  return `${renderSideBySide(run.comparison)}\n${replay}`;
}
