import { PRIORITY_OWNER, secondsToUs, US_PER_SECOND } from '../model/formulas.ts';
import type { Profile } from '../model/profiles.ts';
import type { InstanceConfig } from '../model/types.ts';
import type { KeepalivedConf, ParsedScript, ParsedSyncGroup, SourcePos } from './config/types.ts';
import { ipv4ToNumber } from './ipv4.ts';
import { InstanceRefused, type ResolvedInstance, resolveInstance } from './resolveInstance.ts';
import { UnknownTracked } from './resolveTrackers.ts';
import { type RouterAddress, routerAddresses } from './routerAddresses.ts';
import type { ProcessOutcome, ScriptOutcome } from './scenario.ts';
import { unicastFindings } from './unicastFindings.ts';

export { ipv4ToNumber } from './ipv4.ts';

/** A `vrrp_script` as the simulator runs it (outcomes are modelled, the command never runs). */
export interface ScriptSpec {
  readonly name: string;
  readonly intervalUs: number;
  /** A run still going this long after its launch is killed and counts as a failure (default: the interval). */
  readonly timeoutUs: number;
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
  readonly initialOutcome: ScriptOutcome;
}

/** A `track_file` (2.2.7): the number its file holds (0 when the file is missing or empty). */
export interface FileSpec {
  readonly name: string;
  readonly initialValue: number;
}

/** A `vrrp_track_process` (2.2.7): whether the process has its quorum, and how long keepalived waits to believe a change. */
export interface ProcessSpec {
  readonly name: string;
  readonly initiallyUp: boolean;
  /** terminate_delay: quorum lost only this long after the process went (track_process.c). */
  readonly lostDelayUs: number;
  /** fork_delay: quorum gained only this long after the process came back. */
  readonly gainedDelayUs: number;
}

/** A `vrrp_sync_group`: its members, as indexes into the router's instances, in the group's order. */
export interface SyncGroupSpec {
  readonly name: string;
  readonly members: readonly number[];
}

export interface InstanceSpec extends Omit<ResolvedInstance, 'notes'> {
  /**
   * The LAN the instance's VRID runs on: instances of one VRID share it when they run on the same
   * interface, or one lists the other as a unicast peer. Its name is their interfaces'.
   */
  readonly lan: string;
}

export interface RouterSpec {
  readonly name: string;
  readonly address: string;
  readonly addressNum: number;
  /** The interface the scenario's link events name by default (the first instance's). */
  readonly lanInterface: string;
  readonly instances: readonly InstanceSpec[];
  readonly scripts: readonly ScriptSpec[];
  readonly files: readonly FileSpec[];
  readonly processes: readonly ProcessSpec[];
  readonly syncGroups: readonly SyncGroupSpec[];
  /** 2.2.7 global_defs vrrp_startup_delay, µs (0: none). */
  readonly startupDelayUs: number;
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
  /** A track_file's number at start (else its init_file value, else 0). */
  readonly files?: Readonly<Record<string, number>>;
  readonly processes?: Readonly<Record<string, ProcessOutcome>>;
}

export interface ClusterError {
  readonly pos?: SourcePos;
  readonly message: string;
  readonly hint: string;
}

export type ClusterResult =
  | { readonly ok: true; readonly cluster: Cluster; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: ClusterError };

function scriptSpec(profile: Profile, script: ParsedScript, outcome: ScriptOutcome): ScriptSpec {
  // 1.2.13 reads whole seconds (min 1); 2.2.7 whole seconds, 0 → 1
  const seconds = Math.max(1, Math.floor(script.intervalSeconds ?? 1));
  // vrrp_script_thread: system_call_script(…, vscript->timeout ? vscript->timeout : vscript->interval)
  const timeout = Math.max(1, Math.floor(script.timeoutSeconds ?? seconds));
  return {
    name: script.name,
    intervalUs: seconds * US_PER_SECOND,
    timeoutUs: timeout * US_PER_SECOND,
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
type Unplaced = ResolvedInstance;

/** Each outcome given for an object the config has, or a refusal naming the ones it has. */
function checkNamed(
  router: string,
  file: string,
  what: string,
  given: object | undefined,
  known: readonly { name: string }[],
): void {
  for (const name of Object.keys(given ?? {})) {
    if (!known.some((k) => k.name === name)) {
      refuse(
        undefined,
        `router ${router}: no ${what} "${name}" in ${file}`,
        `${what}s are ${known.length === 0 ? '(none)' : known.map((k) => k.name).join(', ')}`,
      );
    }
  }
}

/** global_defs keywords keepalived 1.2.13 does not have: the 1.2 profile runs without them, and says so. */
function olderKeywords(router: string, conf: KeepalivedConf): string[] {
  const g = conf.globalDefs;
  const newer = [
    ['vrrp_startup_delay', g.vrrpStartupDelaySeconds],
    ['vrrp_strict', g.vrrpStrict],
    ['vrrp_lower_prio_no_advert', g.vrrpLowerPrioNoAdvert],
    ['vrrp_higher_prio_send_advert', g.vrrpHigherPrioSendAdvert],
  ] as const;
  return newer.flatMap(([keyword, value]) =>
    value === undefined
      ? []
      : [`router ${router}: keepalived 1.2.13 has no global_defs ${keyword}: profile keepalived-1.2 runs without it`],
  );
}

/** The instances of a router with their sync groups (keepalived keeps each instance in one group only). */
function groupsOf(conf: KeepalivedConf): { groups: SyncGroupSpec[]; groupOf: (ParsedSyncGroup | undefined)[] } {
  const groupOf: (ParsedSyncGroup | undefined)[] = conf.instances.map(() => undefined);
  const groups: SyncGroupSpec[] = [];
  for (const group of conf.syncGroups) {
    const members = group.members
      .map((member) => conf.instances.findIndex((i) => i.name === member))
      .filter((i) => i >= 0 && groupOf[i] === undefined);
    for (const i of members) groupOf[i] = group;
    if (members.length > 0) groups.push({ name: group.name, members });
  }
  return { groups, groupOf };
}

/**
 * An instance of a sync group whose members are all address owners wanting MASTER, marked so
 * (InstanceConfig.groupOfOwners): 2.2.7 vrrp_complete_init keeps their wantstate MASTER.
 */
function withGroupOfOwners(
  i: number,
  instances: readonly ResolvedInstance[],
  groups: readonly SyncGroupSpec[],
): { config?: InstanceConfig } {
  const config = instances[i]?.config;
  const group = groups.find((g) => g.members.includes(i));
  const owners = group?.members.every((m) => {
    const member = instances[m]?.config;
    return member?.basePriority === PRIORITY_OWNER && member.initialState === 'MASTER';
  });
  return owners === true && config !== undefined ? { config: { ...config, groupOfOwners: true } } : {};
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
      checkNamed(input.name, conf.file, 'vrrp_script', input.scripts, conf.scripts);
      checkNamed(input.name, conf.file, 'track_file', input.files, conf.trackFiles);
      checkNamed(input.name, conf.file, 'vrrp_track_process', input.processes, conf.trackProcesses);
      const scripts = conf.scripts.map((script) => scriptSpec(profile, script, input.scripts?.[script.name] ?? 'ok'));
      const files = conf.trackFiles.map((file) => ({
        name: file.name,
        // track_file.c: init_file writes its value when the file is missing (vrrp-check's files start missing)
        initialValue: input.files?.[file.name] ?? file.initFile?.value ?? 0,
      }));
      const processes = conf.trackProcesses.map((process) => ({
        name: process.name,
        initiallyUp: (input.processes?.[process.name] ?? 'ok') === 'ok',
        lostDelayUs: secondsToUs(process.terminateDelaySeconds ?? 0),
        gainedDelayUs: secondsToUs(process.forkDelaySeconds ?? 0),
      }));
      const { groups, groupOf } = groupsOf(conf);
      const instances = conf.instances.map((instance, i) => {
        const group = groupOf[i];
        const groupHasOwner =
          group !== undefined && conf.instances.some((other, k) => groupOf[k] === group && other.priority === 255);
        const resolved = resolveInstance(profile, conf, instance, address, group, groupHasOwner);
        notes.push(...resolved.notes.map((note) => `router ${input.name}: ${note}`));
        return resolved;
      });
      const startupDelayUs =
        profile.name === 'keepalived-2.2' ? secondsToUs(conf.globalDefs.vrrpStartupDelaySeconds ?? 0) : 0;
      if (profile.name !== 'keepalived-2.2') notes.push(...olderKeywords(input.name, conf));
      return { input, address, scripts, files, processes, groups, instances, startupDelayUs };
    });
    const lanOf = lans(unplaced.map((u) => u.instances));
    const routers = unplaced.map(
      ({ input, address, scripts, files, processes, groups, instances, startupDelayUs }, r): RouterSpec => ({
        name: input.name,
        address,
        addressNum: ipv4ToNumber(address),
        lanInterface: instances[0]?.config.interface ?? 'eth0',
        instances: instances.map(({ notes: _, ...instance }, i) => ({
          ...instance,
          ...withGroupOfOwners(i, instances, groups),
          lan: lanOf[r]?.[i] ?? instance.config.interface,
        })),
        scripts,
        files,
        processes,
        syncGroups: groups,
        startupDelayUs,
      }),
    );
    notes.push(...unicastFindings(routers.map((router, r) => ({ ...router, conf: (inputs[r] as RouterInput).conf }))));
    return { ok: true, cluster: { profile, routers }, notes };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.detail };
    if (e instanceof InstanceRefused || e instanceof UnknownTracked)
      return { ok: false, error: { ...(e.pos === undefined ? {} : { pos: e.pos }), message: e.message, hint: e.hint } };
    throw e;
  }
}
