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

/** An instance's first state line: its timers count from here. */
const STATE_LINE = /(Entering (BACKUP|MASTER|FAULT) STATE|Transition to MASTER STATE|entering FAULT state)/;

/** Seconds: a first state line the model logs later than this after its start is a timer's, not start-up's. */
const START_UP_WINDOW = 0.05;

/** What the model logs first for a started router, and how long after the start. */
export interface FirstState {
  readonly text: string;
  /** Seconds after the start. */
  readonly after: number;
}

/**
 * For each start among `applied` (by index), the router's first state line in the model's trace of
 * the scheduled events, when it comes with the router's start-up (within START_UP_WINDOW of it).
 */
export function modelFirstStates(
  applied: readonly AppliedEvent[],
  messages: readonly { readonly t: number; readonly router: string; readonly text: string }[],
  startupSeconds: number,
): Map<number, FirstState> {
  const out = new Map<number, FirstState>();
  applied.forEach(({ event }, i) => {
    if (event.do !== 'start') return;
    const first = messages.find(
      (line) => line.router === event.router && line.t >= event.at && STATE_LINE.test(line.text),
    );
    if (first === undefined) return;
    const after = first.t - event.at;
    if (after <= startupSeconds + START_UP_WINDOW) out.set(i, { text: first.text, after });
  });
  return out;
}

/**
 * The scenario's events at the times they really took effect: each when the harness applied it,
 * and each start when the daemon really started, so that start-up jitter is replayed too (a start
 * may move earlier than it was applied, when keepalived came up faster than modelled). A start is
 * placed so that the router's first state line (`firstStates`, from the model) falls when keepalived
 * logged the same line: that is when its timers began, after start-up and after the first results
 * of the scripts an instance waits for, which take milliseconds in a real run and none in the model.
 * Without such a line it is placed at the daemon's first VRRP line less the modelled start-up
 * (`startupSeconds`). A start never moves past the router's next event; a stop that reached a
 * daemon still starting moves to just after it came up.
 */
export function measuredEvents(
  applied: readonly AppliedEvent[],
  lines: readonly CapturedLine[],
  startupSeconds: number,
  firstStates: ReadonlyMap<number, FirstState> = new Map(),
): ScenarioEvent[] {
  const round = (t: number) => Math.round(Math.max(0, t) * 1e6) / 1e6;
  /** When each start's daemon had its VRRP side up, by index in `applied`. */
  const upAt = new Map<number, number>();
  /** Where each start is replayed, by index in `applied`. */
  const startAt = new Map<number, number>();
  applied.forEach(({ event, t }, i) => {
    if (event.do !== 'start') return;
    const during = (line: CapturedLine) => line.source === event.router && line.t >= t && line.t - t < 1;
    const up = lines.find((line) => during(line) && VRRP_UP.test(line.text));
    if (up === undefined) return;
    upAt.set(i, up.t);
    const first = firstStates.get(i);
    const state = first === undefined ? undefined : lines.find((line) => during(line) && line.text === first.text);
    startAt.set(i, state !== undefined && first !== undefined ? state.t - first.after : up.t - startupSeconds);
  });
  return applied.map(({ event, t }, i) => {
    let at = t;
    if (event.do === 'start') {
      at = startAt.get(i) ?? t;
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
