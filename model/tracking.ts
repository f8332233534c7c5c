import { clampEffectivePriority } from './formulas.ts';
import type { Semantics } from './profiles.ts';
import type { Tracker, TrackerStatus } from './types.ts';

/** keepalived's lowest track_file status: at or below it the instance is down (track_file.c). */
const FILE_FAULT = -254;
/** A track_file status counts at most this much (initialise_vrrp_file_tracking_priorities). */
const FILE_MAX = 253;

/** How keepalived reads a status: 1.2.13 counts a script without a result as failed (result = rise − 1). */
function effectiveStatus(semantics: Semantics, status: TrackerStatus): TrackerStatus {
  return status === 'init' && semantics.scriptFailedUntilFirstResult ? 'down' : status;
}

/** A track_file's status: its number × weight × (reverse ? −1 : 1), within −254..253 (weight_range). */
function fileStatus(tracker: Tracker, value: number): number {
  const status = value * tracker.weight * (tracker.reverse === true ? -1 : 1);
  return Math.max(FILE_FAULT, Math.min(FILE_MAX, status));
}

/**
 * One tracker's contribution to the priority. A script, interface or process: a positive weight
 * counts while good, a negative weight while bad, weight 0 never (it means FAULT instead);
 * `reverse` turns the sign (1.2.13 vrrp_script_weight / vrrp_tracked_weight, 2.2.7
 * initialise_track_script_state / process_script_update_priority). A file: its status
 * (fileStatus), unless that means FAULT (2.2.7 process_update_vrrp_track_file_status).
 */
export function trackerContribution(semantics: Semantics, tracker: Tracker, status: TrackerStatus): number {
  if (tracker.weight === 0) return 0;
  if (tracker.kind === 'file') {
    const value = fileStatus(tracker, typeof status === 'number' ? status : 0);
    return value === FILE_FAULT ? 0 : value;
  }
  const seen = effectiveStatus(semantics, status);
  const sign = tracker.reverse === true ? -1 : 1;
  if (seen === 'up') return tracker.weight > 0 ? sign * tracker.weight : 0;
  if (seen === 'down') return tracker.weight < 0 ? sign * tracker.weight : 0;
  return 0;
}

/** The tracker puts its instance in FAULT: weight 0 and bad (good, with reverse), or a file at −254. */
export function trackerFaults(semantics: Semantics, tracker: Tracker, status: TrackerStatus): boolean {
  if (tracker.kind === 'file') {
    const value = typeof status === 'number' ? status : 0;
    if (tracker.weight === 0) return (value !== 0) !== (tracker.reverse === true);
    return fileStatus(tracker, value) === FILE_FAULT;
  }
  if (tracker.weight !== 0) return false;
  const seen = effectiveStatus(semantics, status);
  return tracker.reverse === true ? seen === 'up' : seen === 'down';
}

/** The effective priority the trackers call for: base + Σ contributions, clamped (formulas.ts). */
export function trackedPriority(
  semantics: Semantics,
  basePriority: number,
  trackers: readonly Tracker[],
  statuses: readonly TrackerStatus[],
): number {
  let sum = 0;
  for (let i = 0; i < trackers.length; i++) {
    const tracker = trackers[i];
    const status = statuses[i];
    if (tracker !== undefined && status !== undefined) sum += trackerContribution(semantics, tracker, status);
  }
  return clampEffectivePriority(basePriority, sum);
}

/** Index of the first tracker that puts the instance in FAULT (trackerFaults), or −1. keepalived `VRRP_ISUP` is true iff −1. */
export function firstFaultingTracker(
  semantics: Semantics,
  trackers: readonly Tracker[],
  statuses: readonly TrackerStatus[],
): number {
  for (let i = 0; i < trackers.length; i++) {
    const tracker = trackers[i];
    if (tracker !== undefined && trackerFaults(semantics, tracker, statuses[i] ?? 'init')) return i;
  }
  return -1;
}

/** 2.2.7 `num_script_init`: a weight-0 script that has not returned its first result. */
export function awaitsFirstScriptResult(trackers: readonly Tracker[], statuses: readonly TrackerStatus[]): boolean {
  for (let i = 0; i < trackers.length; i++) {
    const tracker = trackers[i];
    if (tracker?.kind === 'script' && tracker.weight === 0 && statuses[i] === 'init') return true;
  }
  return false;
}

/** Names of the tracked interfaces (own one included) that are down, for "Kernel is reporting" lines. */
export function interfacesDown(trackers: readonly Tracker[], statuses: readonly TrackerStatus[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < trackers.length; i++) {
    const tracker = trackers[i];
    if (tracker?.kind === 'interface' && statuses[i] === 'down') names.push(tracker.name);
  }
  return names;
}
