import type { Words } from './confReader.ts';
import { type ConfState, findByName } from './confState.ts';
import { readTrackEntry } from './confValues.ts';
import type { ParsedTrack } from './types.ts';

export type TrackKind = 'track_script' | 'track_interface' | 'track_file' | 'track_process' | 'track_bfd';

/** Where each kind of track block goes in a ParsedInstance or ParsedSyncGroup. */
export const TRACK_LISTS = {
  track_script: 'trackScripts',
  track_interface: 'trackInterfaces',
  track_file: 'trackFiles',
  track_process: 'trackProcesses',
  track_bfd: 'trackBfds',
} as const;

/** What each tracked name must refer to, defined earlier in the file (vrrp_track.c alloc_track_*). */
const DEFINED_BY: Record<TrackKind, string | undefined> = {
  track_script: 'vrrp_script',
  track_interface: undefined,
  track_file: 'track_file',
  track_process: 'vrrp_track_process',
  track_bfd: 'bfd_instance',
};

function isDefined(state: ConfState, kind: TrackKind, name: string): boolean {
  switch (kind) {
    case 'track_script':
      return findByName(state.scripts, name) !== undefined;
    case 'track_file':
      return findByName(state.trackFiles, name) !== undefined;
    case 'track_process':
      return findByName(state.trackProcesses, name) !== undefined;
    case 'track_bfd':
      return state.bfdInstances.has(name);
    case 'track_interface':
      return true;
  }
}

/**
 * A `track_* { NAME [weight N [reverse]] … }` block of `where` (an instance or a sync group). As
 * keepalived resolves names while it reads, a name defined only further down is not tracked. A
 * name `where` already tracks, in this block or an earlier one (`already`), is a duplicate
 * (vrrp_track.c alloc_track_if, alloc_track_script, …: the instance's whole list is searched).
 */
export function readTrackBlock(
  state: ConfState,
  words: Words,
  where: string,
  already: readonly ParsedTrack[] = [],
): ParsedTrack[] {
  const { r } = state;
  const kind = words[0].text as TrackKind;
  const tracks: ParsedTrack[] = [];
  for (const entry of r.readValueBlock(words)) {
    const name = entry[0];
    const definedBy = DEFINED_BY[kind];
    if (!isDefined(state, kind, name.text)) {
      const later = kind === 'track_script' ? ' (a vrrp_script must come before the instances that track it)' : '';
      r.warn(
        name.pos,
        `${kind} "${name.text}" in ${where} names no ${definedBy} defined above it: keepalived ignores it${later}`,
      );
      continue;
    }
    if (already.some((t) => t.name === name.text) || tracks.some((t) => t.name === name.text)) {
      r.warn(name.pos, `duplicate ${kind} "${name.text}" in ${where}, ignored as keepalived does`);
      continue;
    }
    const track = readTrackEntry(r, entry, kind, where, kind === 'track_bfd' ? -253 : -254);
    if (track === undefined) continue;
    if ((kind === 'track_script' || kind === 'track_interface') && Math.abs(track.weight ?? 0) === 254) {
      r.warn(name.pos, `weight ${track.weight} for ${kind} "${name.text}" in ${where}: keepalived 2.2.7 uses ±253`);
    }
    tracks.push(track);
  }
  return tracks;
}
