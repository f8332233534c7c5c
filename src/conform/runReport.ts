import { DEFAULT_JITTER_SECONDS } from '../scenario.ts';
import type { ConformRun } from './conformScenario.ts';
import { RACE_SEEDS } from './findRace.ts';
import { CONFORM_BURST } from './judgeCapture.ts';
import { renderSideBySide } from './sideBySide.ts';

/**
 * The differences of a run, for people: model | keepalived side by side for each part that
 * differs, then the same with the model replaying the measured event times, then whether a
 * jitter makes the model match.
 */
export function runReport(run: Pick<ConformRun, 'comparison' | 'replay' | 'race'>): string {
  if (run.comparison.matches) return 'no difference\n';
  const legend = `(Messages less than ${CONFORM_BURST * 1000} ms apart form a burst, compared without their order: each burst is listed sorted, its priority changes as one net change.)\n\n`;
  if (run.replay.matches) {
    return `${legend}${renderSideBySide(run.comparison)}\nWith the events at their measured times (start-up jitter included) the model matches keepalived.\n`;
  }
  const race = run.race;
  const jitter =
    race === null
      ? `No jitter of up to ${Math.round(DEFAULT_JITTER_SECONDS * 1e6)} µs makes the model match (${RACE_SEEDS} seeds tried).\n`
      : race.measuredTimes
        ? `With jitter seed ${race.seed} (up to ${Math.round(race.max * 1e6)} µs per delivery and wake-up) and the events at their measured times the model matches keepalived: a µs race.\n`
        : `With jitter seed ${race.seed} (up to ${Math.round(race.max * 1e6)} µs per delivery and wake-up) the model matches keepalived: a µs race (vrrp-check run SCENARIO --jitter-seed ${race.seed} shows it).\n`;
  return `${legend}${renderSideBySide(run.comparison)}\nWith the events at their measured times the model still differs:\n\n${renderSideBySide(run.replay)}\n${jitter}`;
}
