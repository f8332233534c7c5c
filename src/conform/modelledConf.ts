import type { ProfileName } from '../../model/profiles.ts';
import type { KeepalivedConf, ParsedTrack } from '../config/types.ts';

/**
 * What of a parsed keepalived.conf the model simulates and conform hands to keepalived: names,
 * timers, weights, addresses, flags and sync groups, without commands or places in the file. Two
 * configs with the same projection run the same under the model. `init_fail`, `reverse`,
 * `vrrp_startup_delay`, the prio advert options and a sync group's own trackers count only for
 * 2.2.7 (1.2.13 has no such keywords, and its profile runs without them).
 */
export function modelledConf(conf: KeepalivedConf, profile: ProfileName): unknown {
  const twoTwo = profile === 'keepalived-2.2';
  const tracks = (list: readonly ParsedTrack[]) => list.map((t) => [t.name, t.weight, twoTwo && t.reverse === true]);
  const g = conf.globalDefs;
  return {
    global: twoTwo
      ? {
          startupDelay: g.vrrpStartupDelaySeconds,
          lowerPrioNoAdvert: g.vrrpLowerPrioNoAdvert,
          higherPrioSendAdvert: g.vrrpHigherPrioSendAdvert,
        }
      : {},
    syncGroups: conf.syncGroups.map((group) => ({
      name: group.name,
      members: group.members,
      trackingWeight: group.trackingWeight === true,
      trackScripts: twoTwo ? tracks(group.trackScripts) : [],
      trackInterfaces: twoTwo ? tracks(group.trackInterfaces) : [],
    })),
    scripts: conf.scripts.map((s) => ({
      name: s.name,
      interval: s.intervalSeconds,
      timeout: s.timeoutSeconds,
      weight: s.weight,
      reverse: twoTwo && s.weightReverse === true,
      rise: s.rise,
      fall: s.fall,
      initFail: twoTwo && s.initFail,
    })),
    instances: conf.instances.map((i) => ({
      name: i.name,
      state: i.state,
      interface: i.interface,
      vrid: i.virtualRouterId,
      priority: i.priority,
      advertInt: i.advertIntSeconds,
      nopreempt: i.nopreempt,
      preemptDelay: i.preemptDelaySeconds,
      dontTrackPrimary: i.dontTrackPrimary,
      trackScripts: tracks(i.trackScripts),
      trackInterfaces: tracks(i.trackInterfaces),
      lowerPrioNoAdvert: twoTwo ? i.lowerPrioNoAdvert : undefined,
      higherPrioSendAdvert: twoTwo ? i.higherPrioSendAdvert : undefined,
      vips: i.virtualIpAddresses,
      unicastSrcIp: i.unicastSrcIp,
      unicastPeers: i.unicastPeers,
    })),
  };
}
