import { clampEffectivePriority } from './formulas.ts';
import type { Semantics } from './profiles.ts';
import type { Tracker, TrackerStatus } from './types.ts';

/** How keepalived reads a status: 1.2.13 counts a script without a result as failed (result = rise − 1). */
function effectiveStatus(semantics: Semantics, status: TrackerStatus): TrackerStatus {
  return status === 'init' && semantics.scriptFailedUntilFirstResult ? 'down' : status;
}

/**
 * One tracker's contribution to the priority: a positive weight counts while good, a negative
 * weight while bad, weight 0 never (it means FAULT instead). 1.2.13 vrrp_script_weight /
 * vrrp_tracked_weight, 2.2.7 initialise_track_script_state / process_script_update_priority.
 */
export function trackerContribution(semantics: Semantics, tracker: Tracker, status: TrackerStatus): number {
  const seen = effectiveStatus(semantics, status);
  if (seen === 'init') return 0;
  if (tracker.weight > 0) return seen === 'up' ? tracker.weight : 0;
  if (tracker.weight < 0) return seen === 'down' ? tracker.weight : 0;
  return 0;
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

/** Index of the first weight-0 tracker that is bad, or −1. keepalived `VRRP_ISUP` is true iff −1. */
export function firstFailedZeroWeightTracker(
  semantics: Semantics,
  trackers: readonly Tracker[],
  statuses: readonly TrackerStatus[],
): number {
  for (let i = 0; i < trackers.length; i++) {
    if (trackers[i]?.weight === 0 && effectiveStatus(semantics, statuses[i] ?? 'init') === 'down') return i;
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
