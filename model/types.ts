import type { DaemonTiming, Semantics } from './profiles.ts';

/**
 * What keepalived knows of a tracked object: no result yet (scripts only), good, or bad; for a
 * track_file, the number the file holds.
 */
export type TrackerStatus = 'init' | 'up' | 'down' | number;

interface TrackerBase {
  readonly name: string;
  /** −254..254; 0 means the instance goes to FAULT while the object is bad. */
  readonly weight: number;
  /**
   * `weight N reverse` (2.2.7 weight_multiplier −1): a weight-0 object faults while good, and a
   * weighted one counts with the opposite sign.
   */
  readonly reverse?: boolean;
}

/** A `track_script` entry of an instance. The script itself runs in the simulator (vrrp_script). */
export interface ScriptTracker extends TrackerBase {
  readonly kind: 'script';
}

/** A `track_interface` entry, or the instance's own interface (tracked with weight 0 by default). */
export interface InterfaceTracker extends TrackerBase {
  readonly kind: 'interface';
  /** The interface the instance runs VRRP on. */
  readonly own: boolean;
}

/**
 * A `track_file` entry (2.2.7 track_file.c): the file's number times the weight counts toward
 * the priority (−254 or less: FAULT); with weight 0 a non-zero number means FAULT.
 */
export interface FileTracker extends TrackerBase {
  readonly kind: 'file';
}

/** A `track_process` entry (2.2.7 vrrp_track_process): good while the process has its quorum. */
export interface ProcessTracker extends TrackerBase {
  readonly kind: 'process';
}

export type Tracker = ScriptTracker | InterfaceTracker | FileTracker | ProcessTracker;

/** One `vrrp_instance`, resolved: every default applied for the profile. */
export interface InstanceConfig {
  readonly name: string;
  readonly vrid: number;
  readonly interface: string;
  /** Source address of our adverts (unicast_src_ip or the interface's primary address). */
  readonly address: string;
  /** `address` as an unsigned 32-bit number, for the tie-break between equal priorities. */
  readonly addressNum: number;
  /** 1..255; 0 only for keepalived 1.2.13 with `priority` omitted. */
  readonly basePriority: number;
  readonly advertIntUs: number;
  readonly initialState: 'MASTER' | 'BACKUP';
  readonly nopreempt: boolean;
  readonly preemptDelayUs: number;
  /** The own interface comes first (unless dont_track_primary), then track_interface, then track_script. */
  readonly trackers: readonly Tracker[];
  readonly vips: readonly string[];
  /** The vrrp_sync_group it is a member of (its siblings move with it), if any. */
  readonly syncGroup?: string;
  /**
   * Every member of its sync group is an address owner that wants MASTER: the members keep
   * wantstate MASTER (2.2.7 vrrp_complete_init "make sure that if any sync group has member
   * wanting to start in master state, then all can start in master state").
   */
  readonly groupOfOwners?: boolean;
  /** 2.2.7 lower_prio_no_advert: a master does not answer a lower priority advert. */
  readonly lowerPrioNoAdvert?: boolean;
  /** 2.2.7 higher_prio_send_advert: a master yielding to a higher advert sends one advert first. */
  readonly higherPrioSendAdvert?: boolean;
  /** 2.2.7 global_defs vrrp_startup_delay, µs: no master-down deadline ends before start + this. */
  readonly startupDelayUs?: number;
}

/** keepalived's sync group state (vrrp_sgroup_t state). */
export type GroupState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT';

/**
 * What an instance in a vrrp_sync_group sees of its group when an event reaches it: the world
 * gathers it from the group's state and the other members' machines.
 */
export interface GroupView {
  readonly state: GroupState;
  /**
   * Every other member wants MASTER (is MASTER, or was held in BACKUP by the group when its own
   * master-down timer fired): vrrp_sync_can_goto_master (2.2.7), vrrp_sync_goto_master (1.2.13).
   */
  readonly othersWantMaster: boolean;
  /**
   * Another member is down on its own trackers (2.2.7 num_member_fault, num_member_init; 1.2.13
   * vrrp_sync_group_up). At START: a member configured before it.
   */
  readonly othersDown: boolean;
}

/** What a member asks of its siblings: keepalived vrrp_sync_master/backup/fault, 1.2.13 vrrp_sync_master_election. */
export type GroupSync = 'MASTER' | 'BACKUP' | 'FAULT' | 'ELECTION';

/** Machine input: one instance of one router. */
export interface InstanceInput {
  readonly semantics: Semantics;
  readonly timing: DaemonTiming;
  readonly config: InstanceConfig;
}

/** Marks "no deadline" (keepalived `TIMER_DISABLED`). */
export const NO_DEADLINE = -1;

export interface InstanceContext {
  readonly semantics: Semantics;
  readonly timing: DaemonTiming;
  readonly config: InstanceConfig;
  /** Lowered to 254 when two owners meet (2.2.7 vrrp_state_master_rx). */
  readonly basePriority: number;
  readonly effectivePriority: number;
  readonly trackers: readonly TrackerStatus[];
  /** keepalived `ms_down_timer`: the interval the next BACKUP/FAULT deadline is computed from. */
  readonly msDownTimerUs: number;
  /** keepalived `sands`: the instance's one deadline, absolute µs, or NO_DEADLINE. */
  readonly sands: number;
  /** 1.2.13 `wantstate == GOTO_MASTER` while still BACKUP, after forcing an election. */
  readonly wantMaster: boolean;
  /** 2.2.7 owner still in its start-up phase (`wantstate == MASTER`), cleared on FAULT. */
  readonly ownerWantsMaster: boolean;
  /** keepalived `preempt_time`, absolute µs; 0 means the 2.2.7 clock is not running. */
  readonly preemptTimeUs: number;
  /**
   * keepalived `wantstate` MASTER while the instance stays BACKUP: its master-down timer fired,
   * but its sync group was not ready (vrrp_sync_can_goto_master); 2.2.7 drops it at the next
   * accepted advert, 1.2.13 keeps it.
   */
  readonly heldByGroup: boolean;
  /** 1.2.13 `wantstate == GOTO_FAULT`: a MASTER synced to FAULT by its group leaves at its next timer. */
  readonly faultPending: boolean;
  /** 2.2.7 vrrp_delayed_start_time, absolute µs; 0: none. */
  readonly delayedStartUs: number;
}

interface Timed {
  /** Virtual time in µs. */
  readonly now: number;
  /** For a member of a vrrp_sync_group: its group, as the event finds it. */
  readonly group?: GroupView;
}

export type InstanceEvent =
  | (Timed & { readonly type: 'START'; readonly trackers: readonly TrackerStatus[] })
  | (Timed & { readonly type: 'STOP' })
  | (Timed & { readonly type: 'TIMER' })
  | (Timed & {
      readonly type: 'ADVERT';
      readonly from: string;
      readonly fromNum: number;
      readonly priority: number;
      /**
       * µs from reading this advert to a fresh clock read in the same handler (2.2.7
       * vrrp_state_backup's timer_now() after the -D log line); the profile's measured
       * preemptClockLagUs when absent. The simulator draws it under jitter.
       */
      readonly clockLagUs?: number;
    })
  | (Timed & { readonly type: 'TRACKER'; readonly index: number; readonly status: TrackerStatus })
  | (Timed & { readonly type: 'PRIORITY_TICK' })
  /** A sibling of the sync group syncs it (keepalived vrrp_sync_master/backup/fault/master_election). */
  | (Timed & { readonly type: 'GROUP'; readonly to: GroupSync });

/**
 * A keepalived log message as data. The renderer turns it into the exact text of a profile;
 * `detail` marks messages keepalived prints only with -D (--log-detail).
 */
export type LogMessage =
  | { readonly msg: 'entering-backup'; readonly init?: boolean }
  | { readonly msg: 'transition-to-master' }
  | { readonly msg: 'entering-master' }
  | { readonly msg: 'entering-fault' }
  | { readonly msg: 'now-in-fault' }
  | { readonly msg: 'fault-at-start'; readonly cause: 'interface' | 'script'; readonly tracker: string }
  | { readonly msg: 'entering-fault-at-start' }
  | { readonly msg: 'kernel-reports-down'; readonly interfaces: readonly string[] }
  | { readonly msg: 'kernel-reports-up'; readonly interface: string; readonly tracked: boolean }
  | { readonly msg: 'higher-priority-advert'; readonly from: string; readonly priority: number; readonly ours: number }
  | { readonly msg: 'same-priority-higher-address'; readonly from: string; readonly priority: number }
  | {
      readonly msg: 'lower-priority-advert';
      readonly from: string;
      readonly priority: number;
      readonly ours: number;
      /** 2.2.7 lower_prio_no_advert: no answer, and no ", forcing new election" in the line. */
      readonly quiet?: true;
    }
  | { readonly msg: 'forcing-election' }
  | { readonly msg: 'discarding-lower-advert'; readonly from: string; readonly priority: number }
  | { readonly msg: 'prio-higher-than-advert' }
  | { readonly msg: 'two-owners' }
  | { readonly msg: 'backup-received-priority-zero' }
  | { readonly msg: 'master-received-priority-zero' }
  | { readonly msg: 'advert-timeout' }
  | { readonly msg: 'sending-priority-zero' }
  | { readonly msg: 'setting-vips' }
  | { readonly msg: 'removing-vips' }
  | { readonly msg: 'preempt-delay-start'; readonly delayUs: number }
  | { readonly msg: 'preempt-delay-stop' }
  /** vrrp_sync_master/backup/fault: "VRRP_Group(G) Syncing instances to MASTER state". */
  | { readonly msg: 'group-syncing'; readonly group: string; readonly to: 'MASTER' | 'BACKUP' | 'FAULT' }
  /** 2.2.7 initialise_tracking_priorities: "VRRP_Group(G): Syncing VI_1 to FAULT state". */
  | { readonly msg: 'group-fault-at-start'; readonly group: string }
  /** 1.2.13 vrrp_sync_master_election: "VRRP_Group(G) Transition to MASTER state". */
  | { readonly msg: 'group-transition-to-master'; readonly group: string }
  /** 1.2.13 vrrp_sync_leave_fault: "Kernel is reporting: Group(G) UP", "VRRP_Group(G) Leaving FAULT state". */
  | { readonly msg: 'group-leaving-fault'; readonly group: string };

export type LogKey = LogMessage['msg'];
