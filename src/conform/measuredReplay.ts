import type { ScenarioEvent } from '../scenario.ts';
import type { CapturedLine } from './mergedLog.ts';

/** When the harness applied an event, in seconds since T0. */
export interface AppliedEvent {
  readonly event: ScenarioEvent;
  readonly t: number;
}

/** The first line a daemon logs once its VRRP side is up (2.2.7 and 1.2.13). */
const VRRP_UP =
  /^(VRRP sockpool|Startup complete|.*Entering \w+ STATE|.*Transition to MASTER STATE|.*entering FAULT state)/;

/**
 * The scenario's events at the times they really took effect: each when the harness applied it,
 * and each start when the daemon's VRRP side came up less the profile's modelled start-up
 * (`startupSeconds`), so that start-up jitter is replayed too (a start may move earlier than it was
 * applied, when keepalived came up faster than modelled). A start never moves past the router's
 * next event; a stop that reached a daemon still starting moves to just after it came up.
 */
export function measuredEvents(
  applied: readonly AppliedEvent[],
  lines: readonly CapturedLine[],
  startupSeconds: number,
): ScenarioEvent[] {
  const round = (t: number) => Math.round(Math.max(0, t) * 1e6) / 1e6;
  /** When each start's daemon had its VRRP side up, by index in `applied`. */
  const upAt = new Map<number, number>();
  applied.forEach(({ event, t }, i) => {
    if (event.do !== 'start') return;
    const up = lines.find((line) => line.source === event.router && line.t >= t && VRRP_UP.test(line.text));
    if (up !== undefined && up.t - t < 1) upAt.set(i, up.t);
  });
  return applied.map(({ event, t }, i) => {
    let at = t;
    if (event.do === 'start') {
      const up = upAt.get(i);
      if (up !== undefined) at = up - startupSeconds;
      const next = applied.slice(i + 1).find((later) => later.event.router === event.router);
      if (next !== undefined) at = Math.min(at, next.t);
    }
    if (event.do === 'stop') {
      // keepalived reads signals from its event loop (signalfd): a SIGTERM that reaches it once its
      // handlers are set up takes effect after its start-up, just after it came up (the model's
      // stop during start-up is the default action, a silent death, which most runs show)
      const start = applied.findLastIndex((earlier, j) => j < i && earlier.event.router === event.router);
      const up = applied[start]?.event.do === 'start' ? upAt.get(start) : undefined;
      if (up !== undefined && up > t) at = up + 1e-6;
    }
    return { ...event, at: round(at) };
  });
}
