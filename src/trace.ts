import type { LogMessage } from '../model/types.ts';
import type { Jitter, Races, ScenarioEventKind, ScriptOutcome } from './scenario.ts';

/** The states a trace shows. TRANSITION is 1.2.13's MASTER-without-VIPs; GOTO_MASTER its silent start. */
export type TraceState = 'INIT' | 'GOTO_MASTER' | 'BACKUP' | 'TRANSITION' | 'MASTER' | 'FAULT' | 'STOPPED';

/** Messages a router logs outside any instance (script results, interfaces, start and stop). */
export type RouterLogMessage =
  | { readonly msg: 'script-succeeded'; readonly script: string }
  | { readonly msg: 'script-failed'; readonly script: string; readonly status: number }
  | { readonly msg: 'script-now-returning'; readonly script: string; readonly status: number }
  | { readonly msg: 'interface-changed'; readonly interface: string; readonly up: boolean }
  | { readonly msg: 'config-warning'; readonly text: string }
  | { readonly msg: 'stopping' }
  /** A run of the script outlived its timeout: killed, and counted as a failure. */
  | { readonly msg: 'script-timed-out'; readonly script: string }
  /** 2.2.7 process_update_track_process_status. */
  | { readonly msg: 'process-quorum'; readonly process: string; readonly up: boolean }
  /** 2.2.7 start_vrrp: global_defs vrrp_startup_delay. */
  | { readonly msg: 'startup-delay'; readonly seconds: number };

interface At {
  /** Seconds since the scenario's start. */
  readonly t: number;
  readonly router: string;
}

export type TraceEntry =
  | (At & {
      readonly kind: 'event';
      readonly do: ScenarioEventKind;
      readonly script?: string;
      readonly file?: string;
      readonly process?: string;
      readonly value?: number;
      readonly interface?: string;
    })
  | (At & { readonly kind: 'state'; readonly instance: string; readonly state: TraceState; readonly from: TraceState })
  | (At & {
      readonly kind: 'priority';
      readonly instance: string;
      readonly from: number;
      readonly to: number;
      /** Changed without keepalived's vrrp_set_effective_priority (so 2.2.7 logs nothing). */
      readonly silent?: true;
    })
  | (At & {
      readonly kind: 'advert';
      readonly instance: string;
      readonly vrid: number;
      readonly priority: number;
      /** False when the advert never reached the LAN (link down, cut or isolated; unicast to no router here). */
      readonly wire: boolean;
      /** Unicast: the peers it went to, one packet each (the listed peers that are a router's address). */
      readonly to?: readonly string[];
    })
  | (At & { readonly kind: 'vip'; readonly instance: string; readonly held: boolean })
  | (At & { readonly kind: 'log'; readonly instance: string } & LogMessage)
  | (At & { readonly kind: 'log'; readonly instance?: undefined } & RouterLogMessage)
  // world facts: what the harness made of the router, recorded when it changes
  /** The keepalived process exists (from its start to its stop or kill). */
  | (At & { readonly kind: 'process'; readonly running: boolean })
  /** An interface is up: administratively up (linkup) and with carrier (uncut). */
  | (At & { readonly kind: 'link'; readonly interface: string; readonly up: boolean })
  /** A silent partition: the router's adverts reach nobody and nobody's reach it. */
  | (At & { readonly kind: 'isolated'; readonly isolated: boolean })
  /** What a vrrp_script returns from now on (the scenario's fail, ok and hang: a hung run fails at its timeout). */
  | (At & { readonly kind: 'check'; readonly script: string; readonly ok: boolean; readonly hang?: true })
  /** The number a track_file holds from now on. */
  | (At & { readonly kind: 'file'; readonly file: string; readonly value: number })
  /** A tracked process (vrrp_track_process) runs or not from now on. */
  | (At & { readonly kind: 'tracked-process'; readonly process: string; readonly running: boolean })
  /** Time stopped moving: more than LIVELOCK_STEPS steps at this instant; the run ends here. */
  | (At & { readonly kind: 'livelock'; readonly steps: number });

export type TraceKind = TraceEntry['kind'];

/** A tracked object of an instance: its own interface, a track_interface or a track_script. */
export interface TraceTracker {
  readonly kind: 'interface' | 'script' | 'file' | 'process';
  readonly name: string;
  /**
   * 0: a failure means FAULT; otherwise added to the priority while good (positive) or bad
   * (negative). A file: its number × weight is added (−254 or less: FAULT; weight 0: non-zero is FAULT).
   */
  readonly weight: number;
  /** `reverse`: the weight counts with the opposite sign (weight 0: FAULT while good). */
  readonly reverse?: true;
}

export interface TraceInstance {
  readonly name: string;
  readonly vrid: number;
  /** The interface it runs VRRP on. */
  readonly interface: string;
  /**
   * The LAN its VRID runs on: the instances of one VRID with the same `lan` compete in one
   * election (the same interface, or linked by a unicast_peer list); named by their interfaces.
   */
  readonly lan: string;
  /** Effective priority when the instance starts (its configured priority, or 100 if 1.2.13 had none). */
  readonly priority: number;
  /** The base priority the trackers' weights are added to (0 when 1.2.13 had none configured). */
  readonly base: number;
  /** Seconds. */
  readonly advertInt: number;
  readonly vips: number;
  /** Unicast peers; empty for multicast. */
  readonly peers: readonly string[];
  /** The initial state and nopreempt as the version runs them (2.2.7 clears nopreempt under `state MASTER`). */
  readonly state: 'MASTER' | 'BACKUP';
  readonly nopreempt: boolean;
  /** Seconds; 0 when none. */
  readonly preemptDelay: number;
  /** What the keepalived.conf says, before the version's clean-ups. */
  readonly written: { readonly nopreempt: boolean; readonly state?: 'MASTER' | 'BACKUP' };
  readonly trackers: readonly TraceTracker[];
  /** 2.2.7 lower_prio_no_advert (or strict_mode), as the version runs it: a master does not answer a lower advert. */
  readonly lowerPrioNoAdvert?: true;
  /** 2.2.7 higher_prio_send_advert, as the version runs it: a master yielding to a higher advert sends one first. */
  readonly higherPrioSendAdvert?: true;
}

/** A track_file as the run used it. */
export interface TraceFile {
  readonly name: string;
  /** The number it held when the run began. */
  readonly initially: number;
}

/** A vrrp_track_process as the run used it. */
export interface TraceProcess {
  readonly name: string;
  /** It ran (had its quorum) when the run began. */
  readonly initially: boolean;
  /** Seconds keepalived waits before it believes the process gone (terminate_delay) or back (fork_delay). */
  readonly lostDelay: number;
  readonly gainedDelay: number;
}

/** A vrrp_sync_group: its members move together. */
export interface TraceSyncGroup {
  readonly name: string;
  /** Its instances' names. */
  readonly members: readonly string[];
}

/** A vrrp_script as the run used it. */
export interface TraceScript {
  readonly name: string;
  /** Seconds between runs. */
  readonly interval: number;
  readonly rise: number;
  readonly fall: number;
  /** What it returned from the start of the run. */
  readonly initially: ScriptOutcome;
  /** Seconds a run may take before it is killed and counts as a failure. */
  readonly timeout: number;
  /** `init_fail`: the script counts as failed until it succeeds `rise` times (2.2.7). */
  readonly initFail: boolean;
}

export interface TraceRouter {
  readonly name: string;
  readonly address: string;
  /** The interface the scenario's link events name by default (its first instance's). */
  readonly lan: string;
  readonly instances: readonly TraceInstance[];
  readonly scripts: readonly TraceScript[];
  readonly files: readonly TraceFile[];
  readonly processes: readonly TraceProcess[];
  readonly syncGroups: readonly TraceSyncGroup[];
  /** Seconds (global_defs vrrp_startup_delay): no instance becomes MASTER by timeout before start + this. */
  readonly startupDelay: number;
}

/** What the simulated keepalived takes time for, as facts of the run (seconds). */
export interface TraceDaemon {
  /** From a start to the instances' first state. */
  readonly startup: number;
  /** FAULT is left only when a timer polls the trackers (1.2.13), not at once. */
  readonly faultPolled: boolean;
  /** How much later each period of a periodic timer (adverts, scripts) ends than its interval: the event loop re-arms it from its wake-up. */
  readonly periodLag: number;
  /** How late every timer fires after its time (1.2.13's select() timer slack); 0 for 2.2.7. */
  readonly wakeLag: number;
}

/** A run's full record: what was simulated and what happened, as plain JSON. */
export interface Trace {
  readonly profile: string;
  /** Seconds. */
  readonly until: number;
  readonly daemon: TraceDaemon;
  /** The scenario's jitter, when it had one. */
  readonly jitter?: Jitter;
  /** The scenario's race choices, when it had them. */
  readonly races?: Races;
  readonly routers: readonly TraceRouter[];
  readonly entries: readonly TraceEntry[];
}
