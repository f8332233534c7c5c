import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileName } from '../../model/profiles.ts';
import { readRecording } from '../compare/readRecording.ts';
import { escapeText } from '../escapeText.ts';
import { defaultLimits, type InputLimits, limitText } from '../inputLimits.ts';
import { type PreparedScenario, prepareScenarioFile } from '../loadScenario.ts';
import { InputTooLarge, readBoundedText } from '../readBoundedText.ts';
import type { ScenarioEvent } from '../scenario.ts';
import { harnessOrder } from './harnessOrder.ts';
import type { Capture } from './judgeCapture.ts';
import { parseKeepalivedVersion } from './keepalivedVersion.ts';
import type { AppliedEvent } from './measuredReplay.ts';
import type { CapturedLine } from './mergedLog.ts';

/** The file where `conform --keep` saves when each event took effect, at full precision. */
export const APPLIED_FILE = 'applied.json';

export type KeptRun =
  | {
      readonly ok: true;
      readonly prepared: PreparedScenario;
      readonly capture: Capture;
      /** The keepalived that made the capture, from its header line, else the scenario's. */
      readonly banner: string;
      readonly profile: ProfileName;
      /** Where the applied times came from. */
      readonly appliedFrom: 'applied.json' | 'harness lines';
    }
  | { readonly ok: false; readonly message: string };

const HARNESS_EVENT = /^EVENT (\w+) (\S+)/;

/**
 * When each event took effect, from the capture's `HARNESS EVENT <do> <router>` lines, paired with
 * the scenario's events in order. Milliseconds only, and an `ip` command's line is written as it
 * starts rather than when it ends: applied.json is better where there is one.
 */
function appliedFromHarness(events: readonly ScenarioEvent[], lines: readonly CapturedLine[]): AppliedEvent[] | string {
  const logged = lines.flatMap((line) => {
    const match = line.source === 'HARNESS' ? HARNESS_EVENT.exec(line.text) : null;
    return match === null || match[1] === 'end' ? [] : [{ t: line.t, do: match[1], router: match[2] }];
  });
  if (logged.length !== events.length) {
    return `the capture logs ${logged.length} events and the scenario has ${events.length} by its end`;
  }
  const applied: AppliedEvent[] = [];
  for (const [i, event] of events.entries()) {
    const line = logged[i];
    if (line === undefined || line.do !== event.do || line.router !== event.router) {
      return `event ${i + 1} is "${event.do} ${event.router}" in the scenario but "${line?.do} ${line?.router}" in the capture`;
    }
    applied.push({ event, t: line.t });
  }
  return applied;
}

function readApplied(file: string, events: readonly ScenarioEvent[], maxBytes: number): AppliedEvent[] | string {
  let value: unknown;
  try {
    value = JSON.parse(readBoundedText(file, maxBytes));
  } catch (error) {
    return error instanceof InputTooLarge ? `is larger than ${limitText('maxInputBytes', maxBytes)}` : 'is not JSON';
  }
  const items = Array.isArray(value) ? (value as ({ t?: unknown; do?: unknown; router?: unknown } | null)[]) : [];
  if (items.length !== events.length || items.some((item) => typeof item?.t !== 'number')) {
    return `should list the scenario's ${events.length} events, each with its time t`;
  }
  // the events themselves come from the scenario: applied.json adds the times, and names each event
  const stray = events.findIndex((event, i) => items[i]?.do !== event.do || items[i]?.router !== event.router);
  if (stray >= 0) {
    const event = events[stray] as ScenarioEvent;
    return `event ${stray + 1} is "${event.do} ${event.router}" in the scenario but "${items[stray]?.do} ${items[stray]?.router}" here`;
  }
  return events.map((event, i) => ({ event, t: items[i]?.t as number }));
}

/**
 * Reads a run kept by `conform --keep DIR` (scenario.json, recorded/merged.log and applied.json),
 * or a recording of the same layout (examples/oracle-*), so that `conform --recorded` can judge it
 * again with the current model, without root or keepalived.
 */
export function readKeptRun(dir: string, limits: InputLimits = defaultLimits): KeptRun {
  const logFile = join(dir, 'recorded', 'merged.log');
  const shown = escapeText(logFile);
  if (!existsSync(logFile)) {
    return {
      ok: false,
      message: `${escapeText(dir)}: no recorded/merged.log (give a folder saved by vrrp-check conform --keep, or an examples/oracle-* scenario)`,
    };
  }
  let mergedLog: string;
  try {
    mergedLog = readBoundedText(logFile, limits.maxInputBytes);
  } catch (error) {
    const why =
      error instanceof InputTooLarge
        ? `larger than ${limitText('maxInputBytes', limits.maxInputBytes)}`
        : 'cannot be read';
    return { ok: false, message: `${shown}: ${why}` };
  }
  // the routers' and the harness's lines (the adverts on the wire are the comparison's business)
  const lines = readRecording(mergedLog).lines;
  const header = lines.find((line) => line.source === 'HARNESS' && line.text.startsWith('routers: '));
  const version = header === undefined ? null : parseKeepalivedVersion(header.text.replace(/^.* keepalived: /, ''));
  const scenarioFile = join(dir, 'scenario.json');
  const profile = version?.ok === true ? version.version.profile : undefined;
  const prepared = prepareScenarioFile(scenarioFile, profile, undefined, limits);
  if (!prepared.ok) return { ok: false, message: prepared.message };
  const { scenario } = prepared.value;
  const events = harnessOrder(scenario.events, scenario.until);
  const appliedFile = join(dir, APPLIED_FILE);
  const fromFile = existsSync(appliedFile);
  const applied = fromFile ? readApplied(appliedFile, events, limits.maxInputBytes) : appliedFromHarness(events, lines);
  if (typeof applied === 'string') {
    return {
      ok: false,
      message: fromFile
        ? `${escapeText(appliedFile)}: ${applied} (save it again with vrrp-check conform --keep, or delete it to use the capture's HARNESS lines)`
        : `${shown}: ${applied} (the capture must be of this scenario)`,
    };
  }
  return {
    ok: true,
    prepared: prepared.value,
    capture: { mergedLog, lines, applied },
    banner: version?.ok === true ? version.version.banner : `keepalived (${prepared.value.cluster.profile.version})`,
    profile: prepared.value.cluster.profile.name,
    appliedFrom: fromFile ? 'applied.json' : 'harness lines',
  };
}
