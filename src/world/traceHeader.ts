import { startingPriority, US_PER_SECOND } from '../../model/formulas.ts';
import type { Cluster } from '../cluster.ts';
import type { Jitter, Races } from '../scenario.ts';
import type { Trace } from '../trace.ts';

const seconds = (us: number) => us / US_PER_SECOND;

/** What a trace says of the run before its entries: the routers as configured, the daemon, the jitter. */
export function traceHeader(
  cluster: Cluster,
  until: number,
  jitter: Jitter | undefined,
  races?: Races,
): Omit<Trace, 'entries'> {
  return {
    profile: cluster.profile.name,
    until,
    daemon: {
      startup: seconds(cluster.profile.timing.startupUs),
      faultPolled: cluster.profile.semantics.faultPolled,
      periodLag: seconds(cluster.profile.timing.timerLagUs),
      wakeLag: seconds(cluster.profile.timing.wakeLagUs),
    },
    // a jitter of 0 is none
    ...(jitter === undefined || jitter.max <= 0 ? {} : { jitter }),
    ...(races === undefined ? {} : { races }),
    routers: cluster.routers.map((r) => ({
      name: r.name,
      address: r.address,
      lan: r.lanInterface,
      instances: r.instances.map((i) => ({
        name: i.config.name,
        vrid: i.config.vrid,
        interface: i.config.interface,
        lan: i.lan,
        priority: startingPriority(i.config.basePriority),
        base: i.config.basePriority,
        advertInt: seconds(i.config.advertIntUs),
        vips: i.config.vips.length,
        peers: i.unicastPeers,
        state: i.config.initialState,
        nopreempt: i.config.nopreempt,
        preemptDelay: seconds(i.config.preemptDelayUs),
        written: i.asWritten,
        trackers: i.config.trackers.map((t) => ({
          kind: t.kind,
          name: t.name,
          weight: t.weight,
          ...(t.reverse === true ? { reverse: true as const } : {}),
        })),
        ...(i.config.lowerPrioNoAdvert === true ? { lowerPrioNoAdvert: true as const } : {}),
        ...(i.config.higherPrioSendAdvert === true ? { higherPrioSendAdvert: true as const } : {}),
      })),
      scripts: r.scripts.map((s) => ({
        name: s.name,
        interval: seconds(s.intervalUs),
        rise: s.rise,
        fall: s.fall,
        initially: s.initialOutcome,
        timeout: seconds(s.timeoutUs),
        initFail: s.initFail,
      })),
      files: r.files.map((f) => ({ name: f.name, initially: f.initialValue })),
      processes: r.processes.map((p) => ({
        name: p.name,
        initially: p.initiallyUp,
        lostDelay: seconds(p.lostDelayUs),
        gainedDelay: seconds(p.gainedDelayUs),
      })),
      syncGroups: r.syncGroups.map((g) => ({
        name: g.name,
        members: g.members.map((i) => r.instances[i]?.config.name ?? ''),
      })),
      startupDelay: seconds(r.startupDelayUs),
    })),
  };
}
