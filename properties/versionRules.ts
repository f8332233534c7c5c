import type { Trace } from '../src/trace.ts';

/** The keepalived versions the claims know, by the profile a trace names. */
export type Version = 'keepalived-1.2' | 'keepalived-2.2';

/**
 * What a keepalived version does that the claims compute their expectations with, each rule
 * read from the version's source, independently of the model that is checked.
 */
export interface VersionRules {
  readonly version: Version;
  /** 1.2.13 VRRP_TIMER_SKEW(vrrp) uses `base_priority`; 2.2.7 uses `effective_priority`. */
  readonly skewFromBase: boolean;
  /**
   * 1.2.13 vrrp_update_priority: the effective priority is recomputed by a timer every
   * advert_int, the first one advert_int after start-up; 2.2.7 process_script_update_priority
   * and vrrp_set_effective_priority change it at each tracker change.
   */
  readonly priorityTick: boolean;
  /** 1.2.13 vrrp_init_script sets `result = rise − 1`, which VRRP_SCRIPT_ISUP counts as failed until a result. */
  readonly noResultCountsAsFailed: boolean;
  /** 1.2.13 VRRP_ISUP is read only when a timer expires (vrrp_fault, vrrp_state_*_tx) or a packet arrives in MASTER. */
  readonly faultPolled: boolean;
  /** 1.2.13 preempt_time = start-up + preempt_delay; 2.2.7 starts it at the first lower advert (vrrp_state_backup). */
  readonly preemptDelayFromStart: boolean;
  /**
   * 2.2.7 sets `vipset` on a fresh start, so a restarted daemon removes the VIPs a killed run left;
   * 1.2.13 removes only VIPs its own run set, so they stay until it next becomes MASTER.
   */
  readonly restartRemovesLeftoverVips: boolean;
  /** 1.2.13 vrrp_dispatcher_read re-arms a master's advert timer at every advert it reads, answered or not. */
  readonly advertTimerRestartsOnRead: boolean;
  /** 2.2.7 vrrp_state_master_rx: an owner that hears another owner lowers itself to 254 for the rest of its run. */
  readonly ownerMeetingOwnerStepsDown: boolean;
}

const RULES: Readonly<Record<Version, VersionRules>> = {
  'keepalived-1.2': {
    version: 'keepalived-1.2',
    skewFromBase: true,
    priorityTick: true,
    noResultCountsAsFailed: true,
    faultPolled: true,
    preemptDelayFromStart: true,
    restartRemovesLeftoverVips: false,
    advertTimerRestartsOnRead: true,
    ownerMeetingOwnerStepsDown: false,
  },
  'keepalived-2.2': {
    version: 'keepalived-2.2',
    skewFromBase: false,
    priorityTick: false,
    noResultCountsAsFailed: false,
    faultPolled: false,
    preemptDelayFromStart: false,
    restartRemovesLeftoverVips: true,
    advertTimerRestartsOnRead: false,
    ownerMeetingOwnerStepsDown: true,
  },
};

/** The rules of the version a trace was simulated as. */
export function versionRules(trace: Trace): VersionRules {
  return RULES[trace.profile === 'keepalived-1.2' ? 'keepalived-1.2' : 'keepalived-2.2'];
}
