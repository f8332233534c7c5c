import type { ProfileName } from '../../model/profiles.ts';
import { type Comparison, compareWithRecording } from '../compare/compareWithRecording.ts';
import { readRecording } from '../compare/readRecording.ts';
import type { PreparedScenario } from '../loadScenario.ts';
import { renderLog, renderMessages } from '../renderLog.ts';
import { DEFAULT_JITTER_SECONDS } from '../scenario.ts';
import { simulate } from '../simulate.ts';
import type { Trace } from '../trace.ts';
import { findRace, type RaceMatch } from './findRace.ts';
import { type AppliedEvent, measuredEvents, modelFirstStates } from './measuredReplay.ts';
import type { CapturedLine } from './mergedLog.ts';

/** Seconds within which messages form one burst, compared without their order. */
export const CONFORM_BURST = 0.01;

/** What a live run captured: every line (routers, WIRE, HARNESS) and when each event took effect. */
export interface Capture {
  /** The capture in the recordings' merged.log format. */
  readonly mergedLog: string;
  /** The same lines at full precision (a merged.log has milliseconds). */
  readonly lines: readonly CapturedLine[];
  /** The scenario's events in the order and at the times the harness applied them. */
  readonly applied: readonly AppliedEvent[];
}

/** The model's verdict on a capture. */
export interface Judgement {
  readonly trace: Trace;
  /** The model's log of the scenario as scheduled (`vrrp-check run`). */
  readonly modelLog: string;
  readonly comparison: Comparison;
  /**
   * The same comparison with the model replaying the events at the times they took effect
   * (start-up jitter included): when only this one matches, the difference is a timing race.
   */
  readonly replay: Comparison;
  /** The model's log for the events at their measured times. */
  readonly replayLog: string;
  /** When neither comparison matches: a jitter under which the model does match. */
  readonly race: RaceMatch | null;
}

/**
 * Compares a capture of real keepalived with the model of `profile`: as scheduled, then with the
 * events at their measured times, then under µs jitter (findRace). Pure: a live run and a kept
 * run read back from disk (`conform --recorded`) are judged the same way.
 */
export function judgeCapture(
  prepared: PreparedScenario,
  capture: Capture,
  profile: ProfileName,
  tolerance: number,
): Judgement {
  const { cluster, scenario } = prepared;
  // the fixed tie-break is the measured bridge flood order; a scenario's jitter pins the races of
  // one recorded run, which a live run need not repeat
  const trace = simulate(cluster, scenario.events, scenario.until);
  const recording = readRecording(capture.mergedLog);
  const compare = {
    profile,
    tolerance,
    end: recording.end ?? scenario.until,
    addresses: new Map(cluster.routers.map((r) => [r.name, r.address] as const)),
    // keepalived orders near-simultaneous messages by process scheduling (which script exits first)
    burst: CONFORM_BURST,
  };
  const comparison = compareWithRecording(trace, recording, compare);
  const startup = cluster.profile.timing.startupUs / 1e6;
  const firstStates = modelFirstStates(capture.applied, renderMessages(trace), startup);
  const measured = measuredEvents(capture.applied, capture.lines, startup, firstStates);
  const replayed = simulate(cluster, measured, scenario.until);
  const replay = compareWithRecording(replayed, recording, compare);
  const race =
    comparison.matches || replay.matches
      ? null
      : findRace(cluster, scenario.events, measured, scenario.until, recording, compare, DEFAULT_JITTER_SECONDS);
  return { trace, modelLog: renderLog(trace), comparison, replay, replayLog: renderLog(replayed), race };
}
