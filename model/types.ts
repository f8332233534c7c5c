import type { DaemonTiming, Semantics } from './profiles.ts';

/** What keepalived knows of a tracked object: no result yet (scripts only), good, or bad. */
export type TrackerStatus = 'init' | 'up' | 'down';

/** A `track_script` entry of an instance. The script itself runs in the simulator (vrrp_script). */
export interface ScriptTracker {
  readonly kind: 'script';
  readonly name: string;
  /** −254..254; 0 means the instance goes to FAULT while the script fails. */
  readonly weight: number;
}

/** A `track_interface` entry, or the instance's own interface (tracked with weight 0 by default). */
export interface InterfaceTracker {
  readonly kind: 'interface';
  readonly name: string;
  readonly weight: number;
  /** The interface the instance runs VRRP on. */
  readonly own: boolean;
}

export type Tracker = ScriptTracker | InterfaceTracker;

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
}

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
}

interface Timed {
  /** Virtual time in µs. */
  readonly now: number;
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
  | (Timed & { readonly type: 'PRIORITY_TICK' });

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
  | { readonly msg: 'lower-priority-advert'; readonly from: string; readonly priority: number; readonly ours: number }
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
  | { readonly msg: 'preempt-delay-stop' };

export type LogKey = LogMessage['msg'];
