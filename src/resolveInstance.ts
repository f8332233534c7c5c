import { PRIORITY_DEFAULT, PRIORITY_OWNER, secondsToUs, US_PER_SECOND } from '../model/formulas.ts';
import type { Profile } from '../model/profiles.ts';
import type { InstanceConfig } from '../model/types.ts';
import type { KeepalivedConf, ParsedInstance, ParsedSyncGroup, SourcePos } from './config/types.ts';
import { ipv4ToNumber } from './ipv4.ts';
import { resolveTrackers } from './resolveTrackers.ts';

/** A vrrp_instance as the simulator runs it, before its LAN is known (that takes every router). */
export interface ResolvedInstance {
  readonly config: InstanceConfig;
  /** For each tracker of `config.trackers`, the index of its script in the router's scripts, else −1. */
  readonly scriptOf: readonly number[];
  /** The same for track_file (the router's files) and track_process (its processes). */
  readonly fileOf: readonly number[];
  readonly processOf: readonly number[];
  /** keepalived's own configuration warnings, logged when the router starts. */
  readonly startWarnings: readonly string[];
  /** Unicast peers; empty means multicast to the LAN. */
  readonly unicastPeers: readonly string[];
  /** What the file says, before the profile's clean-ups (2.2.7 clears nopreempt under `state MASTER`). */
  readonly asWritten: { readonly nopreempt: boolean; readonly state?: 'MASTER' | 'BACKUP' };
  /** What vrrp-check has to say about it (what the profile's keepalived does not have). */
  readonly notes: readonly string[];
}

/** A configuration keepalived refuses, found while resolving: one line with its place. */
export class InstanceRefused extends Error {
  constructor(
    readonly pos: SourcePos | undefined,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/**
 * 2.2.7 vrrp_complete_instance: `strict_mode` (or global_defs vrrp_strict) makes the initial
 * state follow ownership and drops preempt_delay; lower_prio_no_advert and
 * higher_prio_send_advert default to global_defs, and strict mode forces them.
 */
function strictness(conf: KeepalivedConf, instance: ParsedInstance) {
  const g = conf.globalDefs;
  const strict = instance.strictMode ?? g.vrrpStrict === true;
  return {
    strict,
    lowerPrioNoAdvert: strict || (instance.lowerPrioNoAdvert ?? g.vrrpLowerPrioNoAdvert ?? false),
    higherPrioSendAdvert: !strict && (instance.higherPrioSendAdvert ?? g.vrrpHigherPrioSendAdvert ?? false),
  };
}

/**
 * One vrrp_instance with every default of the profile applied, as keepalived's
 * vrrp_complete_instance (2.2.7) or the 1.2.13 parser leaves it, and the warnings keepalived logs.
 */
export function resolveInstance(
  profile: Profile,
  conf: KeepalivedConf,
  instance: ParsedInstance,
  address: string,
  group: ParsedSyncGroup | undefined,
  groupHasOwner: boolean,
): ResolvedInstance {
  const c = profile.config;
  const twoTwo = profile.name === 'keepalived-2.2';
  const name = instance.name;
  const warnings: string[] = [];
  const { strict, lowerPrioNoAdvert, higherPrioSendAdvert } = twoTwo
    ? strictness(conf, instance)
    : { strict: false, lowerPrioNoAdvert: false, higherPrioSendAdvert: false };
  const notes: string[] = [];
  if (!twoTwo) {
    const newer = [
      ['strict_mode', instance.strictMode],
      ['lower_prio_no_advert', instance.lowerPrioNoAdvert],
      ['higher_prio_send_advert', instance.higherPrioSendAdvert],
    ] as const;
    for (const [keyword, value] of newer) {
      if (value !== undefined)
        notes.push(
          `vrrp_instance ${name}: keepalived 1.2.13 has no ${keyword}: profile keepalived-1.2 runs without it`,
        );
    }
  }
  // 2.2.7 vrrp_complete_instance: priority defaults to 255 with `state MASTER`, state to MASTER at 255
  let state =
    instance.state ?? (c.defaultsFollowStateAndPriority && instance.priority === PRIORITY_OWNER ? 'MASTER' : 'BACKUP');
  let basePriority =
    instance.priority ?? (c.defaultsFollowStateAndPriority && state === 'MASTER' ? PRIORITY_OWNER : PRIORITY_DEFAULT);
  if (instance.priority === undefined && c.omittedPriorityIsZero) basePriority = 0;
  if (strict && instance.state !== undefined && (state === 'MASTER') !== (basePriority === PRIORITY_OWNER)) {
    warnings.push(`(${name}) State MASTER must match being address owner`);
    state = basePriority === PRIORITY_OWNER ? 'MASTER' : 'BACKUP';
  }
  if (strict && instance.unicastPeers.length > 0) {
    throw new InstanceRefused(
      instance.pos,
      `vrrp_instance ${name} has unicast_peer in strict mode: keepalived refuses it ("Unicast peers are not supported in strict mode", vrrp_complete_instance)`,
      'drop vrrp_strict / strict_mode, or the unicast peers',
    );
  }
  let nopreempt = instance.nopreempt;
  let preemptDelaySeconds = instance.preemptDelaySeconds ?? 0;
  if (c.masterStateClearsNopreempt) {
    if (basePriority === PRIORITY_OWNER && nopreempt) {
      warnings.push(`(${name}) nopreempt is incompatible with priority 255. resetting nopreempt`);
      nopreempt = false;
    }
    if (state === 'MASTER' && nopreempt) {
      warnings.push(`(${name}) Warning - nopreempt will not work with initial state MASTER - clearing`);
      nopreempt = false;
    }
    if (state === 'MASTER' && preemptDelaySeconds > 0) {
      warnings.push(`(${name}) Warning - preempt delay will not work with initial state MASTER - clearing`);
      preemptDelaySeconds = 0;
    }
    if (preemptDelaySeconds > 0 && strict) {
      warnings.push(`(${name}) preempt_delay is incompatible with strict mode - resetting`);
      preemptDelaySeconds = 0;
    }
    if (preemptDelaySeconds > 0 && nopreempt) {
      warnings.push(`(${name}) preempt_delay is incompatible with nopreempt mode - resetting`);
      preemptDelaySeconds = 0;
    }
  }
  if (c.preemptDelayWholeSeconds) preemptDelaySeconds = Math.floor(preemptDelaySeconds);
  // VRRPv2 carries whole seconds: 1.2.13 atoi, 2.2.7 rounds
  const advertSeconds = instance.advertIntSeconds ?? 1;
  const wholeAdvert = c.advertIntRounding === 'round' ? Math.round(advertSeconds) : Math.floor(advertSeconds);
  const advertIntUs = Math.max(1, Math.min(255, wholeAdvert)) * US_PER_SECOND;

  const ifname = instance.interface ?? 'eth0';
  const tracked = resolveTrackers(profile, conf, instance, ifname, group, groupHasOwner);
  const src = instance.unicastSrcIp ?? address;
  if (instance.virtualRouterId === undefined) {
    throw new InstanceRefused(
      instance.pos,
      `vrrp_instance ${name} has no virtual_router_id`,
      'add virtual_router_id 1..255',
    );
  }
  const startupDelaySeconds = twoTwo ? (conf.globalDefs.vrrpStartupDelaySeconds ?? 0) : 0;
  return {
    config: {
      name,
      vrid: instance.virtualRouterId,
      interface: ifname,
      address: src,
      addressNum: ipv4ToNumber(src),
      basePriority,
      advertIntUs,
      initialState: state,
      nopreempt,
      preemptDelayUs: secondsToUs(preemptDelaySeconds),
      trackers: tracked.trackers,
      vips: instance.virtualIpAddresses,
      ...(group === undefined ? {} : { syncGroup: group.name }),
      ...(lowerPrioNoAdvert ? { lowerPrioNoAdvert } : {}),
      ...(higherPrioSendAdvert ? { higherPrioSendAdvert } : {}),
      ...(startupDelaySeconds > 0 ? { startupDelayUs: secondsToUs(startupDelaySeconds) } : {}),
    },
    scriptOf: tracked.scriptOf,
    fileOf: tracked.fileOf,
    processOf: tracked.processOf,
    startWarnings: [...warnings, ...tracked.logged],
    unicastPeers: instance.unicastPeers,
    asWritten: { nopreempt: instance.nopreempt, ...(instance.state === undefined ? {} : { state: instance.state }) },
    notes: [...notes, ...tracked.notes],
  };
}
