/** keepalived.conf as written: values are present only where the file sets them. */
import { escapeText } from '../escapeText.ts';

export interface SourcePos {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
}

/** A keyword kept as written (its arguments with quotes removed), for what is parsed but not modelled. */
export interface ParsedKeyword {
  readonly keyword: string;
  readonly args: readonly string[];
  readonly pos: SourcePos;
}

export interface ParsedScript {
  readonly name: string;
  /** The command as written. vrrp-check never runs it. */
  readonly script?: string;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly weight?: number;
  readonly weightReverse?: true;
  readonly rise?: number;
  readonly fall?: number;
  readonly initFail: boolean;
  /** `user USER [GROUP]`: who would run the script. */
  readonly user?: string;
  readonly pos: SourcePos;
}

export interface ParsedTrack {
  readonly name: string;
  /** Override of the tracked object's weight, or the interface's weight. */
  readonly weight?: number;
  readonly reverse?: boolean;
  readonly pos: SourcePos;
}

export interface ParsedUnicastPeer {
  readonly address: string;
  readonly minTtl?: number;
  readonly maxTtl?: number;
  readonly pos: SourcePos;
}

/** `notify_master CMD`, `notify CMD`, …: what keepalived would run on a transition. */
export interface ParsedNotify {
  readonly kind: string;
  readonly command: string;
  readonly pos: SourcePos;
}

export interface ParsedAuthentication {
  readonly type?: 'PASS' | 'AH';
  readonly pass?: string;
  readonly pos: SourcePos;
}

export interface ParsedInstance {
  readonly name: string;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly interface?: string;
  readonly virtualRouterId?: number;
  readonly priority?: number;
  readonly advertIntSeconds?: number;
  readonly nopreempt: boolean;
  readonly preemptDelaySeconds?: number;
  readonly dontTrackPrimary: boolean;
  readonly trackScripts: readonly ParsedTrack[];
  readonly trackInterfaces: readonly ParsedTrack[];
  readonly trackFiles: readonly ParsedTrack[];
  readonly trackProcesses: readonly ParsedTrack[];
  readonly trackBfds: readonly ParsedTrack[];
  /** Addresses as written, prefix included ("10.99.0.100/24"). */
  readonly virtualIpAddresses: readonly string[];
  readonly virtualIpAddressesExcluded: readonly string[];
  /** `virtual_routes` and `virtual_rules` lines as written. */
  readonly virtualRoutes: readonly string[];
  readonly virtualRules: readonly string[];
  readonly unicastSrcIp?: string;
  /** The unicast_peer addresses; `peers` has them with their options. */
  readonly unicastPeers: readonly string[];
  readonly peers: readonly ParsedUnicastPeer[];
  readonly unicastTtl?: number;
  readonly unicastFaultNoPeer?: true;
  readonly checkUnicastSrc?: true;
  readonly mcastSrcIp?: string;
  readonly mcastDstIp?: string;
  readonly version?: 2 | 3;
  readonly nativeIpv6?: true;
  /**
   * The instance is IPv6 (its first address is, or native_ipv6): keepalived runs it as VRRPv3
   * over IPv6, vrrp-check as IPv4 without its IPv6 addresses.
   */
  readonly ipv6?: true;
  /** `strict_mode` in the instance (else global_defs `vrrp_strict` applies). */
  readonly strictMode?: boolean;
  /** `accept` / `no_accept`. */
  readonly accept?: boolean;
  readonly skipCheckAdvAddr?: boolean;
  readonly lowerPrioNoAdvert?: boolean;
  readonly higherPrioSendAdvert?: boolean;
  readonly garpMasterDelaySeconds?: number;
  readonly garpMasterRepeat?: number;
  readonly garpMasterRefreshSeconds?: number;
  readonly garpMasterRefreshRepeat?: number;
  readonly garpLowerPrioDelaySeconds?: number;
  readonly garpLowerPrioRepeat?: number;
  readonly downTimerAdverts?: number;
  readonly useVmac?: true;
  readonly useIpvlan?: true;
  readonly notifies: readonly ParsedNotify[];
  readonly smtpAlert?: boolean;
  readonly authentication?: ParsedAuthentication;
  /** Every other keyword of the block that keepalived knows and vrrp-check does not model. */
  readonly unmodelled: readonly ParsedKeyword[];
  readonly pos: SourcePos;
}

/** `vrrp_sync_group`: its members are the instances keepalived keeps (names that exist, in one group only). */
export interface ParsedSyncGroup {
  readonly name: string;
  readonly members: readonly string[];
  readonly trackScripts: readonly ParsedTrack[];
  readonly trackInterfaces: readonly ParsedTrack[];
  readonly trackFiles: readonly ParsedTrack[];
  readonly trackProcesses: readonly ParsedTrack[];
  readonly trackBfds: readonly ParsedTrack[];
  readonly notifies: readonly ParsedNotify[];
  readonly smtpAlert?: boolean;
  /** `sync_group_tracking_weight` (or the deprecated `global_tracking`). */
  readonly trackingWeight?: true;
  readonly notifyPriorityChanges?: boolean;
  readonly pos: SourcePos;
}

/** `track_file NAME { file PATH weight N init_file … }` (or the deprecated `vrrp_track_file`). */
export interface ParsedTrackFile {
  readonly name: string;
  readonly file?: string;
  readonly weight?: number;
  readonly weightReverse?: true;
  /** `init_file [VALUE] [overwrite]`. */
  readonly initFile?: { readonly value: number; readonly overwrite: boolean };
  readonly pos: SourcePos;
}

/** `vrrp_track_process NAME { process CMD … }`. */
export interface ParsedTrackProcess {
  readonly name: string;
  readonly process?: string;
  readonly params?: readonly string[];
  readonly paramMatch?: 'exact' | 'initial' | 'partial';
  readonly weight?: number;
  readonly weightReverse?: true;
  readonly quorum?: number;
  readonly quorumMax?: number;
  readonly delaySeconds?: number;
  readonly terminateDelaySeconds?: number;
  readonly forkDelaySeconds?: number;
  readonly fullCommand?: true;
  readonly pos: SourcePos;
}

/** The `global_defs` keywords that change elections, typed; the rest kept as written. */
export interface ParsedGlobalDefs {
  readonly routerId?: string;
  readonly vrrpStartupDelaySeconds?: number;
  readonly vrrpVersion?: 2 | 3;
  readonly vrrpStrict?: true;
  readonly vrrpHigherPrioSendAdvert?: boolean;
  readonly vrrpLowerPrioNoAdvert?: boolean;
  readonly vrrpSkipCheckAdvAddr?: true;
  readonly vrrpCheckUnicastSrc?: true;
  readonly vrrpGarpMasterDelaySeconds?: number;
  readonly vrrpGarpMasterRepeat?: number;
  readonly vrrpGarpMasterRefreshSeconds?: number;
  readonly vrrpGarpMasterRefreshRepeat?: number;
  readonly vrrpGarpLowerPrioDelaySeconds?: number;
  readonly vrrpGarpLowerPrioRepeat?: number;
  readonly vrrpGarpIntervalSeconds?: number;
  readonly vrrpGnaIntervalSeconds?: number;
  readonly vrrpMinGarp?: true;
  readonly vrrpDownTimerAdverts?: number;
  readonly vrrpMcastGroup4?: string;
  readonly dynamicInterfaces?: true;
  readonly scriptUser?: string;
  readonly enableScriptSecurity?: true;
  /** Every other keyword of global_defs, as written. */
  readonly other: readonly ParsedKeyword[];
}

export interface ConfWarning {
  readonly pos: SourcePos;
  readonly message: string;
}

export interface KeepalivedConf {
  readonly file: string;
  readonly routerId?: string;
  readonly globalDefs: ParsedGlobalDefs;
  readonly scripts: readonly ParsedScript[];
  readonly instances: readonly ParsedInstance[];
  readonly syncGroups: readonly ParsedSyncGroup[];
  readonly trackFiles: readonly ParsedTrackFile[];
  readonly trackProcesses: readonly ParsedTrackProcess[];
  /**
   * Every other top-level keyword or block keepalived knows and vrrp-check does not model
   * (static_*, linkbeat_interfaces, interface_up_down_delays, bfd_instance, virtual_server, …),
   * as its first line is written.
   */
  readonly unmodelled: readonly ParsedKeyword[];
  /** Every file read, the CONF first, then each file an `include` matched, in reading order. */
  readonly sources: readonly string[];
  /**
   * The whole configuration as one text: the CONF with each `include` line replaced by the files
   * it matched. Parsing it again gives the same configuration without reading any other file.
   */
  readonly text: string;
  readonly warnings: readonly ConfWarning[];
}

/** A malformed file: rendered as `file:line:col: message (hint)`. */
export interface ConfError {
  readonly pos: SourcePos;
  readonly message: string;
  readonly hint: string;
}

export type ParseResult =
  | { readonly ok: true; readonly conf: KeepalivedConf }
  | { readonly ok: false; readonly error: ConfError };

/** One line: the message quotes the user's words, and a terminal must not act on them (escapeText). */
export function formatConfError(error: ConfError): string {
  return `${error.pos.file}:${error.pos.line}:${error.pos.col}: ${escapeText(error.message)} (${escapeText(error.hint)})`;
}

export function formatConfWarning(warning: ConfWarning): string {
  return `${warning.pos.file}:${warning.pos.line}:${warning.pos.col}: warning: ${escapeText(warning.message)}`;
}
