import type { ConfReader, Words } from './confReader.ts';
import type {
  ParsedGlobalDefs,
  ParsedInstance,
  ParsedKeyword,
  ParsedScript,
  ParsedSyncGroup,
  ParsedTrackFile,
  ParsedTrackProcess,
  SourcePos,
} from './types.ts';

export type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** A sync group as read, before its members are matched to the instances (vrrp_sync.c vrrp_sync_set_group). */
export interface SyncGroupDraft {
  readonly group: Draft<ParsedSyncGroup>;
  /** `group { … }` words, or undefined when the block had none. */
  members?: Words[number][];
}

/** A value keepalived ignored in an instance: the reason it is then refused, if it is. */
export interface IgnoredValue {
  readonly text: string;
  readonly why: string;
  readonly pos: SourcePos;
}

/** What the checks after reading need to know about an instance, beyond ParsedInstance. */
export interface InstanceNotes {
  interface?: IgnoredValue;
  virtualRouterId?: IgnoredValue;
  /** Where virtual_router_id was set. */
  vridPos?: SourcePos;
  /** The VIPs keepalived keeps, IPv6 ones included. */
  vips: number;
  /** Fixed by the first address of the instance; IPv4 when it has none. */
  family: 'inet' | 'inet6';
}

/** What the block readers build, in keepalived's reading order. */
export interface ConfState {
  readonly r: ConfReader;
  readonly globalDefs: Draft<ParsedGlobalDefs> & { readonly other: ParsedKeyword[] };
  /** Scripts keepalived keeps (a vrrp_script without a command is removed where its block ends). */
  readonly scripts: ParsedScript[];
  readonly instances: ParsedInstance[];
  readonly syncGroups: SyncGroupDraft[];
  readonly trackFiles: ParsedTrackFile[];
  readonly trackProcesses: ParsedTrackProcess[];
  /** Top-level keywords and blocks known and not modelled (KeepalivedConf.unmodelled). */
  readonly unmodelled: ParsedKeyword[];
  /** Names of bfd_instance blocks, which track_bfd names. */
  readonly bfdInstances: Set<string>;
  /** Where each instance name was first defined. */
  readonly instanceNames: Map<string, SourcePos>;
  readonly instanceNotes: Map<ParsedInstance, InstanceNotes>;
}

/** The first object of that name, as keepalived's find_*_by_name() returns it. */
export function findByName<T extends { readonly name: string }>(list: readonly T[], name: string): T | undefined {
  return list.find((item) => item.name === name);
}
