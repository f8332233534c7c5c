import type { DaemonTiming, Semantics } from '../../model/profiles.ts';
import type { Stepper } from '../../model/stepper.ts';
import type { Cluster } from '../cluster.ts';

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
   * Receivers of each VRID, as [router, instance], in the order an advert reaches them: last
   * router first, as a Linux bridge floods (br_add_if puts each new port at the head of port_list,
   * net/bridge/br_if.c).
   */
  readonly peers: ReadonlyMap<number, readonly (readonly [number, number])[]>;
  /** Per router and script: the (instance, tracker) pairs that track it. */
  readonly trackedBy: readonly (readonly (readonly (readonly [number, number])[])[])[];
  /** Per router and instance: under jitter its preempt clock's start lag is drawn (2.2.7 with a preempt_delay). */
  readonly drawsClockLag: readonly (readonly boolean[])[];
}

export function statics(cluster: Cluster, stepper: Stepper, jitterUs: number): Statics {
  const semantics = cluster.profile.semantics;
  const peers = new Map<number, [number, number][]>();
  cluster.routers.forEach((router, r) => {
    router.instances.forEach((instance, i) => {
      const list = peers.get(instance.config.vrid) ?? [];
      list.unshift([r, i]);
      peers.set(instance.config.vrid, list);
    });
  });
  return {
    cluster,
    semantics,
    timing: cluster.profile.timing,
    stepper,
    jitterUs,
    routerIndex: new Map(cluster.routers.map((router, r) => [router.name, r])),
    peers,
    trackedBy: cluster.routers.map((router) =>
      router.scripts.map((_, s) =>
        router.instances.flatMap((instance, i) =>
          instance.scriptOf.flatMap((index, tracker) => (index === s ? [[i, tracker] as const] : [])),
        ),
      ),
    ),
    drawsClockLag: cluster.routers.map((router) =>
      router.instances.map(
        (instance) => semantics.preemptDelayFromFirstLowerAdvert && instance.config.preemptDelayUs > 0,
      ),
    ),
  };
}
