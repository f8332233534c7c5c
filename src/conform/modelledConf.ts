import type { ProfileName } from '../../model/profiles.ts';
import type { KeepalivedConf } from '../config/types.ts';

/**
 * What of a parsed keepalived.conf the model simulates and conform hands to keepalived: names,
 * timers, weights, addresses and flags, without commands or places in the file. Two configs
 * with the same projection run the same under the model. `init_fail` counts only for 2.2.7
 * (1.2.13 has no such keyword).
 */
export function modelledConf(conf: KeepalivedConf, profile: ProfileName): unknown {
  return {
    scripts: conf.scripts.map((s) => ({
      name: s.name,
      interval: s.intervalSeconds,
      timeout: s.timeoutSeconds,
      weight: s.weight,
      rise: s.rise,
      fall: s.fall,
      initFail: profile === 'keepalived-2.2' && s.initFail,
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
      trackScripts: i.trackScripts.map((t) => [t.name, t.weight]),
      trackInterfaces: i.trackInterfaces.map((t) => [t.name, t.weight]),
      vips: i.virtualIpAddresses,
      unicastSrcIp: i.unicastSrcIp,
      unicastPeers: i.unicastPeers,
    })),
  };
}
