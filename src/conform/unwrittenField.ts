import type {
  KeepalivedConf,
  ParsedGlobalDefs,
  ParsedInstance,
  ParsedKeyword,
  ParsedScript,
  ParsedSyncGroup,
  ParsedTrack,
  SourcePos,
} from '../config/types.ts';

/**
 * What conform does with each field of the parsed config. `written`: writeConformConf writes it.
 * `harmless`: left out of the live run because keepalived 2.2.7's elections do not depend on it
 * (commands, mail, GARP timing, routes, accept mode, …), so the run shows what the user's own
 * config would do. A function: the field is refused (with why) where it is set in a way that
 * changes an election, which the model does not simulate and the live run would then leave out
 * in silence. Every field of the reader's types must be classified (the Rules types), and one
 * unknown at run time is refused too.
 */
type Rule<T> = 'written' | 'harmless' | ((owner: T) => Refusal | null);
type Rules<T> = { readonly [K in keyof Required<T>]: Rule<T> };

interface Refusal {
  /** The keyword as the user writes it. */
  readonly keyword: string;
  /** What it changes, with the keepalived 2.2.7 function that does it. */
  readonly why: string;
  /** Its place, where the reader keeps one; else the place of its block. */
  readonly pos?: SourcePos;
}

const always = (keyword: string, why: string) => (): Refusal => ({ keyword, why });

const DEFAULT_GROUP = '224.0.0.18';

/** Top-level keywords that change when keepalived sees a link go down or up. */
const LINK_TIMING: Readonly<Record<string, string>> = {
  interface_up_down_delays:
    'it delays when keepalived sees a link go down or up (keepalived_netlink.c, delayed_if_flags_change_thread)',
  linkbeat_interfaces:
    'it polls link state once a second instead of hearing it from netlink (vrrp_if.c if_linkbeat_refresh_thread, POLLING_DELAY)',
  linkbeat_use_polling:
    'it polls link state once a second instead of hearing it from netlink (vrrp_if.c if_linkbeat_refresh_thread, POLLING_DELAY)',
};

const linkTiming = (keywords: readonly ParsedKeyword[]): Refusal | null => {
  const found = keywords.find((k) => LINK_TIMING[k.keyword] !== undefined);
  return found === undefined ? null : { keyword: found.keyword, why: LINK_TIMING[found.keyword] ?? '', pos: found.pos };
};

/** A track_file, track_process or track_bfd entry: the model runs files and processes, the live harness drives neither yet. */
const notDriven = (tracks: readonly ParsedTrack[], keyword: string, why: string): Refusal | null => {
  const found = tracks[0];
  return found === undefined ? null : { keyword, why, pos: found.pos };
};

const FILE_WHY =
  'a tracked file changes the priority or faults the instance (track_file.c), and the live harness does not write its numbers yet';
const PROCESS_WHY =
  'a tracked process changes the priority or faults the instance (track_process.c), and the live harness runs no such process';
const BFD_WHY = 'a BFD session changes the priority or faults the instance (vrrp_track.c)';

const CONF: Rules<KeepalivedConf> = {
  file: 'harmless',
  // the scenario's router name is written as router_id: it names the run, no election reads it
  routerId: 'harmless',
  globalDefs: 'written',
  scripts: 'written',
  instances: 'written',
  // written, with what of each group's own settings the model runs (GROUP below)
  syncGroups: (conf) => {
    for (const group of conf.syncGroups) {
      const refusal = firstGroupRefusal(group);
      if (refusal !== null) return refusal;
    }
    return null;
  },
  // definitions change nothing until tracked: an instance or sync group tracking one is refused
  trackFiles: 'harmless',
  trackProcesses: 'harmless',
  // static addresses and routes, the health checker, BFD (refused where tracked), namespaces
  unmodelled: (conf) => linkTiming(conf.unmodelled),
  // the files read and the user's whole text: never given to keepalived
  sources: 'harmless',
  text: 'harmless',
  warnings: 'harmless',
};

const GLOBAL: Rules<ParsedGlobalDefs> = {
  routerId: 'harmless',
  vrrpStartupDelaySeconds: 'written',
  vrrpVersion: (g) =>
    g.vrrpVersion === 3
      ? { keyword: 'vrrp_version 3', why: 'VRRPv3 adverts carry centisecond intervals (vrrp.c vrrp_build_vrrp_v3)' }
      : null,
  vrrpStrict: always(
    'vrrp_strict',
    'strict mode changes the start-up state, authentication, unicast and which adverts are accepted (vrrp.c vrrp_complete_instance)',
  ),
  vrrpHigherPrioSendAdvert: 'written',
  vrrpLowerPrioNoAdvert: 'written',
  // only an advert from the master already heard skips the address check: a new master's first
  // advert is always checked (vrrp.c vrrp_state_backup), so no election turns on it
  vrrpSkipCheckAdvAddr: 'harmless',
  vrrpCheckUnicastSrc: always(
    'vrrp_check_unicast_src',
    'adverts from addresses not in unicast_peer are dropped (vrrp.c vrrp_check_packet)',
  ),
  vrrpGarpMasterDelaySeconds: 'harmless',
  vrrpGarpMasterRepeat: 'harmless',
  vrrpGarpMasterRefreshSeconds: 'harmless',
  vrrpGarpMasterRefreshRepeat: 'harmless',
  vrrpGarpLowerPrioDelaySeconds: 'harmless',
  vrrpGarpLowerPrioRepeat: 'harmless',
  vrrpGarpIntervalSeconds: 'harmless',
  vrrpGnaIntervalSeconds: 'harmless',
  vrrpMinGarp: 'harmless',
  vrrpDownTimerAdverts: always(
    'vrrp_down_timer_adverts',
    'it changes the master-down interval (vrrp.h VRRP_MS_DOWN_TIMER)',
  ),
  vrrpMcastGroup4: (g) =>
    g.vrrpMcastGroup4 === DEFAULT_GROUP
      ? null
      : {
          keyword: 'vrrp_mcast_group4',
          why: 'routers on another multicast group do not hear each other (vrrp.c vrrp_build_ip4)',
        },
  // conform creates every interface a config names
  dynamicInterfaces: 'harmless',
  // conform writes its own script security
  scriptUser: 'harmless',
  enableScriptSecurity: 'harmless',
  // the reader keeps here only keywords that do not touch elections (readGlobalDefs OTHER_KEYWORDS)
  other: 'harmless',
};

const SCRIPT: Rules<ParsedScript> = {
  name: 'written',
  // replaced by the test of its flag file
  script: 'harmless',
  intervalSeconds: 'written',
  timeoutSeconds: 'written',
  weight: 'written',
  weightReverse: 'written',
  rise: 'written',
  fall: 'written',
  initFail: 'written',
  // the flag test runs as root
  user: 'harmless',
  pos: 'written',
};

const INSTANCE: Rules<ParsedInstance> = {
  name: 'written',
  state: 'written',
  interface: 'written',
  virtualRouterId: 'written',
  priority: 'written',
  advertIntSeconds: 'written',
  nopreempt: 'written',
  preemptDelaySeconds: 'written',
  dontTrackPrimary: 'written',
  trackScripts: 'written',
  trackInterfaces: 'written',
  trackFiles: (i) => notDriven(i.trackFiles, 'track_file', FILE_WHY),
  trackProcesses: (i) => notDriven(i.trackProcesses, 'track_process', PROCESS_WHY),
  trackBfds: (i) => notDriven(i.trackBfds, 'track_bfd', BFD_WHY),
  virtualIpAddresses: 'written',
  // added on becoming master, never in adverts
  virtualIpAddressesExcluded: 'harmless',
  // a route with its interface is tracked unless no_track: when its interface goes down the
  // kernel deletes it and a master steps down (vrrp_iproute.c alloc_route,
  // keepalived_netlink.c netlink_route_filter); one without an interface is not tracked
  virtualRoutes: (i) => {
    const tracked = i.virtualRoutes.find(
      (route) => /(?:^|\s)dev\s/.test(route) && !/(?:^|\s)no_track(?:\s|$)/.test(route),
    );
    return tracked === undefined
      ? null
      : {
          keyword: `virtual_routes ${tracked}`,
          why: 'a master whose tracked route is deleted (its interface going down) steps down (keepalived_netlink.c netlink_route_filter); add no_track to it',
        };
  },
  // rules are tracked too, but no link change deletes one
  virtualRules: 'harmless',
  unicastSrcIp: 'written',
  unicastPeers: 'written',
  // the addresses are written; TTL limits set checkUnicastSrc, refused below
  peers: 'harmless',
  // on one LAN a unicast TTL is only checked against TTL limits (vrrp.c vrrp_check_packet)
  unicastTtl: 'harmless',
  unicastFaultNoPeer: (i) =>
    i.unicastPeers.length > 0
      ? null
      : {
          keyword: 'unicast_fault_no_peer',
          why: 'without a unicast_peer the instance stays in FAULT (vrrp.c vrrp_complete_instance)',
        },
  checkUnicastSrc: always(
    'check_unicast_src',
    'adverts from addresses not in unicast_peer, or outside its TTL limits, are dropped (vrrp.c vrrp_check_packet)',
  ),
  mcastSrcIp: always(
    'mcast_src_ip',
    'it is the address adverts come from, which breaks priority ties (vrrp.c vrrp_build_ip4)',
  ),
  mcastDstIp: (i) =>
    i.mcastDstIp === DEFAULT_GROUP
      ? null
      : {
          keyword: 'mcast_dst_ip',
          why: 'routers on another multicast group do not hear each other (vrrp.c vrrp_build_ip4)',
        },
  version: (i) =>
    i.version === 3
      ? { keyword: 'version 3', why: 'VRRPv3 adverts carry centisecond intervals (vrrp.c vrrp_build_vrrp_v3)' }
      : null,
  nativeIpv6: always('native_ipv6', 'the instance runs VRRPv3 over IPv6, which the model does not'),
  ipv6: always(
    'IPv6 addresses',
    'the instance runs VRRPv3 over IPv6 (vrrp.c vrrp_complete_instance), which the model does not',
  ),
  strictMode: (i) =>
    i.strictMode === true
      ? {
          keyword: 'strict_mode',
          why: 'strict mode changes the start-up state, authentication, unicast and which adverts are accepted (vrrp.c vrrp_complete_instance)',
        }
      : null,
  // what the master accepts for its addresses, not who is master
  accept: 'harmless',
  skipCheckAdvAddr: 'harmless',
  lowerPrioNoAdvert: 'written',
  higherPrioSendAdvert: 'written',
  garpMasterDelaySeconds: 'harmless',
  garpMasterRepeat: 'harmless',
  garpMasterRefreshSeconds: 'harmless',
  garpMasterRefreshRepeat: 'harmless',
  garpLowerPrioDelaySeconds: 'harmless',
  garpLowerPrioRepeat: 'harmless',
  downTimerAdverts: always('down_timer_adverts', 'it changes the master-down interval (vrrp.h VRRP_MS_DOWN_TIMER)'),
  useVmac: always(
    'use_vmac',
    'the instance runs on a macvlan interface of its own (vrrp_vmac.c netlink_link_add_vmac), whose link conform does not fail',
  ),
  useIpvlan: always(
    'use_ipvlan',
    'the instance runs on an ipvlan interface of its own (vrrp_vmac.c netlink_link_add_vmac), whose link conform does not fail',
  ),
  notifies: 'harmless',
  smtpAlert: 'harmless',
  // written as PASS with a stand-in password (equal passwords stay equal); AH is refused
  authentication: (i) =>
    i.authentication?.type === 'AH' && (i.authentication.pass ?? '') !== ''
      ? {
          keyword: 'auth_type AH',
          why: 'AH adverts are IPsec packets (vrrp.c vrrp_build_ipsecah), which conform does not capture',
          pos: i.authentication.pos,
        }
      : null,
  // the reader keeps here keywords without election effect (readVrrpInstance NO_ELECTION_EFFECT)
  // and use_vmac/use_ipvlan (refused above); link polling is refused
  unmodelled: (i) => linkTiming(i.unmodelled),
  pos: 'written',
};

const GROUP: Rules<ParsedSyncGroup> = {
  name: 'written',
  members: 'written',
  trackScripts: 'written',
  trackInterfaces: 'written',
  trackFiles: (g) => notDriven(g.trackFiles, 'track_file', FILE_WHY),
  trackProcesses: (g) => notDriven(g.trackProcesses, 'track_process', PROCESS_WHY),
  trackBfds: (g) => notDriven(g.trackBfds, 'track_bfd', BFD_WHY),
  // what keepalived runs on a state change, mails, fifo lines: no election reads them
  notifies: 'harmless',
  smtpAlert: 'harmless',
  notifyPriorityChanges: 'harmless',
  trackingWeight: 'written',
  pos: 'written',
};

/** The first setting of a sync group that changes an election and is not written. */
function firstGroupRefusal(group: ParsedSyncGroup): Refusal | null {
  for (const [field, content] of Object.entries(group)) {
    if (unset(content)) continue;
    const rule = (GROUP as Readonly<Record<string, Rule<ParsedSyncGroup> | undefined>>)[field];
    if (rule === undefined)
      return { keyword: field, why: 'a field of the parsed config that conform does not know', pos: group.pos };
    if (rule === 'written' || rule === 'harmless') continue;
    const refusal = rule(group);
    if (refusal !== null) return refusal;
  }
  return null;
}

export interface UnwrittenField {
  /** The keyword as the user writes it (or the parsed field's name). */
  readonly field: string;
  readonly where: string;
  /** Why the live run would differ from the user's config without it. */
  readonly why: string;
  readonly pos: SourcePos;
}

const unset = (content: unknown) =>
  content === undefined || content === false || (Array.isArray(content) && content.length === 0);

/**
 * Where the reader saw `keyword` in `where`: the warning it gave there ("KEYWORD" in WHERE …),
 * which every keyword refused here gets; else undefined.
 */
function placeOf(conf: KeepalivedConf, keyword: string, where: string): SourcePos | undefined {
  const start = `"${keyword.split(' ')[0]}" in ${where} `;
  return conf.warnings.find((w) => w.message.startsWith(start))?.pos;
}

function firstRefused<T extends object>(
  conf: KeepalivedConf,
  owner: T,
  rules: Rules<T>,
  where: string,
  pos: SourcePos,
): UnwrittenField | null {
  for (const [field, content] of Object.entries(owner)) {
    if (unset(content)) continue;
    const rule = (rules as Readonly<Record<string, Rule<T> | undefined>>)[field];
    if (rule === undefined) {
      return { field, where, pos, why: 'a field of the parsed config that conform does not know' };
    }
    if (rule === 'written' || rule === 'harmless') continue;
    const refusal = rule(owner);
    if (refusal === null) continue;
    const place = refusal.pos ?? placeOf(conf, refusal.keyword, where) ?? pos;
    return { field: refusal.keyword, where, pos: place, why: refusal.why };
  }
  return null;
}

/**
 * The first setting of a parsed config that changes keepalived's elections and that conform's
 * writer does not write, with its place, or null when the live run can show what the config does.
 */
export function unwrittenField(conf: KeepalivedConf): UnwrittenField | null {
  const top = { file: conf.file, line: 1, col: 1 };
  return (
    firstRefused(conf, conf, CONF, 'the config', top) ??
    firstRefused(conf, conf.globalDefs, GLOBAL, 'global_defs', top) ??
    conf.scripts.reduce<UnwrittenField | null>(
      (found, s) => found ?? firstRefused(conf, s, SCRIPT, `vrrp_script ${s.name}`, s.pos),
      null,
    ) ??
    conf.instances.reduce<UnwrittenField | null>(
      (found, i) => found ?? firstRefused(conf, i, INSTANCE, `vrrp_instance ${i.name}`, i.pos),
      null,
    )
  );
}
