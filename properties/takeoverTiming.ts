import type { InstanceTimeline } from '../src/analysis/timelines.ts';
import {
  advertsOf,
  connectedAt,
  type Election,
  expectedAt,
  firstStateAfter,
  healthyAt,
  lagsOf,
  runningAt,
  seconds,
  stateAt,
  stepsUp,
  type TraceEvent,
  US,
} from './support.ts';
import { OWNER, toUs } from './vrrpTimers.ts';

/** A backup waiting for its master, with the time its own timer gives it (µs). */
export interface Waiting {
  readonly backup: InstanceTimeline;
  readonly priority: number;
  readonly delayUs: number;
}

/** A moment the master fell silent or resigned, and what the backups must do about it. */
export interface Takeover {
  readonly master: InstanceTimeline;
  /** The last advert the backups heard from it (seconds). */
  readonly heardAt: number;
  readonly heardPriority: number;
  readonly waiting: readonly Waiting[];
  /** No backup may step up before this; one must by `latest` (seconds). */
  readonly earliest: number;
  readonly latest: number;
  /** The backups may not all have heard the same advert last (a race under jitter): any of them may be first. */
  readonly raced: boolean;
}

/**
 * The backups of a settled election when its master falls silent or resigns at `heardAt`: every
 * other running, connected, healthy instance in BACKUP whose priority is certain and steady and
 * that accepted the master's adverts (a lower or equal priority, or nopreempt), with the time its
 * timer gives it (`delayUs`). Undefined when some router was not settled (another master, a
 * backup about to preempt), when another router advertised, or when the run ends too early.
 */
export function takeover(
  a: Election,
  master: InstanceTimeline,
  at: number,
  heard: { readonly t: number; readonly priority: number },
  delayUs: (backup: InstanceTimeline, priority: number) => number,
  /** The event that silenced or resigned the master: the settle window counts back from it. */
  cause: TraceEvent | undefined,
  /** Another advert the backups may have heard last instead (µs races under jitter), with its timer. */
  instead?: { readonly t: number; readonly delayUs: (backup: InstanceTimeline, priority: number) => number },
): Takeover | undefined {
  const lags = lagsOf(a.trace);
  const others = a.routers.filter((r) => r !== master && runningAt(r, at));
  if (others.some((r) => stepsUp(stateAt(r, at)))) return undefined;
  const backups = others.filter((r) => stateAt(r, at) === 'BACKUP' && connectedAt(r, at) && healthyAt(r, at));
  if (backups.length === 0) return undefined;
  const waiting: Waiting[] = [];
  for (const backup of backups) {
    const priority = expectedAt(a, backup, heard.t);
    if (priority === undefined || priority === OWNER) return undefined;
    if (priority > heard.priority && !backup.config.nopreempt) return undefined;
    waiting.push({ backup, priority, delayUs: delayUs(backup, priority) });
  }
  const first = Math.min(...waiting.map((w) => w.delayUs));
  // a timer fires its wake lag late; the advert and the wake-up may each be up to the jitter late
  const earliestUs = toUs(heard.t) + first + toUs(lags.wake);
  let latestUs = earliestUs + 2 * toUs(lags.jitter) + 1;
  if (instead !== undefined) {
    const other = Math.min(...waiting.map((w) => instead.delayUs(w.backup, w.priority)));
    latestUs = Math.max(latestUs, toUs(instead.t) + other + toUs(lags.wake) + 2 * toUs(lags.jitter) + 1);
  }
  const earliest = earliestUs / 1e6;
  const latest = latestUs / 1e6;
  if (latest > a.until) return undefined;
  // nothing else reaches the backups meanwhile, and their priorities stay as they were
  const since = Math.min(at, cause?.t ?? at) - a.settleWindow;
  const quiet = a.events.every((e) => e === cause || e.t < since || e.t > latest);
  if (!quiet) return undefined;
  // a backup forcing an election (1.2.13) speaks while still BACKUP; one stepping up is what is judged
  const chatter = a.routers.some(
    (r) =>
      r !== master &&
      advertsOf(r).some((x) => x.wire && x.t > heard.t - US && x.t <= latest && !stepsUp(stateAt(r, x.t))),
  );
  if (chatter) return undefined;
  if (waiting.some((w) => expectedAt(a, w.backup, latest) !== w.priority)) return undefined;
  if (waiting.some((w) => !runningAt(w.backup, latest) || !connectedAt(w.backup, latest))) return undefined;
  return {
    master,
    heardAt: heard.t,
    heardPriority: heard.priority,
    waiting,
    earliest,
    latest,
    raced: instead !== undefined,
  };
}

/** The first backup to step up (MASTER, or 1.2.13's TRANSITION) after the master fell silent, and when. */
export function firstStepUp(
  a: Election,
  t: Takeover,
): { readonly backup: InstanceTimeline; readonly at: number } | undefined {
  let best: { backup: InstanceTimeline; at: number } | undefined;
  for (const w of t.waiting) {
    const at = firstStateAfter(w.backup, t.heardAt, a.until, stepsUp);
    if (at !== undefined && (best === undefined || at < best.at)) best = { backup: w.backup, at };
  }
  return best;
}

/** Whether the takeover came within its bounds: a message saying how it did not, or null. */
export function takeoverMiss(a: Election, t: Takeover, what: string, formula: (w: Waiting) => string): string | null {
  const step = firstStepUp(a, t);
  const fastest = t.waiting.reduce((x, y) => (y.delayUs < x.delayUs ? y : x));
  const bound = `${fastest.backup.name} (priority ${fastest.priority}) waits ${formula(fastest)}`;
  if (step === undefined || toUs(step.at) > toUs(t.latest)) {
    return `${t.master.name} ${what} at ${seconds(t.heardAt)}; ${bound}, so a backup should have taken over by ${seconds(t.latest)}, but ${
      step === undefined ? 'none did' : `${step.backup.name} did only at ${seconds(step.at)}`
    }`;
  }
  if (toUs(step.at) < toUs(t.earliest)) {
    return `${t.master.name} ${what} at ${seconds(t.heardAt)}; ${bound}, so no backup may take over before ${seconds(t.earliest)}, but ${step.backup.name} did at ${seconds(step.at)}`;
  }
  const mine = t.waiting.find((w) => w.backup === step.backup);
  if (!t.raced && mine !== undefined && mine.delayUs > fastest.delayUs + 2 * toUs(lagsOf(a.trace).jitter)) {
    return `${t.master.name} ${what} at ${seconds(t.heardAt)}; ${bound}, the shortest wait, yet ${step.backup.name} (waiting ${formula(mine)}) took over first at ${seconds(step.at)}`;
  }
  return null;
}
