import { masterDownIntervalUs, US_PER_SECOND } from '../model/formulas.ts';
import type { Cluster } from './cluster.ts';

/** The horizon `check` uses at least: enough for a cluster of ordinary timers to settle after its last event. */
export const MIN_HORIZON_SECONDS = 30;

/** What the configs' timers add up to, in seconds: the longest a claim may have to wait after an event. */
export interface SettleBound {
  readonly seconds: number;
  /** The largest part, in words, for a message. */
  readonly slowest: string;
}

const seconds = (us: number) => us / US_PER_SECOND;

/**
 * The longest the cluster may take to settle after an event, from its configs: the slowest
 * master-down interval and three advert intervals, the slowest tracker to change (a script's
 * interval × (max(rise, fall) + 1) and its timeout; a tracked process's terminate or fork delay),
 * any preempt_delay with an advert and a second master-down interval, 1.2.13's polled FAULT, the
 * daemon's start-up and vrrp_startup_delay. It mirrors the claims' settle window
 * (properties/support.ts settleWindow), which reads the same facts from a trace, and adds what
 * that window leaves out (timeouts, process delays, the startup delay).
 */
export function settleBound(cluster: Cluster): SettleBound {
  const instances = cluster.routers.flatMap((r) => r.instances.map((i) => i.config));
  const advertUs = Math.max(US_PER_SECOND, ...instances.map((i) => i.advertIntUs));
  const mdiUs = masterDownIntervalUs(1, advertUs);
  const parts: [string, number][] = [];
  for (const router of cluster.routers) {
    for (const s of router.scripts) {
      const us = s.intervalUs * (Math.max(s.rise, s.fall) + 1) + s.timeoutUs;
      parts.push([`vrrp_script ${s.name} (interval ${seconds(s.intervalUs)} s, fall ${s.fall}, rise ${s.rise})`, us]);
    }
    for (const p of router.processes) {
      parts.push([`vrrp_track_process ${p.name}'s delays`, Math.max(p.lostDelayUs, p.gainedDelayUs)]);
    }
  }
  const tracker = parts.reduce<[string, number]>((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  const delayUs = Math.max(0, ...instances.map((i) => i.preemptDelayUs));
  const preemptUs = delayUs > 0 ? delayUs + advertUs + mdiUs : 0;
  const pollUs = cluster.profile.semantics.faultPolled ? mdiUs : 0;
  const startupUs = cluster.profile.timing.startupUs + Math.max(0, ...cluster.routers.map((r) => r.startupDelayUs));
  const totalUs = mdiUs + 3 * advertUs + tracker[1] + preemptUs + pollUs + startupUs;
  const slowest =
    tracker[1] >= preemptUs && tracker[1] > 0
      ? tracker[0]
      : preemptUs > 0
        ? `preempt_delay ${seconds(delayUs)} s`
        : `advert_int ${seconds(advertUs)} s`;
  return { seconds: seconds(totalUs), slowest };
}

/** The default horizon: at least 30 s, and enough for the claims' settle window with a few seconds to spare. */
export function defaultHorizon(cluster: Cluster): number {
  return Math.max(MIN_HORIZON_SECONDS, Math.ceil(settleBound(cluster).seconds) + 5);
}
