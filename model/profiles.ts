/**
 * Semantics profiles: keepalived 1.2.13 and 2.2.7 as named switches over one machine.
 *
 * v2.0.0 rewrote the VRRP core, so the two versions differ in many small rules. Each rule
 * that differs is one switch here, named after the behaviour it turns on; the machine's
 * guards read the switches, so a profile is data, not a second machine.
 */

export interface Semantics {
  /** 1.2.13 vrrp_init_state: `state MASTER` (or an owner) starts in the silent GOTO_MASTER state. */
  readonly wouldBeMasterStartsInGotoMaster: boolean;
  /** 1.2.13 vrrp_state_goto_master: "Transition to MASTER STATE" first, VIPs one advert_int later. */
  readonly twoStepMasterEntry: boolean;
  /** 1.2.13 vrrp_state_backup: a BACKUP answers a lower advert with its own and takes over one interval later. */
  readonly backupForcesElection: boolean;
  /** 2.2.7 VRRP_TIMER_SKEW uses the effective priority; 1.2.13 the base priority. */
  readonly skewFromEffectivePriority: boolean;
  /** 1.2.13 vrrp_update_priority: the priority is recomputed silently every advert_int, from start + advert_int. */
  readonly periodicPriorityTick: boolean;
  /** 1.2.13 vrrp_init_script: result = rise − 1, so a script counts as failed until its first success. */
  readonly scriptFailedUntilFirstResult: boolean;
  /** 1.2.13 VRRP_ISUP is polled at timer expiry (and at packets in MASTER); 2.2.7 reacts to tracker events at once. */
  readonly faultPolled: boolean;
  /** 1.2.13 vrrp_leave_fault: FAULT processes adverts; 2.2.7 vrrp_dispatcher_read drops them. */
  readonly faultHearsAdverts: boolean;
  /** 2.2.7 vrrp_state_backup: preempt_delay counts from the first lower advert; 1.2.13 from start-up. */
  readonly preemptDelayFromFirstLowerAdvert: boolean;
  /** 1.2.13 vrrp_state_master_rx: a master that yields sends one last advert first. */
  readonly lastAdvertOnDemotion: boolean;
  /** 2.2.7 vrrp_state_master_rx: equal priority from a lower address takes the "lower priority" branch. */
  readonly equalPriorityFromLowerAddressIsLower: boolean;
  /** 1.2.13 vrrp_state_master_rx: a priority-0 advert takes the "lower priority, forcing new election" branch. */
  readonly masterTreatsPriorityZeroAsLower: boolean;
  /** 2.2.7 vrrp_set_effective_priority: a BACKUP moves its deadline by the change in master-down interval. */
  readonly backupDeadlineFollowsPriority: boolean;
  /** 2.2.7 vrrp_init_state: a weight-0 script holds the instance in silent FAULT until its first result. */
  readonly instanceWaitsForFirstScriptResult: boolean;
  /** 2.2.7 vrrp_init_state: an owner configured `state MASTER` times out of BACKUP after 1 µs. */
  readonly ownerTakesOverAtStart: boolean;
  /** 2.2.7 process_script_update_priority: a script's first result is a transition and is logged either way. */
  readonly scriptFirstResultIsTransition: boolean;
  /** 2.2.7 vrrp_complete_instance sets `vipset` on a fresh start, so leftover VIPs of a killed run are removed. */
  readonly startRemovesLeftoverVips: boolean;
  /** 2.2.7 vrrp_state_master_rx: an owner hearing another owner lowers itself to 254 and yields. */
  readonly ownerHearingOwnerStepsDown: boolean;
  /**
   * 1.2.13 vrrp_state_goto_master: a sync group member held in BACKUP sets quick_sync and tries
   * again one advert interval later; 2.2.7 vrrp_sync_can_goto_master re-arms a full master-down interval.
   */
  readonly heldMemberRetriesEachInterval: boolean;
  /** 1.2.13 vrrp_state_backup: an accepted advert leaves `wantstate` MASTER as it was; 2.2.7 sets it back to BACKUP. */
  readonly groupHoldOutlastsAdverts: boolean;
  /** 1.2.13 TSM BACKUP→BACKUP vrrp_sync_master_election: a member forcing an election makes its siblings force one. */
  readonly groupForcesElections: boolean;
  /** 1.2.13 vrrp_sync_fault: a MASTER sibling gets `wantstate` GOTO_FAULT and leaves at its next timer. */
  readonly syncedMasterFaultsAtNextTimer: boolean;
}

/** How the version reads keepalived.conf: defaults, ranges and clean-ups done at load time. */
export interface ConfigDialect {
  /** 1.2.13 parser: an omitted `priority` leaves the base at 0 (effective 100 until the first tick). */
  readonly omittedPriorityIsZero: boolean;
  /** 2.2.7 vrrp_complete_instance: default priority 255 with `state MASTER`, default state MASTER at 255. */
  readonly defaultsFollowStateAndPriority: boolean;
  /** 2.2.7 vrrp_complete_instance: `state MASTER` or priority 255 clears nopreempt and preempt_delay. */
  readonly masterStateClearsNopreempt: boolean;
  /** 2.2.7 vrrp_script `init_fail`: the script starts failed. 1.2.13 does not know the keyword. */
  readonly initFail: boolean;
  /** Largest |weight|: 2.2.7 clamps ±254 to ±253, 1.2.13 takes ±254. */
  readonly maxWeight: number;
  /** VRRPv2 advert_int in whole seconds: 1.2.13 `atoi` truncates, 2.2.7 rounds. */
  readonly advertIntRounding: 'truncate' | 'round';
  /** preempt_delay: 1.2.13 whole seconds (`atoi`), 2.2.7 decimal. */
  readonly preemptDelayWholeSeconds: boolean;
}

/** Durations of the real daemon that are not protocol timers. */
export interface DaemonTiming {
  /**
   * From the process's start to its VRRP instances' first state: reading the config, netlink
   * and socket set-up. Measured on the bundled recordings: 8–14 ms for 2.2.7, 3–6 ms for 1.2.13.
   */
  readonly startupUs: number;
  /**
   * keepalived re-arms a periodic timer (a master's advert, a script's interval, 1.2.13's
   * priority update) from the time its event loop woke for the last run, after the deadline
   * (e.g. vrrp_init_instance_sands() adds adver_int to time_now), so each period is this much
   * longer. Measured on the bundled recordings' wire: adverts 183 µs late per interval on 2.2.7.
   * (1.2.13's drift comes from its wake-ups instead: wakeLagUs.)
   */
  readonly timerLagUs: number;
  /**
   * 2.2.7 vrrp_state_backup() sets preempt_time from a fresh timer_now(), read after the -D log
   * line "start preempt delay", so the clock starts this much after the advert that started it.
   * An advert exactly preempt_delay later is inside the delay while this exceeds the master's
   * drift over the delay (timerLagUs per interval). Measured with conform, by preempt_delay in
   * advert intervals: inside at 1 in 8 runs of 9, at 2 in 2 of 3, at 3 in 3 of 3; at 4 in 1 of 4,
   * at 8 in 0 of 2. 700 µs takes the majority outcome at each. It is a latency, and varies: CI's
   * host once ran the tie at 1 interval outside the delay 3 times in a row. Under jitter the
   * simulator draws it per advert from 0 to twice this mean, so both outcomes are reachable
   * wherever runs showed both, and the majority stays the more frequent.
   */
  readonly preemptClockLagUs: number;
  /**
   * 1.2.13 sleeps in select() (lib/scheduler.c thread_fetch), whose timeout the kernel extends by
   * its timer slack (0.1 % of the timeout, ~1 ms for 1 s), so every timer, however it was armed
   * (a master's advert timer re-armed by a received packet too), fires this much after its time,
   * and everything it re-arms counts from then. Measured on the 1.2.13 recordings' wire: adverts
   * 707 µs late per interval. 2.2.7 sleeps on a timerfd without slack and keeps 0.
   */
  readonly wakeLagUs: number;
}

export type ProfileName = 'keepalived-1.2' | 'keepalived-2.2';

export interface Profile {
  readonly name: ProfileName;
  /** The keepalived release whose behaviour this profile reproduces. */
  readonly version: string;
  readonly semantics: Semantics;
  readonly config: ConfigDialect;
  readonly timing: DaemonTiming;
}

const keepalived12: Profile = {
  name: 'keepalived-1.2',
  version: '1.2.13',
  semantics: {
    wouldBeMasterStartsInGotoMaster: true,
    twoStepMasterEntry: true,
    backupForcesElection: true,
    skewFromEffectivePriority: false,
    periodicPriorityTick: true,
    scriptFailedUntilFirstResult: true,
    faultPolled: true,
    faultHearsAdverts: true,
    preemptDelayFromFirstLowerAdvert: false,
    lastAdvertOnDemotion: true,
    equalPriorityFromLowerAddressIsLower: false,
    masterTreatsPriorityZeroAsLower: true,
    backupDeadlineFollowsPriority: false,
    instanceWaitsForFirstScriptResult: false,
    ownerTakesOverAtStart: false,
    scriptFirstResultIsTransition: false,
    startRemovesLeftoverVips: false,
    ownerHearingOwnerStepsDown: false,
    heldMemberRetriesEachInterval: true,
    groupHoldOutlastsAdverts: true,
    groupForcesElections: true,
    syncedMasterFaultsAtNextTimer: true,
  },
  config: {
    omittedPriorityIsZero: true,
    defaultsFollowStateAndPriority: false,
    masterStateClearsNopreempt: false,
    initFail: false,
    maxWeight: 254,
    advertIntRounding: 'truncate',
    preemptDelayWholeSeconds: true,
  },
  timing: { startupUs: 4_000, timerLagUs: 0, preemptClockLagUs: 0, wakeLagUs: 700 },
};

const keepalived22: Profile = {
  name: 'keepalived-2.2',
  version: '2.2.7',
  semantics: {
    wouldBeMasterStartsInGotoMaster: false,
    twoStepMasterEntry: false,
    backupForcesElection: false,
    skewFromEffectivePriority: true,
    periodicPriorityTick: false,
    scriptFailedUntilFirstResult: false,
    faultPolled: false,
    faultHearsAdverts: false,
    preemptDelayFromFirstLowerAdvert: true,
    lastAdvertOnDemotion: false,
    equalPriorityFromLowerAddressIsLower: true,
    masterTreatsPriorityZeroAsLower: false,
    backupDeadlineFollowsPriority: true,
    instanceWaitsForFirstScriptResult: true,
    ownerTakesOverAtStart: true,
    scriptFirstResultIsTransition: true,
    startRemovesLeftoverVips: true,
    ownerHearingOwnerStepsDown: true,
    heldMemberRetriesEachInterval: false,
    groupHoldOutlastsAdverts: false,
    groupForcesElections: false,
    syncedMasterFaultsAtNextTimer: false,
  },
  config: {
    omittedPriorityIsZero: false,
    defaultsFollowStateAndPriority: true,
    masterStateClearsNopreempt: true,
    initFail: true,
    maxWeight: 253,
    advertIntRounding: 'round',
    preemptDelayWholeSeconds: false,
  },
  timing: { startupUs: 10_000, timerLagUs: 200, preemptClockLagUs: 700, wakeLagUs: 0 },
};

export const profiles: Readonly<Record<ProfileName, Profile>> = {
  'keepalived-1.2': keepalived12,
  'keepalived-2.2': keepalived22,
};

export const profileNames: readonly ProfileName[] = ['keepalived-1.2', 'keepalived-2.2'];

export function isProfileName(name: string): name is ProfileName {
  return name === 'keepalived-1.2' || name === 'keepalived-2.2';
}

/** A profile with some switches flipped: how tests build a deliberately different keepalived. */
export function withSemantics(profile: Profile, changes: Partial<Semantics>): Profile {
  return { ...profile, semantics: { ...profile.semantics, ...changes } };
}
