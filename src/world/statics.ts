import type { DaemonTiming, Semantics } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Cluster, InstanceSpec } from '../cluster.ts';

/**
 * What never changes while a cluster runs, worked out once per cluster: the world's step reads
 * it and never writes it.
 */
export interface Statics {
  readonly cluster: Cluster;
  readonly semantics: Semantics;
  readonly timing: DaemonTiming;
  readonly stepper: Stepper;
  /** The jitter bound in µs; 0 without jitter. */
  readonly jitterUs: number;
  /** Router index by name. */
  readonly routerIndex: ReadonlyMap<string, number>;
  /**
   * Per router and instance, the instances its adverts reach, as [router, instance], in the order
   * they reach them: last router first, as a Linux bridge floods (br_add_if puts each new port at
   * the head of port_list, net/bridge/br_if.c). See receiversOf.
   */
  readonly receivers: readonly (readonly (readonly (readonly [number, number])[])[])[];
  /**
   * Per router and instance: null for multicast; for unicast, the listed peers whose address is
   * a router's here, one packet each (a peer no host answers ARP for gets nothing on the wire).
   */
  readonly unicastTo: readonly (readonly (readonly string[] | null)[])[];
  /** Per router and script: the (instance, tracker) pairs that track it. */
  readonly trackedBy: readonly (readonly (readonly (readonly [number, number])[])[])[];
  /** The same per track_file and per vrrp_track_process. */
  readonly trackedByFile: readonly (readonly (readonly (readonly [number, number])[])[])[];
  readonly trackedByProcess: readonly (readonly (readonly (readonly [number, number])[])[])[];
  /** Per router and instance: its vrrp_sync_group's index in the router's syncGroups, else −1. */
  readonly groupOf: readonly (readonly number[])[];
  /** Per router and instance: under jitter its preempt clock's start lag is drawn (2.2.7 with a preempt_delay). */
  readonly drawsClockLag: readonly (readonly boolean[])[];
}

/**
 * The instances an advert of instance i of router r reaches: on the other routers, the same VRID;
 * multicast reaches the multicast instances on the same interface, unicast the unicast instances
 * whose address it lists (keepalived 2.2.7 vrrp_check_packet drops an advert of the other kind:
 * "Expected unicast packet but received multicast packet").
 */
function receiversOf(cluster: Cluster, r: number, i: number): (readonly [number, number])[] {
  const sender = cluster.routers[r]?.instances[i];
  if (sender === undefined) return [];
  const peers = sender.unicastPeers;
  const out: (readonly [number, number])[] = [];
  for (let pr = cluster.routers.length - 1; pr >= 0; pr--) {
    if (pr === r) continue;
    cluster.routers[pr]?.instances.forEach((receiver, pi) => {
      if (receiver.config.vrid !== sender.config.vrid) return;
      if (receiver.unicastPeers.length > 0 !== peers.length > 0) return;
      const reached =
        peers.length > 0
          ? peers.includes(receiver.config.address)
          : receiver.config.interface === sender.config.interface;
      if (reached) out.push([pr, pi]);
    });
  }
  return out;
}

/** The (instance, tracker) pairs whose tracker's object is number `k` of its kind. */
function trackersOf(
  instances: readonly InstanceSpec[],
  objectOf: (instance: InstanceSpec) => readonly number[],
  k: number,
): (readonly [number, number])[] {
  return instances.flatMap((instance, i) =>
    objectOf(instance).flatMap((index, tracker) => (index === k ? [[i, tracker] as const] : [])),
  );
}

export function statics(cluster: Cluster, stepper: Stepper, jitterUs: number): Statics {
  const semantics = cluster.profile.semantics;
  // the addresses hosts on the LAN answer ARP for: each router's, and each unicast_src_ip
  const addresses = new Set(
    cluster.routers.flatMap((router) => [router.address, ...router.instances.map((i) => i.config.address)]),
  );
  return {
    cluster,
    semantics,
    timing: cluster.profile.timing,
    stepper,
    jitterUs,
    routerIndex: new Map(cluster.routers.map((router, r) => [router.name, r])),
    receivers: cluster.routers.map((router, r) => router.instances.map((_, i) => receiversOf(cluster, r, i))),
    unicastTo: cluster.routers.map((router) =>
      router.instances.map((instance) =>
        instance.unicastPeers.length === 0 ? null : instance.unicastPeers.filter((peer) => addresses.has(peer)),
      ),
    ),
    trackedBy: cluster.routers.map((router) =>
      router.scripts.map((_, s) => trackersOf(router.instances, (instance) => instance.scriptOf, s)),
    ),
    trackedByFile: cluster.routers.map((router) =>
      router.files.map((_, f) => trackersOf(router.instances, (instance) => instance.fileOf, f)),
    ),
    trackedByProcess: cluster.routers.map((router) =>
      router.processes.map((_, p) => trackersOf(router.instances, (instance) => instance.processOf, p)),
    ),
    groupOf: cluster.routers.map((router) =>
      router.instances.map((_, i) => router.syncGroups.findIndex((group) => group.members.includes(i))),
    ),
    drawsClockLag: cluster.routers.map((router) =>
      router.instances.map(
        (instance) => semantics.preemptDelayFromFirstLowerAdvert && instance.config.preemptDelayUs > 0,
      ),
    ),
  };
}
