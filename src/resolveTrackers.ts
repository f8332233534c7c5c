import type { Profile } from '../model/profiles.ts';
import type { Tracker } from '../model/types.ts';
import type { KeepalivedConf, ParsedInstance, ParsedSyncGroup, ParsedTrack, SourcePos } from './config/types.ts';

/** An instance's trackers as keepalived runs them, and where each one's object is in its router's lists. */
export interface ResolvedTrackers {
  readonly trackers: readonly Tracker[];
  /** Per tracker: its vrrp_script's index in the config, else −1. */
  readonly scriptOf: readonly number[];
  /** Per tracker: its track_file's index in the config, else −1. */
  readonly fileOf: readonly number[];
  /** Per tracker: its vrrp_track_process's index in the config, else −1. */
  readonly processOf: readonly number[];
  /** What keepalived itself logs about them when it starts (its report_config_error lines). */
  readonly logged: readonly string[];
  /** What vrrp-check has to say: what the profile's keepalived does not have. */
  readonly notes: readonly string[];
}

/** A track entry that names no object keepalived keeps: refused, with its place. */
export class UnknownTracked extends Error {
  constructor(
    readonly pos: SourcePos,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

interface Entry {
  tracker: Tracker;
  script: number;
  file: number;
  process: number;
}

function clampWeight(profile: Profile, weight: number): number {
  return Math.max(-profile.config.maxWeight, Math.min(profile.config.maxWeight, weight));
}

/**
 * The trackers of one vrrp_instance, in keepalived's order: its own interface (unless
 * dont_track_primary), track_interface, track_script, track_file and track_process (2.x), then
 * its sync group's. In a sync group without `sync_group_tracking_weight` (1.2.13:
 * `global_tracking`) keepalived runs no floating priority: a weighted interface counts with
 * weight 0 and a weighted script is dropped (2.2.7 vrrp_complete_instance, 1.2.13
 * vrrp_init_state), a track_file's default weight 1 becomes 0 and any other weight drops it.
 */
export function resolveTrackers(
  profile: Profile,
  conf: KeepalivedConf,
  instance: ParsedInstance,
  ifname: string,
  group: ParsedSyncGroup | undefined,
  groupHasOwner: boolean,
): ResolvedTrackers {
  const twoTwo = profile.name === 'keepalived-2.2';
  const logged: string[] = [];
  const notes: string[] = [];
  const entries: Entry[] = [];
  const where = `vrrp_instance ${instance.name}`;
  const add = (tracker: Tracker, script = -1, file = -1, process = -1) =>
    entries.push({ tracker, script, file, process });
  const reverse = (track: ParsedTrack, fallback?: true) =>
    track.reverse === true || (track.reverse === undefined && fallback === true) ? { reverse: true } : {};
  // 1.2.13 knows no reverse: the keyword is 2.x's
  const reversed = (track: ParsedTrack, fallback?: true) => (twoTwo ? reverse(track, fallback) : {});

  if (!instance.dontTrackPrimary) add({ kind: 'interface', name: ifname, weight: 0, own: true });

  const trackInterfaces = (list: readonly ParsedTrack[]) => {
    for (const track of list) {
      add({
        kind: 'interface',
        name: track.name,
        weight: clampWeight(profile, track.weight ?? 0),
        own: false,
        ...reversed(track),
      });
    }
  };
  const trackScripts = (list: readonly ParsedTrack[]) => {
    for (const track of list) {
      const index = conf.scripts.findIndex((script) => script.name === track.name);
      const script = conf.scripts[index];
      if (script === undefined) {
        throw new UnknownTracked(
          track.pos,
          `track_script "${track.name}" names no vrrp_script`,
          `define vrrp_script ${track.name} or fix the name`,
        );
      }
      const weight = clampWeight(profile, track.weight ?? script.weight ?? 0);
      add({ kind: 'script', name: track.name, weight, ...reversed(track, script.weightReverse) }, index);
    }
  };
  const trackFiles = (list: readonly ParsedTrack[]) => {
    for (const track of list) {
      const index = conf.trackFiles.findIndex((file) => file.name === track.name);
      const file = conf.trackFiles[index];
      if (file === undefined) continue;
      if (!twoTwo) {
        notes.push(
          `${where}: keepalived 1.2.13 has no track_file: profile keepalived-1.2 runs it without "${track.name}"`,
        );
        continue;
      }
      // track_file.c: the file's weight is 1 unless set
      const weight = Math.max(-254, Math.min(254, track.weight ?? file.weight ?? 1));
      add({ kind: 'file', name: track.name, weight, ...reversed(track, file.weightReverse) }, -1, index);
    }
  };
  const trackProcesses = (list: readonly ParsedTrack[]) => {
    for (const track of list) {
      const index = conf.trackProcesses.findIndex((process) => process.name === track.name);
      const process = conf.trackProcesses[index];
      if (process === undefined) continue;
      if (!twoTwo) {
        notes.push(
          `${where}: keepalived 1.2.13 has no track_process: profile keepalived-1.2 runs it without "${track.name}"`,
        );
        continue;
      }
      const weight = clampWeight(profile, track.weight ?? process.weight ?? 0);
      add({ kind: 'process', name: track.name, weight, ...reversed(track, process.weightReverse) }, -1, -1, index);
    }
  };

  trackInterfaces(instance.trackInterfaces);
  trackScripts(instance.trackScripts);
  trackFiles(instance.trackFiles);
  trackProcesses(instance.trackProcesses);

  if (group !== undefined && group.trackingWeight !== true) {
    const name = instance.name;
    const base = entries.length;
    const kept: Entry[] = [];
    let scriptsIgnored = false;
    for (const entry of entries.slice(0, base)) {
      const t = entry.tracker;
      if (t.weight === 0) kept.push(entry);
      else if (t.kind === 'interface') {
        if (twoTwo) logged.push(`(${name}) ignoring ${t.name} tracked interface weight due to SYNC group`);
        kept.push({ ...entry, tracker: { ...t, weight: 0 } });
      } else if (t.kind === 'script') {
        if (twoTwo) logged.push(`(${name}) ignoring tracked script ${t.name} with weights due to SYNC group`);
        scriptsIgnored = true;
      } else if (t.kind === 'file') {
        const file = conf.trackFiles[entry.file];
        if (t.weight === 1) {
          logged.push(
            `(${name}) ignoring weight from tracked file ${file?.name ?? t.name} due to SYNC group. specify weight 0`,
          );
          kept.push({ ...entry, tracker: { ...t, weight: 0 } });
        } else
          logged.push(
            `(${name}) ignoring tracked file ${file?.name ?? t.name} with weight ${t.weight} due to SYNC group`,
          );
      } else kept.push(entry);
    }
    if (scriptsIgnored && !twoTwo)
      logged.push(`VRRP_Instance(${name}) : ignoring tracked script with weights due to SYNC group`);
    entries.splice(0, base, ...kept);
  }
  if (group !== undefined && twoTwo) {
    // sync_group_tracking_init: the group's tracked objects are every member's ("Cannot have weighted
    // track script with member having priority 255 - clearing weight")
    const from = entries.length;
    trackInterfaces(group.trackInterfaces);
    trackScripts(group.trackScripts);
    trackFiles(group.trackFiles);
    trackProcesses(group.trackProcesses);
    const added = entries.splice(from);
    for (const entry of added) {
      if (groupHasOwner) entry.tracker = { ...entry.tracker, weight: 0 };
      // add_vrrp_to_interface, add_vrrp_to_track_script: tracked by the instance already, the
      // entry takes the group's weight (unless the instance's is 0) and keepalived says so
      const mine = entries.find((e) => e.tracker.kind === entry.tracker.kind && e.tracker.name === entry.tracker.name);
      if (mine === undefined) {
        entries.push(entry);
        continue;
      }
      const t = entry.tracker;
      if (t.kind === 'interface')
        logged.push(
          `(${instance.name}) track_interface ${t.name} is configured on VRRP instance and sync group. Remove vrrp instance or sync group config`,
        );
      if (t.kind === 'script')
        logged.push(
          `(${instance.name}) track_script ${t.name} is configured on VRRP instance and sync group. Remove vrrp instance config`,
        );
      if (mine.tracker.weight !== 0) {
        const { reverse: _, ...rest } = mine.tracker;
        mine.tracker = { ...rest, weight: t.weight, ...(t.reverse === true ? { reverse: true } : {}) } as Tracker;
      }
    }
  }
  return {
    trackers: entries.map((e) => e.tracker),
    scriptOf: entries.map((e) => e.script),
    fileOf: entries.map((e) => e.file),
    processOf: entries.map((e) => e.process),
    logged,
    notes,
  };
}
