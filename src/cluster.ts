import { PRIORITY_DEFAULT, PRIORITY_OWNER, secondsToUs, US_PER_SECOND } from '../model/formulas.ts';
import type { Profile } from '../model/profiles.ts';
import type { InstanceConfig, Tracker } from '../model/types.ts';
import type { KeepalivedConf, ParsedInstance, ParsedScript, SourcePos } from './config/types.ts';
import { type RouterAddress, routerAddresses } from './routerAddresses.ts';
import type { ScriptOutcome } from './scenario.ts';
import { unicastFindings } from './unicastFindings.ts';

/** A `vrrp_script` as the simulator runs it (outcomes are modelled, the command never runs). */
export interface ScriptSpec {
  readonly name: string;
  readonly intervalUs: number;
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
  readonly initialOutcome: ScriptOutcome;
}

export interface InstanceSpec {
  readonly config: InstanceConfig;
  /** For each tracker of `config.trackers`, the index of its script in `RouterSpec.scripts`, else −1. */
  readonly scriptOf: readonly number[];
  /** keepalived's own configuration warnings, logged when the router starts. */
  readonly startWarnings: readonly string[];
  /** Unicast peers; empty means multicast to the LAN. */
  readonly unicastPeers: readonly string[];
  /**
   * The LAN the instance's VRID runs on: instances of one VRID share it when they run on the same
   * interface, or one lists the other as a unicast peer. Its name is their interfaces'.
   */
  readonly lan: string;
  /** What the file says, before the profile's clean-ups (2.2.7 clears nopreempt under `state MASTER`). */
  readonly asWritten: { readonly nopreempt: boolean; readonly state?: 'MASTER' | 'BACKUP' };
}

export interface RouterSpec {
  readonly name: string;
  readonly address: string;
  readonly addressNum: number;
  /** The interface the scenario's link events name by default (the first instance's). */
  readonly lanInterface: string;
  readonly instances: readonly InstanceSpec[];
  readonly scripts: readonly ScriptSpec[];
}

export interface Cluster {
  readonly profile: Profile;
  readonly routers: readonly RouterSpec[];
}

export interface RouterInput {
  readonly name: string;
  readonly address?: string;
  readonly conf: KeepalivedConf;
  readonly scripts?: Readonly<Record<string, ScriptOutcome>>;
}

export interface ClusterError {
  readonly pos?: SourcePos;
  readonly message: string;
  readonly hint: string;
}

export type ClusterResult =
  | { readonly ok: true; readonly cluster: Cluster; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: ClusterError };

export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function scriptSpec(profile: Profile, script: ParsedScript, outcome: ScriptOutcome): ScriptSpec {
  // 1.2.13 reads whole seconds (min 1); 2.2.7 whole seconds, 0 → 1
  const seconds = Math.max(1, Math.floor(script.intervalSeconds ?? 1));
  return {
    name: script.name,
    intervalUs: seconds * US_PER_SECOND,
    rise: script.rise ?? 1,
    fall: script.fall ?? 1,
    initFail: profile.config.initFail && script.initFail,
    initialOutcome: outcome,
  };
}

class Refused extends Error {
  constructor(readonly detail: ClusterError) {
    super(detail.message);
  }
}

function refuse(pos: SourcePos | undefined, message: string, hint: string): never {
  throw new Refused({ ...(pos === undefined ? {} : { pos }), message, hint });
}

/** An instance before its LAN is known (that takes every router). */
type Unplaced = Omit<InstanceSpec, 'lan'>;

function resolveInstance(
  profile: Profile,
  instance: ParsedInstance,
  address: string,
  scripts: readonly ParsedScript[],
): Unplaced {
  const c = profile.config;
  const warnings: string[] = [];
  // 2.2.7 vrrp_complete_instance: priority defaults to 255 with `state MASTER`, state to MASTER at 255
  const state =
    instance.state ?? (c.defaultsFollowStateAndPriority && instance.priority === PRIORITY_OWNER ? 'MASTER' : 'BACKUP');
  let basePriority =
    instance.priority ?? (c.defaultsFollowStateAndPriority && state === 'MASTER' ? PRIORITY_OWNER : PRIORITY_DEFAULT);
  if (instance.priority === undefined && c.omittedPriorityIsZero) basePriority = 0;
  let nopreempt = instance.nopreempt;
  let preemptDelaySeconds = instance.preemptDelaySeconds ?? 0;
  if (c.masterStateClearsNopreempt) {
    if (basePriority === PRIORITY_OWNER && nopreempt) {
      warnings.push(`(${instance.name}) nopreempt is incompatible with priority 255. resetting nopreempt`);
      nopreempt = false;
    }
    if (state === 'MASTER' && nopreempt) {
      warnings.push(`(${instance.name}) Warning - nopreempt will not work with initial state MASTER - clearing`);
      nopreempt = false;
    }
    if (state === 'MASTER' && preemptDelaySeconds > 0) {
      warnings.push(`(${instance.name}) Warning - preempt delay will not work with initial state MASTER - clearing`);
      preemptDelaySeconds = 0;
    }
    if (preemptDelaySeconds > 0 && nopreempt) {
      warnings.push(`(${instance.name}) preempt_delay is incompatible with nopreempt mode - resetting`);
      preemptDelaySeconds = 0;
    }
  }
  if (c.preemptDelayWholeSeconds) preemptDelaySeconds = Math.floor(preemptDelaySeconds);
  // VRRPv2 carries whole seconds: 1.2.13 atoi, 2.2.7 rounds
  const advertSeconds = instance.advertIntSeconds ?? 1;
  const wholeAdvert = c.advertIntRounding === 'round' ? Math.round(advertSeconds) : Math.floor(advertSeconds);
  const advertIntUs = Math.max(1, Math.min(255, wholeAdvert)) * US_PER_SECOND;

  const ifname = instance.interface ?? 'eth0';
  // keepalived tracks its own interface with weight 0 unless dont_track_primary
  const trackers: Tracker[] = instance.dontTrackPrimary
    ? []
    : [{ kind: 'interface', name: ifname, weight: 0, own: true }];
  const scriptOf: number[] = trackers.map(() => -1);
  for (const track of instance.trackInterfaces) {
    trackers.push({ kind: 'interface', name: track.name, weight: clampWeight(profile, track.weight ?? 0), own: false });
    scriptOf.push(-1);
  }
  for (const track of instance.trackScripts) {
    const index = scripts.findIndex((script) => script.name === track.name);
    const script = scripts[index];
    if (script === undefined) {
      refuse(
        track.pos,
        `track_script "${track.name}" names no vrrp_script`,
        `define vrrp_script ${track.name} or fix the name`,
      );
    }
    trackers.push({
      kind: 'script',
      name: track.name,
      weight: clampWeight(profile, track.weight ?? script.weight ?? 0),
    });
    scriptOf.push(index);
  }
  const src = instance.unicastSrcIp ?? address;
  if (instance.virtualRouterId === undefined) {
    refuse(instance.pos, `vrrp_instance ${instance.name} has no virtual_router_id`, 'add virtual_router_id 1..255');
  }
  return {
    config: {
      name: instance.name,
      vrid: instance.virtualRouterId,
      interface: ifname,
      address: src,
      addressNum: ipv4ToNumber(src),
      basePriority,
      advertIntUs,
      initialState: state,
      nopreempt,
      preemptDelayUs: secondsToUs(preemptDelaySeconds),
      trackers,
      vips: instance.virtualIpAddresses,
    },
    scriptOf,
    startWarnings: warnings,
    unicastPeers: instance.unicastPeers,
    asWritten: { nopreempt: instance.nopreempt, ...(instance.state === undefined ? {} : { state: instance.state }) },
  };
}

function clampWeight(profile: Profile, weight: number): number {
  return Math.max(-profile.config.maxWeight, Math.min(profile.config.maxWeight, weight));
}

/**
 * The LAN of every instance: instances of one VRID on the same interface share one, and so do an
 * instance and any it lists as a unicast peer (whatever their interfaces are called). Named by the
 * interfaces of its instances, in router order.
 */
function lans(routers: readonly (readonly Unplaced[])[]): string[][] {
  const flat = routers.flatMap((instances, r) => instances.map((instance, i) => ({ r, i, instance })));
  const parent = flat.map((_, k) => k);
  const find = (k: number): number => {
    let root = k;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  flat.forEach((a, x) => {
    flat.forEach((b, y) => {
      if (y <= x || a.instance.config.vrid !== b.instance.config.vrid) return;
      const linked =
        a.instance.config.interface === b.instance.config.interface ||
        a.instance.unicastPeers.includes(b.instance.config.address) ||
        b.instance.unicastPeers.includes(a.instance.config.address);
      if (linked) parent[find(y)] = find(x);
    });
  });
  const names = new Map<number, string[]>();
  flat.forEach((a, k) => {
    const list = names.get(find(k)) ?? [];
    if (!list.includes(a.instance.config.interface)) list.push(a.instance.config.interface);
    names.set(find(k), list);
  });
  return routers.map((instances, r) =>
    instances.map((_, i) => {
      const k = flat.findIndex((a) => a.r === r && a.i === i);
      return (names.get(find(k)) ?? []).join('+');
    }),
  );
}

/**
 * Routers as the simulator runs them, for one profile: every keepalived default applied,
 * addresses settled (the scenario's address, else routerAddresses: unicast_src_ip, the other
 * routers' unicast_peer lists, 10.99.0.N).
 */
export function buildCluster(profile: Profile, inputs: readonly RouterInput[]): ClusterResult {
  try {
    for (const input of inputs) {
      if (input.conf.instances.length === 0) {
        refuse(
          { file: input.conf.file, line: 1, col: 1 },
          `router ${input.name}: ${input.conf.file} has no vrrp_instance`,
          'add a vrrp_instance block',
        );
      }
    }
    const settled = routerAddresses(
      inputs.map((input) => input.conf),
      inputs.map((input) => input.address),
      inputs.map((input) => input.name),
    );
    const notes: string[] = [...settled.notes];
    const unplaced = inputs.map((input, r) => {
      const conf = input.conf;
      const address = input.address ?? (settled.addresses[r] as RouterAddress).address;
      const outcomes = input.scripts ?? {};
      for (const name of Object.keys(outcomes)) {
        if (!conf.scripts.some((s) => s.name === name)) {
          refuse(
            undefined,
            `router ${input.name}: no vrrp_script "${name}" in ${conf.file}`,
            `scripts are ${names(conf.scripts)}`,
          );
        }
      }
      const scripts = conf.scripts.map((script) => scriptSpec(profile, script, outcomes[script.name] ?? 'ok'));
      const instances = conf.instances.map((instance) => resolveInstance(profile, instance, address, conf.scripts));
      return { input, address, scripts, instances };
    });
    const lanOf = lans(unplaced.map((u) => u.instances));
    const routers = unplaced.map(
      ({ input, address, scripts, instances }, r): RouterSpec => ({
        name: input.name,
        address,
        addressNum: ipv4ToNumber(address),
        lanInterface: instances[0]?.config.interface ?? 'eth0',
        instances: instances.map((instance, i) => ({ ...instance, lan: lanOf[r]?.[i] ?? instance.config.interface })),
        scripts,
      }),
    );
    notes.push(...unicastFindings(routers.map((router, r) => ({ ...router, conf: (inputs[r] as RouterInput).conf }))));
    return { ok: true, cluster: { profile, routers }, notes };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.detail };
    throw e;
  }
}

function names(scripts: readonly ParsedScript[]): string {
  return scripts.length === 0 ? '(none)' : scripts.map((s) => s.name).join(', ');
}
